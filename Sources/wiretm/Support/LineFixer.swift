import Foundation
import WireTM

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Repairs text line by line for `fix --lines`: each line on its own, exactly one output
/// line per input line, in order, with the `\\`, `\n`, `\r` escapes of the line contract.
///
/// A value type with no shared state, so slices of lines are repaired on every core
/// (`OrderedPipeline`): damaged text costs far more per line than clean text, and batch users
/// feed millions of lines.
struct LineFixer: Sendable {
  let repairer: MojibakeRepairer
  let explain: Bool
  let json: Bool

  /// Input below this many bytes is repaired on the calling thread: starting workers costs
  /// more than it saves on a few lines.
  static let smallestParallelChunk = 16 * 1024

  /// The size of the slices handed to the workers: small enough that the cores finish
  /// together (a damaged slice takes about a millisecond), large enough that handing them
  /// out costs nothing measurable.
  static let sliceSize = 32 * 1024

  /// The size of the slices the input's last chunk is cut into: the workers then finish
  /// together instead of one waiting while the other repairs the last full slice (up to
  /// ~3 ms for a slice of double-byte damage).
  static let lastSliceSize = 4 * 1024

  /// Hands `body` the ranges of `chunk` holding whole lines, about `size` bytes each (a
  /// longer line is one slice of its own), in order. (Not an array of ranges: the metadata of
  /// `[Range<Int>]` asks the runtime whether `Int` is `Comparable`, a scan of every
  /// conformance record in the executable, before the first slice could be handed out.)
  static func forEachSlice(
    of chunk: ArraySlice<UInt8>, size: Int = sliceSize, _ body: (Range<Int>) -> Void
  ) {
    var start = chunk.startIndex
    while start < chunk.endIndex {
      var end = min(start + size, chunk.endIndex)
      // Extend to the end of the line the target falls in.
      while end < chunk.endIndex && chunk[end - 1] != 0x0A { end += 1 }
      body(start..<end)
      start = end
    }
  }

  /// Repairs `lines`, whole lines each ending with a line feed, and appends the output.
  func fixLines(_ lines: ArraySlice<UInt8>, into output: inout StandardOutput) {
    output.append(fixLines(lines))
  }

