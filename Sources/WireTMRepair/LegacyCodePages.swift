import ICUKit

/// Repairs text whose bytes were in one legacy code page and were decoded through another:
///
/// - legacy CJK (EUC-KR, Shift_JIS, GBK) bytes read as Latin-1/windows-1252
///   ("ÇÑ±¹¾î" → "한국어"), which ftfy cannot repair;
/// - Cyrillic windows-1251 ↔ KOI8-R ("оПХБЕР" → "Привет"), decided with Russian letter
///   frequencies and letter case;
/// - windows-125x read as windows-1252 ("Ïðèâåò" → "Привет", "Spó³ka" → "Spółka",
///   "ÅëëçíéêÜ" → "Ελληνικά").
///
/// Each candidate re-decoding is kept only if the result is plausible text of one script and
/// clearly cheaper under `TextModel` than what stands.
enum LegacyCodePages {
  /// Runs before the UTF-8 passes: legacy CJK bytes can look like UTF-8 mojibake in places.
  /// `known`: what `mayRepair(_:findings:)` found in `edit.text` exactly as it stands
  /// (nothing known by default).
  static func repairBeforeUTF8(_ edit: inout EditLog, known: ScreenFindings = ScreenFindings()) {
    // The screen proved that no legacy CJK span is there to decode.
    if known.holdsNoCJKSpan { return }
    repairLegacyCJK(&edit)
  }

  /// Runs after the UTF-8 passes, on what they left. Returns whether it changed the text:
  /// when it did not, it has just found no Cyrillic or windows-125x reading that changes
  /// that text, and `mayRepair(_:afterUTF8Settled: true, holdsNoCJKSpan:)` may judge the
  /// same text without looking for them again. `known`: as for `repairBeforeUTF8`.
  /// When it leaves the text as it is, `holdsNoCJKSpan` tells whether it proved on the way
  /// that `repairBeforeUTF8` has no legacy CJK span to decode in that text (windows-1252
  /// holds the whole line and no two of its non-ASCII characters stand side by side, or it
  /// has fewer than four; or the screen's findings said so): `mayRepair` of that text is
  /// then false without a look at it.
  static func repairAfterUTF8(
    _ edit: inout EditLog, known: ScreenFindings, holdsNoCJKSpan: inout Bool
  ) -> Bool {
    holdsNoCJKSpan = false
    if case .none = known.afterUTF8 { holdsNoCJKSpan = known.holdsNoCJKSpan }
    return repairAfterUTF8(&edit, verdict: known.afterUTF8, holdsNoCJKSpan: &holdsNoCJKSpan)
  }

  /// What `mayRepair(_:findings:)` found in the text it judged, for a caller that goes on to
  /// repair that same text: the stage then need not look again (a windows-125x reading
  /// judges the line through seven pages, once in the screen and again in the repair).
  struct ScreenFindings {
    /// What the screen decided about `repairAfterUTF8`'s readings.
    var afterUTF8 = AfterUTF8Verdict.undecided
    /// The screen proved that `repairBeforeUTF8` leaves the text as it is (no legacy CJK
    /// span to decode).
    var holdsNoCJKSpan = false
  }

  /// What `mayRepair(_:findings:)` decided about `repairAfterUTF8`'s two readings (the
  /// Cyrillic swap, the windows-125x reading) of the text it judged.
  enum AfterUTF8Verdict {
    /// Not decided: the screen stopped at a legacy CJK span before looking.
    case undecided
    /// Neither reading changes the text: `repairAfterUTF8` leaves it as it is.
    case none
    /// The reading `repairAfterUTF8` takes, and its kind.
    case reading(text: [UInt32], kind: String)
  }

  /// `repairAfterUTF8`, given the screen's verdict on `edit.text` exactly as it stands
  /// (`.undecided` when nothing is known). The verdict is the one the repair would reach
  /// itself, so the result is the same.
  private static func repairAfterUTF8(
    _ edit: inout EditLog, verdict: AfterUTF8Verdict, holdsNoCJKSpan: inout Bool
  ) -> Bool {
    let steps = edit.stepCount
    switch verdict {
    case .undecided: break
    case .none: return false
    case .reading(let text, let kind):
      replaceChangedRuns(&edit, with: text, kind: kind)
      return edit.stepCount != steps
    }
    let entry = edit.text.withUnsafeBufferPointer(AfterUTF8Entry.init)
    if entry.hasFourRussianLetters, let swap = cyrillicSwap(edit.text, counted: true) {
      // The reading has four Russian letters too, which windows-1252 lacks: no windows-125x
      // reading of it is looked for.
      replaceChangedRuns(&edit, with: swap.text, kind: swap.kind)
      return edit.stepCount != steps
    }
    // Four Russian letters are characters windows-1252 lacks: the line has none.
    guard let high = entry.windows1252High,
      let reading = windows125xReading(edit.text, entry: (high, entry.latin))
    else {
      // Left as it is: a line windows-1252 holds whole is one run, whose span needs four
      // non-ASCII characters, three of them beside another.
      holdsNoCJKSpan = entry.windows1252High.map { $0 < 4 || !entry.hasNeighbouringHigh } ?? false
      return edit.stepCount != steps
    }
    replaceChangedRuns(&edit, with: reading.text, kind: reading.kind)
    return edit.stepCount != steps
  }

  /// Whether `repairBeforeUTF8` or `repairAfterUTF8` could change `text`: false proves
  /// that neither does. The Cyrillic and windows-125x readings are decided here exactly as
  /// the repairs decide them (clean Russian or Polish lines are common and would otherwise
  /// take a whole repair round); only legacy CJK is judged by its cheaper entry conditions
  /// (a span's shape, byte bounds and UTF-8 test, without the converters).
  ///
  /// One pass gathers what every entry condition needs, so that most clean lines are
  /// settled without a second look: the legacy CJK span shape (`SpanScreen`), the Cyrillic
  /// letter count, and `looksConsistentLatin` for lines windows-1252 can hold.
  ///
  /// `afterUTF8Settled`: `text` is what `repairAfterUTF8` left unchanged (it returned
  /// false), so only the legacy CJK spans are left to judge, by themselves.
  /// `holdsNoCJKSpan`: `repairAfterUTF8(_:known:holdsNoCJKSpan:)` proved, as it left `text`
  /// as it is, that `text` holds no legacy CJK span: with both, nothing is left to judge.
  static func mayRepair(_ text: [UInt32], afterUTF8Settled: Bool, holdsNoCJKSpan: Bool)
    -> Bool
  {
    if afterUTF8Settled && holdsNoCJKSpan { return false }
    if afterUTF8Settled { return text.withUnsafeBufferPointer(mayHoldCJKSpan) }
    var findings = ScreenFindings()
    return mayRepair(text, findings: &findings, anyWillDo: true)
  }

  /// `mayRepair(_:)`, which also tells what it found (`findings`), for a caller that repairs
  /// `text` next when this returns true and hands them to the repairs: a windows-125x
  /// reading is then judged through every page, as the repair judges it, not only until
  /// one page gives a reading.
  static func mayRepair(_ text: [UInt32], findings: inout ScreenFindings) -> Bool {
    mayRepair(text, findings: &findings, anyWillDo: false)
  }

  /// `mayRepair` with its findings; `anyWillDo`: the caller only asks whether there is a
  /// windows-125x reading (the verdict is then `.undecided` when there is one).
  private static func mayRepair(
    _ text: [UInt32], findings: inout ScreenFindings, anyWillDo: Bool
  ) -> Bool {
    findings = ScreenFindings()
    let screen = text.withUnsafeBufferPointer(Screen.init)
    if screen.legacyHigh >= 4 && screen.paired >= 3 && screen.spans.mayHoldSpan
      && text.withUnsafeBufferPointer(mayHoldCJKSpan)
    {
      return true
    }
    // Each of the four proves that `repairLegacyCJK` finds no span to decode.
    findings.holdsNoCJKSpan = true
    // Four letters U+0410...U+044F, which windows-1252 lacks, are `AfterUTF8Entry`'s four
    // Russian letters: the repair asks for the same swap, and with none it finds no
    // windows-125x reading either (the screen's entry below turns the line down as well).
    if screen.cyrillic >= 4, let swap = cyrillicSwap(text, counted: true) {
      findings.afterUTF8 = .reading(text: swap.text, kind: swap.kind)
      return true
    }
    // Otherwise the repair asks for the windows-125x reading, behind the entry conditions
    // the screen has gathered.
    guard screen.mayEnterWindows125x, !screen.latin.looksConsistent(text),
      screen.isRunningTextIfFewLetters(text)
    else {
      findings.afterUTF8 = .none
      return false
    }
    guard
      let reading = windows125xReading(text, anyWillDo: anyWillDo)
    else {
      findings.afterUTF8 = .none
      return false
    }
    if !anyWillDo { findings.afterUTF8 = .reading(text: reading.text, kind: reading.kind) }
    return true
  }

  /// Whether `value` lies where windows-1252 has no character at all: U+0300...U+2012
  /// (its letters and modifiers end at ˜ U+02DC, its punctuation starts at – U+2013) and
  /// past ™ (U+2122). A test checks this against the page.
  @inline(__always)
  static func isOutsideWindows1252Block(_ value: UInt32) -> Bool {
    value >= 0x300 && (value < 0x2013 || value > 0x2122)
  }

  /// Latin-1 and the span of windows-1252's other characters (Œ … ™), where legacy CJK
  /// bytes read as windows-1252 land.
  @inline(__always)
  static func isLegacyHigh(_ value: UInt32) -> Bool {
    value <= 0xFF || value >= 0x152 && value <= 0x2122
  }

  /// What `mayRepair`'s entry conditions need, gathered in one pass over the text.
  struct Screen {
    private(set) var legacyHigh = 0
    private(set) var cyrillic = 0
    /// Non-ASCII characters with a non-ASCII neighbour: `encodableSpans` needs at least
    /// three in a span, so fewer in the whole line (clean Latin text, accents between ASCII
    /// letters) rules legacy CJK out without looking for spans.
    private(set) var paired = 0
    private(set) var spans = SpanScreen()
    // The entry condition of the windows-125x reading.
    private(set) var high = 0
    private(set) var allWindows1252 = true
    private(set) var latin = LatinScreen()

    /// The entry condition of the windows-125x reading for the screened line, but the count
    /// of letters (`isRunningTextIfFewLetters`), which is left for last: windows-1252 holds
    /// the whole line, and it has three non-ASCII characters, or fewer with evidence that
    /// one alone gives (`LatinScreen.hasPlacementEvidence`, or Š Ž š ž with one more: the
    /// letters windows-1250 and windows-1252 share, which only the languages of háček
    /// alphabets write, so that an è or æ beside them is likelier č or ć).
    var mayEnterWindows125x: Bool { allWindows1252 && latin.mayEnterWindows125x(high: high) }

    /// Whether a line of one or two non-ASCII characters has `fewLetterMinimum` letters:
    /// running text, not a word or a code.
    func isRunningTextIfFewLetters(_ text: [UInt32]) -> Bool {
      LegacyCodePages.isRunningTextIfFewLetters(text, high: high)
    }

    init(_ text: UnsafeBufferPointer<UInt32>) {
      let windows1252 = windows1252Table  // read once, not per character (and not retained)
      var legacyHigh = 0
      var cyrillic = 0
      var paired = 0
      var previousHigh = false
      var previousCounted = false
      var high = 0
      var allWindows1252 = true
      var spans = SpanScreen()
      var latin = LatinScreen()
      let count = text.count
      guard let base = text.baseAddress else { return }
      var index = 0
      while index < count {
        let value = base[index]
        guard value >= 0x80 else {
          // ASCII runs are skipped four characters at a time.
          previousHigh = false
          index += 1
          while index + 4 <= count,
            base[index] | base[index + 1] | base[index + 2] | base[index + 3] < 0x80
          {
            index += 4
          }
          while index < count && base[index] < 0x80 { index += 1 }
          continue
        }
        if isOutsideWindows1252Block(value) {
          // A run of characters windows-1252 lacks by their block alone (Greek, Cyrillic,
          // CJK text): the run adds to the counts and closes the span run as the
          // characters would one at a time, without a look-up each.
          var end = index
          var legacyRun = 0
          var cyrillicRun = 0
          repeat {
            let value = base[end]
            if value <= 0x2122 {
              legacyRun &+= 1
              if value &- 0x410 < 0x40 { cyrillicRun &+= 1 }
            }
            end += 1
          } while end < count && isOutsideWindows1252Block(base[end])
          let run = end - index
          high &+= run
          legacyHigh &+= legacyRun
          cyrillic &+= cyrillicRun
          if previousHigh {
            paired &+= (previousCounted ? 1 : 2) + run - 1
          } else if run >= 2 {
            paired &+= run
          }
          previousCounted = previousHigh || run >= 2
          previousHigh = true
          allWindows1252 = false
          spans.closeRun()
          index = end
          continue
        }
        defer { index += 1 }
        high &+= 1
        let legacy = isLegacyHigh(value)
        if legacy { legacyHigh &+= 1 }
        if value >= 0x410 && value <= 0x44F { cyrillic &+= 1 }
        // Every non-ASCII character of windows-1252 lies in the legacy ranges, and it holds
        // every character U+0080...U+00FF (as Latin-1 or, for its undefined bytes, as their
        // C1 controls).
        if !legacy || windows1252Byte(value, windows1252) == 0 {
          allWindows1252 = false
          spans.closeRun()
        } else {
          spans.addHigh(afterHigh: previousHigh)
          // `looksConsistentLatin`, for lines windows-1252 holds entirely (the others
          // never reach it).
          if allWindows1252 { latin.add(value, at: index, in: text) }
        }
        if previousHigh {
          paired &+= previousCounted ? 1 : 2
          previousCounted = true
        } else {
          previousCounted = false
        }
        previousHigh = true
      }
      spans.closeRun()
      self.legacyHigh = legacyHigh
      self.cyrillic = cyrillic
      self.paired = paired
      self.high = high
      self.allWindows1252 = allWindows1252
      self.spans = spans
      self.latin = latin
    }
  }

