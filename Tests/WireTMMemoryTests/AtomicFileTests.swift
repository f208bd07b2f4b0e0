import Foundation
import Testing

@testable import WireTMMemory

@Suite struct AtomicFileTests {
  @Test func writesAndReplaces() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let target = folder.file("out.txt")
    try AtomicFile.write(Data("first".utf8), to: target)
    try AtomicFile.write(Data("second".utf8), to: target)
    #expect(try String(contentsOf: target, encoding: .utf8) == "second")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.txt"])
  }

  @Test func aFailingWriterLeavesTheOldFileAndNoTemporary() throws {
    struct Interrupted: Error {}
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let target = folder.file("out.tmx")
    try AtomicFile.write(Data("old".utf8), to: target)
    #expect(throws: Interrupted.self) {
      try AtomicFile.write(to: target) { stream in
        stream.write("half a file")
        throw Interrupted()
      }
    }
    #expect(try String(contentsOf: target, encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.tmx"])
  }

  @Test func aMissingFolderIsAClearError() throws {
    let target = URL(fileURLWithPath: "/nonexistent-wiretm-folder/out.tmx")
    let error = #expect(throws: AtomicFileError.self) {
      try AtomicFile.write(Data("x".utf8), to: target)
    }
    #expect(
      error?.description.hasPrefix(
        "/nonexistent-wiretm-folder/out.tmx: cannot create a temporary file") == true)
  }

  @Test func diskFullIsReportedAndTheTargetIsUntouched() throws {
    // /dev/full accepts the open and fails every write with ENOSPC; a rename onto it would not
    // happen because the write fails first. Linux only.
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let file = try #require(fopen("/dev/full", "w"))
    defer { fclose(file) }
    var stream = FileTextStream(file: file)
    stream.write(String(repeating: "x", count: 1 << 17))
    let failure = stream.finish()
    #expect(failure?.contains("No space left on device") == true)
  }
}
