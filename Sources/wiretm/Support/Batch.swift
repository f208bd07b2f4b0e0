import Dispatch
import Foundation
import WireTM

/// The files named on the command line: files as given, directories walked recursively
/// (hidden files and folders skipped), in a stable order so that runs are reproducible.
func expandInputs(_ inputs: [String]) -> (files: [String], problems: [String]) {
  var files: [String] = []
  var problems: [String] = []
  let manager = FileManager.default
  for input in inputs {
    if input == "-" {
      files.append(input)
      continue
    }
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: input, isDirectory: &isDirectory) else {
      problems.append("\(input): no such file or directory")
      continue
    }
    guard isDirectory.boolValue else {
      files.append(input)
      continue
    }
    guard let walker = manager.enumerator(atPath: input) else {
      problems.append("\(input): cannot list directory (permission denied?)")
      continue
    }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") {
        walker.skipDescendants()
        continue
      }
      let path = (input as NSString).appendingPathComponent(relative)
      var childIsDirectory: ObjCBool = false
      if manager.fileExists(atPath: path, isDirectory: &childIsDirectory) {
        if !childIsDirectory.boolValue { found.append(path) }
      } else {
        // Listed but not found again by name: a name that is not valid UTF-8 (Foundation
        // cannot round-trip it) or a file removed meanwhile. Never skip a file silently.
        problems.append("\(path): cannot be opened (file name not valid UTF-8, or the file vanished)")
      }
    }
    files.append(contentsOf: found.sorted())
  }
  return (files, problems)
}

/// What became of one input file in a batch.
enum PageOutcome {
  /// Processed; `contentHash` identifies the page's bytes.
  case processed(ProcessedPage, contentHash: String)
  /// Not processed because `skip` said so (a store already holds the page).
  case skipped
  case failed(Error)
}

/// Runs the page pipeline over files on every core, in chunks, and hands each chunk's
/// outcomes to `consume` in input order, so memory stays flat however many files there are
/// and a store can commit page by page.
///
/// - Parameter skip: asked with a page's content hash before the pipeline runs (from worker
///   threads); true skips the page.
func processInBatches(
  _ files: [String], pipeline: PagePipeline, chunkSize: Int = 64,
  skip: @Sendable (_ contentHash: String) -> Bool = { _ in false },
  consume: ([(file: String, outcome: PageOutcome)]) throws -> Void
) rethrows {
  var start = 0
  while start < files.count {
    let chunk = Array(files[start..<min(files.count, start + chunkSize)])
    let results = ResultSlots<PageOutcome>(count: chunk.count)
    DispatchQueue.concurrentPerform(iterations: chunk.count) { index in
      let file = chunk[index]
      do {
        let bytes = try readInput(file)
        if bytes.isEmpty { throw PageError(document: file, problem: "empty file") }
        let hash = ContentHash.of(Data(bytes))
        if skip(hash) {
          results.set(index, .skipped)
          return
        }
        results.set(index, .processed(try pipeline.process(bytes, document: file), contentHash: hash))
      } catch {
        results.set(index, .failed(error))
      }
    }
    try consume(zip(chunk, results.values()).map { ($0, $1) })
    start += chunk.count
  }
}

/// Slots that concurrent workers fill, one each.
final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  /// The filled slots; every worker of `concurrentPerform` has returned when this is called.
  func values() -> [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}

/// A one-line progress display on a terminal's standard error; silent in a pipe.
struct Progress {
  let total: Int
  let enabled = isatty(2) == 1
  private var lastDrawn = -1

  init(total: Int) { self.total = total }

  mutating func update(done: Int, failed: Int) {
    guard enabled, total > 0 else { return }
    let percent = done * 100 / total
    guard percent != lastDrawn || done == total else { return }
    lastDrawn = percent
    let width = 30
    let filled = width * done / total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let line = "\r[\(bar)] \(done)/\(total) pages, \(failed) failed"
    FileHandle.standardError.write(Data(line.utf8))
    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
