import Testing

@testable import WireTMRepair

/// The UTF-8 pass scans a line once for the places where any page may start a sequence
/// (`sequenceStarts`) and then visits only those per page; it must find exactly the
/// readings the per-page scan (`findCandidates`) finds, for every page.
@Suite struct UTF8MisreadingScanTests {
  /// A small deterministic generator (SplitMix64): the random texts are the same each run.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// The texts the scans are checked on: the damage fixtures, the clean corpus and 3,000
  /// random texts dense in sequences.
  static let scannedTexts: [[UInt32]] =
    DamageCase.all.map { MojibakeRepairer.scalars(of: $0.broken) }
    + CleanCorpus.lines.map { MojibakeRepairer.scalars(of: $0) } + randomTexts(count: 3_000)

  /// Texts dense in sequences: characters of every page's upper half (leads and
  /// continuations of all of them), lost-byte stand-ins, spaces, emoji and CJK.
  static func randomTexts(count: Int) -> [[UInt32]] {
    var alphabet: [UInt32] = [0x20, 0x20, 0x3F, 0xFFFD, 0x61, 0x41, 0x2E, 0x1F600, 0x4E2D, 0xAC00]
    for page in CodePages.utf8Misreadings {
      for byte in UInt8(0x80)...UInt8(0xFF) {
        if let scalar = page.scalar(for: byte) { alphabet.append(scalar) }
      }
    }
    var generator = SplitMix(state: 42)
    return (0..<count).map { _ in
      let length = Int.random(in: 1...60, using: &generator)
      return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
    }
  }

  static func same(_ a: [UTF8Misreading.Reading], _ b: [UTF8Misreading.Reading]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { x, y in
        x.start == y.start && x.end == y.end && x.scalar == y.scalar && x.lost == y.lost
          && x.guessedSpace == y.guessedSpace && x.keepsSpace == y.keepsSpace
      }
  }

  /// `pageMasks` as first written, one question per character (a lead? followed by a
  /// space? by a continuation?): the scan reads without most of those branches and must
  /// give the same masks.
  static func plainPageMasks(_ text: [UInt32]) -> UTF8Misreading.PageMasks {
    let twoByteLead = Self.twoByteLeads
    var bits: UInt16 = 0
    var spaceBits: UInt16 = 0
    var spaceReadings = 0
    var lastSpaceReading = -8
    var spaceReadingsTouch = false
    for index in 0..<max(0, text.count - 1) {
      let value = text[index]
      let lead = value >= 0x80 ? CodePages.leadBits(value) : 0
      guard lead != 0 else { continue }
      if text[index + 1] == 0x20 {
        var found: UInt16 = value < CodePage.flatLimit ? lead & twoByteLead[Int(value)] : 0
        if index + 2 < text.count { found |= lead & CodePages.continuationBits(text[index + 2]) }
        if value == 0xC2 || value == 0xC3 {
          bits |= found
        } else if found != 0 {
          spaceBits |= found
          spaceReadings += 1
          if index - lastSpaceReading <= 4 { spaceReadingsTouch = true }
          lastSpaceReading = index
        }
      } else {
        bits |= lead & CodePages.continuationBits(text[index + 1])
      }
    }
    var masks = UTF8Misreading.PageMasks(any: bits | spaceBits, acceptable: bits)
    if spaceReadings >= 3 || spaceReadingsTouch { masks.acceptable |= spaceBits }
    return masks
  }

