import Foundation

/// What a run of the `wiretm` binary printed and returned.
public struct CommandResult: Sendable {
  public var stdout: String
  public var stderr: String
  public var status: Int32
}

/// The built `wiretm` executable, which SwiftPM puts beside the test bundle.
public var wiretmBinary: URL {
  let places = [
    Bundle.main.bundleURL.deletingLastPathComponent(),
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
  ] + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
  for place in places {
    let candidate = place.appendingPathComponent("wiretm")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
  }
  return places[0].appendingPathComponent("wiretm")
}

/// Runs `wiretm` with arguments, optional standard input, in a working directory.
///
/// Output goes through temporary files rather than pipes, so a command that prints a lot
/// cannot dead-lock the test.
public func runWiretm(
  _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil
) throws -> CommandResult {
  let scratch = try makeTemporaryDirectory()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let inURL = scratch.appendingPathComponent("stdin")
  let outURL = scratch.appendingPathComponent("stdout")
  let errURL = scratch.appendingPathComponent("stderr")
  try (stdin ?? Data()).write(to: inURL)
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)

  let process = Process()
  process.executableURL = wiretmBinary
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  process.standardInput = try FileHandle(forReadingFrom: inURL)
  process.standardOutput = try FileHandle(forWritingTo: outURL)
  process.standardError = try FileHandle(forWritingTo: errURL)
  try process.run()
  process.waitUntilExit()
  return CommandResult(
    stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
    status: process.terminationStatus)
}

/// Runs `wiretm` with text on standard input.
public func runWiretm(_ arguments: [String], input: String, in directory: URL? = nil) throws -> CommandResult {
  try runWiretm(arguments, stdin: Data(input.utf8), in: directory)
}
