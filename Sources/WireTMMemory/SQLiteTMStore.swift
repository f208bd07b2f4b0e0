import Foundation
import GRDB

/// A translation memory in one SQLite file (WAL mode, versioned schema), through GRDB.
///
/// Layout: `tu` holds one row per normalised English key; `variant` one row per distinct text
/// of a language for a unit (English included), with its count, best confidence, lossy flag
/// and repairs; `occurrence` one row per sighting with its provenance (document, paragraph,
/// offsets, date, confidence); `page` the content hash of every page or TMX file added, so
/// adding the same content again is a no-op. `tu_fts` (FTS5, `unicode61`) indexes the English
/// words of every unit: a lookup takes the query's rarest words from the index's vocabulary,
/// asks the index for the units sharing the most of them, and scores only those with
/// ``FuzzyMatch``, so it stays fast on millions of units.
///
/// The file is stamped with `PRAGMA application_id` so that opening another application's
/// database is refused instead of being silently changed.
///
/// Related SQLite documentation: <https://www.sqlite.org/fts5.html>, <https://www.sqlite.org/wal.html>
public final class SQLiteTMStore: TMStore {
  /// "WTM1": the `application_id` of a wiretm store.
  public static let applicationID: Int32 = 0x5754_4D31

  /// How to open a store.
  public struct Options: Sendable {
    /// Open without writing (lookup, stats, export); the file must exist.
    public var readOnly: Bool
    /// Caps the file at this many pages (`PRAGMA max_page_count`): tests use it to make the
    /// disk "full" on purpose.
    public var maxPageCount: Int?
    /// The clock used for "date seen"; tests pin it.
    public var now: @Sendable () -> Date

    public init(
      readOnly: Bool = false, maxPageCount: Int? = nil,
      now: @escaping @Sendable () -> Date = { Date() }
    ) {
      self.readOnly = readOnly
      self.maxPageCount = maxPageCount
      self.now = now
    }
  }

  public let path: String
  private let database: any DatabaseWriter
  private let options: Options

  /// Opens (or creates) the store at `url`.
  /// - Throws: ``TMStoreError`` naming the file: not a TM, cannot open, read-only, newer schema.
  public init(url: URL, options: Options = Options()) throws {
    path = url.path
    self.options = options
    try Self.checkLooksLikeSQLite(path: path, readOnly: options.readOnly)
    var configuration = Configuration()
    configuration.readonly = options.readOnly
    configuration.busyMode = .timeout(30)
    let maxPageCount = options.maxPageCount
    configuration.prepareDatabase { db in
      if let maxPageCount { try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)") }
      if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
    }
    do {
      database =
        options.readOnly
        ? try DatabaseQueue(path: path, configuration: configuration)
        : try DatabasePool(path: path, configuration: configuration)
    } catch {
      throw Self.storeError(error, path: path)
    }
    try prepareSchema()
  }

  // MARK: - Schema

