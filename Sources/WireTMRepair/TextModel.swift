/// A small plausibility model of text: how surprising each character and each adjacent pair
/// is in real multilingual prose. The repairer only changes a span when the repaired span
/// costs clearly less than the span as it stands, so a decoding that is *valid* but makes
/// the text stranger ("CAFÉ’S" → "CAFɒS", "SPÓŁKA" → "SPӣKA") is rejected.
///
/// Costs are rough negative log-frequencies, hand-set per Unicode block and refined for the
/// characters that mojibake is made of (Ã Â ¤ ¦ ¨ ¯ ´ ¸ and C1 controls are rare in real text,
/// é ü ñ ’ “ ” – are common).
enum TextModel {
  /// Writing systems, coarse: only "same or different" matters.
  enum Script: UInt8 {
    case none, latin, greek, cyrillic, armenian, hebrew, arabic, indic, thai, georgian,
      hangul, han, other
  }

  /// What a character is, for the pair rules.
  enum Kind: UInt8 {
    case letter, digit, space, asciiPunct, punct, openQuote, closeDoubleQuote, symbol, box,
      mark, control, replacement, emoji, other
  }

  struct Info: Equatable {
    var kind: Kind
    var script: Script
    var isUpper: Bool
    var isLower: Bool
    var cost: Float
    /// An accented Latin letter (U+00C0 and up): the first character of most mojibake.
    var isLatin1Letter = false
    /// One of windows-1252's characters for bytes 0x80–0x9F other than ’: the usual second
    /// character of mojibake ("â€", "Ã‰", "Å“").
    var isWindows1252Special = false

    init(
      kind: Kind, script: Script, isUpper: Bool, isLower: Bool, cost: Float,
      isLatin1Letter: Bool = false, isWindows1252Special: Bool = false
    ) {
      self.kind = kind
      self.script = script
      self.isUpper = isUpper
      self.isLower = isLower
      self.cost = cost
      self.isLatin1Letter = isLatin1Letter
      self.isWindows1252Special = isWindows1252Special
    }

    /// The Info packed into 32 bits (kind, script, four flags, twice the cost: every cost is
    /// a multiple of 0.5), the form of the precomputed tables in `TextModelTables.swift`.
    var packed: UInt32 {
      UInt32(kind.rawValue) | UInt32(script.rawValue) << 4 | (isUpper ? 1 << 8 : 0)
        | (isLower ? 1 << 9 : 0) | (isLatin1Letter ? 1 << 10 : 0)
        | (isWindows1252Special ? 1 << 11 : 0) | UInt32(cost * 2) << 16
    }

    /// What `pairCost` reads of a character (kind, script, case, the two mojibake flags and
    /// whether its cost is at most 1.5), in 13 bits: characters with the same key are one
    /// pair class (`pairClassKeys`).
    var pairKey: Int {
      Int(kind.rawValue) | Int(script.rawValue) << 4 | (isUpper ? 1 << 8 : 0)
        | (isLower ? 1 << 9 : 0) | (isLatin1Letter ? 1 << 10 : 0)
        | (isWindows1252Special ? 1 << 11 : 0) | (cost <= 1.5 ? 1 << 12 : 0)
    }

    /// `init(packed:)` of an entry of the generated table, whose kind and script are valid
    /// raw values (`packingKeepsEveryInfo`, `precomputedTablesAreCurrent`): read without
    /// the optional initialisers' checks, as start-up unpacks thousands.
    @inline(__always)
    fileprivate init(generated packed: UInt32) {
      self.init(
        kind: unsafeBitCast(UInt8(packed & 0xF), to: Kind.self),
        script: unsafeBitCast(UInt8(packed >> 4 & 0xF), to: Script.self),
        isUpper: packed & 1 << 8 != 0, isLower: packed & 1 << 9 != 0,
        cost: Float(packed >> 16) / 2, isLatin1Letter: packed & 1 << 10 != 0,
        isWindows1252Special: packed & 1 << 11 != 0)
    }

