import Foundation
import Testing
import WireTM
import _WireTMTestSupport

/// The analyzer on its own, with languages given by hand, so these tests pin the structure
/// logic whatever the language model says.
@Suite struct StructureAnalyzerTests {
  func paragraphs(_ texts: [String]) -> [Paragraph] {
    ParagraphSplitter().split(texts.joined(separator: "\n"))
  }

  func guesses(_ codes: [String]) -> [LanguageGuess] {
    codes.map { LanguageGuess(code: $0, confidence: 0.99) }
  }

  @Test func seedPageBlocksPointAtTheEnglishSummary() throws {
    let url = repositoryRoot.appendingPathComponent("seeds/000_aed1e95bd92afcad.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    let paragraphs = ParagraphSplitter().split(text)
    // Hand labels: 0 title, 1-3 English summary, then it, es, ko, fr, de blocks, then English.
    var codes = [String](repeating: "en", count: paragraphs.count)
    for (offset, code) in ["it", "es", "ko", "fr", "de"].enumerated() {
      for index in (4 + 3 * offset)..<(7 + 3 * offset) { codes[index] = code }
    }
    let structure = StructureAnalyzer().analyze(paragraphs, languages: guesses(codes))
    #expect(structure.blocks.map(\.language) == ["it", "es", "ko", "fr", "de"])
    for block in structure.blocks {
      #expect(block.source == [1, 2, 3], "block \(block.language)")
      #expect(block.pairsParagraphs)
    }
    #expect(structure.original == [1, 2, 3])
    #expect(structure.roles[0] == .layout)
    #expect(structure.roles.contains(.untranslated))
  }

  /// The seed page with its Korean block merged into two paragraphs and its German block
  /// missing the last paragraph: blocks of other sizes still find the summary, not the
  /// "About" paragraphs that share their names.
  @Test func blocksOfOtherSizesStillFindTheSummary() throws {
    let url = repositoryRoot.appendingPathComponent("seeds/000_aed1e95bd92afcad.txt")
    var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
    lines[10] += " " + lines[11]
    lines.remove(at: 18)
    lines.remove(at: 11)
    let paragraphs = ParagraphSplitter().split(lines.joined(separator: "\n"))
    var codes = [String](repeating: "en", count: paragraphs.count)
    for index in 4..<7 { codes[index] = "it" }
    for index in 7..<10 { codes[index] = "es" }
    for index in 10..<12 { codes[index] = "ko" }
    for index in 12..<15 { codes[index] = "fr" }
    for index in 15..<17 { codes[index] = "de" }
    let structure = StructureAnalyzer().analyze(paragraphs, languages: guesses(codes))
    let sources = Dictionary(uniqueKeysWithValues: structure.blocks.map { ($0.language, $0.source) })
    #expect(sources == ["it": [1, 2, 3], "es": [1, 2, 3], "ko": [1, 2, 3], "fr": [1, 2, 3], "de": [1, 2]])
  }

  @Test func interleavedTranslationsKeepTheirOwnParagraph() {
    let texts = [
      "Verdant Bank plc (LSE: VRDB) raised its quarterly dividend by 8% to 21 pence a share on Thursday.",
      "Verdant Bank plc (LSE: VRDB) hat am Donnerstag seine Quartalsdividende um 8 % auf 21 Pence je Aktie erhöht.",
      "The bank also announced a share buyback of up to 500 million pounds, to be completed by June 2026.",
      "Die Bank kündigte zudem einen Aktienrückkauf von bis zu 500 Millionen Pfund an, der bis Juni 2026 abgeschlossen sein soll.",
    ]
    let structure = StructureAnalyzer().analyze(paragraphs(texts), languages: guesses(["en", "de", "en", "de"]))
    #expect(structure.blocks.map(\.source) == [[0], [2]])
  }

  @Test func blockFindsItsOriginalAnywhereOnThePage() {
    let english1 = "Acme Corp. (NASDAQ: ACME) reported revenue of 42 million dollars in 2024 after strong sales."
    let english2 = "The board of directors of Acme met in Boston on Tuesday to discuss the future of the company."
    let italian = "Acme Corp. (NASDAQ: ACME) ha registrato ricavi per 42 milioni di dollari nel 2024 grazie a vendite forti."
    let texts = [english2, italian, "Unrelated English text about weather and other matters, quite long indeed.", english1]
    let structure = StructureAnalyzer().analyze(paragraphs(texts), languages: guesses(["en", "it", "en", "en"]))
    #expect(structure.blocks.count == 1)
    #expect(structure.blocks.first?.source == [3])
    #expect(structure.roles == [.untranslated, .translation("it"), .untranslated, .original])
  }

  @Test func translationWithoutOriginalIsUnmatched() {
    let texts = [
      "The weather in Paris was mild on Sunday, said the agency in a note to clients.",
      "Die Firma Beispiel GmbH hat 2023 einen Umsatz von 17 Millionen Euro erzielt, teilte sie mit.",
    ]
    let structure = StructureAnalyzer().analyze(paragraphs(texts), languages: guesses(["en", "de"]))
    #expect(structure.blocks.isEmpty)
    #expect(structure.roles == [.untranslated, .unmatched])
  }

  @Test func englishMisreadAsAnotherLanguageIsNoTranslation() {
    let english = "NKGen Biotech (OTC: NKGN) and HekaBio K.K. signed the agreement in Tokyo with Paul Y. Song and Rob Claar present."
    let nearCopy = "NKGen Biotech (OTC: NKGN) and HekaBio K.K. signed the agreement in Tokyo, with Paul Y. Song and Rob Claar present."
    let structure = StructureAnalyzer().analyze(paragraphs([english, nearCopy]), languages: guesses(["en", "de"]))
    #expect(structure.blocks.isEmpty)
  }

  /// Found by the Pipeline fuzz target: a translation block much longer than every English
  /// run made the window range invalid and trapped.
  @Test func longBlockBesideShortEnglishRunDoesNotTrap() {
    let texts = [
      "Acme Corp. reported revenue of 42 million dollars in 2024 after strong sales.",
      "Acme Corp. hat 2024 einen Umsatz von 42 Millionen Dollar erzielt.",
      "Der Umsatz stieg dank starker Verkäufe deutlich an.",
      "Das Unternehmen plant weitere Investitionen in Europa.",
      "Die Aktionäre erhalten eine höhere Dividende als im Vorjahr.",
    ]
    let structure = StructureAnalyzer().analyze(paragraphs(texts), languages: guesses(["en", "de", "de", "de", "de"]))
    #expect(structure.blocks.allSatisfy { $0.source == [0] })
  }

  @Test func repeatsAndBoilerplateAreMarked() {
    let texts = [
      "Acme Corp. reported revenue of 42 million dollars in 2024.",
      "We use cookies to improve your experience. See our Privacy Policy.",
      "Acme Corp. reported revenue of 42 million dollars in 2024.",
    ]
    let structure = StructureAnalyzer().analyze(paragraphs(texts), languages: guesses(["en", "en", "en"]))
    #expect(structure.roles == [.untranslated, .boilerplate, .repeated(of: 0)])
  }
}
