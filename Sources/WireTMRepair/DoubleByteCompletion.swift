/// The well-formed UTF-8 completions of a damaged span: which characters every completion
/// agrees on (restored) and which it does not (one U+FFFD each). The same algorithm as
/// `completion` in `scripts/mojibake/doublebyte.py`, which writes the fixtures' expected text.
///
/// A forward pass over the units runs a UTF-8 automaton whose state also carries the value
/// of the previous lost byte (the decoder refused it before this unit's first byte, so the
/// two must not form a pair); it keeps, per state, the fewest characters that reach it. A
/// backward pass keeps the choices that some completion uses. A unit with a single such
/// choice is certain; a character made only of certain bytes is the same in every
/// completion (a fixed lead byte starts a character in all of them).
struct DoubleByteCompletion {
  /// The text: restored characters, U+FFFD for the others.
  var text: [UInt32]
  /// Restored multi-byte characters made only of known bytes (evidence for a CJK run).
  var certainMultibyte: Int
  /// Restored characters that take a byte from a character of the page (not only from
  /// ASCII or lost bytes): "셲" giving the "s" of "company’s" counts, a U+FFFD merged with
  /// its neighbours into another U+FFFD does not.
  var certainFromPage: Int

  /// Packed automaton state: continuation bytes still needed (0...3), the allowed range of
  /// the next one (index into `ranges`) and the previous lost byte (see `pack`).
  private typealias State = Int

  private static let ranges: [(low: UInt8, high: UInt8)] = [
    (0x80, 0xBF), (0xA0, 0xBF), (0x80, 0x9F), (0x90, 0xBF), (0x80, 0x8F),
  ]

  /// The previous lost byte is 0x80...0xFF, or 0 for none: packed as 0...128.
  @inline(__always)
  private static func pack(need: Int, range: Int, pending: UInt8) -> State {
    (need * 5 + range) * 129 + (pending == 0 ? 0 : Int(pending) - 0x7F)
  }

  /// The automaton after `byte`, or nil when UTF-8 cannot continue with it.
  @inline(__always)
  private static func feed(_ need: Int, _ range: Int, _ byte: UInt8) -> (need: Int, range: Int)? {
    if need > 0 {
      let allowed = ranges[range]
      return byte >= allowed.low && byte <= allowed.high ? (need - 1, 0) : nil
    }
    switch byte {
    case 0x00...0x7F: return (0, 0)
    case 0xC2...0xDF: return (1, 0)
    case 0xE0: return (2, 1)
    case 0xED: return (2, 2)
    case 0xE1...0xEF: return (2, 0)
    case 0xF0: return (3, 3)
    case 0xF1...0xF3: return (3, 0)
    case 0xF4: return (3, 4)
    default: return nil
    }
  }

  /// The state after `code` (or the lost byte `code`) from `state`, with the characters it
  /// starts (a lost four-byte lead counting four), or nil when the choice is impossible.
  @inline(__always)
  private static func step(_ state: State, code: UInt16, lost: Bool, page: DoubleBytePage)
    -> (state: State, added: Int)?
  {
    let packedPending = state % 129
    let pending = packedPending == 0 ? UInt8(0) : UInt8(packedPending + 0x7F)
    var need = (state / 129) / 5
    var range = (state / 129) % 5
    let first = UInt8(code < 0x100 ? code : code >> 8)
    if lost && page.isSingle(first) { return nil }
    if pending != 0 && page.isPair(pending, first) { return nil }
    var added = 0
    func take(_ byte: UInt8) -> Bool {
      if need == 0 {
        added += 1
        if lost && byte >= 0xF0 { added += 3 }
      }
      guard let next = feed(need, range, byte) else { return false }
      need = next.need
      range = next.range
      return true
    }
    if code < 0x100 {
      guard take(first) else { return nil }
    } else {
      guard take(first), take(UInt8(code & 0xFF)) else { return nil }
    }
    return (pack(need: need, range: range, pending: lost ? first : 0), added)
  }

