import ArgumentParser
import Foundation
import WireTM

struct TMStatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show what a store holds: pages, units, texts per language, lossy texts.",
    discussion: """
      Examples:
        wiretm tm stats --tm tm.sqlite
        wiretm tm stats --tm tm.sqlite --json
      """)

  @OptionGroup var store: StoreOption

  @Flag(help: "JSON output.")
  var json = false

  func run() throws {
    try reportingErrors("tm stats") {
      let stats = try store.open(readOnly: true).stats()
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(stats), as: UTF8.self))
        return
      }
      var lines = [
        "store:        \(store.path) (schema \(stats.schemaVersion), \(stats.fileBytes) bytes)",
        "pages:        \(stats.pages) (pages and TMX files added)",
        "units:        \(stats.units) (distinct English sentences)",
        "sightings:    \(stats.occurrences)",
        "alternatives: \(stats.alternativeVariants) (translations kept beside a preferred one)",
        "lossy texts:  \(stats.lossyVariants)",
        "language  texts      units",
      ]
      for language in stats.variantsByLanguage.keys.sorted() {
        let units = language == "en" ? stats.units : (stats.unitsByLanguage[language] ?? 0)
        lines.append(
          Self.column(LanguageTag.canonical(language), 8) + "  "
            + Self.column(String(stats.variantsByLanguage[language] ?? 0), 9) + "  " + String(units))
      }
      print(lines.joined(separator: "\n"))
    }
  }

  /// The text padded with spaces to `width` (never cut: `padding(toLength:)` would cut it).
  static func column(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }
}