    init(packed: UInt32) {
      self.init(
        kind: Kind(rawValue: UInt8(packed & 0xF))!, script: Script(rawValue: UInt8(packed >> 4 & 0xF))!,
        isUpper: packed & 1 << 8 != 0, isLower: packed & 1 << 9 != 0,
        cost: Float(packed >> 16) / 2, isLatin1Letter: packed & 1 << 10 != 0,
        isWindows1252Special: packed & 1 << 11 != 0)
    }
  }

  /// Latin Extended-A letters that languages written in wire copy use (Polish, Czech,
  /// Turkish, Baltic, Hungarian, Romanian, Croatian, French œ; Maltese Ċ ċ ġ Ħ ħ,
  /// Vietnamese Ĩ Ũ, Sami Ŋ Ŧ); the rest (Latvian Ģ, Esperanto Ĉ Ĝ Ĥ Ĵ Ŝ Ŭ, ĸ ŉ ſ Ŀ …) are
  /// rare. A letter rated rare keeps whole lines of its language as mojibake ("Ä¡dida" stays
  /// for "ġdida"), since its repair never looks better than the damage. Maltese capital Ġ stays
  /// rare: its UTF-8 bytes C4 A0 read through windows-1252 are "Ä" and a no-break space,
  /// which Finnish and German capitals at a word's end ("SELKÄ EDELLÄ") show in clean text;
  /// rating Esperanto's letters common turned "že" into "ŝe" and "µ" into "ĝ" in multiply
  /// encoded Slovak and Danish lines, and Latvian ģ read "Ä£" in a line of capitals that
  /// must be left alone (one of ftfy's test cases).
  private static let commonExtendedA: Set<UInt32> = {
    let text =
      "ĀāĂăĄąĆćĊċČčĎďĐđĒēĖėĘęĚěĞğġĦħĨĩĪīĮįİıĶķĹĺĻļĽľŁłŃńŅņŇňŊŋŌōŐőŒœŔŕŘřŚśŞşŠšŢţŤťŦŧŨũŪūŮůŰűŲųŸŹźŻżŽž"
    return Set(text.unicodeScalars.map(\.value))
  }()

  /// Costs of the Latin-1 symbols U+00A1...U+00BF.
  private static let latin1SymbolCost: [Float] = [
    2, 3, 2, 4, 3, 4, 2, 4, 1.5, 3, 1.5, 3, 4, 1.5, 4,  // ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ SHY ® ¯
    1.5, 2.5, 2.5, 3, 3, 2.5, 3, 2, 4, 3, 2.5, 1.5, 3, 2.5, 3, 2,  // ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
  ]

  /// `info` for the scalars below U+2600 (every character of the single-byte code pages but
  /// a few, everything a two-byte UTF-8 sequence decodes to, which is what most candidate
  /// repairs produce, the Indic, Thai and Georgian blocks, Vietnamese letters, general
  /// punctuation, symbols and box drawing) is read from `packedTable`, generated from
  /// `computeInfo` (`TextModelTables.swift`), and unpacked at each look-up: a few shifts,
  /// of which callers keep only those of the fields they read. The generated array is laid
  /// out by the compiler (no start-up work, no initialisation check per read); unpacking
  /// all 9,728 entries into a table of `Info`s cost 282k instructions in every process
  /// that scored text, and the packed table is a third of its size. Other scalars are
  /// computed on each call, but for the shortcuts in `info`.
  /// The scalars the table covers, for the generator (`TextModelTests`).
  static let tableRange = UInt32(0)..<UInt32(0x2600)

  @inline(__always)
  static func info(_ value: UInt32) -> Info {
    if value < 0x2600 { return Info(generated: packedTable[Int(value)]) }
    // The common characters of double-byte damage and its re-readings, without a call.
    if value &- 0x4E00 <= 0x9FFF - 0x4E00 { return uniformLetter(.han) }
    if value &- 0xAC00 <= 0xD7A3 - 0xAC00 { return uniformLetter(.hangul) }
    return infoBeyondTable(value)
  }

  /// `body` given `info` with the table's buffer taken once: for loops over many
  /// characters (no bounds check per look-up).
  @inline(__always)
  static func withInfo<Result>(_ body: (InfoLookup) throws -> Result) rethrows -> Result {
    try packedTable.withUnsafeBufferPointer { try body(InfoLookup(table: $0)) }
  }

