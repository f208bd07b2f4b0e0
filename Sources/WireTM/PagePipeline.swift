import WireTMAlignment
import WireTMLanguage
import WireTMMemory
import WireTMParagraphs
import WireTMSentences
import WireTMStructure

/// A page run through every stage, with what each stage found.
public struct ProcessedPage: Sendable {
  public var cleaned: CleanedPage
  public var paragraphs: [Paragraph]
  /// One language guess per paragraph.
  public var languages: [LanguageGuess]
  public var structure: PageStructure
  /// Translation units keyed to the English sentences of the page's original, in page order.
  public var units: [TranslationUnit]
}

/// The whole pipeline for one page: bytes → clean text → paragraphs → languages → structure
/// → sentences → alignment → translation units.
public struct PagePipeline: Sendable {
  public var cleaner: PageCleaner
  public var splitter: ParagraphSplitter
  public var identifier: LanguageIdentifier
  public var analyzer: StructureAnalyzer
  public var segmenter: any SentenceSegmenter
  public var aligner: any SentenceAligner

  public init(
    cleaner: PageCleaner = PageCleaner(), splitter: ParagraphSplitter = ParagraphSplitter(),
    identifier: LanguageIdentifier = LanguageIdentifier(),
    analyzer: StructureAnalyzer = StructureAnalyzer(),
    segmenter: any SentenceSegmenter = RuleSentenceSegmenter(),
    aligner: any SentenceAligner = AnchorAligner()
  ) {
    self.cleaner = cleaner
    self.splitter = splitter
    self.identifier = identifier
    self.analyzer = analyzer
    self.segmenter = segmenter
    self.aligner = aligner
  }

  public func process(_ bytes: [UInt8], document: String) throws -> ProcessedPage {
    let cleaned = try cleaner.clean(bytes, document: document)
    let paragraphs = splitter.split(cleaned.text)
    let languages = paragraphs.map { identifier.identify($0.text) }
    let structure = analyzer.analyze(paragraphs, languages: languages)
    let lineStarts = Self.lineStarts(of: cleaned.text)
    let context = UnitContext(
      document: document, cleaned: cleaned, paragraphs: paragraphs, lineStarts: lineStarts)
    var builder = UnitBuilder()
    for block in structure.blocks {
      for (source, target) in Self.alignmentUnits(of: block) {
        let english = source.flatMap { sentences(of: $0, language: "en", context: context) }
        let translated = target.flatMap { sentences(of: $0, language: block.language, context: context) }
        let beads = aligner.align(
          source: english.map(\.text), target: translated.map(\.text), sourceLanguage: "en",
          targetLanguage: block.language)
        for bead in beads where !bead.source.isEmpty && !bead.target.isEmpty {
          builder.add(
            english: Array(english[bead.source]), translation: Array(translated[bead.target]),
            language: block.language, confidence: bead.confidence)
        }
      }
    }
    return ProcessedPage(
      cleaned: cleaned, paragraphs: paragraphs, languages: languages, structure: structure,
      units: builder.units())
  }

  /// The pieces aligned separately: paragraph by paragraph when the counts agree (paragraph
  /// boundaries then act as hard boundaries), else the whole block at once.
  static func alignmentUnits(of block: PageStructure.TranslationBlock) -> [([Int], [Int])] {
    if block.pairsParagraphs {
      return zip(block.source, block.paragraphs).map { ([$0], [$1]) }
    }
    return [(block.source, block.paragraphs)]
  }

  struct UnitContext {
    var document: String
    var cleaned: CleanedPage
    var paragraphs: [Paragraph]
    var lineStarts: [Int]
  }

  /// The sentences of one paragraph as variants with provenance.
  func sentences(of index: Int, language: String, context: UnitContext) -> [Variant] {
    let paragraph = context.paragraphs[index]
    let text = paragraph.text
    let firstLine = Self.line(containing: paragraph.start, lineStarts: context.lineStarts)
    let lastLine = Self.line(containing: max(paragraph.start, paragraph.end - 1), lineStarts: context.lineStarts)
    let repairs = context.cleaned.repairKinds(lines: firstLine...lastLine)
    return segmenter.sentenceRanges(in: text, language: language).compactMap { range in
      let trimmed = Self.trimmed(text, range)
      guard !trimmed.isEmpty else { return nil }
      let start = paragraph.start + text.unicodeScalars.distance(from: text.startIndex, to: trimmed.startIndex)
      let length = trimmed.unicodeScalars.count
      let sentence = String(trimmed)
      return Variant(
        language: language, text: sentence, confidence: 1,
        lossy: sentence.unicodeScalars.contains("\u{FFFD}"), repairs: repairs,
        provenance: Provenance(document: context.document, paragraph: index, start: start, end: start + length))
    }
  }

  static func trimmed(_ text: String, _ range: Range<String.Index>) -> Substring {
    var slice = text[range]
    while let first = slice.unicodeScalars.first, first.properties.isWhitespace {
      slice = slice.dropFirst()
    }
    while let last = slice.unicodeScalars.last, last.properties.isWhitespace {
      slice = slice.dropLast()
    }
    return slice
  }

  static func lineStarts(of text: String) -> [Int] {
    var starts = [0]
    var offset = 0
    for scalar in text.unicodeScalars {
      offset += 1
      if scalar == "\n" { starts.append(offset) }
    }
    return starts
  }

  static func line(containing offset: Int, lineStarts: [Int]) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }
}

/// Collects aligned sentences into translation units keyed to the English text.
struct UnitBuilder {
  private var order: [String] = []
  private var byEnglish: [String: TranslationUnit] = [:]

  mutating func add(english: [Variant], translation: [Variant], language: String, confidence: Double) {
    guard let first = english.first, let last = english.last,
      let firstTarget = translation.first, let lastTarget = translation.last
    else { return }
    let englishText = english.map(\.text).joined(separator: " ")
    let targetText = translation.map(\.text).joined(separator: " ")
    let englishVariant = Variant(
      language: "en", text: englishText, confidence: 1, lossy: english.contains { $0.lossy },
      repairs: Self.union(english.map(\.repairs)),
      provenance: Self.span(first.provenance, last.provenance))
    let targetVariant = Variant(
      language: language, text: targetText, confidence: confidence,
      lossy: translation.contains { $0.lossy }, repairs: Self.union(translation.map(\.repairs)),
      provenance: Self.span(firstTarget.provenance, lastTarget.provenance))
    if byEnglish[englishText] == nil {
      order.append(englishText)
      byEnglish[englishText] = TranslationUnit(english: englishVariant, translations: [])
    }
    var unit = byEnglish[englishText]!
    if let existing = unit.translations.firstIndex(where: { $0.language == language }) {
      // The same English sentence aligned twice to one language (a repeated block): keep
      // the more confident pairing.
      if unit.translations[existing].confidence < confidence {
        unit.translations[existing] = targetVariant
      }
    } else {
      unit.translations.append(targetVariant)
    }
    byEnglish[englishText] = unit
  }

  func units() -> [TranslationUnit] {
    order.compactMap { byEnglish[$0] }.sorted { lhs, rhs in
      (lhs.english.provenance?.start ?? 0) < (rhs.english.provenance?.start ?? 0)
    }
  }

  static func union(_ lists: [[String]]) -> [String] {
    var result: [String] = []
    for list in lists { for item in list where !result.contains(item) { result.append(item) } }
    return result
  }

  static func span(_ first: Provenance?, _ last: Provenance?) -> Provenance? {
    guard var result = first, let last else { return first }
    result.end = last.end
    return result
  }
}
