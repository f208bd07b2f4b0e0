import Testing

@testable import WireTMRepair

/// The shortcuts `LegacyCodePages` takes for speed must not change what it decides: the
/// one-pass screen of `mayRepair` never calls a line clean that a legacy repair changes, its
/// pieces agree with the checks they stand in for, and the one-pass Cyrillic scoring
/// agrees with scoring each reading on its own.
@Suite struct LegacyCodePagesSpeedTests {
  /// Each line of a sample, and the line's bytes in one code page read through another,
  /// whole and in its second half (mixed damage).
  static let samples: [[UInt32]] = {
    let mixUps: [(CodePage, CodePage)] = [
      (CodePages.windows1251, CodePages.windows1252), (CodePages.windows1250, CodePages.windows1252),
      (CodePages.windows1253, CodePages.windows1252), (CodePages.windows1257, CodePages.windows1252),
      (CodePages.windows1254, CodePages.windows1252), (CodePages.windows1255, CodePages.windows1252),
      (CodePages.windows1256, CodePages.windows1252), (CodePages.koi8r, CodePages.windows1251),
      (CodePages.windows1251, CodePages.koi8r), (CodePages.windows1252, CodePages.windows1251),
    ]
    var samples: [[UInt32]] = []
    let lines = CleanCorpus.lines + DamageCase.all.map(\.broken)
    for line in lines {
      let text = line.unicodeScalars.map(\.value)
      samples.append(text)
      for (from, to) in mixUps {
        if let whole = misread(text, from: from, to: to) { samples.append(whole) }
        let half = text.count / 2
        if let tail = misread(Array(text[half...]), from: from, to: to) {
          samples.append(Array(text[..<half]) + tail)
        }
      }
    }
    return samples
  }()

