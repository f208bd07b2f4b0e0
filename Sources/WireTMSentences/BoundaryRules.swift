/// wiretm's decision layer over ICU's sentence boundaries.
///
/// Every run of sentence-final punctuation is a candidate; ICU's boundaries are mapped to
/// the run they follow. A candidate becomes a boundary when the rules below say so; for an
/// ordinary word before a full stop ICU's own verdict stands.
struct BoundaryRules: Sendable {
  let language: String
  let abbreviations: AbbreviationTable
  let openers: SentenceOpeners

  init(language: String) {
    self.language = language
    abbreviations = AbbreviationTable(language: language)
    openers = SentenceOpeners(language: language)
  }

  private static let prepared: [String: BoundaryRules] = {
    var table: [String: BoundaryRules] = [:]
    for code in ["en", "it", "es", "fr", "de", "ko"] { table[code] = BoundaryRules(language: code) }
    return table
  }()

  /// The rules for a language tag ("de", "de-CH", "pt_BR"), built once for the main ones.
  static func cached(for tag: String) -> BoundaryRules {
    let base = String(tag.prefix { $0 != "-" && $0 != "_" && $0 != "@" }).lowercased()
    return prepared[base] ?? BoundaryRules(language: base.isEmpty ? "en" : base)
  }

  /// Scalar indexes where a new sentence starts, ascending.
  func sentenceStarts(in paragraph: ScannedParagraph, icuStarts: [Int]) -> [Int] {
    let scalars = paragraph.scalars
    var icuStops = Set<Int>()
    var starts: [Int] = []
    for start in icuStarts {
      if let stop = stopBefore(start, in: scalars) {
        icuStops.insert(stop)
      } else if start > 0, isLineSeparator(scalars[start - 1]) {
        starts.append(start)
      }
    }
    var index = 0
    while index < scalars.count {
      guard isTerminator(scalars[index]) else {
        index += 1
        continue
      }
      var last = index
      while last + 1 < scalars.count, isTerminator(scalars[last + 1]) { last += 1 }
      if let start = boundary(
        afterRun: index...last, in: scalars, icuSaidBreak: icuStops.contains(last))
      {
        starts.append(start)
      }
      index = last + 1
    }
    return starts.sorted()
  }

  /// The last terminator of the punctuation run that precedes an ICU boundary, if any.
  private func stopBefore(_ start: Int, in scalars: [Unicode.Scalar]) -> Int? {
    var index = start - 1
    while index >= 0, scalars[index].properties.isWhitespace || isCloser(scalars[index]) {
      index -= 1
    }
    return index >= 0 && isTerminator(scalars[index]) ? index : nil
  }

  /// Where the next sentence starts after a run of terminators, or nil when the run does
  /// not end a sentence.
  private func boundary(
    afterRun run: ClosedRange<Int>, in scalars: [Unicode.Scalar], icuSaidBreak: Bool
  ) -> Int? {
    // Closing quotes and brackets stay with the sentence, also when no-break spaces
    // separate them from the stop (French "satisfaits. »").
    var next = run.upperBound + 1
    var sawSpace = false
    scan: while next < scalars.count {
      let scalar = scalars[next]
      if scalar.properties.isWhitespace {
        sawSpace = true
        next += 1
      } else if isCloser(scalar), isClosing(at: next, in: scalars) {
        next += 1
      } else {
        break scan
      }
    }
    if next >= scalars.count { return nil }
    let quoteOpens = isOpeningQuote(scalars[next])
    // "www.sec.gov", "3.5", "K.K.)는": no space, no sentence.
    guard sawSpace || quoteOpens else { return nil }
    let following = FollowingWord(in: scalars, from: next)
    if following.startsLowercase { return nil }
    if run.contains(where: { $0 != run.lowerBound || !isFullStop(scalars[$0]) }) {
      // "?", "!", "…", "...": a boundary unless a lowercase word continues.
      return next
    }
    return decideFullStop(
      at: run.lowerBound, in: scalars, following: following, quoteOpens: quoteOpens,
      icuSaidBreak: icuSaidBreak) ? next : nil
  }

