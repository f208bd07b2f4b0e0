#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One object of type `Box` per thread, made on the thread's first use and released when
/// the thread ends.
///
/// `fix --lines` repairs on every core, and several stages keep buffers or open converters
/// from one line to the next (allocating them per line cost more than many of the lines'
/// readings): thread-local storage gives each thread its own, with no lock, and a line
/// never shares them with another thread.
final class ThreadLocalBox<Box: AnyObject>: @unchecked Sendable {
  private let key: pthread_key_t
  private let make: @Sendable () -> Box

  init(_ make: @escaping @Sendable () -> Box) {
    self.make = make
    var key = pthread_key_t()
    // The destructor releases the box `current` retained for the thread.
    #if canImport(Darwin)
      pthread_key_create(&key) { Unmanaged<AnyObject>.fromOpaque($0).release() }
    #else
      pthread_key_create(&key) { pointer in
        guard let pointer else { return }
        Unmanaged<AnyObject>.fromOpaque(pointer).release()
      }
    #endif
    self.key = key
  }

  /// The calling thread's box, made on its first use.
  var current: Box {
    if let pointer = pthread_getspecific(key) {
      return Unmanaged<Box>.fromOpaque(pointer).takeUnretainedValue()
    }
    let box = make()
    pthread_setspecific(key, Unmanaged.passRetained(box).toOpaque())
    return box
  }

  /// `body` given the calling thread's box, lent without a retain and a release: the
  /// thread's slot holds the box for the thread's life (`current` hands out a reference the
  /// caller counts, two atomic operations on every line of the hot paths that reach it).
  @inline(__always)
  func withCurrent<Result>(_ body: (Box) -> Result) -> Result {
    guard let pointer = pthread_getspecific(key) else { return body(current) }
    return Unmanaged<Box>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
  }
}
