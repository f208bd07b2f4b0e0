import ICUKit
import Testing

@Suite struct ICUKitTests {
  @Test func versionIsSystemICU() {
    #expect(ICU.version.split(separator: ".").count >= 2)
  }

  @Test func detectsUTF8AndLegacyCharsets() throws {
    let utf8 = Array("Le développement accéléré de la thérapie au Japon.".utf8)
    #expect(try CharsetDetector.detect(utf8).first?.name == "UTF-8")
    let eucKR = try Converter("EUC-KR").encode("일본에서 자가 NK 세포 치료제의 개발 및 상용화를 가속화하기 위해 전략적 파트너십을 체결했습니다.")
    #expect(try CharsetDetector.detect(eucKR).first?.name == "EUC-KR")
  }

  @Test func convertersRoundTripAndReportIllegalBytes() throws {
    let cp1252 = try Converter("windows-1252")
    #expect(try cp1252.decode([0x93, 0x41, 0x94]) == "\u{201C}A\u{201D}")
    #expect(try cp1252.encode("é") == [0xE9])
    let strict = try Converter("UTF-8", strict: true)
    #expect(throws: ConversionError.self) { try strict.decode([0x41, 0xC3, 0x28]) }
  }

  @Test func unknownConverterNamesTheCall() {
    #expect(throws: ICUError.self) { try Converter("no-such-charset") }
  }

  @Test func normalizesToNFC() throws {
    #expect(try NormalizationForm.nfc.apply("e\u{301}") == "é")
    #expect(try NormalizationForm.nfkc.apply("ﬁ") == "fi")
  }

  @Test func sentenceBoundariesComeFromICU() throws {
    let ranges = try BreakIterator.sentenceRanges(in: "One here. Two there.", locale: "en")
    #expect(ranges.count == 2)
  }

  @Test func scriptsOfScalars() {
    #expect(Script(of: "한") == .hangul)
    #expect(Script(of: "a") == .latin)
    #expect(Script(of: "1").isNeutral)
    #expect(Script.hangul.shortName == "Hang")
  }
}
