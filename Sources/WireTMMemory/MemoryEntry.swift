/// One language's text as the memory keeps it: merged over every sighting of the same text.
public struct MemoryVariant: Hashable, Sendable, Codable {
  /// Lowercase BCP 47 tag ("ko", "pt-br").
  public var language: String
  public var text: String
  /// How many times this exact text was seen for this English key.
  public var count: Int
  /// The best alignment confidence seen, 0...1.
  public var confidence: Double
  /// Whether the text holds U+FFFD where characters were lost.
  public var lossy: Bool
  /// Kinds of repair applied to any sighting, sorted, without duplicates.
  public var repairs: [String]
  /// Source documents it was seen in, sorted, without duplicates.
  public var documents: [String]

  public init(
    language: String, text: String, count: Int = 1, confidence: Double = 1, lossy: Bool = false,
    repairs: [String] = [], documents: [String] = []
  ) {
    self.language = LanguageTag.storageKey(language)
    self.text = text
    self.count = count
    self.confidence = confidence
    self.lossy = lossy
    self.repairs = Array(Set(repairs)).sorted()
    self.documents = Array(Set(documents)).sorted()
  }

  /// A variant made from one sighting in a page.
  public init(_ variant: Variant) {
    self.init(
      language: variant.language, text: variant.text, count: 1, confidence: variant.confidence,
      lossy: variant.lossy || variant.text.unicodeScalars.contains("\u{FFFD}"),
      repairs: variant.repairs, documents: variant.provenance.map { [$0.document] } ?? [])
  }

  /// Folds another sighting of the same text into this one.
  public mutating func absorb(_ other: MemoryVariant) {
    count += other.count
    confidence = max(confidence, other.confidence)
    lossy = lossy || other.lossy
    if !other.repairs.isEmpty { repairs = Array(Set(repairs).union(other.repairs)).sorted() }
    if !other.documents.isEmpty {
      documents = Array(Set(documents).union(other.documents)).sorted()
    }
  }

  /// Whether `self` should be written before `other` as a language's preferred variant:
  /// seen more often, then more confident, then by text so the order never depends on input order.
  func isPreferred(over other: MemoryVariant) -> Bool {
    if count != other.count { return count > other.count }
    if confidence != other.confidence { return confidence > other.confidence }
    return text < other.text
  }
}

/// A translation unit as the memory holds it: one English key, every translation seen for it.
public struct MemoryEntry: Hashable, Sendable, Codable {
  /// The normalised English text the entry is keyed by (see ``EnglishKey``).
  public var key: String
  /// The English text as first seen, with its merged sightings.
  public var english: MemoryVariant
  /// Translations, grouped by language (sorted), preferred variant first within a language.
  public private(set) var translations: [MemoryVariant]

  public init(english: MemoryVariant, translations: [MemoryVariant] = []) {
    self.key = EnglishKey.make(english.text)
    var englishVariant = english
    englishVariant.language = "en"
    self.english = englishVariant
    self.translations = []
    for translation in translations { merge(translation) }
  }

  /// The stable TMX `tuid`.
  public var tuid: String { EnglishKey.tuid(forKey: key) }

  /// The languages with at least one translation, sorted.
  public var languages: [String] {
    var seen: [String] = []
    for variant in translations where seen.last != variant.language {
      seen.append(variant.language)
    }
    return seen
  }

  /// Whether the English text or any translation is lossy.
  public var isLossy: Bool { english.lossy || translations.contains { $0.lossy } }

  /// The variants of one language, preferred first.
  public func variants(of language: String) -> [MemoryVariant] {
    let key = LanguageTag.storageKey(language)
    return translations.filter { $0.language == key }
  }

  /// Adds a translation: the same text merges into its variant, a different text is kept beside it.
  /// - Returns: whether the text was new for this entry.
  @discardableResult
  public mutating func merge(_ translation: MemoryVariant) -> Bool {
    if let index = translations.firstIndex(where: {
      $0.language == translation.language && $0.text == translation.text
    }) {
      translations[index].absorb(translation)
      sortTranslations()
      return false
    }
    translations.append(translation)
    sortTranslations()
    return true
  }

  /// Merges another entry with the same key: English sightings add up, translations merge.
  public mutating func merge(entry other: MemoryEntry) {
    english.absorb(other.english)
    for translation in other.translations { merge(translation) }
  }

  private mutating func sortTranslations() {
    translations.sort { lhs, rhs in
      lhs.language != rhs.language ? lhs.language < rhs.language : lhs.isPreferred(over: rhs)
    }
  }
}

/// A pair of languages for bilingual exports, e.g. `en-ko`.
public struct LanguagePair: Hashable, Sendable {
  public var source: String
  public var target: String

  public init(source: String, target: String) {
    self.source = LanguageTag.storageKey(source)
    self.target = LanguageTag.storageKey(target)
  }

  /// Parses "en-ko" or "en,ko"; the source must be English (the memory is keyed by English).
  /// A target with a region works with a comma: "en,pt-BR".
  public init?(parsing text: String) {
    let parts: [Substring]
    if text.contains(",") {
      parts = text.split(separator: ",")
    } else if let dash = text.firstIndex(of: "-") {
      parts = [text[..<dash], text[text.index(after: dash)...]]
    } else {
      return nil
    }
    guard parts.count == 2, LanguageTag.isEnglish(String(parts[0])),
      LanguageTag.isWellFormed(String(parts[1]))
    else { return nil }
    self.init(source: "en", target: String(parts[1]))
  }
}

/// What an export keeps: languages, a confidence floor, lossy text or not.
public struct TMExportOptions: Hashable, Sendable {
  /// Languages to write besides English; `nil` writes every language.
  public var languages: [String]?
  /// A bilingual export: only entries with the target language, only English and the target.
  public var pair: LanguagePair?
  /// Translations below this alignment confidence are left out.
  public var minConfidence: Double
  /// Whether text holding U+FFFD (lost characters) is written.
  public var includeLossy: Bool

  public init(
    languages: [String]? = nil, pair: LanguagePair? = nil, minConfidence: Double = 0,
    includeLossy: Bool = true
  ) {
    self.languages = languages?.map(LanguageTag.storageKey).filter { !LanguageTag.isEnglish($0) }
    self.pair = pair
    self.minConfidence = minConfidence
    self.includeLossy = includeLossy
  }

  /// The target languages kept, or `nil` for all.
  var keptLanguages: Set<String>? {
    if let pair { return [pair.target] }
    return languages.map(Set.init)
  }

  /// The entry as this export writes it, or `nil` when nothing of it is left to write
  /// (no translation passes the filters, or the English text is lossy and lossy text is excluded).
  public func apply(to entry: MemoryEntry) -> MemoryEntry? {
    if !includeLossy && entry.english.lossy { return nil }
    let kept = keptLanguages
    let translations = entry.translations.filter { variant in
      (kept?.contains(variant.language) ?? true) && variant.confidence >= minConfidence
        && (includeLossy || !variant.lossy)
    }
    guard !translations.isEmpty else { return nil }
    if translations.count == entry.translations.count { return entry }
    var filtered = MemoryEntry(english: entry.english)
    filtered.key = entry.key
    for translation in translations { filtered.merge(translation) }
    return filtered
  }
}
