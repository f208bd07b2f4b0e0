import Foundation
import GRDB
import Testing

@testable import WireTMMemory

@Suite struct SQLiteTMStoreTests {
  static let fixedDate = Date(timeIntervalSince1970: 1_790_000_000)

  func openStore(_ folder: TemporaryFolder, _ name: String = "tm.sqlite", maxPageCount: Int? = nil)
    throws -> SQLiteTMStore
  {
    try SQLiteTMStore(
      url: folder.file(name), options: .init(maxPageCount: maxPageCount, now: { Self.fixedDate }))
  }

  @Test func mergesAcrossPagesAndKeepsVariants() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder)
    let first = try store.addPage(
      document: "a.txt", contentHash: "h1",
      units: [
        unit("Profit rose.", [("ko", "이익이 늘었다."), ("de", "Gewinn stieg.")], document: "a.txt")
      ])
    #expect(first == PageAddResult(newUnits: 1, newVariants: 3))
    let second = try store.addPage(
      document: "b.txt", contentHash: "h2",
      units: [
        unit("Profit  rose.", [("ko", "이익이 증가했다."), ("de", "Gewinn stieg.")], document: "b.txt"),
        unit("Costs fell.", [("ko", "비용이 줄었다.")], document: "b.txt"),
      ])
    #expect(second == PageAddResult(newUnits: 1, mergedUnits: 1, newVariants: 4, mergedVariants: 1))
    let stats = try store.stats()
    #expect(stats.pages == 2)
    #expect(stats.units == 2)
    #expect(stats.variantsByLanguage == ["en": 3, "ko": 3, "de": 1])
    #expect(stats.unitsByLanguage == ["ko": 2, "de": 1])
    #expect(stats.alternativeVariants == 1)
    var entries: [MemoryEntry] = []
    try store.forEachEntry { entries.append($0) }
    #expect(entries.map(\.english.text) == ["Profit rose.", "Costs fell."])
    #expect(entries[0].english.count == 2)
    #expect(entries[0].english.documents == ["a.txt", "b.txt"])
    #expect(entries[0].variants(of: "de").map(\.count) == [2])
    #expect(entries[0].variants(of: "ko").map(\.text).sorted() == ["이익이 늘었다.", "이익이 증가했다."])
  }

  @Test func aTextRepeatedInsideANewUnitMergesIntoOneVariant() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder)
    let result = try store.addPage(
      document: "a", contentHash: "a",
      units: [unit("Twice.", [("ko", "두 번."), ("ko", "두 번."), ("de", "Zweimal.")])])
    #expect(result == PageAddResult(newUnits: 1, newVariants: 3, mergedVariants: 1))
    var entries: [MemoryEntry] = []
    try store.forEachEntry { entries.append($0) }
    #expect(entries.first?.variants(of: "ko").map(\.count) == [2])
  }

  @Test func wordFrequenciesFollowTheIndexAndAreBuiltByTheMigration() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    do {
      let store = try openStore(folder)
      _ = try store.addPage(
        document: "a", contentHash: "a",
        units: [
          unit("Shares rose 5% on Monday.", [("ko", "주가 상승.")]),
          unit("Shares fell on Tuesday, shares said.", [("ko", "주가 하락.")]),
          unit("Shares rose 5% on Monday.", [("ko", "주가 상승.")]),
        ])
    }
    let path = folder.file("tm.sqlite").path
    let query = """
      SELECT (SELECT count(*) FROM term_frequency),
             (SELECT count(*) FROM term_frequency f JOIN tu_vocabulary v ON v.term = f.term AND v.doc = f.units),
             (SELECT units FROM term_frequency WHERE term = 'shares')
      """
    var queue = try DatabaseQueue(path: path)
    var row = try #require(try queue.read { try Row.fetchOne($0, sql: query) })
    #expect(row[0] as Int == 8)  // shares rose 5 on monday fell tuesday said
    #expect(row[1] as Int == 8)
    #expect(row[2] as Int == 2)
    // A store from before the table existed gets it on the next writable open.
    try queue.write { db in
      try db.execute(sql: "DROP TABLE term_frequency")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-term-frequency'")
    }
    try queue.close()
    _ = try openStore(folder)
    queue = try DatabaseQueue(path: path)
    row = try #require(try queue.read { try Row.fetchOne($0, sql: query) })
    #expect(row[0] as Int == 8)  // shares rose 5 on monday fell tuesday said
    #expect(row[1] as Int == 8)
    try queue.close()
  }

  @Test func reAddingAPageIsANoOp() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder)
    let units = [unit("Profit rose.", [("ko", "이익이 늘었다.")])]
    _ = try store.addPage(document: "a.txt", contentHash: "same", units: units)
    #expect(try store.containsPage(contentHash: "same"))
    let again = try store.addPage(document: "a-copy.txt", contentHash: "same", units: units)
    #expect(again.skipped)
    #expect(try store.stats().occurrences == 2)
    // Reopening sees the same data (a second process, a resumed batch).
    let reopened = try openStore(folder)
    #expect(try reopened.addPage(document: "a.txt", contentHash: "same", units: units).skipped)
    #expect(try reopened.stats().pages == 1)
  }

  @Test func aFullDiskRollsBackTheWholePageAndKeepsEarlierPages() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder, maxPageCount: 40)
    var stored = 0
    var failure: (any Error)?
    for page in 0..<2000 {
      let units = (0..<10).map { index in
        unit(
          "Sentence \(index) of page \(page) says something long enough to fill pages \(String(repeating: "x", count: 200)).",
          [("ko", "문장 \(index) \(String(repeating: "가", count: 100))")], document: "p\(page)")
      }
      do {
        _ = try store.addPage(document: "p\(page)", contentHash: "hash-\(page)", units: units)
        stored += 1
      } catch {
        failure = error
        break
      }
    }
    let error = try #require(failure as? TMStoreError)
    #expect(error == .full(path: folder.file("tm.sqlite").path))
    #expect(error.description.contains("rolled back"))
    let stats = try store.stats()
    #expect(stats.pages == stored)
    #expect(stats.units == stored * 10)
    #expect(stats.variantsByLanguage["ko"] == stored * 10)
    #expect(try !store.containsPage(contentHash: "hash-\(stored)"))
  }

  @Test func aFileThatIsNotATranslationMemoryIsRefusedAndLeftAlone() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let text = folder.file("notes.sqlite")
    try Data("just some notes\n".utf8).write(to: text)
    let error = #expect(throws: TMStoreError.self) { try SQLiteTMStore(url: text) }
    #expect(
      error?.description
        == "\(text.path): not a wiretm translation memory (it is not an SQLite database); nothing was changed"
    )
    #expect(try String(contentsOf: text, encoding: .utf8) == "just some notes\n")

    let other = folder.file("other.sqlite")
    let queue = try DatabaseQueue(path: other.path)
    try queue.write {
      try $0.execute(
        sql: "CREATE TABLE customers(id INTEGER PRIMARY KEY); INSERT INTO customers VALUES (1)")
    }
    try queue.close()
    let otherError = #expect(throws: TMStoreError.self) { try SQLiteTMStore(url: other) }
    #expect(otherError?.description.contains("another application") == true)
    let check = try DatabaseQueue(path: other.path)
    #expect(try check.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM customers") } == 1)
    #expect(
      try check.read {
        try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'tu'")
      } == 0)
  }

  @Test func aReadOnlyStoreRefusesWritesAndKeepsItsData() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    do {
      let store = try openStore(folder)
      _ = try store.addPage(
        document: "a", contentHash: "h", units: [unit("Kept.", [("de", "Behalten.")])])
    }
    let readOnly = try SQLiteTMStore(url: folder.file("tm.sqlite"), options: .init(readOnly: true))
    let error = #expect(throws: TMStoreError.self) {
      try readOnly.addPage(
        document: "b", contentHash: "h2", units: [unit("New.", [("de", "Neu.")])])
    }
    #expect(error == .readOnly(path: folder.file("tm.sqlite").path))
    #expect(try readOnly.stats().units == 1)
    #expect(try readOnly.lookup("Kept.").first?.score == 100)
    let missing = #expect(throws: TMStoreError.self) {
      try SQLiteTMStore(url: folder.file("missing.sqlite"), options: .init(readOnly: true))
    }
    #expect(missing?.description.contains("no such file") == true)
  }

  @Test func importsTranslateToolkitTMXAndSkipsTheSameFileTwice() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder)
    let result = try store.importTMX(at: try fixture("tt-generated.tmx"))
    #expect(!result.skipped)
    #expect(result.read.entries == 3)
    #expect(result.added.newUnits == 3)
    #expect(try store.importTMX(at: try fixture("tt-generated.tmx")).skipped)
    let match = try #require(
      try store.lookup("Shares rose 4% in early trading on Monday.", language: "ko").first)
    #expect(match.score == 100)
    #expect(match.entry.variants(of: "ko").first?.text == "월요일 장 초반 주가는 4% 올랐다.")
    #expect(match.entry.variants(of: "ko").first?.documents == ["tt-generated.tmx"])
  }

  @Test func malformedOrHostileTMXChangesNothing() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder)
    _ = try store.importTMX(at: try fixture("tt-generated.tmx"))
    let before = try store.stats()
    for name in ["malformed.tmx", "xxe-file.tmx", "billion-laughs.tmx"] {
      #expect(throws: TMXReadError.self) { try store.importTMX(at: try fixture(name)) }
    }
    #expect(try store.stats() == before)
  }

  @Test func exportImportExportIsLossless() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder, "first.sqlite")
    _ = try store.addPage(
      document: "a", contentHash: "a",
      units: [
        unit(
          "Sales rose.", [("ko", "매출이 늘었다."), ("fr", "Les ventes ont augmenté.")], document: "a"),
        unit("Lost \u{FFFD} part.", [("de", "Verloren.")], document: "a", repairs: ["html-entity"]),
      ])
    _ = try store.addPage(
      document: "b", contentHash: "b",
      units: [unit("Sales rose.", [("ko", "매출이 증가했다.")], document: "b", confidence: 0.5)])
    let firstExport = folder.file("first.tmx")
    try store.export(format: .tmx, to: firstExport)
    let copy = try openStore(folder, "second.sqlite")
    _ = try copy.importTMX(at: firstExport)
    let secondExport = folder.file("second.tmx")
    try copy.export(format: .tmx, to: secondExport)
    let first = try String(contentsOf: firstExport, encoding: .utf8)
    #expect(first == (try String(contentsOf: secondExport, encoding: .utf8)))
    #expect(first.contains("x-alternative"))
    if let errors = try xmllintErrors(firstExport, dtd: try fixture("tmx14.dtd")) {
      #expect(errors == "", "xmllint: \(errors)")
    } else {
      print("SKIPPED DTD check: xmllint not installed (apt-get install libxml2-utils)")
    }
  }

  @Test func exportsPairsAsTSVAndJSONL() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder)
    _ = try store.addPage(
      document: "a", contentHash: "a",
      units: [unit("One.", [("ko", "하나."), ("de", "Eins.")]), unit("Two.", [("de", "Zwei.")])])
    let tsv = folder.file("pairs.tsv")
    try store.export(
      format: .tsv, to: tsv, options: TMExportOptions(pair: LanguagePair(parsing: "en-ko")))
    #expect(try String(contentsOf: tsv, encoding: .utf8) == "One.\t하나.\n")
    #expect(throws: TMStoreError.pairRequired(format: "TSV")) {
      try store.export(format: .tsv, to: tsv)
    }
    let jsonl = folder.file("pairs.jsonl")
    let report = try store.export(
      format: .jsonl, to: jsonl, options: TMExportOptions(languages: ["de"]))
    #expect(report.units == 2)
  }

  @Test func lookupFindsExactAndFuzzyMatchesBestFirst() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try openStore(folder)
    _ = try store.addPage(
      document: "a", contentHash: "a",
      units: [
        unit(
          "Revenue rose 6% to $1.4 billion in the third quarter.",
          [("ko", "3분기 매출은 6% 증가한 14억 달러였다.")]),
        unit(
          "Revenue rose 8% to $1.9 billion in the fourth quarter.",
          [("de", "Der Umsatz stieg im vierten Quartal um 8 %.")]),
        unit("The board approved a dividend.", [("ko", "이사회는 배당을 승인했다.")]),
      ])
    let matches = try store.lookup(
      "Revenue rose 6% to $1.4 billion in the third quarter.", language: nil, minScore: 50,
      limit: 10)
    #expect(matches.map(\.score) == [100, 76])
    let fuzzy = try store.lookup(
      "Revenue rose 7% to $1.4 billion in the third quarter.", language: nil, minScore: 70,
      limit: 10)
    #expect(fuzzy.first?.score == 92)  // 1 of 13 tokens changed
    #expect(
      fuzzy.first?.entry.english.text == "Revenue rose 6% to $1.4 billion in the third quarter.")
    let korean = try store.lookup(
      "Revenue rose 8% to $1.9 billion in the fourth quarter.", language: "ko", minScore: 50,
      limit: 10)
    #expect(korean.map(\.score) == [76])
    #expect(korean.first?.entry.languages == ["ko"])
    #expect(
      try store.lookup("Nothing like it at all.", language: nil, minScore: 70, limit: 10).isEmpty)
  }
}