  /// `info` over a buffer of the packed table (see `withInfo`).
  struct InfoLookup {
    fileprivate let table: UnsafeBufferPointer<UInt32>

    @inline(__always)
    func callAsFunction(_ value: UInt32) -> Info {
      if value < 0x2600 { return Info(generated: table[Int(value)]) }
      if value &- 0x4E00 <= 0x9FFF - 0x4E00 { return TextModel.uniformLetter(.han) }
      if value &- 0xAC00 <= 0xD7A3 - 0xAC00 { return TextModel.uniformLetter(.hangul) }
      return TextModel.infoBeyondTable(value)
    }
  }

  /// `info` above the table. Kept out of line: the table look-up is what callers inline.
  @inline(never)
  fileprivate static func infoBeyondTable(_ value: UInt32) -> Info {
    // Han ideographs, kana, Hangul syllables and CJK punctuation, which double-byte damage
    // and its repairs are made of, are each one Info: no walk through `baseInfo`'s ranges.
    if value >= 0x3000 {
      if value <= 0x9FFF {
        if value >= 0x4E00 || (value >= 0x3400 && value <= 0x4DBF)
          || (value >= 0x3041 && value <= 0x3096) || (value >= 0x30A1 && value <= 0x30FA)
        {
          return uniformLetter(.han)
        }
        if value <= 0x303F { return cjkPunctuation(cost: 1) }
      } else if value >= 0xAC00 && value <= 0xD7A3 {
        return uniformLetter(.hangul)
      } else if value >= 0xFF01 && value <= 0xFFEF {
        return cjkPunctuation(cost: 1.5)
      } else if value == 0xFFFD {
        // Every lost character of lossy damage is one.
        return plain(.replacement, 4)
      }
    }
    return computeInfo(value)
  }

  /// CJK symbols and punctuation, full-width and half-width forms.
  @inline(__always)
  private static func cjkPunctuation(cost: Float) -> Info {
    Info(kind: .punct, script: .han, isUpper: false, isLower: false, cost: cost)
  }

  /// A caseless letter of cost 1 (Han ideographs, kana, Hangul syllables).
  @inline(__always)
  fileprivate static func uniformLetter(_ script: Script) -> Info {
    Info(kind: .letter, script: script, isUpper: false, isLower: false, cost: 1)
  }

  /// `info` computed without its tables and shortcuts (what they hold; tests compare).
  static func computeInfo(_ value: UInt32) -> Info {
    var result = baseInfo(value)
    if value >= 0xC0 && value <= 0xFF { result.isLatin1Letter = true }
    if value >= 0x152 && value <= 0x2122 && value != 0x2019 {
      switch value {
      case 0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E, 0x192, 0x2C6, 0x2DC, 0x2013, 0x2014,
        0x2018, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039,
        0x203A, 0x20AC, 0x2122:
        result.isWindows1252Special = true
      default: break
      }
    }
    return result
  }

