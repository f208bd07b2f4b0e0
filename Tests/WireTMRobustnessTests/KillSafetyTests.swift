import Foundation
import GRDB
import Testing
import _WireTMTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `kill -9` in the middle of `wiretm build --tm`: the store must open, pass SQLite's integrity
/// check, hold only complete pages, and a re-run must finish it to exactly a clean run's
/// content. This is the small in-test version (10 kill points); `scripts/killloop.py` runs the
/// long one (≥ 100 kill points) and also kills `build -o`. Until the language-ID model is in,
/// pages give no units, so `importSurvivesKillNine` covers the write of many units per transaction.
@Suite(.serialized) struct KillSafetyTests {
  /// Distinct pages made from the repository's seeds: digits permuted and the brand renamed per
  /// copy, so each page has its own content hash and sentences.
  static func generatePages(count: Int, into folder: URL) throws {
    let bases = try ["seeds", "Fixtures/pages"].flatMap { name in
      let directory = repositoryRoot.appendingPathComponent(name)
      return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        // Templates in other encodings (Fixtures/pages/cp1252_encoded.txt) are left out.
        .compactMap { String(data: try Data(contentsOf: directory.appendingPathComponent($0)), encoding: .utf8) }
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var generator = SeededGenerator(seed: 7)
    for index in 0..<count {
      var digits = Array("0123456789")
      digits.shuffle(using: &generator)
      var text = String(bases[index % bases.count].map { $0.isASCII && $0.isNumber ? digits[Int(String($0))!] : $0 })
      let brand = text.prefix { $0.isLetter }
      if brand.count >= 3, brand.first!.isUppercase {
        text = text.replacingOccurrences(of: String(brand), with: "Quo\(Self.letters(index))ix")
      }
      try Data(text.utf8).write(to: folder.appendingPathComponent(String(format: "page-%04d.txt", index)))
    }
  }

  static func letters(_ index: Int) -> String {
    String((0..<3).map { Character(UnicodeScalar(UInt8(97 + (index / Int(pow(26.0, Double($0)))) % 26))) })
  }

  /// document → (units recorded for the page, sightings stored for it).
  static func pageCounts(_ store: URL) throws -> [String: [Int]] {
    let queue = try DatabaseQueue(path: store.path)
    return try queue.read { db in
      var counts: [String: [Int]] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT document, units, (SELECT count(*) FROM occurrence o WHERE o.page_id = page.id) AS sightings FROM page")
      for row in rows { counts[row["document"]] = [row["units"], row["sightings"]] }
      return counts
    }
  }

  static func integrity(_ store: URL) throws -> String {
    try DatabaseQueue(path: store.path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") ?? "" }
  }

  /// Starts `wiretm` and kills it with SIGKILL after `delay` seconds; true if it was killed.
  static func runKilled(_ arguments: [String], after delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = wiretmBinary
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(delay)
    while process.isRunning && Date() < deadline { usleep(5_000) }
    guard process.isRunning else { return false }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return true
  }

  @Test func storeSurvivesKillNine() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let pages = directory.appendingPathComponent("pages")
    try Self.generatePages(count: 60, into: pages)

    let clean = directory.appendingPathComponent("clean.sqlite")
    let started = Date()
    let reference = try runWiretm(["build", pages.path, "--tm", clean.path, "-q"])
    #expect(reference.status == 0, "\(reference.stderr)")
    let cleanTime = Date().timeIntervalSince(started)
    let expected = try Self.pageCounts(clean)
    #expect(expected.count == 60)

    let store = directory.appendingPathComponent("store.sqlite")
    var generator = SeededGenerator(seed: 11)
    var kills = 0
    var attempts = 0
    while kills < 10 && attempts < 40 {
      attempts += 1
      let delay = Double.random(in: 0.05...max(0.1, cleanTime), using: &generator)
      guard try Self.runKilled(["build", pages.path, "--tm", store.path, "-q"], after: delay) else {
        // The run finished: start again from an empty store so later kills land mid-batch.
        #expect(try Self.pageCounts(store) == expected)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
        continue
      }
      kills += 1
      guard FileManager.default.fileExists(atPath: store.path) else { continue }
      let stats = try runWiretm(["tm", "stats", "--tm", store.path])
      #expect(stats.status == 0, "after kill \(kills): the store does not open: \(stats.stderr)")
      #expect(try Self.integrity(store) == "ok", "after kill \(kills)")
      for (document, counts) in try Self.pageCounts(store) {
        #expect(expected[document] == counts, "after kill \(kills): \(document) is incomplete: \(counts)")
      }
    }
    #expect(kills > 0, "no run was slow enough to be killed")
    let rerun = try runWiretm(["build", pages.path, "--tm", store.path, "-q"])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(try Self.pageCounts(store) == expected)
    let exported = try runWiretm(["tm", "export", "--tm", store.path, "--format", "tmx", "-o", "-"])
    let cleanExport = try runWiretm(["tm", "export", "--tm", clean.path, "--format", "tmx", "-o", "-"])
    #expect(exported.stdout == cleanExport.stdout, "the completed store differs from a clean run")
  }

  /// `build -o` killed at random moments leaves the previous file or the complete new one.
  @Test func killedBuildNeverLeavesAPartialOutput() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let pages = directory.appendingPathComponent("pages")
    try Self.generatePages(count: 40, into: pages)
    let output = directory.appendingPathComponent("out.tmx")
    let started = Date()
    let reference = try runWiretm(["build", pages.path, "-o", output.path, "-q"])
    #expect(reference.status == 0, "\(reference.stderr)")
    let cleanTime = Date().timeIntervalSince(started)
    let complete = try Data(contentsOf: output)
    let previous = Data("previous file\n".utf8)
    var generator = SeededGenerator(seed: 3)
    for _ in 0..<5 {
      try previous.write(to: output)
      _ = try Self.runKilled(
        ["build", pages.path, "-o", output.path, "-q"], after: Double.random(in: 0.05...max(0.1, cleanTime), using: &generator))
      let content = try Data(contentsOf: output)
      #expect(content == previous || content == complete, "a partial file of \(content.count) bytes was left")
    }
  }

