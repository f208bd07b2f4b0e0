import ArgumentParser
import WireTM

@main
struct WireTMCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wiretm",
    abstract: "Turn scraped multilingual wire copy into clean text and a translation memory.",
    discussion: """
      Pipeline: bytes → decode → repair → normalise → paragraphs → language → structure → \
      sentences → alignment → translation memory (TMX 1.4b, TSV, JSONL, SQLite store).

      Start with:  wiretm build seeds -o seeds.tmx

      \(ExitCodes.help)
      """,
    version: "0.1.0",
    subcommands: [Clean.self, Fix.self, LangID.self, Segment.self, Align.self, Build.self, TM.self])
}
