import Foundation
import GRDB
import Testing
import _WireTMTestSupport

@testable import WireTMMemory

/// A batch killed with SIGKILL mid-run leaves a consistent store: every committed file complete,
/// no half file, and running the batch again completes it.
@Suite struct KilledBatchTests {
  static let files = 300
  static let unitsPerFile = 40

  /// Writes `files` TMX files of distinct English sentences; file i holds "File i sentence j …".
  func writeBatch(in folder: TemporaryFolder) throws -> [URL] {
    try (0..<Self.files).map { file in
      var memory = TranslationMemory()
      for index in 0..<Self.unitsPerFile {
        memory.add(
          unit(
            "File \(file) sentence \(index) about quarterly revenue and margins.",
            [("ko", "파일 \(file) 문장 \(index).")], document: "f\(file)"))
      }
      let url = folder.file(String(format: "batch-%03d.tmx", file))
      try memory.export(format: .tmx, to: url)
      return url
    }
  }

  @Test func aKilledImportLeavesOnlyWholeFilesAndResumes() throws {
    // The built products sit beside this test target's resource bundle.
    let beside = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent(
      "wiretm")
    let binary = FileManager.default.isExecutableFile(atPath: beside.path) ? beside : wiretmBinary
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      print("SKIPPED killed-batch test: the wiretm binary is not built at \(binary.path)")
      return
    }
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let files = try writeBatch(in: folder)
    let storeURL = folder.file("tm.sqlite")

    let process = Process()
    process.executableURL = binary
    process.arguments = ["tm", "import", "--tm", storeURL.path] + files.map(\.path)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill it once some files are in, well before all are.
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      if let pages = try? committedPages(storeURL), pages >= 5 { break }
      usleep(2_000)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()

    let store = try SQLiteTMStore(url: storeURL)
    let pool = try DatabaseQueue(path: storeURL.path)
    #expect(try pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    let committed = try pool.read { db in
      try String.fetchAll(db, sql: "SELECT document FROM page").map {
        URL(fileURLWithPath: $0).lastPathComponent
      }
    }
    #expect(committed.count >= 5)
    for (file, url) in files.enumerated() {
      let stored = try pool.read { db in
        try Int.fetchOne(
          db, sql: "SELECT count(*) FROM tu WHERE key LIKE ?",
          arguments: ["File \(file) sentence %"]) ?? 0
      }
      let expected = committed.contains(url.lastPathComponent) ? Self.unitsPerFile : 0
      #expect(stored == expected, "file \(file): \(stored) units stored, expected \(expected)")
    }
    try pool.close()

    // Running the same batch again adds exactly the missing files.
    for url in files { _ = try store.importTMX(at: url) }
    let stats = try store.stats()
    #expect(stats.pages == Self.files)
    #expect(stats.units == Self.files * Self.unitsPerFile)
    #expect(stats.variantsByLanguage["ko"] == Self.files * Self.unitsPerFile)
  }

  private func committedPages(_ url: URL) throws -> Int {
    guard FileManager.default.fileExists(atPath: url.path) else { return 0 }
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: url.path, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM page") } ?? 0
  }
}
