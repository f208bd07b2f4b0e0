import ArgumentParser
import Foundation
import WireTM

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build a translation memory from pages: TMX 1.4b, TSV, JSONL or a SQLite store.",
    discussion: """
      Each page is decoded, repaired and normalised; its paragraphs are identified by language; \
      the English original and its translation blocks are found; sentences are split and aligned; \
      and every English sentence becomes one translation unit with its translations. The same \
      English sentence seen again (on this page or another) merges into the same unit. \
      Directories are walked recursively; pages run in parallel on all cores. A page that cannot \
      be read is reported and skipped; the rest finish. Output files are written atomically.

      Examples:
        wiretm build seeds -o seeds.tmx
        wiretm build pages/ --tsv pairs/ --jsonl units.jsonl
        wiretm build pages/ --tm store.sqlite     # a re-run skips stored pages
        wiretm build page.txt --explain -o page.tmx    # paragraph roles and languages
        wiretm build page.txt --pair en-ko -o en-ko.tmx
        cat page.txt | wiretm build - -o -

      \(ExitCodes.help)
      """)

  @Argument(help: "Pages or directories of pages; - reads one page from standard input.")
  var inputs: [String]

  @Option(name: .shortAndLong, help: ArgumentHelp("Write a TMX 1.4b file (- for standard output).", valueName: "out.tmx"))
  var output: String?

  @Option(help: ArgumentHelp("Write one TSV file of sentence pairs per language into this folder (en-xx.tsv).", valueName: "dir"))
  var tsv: String?

  @Option(help: ArgumentHelp("Write one JSON object per translation unit (per pair with --pair).", valueName: "file"))
  var jsonl: String?

  @Option(name: .customLong("tm"), help: ArgumentHelp("Add the pages to a translation-memory store.", valueName: "store.sqlite"))
  var store: String?

  @Option(help: ArgumentHelp("Export only this pair, e.g. en-ko (bilingual TMX, TSV, JSONL).", valueName: "en-xx"))
  var pair: String?

  @Option(help: "Drop translations aligned with less confidence than this (0...1) from the files written.")
  var minConfidence: Double = 0

  @Flag(help: "Leave out units whose text has lost characters (U+FFFD) from the files written.")
  var noLossy = false

  @Flag(name: .shortAndLong, help: "Print no summary.")
  var quiet = false

  @Flag(help: "Print each page's paragraphs with their language, role and translation blocks on standard error.")
  var explain = false

  func validate() throws {
    if output == nil && tsv == nil && jsonl == nil && store == nil {
      throw ValidationError("nothing to write: give -o OUT.tmx, --tsv DIR, --jsonl FILE or --tm STORE")
    }
    if let pair, LanguagePair(parsing: pair) == nil {
      throw ValidationError("--pair takes two language tags like en-ko, not '\(pair)'")
    }
    if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence takes a number from 0 to 1") }
  }

  func run() throws {
    let expanded = expandInputs(inputs)
    var summary = BuildSummary()
    for problem in expanded.problems {
      printError(problem)
      summary.failures += 1
    }
    let tmStore: SQLiteTMStore?
    do {
      tmStore = try store.map { try SQLiteTMStore(url: URL(fileURLWithPath: $0)) }
    } catch {
      printError("\(store ?? ""): \(error)")
      throw ExitCodes.cannotWrite
    }
    var memory = TranslationMemory()
    let collectsFiles = output != nil || tsv != nil || jsonl != nil
    // Step details are for `clean --explain`; a batch needs only the kinds, for provenance.
    let repairer = MojibakeRepairer(options: RepairOptions(describeSteps: false))
    let pipeline = PagePipeline(cleaner: PageCleaner(repairer: repairer), aligner: AnchorAligner())
    var progress = Progress(total: expanded.files.count)

    let skip: @Sendable (String) -> Bool = { hash in (try? tmStore?.containsPage(contentHash: hash)) == true }
    var done = 0
    try processInBatches(expanded.files, pipeline: pipeline, skip: skip) { outcomes in
      for (file, outcome) in outcomes {
        done += 1
        switch outcome {
        case .failed(let error):
          printError(Self.message(for: error, file: file))
          summary.failures += 1
        case .skipped:
          summary.skippedPages += 1
        case .processed(let page, let hash):
          summary.record(page)
          if explain { FileHandle.standardError.write(Data(Self.explanation(of: page).utf8)) }
          if collectsFiles {
            let (new, merged) = memory.add(page.units)
            if tmStore == nil {
              summary.newUnits += new
              summary.mergedUnits += merged
            }
          }
          if let tmStore {
            do {
              let added = try tmStore.addPage(document: file, contentHash: hash, units: page.units)
              if added.skipped { summary.skippedPages += 1 }
              summary.newUnits += added.newUnits
              summary.mergedUnits += added.mergedUnits
            } catch {
              printError("\(store ?? ""): cannot add \(file): \(error)")
              throw ExitCodes.cannotWrite
            }
          }
        }
        progress.update(done: done, failed: summary.failures)
      }
    }
    // No usable input at all: leave existing outputs alone rather than replace them with empty ones.
    if summary.failures > 0 && summary.pages == 0 && summary.skippedPages == 0 {
      if !quiet { FileHandle.standardError.write(Data(summary.text(store: store != nil).utf8)) }
      throw ExitCodes.badInput
    }
    try writeFiles(memory)
    if !quiet { FileHandle.standardError.write(Data(summary.text(store: store != nil).utf8)) }
    if summary.failures > 0 {
      throw summary.pages == 0 ? ExitCodes.badInput : ExitCodes.someInputsFailed
    }
  }

  var exportOptions: TMExportOptions {
    TMExportOptions(
      pair: pair.flatMap(LanguagePair.init(parsing:)), minConfidence: minConfidence, includeLossy: !noLossy)
  }

  func writeFiles(_ memory: TranslationMemory) throws {
    do {
      if let output {
        if output == "-" {
          var out = StandardOutput()
          _ = try TMExport.write(
            format: .tmx, options: exportOptions, pair: exportOptions.pair, to: &out
          ) { body in for entry in memory.entries { try body(entry) } }
          out.flush()
        } else {
          try memory.export(format: .tmx, to: URL(fileURLWithPath: output), options: exportOptions)
        }
      }
      if let jsonl {
        try memory.export(format: .jsonl, to: URL(fileURLWithPath: jsonl), options: exportOptions)
      }
      if let tsv { try writeTSV(memory, folder: tsv) }
    } catch let error as ExitCode {
      throw error
    } catch {
      printError("cannot write output: \(error)")
      throw ExitCodes.cannotWrite
    }
  }

  /// One TSV file per language pair present (or the one `--pair`).
  func writeTSV(_ memory: TranslationMemory, folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var targets: [String] = []
    if let pair = exportOptions.pair {
      targets = [pair.target]
    } else {
      for entry in memory.entries {
        for language in entry.languages where language != "en" && !targets.contains(language) {
          targets.append(language)
        }
      }
    }
    for target in targets {
      var options = exportOptions
      options.pair = LanguagePair(source: "en", target: target)
      let url = URL(fileURLWithPath: folder).appendingPathComponent("en-\(target).tsv")
      try memory.export(format: .tsv, to: url, options: options)
    }
  }

  /// One line per paragraph: index, language and confidence, role, the start of its text;
  /// then the translation blocks and the units found.
  static func explanation(of page: ProcessedPage) -> String {
    var lines = ["\(page.cleaned.document): encoding \(page.cleaned.encoding), \(page.paragraphs.count) paragraphs"]
    for paragraph in page.paragraphs {
      let guess = page.languages[paragraph.index]
      let confidence = String(format: "%.2f", guess.confidence)
      let role = describe(page.structure.roles[paragraph.index])
      let preview = String(paragraph.text.prefix(60))
      lines.append("  ¶\(paragraph.index) \(guess.code) \(confidence) \(paragraph.kind.rawValue) \(role): \(preview)")
    }
    for block in page.structure.blocks {
      let source = block.source.map { "¶\($0)" }.joined(separator: ",")
      let target = block.paragraphs.map { "¶\($0)" }.joined(separator: ",")
      lines.append("  block \(block.language): \(target) translates \(source) (score \(String(format: "%.2f", block.score)))")
    }
    lines.append("  \(page.units.count) units")
    return lines.joined(separator: "\n") + "\n"
  }

  static func describe(_ role: PageStructure.Role) -> String {
    switch role {
    case .original: "original"
    case .translation(let language): "translation(\(language))"
    case .untranslated: "untranslated"
    case .repeated(let earlier): "repeat of ¶\(earlier)"
    case .boilerplate: "boilerplate"
    case .layout: "layout"
    case .unmatched: "unmatched"
    }
  }

  static func message(for error: Error, file: String) -> String {
    switch error {
    case let error as PageError: error.description
    case let error as UserError: error.message
    default: "\(file): \(error)"
    }
  }
}

