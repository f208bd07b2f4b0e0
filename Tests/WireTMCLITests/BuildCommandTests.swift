import Foundation
import Testing
import _WireTMTestSupport

@Suite struct BuildCommandTests {
  /// The five English summary sentences of the first seed page, the keys of its TUs.
  static let seedSentences = [
    "NKGen Biotech (OTC: NKGN) has formed a strategic partnership with HekaBio to accelerate the development and commercialization of troculeucel, their autologous NK cell therapy, in Japan.",
    "The partnership follows HekaBio's recent equity investment in NKGen.",
    "HekaBio will spearhead clinical trials and regulatory activities in Japan for troculeucel, targeting neurodegenerative diseases including Alzheimer's and Parkinson's.",
    "Under Japan's Regenerative Medicine guidelines, which offer expedited commercialization paths, HekaBio aims to begin patient dosing within 12 months.",
    "The therapy shows potential for both treating intractable neurodegenerative diseases and supporting Japan's aging population in the longevity/wellness space.",
  ]

  func englishSegments(_ tmx: String) -> [String] {
    tmx.components(separatedBy: "<tuv xml:lang=\"en\">").dropFirst().compactMap { part in
      guard let start = part.range(of: "<seg>"), let end = part.range(of: "</seg>") else { return nil }
      return String(part[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&apos;", with: "'")
    }
  }

  @Test func seedsBecomeFiveUnitsInEveryLanguage() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("seeds.tmx")
    // Run from the repository so the documents are named "seeds/…" whatever the clone's path.
    let result = try runWiretm(["build", "seeds", "-o", output.path], in: repositoryRoot)
    #expect(result.status == 0, "\(result.stderr)")
    let tmx = try String(contentsOf: output, encoding: .utf8)
    #expect(englishSegments(tmx) == Self.seedSentences)
    let units = tmx.components(separatedBy: "<tu ").dropFirst()
    #expect(units.count == 5)
    for unit in units {
      for language in ["it", "es", "ko", "fr", "de"] {
        #expect(unit.contains("<tuv xml:lang=\"\(language)\">"), "a unit lacks \(language)")
      }
    }
    // The Korean lossy damage is kept as it is and the units say so.
    #expect(tmx.contains("\u{FFFD}"))
    #expect(tmx.contains("<prop type=\"x-lossy\">"))
    try assertSnapshot(tmx, named: "seeds.tmx")
  }

  @Test func tmxIsValidAgainstTheDTD() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
      Issue.record("xmllint is missing: apt-get install libxml2-utils")
      return
    }
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("all.tmx")
    let result = try runWiretm([
      "build", repositoryRoot.appendingPathComponent("seeds").path,
      repositoryRoot.appendingPathComponent("Fixtures/pages").path, "-o", output.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    check.arguments = [
      "--noout", "--dtdvalid", repositoryRoot.appendingPathComponent("Fixtures/tmx14.dtd").path, output.path,
    ]
    try check.run()
    check.waitUntilExit()
    #expect(check.terminationStatus == 0)
  }

  @Test func developmentPagesGiveTheExpectedUnits() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("pages.jsonl")
    let pages = repositoryRoot.appendingPathComponent("Fixtures/pages")
    for (page, units, languages) in [
      ("helixa_shuffled_blocks.txt", 3, ["de", "fr", "ko", "es"]),
      ("kestrel_merged_paragraphs.txt", 3, ["es", "de"]),
      ("orbital_repeats_boilerplate.txt", 3, ["it", "fr"]),
      ("interleaved_paragraphs.txt", 2, ["fr", "de"]),
      ("cp1252_encoded.txt", 2, ["es", "fr"]),
    ] {
      let result = try runWiretm(["build", pages.appendingPathComponent(page).path, "--jsonl", output.path, "-q"])
      #expect(result.status == 0, "\(page): \(result.stderr)")
      let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
      #expect(lines.count == units, "\(page)")
      for line in lines {
        for language in languages { #expect(line.contains("\"\(language)\":"), "\(page): \(line)") }
      }
    }
  }

  @Test func englishOnlyPageGivesNoUnits() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("out.tmx")
    let page = repositoryRoot.appendingPathComponent("Fixtures/pages/english_only.txt")
    let result = try runWiretm(["build", page.path, "-o", output.path])
    #expect(result.status == 0)
    #expect(!(try String(contentsOf: output, encoding: .utf8)).contains("<tu "))
    #expect(result.stderr.contains("1 pages, 0 failed"))
  }

  @Test func badFileInADirectoryIsReportedAndSkipped() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let pages = directory.appendingPathComponent("pages")
    try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: repositoryRoot.appendingPathComponent("seeds/000_aed1e95bd92afcad.txt"),
      to: pages.appendingPathComponent("good.txt"))
    try Data([0x00, 0x01, 0x02, 0xFF, 0x00]).write(to: pages.appendingPathComponent("bad.bin"))
    _ = FileManager.default.createFile(atPath: pages.appendingPathComponent("empty.txt").path, contents: Data())
    let output = directory.appendingPathComponent("out.tmx")
    let result = try runWiretm(["build", pages.path, "-o", output.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(pages.path)/bad.bin: binary data"))
    #expect(result.stderr.contains("\(pages.path)/empty.txt: empty file"))
    #expect(try String(contentsOf: output, encoding: .utf8).components(separatedBy: "<tu ").count - 1 == 5)
  }

  @Test func nothingToWriteIsAUsageError() throws {
    let result = try runWiretm(["build", "seeds"], in: repositoryRoot)
    #expect(result.status == 64)
    #expect(result.stderr.contains("nothing to write"))
  }

  @Test func storeMakesReRunsNoOps() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = directory.appendingPathComponent("tm.sqlite").path
    let seeds = repositoryRoot.appendingPathComponent("seeds").path
    let first = try runWiretm(["build", seeds, "--tm", store])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("units: 5 new"))
    let second = try runWiretm(["build", seeds, "--tm", store])
    #expect(second.stderr.contains("3 already in the store"))
    #expect(second.stderr.contains("units: 0 new, 0 merged"))
  }
}
