import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output file that could not be written; the target is left as it was.
public struct AtomicFileError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String

  public var description: String { "\(path): \(message)" }
}

/// Writes output files so that readers see the old file or the whole new one, never a half file.
///
/// The text goes to a temporary file in the same folder (a rename is atomic only within one
/// file system), is flushed to disk, then renamed over the target. On any failure — disk full,
/// a folder that does not exist, no permission — the temporary file is removed, the target is
/// untouched, and the error names the target and the cause.
public enum AtomicFile {
  /// Writes `data` to `url` atomically.
  public static func write(_ data: Data, to url: URL) throws {
    try write(to: url) { stream in
      data.withUnsafeBytes { stream.write(bytes: $0) }
    }
  }

  /// Streams text into `url` atomically: `body` writes through the stream, which buffers and
  /// reports the first I/O error when the file is closed.
  @discardableResult
  public static func write<Result>(to url: URL, _ body: (inout FileTextStream) throws -> Result)
    throws -> Result
  {
    let target = url.path
    let folder = url.deletingLastPathComponent().path
    var template = Array(
      "\(folder.isEmpty ? "." : folder)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else {
      throw AtomicFileError(
        path: target, message: "cannot create a temporary file beside it (\(errnoText()))")
    }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let file = fdopen(descriptor, "w") else {
      close(descriptor)
      unlink(temporary)
      throw AtomicFileError(path: target, message: "cannot open a temporary file (\(errnoText()))")
    }
    var stream = FileTextStream(file: file)
    let result: Result
    do {
      result = try body(&stream)
    } catch {
      fclose(file)
      unlink(temporary)
      throw error
    }
    let writeError = stream.finish()
    let syncFailed = writeError == nil && fsync(fileno(file)) != 0
    let syncError = syncFailed ? errnoText() : nil
    let closeFailed = fclose(file) != 0
    if let problem = writeError ?? syncError ?? (closeFailed ? errnoText() : nil) {
      unlink(temporary)
      throw AtomicFileError(
        path: target, message: "write failed (\(problem)); the file was left unchanged")
    }
    // mkstemp creates 0600; output files should get the usual permissions.
    let mask = umask(0)
    umask(mask)
    chmod(temporary, 0o666 & ~mask)
    guard rename(temporary, target) == 0 else {
      let problem = errnoText()
      unlink(temporary)
      throw AtomicFileError(path: target, message: "cannot replace the file (\(problem))")
    }
    return result
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// A buffered `TextOutputStream` over a C `FILE*`, remembering the first write error.
public struct FileTextStream: TextOutputStream {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: [UInt8] = []
  private(set) var failure: String?

  init(file: UnsafeMutablePointer<FILE>) {
    self.file = file
    buffer.reserveCapacity(1 << 16)
  }

  public mutating func write(_ string: String) {
    var string = string
    string.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func write(bytes: UnsafeRawBufferPointer) {
    flush()
    guard failure == nil, let base = bytes.baseAddress, bytes.count > 0 else { return }
    if fwrite(base, 1, bytes.count, file) != bytes.count { failure = AtomicFile.errnoText() }
  }

  private mutating func flush() {
    guard !buffer.isEmpty else { return }
    if failure == nil {
      let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
      if written != buffer.count { failure = AtomicFile.errnoText() }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes everything; returns the first error seen, if any.
  mutating func finish() -> String? {
    flush()
    if failure == nil && fflush(file) != 0 { failure = AtomicFile.errnoText() }
    return failure
  }
}
