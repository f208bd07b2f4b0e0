/// Where the Western languages put the windows-1252 letters that windows-1250 reads as
/// Central-European ones, so that a single such letter can tell a Czech, Slovene, Croatian,
/// Polish or Hungarian line read through the wrong page from Italian, French, Spanish,
/// Portuguese or Danish text.
///
/// A letter's alphabet alone cannot: "oèekuje" holds only è, which French and Italian have,
/// and "nõtt … százalékkal" only letters Portuguese has. But those languages write these
/// letters in few places, and windows-1250's letters for the same bytes (č ć ě ů ň ń ő ă) stand
/// anywhere in a word:
///
/// - è (French, Italian, Catalan) is followed by a consonant or ends a word ("très",
///   "caffè", "è"), never by a vowel; č is, in every Slavic language ("oèekuje", "Konèara").
/// - ì and ù (Italian "così", "più", French "où") only end words; ě and ů stand inside them
///   ("pondìlí", "mùže").
/// - ò (Italian "però", Catalan "història") is not followed by a vowel.
/// - æ (Danish, Norwegian, Icelandic) is not followed by a, e, o, u and does not end a word
///   after a vowel; ć does both (Croatian "æe" for "će", surnames "Popoviæ").
/// - ñ (Spanish) is always followed by a vowel; Polish ń ends words or stands before a
///   consonant ("Gdañsk").
/// - Portuguese õ only stands in "õe" ("milhões", "põe"), ã before a vowel, s or at a word's
///   end ("São", "irmãs", "manhã"); Hungarian ő ("nõtt") and Romanian ă ("bãncii") do not.
///
/// A letter out of place rules out the alphabets (`latinAlphabets`) that use it only in
/// those places: the line must then be explained by another alphabet or not at all.
extension LegacyCodePages {
  /// Bits of `latinAlphabets` that hold every letter of `letters`.
  static func alphabetsHolding(_ letters: String) -> UInt32 {
    alphabetsHolding(letters.unicodeScalars.map(\.value))
  }

  /// The alphabets each placement rule speaks for, as constants (bits of `latinAlphabets`:
  /// 0 French, 2 Spanish, 3 Portuguese, 4 Italian, 5 Catalan, 8 Danish-Norwegian,
  /// 10 Icelandic, 21 Maltese), so the rules cost no look-up; a test checks each against
  /// `alphabetsHolding`. Scottish Gaelic (24) is in none: it puts its graves anywhere.
  static let graveEAlphabets: UInt32 = 1 << 0 | 1 << 4 | 1 << 5 | 1 << 21  // è
  static let graveIAlphabets: UInt32 = 1 << 4 | 1 << 21  // ì
  static let graveUAlphabets: UInt32 = 1 << 0 | 1 << 4 | 1 << 21  // ù
  static let graveOAlphabets: UInt32 = 1 << 4 | 1 << 5 | 1 << 21  // ò
  static let ashAlphabets: UInt32 = 1 << 0 | 1 << 8 | 1 << 10  // æ
  static let tildeNAlphabets: UInt32 = 1 << 2  // ñ
  /// Portuguese, for õ and ã (Estonian has õ anywhere, but no ã).
  static let tildeOAAlphabets: UInt32 = 1 << 3

  /// The bit of Scottish Gaelic in `latinAlphabets` (its last entry).
  static let gaelicAlphabet: UInt32 = 1 << 24

  /// Scottish Gaelic writes its graves anywhere, but its alphabet has no j k q v w x y z,
  /// which make up about a seventh of the letters of Czech, Slovak, Slovene, Croatian or
  /// Polish text ("je", "v", "za", "uje"): a line where at least two of its ASCII letters,
  /// and one in twelve, are among them is no Gaelic (names such as "Kenny" stay below),
  /// and its graves are judged like Italian and French ones ("poveèuje", "zaèela").
  /// `ruledOut` as the placement rules left it; Gaelic is added when the line rules it out.
  static func ruledOutWithGaelic<Source: CharacterSource>(_ ruledOut: UInt32, in text: Source)
    -> UInt32
  {
    guard ruledOut != 0 else { return ruledOut }
    var letters = 0
    var foreign = 0
    for index in 0..<text.count {
      let value = text.at(index)
      guard (value | 0x20) &- 0x61 < 26 else { continue }
      letters += 1
      switch value | 0x20 {
      case 0x6A, 0x6B, 0x71, 0x76, 0x77, 0x78, 0x79, 0x7A: foreign += 1
      default: break
      }
    }
    return foreign >= 2 && foreign * 12 >= letters ? ruledOut | gaelicAlphabet : ruledOut
  }

  /// Whether a placement rule judges `value`: è ì ù ò æ ñ õ ã in either case.
  @inline(__always)
  static func isPlacementJudged(_ value: UInt32) -> Bool {
    // All lie in U+00C3...U+00F9: one bit per character of that span, a constant (no
    // lazily initialised global on the hot path).
    let offset = value &- 0xC3
    guard offset < 64 else { return false }
    let judged: UInt64 =
      1 << (0xC3 - 0xC3) | 1 << (0xC6 - 0xC3) | 1 << (0xC8 - 0xC3) | 1 << (0xCC - 0xC3)
      | 1 << (0xD1 - 0xC3) | 1 << (0xD2 - 0xC3) | 1 << (0xD5 - 0xC3) | 1 << (0xD9 - 0xC3)
      | 1 << (0xE3 - 0xC3) | 1 << (0xE6 - 0xC3) | 1 << (0xE8 - 0xC3) | 1 << (0xEC - 0xC3)
      | 1 << (0xF1 - 0xC3) | 1 << (0xF2 - 0xC3) | 1 << (0xF5 - 0xC3) | 1 << (0xF9 - 0xC3)
    return judged & (1 << UInt64(offset)) != 0
  }

