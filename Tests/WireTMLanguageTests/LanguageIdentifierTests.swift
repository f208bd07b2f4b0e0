import Foundation
import Testing

@testable import WireTMLanguage

/// The six wire-copy languages the pipeline restricts itself to.
let wireLanguages: Set<String> = ["en", "it", "es", "ko", "fr", "de"]

/// Rows of a `gold<TAB>…<TAB>text` fixture, comment lines skipped.
func fixtureRows(_ name: String) throws -> [[String]] {
  let url = try #require(
    Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Fixtures"))
  return try String(contentsOf: url, encoding: .utf8)
    .split(separator: "\n", omittingEmptySubsequences: true)
    .filter { !$0.hasPrefix("#") }
    .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
}

@Suite struct ModelTests {
  @Test func modelLoadsWithTheConfusableLanguages() {
    let languages = Set(LanguageIdentifier.latinLanguages)
    for code in ["en", "it", "es", "fr", "de", "pt", "ca", "ro", "nl", "sv", "da", "pl"] {
      #expect(languages.contains(code), "model lacks \(code)")
    }
  }

  @Test func damagedModelIsRejectedWithItsPath() {
    #expect(throws: ModelError.self) { try LanguageModel(bytes: Array("not a model".utf8), path: "x.model") }
    do {
      _ = try LanguageModel(
        bytes: LanguageModel.magic + [0, 0, 0, 0, 3, 0, 0, 0] + Array(repeating: 0, count: 20),
        path: "x.model")
      Issue.record("a bad header was accepted")
    } catch {
      #expect("\(error)".hasPrefix("x.model: bad header"))
    }
  }

  @Test func decoderReadsInvalidBytesAsReplacement() {
    let bytes: [UInt8] = [0x61, 0xC3, 0xA9, 0xFF, 0xE2, 0x82]
    bytes.withUnsafeBufferPointer { buffer in
      #expect(UTF8Decoding.decode(buffer, at: 0) == (0x61, 1))
      #expect(UTF8Decoding.decode(buffer, at: 1) == (0xE9, 2))
      #expect(UTF8Decoding.decode(buffer, at: 3) == (0xFFFD, 1))
      #expect(UTF8Decoding.decode(buffer, at: 4) == (0xFFFD, 1))
    }
  }
}

@Suite struct IdentifyTests {
  let six = LanguageIdentifier(labels: wireLanguages)

  @Test func seedParagraphsGetTheirLanguage() throws {
    let rows = try fixtureRows("seed-000-paragraphs")
    #expect(rows.count == 49)
    for row in rows {
      #expect(six.identify(row[1]).code == row[0], "\(row[1].prefix(60))")
    }
  }

  @Test func linesWithoutLettersAreUndetermined() {
    for text in ["", "   ", "949-396-6830", "2025-07-17 12:30", "(+1) 555 0100 — 42 %", "…"] {
      #expect(six.identify(text) == .undetermined, "\(text)")
    }
  }

  @Test(arguments: [
    ("NKGen Biotech (OTC: NKGN) 소개", "ko", "Hang"),
    ("HekaBio 소개", "ko", "Hang"),
    ("Компания объявила о результатах", "ru", "Cyrl"),
    ("公司宣布第三季度业绩", "zh", "Hani"),
    ("同社は第3四半期の業績を発表した", "ja", "Hani"),
    ("Η εταιρεία ανακοίνωσε τα αποτελέσματα", "el", "Grek"),
  ])
  func scriptsNameTheirLanguage(text: String, code: String, script: String) {
    let guess = LanguageIdentifier().identify(text)
    #expect(guess.code == code)
    #expect(guess.script == script || code == "ja")
  }

  @Test func scriptsOutsideTheLabelsAreUndetermined() {
    #expect(six.identify("Компания объявила о результатах").code == "und")
    #expect(six.identify("公司宣布第三季度业绩").code == "und")
    #expect(LanguageIdentifier(labels: ["en", "de"]).identify("회사는 예정이다").code == "und")
  }

  @Test func answersStayInsideTheLabels() {
    let pair = LanguageIdentifier(labels: ["fr", "de"])
    for text in ["The company reported record revenue.", "La empresa registra ingresos", "casa", "Haus"] {
      #expect(["fr", "de"].contains(pair.identify(text).code), "\(text)")
    }
  }