  private static func baseInfo(_ value: UInt32) -> Info {
    switch value {
    case 0x61...0x7A:
      return Info(kind: .letter, script: .latin, isUpper: false, isLower: true, cost: 0)
    case 0x41...0x5A:
      return Info(kind: .letter, script: .latin, isUpper: true, isLower: false, cost: 0)
    case 0x30...0x39:
      return Info(kind: .digit, script: .none, isUpper: false, isLower: false, cost: 0)
    case 0x20, 0x09, 0x0A, 0x0D: return plain(.space, 0)
    case 0x21...0x7E: return plain(.asciiPunct, 0)
    case 0x00...0x1F, 0x7F, 0x80...0x9F: return plain(.control, 10)
    case 0xA0: return plain(.space, 2)
    case 0xA1...0xBF:
      let cost = latin1SymbolCost[Int(value - 0xA1)]
      switch value {
      case 0xAB: return plain(.openQuote, cost)
      case 0xBB: return plain(.closeDoubleQuote, cost)
      case 0xAD: return plain(.control, cost)
      default: return plain(.symbol, cost)
      }
    case 0xD7: return plain(.symbol, 2)
    case 0xF7: return plain(.symbol, 3)
    case 0xC0...0xFF:
      let upper = value < 0xDF
      var cost: Float = 1
      if value == 0xC3 || value == 0xC2 { cost = 3 }
      if value == 0xD0 || value == 0xDE || value == 0xF0 || value == 0xFE { cost = 2 }
      return Info(kind: .letter, script: .latin, isUpper: upper, isLower: !upper, cost: cost)
    case 0x100...0x17F:
      let cost: Float = commonExtendedA.contains(value) ? 1.5 : 4
      return latinLetter(value, cost)
    case 0x180...0x24F:
      var cost: Float = 5
      switch value {
      // Vietnamese Ơ ơ Ư ư, Romanian Ș ș Ț ț, Azerbaijani Ə.
      case 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x218...0x21B, 0x18F: cost = 1.5
      case 0x192: cost = 3
      case 0x1CD...0x1DC: cost = 2.5
      default: break
      }
      return latinLetter(value, cost)
    // IPA, but Azerbaijani ə (its capital is Ə, above).
    case 0x250...0x2AF: return latinLetter(value, value == 0x259 ? 1.5 : 5)
    case 0x2B0...0x2FF:
      if value == 0x2BC { return plain(.letter, 2) }
      return plain(.symbol, value == 0x2C6 || value == 0x2DC ? 3 : 4)
    case 0x300...0x36F: return plain(.mark, 2)
    case 0x370...0x3FF: return scriptLetter(value, .greek, value < 0x386 ? 3 : 1)
    case 0x400...0x45F: return scriptLetter(value, .cyrillic, 1)
    case 0x460...0x52F: return scriptLetter(value, .cyrillic, 3)
    // Armenian punctuation (։ full stop, ՝ comma, ՞ question mark …): as common in
    // Armenian text as . , ? in English, not a symbol that makes every sentence look
    // damaged. (Hebrew and Arabic punctuation keep their cost: ׀ ׃ ״ ، ؛ ؟ are also what
    // UTF-8 lead bytes become through windows-1255 and windows-1256.)
    case 0x55A...0x55F, 0x589, 0x58A:
      return plain(.punct, 1)
    case 0x530...0x58F: return scriptLetter(value, .armenian, 1.5)
    case 0x591...0x5C7:
      return Info(kind: .mark, script: .hebrew, isUpper: false, isLower: false, cost: 3)
    case 0x5C8...0x5FF: return scriptLetter(value, .hebrew, 1)
    case 0x600...0x6FF, 0x750...0x77F: return scriptLetter(value, .arabic, 1)
    case 0x900...0xDFF: return scriptLetter(value, .indic, 1)
    case 0xE00...0xE7F: return scriptLetter(value, .thai, 1)
    case 0x10A0...0x10FF: return scriptLetter(value, .georgian, 1.5)
    case 0x1100...0x11FF: return scriptLetter(value, .hangul, 3)
    case 0x1D00...0x1DBF: return latinLetter(value, 5)
    case 0x1E00...0x1EFF: return latinLetter(value, 1.5)
    case 0x2000...0x206F: return generalPunctuation(value)
    case 0x20A0...0x20CF: return plain(.symbol, value == 0x20AC ? 1.5 : 2)
    case 0x2100...0x214F: return plain(.symbol, value == 0x2122 ? 1.5 : value == 0x2116 ? 2 : 3)
    case 0x2190...0x21FF: return plain(.symbol, 2.5)
    case 0x221A, 0x221E, 0x2264, 0x2265, 0x2260, 0x2248, 0x2212: return plain(.symbol, 2.5)
    case 0x2200...0x22FF: return plain(.symbol, 3)
    case 0x2300...0x24FF: return plain(.symbol, 3)
    case 0x2500...0x257F: return plain(.box, 2)
    case 0x2580...0x25FF: return plain(.symbol, 2.5)
    case 0x2600...0x27BF: return plain(.emoji, 2)
    case 0x2800...0x28FF: return plain(.symbol, 4)
    case 0x3000...0x303F:
      return Info(kind: .punct, script: .han, isUpper: false, isLower: false, cost: 1)
    case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF:
      return scriptLetter(value, .han, 1)
    case 0x3130...0x318F: return scriptLetter(value, .hangul, 2)
    case 0xAC00...0xD7AF: return scriptLetter(value, .hangul, 1)
    case 0xE000...0xF8FF: return plain(.other, 8)
    case 0xFB00...0xFB06: return latinLetter(value, 2)
    case 0xFE00...0xFE0F: return plain(.mark, 1)
    case 0xFEFF: return plain(.control, 4)
    case 0xFF01...0xFFEF:
      return Info(kind: .punct, script: .han, isUpper: false, isLower: false, cost: 1.5)
    case 0xFFFD: return plain(.replacement, 4)
    case 0xFFF0...0xFFFF: return plain(.other, 8)
    case 0x1F000...0x1FAFF: return plain(.emoji, 1.5)
    default:
      if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic {
        return scriptLetter(value, .other, 2)
      }
      return plain(.other, 3)
    }
  }