/// What a build did, printed at the end on standard error.
struct BuildSummary {
  var pages = 0
  var failures = 0
  var skippedPages = 0
  var newUnits = 0
  var mergedUnits = 0
  var pairsByLanguage: [String: Int] = [:]
  var repairs = 0
  var lossyUnits = 0

  mutating func record(_ page: ProcessedPage) {
    pages += 1
    repairs += page.cleaned.repairs.count
    for unit in page.units {
      if unit.isLossy { lossyUnits += 1 }
      for translation in unit.translations { pairsByLanguage[translation.language, default: 0] += 1 }
    }
  }

  func text(store: Bool) -> String {
    let pairs = pairsByLanguage.keys.sorted().map { "en-\($0) \(pairsByLanguage[$0]!)" }.joined(separator: ", ")
    var lines = [
      "wiretm build: \(pages) pages, \(failures) failed\(store ? ", \(skippedPages) already in the store" : "")",
      "  units: \(newUnits) new, \(mergedUnits) merged; sentence pairs: \(pairs.isEmpty ? "none" : pairs)",
      "  repairs: \(repairs); units with lost characters (U+FFFD): \(lossyUnits)",
    ]
    if failures > 0 { lines.append("  failed pages are listed above") }
    return lines.joined(separator: "\n") + "\n"
  }
}
