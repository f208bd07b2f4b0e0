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

/// Reports an input that cannot be used on one line of stderr and returns the exit status for
/// it (65), so that commands fail with "wiretm: <file>: <problem>" rather than ArgumentParser's
/// usage text, which is for bad arguments.
func inputFailure(_ message: String) -> ExitCode {
  printError(message)
  return ExitCodes.badInput
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
  let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
  if let type, type != .typeRegular, type != .typeSymbolicLink {
    throw UserError(
      message: "\(path): not a regular file (a device, pipe or socket); use - to read standard input",
      exitCode: ExitCodes.badInput)
  }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw UserError(message: "\(path): cannot be read (permission denied?)", exitCode: ExitCodes.badInput)
  }
  return [UInt8](data)
}

/// Standard output, buffered in large blocks: pipelines print millions of short lines, and
/// one `write(2)` per line would dominate the run time.
struct StandardOutput: TextOutputStream {
  private var bytes: [UInt8] = []
  private let limit = 1 << 20

  init() { bytes.reserveCapacity(limit + 4096) }

  mutating func write(_ text: String) { append(text) }

  mutating func append(_ byte: UInt8) { bytes.append(byte) }

  mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: buffer)
    if bytes.count >= limit { flush() }
  }

  mutating func append(_ more: [UInt8]) {
    bytes.append(contentsOf: more)
    if bytes.count >= limit { flush() }
  }

  mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    if bytes.count >= limit { flush() }
  }

  /// Writes what is buffered (`writeAll`).
  mutating func flush() {
    writeAll(bytes, to: 1)
    bytes.removeAll(keepingCapacity: true)
  }
}

/// Writes all of `bytes` to `descriptor`, retrying on EINTR and partial writes; stops on any
/// other error (a closed pipe: the reader is gone, and there is no one to tell).
func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
  bytes.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += count
    }
  }
}
