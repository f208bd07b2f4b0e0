import Foundation
import Testing

@testable import WireTMMemory

/// A fixture file shipped with the tests.
func fixture(_ name: String) throws -> URL {
  let dot = name.lastIndex(of: ".")!
  let url = Bundle.module.url(
    forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
    subdirectory: "Fixtures")
  return try #require(url, "fixture \(name) missing")
}

/// A fresh temporary folder, removed by the caller with `cleanUp()`.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wiretm-memory-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// A unit as the pipeline makes it: English plus translations, with provenance.
func unit(
  _ english: String, _ translations: [(String, String)], document: String = "doc-1",
  confidence: Double = 0.9,
  repairs: [String] = []
) -> TranslationUnit {
  TranslationUnit(
    english: Variant(
      language: "en", text: english,
      provenance: Provenance(document: document, paragraph: 1, start: 0, end: english.count)),
    translations: translations.map { language, text in
      Variant(
        language: language, text: text, confidence: confidence, lossy: text.contains("\u{FFFD}"),
        repairs: repairs,
        provenance: Provenance(document: document, paragraph: 2, start: 10, end: 10 + text.count))
    })
}

/// Runs `xmllint --noout --nonet --dtdvalid DTD FILE`; `nil` when xmllint is not installed.
func xmllintErrors(_ file: URL, dtd: URL) throws -> String? {
  let candidates = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
  guard
    let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
  else {
    return nil
  }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = ["--noout", "--nonet", "--dtdvalid", dtd.path, file.path]
  let errors = Pipe()
  process.standardError = errors
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  let output = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let text = String(decoding: output, as: UTF8.self)
  // xmllint warns that the DOCTYPE's own "tmx14.dtd" is not beside the file; --dtdvalid still
  // validates against the given DTD, and the exit status tells the result.
  return process.terminationStatus == 0 ? "" : text
}