  /// Short random strings over `alphabet` (a fixed seed): they reach the edges of the
  /// screens' conditions (exactly four non-ASCII characters, exactly 60 % paired, six
  /// letters…) that real lines seldom sit on.
  static func randomSamples(_ alphabet: String, count: Int, seed: UInt64) -> [[UInt32]] {
    let letters = alphabet.unicodeScalars.map(\.value)
    var state = seed
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in (0..<(1 + next(14))).map { _ in letters[next(letters.count)] } }
  }

  /// Non-ASCII characters that are neither UTF-8 leads nor continuations through
  /// windows-1252 (õ ö ø ü ý þ ÿ), so that spans of them are never taken for UTF-8, beside
  /// ASCII letters, spaces and characters windows-1252 lacks.
  static let spanSamples =
    randomSamples("ab õöøüýþÿЖ한Ã©", count: 40_000, seed: 1)
    + randomSamples("a õö", count: 40_000, seed: 4)
    // Bytes the CJK byte bounds count: € (0x80), Hangul and GB2312 leads, kana leads ‚ ƒ.
    + randomSamples("a€°±Ç¾ÀÁ‚ƒ¡", count: 40_000, seed: 5)
  /// Accented letters of several alphabets, symbols and opening marks.
  static let latinSamples = randomSamples("ab éüßøàñ©«’¿·", count: 40_000, seed: 2)
  /// Russian letters as windows-1251 and KOI8-R show them, ё and Ё, and other characters.
  static let cyrillicSamples = randomSamples("a оеаПРИВЕТпривётЁ‚ÏðÎÐ╗", count: 40_000, seed: 3)

  /// `text`'s bytes in `from` decoded through `to`; nil when `from` lacks a character or
  /// the reading changes nothing.
  static func misread(_ text: [UInt32], from: CodePage, to: CodePage) -> [UInt32]? {
    var output: [UInt32] = []
    for value in text {
      guard let byte = from.byte(for: value) else { return nil }
      output.append(to.scalar(for: byte) ?? value)
    }
    return output == text ? nil : output
  }

  @Test func screenNeverCallsCleanALineTheRepairsChange() {
    var changed = 0
    var missed: [String] = []
    for text in Self.samples + Self.spanSamples + Self.latinSamples + Self.cyrillicSamples {
      var edit = EditLog(text: text)
      LegacyCodePages.repairBeforeUTF8(&edit)
      LegacyCodePages.repairAfterUTF8(&edit)
      guard edit.text != text else { continue }
      changed += 1
      if !LegacyCodePages.mayRepair(text) { missed.append(describe(text)) }
    }
    // The mix-ups are repaired often enough for the check to mean something.
    #expect(changed >= 500, "only \(changed) lines changed")
    #expect(missed.isEmpty, "screened as clean: \(missed.prefix(3))")
  }

  @Test func spanScreenSeesTheSpanShapeExactly() {
    var shaped = 0
    for text in Self.samples + Self.spanSamples {
      let expected = Self.hasSpanShape(text)
      if expected { shaped += 1 }
      let screen = text.withUnsafeBufferPointer(LegacyCodePages.Screen.init)
      #expect(screen.spans.mayHoldSpan == expected, "\(describe(text))")
    }
    #expect(shaped >= 1000, "only \(shaped) lines with the shape")
  }

  @Test func encodableSpansLieWhereTheScreenSaysTheyMay() {
    var withSpans = 0
    for text in Self.samples + Self.spanSamples
    where !LegacyCodePages.encodableSpans(text).isEmpty {
      withSpans += 1
      #expect(Self.hasSpanShape(text), "\(describe(text))")
    }
    #expect(withSpans >= 1000, "only \(withSpans) lines with spans")
  }

  /// Whether a run of characters windows-1252 holds has, from its first to its last
  /// non-ASCII character, at least four non-ASCII characters, 60 % of them beside another
  /// (the shape `encodableSpans` asks for, found the plain way).
  static func hasSpanShape(_ text: [UInt32]) -> Bool {
    let holds = { (value: UInt32) in CodePages.windows1252.byte(for: value) != nil }
    var index = 0
    while index < text.count {
      while index < text.count && !holds(text[index]) { index += 1 }
      let start = index
      while index < text.count && holds(text[index]) { index += 1 }
      guard let first = (start..<index).first(where: { text[$0] >= 0x80 }),
        let last = (start..<index).last(where: { text[$0] >= 0x80 })
      else { continue }
      var high = 0
      var paired = 0
      for position in first...last where text[position] >= 0x80 {
        high += 1
        let left = position > first && text[position - 1] >= 0x80
        let right = position < last && text[position + 1] >= 0x80
        if left || right { paired += 1 }
      }
      if high >= 4 && paired * 10 >= high * 6 { return true }
    }
    return false
  }

  @Test func latinScreenAgreesWithLooksConsistentLatin() {
    var compared = 0
    var inconsistent = 0
    for text in Self.samples + Self.latinSamples {
      let screen = text.withUnsafeBufferPointer(LegacyCodePages.Screen.init)
      guard screen.allWindows1252 && screen.high >= 3 else { continue }
      compared += 1
      let expected = LegacyCodePages.looksConsistentLatin(text)
      if !expected { inconsistent += 1 }
      #expect(screen.latin.looksConsistent(text) == expected, "\(describe(text))")
    }
    #expect(compared >= 500 && inconsistent >= 100, "\(compared) compared, \(inconsistent) odd")
  }

  @Test func oneCyrillicPassAgreesWithScoringEachReading() {
    var swapped = 0
    for text in Self.samples + Self.cyrillicSamples {
      let expected = Self.referenceCyrillicSwap(text)
      let actual = LegacyCodePages.cyrillicSwap(text)
      if expected != nil { swapped += 1 }
      #expect(actual?.text == expected?.text && actual?.kind == expected?.kind, "\(describe(text))")
    }
    #expect(swapped >= 50, "only \(swapped) swaps")
  }

  /// A line of more Russian letters than a letter count of `SwapTerms.letterCounts` holds
  /// (2^21): the counts are read out block by block, and the swap still agrees with
  /// scoring each reading.
  @Test func cyrillicSwapOfALineLongerThanACountBlock() {
    let sentence = "Привет, как дела? Это длинная строка для проверки. ".unicodeScalars.map(\.value)
    let letters = sentence.filter { (0x410...0x44F).contains($0) }.count
    let repeats = (1 << 21) / letters + 1_000
    let line = Array([[UInt32]](repeating: sentence, count: repeats).joined())
    for (from, to) in [
      (CodePages.windows1251, CodePages.koi8r), (CodePages.koi8r, CodePages.windows1251),
    ] {
      let text = Self.misread(line, from: from, to: to)!
      let expected = Self.referenceCyrillicSwap(text)
      let actual = LegacyCodePages.cyrillicSwap(text)
      #expect(expected?.text == line)
      #expect(actual?.text == expected?.text && actual?.kind == expected?.kind)
    }
  }

  /// `cyrillicSwap` as three plain passes: the text as it stands, then each reading built
  /// in full and scored with `russianCost`.
  static func referenceCyrillicSwap(_ text: [UInt32]) -> (text: [UInt32], kind: String)? {
    guard text.filter({ (0x410...0x44F).contains($0) }).count >= 4 else { return nil }
    let (current, letters) = referenceRussianCost(text)
    var best: (mean: Double, text: [UInt32], kind: String)?
    for (from, to) in [
      (CodePages.windows1251, CodePages.koi8r), (CodePages.koi8r, CodePages.windows1251),
    ] {
      var reading: [UInt32] = []
      var defined = true
      for value in text {
        guard value >= 0x80, let byte = from.byte(for: value) else {
          reading.append(value)
          continue
        }
        guard let scalar = to.scalar(for: byte) else {
          defined = false
          break
        }
        reading.append(scalar)
      }
      let (cost, count) = referenceRussianCost(reading)
      guard defined, count >= letters else { continue }
      let mean = cost / Double(count)
      if best == nil || mean < best!.mean { best = (mean, reading, "\(from.name)-as-\(to.name)") }
    }
    guard let best, best.mean < current / Double(letters) - 0.25, best.mean < 3.6 else {
      return nil
    }
    return (best.text, best.kind)
  }

  /// `LegacyCodePages.russianCost` written out with ranges, as it was before letter codes.
  static func referenceRussianCost(_ text: [UInt32]) -> (cost: Double, letters: Int) {
    let surprise: [Double] = [
      2.52, 4.14, 3.09, 4.07, 3.51, 2.47, 4.67, 4.1, 2.61, 4.41, 3.36,
      3.12, 3.44, 2.7, 2.21, 3.57, 3.05, 2.91, 2.77, 3.64, 5.95, 4.64,
      5.34, 4.24, 4.92, 5.63, 7.82, 3.96, 4.05, 5.74, 5.05, 3.91,
    ]
    var cost = 0.0
    var letters = 0
    var previousLower = false
    for value in text {
      var lower = value
      var isUpper = false
      if (0x410...0x42F).contains(value) {
        lower = value + 0x20
        isUpper = true
      }
      guard (0x430...0x44F).contains(lower) || value == 0x451 || value == 0x401 else {
        previousLower = false
        continue
      }
      cost += lower == 0x451 || lower == 0x401 ? 7.82 : surprise[Int(lower - 0x430)]
      if previousLower && isUpper { cost += 3 }
      previousLower = !isUpper
      letters += 1
    }
    return (cost, letters)
  }

  private func describe(_ text: [UInt32]) -> String {
    String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
  }
}

