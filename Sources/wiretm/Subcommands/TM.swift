import ArgumentParser
import Foundation
import WireTM

/// `wiretm tm …`: the translation-memory store's subcommands.
struct TM: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tm",
    abstract: "Query, import into and export from a translation-memory store (one SQLite file).",
    discussion: """
      A store keeps one unit per normalised English sentence, every translation seen for it (with counts, alignment confidence, repairs, lossy flag and source documents), and fills up with `wiretm build PAGES --tm tm.sqlite` or `wiretm tm import`.

      Examples:
        wiretm tm stats --tm tm.sqlite
        wiretm tm lookup --tm tm.sqlite "Revenue rose 6%." --lang ko
        wiretm tm export --tm tm.sqlite --format tmx -o memory.tmx
        wiretm tm import --tm tm.sqlite from-omegat.tmx
      """,
    subcommands: [
      TMExportCommand.self, TMImportCommand.self, TMLookupCommand.self, TMStatsCommand.self,
    ])
}

/// The `--tm` option every `tm` subcommand shares.
struct StoreOption: ParsableArguments {
  @Option(
    name: .customLong("tm"),
    help: ArgumentHelp("The store file (SQLite).", valueName: "store.sqlite"))
  var path: String

  var url: URL { URL(fileURLWithPath: path) }

  /// Opens the store; read-only stores are opened without creating anything.
  func open(readOnly: Bool) throws -> SQLiteTMStore {
    try SQLiteTMStore(url: url, options: .init(readOnly: readOnly))
  }
}

/// Prints a message to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Runs a subcommand body; library errors become one clear line on stderr and exit status 1.
func reportingErrors(_ command: String, _ body: () throws -> Void) throws {
  do {
    try body()
  } catch let exit as ExitCode {
    throw exit
  } catch let error as ValidationError {
    throw error
  } catch {
    printError("wiretm \(command): \(error)")
    throw ExitCode.failure
  }
}

/// Standard output as a `TextOutputStream`, buffered.
struct StandardOutput: TextOutputStream {
  private var buffer: [UInt8] = []

  mutating func write(_ string: String) {
    var string = string
    string.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}
