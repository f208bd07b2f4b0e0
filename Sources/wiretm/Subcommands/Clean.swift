import ArgumentParser
import Foundation
import WireTM

struct Clean: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Decode, repair and normalise one page: bytes in, clean UTF-8 text out.",
    discussion: """
      Reads the page's bytes (UTF-8, UTF-16/32 with or without BOM, or a legacy charset found by \
      ICU's detector), repairs mojibake and HTML entities, marks lost characters (U+FFFD), and \
      writes NFC-normalised UTF-8 with LF line ends. The output file is written atomically.

      Examples:
        wiretm clean seeds/000_aed1e95bd92afcad.txt -o clean.txt
        curl -s https://example.com/release | wiretm clean - --explain > clean.txt
        wiretm clean page.txt --explain --json -o clean.txt 2> repairs.jsonl

      \(ExitCodes.help)
      """)

  @Argument(help: "The page to clean, or - for standard input.")
  var input: String

  @Option(name: .shortAndLong, help: "Where to write the clean text (default: standard output).")
  var output: String?

  @Flag(help: "Report the encoding and every repair (line, kind, detail) on standard error.")
  var explain = false

  @Flag(help: "With --explain: one JSON object per line instead of text.")
  var json = false

  func run() throws {
    do {
      let bytes = try readInput(input)
      if bytes.isEmpty {
        throw UserError(message: "\(input): empty file, nothing to clean", exitCode: ExitCodes.badInput)
      }
      let page = try PageCleaner().clean(bytes, document: input)
      let text = page.text.isEmpty ? "" : page.text + "\n"
      if let output {
        try writeAtomically(Data(text.utf8), to: output)
      } else {
        var out = StandardOutput()
        out.write(text)
        out.flush()
      }
      if explain { report(page) }
    } catch let error as UserError {
      printError(error.message)
      throw error.exitCode
    } catch let error as PageError {
      printError(error.description)
      throw ExitCodes.badInput
    }
  }

  func report(_ page: CleanedPage) {
    var lines: [String] = []
    if json {
      lines.append(
        jsonLine([
          "document": page.document, "encoding": page.encoding, "bom": page.hadByteOrderMark,
          "repairs": page.repairs.count, "lost_characters": page.lostCharacters,
        ]))
      for (line, step) in page.repairs {
        lines.append(
          jsonLine([
            "line": line + 1, "kind": step.kind, "start": step.start, "end": step.end,
            "detail": step.detail,
          ]))
      }
    } else {
      lines.append(
        "\(page.document): encoding \(page.encoding)\(page.hadByteOrderMark ? " (BOM)" : ""), "
          + "\(page.repairs.count) repairs, \(page.lostCharacters) characters lost (U+FFFD)")
      for (line, step) in page.repairs {
        lines.append("  line \(line + 1): \(step.kind): \(step.detail)")
      }
    }
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
  }
}

/// One JSON object on one line, keys sorted.
func jsonLine(_ object: [String: Any]) -> String {
  let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
  return String(decoding: data, as: UTF8.self)
}

/// Writes data to path atomically (a temporary file in the same folder, then a rename), so a
/// reader never sees half a file and a failed run leaves the old file in place.
func writeAtomically(_ data: Data, to path: String) throws {
  do {
    try AtomicFile.write(data, to: URL(fileURLWithPath: path))
  } catch {
    throw UserError(
      message: "\(path): cannot write output (\((error as? AtomicFileError)?.message ?? "\(error)"))",
      exitCode: ExitCodes.cannotWrite)
  }
}