  @Test(arguments: [
    ("A empresa anunciou hoje a conclusão da aquisição da unidade de negócios.", "pt"),
    ("L'empresa ha anunciat avui que tancarà la compra de la divisió de polímers.", "ca"),
    ("Compania a anunțat astăzi finalizarea achiziției diviziei de polimeri.", "ro"),
    ("Het bedrijf heeft vandaag de overname van de polymeerdivisie afgerond.", "nl"),
    ("Företaget meddelade i dag att förvärvet av polymerdivisionen är slutfört.", "sv"),
    ("Virksomheden meddelte i dag, at købet af polymerdivisionen er gennemført.", "da"),
    ("Spółka ogłosiła dziś zakończenie przejęcia działu polimerów.", "pl"),
  ])
  func confusersAreNotForcedIntoTheSix(text: String, code: String) {
    #expect(LanguageIdentifier().identify(text).code == code)
  }

  @Test func tickersAndAddressesWeighLittle() {
    #expect(six.identify("Siemens Healthineers AG (FWB: SHL) presenterà alla conferenza").code == "it")
    #expect(six.identify("Weitere Informationen unter https://www.example.com/investors/news").code == "de")
    #expect(six.identify("SOLVAY ANNONCE UN NOUVEAU DIRECTEUR FINANCIER").code == "fr")
  }

  @Test func mixedParagraphGetsTheMajorityLanguage() {
    let text =
      "Il presidente ha dichiarato che la società è molto soddisfatta dei risultati ottenuti nel trimestre e prevede una crescita costante. We are pleased."
    #expect(six.identify(text).code == "it")
  }

  @Test func candidatesAreRankedAndBounded() {
    let candidates = six.candidates("La compañía espera comenzar la dosificación", limit: 6)
    #expect(candidates.first?.code == "es")
    #expect(candidates.count <= 6)
    #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
    #expect(candidates.reduce(0) { $0 + $1.confidence } <= 1.000001)
    #expect(six.candidates("12345").isEmpty)
  }

  @Test func confidenceThresholdGivesUndetermined() {
    let strict = LanguageIdentifier(labels: wireLanguages, minimumConfidence: 1.01)
    let guess = strict.identify("The company reported record revenue.")
    #expect(guess.code == "und")
    #expect(guess.confidence > 0.9)
  }

  @Test func unknownLabelsAreRejected() {
    do {
      _ = try LanguageIdentifier(validating: ["en", "xx", "qq"])
      Issue.record("unknown labels accepted")
    } catch {
      #expect("\(error)".hasPrefix("unknown language codes qq, xx; known: "))
    }
    #expect((try? LanguageIdentifier(validating: wireLanguages)) != nil)
  }

  @Test func identifiersCanBeSharedAcrossTasks() async throws {
    let rows = try fixtureRows("press-lines")
    let expected = rows.map { six.identify($0[2]).code }
    let identifier = six
    let results = await withTaskGroup(of: (Int, String).self) { group in
      for (index, row) in rows.enumerated() {
        group.addTask { (index, identifier.identify(row[2]).code) }
      }
      var results = [String](repeating: "", count: rows.count)
      for await (index, code) in group { results[index] = code }
      return results
    }
    #expect(results == expected)
  }

  @Test func scriptOfText() {
    #expect(six.script(of: "NKGen 소개합니다") == "Hang")
    #expect(six.script(of: "Hello world") == "Latn")
    #expect(six.script(of: "42") == "Zyyy")
  }
}

@Suite struct PressLineTests {
  /// Accuracy on hand-written press-release lines (headlines, fragments, name-heavy lines),
  /// the kind of text the pipeline feeds the identifier.
  @Test func pressLinesMeetTheTargets() throws {
    let six = LanguageIdentifier(labels: wireLanguages)
    let rows = try fixtureRows("press-lines")
    #expect(rows.count >= 200)
    var byLanguage: [String: (ok: Int, n: Int)] = [:]
    var names = (ok: 0, n: 0)
    var misses: [String] = []
    for row in rows {
      let ok = six.identify(row[2]).code == row[0]
      byLanguage[row[0], default: (0, 0)].n += 1
      if ok { byLanguage[row[0], default: (0, 0)].ok += 1 } else { misses.append("\(row[0]): \(row[2])") }
      if row[1] == "names" {
        names.n += 1
        if ok { names.ok += 1 }
      }
    }
    let macro = byLanguage.values.map { Double($0.ok) / Double($0.n) }.reduce(0, +) / Double(byLanguage.count)
    #expect(macro >= 0.95, "macro \(macro), misses: \(misses)")
    #expect(Double(names.ok) / Double(names.n) >= 0.93, "names \(names), misses: \(misses)")
    #expect(byLanguage["ko"].map { $0.ok == $0.n } == true)
  }
}

@Suite struct SpanTests {
  let six = LanguageIdentifier(labels: wireLanguages)

