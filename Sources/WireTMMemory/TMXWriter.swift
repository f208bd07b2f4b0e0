/// The version written as TMX `creationtoolversion`.
public enum WireTMMemoryVersion {
  public static let current = "0.1.0"
}

/// What a writer wrote, for the summary users see.
public struct TMExportReport: Hashable, Sendable {
  /// Translation units (TMX) or lines (TSV, JSONL) written.
  public var units: Int = 0
  /// Language variants written (English included).
  public var variants: Int = 0
  /// Characters dropped because XML 1.0 forbids them (TMX only).
  public var removedCharacters: Int = 0
  /// Entries left out by the export's filters.
  public var skippedEntries: Int = 0

  public init() {}
}

/// Writes TMX 1.4b, valid against the LISA DTD (`tmx14.dtd`).
///
/// One `<tu>` per English key, `<tuv xml:lang="en">` first, then one `<tuv>` per language in
/// tag order. Metadata goes in `<prop type="x-…">` elements, sorted by type, so the same memory
/// always gives the same bytes:
///
/// - on the `<tu>`: `x-lossy` when any variant holds U+FFFD;
/// - on each `<tuv>`: `x-confidence` (translations), `x-count`, one `x-document` per source
///   document, `x-lossy`, `x-repairs` (comma-separated), and for a language with several
///   translations one `x-alternative` per other variant (a JSON object with the same fields),
///   so that a round trip through TMX keeps every variant.
///
/// Characters XML 1.0 forbids are dropped, counted in the report, and recorded on the variant as
/// the repair `removed-xml-forbidden-characters`.
///
/// Related documentation: <https://www.gala-global.org/tmx-14b>
public struct TMXWriter: Sendable {
  /// The repair recorded on a variant that lost characters XML 1.0 forbids.
  public static let removedCharactersRepair = "removed-xml-forbidden-characters"

  public var creationToolVersion: String

  public init(creationToolVersion: String = WireTMMemoryVersion.current) {
    self.creationToolVersion = creationToolVersion
  }

  /// Writes a whole TMX document.
  public func write<Entries: Sequence<MemoryEntry>, Out: TextOutputStream>(
    _ entries: Entries, options: TMExportOptions = TMExportOptions(), to out: inout Out
  ) -> TMExportReport {
    var report = TMExportReport()
    writeStart(to: &out)
    for entry in entries { writeEntry(entry, options: options, report: &report, to: &out) }
    writeEnd(to: &out)
    return report
  }

  /// A whole TMX document as a string.
  public func string<Entries: Sequence<MemoryEntry>>(
    _ entries: Entries, options: TMExportOptions = TMExportOptions()
  ) -> (tmx: String, report: TMExportReport) {
    var out = ""
    let report = write(entries, options: options, to: &out)
    return (out, report)
  }

  /// The XML declaration, DOCTYPE, header and `<body>` opening.
  public func writeStart<Out: TextOutputStream>(to out: inout Out) {
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    out.write("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n")
    out.write("<tmx version=\"1.4\">\n")
    out.write("  <header creationtool=\"wiretm\" creationtoolversion=\"")
    XMLEscaping.append(creationToolVersion, attribute: true, to: &out)
    out.write(
      "\" segtype=\"sentence\" o-tmf=\"wiretm\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n"
    )
    out.write("  <body>\n")
  }

  /// Closes `<body>` and `<tmx>`.
  public func writeEnd<Out: TextOutputStream>(to out: inout Out) {
    out.write("  </body>\n</tmx>\n")
  }

