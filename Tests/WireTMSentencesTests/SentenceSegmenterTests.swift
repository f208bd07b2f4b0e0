import Foundation
import Testing

@testable import WireTMSentences

private func fixtureLines(_ name: String) throws -> [Substring] {
  let url = try #require(
    Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Fixtures"))
  let text = try String(contentsOf: url, encoding: .utf8)
  return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
}

private let segmenter = RuleSentenceSegmenter()

@Test func seedSummaryParagraphsSplitTwoTwoOne() throws {
  let lines = try fixtureLines("seed-000-summary")
  #expect(lines.count == 18)
  for line in lines {
    let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
    let language = String(fields[0])
    let expected = try #require(Int(fields[1]))
    let sentences = segmenter.sentences(in: String(fields[2]), language: language)
    #expect(sentences.count == expected, "\(language): \(sentences)")
  }
}

@Test(arguments: [
  ("en", "Examplo Labs, Inc. (NASDAQ: EXPL) met Dr. Jane Roe. It grew.", 2),
  (
    "en", "Shares of Orbita, Inc. rose. The company is based in San Jose, Calif. It has 80 staff.",
    3
  ),
  (
    "en",
    "Sales start in the U.S. and Japan. U.S. Food and Drug Administration approval came first.", 2
  ),
  ("en", "Revenue was up approx. 40% vs. Q1 2024, e.g. in sales. Paul Y. Song spoke.", 2),
  (
    "de", "Die Firma meldete am 20. November einen Umsatz von 12,5 Mio. US-Dollar. Das ist viel.", 2
  ),
  (
    "de", "Der Verkauf beginnt am 3. März im 1. Quartal. Die Aktie stieg im Jahr 2024. Sie fiel.", 3
  ),
  ("de", "Er sagte es deutlich. „Wir sind zufrieden“, sagte Dr. Roe.", 2),
  ("es", "La empresa tiene su sede en EE. UU. Cuenta con 80 empleados, p. ej. en ventas.", 2),
  ("it", "Lo ha detto la dott.ssa Rossi di Ferrovia S.p.A. a Milano. Il titolo è salito.", 2),
  ("fr", "« Nous sommes satisfaits. » Il a ajouté : « C’est un record. » Mme Roe a souri.", 3),
  ("en", "Highlights: 1. Revenue grew 18%. 2. Margins improved. The outlook is unchanged.", 3),
  ("en", "The merger was approved on Jan. 9. It still needs clearance.", 2),
  ("en", "The call starts at 9 a.m. The replay follows at 11 a.m. Eastern Time.", 2),
  ("ko", "회사는 매출이 증가했다고 밝혔다. 제인 로(Jane Roe) CEO는 만족한다고 말했습니다. 주가는 4.2% 올랐다.", 3),
])
func splitsTraps(language: String, paragraph: String, count: Int) {
  let sentences = segmenter.sentences(in: paragraph, language: language)
  #expect(sentences.count == count, "\(sentences)")
}

@Test func keepsTextUnchanged() {
  let paragraph = "Hello there.\u{00A0}« Bonjour. »  Next one?  Yes!"
  let ranges = segmenter.sentenceRanges(in: paragraph, language: "fr")
  #expect(ranges.map { String(paragraph[$0]) }.joined() == paragraph)
}

@Test func emptyAndSingleSentence() {
  #expect(segmenter.sentences(in: "", language: "en").isEmpty)
  #expect(segmenter.sentences(in: "No stop at the end", language: "en") == ["No stop at the end"])
}

/// Boundary F1 per language on the development gold (scripts/align/make_gold.py) and on
/// the check set written after tuning.
@Test(arguments: ["seg-gold", "seg-check", "seg-lead-traps"])
func boundaryF1(fixture: String) throws {
  var correct: [String: Int] = [:]
  var predicted: [String: Int] = [:]
  var gold: [String: Int] = [:]
  for line in try fixtureLines(fixture) {
    let fields = line.split(separator: "\t").map(String.init)
    let language = fields[0]
    let expected = Array(fields.dropFirst())
    let found = segmenter.sentences(in: expected.joined(separator: " "), language: language)
    let goldCuts = Set(boundaryOffsets(expected))
    let foundCuts = Set(boundaryOffsets(found))
    correct[language, default: 0] += goldCuts.intersection(foundCuts).count
    predicted[language, default: 0] += foundCuts.count
    gold[language, default: 0] += goldCuts.count
  }
  #expect(gold.keys.count == 6)
  for language in gold.keys {
    let c = Double(correct[language] ?? 0)
    let f1 = 2 * c / Double((predicted[language] ?? 0) + (gold[language] ?? 0))
    #expect(f1 >= 0.97, "\(language): F1 \(f1)")
  }
}

/// Boundaries as counts of non-white-space characters before each cut (as the harness does).
private func boundaryOffsets(_ sentences: [String]) -> [Int] {
  var offsets: [Int] = []
  var total = 0
  for sentence in sentences.dropLast() {
    total += sentence.unicodeScalars.filter { !$0.properties.isWhitespace }.count
    offsets.append(total)
  }
  return offsets
}
