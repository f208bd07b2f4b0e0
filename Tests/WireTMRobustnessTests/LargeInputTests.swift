import Foundation
import Testing
import WireTM

/// Large and degenerate inputs complete and keep their size and content sensible. (Linearity
/// is measured in scripts/linearity.sh, not here: tests carry no timing assertions.)
@Suite(.serialized) struct LargeInputTests {
  let repairer = MojibakeRepairer()
  let normalizer = TextNormalizer()

  static let sentence = "Revenue rose 6% to €1.4 billion, the company’s CEO said in Zürich. "

  @Test func tenMegabyteSingleLine() {
    let count = 10_000_000 / Self.sentence.utf8.count
    let line = String(repeating: Self.sentence, count: count)
    let repaired = repairer.repair(line)
    #expect(repaired.text == line, "clean text was changed")
    let normalized = normalizer.normalize(repaired.text)
    #expect(normalized.utf8.count >= line.utf8.count - count, "normalising lost text")
  }

  @Test func hundredThousandShortLines() {
    let lines = (0..<100_000).map { "Line \($0): Ã©tÃ© â€” naïve." }
    let text = lines.joined(separator: "\n")
    let repaired = repairer.repair(text)
    let outLines = repaired.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(outLines.count == lines.count, "lines were merged or split")
    #expect(outLines.first.map { $0.contains("été") } == true, "\(outLines.first ?? "")")
    for line in lines.prefix(1000) { _ = normalizer.normalize(line) }
    #expect(normalizer.normalize(text).utf8.count > 0)
  }

  @Test func hundredThousandShortLinesThroughThePageCleaner() throws {
    let text = (0..<100_000).map { "Paragraph \($0) has â€œquotesâ€\u{9D}." }.joined(separator: "\n")
    let page = try PageCleaner().clean(Array(text.utf8), document: "many-lines")
    #expect(page.text.split(separator: "\n", omittingEmptySubsequences: false).count == 100_000)
  }

  @Test func deeplyRepeatedMojibake() {
    for unit in ["Ã", "Ã©", "â€", "Ã\u{83}Â", "Ã¢â‚¬â„¢"] {
      let text = String(repeating: unit, count: 100_000)
      let once = repairer.repair(text)
      let twice = repairer.repair(once.text)
      #expect(twice.text == once.text, "repair is not idempotent on \(unit.debugDescription) × 100 000")
      #expect(once.text.unicodeScalars.count <= text.unicodeScalars.count, "repair grew the text")
      _ = normalizer.normalize(once.text)
    }
  }

  @Test func longRunsOfOneCharacterClass() {
    for piece in ["\u{FFFD}", "\u{301}", "&amp;", "&#", "\r\n", "\u{200B}", "한", " "] {
      let text = "a" + String(repeating: piece, count: 200_000) + "b"
      let repaired = repairer.repair(text)
      #expect(repairer.repair(repaired.text).text == repaired.text, "not idempotent on \(piece.debugDescription)")
      _ = normalizer.normalize(repaired.text)
    }
  }
}
