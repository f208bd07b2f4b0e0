import ArgumentParser
import Foundation
import WireTM

struct TMImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Merge TMX files (OmegaT, Okapi, translate-toolkit, wiretm) into the store.",
    discussion: """
      Each file is read with a strict XML parser that never fetches a DTD and refuses entity declarations, and is merged in one transaction: a malformed file changes nothing. Units are keyed by their English <tuv>; units without one are skipped and counted. Importing the same file twice is a no-op. The store is created if it does not exist.

      Examples:
        wiretm tm import --tm tm.sqlite project-omegat.tmx
        wiretm tm import --tm tm.sqlite vendor/*.tmx
      """)

  @OptionGroup var store: StoreOption

  @Argument(help: ArgumentHelp("TMX files to import.", valueName: "FILE.tmx"))
  var files: [String]

  func run() throws {
    var failures = 0
    try reportingErrors("tm import") {
      let tm = try store.open(readOnly: false)
      for file in files {
        do {
          let result = try tm.importTMX(at: URL(fileURLWithPath: file))
          if result.skipped {
            printError("\(file): already imported (same content); nothing to do")
            continue
          }
          let added = result.added
          var line =
            "\(file): \(result.read.entries) units (\(added.newUnits) new, \(added.mergedUnits) merged), "
          line +=
            "\(added.newVariants + added.mergedVariants) texts (\(added.newVariants) new, \(added.mergedVariants) merged)"
          if result.read.unitsWithoutEnglish > 0 {
            line += "; \(result.read.unitsWithoutEnglish) units without English skipped"
          }
          if result.read.inlineCodesDropped > 0 {
            line += "; \(result.read.inlineCodesDropped) inline codes left out"
          }
          print(line)
        } catch {
          printError("tm import: \(error)")
          failures += 1
          if error is TMStoreError { break }
        }
      }
    }
    // Documented exit codes: 65 when no file could be imported, 1 when only some failed.
    if failures > 0 { throw failures == files.count ? ExitCodes.badInput : ExitCodes.someInputsFailed }
  }
}