  @Test func pageMasksMatchTheCharacterByCharacterDefinition() {
    var texts = Self.scannedTexts
    // Spaces after leads, in runs (touching and counted space readings).
    texts += [[0xD1, 0x20, 0xD0, 0x20, 0xD1, 0x20, 0x61], [0xC3, 0x20, 0x61, 0xE2, 0x20]]
    var withSpaceReadings = 0
    var mismatches: [String] = []
    for text in texts {
      let expected = Self.plainPageMasks(text)
      let found = UTF8Misreading.pageMasks(text)
      if expected.any != expected.acceptable { withSpaceReadings += 1 }
      if (found.any != expected.any || found.acceptable != expected.acceptable)
        && mismatches.count < 5
      {
        mismatches.append(text.map { String($0, radix: 16) }.joined(separator: " "))
      }
    }
    #expect(withSpaceReadings > 10)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// `pageMasks` writes the line's sequence starts for every page, and their agreement with
  /// windows-1252, as it scans (the pass given its masks reads them instead of scanning the
  /// line again): they must be `sequenceStarts(in:pages:agreement:)`'s for every page, and
  /// be named by these masks only (not by an earlier line's, nor after the pass took them).
  @Test func pageMasksRecordTheSequenceStartsOfEveryPage() {
    var texts = Self.scannedTexts
    texts += [[], [0xC3], [0x20AC, 0xF8FF], [0xC3, 0xA9]]
    let buffers = UTF8Misreading.PassBuffers.current
    var startsCompared = 0
    var mismatches: [String] = []
    var earlier = UTF8Misreading.PageMasks()
    for text in texts {
      let masks = UTF8Misreading.pageMasks(text)
      #expect(masks.startsRecorded != 0 && masks.startsRecorded != earlier.startsRecorded)
      // Masks of an earlier line name nothing once a later line is scanned.
      if earlier.startsRecorded != 0 {
        #expect(buffers.takeRecordedStarts(earlier.startsRecorded, length: text.count) == nil)
      }
      earlier = masks
      var agreement: UInt16 = 0
      let expected = UTF8Misreading.sequenceStarts(in: text, pages: UInt16.max, agreement: &agreement)
      guard let recorded = buffers.takeRecordedStarts(masks.startsRecorded, length: text.count)
      else {
        mismatches.append("nothing recorded: \(text.map { String($0, radix: 16) })")
        continue
      }
      let found = Array(recorded.room[0..<recorded.count])
      startsCompared += found.count
      // Taken once: the same masks name nothing after.
      #expect(buffers.takeRecordedStarts(masks.startsRecorded, length: text.count) == nil)
      var spare = UTF8Misreading.CandidateSet()
      buffers.keep(
        startRoom: recorded.room, readingRoom: .allocate(capacity: 256), spare: &spare,
        lineLength: text.count)
      let same =
        found.count == expected.count && recorded.agreement == agreement
        && zip(found, expected).allSatisfy { $0.index == $1.index && $0.pages == $1.pages }
      if !same && mismatches.count < 5 {
        mismatches.append(text.map { String($0, radix: 16) }.joined(separator: " "))
      }
    }
    // A line too long to keep its buffers records nothing (its pass scans it again).
    let long = [UInt32](repeating: 0xC3, count: UTF8Misreading.PassBuffers.longestKept + 1)
    #expect(UTF8Misreading.pageMasks(long).startsRecorded == 0)
    #expect(startsCompared > 10_000)
    #expect(mismatches.isEmpty, "\(mismatches)")
    // A pass given masks whose recorded starts another line's scan has replaced scans its
    // line itself, and repairs it as the pass reading them does.
    var passesCompared = 0
    for (text, other) in zip(texts, texts.dropFirst()).prefix(400) {
      let masks = UTF8Misreading.pageMasks(text)
      _ = UTF8Misreading.pageMasks(other)
      let rescanned = UTF8Misreading.pass(text, masks: masks, describe: true)
      let recorded = UTF8Misreading.pass(text, masks: UTF8Misreading.pageMasks(text), describe: true)
      if rescanned != nil { passesCompared += 1 }
      #expect(rescanned?.text == recorded?.text && rescanned?.details == recorded?.details)
    }
    #expect(passesCompared > 100)
  }

  /// A false `mayChange` proves the pass a no-op: the repairer skips the pass on such a
  /// line (and stops its passes on such a text), so the pass must find nothing there.
  @Test func passGivenMasksMayChangeRejectedFindsNothing() {
    let texts = Self.scannedTexts
    var proofs = 0
    var changing = 0
    var failures: [String] = []
    for text in texts {
      let masks = UTF8Misreading.pageMasks(text)
      if UTF8Misreading.mayChange(text, masks: masks) {
        changing += 1
        continue
      }
      guard masks.any != 0 else { continue }
      proofs += 1
      #expect(UTF8Misreading.pass(text, masks: masks, describe: false) == nil)
      // With a fresh scan's masks too (their recorded starts, not the ones `mayChange` read).
      if UTF8Misreading.pass(text, masks: UTF8Misreading.pageMasks(text), describe: false) != nil
        && failures.count < 5
      {
        failures.append(text.map { String($0, radix: 16) }.joined(separator: " "))
      }
    }
    #expect(proofs > 100 && changing > 100)
    #expect(failures.isEmpty, "\(failures)")
  }

  /// `mayChange` given masks with recorded starts reads each page's readings from them
  /// instead of scanning the line per page: it must answer as the scans do, and leave the
  /// starts recorded for the pass.
  @Test func mayChangeReadingTheRecordedStartsAnswersAsTheScans() {
    let texts = Self.scannedTexts
    var answers = [0, 0]
    var mismatches: [String] = []
    let buffers = UTF8Misreading.PassBuffers.current
    for text in texts {
      let masks = UTF8Misreading.pageMasks(text)
      var scanned = masks
      scanned.startsRecorded = 0
      let expected = UTF8Misreading.mayChange(text, masks: scanned)
      let found = UTF8Misreading.mayChange(text, masks: masks)
      answers[found ? 1 : 0] += 1
      if found != expected && mismatches.count < 5 {
        mismatches.append(text.map { String($0, radix: 16) }.joined(separator: " "))
      }
      #expect(buffers.withRecordedStarts(masks.startsRecorded, length: text.count) { $0 != nil })
    }
    #expect(answers[0] > 100 && answers[1] > 100)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// `LegacyCodePages.alphabetsHolding` answers from the table of bits what sets of the
  /// letters as written answer by hashing: the alphabets holding every letter of a list.
  @Test func alphabetBitsAgreeWithTheAlphabetSets() {
    let sets = LegacyCodePages.latinAlphabetLetters.map { Set($0.unicodeScalars.map(\.value)) }
    func expected(_ letters: [UInt32]) -> UInt32 {
      var bits: UInt32 = 0
      for (index, alphabet) in sets.enumerated() where letters.allSatisfy(alphabet.contains) {
        bits |= UInt32(1) << UInt32(index)
      }
      return bits
    }
    var letters = Array(UInt32(0)...UInt32(0x3FF)) + Array(UInt32(0x1E00)...UInt32(0x1EFF))
    letters += [0x2019, 0x212B, 0xFFFD, 0x1F600]
    for letter in letters {
      #expect(LegacyCodePages.alphabetsHolding([letter]) == expected([letter]), "\(letter)")
    }
    #expect(LegacyCodePages.alphabetsHolding([]) == expected([]))
    let accented: [UInt32] = sets.flatMap { Array($0) } + [0x103, 0x1EA1, 0x41]
    var generator = SplitMix(state: 7)
    for _ in 0..<2_000 {
      let list: [UInt32] = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
        accented.randomElement(using: &generator)!
      }
      #expect(LegacyCodePages.alphabetsHolding(list) == expected(list), "\(list)")
    }
  }

  /// `ScanTables.fourByteLead` holds a page's bit exactly for the scalars the page writes
  /// with a byte 0xF0...0xF4.
  @Test func fourByteLeadBitsMatchEachPagesBytes() {
    let table = CodePages.scanTables.fourByteLead
    var expected = [UInt16](repeating: 0, count: Int(CodePage.flatLimit))
    for page in CodePages.utf8Misreadings {
      for byte in UInt8(0xF0)...UInt8(0xF4) {
        if let scalar = page.scalar(for: byte), scalar < CodePage.flatLimit {
          expected[Int(scalar)] |= page.misreadingBit
        }
      }
    }
    #expect(Array(table) == expected)
    #expect(expected.contains { $0 != 0 })
  }

  /// The pass does not read a page whose bound (`pagesCoveringLess`) says its readings cover
  /// fewer than half of what windows-1252's do: the bound must never fall below what the
  /// page's own scan covers, and must turn some pages down.
  @Test func coverageBoundNeverFallsBelowAPagesReadings() {
    // CESU-8 surrogate pairs read through windows-1252 (the six-character readings): 😀 as
    // ED A0 BD ED B8 80, "a😀b" and two of them side by side.
    let pair: [UInt32] = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x20AC]
    let texts = Self.scannedTexts + [pair, [0x61] + pair + [0x62], pair + pair + [0x2E]]
    let all: UInt16 = (1 << UInt16(CodePages.utf8Misreadings.count)) - 1
    var pagesChecked = 0
    var turnedDown = 0
    var failures: [String] = []
    for text in texts {
      let starts = UTF8Misreading.sequenceStarts(in: text, pages: UInt16.max)
      for page in CodePages.utf8Misreadings {
        let bit = page.misreadingBit
        guard starts.contains(where: { $0.pages & bit != 0 }) else { continue }
        let covered = UTF8Misreading.findCandidates(in: text, page: page).reduce(0) {
          $0 + $1.end - $1.start
        }
        pagesChecked += 1
        text.withUnsafeBufferPointer { text in
          starts.withUnsafeBufferPointer { starts in
            // Asked against twice its coverage, a page is never turned down: its bound is at
            // least what it covers.
            let less = UTF8Misreading.pagesCoveringLess(
              than: 2 * covered, pages: all, starts: starts, in: text)
            if less & bit != 0 && failures.count < 5 {
              failures.append("\(page.name): \(text.map { String($0, radix: 16) })")
            }
            let far = UTF8Misreading.pagesCoveringLess(
              than: 2 * covered + 13, pages: all, starts: starts, in: text)
            if far & bit != 0 { turnedDown += 1 }
          }
        }
      }
    }
    #expect(pagesChecked > 10_000 && turnedDown > 1_000)
    #expect(failures.isEmpty, "\(failures)")
  }

