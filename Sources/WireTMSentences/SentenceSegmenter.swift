import ICUKit

/// Splits a paragraph into sentences.
public protocol SentenceSegmenter: Sendable {
  /// Sentence ranges of text, in order, covering the text (surrounding spaces may be left out).
  func sentenceRanges(in text: String, language: String) -> [Range<String.Index>]
}

extension SentenceSegmenter {
  /// The sentences of text, trimmed of surrounding white space, empty ones dropped.
  public func sentences(in text: String, language: String) -> [String] {
    sentenceRanges(in: text, language: language).compactMap { range in
      let trimmed = trimmingWhiteSpace(text[range])
      return trimmed.isEmpty ? nil : String(trimmed)
    }
  }
}

/// The slice without leading and trailing white space (including no-break spaces).
func trimmingWhiteSpace(_ text: Substring) -> Substring {
  let scalars = text.unicodeScalars
  var lower = scalars.startIndex
  var upper = scalars.endIndex
  while lower < upper, scalars[lower].properties.isWhitespace {
    lower = scalars.index(after: lower)
  }
  while upper > lower, scalars[scalars.index(before: upper)].properties.isWhitespace {
    upper = scalars.index(before: upper)
  }
  return text[lower..<upper]
}

/// ICU's sentence BreakIterator for the paragraph's locale plus wiretm's own rules.
///
/// ICU proposes boundaries (plain locale rules, not `@ss=standard`, which merges real
/// sentences such as "agreed. Then"); wiretm adds the boundaries ICU misses (a full stop
/// before an opening „ or «, stops inside closing quotes spaced with no-break spaces) and
/// then decides every candidate with its own layer: abbreviations per language, initials
/// ("Paul Y. Song"), German ordinals and dates ("am 20. November"), Korean sentence endings,
/// and lowercase continuations.
///
/// ```swift
/// RuleSentenceSegmenter().sentences(in: "Examplo, Inc. met Dr. Roe. It grew.", language: "en")
/// // ["Examplo, Inc. met Dr. Roe.", "It grew."]
/// ```
public struct RuleSentenceSegmenter: SentenceSegmenter {
  public init() {}

  public func sentenceRanges(in text: String, language: String) -> [Range<String.Index>] {
    if text.isEmpty { return [] }
    let paragraph = ScannedParagraph(text)
    let rules = BoundaryRules.cached(for: language)
    let icuStarts = icuBoundaryScalarIndexes(paragraph, language: rules.language)
    let starts = rules.sentenceStarts(in: paragraph, icuStarts: icuStarts)
    var ranges: [Range<String.Index>] = []
    var lower = 0
    for start in starts where start > lower && start < paragraph.count {
      ranges.append(paragraph.index(lower)..<paragraph.index(start))
      lower = start
    }
    ranges.append(paragraph.index(lower)..<text.endIndex)
    return ranges
  }

  /// ICU's sentence boundaries as scalar indexes of the paragraph (the end excluded).
  private func icuBoundaryScalarIndexes(_ paragraph: ScannedParagraph, language: String) -> [Int] {
    guard
      let offsets = try? BreakIterator.boundaries(
        of: .sentence, in: paragraph.utf16Units, locale: language)
    else { return [] }
    return offsets.compactMap { paragraph.scalarIndex(utf16Offset: $0) }.filter {
      $0 < paragraph.count
    }
  }
}

/// A paragraph as an array of scalars with the bookkeeping to map back to `String.Index`
/// and UTF-16 offsets.
struct ScannedParagraph {
  let scalars: [Unicode.Scalar]
  let utf16Units: [UInt16]
  private let indexes: [String.Index]
  private let endIndex: String.Index
  /// UTF-16 offset of each scalar (plus the total at the end).
  private let utf16Offsets: [Int]

  init(_ text: String) {
    var scalars: [Unicode.Scalar] = []
    var indexes: [String.Index] = []
    var offsets: [Int] = []
    scalars.reserveCapacity(text.utf8.count)
    var offset = 0
    let view = text.unicodeScalars
    var position = view.startIndex
    while position < view.endIndex {
      let scalar = view[position]
      scalars.append(scalar)
      indexes.append(position)
      offsets.append(offset)
      offset += scalar.utf16.count
      position = view.index(after: position)
    }
    offsets.append(offset)
    self.scalars = scalars
    self.indexes = indexes
    self.utf16Offsets = offsets
    self.utf16Units = Array(text.utf16)
    self.endIndex = text.endIndex
  }

  var count: Int { scalars.count }

  func index(_ scalarIndex: Int) -> String.Index {
    scalarIndex < indexes.count ? indexes[scalarIndex] : endIndex
  }

  /// The scalar index starting at a UTF-16 offset (binary search), nil if none starts there.
  func scalarIndex(utf16Offset: Int) -> Int? {
    var low = 0
    var high = utf16Offsets.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let value = utf16Offsets[middle]
      if value == utf16Offset { return middle }
      if value < utf16Offset { low = middle + 1 } else { high = middle - 1 }
    }
    return nil
  }
}