  /// TMX files of `units` units each (en, de, fr), every file with its own sentences.
  static func generateTMX(files: Int, units: Int, into folder: URL) throws -> [String] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try (0..<files).map { file in
      var tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="gen" creationtoolversion="1" segtype="sentence" \
        o-tmf="gen" adminlang="en" srclang="en" datatype="plaintext"/><body>

        """
      for unit in 0..<units {
        tmx += "<tu><tuv xml:lang=\"en\"><seg>File \(file) sentence \(unit): revenue rose \(unit % 97)%.</seg></tuv>"
        tmx += "<tuv xml:lang=\"de\"><seg>Datei \(file) Satz \(unit): Umsatz stieg um \(unit % 97) %.</seg></tuv>"
        tmx += "<tuv xml:lang=\"fr\"><seg>Fichier \(file) phrase \(unit) : hausse de \(unit % 97) %.</seg></tuv></tu>\n"
      }
      tmx += "</body></tmx>\n"
      let url = folder.appendingPathComponent(String(format: "file-%03d.tmx", file))
      try Data(tmx.utf8).write(to: url)
      return url.path
    }
  }

  /// `tm import` of many files (one transaction per file, many units each) killed at random
  /// moments: only whole files are in the store, and a re-run completes it to a clean import.
  @Test func importSurvivesKillNine() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let files = try Self.generateTMX(files: 12, units: 200, into: directory.appendingPathComponent("tmx"))
    let clean = directory.appendingPathComponent("clean.sqlite")
    let started = Date()
    let reference = try runWiretm(["tm", "import", "--tm", clean.path] + files)
    #expect(reference.status == 0, "\(reference.stderr)")
    let cleanTime = Date().timeIntervalSince(started)
    let expected = try Self.pageCounts(clean)
    #expect(expected.values.allSatisfy { $0 == [200, 600] }, "\(expected)")

    let store = directory.appendingPathComponent("store.sqlite")
    var generator = SeededGenerator(seed: 5)
    for kill in 1...5 {
      let delay = Double.random(in: 0.02...max(0.05, cleanTime), using: &generator)
      guard try Self.runKilled(["tm", "import", "--tm", store.path] + files, after: delay) else { continue }
      guard FileManager.default.fileExists(atPath: store.path) else { continue }
      #expect(try Self.integrity(store) == "ok", "after kill \(kill)")
      for (document, counts) in try Self.pageCounts(store) {
        #expect(expected[document] == counts, "after kill \(kill): \(document) holds \(counts)")
      }
    }
    let rerun = try runWiretm(["tm", "import", "--tm", store.path] + files)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(try Self.pageCounts(store) == expected)
    let exported = try runWiretm(["tm", "export", "--tm", store.path, "--format", "tmx", "-o", "-"])
    let cleanExport = try runWiretm(["tm", "export", "--tm", clean.path, "--format", "tmx", "-o", "-"])
    #expect(exported.stdout == cleanExport.stdout, "the completed store differs from a clean import")
  }
}