  private static func plain(_ kind: Kind, _ cost: Float) -> Info {
    Info(kind: kind, script: .none, isUpper: false, isLower: false, cost: cost)
  }

  private static func latinLetter(_ value: UInt32, _ cost: Float) -> Info {
    scriptLetter(value, .latin, cost)
  }

  private static func scriptLetter(_ value: UInt32, _ script: Script, _ cost: Float) -> Info {
    // Fast paths for the big alphabets: no Unicode property lookups on the hot path.
    switch value {
    case 0x410...0x42F, 0x400...0x40F, 0x391...0x3A9, 0x386, 0x388...0x38F:
      return Info(kind: .letter, script: script, isUpper: true, isLower: false, cost: cost)
    case 0x430...0x45F, 0x3AC...0x3CE:
      return Info(kind: .letter, script: script, isUpper: false, isLower: true, cost: cost)
    case 0x5D0...0x5EA, 0x620...0x64A, 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF,
      0xAC00...0xD7A3, 0xE01...0xE30, 0x3400...0x4DBF:
      return Info(kind: .letter, script: script, isUpper: false, isLower: false, cost: cost)
    case 0x900...0xDFF:
      // Brahmic blocks share a layout: signs, letters, then vowel signs, then digits.
      let offset = value & 0x7F
      switch offset {
      case 0x01...0x03, 0x3A...0x3C, 0x3E...0x4D, 0x51...0x57, 0x62, 0x63:
        return Info(kind: .mark, script: script, isUpper: false, isLower: false, cost: cost + 0.5)
      case 0x66...0x6F:
        return Info(kind: .digit, script: script, isUpper: false, isLower: false, cost: cost)
      default:
        return Info(kind: .letter, script: script, isUpper: false, isLower: false, cost: cost)
      }
    case 0x10D0...0x10FA, 0x5D0...0x5EA:
      return Info(kind: .letter, script: script, isUpper: false, isLower: false, cost: cost)
    case 0x531...0x556:
      return Info(kind: .letter, script: script, isUpper: true, isLower: false, cost: cost)
    case 0x561...0x587:
      return Info(kind: .letter, script: script, isUpper: false, isLower: true, cost: cost)
    case 0x1E00...0x1EFF:
      // Latin Extended Additional (Vietnamese and more) alternates capital/small.
      let upper = value % 2 == 0
      return Info(kind: .letter, script: script, isUpper: upper, isLower: !upper, cost: cost)
    case 0x100...0x17F:
      // Latin Extended-A alternates capital/small, with a shifted stretch in the middle.
      let upper =
        (0x139...0x148).contains(value) || (0x179...0x17E).contains(value)
        ? value % 2 == 1 : value % 2 == 0
      return Info(kind: .letter, script: script, isUpper: upper, isLower: !upper, cost: cost)
    default:
      break
    }
    guard let scalar = Unicode.Scalar(value) else { return plain(.other, 8) }
    let properties = scalar.properties
    if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark {
      return Info(kind: .mark, script: script, isUpper: false, isLower: false, cost: cost + 0.5)
    }
    if properties.generalCategory == .decimalNumber {
      return Info(kind: .digit, script: script, isUpper: false, isLower: false, cost: cost)
    }
    if !properties.isAlphabetic {
      return Info(kind: .symbol, script: .none, isUpper: false, isLower: false, cost: cost + 1.5)
    }
    return Info(
      kind: .letter, script: script, isUpper: properties.isUppercase,
      isLower: properties.isLowercase, cost: cost)
  }

