import ICUKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One change the repairer made, replayable and reportable.
public struct RepairStep: Hashable, Sendable, Codable {
  /// What was done ("utf8-as-windows-1252", "html-entity", "c1-control", "removed-control").
  public var kind: String
  /// Where, in Unicode scalar offsets of the repaired text.
  public var start: Int
  public var end: Int
  /// Human-readable detail ("Ã© -> é").
  public var detail: String

  public init(kind: String, start: Int, end: Int, detail: String) {
    self.kind = kind
    self.start = start
    self.end = end
    self.detail = detail
  }
}

/// Repaired text with the steps taken and the spans that remain lossy.
public struct RepairedText: Hashable, Sendable {
  public var text: String
  public var steps: [RepairStep]
  /// Spans (scalar offsets in `text`) where characters were lost and are marked U+FFFD.
  public var lossySpans: [Range<Int>]

  public init(text: String, steps: [RepairStep] = [], lossySpans: [Range<Int>] = []) {
    self.text = text
    self.steps = steps
    self.lossySpans = lossySpans
  }

  /// Whether any character of the text is known to be lost.
  public var isLossy: Bool { !lossySpans.isEmpty }
}

/// What the repairer may change besides mojibake. Everything cosmetic is off by default:
/// a translation memory keeps curly quotes, ligatures, ™ µ ° and full-width punctuation.
public struct RepairOptions: Hashable, Sendable {
  /// Straighten curly quotes (‘ ’ ‚ ‛ → ', “ ” „ ‟ → ").
  public var asciiQuotes: Bool
  /// Apply NFKC compatibility normalisation at the end (folds ﬁ, full-width forms, ™ …).
  public var nfkc: Bool
  /// Decode HTML character references (&eacute; &#233; &#xE9;), also over mojibake.
  public var decodeHTMLEntities: Bool
  /// Remove C0 control characters other than tab, line feed, vertical tab, form feed,
  /// carriage return and the information separators.
  public var removeControlCharacters: Bool
  /// Repair legacy CJK bytes (EUC-KR, Shift_JIS, GBK) read as Latin-1/windows-1252,
  /// UTF-8 read as CP949/CP932/GBK, and single-byte Cyrillic/Greek/Central-European mix-ups.
  public var legacyCodePages: Bool
  /// Restore a lost closing ” (U+FFFD where “ was opened earlier in the same sentence and
  /// not closed), recorded as a "restored-quote" step. Off by default: the lossy span is
  /// then kept and reported.
  public var restoreQuotes: Bool
  /// Write a human-readable `detail` for every step ("Ã© -> é"). Turning it off saves time
  /// on bulk runs that only need the text (kinds and offsets are still recorded).
  public var describeSteps: Bool

  public init(
    asciiQuotes: Bool = false, nfkc: Bool = false, decodeHTMLEntities: Bool = true,
    removeControlCharacters: Bool = true, legacyCodePages: Bool = true, restoreQuotes: Bool = false,
    describeSteps: Bool = true
  ) {
    self.restoreQuotes = restoreQuotes
    self.describeSteps = describeSteps
    self.asciiQuotes = asciiQuotes
    self.nfkc = nfkc
    self.decodeHTMLEntities = decodeHTMLEntities
    self.removeControlCharacters = removeControlCharacters
    self.legacyCodePages = legacyCodePages
  }
}

/// Repairs mojibake, HTML entities and stray control characters, one text at a time.
///
/// Decisions are per span, so one line may hold correct text, a span of UTF-8 read as
/// windows-1252 and a Korean span read from EUC-KR bytes; each is judged on its own with
/// `TextModel`. Lost characters (U+FFFD) are kept, one per lost character, and reported in
/// `RepairedText.lossySpans`; nothing is invented.
///
/// ```swift
/// let fixed = MojibakeRepairer().repair("CafÃ© â€œcrÃ¨meâ€\u{9D}")
/// // fixed.text == "Café “crème”"
/// ```
public struct MojibakeRepairer: Sendable {
  public var options: RepairOptions

  public init(options: RepairOptions = RepairOptions()) {
    self.options = options
  }

  public init(asciiQuotes: Bool = false, nfkc: Bool = false) {
    self.init(options: RepairOptions(asciiQuotes: asciiQuotes, nfkc: nfkc))
  }

  /// Repairs `text`. Clean text comes back unchanged (the same string, byte for byte).
  ///
  /// Each line (split at U+000A) is judged on its own, so pages whose paragraphs carry
  /// different damage are repaired paragraph by paragraph; offsets are in the whole text.
  public func repair(_ text: String) -> RepairedText {
    repair(text, knownUnclean: false)
  }

  /// `repair(_:)` for a line on which `leavesUnchanged(utf8:)` already returned false, so
  /// that the screen is not run twice.
  public func repair(_ text: String, knownUnclean: Bool) -> RepairedText {
    var settled = false
    var result = repairOnce(text, knownUnclean: knownUnclean, settled: &settled)
    // A pass can uncover damage that only a fresh look at the whole line repairs (text pushed
    // through several code pages, found by fuzzing), so passes go on until the text stops
    // changing, at most four: repair(repair(x)) == repair(x). Clean text takes one pass, and
    // so does text whose last repair round already proved that another changes nothing.
    // Steps of earlier passes keep the offsets of the text they were made on.
    var previous = text
    var passes = 1
    while passes < 4 && !settled && result.text != previous {
      let next = repairOnce(result.text, knownUnclean: false, settled: &settled)
      if next.text == result.text { break }
      previous = result.text
      result = RepairedText(text: next.text, steps: result.steps + next.steps, lossySpans: next.lossySpans)
      passes += 1
    }
    return result
  }

