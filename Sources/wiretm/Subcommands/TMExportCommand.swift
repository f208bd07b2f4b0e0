import ArgumentParser
import Foundation
import WireTM

struct TMExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the store as TMX 1.4b, TSV pairs or JSON Lines.",
    discussion: """
      TMX is multilingual by default (one <tu> per English sentence, English first, then every language) or bilingual with --pair. TSV and JSONL with a pair write one sentence pair per line (no tab or line break inside a field), as MT training tools read them; JSONL without a pair writes one object per unit. The output file is written atomically.

      Examples:
        wiretm tm export --tm tm.sqlite --format tmx -o memory.tmx
        wiretm tm export --tm tm.sqlite --format tmx --pair en-ko -o en-ko.tmx
        wiretm tm export --tm tm.sqlite --format tsv --pair en-ko \\
          --min-confidence 0.8 --no-lossy -o en-ko.tsv
        wiretm tm export --tm tm.sqlite --format jsonl --langs en,fr -o u.jsonl
        wiretm tm export --tm tm.sqlite --format jsonl --pair en-de -o - | head
      """)

  @OptionGroup var store: StoreOption

  @Option(help: "tmx, tsv or jsonl.")
  var format: Format = .tmx

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Output file, or - for standard output.", valueName: "OUT"))
  var output: String

  @Option(
    help: ArgumentHelp("Languages to write, English first (e.g. en,ko,fr).", valueName: "en,xx,...")
  )
  var langs: String?

  @Option(help: ArgumentHelp("A bilingual export (e.g. en-ko, or en,pt-BR).", valueName: "en-xx"))
  var pair: String?

  @Option(
    name: .customLong("min-confidence"),
    help: "Leave out translations aligned with less confidence (0-1).")
  var minConfidence: Double = 0

  @Flag(
    name: .customLong("no-lossy"),
    help: "Leave out text holding U+FFFD (characters lost before wiretm saw them).")
  var noLossy = false

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case tmx, tsv, jsonl
  }

  func validate() throws {
    if langs != nil && pair != nil { throw ValidationError("give --langs or --pair, not both") }
    if let pair, LanguagePair(parsing: pair) == nil {
      throw ValidationError(
        "--pair \(pair): expected en-xx (English first, e.g. en-ko or en,pt-BR)")
    }
    if let langs {
      for tag in langs.split(separator: ",") where !LanguageTag.isWellFormed(String(tag)) {
        throw ValidationError("--langs: \(tag) is not a language tag (e.g. en,ko,pt-BR)")
      }
    }
    guard (0...1).contains(minConfidence) else {
      throw ValidationError("--min-confidence must be between 0 and 1")
    }
  }

  func run() throws {
    try reportingErrors("tm export") {
      let options = TMExportOptions(
        languages: langs.map { $0.split(separator: ",").map(String.init) },
        pair: pair.flatMap(LanguagePair.init(parsing:)), minConfidence: minConfidence,
        includeLossy: !noLossy)
      let exportFormat = TMExportFormat(rawValue: format.rawValue)!
      let tm = try store.open(readOnly: true)
      let report: TMExportReport
      if output == "-" {
        var out = StandardOutput()
        let pair = TMExport.pair(for: options)
        if exportFormat == .tsv && pair == nil { throw TMStoreError.pairRequired(format: "TSV") }
        report = try TMExport.write(format: exportFormat, options: options, pair: pair, to: &out) {
          try tm.forEachEntry($0)
        }
        out.flush()
      } else {
        report = try tm.export(
          format: exportFormat, to: URL(fileURLWithPath: output), options: options)
      }
      var summary =
        "tm export: \(report.units) \(exportFormat == .tmx ? "units" : "lines"), \(report.variants) texts"
      if report.skippedEntries > 0 {
        summary += "; \(report.skippedEntries) units left out by the filters"
      }
      if report.removedCharacters > 0 {
        summary +=
          "; \(report.removedCharacters) characters XML 1.0 forbids were removed (recorded as a repair)"
      }
      printError(summary)
    }
  }
}
