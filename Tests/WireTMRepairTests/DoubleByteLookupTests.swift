import Testing

@testable import WireTMRepair

/// The double-byte stage reads its pages' tables through shortcuts taken once per loop
/// (`DoubleBytePage.Codes`, the table's address; `DoubleBytePage.SeveralCodes`, CP932's
/// duplicate bits) and allocates its buffers through `filledArray`. These tests hold the
/// shortcuts to the page's own look-ups over every BMP character and beyond, so that a
/// change of the table format cannot make the two disagree.
@Suite struct DoubleByteLookupTests {
  private static let pages: [DoubleBytePage] = [.cp949, .cp932, .gbk]

  /// Every BMP character, and characters past it, which no page produces.
  private static let values: [UInt32] =
    Array(0..<0x10000) + [0x10000, 0x1F600, 0x10FFFF]

  @Test func codesAgreeWithThePage() {
    for page in Self.pages {
      let codes = page.codes
      var produced = 0
      for value in Self.values {
        let code = page.code(of: value)
        #expect(codes.code(of: value) == code, "\(page.name) U+\(String(value, radix: 16))")
        // `hasCode` compares the entry with "none", `code(of:)` decodes it.
        #expect(codes.hasCode(value) == (code != 0), "\(page.name) U+\(String(value, radix: 16))")
        #expect(page.hasCode(value) == (code != 0))
        #expect(codes.produces(value) == page.produces(value))
        if code != 0 { produced += 1 }
      }
      // Each page maps thousands of characters (a table read wrongly would map none).
      #expect(produced > 5_000, "\(page.name)")
    }
  }

  /// The code of every character a page produces decodes back to it through the page's
  /// own pairs and single bytes (`decodeReplacing`), and every character those decode to
  /// has a code: `DoubleByteTables.reverse`, three pages side by side, read at each page's
  /// place.
  @Test func codesDecodeBackThroughThePage() {
    for page in Self.pages {
      var produced = Set<UInt32>()
      for value in UInt32(0x80)..<0x10000 {
        let code = page.code(of: value)
        guard code != 0 else { continue }
        produced.insert(value)
        let bytes: [UInt8] =
          code > 0xFF ? [UInt8(code >> 8), UInt8(code & 0xFF)] : [UInt8(code)]
        #expect(page.decodeReplacing(bytes) == [value], "\(page.name) U+\(String(value, radix: 16))")
      }
      var decoded = Set<UInt32>()
      for lead in UInt8(0x80)...0xFF {
        for value in page.decodeReplacing([lead]) where value != 0xFFFD { decoded.insert(value) }
        for trail in UInt8(0x40)...0xFF where page.isPair(lead, trail) {
          for value in page.decodeReplacing([lead, trail]) where value < 0x10000 {
            decoded.insert(value)
          }
        }
      }
      #expect(decoded == produced, "\(page.name)")
    }
  }

  /// CP932's generated duplicate bits name exactly the characters of its duplicates list.
  @Test func duplicateBitsNameTheDuplicates() {
    var listed = Set<UInt32>()
    var index = 0
    while index < DoubleByteTables.cp932Duplicates.count {
      listed.insert(DoubleByteTables.cp932Duplicates[index])
      index += 2
    }
    #expect(DoubleByteTables.cp932DuplicateBits.count == 0x10000 / 64)
    for value in UInt32(0)..<0x10000 {
      let bit = DoubleByteTables.cp932DuplicateBits[Int(value) >> 6] >> UInt64(value & 63) & 1 == 1
      #expect(bit == listed.contains(value), "U+\(String(value, radix: 16))")
    }
  }

  @Test func severalCodesAgreeWithThePage() {
    for page in Self.pages {
      let several = page.severalCodes
      var ambiguous = 0
      for value in Self.values {
        let expected = page.mayHaveSeveralCodes(value)
        #expect(several.mayHaveSeveralCodes(value) == expected, "\(page.name)")
        if expected { ambiguous += 1 }
      }
      // Only CP932 has characters with several codes (its NEC and IBM duplicates).
      #expect((ambiguous > 0) == (page.id == 1), "\(page.name)")
    }
  }

