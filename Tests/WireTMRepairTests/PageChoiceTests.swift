import Testing

@testable import WireTMRepair

/// Choosing between code pages that read a line about equally well, and keeping UTF-8 read
/// through MacRoman or cp437 away from the legacy CJK reading. Sentences written for these
/// tests.
@Suite struct PageChoiceTests {
  let repairer = MojibakeRepairer()

  @Test(arguments: [
    // ISO-8859-2 reads "ĂĽ" as "å", windows-1250 as "ü": only "å" fits Norwegian with "ø".
    (
      "Selskapet \u{102}\u{13D}pner et nytt lager p\u{102}\u{13D} Hamar og ansetter f\u{102}\u{B8}rti personer.",
      "Selskapet \u{E5}pner et nytt lager p\u{E5} Hamar og ansetter f\u{F8}rti personer."
    ),
    // windows-1250 reads "Ăś" as "Ü" ("FÜretaget"), ISO-8859-2 as "ö".
    (
      "Styrelsen \u{102}\u{A4}r n\u{102}\u{15B}jd och F\u{102}\u{15B}retaget v\u{102}\u{A4}xer snabbt i \u{102}\u{13D}r.",
      "Styrelsen \u{E4}r n\u{F6}jd och F\u{F6}retaget v\u{E4}xer snabbt i \u{E5}r."
    ),
    (
      "Der Vorstand pr\u{102}\u{17A}ft \u{102}\u{17A}ber den Sommer gr\u{102}\u{15B}\u{102}\u{9F}ere \u{102}\u{9C}bernahmen.",
      "Der Vorstand pr\u{FC}ft \u{FC}ber den Sommer gr\u{F6}\u{DF}ere \u{DC}bernahmen."
    ),
  ])
  func pageWhoseLettersFitTheLineWins(broken: String, fixed: String) {
    #expect(repairer.repair(broken).text == fixed)
  }

  /// Shapes no orthography writes count against a reading; a clean reading has none.
  @Test func readingFitCountsOddShapes() {
    func fit(_ text: String, decoding range: Range<Int>, as replacement: [UInt32])
      -> UTF8Misreading.ReadingFit
    {
      let scalars = text.unicodeScalars.map(\.value)
      var candidates = UTF8Misreading.CandidateSet()
      candidates.append(
        start: range.lowerBound, end: range.upperBound, replacement: replacement, lost: false,
        guessedSpace: false)
      var letters: [UInt32] = []
      return scalars.withUnsafeBufferPointer { text in
        candidates.candidates.withUnsafeBufferPointer { found in
          candidates.pool.withUnsafeBufferPointer { pool in
            UTF8Misreading.ReadingFit(text, candidates: found, pool: pool, letters: &letters)
          }
        }
      }
    }
    // "FXXretaget" with the span read as "Ü" (a capital between F and r) or as "ö".
    let capital = fit("FXXretaget", decoding: 1..<3, as: [0xDC])
    let small = fit("FXXretaget", decoding: 1..<3, as: [0xF6])
    #expect(capital.oddShapes == 1)
    #expect(small.oddShapes == 0)
    #expect(small.isBetter(than: capital) == true)
    // "ß" opening a word.
    #expect(fit("von XXber", decoding: 4..<6, as: [0xDF]).oddShapes == 1)
    #expect(fit("StraXXe", decoding: 4..<6, as: [0xDF]).oddShapes == 0)
    // A middle layer of double encoding ("â€ž" on its way to "„") is not compared.
    let middle = fit("XXXDit", decoding: 0..<3, as: [0xE2, 0x20AC, 0x17E])
    #expect(middle.decodesToLatinLetters == false)
    #expect(middle.isBetter(than: small) == nil)
  }