  /// One repair of every line. `settled` is set when repairing the result again is known
  /// to change nothing (each line ended on a round that changed nothing or was proven clean).
  private func repairOnce(_ text: String, knownUnclean: Bool, settled: inout Bool)
    -> RepairedText
  {
    settled = false
    if !knownUnclean && !needsWork(text) {
      settled = true
      return RepairedText(text: text)
    }
    guard containsLineFeed(text) else {
      let repaired = repairLine(
        text, screened: true, skipCleanCheck: knownUnclean, settled: &settled)
      // A decoded "&#10;" splits the line differently next time: not settled.
      if settled && containsLineFeed(repaired.text) { settled = false }
      return repaired
    }
    var allSettled = true
    defer { settled = allSettled }
    var pieces: [String] = []
    var steps: [RepairStep] = []
    var lossy: [Range<Int>] = []
    var offset = 0
    var changed = false
    // Split at the scalar U+000A, not at the Character "\n": "\r\n" is one Character, so a
    // line ending in CR would otherwise be judged together with the next one, and a repair
    // that removes a control before a line feed could join two lines on the next pass.
    for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      let original = String(Substring(line))
      var lineSettled = false
      let repaired = repairLine(original, settled: &lineSettled)
      if !lineSettled || containsLineFeed(repaired.text) { allSettled = false }
      if repaired.text != original || !repaired.steps.isEmpty { changed = true }
      steps += repaired.steps.map {
        RepairStep(kind: $0.kind, start: $0.start + offset, end: $0.end + offset, detail: $0.detail)
      }
      lossy += repaired.lossySpans.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
      offset += repaired.text.unicodeScalars.count + 1
      pieces.append(repaired.text)
    }
    return RepairedText(
      text: changed ? pieces.joined(separator: "\n") : text, steps: steps, lossySpans: lossy)
  }

  /// Whether `repair` would return the UTF-8 line `bytes` unchanged with no steps and no
  /// lossy span, decided from the bytes alone (no `String` is built). False when in doubt:
  /// invalid UTF-8, a line feed, or any sign of damage; the caller then runs `repair`.
  /// Lets a streaming caller copy most clean lines straight through.
  public func leavesUnchanged(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if Self.isPlainText(bytes) { return true }
    if options.asciiQuotes || options.nfkc { return false }
    // The character checks of `provablyClean` are made while decoding: one pass, not two.
    guard
      let (scalars, flagged, _) = Self.decodedForScreen(
        bytes, flagControls: options.removeControlCharacters,
        flagAmpersand: options.decodeHTMLEntities),
      !flagged
    else { return false }
    return mayChangeStructurally(scalars, holdsReplacement: false) == .none
  }

  /// What `repairLine(utf8:)` found for one line.
  public enum LineRepair: Sendable {
    /// `repair` returns the line as it is.
    case unchanged
    /// `repair` returns these scalars.
    case repaired([UInt32])
    /// Not decided here (invalid UTF-8, `asciiQuotes` or `nfkc`, or a result that a
    /// further pass must look at): `repair(_:knownUnclean: true)` of the decoded line
    /// decides.
    case undecided
  }

  /// The text `repair` gives one line of UTF-8 (without its line feed), for bulk callers
  /// that need neither steps nor a `String`: the line is decoded once, and a repaired line
  /// comes back as scalars to be encoded straight into the caller's output.
  public func repairLine(utf8 bytes: UnsafeBufferPointer<UInt8>) -> LineRepair {
    if Self.isPlainText(bytes) { return .unchanged }
    guard !options.asciiQuotes, !options.nfkc,
      let (scalars, flagged, hasRemovableControl) = Self.decodedForScreen(
        bytes, flagControls: options.removeControlCharacters,
        flagAmpersand: options.decodeHTMLEntities)
    else {
      return .undecided
    }
    // `leavesUnchanged`'s screen, on the scalars the repair then works on; the UTF-8 page
    // masks it computes serve the first UTF-8 pass too when no stage before it changed
    // the text.
    let masks = UTF8Misreading.pageMasks(scalars)
    // Whether the screen proved the UTF-8 passes a no-op on the line: the first round then
    // skips them while no stage before them has changed the text (on lines of legacy
    // code-page damage, the pass would judge every candidate again to find nothing).
    var utf8Settled = false
    // Whether the screen found double-byte damage's shape in the line (its repair then
    // does not look for it again).
    var doubleByteShaped = false
    // What the legacy stage's screen found in the line (its repairs then need not look
    // again on the same text).
    var legacyFindings = LegacyCodePages.ScreenFindings()
    if !flagged {
      utf8Settled = !UTF8Misreading.mayChange(scalars, masks: masks)
      if utf8Settled {
        switch mayChangeStructurally(
          scalars, utf8Settled: true, holdsReplacement: false, legacyFindings: &legacyFindings)
        {
        case .none: return .unchanged
        case .possible: break
        case .doubleByteDamageShape: doubleByteShaped = true
        }
      }
    }
    var settled = false
    var holdsLineFeed: Bool?
    // The screen tells whether the line holds a control `removeControls` would remove
    // (`flagged` is also set by "&", C1 controls and U+FFFD), and an unflagged line holds no
    // "&" for the entity decoder. A flagged one is asked with memchr (a word at a time):
    // the lossy lines are flagged for their U+FFFD, and the decoder would look for "&" in
    // them for nothing. (Told by the screen's own loop, the "&" cost that loop 100k
    // instructions on the synthetic cases, more than the decoder's search it saved.)
    let hasAmpersand =
      flagged && options.decodeHTMLEntities && memchr(bytes.baseAddress!, 0x26, bytes.count) != nil
    let edit = repairedEdit(
      of: scalars, utf8Masks: masks, utf8Settled: utf8Settled,
      doubleByteShaped: doubleByteShaped, legacyFindings: legacyFindings,
      hasRemovableControl: hasRemovableControl || !options.removeControlCharacters,
      hasAmpersand: hasAmpersand,
      recordingSteps: false,
      settled: &settled, holdsLineFeed: &holdsLineFeed)
    // A decoded "&#10;" splits the line differently in a further pass (see `repairOnce`).
    guard settled, !(holdsLineFeed ?? edit.text.contains(0x0A)) else { return .undecided }
    if edit.stepCount == 0 || edit.text == scalars { return .unchanged }
    return .repaired(edit.text)
  }

  /// The scalars of well-formed UTF-8 without a line feed (nil for anything else:
  /// `String(decoding:)` would put U+FFFD there, which `repair` then judges), and whether
  /// one is a character `leavesUnchanged` turns down: a C1 control, U+FFFD, and the
  /// removable controls and "&" when asked; and whether one is such a removable control
  /// (so that `removeControls` need not look for one).
  static func decodedForScreen(
    _ bytes: UnsafeBufferPointer<UInt8>, flagControls: Bool, flagAmpersand: Bool
  ) -> (scalars: [UInt32], flagged: Bool, hasRemovableControl: Bool)? {
    var valid = true
    var flagged = false
    var hasRemovableControl = false
    // Decoded into a temporary buffer (on the stack for a line of usual length) and copied
    // out: `Array(unsafeUninitializedCapacity:)` asks the runtime for its storage class's
    // metadata on every call (some 300 instructions), the copy from a buffer does not.
    let result = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bytes.count) {
      buffer -> [UInt32] in
      var index = 0
      var count = 0
      let end = bytes.count
      // A C1 control or U+FFFD seen: the closure's own variable (a register), folded into
      // the captured `flagged` once at the end rather than loaded and stored per sequence.
      var holdsC1OrReplacement = false
      while index < end {
        let lead = UInt32(bytes[index])
        if lead < 0x80 {
          if index &+ 8 <= end {
            // The ASCII run this byte starts, eight bytes at a time: those before the first
            // byte that is not plain ASCII (a control character, "&", DEL, or a byte of a
            // longer sequence) are widened all eight at once (the scalars never outnumber
            // the bytes, so the buffer has room for eight more past `count`). Mojibake
            // alternates short ASCII runs with short sequences, so a run is tried only from
            // an ASCII byte: the sequences never pay for a word test.
            let source = UnsafeRawPointer(bytes.baseAddress! + index)
            let word = UInt64(littleEndian: source.loadUnaligned(as: UInt64.self))
            let high: UInt64 = 0x8080_8080_8080_8080
            let ones: UInt64 = 0x0101_0101_0101_0101
            let ampersands = word ^ (0x26 &* ones)
            let deletes = word ^ (0x7F &* ones)
            // The lowest flagged byte is exactly the first one that is not plain ASCII (the
            // borrows of the zero-byte tests only reach bytes above it).
            let special =
              word & high | ((word &- 0x20 &* ones) & ~word & high)
              | ((ampersands &- ones) & ~ampersands & high) | ((deletes &- ones) & ~deletes & high)
            let plain = special == 0 ? 8 : special.trailingZeroBitCount &>> 3
            if plain > 0 {
              UnsafeMutableRawPointer(buffer.baseAddress! + count).storeBytes(
                of: SIMD8<UInt32>(truncatingIfNeeded: source.loadUnaligned(as: SIMD8<UInt8>.self)),
                as: SIMD8<UInt32>.self)
              count &+= plain
              index &+= plain
              continue
            }
          }
          if lead < 0x20 || lead == 0x26 || lead == 0x7F {
            if lead == 0x0A {
              valid = false
              break
            }
            let removable = lead < 0x09 || (lead >= 0x0E && lead < 0x1C) || lead == 0x7F
            if flagControls && removable {
              flagged = true
              hasRemovableControl = true
            }
            if flagAmpersand && lead == 0x26 { flagged = true }
          }
          buffer[count] = lead
          count &+= 1
          index &+= 1
          continue
        }
        // Two-byte sequences on their own path: mojibake is made of them ("Ã©", "Ð±").
        if lead &- 0xC2 < 0xE0 - 0xC2 {
          guard index &+ 1 < end else {
            valid = false
            break
          }
          let second = UInt32(bytes[index &+ 1])
          guard second & 0xC0 == 0x80 else {
            valid = false
            break
          }
          let value = (lead & 0x1F) << 6 | second & 0x3F
          // C1 controls: no branch (they are rare, and mispredicted when they come).
          holdsC1OrReplacement = holdsC1OrReplacement || value < 0xA0
          buffer[count] = value
          count &+= 1
          index &+= 2
          continue
        }
        // Three-byte sequences too: CJK, and the "€" and "™" of windows-1252 mojibake.
        if lead &- 0xE0 < 0x10 {
          guard index &+ 2 < end else {
            valid = false
            break
          }
          let second = UInt32(bytes[index &+ 1])
          let third = UInt32(bytes[index &+ 2])
          let value = (lead & 0x0F) << 12 | (second & 0x3F) << 6 | third & 0x3F
          // Both continuation bytes tested at once; then overlong forms and surrogates.
          guard (second | third << 8) & 0xC0C0 == 0x8080, value >= 0x800,
            value &- 0xD800 >= 0x800
          else {
            valid = false
            break
          }
          holdsC1OrReplacement = holdsC1OrReplacement || value == 0xFFFD
          buffer[count] = value
          count &+= 1
          index &+= 3
          continue
        }
        // Four-byte sequences (emoji, supplementary CJK); anything else is not UTF-8.
        guard lead &- 0xF0 < 0x05, index &+ 3 < end else {
          valid = false
          break
        }
        let second = UInt32(bytes[index &+ 1])
        let third = UInt32(bytes[index &+ 2])
        let fourth = UInt32(bytes[index &+ 3])
        let value =
          (lead & 0x07) << 18 | (second & 0x3F) << 12 | (third & 0x3F) << 6 | fourth & 0x3F
        guard second & 0xC0 == 0x80, third & 0xC0 == 0x80, fourth & 0xC0 == 0x80,
          value >= 0x10000, value <= 0x10FFFF
        else {
          valid = false
          break
        }
        buffer[count] = value
        count &+= 1
        index &+= 4
      }
      if holdsC1OrReplacement { flagged = true }
      return valid ? Array(UnsafeBufferPointer(rebasing: buffer[..<count])) : []
    }
    return valid ? (result, flagged, hasRemovableControl) : nil
  }

  /// ASCII without a control character, "&" or DEL: nothing any stage could change.
  private static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= 0x80 || byte < 0x20 || byte == 0x26 || byte == 0x7F {
      return false
    }
    return true
  }

  private func repairLine(
    _ text: String, screened: Bool = false, skipCleanCheck: Bool = false, settled: inout Bool
  ) -> RepairedText {
    settled = false
    if !screened && !needsWork(text) {
      settled = true
      return RepairedText(text: text)
    }
    let scalars = Self.scalars(of: text)
    if !skipCleanCheck && !options.asciiQuotes && !options.nfkc && provablyClean(scalars) {
      settled = true
      // Characters lost before (U+FFFD) are still reported.
      let lossy = Self.holdsValue(in: scalars, from: 0xFFFD, through: 0xFFFD) ? lossySpans(scalars) : []
      return RepairedText(text: text, lossySpans: lossy)
    }
    var holdsLineFeed: Bool?
    var edit = repairedEdit(of: scalars, settled: &settled, holdsLineFeed: &holdsLineFeed)
    if edit.steps.isEmpty && !options.nfkc {
      return RepairedText(text: text, lossySpans: lossySpans(edit.text))
    }
    var output = edit.string
    if options.nfkc, let folded = try? NormalizationForm.nfkc.apply(output), folded != output {
      output = folded
      edit = EditLog(text: output.unicodeScalars.map(\.value), steps: edit.steps)
      edit.append(RepairStep(kind: "nfkc", start: 0, end: edit.text.count, detail: "NFKC"))
    }
    if edit.steps.isEmpty {
      return RepairedText(text: text, lossySpans: lossySpans(edit.text))
    }
    return RepairedText(text: output, steps: edit.steps, lossySpans: lossySpans(edit.text))
  }

  /// The rounds of repair on one line's scalars, then the finishing steps the options ask
  /// for. `settled` is set when repairing the result again is known to change nothing.
  /// - Parameters:
  ///   - utf8Masks: `UTF8Misreading.pageMasks(scalars)` when the caller has it.
  ///   - utf8Settled: `UTF8Misreading.mayChange` was false on `scalars`.
  ///   - doubleByteShaped: `UTF8ReadAsDoubleByte.screen(scalars)` was `.damageShape`.
  ///   - hasRemovableControl: whether `scalars` holds a control `removeControls` removes
  ///     (true when not known).
  ///   - hasAmpersand: whether `scalars` holds an "&" (true when not known).
  ///   - recordingSteps: false when the caller needs only the text (the steps are counted,
  ///     not kept).
  ///   - holdsLineFeed: set to whether the text returned holds a line feed when the rounds'
  ///     last character screen read that very text (left nil otherwise).
  private func repairedEdit(
    of scalars: [UInt32], utf8Masks: UTF8Misreading.PageMasks? = nil, utf8Settled: Bool = false,
    doubleByteShaped: Bool = false,
    legacyFindings: LegacyCodePages.ScreenFindings = LegacyCodePages.ScreenFindings(),
    hasRemovableControl: Bool = true, hasAmpersand: Bool = true,
    recordingSteps: Bool = true, settled: inout Bool, holdsLineFeed: inout Bool?
  ) -> EditLog {
    var edit = EditLog(text: scalars, recordsSteps: recordingSteps)
    var masksOfText = utf8Masks
    var mayHoldRemovableControl = hasRemovableControl
    // Rounds until nothing changes (at most eight: each round peels at least one layer, and
    // fuzzing found pages with more than three), so that repair(repair(x)) == repair(x):
    // one kind of repair can uncover another (an entity spelling mojibake, a C1 control
    // that completes a sequence).
    var stable = false
    // The step count at which the UTF-8 passes were last proven a no-op on the text (no
    // step since means the same text): `mayChange` was false, or a pass found nothing.
    var utf8SettledAtStep = utf8Settled ? edit.stepCount : -1
    // The same for the legacy code-page stage after the UTF-8 passes (its Cyrillic and
    // windows-125x readings).
    var legacySettledAtStep = -1
    // The step count at which that stage also proved the text free of legacy CJK spans.
    var legacyNoCJKAtStep = -1
    // The double-byte stage runs once per text (see `UTF8ReadAsDoubleByte.repair`), and a
    // text it repaired is not known to be settled: a fresh repair of the result runs it again.
    var doubleByteRepaired = false
    // Whether the text as the rounds left it holds a surrogate, when the proof that ended
    // them read every character (see `settled` below).
    var holdsSurrogate: Bool?
    // What the last round's character screen found, and the step count it holds for (the
    // next round's clean screen need not read the same text again).
    var screened = CharacterScreen(
      toRepair: true, replacement: true, surrogate: true, c1: true, lineFeed: true)
    var screenedAtStep = -1
    for round in 0..<8 {
      // A round on text that no stage can change is a no-op: most repaired lines are
      // proven done here instead of running every stage once more.
      if round > 0,
        let screen = cleanScreen(
          edit.text, utf8Settled: utf8SettledAtStep == edit.stepCount,
          legacySettled: legacySettledAtStep == edit.stepCount,
          legacyNoCJKSpan: legacyNoCJKAtStep == edit.stepCount,
          doubleByteDone: doubleByteRepaired,
          characters: screenedAtStep == edit.stepCount ? screened : nil)
      {
        stable = true
        holdsSurrogate = screen.surrogate
        screened = screen
        screenedAtStep = edit.stepCount
        break
      }
      let before = edit.stepCount
      repairRound(
        &edit, utf8Masks: masksOfText, doubleByteShaped: round == 0 && doubleByteShaped,
        legacyFindings: round == 0 ? legacyFindings : LegacyCodePages.ScreenFindings(),
        mayHoldRemovableControl: mayHoldRemovableControl,
        mayHoldAmpersand: round > 0 || hasAmpersand,
        utf8SettledAtStep: &utf8SettledAtStep, legacySettledAtStep: &legacySettledAtStep,
        legacyNoCJKAtStep: &legacyNoCJKAtStep,
        doubleByteRepaired: &doubleByteRepaired, screened: &screened,
        screenedAtStep: &screenedAtStep)
      masksOfText = nil
      mayHoldRemovableControl = true
      if edit.stepCount == before {
        stable = true
        break
      }
    }
    if screenedAtStep == edit.stepCount { holdsLineFeed = screened.lineFeed }
    let stepsBeforeFinishing = edit.stepCount
    if options.restoreQuotes { restoreClosingQuotes(&edit) }
    if options.asciiQuotes { straightenQuotes(&edit) }
    // Quote restoring and straightening are not proven idempotent with the rounds: a
    // further pass checks them.
    // The text is written out without lone surrogates (`EditLog.string`), so a text holding
    // any is looked at again as what it became.
    settled =
      stable && edit.stepCount == stepsBeforeFinishing && !options.nfkc
      && !(holdsSurrogate ?? Self.holdsValue(in: edit.text, from: 0xD800, through: 0xDFFF))
    if settled && doubleByteRepaired {
      // The double-byte stage runs once per repair, so a fresh repair of the result runs it
      // again. The last round proved every other stage a no-op on this text, and a fresh
      // repair runs them in the same order around it: when the double-byte stage alone
      // changes nothing here, the fresh repair would change nothing either, and is not run.
      var probe = EditLog(text: edit.text)
      settled = !UTF8ReadAsDoubleByte.repair(&probe, describe: false)
    }
    return edit
  }

  /// One round of every stage. `utf8Masks` are the page masks of `edit.text` as the round
  /// starts, if known; `doubleByteShaped` is true when the double-byte screen found its
  /// damage shape in that text; `mayHoldRemovableControl` and `mayHoldAmpersand` are false
  /// when that text is known to hold no control `removeControls` removes, no "&".
  private func repairRound(
    _ edit: inout EditLog, utf8Masks: UTF8Misreading.PageMasks? = nil,
    doubleByteShaped: Bool = false,
    legacyFindings: LegacyCodePages.ScreenFindings = LegacyCodePages.ScreenFindings(),
    mayHoldRemovableControl: Bool = true, mayHoldAmpersand: Bool = true,
    utf8SettledAtStep: inout Int, legacySettledAtStep: inout Int, legacyNoCJKAtStep: inout Int,
    doubleByteRepaired: inout Bool, screened: inout CharacterScreen, screenedAtStep: inout Int
  ) {
    let stepsAtStart = edit.stepCount
    if options.removeControlCharacters && mayHoldRemovableControl { removeControls(&edit) }
    // Removing controls adds no "&": the screen's answer still holds.
    if options.decodeHTMLEntities && mayHoldAmpersand {
      HTMLEntities.decode(&edit, describe: options.describeSteps)
    }
    if options.legacyCodePages {
      if !doubleByteRepaired {
        doubleByteRepaired = UTF8ReadAsDoubleByte.repair(
          &edit, describe: options.describeSteps,
          knownDamageShape: doubleByteShaped && edit.stepCount == stepsAtStart)
      }
      // The screen's findings hold while no step has changed the text it judged.
      LegacyCodePages.repairBeforeUTF8(
        &edit, known: edit.stepCount == stepsAtStart ? legacyFindings : .init())
    }
    for attempt in 0..<4 {
      // Text the passes were proven not to change (no step since): nothing to run.
      if utf8SettledAtStep == edit.stepCount { break }
      // A further pass (double, triple encoding) is worth running only where the cheap
      // proof that it is a no-op fails: most repaired lines stop here.
      // No step since the round started means the same text: its masks still hold.
      let known = attempt == 0 && edit.stepCount == stepsAtStart ? utf8Masks : nil
      let masks = known ?? UTF8Misreading.pageMasks(edit.text)
      if attempt > 0 && !UTF8Misreading.mayChange(edit.text, masks: masks) {
        utf8SettledAtStep = edit.stepCount
        break
      }
      guard
        let pass = UTF8Misreading.pass(
          edit.text, masks: masks, describe: options.describeSteps,
          keepingEdits: edit.recordsSteps)
      else {
        // No pass changes this text either (a lost byte can let `mayChange` in where the
        // pass finds nothing to decode): the next round need not run it to find that out.
        utf8SettledAtStep = edit.stepCount
        break
      }
      if edit.recordsSteps {
        edit.apply(pass.text, edits: pass.edits, details: pass.details, kind: pass.kind)
      } else {
        edit.apply(pass.text, unrecordedSteps: pass.editCount)
      }
    }
    // The characters are screened here for `fixC1Controls` (which has work only where a C1
    // control stands) and, when no step follows, for the next round's clean screen too:
    // the line is read once for both.
    screened = characterScreen(edit.text)
    screenedAtStep = edit.stepCount
    if screened.c1 { fixC1Controls(&edit) }
    var holdsNoCJKSpan = false
    if options.legacyCodePages
      && !LegacyCodePages.repairAfterUTF8(
        &edit, known: edit.stepCount == stepsAtStart ? legacyFindings : .init(),
        holdsNoCJKSpan: &holdsNoCJKSpan)
    {
      legacySettledAtStep = edit.stepCount
      if holdsNoCJKSpan { legacyNoCJKAtStep = edit.stepCount }
    }
  }

  /// Pure ASCII without `&` or control characters cannot hold anything to repair.
  private func needsWork(_ text: String) -> Bool {
    func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      for byte in bytes {
        if byte >= 0x80 || byte == 0x26 || byte == 0x7F { return true }
        if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
      }
      return false
    }
    if let result = text.utf8.withContiguousStorageIfAvailable(check) { return result }
    var copy = text
    return copy.withUTF8(check)
  }

  private func containsLineFeed(_ text: String) -> Bool {
    // memchr tests a word at a time; the generic `contains` costs a dozen instructions per
    // byte, and every repaired line is asked twice.
    let found = text.utf8.withContiguousStorageIfAvailable { bytes in
      guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
      return memchr(base, 0x0A, bytes.count) != nil
    }
    return found ?? text.utf8.contains(0x0A)
  }

  /// The text's scalar values, decoded straight from its UTF-8 storage (a Swift string is
  /// always well-formed UTF-8, so no validation is needed).
  static func scalars(of text: String) -> [UInt32] {
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
      [UInt32](unsafeUninitializedCapacity: bytes.count) { buffer, written in
        var index = 0
        var count = 0
        let end = bytes.count
        while index < end {
          let lead = UInt32(bytes[index])
          var value: UInt32
          if lead < 0x80 {
            value = lead
            index += 1
          } else if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            index += 2
          } else if lead < 0xF0 {
            value =
              (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
              | UInt32(bytes[index + 2] & 0x3F)
            index += 3
          } else {
            value =
              (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
              | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            index += 4
          }
          buffer[count] = value
          count += 1
        }
        written = count
      }
    }
    if let result = text.utf8.withContiguousStorageIfAvailable(decode) { return result }
    var copy = text
    return copy.withUTF8(decode)
  }

  /// Whether no stage of a repair round can change `text`: the entry condition of every
  /// stage fails (no control, entity, C1 control, UTF-8 lead/continuation pair of any code
  /// page, legacy code-page shape, nor double-byte damage). Most clean non-ASCII lines stop
  /// here without building candidates, and so do lines whose lost characters are marked
  /// U+FFFD: a U+FFFD is judged by the stages that read it (see `mayChangeStructurally`),
  /// not as a character to repair wherever it stands, so that a lossy line repaired in one
  /// round is not taken through a second one that changes nothing.
  /// - Parameter utf8Settled: the UTF-8 passes are already proven not to change `text`
  ///   (`UTF8Misreading.mayChange` returned false on it, or a pass found nothing), so that
  ///   check is not run twice.
  /// - Parameter legacySettled: `LegacyCodePages.repairAfterUTF8` just left `text` as it is.
  /// - Parameter doubleByteDone: the round would not run the double-byte stage (it runs
  ///   once per repair, and has run), so that stage is not asked.
  private func provablyClean(
    _ text: [UInt32], utf8Settled: Bool = false, legacySettled: Bool = false,
    doubleByteDone: Bool = false
  ) -> Bool {
    cleanScreen(
      text, utf8Settled: utf8Settled, legacySettled: legacySettled,
      doubleByteDone: doubleByteDone) != nil
  }

  /// `provablyClean`'s proof, with what its character screen found in `text` (so that the
  /// caller need not read the text again for a surrogate); nil when `text` is not proven
  /// clean.
  /// - Parameter characters: `characterScreen(text)` when the caller has it.
  private func cleanScreen(
    _ text: [UInt32], utf8Settled: Bool, legacySettled: Bool, legacyNoCJKSpan: Bool = false,
    doubleByteDone: Bool, characters known: CharacterScreen? = nil
  ) -> CharacterScreen? {
    let characters = known ?? characterScreen(text)
    if characters.toRepair { return nil }
    let change = mayChangeStructurally(
      text, utf8Settled: utf8Settled, legacySettled: legacySettled,
      legacyNoCJKSpan: legacyNoCJKSpan,
      doubleByteDone: doubleByteDone, holdsReplacement: characters.replacement)
    return change == .none ? characters : nil
  }

  /// What `characterScreen` finds in a text.
  struct CharacterScreen: Equatable {
    /// A character some stage changes wherever it stands: a C1 control, and the removable
    /// controls and "&" when the options ask for those.
    var toRepair: Bool
    /// A U+FFFD, which only some stages read (see `mayChangeStructurally`).
    var replacement: Bool
    /// A lone surrogate (a value `String` cannot hold: a text holding one is written out
    /// without it, and so is not settled).
    var surrogate: Bool
    /// A C1 control (also counted in `toRepair`): `fixC1Controls` has work only then.
    var c1: Bool
    /// A line feed (which a decoded "&#10;" leaves: the line is then split anew).
    var lineFeed: Bool
  }

  /// The characters of `text` that decide before any stage's own screen, in one pass.
  /// Four values per vector compare: the line is nearly always read to its end.
  func characterScreen(_ text: [UInt32]) -> CharacterScreen {
    // A test the options leave out compares with bounds nothing meets: "below 0" for the
    // ranges, and a value above every scalar for the single characters.
    let removes = options.removeControlCharacters
    let never = SIMD4<UInt32>(repeating: UInt32.max)
    let belowTab = SIMD4<UInt32>(repeating: removes ? 0x09 : 0)
    let shiftOutWidth = SIMD4<UInt32>(repeating: removes ? 0x1C - 0x0E : 0)
    let delete = removes ? SIMD4<UInt32>(repeating: 0x7F) : never
    let ampersand = options.decodeHTMLEntities ? SIMD4<UInt32>(repeating: 0x26) : never
    func flags(_ four: SIMD4<UInt32>) -> SIMDMask<SIMD4<Int32>> {
      (four .< belowTab) .| (four &- SIMD4(repeating: 0x0E) .< shiftOutWidth)
        .| (four .== delete) .| (four .== ampersand)
    }
    func c1Controls(_ four: SIMD4<UInt32>) -> SIMDMask<SIMD4<Int32>> {
      four &- SIMD4(repeating: 0x80) .<= SIMD4(repeating: 0x9F - 0x80)
    }
    let replacement = SIMD4<UInt32>(repeating: 0xFFFD)
    let surrogateStart = SIMD4<UInt32>(repeating: 0xD800)
    let surrogateWidth = SIMD4<UInt32>(repeating: 0x800)
    return text.withUnsafeBufferPointer { values in
      guard let base = values.baseAddress else {
        return CharacterScreen(
          toRepair: false, replacement: false, surrogate: false, c1: false, lineFeed: false)
      }
      let lineFeed = SIMD4<UInt32>(repeating: 0x0A)
      var lineFeeds = SIMDMask<SIMD4<Int32>>(repeating: false)
      var hits = SIMDMask<SIMD4<Int32>>(repeating: false)
      var c1s = SIMDMask<SIMD4<Int32>>(repeating: false)
      var replacements = SIMDMask<SIMD4<Int32>>(repeating: false)
      var surrogates = SIMDMask<SIMD4<Int32>>(repeating: false)
      var index = 0
      while index &+ 4 <= values.count {
        let four = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<UInt32>.self)
        hits .|= flags(four)
        c1s .|= c1Controls(four)
        lineFeeds .|= four .== lineFeed
        replacements .|= four .== replacement
        surrogates .|= four &- surrogateStart .< surrogateWidth
        index &+= 4
      }
      if index < values.count {
        // The last one to three values, padded with a value no test matches.
        var tail = SIMD4<UInt32>(repeating: 0x41)
        for lane in 0..<(values.count &- index) { tail[lane] = values[index &+ lane] }
        hits .|= flags(tail)
        c1s .|= c1Controls(tail)
        lineFeeds .|= tail .== lineFeed
        replacements .|= tail .== replacement
        surrogates .|= tail &- surrogateStart .< surrogateWidth
      }
      let c1 = any(c1s)
      return CharacterScreen(
        toRepair: c1 || any(hits), replacement: any(replacements), surrogate: any(surrogates),
        c1: c1, lineFeed: any(lineFeeds))
    }
  }

  /// The checks of `provablyClean` beyond single characters: whether a UTF-8 misreading, a
  /// legacy code-page reading or a UTF-8 text read as a double-byte code page could change
  /// `text`.
  ///
  /// U+FFFD is read by two stages: the UTF-8 passes take it for a lost continuation byte
  /// (their page masks count it), and the double-byte stage re-reads a line holding one
  /// through the pages that produce its CJK characters (`UTF8ReadAsDoubleByte.repair`'s own
  /// entry: `screen` leaves U+FFFD to its caller), so a U+FFFD among Latin text, where
  /// no page has a character to re-read, changes nothing.
  /// - Parameter utf8Masks: `UTF8Misreading.pageMasks(text)` when the caller has it.
  /// - Parameter doubleByteDone: the double-byte stage is not asked (see `provablyClean`).
  /// - Parameter holdsReplacement: whether `text` holds a U+FFFD (the callers' screens tell).
  private func mayChangeStructurally(
    _ text: [UInt32], utf8Settled: Bool = false, legacySettled: Bool = false,
    legacyNoCJKSpan: Bool = false, doubleByteDone: Bool = false, holdsReplacement: Bool,
    utf8Masks: UTF8Misreading.PageMasks? = nil,
    legacyFindings: UnsafeMutablePointer<LegacyCodePages.ScreenFindings>? = nil
  ) -> StructuralChange {
    if !utf8Settled
      && UTF8Misreading.mayChange(text, masks: utf8Masks ?? UTF8Misreading.pageMasks(text))
    {
      return .possible
    }
    guard options.legacyCodePages else { return .none }
    // The double-byte screen first: it turns most lines down with one OR over the text
    // (no character from U+3000 up), and a line of double-byte damage is then spared the
    // legacy stage's scans.
    if !doubleByteDone {
      switch UTF8ReadAsDoubleByte.screen(text) {
      case .damageShape: return .doubleByteDamageShape
      case .guillemet: return .possible
      case .none:
        if holdsReplacement && UTF8ReadAsDoubleByte.candidatePages(text) != 0 { return .possible }
      }
    }
    if let legacyFindings, !legacySettled {
      return LegacyCodePages.mayRepair(text, findings: &legacyFindings.pointee) ? .possible : .none
    }
    return LegacyCodePages.mayRepair(
      text, afterUTF8Settled: legacySettled, holdsNoCJKSpan: legacyNoCJKSpan) ? .possible : .none
  }

  /// What `mayChangeStructurally` found.
  private enum StructuralChange {
    /// No stage can change the text.
    case none
    /// Some stage may.
    case possible
    /// The double-byte stage may: its screen found the damage shape (which its repair need
    /// not look for again on the same text).
    case doubleByteDamageShape
  }

  /// C1 controls left after the UTF-8 passes are windows-1252 bytes decoded as Latin-1
  /// (“ ” – …), or, inside a word where windows-1252 gives punctuation, MacRoman letters
  /// ("Coatl\u{87}n" → "Coatlán"). Bytes that neither defines stay as they are.
  /// (Called only on text that holds a C1 control: `characterScreen` tells.)
  private func fixC1Controls(_ edit: inout EditLog) {
    var output = edit.text
    var changes: [(start: Int, end: Int, length: Int, detail: String)] = []
    for index in output.indices where output[index] >= 0x80 && output[index] <= 0x9F {
      // Beside a character CP932 reads from one byte (half-width katakana, U+F8F0-U+F8F3),
      // the control is CP932's reading of byte 0x80 inside UTF-8 read as CP932 (the lead
      // bytes of "р" or "ր" read as katakana), not a windows-1252 byte: "€" there would
      // be invented.
      if (index > 0 && UTF8ReadAsDoubleByte.isCP932Single(output[index - 1]))
        || (index + 1 < output.count && UTF8ReadAsDoubleByte.isCP932Single(output[index + 1]))
      {
        continue
      }
      let byte = UInt8(output[index])
      let betweenLetters =
        index > 0 && index + 1 < output.count
        && TextModel.info(output[index - 1]).kind == .letter
        && TextModel.info(output[index + 1]).kind == .letter
      var replacement = CodePages.windows1252.scalar(for: byte)
      if betweenLetters, let value = replacement, TextModel.info(value).kind != .letter,
        let mac = CodePages.macRoman.scalar(for: byte), TextModel.info(mac).kind == .letter
      {
        replacement = mac
      }
      guard let value = replacement else { continue }
      let detail =
        options.describeSteps
        ? "\\u{\(String(byte, radix: 16, uppercase: true))} -> \(UTF8Misreading.describe([value][...]))"
        : ""
      changes.append((index, index + 1, 1, detail))
      output[index] = value
    }
    if !changes.isEmpty { edit.apply(output, edits: changes, kind: "c1-control") }
  }

  /// Whether a value of `text` lies in `lower...upper`, tested four values at a time: the
  /// values looked for are rare, so the whole line is nearly always read, and a vector
  /// compare costs a fraction of `contains(where:)`'s per-value test and branch.
  static func holdsValue(in text: [UInt32], from lower: UInt32, through upper: UInt32) -> Bool {
    text.withUnsafeBufferPointer { values in
      guard let base = values.baseAddress else { return false }
      let width = upper &- lower
      let lowers = SIMD4<UInt32>(repeating: lower)
      let widths = SIMD4<UInt32>(repeating: width)
      var hits = SIMDMask<SIMD4<Int32>>(repeating: false)
      var index = 0
      while index &+ 4 <= values.count {
        let four = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<UInt32>.self)
        hits .|= four &- lowers .<= widths
        index &+= 4
      }
      if any(hits) { return true }
      while index < values.count {
        if values[index] &- lower <= width { return true }
        index &+= 1
      }
      return false
    }
  }

  private func removeControls(_ edit: inout EditLog) {
    func removable(_ value: UInt32) -> Bool {
      value < 0x09 || (value >= 0x0E && value < 0x1C) || value == 0x7F
    }
    guard
      Self.holdsValue(in: edit.text, from: 0x00, through: 0x08)
        || Self.holdsValue(in: edit.text, from: 0x0E, through: 0x1B)
        || Self.holdsValue(in: edit.text, from: 0x7F, through: 0x7F)
    else { return }
    var output: [UInt32] = []
    var changes: [(start: Int, end: Int, length: Int, detail: String)] = []
    for (index, value) in edit.text.enumerated() {
      if removable(value) {
        let detail =
          options.describeSteps ? "removed \\u{\(String(value, radix: 16, uppercase: true))}" : ""
        changes.append((index, index + 1, 0, detail))
      } else {
        output.append(value)
      }
    }
    edit.apply(output, edits: changes, kind: "removed-control")
  }

  /// A U+FFFD that closes a “ opened earlier in the same sentence (no ” between, the
  /// U+FFFD right after a word or punctuation and before a space, punctuation or the end)
  /// can only have been ”: the one lossy byte in “…” is the last one of ” (0x9D), which
  /// "sloppy" windows-1252 decoders drop.
  private func restoreClosingQuotes(_ edit: inout EditLog) {
    var output = edit.text
    var changes: [(start: Int, end: Int, length: Int, detail: String)] = []
    var open = false
    for index in output.indices {
      switch output[index] {
      case 0x201C: open = true
      case 0x201D: open = false
      case 0x2E, 0x21, 0x3F:
        // Evidence must come from the same sentence ("." inside "3.5" or before the lost
        // character itself does not end it).
        if index + 1 == output.count || output[index + 1] == 0x20 { open = false }
      case 0xFFFD where open:
        let before = index > 0 ? TextModel.info(output[index - 1]).kind : .space
        let after = index + 1 < output.count ? TextModel.info(output[index + 1]).kind : .space
        let fitsBefore =
          before == .letter || before == .digit || before == .asciiPunct || before == .punct
        let fitsAfter = after == .space || after == .asciiPunct || after == .punct
        if fitsBefore && fitsAfter {
          output[index] = 0x201D
          changes.append((index, index + 1, 1, "\u{FFFD} -> ” (closes “)"))
          open = false
        }
      default: break
      }
    }
    if !changes.isEmpty { edit.apply(output, edits: changes, kind: "restored-quote") }
  }

  private func straightenQuotes(_ edit: inout EditLog) {
    var output = edit.text
    var changes: [(start: Int, end: Int, length: Int, detail: String)] = []
    for index in output.indices {
      let replacement: UInt32
      switch output[index] {
      case 0x2018, 0x2019, 0x201A, 0x201B: replacement = 0x27
      case 0x201C, 0x201D, 0x201E, 0x201F: replacement = 0x22
      default: continue
      }
      changes.append((index, index + 1, 1, "quote -> ASCII"))
      output[index] = replacement
    }
    if !changes.isEmpty { edit.apply(output, edits: changes, kind: "ascii-quote") }
  }

  private func lossySpans(_ text: [UInt32]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    for (index, value) in text.enumerated() where value == 0xFFFD {
      if let last = spans.last, last.upperBound == index {
        spans[spans.count - 1] = last.lowerBound..<(index + 1)
      } else {
        spans.append(index..<(index + 1))
      }
    }
    return spans
  }
}

