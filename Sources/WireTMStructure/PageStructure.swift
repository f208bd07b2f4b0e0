import WireTMParagraphs

/// What each paragraph of a page is, and which paragraphs translate which.
public struct PageStructure: Hashable, Sendable {
  /// The role of one paragraph on the page.
  public enum Role: Hashable, Sendable {
    /// English text that at least one translation block translates.
    case original
    /// A translation of English paragraphs into a language.
    case translation(String)
    /// English text with no translation on the page: kept in clean text, no TUs.
    case untranslated
    /// The same text as an earlier paragraph (a summary repeated in the body).
    case repeated(of: Int)
    /// Site furniture: cookie notices, "Related news", share links, contact blocks.
    case boilerplate
    /// A list item or a heading: not a source of sentence pairs.
    case layout
    /// Text in another language with no English original found, or of unknown language.
    case unmatched
  }

  /// A run of paragraphs in one language and the English paragraphs it translates.
  public struct TranslationBlock: Hashable, Sendable {
    public var language: String
    /// Indices of the translated paragraphs, in page order.
    public var paragraphs: [Int]
    /// Indices of the English paragraphs they translate, in page order.
    public var source: [Int]
    /// How well the block matches its source, higher is better (anchor overlap minus
    /// length mismatch); useful to rank and to explain.
    public var score: Double

    /// Paragraph counts agree, so paragraph boundaries are hard alignment boundaries.
    public var pairsParagraphs: Bool { paragraphs.count == source.count }

    public init(language: String, paragraphs: [Int], source: [Int], score: Double) {
      self.language = language
      self.paragraphs = paragraphs
      self.source = source
      self.score = score
    }
  }

  /// One role per paragraph, in page order.
  public var roles: [Role]
  public var blocks: [TranslationBlock]

  public init(roles: [Role], blocks: [TranslationBlock]) {
    self.roles = roles
    self.blocks = blocks
  }

  /// Indices of the English original paragraphs.
  public var original: [Int] { roles.indices.filter { roles[$0] == .original } }
}
