import ICUKit
import Testing

@testable import WireTMRepair

/// What `LegacyCodePages.decodeCJK`'s byte bounds rely on in ICU's EUC-KR and Shift_JIS
/// tables: every sequence is one or two bytes and decodes to one character, non-ASCII when
/// it starts with a high byte, and the characters counted (Hangul syllables; kana) only come
/// from sequences led by the bytes the bounds count.
@Suite struct LegacyCJKBoundTests {
  static func check(_ charset: String, counted: (UInt32) -> Bool, leads: ClosedRange<UInt8>)
    throws -> [String]
  {
    let converter = try Converter(charset, strict: true)
    func decode(_ bytes: [UInt8]) -> [UInt32]? {
      guard let text = try? converter.decode(bytes) else { return nil }
      return text.unicodeScalars.map(\.value)
    }
    var problems: [String] = []
    for lead in UInt8(0x80)...UInt8(0xFF) {
      if let single = decode([lead]) {
        if single.count != 1 || single[0] < 0x80 || counted(single[0]) && !leads.contains(lead) {
          problems.append("\(lead): \(single)")
        }
      }
      for trail in UInt8(0x00)...UInt8(0xFF) {
        guard let pair = decode([lead, trail]) else {
          // Not a sequence of its own: no third byte may complete it.
          for third in [0x41, 0x81, 0xA1, 0xB0, 0xC8, 0xE0, 0xFE] as [UInt8] {
            if let triple = decode([lead, trail, third]), triple.count == 1 {
              problems.append("\(lead) \(trail) \(third): three bytes")
            }
          }
          continue
        }
        let highBytes = trail >= 0x80 ? 2 : 1
        let nonASCII = pair.filter { $0 >= 0x80 }.count
        let countedChars = pair.filter(counted).count
        let countedBytes = [lead, trail].filter { leads.contains($0) }.count
        if nonASCII < (highBytes + 1) / 2 || countedChars > countedBytes
          || pair.count == 1 && countedChars == 1 && !leads.contains(lead)
        {
          problems.append("\(lead) \(trail): \(pair)")
        }
      }
    }
    return problems
  }

  @Test func hangulComesOnlyFromItsLeadBytesInEUCKR() throws {
    let problems = try Self.check(
      "EUC-KR", counted: { (0xAC00...0xD7A3).contains($0) },
      leads: LegacyCodePages.hangulLeadBytes)
    #expect(problems.isEmpty, "\(problems.prefix(5))")
  }

  @Test func kanaComesOnlyFromItsLeadBytesInShiftJIS() throws {
    let problems = try Self.check(
      "Shift_JIS", counted: { (0x3040...0x30FF).contains($0) },
      leads: LegacyCodePages.kanaLeadBytes)
    #expect(problems.isEmpty, "\(problems.prefix(5))")
  }
}

extension LegacyCJKBoundTests {
  /// `mayDecodeCJK` counts the bytes as it reads the characters; the plain way collects
  /// them first. Every span `decodeCJK` reads must pass it.
  @Test func byteBoundsReadInOneStreamAgreeWithTheCollectedBytes() {
    var spans = 0
    var decoded = 0
    for text in LegacyCodePagesSpeedTests.samples + LegacyCodePagesSpeedTests.spanSamples {
      for span in LegacyCodePages.encodableSpans(text, excludingUTF8: false) {
        guard let bytes = LegacyCodePages.windows1252Bytes(text[span]) else { continue }
        spans += 1
        let high = bytes.filter { $0 >= 0x80 }.count
        let expected =
          LegacyCodePages.mayReach(0.9, of: LegacyCodePages.hangulLeadBytes, in: bytes, high: high)
          || LegacyCodePages.mayReach(0.2, of: LegacyCodePages.kanaLeadBytes, in: bytes, high: high)
          || LegacyCodePages.commonGB2312Share(bytes) >= 0.6
        #expect(LegacyCodePages.mayDecodeCJK(text[span]) == expected, "\(bytes)")
        if LegacyCodePages.decodeCJK(bytes) != nil {
          decoded += 1
          #expect(expected, "\(bytes)")
        }
      }
    }
    #expect(spans >= 1000 && decoded >= 50, "\(spans) spans, \(decoded) decoded")
  }
}
