/// Where a segment came from: the page, the paragraph and the character offsets in the
/// page's clean text (Unicode scalar offsets).
public struct Provenance: Hashable, Sendable, Codable {
  public var document: String
  public var paragraph: Int
  public var start: Int
  public var end: Int

  public init(document: String, paragraph: Int, start: Int, end: Int) {
    self.document = document
    self.paragraph = paragraph
    self.start = start
    self.end = end
  }
}

/// One language's text of a translation unit.
public struct Variant: Hashable, Sendable, Codable {
  /// Lowercase BCP 47 tag ("ko", "pt-br" is written "pt-BR" in TMX).
  public var language: String
  public var text: String
  /// Alignment confidence, 0...1 (1 for the English key itself).
  public var confidence: Double
  /// Whether the text holds U+FFFD where characters were lost.
  public var lossy: Bool
  /// Kinds of repair applied to this text ("utf8-as-windows-1252", "html-entity").
  public var repairs: [String]
  public var provenance: Provenance?

  public init(
    language: String, text: String, confidence: Double = 1, lossy: Bool = false,
    repairs: [String] = [], provenance: Provenance? = nil
  ) {
    self.language = language
    self.text = text
    self.confidence = confidence
    self.lossy = lossy
    self.repairs = repairs
    self.provenance = provenance
  }
}

/// A translation unit keyed to one English sentence (or a merged English pair).
public struct TranslationUnit: Hashable, Sendable, Codable {
  /// The English source variant.
  public var english: Variant
  /// The translations, at most one per language per unit as TMX writes it.
  public var translations: [Variant]

  public init(english: Variant, translations: [Variant]) {
    self.english = english
    self.translations = translations
  }

  /// Whether any variant is lossy.
  public var isLossy: Bool { english.lossy || translations.contains { $0.lossy } }
}
