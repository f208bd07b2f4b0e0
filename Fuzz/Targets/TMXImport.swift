// Fuzz target: arbitrary bytes as a TMX file through TMXReader.
//
// Invariants: reading either succeeds or throws TMXReadError (never traps, never another
// error type); what was read, written back with TMXWriter, reads again without error and
// gives the same number of entries (the writer escapes and drops what XML forbids).
import Foundation
import WireTMMemory

private let reader = TMXReader()
private let writer = TMXWriter()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTMXImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Data(bytes: data, count: size)
  var entries: [MemoryEntry] = []
  do {
    _ = try reader.read(data: input, name: "fuzz.tmx") { entries.append($0) }
  } catch is TMXReadError {
    return 0
  } catch {
    fatalError("TMXReader threw something other than TMXReadError: \(error)")
  }
  let (tmx, report) = writer.string(entries)
  var again: [MemoryEntry] = []
  do {
    _ = try reader.read(data: Data(tmx.utf8), name: "rewritten.tmx") { again.append($0) }
  } catch {
    fatalError("TMX written by TMXWriter does not read back: \(error)\n\(tmx)")
  }
  precondition(
    again.count == entries.count - report.skippedEntries,
    "round trip changed the entry count: \(entries.count) read, \(report.skippedEntries) skipped, \(again.count) read back")
  return 0
}