  /// The shape `encodableSpans` requires of a span, checked per run of windows-1252
  /// characters as the characters go by: at least four non-ASCII characters, 60 % of them
  /// beside another. A span's non-ASCII characters are exactly its run's (it reaches from
  /// the run's first to its last), and a neighbour outside the run is not in windows-1252,
  /// so the counts are the span's. False proves that `encodableSpans` finds nothing.
  struct SpanScreen {
    private var runHigh = 0
    private var runPaired = 0
    /// Whether the last non-ASCII character seen belongs to the run, and whether it is
    /// already counted as paired.
    private var lastInRun = false
    private var lastCounted = false
    private(set) var mayHoldSpan = false

    /// A non-ASCII character that windows-1252 holds; `afterHigh`: the character before it
    /// is non-ASCII too (ASCII characters stay in the run but separate neighbours).
    @inline(__always)
    mutating func addHigh(afterHigh: Bool) {
      runHigh += 1
      if afterHigh && lastInRun {
        runPaired += lastCounted ? 1 : 2
        lastCounted = true
      } else {
        lastCounted = false
      }
      lastInRun = true
    }

    /// A character windows-1252 lacks (or the end of the text) ends the run.
    @inline(__always)
    mutating func closeRun() {
      guard runHigh > 0 else { return }
      if runHigh >= 4 && runPaired * 10 >= runHigh * 6 { mayHoldSpan = true }
      runHigh = 0
      runPaired = 0
      lastInRun = false
    }
  }

  /// Whether a line of `high` non-ASCII characters, one or two of them, has
  /// `fewLetterMinimum` letters: running text, not a word or a code.
  static func isRunningTextIfFewLetters(_ text: [UInt32], high: Int) -> Bool {
    if high >= 3 { return true }
    // Fewer characters than that hold fewer letters.
    if text.count < fewLetterMinimum { return false }
    var letters = 0
    for value in text where isPlacementLetter(value) {
      letters += 1
      if letters >= fewLetterMinimum { return true }
    }
    return false
  }

  /// `looksConsistentLatin`, gathered one non-ASCII character at a time; the ASCII letters
  /// it weighs the accented ones against are counted only when their number can matter.
  struct LatinScreen {
    private var used: UInt64 = 0
    private var accented = 0
    private var symbolInWord = false
    /// Alphabets that a letter out of its place rules out (`alphabetsRuledOut`).
    private(set) var ruledOut: UInt32 = 0
    /// A symbol that a Latin windows-125x page reads as a letter stands where only that
    /// letter can (`standsForLetter`: "przysz³ym", "creºtere", "£odzi", "powiedzia³").
    private(set) var letterSymbolInWord = false
    /// The line holds Š Ž š or ž.
    var hasCaron: Bool { used & (1 << 33 | 1 << 34) != 0 }

    /// Evidence that one non-ASCII character gives on its own: a letter out of its place
    /// or a letter-like symbol where only a letter stands.
    var hasPlacementEvidence: Bool { ruledOut != 0 || letterSymbolInWord }

    /// `Screen.mayEnterWindows125x` of a line that windows-1252 holds whole, with `high`
    /// non-ASCII characters (all of them added here).
    @inline(__always)
    func mayEnterWindows125x(high: Int) -> Bool {
      guard high >= 1 else { return false }
      return high >= 3 || hasPlacementEvidence || high >= 2 && hasCaron
    }

    @inline(__always)
    mutating func add(_ value: UInt32, at index: Int, in text: UnsafeBufferPointer<UInt32>) {
      if let bit = accentBit(value) {
        used |= 1 << UInt64(bit)
        accented += 1
        if isPlacementJudged(value) {
          ruledOut |= alphabetsRuledOut(
            value, after: index > 0 ? text[index - 1] : 0,
            before: index + 1 < text.count ? text[index + 1] : 0)
        }
        return
      }
      guard !letterSymbolInWord else { return }
      let right = index + 1 < text.count ? text[index + 1] : 0
      if isSymbolOpeningWord(value, before: right) { symbolInWord = true }
      if isLetterLikeSymbol(value),
        standsForLetter(value, after: index > 0 ? text[index - 1] : 0, before: right)
      {
        symbolInWord = true
        letterSymbolInWord = true
      }
    }

    /// The answer of `looksConsistentLatin` for the text whose characters were added.
    func looksConsistent(_ text: [UInt32]) -> Bool {
      if symbolInWord { return false }
      return lettersLookConsistent(text, used: used, accented: accented, ruledOut: ruledOut)
    }
  }

  /// The end of the Latin check `LatinScreen` gathers (its plain form, `looksConsistentLatin`,
  /// is the tests' reference): words are not made
  /// mostly of accented letters, and the accented letters (`used`, as `accentBit`s) fit one
  /// alphabet that no letter's place ruled out (`ruledOut`; Scottish Gaelic is ruled out
  /// only when nothing but its letters tells it from a Slavic line).
  static func lettersLookConsistent(
    _ text: [UInt32], used: UInt64, accented: Int, ruledOut: UInt32
  ) -> Bool {
    // letters ≥ 6 and accented * 2 > letters, where letters = ASCII letters + accented:
    // needs accented > ASCII letters and so at least four accented letters.
    if accented >= 4 {
      var asciiLetters = 0
      for value in text where isASCIILetter(value) {
        asciiLetters += 1
        if asciiLetters >= accented { break }
      }
      if asciiLetters < accented && asciiLetters + accented >= 6 { return false }
    }
    if used == 0 { return true }
    if !fitsOneAlphabet(used, ruledOut: ruledOut) { return false }
    return ruledOut == 0
      || text.withUnsafeBufferPointer {
        fitsOneAlphabet(used, ruledOut: ruledOutWithGaelic(ruledOut, in: AsItStands(text: $0)))
      }
  }

  /// Whether one of `alphabetMasks` that `ruledOut` leaves holds every letter of `used`.
  @inline(__always)
  static func fitsOneAlphabet(_ used: UInt64, ruledOut: UInt32) -> Bool {
    if ruledOut == 0 { return alphabetMasks.contains { used & ~$0 == 0 } }
    for (bit, mask) in alphabetMasks.enumerated()
    where ruledOut & (UInt32(1) << UInt32(bit)) == 0 && used & ~mask == 0 {
      return true
    }
    return false
  }

  /// Whether the letter-like symbol `value` stands where only the letter a Latin windows-125x
  /// page reads for it can (0: the line's start or end): between two letters
  /// ("przysz³ym"); £ ¯ ¥ opening a word (Polish Ł Ż Ą: "£odzi", "¯ywiec"; the currency
  /// signs stand before amounts); ³ ¿ £ ¯ ending a word after a vowel (Polish ł ż Ł Ż:
  /// "powiedzia³", "ju¿", "POWIEDZIA£"; ¿ opens Spanish questions and "m³" follows a
  /// consonant).
  @inline(__always)
  static func standsForLetter(_ value: UInt32, after previous: UInt32, before next: UInt32)
    -> Bool
  {
    let leftIsLetter = isPlacementLetter(previous)
    let rightIsLetter = isPlacementLetter(next)
    if leftIsLetter && rightIsLetter { return true }
    switch value {
    case 0xA5: return !leftIsLetter && rightIsLetter
    case 0xA3, 0xAF:
      return !leftIsLetter && rightIsLetter || !rightIsLetter && isPlacementVowel(previous)
    case 0xB3, 0xBF: return !rightIsLetter && isPlacementVowel(previous)
    default: return false
    }
  }

  /// The symbols that windows-1252 has and a Latin windows-125x page reads as a letter
  /// (windows-1250: £ ¥ ª ¯ ³ ¹ º ¼ ¾ ¿ → Ł Ą Ş Ż ł ą ş Ľ ľ ż; windows-1257 also ¨ ¸ → Ø ø).
  @inline(__always)
  static func isLetterLikeSymbol(_ value: UInt32) -> Bool {
    switch value {
    case 0xA3, 0xA5, 0xA8, 0xAA, 0xAF, 0xB3, 0xB8, 0xB9, 0xBA, 0xBC, 0xBE, 0xBF: true
    default: false
    }
  }

