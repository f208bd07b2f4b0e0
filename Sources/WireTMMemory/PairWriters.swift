/// Writes sentence pairs as TSV: `english<TAB>translation`, one pair per line.
///
/// MT training tools split each line on its one tab, so a tab or line break inside a text
/// (possible in scraped text) becomes a space; nothing else is changed. Every variant of the
/// target language is written, preferred first: each is a real translation seen in a page.
public struct TSVWriter: Sendable {
  public init() {}

  public func write<Entries: Sequence<MemoryEntry>, Out: TextOutputStream>(
    _ entries: Entries, pair: LanguagePair, options: TMExportOptions = TMExportOptions(),
    to out: inout Out
  ) -> TMExportReport {
    var report = TMExportReport()
    for entry in entries {
      writeEntry(entry, pair: pair, options: options, report: &report, to: &out)
    }
    return report
  }

  /// Writes the pairs of one entry.
  public func writeEntry<Out: TextOutputStream>(
    _ entry: MemoryEntry, pair: LanguagePair, options: TMExportOptions,
    report: inout TMExportReport,
    to out: inout Out
  ) {
    var pairOptions = options
    pairOptions.pair = pair
    guard let kept = pairOptions.apply(to: entry) else {
      report.skippedEntries += 1
      return
    }
    let english = Self.field(kept.english.text)
    for variant in kept.translations {
      out.write(english)
      out.write("\t")
      out.write(Self.field(variant.text))
      out.write("\n")
      report.units += 1
      report.variants += 2
    }
  }

  /// The text with tabs and line breaks turned into spaces.
  static func field(_ text: String) -> String {
    guard
      text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        || text.unicodeScalars.contains(where: {
          $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}"
        })
    else { return text }
    return String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          switch scalar {
          case "\t", "\n", "\r", "\u{2028}", "\u{2029}", "\u{85}": " "
          default: scalar
          }
        }))
  }
}

/// Writes JSON Lines: one object per line, keys sorted.
///
/// With a pair (`en-ko`), one object per sentence pair, the shape MT training loaders read:
/// `{"confidence":0.93,"en":"…","ko":"…","lossy":false,"tuid":"…"}`. Without a pair, one object
/// per translation unit with the preferred text of every language:
/// `{"de":"…","en":"…","ko":"…","tuid":"…"}`.
public struct JSONLWriter: Sendable {
  public init() {}

  public func write<Entries: Sequence<MemoryEntry>, Out: TextOutputStream>(
    _ entries: Entries, pair: LanguagePair?, options: TMExportOptions = TMExportOptions(),
    to out: inout Out
  ) -> TMExportReport {
    var report = TMExportReport()
    for entry in entries {
      writeEntry(entry, pair: pair, options: options, report: &report, to: &out)
    }
    return report
  }

  /// Writes one entry: a line per pair, or one line for the unit.
  public func writeEntry<Out: TextOutputStream>(
    _ entry: MemoryEntry, pair: LanguagePair?, options: TMExportOptions,
    report: inout TMExportReport,
    to out: inout Out
  ) {
    var kept = options
    if let pair { kept.pair = pair }
    guard let entry = kept.apply(to: entry) else {
      report.skippedEntries += 1
      return
    }
    if let pair {
      for variant in entry.translations {
        writePair(entry, variant, pair: pair, to: &out)
        report.units += 1
        report.variants += 2
      }
    } else {
      writeUnit(entry, to: &out)
      report.units += 1
      report.variants += 1 + entry.languages.count
    }
  }

  private func writePair<Out: TextOutputStream>(
    _ entry: MemoryEntry, _ variant: MemoryVariant, pair: LanguagePair, to out: inout Out
  ) {
    // Keys sorted: "confidence" < "en" < target < "lossy" < "tuid" holds for two-letter
    // targets; sort explicitly so any tag works.
    var fields: [(String, String)] = [
      ("confidence", variant.confidence.shortestText),
      ("en", JSONEscaping.string(entry.english.text)),
      ("lossy", entry.english.lossy || variant.lossy ? "true" : "false"),
      ("tuid", JSONEscaping.string(entry.tuid)),
    ]
    fields.append((LanguageTag.canonical(pair.target), JSONEscaping.string(variant.text)))
    writeObject(fields, to: &out)
  }

  private func writeUnit<Out: TextOutputStream>(_ entry: MemoryEntry, to out: inout Out) {
    var fields: [(String, String)] = [
      ("en", JSONEscaping.string(entry.english.text)), ("tuid", JSONEscaping.string(entry.tuid)),
    ]
    for language in entry.languages {
      if let preferred = entry.variants(of: language).first {
        fields.append((LanguageTag.canonical(language), JSONEscaping.string(preferred.text)))
      }
    }
    writeObject(fields, to: &out)
  }

  private func writeObject<Out: TextOutputStream>(_ fields: [(String, String)], to out: inout Out) {
    out.write("{")
    for (index, field) in fields.sorted(by: { $0.0 < $1.0 }).enumerated() {
      if index > 0 { out.write(",") }
      JSONEscaping.append(field.0, to: &out)
      out.write(":")
      out.write(field.1)
    }
    out.write("}\n")
  }
}
