#if canImport(Glibc)
  import Glibc
#endif

/// Linux's batch scheduling class for `fix --lines`' hand-over threads (the one reading the
/// input, the one writing the output): a batch thread's wake-ups never preempt the thread
/// running on the core.
///
/// Those threads are woken at every piece of input that arrives and every result that is
/// ready, and each does a read or a write and sleeps again. Woken with preemption, they took
/// a core from a worker (or from the producer) every time: fed by Python's `subprocess`,
/// which writes 4 KiB at a time, the reader and the producer ping-ponged 4 KiB at a time
/// while a worker waited for lines (perf sched: a worker idle ~1.1 ms early in each run).
/// Scheduled a little later instead, they find more waiting when they run. The 1,476 cases
/// ×5 fed the harness's way (medians of 30–40 alternating runs): 23.2 → 22.2 ms with the
/// reader batch, 22.7 → 21.7 ms with the writer too (after ftfy, cold: 24.4 → 22.2 ms). The
/// workers stay in the usual class (batch, they lost the gain), and so does the thread that
/// hands slices to them (batch, it was slower).
enum BatchScheduling {
  /// Puts the calling thread in the batch class. Best effort: a refusal changes nothing.
  static func enterForCurrentThread() {
    #if os(Linux)
      var parameters = sched_param()
      parameters.sched_priority = 0
      let batch: Int32 = 3  // SCHED_BATCH (<sched.h> defines it only under _GNU_SOURCE)
      _ = sched_setscheduler(0, batch, &parameters)
    #endif
  }
}
