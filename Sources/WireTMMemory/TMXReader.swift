import Foundation

/// A TMX file that could not be read, naming the file and the place.
public struct TMXReadError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var message: String

  public var description: String {
    if let line, let column { return "\(file):\(line):\(column): \(message)" }
    return "\(file): \(message)"
  }
}

/// What reading a TMX file found besides its entries.
public struct TMXReadSummary: Hashable, Sendable {
  /// `<tu>` elements seen.
  public var units = 0
  /// Entries handed on (units with an English variant and at least one non-empty text).
  public var entries = 0
  /// Units left out because no `<tuv>` is in English (the memory is keyed by English).
  public var unitsWithoutEnglish = 0
  /// Inline codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`) whose native markup was left out of
  /// the plain text.
  public var inlineCodesDropped = 0
  /// The header's `creationtool`, if any.
  public var creationTool: String?

  public init() {}
}

/// Reads TMX (1.1–1.4b) from OmegaT, Okapi, translate-toolkit and wiretm into ``MemoryEntry``s.
///
/// Uses ``XMLPullParser``, which never fetches a DTD and refuses entity declarations, so a
/// hostile file cannot read local files or blow up memory. Plain text is the text of `<seg>`
/// and of its `<hi>`/`<sub>` children; the content of inline codes (`<bpt>`, `<ph>`…) is markup
/// of the original format and is left out (counted in the summary). wiretm's own `x-` props are
/// read back (counts, confidence, documents, repairs, lossy flag, alternative variants), so
/// export → import → export gives the same file. Units without an English `<tuv>` are skipped
/// and counted.
public struct TMXReader: Sendable {
  public init() {}

  /// Reads a file, handing each entry to `body` as soon as its `</tu>` is read.
  public func read(contentsOf url: URL, _ body: (MemoryEntry) throws -> Void) throws
    -> TMXReadSummary
  {
    let data: Data
    do {
      data = try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw TMXReadError(
        file: url.path, message: "cannot read the file (\(error.localizedDescription))")
    }
    return try read(data: data, name: url.path, body)
  }

  /// Reads TMX bytes; `name` is used in error messages.
  public func read(data: Data, name: String, _ body: (MemoryEntry) throws -> Void) throws
    -> TMXReadSummary
  {
    let utf8 = try Self.utf8Data(data, name: name)
    return try utf8.withUnsafeBytes { raw in
      var parser = XMLPullParser(bytes: raw.bindMemory(to: UInt8.self))
      var state = ReaderState(name: name)
      do {
        while let event = try parser.next() {
          if let entry = try state.handle(event, parser: parser) { try body(entry) }
        }
      } catch let error as XMLSyntaxError {
        throw TMXReadError(
          file: name, line: error.line, column: error.column, message: error.message)
      }
      guard state.sawTMXRoot else {
        throw TMXReadError(file: name, message: "not a TMX file (no <tmx> root element)")
      }
      return state.summary
    }
  }

  /// Reads a whole file into an in-memory translation memory.
  public func readMemory(contentsOf url: URL) throws -> (
    memory: TranslationMemory, summary: TMXReadSummary
  ) {
    var memory = TranslationMemory()
    let summary = try read(contentsOf: url) { memory.add($0) }
    return (memory, summary)
  }

  /// UTF-16 files (with a byte order mark) are converted; everything else must be UTF-8.
  static func utf8Data(_ data: Data, name: String) throws -> Data {
    guard data.count >= 2 else { return data }
    let first = data[data.startIndex]
    let second = data[data.startIndex + 1]
    guard (first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF) else {
      return data
    }
    guard let text = String(data: data, encoding: .utf16) else {
      throw TMXReadError(file: name, message: "invalid UTF-16")
    }
    // The declaration still says UTF-16; the parser accepts only UTF-8 declarations.
    let converted = text.replacingOccurrences(
      of: #"encoding\s*=\s*["'][Uu][Tt][Ff]-?16[^"']*["']"#, with: "encoding=\"UTF-8\"",
      options: .regularExpression,
      range: text.startIndex..<text.index(text.startIndex, offsetBy: min(200, text.count)))
    return Data(converted.utf8)
  }
}

/// The reader's state machine over parser events.
private struct ReaderState {
  struct PendingVariant {
    var language: String
    var text = ""
    var props: [(String, String)] = []
  }

  let name: String
  var summary = TMXReadSummary()
  var sawTMXRoot = false
  var stack: [String] = []
  var inTU = false
  var tuProps: [(String, String)] = []
  var variants: [PendingVariant] = []
  var current: PendingVariant?
  var inSeg = false
  /// Depth inside an inline code whose text is markup, not translatable text.
  var codeDepth = 0
  var propType: String?
  var propText = ""

  init(name: String) { self.name = name }

  mutating func handle(_ event: XMLPullParser.Event, parser: XMLPullParser) throws -> MemoryEntry? {
    switch event {
    case .start(let element, let attributes):
      try start(element, attributes, parser: parser)
      stack.append(element)
      return nil
    case .text(let text):
      if propType != nil {
        propText += text
      } else if inSeg && codeDepth == 0 {
        current?.text += text
      }
      return nil
    case .end(let element):
      stack.removeLast()
      return end(element)
    }
  }

