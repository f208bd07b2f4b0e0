import Foundation

/// What adding one page did.
public struct PageAddResult: Hashable, Sendable, Codable {
  /// The page's content hash was already stored: nothing was added.
  public var skipped = false
  /// Units whose English key was new to the store.
  public var newUnits = 0
  /// Units whose English key was already stored (and merged into it).
  public var mergedUnits = 0
  /// Texts (any language) new for their unit.
  public var newVariants = 0
  /// Texts already stored for their unit (their count went up).
  public var mergedVariants = 0

  public init(
    skipped: Bool = false, newUnits: Int = 0, mergedUnits: Int = 0, newVariants: Int = 0,
    mergedVariants: Int = 0
  ) {
    self.skipped = skipped
    self.newUnits = newUnits
    self.mergedUnits = mergedUnits
    self.newVariants = newVariants
    self.mergedVariants = mergedVariants
  }
}

/// What importing a TMX file did.
public struct TMXImportResult: Hashable, Sendable {
  /// The same file (same bytes) was imported before: nothing was added.
  public var skipped = false
  public var added = PageAddResult()
  public var read = TMXReadSummary()

  public init() {}
}

/// A fuzzy or exact match found by ``TMStore/lookup(_:language:minScore:limit:)``.
public struct TMMatch: Hashable, Sendable {
  /// The CAT-style match percentage (100 = the same sentence).
  public var score: Int
  public var entry: MemoryEntry

  public init(score: Int, entry: MemoryEntry) {
    self.score = score
    self.entry = entry
  }
}

/// What a store holds.
public struct TMStats: Hashable, Sendable, Codable {
  public var pages = 0
  public var units = 0
  /// Stored texts per language, English included.
  public var variantsByLanguage: [String: Int] = [:]
  /// Units with at least one translation per language (the pairs an `--pair en-xx` export has).
  public var unitsByLanguage: [String: Int] = [:]
  /// Translations kept beside a preferred one (different texts for the same English).
  public var alternativeVariants = 0
  public var lossyVariants = 0
  /// Sightings recorded with provenance.
  public var occurrences = 0
  public var schemaVersion = ""
  public var fileBytes: Int64 = 0

  public init() {}
}

/// The formats `tm export` writes.
public enum TMExportFormat: String, CaseIterable, Sendable {
  case tmx, tsv, jsonl
}

/// Errors of a translation-memory store, each naming the store file.
public enum TMStoreError: Error, Hashable, Sendable, CustomStringConvertible {
  case notATranslationMemory(path: String, reason: String)
  case cannotOpen(path: String, reason: String)
  case readOnly(path: String)
  case full(path: String)
  case busy(path: String)
  case corrupt(path: String, reason: String)
  case newerSchema(path: String)
  case database(path: String, reason: String)
  case pairRequired(format: String)

  public var description: String {
    switch self {
    case .notATranslationMemory(let path, let reason):
      "\(path): not a wiretm translation memory (\(reason)); nothing was changed"
    case .cannotOpen(let path, let reason): "\(path): cannot open the store (\(reason))"
    case .readOnly(let path):
      "\(path): the store is read-only; nothing was changed (check the file's and folder's permissions)"
    case .full(let path):
      "\(path): the disk (or the store's size limit) is full; the last page was rolled back, everything stored before it is intact"
    case .busy(let path):
      "\(path): the store is locked by another process; try again when it has finished"
    case .corrupt(let path, let reason): "\(path): the store is damaged (\(reason))"
    case .newerSchema(let path):
      "\(path): the store was written by a newer wiretm; upgrade wiretm to use it (nothing was changed)"
    case .database(let path, let reason): "\(path): \(reason)"
    case .pairRequired(let format):
      "\(format) export writes sentence pairs: give --pair en-xx (or --langs en,xx with one target)"
    }
  }
}

/// A translation-memory store keyed by normalised English sentences.
///
/// ``SQLiteTMStore`` keeps one SQLite file. The protocol is small so that a server database can
/// serve a team later: a PostgreSQL store would map each call to one transaction and use
/// `pg_trgm` (or full-text search) for ``lookup(_:language:minScore:limit:)`` candidates, then
/// score them with ``FuzzyMatch`` exactly as here.
public protocol TMStore: Sendable {
  /// Adds the units of one page in one transaction: the page is stored whole or not at all.
  /// A page whose `contentHash` is already stored is skipped, so re-runs are no-ops and an
  /// interrupted batch resumes where it stopped.
  func addPage(document: String, contentHash: String, units: [TranslationUnit]) throws
    -> PageAddResult

