import ArgumentParser
import Foundation

/// Exit codes shared by every subcommand, documented in `wiretm --help` and the README.
enum ExitCodes {
  /// Some inputs failed (each reported on stderr); the others were processed.
  static let someInputsFailed = ExitCode(1)
  /// Bad usage: unknown option, missing argument, bad value (ArgumentParser's own).
  static let usage = ExitCode.validationFailure
  /// No input could be used (unreadable, binary, empty, not a TMX...).
  static let badInput = ExitCode(65)
  /// An output could not be written.
  static let cannotWrite = ExitCode(74)

  static let help = """
    Exit codes: 0 success; 1 some inputs failed and were skipped (each named on stderr); \
    64 bad usage; 65 no usable input; 74 an output could not be written.
    """
}

/// A one-line error for users: "wiretm: <file>: <problem>".
struct UserError: Error, CustomStringConvertible {
  var message: String
  var exitCode: ExitCode
  var description: String { message }
}

/// Prints a line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data(("wiretm: " + message + "\n").utf8))
}

/// The bytes of a file, or of standard input for "-".
func readInput(_ path: String) throws -> [UInt8] {
  if path == "-" {
    return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
  }
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw UserError(message: "\(path): no such file", exitCode: ExitCodes.badInput)
  }
  if isDirectory.boolValue {
    throw UserError(message: "\(path): is a directory, expected a file", exitCode: ExitCodes.badInput)
  }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw UserError(message: "\(path): cannot be read (permission denied?)", exitCode: ExitCodes.badInput)
  }
  return [UInt8](data)
}

/// Buffered writer to standard output: pipelines print millions of short lines.
struct StandardOutput: TextOutputStream {
  private var buffer: [UInt8] = []

  init() { buffer.reserveCapacity(1 << 16) }

  mutating func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