  /// The bytes a lost byte may be from `state`: a continuation byte in the allowed range,
  /// or a lead byte.
  private static func lostChoices(_ state: State) -> ClosedRange<UInt16> {
    let need = (state / 129) / 5
    if need > 0 {
      let allowed = ranges[(state / 129) % 5]
      return UInt16(allowed.low)...UInt16(allowed.high)
    }
    return 0xC2...0xF4
  }

  /// One more than the largest packed state.
  private static let stateCount = 20 * 129

  private struct Entry {
    var state: State
    var characters: Int
    var previous: Int
    var code: UInt16
  }

  /// The completion of `units`, or nil when no well-formed UTF-8 completion exists.
  static func complete(_ units: [DoubleByteUnit], page: DoubleBytePage) -> DoubleByteCompletion? {
    if let known = knownBytes(units) { return validate(known.bytes, fromPage: known.fromPage) }
    guard prefixIsWellFormed(units) else { return nil }
    let count = units.count
    // Forward: per position, the states reached with the fewest characters.
    var forward: [[Entry]] = [[Entry(state: 0, characters: 0, previous: -1, code: 0)]]
    forward.reserveCapacity(count + 1)
    // State -> index in `next` + 1 (0: not reached yet), indexed directly: there are
    // 20 * 129 states, and hashing would cost more than the whole automaton.
    var lookup = [Int16](repeating: 0, count: stateCount)
    for unit in units {
      var next: [Entry] = []
      for (index, entry) in forward[forward.count - 1].enumerated() {
        func consider(_ code: UInt16, lost: Bool) {
          guard let (state, added) = step(entry.state, code: code, lost: lost, page: page) else {
            return
          }
          let characters = entry.characters + added
          let existing = Int(lookup[state]) - 1
          if existing >= 0 {
            if characters < next[existing].characters {
              next[existing] = Entry(
                state: state, characters: characters, previous: index, code: code)
            }
          } else {
            lookup[state] = Int16(next.count + 1)
            next.append(Entry(state: state, characters: characters, previous: index, code: code))
          }
        }
        switch unit {
        case .known(let codes):
          for code in codes { consider(code, lost: false) }
        case .lost:
          for byte in lostChoices(entry.state) { consider(byte, lost: true) }
        }
      }
      for entry in next { lookup[entry.state] = 0 }
      if next.isEmpty { return nil }
      forward.append(next)
    }
    // Completions end on a character boundary.
    guard
      let final = forward[count].indices.filter({ forward[count][$0].state / 129 == 0 })
        .min(by: { forward[count][$0].characters < forward[count][$1].characters })
    else { return nil }
    // Backward: the states that still reach a final state, and per unit whether only one
    // choice does.
    var alive = [Bool](repeating: false, count: stateCount)
    var living = [Bool](repeating: false, count: stateCount)
    for entry in forward[count] where entry.state / 129 == 0 { alive[entry.state] = true }
    var certain = [Bool](repeating: true, count: count)
    for position in stride(from: count - 1, through: 0, by: -1) {
      var seen: UInt16? = nil
      var several = false
      for entry in forward[position] {
        func consider(_ code: UInt16, lost: Bool) {
          guard let (state, _) = step(entry.state, code: code, lost: lost, page: page),
            alive[state]
          else { return }
          living[entry.state] = true
          if let seen, seen != code { several = true }
          seen = code
        }
        switch units[position] {
        case .known(let codes):
          for code in codes { consider(code, lost: false) }
        case .lost:
          for byte in lostChoices(entry.state) { consider(byte, lost: true) }
        }
      }
      certain[position] = !several
      for entry in forward[position + 1] { alive[entry.state] = false }
      swap(&alive, &living)
    }
    // The fewest-character completion, then its characters.
    var codes = [UInt16](repeating: 0, count: count)
    var index = final
    for position in stride(from: count, to: 0, by: -1) {
      let entry = forward[position][index]
      codes[position - 1] = entry.code
      index = entry.previous
    }
    var bytes: [UInt8] = []
    var sure: [Bool] = []
    var known: [Bool] = []
    var fromPage: [Bool] = []
    bytes.reserveCapacity(count * 2)
    for position in 0..<count {
      let code = codes[position]
      let isKnown: Bool
      if case .lost = units[position] { isKnown = false } else { isKnown = true }
      let isPage = isKnown && code >= 0x80
      if code >= 0x100 {
        bytes.append(UInt8(code >> 8))
        sure.append(certain[position])
        known.append(isKnown)
        fromPage.append(isPage)
      }
      bytes.append(UInt8(code & 0xFF))
      sure.append(certain[position])
      known.append(isKnown)
      fromPage.append(isPage)
    }
    var text: [UInt32] = []
    var certainMultibyte = 0
    var certainFromPage = 0
    var start = 0
    while start < bytes.count {
      let lead = bytes[start]
      let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
      let range = start..<(start + length)
      if sure[range].allSatisfy({ $0 }) {
        text.append(decode(bytes[range]))
        if length > 1 && known[range].allSatisfy({ $0 }) { certainMultibyte += 1 }
        if fromPage[range].contains(true) { certainFromPage += 1 }
      } else {
        text.append(0xFFFD)
      }
      start += length
    }
    return DoubleByteCompletion(
      text: text, certainMultibyte: certainMultibyte, certainFromPage: certainFromPage)
  }

