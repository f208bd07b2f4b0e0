import ArgumentParser
import Foundation
import WireTM

struct Segment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Split paragraphs into sentences (ICU plus wiretm's abbreviation and ordinal rules).",
    discussion: """
      Each input line is one paragraph.

      With --lines, every line is "xx<TAB>paragraph" (xx = ISO 639-1 code) and the output has
      exactly one line per input line: that paragraph's sentences joined by TAB, text unchanged.
      Otherwise --lang gives the language and every sentence is printed on its own line.

      Examples:
        printf 'en\\tShares of Examplo, Inc. rose. Dr. Roe spoke.\\n' | wiretm segment --lines
        wiretm segment --lang de bericht.txt
        cat paragraphs.txt | wiretm segment --lang ko -
      """)

  @Flag(help: "Read \"xx<TAB>paragraph\" lines; print each paragraph's sentences joined by TAB.")
  var lines = false

  @Option(help: "Language of the input when not using --lines (en, it, es, ko, fr, de, …).")
  var lang: String?

  @Argument(help: "Input file, or - for standard input (the default).")
  var input: String = "-"

  func validate() throws {
    if !lines && lang == nil {
      throw ValidationError("give --lang xx (or use --lines with \"xx<TAB>paragraph\" input)")
    }
  }

  func run() throws {
    let segmenter = RuleSentenceSegmenter()
    let reader = try LineSource(path: input)
    var output = StandardOutput()
    while let line = reader.next() {
      if lines {
        let (language, paragraph) = splitLanguage(line)
        let sentences = segmenter.sentences(in: paragraph, language: language)
        output.write(sentences.joined(separator: "\t"))
        output.write("\n")
      } else {
        for sentence in segmenter.sentences(in: line, language: lang ?? "en") {
          output.write(sentence)
          output.write("\n")
        }
      }
    }
    output.flush()
  }

  /// "xx<TAB>text" → ("xx", "text"); a line without a TAB is English text.
  private func splitLanguage(_ line: String) -> (String, String) {
    guard let tab = line.firstIndex(of: "\t") else { return ("en", line) }
    return (String(line[..<tab]), String(line[line.index(after: tab)...]))
  }
}

/// Lines of a file or of standard input, without their line ends.
final class LineSource {
  private var lines: [ArraySlice<UInt8>]
  private var position = 0
  private let storage: [UInt8]

  init(path: String) throws {
    do {
      storage = try readInput(path)
    } catch let error as UserError {
      throw inputFailure(error.message)
    }
    lines = storage.split(separator: 10, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
  }

  func next() -> String? {
    guard position < lines.count else { return nil }
    defer { position += 1 }
    var line = lines[position]
    if line.last == 13 { line = line.dropLast() }
    return String(decoding: line, as: UTF8.self)
  }
}