  private mutating func start(
    _ element: String, _ attributes: [String: String], parser: XMLPullParser
  ) throws {
    if stack.isEmpty {
      guard element == "tmx" else {
        throw TMXReadError(
          file: name, message: "not a TMX file: the root element is <\(element)>, not <tmx>")
      }
      sawTMXRoot = true
      return
    }
    if inSeg {
      if ["bpt", "ept", "ph", "it", "ut"].contains(element) {
        if codeDepth == 0 { summary.inlineCodesDropped += 1 }
        codeDepth += 1
      } else if codeDepth > 0 {
        codeDepth += 1
      }
      return
    }
    switch element {
    case "header":
      summary.creationTool = attributes["creationtool"]
    case "tu":
      inTU = true
      tuProps = []
      variants = []
      summary.units += 1
    case "tuv" where inTU:
      let language = attributes["xml:lang"] ?? attributes["lang"] ?? ""
      current = PendingVariant(language: language)
    case "seg" where current != nil:
      inSeg = true
    case "prop" where inTU:
      propType = attributes["type"] ?? ""
      propText = ""
    default:
      break
    }
  }

  private mutating func end(_ element: String) -> MemoryEntry? {
    if inSeg && element != "seg" {
      if codeDepth > 0 { codeDepth -= 1 }
      return nil
    }
    switch element {
    case "seg":
      inSeg = false
    case "prop":
      if let written = propType {
        // wiretm's own samples also spell the props "x-wiretm-confidence", "x-wiretm-doc".
        var type = written.hasPrefix("x-wiretm-") ? "x-" + written.dropFirst(9) : written
        if type == "x-doc" { type = "x-document" }
        if current != nil {
          current?.props.append((type, propText))
        } else {
          tuProps.append((type, propText))
        }
      }
      propType = nil
    case "tuv":
      if let variant = current { variants.append(variant) }
      current = nil
    case "tu":
      inTU = false
      return makeEntry()
    default:
      break
    }
    return nil
  }

  private mutating func makeEntry() -> MemoryEntry? {
    guard let englishIndex = variants.firstIndex(where: { LanguageTag.isEnglish($0.language) })
    else {
      summary.unitsWithoutEnglish += 1
      return nil
    }
    // Documents named on the <tu> belong to every variant that names none itself.
    let unitDocuments = tuProps.filter { $0.0 == "x-document" }.map { ("x-document", $0.1) }
    if !unitDocuments.isEmpty {
      for index in variants.indices
      where !variants[index].props.contains(where: { $0.0 == "x-document" }) {
        variants[index].props += unitDocuments
      }
    }
    var entry = MemoryEntry(english: Self.variant(from: variants[englishIndex], language: "en"))
    guard !entry.key.isEmpty else {
      summary.unitsWithoutEnglish += 1
      return nil
    }
    for (index, pending) in variants.enumerated() where index != englishIndex {
      let language = LanguageTag.storageKey(pending.language)
      guard language != "en", LanguageTag.isWellFormed(language), !pending.text.isEmpty else {
        continue
      }
      entry.merge(Self.variant(from: pending, language: language))
      for (type, value) in pending.props where type == "x-alternative" {
        if let alternative = Self.alternative(value, language: language) {
          entry.merge(alternative)
        }
      }
    }
    summary.entries += 1
    return entry
  }

  private static func variant(from pending: PendingVariant, language: String) -> MemoryVariant {
    var count = 1
    var confidence = 1.0
    var lossy = pending.text.unicodeScalars.contains("\u{FFFD}")
    var repairs: [String] = []
    var documents: [String] = []
    for (type, value) in pending.props {
      switch type {
      case "x-count": count = max(1, Int(value) ?? 1)
      case "x-confidence": confidence = Double(value).map { min(1, max(0, $0)) } ?? 1
      case "x-lossy": lossy = lossy || value == "true"
      case "x-repairs": repairs += value.split(separator: ",").map(String.init)
      case "x-document": documents.append(value)
      default: break
      }
    }
    return MemoryVariant(
      language: language, text: pending.text, count: count, confidence: confidence, lossy: lossy,
      repairs: repairs, documents: documents)
  }

  private struct AlternativeJSON: Decodable {
    var confidence: Double
    var count: Int
    var documents: [String]
    var lossy: Bool
    var repairs: [String]
    var text: String
  }

  private static func alternative(_ json: String, language: String) -> MemoryVariant? {
    guard let decoded = try? JSONDecoder().decode(AlternativeJSON.self, from: Data(json.utf8)),
      !decoded.text.isEmpty
    else { return nil }
    return MemoryVariant(
      language: language, text: decoded.text, count: max(1, decoded.count),
      confidence: decoded.confidence,
      lossy: decoded.lossy, repairs: decoded.repairs, documents: decoded.documents)
  }
}
