/// Writing text into XML 1.0: escaping, and dropping the characters XML 1.0 cannot carry.
///
/// XML 1.0 forbids C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF, even as character
/// references (<https://www.w3.org/TR/xml/#charsets>). A scraped page can hold them, so the
/// writers drop them and count what they dropped rather than write a file no parser accepts.
/// (Lone surrogates cannot occur: a Swift `String` holds only Unicode scalar values.)
enum XMLEscaping {
  /// Whether XML 1.0 can carry the scalar.
  @inline(__always)
  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 { return value == 0x09 || value == 0x0A || value == 0x0D }
    return value != 0xFFFE && value != 0xFFFF
  }

  /// Appends `text` escaped for element content (or an attribute value when `attribute`).
  /// - Returns: how many characters were dropped because XML 1.0 forbids them.
  @discardableResult
  static func append<Out: TextOutputStream>(
    _ text: String, attribute: Bool = false, to out: inout Out
  )
    -> Int
  {
    if !needsWork(text, attribute: attribute) {
      out.write(text)
      return 0
    }
    var removed = 0
    var buffer = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": buffer.append(contentsOf: "&amp;".unicodeScalars)
      case "<": buffer.append(contentsOf: "&lt;".unicodeScalars)
      case ">": buffer.append(contentsOf: "&gt;".unicodeScalars)
      case "\"" where attribute: buffer.append(contentsOf: "&quot;".unicodeScalars)
      // A raw CR would be read back as LF (XML end-of-line handling); tab and LF in an
      // attribute would be read back as spaces (attribute-value normalisation).
      case "\r": buffer.append(contentsOf: "&#13;".unicodeScalars)
      case "\t" where attribute: buffer.append(contentsOf: "&#9;".unicodeScalars)
      case "\n" where attribute: buffer.append(contentsOf: "&#10;".unicodeScalars)
      default:
        if isAllowed(scalar) { buffer.append(scalar) } else { removed += 1 }
      }
    }
    out.write(String(buffer))
    return removed
  }

  /// The characters XML 1.0 forbids in `text`.
  static func forbiddenCount(in text: String) -> Int {
    guard needsWork(text, attribute: false) else { return 0 }
    return text.unicodeScalars.reduce(0) { $0 + (isAllowed($1) ? 0 : 1) }
  }

  /// A byte scan that lets plain text through without building a new string.
  @inline(__always)
  private static func needsWork(_ text: String, attribute: Bool) -> Bool {
    for byte in text.utf8 {
      switch byte {
      case 0x26, 0x3C, 0x3E, 0xEF: return true  // & < > and the lead byte of U+FFFE/U+FFFF
      case 0x22 where attribute: return true
      case 0x09, 0x0A: if attribute { return true }
      case 0x00..<0x20: return true
      default: continue
      }
    }
    return false
  }
}

/// JSON string literals for the JSONL writer and TMX metadata props.
enum JSONEscaping {
  static func append<Out: TextOutputStream>(_ text: String, to out: inout Out) {
    out.write("\"")
    var plain = true
    for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
      plain = false
      break
    }
    if plain {
      out.write(text)
    } else {
      var buffer = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": buffer.append(contentsOf: "\\\"".unicodeScalars)
        case "\\": buffer.append(contentsOf: "\\\\".unicodeScalars)
        case "\n": buffer.append(contentsOf: "\\n".unicodeScalars)
        case "\r": buffer.append(contentsOf: "\\r".unicodeScalars)
        case "\t": buffer.append(contentsOf: "\\t".unicodeScalars)
        default:
          if scalar.value < 0x20 {
            let hex = String(scalar.value, radix: 16)
            buffer.append(
              contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                .unicodeScalars)
          } else {
            buffer.append(scalar)
          }
        }
      }
      out.write(String(buffer))
    }
    out.write("\"")
  }

  static func string(_ text: String) -> String {
    var out = ""
    append(text, to: &out)
    return out
  }
}

extension Double {
  /// The shortest text that reads back as the same value ("0.88", "1.0").
  var shortestText: String { isFinite ? "\(self)" : "0.0" }
}