/// The text being repaired and the steps so far, with step offsets kept in the current
/// text's coordinates as later edits shift them.
struct EditLog {
  var text: [UInt32]
  /// The steps taken, when `recordsSteps`.
  private(set) var steps: [RepairStep] = []
  /// How many steps were taken (recorded or not): a stage changed the text when it rose.
  private(set) var stepCount = 0
  /// Whether steps are kept with their offsets and details. Bulk callers that need only the
  /// text (`repairLine(utf8:)`) turn it off: keeping offsets in step with every later edit
  /// and holding each step's strings then costs nothing.
  let recordsSteps: Bool

  init(text: [UInt32], steps: [RepairStep] = [], recordsSteps: Bool = true) {
    self.text = text
    self.steps = steps
    self.stepCount = steps.count
    self.recordsSteps = recordsSteps
  }

  /// Replaces the text by `newText`, which `count` steps made, when steps are not recorded
  /// (a stage that keeps no list of its edits for bulk callers).
  mutating func apply(_ newText: [UInt32], unrecordedSteps count: Int) {
    precondition(!recordsSteps, "steps are recorded: their offsets are needed")
    stepCount += count
    text = newText
  }

  /// Records a step that covers the whole text (a finishing transform such as NFKC).
  mutating func append(_ step: RepairStep) {
    stepCount += 1
    if recordsSteps { steps.append(step) }
  }