  /// Whether a single full stop ends the sentence.
  private func decideFullStop(
    at stop: Int, in scalars: [Unicode.Scalar], following: FollowingWord, quoteOpens: Bool,
    icuSaidBreak: Bool
  ) -> Bool {
    guard stop > 0 else { return false }
    let previous = scalars[stop - 1]
    // Korean sentences end in a Hangul verb ending ("…습니다.", "…했다."); U+FFFD stands
    // for an ending lost in transmission.
    if language == "ko", isHangul(previous) || previous == "\u{FFFD}" { return true }
    let word = PrecedingWord(in: scalars, before: stop)
    if word.text.isEmpty { return icuSaidBreak || quoteOpens || following.startsUppercaseOrOther }
    let startsOpener = quoteOpens || openers.contains(following.lowercased)
    if word.isAllDigits {
      // List numbers: "1. Revenue grew" at the start or after a colon.
      if word.text.unicodeScalars.count <= 2,
        isListPosition(before: stop - word.text.unicodeScalars.count, in: scalars)
      {
        return false
      }
      // German ordinals and dates: "am 20. November", "3. März", "im 1. Quartal".
      if language == "de", word.text.unicodeScalars.count <= 2 { return startsOpener }
      return true
    }
    let kind =
      word.compound.flatMap { abbreviations.kind(of: $0) } ?? abbreviations.kind(of: word.text)
    switch kind {
    case .neverFinal:
      return false
    case .finalBeforeOpener:
      return startsOpener
    case .oftenFinal:
      return quoteOpens
        || (following.startsUppercase && !following.looksLikeCode
          && abbreviations.kind(of: following.text) == nil)
    case nil:
      if word.isInitialOrDottedAbbreviation { return startsOpener }
      return icuSaidBreak || quoteOpens || (language == "ko" && following.startsUppercaseOrOther)
    }
  }

  /// Whether a number starting at `start` opens the paragraph, a sentence or follows a
  /// colon, as list numbers do.
  private func isListPosition(before start: Int, in scalars: [Unicode.Scalar]) -> Bool {
    var index = start - 1
    while index >= 0, scalars[index].properties.isWhitespace || isCloser(scalars[index]) {
      index -= 1
    }
    if index < 0 || scalars[index] == ":" || scalars[index] == ";" { return true }
    guard isTerminator(scalars[index]) else { return false }
    // After a full stop only when that stop ends a sentence ("grew 18%. 2. Margins"), not
    // an abbreviation ("on Jan. 9. It").
    if scalars[index] != "." { return true }
    let before = PrecedingWord(in: scalars, before: index)
    if before.text.isEmpty { return true }
    if before.isAllDigits { return false }
    return !before.isInitialOrDottedAbbreviation
      && (before.compound.flatMap { abbreviations.kind(of: $0) }
        ?? abbreviations.kind(of: before.text)) == nil
  }

  /// A closing quote must be followed by space, punctuation or the end to count as closing
  /// (so "“I am" after a stop opens the next sentence).
  private func isClosing(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
    let scalar = scalars[index]
    if scalar == ")" || scalar == "]" || scalar == "}" || scalar == "»" || scalar == "›"
      || scalar == "”"
    {
      return true
    }
    guard index + 1 < scalars.count else { return true }
    let after = scalars[index + 1]
    return after.properties.isWhitespace || isCloser(after) || isTerminator(after)
      || after == "," || after == ";"
  }
}

/// The word right before a full stop: letters, digits and inner stops ("U.S", "S.p.A").
struct PrecedingWord {
  let text: String
  /// "EE. UU." and "p. ej.": the word joined to a short dotted word before it ("ee.uu").
  let compound: String?
  let isAllDigits: Bool
  let isInitialOrDottedAbbreviation: Bool

