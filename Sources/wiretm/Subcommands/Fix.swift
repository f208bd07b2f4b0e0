import ArgumentParser
import Foundation
import WireTM

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct Fix: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fix",
    abstract: "Repair mojibake, HTML entities and control characters in text.",
    discussion: """
      Typography is kept (curly quotes, dashes, ligatures, full-width punctuation). Lost \
      characters stay as U+FFFD and are reported as lossy, never invented.

      With --lines, each input line is repaired on its own and exactly one line is written \
      per input line, in order. Inside a line, \\\\, \\n and \\r stand for a backslash, a \
      line feed and a carriage return (both ways); other backslashes are left as they are.

      Examples:
        printf 'CafÃ© â€œcrÃ¨meâ€\\n' | wiretm fix --lines
        wiretm fix page.txt > page.fixed.txt
        wiretm fix --explain page.txt
        wiretm fix --explain --json - < page.txt
        printf 'â€œquotedâ€\\n' | wiretm fix --lines --ascii-quotes
      """)

  @Argument(help: "A text file, or - for standard input (the default).")
  var input: String = "-"

  @Flag(help: "Repair each line on its own; one output line per input line.")
  var lines = false

  @Flag(help: "Print the repair steps (kind, scalar offsets, detail) instead of the text.")
  var explain = false

  @Flag(help: "With --explain: one JSON object per text (or per line with --lines).")
  var json = false

  @Flag(help: "Straighten curly quotes to ASCII ' and \".")
  var asciiQuotes = false

  @Flag(help: "Apply NFKC compatibility normalisation (folds ﬁ, full-width forms, ™).")
  var nfkc = false

  @Flag(help: "Restore a lost closing ” (U+FFFD after an unclosed “), recorded as a step.")
  var restoreQuotes = false

  @Option(help: "With --lines: repair on this many threads (default: one per core).")
  var jobs: Int?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
  }

  func run() throws {
    try FixJob(
      input: input, lines: lines, explain: explain, json: json, asciiQuotes: asciiQuotes,
      nfkc: nfkc, restoreQuotes: restoreQuotes, jobs: jobs
    ).run()
  }
}

/// What `fix` does, apart from parsing its arguments: a plain value, so that `main` can run
/// a simple invocation without going through ArgumentParser (see `FixJob.init(arguments:)`).
struct FixJob {
  var input = "-"
  var lines = false
  var explain = false
  var json = false
  var asciiQuotes = false
  var nfkc = false
  var restoreQuotes = false
  /// Threads for `--lines`; nil: one per core.
  var jobs: Int?

  init(
    input: String, lines: Bool, explain: Bool, json: Bool, asciiQuotes: Bool, nfkc: Bool,
    restoreQuotes: Bool, jobs: Int?
  ) {
    self.input = input
    self.lines = lines
    self.explain = explain
    self.json = json
    self.asciiQuotes = asciiQuotes
    self.nfkc = nfkc
    self.restoreQuotes = restoreQuotes
    self.jobs = jobs
  }

  /// The job for the arguments after `fix` when each is one of `fix`'s flags spelled out
  /// or a single input path; nil for anything else (help, abbreviations, unknown options,
  /// two paths), which ArgumentParser then parses and reports as usual.
  init?(arguments: some Sequence<String>) {
    var sawInput = false
    var expectingJobs = false
    for argument in arguments {
      if expectingJobs {
        guard let count = Int(argument), count >= 1 else { return nil }
        jobs = count
        expectingJobs = false
        continue
      }
      if argument.hasPrefix("--jobs=") {
        guard let count = Int(argument.dropFirst("--jobs=".count)), count >= 1 else { return nil }
        jobs = count
        continue
      }
      switch argument {
      case "--jobs": expectingJobs = true
      case "--lines": lines = true
      case "--explain": explain = true
      case "--json": json = true
      case "--ascii-quotes": asciiQuotes = true
      case "--nfkc": nfkc = true
      case "--restore-quotes": restoreQuotes = true
      default:
        guard !sawInput, argument == "-" || !argument.hasPrefix("-"), argument != "help" else {
          return nil
        }
        input = argument
        sawInput = true
      }
    }
    if expectingJobs { return nil }
  }

  func run() throws {
    let repairer = MojibakeRepairer(
      options: RepairOptions(
        asciiQuotes: asciiQuotes, nfkc: nfkc, restoreQuotes: restoreQuotes, describeSteps: explain))
    let descriptor = try openInput()
    defer { if descriptor != 0 { close(descriptor) } }
    var output = StandardOutput()
    if lines {
      try streamLines(from: descriptor, repairer: repairer, into: &output)
    } else {
      let bytes = try readAll(descriptor)
      let text: String
      do {
        text = try TextDecoder().decode(bytes).text
      } catch {
        throw inputFailure("\(displayName): \(error)")
      }
      let repaired = repairer.repair(text)
      if explain {
        output.append(LineFixer.explanation(of: repaired, asJSON: json))
      } else {
        output.append(repaired.text)
      }
    }
    output.flush()
  }

