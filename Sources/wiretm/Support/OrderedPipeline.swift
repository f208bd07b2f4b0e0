import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Transforms slices of bytes on worker threads and writes the results to a file descriptor
/// in the order the slices were submitted, while more slices are being submitted.
///
/// `fix --lines` used to repair each chunk of input on every core and wait for the whole
/// chunk before writing it and taking the next: the cores idled at every chunk's end while
/// the last slice finished and the output was written. Here the workers take the next slice
/// whatever chunk it came from, and a writer thread hands each result to the output as soon
/// as every earlier one has gone, so the cores stay busy and the output streams.
///
/// At most `maxInFlight` slices are queued, being worked on or waiting to be written:
/// `submit` blocks beyond that, so memory stays bounded however large the input.
final class OrderedPipeline: @unchecked Sendable {
  typealias Transform = @Sendable (ArraySlice<UInt8>) -> [UInt8]

  private let transform: Transform
  private let descriptor: Int32
  private let maxInFlight: Int
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var queue: [(sequence: Int, slice: ArraySlice<UInt8>)] = []
  private var queueHead = 0
  private var results: [Int: [UInt8]] = [:]
  private var submitted = 0
  private var written = 0
  private var closed = false
  private var workersLeft: Int
  private var writerDone = false

  /// Starts `workers` threads running `transform` and one writing to `descriptor`.
  init(workers: Int, maxInFlight: Int, descriptor: Int32, transform: @escaping Transform) {
    self.transform = transform
    self.descriptor = descriptor
    self.maxInFlight = max(maxInFlight, workers)
    self.workersLeft = workers
    for _ in 0..<workers {
      Thread { [self] in work() }.start()
    }
    Thread { [self] in writeInOrder() }.start()
  }

  /// Queues `slice`; its result is written after those of every slice submitted before it.
  /// Blocks while `maxInFlight` slices are pending.
  func submit(_ slice: ArraySlice<UInt8>) {
    condition.lock()
    while submitted - written >= maxInFlight { condition.wait() }
    queue.append((submitted, slice))
    submitted += 1
    condition.broadcast()
    condition.unlock()
  }

  /// Waits until every submitted slice is written; the threads then end.
  func finish() {
    condition.lock()
    closed = true
    condition.broadcast()
    while !writerDone || workersLeft > 0 { condition.wait() }
    condition.unlock()
  }

  private func work() {
    condition.lock()
    while true {
      while queueHead == queue.count && !closed { condition.wait() }
      if queueHead == queue.count { break }
      let job = queue[queueHead]
      queue[queueHead].slice = []  // the slice's bytes are not held once taken
      queueHead += 1
      if queueHead == queue.count {
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
      }
      condition.unlock()
      let output = transform(job.slice)
      condition.lock()
      results[job.sequence] = output
      condition.broadcast()
    }
    workersLeft -= 1
    condition.broadcast()
    condition.unlock()
  }

  private func writeInOrder() {
    condition.lock()
    while true {
      while results[written] == nil && !(closed && written == submitted) { condition.wait() }
      guard let output = results.removeValue(forKey: written) else { break }
      condition.unlock()
      writeAll(output, to: descriptor)
      condition.lock()
      written += 1
      condition.broadcast()
    }
    writerDone = true
    condition.broadcast()
    condition.unlock()
  }
}