  /// The pass reads every page but windows-1252 in one walk over the starts
  /// (`readOtherPages`), each start tried for its own pages: each page must get exactly the
  /// readings its own scan finds, the pages listed in page order with what they cover.
  @Test func oneWalkOverTheStartsFindsEachPagesReadings() {
    let texts = Self.scannedTexts
    let pages: UInt16 = (1 << UInt16(CodePages.utf8Misreadings.count)) - 2  // all but bit 0
    var readingsCompared = 0
    var mismatches: [String] = []
    for text in texts {
      let starts = UTF8Misreading.sequenceStarts(in: text, pages: UInt16.max)
      let room = UnsafeMutableBufferPointer<UTF8Misreading.Reading>.allocate(
        capacity: max(1, pages.nonzeroBitCount * starts.count))
      defer { room.deallocate() }
      let lanes = UnsafeMutablePointer<Int32>.allocate(
        capacity: UTF8Misreading.FoundPages.laneCount)
      defer { lanes.deallocate() }
      var found = UTF8Misreading.FoundPages(lanes: lanes)
      var mostCovered = 0
      text.withUnsafeBufferPointer { text in
        starts.withUnsafeBufferPointer { starts in
          UTF8Misreading.readOtherPages(
            pages, starts: starts, in: text, into: room, from: 0, found: &found,
            mostCovered: &mostCovered)
        }
      }
      var expectedPages: [Int32] = []
      var expectedMost = 0
      for (index, page) in CodePages.utf8Misreadings.enumerated()
      where pages & page.misreadingBit != 0 {
        let expected = UTF8Misreading.findCandidates(in: text, page: page)
        readingsCompared += expected.count
        let covered = expected.reduce(0) { $0 + $1.end - $1.start }
        if !expected.isEmpty { expectedPages.append(Int32(index)) }
        expectedMost = max(expectedMost, covered)
        let position = (0..<found.count).first { found.page($0) == index }
        let readings = position.map { Array(room[found.range($0)]) } ?? []
        let coveredFound = position.map { found.covered($0) } ?? 0
        if (!Self.same(expected, readings) || covered != coveredFound) && mismatches.count < 5 {
          mismatches.append("\(page.name): \(text.map { String($0, radix: 16) })")
        }
      }
      let foundPages = (0..<found.count).map { Int32(found.page($0)) }
      if (foundPages != expectedPages || mostCovered != expectedMost) && mismatches.count < 5 {
        mismatches.append("pages \(foundPages) vs \(expectedPages): \(text.map { String($0, radix: 16) })")
      }
    }
    #expect(readingsCompared > 10_000)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  @Test func sharedScanFindsTheSameReadingsAsEachPagesScan() {
    let texts = Self.scannedTexts
    var readingsCompared = 0
    var mismatches: [String] = []
    for text in texts {
      let bits = UTF8Misreading.pageMasks(text).any
      // Every page, and the pages the pass itself visits (`bits`): starts found for a set
      // of pages must serve each page of the set.
      for pages in [UInt16.max, bits] where pages != 0 {
        let starts = UTF8Misreading.sequenceStarts(in: text, pages: pages)
        for page in CodePages.utf8Misreadings where pages & page.misreadingBit != 0 {
          let expected = UTF8Misreading.findCandidates(in: text, page: page)
          var found: [UTF8Misreading.Reading] = []
          UTF8Misreading.appendCandidates(in: text, page: page, starts: starts, to: &found)
          readingsCompared += expected.count
          if !Self.same(expected, found) && mismatches.count < 5 {
            mismatches.append("\(page.name): \(text.map { String($0, radix: 16) })")
          }
        }
      }
      // A page outside `bits` has no reading at all (what lets the pass skip it).
      for page in CodePages.utf8Misreadings where bits & page.misreadingBit == 0 {
        if !UTF8Misreading.findCandidates(in: text, page: page).isEmpty && mismatches.count < 5 {
          mismatches.append("\(page.name) outside the masks: \(text.map { String($0, radix: 16) })")
        }
      }
    }
    #expect(readingsCompared > 10_000)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// Scalars above the flat tables are looked up in `CodePages.extraBits`; the bits must be
  /// those each page's own table gives.
  @Test func extraScalarBitsAgreeWithEachPagesBytes() {
    var scalars: [UInt32] = [0x2600, 0x4E2D, 0xF8FE, 0xF900, 0xFB00, 0xFB03, 0xFFFC, 0x1F600]
    for page in CodePages.utf8Misreadings {
      for byte in UInt8(0x80)...UInt8(0xFF) {
        if let scalar = page.scalar(for: byte), scalar >= CodePage.flatLimit {
          scalars.append(scalar)
        }
      }
    }
    #expect(!CodePages.extraBits.isEmpty)
    for scalar in scalars {
      var lead: UInt16 = 0
      var continuation: UInt16 = 0
      for page in CodePages.utf8Misreadings {
        guard let byte = page.byte(for: scalar) else { continue }
        if byte >= 0xC2 && byte <= 0xF4 { lead |= page.misreadingBit }
        if byte >= 0x80 && byte <= 0xBF { continuation |= page.misreadingBit }
      }
      #expect(CodePages.leadBits(scalar) == lead, "U+\(String(scalar, radix: 16)) lead")
      #expect(
        CodePages.continuationBits(scalar) == continuation,
        "U+\(String(scalar, radix: 16)) continuation")
    }
  }