  private static func generalPunctuation(_ value: UInt32) -> Info {
    switch value {
    case 0x2018, 0x201C: return plain(.openQuote, 1)
    case 0x201A, 0x201E: return plain(.openQuote, 3)
    case 0x2019: return plain(.punct, 1)
    case 0x201D: return plain(.closeDoubleQuote, 1)
    case 0x2013, 0x2014, 0x2022, 0x2026: return plain(.punct, 1)
    case 0x2020, 0x2021, 0x2030, 0x2039, 0x203A: return plain(.punct, 3)
    case 0x2000...0x200F, 0x2028...0x202F, 0x2060...0x206F: return plain(.control, 3)
    default: return plain(.punct, 2.5)
    }
  }

  /// Extra cost of `b` directly after `a`.
  @inline(__always)
  static func pairCost(_ a: Info, _ b: Info) -> Float {
    pairCostByKind(a, b) + (a.isLatin1Letter && b.isWindows1252Special ? 1.5 : 0)
  }

  @inline(__always)
  private static func pairCostByKind(_ a: Info, _ b: Info) -> Float {
    // Most pairs are two letters of one script, or involve a space or ASCII punctuation.
    if a.kind == .letter && b.kind == .letter
      && (a.script == b.script || a.script == .none || b.script == .none)
    {
      return a.isLower && b.isUpper ? 1.5 : 0
    }
    switch (a.kind, b.kind) {
    case (.letter, .letter):
      if a.script != b.script && a.script != .none && b.script != .none {
        if (a.script == .han || a.script == .hangul) && (b.script == .han || b.script == .hangul) {
          return 0
        }
        // Greek letters are used as symbols inside Latin text (IL2Rγc, 10μs).
        if (a.script == .latin || a.script == .greek) && (b.script == .latin || b.script == .greek)
        {
          return 1
        }
        return 3
      }
      return a.isLower && b.isUpper ? 1.5 : 0
    case (.letter, .symbol), (.letter, .box): return b.cost <= 1.5 ? 0.5 : 2
    case (.letter, .openQuote): return 2
    case (.closeDoubleQuote, .letter): return 2
    case (.symbol, .letter), (.box, .letter): return 1.5
    case (.digit, .letter): return b.script == .latin ? 0 : 1
    case (_, .mark):
      switch a.kind {
      case .letter: return 0
      case .digit, .asciiPunct: return 1
      default: return 3
      }
    case (.control, _), (_, .control): return 0
    default: return 0
    }
  }

  /// The cost of `span` between the characters `before` and `after` (nil at the text's ends).
  static func cost(of span: some Sequence<UInt32>, before: UInt32?, after: UInt32?) -> Float {
    costClassTable.withUnsafeBufferPointer { costClass in
      pairHalfCosts.withUnsafeBufferPointer { pairs in
        var sum = CostSum(costClass: costClass, pairs: pairs, before: before)
        for value in span { sum.add(value) }
        return sum.total(after: after)
      }
    }
  }

  /// Which characters of a span `cost(inPlace:before:after:skipping:)` leaves out.
  enum Skipped {
    /// None: `cost(of:before:after:)`.
    case none
    /// U+FFFD: what `span.lazy.filter { $0 != 0xFFFD }` gives.
    case lost
    /// U+FFFD and the combining signs right after each (the signs of a lost letter).
    case lostAndTheirMarks
  }

  /// `cost(of:before:after:)` of `span` without the characters `skipping` names, read in
  /// place (through the span's buffer, with the tables taken once) rather than through an
  /// iterator or a filter: the double-byte stage costs thousands of short spans.
  @inline(__always)
  static func cost(
    inPlace span: ArraySlice<UInt32>, before: UInt32?, after: UInt32?, skipping: Skipped
  ) -> Float {
    span.withUnsafeBufferPointer { span in
      cost(inPlace: span, before: before, after: after, skipping: skipping)
    }
  }

