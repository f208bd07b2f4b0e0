import ICUKit

/// What one scalar is to the scanner.
enum ScalarKind: Equatable {
  /// A letter: its lowercase code point, its script and whether it was uppercase.
  case letter(lower: UInt32, script: ScriptClass, upper: Bool)
  /// A combining mark: continues the current word, adds nothing.
  case mark
  case digit
  case space
  /// Punctuation, symbols, U+FFFD and everything else that ends a word.
  case other
}

/// Classification of scalars: table lookups for ASCII and the Latin blocks, ICU's script
/// property (`uscript_getScript`) for the rest.
enum CharacterTables {
  /// Lowercase of U+0000..U+024F, or 0 when the scalar is not a letter.
  static let latinLower: [UInt32] = (0..<0x250).map { value -> UInt32 in
    guard let scalar = Unicode.Scalar(UInt32(value)), scalar.properties.isAlphabetic else { return 0 }
    let lower = scalar.properties.lowercaseMapping.unicodeScalars
    return lower.count == 1 ? lower.first!.value : UInt32(value)
  }

  @inline(__always)
  static func classify(_ value: UInt32) -> ScalarKind {
    if value < 0x80 {
      if value >= 0x61 && value <= 0x7A { return .letter(lower: value, script: .latin, upper: false) }
      if value >= 0x41 && value <= 0x5A { return .letter(lower: value | 0x20, script: .latin, upper: true) }
      if value >= 0x30 && value <= 0x39 { return .digit }
      if value == 0x20 || value == 0x09 { return .space }
      return .other
    }
    if value < 0x250 {
      let lower = latinLower[Int(value)]
      if lower != 0 { return .letter(lower: lower, script: .latin, upper: lower != value) }
      if value == 0xA0 { return .space }
      return .other
    }
    if value >= 0xAC00 && value <= 0xD7A3 { return .letter(lower: value, script: .hangul, upper: false) }
    return classifySlow(value)
  }

  static func classifySlow(_ value: UInt32) -> ScalarKind {
    guard let scalar = Unicode.Scalar(value) else { return .other }
    let properties = scalar.properties
    if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
      || properties.generalCategory == .enclosingMark
    {
      return .mark
    }
    if properties.isWhitespace { return .space }
    if properties.numericType != nil && properties.generalCategory == .decimalNumber { return .digit }
    guard properties.isAlphabetic else { return .other }
    let script = ScriptClass(icuScript: Script(of: scalar).code)
    if script == .latin {
      let lowered = properties.lowercaseMapping.unicodeScalars
      let lower = lowered.count == 1 ? lowered.first!.value : value
      return .letter(lower: lower, script: .latin, upper: lower != value)
    }
    return .letter(lower: value, script: script, upper: false)
  }
}
