// Fuzz target: arbitrary bytes -> TextDecoder -> MojibakeRepairer -> TextNormalizer.
//
// Invariants (a violation traps, which libFuzzer records as a crash with the input):
// - no trap or sanitizer report anywhere in decoding, repair or normalisation;
// - repair is idempotent: repairing the repaired text changes nothing;
// - the repaired text round-trips through UTF-8 (Swift strings are valid by construction;
//   this catches an unsafe-pointer path that builds a String from bad bytes).
// A hang is caught by libFuzzer's -timeout (Fuzz/run.sh sets it).
import Foundation
import WireTMDecode
import WireTMNormalize
import WireTMRepair

private let decoder = TextDecoder()
private let repairer = MojibakeRepairer()
private let normalizer = TextNormalizer()
/// Set WIRETM_FUZZ_SKIP_IDEMPOTENCE=1 to keep fuzzing for crashes once an idempotence
/// failure has been recorded and routed.
private let checksIdempotence = ProcessInfo.processInfo.environment["WIRETM_FUZZ_SKIP_IDEMPOTENCE"] == nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecodeRepair(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let decoded = try? decoder.decode(bytes) else { return 0 }
  let once = repairer.repair(decoded.text)
  if checksIdempotence {
    let twice = repairer.repair(once.text)
    if twice.text != once.text {
      fatalError(
        "repair is not idempotent:\n  once:  \(once.text.debugDescription)\n  twice: \(twice.text.debugDescription)")
    }
  }
  let normalized = normalizer.normalize(once.text)
  let roundTrip = String(decoding: Array(normalized.utf8), as: UTF8.self)
  precondition(roundTrip == normalized, "normalised text does not round-trip through UTF-8")
  for span in once.lossySpans {
    precondition(span.lowerBound >= 0 && span.lowerBound <= span.upperBound, "bad lossy span \(span)")
  }
  return 0
}
