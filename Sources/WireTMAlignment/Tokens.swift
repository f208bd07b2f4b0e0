/// Integer ids for the keys tokens can share across a translation (interned strings).
struct KeyTable {
  private var ids: [String: Int32] = [:]

  var count: Int { ids.count }

  mutating func id(_ key: String) -> Int32 {
    if let id = ids[key] { return id }
    let id = Int32(ids.count)
    ids[key] = id
    return id
  }
}

/// Which side of the bitext a sentence belongs to; lexicon word keys are kept apart.
enum Side: Sendable { case source, target }

/// A token reduced to what can survive translation.
struct AnchorToken {
  /// Keys this token shows to the other side: surface form, 5-letter prefix, number values,
  /// punctuation class, and its own word key (for lexical links).
  var own: [Int32]
  /// The lexicon word id of the token on its side (-1 for numbers and punctuation).
  var word: Int32
  /// Whether a key other than the word key exists (something the other side can match
  /// without a lexicon).
  var hasAnchor: Bool
  /// Whether the token is a number (numbers survive translation nearly always in wire copy).
  var isNumber = false
  /// A number, or a capitalised word after the sentence's first word (a name, a code).
  var isStrong = false
}

/// Turns sentences into anchor tokens.
///
/// - Numbers are normalised across locales: "62.4"/"62,4" and "1,000"/"1.000" share a
///   digits key; a value key also covers scale words ("12.5 million" = "1,250만" =
///   "12,5 Mio.").
/// - Words give a folded surface key (names, codes, cognates written the same) when long or
///   capitalised, and a 5-letter prefix key for cognates ("commercialization" /
///   "commercializzazione").
/// - "?", "!", ":", "(", "%", currency signs and quotes are tokens of their own.
/// - Korean words are stripped of common trailing particles before they become lexicon
///   words ("파트너십을" → "파트너십").
struct AnchorTokenizer {
  /// Languages of the two sides (ISO 639-1), for spelt-out numbers; "" when unknown.
  var sourceLanguage = ""
  var targetLanguage = ""
  /// Whether spelt-out numbers ("four", "quarto", "vierten") carry their value as a key.
  /// Set for number-rich documents only: measured on Text+Berg, "vier" / "quatre" links in
  /// literary prose cost more than they bring.
  var spellsNumbers = false
  /// Whether words of the hand-written press-release lexicon (`TermLexicon`) carry a
  /// concept key shared across languages. Set for number-rich documents (wire copy) only.
  var usesTerms = false
  var keys = KeyTable()
  private(set) var sourceWords = KeyTable()
  private(set) var targetWords = KeyTable()
  /// The key id under which each source / target word id is shown to the other side.
  private(set) var sourceWordKeys: [Int32] = []
  private(set) var targetWordKeys: [Int32] = []