  /// Whether a page with this content hash is stored (to skip work before the pipeline runs).
  func containsPage(contentHash: String) throws -> Bool

  /// Merges a TMX file into the store in one transaction; a malformed file changes nothing,
  /// and the same file imported twice is a no-op.
  func importTMX(at url: URL) throws -> TMXImportResult

  /// Every entry in the order first stored.
  func forEachEntry(_ body: (MemoryEntry) throws -> Void) throws

  /// Exact and fuzzy matches for an English sentence, best first.
  /// - Parameters:
  ///   - language: only units with a translation in this language, and only that language.
  ///   - minScore: the lowest match percentage returned.
  ///   - limit: the most matches returned.
  func lookup(_ english: String, language: String?, minScore: Int, limit: Int) throws -> [TMMatch]

  /// Counts of what the store holds.
  func stats() throws -> TMStats
}

extension TMStore {
  /// Exact and fuzzy matches (at most 10) for an English sentence.
  public func lookup(_ english: String, language: String? = nil, minScore: Int = 70) throws
    -> [TMMatch]
  {
    try lookup(english, language: language, minScore: minScore, limit: 10)
  }

  /// Exports the store to `url` atomically (never a half-written file).
  @discardableResult
  public func export(
    format: TMExportFormat, to url: URL, options: TMExportOptions = TMExportOptions()
  ) throws
    -> TMExportReport
  {
    try TMExport.write(format: format, options: options, to: url) { try forEachEntry($0) }
  }
}

extension TranslationMemory {
  /// Exports the memory to `url` atomically.
  @discardableResult
  public func export(
    format: TMExportFormat, to url: URL, options: TMExportOptions = TMExportOptions()
  ) throws
    -> TMExportReport
  {
    try TMExport.write(format: format, options: options, to: url) { body in
      for entry in entries { try body(entry) }
    }
  }
}

/// Streams entries from any source into one of the export formats.
public enum TMExport {
  /// The pair a pair format (TSV, JSONL with a pair) uses: `--pair`, or `--langs` with one target.
  public static func pair(for options: TMExportOptions) -> LanguagePair? {
    if let pair = options.pair { return pair }
    if let languages = options.languages, languages.count == 1 {
      return LanguagePair(source: "en", target: languages[0])
    }
    return nil
  }

  /// Writes entries produced by `source` to `url` atomically.
  public static func write(
    format: TMExportFormat, options: TMExportOptions, to url: URL,
    source: (_ body: (MemoryEntry) throws -> Void) throws -> Void
  ) throws -> TMExportReport {
    let pair = pair(for: options)
    if format == .tsv && pair == nil { throw TMStoreError.pairRequired(format: "TSV") }
    return try AtomicFile.write(to: url) { stream in
      try write(format: format, options: options, pair: pair, to: &stream, source: source)
    }
  }

  /// Writes entries produced by `source` to any text stream (stdout, a string).
  public static func write<Out: TextOutputStream>(
    format: TMExportFormat, options: TMExportOptions, pair: LanguagePair?, to out: inout Out,
    source: (_ body: (MemoryEntry) throws -> Void) throws -> Void
  ) throws -> TMExportReport {
    var report = TMExportReport()
    switch format {
    case .tmx:
      let writer = TMXWriter()
      var tmxOptions = options
      tmxOptions.pair = options.pair
      writer.writeStart(to: &out)
      try source { writer.writeEntry($0, options: tmxOptions, report: &report, to: &out) }
      writer.writeEnd(to: &out)
    case .tsv:
      guard let pair else { throw TMStoreError.pairRequired(format: "TSV") }
      let writer = TSVWriter()
      try source { writer.writeEntry($0, pair: pair, options: options, report: &report, to: &out) }
    case .jsonl:
      let writer = JSONLWriter()
      try source {
        writer.writeEntry($0, pair: options.pair, options: options, report: &report, to: &out)
      }
    }
    return report
  }
}
