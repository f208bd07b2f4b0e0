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

/// Runs a subcommand body; library errors become one clear line on stderr and exit status 1.
func reportingErrors(_ command: String, _ body: () throws -> Void) throws {
  do {
    try body()
  } catch let exit as ExitCode {
    throw exit
  } catch let error as ValidationError {
    throw error
  } catch {
    printError("\(command): \(error)")
    throw ExitCode.failure
  }
}