  /// The output for `lines`, whole lines each ending with a line feed.
  func fixLines(_ lines: ArraySlice<UInt8>) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(lines.count + lines.count / 8)
    var room = EncodingRoom()
    lines.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var lineStart = 0
      // memchr finds each line feed word-at-a-time instead of testing every byte.
      while lineStart < buffer.count,
        let found = memchr(base + lineStart, 0x0A, buffer.count - lineStart)
      {
        let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        fixLine(UnsafeBufferPointer(rebasing: buffer[lineStart..<index]), into: &bytes, room: &room)
        lineStart = index + 1
      }
    }
    return bytes
  }

  /// Repairs one line (without its line feed) and appends the result and a line feed.
  /// `room` is where a repaired line is encoded first (kept from line to line).
  func fixLine(
    _ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], room: inout EncodingRoom
  ) {
    let hasBackslash =
      line.count > 0 && memchr(line.baseAddress!, 0x5C, line.count) != nil
    let screened = !explain && !hasBackslash
    if screened {
      // Most lines are decided from their bytes: no `String` is made for them.
      switch repairer.repairLine(utf8: line) {
      case .unchanged:
        output.append(contentsOf: line)
        output.append(0x0A)
        return
      case .repaired(let scalars):
        Self.appendEscaped(scalars, to: &output, room: &room)
        output.append(0x0A)
        return
      case .undecided:
        break
      }
    }
    let text = hasBackslash ? unescape(line) : String(decoding: line, as: UTF8.self)
    let repaired = repairer.repair(text, knownUnclean: screened)
    if explain {
      output.append(contentsOf: Self.explanation(of: repaired, asJSON: json, inline: true).utf8)
    } else if repaired.text.utf8.elementsEqual(text.utf8) {
      output.append(contentsOf: line)
    } else {
      appendEscaped(repaired.text, to: &output)
    }
    output.append(0x0A)
  }

  /// The line with its `\\`, `\n` and `\r` escapes undone (called only for lines that hold
  /// a backslash).
  private func unescape(_ line: UnsafeBufferPointer<UInt8>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(line.count)
    var index = 0
    while index < line.count {
      let byte = line[index]
      if byte == 0x5C && index + 1 < line.count {
        switch line[index + 1] {
        case 0x5C:
          bytes.append(0x5C)
          index += 2
          continue
        case 0x6E:
          bytes.append(0x0A)
          index += 2
          continue
        case 0x72:
          bytes.append(0x0D)
          index += 2
          continue
        default: break
        }
      }
      bytes.append(byte)
      index += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Scalars encoded as UTF-8 straight into `output`, with the line contract's escapes
  /// (`\\`, `\n`, `\r`). Values that are not scalars (lone surrogates) are skipped, as
  /// `String` would.
  static func appendEscaped(
    _ scalars: [UInt32], to output: inout [UInt8], room: inout EncodingRoom
  ) {
    // Encoded into `room` first (at most four bytes per scalar, an escape takes two bytes
    // for one), then copied: the output grown by zeros and cut back cost more than the
    // encoding.
    room.reserve(scalars.count * 4)
    let written = scalars.withUnsafeBufferPointer { values in
      room.bytes.withUnsafeMutableBytes { Self.encodeEscaped(values, into: $0.baseAddress!) }
    }
    output.append(contentsOf: room.bytes[0..<written])
  }

  /// `appendEscaped`'s encoding, a function of its own on the buffers' addresses: inside the
  /// buffer closures, the count was written back to memory at every scalar.
  /// Each scalar is stored as one 1-, 2- or 4-byte word (little-endian: the first byte of
  /// the sequence lowest): a three-byte sequence's fourth byte is overwritten by the next
  /// scalar or lies past the end, and at most four bytes per scalar are ever written.
  @inline(never)
  private static func encodeEscaped(
    _ scalars: UnsafeBufferPointer<UInt32>, into base: UnsafeMutableRawPointer
  ) -> Int {
    var count = 0
    for value in scalars {
      // Printable ASCII first, with one range test (a backslash, rare, is told apart
      // inside it); controls go with the other values below 0x80.
      if value &- 0x20 < 0x7F - 0x20 {
        if value != 0x5C {
          base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: count, as: UInt8.self)
          count &+= 1
        } else {
          base.storeBytes(of: UInt16(0x5C5C), toByteOffset: count, as: UInt16.self)
          count &+= 2
        }
      } else if value < 0x80 {
        switch value {
        case 0x0A, 0x0D:
          let escaped: UInt16 = value == 0x0A ? 0x6E : 0x72
          base.storeBytes(of: (0x5C | escaped << 8).littleEndian, toByteOffset: count, as: UInt16.self)
          count &+= 2
        default:
          base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: count, as: UInt8.self)
          count &+= 1
        }
      } else if value < 0x800 {
        let pair = UInt16(truncatingIfNeeded: 0x80C0 | value >> 6 | (value & 0x3F) << 8)
        base.storeBytes(of: pair.littleEndian, toByteOffset: count, as: UInt16.self)
        count &+= 2
      } else if value < 0x10000 {
        if value &- 0xD800 < 0x800 { continue }
        let triple = 0x80_80E0 | value >> 12 | (value >> 6 & 0x3F) << 8 | (value & 0x3F) << 16
        base.storeBytes(of: triple.littleEndian, toByteOffset: count, as: UInt32.self)
        count &+= 3
      } else if value < 0x110000 {
        let quad =
          0x8080_80F0 | value >> 18 | (value >> 12 & 0x3F) << 8 | (value >> 6 & 0x3F) << 16
          | (value & 0x3F) << 24
        base.storeBytes(of: quad.littleEndian, toByteOffset: count, as: UInt32.self)
        count &+= 4
      }
    }
    return count
  }

  /// The bytes `appendEscaped` encodes a line into, kept from line to line of a slice and
  /// grown as lines need (never zeroed again).
  struct EncodingRoom {
    fileprivate var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) {
      if bytes.count < count { bytes = [UInt8](repeating: 0, count: max(count, 2 * bytes.count)) }
    }
  }

  /// `escape(text)` written straight to `output`: runs without a backslash, line feed or
  /// carriage return are copied whole, with no per-byte append.
  private func appendEscaped(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      for index in 0..<bytes.count {
        let escaped: UInt8
        switch bytes[index] {
        case 0x5C: escaped = 0x5C
        case 0x0A: escaped = 0x6E
        case 0x0D: escaped = 0x72
        default: continue
        }
        output.append(contentsOf: bytes[start..<index])
        output.append(0x5C)
        output.append(escaped)
        start = index + 1
      }
      output.append(contentsOf: bytes[start..<bytes.count])
    }
  }

  private static func escape(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 8)
    for byte in text.utf8 {
      switch byte {
      case 0x5C:
        bytes.append(0x5C)
        bytes.append(0x5C)
      case 0x0A:
        bytes.append(0x5C)
        bytes.append(0x6E)
      case 0x0D:
        bytes.append(0x5C)
        bytes.append(0x72)
      default: bytes.append(byte)
      }
    }
    return bytes
  }

  static func explanation(of repaired: RepairedText, asJSON: Bool, inline: Bool = false) -> String
  {
    if asJSON {
      let steps = repaired.steps.map { step in
        "{\"kind\":\(Self.jsonString(step.kind)),\"start\":\(step.start),\"end\":\(step.end),\"detail\":\(Self.jsonString(step.detail))}"
      }
      let lossy = repaired.lossySpans.map { "[\($0.lowerBound),\($0.upperBound)]" }
      let object =
        "{\"text\":\(Self.jsonString(repaired.text)),\"steps\":[\(steps.joined(separator: ","))],\"lossy\":[\(lossy.joined(separator: ","))]}"
      return inline ? object : object + "\n"
    }
    var parts = repaired.steps.map { "\($0.kind) \($0.start)..<\($0.end) \($0.detail)" }
    parts += repaired.lossySpans.map { "lossy \($0.lowerBound)..<\($0.upperBound)" }
    if parts.isEmpty { parts = ["unchanged"] }
    return inline
      ? String(decoding: Self.escape(parts.joined(separator: "; ")), as: UTF8.self)
      : parts.joined(separator: "\n") + "\n"
  }

  private static func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
