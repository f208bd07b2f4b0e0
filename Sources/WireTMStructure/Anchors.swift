/// Tokens that survive translation: numbers, tickers, names, and other Latin-script words
/// inside non-Latin text.
///
/// A translation of a paragraph keeps "NKGen Biotech (OTC: NKGN)", "12" and "HekaBio"
/// whatever its language, so the overlap of these tokens finds which English paragraphs a
/// block translates without any dictionary.
struct AnchorSet {
  /// Anchor tokens with their counts.
  var counts: [String: Int] = [:]
  var total = 0

  init(_ text: String) {
    for (token, sentenceInitial) in Self.tokens(of: text) {
      guard let anchor = Self.anchor(token, sentenceInitial: sentenceInitial) else { continue }
      counts[anchor, default: 0] += 1
      total += 1
    }
  }

  init() {}

  mutating func formUnion(_ other: AnchorSet) {
    for (key, count) in other.counts { counts[key, default: 0] += count }
    total += other.total
  }

  /// The share of this set's anchors that `other` holds too, 0...1.
  func recall(in other: AnchorSet) -> Double {
    guard total > 0 else { return 0 }
    var shared = 0
    for (key, count) in counts { shared += min(count, other.counts[key] ?? 0) }
    return Double(shared) / Double(total)
  }

  /// Dice coefficient of the two multisets, 0...1.
  func dice(_ other: AnchorSet) -> Double {
    guard total + other.total > 0 else { return 0 }
    var shared = 0
    for (key, count) in counts { shared += min(count, other.counts[key] ?? 0) }
    return Double(2 * shared) / Double(total + other.total)
  }

  /// Letter-or-digit runs of a text (Unicode scalars, no Foundation), each with whether it
  /// opens a sentence (only punctuation that ends a sentence, quotes or nothing before it).
  static func tokens(of text: String) -> [(Substring.UnicodeScalarView, Bool)] {
    var result: [(Substring.UnicodeScalarView, Bool)] = []
    let scalars = Substring(text).unicodeScalars
    var start: Substring.UnicodeScalarView.Index?
    var lastMark: Unicode.Scalar? = nil
    var startsSentence = true
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let scalar = scalars[index]
      let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
      if isWordScalar {
        if start == nil {
          start = index
          startsSentence = lastMark == nil || sentenceEnds.contains(lastMark!)
        }
      } else {
        if let open = start {
          result.append((scalars[open..<index], startsSentence))
          start = nil
          lastMark = "a"
        }
        if !scalar.properties.isWhitespace && !openingQuotes.contains(scalar) { lastMark = scalar }
      }
      index = scalars.index(after: index)
    }
    if let open = start { result.append((scalars[open..<scalars.endIndex], startsSentence)) }
    return result
  }

  static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", "…", ":"]
  static let openingQuotes: Set<Unicode.Scalar> = ["\"", "“", "«", "„", "‘", "'", "("]

  /// The anchor form of a token, or nil when the token is an ordinary word.
  ///
  /// Numbers keep their digits; Latin words count when they look like names (a capital
  /// letter, at least three letters) or are long enough to be terms that stay untranslated.
  static func anchor(_ token: Substring.UnicodeScalarView, sentenceInitial: Bool = false) -> String? {
    guard let first = token.first else { return nil }
    if token.allSatisfy({ $0.properties.numericType != nil }) {
      return String(token)
    }
    guard token.allSatisfy({ $0.isASCII }) else { return nil }
    let hasCapital = token.contains { $0.properties.isUppercase }
    let capitals = token.reduce(0) { $0 + ($1.properties.isUppercase ? 1 : 0) }
    // A capital that only opens a sentence ("The", "Die") says nothing; names inside a
    // sentence, and words with inner capitals or all capitals (NKGen, NKGN), do.
    let onlyOpensSentence = sentenceInitial && capitals == 1 && first.properties.isUppercase
    if hasCapital && !onlyOpensSentence && (token.count >= 3 || capitals == token.count) {
      return String(token)
    }
    if first.properties.isLowercase && token.count >= 9 { return String(token) }
    return nil
  }
}
