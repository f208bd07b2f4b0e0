import Foundation
import Testing

@testable import WireTMMemory

@Suite struct TMXWriterTests {
  func sampleMemory() -> TranslationMemory {
    var memory = TranslationMemory()
    memory.add([
      unit(
        "Revenue rose 6% to $1.4 billion.",
        [
          ("ko", "매출은 6% 증가한 14억 달러였다."), ("de", "Der Umsatz stieg um 6 %."),
          ("pt-BR", "A receita subiu 6%."),
        ]),
      unit(
        "Shares fell & recovered <quickly>.",
        [("fr", "Les actions ont chuté puis se sont redressées."), ("ko", "주가는 \u{FFFD}락했다.")]),
    ])
    return memory
  }

  @Test func headerHasEveryRequiredAttribute() {
    let (tmx, _) = TMXWriter().string(sampleMemory().entries)
    for attribute in [
      #"creationtool="wiretm""#, #"creationtoolversion="\#(WireTMMemoryVersion.current)""#,
      #"segtype="sentence""#,
      #"o-tmf="wiretm""#, #"adminlang="en""#, #"srclang="en""#, #"datatype="plaintext""#,
    ] {
      #expect(tmx.contains(attribute), "header lacks \(attribute)")
    }
    #expect(
      tmx.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">"
      ))
  }

  @Test func englishComesFirstAndTagsAreCanonical() {
    let (tmx, report) = TMXWriter().string(sampleMemory().entries)
    let languages = tmx.split(separator: "\n").compactMap { line -> String? in
      guard let range = line.range(of: "xml:lang=\"") else { return nil }
      return String(line[range.upperBound...].prefix { $0 != "\"" })
    }
    #expect(languages == ["en", "de", "ko", "pt-BR", "en", "fr", "ko"])
    #expect(report.units == 2)
    #expect(report.variants == 7)
  }

  @Test func escapesMarkupAndMarksLossyUnits() {
    let (tmx, _) = TMXWriter().string(sampleMemory().entries)
    #expect(tmx.contains("<seg>Shares fell &amp; recovered &lt;quickly&gt;.</seg>"))
    #expect(tmx.contains("<prop type=\"x-lossy\">true</prop>\n"))
    #expect(
      tmx.contains(
        "<prop type=\"x-confidence\">0.9</prop><prop type=\"x-count\">1</prop><prop type=\"x-document\">doc-1</prop><prop type=\"x-lossy\">true</prop><seg>주가는"
      ))
  }

  @Test func tuidIsStableAndKeyedToTheNormalisedEnglish() {
    let first = MemoryEntry(english: MemoryVariant(language: "en", text: "Profit  rose.  "))
    let second = MemoryEntry(english: MemoryVariant(language: "en", text: "Profit rose."))
    let third = MemoryEntry(english: MemoryVariant(language: "en", text: "Profit fell."))
    #expect(first.tuid == second.tuid)
    #expect(first.tuid != third.tuid)
    #expect(first.tuid == EnglishKey.tuid(forKey: "Profit rose."))
    #expect(first.tuid.count == 16)
  }

  @Test func outputIsDeterministicWhateverTheOrderVariantsArrive() {
    var forward = TranslationMemory()
    forward.add(unit("Sales rose.", [("ko", "매출이 늘었다.")], document: "a"))
    forward.add(unit("Sales rose.", [("ko", "매출이 증가했다.")], document: "b"))
    var backward = TranslationMemory()
    backward.add(unit("Sales rose.", [("ko", "매출이 증가했다.")], document: "b"))
    backward.add(unit("Sales rose.", [("ko", "매출이 늘었다.")], document: "a"))
    #expect(TMXWriter().string(forward.entries).tmx == TMXWriter().string(backward.entries).tmx)
  }

  @Test func forbiddenCharactersAreDroppedCountedAndRecorded() throws {
    var memory = TranslationMemory()
    memory.add(
      unit("Bell\u{07} rang\u{0B}.", [("ko", "벨이\u{FFFE} 울렸다."), ("de", "Es klingelte.")]))
    let (tmx, report) = TMXWriter().string(memory.entries)
    #expect(report.removedCharacters == 3)
    #expect(tmx.contains("<seg>Bell rang.</seg>"))
    #expect(tmx.contains("<seg>벨이 울렸다.</seg>"))
    #expect(tmx.contains(TMXWriter.removedCharactersRepair))
    #expect(!tmx.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  }

  @Test func carriageReturnsAndTabsSurviveAsText() throws {
    var memory = TranslationMemory()
    memory.add(unit("Col A\tCol B\r\nnext.", [("de", "Spalte A\tSpalte B")]))
    let (tmx, _) = TMXWriter().string(memory.entries)
    var read: [MemoryEntry] = []
    _ = try TMXReader().read(data: Data(tmx.utf8), name: "memory") { read.append($0) }
    #expect(read.first?.english.text == "Col A\tCol B\r\nnext.")
    #expect(read.first?.translations.first?.text == "Spalte A\tSpalte B")
  }

  @Test func bilingualExportHasOnlyThePair() {
    let options = TMExportOptions(pair: LanguagePair(parsing: "en-ko"))
    let (tmx, report) = TMXWriter().string(sampleMemory().entries, options: options)
    #expect(report.units == 2)
    #expect(!tmx.contains("xml:lang=\"de\""))
    #expect(!tmx.contains("xml:lang=\"fr\""))
    let noLossy = TMExportOptions(pair: LanguagePair(parsing: "en-ko"), includeLossy: false)
    #expect(TMXWriter().string(sampleMemory().entries, options: noLossy).report.units == 1)
  }

  @Test func minConfidenceDropsWeakTranslations() {
    var memory = TranslationMemory()
    memory.add(unit("Strong.", [("de", "Stark.")], confidence: 0.95))
    memory.add(unit("Weak.", [("de", "Schwach.")], confidence: 0.3))
    let report = TMXWriter().string(memory.entries, options: TMExportOptions(minConfidence: 0.5))
      .report
    #expect(report.units == 1)
    #expect(report.skippedEntries == 1)
  }

  @Test func writtenTMXIsValidAgainstTheDTD() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    var memory = sampleMemory()
    memory.add(unit("Sales rose.", [("ko", "매출이 늘었다.")], document: "a"))
    memory.add(unit("Sales rose.", [("ko", "매출이 증가했다.")], document: "b"))
    let output = folder.file("out.tmx")
    try memory.export(format: .tmx, to: output)
    guard let errors = try xmllintErrors(output, dtd: try fixture("tmx14.dtd")) else {
      print("SKIPPED DTD check: xmllint not installed (apt-get install libxml2-utils)")
      return
    }
    #expect(errors == "", "xmllint: \(errors)")
  }

  @Test func languagePairParsing() {
    #expect(LanguagePair(parsing: "en-ko") == LanguagePair(source: "en", target: "ko"))
    #expect(LanguagePair(parsing: "en,pt-BR") == LanguagePair(source: "en", target: "pt-br"))
    #expect(LanguagePair(parsing: "ko-en") == nil)
    #expect(LanguagePair(parsing: "en") == nil)
    #expect(LanguageTag.canonical("pt_br") == "pt-BR")
    #expect(LanguageTag.canonical("ZH-hant-tw") == "zh-Hant-TW")
    #expect(LanguageTag.canonical("DE-DE") == "de-DE")
  }
}

