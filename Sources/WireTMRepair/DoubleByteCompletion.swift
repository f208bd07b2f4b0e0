/// One character of the damaged text: the codes it may stand for (a byte below 0x100, or
/// lead << 8 | trail; up to three, as CP932 maps some characters from three places), or one
/// lost byte (a U+FFFD). A value type without storage on the heap: spans are cut into units
/// by the thousand.
struct DoubleByteUnit: Hashable, Sendable {
  private var first: UInt16
  private var second: UInt16
  private var third: UInt16
  /// How many codes (0: a lost byte), in 16 bits: a unit is 8 bytes.
  private var storedCount: UInt16
  /// How many codes (0: a lost byte).
  var count: Int { Int(storedCount) }

  static let lost = DoubleByteUnit(first: 0, second: 0, third: 0, count: 0)

  static func known(_ codes: UInt16...) -> DoubleByteUnit {
    DoubleByteUnit(
      first: codes[0], second: codes.count > 1 ? codes[1] : 0,
      third: codes.count > 2 ? codes[2] : 0, count: min(codes.count, 3))
  }

  init(first: UInt16, second: UInt16 = 0, third: UInt16 = 0, count: Int) {
    self.first = first
    self.second = second
    self.third = third
    self.storedCount = UInt16(truncatingIfNeeded: count)
  }

  var isLost: Bool { count == 0 }

  @inline(__always)
  func code(_ index: Int) -> UInt16 {
    index == 0 ? first : index == 1 ? second : third
  }
}

/// The well-formed UTF-8 completions of a damaged span: which characters every completion
/// agrees on (restored) and which it does not (one U+FFFD each). The same algorithm as
/// `completion` in `scripts/mojibake/doublebyte.py`, which writes the fixtures' expected text.
///
/// A forward pass over the units runs a UTF-8 automaton whose state also carries the value
/// of a lost byte when the unit after it is not known yet (the decoder refused the lost
/// byte before that unit's first byte, so the two must not form a pair); it keeps, per
/// state, the fewest characters that reach it. A backward pass keeps the choices that some
/// completion uses. A unit with a single such choice is certain; a character made only of
/// certain bytes is the same in every completion (a fixed lead byte starts a character in
/// all of them).
struct DoubleByteCompletion {
  /// Units read in place (see `complete(units:page:scratch:appendingTo:firstPool:wellFormed:)`).
  typealias Units = UnsafeBufferPointer<DoubleByteUnit>

  /// The text: restored characters, U+FFFD for the others.
  var text: [UInt32]
  /// Restored multi-byte characters made only of known bytes (evidence for a CJK run).
  var certainMultibyte: Int
  /// Restored characters that take a byte from a character of the page (not only from
  /// ASCII or lost bytes): "셲" giving the "s" of "company’s" counts, a U+FFFD merged with
  /// its neighbours into another U+FFFD does not.
  var certainFromPage: Int

  /// Packed automaton state: continuation bytes still needed (0...3), the allowed range of
  /// the next one (0...4, see `allowed`) and the previous lost byte (see `pack`). States
  /// without a previous lost byte are 0..<20, so a span without lost bytes in a row needs
  /// tables of one row of states only (`stateStride`).
  fileprivate typealias State = Int

  /// The continuation bytes range `range` of the automaton allows: 80-BF, A0-BF (after
  /// E0), 80-9F (after ED), 90-BF (after F0), 80-8F (after F4). A switch, not a static
  /// table: a table would be read through a lazy global on every byte.
  @inline(__always)
  private static func allowed(_ range: Int) -> (low: UInt8, high: UInt8) {
    switch range {
    case 0: return (0x80, 0xBF)
    case 1: return (0xA0, 0xBF)
    case 2: return (0x80, 0x9F)
    case 3: return (0x90, 0xBF)
    default: return (0x80, 0x8F)
    }
  }

  /// The states of the automaton without a carried lost byte; with one, its row of pairs
  /// (1 up to `DoubleBytePage.PairRows.count`) multiplies them.
  static let automatonStates = 20

  /// States are numbered `pendingRow * stateStride + automaton state`: a power of two
  /// above `automatonStates`, so that a step splits a state with a shift and a mask rather
  /// than a division (the automaton states 20...31 of each row are never reached).
  static let stateStride = 32

  /// The carried lost byte is its row of pairs, 1 up to a dozen or so, or 0 for none.
  @inline(__always)
  private static func pack(need: Int, range: Int, pendingRow: Int) -> State {
    pendingRow &* stateStride &+ need &* 5 &+ range
  }

  /// The automaton part of `state` (need * 5 + range).
  @inline(__always)
  private static func automaton(of state: State) -> Int { state & (stateStride - 1) }

  @inline(__always)
  private static func need(of state: State) -> Int { automaton(of: state) / 5 }

