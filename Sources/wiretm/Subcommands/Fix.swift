import ArgumentParser
import WireTM

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct Fix: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fix",
    abstract: "Repair mojibake, HTML entities and control characters in text.",
    discussion: """
      Typography is kept (curly quotes, dashes, ligatures, full-width punctuation). Lost \
      characters stay as U+FFFD and are reported as lossy, never invented.

      With --lines, each input line is repaired on its own and exactly one line is written \
      per input line, in order. Inside a line, \\\\, \\n and \\r stand for a backslash, a \
      line feed and a carriage return (both ways); other backslashes are left as they are.

      Examples:
        printf 'CafÃ© â€œcrÃ¨meâ€\\n' | wiretm fix --lines
        wiretm fix page.txt > page.fixed.txt
        wiretm fix --explain page.txt
        wiretm fix --explain --json - < page.txt
        printf 'â€œquotedâ€\\n' | wiretm fix --lines --ascii-quotes
      """)

  @Argument(help: "A text file, or - for standard input (the default).")
  var input: String = "-"

  @Flag(help: "Repair each line on its own; one output line per input line.")
  var lines = false

  @Flag(help: "Print the repair steps (kind, scalar offsets, detail) instead of the text.")
  var explain = false

  @Flag(help: "With --explain: one JSON object per text (or per line with --lines).")
  var json = false

  @Flag(help: "Straighten curly quotes to ASCII ' and \".")
  var asciiQuotes = false

  @Flag(help: "Apply NFKC compatibility normalisation (folds ﬁ, full-width forms, ™).")
  var nfkc = false

  @Flag(help: "Restore a lost closing ” (U+FFFD after an unclosed “), recorded as a step.")
  var restoreQuotes = false

  func run() throws {
    let repairer = MojibakeRepairer(
      options: RepairOptions(
        asciiQuotes: asciiQuotes, nfkc: nfkc, restoreQuotes: restoreQuotes, describeSteps: explain))
    let descriptor = try openInput()
    defer { if descriptor != 0 { close(descriptor) } }
    var output = StandardOutput()
    if lines {
      try streamLines(from: descriptor, repairer: repairer, into: &output)
    } else {
      let bytes = try readAll(descriptor)
      let text: String
      do {
        text = try TextDecoder().decode(bytes).text
      } catch {
        throw inputFailure("\(displayName): \(error)")
      }
      let repaired = repairer.repair(text)
      if explain {
        output.append(explanation(of: repaired, asJSON: json))
      } else {
        output.append(repaired.text)
      }
    }
    output.flush()
  }

  private var displayName: String { input == "-" ? "standard input" : input }

  private func openInput() throws -> Int32 {
    if input == "-" { return 0 }
    let descriptor = open(input, O_RDONLY)
    if descriptor < 0 {
      throw inputFailure("\(input): cannot open (\(String(cString: strerror(errno))))")
    }
    return descriptor
  }

  private func readAll(_ descriptor: Int32) throws -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw inputFailure("\(displayName): read failed (\(String(cString: strerror(errno))))")
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Reads large chunks, splits them at 0x0A only and repairs each line; memory stays
  /// bounded by the longest line.
  private func streamLines(
    from descriptor: Int32, repairer: MojibakeRepairer, into output: inout StandardOutput
  )
    throws
  {
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var pending: [UInt8] = []
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw inputFailure("\(displayName): read failed (\(String(cString: strerror(errno))))")
      }
      if count == 0 { break }
      var lineStart = 0
      chunk.withUnsafeBufferPointer { buffer in
        let base = buffer.baseAddress!
        // memchr finds each line feed word-at-a-time instead of testing every byte.
        while lineStart < count, let found = memchr(base + lineStart, 0x0A, count - lineStart) {
          let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          if pending.isEmpty {
            handleLine(
              UnsafeBufferPointer(rebasing: buffer[lineStart..<index]), repairer, &output)
          } else {
            pending.append(contentsOf: buffer[lineStart..<index])
            pending.withUnsafeBufferPointer { handleLine($0, repairer, &output) }
            pending.removeAll(keepingCapacity: true)
          }
          lineStart = index + 1
        }
        if lineStart < count { pending.append(contentsOf: buffer[lineStart..<count]) }
      }
    }
    if !pending.isEmpty {
      pending.withUnsafeBufferPointer { handleLine($0, repairer, &output) }
    }
  }

  private func handleLine(
    _ line: UnsafeBufferPointer<UInt8>, _ repairer: MojibakeRepairer, _ output: inout StandardOutput
  ) {
    let hasBackslash =
      line.count > 0 && memchr(line.baseAddress!, 0x5C, line.count) != nil
    let screened = !explain && !hasBackslash
    if screened && repairer.leavesUnchanged(utf8: line) {
      output.append(line)
      output.append(0x0A)
      return
    }
    let text = unescape(line)
    let repaired = repairer.repair(text, knownUnclean: screened)
    if explain {
      output.append(explanation(of: repaired, asJSON: json, inline: true))
    } else if repaired.text == text {
      output.append(line)
    } else {
      appendEscaped(repaired.text, to: &output)
    }
    output.append(0x0A)
  }

  private func unescape(_ line: UnsafeBufferPointer<UInt8>) -> String {
    guard line.contains(0x5C) else { return String(decoding: line, as: UTF8.self) }
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

  /// `escape(text)` written straight to `output`: runs without a backslash, line feed or
  /// carriage return are copied whole, with no per-byte append.
  private func appendEscaped(_ text: String, to output: inout StandardOutput) {
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
        output.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        output.append(0x5C)
        output.append(escaped)
        start = index + 1
      }
      output.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }
  }

  private func escape(_ text: String) -> [UInt8] {
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

  private func explanation(of repaired: RepairedText, asJSON: Bool, inline: Bool = false) -> String
  {
    if asJSON {
      let steps = repaired.steps.map { step in
        "{\"kind\":\(jsonString(step.kind)),\"start\":\(step.start),\"end\":\(step.end),\"detail\":\(jsonString(step.detail))}"
      }
      let lossy = repaired.lossySpans.map { "[\($0.lowerBound),\($0.upperBound)]" }
      let object =
        "{\"text\":\(jsonString(repaired.text)),\"steps\":[\(steps.joined(separator: ","))],\"lossy\":[\(lossy.joined(separator: ","))]}"
      return inline ? object : object + "\n"
    }
    var parts = repaired.steps.map { "\($0.kind) \($0.start)..<\($0.end) \($0.detail)" }
    parts += repaired.lossySpans.map { "lossy \($0.lowerBound)..<\($0.upperBound)" }
    if parts.isEmpty { parts = ["unchanged"] }
    return inline
      ? String(decoding: escape(parts.joined(separator: "; ")), as: UTF8.self)
      : parts.joined(separator: "\n") + "\n"
  }

  private func jsonString(_ text: String) -> String {
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
