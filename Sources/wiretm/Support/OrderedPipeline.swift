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
///
/// Made once per process, by a process that exits when its output is written
/// (`waitUntilWritten`): the workers take slices for the rest of its life.
///
/// Each kind of waiter has a condition of its own and is woken only by the event it waits
/// for (one condition broadcast to every thread at every event woke the workers, the writer
/// and the submitter three times a slice: ~250 futex calls and ~170 context switches for a
/// megabyte of damaged text, on the same two cores as the repair).
final class OrderedPipeline: @unchecked Sendable {
  typealias Transform = @Sendable (ArraySlice<UInt8>) -> [UInt8]

  private let transform: Transform
  private let descriptor: Int32
  private let maxInFlight: Int
  private let lock = WaitLock(conditions: 4)
  // What each condition announces (all under `lock`).
  private let slicesQueued = 0
  private let nextResultReady = 1
  private let roomMade = 2
  private let writerEnded = 3
  // Guarded by `lock`.
  private var queue: [(sequence: Int, slice: ArraySlice<UInt8>)] = []
  private var queueHead = 0
  /// Results waiting to be written, slot `sequence % maxInFlight` (at most `maxInFlight`
  /// slices are pending, so slots never collide). Not a dictionary: its type's metadata asks
  /// the runtime whether `Int` is `Hashable`, a scan of every conformance record in the
  /// executable (~0.25 ms) before the first slice could be handed out.
  private var results: [[UInt8]?]
  private var submitted = 0
  private var written = 0
  /// Set by `waitUntilWritten`: the writer ends once every submitted result is written, the
  /// workers stay where they wait.
  private var draining = false
  private var writerDone = false

  /// Starts `workers` threads running `transform` and one writing to `descriptor`.
  init(workers: Int, maxInFlight: Int, descriptor: Int32, transform: @escaping Transform) {
    self.transform = transform
    self.descriptor = descriptor
    self.maxInFlight = max(maxInFlight, workers)
    results = Array(repeating: nil, count: self.maxInFlight)
    for _ in 0..<workers {
      Thread { [self] in work() }.start()
    }
    Thread { [self] in writeInOrder() }.start()
  }

  /// Queues `slice`; its result is written after those of every slice submitted before it.
  /// Blocks while `maxInFlight` slices are pending.
  func submit(_ slice: ArraySlice<UInt8>) {
    lock.lock()
    while submitted - written >= maxInFlight { lock.wait(roomMade) }
    queue.append((submitted, slice))
    submitted += 1
    lock.signal(slicesQueued)
    lock.unlock()
  }

  /// Waits until every submitted slice is written, and leaves the workers waiting for
  /// slices that will not come: for a process about to exit, whose exit ends them. Ended
  /// one by one, each ran its thread-local destructors, handed its allocator cache back and
  /// released its stack while the output's reader waited for the process to end (~0.9 ms
  /// of a run's tail on two cores, measured with `perf sched`).
  func waitUntilWritten() {
    lock.lock()
    draining = true
    lock.signal(nextResultReady)
    while !writerDone { lock.wait(writerEnded) }
    lock.unlock()
  }

  /// A worker's loop: it takes slices for as long as the process lives (the process exits
  /// after `waitUntilWritten`, with the workers waiting here).
  private func work() {
    lock.lock()
    while true {
      while queueHead == queue.count { lock.wait(slicesQueued) }
      let job = queue[queueHead]
      queue[queueHead].slice = []  // the slice's bytes are not held once taken
      queueHead += 1
      if queueHead == queue.count {
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
      }
      lock.unlock()
      let output = transform(job.slice)
      lock.lock()
      results[job.sequence % maxInFlight] = output
      // The writer waits only for the result next in order.
      if job.sequence == written { lock.signal(nextResultReady) }
    }
  }

  private func writeInOrder() {
    BatchScheduling.enterForCurrentThread()
    lock.lock()
    while true {
      while results[written % maxInFlight] == nil
        && !(draining && written == submitted)
      {
        lock.wait(nextResultReady)
      }
      guard let output = results[written % maxInFlight] else { break }
      results[written % maxInFlight] = nil
      lock.unlock()
      writeAll(output, to: descriptor)
      lock.lock()
      written += 1
      // The submitter is woken once half the slices in flight are written, not at every
      // write: it then submits several at once instead of waking (on the cores the workers
      // need) to submit one slice at a time; the workers still have half a queue to take.
      if submitted - written <= maxInFlight / 2 { lock.signal(roomMade) }
    }
    writerDone = true
    lock.signal(writerEnded)
    lock.unlock()
  }
}

/// A mutex with several condition variables, so that a thread can wake the waiters of one
/// event without waking every other thread (Foundation's `NSCondition` has one condition per
/// mutex). Held for the process's few pipelines; never moved, so the pthread objects keep
/// their addresses.
final class WaitLock: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let conditions: UnsafeMutablePointer<pthread_cond_t>
  private let count: Int

  init(conditions count: Int) {
    self.count = count
    conditions = .allocate(capacity: count)
    pthread_mutex_init(mutex, nil)
    for index in 0..<count { pthread_cond_init(conditions + index, nil) }
  }

  deinit {
    for index in 0..<count { pthread_cond_destroy(conditions + index) }
    pthread_mutex_destroy(mutex)
    conditions.deallocate()
    mutex.deallocate()
  }

  func lock() { pthread_mutex_lock(mutex) }
  func unlock() { pthread_mutex_unlock(mutex) }
  /// Waits on condition `index`; the mutex must be held (and is held again on return).
  func wait(_ index: Int) { pthread_cond_wait(conditions + index, mutex) }
  /// Wakes one waiter of condition `index`.
  func signal(_ index: Int) { pthread_cond_signal(conditions + index) }
  /// Wakes every waiter of condition `index`.
  func broadcast(_ index: Int) { pthread_cond_broadcast(conditions + index) }
}
