import ArgumentParser
import Foundation
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

  /// `fix` runs once per file or stream in batch scripts, where start-up counts: parsing
  /// through ArgumentParser looks up argument types by reflection at run time, which takes
  /// milliseconds in a statically linked binary. A `fix` invocation made only of its flags
  /// and an input path runs straight away; everything else (help, errors, other commands)
  /// goes through ArgumentParser, with its usual messages and exit codes.
  static func main() {
    let arguments = CommandLine.arguments.dropFirst()
    if arguments.first == "fix", let job = FixJob(arguments: arguments.dropFirst()) {
      do {
        try job.run()
      } catch {
        Fix.exit(withError: error)
      }
      // Everything is written: the process ends here, with no object graph taken down on
      // the way out (the job's and the pipeline's, whose threads `exit` ends).
      Foundation.exit(0)
    }
    main(nil)
  }
}