extension LegacyCodePagesSpeedTests {
  /// The screen skips the windows-1252 look-up outside the legacy ranges.
  @Test func windows1252LiesInTheLegacyRanges() {
    for value in UInt32(0x80)..<0x11_0000 where CodePages.windows1252.byte(for: value) != nil {
      #expect(LegacyCodePages.isLegacyHigh(value), "U+\(String(value, radix: 16))")
    }
  }
}

extension LegacyCodePagesSpeedTests {
  @Test func encodableSpansAgreeWithThePlainSearch() {
    var found = 0
    for text in Self.samples + Self.spanSamples {
      let expected = Self.referenceEncodableSpans(text)
      if !expected.isEmpty { found += 1 }
      #expect(LegacyCodePages.encodableSpans(text) == expected, "\(describe(text))")
    }
    #expect(found >= 1000, "only \(found) lines with spans")
  }

  /// `encodableSpans` the plain way: each run of characters windows-1252 holds, from its
  /// first to its last non-ASCII character (and a trailing ASCII one), counted anew.
  static func referenceEncodableSpans(_ text: [UInt32]) -> [Range<Int>] {
    let holds = { (value: UInt32) in CodePages.windows1252.byte(for: value) != nil }
    var spans: [Range<Int>] = []
    var index = 0
    while index < text.count {
      while index < text.count && !holds(text[index]) { index += 1 }
      let runStart = index
      while index < text.count && holds(text[index]) { index += 1 }
      let run = runStart..<index
      guard let first = run.first(where: { text[$0] >= 0x80 }),
        let last = run.last(where: { text[$0] >= 0x80 })
      else { continue }
      var end = last + 1
      if end < run.upperBound, text[end] > 0x20 { end += 1 }
      let span = first..<end
      var high = 0
      var paired = 0
      var asciiLetters = 0
      for position in span {
        let value = text[position]
        if value >= 0x80 {
          high += 1
          let left = position > span.lowerBound && text[position - 1] >= 0x80
          let right = position + 1 < span.upperBound && text[position + 1] >= 0x80
          if left || right { paired += 1 }
        } else if (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) {
          asciiLetters += 1
        }
      }
      let mostlyUTF8 = text[span].withContiguousStorageIfAvailable {
        LegacyCodePages.mostlyUTF8($0[...])
      }!
      if high >= 4 && high >= asciiLetters && paired * 10 >= high * 6 && !mostlyUTF8 {
        spans.append(span)
      }
    }
    return spans
  }
}