  /// `CodePages.agreesWithWindows1252` (built from the scalars the pages encode only) must
  /// say for every scalar whether a page's byte is windows-1252's.
  @Test func agreementBitsMatchEachPagesBytes() {
    var scalars = Array(UInt32(0)..<CodePage.flatLimit)
    scalars += [0x2600, 0x4E2D, 0xF8FF, 0xFB01, 0xFB02, 0x1F600]
    for scalar in scalars {
      var expected: UInt16 = 0
      for page in CodePages.utf8Misreadings
      where page.byte(for: scalar) == CodePages.windows1252.byte(for: scalar) {
        expected |= page.misreadingBit
      }
      let bits = CodePages.agreementBits(scalar) & 0x3FFF
      if bits != expected {
        Issue.record("U+\(String(scalar, radix: 16)): \(bits) != \(expected)")
        return
      }
    }
  }

  /// Per scalar of the flat tables, a bit per page that reads one of the bytes C2...DF as
  /// it, from the pages themselves.
  static let twoByteLeads: [UInt16] = {
    var bits = [UInt16](repeating: 0, count: Int(CodePage.flatLimit))
    for (bit, page) in CodePages.utf8Misreadings.enumerated() {
      for byte in UInt8(0xC2)...UInt8(0xDF) {
        if let scalar = page.scalar(for: byte), scalar < CodePage.flatLimit {
          bits[Int(scalar)] |= UInt16(1) << UInt16(bit)
        }
      }
    }
    return bits
  }()

