import Foundation
import Testing
import WireTM
import _WireTMTestSupport

/// Hostile XML given to `TMXReader` and `wiretm tm import`: every file must be refused with a
/// clear error naming the file, nothing may be added to the store, and nothing may be fetched
/// or expanded (the fixtures' README lists the attacks).
@Suite struct HostileTMXTests {
  static let hostileFixtures = [
    "xxe-file.tmx", "xxe-http.tmx", "xxe-public.tmx", "xxe-utf16.tmx", "billion-laughs.tmx",
    "parameter-entity-remote.tmx", "parameter-entity-oob.tmx", "external-dtd-http.tmx",
    "external-dtd-local.tmx", "parameter-entity-reference.tmx",
  ]

  @Test(arguments: hostileFixtures)
  func readerRefusesWithAnErrorNamingTheFile(_ name: String) throws {
    let url = try fixtureURL(name)
    var entries: [MemoryEntry] = []
    do {
      _ = try TMXReader().read(contentsOf: url) { entries.append($0) }
      Issue.record("\(name) was read: \(entries.map(\.english.text))")
    } catch let error as TMXReadError {
      #expect(error.description.contains(name), "\(error)")
      #expect(error.message.contains("entit"), "the message should say entities are refused: \(error)")
    }
    #expect(entries.allSatisfy { !$0.english.text.contains("root:") })
  }

  @Test(arguments: hostileFixtures)
  func importAddsNothingToTheStore(_ name: String) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteTMStore(url: directory.appendingPathComponent("tm.sqlite"))
    let before = try store.stats()
    #expect(throws: (any Error).self) { try store.importTMX(at: try fixtureURL(name)) }
    let after = try store.stats()
    #expect(after.pages == before.pages && after.units == before.units && after.occurrences == before.occurrences)
  }

  @Test(arguments: hostileFixtures)
  func cliRefusesWithOneLineAndExitStatus(_ name: String) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = directory.appendingPathComponent("tm.sqlite").path
    let file = try fixtureURL(name).path
    let result = try runWiretm(["tm", "import", "--tm", store, file])
    #expect(result.status != 0)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    #expect(result.stderr.contains(file), "\(result.stderr)")
    #expect(!result.stdout.contains("root:"))
    let stats = try runWiretm(["tm", "stats", "--tm", store, "--json"])
    #expect(stats.stdout.contains("\"units\" : 0"), "\(stats.stdout)")
  }

  /// XInclude is not part of XML 1.0: the element is unknown markup inside <seg>, never fetched.
  @Test func xincludeIsNeverFollowed() throws {
    var texts: [String] = []
    _ = try TMXReader().read(contentsOf: try fixtureURL("xinclude.tmx")) { texts.append($0.english.text) }
    #expect(texts.count <= 1)
    #expect(texts.allSatisfy { !$0.contains("root:") })
  }

  /// One internal entity referenced many times ("quadratic blowup") is refused like any entity.
  @Test func quadraticBlowupIsRefused() throws {
    let tmx = Self.document(
      doctype: "<!DOCTYPE tmx [<!ENTITY a \"\(String(repeating: "x", count: 100_000))\">]>",
      english: String(repeating: "&a;", count: 1000))
    #expect(throws: TMXReadError.self) { try TMXReader().read(data: Data(tmx.utf8), name: "quadratic.tmx") { _ in } }
  }

  /// Deep nesting must not overflow the stack: the reader is iterative. Whatever the outcome
  /// (read or refused), it must return.
  @Test func deepNestingReturns() throws {
    let depth = 200_000
    let english = String(repeating: "<hi>", count: depth) + "deep" + String(repeating: "</hi>", count: depth)
    let tmx = Self.document(doctype: "", english: english)
    var texts: [String] = []
    do {
      _ = try TMXReader().read(data: Data(tmx.utf8), name: "deep.tmx") { texts.append($0.english.text) }
    } catch let error as TMXReadError {
      #expect(error.description.contains("deep.tmx"))
    }
    #expect(texts.allSatisfy { $0 == "deep" })
  }

  /// A declaration of an encoding the reader does not decode is refused, not guessed.
  @Test func foreignEncodingDeclarationIsRefusedOrReadAsDeclared() throws {
    let tmx = Self.document(doctype: "", english: "+ADw-script+AD4-", declaration: "<?xml version=\"1.0\" encoding=\"UTF-7\"?>")
    do {
      var texts: [String] = []
      _ = try TMXReader().read(data: Data(tmx.utf8), name: "utf7.tmx") { texts.append($0.english.text) }
      #expect(texts.allSatisfy { !$0.contains("<script>") })
    } catch let error as TMXReadError {
      #expect(error.description.contains("utf7.tmx"))
    }
  }

  static func document(doctype: String, english: String, declaration: String = "<?xml version=\"1.0\"?>") -> String {
    """
    \(declaration)
    \(doctype)
    <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" \
    adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>\(english)</seg></tuv>\
    <tuv xml:lang="de"><seg>Hallo.</seg></tuv></tu></body></tmx>
    """
  }
}
