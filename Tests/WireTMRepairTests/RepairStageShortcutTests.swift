import Testing

@testable import ICUKit
@testable import WireTMRepair

/// The shortcuts the legacy code-page stage and the HTML entity decoder take for speed
/// agree with the plain computations they replace: the one-pass span search with its byte
/// bounds, the UTF-8 test that stops once settled, the Cyrillic entry count, and the
/// packed table of entity names.
@Suite struct RepairStageShortcutTests {
  static let texts = LegacyCodePagesSpeedTests.samples + LegacyCodePagesSpeedTests.spanSamples

  /// What `forEachSpan` reports for `text`: each span, its `mayDecodeCJK` bound and its
  /// number of non-ASCII characters.
  static func reported(_ text: [UInt32], onlyDecodable: Bool)
    -> [(span: Range<Int>, mayDecode: Bool, high: Int)]
  {
    var found: [(span: Range<Int>, mayDecode: Bool, high: Int)] = []
    text.withUnsafeBufferPointer { buffer in
      LegacyCodePages.forEachSpan(buffer, onlyDecodable: onlyDecodable) { span, mayDecode, high in
        found.append((span, mayDecode, high))
        return true
      }
    }
    return found
  }

  @Test func spanPassAgreesWithTheSpansAndTheirByteBounds() {
    var decodable = 0
    for text in Self.texts {
      let all = Self.reported(text, onlyDecodable: false)
      #expect(all.map(\.span) == LegacyCodePages.encodableSpans(text, excludingUTF8: false))
      for (span, mayDecode, high) in all {
        #expect(mayDecode == LegacyCodePages.mayDecodeCJK(text[span]), "\(text[span])")
        #expect(high == text[span].filter { $0 >= 0x80 }.count)
        if mayDecode { decodable += 1 }
      }
      let onlyDecodable = Self.reported(text, onlyDecodable: true)
      #expect(onlyDecodable.map(\.span) == all.filter(\.mayDecode).map(\.span))
    }
    #expect(decodable >= 1000, "only \(decodable) spans within the byte bounds")
  }

  /// `mostlyUTF8` the plain way: every candidate collected, then the share computed.
  static func plainMostlyUTF8(_ text: [UInt32]) -> Bool {
    let candidates = UTF8Misreading.findCandidates(in: text, page: CodePages.windows1252)
    let covered = candidates.reduce(0) { $0 + $1.end - $1.start }
    let high = text.filter { $0 >= 0x80 }.count
    return covered * 10 >= high * 6
  }

  @Test func utf8TestThatStopsEarlyAgreesWithCountingEveryCandidate() {
    var mostly = 0
    var checked = 0
    // Whole lines (UTF-8 mojibake among them) and every span the search finds.
    var pieces = Self.texts
    for text in Self.texts {
      for span in LegacyCodePages.encodableSpans(text, excludingUTF8: false) {
        pieces.append(Array(text[span]))
      }
    }
    pieces += DamageCase.all.map { $0.broken.unicodeScalars.map(\.value) }
    for piece in pieces {
      let expected = Self.plainMostlyUTF8(piece)
      checked += 1
      if expected { mostly += 1 }
      #expect(LegacyCodePages.mostlyUTF8(piece[...]) == expected, "\(piece)")
    }
    #expect(mostly >= 500 && checked - mostly >= 500, "\(mostly) of \(checked) mostly UTF-8")
  }

  @Test func russianLetterCountAgreesWithCountingEveryCharacter() {
    var enough = 0
    for text in Self.texts + LegacyCodePagesSpeedTests.cyrillicSamples {
      let expected = text.filter { (0x410...0x44F).contains($0) }.count >= 4
      if expected { enough += 1 }
      #expect(text.withUnsafeBufferPointer(LegacyCodePages.hasFourRussianLetters) == expected)
    }
    #expect(enough >= 1000, "only \(enough) texts with four Russian letters")
  }

