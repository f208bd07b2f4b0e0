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
/// At most `waitingLimit` bytes and one read wait to be taken (the thread stops reading
/// while they do), so memory stays bounded however large the input.
final class ChunkReader: @unchecked Sendable {
  /// The largest read.
  static let chunkSize = 1 << 20
  /// The first read: small, so that the repair starts on the first lines while the rest is
  /// still being read (a file's first read would otherwise take a whole `chunkSize`).
  static let firstReadSize = 64 << 10
  /// The thread reads on only while fewer bytes than this wait to be taken. A pipe holds the
  /// next 64 KiB itself; reading further ahead only woke this thread at every write of the
  /// producer (Python's `subprocess` writes 4 KiB at a time), a context switch each on the
  /// cores the workers need: the 1,476 cases ×5 fed that way took 27.8 ms with 1 MiB
  /// allowed to wait, 26.3 ms with 64 KiB (medians of 50 alternating runs).
  static let waitingLimit = 64 << 10

  private let descriptor: Int32
  private let condition = NSCondition()
  // Guarded by `condition`.
  /// The bytes read and not yet taken, in order: the next chunk.
  private var ready: [UInt8] = []
  private var finished = false
  private var failure: Int32?

  /// Whether the first chunk has been read, and the reading thread started (only the
  /// taker's thread reads these).
  private var tookFirst = false
  private var threadStarted = false

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  /// Every byte read since the last call (at least one read's worth, at most
  /// `waitingLimit` and one read more); nil at the end of the input.
  ///
  /// The first chunk (one read of `firstReadSize`) is read on the caller's thread, and the
  /// reading thread starts at the second call: the caller starts its workers on the first
  /// lines without waiting for a thread to be made and scheduled (on two cores, with the
  /// producer on the other, the new thread ran on the caller's core while the caller
  /// waited), and the workers are made before the reading thread.
  /// - Throws: the `errno` of a failed read, as `ReadFailure`.
  func next() throws -> [UInt8]? {
    if !tookFirst {
      tookFirst = true
      var first = [UInt8](unsafeUninitializedCapacity: Self.firstReadSize) { _, count in
        count = Self.firstReadSize
      }
      while true {
        let count = first.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count < 0 { throw ReadFailure(code: errno) }
        if count == 0 {
          threadStarted = true  // nothing more to read
          finished = true
          return nil
        }
        first.removeSubrange(count...)
        return first
      }
    }
    if !threadStarted {
      threadStarted = true
      let thread = Thread { [self] in readAll() }
      thread.start()
    }
    condition.lock()
    defer { condition.unlock() }
    while ready.isEmpty && !finished { condition.wait() }
    if ready.isEmpty {
      if let failure { throw ReadFailure(code: failure) }
      return nil
    }
    var chunk: [UInt8] = []
    swap(&chunk, &ready)
    condition.broadcast()
    return chunk
  }

  /// Whether the input has ended and every byte read has been taken: the chunk just taken
  /// was the last. (False while unsure: the end may not have been read yet.)
  var isExhausted: Bool {
    condition.lock()
    defer { condition.unlock() }
    return finished && ready.isEmpty && failure == nil
  }

  struct ReadFailure: Error {
    var code: Int32
  }

  private func readAll() {
    BatchScheduling.enterForCurrentThread()
    // A read that fills its buffer (a file's) is handed on as it is when nothing is waiting
    // before it, and the next read gets a new buffer; a shorter one (a pipe's, a few
    // kilobytes at a time) is appended to the bytes waiting, and the buffer read into again.
    // The taker gets everything that arrived since it last asked as one array: pieces kept
    // apart and joined at each take cost the taker (a thread the workers share the cores
    // with) a copy, a reallocation and a page fault or more per piece. Chunks never keep
    // much more memory than they have bytes: handing on every buffer, however little a read
    // put in it, fragmented the heap (80 MiB resident instead of 24 on 256 MiB piped).
    var size = Self.chunkSize
    var buffer: [UInt8] = []
    while true {
      if buffer.count != size {
        buffer = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }
      }
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      let error = errno
      if count < 0 && error == EINTR { continue }
      condition.lock()
      if count <= 0 {
        if count < 0 { failure = error }
        finished = true
        condition.broadcast()
        condition.unlock()
        return
      }
      while ready.count >= Self.waitingLimit { condition.wait() }
      if count == size && ready.isEmpty {
        swap(&ready, &buffer)
        buffer = []
      } else {
        buffer.withUnsafeBufferPointer { ready.append(contentsOf: $0[0..<count]) }
      }
      condition.broadcast()
      condition.unlock()
      size = Self.chunkSize
    }
  }
}