  private static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE page(
            id INTEGER PRIMARY KEY, document TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,
            added_at TEXT NOT NULL, units INTEGER NOT NULL);
          CREATE TABLE tu(
            id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, english TEXT NOT NULL,
            count INTEGER NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
          CREATE TABLE variant(
            id INTEGER PRIMARY KEY, tu_id INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
            language TEXT NOT NULL, text TEXT NOT NULL, count INTEGER NOT NULL,
            confidence REAL NOT NULL, lossy INTEGER NOT NULL, repairs TEXT NOT NULL,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
          CREATE INDEX variant_by_tu ON variant(tu_id, language);
          CREATE TABLE occurrence(
            id INTEGER PRIMARY KEY, variant_id INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
            page_id INTEGER NOT NULL REFERENCES page(id) ON DELETE CASCADE, document TEXT NOT NULL,
            paragraph INTEGER, start INTEGER, "end" INTEGER, confidence REAL, seen TEXT NOT NULL);
          CREATE INDEX occurrence_by_variant ON occurrence(variant_id, document);
          CREATE INDEX occurrence_by_page ON occurrence(page_id);
          CREATE VIRTUAL TABLE tu_fts USING fts5(
            english, content='tu', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
          CREATE VIRTUAL TABLE tu_vocabulary USING fts5vocab(tu_fts, 'row');
          """)
    }
    migrator.registerMigration("v2-term-frequency") { db in
      // How many units hold each English word, kept exactly as units are added: lookups pick
      // the query's rarest words from it. FTS5's vocabulary table would give the same counts
      // but walks a word's whole posting list to do so.
      try db.execute(
        sql: """
          CREATE TABLE term_frequency(term TEXT PRIMARY KEY, units INTEGER NOT NULL) WITHOUT ROWID;
          INSERT INTO term_frequency(term, units) SELECT term, doc FROM tu_vocabulary;
          """)
    }
    return migrator
  }

  /// Refuses files that are not SQLite before SQLite or GRDB touch them.
  private static func checkLooksLikeSQLite(path: String, readOnly: Bool) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      if readOnly { throw TMStoreError.cannotOpen(path: path, reason: "no such file") }
      return
    }
    guard !isDirectory.boolValue else {
      throw TMStoreError.cannotOpen(path: path, reason: "it is a folder")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw TMStoreError.cannotOpen(path: path, reason: "cannot read the file")
    }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
      throw TMStoreError.notATranslationMemory(path: path, reason: "it is not an SQLite database")
    }
  }

  private func prepareSchema() throws {
    let readOnly = options.readOnly
    do {
      try database.writeWithoutTransaction { db in
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if applicationID != Self.applicationID {
          guard applicationID == 0 && objects == 0 else {
            throw TMStoreError.notATranslationMemory(
              path: path, reason: "it is an SQLite database of another application")
          }
          guard !readOnly else {
            throw TMStoreError.notATranslationMemory(path: path, reason: "it is an empty database")
          }
          try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
        }
        if try Self.migrator.hasBeenSuperseded(db) { throw TMStoreError.newerSchema(path: path) }
      }
      if readOnly {
        let complete = try database.read { try Self.migrator.hasCompletedMigrations($0) }
        guard complete else {
          throw TMStoreError.cannotOpen(
            path: path, reason: "its schema needs an upgrade: open it once without read-only")
        }
      } else {
        try Self.migrator.migrate(database)
      }
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// The schema version (the last migration applied).
  public func schemaVersion() throws -> String {
    try run { try database.read { try Self.migrator.appliedIdentifiers($0).sorted().last ?? "" } }
  }

  // MARK: - Adding

  public func containsPage(contentHash: String) throws -> Bool {
    try run {
      try database.read { db in
        try Int.fetchOne(
          db, sql: "SELECT 1 FROM page WHERE content_hash = ?", arguments: [contentHash]) != nil
      }
    }
  }

  public func addPage(document: String, contentHash: String, units: [TranslationUnit]) throws
    -> PageAddResult
  {
    let seen = timestamp()
    return try run {
      try database.write { db in
        guard
          let pageID = try insertPage(
            db, document: document, contentHash: contentHash, units: units.count, seen: seen)
        else { return PageAddResult(skipped: true) }
        var result = PageAddResult()
        for unit in units {
          let key = EnglishKey.make(unit.english.text)
          guard !key.isEmpty else { continue }
          let (tuID, isNew) = try mergeUnit(
            db, key: key, english: unit.english.text, count: 1, seen: seen)
          if isNew { result.newUnits += 1 } else { result.mergedUnits += 1 }
          var insertedTexts = Set<String>()
          for (index, variant) in ([unit.english] + unit.translations).enumerated() {
            var memoryVariant = MemoryVariant(variant)
            if index == 0 { memoryVariant.language = "en" }
            // A unit new to the store has no stored texts yet: skip the look-up unless the
            // page repeats a text within the unit.
            let known = !isNew || !insertedTexts.insert(memoryVariant.language + "\u{0}" + memoryVariant.text).inserted
            let provenance =
              variant.provenance
              ?? Provenance(document: document, paragraph: -1, start: -1, end: -1)
            let occurrence = Occurrence(
              document: provenance.document,
              paragraph: provenance.paragraph >= 0 ? provenance.paragraph : nil,
              start: provenance.start >= 0 ? provenance.start : nil,
              end: provenance.end >= 0 ? provenance.end : nil,
              confidence: variant.confidence)
            if try mergeVariant(
              db, tuID: tuID, memoryVariant, occurrences: [occurrence], pageID: pageID, seen: seen,
              mayExist: known)
            {
              result.newVariants += 1
            } else {
              result.mergedVariants += 1
            }
          }
        }
        return result
      }
    }
  }

  public func importTMX(at url: URL) throws -> TMXImportResult {
    let data: Data
    do {
      data = try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw TMXReadError(
        file: url.path, message: "cannot read the file (\(error.localizedDescription))")
    }
    let contentHash = "tmx:" + StableHash.contentHash(data)
    let seen = timestamp()
    let fileName = url.lastPathComponent
    return try run {
      try database.write { db in
        var result = TMXImportResult()
        guard
          let pageID = try insertPage(
            db, document: url.path, contentHash: contentHash, units: 0, seen: seen)
        else {
          result.skipped = true
          return result
        }
        result.read = try TMXReader().read(data: data, name: url.path) { entry in
          let (tuID, isNew) = try mergeUnit(
            db, key: entry.key, english: entry.english.text, count: entry.english.count, seen: seen)
          if isNew { result.added.newUnits += 1 } else { result.added.mergedUnits += 1 }
          for variant in [entry.english] + entry.translations {
            let documents = variant.documents.isEmpty ? [fileName] : variant.documents
            let occurrences = documents.map {
              Occurrence(
                document: $0, paragraph: nil, start: nil, end: nil, confidence: variant.confidence)
            }
            // An entry's texts are distinct, so a unit new to the store needs no look-up.
            if try mergeVariant(
              db, tuID: tuID, variant, occurrences: occurrences, pageID: pageID, seen: seen,
              mayExist: !isNew)
            {
              result.added.newVariants += 1
            } else {
              result.added.mergedVariants += 1
            }
          }
        }
        try db.execute(
          sql: "UPDATE page SET units = ? WHERE id = ?", arguments: [result.read.entries, pageID])
        return result
      }
    }
  }

  private struct Occurrence {
    var document: String
    var paragraph: Int?
    var start: Int?
    var end: Int?
    var confidence: Double
  }

  /// Inserts the page row, or returns `nil` when its content hash is already stored.
  private func insertPage(
    _ db: Database, document: String, contentHash: String, units: Int, seen: String
  ) throws -> Int64? {
    let existing = try db.cachedStatement(sql: "SELECT 1 FROM page WHERE content_hash = ?")
    if try Int.fetchOne(existing, arguments: [contentHash]) != nil { return nil }
    try db.cachedStatement(
      sql: "INSERT INTO page(document, content_hash, added_at, units) VALUES (?, ?, ?, ?)"
    )
    .execute(arguments: [document, contentHash, seen, units])
    return db.lastInsertedRowID
  }

  /// Finds or creates the unit of a key; returns its id and whether it is new.
  private func mergeUnit(_ db: Database, key: String, english: String, count: Int, seen: String)
    throws -> (Int64, Bool)
  {
    if let id = try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM tu WHERE key = ?"), arguments: [key])
    {
      try db.cachedStatement(sql: "UPDATE tu SET count = count + ?, last_seen = ? WHERE id = ?")
        .execute(arguments: [count, seen, id])
      return (id, false)
    }
    try db.cachedStatement(
      sql: "INSERT INTO tu(key, english, count, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)"
    ).execute(arguments: [key, english, count, seen, seen])
    let id = db.lastInsertedRowID
    try db.cachedStatement(sql: "INSERT INTO tu_fts(rowid, english) VALUES (?, ?)").execute(
      arguments: [id, english])
    let countTerm = try db.cachedStatement(
      sql: """
        INSERT INTO term_frequency(term, units) VALUES (?, 1)
        ON CONFLICT(term) DO UPDATE SET units = units + 1
        """)
    for term in Set(FuzzyMatch.searchTerms(of: english)) { try countTerm.execute(arguments: [term]) }
    return (id, true)
  }

  /// Merges a text into its unit (same language and text: counts add up) and records sightings.
  /// - Returns: whether the text was new for the unit.
  private func mergeVariant(
    _ db: Database, tuID: Int64, _ variant: MemoryVariant, occurrences: [Occurrence], pageID: Int64,
    seen: String, mayExist: Bool = true
  ) throws -> Bool {
    let existing =
      mayExist
      ? try Row.fetchAll(
        db.cachedStatement(
          sql: "SELECT id, text, repairs FROM variant WHERE tu_id = ? AND language = ?"),
        arguments: [tuID, variant.language]) : []
    let variantID: Int64
    var isNew = false
    if let row = existing.first(where: { ($0[1] as String) == variant.text }) {
      variantID = row[0]
      let stored: String = row[2]
      let repairs = Set(stored.split(separator: ",").map(String.init)).union(variant.repairs)
        .sorted()
      try db.cachedStatement(
        sql: """
          UPDATE variant SET count = count + ?, confidence = max(confidence, ?), lossy = lossy OR ?,
            repairs = ?, last_seen = ? WHERE id = ?
          """
      ).execute(arguments: [
        variant.count, variant.confidence, variant.lossy, repairs.joined(separator: ","), seen,
        variantID,
      ])
    } else {
      try db.cachedStatement(
        sql: """
          INSERT INTO variant(tu_id, language, text, count, confidence, lossy, repairs, first_seen, last_seen)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        tuID, variant.language, variant.text, variant.count, variant.confidence, variant.lossy,
        variant.repairs.joined(separator: ","), seen, seen,
      ])
      variantID = db.lastInsertedRowID
      isNew = true
    }
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO occurrence(variant_id, page_id, document, paragraph, start, "end", confidence, seen)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for occurrence in occurrences {
      try insert.execute(arguments: [
        variantID, pageID, occurrence.document, occurrence.paragraph, occurrence.start,
        occurrence.end,
        occurrence.confidence, seen,
      ])
    }
    return isNew
  }

  // MARK: - Reading

  public func forEachEntry(_ body: (MemoryEntry) throws -> Void) throws {
    try run {
      try database.read { db in
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT t.id, t.english, t.count AS tu_count, v.language, v.text, v.count, v.confidence, v.lossy, v.repairs,
              (SELECT group_concat(document, char(31)) FROM
                (SELECT DISTINCT document FROM occurrence WHERE variant_id = v.id ORDER BY document)) AS documents
            FROM variant v JOIN tu t ON t.id = v.tu_id
            ORDER BY v.tu_id, v.id
            """)
        var builder = EntryBuilder()
        while let row = try rows.next() {
          if let entry = builder.add(row) { try body(entry) }
        }
        if let entry = builder.finish() { try body(entry) }
      }
    }
  }

  /// Groups consecutive variant rows of one unit into a ``MemoryEntry``.
  ///
  /// Columns by position: unit id, English, unit count, language, text, count, confidence,
  /// lossy, repairs, documents (joined by U+001F).
  private struct EntryBuilder {
    var unitID: Int64?
    var english: MemoryVariant?
    var translations: [MemoryVariant] = []

    mutating func add(_ row: Row) -> MemoryEntry? {
      let id: Int64 = row[0]
      var finished: MemoryEntry?
      if id != unitID {
        finished = finish()
        unitID = id
        english = MemoryVariant(
          language: "en", text: row[1], count: row[2], confidence: 1)
        english?.count = row[2]
      }
      let documents: String? = row[9]
      let repairs: String = row[8]
      let variant = MemoryVariant(
        language: row[3], text: row[4], count: row[5],
        confidence: row[6],
        lossy: row[7], repairs: repairs.split(separator: ",").map(String.init),
        documents: documents.map { $0.split(separator: "\u{1F}").map(String.init) } ?? [])
      if variant.language == "en" {
        // Every English surface form of the key folds into the unit's English variant; the
        // unit's own count already counts each sighting once.
        if var folded = english {
          folded.lossy = folded.lossy || variant.lossy
          folded.repairs = Array(Set(folded.repairs).union(variant.repairs)).sorted()
          folded.documents = Array(Set(folded.documents).union(variant.documents)).sorted()
          english = folded
        }
      } else {
        translations.append(variant)
      }
      return finished
    }

    mutating func finish() -> MemoryEntry? {
      defer {
        english = nil
        translations = []
      }
      guard let english else { return nil }
      return MemoryEntry(english: english, translations: translations)
    }
  }

  public func lookup(_ english: String, language: String?, minScore: Int, limit: Int) throws
    -> [TMMatch]
  {
    let key = EnglishKey.make(english)
    guard !key.isEmpty, limit > 0 else { return [] }
    let language = language.map(LanguageTag.storageKey)
    return try run {
      try database.read { db in
        var scored: [(score: Int, id: Int64)] = []
        var seenIDs = Set<Int64>()
        if let id = try Int64.fetchOne(
          db.cachedStatement(sql: "SELECT id FROM tu WHERE key = ?"), arguments: [key])
        {
          scored.append((100, id))
          seenIDs.insert(id)
        }
        if minScore < 100 {
          var encoder = FuzzyMatch.TokenEncoder()
          let query = encoder.encode(FuzzyMatch.tokens(of: key))
          for (id, text) in try candidates(db, for: key) where !seenIDs.contains(id) {
            let tokens = FuzzyMatch.tokens(of: text)
            // A cheap bound first: the length difference alone costs a full token each.
            let longer = max(tokens.count, query.count)
            let bound = 100 - (100 * abs(tokens.count - query.count) + longer - 1) / max(longer, 1)
            guard bound >= minScore else { continue }
            let score = FuzzyMatch.score(query, encoder.encode(tokens))
            if score >= minScore {
              scored.append((score, id))
              seenIDs.insert(id)
            }
          }
        }
        // Best first; ties by id (first stored) so results never depend on the index's order.
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        var matches: [TMMatch] = []
        for (score, id) in scored {
          guard matches.count < limit else { break }
          guard var entry = try entry(db, id: id) else { continue }
          if let language {
            guard entry.translations.contains(where: { $0.language == language }) else { continue }
            entry = TMExportOptions(languages: [language]).apply(to: entry) ?? entry
          }
          matches.append(TMMatch(score: score, entry: entry))
        }
        return matches
      }
    }
  }

  /// Units sharing the most of the query's rarest words (at most 150), most shared first.
  ///
  /// A unit that matches a query at 70% or more shares most of its words, so it shares most
  /// of the rare ones too. Word frequencies come from `term_frequency`. The rarest words are
  /// chosen — at least ``Self/minimumWords`` of those in at most ``Self/commonWord`` units,
  /// then more (up to 8) while their postings add up to at most ``Self/candidateBudget`` —
  /// so that a word inserted by the translator's edit, rare but absent from the stored
  /// sentence, cannot crowd out the words the two share. Their posting lists are read from the
  /// FTS5 index and counted per unit; counting is cheaper than letting FTS5 rank an OR query
  /// with bm25. A query made only of common words uses its two rarest, reading at most
  /// ``Self/commonWord`` postings of each, so its candidates are a sample.
  private func candidates(_ db: Database, for key: String) throws -> [(Int64, String)] {
    let terms = Array(Set(FuzzyMatch.searchTerms(of: key))).sorted()
    guard !terms.isEmpty else { return [] }
    let frequency = try db.cachedStatement(sql: "SELECT units FROM term_frequency WHERE term = ?")
    var frequencies: [(term: String, units: Int)] = []
    for term in terms {
      let units = try Int.fetchOne(frequency, arguments: [term]) ?? 0
      if units > 0 { frequencies.append((term, units)) }
    }
    frequencies.sort { $0.units != $1.units ? $0.units < $1.units : $0.term < $1.term }
    var chosen: [String] = []
    var budget = 0
    for (term, units) in frequencies {
      let rare = units <= Self.commonWord
      let fits = budget + units <= Self.candidateBudget
      guard chosen.count < 8, (rare && (chosen.count < Self.minimumWords || fits)) || chosen.count < 2
      else { break }
      chosen.append(term)
      budget += min(units, Self.commonWord)
    }
    let postings = try db.cachedStatement(
      sql: "SELECT rowid FROM tu_fts WHERE tu_fts MATCH ? LIMIT \(Self.commonWord)")
    var shared: [Int64: Int] = [:]
    shared.reserveCapacity(budget)
    for term in chosen {
      let rowids = try Int64.fetchCursor(postings, arguments: [Self.ftsPhrase(term)])
      while let rowid = try rowids.next() { shared[rowid, default: 0] += 1 }
    }
    // The 150 units sharing the most words, by bucket (at most 8 counts) instead of sorting
    // every unit that shares one; ties go to the unit stored first.
    var buckets = [[Int64]](repeating: [], count: chosen.count + 1)
    for (id, count) in shared { buckets[count].append(id) }
    var best: [Int64] = []
    for count in stride(from: chosen.count, through: 1, by: -1) where best.count < 150 {
      best += buckets[count].sorted().prefix(150 - best.count)
    }
    let english = try db.cachedStatement(sql: "SELECT english FROM tu WHERE id = ?")
    return try best.compactMap { id in
      try String.fetchOne(english, arguments: [id]).map { (id, $0) }
    }
  }

  /// Words always used for candidates when the query has that many uncommon ones.
  static let minimumWords = 4
  /// A word in more units than this is common: used only when fewer than two rarer words are
  /// in the query, and then only this many of its postings are read.
  static let commonWord = 20_000
  /// The postings read in all for one lookup's candidates, past the first ``minimumWords``.
  static let candidateBudget = 30_000

  /// A word as an FTS5 phrase: quoted, so no word is read as an operator.
  private static func ftsPhrase(_ term: String) -> String {
    "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One unit with all its variants.
  private func entry(_ db: Database, id: Int64) throws -> MemoryEntry? {
    let rows = try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT t.id, t.english, t.count AS tu_count, v.language, v.text, v.count, v.confidence, v.lossy, v.repairs,
            (SELECT group_concat(document, char(31)) FROM
              (SELECT DISTINCT document FROM occurrence WHERE variant_id = v.id ORDER BY document)) AS documents
          FROM variant v JOIN tu t ON t.id = v.tu_id WHERE t.id = ? ORDER BY v.id
          """), arguments: [id])
    var builder = EntryBuilder()
    for row in rows { _ = builder.add(row) }
    return builder.finish()
  }

  public func stats() throws -> TMStats {
    try run {
      try database.read { db in
        var stats = TMStats()
        stats.pages = try Int.fetchOne(db, sql: "SELECT count(*) FROM page") ?? 0
        stats.units = try Int.fetchOne(db, sql: "SELECT count(*) FROM tu") ?? 0
        for row in try Row.fetchAll(
          db,
          sql:
            "SELECT language, count(*) AS n, count(DISTINCT tu_id) AS units FROM variant GROUP BY language"
        ) {
          let language: String = row["language"]
          stats.variantsByLanguage[language] = row["n"]
          if language != "en" { stats.unitsByLanguage[language] = row["units"] }
        }
        let translations = stats.variantsByLanguage.filter { $0.key != "en" }.values.reduce(0, +)
        stats.alternativeVariants = translations - stats.unitsByLanguage.values.reduce(0, +)
        stats.lossyVariants =
          try Int.fetchOne(db, sql: "SELECT count(*) FROM variant WHERE lossy") ?? 0
        stats.occurrences = try Int.fetchOne(db, sql: "SELECT count(*) FROM occurrence") ?? 0
        stats.schemaVersion = try Self.migrator.appliedIdentifiers(db).sorted().last ?? ""
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        stats.fileBytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        return stats
      }
    }
  }

  // MARK: - Errors

  private func timestamp() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: options.now())
  }

  /// Runs a database operation, turning SQLite errors into ``TMStoreError``s naming the file.
  private func run<T>(_ operation: () throws -> T) throws -> T {
    do {
      return try operation()
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  static func storeError(_ error: any Error, path: String) -> any Error {
    guard let databaseError = error as? DatabaseError else { return error }
    let message = databaseError.message ?? "\(databaseError.resultCode)"
    switch databaseError.resultCode {
    case .SQLITE_FULL: return TMStoreError.full(path: path)
    case .SQLITE_READONLY: return TMStoreError.readOnly(path: path)
    case .SQLITE_NOTADB:
      return TMStoreError.notATranslationMemory(path: path, reason: "it is not an SQLite database")
    case .SQLITE_CANTOPEN: return TMStoreError.cannotOpen(path: path, reason: message)
    case .SQLITE_BUSY, .SQLITE_LOCKED: return TMStoreError.busy(path: path)
    case .SQLITE_CORRUPT: return TMStoreError.corrupt(path: path, reason: message)
    case .SQLITE_ERROR
    where message.contains("no such table") || message.contains("no such column"):
      return TMStoreError.notATranslationMemory(path: path, reason: message)
    default: return TMStoreError.database(path: path, reason: databaseError.description)
    }
  }
}