  mutating func tokens(of sentence: String, side: Side) -> [AnchorToken] {
    let scalars = Array(sentence.unicodeScalars)
    var tokens: [AnchorToken] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if isDigit(scalar) {
        index = number(in: scalars, from: index, into: &tokens)
      } else if scalar.properties.isAlphabetic {
        var end = index
        while end < scalars.count,
          scalars[end].properties.isAlphabetic || isDigit(scalars[end])
            || scalars[end].properties.generalCategory == .nonspacingMark
        {
          end += 1
        }
        word(Array(scalars[index..<end]), side: side, into: &tokens)
        index = end
      } else {
        if let punctuation = punctuationClass(scalar) {
          tokens.append(AnchorToken(own: [keys.id(punctuation)], word: -1, hasAnchor: true))
        }
        index += 1
      }
    }
    return tokens
  }

  // MARK: Words

  private mutating func word(
    _ scalars: [Unicode.Scalar], side: Side, into tokens: inout [AnchorToken]
  ) {
    let folded = fold(scalars)
    var own: [Int32] = []
    let hangul = scalars.contains { isHangulScalar($0) }
    let letters = folded.count
    let capitalised = scalars.first?.properties.isUppercase ?? false
    let hasDigit = scalars.contains { isDigit($0) }
    if !hangul {
      if letters >= 4 || (capitalised && letters >= 2) || hasDigit {
        own.append(keys.id("s" + String(String.UnicodeScalarView(folded))))
      }
      if letters >= 5 {
        own.append(keys.id("p" + String(String.UnicodeScalarView(folded.prefix(5)))))
      }
    }
    let hasSurfaceAnchor = !own.isEmpty
    if spellsNumbers, !hangul,
      let value = numberWords[side == .source ? sourceLanguage : targetLanguage]?[
        String(String.UnicodeScalarView(folded))]
    {
      // "four new aircraft" / "4대", "fourth quarter" / "quarto trimestre": the value is
      // a key like a digit's. Short ones ("six", "tre") stay no anchor of their own.
      own.append(keys.id("v" + String(value * 100)))
    }
    let lexical = hangul ? stripKoreanParticle(folded) : folded
    var hasTerm = false
    if usesTerms,
      let concepts = TermLexicon.shared.concepts(
        of: lexical, language: side == .source ? sourceLanguage : targetLanguage)
    {
      for concept in concepts { own.append(keys.id("t" + String(concept))) }
      hasTerm = true
    }
    let hasAnchor = hasSurfaceAnchor || hasTerm
    let form = String(String.UnicodeScalarView(lexical))
    let wordID: Int32
    switch side {
    case .source:
      wordID = sourceWords.id(form)
      let key = keys.id("e" + form)
      if Int(wordID) == sourceWordKeys.count { sourceWordKeys.append(key) }
      own.append(key)
    case .target:
      wordID = targetWords.id(form)
      let key = keys.id("f" + form)
      if Int(wordID) == targetWordKeys.count { targetWordKeys.append(key) }
      own.append(key)
    }
    let afterFirstWord = tokens.contains { $0.word >= 0 }
    tokens.append(
      AnchorToken(
        own: own, word: wordID, hasAnchor: hasAnchor,
        isStrong: hasSurfaceAnchor && afterFirstWord && (capitalised || hasDigit)))
  }

  // MARK: Numbers

  private mutating func number(
    in scalars: [Unicode.Scalar], from start: Int, into tokens: inout [AnchorToken]
  ) -> Int {
    var reading = readNumber(in: scalars, from: start)
    var digits = reading.digits
    var value = reading.value
    // Korean compounds: "3만 5,000" is 35,000 and "1조 2,000억" 1.2 trillion, one number.
    while let unit = reading.koreanUnit {
      var probe = reading.end
      while probe < scalars.count, scalars[probe] == " " { probe += 1 }
      guard probe < scalars.count, isDigit(scalars[probe]) else { break }
      let next = readNumber(in: scalars, from: probe)
      guard next.value < unit else { break }
      value += next.value
      digits.append(contentsOf: next.digits)
      reading = next
    }
    var own: [Int32] = [keys.id("n" + String(digits))]
    if value.isFinite, value < 1e15 {
      own.append(keys.id("v" + String(Int64((value * 100).rounded()))))
    }
    tokens.append(AnchorToken(own: own, word: -1, hasAnchor: true, isNumber: true, isStrong: true))
    return reading.end
  }

  /// One number from `start`: its digits, its value with a scale word applied ("12.5
  /// million", "4,800만"), where it ends, and the Korean unit it ended in, if any.
  private func readNumber(in scalars: [Unicode.Scalar], from start: Int) -> (
    digits: String.UnicodeScalarView, value: Double, end: Int, koreanUnit: Double?
  ) {
    var digits = String.UnicodeScalarView()
    var groups: [(separator: Unicode.Scalar?, digits: String.UnicodeScalarView)] = []
    var current = String.UnicodeScalarView()
    var separator: Unicode.Scalar?
    var index = start
    while index < scalars.count {
      let scalar = scalars[index]
      if isDigit(scalar) {
        current.append(scalar)
        digits.append(scalar)
        index += 1
      } else if isNumberSeparator(scalar), index + 1 < scalars.count, isDigit(scalars[index + 1]) {
        groups.append((separator, current))
        current = String.UnicodeScalarView()
        separator = scalar
        index += 1
      } else {
        break
      }
    }
    groups.append((separator, current))
    let value = numericValue(groups)
    // A scale word right after the number: Korean units attached, others after a space.
    if index < scalars.count, let unit = koreanUnit(scalars[index]) {
      return (digits, value * unit, index + 1, unit)
    }
    var probe = index
    while probe < scalars.count, scalars[probe].properties.isWhitespace { probe += 1 }
    var end = probe
    while end < scalars.count, scalars[end].properties.isAlphabetic { end += 1 }
    var scale = 1.0
    if end > probe {
      let word = String(String.UnicodeScalarView(fold(Array(scalars[probe..<end]))))
      scale = Self.scaleWords[word] ?? 1
    }
    return (digits, value * scale, index, nil)
  }

  /// Reads digit groups as a value: a last group of exactly three digits after a separator
  /// is a thousands group, anything else after the last separator is a decimal part.
  private func numericValue(
    _ groups: [(separator: Unicode.Scalar?, digits: String.UnicodeScalarView)]
  ) -> Double {
    guard let last = groups.last else { return 0 }
    if groups.count == 1 { return Double(String(last.digits)) ?? 0 }
    let separators = Set(groups.compactMap { $0.separator })
    let lastIsDecimal =
      last.digits.count != 3 || (separators.count == 2 && last.separator != groups[1].separator)
    var integer = String.UnicodeScalarView()
    let integerGroups = lastIsDecimal ? groups.dropLast() : groups[...]
    for group in integerGroups { integer.append(contentsOf: group.digits) }
    var value = Double(String(integer)) ?? 0
    if lastIsDecimal {
      value += (Double("0." + String(last.digits)) ?? 0)
    }
    return value
  }

  static let scaleWords: [String: Double] = [
    "million": 1e6, "millions": 1e6, "mio": 1e6, "millionen": 1e6,
    "milioni": 1e6, "milione": 1e6, "millones": 1e6, "millon": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "miliardi": 1e9, "miliardo": 1e9,
    "milliard": 1e9, "milliards": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
    "thousand": 1e3, "mila": 1e3, "mil": 1e3, "tausend": 1e3,
    "trillion": 1e12,
  ]

  private func koreanUnit(_ scalar: Unicode.Scalar) -> Double? {
    switch scalar {
    case "천": 1e3
    case "만": 1e4
    case "억": 1e8
    case "조": 1e12
    default: nil
    }
  }

  private func punctuationClass(_ scalar: Unicode.Scalar) -> String? {
    switch scalar {
    case "?", "¿", "？": "#?"
    case "!", "¡", "！": "#!"
    case ":", "：": "#:"
    case "(", "（": "#("
    case "%", "％": "#%"
    case "$": "#$"
    case "€": "#€"
    case "£": "#£"
    case "“", "”", "„", "«", "»", "\"": "#\""
    case "…": "#…"
    default: nil
    }
  }
}