  /// The text as a `String`, encoded to UTF-8 in one buffer (appending scalars to a
  /// `String` one by one costs several times more). Values that are not scalars (lone
  /// surrogates) are skipped.
  var string: String {
    String(unsafeUninitializedCapacity: text.count * 4) { bytes in
      var count = 0
      for value in text {
        if value < 0x80 {
          bytes[count] = UInt8(value)
          count += 1
        } else if value < 0x800 {
          bytes[count] = UInt8(0xC0 | value >> 6)
          bytes[count + 1] = UInt8(0x80 | value & 0x3F)
          count += 2
        } else if value < 0x10000 {
          if value >= 0xD800 && value < 0xE000 { continue }
          bytes[count] = UInt8(0xE0 | value >> 12)
          bytes[count + 1] = UInt8(0x80 | value >> 6 & 0x3F)
          bytes[count + 2] = UInt8(0x80 | value & 0x3F)
          count += 3
        } else if value < 0x110000 {
          bytes[count] = UInt8(0xF0 | value >> 18)
          bytes[count + 1] = UInt8(0x80 | value >> 12 & 0x3F)
          bytes[count + 2] = UInt8(0x80 | value >> 6 & 0x3F)
          bytes[count + 3] = UInt8(0x80 | value & 0x3F)
          count += 4
        }
      }
      return count
    }
  }

