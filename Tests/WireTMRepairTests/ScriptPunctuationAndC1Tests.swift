import Testing

@testable import WireTMRepair

/// Armenian punctuation is priced as punctuation, and a C1 control beside CP932's
/// half-width katakana is not taken for a windows-1252 byte.
struct ScriptPunctuationAndC1Tests {
  /// UTF-8 read as windows-1252, one scalar per byte.
  static func mojibake(_ text: String) -> String {
    let windows1252: [UInt8: UInt32] = [
      0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020,
      0x87: 0x2021, 0x88: 0x2C6, 0x89: 0x2030, 0x8A: 0x160, 0x8B: 0x2039, 0x8C: 0x152,
      0x8E: 0x17D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022,
      0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2DC, 0x99: 0x2122, 0x9A: 0x161, 0x9B: 0x203A,
      0x9C: 0x153, 0x9E: 0x17E, 0x9F: 0x178,
    ]
    var result = String.UnicodeScalarView()
    for byte in text.utf8 {
      result.append(Unicode.Scalar(windows1252[byte] ?? UInt32(byte))!)
    }
    return String(result)
  }

  @Test func armenianFullStopIsPunctuation() {
    #expect(TextModel.info(0x589).kind == .punct)
    #expect(TextModel.info(0x55D).kind == .punct)
    // Letters stay letters.
    #expect(TextModel.info(0x561).kind == .letter)
  }

  /// The last word of an Armenian sentence, full stop included, broken on its own: the
  /// full stop no longer makes the repaired word look worse than the mojibake.
  /// (Priced as a symbol, "։" made short words such as "հետ։" cost more repaired than
  /// as mojibake.)
  @Test(arguments: [
    "Նախագահը այցելեց նոր գործարան և խոսեց աշխատողների հետ։",
    "Բանկը նոր մասնաճյուղ կբացի Գյումրիում հաջորդ տարի։",
    "Ընկերության շահույթը աճել է երկու տոկոսով։",
  ])
  func armenianWordWithItsFullStopIsRepaired(clean: String) {
    var words = clean.split(separator: " ").map(String.init)
    words[words.count - 1] = Self.mojibake(words[words.count - 1])
    let broken = words.joined(separator: " ")
    #expect(broken != clean)
    #expect(MojibakeRepairer().repair(broken).text == clean)
    #expect(MojibakeRepairer().repair(clean).text == clean)
  }

  /// CP932 reads byte 0x80 as U+0080: beside half-width katakana it is part of that damage,
  /// and "€" there would be invented. (A span the double-byte stage re-reads, "ﾐｿﾑ\u{80}ﾐｸ"
  /// → "при", never gets here; these are spans it leaves.)
  @Test(arguments: ["ﾃ\u{80}ﾃ�ﾃづ", "Цена ﾐｴ�ｸﾑ\u{80}ﾐｵﾐｺﾑひｾﾑ\u{80} в городе"])
  func c1ControlBesideHalfWidthKatakanaIsNotMadeAEuroSign(line: String) {
    #expect(!MojibakeRepairer().repair(line).text.contains("€"))
  }

  /// Elsewhere C1 controls are still windows-1252 bytes decoded as Latin-1.
  @Test func c1ControlsInLatinTextStillBecomeWindows1252() {
    #expect(
      MojibakeRepairer().repair("He said \u{93}yes\u{94} \u{96} twice.").text
        == "He said “yes” – twice.")
  }
}
