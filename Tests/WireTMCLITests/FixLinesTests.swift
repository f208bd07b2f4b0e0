import Foundation
import Testing
import WireTMRepair
import _WireTMTestSupport

/// `fix --lines` repairs slices of lines on every core and writes each slice's output once
/// the earlier ones are out: the output must still be exactly one line per input line, in
/// input order, each the in-process repair of its line.
struct FixLinesTests {
  /// Lines of several kinds (clean, mojibake, entities, escapes, CJK), each carrying its
  /// number so that a line written out of order cannot go unnoticed.
  static func numberedLines(_ count: Int) -> [String] {
    let shapes = [
      "Line %d: CafÃ© â€œcrÃ¨meâ€\u{9D} brÃ»lÃ©e",
      "Line %d is clean ASCII text about quarterly revenue.",
      "Line %d: L’école a ouvert ses portes à Genève.",
      "Line %d: &lt;b&gt;MÃ¼ller&lt;/b&gt; said \\\\ and \\n",
      "Line %d: 서울에서 열린 행사 — 호황",
      "Line %d: ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€",
      "Line %d: Ïðèâåò èç Ìîñêâû",
      "Line %d:\\r\\nsplit by escapes",
    ]
    return (0..<count).map { String(format: shapes[$0 % shapes.count], $0) }
  }

  static func unescape(_ line: String) -> String {
    var result = ""
    var iterator = line.makeIterator()
    while let character = iterator.next() {
      guard character == "\\" else {
        result.append(character)
        continue
      }
      switch iterator.next() {
      case "\\": result.append("\\")
      case "n": result.append("\n")
      case "r": result.append("\r")
      case let other?: result.append("\\"); result.append(other)
      case nil: result.append("\\")
      }
    }
    return result
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
      .replacingOccurrences(of: "\r", with: "\\r")
  }

  /// Thousands of lines (hundreds of KiB: many slices per chunk) come back in order, each
  /// equal to the library's repair of that line; the last line has no line feed.
  @Test func manyLinesComeBackInOrderAsRepairedInProcess() throws {
    let lines = Self.numberedLines(6_000)
    let input = lines.joined(separator: "\n")
    #expect(input.utf8.count > 256 * 1024)
    let result = try runWiretm(["fix", "--lines"], input: input)
    #expect(result.status == 0, "\(result.stderr)")
    let output = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(output.count == lines.count + 1 && output.last == "")
    let repairer = MojibakeRepairer()
    var mismatches = 0
    for (index, line) in lines.enumerated() where index < output.count {
      let expected = Self.escape(repairer.repair(Self.unescape(line)).text)
      if output[index] != expected[...] {
        mismatches += 1
        if mismatches <= 3 { Issue.record("line \(index): \(output[index]) != \(expected)") }
      }
    }
    #expect(mismatches == 0)
    // The repairs did happen (the test is not comparing unchanged text with itself).
    #expect(output[0].contains("Café “crème” brûlée"))
  }

  /// `--jobs` changes how many threads repair, never the output; bad counts are usage errors.
  /// The input (about 1.1 MiB) is more than one chunk and far more slices than are let in
  /// flight at once, so workers wait for the writer and the reader for the workers.
  @Test func jobsDoNotChangeTheOutput() throws {
    let input = Self.numberedLines(24_000).joined(separator: "\n") + "\n"
    #expect(input.utf8.count > 1024 * 1024)
    let byDefault = try runWiretm(["fix", "--lines"], input: input)
    for jobs in [["--jobs", "1"], ["--jobs", "3"], ["--jobs=2"]] {
      let result = try runWiretm(["fix", "--lines"] + jobs, input: input)
      #expect(result.status == 0, "\(jobs): \(result.stderr)")
      #expect(result.stdout == byDefault.stdout, "\(jobs)")
    }
    for bad in [["--jobs", "0"], ["--jobs", "many"], ["--jobs"]] {
      let result = try runWiretm(["fix", "--lines"] + bad, input: "x\n")
      #expect(result.status == 64, "\(bad): \(result.status)")
      #expect(result.stdout.isEmpty)
    }
  }

  /// Input from a pipe arrives in pieces that cut lines anywhere, with pauses between them:
  /// the output is the same as from a file.
  @Test func piecesFromAPipeGiveTheSameOutputAsAFile() throws {
    let input = Self.numberedLines(3_000).joined(separator: "\n") + "\n"
    let fromFile = try runWiretm(["fix", "--lines"], input: input)
    let process = Process()
    process.executableURL = wiretmBinary
    process.arguments = ["fix", "--lines"]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    let writer = stdin.fileHandleForWriting
    let bytes = Array(input.utf8)
    let cuts = [1, 70_001, 70_002, 150_000, bytes.count]
    let feeder = Thread {
      var start = 0
      for cut in cuts where cut > start && cut <= bytes.count {
        writer.write(Data(bytes[start..<cut]))
        start = cut
        Thread.sleep(forTimeInterval: 0.05)
      }
      try? writer.close()
    }
    feeder.start()
    let collected = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(String(decoding: collected, as: UTF8.self) == fromFile.stdout)
  }

  /// With `--explain --json`, one JSON object per input line, in order.
  @Test func explanationsComeBackInOrder() throws {
    let lines = Self.numberedLines(3_000)
    let result = try runWiretm(["fix", "--lines", "--explain", "--json"], input: lines.joined(separator: "\n") + "\n")
    #expect(result.status == 0, "\(result.stderr)")
    let output = result.stdout.split(separator: "\n")
    #expect(output.count == lines.count)
    for (index, object) in output.enumerated() {
      let record = try JSONSerialization.jsonObject(with: Data(object.utf8)) as? [String: Any]
      let text = record?["text"] as? String ?? ""
      #expect(text.hasPrefix("Line \(index):") || text.hasPrefix("Line \(index) "), "\(index): \(text)")
    }
  }
}