  /// The alphabets ruled out by `value` standing between `previous` and `next` (0: the
  /// line's start or end); 0 for any character no rule judges or that stands in its place.
  @inline(__always)
  static func alphabetsRuledOut(_ value: UInt32, after previous: UInt32, before next: UInt32)
    -> UInt32
  {
    switch value | 0x20 {
    case 0xE8: return isPlacementVowel(next) ? graveEAlphabets : 0  // è
    case 0xEC: return isPlacementLetter(next) ? graveIAlphabets : 0  // ì
    case 0xF9: return isPlacementLetter(next) ? graveUAlphabets : 0  // ù
    case 0xF2: return isPlacementVowel(next) ? graveOAlphabets : 0  // ò
    case 0xE6:  // æ: not before a back vowel or e, nor ending a word after a vowel
      switch next | 0x20 {
      case 0x61, 0x65, 0x6F, 0x75: return ashAlphabets
      default:
        return !isPlacementLetter(next) && isPlacementVowel(previous) ? ashAlphabets : 0
      }
    case 0xF1: return isPlacementVowel(next) ? 0 : tildeNAlphabets  // ñ
    case 0xF5: return next | 0x20 == 0x65 ? 0 : tildeOAAlphabets  // õ: only before e
    case 0xE3:  // ã: before a vowel, s or at a word's end
      let misplaced = isPlacementLetter(next) && !isPlacementVowel(next) && next | 0x20 != 0x73
      return misplaced ? tildeOAAlphabets : 0
    default: return 0
    }
  }

  /// A letter as the placement rules see it: ASCII or a windows-1252 accented letter.
  @inline(__always)
  static func isPlacementLetter(_ value: UInt32) -> Bool {
    (value | 0x20) &- 0x61 < 26 || accentBit(value) != nil
  }

  /// A vowel: a e i o u or a Latin-1 accented vowel (either case).
  @inline(__always)
  static func isPlacementVowel(_ value: UInt32) -> Bool {
    if value < 0x80 {
      switch value | 0x20 {
      case 0x61, 0x65, 0x69, 0x6F, 0x75: return true
      default: return false
      }
    }
    guard value >= 0xC0 && value <= 0xFF && value != 0xDF else { return false }
    switch value | 0x20 {
    case 0xE0...0xE6, 0xE8...0xEF, 0xF2...0xF6, 0xF8...0xFD, 0xFF: return true
    default: return false
    }
  }

  // MARK: The readings' own letters

  /// Whether `isOutOfCentralPlace` judges `value`: ů ń ě ą ę (either case).
  @inline(__always)
  static func isCentralPlacementJudged(_ value: UInt32) -> Bool {
    switch value {
    case 0x16E, 0x16F, 0x143, 0x144, 0x11A, 0x11B, 0x104, 0x105, 0x118, 0x119: true
    default: false
    }
  }

  /// Whether a letter that a windows-125x reading gives stands where its own languages never
  /// put it, so that the reading is no text of theirs ("CÙIS" is no Czech "CŮIS", "kwartaù"
  /// no "kwartaů"):
  ///
  /// - Czech ů follows a consonant and precedes a consonant or a word's end;
  /// - Polish ń neither starts a word nor precedes a vowel (Polish writes "ni" there);
  /// - Czech ě neither starts a word nor follows a vowel;
  /// - Polish ą and ę neither start a word nor precede a vowel, and follow no vowel but i
  ///   ("się", "wziął"): "pro¹lu" is no "proąlu".
  static func isOutOfCentralPlace(_ value: UInt32, after previous: UInt32?, before next: UInt32?)
    -> Bool
  {
    let startsWord = previous.map { TextModel.info($0).kind != .letter } ?? true
    let afterVowel = previous.map(isVowelOrY) ?? false
    let beforeVowel = next.map(isVowelOrY) ?? false
    switch value {
    case 0x16E, 0x16F: return startsWord || afterVowel || beforeVowel  // ů
    case 0x143, 0x144: return startsWord || beforeVowel  // ń
    case 0x11A, 0x11B: return startsWord || afterVowel  // ě
    default:  // ą ę
      let afterVowelButI = afterVowel && previous.map { $0 | 0x20 != 0x69 } ?? false
      return startsWord || beforeVowel || afterVowelButI
    }
  }

  /// `isPlacementVowel`, y and the vowels of Latin Extended-A that the readings give.
  @inline(__always)
  private static func isVowelOrY(_ value: UInt32) -> Bool {
    if value | 0x20 == 0x79 || isPlacementVowel(value) { return true }
    switch value {
    case 0x100...0x105, 0x112...0x11B, 0x128...0x131, 0x14C...0x153, 0x168...0x173: return true
    default: return false
    }
  }
}
