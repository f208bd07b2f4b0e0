/// A paragraph of a page, with where it stands in the page's clean text.
public struct Paragraph: Hashable, Sendable {
  /// What a paragraph looks like on the page, before any language is known.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// Running text: the only kind that carries translatable sentences.
    case body
    /// A list item ("- ", "• ", "* ", "1. ").
    case bullet
    /// A short line without final punctuation: a title, a section heading, a byline, a date.
    case heading
  }

  /// Position in the page, from 0.
  public var index: Int
  /// The paragraph's text, its lines joined by spaces.
  public var text: String
  public var kind: Kind
  /// Unicode scalar offsets of the paragraph in the text it was split from.
  public var start: Int
  public var end: Int

  public init(index: Int, text: String, kind: Kind = .body, start: Int = 0, end: Int = 0) {
    self.index = index
    self.text = text
    self.kind = kind
    self.start = start
    self.end = end
  }
}
