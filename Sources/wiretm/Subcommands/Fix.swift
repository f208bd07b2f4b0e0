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

  /// Reads large chunks, splits them at 0x0A only and repairs the complete lines of each
  /// chunk on every core (`LineFixer.fixLines`); output keeps the input's order, and memory
  /// stays bounded by the chunk size and the longest line.
  private func streamLines(
    from descriptor: Int32, repairer: MojibakeRepairer, into output: inout StandardOutput
  )
    throws
  {
    let fixer = LineFixer(
      repairer: repairer, explain: explain, json: json,
      workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    let chunkSize = 1 << 20
    // Not zeroed first: `read` fills what is used.
    var chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { _, count in count = chunkSize }
    // Bytes read but not yet handed on: the start of a line whose line feed has not come.
    var pending: [UInt8] = []
    while true {
      let count = try fill(&chunk, from: descriptor)
      if count == 0 { break }
      // The last line feed is near the end (lines are short), so a backward loop is cheap.
      let lastLineFeed = chunk[0..<count].lastIndex(of: 0x0A)
      guard let lastLineFeed else {
        pending.append(contentsOf: chunk[0..<count])
        continue
      }
      if pending.isEmpty {
        fixer.fixLines(chunk[0...lastLineFeed], into: &output)
      } else {
        pending.append(contentsOf: chunk[0...lastLineFeed])
        fixer.fixLines(pending[...], into: &output)
        pending.removeAll(keepingCapacity: true)
      }
      pending.append(contentsOf: chunk[(lastLineFeed + 1)..<count])
    }
    if !pending.isEmpty {
      pending.append(0x0A)
      fixer.fixLines(pending[...], into: &output)
    }
  }

  /// A chunk of this many bytes keeps every core busy with few hand-overs.
  static let chunkWorthSharing = 512 * 1024

  private static func milliseconds(since start: timespec) -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1_000_000
  }

  /// Reads into `chunk` what is available: one blocking read, then more while the input has
  /// data ready (a pipe hands over 64 KiB per read; the cores share a chunk better the
  /// larger it is), waiting briefly for more while the chunk is small, never long for a
  /// slow producer. 0 at the end of the input.
  private func fill(_ chunk: inout [UInt8], from descriptor: Int32) throws -> Int {
    var filled = 0
    var started = timespec()
    clock_gettime(CLOCK_MONOTONIC, &started)
    while filled < chunk.count {
      let count = chunk.withUnsafeMutableBytes {
        read(descriptor, $0.baseAddress! + filled, $0.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw inputFailure("\(displayName): read failed (\(String(cString: strerror(errno))))")
      }
      if count == 0 { break }
      filled += count
      var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      // A chunk too small to share well between the cores waits a moment for more: a
      // producer refilling a 64 KiB pipe takes a fraction of a millisecond, and chunks of
      // one pipe-full each kept the cores waiting on each other. A slow producer is waited
      // for 2 ms at a time and 10 ms in all, so its lines still come out at once.
      let wait: Int32 =
        filled < Self.chunkWorthSharing && Self.milliseconds(since: started) < 10 ? 2 : 0
      if poll(&ready, 1, wait) <= 0 || ready.revents & Int16(POLLIN | POLLHUP) == 0 { break }
    }
    return filled
  }
}