extension LegacyCodePages.LatinAlphabet {
  /// The alphabet's letters: the membership table read back.
  var letters: Set<UInt32> {
    Set((0..<LegacyCodePages.alphabetTableLimit).filter(contains))
  }
}

extension LegacyCodePagesSpeedTests {
  /// `alphabetCount` stands for `latinAlphabets.count` in the hot loops.
  @Test func alphabetCountIsTheListsLength() {
    #expect(LegacyCodePages.alphabetCount == LegacyCodePages.latinAlphabets.count)
    #expect(LegacyCodePages.alphabetCount == LegacyCodePages.latinAlphabetLetters.count)
  }

  /// Each of `latinAlphabets` (a bit of the membership table) holds exactly the letters of
  /// its alphabet as written, as the sets it replaced did, and nothing past them.
  @Test func latinAlphabetsHoldTheirLettersAsWritten() {
    for (index, letters) in LegacyCodePages.latinAlphabetLetters.enumerated() {
      let written = Set(letters.unicodeScalars.map(\.value))
      let alphabet = LegacyCodePages.latinAlphabets[index]
      #expect(alphabet.letters == written, "alphabet \(index)")
      let differing = (UInt32(0)..<0x3000).filter { alphabet.contains($0) != written.contains($0) }
      #expect(differing.isEmpty, "alphabet \(index): \(differing)")
    }
  }

  /// A log that keeps no steps is spared the details, but not one edit: the repairs leave
  /// the same text and count the same steps either way.
  @Test func repairsCountTheSameStepsWithoutDetails() {
    var changed = 0
    for text in Self.samples + Self.spanSamples + Self.latinSamples + Self.cyrillicSamples {
      var recorded = EditLog(text: text)
      var bare = EditLog(text: text, recordsSteps: false)
      LegacyCodePages.repairBeforeUTF8(&recorded)
      LegacyCodePages.repairAfterUTF8(&recorded)
      LegacyCodePages.repairBeforeUTF8(&bare)
      LegacyCodePages.repairAfterUTF8(&bare)
      if recorded.text != text { changed += 1 }
      #expect(bare.text == recorded.text && bare.stepCount == recorded.stepCount)
      #expect(recorded.steps.count == recorded.stepCount)
    }
    #expect(changed >= 500, "only \(changed) lines changed")
  }
}

extension LegacyCodePagesSpeedTests {
  /// The masks, built from the alphabets' letters as written, hold each alphabet's
  /// windows-1252 accented letters exactly.
  @Test func alphabetMasksHoldEachAlphabetsAccentedLetters() {
    for (index, alphabet) in LegacyCodePages.latinAlphabets.enumerated() {
      var mask: UInt64 = 0
      for letter in alphabet.letters {
        if let bit = LegacyCodePages.accentBit(letter) { mask |= 1 << UInt64(bit) }
      }
      #expect(LegacyCodePages.alphabetMasks[index] == mask, "alphabet \(index)")
    }
  }
}

