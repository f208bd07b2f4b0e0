import Foundation

/// A damage case from `Fixtures/synthetic-cases.jsonl` (written by
/// scripts/mojibake/generate.py): the broken text, the expected repair and its family.
struct DamageCase: Decodable, Sendable {
  var id: String
  var kind: String
  var broken: String
  var fixed: String
  var lossy: Bool
  /// The text with `--restore-quotes` where the generator knows it (a lost closing ”).
  var restored: String?

  static let all: [DamageCase] = {
    guard
      let url = Bundle.module.url(
        forResource: "synthetic-cases", withExtension: "jsonl", subdirectory: "Fixtures"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return [] }
    let decoder = JSONDecoder()
    return text.split(separator: "\n").compactMap {
      try? decoder.decode(DamageCase.self, from: Data($0.utf8))
    }
  }()

  /// Families the repairer must repair without loss (all but the lossy ones).
  static let lossyKinds: Set<String> = Set([
    "lossy-sloppy-windows-1252", "lossy-dropped-quote", "partial-dropped-quote",
  ]).union(doubleByteKinds)

  /// UTF-8 read as a double-byte code page with U+FFFD for what it could not map, whole
  /// lines and one broken span: partly recoverable, the rest lossy.
  static let doubleByteKinds: Set<String> = [
    "utf8-as-cp949", "utf8-as-cp932", "utf8-as-gbk",
    "partial-utf8-as-cp949", "partial-utf8-as-cp932", "partial-utf8-as-gbk",
  ]
}

/// The clean multilingual corpus: lines that must come back byte-identical.
enum CleanCorpus {
  static let lines: [String] = {
    guard
      let url = Bundle.module.url(
        forResource: "clean-multilingual", withExtension: "txt", subdirectory: "Fixtures"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return [] }
    return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }()
}
