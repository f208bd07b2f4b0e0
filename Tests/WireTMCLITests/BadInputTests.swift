import Foundation
import Testing
import _WireTMTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bad input through the CLI: every problem is one line on stderr, "wiretm: <file>: <problem>",
/// and the exit status is the documented one (0 ok, 1 some inputs failed, 64 usage, 65 no
/// usable input, 74 cannot write).
@Suite struct BadInputTests {
  static let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0xFF])

  /// The stderr of a run as lines; asserts there is exactly one and returns it.
  func oneLine(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "expected one line on stderr, got: \(result.stderr)", sourceLocation: sourceLocation)
    return lines.first.map(String.init) ?? ""
  }

  func seedPage(_ name: String = "000_aed1e95bd92afcad.txt") -> URL {
    repositoryRoot.appendingPathComponent("seeds").appendingPathComponent(name)
  }

  // MARK: - One file

  @Test(arguments: [["clean"], ["fix"], ["build", "-q", "-o", "-"]])
  func binaryFile(_ command: [String]) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let binary = directory.appendingPathComponent("image.png")
    try Self.pngBytes.write(to: binary)
    let result = try runWiretm(Array(command.prefix(1)) + [binary.path] + command.dropFirst())
    #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: \(binary.path): "), "\(line)")
    #expect(line.contains("binary"), "\(line)")
  }

  @Test(arguments: [["clean"], ["build", "-q", "-o", "-"]])
  func emptyFile(_ command: [String]) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let empty = directory.appendingPathComponent("empty.txt")
    FileManager.default.createFile(atPath: empty.path, contents: Data())
    let result = try runWiretm(Array(command.prefix(1)) + [empty.path] + command.dropFirst())
    #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: \(empty.path): "), "\(line)")
    #expect(line.contains("empty"), "\(line)")
  }

  /// An empty file is valid text for `fix` (nothing to repair): it succeeds with no output.
  @Test func emptyFileThroughFixIsEmptyOutput() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let empty = directory.appendingPathComponent("empty.txt")
    FileManager.default.createFile(atPath: empty.path, contents: Data())
    let result = try runWiretm(["fix", empty.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test(arguments: [["clean"], ["fix"], ["build", "-q", "-o", "-"], ["segment", "--lang", "en"]])
  func missingFile(_ command: [String]) throws {
    let missing = "/nonexistent/wiretm/page.txt"
    let result = try runWiretm(Array(command.prefix(1)) + [missing] + command.dropFirst())
    #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: \(missing): "), "\(line)")
    #expect(line.lowercased().contains("no such file"), "\(line)")
  }

  @Test(arguments: [["clean"], ["fix"], ["segment", "--lang", "en"]])
  func directoryWhereAFileIsExpected(_ command: [String]) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runWiretm(Array(command.prefix(1)) + [directory.path] + command.dropFirst())
    #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: \(directory.path): "), "\(line)")
    #expect(line.lowercased().contains("directory"), "\(line)")
  }

  /// chmod 000 blocks reads for ordinary users only: CI runs tests as root, for whom the file
  /// stays readable, so the test checks that first and skips the case when it is.
  @Test(arguments: [["clean"], ["fix"], ["build", "-q", "-o", "-"]])
  func unreadableFile(_ command: [String]) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let locked = directory.appendingPathComponent("locked.txt")
    try Data("Some text.\n".utf8).write(to: locked)
    chmod(locked.path, 0)
    defer { chmod(locked.path, 0o644) }
    guard open(locked.path, O_RDONLY) < 0 else { return }  // root: chmod does not block reads
    let result = try runWiretm(Array(command.prefix(1)) + [locked.path] + command.dropFirst())
    #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: \(locked.path): "), "\(line)")
    #expect(line.contains("permission") || line.contains("cannot"), "\(line)")
  }

  /// Devices and pipes are not pages: /dev/zero would otherwise be read forever.
  @Test(arguments: [["clean"], ["build", "-q", "-o", "-"]])
  func deviceFile(_ command: [String]) throws {
    guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
    let result = try runWiretm(Array(command.prefix(1)) + ["/dev/zero"] + command.dropFirst())
    #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: /dev/zero: ") && line.contains("not a regular file"), "\(line)")
  }

  /// When no input is usable, an existing output file is left as it was, not replaced by an
  /// empty TMX.
  @Test func noUsableInputLeavesTheOutputAlone() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let binary = directory.appendingPathComponent("image.png")
    try Self.pngBytes.write(to: binary)
    let output = directory.appendingPathComponent("out.tmx")
    try Data("previous\n".utf8).write(to: output)
    let result = try runWiretm(["build", binary.path, "-o", output.path, "-q"])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
  }

  // MARK: - Batches

  @Test func directoryWithBadFilesAmongGoodOnes() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let pages = directory.appendingPathComponent("pages")
    try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
    for name in ["000_aed1e95bd92afcad.txt", "001_1e248655907f2999.txt"] {
      try FileManager.default.copyItem(at: seedPage(name), to: pages.appendingPathComponent(name))
    }
    let binary = pages.appendingPathComponent("b-image.png")
    try Self.pngBytes.write(to: binary)
    let empty = pages.appendingPathComponent("c-empty.txt")
    FileManager.default.createFile(atPath: empty.path, contents: Data())
    let output = directory.appendingPathComponent("out.tmx")
    let result = try runWiretm(["build", pages.path, "-o", output.path, "-q"])
    #expect(result.status == 1, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.stderr)")
    #expect(lines.contains { $0.hasPrefix("wiretm: \(binary.path): ") && $0.contains("binary") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("wiretm: \(empty.path): ") && $0.contains("empty") }, "\(lines)")
    let tmx = try String(contentsOf: output, encoding: .utf8)
    // The good pages were processed and the file written (their units are checked in
    // BuildCommandTests; the unit count depends on the language-ID model).
    #expect(tmx.hasSuffix("</tmx>\n"), "the TMX was not written completely")
  }

  @Test func directoryOfOnlyBadFiles() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Self.pngBytes.write(to: directory.appendingPathComponent("a.png"))
    FileManager.default.createFile(atPath: directory.appendingPathComponent("b.txt").path, contents: Data())
    let output = directory.appendingPathComponent("out.tmx")
    let result = try runWiretm(["build", directory.path, "-o", output.path, "-q"])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 2, "\(result.stderr)")
  }

  /// A file name that is not UTF-8 (possible on Linux file systems) is processed or reported on
  /// one line, never a crash; the other pages finish.
  @Test func nonUTF8FileName() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.copyItem(at: seedPage(), to: directory.appendingPathComponent("good.txt"))
    var name = Array(directory.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
    let descriptor = name.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    guard descriptor >= 0 else { return }  // the file system refuses such names (macOS): nothing to test
    let page = Array(try Data(contentsOf: seedPage()))
    _ = page.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    let output = directory.appendingPathComponent("out.tmx")
    let result = try runWiretm(["build", directory.path, "-o", output.path, "-q"])
    // Foundation cannot open such a name; the file must be reported, not skipped silently.
    #expect(result.status == 1, "\(result.status): \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: \(directory.path)/caf") && line.contains("UTF-8"), "\(line)")
    #expect(FileManager.default.fileExists(atPath: output.path))
  }

  // MARK: - Usage

  @Test(arguments: [
    ["clean"], ["build"], ["build", "seeds"], ["align", "a.txt"], ["tm", "import", "x.tmx"], ["tm", "stats"],
    ["segment", "-"], ["build", "seeds", "-o", "x.tmx", "--pair", "english"], ["nosuchcommand"],
    ["clean", "seeds/000_aed1e95bd92afcad.txt", "--no-such-flag"],
  ])
  func missingOrBadArguments(_ arguments: [String]) throws {
    let result = try runWiretm(arguments, in: repositoryRoot)
    #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
    #expect(result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
  }

  @Test func unknownLanguageCodesAreUsageErrors() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = directory.appendingPathComponent("tm.sqlite").path
    for arguments in [
      ["tm", "export", "--tm", store, "--langs", "en,k o", "-o", "-"],
      ["tm", "lookup", "--tm", store, "Hello.", "--lang", "not a tag"],
      ["build", "seeds", "-o", "-", "--pair", "en-"],
    ] {
      let result = try runWiretm(arguments, in: repositoryRoot)
      #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
      #expect(result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
    }
  }

  // MARK: - Outputs and stores

  @Test(arguments: [["clean", "seeds/000_aed1e95bd92afcad.txt", "-o"], ["build", "seeds", "-q", "-o"]])
  func outputThatCannotBeWritten(_ command: [String]) throws {
    let target = "/nonexistent/wiretm/out.tmx"
    let result = try runWiretm(command + [target], in: repositoryRoot)
    #expect(result.status == 74, "\(command): \(result.status) \(result.stderr)")
    let line = oneLine(result)
    #expect(line.hasPrefix("wiretm: ") && line.contains(target), "\(line)")
  }

  @Test func storeThatIsNotAStore() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let notAStore = directory.appendingPathComponent("notes.txt")
    try Data("just text, not SQLite\n".utf8).write(to: notAStore)
    for arguments in [
      ["tm", "stats", "--tm", notAStore.path], ["build", seedPage().path, "--tm", notAStore.path, "-q"],
    ] {
      let result = try runWiretm(arguments)
      #expect(result.status != 0, "\(arguments)")
      let line = oneLine(result)
      #expect(line.hasPrefix("wiretm: ") && line.contains(notAStore.path), "\(line)")
    }
    #expect(try String(contentsOf: notAStore, encoding: .utf8) == "just text, not SQLite\n", "the file was changed")
  }

  @Test func importOfFilesThatAreNotTMX() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = directory.appendingPathComponent("tm.sqlite").path
    let binary = directory.appendingPathComponent("a.tmx")
    try Self.pngBytes.write(to: binary)
    let empty = directory.appendingPathComponent("b.tmx")
    FileManager.default.createFile(atPath: empty.path, contents: Data())
    let missing = directory.appendingPathComponent("c.tmx")
    let result = try runWiretm(["tm", "import", "--tm", store, binary.path, empty.path, missing.path])
    #expect(result.status == 65, "\(result.status): \(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(result.stderr)")
    for (line, file) in zip(lines, [binary, empty, missing]) {
      #expect(line.hasPrefix("wiretm: ") && line.contains(file.path), "\(line)")
    }
  }

  /// `fix --lines` on binary garbage still writes exactly one line per input line.
  @Test func fixLinesOnBinaryKeepsTheLineCount() throws {
    var bytes: [UInt8] = []
    for index in 0..<300 {
      let byte = UInt8(index % 256)
      bytes += [byte == 0x0A || byte == 0x0D ? 0x20 : byte, 0, 0xFF, 0xC3] + Array("x\(index)".utf8) + [0x0A]
    }
    let result = try runWiretm(["fix", "--lines"], stdin: Data(bytes))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 301)
  }
}