  private var displayName: String { input == "-" ? "standard input" : input }

  private func openInput() throws -> Int32 {
    if input == "-" { return 0 }
    let descriptor = open(input, O_RDONLY)
    if descriptor < 0 {
      throw inputFailure("\(input): cannot open (\(String(cString: strerror(errno))))")
    }
    return descriptor
  }

  private func readAll(_ descriptor: Int32) throws -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw inputFailure("\(displayName): read failed (\(String(cString: strerror(errno))))")
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Reads chunks on a thread of its own (`ChunkReader`: input keeps arriving while lines are
  /// repaired), splits them at 0x0A only into slices of whole lines and repairs the slices on
  /// every core (`OrderedPipeline`: workers take the next slice whatever chunk it came from,
  /// and each result is written as soon as the ones before it are); output keeps the input's
  /// order, and memory stays bounded by the read-ahead, the slices in flight and the longest
  /// line. Input too small to be worth a thread, or `--jobs 1`, is repaired right here.
  private func streamLines(
    from descriptor: Int32, repairer: MojibakeRepairer, into output: inout StandardOutput
  )
    throws
  {
    // Asked only when the input is big enough for workers (the cgroup's quota files are
    // read to answer, which a small page, one call per file in a batch script, need not pay).
    func workerCount() -> Int { jobs ?? CoreCount.available }
    let fixer = LineFixer(repairer: repairer, explain: explain, json: json)
    let reader = ChunkReader(descriptor: descriptor)
    var pipeline: OrderedPipeline?
    // The process exits once the output is written (`WireTMCommand.main`): the workers are
    // left waiting rather than ended one by one (see `waitUntilWritten`).
    defer { pipeline?.waitUntilWritten() }
    func repair(_ lines: ArraySlice<UInt8>, last: Bool = false) {
      if pipeline == nil {
        let workers = lines.count < LineFixer.smallestParallelChunk ? 1 : workerCount()
        if workers == 1 {
          fixer.fixLines(lines, into: &output)
          return
        }
        output.flush()  // what was repaired here goes out before the workers' output
        pipeline = OrderedPipeline(
          workers: workers, maxInFlight: 8 * workers, descriptor: 1,
          transform: { fixer.fixLines($0) })
      }
      LineFixer.forEachSlice(of: lines, size: last ? LineFixer.lastSliceSize : LineFixer.sliceSize) {
        pipeline!.submit(lines[$0])
      }
    }
    // Bytes read but not yet handed on: the start of a line whose line feed has not come.
    var pending: [UInt8] = []
    while let chunk = try nextChunk(from: reader) {
      // The last line feed is near the end (lines are short), so a backward loop is cheap.
      guard let lastLineFeed = chunk.lastIndex(of: 0x0A) else {
        pending.append(contentsOf: chunk)
        continue
      }
      var start = chunk.startIndex
      if !pending.isEmpty, let firstLineFeed = chunk.firstIndex(of: 0x0A) {
        // The line begun in an earlier chunk goes out with a slice's worth of the lines
        // after it, copied: not the whole chunk (a megabyte copied and its pages faulted
        // in, for one line), nor the line alone (a slice of one line costs the workers, the
        // writer and the reader of the output a hand-over each, at every chunk). The cut
        // is where `forEachSlice` would cut the joined lines, so no short slice is left.
        let sliceEnd = chunk.startIndex + LineFixer.sliceSize - pending.count - 1
        let target = min(max(sliceEnd, firstLineFeed), lastLineFeed)
        let end = chunk[target...].firstIndex(of: 0x0A) ?? lastLineFeed
        pending.append(contentsOf: chunk[...end])
        repair(pending[...])
        pending = []
        start = end + 1
      }
      if start <= lastLineFeed {
        repair(chunk[start...lastLineFeed], last: lastLineFeed == chunk.endIndex - 1 && reader.isExhausted)
      }
      pending.append(contentsOf: chunk[(lastLineFeed + 1)...])
    }
    if !pending.isEmpty {
      pending.append(0x0A)
      repair(pending[...])
    }
  }

  private func nextChunk(from reader: ChunkReader) throws -> [UInt8]? {
    do {
      return try reader.next()
    } catch let failure as ChunkReader.ReadFailure {
      throw inputFailure("\(displayName): read failed (\(String(cString: strerror(failure.code))))")
    }
  }
}