  /// `AfterUTF8Entry` against its plain definitions: four letters in U+0410...U+044F, and
  /// the number of non-ASCII characters when windows-1252 holds every one (nil otherwise).
  @Test func afterUTF8EntryAgreesWithThePlainConditions() {
    var russian = 0
    var held = 0
    var lacking = 0
    for text in Self.texts + LegacyCodePagesSpeedTests.cyrillicSamples + Self.longSamples {
      let entry = text.withUnsafeBufferPointer(LegacyCodePages.AfterUTF8Entry.init)
      let four = text.filter { (0x410...0x44F).contains($0) }.count >= 4
      let holdsAll = text.allSatisfy { $0 < 0x100 || CodePages.windows1252.byte(for: $0) != nil }
      let high = text.filter { $0 >= 0x80 }.count
      #expect(entry.hasFourRussianLetters == four, "\(text)")
      #expect(entry.windows1252High == (holdsAll ? high : nil), "\(text)")
      if four { russian += 1 }
      if holdsAll && high > 0 { held += 1 }
      if !holdsAll && !four { lacking += 1 }
    }
    #expect(russian >= 1000 && held >= 100 && lacking >= 100, "\(russian) \(held) \(lacking)")
  }
}

extension RepairStageShortcutTests {
  /// The compiler-laid-out bucket starts are where each bucket of the sorted names starts.
  @Test func nameBucketsAreThePackedNamesBuckets() {
    let names = HTMLEntityTable.packedNames
    let buckets = HTMLEntityTable.nameBuckets
    #expect(buckets.count == (12 << 6) + 1)
    for bucket in 0..<(buckets.count - 1) {
      let start = names.firstIndex { HTMLEntities.nameBucket($0) >= bucket } ?? names.count
      #expect(Int(buckets[bucket]) == start, "bucket \(bucket)")
    }
    #expect(Int(buckets[buckets.count - 1]) == names.count)
  }

  @Test func packedEntityNamesHoldEveryShortNameAndNothingElse() {
    let short = HTMLEntityTable.scalars.filter { $0.key.count <= HTMLEntities.packedLength }
    #expect(HTMLEntityTable.packedNames.count == short.count)
    #expect(HTMLEntityTable.packedScalars.count == short.count)
    #expect(zip(HTMLEntityTable.packedNames, HTMLEntityTable.packedNames.dropFirst()).allSatisfy(<))
    for (name, scalar) in short {
      guard let key = HTMLEntities.packedKey(name) else {
        Issue.record("\(name) not packed")
        continue
      }
      #expect(HTMLEntities.packedScalar(key) == scalar, "\(name)")
    }
    // Names that differ only in case or length are told apart.
    #expect(HTMLEntities.packedKey("amp").flatMap(HTMLEntities.packedScalar) == 0x26)
    #expect(HTMLEntities.packedKey("AMP").flatMap(HTMLEntities.packedScalar) == 0x26)
    #expect(HTMLEntities.packedKey("Amp").flatMap(HTMLEntities.packedScalar) == nil)
    #expect(HTMLEntities.packedKey("am").flatMap(HTMLEntities.packedScalar) == nil)
    #expect(HTMLEntities.packedKey("ampx").flatMap(HTMLEntities.packedScalar) == nil)
  }

  /// Names sort by their bucket (length, then first character), so that each bucket's
  /// names are one stretch of the table, which is what `packedScalar` searches.
  @Test func packedNamesSortByBucket() {
    let buckets = HTMLEntityTable.packedNames.map(HTMLEntities.nameBucket)
    #expect(zip(buckets, buckets.dropFirst()).allSatisfy(<=))
    #expect(HTMLEntities.packedKey("amp").map(HTMLEntities.nameBucket) == 3 << 6 | 37)
    #expect(HTMLEntities.packedKey("AElig").map(HTMLEntities.nameBucket) == 5 << 6 | 11)
    #expect(HTMLEntities.nameBucket(UInt64.max) < 12 << 6)
  }