  /// Whether the known bytes before the first lost or ambiguous unit can start UTF-8 text
  /// (most clean words fail on their first byte, before any table of states is built).
  private static func prefixIsWellFormed(_ units: [DoubleByteUnit]) -> Bool {
    var need = 0
    var range = 0
    for unit in units {
      guard case .known(let codes) = unit, codes.count == 1 else { return true }
      let code = codes[0]
      if code >= 0x100 {
        guard let next = feed(need, range, UInt8(code >> 8)) else { return false }
        (need, range) = next
      }
      guard let next = feed(need, range, UInt8(code & 0xFF)) else { return false }
      (need, range) = next
    }
    return true
  }

  /// The bytes of `units` when none is lost and each has one code (the common case,
  /// which needs no search), else nil.
  private static func knownBytes(_ units: [DoubleByteUnit]) -> (bytes: [UInt8], fromPage: [Bool])? {
    var bytes: [UInt8] = []
    var fromPage: [Bool] = []
    bytes.reserveCapacity(units.count * 2)
    fromPage.reserveCapacity(units.count * 2)
    for unit in units {
      guard case .known(let codes) = unit, codes.count == 1 else { return nil }
      let code = codes[0]
      if code >= 0x100 {
        bytes.append(UInt8(code >> 8))
        fromPage.append(true)
      }
      bytes.append(UInt8(code & 0xFF))
      fromPage.append(code >= 0x80)
    }
    return (bytes, fromPage)
  }

  /// The completion of bytes all known: their UTF-8 decoding, or nil when ill-formed.
  private static func validate(_ bytes: [UInt8], fromPage: [Bool]) -> DoubleByteCompletion? {
    var text: [UInt32] = []
    text.reserveCapacity(bytes.count)
    var multibyte = 0
    var certainFromPage = 0
    var index = 0
    while index < bytes.count {
      guard let (need, range) = feed(0, 0, bytes[index]) else { return nil }
      var state = (need: need, range: range)
      var end = index + 1
      while state.need > 0 {
        guard end < bytes.count, let next = feed(state.need, state.range, bytes[end]) else {
          return nil
        }
        state = next
        end += 1
      }
      text.append(decode(bytes[index..<end]))
      if end - index > 1 { multibyte += 1 }
      if fromPage[index..<end].contains(true) { certainFromPage += 1 }
      index = end
    }
    return DoubleByteCompletion(
      text: text, certainMultibyte: multibyte, certainFromPage: certainFromPage)
  }

  /// The scalar of one well-formed UTF-8 sequence.
  private static func decode(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var value = UInt32(bytes[bytes.startIndex])
    switch bytes.count {
    case 1: return value
    case 2: value &= 0x1F
    case 3: value &= 0x0F
    default: value &= 0x07
    }
    for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
    return value
  }
}