  /// `apply(_:edits:details:kind:)` given edits with their details, for the stages whose
  /// lines are rare (a tuple holding a `String` is destroyed element by element).
  mutating func apply(
    _ newText: [UInt32], edits: [(start: Int, end: Int, length: Int, detail: String)], kind: String
  ) {
    apply(
      newText, edits: edits.map { TextEdit(start: $0.start, end: $0.end, length: $0.length) },
      details: recordsSteps ? edits.map(\.detail) : [], kind: kind)
  }

  /// Replaces the text by `newText`, which differs from it by `edits` (ascending,
  /// non-overlapping, in old offsets), and records one step per edit, with the detail of
  /// the same index (`details` may be empty, or left out when no steps are recorded).
  mutating func apply(_ newText: [UInt32], edits: [TextEdit], details: [String], kind: String) {
    stepCount += edits.count
    guard recordsSteps else {
      text = newText
      return
    }
    // Shift accumulated before each edit, so that mapping an offset is a binary search
    // (a long line with many repairs stays linear-logarithmic, not quadratic).
    var shiftBefore: [Int] = []
    shiftBefore.reserveCapacity(edits.count)
    var running = 0
    for edit in edits {
      shiftBefore.append(running)
      running += edit.length - (edit.end - edit.start)
    }
    func map(_ offset: Int) -> Int {
      // The last edit starting before `offset`.
      var low = 0
      var high = edits.count
      while low < high {
        let middle = (low + high) / 2
        if edits[middle].start < offset { low = middle + 1 } else { high = middle }
      }
      guard low > 0 else { return offset }
      let edit = edits[low - 1]
      if offset < edit.end { return edit.start + shiftBefore[low - 1] + edit.length }
      return offset + shiftBefore[low - 1] + edit.length - (edit.end - edit.start)
    }
    for index in steps.indices {
      steps[index].start = map(steps[index].start)
      steps[index].end = max(steps[index].start, map(steps[index].end))
    }
    var shift = 0
    steps.reserveCapacity(steps.count + edits.count)
    for (index, edit) in edits.enumerated() {
      let start = edit.start + shift
      let detail = index < details.count ? details[index] : ""
      steps.append(RepairStep(kind: kind, start: start, end: start + edit.length, detail: detail))
      shift += edit.length - (edit.end - edit.start)
    }
    text = newText
  }
}

/// One replacement a stage made: `start..<end` of its input became `length` characters.
/// Plain values, its details kept apart: the arrays of edits every repaired line builds are
/// freed without a destroy call per element (a `String` in each cost ~1.4% of bulk repair).
struct TextEdit {
  var start: Int
  var end: Int
  var length: Int
}

