import ICUKit

/// The scripts the identifier tells apart. Latin goes to the n-gram model; every other
/// script names its language directly (Hangul is Korean), so a Korean line full of Latin
/// company names is never forced into a Latin language.
enum ScriptClass: Int, CaseIterable, Sendable {
  case latin, hangul, han, kana, cyrillic, greek, arabic, hebrew, thai, devanagari, other

  /// ISO 15924 code reported in `LanguageGuess.script`.
  var iso15924: String {
    switch self {
    case .latin: "Latn"
    case .hangul: "Hang"
    case .han: "Hani"
    case .kana: "Jpan"
    case .cyrillic: "Cyrl"
    case .greek: "Grek"
    case .arabic: "Arab"
    case .hebrew: "Hebr"
    case .thai: "Thai"
    case .devanagari: "Deva"
    case .other: "Zyyy"
    }
  }

  /// The language a non-Latin script stands for; nil for Latin (the model decides) and
  /// for scripts that do not point at one language.
  var language: String? {
    switch self {
    case .latin, .other: nil
    case .hangul: "ko"
    case .han: "zh"
    case .kana: "ja"
    case .cyrillic: "ru"
    case .greek: "el"
    case .arabic: "ar"
    case .hebrew: "he"
    case .thai: "th"
    case .devanagari: "hi"
    }
  }

  /// How much one letter of this script weighs against one letter of an ordinary Latin
  /// word when deciding the script of a mixed line. A Hangul syllable carries two or three
  /// Latin letters' worth, and in wire copy a line with Hangul or Kana in it is an Asian
  /// line quoting Latin names far more often than the reverse, so they weigh more still.
  var letterWeight: Int {
    switch self {
    case .hangul, .kana: 8
    case .han: 6
    default: 1
    }
  }

  init(icuScript code: Int32) {
    switch code {
    case Script.latin.code: self = .latin
    case Script.hangul.code: self = .hangul
    case Script.han.code: self = .han
    case Script.hiragana.code, Script.katakana.code, 54 /* Hrkt */: self = .kana
    case Script.cyrillic.code: self = .cyrillic
    case Script.greek.code: self = .greek
    case Script.arabic.code: self = .arabic
    case Script.hebrew.code: self = .hebrew
    case 38 /* Thai */: self = .thai
    case 10 /* Devanagari */: self = .devanagari
    default: self = .other
    }
  }
}
