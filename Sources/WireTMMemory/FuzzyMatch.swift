/// CAT-style fuzzy match percentages: an edit distance over tokens.
///
/// Translators read "87%" as "about 13% of the segment must change", so the score is
/// `100 × (1 − distance / longer length)` over tokens (words, numbers, single punctuation
/// marks), the way OmegaT and Trados report fuzzy matches. A token differing only in case
/// costs a fifth of a full substitution. Only the identical sentence (same normalised key)
/// scores 100; any difference caps the score at 99.
public enum FuzzyMatch {
  /// The match percentage, 0...100, of `candidate` for `query`.
  public static func score(_ query: String, _ candidate: String) -> Int {
    if EnglishKey.make(query) == EnglishKey.make(candidate) { return 100 }
    return score(tokens: tokens(of: query), tokens(of: candidate))
  }

  /// The score of two tokenised texts that are known to differ.
  static func score(tokens query: [Substring], _ candidate: [Substring]) -> Int {
    let longer = max(query.count, candidate.count)
    guard longer > 0 else { return 100 }
    let distance = editDistance(query, candidate)
    let score = Int((100 * (1 - Double(distance) / Double(longer * 5))).rounded(.down))
    return min(99, max(0, score))
  }

  /// Tokens: runs of letters, marks and digits (a number keeps its inner "." and ","),
  /// and every other non-space character on its own.
  public static func tokens(of text: String) -> [Substring] {
    var tokens: [Substring] = []
    let scalars = text.unicodeScalars
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let scalar = scalars[index]
      if scalar.properties.isWhitespace {
        index = scalars.index(after: index)
        continue
      }
      let start = index
      if isWordScalar(scalar) {
        index = scalars.index(after: index)
        while index < scalars.endIndex {
          let next = scalars[index]
          if isWordScalar(next) {
            index = scalars.index(after: index)
          } else if next == "." || next == ",", scalars[scalars.index(before: index)].properties.numericType != nil,
            let after = scalars.index(index, offsetBy: 1, limitedBy: scalars.endIndex), after < scalars.endIndex,
            scalars[after].properties.numericType != nil
          {
            index = after
          } else {
            break
          }
        }
      } else {
        index = scalars.index(after: index)
      }
      tokens.append(Substring(text.unicodeScalars[start..<index]))
    }
    return tokens
  }

  /// Token edit distance in fifths: 5 per insertion, deletion or substitution, 1 for a case change.
  static func editDistance(_ a: [Substring], _ b: [Substring]) -> Int {
    if a.isEmpty { return b.count * 5 }
    if b.isEmpty { return a.count * 5 }
    var previous = Array(stride(from: 0, through: b.count * 5, by: 5))
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i * 5
      for j in 1...b.count {
        let substitution: Int
        if a[i - 1] == b[j - 1] {
          substitution = 0
        } else if a[i - 1].lowercased() == b[j - 1].lowercased() {
          substitution = 1
        } else {
          substitution = 5
        }
        current[j] = min(previous[j - 1] + substitution, previous[j] + 5, current[j - 1] + 5)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  @inline(__always)
  private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    return properties.isAlphabetic || properties.numericType != nil
      || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
  }

  /// The lowercase search terms of a text as SQLite's `unicode61` tokenizer (with
  /// `remove_diacritics 0`) splits it: runs of letters and digits.
  static func searchTerms(of text: String) -> [String] {
    var terms: [String] = []
    var current = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let properties = scalar.properties
      if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
        current.append(scalar)
      } else if !current.isEmpty {
        terms.append(String(current).lowercased())
        current = String.UnicodeScalarView()
      }
    }
    if !current.isEmpty { terms.append(String(current).lowercased()) }
    return terms
  }
}
