/// Splits a page's normalised text into paragraphs.
///
/// Scraped wire copy comes in two layouts: one paragraph per line (most scrapers), or
/// paragraphs separated by blank lines with hard-wrapped lines inside. A line break is
/// therefore a paragraph break unless the line was evidently wrapped: it ends without
/// sentence-final punctuation and the next line goes on in lower case (or the page uses blank
/// lines between paragraphs and the next line is not a list item).
public struct ParagraphSplitter: Sendable {
  public init() {}

  /// The paragraphs of text, in order, with empty lines dropped.
  public func split(_ text: String) -> [Paragraph] {
    let lines = Self.lines(of: text)
    let usesBlankLineSeparators = Self.usesBlankLineSeparators(lines)
    var paragraphs: [Paragraph] = []
    var current: (text: String, start: Int, end: Int)?
    var previousWasBlank = true

    func flush() {
      guard let open = current else { return }
      let kind = Self.kind(of: open.text)
      paragraphs.append(
        Paragraph(index: paragraphs.count, text: open.text, kind: kind, start: open.start, end: open.end))
      current = nil
    }

    for line in lines {
      if line.text.isEmpty {
        flush()
        previousWasBlank = true
        continue
      }
      if let open = current,
        Self.continues(open.text, with: line.text, blankLineLayout: usesBlankLineSeparators),
        !previousWasBlank
      {
        current = (open.text + " " + line.text, open.start, line.end)
      } else {
        flush()
        current = (line.text, line.start, line.end)
      }
      previousWasBlank = false
    }
    flush()
    return paragraphs
  }

  struct Line {
    var text: String
    var start: Int
    var end: Int
  }

  /// Lines with their scalar offsets, trimmed of surrounding spaces.
  static func lines(of text: String) -> [Line] {
    var result: [Line] = []
    var offset = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let count = raw.unicodeScalars.count
      let leading = raw.unicodeScalars.prefix { $0.properties.isWhitespace }.count
      let trimmed = raw.trimmingSpaces()
      result.append(Line(text: trimmed, start: offset + leading, end: offset + leading + trimmed.unicodeScalars.count))
      offset += count + 1
    }
    return result
  }

  /// A page whose non-empty lines are mostly separated by blank lines wraps its paragraphs.
  static func usesBlankLineSeparators(_ lines: [Line]) -> Bool {
    var blanks = 0
    var texts = 0
    for line in lines { if line.text.isEmpty { blanks += 1 } else { texts += 1 } }
    return texts > 2 && blanks * 2 >= texts
  }

  /// Whether next continues the paragraph that ends with previous (a wrapped line).
  static func continues(_ previous: String, with next: String, blankLineLayout: Bool) -> Bool {
    if isBullet(next) { return false }
    if endsSentence(previous) { return blankLineLayout }
    guard let first = next.unicodeScalars.first else { return false }
    if first.properties.isLowercase { return true }
    return blankLineLayout
  }

  static func endsSentence(_ text: String) -> Bool {
    guard let last = text.unicodeScalars.last(where: { !closingQuotes.contains($0) }) else { return false }
    return sentenceFinal.contains(last)
  }

  static let sentenceFinal: Set<Unicode.Scalar> = [".", "!", "?", "…", "。", "！", "？", ":", ";"]
  static let closingQuotes: Set<Unicode.Scalar> = ["\"", "'", "”", "’", "»", ")", "」", "』"]

  static func isBullet(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars.prefix(5))
    guard let first = scalars.first else { return false }
    if ["•", "·", "▪", "●", "◦", "‣", "–", "—"].contains(first) { return true }
    if (first == "-" || first == "*") && scalars.count > 1 && scalars[1] == " " { return true }
    // "1. " or "1) " list items
    var index = 0
    while index < scalars.count, scalars[index].properties.numericType != nil { index += 1 }
    return index > 0 && index + 1 < scalars.count && (scalars[index] == "." || scalars[index] == ")")
      && scalars[index + 1] == " "
  }

  /// Bullet, heading (short, no final punctuation) or body.
  static func kind(of text: String) -> Paragraph.Kind {
    if isBullet(text) { return .bullet }
    let words = text.split(separator: " ").count
    if !endsSentence(text) && words <= 16 { return .heading }
    return .body
  }
}

extension Substring {
  /// The substring without surrounding spaces (no Foundation: this runs per line).
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}
