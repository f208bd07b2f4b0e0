import WireTMDecode
import WireTMNormalize
import WireTMRepair

/// A page turned into clean text: decoded, repaired, normalised.
public struct CleanedPage: Hashable, Sendable {
  /// The document's name (its path, or "-" for standard input).
  public var document: String
  /// The encoding the bytes were read in.
  public var encoding: String
  public var hadByteOrderMark: Bool
  /// The clean text: lines joined by LF.
  public var text: String
  /// The repairs made, each with the clean-text line it is on (from 0).
  public var repairs: [(line: Int, step: RepairStep)]
  /// How many characters are marked lost (U+FFFD) in the clean text.
  public var lostCharacters: Int

  public static func == (lhs: CleanedPage, rhs: CleanedPage) -> Bool {
    lhs.document == rhs.document && lhs.encoding == rhs.encoding && lhs.text == rhs.text
      && lhs.repairs.map(\.line) == rhs.repairs.map(\.line)
      && lhs.repairs.map(\.step) == rhs.repairs.map(\.step)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(document)
    hasher.combine(text)
  }

  /// Repair kinds on a range of lines, for provenance.
  public func repairKinds(lines: ClosedRange<Int>) -> [String] {
    var kinds: [String] = []
    for (line, step) in repairs where lines.contains(line) && !kinds.contains(step.kind) {
      kinds.append(step.kind)
    }
    return kinds
  }
}

/// The first three stages: bytes → text → repaired text → normalised text.
///
/// Repair runs over the whole text (it needs the page's context to choose codecs) and
/// normalisation runs line by line, so every repair step can be placed on a line of the
/// clean text and travel with the sentences cut from that line.
public struct PageCleaner: Sendable {
  public var decoder: TextDecoder
  public var repairer: MojibakeRepairer
  public var normalizer: TextNormalizer

  public init(
    decoder: TextDecoder = TextDecoder(), repairer: MojibakeRepairer = MojibakeRepairer(),
    normalizer: TextNormalizer = TextNormalizer()
  ) {
    self.decoder = decoder
    self.repairer = repairer
    self.normalizer = normalizer
  }

  /// Cleans a page's bytes.
  ///
  /// - Throws: `PageError` naming the document when the bytes are not text.
  public func clean(_ bytes: [UInt8], document: String) throws -> CleanedPage {
    let decoded: DecodedText
    do {
      decoded = try decoder.decode(bytes)
    } catch {
      throw PageError(document: document, problem: "\(error)")
    }
    let repaired = repairer.repair(decoded.text)
    let lines = Self.lines(of: repaired.text)
    var cleanLines: [String] = []
    cleanLines.reserveCapacity(lines.count)
    for line in lines {
      cleanLines.append(normalizer.normalize(line.text))
    }
    var repairs: [(line: Int, step: RepairStep)] = []
    var lineIndex = 0
    for step in repaired.steps.sorted(by: { $0.start < $1.start }) {
      while lineIndex + 1 < lines.count && lines[lineIndex + 1].start <= step.start { lineIndex += 1 }
      repairs.append((lineIndex, step))
    }
    let text = Self.trimTrailingEmptyLines(cleanLines).joined(separator: "\n")
    let lost = text.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) }
    return CleanedPage(
      document: document, encoding: decoded.encoding, hadByteOrderMark: decoded.hadByteOrderMark,
      text: text, repairs: repairs, lostCharacters: lost)
  }

  /// Lines of text split at every line break the normaliser knows (CRLF counts once), with
  /// their scalar offsets.
  static func lines(of text: String) -> [(text: String, start: Int)] {
    var result: [(text: String, start: Int)] = []
    var current = String.UnicodeScalarView()
    var start = 0
    var offset = 0
    var lastWasCR = false
    for scalar in text.unicodeScalars {
      defer { offset += 1 }
      let value = scalar.value
      if value == 0x0A && lastWasCR {
        lastWasCR = false
        start = offset + 1
        continue
      }
      lastWasCR = value == 0x0D
      if value == 0x0A || value == 0x0D || value == 0x0B || value == 0x0C || value == 0x85
        || value == 0x2028 || value == 0x2029
      {
        result.append((String(current), start))
        current = String.UnicodeScalarView()
        start = offset + 1
      } else {
        current.append(scalar)
      }
    }
    result.append((String(current), start))
    return result
  }

  static func trimTrailingEmptyLines(_ lines: [String]) -> ArraySlice<String> {
    var end = lines.count
    while end > 0 && lines[end - 1].isEmpty { end -= 1 }
    return lines[..<end]
  }
}

/// A page that could not be processed, with its name and what is wrong.
public struct PageError: Error, Hashable, Sendable, CustomStringConvertible {
  public var document: String
  public var problem: String

  public init(document: String, problem: String) {
    self.document = document
    self.problem = problem
  }

  public var description: String { "\(document): \(problem)" }
}
