import ArgumentParser
import Foundation
import WireTM

/// `wiretm langid`: one text per line in, one ISO 639-1 code (or "und") per line out.
struct LangID: ParsableCommand {
  /// The Latin model's languages, written out: ArgumentParser builds every subcommand's
  /// configuration at start-up, and reading them from the model (`Bundle.module` lookup and
  /// load) cost about a third of the start-up of every `wiretm` command. A test checks that
  /// this list matches `LanguageIdentifier.latinLanguages`.
  static let latinLanguagesForHelp = "en it es fr de pt ca ro nl sv da pl nb"

  static let configuration = CommandConfiguration(
    commandName: "langid",
    abstract: "Identify the language of each input line.",
    discussion: """
      Reads one text per line (a file, or stdin for "-" or no argument) and writes one ISO 639-1 \
      code per line, in the same order: "und" for a line without letters or without a confident \
      answer. Hangul, Han, Kana, Cyrillic, Greek, Arabic, Hebrew, Thai and Devanagari lines are \
      named by their script; Latin-script lines go to a character n-gram and word model of \
      \(Self.latinLanguagesForHelp). Tickers, names and URLs weigh \
      little; a line mixing languages gets the one with the most evidence.

      Examples:
        printf 'NKGen Biotech (OTC: NKGN) 소개\\nHekaBio guiderà le prove cliniche\\n' \\
          | wiretm langid --langs en,it,es,ko,fr,de
        ko
        it

        wiretm langid --json lines.txt
        {"lang":"en","confidence":0.998,"script":"Latn"}
      """)

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Answer only these languages (comma-separated ISO 639-1 codes).", valueName: "codes"))
  var langs: String?

  @Flag(name: .long, help: "Write one JSON object per line with the confidence and the script.")
  var json = false

  @Flag(
    name: .long,
    help: "With --langs: answer \"und\" for Latin lines that are more likely another known language.")
  var rejectOthers = false

  @Option(name: .long, help: "Answer \"und\" below this confidence (0...1).")
  var minConfidence: Double = 0.2

  @Argument(help: "A file of one text per line, or - for stdin.")
  var input: String = "-"

  func validate() throws {
    if let langs {
      let codes = Self.parse(langs)
      if codes.isEmpty { throw ValidationError("--langs needs at least one language code") }
      let unknown = codes.subtracting(LanguageIdentifier.supportedLanguages)
      if !unknown.isEmpty { throw ValidationError(UnknownLanguageError(codes: unknown.sorted()).description) }
    }
    if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be within 0...1") }
  }

  static func parse(_ list: String) -> Set<String> {
    Set(
      list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { !$0.isEmpty })
  }

  func run() throws {
    var identifier = LanguageIdentifier(labels: langs.map(Self.parse), minimumConfidence: minConfidence)
    identifier.rejectsOtherLanguages = rejectOthers
    let data: Data
    if input == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: input))
      } catch {
        throw InputError(path: input, reason: error.localizedDescription)
      }
    }
    var output: [UInt8] = []
    output.reserveCapacity(data.count / 8 + 64)
    data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      var lineStart = 0
      while lineStart < bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var textEnd = lineEnd
        if textEnd > lineStart && bytes[textEnd - 1] == 0x0D { textEnd -= 1 }
        let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<textEnd])
        write(identifier.identify(utf8: line), to: &output)
        lineStart = lineEnd + 1
        if output.count >= 1 << 16 { flush(&output) }
      }
    }
    flush(&output)
  }

  private func write(_ guess: LanguageGuess, to output: inout [UInt8]) {
    if json {
      let confidence = (guess.confidence * 1000).rounded() / 1000
      output.append(
        contentsOf: "{\"lang\":\"\(guess.code)\",\"confidence\":\(confidence),\"script\":\"\(guess.script)\"}"
          .utf8)
    } else {
      output.append(contentsOf: guess.code.utf8)
    }
    output.append(0x0A)
  }

  private func flush(_ output: inout [UInt8]) {
    output.withUnsafeBufferPointer { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
    output.removeAll(keepingCapacity: true)
  }
}

/// An input file that could not be read (exit status 1, no usage text).
struct InputError: Error, CustomStringConvertible {
  var path: String
  var reason: String
  var description: String { "cannot read \(path): \(reason)" }
}
