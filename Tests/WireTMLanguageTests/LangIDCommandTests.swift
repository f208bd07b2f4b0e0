import Foundation
import Testing
import _WireTMTestSupport
import WireTMLanguage

/// The `wiretm` built beside this test target's resource bundle (SwiftPM puts products and
/// resource bundles in one folder), else the shared helper's guess.
let builtWiretm: URL = {
  let beside = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("wiretm")
  return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : wiretmBinary
}()

/// Runs the built `wiretm` with arguments and stdin; returns exit status, stdout, stderr.
func runWiretm(_ arguments: [String], stdin: String) throws -> (status: Int32, out: String, err: String) {
  let process = Process()
  process.executableURL = builtWiretm
  process.arguments = arguments
  let input = Pipe()
  let output = Pipe()
  let error = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = error
  try process.run()
  input.fileHandleForWriting.write(Data(stdin.utf8))
  try input.fileHandleForWriting.close()
  let out = output.fileHandleForReading.readDataToEndOfFile()
  let err = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)
  )
}

@Suite struct LangIDCommandTests {
  @Test func oneCodePerLineInOrder() throws {
    let rows = try fixtureRows("seed-000-paragraphs")
    let input = rows.map { $0[1] }.joined(separator: "\n") + "\n"
    let result = try runWiretm(["langid", "--langs", "en,it,es,ko,fr,de"], stdin: input)
    #expect(result.status == 0)
    #expect(
      result.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        == rows.map { $0[0] })
  }

  @Test func emptyLinesAndCRLFKeepTheLineCount() throws {
    let result = try runWiretm(["langid"], stdin: "Guten Morgen und willkommen\r\n\n12 345\nlast line")
    #expect(result.out == "de\nund\nund\nen\n")
  }

  @Test func jsonCarriesConfidenceAndScript() throws {
    let result = try runWiretm(
      ["langid", "--json", "--langs", "ko,en"], stdin: "NKGen Biotech (OTC: NKGN) 소개\n")
    #expect(result.out.hasPrefix("{\"lang\":\"ko\",\"confidence\":"))
    #expect(result.out.hasSuffix(",\"script\":\"Hang\"}\n"))
  }

  @Test func unknownCodesAreAUsageError() throws {
    let result = try runWiretm(["langid", "--langs", "en,xx"], stdin: "hello\n")
    #expect(result.status == 64)
    #expect(result.err.contains("unknown language code xx; known: "))
    #expect(result.out.isEmpty)
  }

  @Test func unreadableFileNamesTheFile() throws {
    let result = try runWiretm(["langid", "/nonexistent/lines.txt"], stdin: "")
    #expect(result.status == 1)
    #expect(result.err.contains("cannot read /nonexistent/lines.txt"))
  }
}

@Suite struct LangIDHelpTests {
  /// The help text lists the Latin model's languages from a literal (so that start-up does
  /// not load the model); it must name exactly the languages the model holds.
  @Test func helpNamesTheModelsLatinLanguages() throws {
    let result = try runWiretm(["langid", "--help"], stdin: "")
    #expect(result.status == 0)
    let words = result.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let listed = "model of " + LanguageIdentifier.latinLanguages.joined(separator: " ") + ". Tickers"
    #expect(words.contains(listed))
  }
}
