import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file descriptor on a thread of its own, so that input keeps arriving while the
/// lines already read are repaired: fed through a pipe, the producer is never left waiting
/// for the repair, and the repair takes everything that arrived meanwhile as its next chunk.
///
/// At most `aheadLimit` bytes are held ahead of the reader of the chunks, so memory stays
/// bounded however large the input.
final class ChunkReader: @unchecked Sendable {
  /// The largest read, and the largest chunk `next()` hands out.
  static let chunkSize = 1 << 20
  /// The first read: small, so that the repair starts on the first lines while the rest is
  /// still being read (a file's first read would otherwise take a whole `chunkSize`).
  static let firstReadSize = 64 << 10
  /// How far the thread reads ahead of `next()`.
  static let aheadLimit = 4 << 20

  private let descriptor: Int32
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var pieces: [[UInt8]] = []
  private var held = 0
  private var finished = false
  private var failure: Int32?

  init(descriptor: Int32) {
    self.descriptor = descriptor
    let thread = Thread { [self] in readAll() }
    thread.start()
  }

  /// The bytes read since the last call, at least one read's worth and at most about
  /// `chunkSize` (more only when one read was larger); nil at the end of the input.
  /// - Throws: the `errno` of a failed read, as `ReadFailure`.
  func next() throws -> [UInt8]? {
    condition.lock()
    defer { condition.unlock() }
    while pieces.isEmpty && !finished { condition.wait() }
    if pieces.isEmpty {
      if let failure { throw ReadFailure(code: failure) }
      return nil
    }
    var chunk = pieces.removeFirst()
    while let piece = pieces.first, chunk.count + piece.count <= Self.chunkSize {
      chunk.append(contentsOf: piece)
      pieces.removeFirst()
    }
    held -= chunk.count
    condition.broadcast()
    return chunk
  }

  struct ReadFailure: Error {
    var code: Int32
  }

  private func readAll() {
    // A read that fills its buffer (a file's) is handed on as it is, and the next read
    // gets a new buffer; a shorter one (a pipe's) is copied out at its own size and the
    // buffer read into again. Pieces held never keep much more memory than they have
    // bytes: handing on every buffer, however little a read put in it, fragmented the
    // heap (80 MiB resident instead of 24 on 256 MiB piped).
    var size = Self.firstReadSize
    var buffer: [UInt8] = []
    while true {
      if buffer.count != size {
        buffer = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }
      }
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      let error = errno
      if count < 0 && error == EINTR { continue }
      let piece: [UInt8]
      if count == size {
        piece = buffer
        buffer = []
      } else {
        piece = count > 0 ? Array(buffer[0..<count]) : []
      }
      size = Self.chunkSize
      condition.lock()
      if count <= 0 {
        if count < 0 { failure = error }
        finished = true
        condition.broadcast()
        condition.unlock()
        return
      }
      while held >= Self.aheadLimit { condition.wait() }
      pieces.append(piece)
      held += count
      condition.broadcast()
      condition.unlock()
    }
  }
}
