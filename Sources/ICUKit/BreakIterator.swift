internal import CICU

/// Boundaries found by ICU's rule-based break iterator (`ubrk`).
///
/// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/boundaryanalysis/>
public enum BreakIterator {
  public enum Kind: Sendable {
    case character, word, line, sentence
    var raw: CICUBreakType {
      switch self {
      case .character: CICU_BREAK_CHARACTER
      case .word: CICU_BREAK_WORD
      case .line: CICU_BREAK_LINE
      case .sentence: CICU_BREAK_SENTENCE
      }
    }
  }

  /// The boundary offsets, in UTF-16 code units, after position 0 (the last is the
  /// text's length). The locale is an ICU locale id ("de", "en@ss=standard").
  public static func boundaries(of kind: Kind, in units: [UInt16], locale: String) throws -> [Int] {
    if units.isEmpty { return [] }
    // ICU keeps a pointer to the text: the buffer stays pinned until the iterator closes.
    return try units.withUnsafeBufferPointer { buffer in
      var status: Int32 = 0
      guard
        let iterator = cicu_break_open(
          kind.raw, locale, buffer.baseAddress, Int32(buffer.count), &status)
      else {
        throw ICUError(call: "ubrk_open(\(locale))", status: status == 0 ? 1 : status)
      }
      defer { cicu_break_close(iterator) }
      var result: [Int] = []
      while true {
        let next = cicu_break_next(iterator)
        if next < 0 { break }
        result.append(Int(next))
      }
      return result
    }
  }

  /// Sentence ranges of text as `String.Index` ranges, from ICU alone.
  public static func sentenceRanges(in text: String, locale: String) throws -> [Range<String.Index>] {
    let units = Array(text.utf16)
    var start = 0
    var ranges: [Range<String.Index>] = []
    for end in try boundaries(of: .sentence, in: units, locale: locale) {
      let lower = String.Index(utf16Offset: start, in: text)
      let upper = String.Index(utf16Offset: end, in: text)
      ranges.append(lower..<upper)
      start = end
    }
    return ranges
  }
}