extension LegacyCodePagesSpeedTests {
  /// `hasNeighbouringLegacyPair` (eight characters at a time) against the plain look at
  /// each pair of neighbours, on lines long enough for its vector loop and its tail, with
  /// the pair at every offset: characters on each edge of the blocks windows-1252 draws on
  /// (U+007F/U+0080, U+02FF/U+0300, U+2012/U+2013, U+2122/U+2123), Cyrillic and CJK beside
  /// ASCII. A character past U+FFFF is compared by its low 16 bits (U+10080 as U+0080), so
  /// it may find a pair the plain look does not (the span walk then finds no span), but it
  /// never misses one.
  @Test func neighbouringLegacyPairAgreesWithThePlainLook() {
    let lines =
      Self.randomSamples(
        "a\u{7F}\u{80}\u{FF}\u{2FF}\u{300}\u{2012}\u{2013}\u{2122}\u{2123}Ж한", count: 20_000,
        seed: 6)
      .map { $0 + $0 + $0 } + Self.samples
      + Self.randomSamples("a\u{80}\u{10080}\u{12013}\u{FFFF}", count: 2_000, seed: 7)
      .map { $0 + $0 + $0 }
    var withPair = 0
    for line in lines {
      let held = { (value: UInt32) in
        value >= 0x80 && !LegacyCodePages.isOutsideWindows1252Block(value)
      }
      let plain = zip(line, line.dropFirst()).contains { held($0) && held($1) }
      if plain { withPair += 1 }
      let fast = line.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return false }
        return LegacyCodePages.hasNeighbouringLegacyPair(base, count: buffer.count)
      }
      #expect(fast == plain || fast && line.contains { $0 > 0xFFFF }, "\(describe(line))")
      // Within the Basic Multilingual Plane the answer is exact.
      if line.allSatisfy({ $0 <= 0xFFFF }) { #expect(fast == plain, "\(describe(line))") }
    }
    #expect(withPair >= 1000 && withPair <= lines.count - 1000, "\(withPair) of \(lines.count)")
  }
}

extension LegacyCodePagesSpeedTests {
  /// The screen and the windows-125x entry skip the windows-1252 look-up below U+0100: the
  /// page holds every character there (Latin-1, and C1 controls for its undefined bytes).
  @Test func windows1252HoldsEveryCharacterUpToLatin1() {
    for value in UInt32(0x80)..<0x100 {
      #expect(CodePages.windows1252.byte(for: value) != nil, "U+\(String(value, radix: 16))")
    }
  }
}

extension LegacyCodePagesSpeedTests {
  /// The span walk's own table gives windows-1252's byte for every character below its
  /// limit, and the page holds nothing past it.
  @Test func windows1252TableIsThePage() {
    let table = LegacyCodePages.windows1252Table
    for value in UInt32(0x80)..<LegacyCodePages.windows1252TableLimit {
      let expected = CodePages.windows1252.byte(for: value) ?? 0
      #expect(table[Int(value)] == expected, "U+\(String(value, radix: 16))")
      // The one-run bound reads U+0080...U+00FF as its own byte (C1 controls too), and
      // only there bytes 0xA0...0xFF.
      if value <= 0xFF { #expect(expected == UInt8(value)) }
      if expected >= 0xA0 { #expect(value <= 0xFF) }
    }
    for value in LegacyCodePages.windows1252TableLimit..<0x3_0000 {
      #expect(CodePages.windows1252.byte(for: value) == nil, "U+\(String(value, radix: 16))")
    }
  }
}

extension LegacyCodePagesSpeedTests {
  /// The span walk's byte classes: windows-1252's byte of every character it holds below
  /// the table's limit (0 for the rest), and the byte ranges the walk counts.
  @Test func spanByteClassesAreThePagesBytes() {
    let classes = LegacyCodePages.SpanByteClass.table
    var held = 0
    for value in UInt32(0x80)..<LegacyCodePages.windows1252TableLimit {
      let byteClass = classes[Int(value)]
      guard let byte = CodePages.windows1252.byte(for: value) else {
        #expect(byteClass == 0, "U+\(String(value, radix: 16))")
        continue
      }
      held += 1
      #expect(byteClass & LegacyCodePages.SpanByteClass.heldBit != 0)
      #expect(
        byteClass >> LegacyCodePages.SpanByteClass.byteShift & 0xFF == UInt64(byte),
        "U+\(String(value, radix: 16))")
      let bit = { (shift: UInt64) in byteClass >> shift & 1 == 1 }
      #expect(bit(LegacyCodePages.SpanByteClass.hangulLeadShift) == (0xB0...0xC8).contains(byte))
      #expect(bit(LegacyCodePages.SpanByteClass.kanaLeadShift) == (0x81...0x83).contains(byte))
      #expect(
        bit(LegacyCodePages.SpanByteClass.gb2312LeadShift)
          == ((0xB0...0xD7).contains(byte) || (0xA1...0xA3).contains(byte)))
      #expect(bit(LegacyCodePages.SpanByteClass.gb2312TrailShift) == (0xA1...0xFE).contains(byte))
    }
    // The walk adds the lead bits to one count: they are the two lead flags alone.
    #expect(
      LegacyCodePages.SpanByteClass.leadBits
        == 1 << LegacyCodePages.SpanByteClass.hangulLeadShift
        | 1 << LegacyCodePages.SpanByteClass.kanaLeadShift)
    #expect(LegacyCodePages.SpanByteClass.gb2312TrailShift == LegacyCodePages.SpanByteClass.gb2312LeadShift + 1)
    // Latin-1 and the 27 characters of windows-1252's bytes 0x80...0x9F past it.
    #expect(held == 128 + 27)
  }
}