  /// `pageMasks` reads every bit of a character from one combined table: it must hold
  /// `lead`, `continuation`, the complement of `agreement` and the pages' two-byte leads
  /// for every scalar of the flat tables.
  @Test func combinedTableHoldsEveryTable() {
    let tables = CodePages.scanTables
    #expect(Self.twoByteLeads.contains { $0 != 0 })
    for scalar in 0..<Int(CodePage.flatLimit) {
      let entry = tables.entries[scalar]
      func part(_ shift: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: entry >> shift) }
      if part(0) != tables.lead[scalar] || part(16) != tables.continuation[scalar]
        || part(32) != ~tables.agreement[scalar] || part(48) != Self.twoByteLeads[scalar]
      {
        Issue.record("U+\(String(scalar, radix: 16)): \(entry)")
        return
      }
    }
  }

  /// The pass skips looking for the readings of a page that encodes every non-ASCII
  /// character of the line as windows-1252 does (when windows-1252 drops no third byte):
  /// such a page must find exactly windows-1252's readings.
  @Test func pagesAgreeingWithWindows1252FindItsReadings() {
    var texts = DamageCase.all.map { MojibakeRepairer.scalars(of: $0.broken) }
    texts += CleanCorpus.lines.map { MojibakeRepairer.scalars(of: $0) }
    // Random texts over the characters windows-1252 and -1254 share, so that they agree.
    var generator = SplitMix(state: 7)
    let shared: [UInt32] = [0x20, 0x20, 0x3F, 0xFFFD, 0x61, 0x2E] + (UInt8(0x80)...UInt8(0xFF)).compactMap {
      byte in
      let scalar = CodePages.windows1252.scalar(for: byte)
      return scalar.flatMap { CodePages.windows1254.byte(for: $0) == byte ? $0 : nil }
    }
    for _ in 0..<2_000 {
      let length = Int.random(in: 1...40, using: &generator)
      texts.append((0..<length).map { _ in shared.randomElement(using: &generator)! })
    }
    var pagesCompared = 0
    var mismatches: [String] = []
    for text in texts {
      var agreement: UInt16 = 0
      _ = UTF8Misreading.sequenceStarts(in: text, pages: UInt16.max, agreement: &agreement)
      let reference = UTF8Misreading.findCandidates(in: text, page: CodePages.windows1252)
      if reference.contains(where: { $0.lost && $0.end - $0.start == 2 && text[$0.start] == 0xE2 }) {
        continue
      }
      for page in CodePages.utf8Misreadings.dropFirst() where agreement & page.misreadingBit != 0 {
        pagesCompared += 1
        let found = UTF8Misreading.findCandidates(in: text, page: page)
        if !Self.same(reference, found) && mismatches.count < 5 {
          mismatches.append("\(page.name): \(text.map { String($0, radix: 16) })")
        }
      }
    }
    #expect(pagesCompared > 1_000)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// `sequence` reads the common shapes (two or three bytes, every continuation there) at
  /// once and leaves the rest to `sequenceOfOtherShape`, which handles every shape: both
  /// must give the same reading at every lead of every page.
  @Test func commonShapesReadAsTheGeneralPath() {
    var texts = DamageCase.all.map { MojibakeRepairer.scalars(of: $0.broken) }
    texts += Self.randomTexts(count: 3_000)
    var compared = 0
    var mismatches: [String] = []
    for text in texts {
      text.withUnsafeBufferPointer { characters in
        for page in CodePages.utf8Misreadings {
          for start in characters.indices {
            guard let lead = page.byte(for: characters[start]), lead >= 0xC2, lead <= 0xF4 else {
              continue
            }
            let fast = UTF8Misreading.sequence(at: start, lead: lead, in: characters, page: page)
            let general = UTF8Misreading.sequenceOfOtherShape(
              at: start, lead: lead, in: characters, page: page)
            compared += 1
            if !Self.same(fast.map { [$0] } ?? [], general.map { [$0] } ?? []) && mismatches.count < 5 {
              mismatches.append("\(page.name) at \(start): \(text.map { String($0, radix: 16) })")
            }
          }
        }
      }
    }
    #expect(compared > 50_000)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// The three-byte shapes read at once include the E0 and ED leads ("à" and "í" through
  /// windows-1252), whose second byte may make an overlong form (no reading) or a surrogate
  /// (read on the general path): every pair of continuations after them, and after two
  /// ordinary leads, on every page, reads as the general path reads it.
  @Test func threeByteLeadsWithEveryContinuationPairReadAsTheGeneralPath() {
    var compared = 0
    var mismatches: [String] = []
    for page in CodePages.utf8Misreadings {
      for lead in [UInt8(0xE0), 0xE1, 0xED, 0xEF] {
        guard let leadScalar = page.scalar(for: lead) else { continue }
        for second in UInt8(0x80)...UInt8(0xBF) {
          guard let secondScalar = page.scalar(for: second) else { continue }
          for third in UInt8(0x80)...UInt8(0xBF) {
            guard let thirdScalar = page.scalar(for: third) else { continue }
            // A CESU-8 low half follows, so that ED A0...AF can pair.
            let text: [UInt32] = [
              leadScalar, secondScalar, thirdScalar, page.scalar(for: 0xED) ?? 0x61,
              page.scalar(for: 0xB0) ?? 0x61, page.scalar(for: 0x80) ?? 0x61,
            ]
            text.withUnsafeBufferPointer { characters in
              let fast = UTF8Misreading.sequence(at: 0, lead: lead, in: characters, page: page)
              let general = UTF8Misreading.sequenceOfOtherShape(
                at: 0, lead: lead, in: characters, page: page)
              compared += 1
              if !Self.same(fast.map { [$0] } ?? [], general.map { [$0] } ?? [])
                && mismatches.count < 5
              {
                mismatches.append("\(page.name): \(text.map { String($0, radix: 16) })")
              }
            }
          }
        }
      }
    }
    #expect(compared > 100_000)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }
}
