import Foundation
import Testing
import _WireTMTestSupport

@Suite struct CleanCommandTests {
  @Test func cleansASeedPageKeepingLostCharactersMarked() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("clean.txt")
    let seed = repositoryRoot.appendingPathComponent("seeds/000_aed1e95bd92afcad.txt")
    let result = try runWiretm(["clean", seed.path, "-o", output.path, "--explain"])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(text.hasPrefix("NKGen Biotech and HekaBio Enter Strategic Partnership"))
    #expect(text.contains("NKGen Biotech (OTC: NKGN)\u{FFFD} 일본에서"))
    #expect(result.stderr.contains("encoding UTF-8"))
    #expect(result.stderr.contains("characters lost (U+FFFD)"))
  }

  @Test func readsUTF16WithByteOrderMark() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in "Ciao, mondo: è così.\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let result = try runWiretm(["clean", "-"], stdin: Data(bytes))
    #expect(result.status == 0)
    #expect(result.stdout == "Ciao, mondo: è così.\n")
  }

  @Test func emptyFileIsAnErrorNamingTheFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let empty = directory.appendingPathComponent("empty.txt")
    FileManager.default.createFile(atPath: empty.path, contents: Data())
    let result = try runWiretm(["clean", empty.path])
    #expect(result.status == 65)
    #expect(result.stderr == "wiretm: \(empty.path): empty file, nothing to clean\n")
  }

  @Test func binaryFileIsRefused() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let binary = directory.appendingPathComponent("image.png")
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0x00]).write(to: binary)
    let result = try runWiretm(["clean", binary.path])
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("wiretm: \(binary.path): binary data"))
  }

  @Test func missingFileIsNamed() throws {
    let result = try runWiretm(["clean", "/nonexistent/page.txt"])
    #expect(result.status == 65)
    #expect(result.stderr == "wiretm: /nonexistent/page.txt: no such file\n")
  }

  @Test func unwritableOutputKeepsExitCode74() throws {
    let result = try runWiretm(["clean", "-", "-o", "/nonexistent-dir/out.txt"], input: "text\n")
    #expect(result.status == 74)
    #expect(result.stderr.contains("/nonexistent-dir/out.txt: cannot write output"))
  }
}
