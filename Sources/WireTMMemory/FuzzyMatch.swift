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
    var encoder = TokenEncoder()
    return score(encoder.encode(tokens(of: query)), encoder.encode(tokens(of: candidate)))
  }

  /// Tokens as integers, so that the edit distance compares numbers, not strings.
  struct EncodedTokens {
    /// One id per distinct token text.
    var exact: [Int32]
    /// One id per distinct lowercased token text (equal to `exact` for lowercase tokens).
    var folded: [Int32]
    var count: Int { exact.count }
  }

  /// Gives token texts ids; one encoder per lookup, shared by the query and its candidates.
  struct TokenEncoder {
    private var ids: [Substring: Int32] = [:]

    mutating func encode(_ tokens: [Substring]) -> EncodedTokens {
      var exact: [Int32] = []
      var folded: [Int32] = []
      exact.reserveCapacity(tokens.count)
      folded.reserveCapacity(tokens.count)
      for token in tokens {
        let id = id(of: token)
        exact.append(id)
        let needsFolding = token.utf8.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }
        folded.append(needsFolding ? self.id(of: Substring(token.lowercased())) : id)
      }
      return EncodedTokens(exact: exact, folded: folded)
    }

    private mutating func id(of token: Substring) -> Int32 {
      if let id = ids[token] { return id }
      let id = Int32(ids.count)
      ids[token] = id
      return id
    }
  }

  /// The score of two tokenised texts that are known to differ.
  static func score(_ query: EncodedTokens, _ candidate: EncodedTokens) -> Int {
    let longer = max(query.count, candidate.count)
    guard longer > 0 else { return 100 }
    let distance = editDistance(query, candidate)
    let score = Int((100 * (1 - Double(distance) / Double(longer * 5))).rounded(.down))
    return min(99, max(0, score))
  }

  /// Tokens: runs of letters, marks and digits (a number keeps its inner "." and ","),
  /// and every other non-space character on its own.
  public static func tokens(of text: String) -> [Substring] {
    if let ascii = asciiTokens(of: text) { return ascii }
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
          } else if next == "." || next == ",",
            scalars[scalars.index(before: index)].properties.numericType != nil,
            let after = scalars.index(index, offsetBy: 1, limitedBy: scalars.endIndex),
            after < scalars.endIndex,
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

  /// The same tokens for pure-ASCII text, classified by byte; `nil` when the text is not ASCII.
  static func asciiTokens(of text: String) -> [Substring]? {
    let utf8 = text.utf8
    guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
    @inline(__always) func isWord(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
    @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    var tokens: [Substring] = []
    var index = utf8.startIndex
    while index < utf8.endIndex {
      let byte = utf8[index]
      if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
        index = utf8.index(after: index)
        continue
      }
      let start = index
      index = utf8.index(after: index)
      if isWord(byte) {
        while index < utf8.endIndex {
          let next = utf8[index]
          if isWord(next) {
            index = utf8.index(after: index)
          } else if next == 0x2E || next == 0x2C, isDigit(utf8[utf8.index(before: index)]),
            utf8.index(after: index) < utf8.endIndex, isDigit(utf8[utf8.index(after: index)])
          {
            index = utf8.index(after: index)
          } else {
            break
          }
        }
      }
      tokens.append(text[start..<index])
    }
    return tokens
  }

  /// Token edit distance in fifths: 5 per insertion, deletion or substitution, 1 for a case change.
  static func editDistance(_ a: EncodedTokens, _ b: EncodedTokens) -> Int {
    if a.count == 0 { return b.count * 5 }
    if b.count == 0 { return a.count * 5 }
    var previous = Array(stride(from: 0, through: b.count * 5, by: 5))
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i * 5
      let exact = a.exact[i - 1]
      let folded = a.folded[i - 1]
      for j in 1...b.count {
        let substitution = b.exact[j - 1] == exact ? 0 : (b.folded[j - 1] == folded ? 1 : 5)
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
      if properties.isAlphabetic || properties.numericType != nil
        || properties.generalCategory == .nonspacingMark
      {
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
