/// Decodes HTML character references in scraped text: named (`&eacute;`), decimal
/// (`&#233;`) and hexadecimal (`&#xE9;`). Runs before the mojibake passes, so entities that
/// spell mojibake (`&Atilde;&copy;`) are decoded and then repaired like any other mojibake.
///
/// Only references closed by `;` are decoded (`AT&T`, `&copy` without `;` stay as they are),
/// and numeric references 0x80–0x9F are read as windows-1252, as browsers do.
enum HTMLEntities {
  /// `describe`: write the human-readable detail of each step (off for bulk runs).
  static func decode(_ edit: inout EditLog, describe: Bool = true) {
    let text = edit.text
    guard text.contains(0x26) else { return }
    var output: [UInt32] = []
    output.reserveCapacity(text.count)
    var changes: [(start: Int, end: Int, length: Int, detail: String)] = []
    var index = 0
    while index < text.count {
      if text[index] == 0x26, let (value, end) = reference(at: index, in: text) {
        let detail =
          describe
          ? "\(UTF8Misreading.describe(text[index..<end])) -> \(UTF8Misreading.describe([value][...]))"
          : ""
        changes.append((index, end, 1, detail))
        output.append(value)
        index = end
      } else {
        output.append(text[index])
        index += 1
      }
    }
    if !changes.isEmpty { edit.apply(output, edits: changes, kind: "html-entity") }
  }

  /// The scalar of the reference starting at `start` (an `&`) and the offset after its `;`.
  private static func reference(at start: Int, in text: [UInt32]) -> (UInt32, Int)? {
    var index = start + 1
    guard index < text.count else { return nil }
    if text[index] == 0x23 {  // "#"
      index += 1
      var radix: UInt32 = 10
      if index < text.count && (text[index] == 0x78 || text[index] == 0x58) {
        radix = 16
        index += 1
      }
      var value: UInt32 = 0
      var digits = 0
      while index < text.count, let digit = digitValue(text[index], radix: radix), digits < 8 {
        value = value * radix + digit
        digits += 1
        index += 1
      }
      guard digits > 0, index < text.count, text[index] == 0x3B else { return nil }
      if value >= 0x80 && value <= 0x9F,
        let mapped = CodePages.windows1252.scalar(for: UInt8(value))
      {
        value = mapped
      }
      guard value >= 0x09, value != 0x7F, Unicode.Scalar(value) != nil else { return nil }
      return (value, index + 1)
    }
    var name = ""
    while index < text.count, index - start <= 32 {
      let value = text[index]
      if value == 0x3B { break }
      guard
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
          || (0x61...0x7A).contains(value)
      else { return nil }
      name.unicodeScalars.append(Unicode.Scalar(UInt8(value)))
      index += 1
    }
    guard index < text.count, text[index] == 0x3B, !name.isEmpty,
      let value = HTMLEntityTable.scalars[name]
    else { return nil }
    return (value, index + 1)
  }

  private static func digitValue(_ value: UInt32, radix: UInt32) -> UInt32? {
    switch value {
    case 0x30...0x39: return value - 0x30
    case 0x41...0x46 where radix == 16: return value - 0x41 + 10
    case 0x61...0x66 where radix == 16: return value - 0x61 + 10
    default: return nil
    }
  }
}