extension LegacyCodePagesSpeedTests {
  /// The Hebrew and Arabic common-letter masks hold exactly the letters as written (each
  /// bit at the letter's offset from the start of its range).
  @Test func commonLetterMasksHoldTheirLetters() {
    for (mask, letters, start) in [
      (LegacyCodePages.hebrewCommonLetters, "יוהרלמאבתשנדעכ", UInt32(0x5D0)),
      (LegacyCodePages.arabicCommonLetters, "البيمونرتعهةدسفكق", UInt32(0x620)),
    ] {
      let values = Set(letters.unicodeScalars.map(\.value))
      #expect(mask.nonzeroBitCount == values.count)
      for offset in 0..<64 {
        #expect((mask >> UInt64(offset) & 1 != 0) == values.contains(start + UInt32(offset)))
      }
    }
  }
}

extension LegacyCodePagesSpeedTests {
  /// `mayRepair(_:findings:)` answers as `mayRepair(_:)` does, and its verdict is what
  /// `repairAfterUTF8` finds on the same text: given the findings, the repair leaves the
  /// same text with the same steps as looking again, and a decided `.none` only where the
  /// repair changes nothing. Where it proves the text free of legacy CJK spans,
  /// `repairBeforeUTF8` changes nothing.
  @Test func afterUTF8VerdictIsWhatTheRepairFinds() {
    var readings = 0
    var nones = 0
    var noSpan = 0
    for text in Self.samples + Self.spanSamples + Self.latinSamples + Self.cyrillicSamples {
      var findings = LegacyCodePages.ScreenFindings()
      let may = LegacyCodePages.mayRepair(text, findings: &findings)
      #expect(may == LegacyCodePages.mayRepair(text), "\(describe(text))")
      if findings.holdsNoCJKSpan {
        // Proved: the legacy CJK repair leaves the text as it is.
        noSpan += 1
        var before = EditLog(text: text)
        LegacyCodePages.repairBeforeUTF8(&before)
        #expect(before.text == text && before.stepCount == 0, "\(describe(text))")
      }
      var looked = EditLog(text: text)
      let lookedChanged = LegacyCodePages.repairAfterUTF8(&looked)
      var given = EditLog(text: text)
      let givenChanged = LegacyCodePages.repairAfterUTF8(&given, known: findings)
      #expect(givenChanged == lookedChanged, "\(describe(text))")
      #expect(given.text == looked.text && given.steps == looked.steps, "\(describe(text))")
      switch findings.afterUTF8 {
      case .undecided: break
      case .none:
        nones += 1
        #expect(!lookedChanged, "\(describe(text))")
      case .reading:
        readings += 1
        #expect(may, "\(describe(text))")
      }
    }
    // Both Cyrillic swaps and windows-125x readings are decided often enough to mean
    // something.
    #expect(readings >= 300, "only \(readings) readings decided")
    #expect(nones >= 1000, "only \(nones) lines decided clean")
    #expect(noSpan >= 1000, "only \(noSpan) lines proved free of legacy CJK spans")
  }
}

