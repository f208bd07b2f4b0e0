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
    // One buffer for every read; each piece is copied out at its own size, so the pieces
    // held never keep more memory than they have bytes. (Handing on the arrays read into
    // instead saves the copy but leaves the heap fragmented: 80 MiB resident instead of 24
    // on a pipe of 256 MiB.)
    var buffer = [UInt8](unsafeUninitializedCapacity: Self.chunkSize) { _, count in
      count = Self.chunkSize
    }
    var size = Self.firstReadSize
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, size) }
      let error = errno
      if count < 0 && error == EINTR { continue }
      size = Self.chunkSize
      let piece = count > 0 ? Array(buffer[0..<count]) : []
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