  /// Writes one entry as a `<tu>` if the export's filters leave anything of it.
  public func writeEntry<Out: TextOutputStream>(
    _ entry: MemoryEntry, options: TMExportOptions, report: inout TMExportReport, to out: inout Out
  ) {
    guard var kept = options.apply(to: entry) else {
      report.skippedEntries += 1
      return
    }
    report.removedCharacters += Self.dropForbiddenCharacters(in: &kept)
    guard !kept.english.text.isEmpty else {
      report.skippedEntries += 1
      return
    }
    out.write("    <tu tuid=\"")
    out.write(entry.tuid)
    out.write("\" srclang=\"en\">\n")
    if kept.isLossy { out.write("      <prop type=\"x-lossy\">true</prop>\n") }
    writeVariant(kept.english, alternatives: [], to: &out)
    var index = kept.translations.startIndex
    while index < kept.translations.endIndex {
      let language = kept.translations[index].language
      var end = index
      while end < kept.translations.endIndex && kept.translations[end].language == language {
        end += 1
      }
      writeVariant(
        kept.translations[index], alternatives: kept.translations[(index + 1)..<end], to: &out)
      report.variants += end - index
      index = end
    }
    out.write("    </tu>\n")
    report.units += 1
    report.variants += 1
  }

  private func writeVariant<Out: TextOutputStream>(
    _ variant: MemoryVariant, alternatives: ArraySlice<MemoryVariant>, to out: inout Out
  ) {
    out.write("      <tuv xml:lang=\"")
    XMLEscaping.append(LanguageTag.canonical(variant.language), attribute: true, to: &out)
    out.write("\">")
    for alternative in alternatives {
      writeProp("x-alternative", Self.alternativeJSON(alternative), to: &out)
    }
    if variant.language != "en" {
      writeProp("x-confidence", variant.confidence.shortestText, to: &out)
    }
    writeProp("x-count", String(variant.count), to: &out)
    for document in variant.documents { writeProp("x-document", document, to: &out) }
    if variant.lossy { writeProp("x-lossy", "true", to: &out) }
    if !variant.repairs.isEmpty {
      writeProp("x-repairs", variant.repairs.joined(separator: ","), to: &out)
    }
    out.write("<seg>")
    XMLEscaping.append(variant.text, to: &out)
    out.write("</seg></tuv>\n")
  }

  private func writeProp<Out: TextOutputStream>(_ type: String, _ value: String, to out: inout Out)
  {
    out.write("<prop type=\"")
    out.write(type)
    out.write("\">")
    XMLEscaping.append(value, to: &out)
    out.write("</prop>")
  }

  /// A non-preferred variant as a JSON object with sorted keys.
  static func alternativeJSON(_ variant: MemoryVariant) -> String {
    var json =
      "{\"confidence\":" + variant.confidence.shortestText + ",\"count\":" + String(variant.count)
    json +=
      ",\"documents\":[" + variant.documents.map(JSONEscaping.string).joined(separator: ",") + "]"
    json += ",\"lossy\":" + (variant.lossy ? "true" : "false")
    json += ",\"repairs\":[" + variant.repairs.map(JSONEscaping.string).joined(separator: ",") + "]"
    json += ",\"text\":" + JSONEscaping.string(variant.text) + "}"
    return json
  }

  /// Drops forbidden characters from every variant, records the repair on those that lost any.
  /// - Returns: the number of characters dropped.
  static func dropForbiddenCharacters(in entry: inout MemoryEntry) -> Int {
    func clean(_ variant: inout MemoryVariant) -> Int {
      var removed = XMLEscaping.forbiddenCount(in: variant.text)
      for document in variant.documents { removed += XMLEscaping.forbiddenCount(in: document) }
      guard removed > 0 else { return 0 }
      variant.text = String(
        String.UnicodeScalarView(variant.text.unicodeScalars.filter(XMLEscaping.isAllowed)))
      variant.documents = variant.documents.map {
        String(String.UnicodeScalarView($0.unicodeScalars.filter(XMLEscaping.isAllowed)))
      }
      variant.repairs = Array(Set(variant.repairs + [removedCharactersRepair])).sorted()
      return removed
    }
    var removed = clean(&entry.english)
    guard entry.translations.contains(where: { XMLEscaping.forbiddenCount(in: $0.text) > 0 })
    else { return removed }
    var translations = entry.translations
    for index in translations.indices { removed += clean(&translations[index]) }
    var rebuilt = MemoryEntry(english: entry.english)
    rebuilt.key = entry.key
    for translation in translations where !translation.text.isEmpty { rebuilt.merge(translation) }
    entry = rebuilt
    return removed
  }
}