  @Test(arguments: [
    // Chinese UTF-8 read as MacRoman: its runs without "∏" or "∫" also look like GBK bytes.
    (
      "\u{CB}\u{D8}\u{2022}\u{C2}\u{D6}\u{A8}\u{C2}\u{E8}\u{220F}\u{CB}\u{B0}\u{AE}\u{C1}\u{A7}\u{222B}\u{D4}\u{BA}\u{E5}\u{CA}\u{F1}\u{221E}\u{2030}\u{222B}\u{DF}\u{C2}\u{EC}\u{C5}\u{C2}\u{221E}\u{DC}\u{2030}\u{222B}\u{E9}\u{CA}\u{F2}\u{E9}\u{C2}\u{3C0}\u{A5}\u{CA}\u{F2}\u{2022}\u{C2}\u{2260}\u{A3}\u{2030}\u{220F}\u{E4}\u{C2}\u{220F}\u{C7}\u{D4}\u{BA}\u{E5}\u{C8}\u{A2}\u{D1}\u{CB}\u{C6}\u{B0}\u{C8}\u{EE}\u{C4}\u{C8}\u{E1}\u{E8}\u{C2}\u{A7}\u{DF}\u{C2}\u{3C0}\u{D6}\u{C2}\u{A2}\u{FB}\u{C8}\u{EF}\u{F8}\u{201E}\u{C4}\u{C7}",
      "\u{8BE5}\u{516C}\u{53F8}\u{8868}\u{793A}\u{FF0C}\u{65B0}\u{4EA7}\u{54C1}\u{5C06}\u{4E8E}\u{660E}\u{5E74}\u{6625}\u{5B63}\u{4E0A}\u{5E02}\u{FF0C}\u{9884}\u{8BA1}\u{9500}\u{91CF}\u{5927}\u{5E45}\u{589E}\u{957F}\u{3002}"
    ),
    // Japanese UTF-8 read as cp437.
    (
      "\u{B5}\u{FB}\u{2591}\u{3A6}\u{FA}\u{255C}\u{3C3}\u{F4}\u{FC}\u{3C0}\u{FC}\u{BB}\u{B5}\u{A5}\u{D1}\u{3C3}\u{2563}\u{2524}\u{3C0}\u{FC}\u{AB}\u{B5}\u{FF}\u{D1}\u{3C0}\u{FC}\u{BD}\u{3C4}\u{D6}\u{2551}\u{3C3}\u{FA}\u{2593}\u{3C0}\u{FC}\u{F2}\u{3C0}\u{E9}\u{EE}\u{3C0}\u{E9}\u{EF}\u{3A3}\u{2551}\u{EA}\u{3C3}\u{AB}\u{DC}\u{3C0}\u{FC}\u{BA}\u{3C0}\u{FC}\u{D6}\u{3C0}\u{C7}\u{E9}",
      "\u{65B0}\u{88FD}\u{54C1}\u{306F}\u{6765}\u{5E74}\u{306E}\u{6625}\u{306B}\u{767A}\u{58F2}\u{3055}\u{308C}\u{308B}\u{4E88}\u{5B9A}\u{3067}\u{3059}\u{3002}"
    ),
    // EUC-KR bytes read as windows-1252 stay a legacy CJK repair.
    (
      "\u{BB}\u{F5} \u{B0}\u{F8}\u{C0}\u{E5}\u{C0}\u{BA} \u{B3}\u{BB}\u{B3}\u{E2} \u{BA}\u{BD}\u{BF}\u{A1} \u{B0}\u{A1}\u{B5}\u{BF}\u{C0}\u{BB} \u{BD}\u{C3}\u{C0}\u{DB}\u{C7}\u{CF}\u{B0}\u{ED} \u{C1}\u{F7}\u{BF}\u{F8} \u{BF}\u{C0}\u{B9}\u{E9} \u{B8}\u{ED}\u{C0}\u{BB} \u{B0}\u{ED}\u{BF}\u{EB}\u{C7}\u{D2} \u{BF}\u{B9}\u{C1}\u{A4}\u{C0}\u{CC}\u{B4}\u{D9}.",
      "\u{C0C8} \u{ACF5}\u{C7A5}\u{C740} \u{B0B4}\u{B144} \u{BD04}\u{C5D0} \u{AC00}\u{B3D9}\u{C744} \u{C2DC}\u{C791}\u{D558}\u{ACE0} \u{C9C1}\u{C6D0} \u{C624}\u{BC31} \u{BA85}\u{C744} \u{ACE0}\u{C6A9}\u{D560} \u{C608}\u{C815}\u{C774}\u{B2E4}."
    ),
  ])
  func utf8ThroughMacRomanOrCp437IsNotReadAsLegacyCJK(broken: String, fixed: String) {
    #expect(repairer.repair(broken).text == fixed)
  }

  @Test func wholeLineTestForOtherPages() {
    let macRoman = "\u{CB}\u{D8}\u{2022}\u{C2}\u{D6}\u{A8}\u{C2}\u{E8}\u{220F}\u{CB}\u{B0}\u{AE}\u{C1}\u{A7}\u{222B}"
      .unicodeScalars.map(\.value)
    #expect(LegacyCodePages.mostlyUTF8ThroughOtherPage(macRoman, high: macRoman.count))
    // EUC-KR bytes read as windows-1252 do not reach nine in ten through any page.
    let eucKR = "\u{BB}\u{F5} \u{B0}\u{F8}\u{C0}\u{E5}\u{C0}\u{BA} \u{B3}\u{BB}\u{B3}\u{E2} \u{BA}\u{BD}\u{BF}\u{A1}"
      .unicodeScalars.map(\.value)
    #expect(!LegacyCodePages.mostlyUTF8ThroughOtherPage(eucKR, high: eucKR.filter { $0 >= 0x80 }.count))
  }
}