  /// `cost(inPlace:before:after:skipping:)` of characters in a buffer (the double-byte
  /// stage reads its spans through the line's, which an `ArraySlice` would retain).
  @inline(__always)
  static func cost(
    inPlace span: UnsafeBufferPointer<UInt32>, before: UInt32?, after: UInt32?, skipping: Skipped
  ) -> Float {
    costClassTable.withUnsafeBufferPointer { costClass in
      pairHalfCosts.withUnsafeBufferPointer { pairs in
        var sum = CostSum(costClass: costClass, pairs: pairs, before: before)
        // One loop per choice, rather than the choice tested at every character (which
        // also kept the sum out of registers).
        switch skipping {
        case .none:
          for value in span { sum.add(value) }
        case .lost:
          for value in span where value != 0xFFFD { sum.add(value) }
        case .lostAndTheirMarks:
          var afterLost = false
          for value in span {
            if value == 0xFFFD {
              afterLost = true
              continue
            }
            // Marks are below U+3000 (Latin to Indic, Thai, Hebrew, Arabic).
            if afterLost && value >= 0x300 && value < 0x3000 && info(value).kind == .mark {
              continue
            }
            afterLost = false
            sum.add(value)
          }
        }
        return sum.total(after: after)
      }
    }
  }

  /// The costs of a span (without its U+FFFD when `spanSkipsLost`, else as it stands) and
  /// of its re-reading (`skipping: .lostAndTheirMarks`) between the same characters, as
  /// `cost(inPlace:before:after:skipping:)` gives each, in one call: the tables taken and
  /// the characters around looked up once for both (the double-byte stage weighs thousands
  /// of re-readings). The loops are written out (a shared helper was left out of line,
  /// its sum in memory).
  static func costs(
    inPlace span: UnsafeBufferPointer<UInt32>, spanSkipsLost: Bool,
    reading: UnsafeBufferPointer<UInt32>, before: UInt32?, after: UInt32?
  ) -> (span: Float, reading: Float) {
    costClassTable.withUnsafeBufferPointer { costClass in
      pairHalfCosts.withUnsafeBufferPointer { pairs in
        let start = CostSum(costClass: costClass, pairs: pairs, before: before)
        var one = start
        if spanSkipsLost {
          for value in span where value != 0xFFFD { one.add(value) }
        } else {
          for value in span { one.add(value) }
        }
        var other = start
        var afterLost = false
        for value in reading {
          if value == 0xFFFD {
            afterLost = true
            continue
          }
          // Marks are below U+3000 (Latin to Indic, Thai, Hebrew, Arabic).
          if afterLost && value >= 0x300 && value < 0x3000 && info(value).kind == .mark {
            continue
          }
          afterLost = false
          other.add(value)
        }
        let afterClass = after.map { Int(costClassEntry($0, costClass) >> 8) }
        return (one.total(afterClass: afterClass), other.total(afterClass: afterClass))
      }
    }
  }

  /// A span's cost summed character by character. Every cost is a multiple of 0.5, so the
  /// sum is kept exactly in half units. A character is one look-up (its cost and pair
  /// class, `costClassTable`) and a pair one more (`pairHalfCosts`): scoring calls this for
  /// every candidate, so the tables are read through buffers taken once per span (a global
  /// costs an initialisation check and a bounds check per character).
  struct CostSum {
    fileprivate let costClass: UnsafeBufferPointer<UInt16>
    fileprivate let pairs: UnsafeBufferPointer<UInt8>
    private var half = 0
    /// The pair class of the character before; at the text's start `pairClassTotal`, whose
    /// row of `pairHalfCosts` is all zeros (no test per character for the first).
    private var previous = pairClassTotal

    @inline(__always)
    fileprivate init(
      costClass: UnsafeBufferPointer<UInt16>, pairs: UnsafeBufferPointer<UInt8>, before: UInt32?
    ) {
      self.costClass = costClass
      self.pairs = pairs
      if let before { previous = Int(costClassEntry(before, costClass) >> 8) }
    }

    @inline(__always)
    mutating func add(_ value: UInt32) {
      let entry = costClassEntry(value, costClass)
      let pairClass = Int(entry >> 8)
      half &+= Int(entry & 0xFF) &+ Int(pairs[previous &* pairClassTotal &+ pairClass])
      previous = pairClass
    }