  @inline(__always)
  private static func isASCIILetter(_ value: UInt32) -> Bool {
    (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
  }

  /// `looksConsistentLatin`'s symbol test: a non-ASCII character that is not an accented
  /// letter, followed by a letter, other than the marks that open words (« ¿ ¡ “ „ ‘ ’ NBSP).
  @inline(__always)
  private static func isSymbolOpeningWord(_ value: UInt32, before right: UInt32) -> Bool {
    let rightIsLetter = isASCIILetter(right) || accentBit(right) != nil
    return rightIsLetter && value != 0xAB && value != 0xBF && value != 0xA1 && value != 0x201C
      && value != 0x201E && value != 0x2018 && value != 0x2019 && value != 0xA0
  }

  // MARK: Legacy CJK read as windows-1252

  private static func repairLegacyCJK(_ edit: inout EditLog) {
    // No count of non-ASCII characters first: a span needs four, all of them legacy ones.
    // The repaired line and its edits, made at the first decoded span: for the lines with
    // none (nearly all), no array is made or released, and the line is not copied out.
    var repair:
      (output: [UInt32], changes: [(start: Int, end: Int, length: Int, detail: String)])?
    var position = 0
    // Whether the whole line is `mostlyUTF8ThroughOtherPage`: then it is UTF-8 read through
    // MacRoman or cp437, whose runs that windows-1252 can encode only look like legacy CJK
    // bytes. Asked once, when a span would otherwise be decoded.
    var lineIsUTF8ThroughOtherPage: Bool?
    // The spans' shape and their byte bounds come from one pass; the UTF-8 test, which most
    // UTF-8 mojibake passes the bounds to reach, before the converters: a span is taken when
    // shape, bounds, UTF-8 test and decoding all hold, in whatever order.
    edit.text.withUnsafeBufferPointer { buffer in
      forEachSpan(buffer, onlyDecodable: true) { span, mayDecode, high in
        // A span that is the whole line is the line's array (no copy).
        guard mayDecode,
          !mostlyUTF8(
            span.count == buffer.count ? edit.text : Array(buffer[span]), high: high),
          let bytes = windows1252Bytes(buffer[span]),
          let (decoded, charset) = decodeCJK(bytes)
        else { return true }
        if lineIsUTF8ThroughOtherPage == nil {
          lineIsUTF8ThroughOtherPage = mostlyUTF8ThroughOtherPage(
            edit.text, high: buffer.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) })
        }
        if lineIsUTF8ThroughOtherPage! { return false }
        if repair == nil {
          repair = ([], [])
          repair!.output.reserveCapacity(buffer.count)
        }
        repair!.output.append(contentsOf: buffer[position..<span.lowerBound])
        repair!.output.append(contentsOf: decoded)
        repair!.changes.append((span.lowerBound, span.upperBound, decoded.count, charset))
        position = span.upperBound
        return true
      }
    }
    guard var repair else { return }
    repair.output.append(contentsOf: edit.text[position...])
    let kinds = Set(repair.changes.map(\.detail))
    edit.apply(
      repair.output,
      edits: repair.changes.map {
        ($0.start, $0.end, $0.length, "\($0.detail) bytes read as windows-1252")
      },
      kind: kinds.count == 1 ? "\(kinds.first!)-as-windows-1252" : "legacy-cjk-as-windows-1252")
  }

  /// Spans from the first to the last non-ASCII character of each run that windows-1252
  /// can encode, with more non-ASCII characters than ASCII letters, mostly in pairs.
  /// `excludingUTF8`: leave out spans that are `mostlyUTF8` (the caller may test that
  /// itself, last).
  static func encodableSpans(_ text: [UInt32], excludingUTF8: Bool = true) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    text.withUnsafeBufferPointer { text in
      forEachSpan(text) { span, _, high in
        if !(excludingUTF8 && mostlyUTF8(Array(text[span]), high: high)) { spans.append(span) }
        return true
      }
    }
    return spans
  }

  /// Whether `repairLegacyCJK` may find a span to decode in `text`: a span of
  /// `encodableSpans` that passes `mayDecodeCJK` and is not `mostlyUTF8`. False proves that
  /// it changes nothing.
  static func mayHoldCJKSpan(_ text: UnsafeBufferPointer<UInt32>) -> Bool {
    var found = false
    forEachSpan(text, onlyDecodable: true) { span, mayDecode, high in
      if mayDecode && !mostlyUTF8(Array(text[span]), high: high) { found = true }
      return !found
    }
    return found
  }

  /// Calls `body` with each span `encodableSpans(_:excludingUTF8: false)` finds, in order,
  /// `mayDecodeCJK` of the span and its number of non-ASCII characters, all gathered in one
  /// pass over the characters (no array, no second look at the span but to count its ASCII
  /// letters); stops when `body` returns false. `onlyDecodable`: skip the spans that fail
  /// `mayDecodeCJK` (their ASCII letters are then not counted).
  ///
  /// A span's non-ASCII characters are exactly its run's, so their count and how many
  /// stand beside another are the run's; the byte stream of `mayDecodeCJK` is taken as it
  /// stands after the run's last non-ASCII character, plus the trailing ASCII character
  /// when the span takes it.
  static func forEachSpan(
    _ text: UnsafeBufferPointer<UInt32>, onlyDecodable: Bool = false,
    _ body: (Range<Int>, _ mayDecode: Bool, _ high: Int) -> Bool
  ) {
    let count = text.count
    guard let base = text.baseAddress, hasNeighbouringLegacyPair(base, count: count) else {
      return
    }
    let classes = SpanByteClass.table  // read once, not per character (and not retained)
    if holdsNoSpanAsOneRun(base, count: count, classes: classes) { return }
    /// The class of `value`: 0 for ASCII and for the characters windows-1252 lacks.
    @inline(__always) func classOf(_ value: UInt32) -> UInt64 {
      value < windows1252TableLimit ? classes[Int(value)] : 0
    }
    var index = 0
    while index < count {
      // Characters windows-1252 lacks separate runs; ASCII before a run's first non-ASCII
      // character is outside every span and leaves the byte stream as it starts.
      var byteClass: UInt64 = 0
      while index < count {
        let value = base[index]
        if value >= 0x80 {
          byteClass = classOf(value)
          if byteClass != 0 { break }
          index &+= 1
        } else if index &+ 4 <= count,
          value | base[index &+ 1] | base[index &+ 2] | base[index &+ 3] < 0x80
        {
          index &+= 4
        } else {
          index &+= 1
        }
      }
      guard index < count else { return }
      let first = index
      var last = index
      // The run's non-ASCII characters come in groups of neighbours, split by ASCII. In
      // `mayDecodeCJK`'s byte stream a group's odd members lead and its even members trail
      // (GB2312 pairs); an odd group's last lead takes the ASCII character after it. Each
      // group is walked a lead and its trail at a time, so that no member count or parity
      // is kept per character: the group's size is where it ends less where it started.
      var high = 0
      var singles = 0  // groups of one: the non-ASCII characters with no neighbour
      var trails = 0
      var lastGroupOdd = false
      // Hangul leads (bits 0–31) and kana leads (bits 32–63) in one register: a run
      // holds fewer than 2^32 characters (16 GiB of scalars).
      var leads: UInt64 = 0
      var common = 0
      // `index` is at a group's first member, of class `byteClass` (not 0).
      while true {
        let groupStart = index
        var lead = byteClass
        leads &+= lead & SpanByteClass.leadBits
        index &+= 1
        while index < count {
          // An even member: the trail of the lead before it (a common GB2312 pair is a
          // lead's class shifted up by one, anded with its trail's).
          let trail = classOf(base[index])
          if trail == 0 { break }
          leads &+= trail & SpanByteClass.leadBits
          common &+= Int(
            truncatingIfNeeded: (lead << 1 & trail) >> SpanByteClass.gb2312TrailShift & 1)
          index &+= 1
          guard index < count else { break }
          // An odd member: the next lead.
          lead = classOf(base[index])
          if lead == 0 { break }
          leads &+= lead & SpanByteClass.leadBits
          index &+= 1
        }
        let group = index &- groupStart
        high &+= group
        trails &+= group >> 1
        if group == 1 { singles &+= 1 }
        lastGroupOdd = group & 1 != 0
        last = index &- 1
        // The group ends at the text's end, at a character windows-1252 lacks (the run's
        // end), or at ASCII, which stays in the run.
        guard index < count, base[index] < 0x80 else { break }
        index &+= 1
        // Further ASCII, four characters at a time: it changes nothing counted here.
        while index &+ 4 <= count,
          base[index] | base[index &+ 1] | base[index &+ 2] | base[index &+ 3] < 0x80
        {
          index &+= 4
        }
        while index < count && base[index] < 0x80 { index &+= 1 }
        guard index < count else { break }
        byteClass = classOf(base[index])
        if byteClass == 0 { break }
      }
      let runEnd = index
      let hangulLeads = Int(truncatingIfNeeded: leads & 0xFFFF_FFFF)
      let kanaLeads = Int(truncatingIfNeeded: leads >> 32)
      let paired = high &- singles
      guard high >= 4 && paired &* 10 >= high &* 6 else { continue }
      // Every lead but an odd last group's has its trail before `last`.
      var pairsAtLast = high - trails - (lastGroupOdd ? 1 : 0)
      // A trailing ASCII character can be the second byte of a GBK or Shift_JIS pair.
      var end = last &+ 1
      if end < runEnd, base[end] > 0x20 {
        if lastGroupOdd { pairsAtLast += 1 }
        end &+= 1
      }
      let commonShare = pairsAtLast == 0 ? 0 : Double(common) / Double(pairsAtLast)
      let mayDecode =
        reaches(0.9, leads: hangulLeads, high: high) || reaches(0.2, leads: kanaLeads, high: high)
        || commonShare >= 0.6
      if onlyDecodable && !mayDecode { continue }
      guard high >= asciiLetterCount(base, first..<end) else { continue }
      guard body(first..<end, mayDecode, high) else { return }
    }
  }

  /// Whether a line that windows-1252 holds whole, and so is one run of `forEachSpan` with
  /// one span (from its first non-ASCII character to its last, and the ASCII character
  /// after it that is no space or control), has too few non-ASCII characters for a span:
  /// fewer than four, or fewer than the span's ASCII letters. True proves that
  /// `forEachSpan` finds nothing; false proves nothing (the line is then walked). Lines of
  /// Latin text, and of Latin text's UTF-8 mojibake, most of them ASCII words, are settled
  /// here with eight characters at a time and one count of the span's letters, instead of
  /// a look-up and the pairing per non-ASCII character.
  static func holdsNoSpanAsOneRun(
    _ base: UnsafePointer<UInt32>, count: Int, classes: UnsafePointer<UInt64>
  ) -> Bool {
    var high = 0
    var first = -1
    var last = -1
    var index = 0
    // A character windows-1252 lacks ends the run (nothing is proved then); so does a
    // line whose non-ASCII characters reach half of it, which outnumber its letters.
    @inline(__always) func isHeld(_ value: UInt32) -> Bool {
      value < 0x100 || (value < windows1252TableLimit && classes[Int(value)] != 0)
    }
    while index &+ 8 <= count {
      let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<UInt32>.self)
      let four = chunk.lowHalf | chunk.highHalf
      let two = four.lowHalf | four.highHalf
      let all = two[0] | two[1]
      if all >= 0x80 {
        if all < 0x100 {
          // Latin-1 alone: bit 7 is set exactly on its non-ASCII characters.
          high &+= Int(truncatingIfNeeded: (chunk &>> 7).wrappedSum())
        } else {
          // Past Latin-1, windows-1252's characters (Œ … ™) are looked up.
          for lane in 0..<8 where chunk[lane] >= 0x80 {
            guard isHeld(chunk[lane]) else { return false }
            high &+= 1
          }
        }
        if first < 0 { first = index }
        last = index
        // Dense non-ASCII (Cyrillic or CJK mojibake, legacy bytes): left to the walk.
        if high &* 2 > index &+ 16 { return false }
      }
      index &+= 8
    }
    while index < count {
      let value = base[index]
      if value >= 0x80 {
        guard isHeld(value) else { return false }
        high &+= 1
        if first < 0 { first = index }
        last = index
      }
      index &+= 1
    }
    if high < 4 { return true }
    // The exact first and last non-ASCII characters, within the blocks found.
    while base[first] < 0x80 { first &+= 1 }
    last = Swift.min(last &+ 7, count &- 1)
    while base[last] < 0x80 { last &-= 1 }
    var end = last &+ 1
    if end < count && base[end] > 0x20 { end &+= 1 }
    return asciiLetterCount(base, first..<end) > high
  }

  /// Windows-1252's byte for a non-ASCII `value` (0: the page lacks it), from
  /// `windows1252Table`, which every character U+0080...U+00FF is its own byte in.
  @inline(__always)
  static func windows1252Byte(_ value: UInt32, _ table: UnsafePointer<UInt8>) -> UInt8 {
    if value < 0x100 { return UInt8(truncatingIfNeeded: value) }
    return value < windows1252TableLimit ? table[Int(value)] : 0
  }

  /// Past this value windows-1252 holds no character (™ U+2122 is its last; a test checks
  /// `windows1252Table` against the page).
  static let windows1252TableLimit: UInt32 = 0x2123

  /// Windows-1252's byte for each character below `windows1252TableLimit`, 0 where it has
  /// none, in memory allocated once and kept for the process. The screens and readings
  /// read it through a plain pointer: reading the shared `CodePages.windows1252` instance
  /// retains and releases it on every call, atomic writes to a cache line both workers
  /// share.
  /// Built from the page's own answers for the characters it decodes to and the C1
  /// controls (every other character has no byte), not by asking for each of the 8,483.
  nonisolated(unsafe) static let windows1252Table: UnsafePointer<UInt8> = {
    let count = Int(windows1252TableLimit)
    // Zeroed by the allocator (`initialize(repeating:)` stores the 8,483 zeros one by one).
    let table = CodePage.zeroedMemory(bytes: count).bindMemory(to: UInt8.self, capacity: count)
    let page = CodePages.windows1252
    for byte in UInt8(0x80)...0xFF {
      if let value = page.scalar(for: byte), value < windows1252TableLimit {
        table[Int(value)] = page.byte(for: value) ?? 0
      }
    }
    for value in UInt32(0x80)...0x9F { table[Int(value)] = page.byte(for: value) ?? 0 }
    return UnsafePointer(table)
  }()

  /// What the span walk counts of each non-ASCII character windows-1252 holds, by its byte:
  /// whether the byte leads a Hangul syllable (EUC-KR, bit 0) or a kana (Shift_JIS, bit
  /// 32), so that the walk adds both lead counts with one mask and one add; bit 33 set on
  /// every held character (0: windows-1252 lacks it); whether it can lead or trail a common
  /// GB2312 character (`isCommonGB2312`, bits 48 and 49: a lead before a trail is the
  /// earlier class shifted down by one, anded); and the byte (bits 40–47). One look-up
  /// gives them all, so that the walk counts them without branching on byte ranges. A test
  /// holds the table to `windows1252Table` and the byte ranges.
  enum SpanByteClass {
    static let hangulLeadShift: UInt64 = 0
    static let kanaLeadShift: UInt64 = 32
    static let heldBit: UInt64 = 1 << 33
    static let byteShift: UInt64 = 40
    static let gb2312LeadShift: UInt64 = 48
    static let gb2312TrailShift: UInt64 = 49
    /// The bits the walk adds to its lead counts.
    static let leadBits: UInt64 = 1 << hangulLeadShift | 1 << kanaLeadShift

    /// The class of a non-ASCII character whose windows-1252 byte is `byte`.
    static func of(byte: UInt8) -> UInt64 {
      var byteClass = heldBit | UInt64(byte) << byteShift
      if byte &- 0xB0 <= 0xC8 - 0xB0 { byteClass |= 1 << hangulLeadShift }
      if byte &- 0x81 <= 0x83 - 0x81 { byteClass |= 1 << kanaLeadShift }
      if isCommonGB2312(byte, 0xA1) { byteClass |= 1 << gb2312LeadShift }
      if isCommonGB2312(0xB0, byte) { byteClass |= 1 << gb2312TrailShift }
      return byteClass
    }

    /// The class of each character below `windows1252TableLimit`, in memory allocated once
    /// and kept for the process (read through a pointer, never retained). Filled for
    /// U+0080...U+00FF and the characters windows-1252 decodes its bytes 0x80...0x9F to,
    /// not by asking for each of the 8,483.
    nonisolated(unsafe) static let table: UnsafePointer<UInt64> = {
      let count = Int(windows1252TableLimit)
      // Zeroed by the allocator (`initialize(repeating:)` cost ~84,000 instructions at
      // every start-up, storing the zeros one by one).
      let table = CodePage.zeroedMemory(bytes: count * MemoryLayout<UInt64>.stride)
        .bindMemory(to: UInt64.self, capacity: count)
      let bytes = windows1252Table
      for value in 0x80..<0x100 { table[value] = of(byte: bytes[value]) }
      for byte in UInt8(0x80)...0x9F {
        if let value = CodePages.windows1252.scalar(for: byte), value >= 0x100,
          value < windows1252TableLimit, bytes[Int(value)] != 0
        {
          table[Int(value)] = of(byte: bytes[Int(value)])
        }
      }
      return UnsafePointer(table)
    }()
  }

  /// Whether two neighbouring characters of the line are both non-ASCII characters of the
  /// blocks windows-1252 draws on (`holdsWindows1252Block`). A span needs at least three
  /// non-ASCII characters beside another of its run (`forEachSpan`'s shape: four, 60 % of
  /// them paired), all of them characters windows-1252 holds: false proves that the line
  /// has no span. Clean Latin text (accents between ASCII letters), most repaired lines and
  /// lines of Cyrillic, Greek or CJK text are settled here, eight characters at a time,
  /// without the span walk.
  static func hasNeighbouringLegacyPair(_ base: UnsafePointer<UInt32>, count: Int) -> Bool {
    var index = 0
    if count >= 9 {
      // Lane i of `here` is character index + i, of `next` character index + i + 1. Most
      // eight characters hold none of the blocks (ASCII words, Cyrillic or CJK text): their
      // neighbours are then not looked at. The eight are compared in 16 bits, one vector:
      // a character past U+FFFF then stands for its low 16 bits, which may wrongly find a
      // pair (the span walk, which reads each character whole, then finds no span there)
      // but never miss one.
      let latinLow = SIMD8<Int16>(repeating: 0x7F)
      let latinHigh = SIMD8<Int16>(repeating: 0x300)
      let punctuationLow = SIMD8<Int16>(repeating: 0x2012)
      let punctuationHigh = SIMD8<Int16>(repeating: 0x2123)
      @inline(__always) func held(_ at: UnsafePointer<UInt32>) -> SIMDMask<SIMD8<Int16>> {
        // Below 0x8000 as signed values; the characters U+8000...U+FFFF read as negative,
        // below both blocks.
        let values = SIMD8<Int16>(
          truncatingIfNeeded: UnsafeRawPointer(at).loadUnaligned(as: SIMD8<UInt32>.self))
        return values .> latinLow .& values .< latinHigh .| values .> punctuationLow
          .& values .< punctuationHigh
      }
      while index &+ 9 <= count {
        let hereHeld = held(base + index)
        if any(hereHeld) && any(hereHeld .& held(base + (index &+ 1))) { return true }
        index &+= 8
      }
    }
    while index &+ 1 < count {
      if holdsWindows1252Block(base[index]) && holdsWindows1252Block(base[index &+ 1]) {
        return true
      }
      index &+= 1
    }
    return false
  }

  /// Whether `value` is a non-ASCII character of the blocks windows-1252 draws on:
  /// U+0080...U+02FF or U+2013...U+2122 (the complement of `isOutsideWindows1252Block`
  /// past ASCII).
  @inline(__always)
  static func holdsWindows1252Block(_ value: UInt32) -> Bool {
    value &- 0x80 < 0x300 - 0x80 || value &- 0x2013 <= 0x2122 - 0x2013
  }

  /// The ASCII letters among `range` of `base`.
  @inline(__always)
  private static func asciiLetterCount(_ base: UnsafePointer<UInt32>, _ range: Range<Int>) -> Int {
    var letters = 0
    var start = range.lowerBound
    // Eight characters at a time: spans of UTF-8 mojibake reach across most of a line.
    if range.count >= 8 {
      let a = SIMD8<UInt32>(repeating: 0x61)
      let span = SIMD8<UInt32>(repeating: 26)
      let fold = SIMD8<UInt32>(repeating: 0x20)
      var lanes = SIMD8<UInt32>(repeating: 0)
      while start + 8 <= range.upperBound {
        let values = UnsafeRawPointer(base + start).loadUnaligned(as: SIMD8<UInt32>.self)
        // Non-ASCII values fold onto no ASCII letter: (value | 0x20) - 0x61 < 26 holds only
        // for A–Z and a–z.
        lanes &+= SIMD8<UInt32>(repeating: 1).replacing(
          with: 0, where: ((values | fold) &- a) .>= span)
        start += 8
      }
      letters = Int(lanes.wrappedSum())
    }
    for index in start..<range.upperBound {
      // For ASCII, setting bit 5 folds A–Z onto a–z and moves nothing else there.
      let value = base[index]
      if value < 0x80 && (value | 0x20) &- 0x61 < 26 { letters &+= 1 }
    }
    return letters
  }

  /// Whether most (60 %) of the span's non-ASCII characters belong to well-formed UTF-8
  /// through windows-1252: then it is UTF-8 mojibake (perhaps with lost bytes), left to the
  /// UTF-8 passes. EUC-KR, Shift_JIS and GBK text forms such sequences by chance for 15–41 %
  /// of its bytes on the development sentences.
  static func mostlyUTF8(_ span: some Collection<UInt32>) -> Bool {
    let text = Array(span)
    return mostlyUTF8(text, high: text.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) })
  }

  /// `mostlyUTF8` of a span copied out (`high`: its number of non-ASCII characters). The
  /// candidates are counted as they are found, not collected, and the search stops as soon
  /// as the answer is settled: once they cover the share asked for, or once what is left
  /// of the span could not make it up.
  static func mostlyUTF8(_ text: [UInt32], high: Int) -> Bool {
    mostlyUTF8(text, high: high, page: CodePages.windows1252)
  }

  /// Whether a line is `mostlyUTF8` through one of the other pages the UTF-8 passes know
  /// (MacRoman, cp437 …). UTF-8 read through MacRoman or cp437 holds runs that windows-1252
  /// can encode as well ("ÂëòË°®Á§º" is 员表示 through MacRoman, cut off from the rest of
  /// its line by "∫", which windows-1252 lacks): read as GBK or EUC-KR bytes, such a run
  /// would be decoded into wrong ideographs before the UTF-8 passes see the line, which
  /// they would then leave half decoded. Asked of whole lines, not spans: a short span of
  /// legacy CJK bytes forms UTF-8 through one page or another by chance.
  ///
  /// The bar is higher than `mostlyUTF8`'s: nine in ten of the line's non-ASCII characters
  /// (at least six) in whole sequences, not counting readings with a lost byte or a space
  /// guessed for NBSP, which legacy CJK bytes read as windows-1252 form by chance through
  /// one page or another.
  static func mostlyUTF8ThroughOtherPage(_ text: [UInt32], high: Int) -> Bool {
    guard high >= 6 else { return false }
    let bits = UTF8Misreading.pageMasks(text).any
    let needed = high * 9  // covered * 10 must reach it
    for (bit, page) in CodePages.utf8Misreadings.enumerated()
    where bit > 0 && bits & (UInt16(1) << UInt16(bit)) != 0 {
      var covered = 0
      UTF8Misreading.forEachCandidate(in: text, page: page) { reading in
        if !reading.lost && !reading.guessedSpace { covered += reading.end - reading.start }
        // Settled either way: the share is reached, or later readings, which lie after
        // this one, could not cover enough of what is left.
        return covered * 10 < needed && (covered + text.count - reading.end) * 10 >= needed
      }
      if covered * 10 >= needed { return true }
    }
    return false
  }

  static func mostlyUTF8(_ text: [UInt32], high: Int, page: CodePage) -> Bool {
    let needed = high * 6  // covered * 10 must reach it
    guard needed > 0 else { return true }
    var covered = 0
    var reached = false
    // Counts within the span's length: no overflow.
    UTF8Misreading.forEachCandidate(in: text, page: page) { candidate in
      covered &+= candidate.end &- candidate.start
      if covered &* 10 >= needed {
        reached = true
        return false
      }
      // Later candidates lie after this one.
      return (covered &+ text.count &- candidate.end) &* 10 >= needed
    }
    return reached
  }

  /// The span's windows-1252 bytes (nil if it holds a character windows-1252 lacks).
  static func windows1252Bytes(_ span: some Collection<UInt32>) -> [UInt8]? {
    let windows1252 = windows1252Table
    var bytes: [UInt8] = []
    bytes.reserveCapacity(span.count)
    for value in span {
      if value < 0x80 {
        bytes.append(UInt8(truncatingIfNeeded: value))
        continue
      }
      let byte = windows1252Byte(value, windows1252)
      guard byte != 0 else { return nil }
      bytes.append(byte)
    }
    return bytes
  }

  /// Whether `decodeCJK` may find anything in the span's windows-1252 bytes: false when
  /// the byte bound of each of its three readings fails (each reading needs its own). The
  /// bytes are counted as they are read, not collected.
  static func mayDecodeCJK(_ span: ArraySlice<UInt32>) -> Bool {
    let windows1252 = windows1252Table  // read once, not per character (and not retained)
    var high = 0
    var hangulLeads = 0
    var kanaLeads = 0
    // `commonGB2312Share`'s pairs, read in the same stream.
    var lead: UInt8?
    var pairs = 0
    var common = 0
    for value in span {
      let byte =
        value < 0x80 ? UInt8(truncatingIfNeeded: value) : windows1252Byte(value, windows1252)
      guard value < 0x80 || byte != 0 else { return true }
      if byte >= 0x80 { high += 1 }
      if hangulLeadBytes.contains(byte) { hangulLeads += 1 }
      if kanaLeadBytes.contains(byte) { kanaLeads += 1 }
      if let first = lead {
        pairs += 1
        if isCommonGB2312(first, byte) { common += 1 }
        lead = nil
      } else if byte >= 0x80 {
        lead = byte
      }
    }
    let commonShare = pairs == 0 ? 0 : Double(common) / Double(pairs)
    return reaches(0.9, leads: hangulLeads, high: high) || reaches(0.2, leads: kanaLeads, high: high)
      || commonShare >= 0.6
  }

  /// The span's bytes decoded as Korean, Japanese or Chinese when one of them gives
  /// plausible text of that language.
  static func decodeCJK(_ bytes: [UInt8]) -> ([UInt32], String)? {
    // Byte bounds first: they spare most spans the converters (see `mayReach`).
    let high = bytes.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
    if mayReach(0.9, of: hangulLeadBytes, in: bytes, high: high),
      let korean = strictDecode(bytes, "EUC-KR"), share(korean, of: isHangulSyllable) >= 0.9
    {
      return (korean, "EUC-KR")
    }
    if mayReach(0.2, of: kanaLeadBytes, in: bytes, high: high),
      let japanese = strictDecode(bytes, "Shift_JIS"), share(japanese, of: isJapanese) >= 0.9,
      share(japanese, of: isKana) >= 0.2
    {
      return (japanese, "Shift_JIS")
    }
    // The byte test first: it needs no converter.
    if commonGB2312Share(bytes) >= 0.6, let chinese = strictDecode(bytes, "GBK"),
      share(chinese, of: isHanOrCJKPunctuation) >= 0.9
    {
      return (chinese, "GBK")
    }
    return nil
  }

  /// The bytes that lead every Hangul syllable in ICU's EUC-KR (KS X 1001 rows 16–40; ICU's
  /// EUC-KR has no UHC extension), and every kana (U+3040...U+30FF, row 1's ー ・ ゝ ゞ
  /// among them) in its Shift_JIS. `LegacyCJKBoundTests` checks both against the converters.
  static let hangulLeadBytes: ClosedRange<UInt8> = 0xB0...0xC8
  static let kanaLeadBytes: ClosedRange<UInt8> = 0x81...0x83

  /// Whether the characters led by `leads` can make up `share` of the non-ASCII characters
  /// that EUC-KR or Shift_JIS decode `bytes` into. Each such character needs its own lead
  /// byte, and each non-ASCII character takes at most two of the `high` bytes, so there are
  /// at least half as many of them: false proves the share out of reach.
  static func mayReach(
    _ share: Double, of leads: ClosedRange<UInt8>, in bytes: [UInt8], high: Int
  ) -> Bool {
    var leadCount = 0
    for byte in bytes where leads.contains(byte) { leadCount += 1 }
    return reaches(share, leads: leadCount, high: high)
  }

  /// `mayReach` from the counts: `leads` lead bytes among `high` non-ASCII bytes.
  @inline(__always)
  private static func reaches(_ share: Double, leads: Int, high: Int) -> Bool {
    let fewestCharacters = (high + 1) / 2
    // In whole numbers (share is 0.9 or 0.2): no rounding at the boundary.
    let tenths = Int((share * 10).rounded())
    return leads * 10 >= fewestCharacters * tenths
  }

  private static func strictDecode(_ bytes: [UInt8], _ charset: String) -> [UInt32]? {
    guard let converter = StrictConverters.current.converter(charset),
      let scalars = try? converter.decodeScalars(bytes)
    else { return nil }
    return scalars.contains(0xFFFD) || scalars.contains(0x1A) ? nil : scalars
  }

  /// The calling thread's strict converters, opened on first use and kept for its later
  /// lines: opening one costs ~3,800 instructions, more than most decodings
  /// (`Converter.decodeScalars` resets its state on every call).
  final class StrictConverters {
    /// Only its thread reads it, one span at a time.
    @exclusivity(unchecked) private var converters: [(name: String, converter: Converter?)] = []

    /// The converter named `name`, or nil if ICU cannot open it (asked once).
    func converter(_ name: String) -> Converter? {
      for entry in converters where entry.name == name { return entry.converter }
      let converter = try? Converter(name, strict: true)
      converters.append((name, converter))
      return converter
    }

    /// The calling thread's box, created on its first span.
    static var current: StrictConverters { perThread.current }

    private static let perThread = ThreadLocalBox { StrictConverters() }
  }

  /// Share of the non-ASCII characters that satisfy `test`.
  private static func share(_ text: [UInt32], of test: (UInt32) -> Bool) -> Double {
    var total = 0
    var hits = 0
    for value in text where value >= 0x80 {
      total += 1
      if test(value) { hits += 1 }
    }
    return total == 0 ? 0 : Double(hits) / Double(total)
  }

  private static func isHangulSyllable(_ value: UInt32) -> Bool {
    (0xAC00...0xD7A3).contains(value)
  }
  private static func isKana(_ value: UInt32) -> Bool { (0x3040...0x30FF).contains(value) }
  private static func isJapanese(_ value: UInt32) -> Bool {
    isKana(value) || (0x4E00...0x9FFF).contains(value) || (0x3000...0x303F).contains(value)
      || (0xFF01...0xFF5E).contains(value)
  }
  private static func isHanOrCJKPunctuation(_ value: UInt32) -> Bool {
    (0x4E00...0x9FFF).contains(value) || (0x3000...0x303F).contains(value)
      || (0xFF01...0xFF5E).contains(value)
  }

  /// A byte pair of GB2312's level-1 block or of its punctuation rows.
  @inline(__always)
  private static func isCommonGB2312(_ lead: UInt8, _ trail: UInt8) -> Bool {
    ((0xB0...0xD7).contains(lead) || (0xA1...0xA3).contains(lead)) && (0xA1...0xFE).contains(trail)
  }

  /// Share of two-byte characters in GB2312's level-1 (common) block: GBK decodes almost any
  /// byte pair, so only common characters count as evidence.
  static func commonGB2312Share(_ bytes: [UInt8]) -> Double {
    var pairs = 0
    var common = 0
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      if index + 1 < bytes.count {
        pairs += 1
        if isCommonGB2312(lead, bytes[index + 1]) { common += 1 }
      }
      index += 2
    }
    return pairs == 0 ? 0 : Double(common) / Double(pairs)
  }

  // MARK: Cyrillic windows-1251 <-> KOI8-R

  /// Surprise of each Russian letter, -ln(frequency) for а...я, from a textbook table of
  /// Russian letter frequencies (о 10.97 %, е 8.45 %, … ъ 0.04 %).
  private static let russianSurprise: [Double] = [
    2.52, 4.14, 3.09, 4.07, 3.51, 2.47, 4.67, 4.1, 2.61, 4.41, 3.36,
    3.12, 3.44, 2.7, 2.21, 3.57, 3.05, 2.91, 2.77, 3.64, 5.95, 4.64,
    5.34, 4.24, 4.92, 5.63, 7.82, 3.96, 4.05, 5.74, 5.05, 3.91,
  ]

  /// How un-Russian the Cyrillic letters of `text` are: mean surprise of the letters plus a
  /// charge for each lower-case letter followed by a capital inside a word.
  static func russianCost(_ text: [UInt32]) -> (cost: Double, letters: Int) {
    var tally = RussianTally()
    for value in text { tally.add(value) }
    return (tally.cost, tally.letters)
  }

  /// `russianSurprise` with ё (and Ё) last, at the rarest letter's surprise.
  private static let letterSurprise: [Double] = russianSurprise + [7.82]

  /// A character as `RussianTally` sees it: 0 for anything but a Russian letter, otherwise
  /// 1 + its index in `letterSurprise`, plus 0x80 for a capital. (Ё counts as lower case,
  /// as it always has.)
  @inline(__always)
  static func russianLetterCode(_ value: UInt32) -> UInt8 {
    if value >= 0x410 && value <= 0x42F { return UInt8(value - 0x410 + 1) | 0x80 }
    if value >= 0x430 && value <= 0x44F { return UInt8(value - 0x430 + 1) }
    return value == 0x451 || value == 0x401 ? 33 : 0
  }

  /// For the Cyrillic block U+0400...U+045F, where Russian text spends its characters: the
  /// `russianLetterCode` of the character as it stands (bits 0–7), read as windows-1251 bytes
  /// through KOI8-R (bits 8–15) and as KOI8-R bytes through windows-1251 (bits 16–23).
  private static let cyrillicBlockCodes: [UInt32] = (UInt32(0x400)..<0x460).map(swapCodes)

  /// `cyrillicBlockCodes`' entry for any character.
  @inline(__always)
  private static func swapCodes(_ value: UInt32) -> UInt32 {
    if value < 0x80 { return 0 }
    return UInt32(russianLetterCode(value))
      | UInt32(swapCode(value, from: CodePages.windows1251, to: CodePages.koi8r)) << 8
      | UInt32(swapCode(value, from: CodePages.koi8r, to: CodePages.windows1251)) << 16
  }

  /// The `russianLetterCode` of `value` read through `from` then `to` (as it stands when
  /// `from` lacks it; 0xFF when `to` leaves its byte undefined).
  private static func swapCode(_ value: UInt32, from: CodePage, to: CodePage) -> UInt8 {
    guard let byte = from.byte(for: value) else { return russianLetterCode(value) }
    guard let swapped = to.scalar(for: byte) else { return 0xFF }
    return russianLetterCode(swapped)
  }

  /// What one character adds to `cyrillicSwap`'s three tallies (`RussianTally`), lane by
  /// lane: lane 0 the character as it stands, lane 1 read as windows-1251 bytes through
  /// KOI8-R, lane 2 read as KOI8-R bytes through windows-1251. Added as a vector, each lane
  /// sums the same terms in the same order as its own tally would: a lane with no letter
  /// adds 0, which leaves a sum of non-negative terms as it is.
  struct SwapTerms {
    /// Each lane's letter surprise (`letterSurprise`; 0 where it reads no Russian letter).
    var surprise: SIMD4<Double>
    /// Bits 0–2: the lanes reading a Russian letter; bits 3–5: those reading a capital;
    /// bits 6–7: the readings (lanes 1 and 2) whose target page leaves the byte undefined.
    var lanes: UInt32
    /// The lanes reading a Russian letter as one count each, `letterCountShift` bits apart
    /// (lane 0 in the lowest), so that the three letter counts take one add.
    var letterCounts: UInt64 = 0
  }

  /// How far apart the lanes' letter counts lie in `SwapTerms.letterCounts`: a count
  /// stays below 2^21 as long as fewer characters are added before it is read out
  /// (`cyrillicSwap` reads them every `letterCountBlock` characters).
  static let letterCountShift: UInt64 = 21
  static let letterCountBlock = 1 << 20

  /// The `SwapTerms` of a character from its `cyrillicBlockCodes` entry.
  static func swapTerms(_ codes: UInt32) -> SwapTerms {
    var terms = SwapTerms(surprise: SIMD4<Double>(repeating: 0), lanes: 0)
    for lane in 0..<3 {
      let code = UInt8(truncatingIfNeeded: codes >> UInt32(8 * lane))
      if lane > 0 && code == 0xFF {
        terms.lanes |= 1 << UInt32(6 + lane - 1)
      } else if code != 0 {
        terms.surprise[lane] = letterSurprise[Int(code & 0x3F) - 1]
        terms.lanes |= 1 << UInt32(lane)
        terms.letterCounts |= 1 << (letterCountShift * UInt64(lane))
        if code & 0x80 != 0 { terms.lanes |= 1 << UInt32(3 + lane) }
      }
    }
    return terms
  }

  /// `SwapTerms` of the Cyrillic block U+0400...U+045F, in memory allocated once and kept
  /// for the process: read through a pointer, not retained as a global array's buffer
  /// would be on every call (an atomic write to a cache line both workers share).
  nonisolated(unsafe) private static let cyrillicBlockTerms: UnsafePointer<SwapTerms> = {
    let terms = UnsafeMutablePointer<SwapTerms>.allocate(capacity: cyrillicBlockCodes.count)
    terms.initialize(from: cyrillicBlockCodes.map(swapTerms), count: cyrillicBlockCodes.count)
    return UnsafePointer(terms)
  }()

  /// The charge for a capital after a lower-case letter, 3 on each of the lanes set in
  /// `lanes` (bits 0–2). Computed where it is charged, not kept in a table: building a
  /// table of vectors cost ~260k instructions per process, more than all its uses.
  @inline(__always)
  static func penaltyTerms(_ lanes: UInt32) -> SIMD4<Double> {
    SIMD4<Double>(
      Double(lanes & 1) * 3, Double(lanes >> 1 & 1) * 3, Double(lanes >> 2 & 1) * 3, 0)
  }

  /// `russianCost`, one character at a time (so that a re-decoded reading is scored
  /// without being built).
  struct RussianTally {
    var cost = 0.0
    var letters = 0
    private var previousLower = false

    @inline(__always)
    mutating func add(_ value: UInt32) { add(code: russianLetterCode(value)) }

    /// Adds a character given by its `russianLetterCode`.
    @inline(__always)
    mutating func add(code: UInt8, surprise: UnsafeBufferPointer<Double>) {
      guard code != 0 else {
        previousLower = false
        return
      }
      let isUpper = code & 0x80 != 0
      cost += surprise[Int(code & 0x3F) &- 1]
      if previousLower && isUpper { cost += 3 }
      previousLower = !isUpper
      letters &+= 1
    }

    @inline(__always)
    mutating func add(code: UInt8) {
      letterSurprise.withUnsafeBufferPointer { add(code: code, surprise: $0) }
    }
  }

  /// The text read through the other Cyrillic code page (windows-1251 ↔ KOI8-R) when that
  /// reading is clearly more Russian than what stands; nil otherwise.
  ///
  /// The text as it stands and both readings are scored in one pass, each reading without
  /// being built (see `transcode`): the tallies see the same characters in the same order
  /// as three separate passes would, and sum the same costs.
  /// `counted`: the caller has seen at least four letters in U+0410...U+044F.
  static func cyrillicSwap(_ text: [UInt32], counted: Bool = false)
    -> (text: [UInt32], kind: String)?
  {
    if !counted {
      guard text.withUnsafeBufferPointer(hasFourRussianLetters) else { return nil }
    }
    // Lane 0: the text as it stands; lane 1: its windows-1251 bytes read as KOI8-R; lane 2:
    // its KOI8-R bytes read as windows-1251 (`SwapTerms`).
    var cost = SIMD4<Double>(repeating: 0)
    var previousLower: UInt32 = 0  // lanes whose last character was a lower-case letter
    var dropped: UInt32 = 0  // readings (bit 0: lane 1, bit 1: lane 2) a byte dropped
    var currentLetters = 0
    var lettersAsKOI8R = 0
    var lettersAsWindows1251 = 0
    let block = cyrillicBlockTerms  // kept for the process: read without a retain
    // The three letter counts in one register (`SwapTerms.letterCounts`), read out after
    // each block of `letterCountBlock` characters, before a count could reach the next.
    var counts: UInt64 = 0
    @inline(__always) func readOutCounts() {
      let mask: UInt64 = 1 << letterCountShift - 1
      currentLetters &+= Int(truncatingIfNeeded: counts & mask)
      lettersAsKOI8R &+= Int(truncatingIfNeeded: counts >> letterCountShift & mask)
      lettersAsWindows1251 &+= Int(truncatingIfNeeded: counts >> (2 * letterCountShift))
      counts = 0
    }
    text.withUnsafeBufferPointer { whole in
      var blockStart = 0
      while blockStart < whole.count {
        let blockEnd = min(blockStart + letterCountBlock, whole.count)
        defer {
          readOutCounts()
          blockStart = blockEnd
        }
        for value in UnsafeBufferPointer(rebasing: whole[blockStart..<blockEnd]) {
          let terms: SwapTerms
          if value &- 0x400 < 0x60 {
            terms = block[Int(value &- 0x400)]
          } else if value < 0x80 {
            // ASCII is no Russian letter in any reading: each lane only forgets its last
            // letter's case.
            previousLower = 0
            continue
          } else {
            terms = swapTerms(swapCodes(value))
          }
          let letterLanes = terms.lanes & 7
          let upperLanes = terms.lanes >> 3 & 7
          cost += terms.surprise
          let penalty = previousLower & upperLanes
          if penalty != 0 { cost += penaltyTerms(penalty) }
          previousLower = letterLanes & ~upperLanes
          dropped |= terms.lanes >> 6
          counts &+= terms.letterCounts
        }
      }
    }
    let keepsKOI8R = dropped & 1 == 0
    let keepsWindows1251 = dropped & 2 == 0
    let current = (cost: cost[0], letters: currentLetters)
    let asKOI8R = (cost: cost[1], letters: lettersAsKOI8R)
    let asWindows1251 = (cost: cost[2], letters: lettersAsWindows1251)
    let letters = current.letters
    let currentMean = current.cost / Double(letters)
    // The pages are named, not held, until a reading wins: reading the shared instances
    // retains them.
    var best: (mean: Double, fromWindows1251: Bool)?
    // The windows-1251 reading through KOI8-R first; the other replaces it only when cheaper.
    if keepsKOI8R && asKOI8R.letters >= letters {
      best = (asKOI8R.cost / Double(asKOI8R.letters), true)
    }
    if keepsWindows1251 && asWindows1251.letters >= letters {
      let mean = asWindows1251.cost / Double(asWindows1251.letters)
      if best == nil || mean < best!.mean { best = (mean, false) }
    }
    // Real Russian costs about 3.0–3.3 per letter; a swapped code page 3.7 and more.
    guard let best, best.mean < currentMean - 0.25, best.mean < 3.6 else { return nil }
    let from = best.fromWindows1251 ? CodePages.windows1251 : CodePages.koi8r
    let to = best.fromWindows1251 ? CodePages.koi8r : CodePages.windows1251
    guard let swapped = transcode(text, from: from, to: to, only: { _ in true }) else {
      return nil
    }
    return (swapped, "\(from.name)-as-\(to.name)")
  }

  /// The entry conditions of `repairAfterUTF8`'s two readings, gathered in one pass over
  /// the line (every line is asked once per repair round): whether it has four letters in
  /// U+0410...U+044F (`hasFourRussianLetters`), and the number of its non-ASCII characters
  /// when windows-1252 holds all of them (nil when it lacks one), with what
  /// `looksConsistentLatin` and the windows-125x reading's entry need of them (`latin`, as
  /// `Screen` gathers it), so that the reading's entry reads the line no second time.
  /// ASCII is passed eight characters at a time; once a character windows-1252 lacks is
  /// seen, only Russian letters are looked for, as `hasFourRussianLetters` looks.
  struct AfterUTF8Entry {
    private(set) var hasFourRussianLetters = false
    private(set) var windows1252High: Int?
    /// `Screen.latin` of the line, complete when `windows1252High` is not nil.
    private(set) var latin = LatinScreen()
    /// Two non-ASCII characters stand side by side (known when `windows1252High` is not
    /// nil).
    private(set) var hasNeighbouringHigh = false

    init(_ text: UnsafeBufferPointer<UInt32>) {
      guard let base = text.baseAddress else {
        windows1252High = 0
        return
      }
      let windows1252 = windows1252Table  // read once, not per character (and not retained)
      let count = text.count
      var high = 0
      var latin = LatinScreen()
      var lastHigh = -2  // where the last non-ASCII character stands
      var neighbouring = false
      var index = 0
      while index < count {
        // Eight characters at a time: passed together when all are ASCII, else one by one
        // (a block is read through once: mojibake alternates short runs).
        let end = Swift.min(index &+ 8, count)
        if end &- index == 8 {
          let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<UInt32>.self)
          let four = chunk.lowHalf | chunk.highHalf
          let two = four.lowHalf | four.highHalf
          if two[0] | two[1] < 0x80 {
            index = end
            continue
          }
        }
        while index < end {
          let value = base[index]
          if value >= 0x80 {
            // Windows-1252 holds every character U+0080...U+00FF.
            guard windows1252Byte(value, windows1252) != 0 else {
              // A character windows-1252 lacks; a Russian letter is one.
              hasFourRussianLetters = LegacyCodePages.hasFourRussianLetters(
                base, from: index, count: count)
              return
            }
            high &+= 1
            latin.add(value, at: index, in: text)
            if lastHigh &+ 1 == index { neighbouring = true }
            lastHigh = index
          }
          index &+= 1
        }
      }
      windows1252High = high
      self.latin = latin
      hasNeighbouringHigh = neighbouring
    }
  }

  /// Whether `text` has at least four letters in U+0410...U+044F (`cyrillicSwap`'s entry
  /// condition): stops at the fourth, and skips eight characters at a time where none is
  /// one.
  static func hasFourRussianLetters(_ text: UnsafeBufferPointer<UInt32>) -> Bool {
    guard let base = text.baseAddress else { return false }
    return hasFourRussianLetters(base, from: 0, count: text.count)
  }

  /// `hasFourRussianLetters` of the characters from `start` on, among the `count` at `base`.
  @inline(__always)
  static func hasFourRussianLetters(_ base: UnsafePointer<UInt32>, from start: Int, count: Int)
    -> Bool
  {
    var found = 0
    var index = start
    let firstLetter = SIMD8<UInt32>(repeating: 0x410)
    let letters = SIMD8<UInt32>(repeating: 0x40)
    while index < count {
      if index + 8 <= count,
        !any(
          UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<UInt32>.self) &- firstLetter
            .< letters)
      {
        index += 8
        continue
      }
      if base[index] &- 0x410 < 0x40 {
        found += 1
        if found == 4 { return true }
      }
      index += 1
    }
    return false
  }

  /// Re-encodes the characters that `only` selects through `from` and decodes them through
  /// `to`; nil if one of them cannot be encoded or decoded.
  private static func transcode(
    _ text: [UInt32], from: CodePage, to: CodePage, only: (UInt32) -> Bool
  ) -> [UInt32]? {
    var output = text
    for index in output.indices where output[index] >= 0x80 && only(output[index]) {
      guard let byte = from.byte(for: output[index]) else { continue }
      guard let value = to.scalar(for: byte) else { return nil }
      output[index] = value
    }
    return output
  }

  /// Records each run of changed characters between `edit.text` and `newText` (same length).
  private static func replaceChangedRuns(
    _ edit: inout EditLog, with newText: [UInt32], kind: String
  ) {
    var changes: [(start: Int, end: Int, length: Int, detail: String)] = []
    let old = edit.text
    // The details are written only where the log keeps them (`fix --lines` keeps none).
    let describe = edit.recordsSteps
    TextModel.withInfo { info in
      old.withUnsafeBufferPointer { oldBuffer in
        newText.withUnsafeBufferPointer { newBuffer in
          let count = oldBuffer.count
          var index = 0
          while index < count {
            guard oldBuffer[index] != newBuffer[index] else {
              index += 1
              continue
            }
            var end = index
            // A run reaches on through the letters of its word.
            while end < count
              && (oldBuffer[end] != newBuffer[end] || info(oldBuffer[end]).kind == .letter)
            {
              end += 1
            }
            let detail = describe ? describeChange(old[index..<end], newText[index..<end]) : ""
            changes.append((index, end, end - index, detail))
            index = end
          }
        }
      }
    }
    if !changes.isEmpty { edit.apply(newText, edits: changes, kind: kind) }
  }

  /// "old -> new", each side as `UTF8Misreading.describe` writes it (controls as
  /// `\u{HEX}`, values that are not scalars left out), encoded to UTF-8 in one buffer
  /// rather than appended to a `String` scalar by scalar.
  static func describeChange(_ old: ArraySlice<UInt32>, _ new: ArraySlice<UInt32>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity((old.count + new.count) * 4 + 4)
    appendDescription(of: old, to: &bytes)
    bytes.append(contentsOf: [0x20, 0x2D, 0x3E, 0x20])  // " -> "
    appendDescription(of: new, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func appendDescription(of values: ArraySlice<UInt32>, to bytes: inout [UInt8]) {
    for value in values {
      if value < 0x20 || (value >= 0x7F && value < 0xA0) {
        bytes.append(contentsOf: [0x5C, 0x75, 0x7B])  // "\u{"
        if value >= 0x10 { bytes.append(hexDigit(value >> 4)) }
        bytes.append(hexDigit(value & 0xF))
        bytes.append(0x7D)  // "}"
      } else if value < 0x80 {
        bytes.append(UInt8(value))
      } else if value < 0x800 {
        bytes.append(UInt8(0xC0 | value >> 6))
        bytes.append(UInt8(0x80 | value & 0x3F))
      } else if value < 0x10000 {
        if value >= 0xD800 && value < 0xE000 { continue }
        bytes.append(UInt8(0xE0 | value >> 12))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
      } else if value < 0x110000 {
        bytes.append(UInt8(0xF0 | value >> 18))
        bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
      }
    }
  }

  /// The upper-case hexadecimal digit of `value` (0...15).
  @inline(__always)
  private static func hexDigit(_ value: UInt32) -> UInt8 {
    UInt8(value < 10 ? 0x30 + value : 0x41 + value - 10)
  }

  // MARK: windows-125x read as windows-1252

  /// Accented letters of Latin-script alphabets (lower case). A line whose accented letters
  /// no single alphabet explains ("Spoleènost … Èesku": è, ì, ø beside ž) is suspect; its
  /// re-decoding through windows-1250 ("Společnost … Česku") fits Czech exactly.
  /// Each is its bit in `alphabetMembership`, not a `Set`: 25 sets hashed ~500k
  /// instructions in every process that asked, more than the lines asked of them.
  static let latinAlphabets: [LatinAlphabet] = (0..<alphabetCount).map {
    LatinAlphabet(bit: UInt32(1) << UInt32($0))
  }

  /// One of `latinAlphabets`: its bit in `alphabetMembership`.
  struct LatinAlphabet: Sendable {
    let bit: UInt32

    /// Whether the alphabet holds `value` (every letter of every alphabet lies below
    /// `alphabetTableLimit`; a test holds the table to the letters as written).
    @inline(__always)
    func contains(_ value: UInt32) -> Bool {
      value < LegacyCodePages.alphabetTableLimit
        && LegacyCodePages.alphabetMembership[Int(value)] & bit != 0
    }
  }

  /// The bits of `latinAlphabets` that hold every letter of `letters` (all of them for
  /// none), from `alphabetMembership` without hashing.
  static func alphabetsHolding(_ letters: [UInt32]) -> UInt32 {
    let table = alphabetMembership
    var common: UInt32 = (1 << UInt32(alphabetCount)) &- 1
    for letter in letters {
      common &= letter < alphabetTableLimit ? table[Int(letter)] : 0
    }
    return common
  }

  /// The letters of each of `latinAlphabets`, as written: the stage's own tables
  /// (`alphabetMembership`, `alphabetMasks`) are built from these, without hashing.
  static let latinAlphabetLetters: [String] = [
    "àâæçéèêëîïôœùûüÿ", "äöüß", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóùú", "àçèéíïòóúü",
    "éëïóöü", "åäöé", "æøåéó", "äöå", "áðéíóúýþæö", "ąćęłńóśźż", "áčďéěíňóřšťúůýž",
    "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "ăâîșțşţ", "čćđšž", "çğıöşüi̇", "āčēģīķļņšūž",
    "ąčęėįšųūž", "äöõüšž", "ċġħżàèìòù", "áéíóú", "âêîôûŵŷäëïöü",
    // Scottish Gaelic writes only grave accents, anywhere in a word ("sìde brèagha", "cùis",
    // "fhèin"): no placement rule speaks for it (`LetterPlacement.swift`), so a line of
    // graves alone stays explained even where Italian and French are ruled out.
    "àèìòù",
  ]

  /// For each scalar below `alphabetTableLimit`: a bit per entry of `latinAlphabets` that
  /// holds it, so `lineOddity` counts letters outside each alphabet without hashing.
  static let alphabetTableLimit: UInt32 = 0x310
  /// `latinAlphabets.count`, as a constant (a test holds it to the list).
  static let alphabetCount = 25
  fileprivate static let alphabetMembership: [UInt32] = {
    var table = [UInt32](repeating: 0, count: Int(alphabetTableLimit))
    for (bit, alphabet) in latinAlphabetLetters.enumerated() {
      for letter in alphabet.unicodeScalars where letter.value < alphabetTableLimit {
        table[Int(letter.value)] |= UInt32(1) << UInt32(bit)
      }
    }
    return table
  }()

  /// A page `windows125xReading` tries, with its table for bytes 0x80...0xFF
  /// (`CodePage.upper`) copied once into memory kept for the process.
  struct Windows125xTarget {
    let page: Unmanaged<CodePage>
    let upper: UnsafeBufferPointer<UInt16>
  }

  /// The pages `windows125xReading` tries, in order, kept for the process: its loop reads
  /// each page's table through a pointer and touches the page itself only for a reading
  /// with no oddity, so that the shared instances and their tables are not retained and
  /// released on every line (atomic writes to cache lines both workers share).
  nonisolated(unsafe) private static let windows1252Targets:
    UnsafeBufferPointer<Windows125xTarget> = {
      let pages = [
        CodePages.windows1250, CodePages.windows1257, CodePages.windows1254,
        CodePages.windows1251, CodePages.windows1253, CodePages.windows1255,
        CodePages.windows1256,
      ]
      let targets = UnsafeMutablePointer<Windows125xTarget>.allocate(capacity: pages.count)
      for (slot, page) in pages.enumerated() {
        let upper = UnsafeMutablePointer<UInt16>.allocate(capacity: page.upper.count)
        upper.initialize(from: page.upper, count: page.upper.count)
        (targets + slot).initialize(
          to: Windows125xTarget(
            page: .passRetained(page),
            upper: UnsafeBufferPointer(start: upper, count: page.upper.count)))
      }
      return UnsafeBufferPointer(start: targets, count: pages.count)
    }()

  /// The line re-decoded through the windows-125x page that reads it best, when the line
  /// looks odd as windows-1252 text and that reading is plausible text of one script.
  /// `entry`: the line's non-ASCII count and `LatinScreen` (`AfterUTF8Entry`'s: windows-1252
  /// holds the whole line), from which the reading's entry is judged here as `Screen`
  /// judges it; nil when the caller has judged it already (`mayRepair`'s `Screen`:
  /// `Screen.mayEnterWindows125x`, `isRunningTextIfFewLetters`, and `looksConsistentLatin`
  /// false). `anyWillDo`: the caller only asks whether there is a reading, so the first
  /// page that gives one answers (its kind is then left empty).
  private static func windows125xReading(
    _ text: [UInt32], entry: (high: Int, latin: LatinScreen)? = nil, anyWillDo: Bool = false
  ) -> (text: [UInt32], kind: String)? {
    let windows1252Bytes = windows1252Table  // read once, not per character (and not retained)
    if let (high, latin) = entry {
      // Only lines that windows-1252 can hold entirely: other characters are real text.
      // Three non-ASCII characters or more, or fewer with the evidence `Screen` gathers
      // and enough letters, judged alike (`LatinScreen.looksConsistent` is
      // `looksConsistentLatin`).
      guard latin.mayEnterWindows125x(high: high), !latin.looksConsistent(text),
        isRunningTextIfFewLetters(text, high: high)
      else {
        return nil
      }
    }
    let original = text.withUnsafeBufferPointer { lineOddity(AsItStands(text: $0), limit: 0) }
    guard original.total >= 1 else { return nil }
    var best: (quality: Double, text: [UInt32], page: String)?
    // The line's windows-1252 bytes, looked up once for all the pages (it has no character
    // windows-1252 lacks: the entry condition holds).
    let bytes = [UInt8](unsafeUninitializedCapacity: text.count) { buffer, written in
      for (index, value) in text.enumerated() {
        buffer[index] =
          value < 0x80 ? UInt8(truncatingIfNeeded: value) : windows1252Byte(value, windows1252Bytes)
      }
      written = text.count
    }
    for target in windows1252Targets {
      // A symbol or script oddity whose character and neighbours the page reads the same
      // stays in its reading, which then cannot have none: skip building it.
      if let position = original.firstOddity,
        (max(0, position - 1)...min(text.count - 1, position + 1)).allSatisfy({
          sameReading(text[$0], windows1252Bytes, upper: target.upper)
        })
      {
        continue
      }
      // The reading is judged as it is read, stopping at its first oddity or undefined byte
      // (on which `transcode` would fail), and built only when it has neither.
      let oddity = bytes.withUnsafeBufferPointer { bytes in
        lineOddity(
          ThroughPage(bytes: bytes, upper: target.upper), limit: 0, asReading: true)
      }
      guard oddity.total == 0 else { continue }
      let page = target.page.takeUnretainedValue()
      // The reading as judged, which is `transcode`'s through the page: judged whole with
      // no oddity, it has no undefined byte (`lineOddity` stops at one).
      let candidate = bytes.withUnsafeBufferPointer { bytes in
        let reading = ThroughPage(bytes: bytes, upper: target.upper)
        return [UInt32](unsafeUninitializedCapacity: bytes.count) { buffer, written in
          for index in 0..<bytes.count { buffer[index] = reading.at(index) }
          written = bytes.count
        }
      }
      guard
        let quality = scriptQuality(candidate, page: page),
        quality != latinQuality || !changesLetterStandingAlone(text, candidate)
      else { continue }
      if anyWillDo { return (candidate, "") }
      if best == nil || quality > best!.quality { best = (quality, candidate, page.name) }
    }
    guard let best else { return nil }
    return (best.text, "\(best.page)-as-windows-1252")
  }

  /// The characters `lineOddity` judges: a line's own, or a reading of it.
  protocol CharacterSource {
    var count: Int { get }
    func at(_ index: Int) -> UInt32
  }

  /// A line as it stands.
  struct AsItStands: CharacterSource {
    let text: UnsafeBufferPointer<UInt32>
    var count: Int { text.count }
    @inline(__always) func at(_ index: Int) -> UInt32 { text[index] }
  }

  /// A line's windows-1252 bytes decoded through another page (`upper`: its table for
  /// bytes 0x80...0xFF), as `transcode` would build it; undefined bytes read as U+FFFF.
  struct ThroughPage: CharacterSource {
    let bytes: UnsafeBufferPointer<UInt8>
    let upper: UnsafeBufferPointer<UInt16>
    var count: Int { bytes.count }
    @inline(__always) func at(_ index: Int) -> UInt32 {
      let byte = bytes[index]
      return byte < 0x80 ? UInt32(byte) : UInt32(upper[Int(byte) - 0x80])
    }
  }

  /// Whether `value` reads the same through another page (`upper`: its table for bytes
  /// 0x80...0xFF, 0xFFFF where undefined) as through windows-1252 (`table`:
  /// `windows1252Table`).
  private static func sameReading(
    _ value: UInt32, _ table: UnsafePointer<UInt8>, upper: UnsafeBufferPointer<UInt16>
  ) -> Bool {
    guard value >= 0x80 else { return true }
    // A non-ASCII character's byte is 0x80 or above (0: windows-1252 lacks it).
    let byte = windows1252Byte(value, table)
    guard byte != 0 else { return true }
    let read = upper[Int(byte) - 0x80]
    return read != 0xFFFF && UInt32(read) == value
  }

  /// Letters a line needs before one or two non-ASCII letters are judged by their place:
  /// about four words of running text.
  static let fewLetterMinimum = 20

  /// Bit of a lower-case accented letter of windows-1252 in `alphabetMasks` (nil otherwise).
  @inline(__always)
  static func accentBit(_ value: UInt32) -> Int? {
    switch value {
    case 0xC0...0xDE where value != 0xD7: return Int(value + 0x20 - 0xE0)
    case 0xDF: return 35
    case 0xE0...0xFF where value != 0xF7: return Int(value - 0xE0)
    case 0x152, 0x153: return 32
    case 0x160, 0x161: return 33
    case 0x17D, 0x17E: return 34
    case 0x178: return Int(0xFF - 0xE0)
    default: return nil
    }
  }

  /// `latinAlphabets` as bit masks over the accented letters windows-1252 can hold
  /// (`accentBit`), as constants that the compiler lays out: built from the letters, they
  /// cost every process ~24k instructions. A test holds each to its alphabet's letters.
  static let alphabetMasks: [UInt64] = [
    0x1_9A10_CFC5, 0x8_1040_0010, 0x140A_2202, 0x438_268F, 0x60C_7301, 0x140C_A381,
    0x1048_8A00, 0x40_0230, 0x108_0260, 0x40_0030, 0x6449_2242, 0x8_0000, 0x6_2408_2202,
    0x6_2418_2212, 0x1448_2202, 0x4004, 0x6_0000_0000, 0x1040_0080, 0x6_0000_0000,
    0x6_0000_0000, 0x6_1060_0010, 0x204_1101, 0x408_2202, 0x1850_CC14, 0x204_1101,
  ]

  /// How odd a line looks: accented Latin letters that no single alphabet explains, symbols
  /// inside words ("wzrós³", "zarz¹du"), and words mixing scripts.
  /// With `limit`, stops counting once the oddities pass it (the total is then only known
  /// to exceed `limit`): candidates readings must have none.
  /// `firstOddity` is where the first symbol or script oddity stands: it depends only on that
  /// character and its two neighbours.
  /// `asReading`: `text` is a page's reading (`ThroughPage`), which is skipped unless it has
  /// no oddity and no undefined byte (U+FFFF: `transcode` fails on it). Then the count also
  /// stops, past the limit, once every alphabet lacks one of the accented letters seen
  /// (counts only grow and ruling alphabets out only leaves fewer to take the least count
  /// of, so no alphabet can explain the line any more), and at an undefined byte; the first
  /// oddity is then not looked for further.
  private static func lineOddity<Source: CharacterSource>(
    _ text: Source, limit: Int = .max, asReading: Bool = false
  )
    -> (total: Int, accented: Int, firstOddity: Int?)
  {
    // Accented letters counted per alphabet that lacks them (no array of letters kept), on
    // the stack, bit-sliced: plane `j` holds bit `j` of every alphabet's count (bit `i` for
    // alphabet `i`), so that a letter adds one to all the alphabets lacking it in a few word
    // operations (the carry rarely travels far) instead of one per alphabet.
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Int.bitWidth) { planes in
      planes.initialize(repeating: 0)
      // The info table and the alphabet table taken once: each read of a lazy global
      // checks its initialisation through `swift_once`.
      return TextModel.withInfo { info in
        alphabetMembership.withUnsafeBufferPointer { membership in
          lineOddity(
            text, limit: limit, asReading: asReading, missing: planes,
            info: info, membership: membership)
        }
      }
    }
  }

  /// Adds one to each count held bit-sliced in `planes` whose bit `lanes` sets: a ripple
  /// carry through the planes. Returns how many planes it reached.
  @inline(__always)
  static func addOne(to planes: UnsafeMutableBufferPointer<UInt32>, lanes: UInt32) -> Int {
    var carry = lanes
    var plane = 0
    while carry != 0 {
      let bits = planes[plane]
      planes[plane] = bits ^ carry
      carry &= bits
      plane += 1
    }
    return plane
  }

  /// The least of the counts held bit-sliced in `planes` (`used`: the planes that may be
  /// non-zero) over the first `lanes` bits.
  /// `excluding`: lanes left out (all of them: `Int.max`).
  static func leastBitSlicedCount(
    _ planes: UnsafeMutableBufferPointer<UInt32>, used: Int, lanes: Int, excluding: UInt32 = 0
  ) -> Int {
    // From the highest plane down, keep the lanes that have a 0 where any still in the
    // running has one: those hold the least count, whose bit is 1 only where none has a 0.
    var candidates = (lanes == 32 ? UInt32.max : (UInt32(1) << UInt32(lanes)) - 1) & ~excluding
    if candidates == 0 { return .max }
    var least = 0
    for plane in stride(from: used - 1, through: 0, by: -1) {
      let zeros = candidates & ~planes[plane]
      if zeros != 0 {
        candidates = zeros
      } else {
        least |= 1 << plane
      }
    }
    return least
  }

  @inline(__always)
  private static func lineOddity<Source: CharacterSource>(
    _ text: Source, limit: Int, asReading: Bool,
    missing planes: UnsafeMutableBufferPointer<UInt32>,
    info infoOf: TextModel.InfoLookup, membership: UnsafeBufferPointer<UInt32>
  ) -> (total: Int, accented: Int, firstOddity: Int?) {
    var accentedCount = 0
    var usedPlanes = 0
    let allAlphabets = UInt32.max >> UInt32(32 - alphabetCount)
    // The alphabets that lack at least one accented letter seen so far.
    var lacking: UInt32 = 0
    @inline(__always) func addAccented(_ letter: UInt32) {
      accentedCount += 1
      let members = letter < alphabetTableLimit ? membership[Int(letter)] : 0
      let lanes = ~members & allAlphabets
      lacking |= lanes
      usedPlanes = max(usedPlanes, addOne(to: planes, lanes: lanes))
    }
    // Past the limit for good: the least count the end takes is at least one.
    @inline(__always) func unexplainedPassLimit(_ oddities: Int) -> Bool {
      asReading && lacking == allAlphabets && oddities >= limit
    }
    var oddities = 0
    var firstOddity: Int?
    var latinLetters = 0
    var ruledOut: UInt32 = 0
    let count = text.count
    for index in 0..<count {
      let value = text.at(index)
      if value < 0x80 {
        // For ASCII, setting bit 5 folds A–Z onto a–z and moves nothing else there.
        if (value | 0x20) &- 0x61 < 26 { latinLetters &+= 1 }
        continue
      }
      if value >= 0xC0 && value <= 0xFF && value != 0xD7 && value != 0xF7 {
        // Latin-1 letters: the common case, no further checks needed but their place.
        latinLetters += 1
        addAccented(lowercase(value))
        if unexplainedPassLimit(oddities) { return (oddities + 1, accentedCount, firstOddity) }
        if isPlacementJudged(value) {
          ruledOut |= alphabetsRuledOut(
            value, after: index > 0 ? text.at(index - 1) : 0,
            before: index + 1 < count ? text.at(index + 1) : 0)
        }
        continue
      }
      // An undefined byte: the reading is skipped whatever else it shows.
      if asReading && value == 0xFFFF { return (oddities + 1, accentedCount, firstOddity) }
      let info = infoOf(value)
      if info.kind == .letter && info.script == .latin {
        latinLetters += 1
        if value >= 0xC0 {
          addAccented(lowercase(value))
          if unexplainedPassLimit(oddities) { return (oddities + 1, accentedCount, firstOddity) }
        }
        if isCentralPlacementJudged(value),
          isOutOfCentralPlace(
            value, after: index > 0 ? text.at(index - 1) : nil,
            before: index + 1 < count ? text.at(index + 1) : nil)
        {
          oddities += 1
          if oddities > limit { return (oddities, accentedCount, firstOddity) }
        }
      }
      if value > 0xA0 && (info.kind == .symbol || info.kind == .punct || info.kind == .openQuote) {
        let left = index > 0 && infoOf(text.at(index - 1)).kind == .letter
        let right = index + 1 < count && infoOf(text.at(index + 1)).kind == .letter
        // ³ ¿ £ ¯ ending a word after a vowel ("powiedzia³", "ju¿") stand for ł ż Ł Ż.
        let endsWordAfterVowel =
          left && !right && (value == 0xB3 || value == 0xBF || value == 0xA3 || value == 0xAF)
          && isPlacementVowel(text.at(index - 1))
        if left && right || (right && !left && value != 0xAB && value != 0xBF && value != 0xA1)
          || endsWordAfterVowel
        {
          oddities += 1
          if firstOddity == nil { firstOddity = index }
          if oddities > limit { return (oddities, accentedCount, firstOddity) }
        }
      }
      if info.kind == .letter {
        for neighbour in stride(from: index - 1, through: index + 1, by: 2)
        where neighbour >= 0 && neighbour < count {
          let other = infoOf(text.at(neighbour))
          if other.kind == .letter && other.script != info.script && other.script != .none
            && info.script != .none
          {
            oddities += 1
            if firstOddity == nil { firstOddity = index }
            if oddities > limit { return (oddities, accentedCount, firstOddity) }
          }
        }
      }
    }
    let unexplained =
      accentedCount == 0
      ? 0
      : min(
        accentedCount,
        leastBitSlicedCount(
          planes, used: usedPlanes, lanes: alphabetCount,
          excluding: ruledOutWithGaelic(ruledOut, in: text)))
    // Latin words made mostly of accented letters ("Êîìïàíèÿ") are not Latin words.
    if latinLetters >= 6 && accentedCount * 2 > latinLetters { oddities += accentedCount / 2 }
    return (unexplained + oddities, accentedCount, firstOddity)
  }

  static func lowercase(_ value: UInt32) -> UInt32 {
    if (0xC0...0xDE).contains(value) && value != 0xD7 { return value + 0x20 }
    if value < 0x100 { return value }
    if (0x100...0x17F).contains(value) {
      let upper = TextModel.info(value).isUpper
      return upper ? value + 1 : value
    }
    guard let scalar = Unicode.Scalar(value) else { return value }
    let lower = scalar.properties.lowercaseMapping.unicodeScalars
    return lower.count == 1 ? lower.first!.value : value
  }

  /// Script-specific checks for a re-decoded line: Russian letter statistics for Cyrillic,
  /// final sigma only at word ends for Greek, and for every page letters of one script.
  /// Surprise of each Greek letter α...ω, -ln(frequency), from approximate textbook
  /// frequencies of Modern Greek letters (α 12 %, ο 9.8 %, ι 8 %, ε 8 % … ψ 0.1 %).
  private static let greekSurprise: [Double] = [
    2.12, 4.96, 3.96, 4.07, 2.53, 5.52, 3.0, 4.34, 2.53, 3.22, 3.54, 3.35,
    2.72, 5.81, 2.32, 3.19, 3.08, 2.59, 2.55, 3.15, 4.83, 4.51, 6.91, 3.96,
  ]

  /// Mean surprise of the Greek letters of `text` (accents and case folded).
  private static func greekMeanSurprise(_ text: [UInt32]) -> Double {
    var total = 0.0
    var letters = 0
    for value in text {
      var base: UInt32
      switch value {
      case 0x3AC, 0x386: base = 0x3B1
      case 0x3AD, 0x388: base = 0x3B5
      case 0x3AE, 0x389: base = 0x3B7
      case 0x3AF, 0x38A, 0x3CA, 0x390, 0x3AA: base = 0x3B9
      case 0x3CC, 0x38C: base = 0x3BF
      case 0x3CD, 0x38E, 0x3CB, 0x3B0, 0x3AB: base = 0x3C5
      case 0x3CE, 0x38F: base = 0x3C9
      case 0x3C2: base = 0x3C3
      case 0x391...0x3A9: base = value + 0x20
      case 0x3B1...0x3C9: base = value
      default: continue
      }
      // α...ρ are 0x3B1...0x3C1; σ...ω follow 0x3C2 (final sigma), folded above.
      let index = base <= 0x3C1 ? Int(base - 0x3B1) : Int(base - 0x3B1) - 1
      guard index >= 0 && index < greekSurprise.count else { continue }
      total += greekSurprise[index]
      letters += 1
    }
    return letters == 0 ? 9 : total / Double(letters)
  }

  /// Share of the letters of `script` that stand in words of at least three such letters:
  /// re-decoded text must form words, not scattered single letters.
  private static func wordFormingShare(_ text: [UInt32], script: TextModel.Script) -> Double {
    var inWords = 0
    var total = 0
    var run = 0
    func close() {
      if run >= 3 { inWords += run }
      run = 0
    }
    for value in text {
      let info = TextModel.info(value)
      if info.kind == .letter && info.script == script {
        run += 1
        total += 1
      } else if info.kind != .mark {
        close()
      }
    }
    close()
    return total == 0 ? 0 : Double(inWords) / Double(total)
  }

  /// Share of the letters in `range` that are among the script's most frequent letters
  /// (0 when there are fewer than four letters). `common`: a bit per letter of `range`
  /// (`commonLetterMask`), so that no set is built per reading.
  private static func commonShare(_ text: [UInt32], in range: ClosedRange<UInt32>, common: UInt64)
    -> Double
  {
    var letters = 0
    var hits = 0
    for value in text where range.contains(value) {
      letters += 1
      if common >> UInt64(value - range.lowerBound) & 1 != 0 { hits += 1 }
    }
    return letters < 4 ? 0 : Double(hits) / Double(letters)
  }

  /// A bit per letter of `common` at its offset from `start` (every letter lies within 64
  /// of it).
  static func commonLetterMask(_ common: String, from start: UInt32) -> UInt64 {
    var mask: UInt64 = 0
    for letter in common.unicodeScalars {
      precondition(letter.value >= start && letter.value - start < 64, "commonLetterMask")
      mask |= 1 << UInt64(letter.value - start)
    }
    return mask
  }

  /// The most frequent Hebrew (from U+05D0) and Arabic (from U+0620) letters, as masks.
  static let hebrewCommonLetters = commonLetterMask("יוהרלמאבתשנדעכ", from: 0x5D0)
  static let arabicCommonLetters = commonLetterMask("البيمونرتعهةدسفكق", from: 0x620)

  /// How well a re-decoded line reads in the page's script, or nil when it does not: the
  /// margin by which its letter statistics beat the threshold of scrambled text (Russian
  /// and Greek letter surprise, share of the most frequent Hebrew or Arabic letters).
  /// Latin pages, already held to a perfect alphabet fit, rank first.
  private static func scriptQuality(_ text: [UInt32], page: CodePage) -> Double? {
    let script: TextModel.Script? =
      switch page.name {
      case "windows-1251": .cyrillic
      case "windows-1253": .greek
      case "windows-1255": .hebrew
      case "windows-1256": .arabic
      default: nil
      }
    if let script, wordFormingShare(text, script: script) < 0.7 { return nil }
    var quality: Double
    switch page.name {
    case "windows-1251":
      let (cost, letters) = russianCost(text)
      guard letters >= 4 else { return nil }
      quality = (3.6 - cost / Double(letters)) / 0.6
    case "windows-1253":
      var greek = 0
      for (index, value) in text.enumerated() {
        if (0x370...0x3FF).contains(value) { greek += 1 }
        if value == 0x3C2, index + 1 < text.count, TextModel.info(text[index + 1]).kind == .letter {
          return nil
        }
      }
      // Modern Greek averages about 2.9 nats per letter; other bytes read as Greek 3.3+.
      guard greek >= 4 else { return nil }
      quality = (3.3 - greekMeanSurprise(text)) / 0.4
    case "windows-1255":
      quality = (commonShare(text, in: 0x5D0...0x5EA, common: hebrewCommonLetters) - 0.5) / 0.3
    case "windows-1256":
      quality = (commonShare(text, in: 0x620...0x64A, common: arabicCommonLetters) - 0.5) / 0.3
    default:
      return latinQuality
    }
    return quality > 0 ? quality : nil
  }

  /// `scriptQuality` of every reading in Latin script (windows-1250, -1254, -1257).
  private static let latinQuality = 10.0

  /// Whether `reading` changes a letter of `text` that stands alone as a word into another
  /// letter (a symbol read as a letter is not judged): Italian "è",
  /// French "à" are words, while the letters the Latin windows-125x pages read for their
  /// bytes (č, ŕ …) are no word of their languages, except Hungarian ő ("he, she") and
  /// Lithuanian į ("into").
  static func changesLetterStandingAlone(_ text: [UInt32], _ reading: [UInt32]) -> Bool {
    for index in text.indices where text[index] != reading[index] {
      let value = reading[index]
      guard TextModel.info(text[index]).kind == .letter, TextModel.info(value).kind == .letter,
        value != 0x151, value != 0x150,
        value != 0x12F, value != 0x12E
      else { continue }
      let leftIsLetter = index > 0 && TextModel.info(reading[index - 1]).kind == .letter
      let rightIsLetter =
        index + 1 < reading.count && TextModel.info(reading[index + 1]).kind == .letter
      if !leftIsLetter && !rightIsLetter { return true }
    }
    return false
  }
}
