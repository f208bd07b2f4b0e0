import Foundation
import Testing
import WireTM
import _WireTMTestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What the writers produce is always well-formed, whatever the memory holds: TMX is XML 1.0
/// with every forbidden character removed (and the removal reported), TSV has exactly one tab
/// and one line end per pair.
@Suite struct WriterInvariantTests {
  /// C0 controls (all but tab, LF, CR are forbidden in XML 1.0), DEL and C1 (allowed but
  /// discouraged), U+FFFE/U+FFFF (forbidden), markup characters and line separators.
  static let hostilePieces: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
    + ["\u{7F}", "\u{85}", "\u{9F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{2028}", "\u{2029}", "<", ">", "&", "\"", "'", "]]>", "&amp;", "\u{1FFFE}", "\u{10FFFF}"]

  static func hostileEntries() -> [MemoryEntry] {
    hostilePieces.enumerated().map { index, piece in
      let english = MemoryVariant(
        language: "en", text: "Sentence \(index) holds [\(piece)] here.", repairs: ["r\(piece)"],
        documents: ["doc\(piece).txt"])
      let german = MemoryVariant(
        language: "de", text: "Satz \(index) enthält [\(piece)] hier.", confidence: 0.5,
        documents: ["doc\(piece).txt"])
      let alternative = MemoryVariant(language: "de", text: "Satz \(index), anders [\(piece)].", confidence: 0.25)
      return MemoryEntry(english: english, translations: [german, alternative])
    }
  }

  @Test func tmxNeverHoldsForbiddenCharactersAndReportsRemovals() throws {
    let entries = Self.hostileEntries()
    let (tmx, report) = TMXWriter().string(entries)
    let forbidden = tmx.unicodeScalars.filter(isForbiddenInXML)
    #expect(forbidden.isEmpty, "forbidden characters written: \(forbidden.map { String($0.value, radix: 16) })")
    #expect(report.removedCharacters > 0)
    #expect(tmx.contains(TMXWriter.removedCharactersRepair), "the removal is not recorded on the variants")
    #expect(report.units == entries.count, "units were lost: \(report.units) of \(entries.count)")
  }

  @Test func tmxParsesAsXML() throws {
    let (tmx, _) = TMXWriter().string(Self.hostileEntries())
    #if canImport(FoundationXML) || canImport(Darwin)
      let parser = XMLParser(data: Data(tmx.utf8))
      parser.shouldResolveExternalEntities = false
      #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
    #endif
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("hostile.tmx")
    try Data(tmx.utf8).write(to: url)
    if let accepted = try xmllintAccepts(url) { #expect(accepted, "xmllint rejects the TMX") }
  }

  @Test func tmxReadsBackWithTheSameUnits() throws {
    let entries = Self.hostileEntries()
    let (tmx, _) = TMXWriter().string(entries)
    var read: [MemoryEntry] = []
    _ = try TMXReader().read(data: Data(tmx.utf8), name: "hostile.tmx") { read.append($0) }
    #expect(read.count == entries.count)
    for entry in read {
      #expect(!entry.english.text.unicodeScalars.contains(where: isForbiddenInXML))
      #expect(entry.translations.count == 2, "an alternative translation was lost")
    }
  }

  @Test func tsvHasOneTabAndOneLineEndPerPair() {
    let entries = Self.hostileEntries()
    var out = ""
    let report = TSVWriter().write(entries, pair: LanguagePair(source: "en", target: "de"), to: &out)
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(out.hasSuffix("\n"))
    #expect(lines.count == report.units, "\(lines.count) lines for \(report.units) pairs")
    #expect(report.units == entries.count * 2)
    for line in lines {
      #expect(line.utf8.filter { $0 == 0x09 }.count == 1, "a field holds a tab: \(line.debugDescription)")
      #expect(!line.utf8.contains(0x0D), "a field holds a CR: \(line.debugDescription)")
      #expect(!line.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" },
              "a field holds a Unicode line break: \(line.debugDescription)")
    }
  }

  @Test func jsonlHasOneValidObjectPerLine() throws {
    var out = ""
    let entries = Self.hostileEntries()
    _ = JSONLWriter().write(entries, pair: LanguagePair(source: "en", target: "de"), to: &out)
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == entries.count * 2)
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      #expect(object is [String: Any], "not a JSON object: \(line)")
    }
  }
}