  @Test func mixedTextSplitsIntoRuns() {
    let text =
      "The company expects to begin patient dosing within twelve months. La società prevede di iniziare la somministrazione ai pazienti entro dodici mesi."
    let spans = six.spans(text)
    #expect(spans.map(\.guess.code) == ["en", "it"])
    #expect(spans.first.map { text[$0.range].hasPrefix("The company") } == true)
    #expect(spans.last.map { text[$0.range].hasSuffix("dodici mesi") } == true)
  }

  @Test func namesInsideKoreanStayKorean() {
    let spans = six.spans("NKGen Biotech (OTC: NKGN)는 HekaBio와 전략적 파트너십을 체결했다")
    #expect(spans.map(\.guess.code) == ["ko"])
  }

  @Test func noLettersNoSpans() {
    #expect(six.spans("12 345 — 67").isEmpty)
  }
}

@Suite struct WireCopyTests {
  let six = LanguageIdentifier(labels: wireLanguages)

  @Test func datelineCapitalsAreNames() {
    #expect(six.identify("SANTA ANA, Kalifornien, 17. Juli 2025 (GLOBE NEWSWIRE) --").code == "de")
    #expect(six.identify("SANTA ANA, California, 17 luglio 2025 (GLOBE NEWSWIRE) --").code == "it")
  }

  @Test func frenchSpacedPunctuationIsACue() {
    let plain = six.candidates("Contact Acme", limit: 6).first { $0.code == "fr" }?.confidence ?? 0
    let spaced = six.candidates("Contact : Acme", limit: 6).first { $0.code == "fr" }?.confidence ?? 0
    #expect(spaced > plain)
  }

  @Test func shortLeadDoesNotDecideALongParagraph() {
    let text =
      "We are pleased. Il presidente ha dichiarato che la società è molto soddisfatta dei risultati ottenuti nel trimestre e prevede una crescita costante nei prossimi anni."
    #expect(six.identify(text).code == "it")
  }

  @Test func earlyStopAgreesWithTheFullScan() throws {
    // identify() stops scanning once the answer is out of reach; candidates() never does.
    for row in try fixtureRows("seed-000-paragraphs") where row[0] != "und" {
      #expect(six.identify(row[1]).code == six.candidates(row[1], limit: 1).first?.code)
    }
  }
}

@Suite struct EarlyStopTests {
  let six = LanguageIdentifier(labels: wireLanguages)

  @Test func koreanAfterALongEnglishLeadStillCounts() {
    // The English lead alone would decide the Latin vote long before the Korean sentence,
    // whose syllables outweigh it.
    let text =
      "NKGen Biotech announced today that the company has formed a strategic partnership with HekaBio to accelerate the development of its therapy. 엔케이젠은 헤카바이오와 전략적 파트너십을 체결했다"
    #expect(six.identify(text).code == "ko")
    #expect(six.candidates(text, limit: 1).first?.code == "ko")
  }

  @Test func otherScriptBytesAreSpotted() {
    func check(_ text: String) -> Bool {
      var text = text
      return text.withUTF8 { TextScanner.mayHoldOtherScripts($0) }
    }
    #expect(!check("Plain “quoted” text — with é, ß, ł and ș"))
    #expect(check("Latin then 한국어"))
    #expect(check("Latin then Кириллица"))
    #expect(check("damaged \u{FFFD} text"))
  }
}

@Suite struct MoreSpanTests {
  @Test func japaneseHanAndKanaMakeOneRun() {
    let spans = LanguageIdentifier().spans("同社は第3四半期の業績を発表した")
    #expect(spans.map(\.guess.code) == ["ja"])
  }

  @Test func koreanThenEnglishSplit() {
    let text = "회사는 12개월 이내에 환자 투약을 시작할 예정이다. The company expects to begin dosing within twelve months."
    let spans = LanguageIdentifier(labels: wireLanguages).spans(text)
    #expect(spans.map(\.guess.code) == ["ko", "en"])
  }
}

@Suite struct OutOfSetTests {
  @Test func otherLatinLanguagesCanBeRejected() {
    var six = LanguageIdentifier(labels: wireLanguages)
    let portuguese = "A empresa anunciou hoje a conclusão da aquisição da unidade de negócios."
    #expect(six.identify(portuguese).code == "es")
    six.rejectsOtherLanguages = true
    #expect(six.identify(portuguese).code == "und")
    #expect(six.identify("La compañía espera comenzar la dosificación de pacientes.").code == "es")
    #expect(six.identify("NKGen Biotech (OTC: NKGN) 소개").code == "ko")
  }
}