  /// The automaton after `byte`, or nil when UTF-8 cannot continue with it.
  @inline(__always)
  private static func feed(_ need: Int, _ range: Int, _ byte: UInt8) -> (need: Int, range: Int)? {
    if need > 0 {
      let allowed = allowed(range)
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

  /// Bits `low...high` of a 64-bit mask.
  @inline(__always)
  private static func bitSpan(_ low: Int, _ high: Int) -> UInt64 {
    (UInt64.max >> UInt64(63 - high + low)) << UInt64(low)
  }

  /// Lead bytes that lead to the same automaton state, as bits of 0xC0...0xFF: C2-DF,
  /// E0, E1-EC and EE-EF, ED, F0, F1-F3, F4 (`leadClassCount` groups).
  @inline(__always)
  private static func leadClass(_ group: Int) -> UInt64 {
    switch group {
    case 0: return bitSpan(0x02, 0x1F)
    case 1: return bitSpan(0x20, 0x20)
    case 2: return bitSpan(0x21, 0x2C) | bitSpan(0x2E, 0x2F)
    case 3: return bitSpan(0x2D, 0x2D)
    case 4: return bitSpan(0x30, 0x30)
    case 5: return bitSpan(0x31, 0x33)
    default: return bitSpan(0x34, 0x34)
    }
  }

  private static let leadClassCount = 7

  /// The continuation bytes each range of the automaton allows, as bits of 0x80...0xBF.
  @inline(__always)
  private static func continuationClass(_ range: Int) -> UInt64 {
    let allowed = allowed(range)
    return bitSpan(Int(allowed.low) - 0x80, Int(allowed.high) - 0x80)
  }

  /// The lost bytes possible from a state that needs no continuation byte under a refusal
  /// mask, for a lost byte that is not carried (a carried one goes through
  /// `carriedChoices`): one representative per group of values with the same effect on the
  /// automaton (its lowest byte), with whether the group has several values (which makes
  /// the position uncertain). Packed: the groups' lead
  /// bytes in order, a byte each from bit 0 (at most `leadClassCount`; a lead byte is never
  /// 0, so the list ends at the first 0), and from bit 56 a bit per choice, set when its
  /// group has several values. Depends only on the mask of lead bytes (`mask`, bits of
  /// 0xC0...0xFF), so the pages keep it per refusal mask (`DoubleBytePage.leadChoices`).
  static func leadChoices(mask: UInt64) -> UInt64 {
    var packed: UInt64 = 0
    var count = 0
    for group in 0..<leadClassCount {
      let rest = leadClass(group) & mask
      guard rest != 0 else { continue }
      packed |= UInt64(0xC0 + rest.trailingZeroBitCount) << UInt64(8 * count)
      if rest.nonzeroBitCount > 1 { packed |= 1 << UInt64(56 + count) }
      count += 1
    }
    return packed
  }

  /// The lost bytes worth trying where a lost byte is carried to the next unit (its mask
  /// is then the page's bytes that are no single character, `mask`), for each state
  /// (previous carried row and automaton state): in group order (as `leadChoices`
  /// and the search's continuation group give them),
  /// without the bytes that pair with the previous row (`step` refuses them), and only
  /// the first byte of each group with the same automaton effect and the same row (all of
  /// them reach the same state and count the same characters, so the search keeps the
  /// first). Each choice packs the byte (bits 0-7), whether its group has several bytes
  /// (bit 8: the position is then uncertain, as when the bytes are tried one by one), the
  /// characters it starts (bits 9-11) and the state it reaches (bits 16-31): what `step`
  /// would compute, without the search calling it. A flat list and the start of each
  /// state's, with one more start at the end.
  static func carriedChoices(page: DoubleBytePage, rows: DoubleBytePage.PairRows, mask: (UInt64, UInt64))
    -> (choices: [UInt32], starts: [Int])
  {
    var choices: [UInt32] = []
    var starts: [Int] = []
    // (automaton group, row) -> index in `choices`, valid when `seenIn` holds the state
    // being listed (no clearing between states).
    var seen = [Int](repeating: 0, count: leadClassCount * rows.count)
    var seenIn = [Int](repeating: -1, count: leadClassCount * rows.count)
    for state in 0..<(stateStride * rows.count) {
      starts.append(choices.count)
      let previousRow = state / stateStride
      let automaton = automaton(of: state)
      let need = automaton / 5
      let range = automaton % 5
      // Automaton states `feed` never reaches (and the numbers past them) have no list.
      guard automaton < automatonStates else { continue }
      guard need == 3 || (need == 2 && range <= 2) || range == 0 else { continue }
      for group in 0..<(need == 0 ? leadClassCount : 1) {
        let bits = need == 0 ? leadClass(group) & mask.1 : continuationClass(range) & mask.0
        let base = need == 0 ? 0xC0 : 0x80
        var rest = bits
        while rest != 0 {
          let byte = base + rest.trailingZeroBitCount
          rest &= rest - 1
          // Bytes that pair with the previous row's (its bits in `pairsAfter`, as `step`
          // reads them; row 0 pairs with nothing).
          if rows.pairsAfter[previousRow * 4 + byte >> 6] & (1 << UInt64(byte & 63)) != 0 {
            continue
          }
          let row = Int(rows.index[byte - 0x80])
          let key = group * rows.count + row
          if seenIn[key] == state {
            choices[seen[key]] |= 0x100
            continue
          }
          let (nextNeed, nextRange) = feed(need, range, UInt8(byte))!
          let added = need == 0 ? (byte >= 0xF0 ? 4 : 1) : 0
          let target = pack(need: nextNeed, range: nextRange, pendingRow: row)
          seen[key] = choices.count
          seenIn[key] = state
          choices.append(UInt32(byte) | UInt32(added) << 9 | UInt32(target) << 16)
        }
      }
    }
    starts.append(choices.count)
    return (choices, starts)
  }

  /// The automaton after each byte from each automaton state (need * 5 + range): the next
  /// automaton state, or `invalid`, at `state * 256 + byte`. A table read once per search,
  /// so that a step costs a load rather than a switch; generated
  /// (`DoubleByteTables.transitions`, which the tests hold to `feed`'s rules), not built
  /// at start-up.

  private static let invalid: UInt8 = 0xFF

  /// `feed` followed through `transitions` (the table built from it): a load per byte
  /// rather than a switch, for the checks of known bytes (`completableUnits`,
  /// `runsAreWellFormed`, `isWellFormed`).
  private struct UTF8Follower {
    /// The table's address (`DoubleBytePage.transitions`: the global is checked on each
    /// read).
    let transitions: UnsafePointer<UInt8>
    /// need * 5 + range (see `feed`).
    private var automaton = 0

    @inline(__always)
    init(_ transitions: UnsafePointer<UInt8>) { self.transitions = transitions }

    /// Whether the bytes so far end on a character boundary (no continuation byte needed).
    var atBoundary: Bool { automaton < 5 }

    /// Follows `byte`: false when UTF-8 cannot continue with it (the state is then left
    /// as it was).
    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
      let next = transitions[automaton &* 256 &+ Int(byte)]
      guard next != DoubleByteCompletion.invalid else { return false }
      automaton = Int(next)
      return true
    }

    /// Back to a character boundary.
    mutating func restart() { automaton = 0 }
  }

  /// `transitions` by address (see `DoubleBytePage.SearchTables`); only ever read. The
  /// pages keep it (`DoubleBytePage.transitions`), which the checks and the search read
  /// rather than this global (an initialisation check per call).
  nonisolated(unsafe) static let transitionTable = lasting(DoubleByteTables.transitions)

  /// The state after `code` from `state` (a lost byte already checked against its mask;
  /// a carried lost byte goes through `carriedChoices` instead), with the characters it
  /// starts (a lost four-byte lead counting four), or nil when impossible.
  @inline(__always)
  private static func step(
    _ state: State, code: UInt16, lost: Bool, rowPairs: UnsafePointer<UInt64>,
    transitions: UnsafePointer<UInt8>
  ) -> (state: State, added: Int)? {
    let pendingRow = state &>> 5  // state / stateStride
    var automaton = automaton(of: state)
    let first = UInt8(truncatingIfNeeded: code < 0x100 ? code : code >> 8)
    // A carried lost byte must not pair with this byte (row 0, none, pairs with nothing:
    // not read).
    if pendingRow != 0
      && rowPairs[pendingRow &* 4 &+ Int(first >> 6)] & (1 << UInt64(first & 63)) != 0
    {
      return nil
    }
    var added = automaton < 5 ? (lost && first >= 0xF0 ? 4 : 1) : 0
    automaton = Int(transitions[automaton &* 256 &+ Int(first)])
    guard automaton != invalid else { return nil }
    if code >= 0x100 {
      if automaton < 5 { added += 1 }
      automaton = Int(transitions[automaton &* 256 &+ Int(code & 0xFF)])
      guard automaton != invalid else { return nil }
    }
    return (automaton, added)
  }

  /// One reached state: 8 bytes, as a search keeps a few per unit of the span. Every
  /// field fits 16 bits: states and indices within a position are below 20 * rows, and
  /// a span searched has at most `longestSpan` units of at most two characters each and
  /// `mostLostBytes` lost bytes of at most four (42,048 characters).
  struct Entry {
    private var packedState: UInt16
    var code: UInt16
    private var packedCharacters: UInt16
    private var packedPrevious: UInt16

    @inline(__always)
    fileprivate init(state: State, characters: Int, previous: Int, code: UInt16) {
      packedState = UInt16(truncatingIfNeeded: state)
      self.code = code
      packedCharacters = UInt16(truncatingIfNeeded: characters)
      packedPrevious = UInt16(truncatingIfNeeded: previous)
    }

    fileprivate var state: State { Int(packedState) }

    /// The state before the first unit.
    fileprivate static let root = Entry(state: 0, characters: 0, previous: -1, code: 0)
    var characters: Int { Int(packedCharacters) }
    /// The index of the state before, among the previous position's (the root's is never
    /// read).
    var previous: Int { Int(packedPrevious) }
  }

  /// Buffers a search reuses from one span to the next (a line has dozens of spans, each
  /// tried through up to three pages): the state tables (one entry per state, kept
  /// all zero / all false between searches, so never cleared in full), the reached states
  /// of every position in one flat array, and the per-unit facts. Owned by one repair of
  /// one line and passed down `inout`: no state is shared between threads.
  struct Scratch {
    /// Three state tables of `tables.count / 3` states each, in one allocation: state ->
    /// index of its entry at the position being built + 1 (0: not reached), for `forward`;
    /// then, for `backward`, the stamp of the last position where the state still reaches
    /// a final state, in two tables taken in turn (see `backward`).
    fileprivate var tables: [Int16] = []
    /// The last stamp the backward pass gave (see `backward`).
    fileprivate var backwardMark = 0
    /// The reached states of all positions; `starts[p]` is where position p's begin.
    fileprivate var entries: [Entry] = []
    fileprivate var starts: [Int] = []
    /// The forward pass's steps (`Edge`), and where each position's begin: what the
    /// backward pass reads rather than stepping every choice again.
    fileprivate var edges: [UInt64] = []
    fileprivate var edgeStarts: [Int] = []
    fileprivate var certain: [Bool] = []
    fileprivate var codes: [UInt16] = []

    init() {}

    /// State tables of at least `size` states, allocated on the first search that needs
    /// them (most lines never search, most searches carry no lost byte).
    fileprivate mutating func prepareTables(_ size: Int) {
      guard tables.count < 3 * size else { return }
      // Zeroed in one fill rather than element by element.
      tables = filledArray(0, count: 3 * size)
    }
  }

  /// Spans longer than this, or with more lost bytes than `mostLostBytes` (or
  /// `mostLostInARow` in a row), are not searched: a line of Chinese or Japanese without a
  /// space is one span, the search keeps its states per unit, and lost bytes in a row
  /// multiply the states. Such a span is left
  /// as it stands (nothing is invented), which keeps time and memory flat on pathological
  /// input (a word of real damage holds a few dozen lost bytes at most).
  static let longestSpan = 20_000
  static let mostLostBytes = 512
  /// Lost bytes in a row carry each other's values in the state; more than three
  /// four-byte characters' worth (the fixtures' damage has at most four) is not searched.
  static let mostLostInARow = 12

  /// Reads `entry` (the `index`-th state of the previous position) on with `code` and
  /// records the state that reaches (`step`, then `record`), if any.
  @inline(__always)
  private static func advance(
    _ entry: Entry, index: Int, code: UInt16, lost: Bool, rowPairs: UnsafePointer<UInt64>,
    transitions: UnsafePointer<UInt8>, into entries: UnsafeMutablePointer<Entry>, base: Int,
    used: inout Int, _ lookup: UnsafeMutablePointer<Int16>
  ) -> State? {
    guard
      let (state, added) = step(
        entry.state, code: code, lost: lost, rowPairs: rowPairs, transitions: transitions)
    else { return nil }
    record(
      entries, base: base, used: &used, lookup, state: state,
      characters: entry.characters &+ added, index: index, code: code)
    return state
  }

  /// One step of the forward pass, packed: the index of the state it leaves among its
  /// position's (bits 0-15), the state it reaches (16-31), the byte or code taken (32-47),
  /// and whether that choice stands for several alike (bit 48, see `Choices.note`).
  @inline(__always)
  private static func edge(from index: Int, to state: State, code: UInt16, alike: Bool) -> UInt64 {
    UInt64(truncatingIfNeeded: index) | UInt64(truncatingIfNeeded: state) << 16
      | UInt64(code) << 32 | (alike ? 1 << 48 : 0)
  }

  /// Records `state` reached with `characters` from the `index`-th state of the previous
  /// position by `code`, unless it is already reached with no more characters.
  @inline(__always)
  private static func record(
    _ entries: UnsafeMutablePointer<Entry>, base: Int, used: inout Int,
    _ lookup: UnsafeMutablePointer<Int16>, state: State, characters: Int, index: Int,
    code: UInt16
  ) {
    // (Wrapping arithmetic: every value fits 16 bits, see `Entry`.)
    let existing = Int(lookup[state]) &- 1
    if existing >= 0 {
      if characters < entries[base &+ existing].characters {
        entries[base &+ existing] = Entry(
          state: state, characters: characters, previous: index, code: code)
      }
    } else {
      lookup[state] = Int16(truncatingIfNeeded: used &- base &+ 1)
      entries[used] = Entry(state: state, characters: characters, previous: index, code: code)
      used &+= 1
    }
  }

  /// Whether one or several choices of a position reach a completion.
  private struct Choices {
    var seen: UInt16?
    var several = false

    @inline(__always)
    mutating func note(_ code: UInt16, alike: Bool) {
      if alike { several = true }
      if let seen, seen != code { several = true }
      seen = code
    }
  }

  /// False when `complete` of the units of `span` is certainly nil, decided without
  /// building them: the bytes of the characters before the first lost or ambiguous one
  /// are no UTF-8 (`validate` and `runsAreWellFormed` both read that first run from a
  /// character boundary), or a character is not the page's (no units), or every character
  /// is known and the bytes end inside a character.
  static func mayComplete(_ span: ArraySlice<UInt32>, page: DoubleBytePage) -> Bool {
    var need = 0
    var range = 0
    for value in span {
      if value == 0xFFFD { return true }
      var code = UInt16(truncatingIfNeeded: value)
      if value >= 0x80 {
        code = page.code(of: value)
        if code == 0 { return false }
        if page.mayHaveSeveralCodes(value) { return true }
      }
      if code >= 0x100 {
        guard let next = feed(need, range, UInt8(code >> 8)) else { return false }
        (need, range) = next
      }
      guard let next = feed(need, range, UInt8(code & 0xFF)) else { return false }
      (need, range) = next
    }
    return need == 0
  }

  /// `DoubleBytePage.units(of:into:)` and `mayComplete` in one pass over `span`: nil
  /// when either fails (`complete` would certainly be nil), else whether every unit is
  /// known with one code and their bytes are well-formed UTF-8 that ends on a character
  /// boundary (`complete` then only decodes them). The units are the first `span.count`
  /// of `units`, which grows to hold them and never shrinks (cutting an array to size is
  /// a generic call, and the repair reuses one buffer for every span).
  static func completableUnits(
    _ span: ArraySlice<UInt32>, page: DoubleBytePage, into units: inout [DoubleByteUnit]
  ) -> Bool? {
    span.withUnsafeBufferPointer { span in completableUnits(span, page: page, into: &units) }
  }

  /// `completableUnits(_:page:into:)` of characters in a buffer (the repair reads its spans
  /// through the line's, which an `ArraySlice` would retain and release per span).
  /// (Decoding the checked bytes here as well, so that a well-formed span skips `decode`'s
  /// pass, cost more than that pass: dbfam stage +0.34M instructions, the decoding paid
  /// also by the spans that fail later.)
  static func completableUnits(
    _ span: UnsafeBufferPointer<UInt32>, page: DoubleBytePage, into units: inout [DoubleByteUnit]
  ) -> Bool? {
    // Every character gives one unit: the buffer takes the span's length at once and is
    // written in place (no capacity and uniqueness check per unit). On nil its content is
    // not read.
    if units.count < span.count {
      if units.capacity < span.count {
        units.reserveCapacity(max(span.count, 2 * units.capacity))
      }
      units.append(contentsOf: repeatElement(.lost, count: span.count - units.count))
    }
    // Only CP932 has characters with several codes (see `DoubleBytePage.mayHaveSeveralCodes`,
    // whose table is read here once per span rather than once per character).
    let several = page.severalCodes
    let codes = page.codes
    return units.withUnsafeMutableBufferPointer { units -> Bool? in
      // The bytes are checked as UTF-8 up to the first lost or ambiguous unit
      // (`mayComplete`).
      var checking = true
      var utf8 = UTF8Follower(page.transitions)
      // The buffer's address in a local: written through the closure's `inout` buffer,
      // it was loaded again for every unit. (No address: no units, an empty span, which
      // is well-formed.)
      guard let output = units.baseAddress else { return true }
      for index in 0..<span.count {
        let value = span[index]
        if value == 0xFFFD {
          output[index] = .lost
          checking = false
          continue
        }
        var code = UInt16(truncatingIfNeeded: value)
        if value >= 0x80 {
          code = codes.code(of: value)
          guard code != 0 else { return nil }
          if several.mayHaveSeveralCodes(value) {
            output[index] = page.unit(of: value, first: code)
            checking = false
            continue
          }
        }
        output[index] = DoubleByteUnit(first: code, count: 1)
        guard checking else { continue }
        if code >= 0x100 && !utf8.take(UInt8(code >> 8)) { return nil }
        guard utf8.take(UInt8(truncatingIfNeeded: code)) else { return nil }
      }
      if checking && !utf8.atBoundary { return nil }
      return checking
    }
  }

  /// The completion of `units`, or nil when no well-formed UTF-8 completion exists.
  static func complete(_ units: [DoubleByteUnit], page: DoubleBytePage) -> DoubleByteCompletion? {
    var scratch = Scratch()
    return complete(units, page: page, scratch: &scratch)
  }

  /// The completion of `units`, with buffers reused from earlier calls.
  /// `firstPool` sets the size of the search's first pool of entries, which the search
  /// doubles as needed (tests make it tiny to exercise that).
  static func complete(
    _ units: [DoubleByteUnit], page: DoubleBytePage, scratch: inout Scratch,
    firstPool: Int? = nil
  ) -> DoubleByteCompletion? {
    var text: [UInt32] = []
    guard
      let evidence = complete(
        units, page: page, scratch: &scratch, appendingTo: &text, firstPool: firstPool)
    else { return nil }
    return DoubleByteCompletion(
      text: text, certainMultibyte: evidence.certainMultibyte,
      certainFromPage: evidence.certainFromPage)
  }

  /// What a completion proves beyond its text (see the fields of the same names).
  struct Evidence {
    var certainMultibyte = 0
    var certainFromPage = 0
  }

  /// The completion of `units` with its text appended to `output` (a buffer the repair
  /// keeps for all the spans of a line, rather than one array per span), or nil, with
  /// `output` unchanged, when no well-formed UTF-8 completion exists.
  ///
  /// `wellFormed`: the caller has checked that every unit is known with one code and
  /// their bytes are well-formed UTF-8 (`completableUnits`).
  static func complete(
    _ units: [DoubleByteUnit], page: DoubleBytePage, scratch: inout Scratch,
    appendingTo output: inout [UInt32], firstPool: Int? = nil, wellFormed: Bool = false
  ) -> Evidence? {
    // Room for two characters a unit (see `complete(units:page:scratch:writingInto:at:…)`).
    var text = [UInt32](repeating: 0, count: max(2 * units.count, 1))
    let completion = units.withUnsafeBufferPointer { units in
      complete(
        units: units, page: page, scratch: &scratch, writingInto: &text, at: 0,
        firstPool: firstPool, wellFormed: wellFormed)
    }
    guard let completion else { return nil }
    output += text[..<completion.count]
    return completion.evidence
  }

  /// The completion of `units` (in a buffer: the first units of the repair's scratch
  /// buffer, which keeps its size from span to span rather than being cut to each) with its
  /// text written into `output` from `start`, where it has room for two characters a unit
  /// (a pair whose lead byte ends a character and whose second byte is ASCII gives two):
  /// the evidence and how many characters were written, or nil when no well-formed UTF-8
  /// completion exists. The repair's buffer of re-readings is written in place: no copy of
  /// the text and no append (a generic call of some 100 instructions) per completion.
  static func complete(
    units: Units, page: DoubleBytePage, scratch: inout Scratch,
    writingInto output: inout [UInt32], at start: Int, firstPool: Int? = nil,
    wellFormed: Bool = false
  ) -> (evidence: Evidence, count: Int)? {
    if wellFormed { return decode(units, into: &output, at: start) }
    let transitions = page.transitions
    if units.allSatisfy({ $0.count == 1 }) {
      return validate(units, transitions: transitions, into: &output, at: start)
    }
    // (`runsAreWellFormed` also counts the lost bytes, in the same pass.)
    guard units.count <= longestSpan, runsAreWellFormed(units, transitions: transitions) else {
      return nil
    }
    // A lost byte is carried in the state when the unit after it is not known yet.
    let anyCarried = units.dropFirst().contains { $0.count != 1 }
    // (The page's tables by address: no array retained and released per span.)
    let tables = anyCarried ? page.searchTables : page.searchTables.withoutRows
    scratch.prepareTables(stateStride * tables.rows.count)
    return search(
      units, tables: tables, transitions: transitions, accepting: page.accepting,
      firstPool: firstPool, scratch: &scratch, into: &output, at: start)
  }

  /// The search over the states of a span with lost or ambiguous units (see the type's
  /// comment).
  private static func search(
    _ units: Units, tables: DoubleBytePage.SearchTables, transitions: UnsafePointer<UInt8>,
    accepting: UnsafePointer<UInt32>, firstPool: Int?, scratch: inout Scratch,
    into output: inout [UInt32], at start: Int
  ) -> (evidence: Evidence, count: Int)? {
    let tableSize = stateStride * tables.rows.count
    // The units before the first lost or ambiguous one have one code each: the automaton
    // follows one path through them, which the passes would keep as one state per
    // position. They are stepped through here, and the passes start after them from the
    // state reached (with its characters: every completion counts them alike).
    var first = 0
    var root = Entry.root
    while units[first].count == 1 {
      guard
        let (state, added) = step(
          root.state, code: units[first].code(0), lost: false, rowPairs: tables.rows.pairs,
          transitions: transitions)
      else { return nil }
      root = Entry(state: state, characters: root.characters + added, previous: -1, code: 0)
      first += 1
    }
    let count = units.count - first
    // Forward: per position, the states reached with the fewest characters, kept in one
    // pool (`entries`, its count its capacity; `starts[p]` is where position p's states
    // begin). A pool too small for the span is doubled and the pass run again.
    // Room for a few states per unit (the usual) and a full table at the last position.
    // The scratch buffers are used in place (distinct fields, so no copy).
    let expected = firstPool ?? 4 * (count + 1) + tableSize
    if scratch.entries.count < expected {
      scratch.entries = pool(firstPool ?? grownSize(scratch.entries.count, expected))
    }
    // Steps: a few per state (most positions have one choice per state).
    if scratch.edges.count < 2 * scratch.entries.count {
      scratch.edges = edgePool(2 * scratch.entries.count)
    }
    var outcome = ForwardOutcome.full
    while outcome == .full {
      outcome = forward(
        units, first: first, root: root, tables: tables,
        transitions: transitions, accepting: accepting, tableSize: tableSize,
        entries: &scratch.entries,
        starts: &scratch.starts, edges: &scratch.edges, edgeStarts: &scratch.edgeStarts,
        lookup: &scratch.tables)
      if outcome == .full {
        scratch.entries = pool(scratch.entries.count * 2)
        scratch.edges = edgePool(scratch.edges.count * 2)
      }
    }
    guard case .reached(let used) = outcome else { return nil }
    // Completions end on a character boundary.
    var final: Int?
    let lastBegin = scratch.starts[count]
    for index in lastBegin..<used where need(of: scratch.entries[index].state) == 0 {
      if final == nil
        || scratch.entries[index].characters < scratch.entries[lastBegin + final!].characters
      {
        final = index - lastBegin
      }
    }
    guard let final else { return nil }
    // Both written in full below (`backward` sets every position's certainty, the walk
    // back every position's code): only their size matters.
    if scratch.certain.count < units.count {
      scratch.certain = filledArray(true, count: grownSize(scratch.certain.count, units.count))
    }
    backward(
      count: count, first: first, entries: scratch.entries, starts: scratch.starts, used: used,
      edges: scratch.edges, edgeStarts: scratch.edgeStarts, tables: &scratch.tables,
      mark: &scratch.backwardMark, certain: &scratch.certain)
    // The fewest-character completion, then its characters; the units stepped through
    // before the passes have their one code, which every completion takes.
    if scratch.codes.count < units.count {
      scratch.codes = filledArray(0, count: grownSize(scratch.codes.count, units.count))
    }
    walkBack(
      units, first: first, final: final, entries: scratch.entries, starts: scratch.starts,
      codes: &scratch.codes, certain: &scratch.certain)
    return characters(
      units, codes: scratch.codes, certain: scratch.certain, into: &output, at: start)
  }

  /// The codes of the fewest-character completion, from its `final` state at the last
  /// position back (written to `codes`); the units stepped through before the passes
  /// (`first` of them) have their one code, and are certain.
  /// (The arrays as arguments: read through closures nested in the scratch's, they were
  /// retained and released per search.)
  private static func walkBack(
    _ units: Units, first: Int, final: Int, entries: [Entry], starts: [Int],
    codes: inout [UInt16], certain: inout [Bool]
  ) {
    let count = units.count - first
    // Through pointers: an element written through the array checks its uniqueness.
    entries.withUnsafeBufferPointer { entries in
      starts.withUnsafeBufferPointer { starts in
        codes.withUnsafeMutableBufferPointer { codes in
          certain.withUnsafeMutableBufferPointer { certain in
            var index = final
            for position in stride(from: count, to: 0, by: -1) {
              let entry = entries[starts[position] + index]
              codes[first + position - 1] = entry.code
              index = entry.previous
            }
            for position in 0..<first {
              codes[position] = units[position].code(0)
              certain[position] = true
            }
          }
        }
      }
    }
  }

  /// The size a buffer of `size` elements that must hold `needed` grows to: at least
  /// double, so that the spans of a line, longer and longer, do not each reallocate.
  private static func grownSize(_ size: Int, _ needed: Int) -> Int {
    max(needed, 2 * size, 32)
  }

  /// A pool of `count` entries, left uninitialised: `forward` writes each before it reads it.
  /// (Filling it, to allocate it through `filledArray`'s faster path, costs more.)
  private static func pool(_ count: Int) -> [Entry] {
    [Entry](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
  }

  /// A pool of `count` steps, left uninitialised as `pool`'s.
  private static func edgePool(_ count: Int) -> [UInt64] {
    [UInt64](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
  }

  private enum ForwardOutcome: Equatable {
    /// Every position has a state; the pool's first `used` entries are the states.
    case reached(used: Int)
    /// A position has no state: no completion.
    case failed
    /// The pool ran out: to be run again with a larger one.
    case full
  }

  /// Whether the lost byte at `position` (of the `count` units at `units`) is carried in
  /// the state: the unit after it is not known yet (lost, or a character with several
  /// codes).
  @inline(__always)
  private static func isCarried(
    _ units: UnsafePointer<DoubleByteUnit>, count: Int, _ position: Int
  ) -> Bool {
    position + 1 < count && units[position + 1].count != 1
  }


  /// The bytes the decoder may have refused at `position` (of the `count` units at
  /// `units`), a lost byte that is not carried: any byte that is no single character at
  /// the end of the span, else those that do not pair with the next unit's first byte.
  /// The index of that mask in the page's refusals (and `leadChoices`): the byte
  /// `following` + 1 (0: the end of the span, no constraint; refusals at index
  /// `following + 1` are no single-byte character and form no pair with that byte, a bit
  /// per value 0x80...0xBF, 0xC0...0xFF).
  @inline(__always)
  private static func lostMaskIndex(
    _ units: UnsafePointer<DoubleByteUnit>, count: Int, _ position: Int
  ) -> Int {
    var following = -1
    if position + 1 < count {
      let code = units[position + 1].code(0)
      following = Int(code < 0x100 ? code : code >> 8)
    }
    return following + 1
  }

  /// The forward pass of `search`. `lookup` (state -> index among the position's states
  /// + 1) is indexed directly, hashing would cost more than the whole automaton; it is all
  /// zero before and after.
  private static func forward(
    _ units: Units, first: Int, root: Entry, tables: DoubleBytePage.SearchTables,
    transitions: UnsafePointer<UInt8>, accepting: UnsafePointer<UInt32>, tableSize: Int,
    entries: inout [Entry], starts: inout [Int], edges edgePool: inout [UInt64],
    edgeStarts edgeStartsPool: inout [Int], lookup: inout [Int16]
  ) -> ForwardOutcome {
    // Positions count from `first`, where `root` stands.
    let count = units.count - first
    // Written through a pointer up to position count + 1 (`search` and `backward` read
    // no further).
    if starts.count < count + 2 {
      starts = filledArray(0, count: grownSize(starts.count, count + 2))
    }
    if edgeStartsPool.count < count + 1 {
      edgeStartsPool = filledArray(0, count: grownSize(edgeStartsPool.count, count + 1))
    }
    let poolSize = entries.count
    let edgeCapacity = edgePool.count
    // The buffers' addresses handed to a loop of its own: counters declared in these
    // closures and written in nested ones live in memory, read and written at every step.
    return entries.withUnsafeMutableBufferPointer { entries in
      starts.withUnsafeMutableBufferPointer { starts in
        lookup.withUnsafeMutableBufferPointer { lookup in
          edgeStartsPool.withUnsafeMutableBufferPointer { edgeStarts in
            edgePool.withUnsafeMutableBufferPointer { edges in
              forwardPass(
                units.baseAddress! + first, count: count, root: root, tables: tables,
                transitions: transitions, tableSize: tableSize, poolSize: poolSize,
                entries: entries.baseAddress!, starts: starts.baseAddress!,
                lookup: lookup.baseAddress!, edgeStarts: edgeStarts.baseAddress!,
                edges: edges.baseAddress!, edgeCapacity: edgeCapacity,
                accepting: accepting)
            }
          }
        }
      }
    }
  }

  /// The automaton states at a character boundary (need 0): where a completion may end.
  private static let boundaryStates: UInt32 = 0x1F

  /// The automaton states (a bit each) from which the bytes of `code`, a known unit's,
  /// are well-formed UTF-8: those a state without a carried lost byte can step through
  /// (`step`, which then checks no pair). Exact on the states `feed` reaches (0, and 5,
  /// 10...12, 15, 18, 19 inside a character): from a state with continuation bytes to
  /// come, a continuation byte leaves one fewer at range 0 (5 or 10), or the boundary.
  @inline(__always)
  private static func statesLeaving(_ code: UInt16, accepting: UnsafePointer<UInt32>)
    -> UInt32
  {
    guard code >= 0x100 else { return accepting[Int(code)] }
    let first = Int(code >> 8)
    let fromFirst = accepting[first]
    let fromSecond = accepting[Int(code & 0xFF)]
    // A pair's first byte from 0x80: a continuation byte (below 0xC0) leaves the states
    // that need one, two or three at 0, 5 or 10; a lead byte leaves the boundary at the
    // state it starts (`leadState`).
    if first < 0xC0 {
      var leaving: UInt32 = 0
      if fromSecond & 1 << 0 != 0 { leaving |= fromFirst & needOneStates }
      if fromSecond & 1 << 5 != 0 { leaving |= fromFirst & needTwoStates }
      if fromSecond & 1 << 10 != 0 { leaving |= fromFirst & needThreeStates }
      return leaving
    }
    return fromSecond & 1 << UInt32(leadState(first)) != 0 ? fromFirst : 0
  }

  /// The automaton states needing one, two and three continuation bytes (5...9, 10...14,
  /// 15...19).
  private static let needOneStates: UInt32 = 0x1F << 5
  private static let needTwoStates: UInt32 = 0x1F << 10
  private static let needThreeStates: UInt32 = 0x1F << 15

  /// The automaton state a lead byte 0xC0...0xFF starts from the boundary (any value
  /// when `feed` refuses it: no state then accepts it, and the caller's mask is 0).
  @inline(__always)
  private static func leadState(_ byte: Int) -> Int {
    byte < 0xE0 ? 5 : byte == 0xE0 ? 11 : byte == 0xED ? 12 : byte < 0xF0 ? 10
      : byte == 0xF0 ? 18 : byte == 0xF4 ? 19 : 15
  }

  /// Per byte, the automaton states (a bit each) from which `feed` takes it (the tests
  /// compare with `transitions`): generated (`DoubleByteTables.accepting`).
  static var accepting: [UInt32] { DoubleByteTables.accepting }

  /// `accepting` by address (see `transitionTable`); only ever read.
  nonisolated(unsafe) static let acceptingTable = lasting(accepting)

  /// `forward` on the buffers' addresses (`units` from the first position searched).
  private static func forwardPass(
    _ units: UnsafePointer<DoubleByteUnit>, count: Int, root: Entry,
    tables: DoubleBytePage.SearchTables, transitions: UnsafePointer<UInt8>, tableSize: Int,
    poolSize: Int, entries: UnsafeMutablePointer<Entry>, starts: UnsafeMutablePointer<Int>,
    lookup: UnsafeMutablePointer<Int16>, edgeStarts: UnsafeMutablePointer<Int>,
    edges: UnsafeMutablePointer<UInt64>, edgeCapacity: Int, accepting: UnsafePointer<UInt32>
  ) -> ForwardOutcome {
    entries[0] = root
    var used = 1
    starts[0] = 0
    starts[1] = 1
    // Steps past the pool's end are counted, not written: the position ends (its
    // states' look-ups cleared) before the pass asks for a larger pool.
    var edgesUsed = 0
    @inline(__always)
    func note(_ edge: UInt64) {
      if edgesUsed < edgeCapacity { edges[edgesUsed] = edge }
      edgesUsed &+= 1
    }
    let rowPairs = tables.rows.pairs
    let refusals = tables.refusals
    let leadChoices = tables.leadChoices
    let carriedStarts = tables.rows.carriedStarts
    let carried = tables.rows.carriedChoices
    for position in 0..<count {
      // At most one entry per state at each position.
      guard used &+ tableSize <= poolSize else { return .full }
      edgeStarts[position] = edgesUsed
      let unit = units[position]
      let begin = starts[position]
      let end = starts[position &+ 1]
      let base = used
      if unit.count == 1 && end &- begin == 1 {
        // One state and a known unit with one code (most positions of a span whose lost
        // bytes are few): at most one state after it, recorded without the look-up.
        let entry = entries[begin]
        let code = unit.code(0)
        guard
          let (state, added) = step(
            entry.state, code: code, lost: false, rowPairs: rowPairs, transitions: transitions)
        else { return .failed }
        entries[used] = Entry(
          state: state, characters: entry.characters &+ added, previous: 0, code: code)
        used &+= 1
        note(edge(from: 0, to: state, code: code, alike: false))
        if edgesUsed > edgeCapacity { return .full }
        starts[position &+ 2] = used
        continue
      }
      if unit.isLost && isCarried(units, count: count, position) && end &- begin == 1 {
        // One state: its carried choices reach distinct states (one per group of bytes
        // and row, see `carriedChoices`; a test holds the tables to it), recorded without
        // the look-up.
        let entry = entries[begin]
        for choice in carriedStarts[entry.state]..<carriedStarts[entry.state &+ 1] {
          let packed = carried[choice]
          let state = Int(packed >> 16)
          let code = UInt16(packed & 0xFF)
          entries[used] = Entry(
            state: state, characters: entry.characters &+ Int(packed >> 9 & 7), previous: 0,
            code: code)
          used &+= 1
          note(edge(from: 0, to: state, code: code, alike: packed & 0x100 != 0))
        }
        if used == base { return .failed }
        if edgesUsed > edgeCapacity { return .full }
        starts[position &+ 2] = used
        continue
      }
      if unit.isLost && isCarried(units, count: count, position) {
        for index in begin..<end {
          let entry = entries[index]
          for choice in carriedStarts[entry.state]..<carriedStarts[entry.state &+ 1] {
            let packed = carried[choice]
            let state = Int(packed >> 16)
            let code = UInt16(packed & 0xFF)
            record(
              entries, base: base, used: &used, lookup, state: state,
              characters: entry.characters &+ Int(packed >> 9 & 7),
              index: index &- begin, code: code)
            note(edge(from: index &- begin, to: state, code: code, alike: packed & 0x100 != 0))
          }
        }
      } else if unit.isLost {
        // The lost byte's choices: in a character, the continuation bytes of
        // its range (one group); else the lead bytes of the page's table.
        let maskIndex = lostMaskIndex(units, count: count, position)
        let continuations = refusals[maskIndex &* 2]
        let packedLeads = leadChoices[maskIndex]
        // A lost byte that is not carried is followed by a known unit with one code, or
        // ends the span: the states it reaches (no carried row) that this unit cannot
        // leave, or that end inside a character, reach no completion. They are not kept:
        // the backward pass would find them dead (their steps count for no position's
        // certainty), and the next position would try its code from each in vain.
        let leavable =
          position &+ 1 < count
          ? statesLeaving(units[position &+ 1].code(0), accepting: accepting)
          : boundaryStates
        for index in begin..<end {
          let entry = entries[index]
          let automaton = automaton(of: entry.state)
          if automaton >= 5 {
            // In a character: one group, the continuation bytes of its range.
            let rest = continuationClass(automaton % 5) & continuations
            guard rest != 0 else { continue }
            let byte = 0x80 + UInt16(rest.trailingZeroBitCount)
            guard
              let (state, added) = step(
                entry.state, code: byte, lost: true, rowPairs: rowPairs, transitions: transitions),
              leavable & (1 << UInt32(state)) != 0
            else { continue }
            record(
              entries, base: base, used: &used, lookup, state: state,
              characters: entry.characters &+ added, index: index &- begin, code: byte)
            note(edge(from: index &- begin, to: state, code: byte, alike: rest.nonzeroBitCount > 1))
            continue
          }
          // (The lead bytes' states do not depend on the state they leave, but filtering
          // them by `leavable` once per position cost more than the steps it saved.)
          // `step` of each lead byte from this state, with what depends on the state taken
          // once: the lead bytes (0xC0...0xFF) that pair with its carried row (the fourth
          // word of the row's pair bits; none without a row), and its row of transitions.
          let pendingRow = entry.state &>> 5
          let leadPairs = pendingRow != 0 ? rowPairs[pendingRow &* 4 &+ 3] : 0
          let fromAutomaton = transitions + automaton &* 256
          var packed = packedLeads & 0x00FF_FFFF_FFFF_FFFF
          var several = packedLeads >> 56
          while packed != 0 {
            let byte = UInt16(packed & 0xFF)
            let alike = several & 1 != 0
            packed >>= 8
            several >>= 1
            guard leadPairs & (1 << UInt64(byte & 63)) == 0 else { continue }
            let state = Int(fromAutomaton[Int(byte)])
            guard state != Int(invalid), leavable & (1 << UInt32(state)) != 0 else { continue }
            // A lost lead byte starts one character, a four-byte one four (see `step`).
            let added = byte >= 0xF0 ? 4 : 1
            record(
              entries, base: base, used: &used, lookup, state: state,
              characters: entry.characters &+ added, index: index &- begin, code: byte)
            note(edge(from: index &- begin, to: state, code: byte, alike: alike))
          }
        }
      } else if unit.count == 1 {
        // One code (the most): its bytes and its pair bit read once for all the states.
        let code = unit.code(0)
        let firstByte = Int(code < 0x100 ? code : code >> 8)
        let secondByte = Int(code & 0xFF)
        let isPair = code >= 0x100
        let pairWord = firstByte >> 6
        let pairBit = UInt64(1) << UInt64(firstByte & 63)
        for index in begin..<end {
          let entry = entries[index]
          let pendingRow = entry.state &>> 5
          // A carried lost byte must not pair with this byte (`step`).
          if pendingRow != 0 && rowPairs[pendingRow &* 4 &+ pairWord] & pairBit != 0 { continue }
          let automaton = automaton(of: entry.state)
          var added = automaton < 5 ? 1 : 0
          var next = Int(transitions[automaton &* 256 &+ firstByte])
          guard next != Int(invalid) else { continue }
          if isPair {
            if next < 5 { added &+= 1 }
            next = Int(transitions[next &* 256 &+ secondByte])
            guard next != Int(invalid) else { continue }
          }
          record(
            entries, base: base, used: &used, lookup, state: next,
            characters: entry.characters &+ added, index: index &- begin, code: code)
          note(edge(from: index &- begin, to: next, code: code, alike: false))
        }
      } else {
        for index in begin..<end {
          let entry = entries[index]
          for choice in 0..<unit.count {
            let code = unit.code(choice)
            guard
              let state = advance(
                entry, index: index &- begin, code: code, lost: false, rowPairs: rowPairs,
                transitions: transitions, into: entries, base: base, used: &used, lookup)
            else { continue }
            note(edge(from: index &- begin, to: state, code: code, alike: false))
          }
        }
      }
      for index in base..<used { lookup[entries[index].state] = 0 }
      if used == base { return .failed }
      if edgesUsed > edgeCapacity { return .full }
      starts[position &+ 2] = used
    }
    edgeStarts[count] = edgesUsed
    return .reached(used: used)
  }

  /// The backward pass of `search`: the states that still reach a final state, and per
  /// unit whether only one choice does, read from the forward pass's steps (`edges`, those
  /// of position p from `edgeStarts[p]`). Its two tables (`alive` and `living`) mark a
  /// state living at position p with the stamp `mark + 1 + p`: `mark` grows from search to
  /// search (`Scratch.backwardMark`), so no mark of an earlier position or search equals
  /// one being asked for, and the tables are never cleared (clearing each position's states
  /// after it cost some 25 instructions a position on syn-all, a tenth of the search).
  private static func backward(
    count: Int, first: Int, entries: [Entry], starts: [Int], used: Int, edges: [UInt64],
    edgeStarts: [Int], tables: inout [Int16], mark: inout Int, certain: inout [Bool]
  ) {
    // The second and third of the scratch's state tables.
    let tableStride = tables.count / 3
    // The stamps of this search are mark + 1 ... mark + count + 1; once they would no
    // longer fit 16 bits, the tables are cleared (0 is no stamp) and the stamps start over.
    if mark + count + 2 > Int(Int16.max) {
      for index in tableStride..<(3 * tableStride) { tables[index] = 0 }
      mark = 0
    }
    let base = mark
    mark += count + 1
    tables.withUnsafeMutableBufferPointer { tablesBuffer in
      certain.withUnsafeMutableBufferPointer { certainBuffer in
        starts.withUnsafeBufferPointer { startsBuffer in
          entries.withUnsafeBufferPointer { entriesBuffer in
            edges.withUnsafeBufferPointer { edgesBuffer in
              edgeStarts.withUnsafeBufferPointer { edgeStartsBuffer in
                let entries = entriesBuffer.baseAddress!
                let starts = startsBuffer.baseAddress!
                let edges = edgesBuffer.baseAddress!
                let edgeStarts = edgeStartsBuffer.baseAddress!
                // From `first` on, as positions count.
                let certain = certainBuffer.baseAddress! + first
                var alive = tablesBuffer.baseAddress! + tableStride
                var living = tablesBuffer.baseAddress! + 2 * tableStride
                // (Wrapping arithmetic: every stamp fits 16 bits, see above.)
                let finalStamp = Int16(truncatingIfNeeded: base &+ 1 &+ count)
                for index in starts[count]..<used where need(of: entries[index].state) == 0 {
                  alive[entries[index].state] = finalStamp
                }
                for position in stride(from: count - 1, through: 0, by: -1) {
                  var choices = Choices()
                  let begin = starts[position]
                  let stamp = Int16(truncatingIfNeeded: base &+ 1 &+ position)
                  let nextStamp = stamp &+ 1
                  let edgesBegin = edgeStarts[position]
                  let edgesEnd = edgeStarts[position + 1]
                  if edgesEnd &- edgesBegin == 1 {
                    // One step (most positions): the position is uncertain only when it
                    // reaches a living state and stands for several alike choices.
                    let edge = edges[edgesBegin]
                    if alive[Int(edge >> 16 & 0xFFFF)] == nextStamp {
                      living[entries[begin + Int(edge & 0xFFFF)].state] = stamp
                      certain[position] = edge >> 48 == 0
                    } else {
                      certain[position] = true
                    }
                    swap(&alive, &living)
                    continue
                  }
                  // The steps from this position's states that reach a living state.
                  for index in edgesBegin..<edgesEnd {
                    let edge = edges[index]
                    guard alive[Int(edge >> 16 & 0xFFFF)] == nextStamp else { continue }
                    living[entries[begin + Int(edge & 0xFFFF)].state] = stamp
                    choices.note(UInt16(truncatingIfNeeded: edge >> 32), alike: edge >> 48 != 0)
                  }
                  certain[position] = !choices.several
                  swap(&alive, &living)
                }
              }
            }
          }
        }
      }
    }
  }

  /// Decodes UTF-8 one byte at a time, with per character whether all its bytes are
  /// certain, all known, and whether one comes from a character of the page.
  private struct CharacterReader {
    var evidence = Evidence()
    private var value: UInt32 = 0
    private var length = 0
    private var remaining = 0
    private var sure = true
    private var known = true
    private var fromPage = false

    /// Where the next character is written (see `characters`).
    var out: UnsafeMutablePointer<UInt32>

    init(writingTo out: UnsafeMutablePointer<UInt32>) { self.out = out }

    /// Takes one byte of a well-formed sequence (its lead byte gives its length), and
    /// writes the character at `out` once complete.
    @inline(__always)
    mutating func take(_ byte: UInt8, sure isSure: Bool, known isKnown: Bool, fromPage isPage: Bool) {
      if remaining == 0 {
        length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        remaining = length
        switch length {
        case 1: value = UInt32(byte)
        case 2: value = UInt32(byte) & 0x1F
        case 3: value = UInt32(byte) & 0x0F
        default: value = UInt32(byte) & 0x07
        }
        sure = isSure
        known = isKnown
        fromPage = isPage
      } else {
        value = value << 6 | UInt32(byte & 0x3F)
        sure = sure && isSure
        known = known && isKnown
        fromPage = fromPage || isPage
      }
      remaining -= 1
      guard remaining == 0 else { return }
      if sure {
        out.pointee = value
        if length > 1 && known { evidence.certainMultibyte += 1 }
        if fromPage { evidence.certainFromPage += 1 }
      } else {
        out.pointee = 0xFFFD
      }
      out += 1
    }
  }

  /// The characters of the chosen codes: a character whose bytes all come from certain
  /// units is restored, any other is U+FFFD.
  private static func characters(
    _ units: Units, codes: [UInt16], certain: [Bool], into text: inout [UInt32], at index: Int
  ) -> (evidence: Evidence, count: Int) {
    // `codes` and `certain` hold at least as many entries as `units` (see `search`), and
    // `text` room for their characters from `index` (see
    // `complete(units:page:scratch:writingInto:at:…)`), written through a pointer.
    codes.withUnsafeBufferPointer { codes in
      certain.withUnsafeBufferPointer { certain in
        text.withUnsafeMutableBufferPointer { buffer in
          let start = buffer.baseAddress! + index
          var reader = CharacterReader(writingTo: start)
          for position in 0..<units.count {
            let code = codes[position]
            let isKnown = !units[position].isLost
            let isPage = isKnown && code >= 0x80
            let isSure = certain[position]
            if code >= 0x100 {
              reader.take(UInt8(code >> 8), sure: isSure, known: isKnown, fromPage: isPage)
            }
            reader.take(UInt8(code & 0xFF), sure: isSure, known: isKnown, fromPage: isPage)
          }
          return (reader.evidence, reader.out - start)
        }
      }
    }
  }


  /// Whether every run of known bytes between lost or ambiguous units can be part of
  /// UTF-8 text: the first run must start a character, a later one may open with up to
  /// three continuation bytes, and each may end inside a character. A necessary condition,
  /// checked in one pass before any table of states is built: most clean words, and
  /// restored CJK text around its U+FFFD, fail it at once.
  ///
  /// Also false when the span has more than `mostLostBytes` lost bytes, or more than
  /// `mostLostInARow` of them in a row (counted in the same pass).
  private static func runsAreWellFormed(_ units: Units, transitions: UnsafePointer<UInt8>)
    -> Bool
  {
    var utf8 = UTF8Follower(transitions)
    var leading = 0  // continuation bytes a run may still open with
    // Lost bytes in all, and in the current row (`lostBytesAreFew`).
    var lost = 0
    var lostInARow = 0
    @inline(__always)
    func take(_ byte: UInt8) -> Bool {
      if leading > 0 && utf8.atBoundary && byte >= 0x80 && byte <= 0xBF {
        leading -= 1
        return true
      }
      leading = 0
      return utf8.take(byte)
    }
    for unit in units {
      guard unit.count == 1 else {
        // After an unknown unit, the next run starts in an unknown state.
        utf8.restart()
        leading = 3
        if unit.isLost {
          lost += 1
          lostInARow += 1
          if lost > mostLostBytes || lostInARow > mostLostInARow { return false }
        } else {
          lostInARow = 0
        }
        continue
      }
      lostInARow = 0
      let code = unit.code(0)
      if code >= 0x100 && !take(UInt8(code >> 8)) { return false }
      if !take(UInt8(code & 0xFF)) { return false }
    }
    return true
  }

  /// The completion of units that are all known with one code each (the common case,
  /// which needs no search): their bytes' UTF-8 decoding, or nil when ill-formed. A byte
  /// comes from a character of the page when it is part of a pair or a single byte from
  /// 0x80 up.
  private static func validate(
    _ units: Units, transitions: UnsafePointer<UInt8>, into text: inout [UInt32], at index: Int
  ) -> (evidence: Evidence, count: Int)? {
    // Checked first without writing: most spans judged are clean CJK, which is no
    // well-formed UTF-8.
    guard isWellFormed(units, transitions: transitions) else { return nil }
    return decode(units, into: &text, at: index)
  }

  /// The characters of units all known with one code each whose bytes are well-formed
  /// UTF-8 (`validate` without its check): what `CharacterReader` gives them, decoded
  /// without its flags. Every byte from 0x80 up, and every byte of a pair, comes from a
  /// character of the page; well-formed UTF-8 never puts a byte below 0x80 inside a
  /// character, so an ASCII unit is a character of its own (from no page character) and
  /// an ASCII second byte of a pair one from the page.
  private static func decode(_ units: Units, into text: inout [UInt32], at index: Int)
    -> (evidence: Evidence, count: Int)
  {
    // Written through a pointer from `index` (room for two characters a unit).
    text.withUnsafeMutableBufferPointer { buffer in
      let start = buffer.baseAddress! + index
      var out = start
      var evidence = Evidence()
      var value: UInt32 = 0
      var remaining = 0
      @inline(__always)
      func takeFromPage(_ byte: UInt8) {
        if remaining == 0 {
          if byte < 0x80 {
            out.pointee = UInt32(byte)
            out += 1
            evidence.certainFromPage += 1
          } else if byte < 0xE0 {
            value = UInt32(byte) & 0x1F
            remaining = 1
          } else if byte < 0xF0 {
            value = UInt32(byte) & 0x0F
            remaining = 2
          } else {
            value = UInt32(byte) & 0x07
            remaining = 3
          }
          return
        }
        value = value << 6 | UInt32(byte & 0x3F)
        remaining -= 1
        if remaining == 0 {
          out.pointee = value
          out += 1
          evidence.certainMultibyte += 1
          evidence.certainFromPage += 1
        }
      }
      for unit in units {
        let code = unit.code(0)
        if code < 0x80 {
          out.pointee = UInt32(code)
          out += 1
          continue
        }
        if code >= 0x100 { takeFromPage(UInt8(code >> 8)) }
        takeFromPage(UInt8(truncatingIfNeeded: code))
      }
      return (evidence, out - start)
    }
  }

  /// Whether the bytes of units all known with one code each are well-formed UTF-8 that
  /// ends on a character boundary.
  private static func isWellFormed(_ units: Units, transitions: UnsafePointer<UInt8>) -> Bool {
    var utf8 = UTF8Follower(transitions)
    for unit in units {
      let code = unit.code(0)
      if code >= 0x100 && !utf8.take(UInt8(code >> 8)) { return false }
      guard utf8.take(UInt8(truncatingIfNeeded: code)) else { return false }
    }
    return utf8.atBoundary
  }
}

/// An array of `count` copies of `value`. `Array(repeating:count:)` and
/// `Array(unsafeUninitializedCapacity:)` allocate through a generic entry point of the
/// standard library that looks the storage type up at run time (some 500 instructions a
/// call on Linux, more than filling a scratch buffer); growing an empty array is
/// specialised for the element type.
@inline(__always)
func filledArray<Element>(_ value: Element, count: Int) -> [Element] {
  var array: [Element] = []
  array.reserveCapacity(count)
  array.append(contentsOf: repeatElement(value, count: count))
  return array
}
