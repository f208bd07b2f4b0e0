import ArgumentParser
import Foundation
import WireTM

struct TMLookupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup",
    abstract: "Find exact and fuzzy matches for an English sentence.",
    discussion: """
      The match percentage is the one CAT tools show: 100 for the same sentence, otherwise 100 × (1 − token edit distance / longer length), at most 99. Candidates come from the store's full-text index, so lookups stay fast on millions of units.

      Examples:
        wiretm tm lookup --tm tm.sqlite "Revenue rose 6% to $1.4 billion."
        wiretm tm lookup --tm tm.sqlite "Revenue rose 6%." --lang ko --min 80
        wiretm tm lookup --tm tm.sqlite "Shares fell." --json
        wiretm tm lookup --tm tm.sqlite --queries sentences.txt --json
      """)

  @OptionGroup var store: StoreOption

  @Argument(help: "The English sentence.")
  var sentence: String?

  @Option(help: ArgumentHelp("Only matches with a translation in this language.", valueName: "xx"))
  var lang: String?

  @Option(help: "The lowest match percentage shown.")
  var min: Int = 70

  @Option(help: "The most matches shown per query.")
  var limit: Int = 10

  @Flag(help: "JSON output (with --queries: one JSON line per query).")
  var json = false

  @Option(
    help: ArgumentHelp("Look up every line of a file (- for standard input).", valueName: "FILE"))
  var queries: String?

  @Flag(help: "With --queries --json: add each lookup's time in milliseconds (\"ms\").")
  var timings = false

  func validate() throws {
    if (sentence == nil) == (queries == nil) {
      throw ValidationError("give one English sentence, or --queries FILE")
    }
    guard (0...100).contains(min) else { throw ValidationError("--min must be between 0 and 100") }
    guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    if let lang, !LanguageTag.isWellFormed(lang) {
      throw ValidationError("--lang \(lang) is not a language tag")
    }
  }

  func run() throws {
    try reportingErrors("tm lookup") {
      let tm = try store.open(readOnly: true)
      if let sentence {
        let matches = try tm.lookup(sentence, language: lang, minScore: min, limit: limit)
        if json {
          print("[" + matches.map(Self.json).joined(separator: ",") + "]")
        } else if matches.isEmpty {
          printError("no match of \(min)% or more")
        } else {
          print(matches.map(Self.text).joined(separator: "\n"))
        }
        return
      }
      try lookUpLines(tm)
    }
  }

  private func lookUpLines(_ tm: SQLiteTMStore) throws {
    let data: Data
    if queries == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let read = FileManager.default.contents(atPath: queries ?? "") else {
        throw ValidationError("\(queries ?? ""): cannot read the file")
      }
      data = read
    }
    var out = StandardOutput()
    for line in String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      let query = String(line.hasSuffix("\r") ? line.dropLast() : line)
      if query.isEmpty { continue }
      let start = DispatchTime.now().uptimeNanoseconds
      let matches = try tm.lookup(query, language: lang, minScore: min, limit: limit)
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
      if json {
        var object = "{\"matches\":[" + matches.map(Self.json).joined(separator: ",") + "]"
        if timings { object += ",\"ms\":\(elapsed)" }
        out.write(object + ",\"query\":" + Self.jsonString(query) + "}\n")
      } else {
        out.write(
          "== \(query)\n"
            + (matches.isEmpty
              ? "no match of \(min)% or more" : matches.map(Self.text).joined(separator: "\n"))
            + "\n")
      }
    }
    out.flush()
  }

  static func text(_ match: TMMatch) -> String {
    var lines = [
      "\(match.score)%\t\(match.entry.english.text)\t(seen \(match.entry.english.count)×)"
    ]
    for variant in match.entry.translations {
      var line =
        "\t\(LanguageTag.canonical(variant.language))\t\(variant.text)\t(confidence \(variant.confidence), seen \(variant.count)×"
      if variant.lossy { line += ", lossy" }
      lines.append(line + ")")
    }
    return lines.joined(separator: "\n")
  }

  static func json(_ match: TMMatch) -> String {
    let translations = match.entry.translations.map { variant in
      "{\"confidence\":\(variant.confidence),\"count\":\(variant.count),\"documents\":["
        + variant.documents.map(jsonString).joined(separator: ",") + "],\"language\":"
        + jsonString(LanguageTag.canonical(variant.language))
        + ",\"lossy\":\(variant.lossy),\"text\":"
        + jsonString(variant.text) + "}"
    }
    return "{\"count\":\(match.entry.english.count),\"en\":" + jsonString(match.entry.english.text)
      + ",\"score\":\(match.score),\"translations\":[" + translations.joined(separator: ",")
      + "],\"tuid\":"
      + jsonString(match.entry.tuid) + "}"
  }

  static func jsonString(_ text: String) -> String {
    let data =
      (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]))
      ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }
}
