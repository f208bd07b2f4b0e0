import Foundation
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
      let trimmed = text[range].trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.isEmpty ? nil : trimmed
    }
  }
}

/// ICU's sentence BreakIterator for the paragraph's locale plus wiretm's own rules.
public struct RuleSentenceSegmenter: SentenceSegmenter {
  public init() {}

  public func sentenceRanges(in text: String, language: String) -> [Range<String.Index>] {
    (try? BreakIterator.sentenceRanges(in: text, locale: language)) ?? [text.startIndex..<text.endIndex]
  }
}