extension LegacyCodePagesSpeedTests {
  /// Longer lines made of the short samples (so that the eight-at-a-time paths and the
  /// one-run proof of `forEachSpan` see blocks of every mix): each sample with the next
  /// few, joined by a space or not.
  static let joinedSamples: [[UInt32]] = {
    let pieces = spanSamples + latinSamples
    var joined: [[UInt32]] = []
    var index = 0
    while index + 6 < pieces.count {
      var line: [UInt32] = []
      for offset in 0..<(1 + index % 6) {
        if offset > 0 && (index + offset) % 3 != 0 { line.append(0x20) }
        line += pieces[index + offset]
      }
      joined.append(line)
      index += 7
    }
    return joined
  }()

  /// The one-run proof: true only where the plain search finds no span (even without its
  /// UTF-8 test), and it settles many lines.
  @Test func oneRunProofHoldsOnlyWhereNoSpanIs() {
    var proved = 0
    for text in Self.samples + Self.joinedSamples {
      let provedHere = text.withUnsafeBufferPointer {
        LegacyCodePages.holdsNoSpanAsOneRun(
          $0.baseAddress!, count: $0.count, classes: LegacyCodePages.SpanByteClass.table)
      }
      guard provedHere else { continue }
      proved += 1
      #expect(
        LegacyCodePages.encodableSpans(text, excludingUTF8: false).isEmpty, "\(describe(text))")
    }
    #expect(proved >= 1000, "only \(proved) lines proved")
  }

  @Test func encodableSpansOfJoinedSamplesAgreeWithThePlainSearch() {
    var found = 0
    for text in Self.joinedSamples {
      let expected = Self.referenceEncodableSpans(text)
      if !expected.isEmpty { found += 1 }
      #expect(LegacyCodePages.encodableSpans(text) == expected, "\(describe(text))")
    }
    #expect(found >= 500, "only \(found) lines with spans")
  }

  /// What `AfterUTF8Entry` gathers for the windows-125x reading's entry is what `Screen`
  /// gathers and `looksConsistentLatin` finds.
  @Test func afterUTF8EntryLatinScreenIsTheScreens() {
    var compared = 0
    for text in Self.samples + Self.latinSamples + Self.joinedSamples {
      let entry = text.withUnsafeBufferPointer(LegacyCodePages.AfterUTF8Entry.init)
      guard let high = entry.windows1252High, high >= 1 else { continue }
      compared += 1
      let latin = entry.latin
      #expect(
        entry.hasNeighbouringHigh
          == zip(text, text.dropFirst()).contains { $0 >= 0x80 && $1 >= 0x80 },
        "\(describe(text))")
      let screen = text.withUnsafeBufferPointer(LegacyCodePages.Screen.init)
      #expect(
        latin.mayEnterWindows125x(high: high) == screen.mayEnterWindows125x, "\(describe(text))")
      #expect(
        LegacyCodePages.isRunningTextIfFewLetters(text, high: high)
          == screen.isRunningTextIfFewLetters(text), "\(describe(text))")
      #expect(
        latin.looksConsistent(text) == screen.latin.looksConsistent(text), "\(describe(text))")
      if high >= 3 {
        #expect(
          latin.looksConsistent(text) == LegacyCodePages.looksConsistentLatin(text),
          "\(describe(text))")
      }
    }
    #expect(compared >= 20_000, "only \(compared) compared")
  }

  /// When `repairAfterUTF8` leaves a text as it is and says it proved the text free of
  /// legacy CJK spans, the CJK repair leaves it as it is too, and `mayRepair` of the
  /// settled text with the proof says what it says without it.
  @Test func afterUTF8ProofOfNoCJKSpanHolds() {
    var proved = 0
    for text in Self.samples + Self.spanSamples + Self.latinSamples + Self.joinedSamples {
      for known in [LegacyCodePages.ScreenFindings(), Self.findings(text)] {
        var edit = EditLog(text: text)
        var holdsNoCJKSpan = false
        let changed = LegacyCodePages.repairAfterUTF8(
          &edit, known: known, holdsNoCJKSpan: &holdsNoCJKSpan)
        var plain = EditLog(text: text)
        #expect(changed == LegacyCodePages.repairAfterUTF8(&plain), "\(describe(text))")
        #expect(edit.text == plain.text && edit.steps == plain.steps, "\(describe(text))")
        guard !changed && holdsNoCJKSpan else { continue }
        proved += 1
        // Proved from the entry (no findings), no span has even the shape.
        if case .undecided = known.afterUTF8 {
          #expect(
            LegacyCodePages.encodableSpans(text, excludingUTF8: false).isEmpty,
            "\(describe(text))")
        }
        #expect(!text.withUnsafeBufferPointer(LegacyCodePages.mayHoldCJKSpan), "\(describe(text))")
        var before = EditLog(text: text)
        LegacyCodePages.repairBeforeUTF8(&before)
        #expect(before.text == text && before.stepCount == 0, "\(describe(text))")
        #expect(
          LegacyCodePages.mayRepair(text, afterUTF8Settled: true, holdsNoCJKSpan: true)
            == LegacyCodePages.mayRepair(text, afterUTF8Settled: true), "\(describe(text))")
      }
    }
    #expect(proved >= 20_000, "only \(proved) texts proved")
  }

  /// The findings of `mayRepair(_:findings:)` on `text`.
  static func findings(_ text: [UInt32]) -> LegacyCodePages.ScreenFindings {
    var findings = LegacyCodePages.ScreenFindings()
    _ = LegacyCodePages.mayRepair(text, findings: &findings)
    return findings
  }
}