@Suite struct PairWriterTests {
  @Test func tsvHasOnePairPerLineWithoutTabsInFields() {
    var memory = TranslationMemory()
    memory.add(unit("A\ttabbed\nline.", [("ko", "탭\t문장.")]))
    memory.add(unit("Plain.", [("ko", "평범.")]))
    memory.add(unit("Plain.", [("ko", "평범하다.")], document: "b"))
    memory.add(unit("German only.", [("de", "Nur Deutsch.")]))
    var out = ""
    let report = TSVWriter().write(
      memory.entries, pair: LanguagePair(source: "en", target: "ko"), to: &out)
    #expect(out == "A tabbed line.\t탭 문장.\nPlain.\t평범.\nPlain.\t평범하다.\n")
    #expect(report.units == 3)
    for line in out.split(separator: "\n") {
      #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 2)
    }
  }

  @Test func jsonlPairsAndUnits() throws {
    var memory = TranslationMemory()
    memory.add(unit("Say \"hi\".", [("ko", "안녕."), ("de", "Hallo.")]))
    var pairs = ""
    _ = JSONLWriter().write(
      memory.entries, pair: LanguagePair(source: "en", target: "ko"), to: &pairs)
    let object = try JSONSerialization.jsonObject(with: Data(pairs.utf8)) as? [String: Any]
    #expect(object?["en"] as? String == "Say \"hi\".")
    #expect(object?["ko"] as? String == "안녕.")
    #expect(object?["confidence"] as? Double == 0.9)
    var units = ""
    _ = JSONLWriter().write(memory.entries, pair: nil, to: &units)
    #expect(
      units.hasPrefix("{\"de\":\"Hallo.\",\"en\":\"Say \\\"hi\\\".\",\"ko\":\"안녕.\",\"tuid\":"))
  }
}