    /// The sum, with the pair the last character makes with `after` (nil at the text's end).
    @inline(__always)
    func total(after: UInt32?) -> Float {
      var half = half
      if let after {
        half &+= Int(pairs[previous &* pairClassTotal &+ Int(costClassEntry(after, costClass) >> 8)])
      }
      return Float(half) / 2
    }

    /// `total(after:)` given the pair class of `after` (nil at the text's end).
    @inline(__always)
    func total(afterClass: Int?) -> Float {
      var half = half
      if let afterClass { half &+= Int(pairs[previous &* pairClassTotal &+ afterClass]) }
      return Float(half) / 2
    }
  }

  /// The `costClassTable` entry of `value` (read from `costClass`, the table's buffer), or
  /// its equivalent above the table: Han ideographs and Hangul syllables, which double-byte
  /// damage is made of, without a call.
  @inline(__always)
  private static func costClassEntry(_ value: UInt32, _ costClass: UnsafeBufferPointer<UInt16>)
    -> UInt16
  {
    if value < 0x2600 { return costClass[Int(value)] }
    if value &- 0x4E00 <= 0x9FFF - 0x4E00 { return hanCostClass }
    if value &- 0xAC00 <= 0xD7A3 - 0xAC00 { return hangulCostClass }
    // Half-width katakana (CP932's reading of UTF-8 lead bytes) and U+FFFD.
    if value &- 0xFF01 <= 0xFFEF - 0xFF01 { return fullwidthCostClass }
    if value == 0xFFFD { return replacementCostClass }
    return costClassBeyondTable(value)
  }

  /// The number of pair classes (`pairClassKeys`).
  static var pairClassCount: Int { pairClassTotal }

  /// Pair class by `Info.pairKey`, for characters above the tables.
  private static let classOfKey: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 1 << 13)
    for (pairClass, key) in pairClassKeys.enumerated() { table[Int(key)] = UInt8(pairClass) }
    return table
  }()

  /// A `costClassTable` entry for a character above the table: twice its cost, and its pair
  /// class in the high byte.
  @inline(never)
  private static func costClassBeyondTable(_ value: UInt32) -> UInt16 {
    // The shortcuts of `infoBeyondTable`, as generated entries (no Info, no look-up of its
    // class).
    if value >= 0x3000 {
      if value <= 0x9FFF {
        if value >= 0x4E00 || (value >= 0x3400 && value <= 0x4DBF)
          || (value >= 0x3041 && value <= 0x3096) || (value >= 0x30A1 && value <= 0x30FA)
        {
          return hanCostClass
        }
        if value <= 0x303F { return cjkPunctuationCostClass }
      } else if value >= 0xAC00 && value <= 0xD7A3 {
        return hangulCostClass
      } else if value >= 0x3131 && value <= 0x318E {
        return jamoCostClass
      } else if value >= 0xFF01 && value <= 0xFFEF {
        return fullwidthCostClass
      } else if value == 0xFFFD {
        return replacementCostClass
      }
    }
    // Generated entries for the other characters of the ranges double-byte damage reaches
    // (their Info is computed through the scalar's Unicode properties, a thousand
    // instructions and more).
    if value &- cjkSymbolsRange.lowerBound < UInt32(cjkSymbolsRange.count) {
      return cjkSymbolsCostClassTable[Int(value &- cjkSymbolsRange.lowerBound)]
    }
    if value &- compatibilityRange.lowerBound < UInt32(compatibilityRange.count) {
      return compatibilityCostClassTable[Int(value &- compatibilityRange.lowerBound)]
    }
    let info = infoBeyondTable(value)
    return UInt16(info.cost * 2) | UInt16(classOfKey[info.pairKey]) << 8
  }

  /// The ranges of `cjkSymbolsCostClassTable` and `compatibilityCostClassTable`.
  static let cjkSymbolsRange = UInt32(0x3000)..<UInt32(0x3400)
  static let compatibilityRange = UInt32(0xF8F0)..<UInt32(0xFB00)

  static func cost(of span: [UInt32], before: UInt32?, after: UInt32?) -> Float {
    cost(of: span[...], before: before, after: after)
  }
}