/// Cardinals 2–12 and ordinals 1st–4th (quarters) spelt out, folded, per language. "One"
/// and its kin are left out: they double as articles ("un", "una", "ein").
private let numberWords: [String: [String: Int]] = {
  let lists: [String: [[String]]] = [
    "en": [["first"], ["two", "second"], ["three", "third"], ["four", "fourth"], ["five"], ["six"],
           ["seven"], ["eight"], ["nine"], ["ten"], ["eleven"], ["twelve"]],
    "it": [["primo", "prima"], ["due", "secondo", "seconda"], ["tre", "terzo", "terza"],
           ["quattro", "quarto", "quarta"], ["cinque"], ["sei"], ["sette"], ["otto"], ["nove"],
           ["dieci"], ["undici"], ["dodici"]],
    "es": [["primer", "primero", "primera"], ["dos", "segundo", "segunda"],
           ["tres", "tercer", "tercero", "tercera"], ["cuatro", "cuarto", "cuarta"], ["cinco"],
           ["seis"], ["siete"], ["ocho"], ["nueve"], ["diez"], ["once"], ["doce"]],
    "fr": [["premier", "premiere"], ["deux", "deuxieme"], ["trois", "troisieme"],
           ["quatre", "quatrieme"], ["cinq"], ["six"], ["sept"], ["huit"], [], ["dix"], ["onze"],
           ["douze"]],
    "de": [["erste", "ersten", "erster", "erstes"], ["zwei", "zweite", "zweiten", "zweiter"],
           ["drei", "dritte", "dritten", "dritter"], ["vier", "vierte", "vierten", "vierter"],
           ["funf"], ["sechs"], ["sieben"], ["acht"], ["neun"], ["zehn"], ["elf"], ["zwolf"]],
  ]
  var table: [String: [String: Int]] = [:]
  for (language, values) in lists {
    for (offset, words) in values.enumerated() {
      for word in words { table[language, default: [:]][word] = offset + 1 }
    }
  }
  return table
}()