  init(in scalars: [Unicode.Scalar], before stop: Int) {
    var start = stop
    while start > 0,
      isWordScalar(scalars[start - 1])
        || (scalars[start - 1] == "." && start - 1 > 0 && isWordScalar(scalars[start - 2]))
    {
      start -= 1
    }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars[start..<stop])
    self.text = String(text)
    isAllDigits =
      !scalars[start..<stop].isEmpty
      && scalars[start..<stop].allSatisfy { $0.properties.numericType != nil }
    let segments = self.text.split(separator: ".")
    let letters = scalars[start..<stop].filter { $0.properties.isAlphabetic }
    if segments.isEmpty {
      isInitialOrDottedAbbreviation = false
    } else if segments.count == 1 {
      isInitialOrDottedAbbreviation = letters.count == 1 && letters.count == stop - start
    } else {
      isInitialOrDottedAbbreviation = segments.allSatisfy { segment in
        let count = segment.unicodeScalars.count
        return count <= 2
          || (count <= 3 && segment.unicodeScalars.allSatisfy { $0.properties.isUppercase })
      }
    }
    // A short dotted word right before, separated by one space: "EE. UU", "p. ej".
    var compound: String?
    if start >= 3, scalars[start - 1].properties.isWhitespace, scalars[start - 2] == "." {
      var before = start - 2
      while before > 0, isWordScalar(scalars[before - 1]) { before -= 1 }
      let length = start - 2 - before
      if length >= 1, length <= 3 {
        var joined = String.UnicodeScalarView()
        joined.append(contentsOf: scalars[before..<(start - 2)])
        compound = String(joined).lowercased() + "." + self.text.lowercased()
      }
    }
    self.compound = compound
  }
}

/// The first word of what follows a candidate boundary (after any opening quotes).
struct FollowingWord {
  let text: String
  let lowercased: String
  let startsUppercase: Bool
  let startsLowercase: Bool
  /// Starts with something other than a lowercase letter (a capital, Hangul, a digit…).
  let startsUppercaseOrOther: Bool
  /// All-capital and short ("KG", "NASDAQ"): a code or a suffix, not a sentence opener.
  let looksLikeCode: Bool

  init(in scalars: [Unicode.Scalar], from start: Int) {
    var index = start
    while index < scalars.count, isOpeningQuote(scalars[index]) || scalars[index] == "(" {
      index += 1
    }
    var end = index
    while end < scalars.count, scalars[end].properties.isAlphabetic { end += 1 }
    // French and Italian elisions: "L'entreprise" is checked as "l'".
    if end < scalars.count, end > index, scalars[end] == "'" || scalars[end] == "’" {
      end += 1
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[index..<end])
    text = String(view).replacingApostrophes()
    lowercased = text.lowercased()
    // The case of the first letter decides, as in ICU's rules ("40% of" continues).
    var firstLetter: Unicode.Scalar?
    var probe = index
    while probe < scalars.count, probe < index + 24 {
      if scalars[probe].properties.isAlphabetic {
        firstLetter = scalars[probe]
        break
      }
      probe += 1
    }
    startsLowercase = firstLetter?.properties.isLowercase ?? false
    startsUppercase = index < scalars.count && scalars[index].properties.isUppercase
    startsUppercaseOrOther = !startsLowercase
    let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
    looksLikeCode =
      letters.count >= 2 && letters.count <= 6 && letters.allSatisfy { $0.properties.isUppercase }
  }
}

extension String {
  fileprivate func replacingApostrophes() -> String {
    guard unicodeScalars.contains("’") else { return self }
    var view = String.UnicodeScalarView()
    for scalar in unicodeScalars { view.append(scalar == "’" ? "'" : scalar) }
    return String(view)
  }
}

// MARK: Character classes

func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
  scalar.properties.isAlphabetic || scalar.properties.numericType != nil
}

func isFullStop(_ scalar: Unicode.Scalar) -> Bool { scalar == "." }

func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar {
  case ".", "!", "?", "…", "‼", "⁇", "⁈", "⁉", "。", "！", "？", "．": true
  default: false
  }
}

/// Closing quotes and brackets that may follow a stop; U+FFFD stands for a lost quote.
func isCloser(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar {
  case "”", "’", "\"", "'", "»", "›", "“", ")", "]", "}", "\u{FFFD}": true
  default: false
  }
}

func isOpeningQuote(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar {
  case "„", "«", "“", "‘", "‹", "\"", "¿", "¡", "‚": true
  default: false
  }
}

func isLineSeparator(_ scalar: Unicode.Scalar) -> Bool {
  scalar == "\n" || scalar == "\r" || scalar == "\u{2029}" || scalar == "\u{2028}"
    || scalar == "\u{85}"
}

func isHangul(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.value {
  case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: true
  default: false
  }
}
