// Fuzz target: arbitrary bytes -> TextDecoder -> MojibakeRepairer -> TextNormalizer.
//
// Invariants (a violation traps, which libFuzzer records as a crash with the input):
// - no trap or sanitizer report anywhere in decoding, repair or normalisation;
// - repair is idempotent: repairing the repaired text changes nothing;
// - the repaired text round-trips through UTF-8 (Swift strings are valid by construction;
//   this catches an unsafe-pointer path that builds a String from bad bytes);
// - `fix --lines`' byte path (`repairLine(utf8:)`) agrees with `repair` on the raw bytes
//   taken as one line, wherever it decides.
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
  checkLinePath(bytes)
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

/// The bytes path of `fix --lines` against `repair` of the same line.
private func checkLinePath(_ bytes: [UInt8]) {
  guard !bytes.contains(0x0A) else { return }
  let outcome = bytes.withUnsafeBufferPointer { repairer.repairLine(utf8: $0) }
  let text = String(decoding: bytes, as: UTF8.self)
  let expected = repairer.repair(text, knownUnclean: false).text
  switch outcome {
  case .unchanged:
    precondition(expected.utf8.elementsEqual(text.utf8), "line path left a line repair changes")
  case .repaired(let scalars):
    precondition(
      expected.unicodeScalars.map(\.value) == scalars, "line path disagrees with repair")
  case .undecided:
    break
  }
}