// MARK: Folding

/// Lowercased, with Latin diacritics removed ("Évolution" → "evolution").
func fold(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
  var result: [Unicode.Scalar] = []
  result.reserveCapacity(scalars.count)
  for scalar in scalars {
    if scalar.value < 0x80 {
      if scalar.value >= 65 && scalar.value <= 90, let lower = Unicode.Scalar(scalar.value + 32) {
        result.append(lower)
      } else {
        result.append(scalar)
      }
      continue
    }
    if scalar.properties.generalCategory == .nonspacingMark { continue }
    if let base = latinBase[scalar] {
      result.append(contentsOf: base.unicodeScalars)
      continue
    }
    result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
  }
  return result
}

private let latinBase: [Unicode.Scalar: String] = {
  let pairs: [(String, String)] = [
    ("àáâãäåāăą", "a"), ("ÀÁÂÃÄÅĀĂĄ", "a"), ("çćĉċč", "c"), ("ÇĆĈĊČ", "c"), ("ďđ", "d"),
    ("ĎĐ", "d"),
    ("èéêëēĕėęě", "e"), ("ÈÉÊËĒĔĖĘĚ", "e"), ("ìíîïĩīĭįı", "i"), ("ÌÍÎÏĨĪĬĮİ", "i"), ("ñńņňŉ", "n"),
    ("ÑŃŅŇ", "n"), ("òóôõöøōŏő", "o"), ("ÒÓÔÕÖØŌŎŐ", "o"), ("ùúûüũūŭůűų", "u"), ("ÙÚÛÜŨŪŬŮŰŲ", "u"),
    ("ýÿŷ", "y"), ("ÝŸŶ", "y"), ("śŝşšș", "s"), ("ŚŜŞŠȘ", "s"), ("źżž", "z"), ("ŹŻŽ", "z"),
    ("ţťțŧ", "t"), ("ŢŤȚŦ", "t"), ("ĺļľŀł", "l"), ("ĹĻĽĿŁ", "l"), ("ŕŗř", "r"), ("ŔŖŘ", "r"),
    ("ğĝġģ", "g"), ("ĞĜĠĢ", "g"),
  ]
  var table: [Unicode.Scalar: String] = [:]
  for (letters, base) in pairs {
    for scalar in letters.unicodeScalars { table[scalar] = base }
  }
  table["ß"] = "ss"
  table["æ"] = "ae"
  table["Æ"] = "ae"
  table["œ"] = "oe"
  table["Œ"] = "oe"
  return table
}()

/// Common Korean particles, longest first, stripped so that inflected forms share a word.
private let koreanParticles: [[Unicode.Scalar]] = [
  "에서는", "으로는", "에게서", "에서", "으로", "에게", "까지", "부터", "보다", "처럼", "과의", "와의", "에는",
  "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만",
].map { Array($0.unicodeScalars) }

func stripKoreanParticle(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
  for particle in koreanParticles where word.count > particle.count + 1 {
    if word.suffix(particle.count).elementsEqual(particle) {
      return Array(word.dropLast(particle.count))
    }
  }
  return word
}

func isHangulScalar(_ scalar: Unicode.Scalar) -> Bool {
  (0xAC00...0xD7A3).contains(scalar.value) || (0x1100...0x11FF).contains(scalar.value)
    || (0x3130...0x318F).contains(scalar.value)
}

func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }

func isNumberSeparator(_ scalar: Unicode.Scalar) -> Bool {
  scalar == "." || scalar == "," || scalar == "'" || scalar == "\u{00A0}" || scalar == "\u{202F}"
    || scalar == "’"
}
