import ICUKit

/// Normalises repaired text for a translation memory.
///
/// What it does, in order, and why:
/// - line ends: CRLF, CR, NEL (U+0085), LS and PS become LF, so paragraphs split the same way
///   whatever the page's origin (NEL is only meaningful here after mojibake repair ran);
/// - invisible characters that scrapers leave behind are removed: ZERO WIDTH SPACE, SOFT HYPHEN,
///   a BOM in the middle of text, WORD JOINER, C0 controls other than TAB and LF, C1 controls,
///   and the noncharacters U+FFFE/U+FFFF — none of them carries meaning in wire copy, and XML 1.0
///   forbids most of them in a TMX;
/// - white space: TAB and runs of spaces inside a line become one space, spaces at line ends go;
///   no-break spaces are kept, because French typography (« », : ; ! ?) depends on them;
/// - Unicode: NFC through ICU by default. Never NFKC by default: it destroys ™ µ ° ﬁ and
///   full-width distinctions that a translation memory keeps (opt in with `form: .nfkc`).
public struct TextNormalizer: Sendable {
  /// The Unicode normalisation form applied last (NFC by default).
  public var form: NormalizationForm
  /// Whether runs of spaces and tabs inside a line collapse to one space.
  public var collapsesSpaces: Bool

  public init(form: NormalizationForm = .nfc, collapsesSpaces: Bool = true) {
    self.form = form
    self.collapsesSpaces = collapsesSpaces
  }

  /// The normalised text; the result is stable (`normalize(normalize(x)) == normalize(x)`).
  public func normalize(_ text: String) -> String {
    let cleaned = cleanLayout(text)
    // unorm2 only fails on invalid arguments or allocation failure; keep the text then.
    return (try? form.apply(cleaned)) ?? cleaned
  }

  /// Line ends, invisible characters and spaces, in one pass over the scalars.
  func cleanLayout(_ text: String) -> String {
    var output = String.UnicodeScalarView()
    var pendingSpace = false
    var lineHasContent = false
    var lastWasCR = false
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value == 0x0A && lastWasCR {  // the LF of a CRLF
        lastWasCR = false
        continue
      }
      lastWasCR = value == 0x0D
      if Self.isLineBreak(value) {
        pendingSpace = false
        lineHasContent = false
        output.append("\n")
        continue
      }
      if Self.isInvisible(value) { continue }
      if value == 0x20 || value == 0x09 {
        if collapsesSpaces {
          pendingSpace = true
        } else {
          output.append(value == 0x09 ? " " : scalar)
        }
        continue
      }
      if pendingSpace && lineHasContent { output.append(" ") }
      pendingSpace = false
      lineHasContent = true
      output.append(scalar)
    }
    return String(output)
  }

  static func isLineBreak(_ value: UInt32) -> Bool {
    value == 0x0A || value == 0x0D || value == 0x0B || value == 0x0C || value == 0x85
      || value == 0x2028 || value == 0x2029
  }

  /// Characters with no visible meaning in wire copy (see the type's discussion).
  static func isInvisible(_ value: UInt32) -> Bool {
    switch value {
    case 0x00...0x08, 0x0E...0x1F, 0x7F: true  // C0 controls but TAB, LF, VT, FF, CR
    case 0x80...0x84, 0x86...0x9F: true  // C1 controls (NEL is a line break above)
    case 0x00AD, 0x200B, 0x2060, 0xFEFF: true  // soft hyphen, zero width space, word joiner, BOM
    case 0xFFFE, 0xFFFF: true
    default: false
    }
  }
}
