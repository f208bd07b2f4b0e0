/// How plausible a decoding of legacy bytes is, 0...1: the share of its non-ASCII characters
/// that read as real text of the charset's language, with penalties for what wrong decodings
/// produce (C1 controls, private-use characters, half-width katakana, symbols inside words,
/// Cyrillic with scrambled letter statistics or inverted case).
enum LegacyScore {
  /// The most frequent hanzi, simplified and traditional (a textbook frequency list's head).
  private static let commonHan: Set<UInt32> = Set(
    ("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
      + "這個們來為國說時會對於著過發後裡公司表示市场經濟经济新业業同比增长長月日")
      .unicodeScalars.map(\.value))

  /// Russian letter surprise, -ln(frequency), а...я (from a textbook frequency table).
  private static let russianSurprise: [Double] = [
    2.52, 4.14, 3.09, 4.07, 3.51, 2.47, 4.67, 4.1, 2.61, 4.41, 3.36,
    3.12, 3.44, 2.7, 2.21, 3.57, 3.05, 2.91, 2.77, 3.64, 5.95, 4.64,
    5.34, 4.24, 4.92, 5.63, 7.82, 3.96, 4.05, 5.74, 5.05, 3.91,
  ]

  static func plausibility(of text: String, charset: String) -> Double {
    var total = 0.0
    var count = 0
    var previous: Unicode.Scalar = " "
    var previousWasLowerCyrillic = false
    var cyrillicSurprise = 0.0
    var cyrillicLetters = 0
    let isKorean = charset.uppercased().contains("KR") || charset.contains("949")
    var hangulRun = 0
    for scalar in text.unicodeScalars {
      defer { previous = scalar }
      let value = scalar.value
      if !(0xAC00...0xD7A3).contains(value) { hangulRun = 0 }
      guard value >= 0x80 else {
        previousWasLowerCyrillic = false
        continue
      }
      count += 1
      switch value {
      case 0x80...0x9F, 0xE000...0xF8FF, 0xFFFD: total -= 1
      case 0xFF61...0xFF9F: total -= 0.5
      case 0xAC00...0xD7A3:
        // Korean separates words with spaces: a long run of syllables is Chinese or
        // Japanese bytes read as EUC-KR.
        hangulRun += 1
        total += hangulRun > 12 ? 0 : 1
        previousWasLowerCyrillic = false
        continue
      case 0x3040...0x30FF: total += 1
      case 0x4E00...0x9FFF:
        // Hanja are rare in modern Korean text.
        total += isKorean ? 0.1 : commonHan.contains(value) ? 1 : 0.6
      case 0x3000...0x303F, 0xFF01...0xFF5E: total += 0.8
      case 0x410...0x44F, 0x401, 0x451:
        let isUpper = value < 0x430 || value == 0x401
        let lower = value == 0x401 || value == 0x451 ? 0x451 : (isUpper ? value + 0x20 : value)
        cyrillicSurprise += lower == 0x451 ? 7.8 : russianSurprise[Int(lower - 0x430)]
        cyrillicLetters += 1
        total += previousWasLowerCyrillic && isUpper ? 0 : 1
        previousWasLowerCyrillic = !isUpper
        continue
      case 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0xAB, 0xBB, 0xA0: total += 0.6
      default:
        let properties = scalar.properties
        if properties.isAlphabetic {
          // A letter right after a symbol or digit inside a word is a weak sign, and so is
          // a lone letter between spaces ("Ť Nous").
          let afterLetter = previous.properties.isAlphabetic
          total += afterLetter ? 1 : previous == " " ? 0.6 : 0.4
        } else {
          total += 0.1
        }
      }
      previousWasLowerCyrillic = false
    }
    guard count > 0 else { return 0.5 }
    var score = total / Double(count)
    if cyrillicLetters >= 4 {
      // Real Russian averages about 3.0 nats per letter; scrambled code pages 3.8 and up.
      let mean = cyrillicSurprise / Double(cyrillicLetters)
      score -= max(0, mean - 3.1) * 0.5
    }
    return score
  }
}