  /// The ranges `isDamageCJK`'s bit table was generated from: kana and CJK symbols,
  /// compatibility jamo, Han from Extension A, Hangul, CP932's private-use singles,
  /// compatibility ideographs, full-width and half-width forms.
  static func isDamageCJKByRanges(_ value: UInt32) -> Bool {
    value >= 0x3000
      && (value &- 0x3400 <= 0x9FFF - 0x3400 || value &- 0xAC00 <= 0xD7A3 - 0xAC00
        || value <= 0x30FF || value &- 0xFF01 <= 0xFFEF - 0xFF01
        || value &- 0x3130 <= 0x318F - 0x3130 || value &- 0xF900 <= 0xFAFF - 0xF900
        || value &- 0xF8F0 <= 0xF8F3 - 0xF8F0)
  }

  /// `wordsAreCoherent` and `decodedScript` take an ASCII letter as a Latin letter, and the
  /// other ASCII characters as no letter, without the model's look-up: the model must say
  /// so of each of them, and the fast path's test `(value | 0x20) - 0x61 < 26` must let in
  /// the ASCII letters alone.
  @Test func asciiLettersAreLatinLettersToTheModel() {
    for value in UInt32(0)..<0x100 {
      let fastPath = (value | 0x20) &- 0x61 < 26
      let isASCIILetter = (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
      #expect(fastPath == isASCIILetter, "U+\(String(value, radix: 16))")
      let info = TextModel.info(value)
      if isASCIILetter {
        #expect(info.kind == .letter && info.script == .latin, "U+\(String(value, radix: 16))")
      } else if value < 0x80 {
        // No other ASCII character is a letter (`decodedScript`); the printable ones are
        // neither marks, U+FFFD's kind nor of no known kind or script (`wordsAreCoherent`).
        #expect(info.kind != .letter, "U+\(String(value, radix: 16))")
        if value &- 0x20 < 0x5F {
          #expect(
            info.kind != .other && info.kind != .replacement && info.kind != .mark
              && info.script != .other, "U+\(String(value, radix: 16))")
        }
      }
    }
  }

  /// `isDamageCJK`'s bit table answers as its ranges for every BMP character and past it;
  /// a table shifted by one word or one bit would disagree at a range's edge.
  @Test func damageCJKBitsAgreeWithTheRanges() {
    var taken = 0
    for value in Self.values + [0x2FFF, 0xFFFF_FFFF, 0x1_3000] {
      let expected = Self.isDamageCJKByRanges(value)
      #expect(
        UTF8ReadAsDoubleByte.isDamageCJK(value) == expected, "U+\(String(value, radix: 16))")
      if expected { taken += 1 }
    }
    // The ranges' sizes: kana and CJK symbols, compatibility jamo, Han from Extension A,
    // Hangul, CP932's private-use singles, compatibility ideographs, full-width forms.
    #expect(taken == 0x100 + 0x60 + 0x6C00 + 0x2BA4 + 4 + 0x200 + 0xEF)
    #expect(UTF8ReadAsDoubleByte.isDamageCJK(0x3000))
    #expect(!UTF8ReadAsDoubleByte.isDamageCJK(0x2FFF))
    #expect(UTF8ReadAsDoubleByte.isDamageCJK(0xFFEF))
    #expect(!UTF8ReadAsDoubleByte.isDamageCJK(0xFFF0))
  }

  @Test func filledArrayHoldsCountCopies() {
    for count in [0, 1, 7, 1000] {
      let array = filledArray(UInt16(0xABCD), count: count)
      #expect(array.count == count)
      #expect(array.allSatisfy { $0 == 0xABCD })
    }
    #expect(filledArray(true, count: 3) == [true, true, true])
  }
}