extension LegacyCodePages {
  /// The plain check the legacy stage's screens gather as they pass a line (`LatinScreen`,
  /// `AfterUTF8Entry`), kept here as their reference: every accented letter fits one
  /// alphabet, no symbol sits inside a word, and words are not made mostly of accented
  /// letters.
  static func looksConsistentLatin(_ text: [UInt32]) -> Bool {
    var used: UInt64 = 0
    var accented = 0
    var ruledOut: UInt32 = 0
    for index in text.indices {
      let value = text[index]
      // ASCII letters are counted after the loop, and only when their number can matter.
      if value < 0x80 { continue }
      if let bit = accentBit(value) {
        used |= 1 << UInt64(bit)
        accented += 1
        ruledOut |= alphabetsRuledOut(
          value, after: index > 0 ? text[index - 1] : 0,
          before: index + 1 < text.count ? text[index + 1] : 0)
        continue
      }
      // A letter-like symbol where only a letter stands.
      if isLetterLikeSymbol(value),
        standsForLetter(
          value, after: index > 0 ? text[index - 1] : 0,
          before: index + 1 < text.count ? text[index + 1] : 0)
      {
        return false
      }
      // A symbol or punctuation mark with a letter on its right, inside a word or at its start.
      guard index + 1 < text.count else { continue }
      let right = text[index + 1]
      let rightIsLetter =
        (0x41...0x5A).contains(right) || (0x61...0x7A).contains(right) || accentBit(right) != nil
      if rightIsLetter && value != 0xAB && value != 0xBF && value != 0xA1 && value != 0x201C
        && value != 0x201E && value != 0x2018 && value != 0x2019 && value != 0xA0
      {
        return false
      }
    }
    return lettersLookConsistent(text, used: used, accented: accented, ruledOut: ruledOut)
  }
}

extension LegacyCodePages {
  /// `repairAfterUTF8(_:known:holdsNoCJKSpan:)` for the tests, which do not ask for the proof.
  @discardableResult
  static func repairAfterUTF8(_ edit: inout EditLog, known: ScreenFindings = ScreenFindings())
    -> Bool
  {
    var holdsNoCJKSpan = false
    return repairAfterUTF8(&edit, known: known, holdsNoCJKSpan: &holdsNoCJKSpan)
  }

  /// `mayRepair(_:afterUTF8Settled:holdsNoCJKSpan:)` with nothing proved of the CJK spans.
  static func mayRepair(_ text: [UInt32], afterUTF8Settled: Bool = false) -> Bool {
    mayRepair(text, afterUTF8Settled: afterUTF8Settled, holdsNoCJKSpan: false)
  }
}