  /// The search without branches finds each packed name and nothing between or beyond
  /// them: every key next to a name, and keys below the first and above the last.
  @Test func packedScalarFindsOnlyTheNames() {
    let names = HTMLEntityTable.packedNames
    let scalars = Dictionary(uniqueKeysWithValues: zip(names, HTMLEntityTable.packedScalars))
    var keys: [UInt64] = [0, 1, UInt64.max, names.first! - 1, names.last! + 1]
    for name in names { keys += [name - 1, name, name + 1] }
    for key in keys {
      #expect(HTMLEntities.packedScalar(key) == scalars[key], "\(String(key, radix: 16))")
    }
  }

  /// `HTMLEntities.decode` the plain way: each name built as a `String` and looked up in
  /// the dictionary, the output built character by character.
  static func plainDecode(_ edit: inout EditLog) {
    let text = edit.text
    guard text.contains(0x26) else { return }
    var output: [UInt32] = []
    var changes: [(start: Int, end: Int, length: Int, detail: String)] = []
    var index = 0
    while index < text.count {
      if text[index] == 0x26, let (value, end) = plainReference(at: index, in: text) {
        let detail =
          "\(UTF8Misreading.describe(text[index..<end])) -> \(UTF8Misreading.describe([value][...]))"
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

  static func plainReference(at start: Int, in text: [UInt32]) -> (UInt32, Int)? {
    var index = start + 1
    guard index < text.count else { return nil }
    if text[index] == 0x23 {
      index += 1
      var radix: UInt32 = 10
      if index < text.count && (text[index] == 0x78 || text[index] == 0x58) {
        radix = 16
        index += 1
      }
      var value: UInt32 = 0
      var digits = 0
      func digitValue(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x30...0x39: return value - 0x30
        case 0x41...0x46 where radix == 16: return value - 0x41 + 10
        case 0x61...0x66 where radix == 16: return value - 0x61 + 10
        default: return nil
        }
      }
      while index < text.count, let digit = digitValue(text[index]), digits < 8 {
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

  /// Text with references of every kind: real names short and long, names cut short or
  /// run on, numbers in both bases with and without `;`, over mojibake and clean text.
  static let entityTexts: [[UInt32]] = {
    let names = HTMLEntityTable.scalars.keys.sorted()
    let pieces = [
      "&", ";", "#", "x", "X", "&#", "&#x", "0", "9", "1", "2", "3", "A", "f", "F", "g", "a",
      "amp", "AMP", "eacute", "Atilde", "copy", "ETH", "rsquo", "CounterClockwiseContourIntegral",
      "NotNestedGreaterGreater", "frac34", "sup2", " ", "AT&T", "Ã©", "é", "€", "\u{80}", "&;",
      "&#128;", "&#x9D;", "&#0;", "&#x110000;", "&#55296;", "&#x7F;", "&#9;", "&#12345678;",
      "&#123456789;", "&#xFFFFFFFF;", "&abcdefghijklmnopqrstuvwxyz0123456;", "&eacute", "&é;",
    ]
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var texts: [[UInt32]] = names.map { "a &\($0); b &\($0)".unicodeScalars.map(\.value) }
    for _ in 0..<30_000 {
      var text = ""
      for _ in 0..<(1 + next(10)) {
        text += next(4) == 0 ? "&" + names[next(names.count)] : pieces[next(pieces.count)]
      }
      texts.append(text.unicodeScalars.map(\.value))
    }
    return texts
  }()

  @Test func entityDecodingAgreesWithThePlainDecoder() {
    var decoded = 0
    for text in Self.entityTexts {
      var fast = EditLog(text: text)
      HTMLEntities.decode(&fast)
      var plain = EditLog(text: text)
      Self.plainDecode(&plain)
      #expect(fast.text == plain.text && fast.steps == plain.steps, "\(text)")
      if !plain.steps.isEmpty { decoded += 1 }
    }
    #expect(decoded >= 8_000, "only \(decoded) texts with references")
  }
}

extension RepairStageShortcutTests {
  /// The vector search for the next "&" agrees with a plain one from every start, with
  /// the "&" at every offset (inside the sixteen- and eight-wide steps and the tail).
  @Test func ampersandSearchFindsTheNextAtEveryOffset() {
    func next(_ text: [UInt32], from start: Int) -> Int? {
      text.withUnsafeBufferPointer {
        HTMLEntities.nextAmpersand($0.baseAddress!, from: start, count: $0.count)
      }
    }
    for count in 1..<40 {
      let plain = [UInt32](repeating: 0x61, count: count)
      #expect(next(plain, from: 0) == nil)
      for first in 0..<count {
        var text = plain
        text[first] = 0x26
        if first + 3 < count { text[first + 3] = 0x26 }
        for start in 0...count {
          #expect(next(text, from: start) == text[start...].firstIndex(of: 0x26))
        }
      }
    }
  }
}

extension RepairStageShortcutTests {
  @Test func changeDetailIsWhatDescribeWrites() {
    // Controls of both ranges, ASCII, two-, three- and four-byte scalars, surrogates and
    // values past U+10FFFF (left out).
    let values: [UInt32] = [
      0x00, 0x09, 0x0F, 0x10, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0x8D, 0x9F, 0xA0, 0xE9, 0x7FF,
      0x800, 0x20AC, 0xD800, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, 0x110000,
    ]
    var state: UInt64 = 11
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for _ in 0..<5_000 {
      let old = (0..<next(6)).map { _ in values[next(values.count)] }
      let new = (0..<next(6)).map { _ in values[next(values.count)] }
      let expected =
        "\(UTF8Misreading.describe(old[...])) -> \(UTF8Misreading.describe(new[...]))"
      // Byte for byte: `String`'s == would take canonically equivalent text as equal.
      let actual = LegacyCodePages.describeChange(old[...], new[...])
      #expect(Array(actual.utf8) == Array(expected.utf8), "\(old) \(new)")
    }
  }
}

extension RepairStageShortcutTests {
  @Test func bitSlicedCountsAgreeWithOneCounterPerLane() {
    var state: UInt64 = 13
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for round in 0..<300 {
      let lanes = 1 + next(32)
      let laneMask = lanes == 32 ? UInt32.max : (UInt32(1) << UInt32(lanes)) - 1
      var counts = [Int](repeating: 0, count: lanes)
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Int.bitWidth) { planes in
        planes.initialize(repeating: 0)
        var used = 0
        // Long runs of the same mask carry far (counts past 255 and 4095).
        for _ in 0..<(round < 10 ? 5_000 : next(200)) {
          let mask = (next(3) == 0 ? laneMask : UInt32(truncatingIfNeeded: next(1 << 31))) & laneMask
          for lane in 0..<lanes where mask >> UInt32(lane) & 1 != 0 { counts[lane] += 1 }
          used = max(used, LegacyCodePages.addOne(to: planes, lanes: mask))
        }
        let least = LegacyCodePages.leastBitSlicedCount(planes, used: used, lanes: lanes)
        #expect(least == counts.min()!, "\(counts)")
      }
    }
  }
}

extension RepairStageShortcutTests {
  /// Long random lines (the other samples are short): runs of CJK and Cyrillic text long
  /// enough for the eight-at-a-time skips, beside runs windows-1252 holds.
  static let longSamples: [[UInt32]] = {
    let alphabet = "ab  .한漢語ЖжыÃ©õö€‚ƒ°±Ç¾".unicodeScalars.map(\.value)
    var state: UInt64 = 17
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<20_000).map { _ in
      var text: [UInt32] = []
      while text.count < 20 + next(60) {
        // Runs of one character class at a time.
        let value = alphabet[next(alphabet.count)]
        text += [UInt32](repeating: value, count: 1 + next(next(3) == 0 ? 12 : 2))
      }
      return text
    }
  }()

  @Test func longLinesAgreeWithThePlainSearches() {
    var withSpans = 0
    for text in Self.longSamples {
      let expected = LegacyCodePagesSpeedTests.referenceEncodableSpans(text)
      if !expected.isEmpty { withSpans += 1 }
      #expect(LegacyCodePages.encodableSpans(text) == expected)
      for (span, mayDecode, _) in Self.reported(text, onlyDecodable: false) {
        #expect(mayDecode == LegacyCodePages.mayDecodeCJK(text[span]))
      }
      let screen = text.withUnsafeBufferPointer(LegacyCodePages.Screen.init)
      #expect(screen.spans.mayHoldSpan == LegacyCodePagesSpeedTests.hasSpanShape(text))
      let russian = text.filter { (0x410...0x44F).contains($0) }.count >= 4
      #expect(text.withUnsafeBufferPointer(LegacyCodePages.hasFourRussianLetters) == russian)
    }
    #expect(withSpans >= 1000, "only \(withSpans) long lines with spans")
  }
}

extension RepairStageShortcutTests {
  /// `decodeScalars`, which `strictDecode` reads the converters through, is what `decode`'s
  /// `String` holds: on the legacy CJK spans of the samples and on random bytes.
  @Test func decodedScalarsAreTheDecodedStringsScalars() throws {
    var state: UInt64 = 19
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var inputs: [[UInt8]] = (0..<3_000).map { _ in
      (0..<(1 + next(12))).map { _ in UInt8(next(3) == 0 ? 0x20 + next(0x60) : 0x80 + next(0x80)) }
    }
    for text in Self.texts {
      for span in LegacyCodePages.encodableSpans(text, excludingUTF8: false) {
        if let bytes = LegacyCodePages.windows1252Bytes(text[span]) { inputs.append(bytes) }
      }
    }
    var decoded = 0
    for charset in ["EUC-KR", "Shift_JIS", "GBK"] {
      for strict in [true, false] {
        let converter = try Converter(charset, strict: strict)
        for bytes in inputs {
          let expected = (try? converter.decode(bytes)).map { $0.unicodeScalars.map(\.value) }
          let actual = try? converter.decodeScalars(bytes)
          #expect(actual == expected, "\(charset) \(bytes)")
          if expected != nil { decoded += 1 }
        }
      }
    }
    #expect(decoded >= 5_000, "only \(decoded) decoded")
    // Unpaired surrogates, which the converters do not produce, read as String reads them.
    let units: [UInt16] = [0x41, 0xD800, 0xDC00, 0xDBFF, 0xDFFF, 0xE9, 0xD83D, 0xDE00, 0xFFFD]
    for _ in 0..<3_000 {
      let sample = (0..<next(8)).map { _ in units[next(units.count)] }
      let expected = String(decoding: sample, as: UTF16.self).unicodeScalars.map(\.value)
      #expect(Converter.scalars(ofUTF16: sample[...]) == expected, "\(sample)")
    }
  }
}

extension RepairStageShortcutTests {
  /// On a text `repairAfterUTF8` leaves unchanged, the screen that skips its readings still
  /// never calls clean a text the legacy repairs change.
  @Test func settledScreenNeverCallsCleanALineTheRepairsChange() {
    var settled = 0
    var changed = 0
    for text in Self.texts + LegacyCodePagesSpeedTests.latinSamples
      + LegacyCodePagesSpeedTests.cyrillicSamples + Self.longSamples
    {
      var after = EditLog(text: text)
      let changedAfter = LegacyCodePages.repairAfterUTF8(&after)
      #expect(changedAfter == !after.steps.isEmpty)
      guard !changedAfter else { continue }
      settled += 1
      var both = EditLog(text: text)
      LegacyCodePages.repairBeforeUTF8(&both)
      LegacyCodePages.repairAfterUTF8(&both)
      guard both.text != text else { continue }
      changed += 1
      #expect(LegacyCodePages.mayRepair(text, afterUTF8Settled: true), "\(text)")
    }
    #expect(settled >= 10_000 && changed >= 100, "\(settled) settled, \(changed) changed")
  }
}

extension RepairStageShortcutTests {
  @Test func windows1252HasNothingOutsideItsBlocks() {
    var outside = 0
    for value in UInt32(0x80)..<0x11_0000 where LegacyCodePages.isOutsideWindows1252Block(value) {
      outside += 1
      #expect(CodePages.windows1252.byte(for: value) == nil, "U+\(String(value, radix: 16))")
    }
    #expect(outside > 1_000_000)
  }
}
