import Testing
import _WireTMTestSupport

@testable import WireTMRepair

/// The double-byte stage was made faster (reused buffers, per-page tables, grouped choices
/// for lost bytes, pages skipped when they cannot win) without changing what it computes.
/// These tests hold the fast code to the slow definitions: the per-page tables against
/// brute force over the code page, the completion against the original search
/// (`ReferenceCompletion`, kept here verbatim but for its name) on random damage, a buffer
/// reused across thousands of spans against fresh ones, the page-skipping bound against
/// what a reading really covers, readings stopped early against full ones, and the
/// repair, which reads pages in order of their bounds, against full readings of every
/// candidate in trial order.
@Suite struct DoubleByteSpeedEquivalenceTests {
  private static let pages: [DoubleBytePage] = [.cp949, .cp932, .gbk]

  /// Refusal masks, rows of pairs and the pairs after each row, as their definitions say.
  @Test func pageTablesMatchTheirDefinitions() {
    for page in Self.pages {
      let refusals = page.refusals
      #expect(refusals.count == 257)
      for following in -1...0xFF {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for value in 0x80...0xFF {
          let byte = UInt8(value)
          if page.isSingle(byte) { continue }
          if following >= 0 && page.isPair(byte, UInt8(following)) { continue }
          if value < 0xC0 { low |= 1 << UInt64(value - 0x80) } else { high |= 1 << UInt64(value - 0xC0) }
        }
        #expect(refusals[following + 1] == (low, high), "\(page.name) before \(following)")
      }
      let rows = page.pairRows
      let reference = ReferenceCompletion.rows(of: page)
      for value in 0x80...0xFF {
        #expect(rows.leads[Int(rows.index[value - 0x80])] == reference[value - 0x80])
      }
      #expect(rows.pairsAfter.count == rows.count * 4)
      for row in 1..<rows.count {
        for byte in 0...0xFF {
          let bit = rows.pairsAfter[row * 4 + byte / 64] >> UInt64(byte % 64) & 1 == 1
          #expect(bit == page.isPair(rows.leads[row], UInt8(byte)))
        }
      }
    }
  }

  /// The completion equals the original search's on random damage through each page
  /// (whole words, lost bytes added, spans cut mid-character, CP932's characters with
  /// several codes), and a buffer reused across all of them changes nothing.
  @Test func completionMatchesTheOriginalSearch() {
    var generator = SeededGenerator(seed: 4711)
    let pools: [ClosedRange<UInt32>] = [
      0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0xE0...0xFF, 0xC0...0xDD, 0x100...0x17F,
      0x430...0x44F, 0x3B1...0x3C9, 0x5D0...0x5EA, 0x627...0x64A, 0xAC00...0xD7A3,
      0x4E00...0x9FA5, 0x3041...0x3093, 0x30A1...0x30F6, 0xFF61...0xFF9F, 0x2018...0x201D,
      0x2160...0x2169, 0x2252...0x2261, 0x1F600...0x1F64F,
    ]
    var scratch = DoubleByteCompletion.Scratch()
    var compared = 0
    var searched = 0
    for round in 0..<6000 {
      let page = Self.pages[round % 3]
      var original: [UInt32] = []
      for word in 0..<Int.random(in: 1...5, using: &generator) {
        if word > 0 && Bool.random(using: &generator) { original.append(0x20) }
        let pool = pools.randomElement(using: &generator)!
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
          original.append(UInt32.random(in: pool, using: &generator))
        }
      }
      var bytes = Array(String(String.UnicodeScalarView(original.compactMap(Unicode.Scalar.init))).utf8)
      // Spans that start or end inside a character.
      if Int.random(in: 0..<4, using: &generator) == 0 && bytes.count > 2 {
        bytes.removeFirst(Int.random(in: 1...2, using: &generator))
      }
      if Int.random(in: 0..<4, using: &generator) == 0 && bytes.count > 2 {
        bytes.removeLast(Int.random(in: 1...2, using: &generator))
      }
      var damaged = page.decodeReplacing(bytes)
      // More lost characters, alone and in runs.
      for _ in 0..<Int.random(in: 0...3, using: &generator) where !damaged.isEmpty {
        let at = Int.random(in: 0..<damaged.count, using: &generator)
        let run = Int.random(in: 1...4, using: &generator)
        damaged.replaceSubrange(at..<min(damaged.count, at + 1), with: repeatElement(0xFFFD, count: run))
      }
      guard let units = page.units(of: damaged[...]) else { continue }
      let expected = ReferenceCompletion.complete(units, page: page)
      // The judge's quick refusal is never wrong.
      if !DoubleByteCompletion.mayComplete(damaged[...], page: page) {
        #expect(expected == nil, "\(page.name) \(damaged.map { String($0, radix: 16) })")
      }
      let fresh = DoubleByteCompletion.complete(units, page: page)
      let reused = DoubleByteCompletion.complete(units, page: page, scratch: &scratch)
      let describe = "\(page.name) \(damaged.map { String($0, radix: 16) })"
      #expect(fresh?.text == expected?.text, "\(describe)")
      #expect(fresh?.certainMultibyte == expected?.certainMultibyte, "\(describe)")
      #expect(fresh?.certainFromPage == expected?.certainFromPage, "\(describe)")
      #expect(reused?.text == fresh?.text, "\(describe)")
      #expect(reused?.certainMultibyte == fresh?.certainMultibyte, "\(describe)")
      #expect(reused?.certainFromPage == fresh?.certainFromPage, "\(describe)")
      compared += 1
      if expected != nil && units.contains(where: { $0.count != 1 }) { searched += 1 }
    }
    #expect(compared >= 4000)
    #expect(searched >= 1000)
  }

  /// Per byte, the automaton states `accepting` names are those the transition table takes
  /// it from (the search's look-ahead past a lost byte reads the one, its steps the other).
  @Test func acceptingStatesMatchTheTransitions() {
    let transitions = DoubleByteCompletion.transitionTable
    for byte in 0...0xFF {
      var states: UInt32 = 0
      for automaton in 0..<DoubleByteCompletion.automatonStates
      where transitions[automaton * 256 + byte] != 0xFF {
        states |= 1 << UInt32(automaton)
      }
      #expect(DoubleByteCompletion.accepting[byte] == states, "byte \(byte)")
      #expect(DoubleBytePage.cp949.accepting[byte] == states)
    }
  }

  /// Long runs of lost bytes between characters, which carry many states, complete as the
  /// original search does, also when the search's pool of entries must grow.
  @Test func longRunsOfLostBytesMatchTheOriginalSearch() {
    var generator = SeededGenerator(seed: 8)
    var searched = 0
    for round in 0..<600 {
      let page = Self.pages[round % 3]
      var text: [UInt32] = []
      for _ in 0..<Int.random(in: 2...12, using: &generator) {
        let pool: ClosedRange<UInt32> = [0xAC00...0xD7A3, 0x4E00...0x9FA5, 0x3041...0x3093, 0xE0...0xFF]
          .randomElement(using: &generator)!
        let word = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
          UInt32.random(in: pool, using: &generator)
        }
        let bytes = Array(String(String.UnicodeScalarView(word.compactMap(Unicode.Scalar.init))).utf8)
        text += page.decodeReplacing(bytes)
        let lost = Int.random(in: 1...DoubleByteCompletion.mostLostInARow, using: &generator)
        text += repeatElement(0xFFFD, count: lost)
      }
      guard let units = page.units(of: text[...]) else { continue }
      let expected = ReferenceCompletion.complete(units, page: page)
      let found = DoubleByteCompletion.complete(units, page: page)
      #expect(found?.text == expected?.text, "\(page.name) \(text.map { String($0, radix: 16) })")
      #expect(found?.certainMultibyte == expected?.certainMultibyte)
      #expect(found?.certainFromPage == expected?.certainFromPage)
      // A search that starts with a pool of one entry grows it and runs again.
      var tiny = DoubleByteCompletion.Scratch()
      let regrown = DoubleByteCompletion.complete(units, page: page, scratch: &tiny, firstPool: 1)
      #expect(regrown?.text == expected?.text)
      #expect(regrown?.certainMultibyte == expected?.certainMultibyte)
      #expect(regrown?.certainFromPage == expected?.certainFromPage)
      if expected != nil { searched += 1 }
    }
    #expect(searched >= 100)
  }

  /// A page is skipped when its coverage bound is below the best reading's coverage: the
  /// bound must never be below what its reading covers.
  @Test func coverageBoundIsNeverBelowTheReading() {
    var generator = SeededGenerator(seed: 99)
    let lines = CleanCorpus.lines
    var checked = 0
    for round in 0..<1500 {
      let page = Self.pages[round % 3]
      let line = lines.randomElement(using: &generator)!
      var damaged = page.decodeReplacing(Array(line.utf8))
      if Bool.random(using: &generator), !damaged.isEmpty {
        damaged[Int.random(in: 0..<damaged.count, using: &generator)] = 0xFFFD
      }
      let chunks = UTF8ReadAsDoubleByte.chunks(of: damaged)
      for candidate in Self.pages {
        var scratch = UTF8ReadAsDoubleByte.Scratch()
        let reading = UTF8ReadAsDoubleByte.reading(
          damaged, chunks: chunks, page: candidate, scratch: &scratch)
        let bound = UTF8ReadAsDoubleByte.coverageBound(damaged, chunks: chunks, page: candidate)
        #expect(bound >= reading.covered, "\(candidate.name): \(line)")
        if reading.covered > 0 { checked += 1 }
      }
    }
    #expect(checked >= 500)
  }

  /// Damaged lines with more than one candidate page: a line damaged through one page,
  /// sometimes only in part, with U+FFFD added, and clean CJK text of another line glued on.
  private static func mixedLines(count: Int, seed: UInt64) -> [[UInt32]] {
    var generator = SeededGenerator(seed: seed)
    let lines = CleanCorpus.lines
    var result: [[UInt32]] = []
    for round in 0..<count {
      let page = pages[round % 3]
      let line = lines.randomElement(using: &generator)!
      var bytes = Array(line.utf8)
      var damaged: [UInt32]
      if Bool.random(using: &generator) {
        damaged = page.decodeReplacing(bytes)
      } else {
        // A damaged stretch in the middle of clean text, cut at character boundaries.
        let scalars = line.unicodeScalars.map(\.value)
        let cut = Int.random(in: 0...scalars.count, using: &generator)
        let end = min(scalars.count, cut + Int.random(in: 1...40, using: &generator))
        let piece = scalars[cut..<end].compactMap(Unicode.Scalar.init).map(String.init).joined()
        bytes = Array(piece.utf8)
        damaged = Array(scalars[..<cut]) + page.decodeReplacing(bytes) + Array(scalars[end...])
      }
      for _ in 0..<Int.random(in: 0...2, using: &generator) where !damaged.isEmpty {
        damaged.insert(0xFFFD, at: Int.random(in: 0...damaged.count, using: &generator))
      }
      if Int.random(in: 0..<3, using: &generator) == 0 {
        let other = lines.randomElement(using: &generator)!.unicodeScalars.map(\.value)
        damaged += [0x20] + other.filter { $0 >= 0x3000 }.prefix(12)
      }
      result.append(damaged)
    }
    return result
  }

  /// The derived tables are generated with the code page tables; they must be what
  /// `derive` computes from the pairs (run the generator after changing either).
  @Test func generatedTablesMatchTheirDerivation() {
    for page in Self.pages {
      let derived = DoubleBytePage.derive(page)
      let rows = page.pairRows
      #expect(rows.index == derived.rows.index, "\(page.name)")
      #expect(rows.leads == derived.rows.leads, "\(page.name)")
      #expect(rows.pairsAfter == derived.rows.pairsAfter, "\(page.name)")
      #expect(rows.carriedChoices == derived.rows.carriedChoices, "\(page.name)")
      #expect(rows.carriedStarts == derived.rows.carriedStarts, "\(page.name)")
      // The forward pass records the choices of a lone state without its look-up: each
      // state's choices reach distinct states.
      for state in 0..<(rows.carriedStarts.count - 1) {
        let targets = rows.carriedChoices[rows.carriedStarts[state]..<rows.carriedStarts[state + 1]]
          .map { $0 >> 16 }
        #expect(Set(targets).count == targets.count, "\(page.name) state \(state)")
      }
      let refusals = page.refusals
      #expect(refusals.count == derived.refusals.count)
      for (generated, computed) in zip(refusals, derived.refusals) {
        #expect(generated == computed, "\(page.name)")
      }
      #expect(page.leadChoices == derived.leadChoices, "\(page.name)")
      // The search reads the generated tables through its own copies.
      let tables = page.searchTables
      #expect(tables.rows.count == rows.count)
      for (index, choice) in rows.carriedChoices.enumerated() {
        #expect(tables.rows.carriedChoices[index] == choice)
      }
      for (index, start) in rows.carriedStarts.enumerated() {
        #expect(tables.rows.carriedStarts[index] == start)
      }
      for (index, word) in rows.pairsAfter.enumerated() { #expect(tables.rows.pairs[index] == word) }
      for (index, refusal) in refusals.enumerated() {
        #expect(tables.refusals[2 * index] == refusal.0 && tables.refusals[2 * index + 1] == refusal.1)
        #expect(tables.leadChoices[index] == derived.leadChoices[index])
      }
    }
  }

  /// The generated UTF-8 automaton (`DoubleByteTables.transitions`, read through
  /// `DoubleByteCompletion.transitionTable`) takes each byte from each state as UTF-8's rules
  /// say (the reference completion's `feed`).
  @Test func generatedTransitionsFollowUTF8() {
    let transitions = DoubleByteCompletion.transitionTable
    #expect(DoubleByteTables.transitions.count == DoubleByteCompletion.automatonStates * 256)
    for automaton in 0..<DoubleByteCompletion.automatonStates {
      for byte in 0...0xFF {
        let next = ReferenceCompletion.feed(automaton / 5, automaton % 5, UInt8(byte))
        let expected = next.map { UInt8($0.need * 5 + $0.range) } ?? 0xFF
        #expect(transitions[automaton * 256 + byte] == expected, "state \(automaton) byte \(byte)")
      }
    }
  }

  /// The screen, which skips to the first character the damage produces before its scan,
  /// finds the damage's shape exactly where the full scan did: on damaged and clean lines,
  /// and on random lines of letters, spaces, digits, C1 controls, U+FFFD and CJK.
  @Test func damageShapeScreenMatchesTheFullScan() {
    var generator = SeededGenerator(seed: 31)
    let pieces: [ClosedRange<UInt32>] = [
      0x20...0x20, 0x30...0x39, 0x21...0x2F, 0x41...0x5A, 0x61...0x7A, 0x5B...0x60, 0x00...0x1F,
      0x80...0x9F, 0xC0...0x24F, 0x370...0x3FF, 0x430...0x44F, 0x5D0...0x5EA, 0xFFFD...0xFFFD,
      0x3000...0x303F, 0x3041...0x30FF, 0x3130...0x318F, 0x4E00...0x9FA5, 0xAC00...0xD7A3,
      0xF8F0...0xF8F3, 0xFF01...0xFF5E, 0xFF61...0xFF9F, 0x1F600...0x1F64F,
    ]
    var lines = Self.mixedLines(count: 800, seed: 29)
    lines += CleanCorpus.lines.prefix(2000).map { $0.unicodeScalars.map(\.value) }
    for _ in 0..<6000 {
      let length = Int.random(in: 0...24, using: &generator)
      lines.append(
        (0..<length).map { _ in
          UInt32.random(in: pieces.randomElement(using: &generator)!, using: &generator)
        })
    }
    var shaped = 0
    for line in lines {
      let bits = line.reduce(UInt32(0)) { $0 | $1 }
      let expected =
        bits >= 0x3000 && line.withUnsafeBufferPointer(ReferenceDamageShape.hasDamageShape)
      #expect((UTF8ReadAsDoubleByte.screen(line) == .damageShape) == expected, "\(line)")
      if expected { shaped += 1 }
    }
    #expect(shaped >= 1000)
  }

  /// `completableUnits` answers as `mayComplete` and `units(of:into:)` together, with the
  /// same units, and says "well-formed" only of spans whose completion is their decoding.
  @Test func completableUnitsMatchTheTwoChecks() {
    var wellFormed = 0
    // One buffer for every span, as the repair uses it: it grows and keeps its length.
    var fused: [DoubleByteUnit] = []
    for damaged in Self.mixedLines(count: 600, seed: 17) {
      for chunk in UTF8ReadAsDoubleByte.chunks(of: damaged) {
        // Every sub-span from the chunk's start, as judged pieces start anywhere.
        for length in 1...min(chunk.count, 12) {
          let span = damaged[chunk.lowerBound..<(chunk.lowerBound + length)]
          for page in Self.pages {
            let answer = DoubleByteCompletion.completableUnits(span, page: page, into: &fused)
            let units = page.units(of: span)
            let expected = DoubleByteCompletion.mayComplete(span, page: page) && units != nil
            #expect((answer != nil) == expected)
            guard let answer, let units else { continue }
            #expect(fused.count >= span.count && Array(fused.prefix(span.count)) == units)
            if answer {
              wellFormed += 1
              #expect(units.allSatisfy { $0.count == 1 })
              #expect(DoubleByteCompletion.complete(units, page: page) != nil)
            }
          }
        }
      }
    }
    #expect(wellFormed >= 200)
  }

  /// `chunksAndCoverageBounds` gives `chunks(of:)` and every page's `coverageBound` in one
  /// pass, with its buffer reused from line to line.
  @Test func fusedChunksAndBoundsMatchTheTwoPasses() {
    var reused: [UTF8ReadAsDoubleByte.Chunk] = []
    var withCJK = 0
    for damaged in Self.mixedLines(count: 800, seed: 23) + [[], [0x20], [0xAC00], [0x41, 0xFFFD]] {
      let chunks = UTF8ReadAsDoubleByte.chunks(of: damaged)
      let bounds = UTF8ReadAsDoubleByte.chunksAndCoverageBounds(of: damaged, into: &reused)
      #expect(reused == chunks)
      for page in Self.pages {
        #expect(
          bounds[page.id] == UTF8ReadAsDoubleByte.coverageBound(damaged, chunks: chunks, page: page))
      }
      #expect(bounds[3] == 0)
      if bounds[0] + bounds[1] + bounds[2] > 0 { withCJK += 1 }
    }
    #expect(withCJK > 100)
  }

  /// A reading told the coverage it must reach stops early only when it could not reach
  /// it, and otherwise finds what the full reading finds.
  @Test func readingStopsOnlyWhenItCannotReachTheCoverageNeeded() {
    var stopped = 0
    var compared = 0
    for damaged in Self.mixedLines(count: 900, seed: 11) {
      let chunks = UTF8ReadAsDoubleByte.chunks(of: damaged)
      for page in Self.pages {
        var scratch = UTF8ReadAsDoubleByte.Scratch()
        let full = UTF8ReadAsDoubleByte.reading(damaged, chunks: chunks, page: page, scratch: &scratch)
        let fullTexts = full.accepted.map { Array(scratch.decoded[$0.text]) }
        let bound = UTF8ReadAsDoubleByte.coverageBound(damaged, chunks: chunks, page: page)
        for needed in [full.covered, full.covered + 1, bound, bound + 1] {
          var other = UTF8ReadAsDoubleByte.Scratch()
          let early = UTF8ReadAsDoubleByte.reading(
            damaged, chunks: chunks, page: page, bound: bound, needed: needed, scratch: &other)
          if early.covered == 0 && full.covered > 0 {
            #expect(full.covered < needed)
            stopped += 1
            continue
          }
          #expect(early.covered == full.covered)
          #expect(early.accepted.map(\.range) == full.accepted.map(\.range))
          #expect(early.accepted.map(\.gain) == full.accepted.map(\.gain))
          #expect(early.accepted.map { Array(other.decoded[$0.text]) } == fullTexts)
          compared += 1
        }
      }
    }
    #expect(stopped >= 100)
    #expect(compared >= 1000)
  }

  /// The repair reads the pages in order of their bounds and stops readings that cannot
  /// win; the winner and the text must be those of reading every candidate in full in
  /// trial order (most coverage, then the larger gain, the first page on a tie).
  @Test func repairPicksTheWinnerOfTheFullReadingsInTrialOrder() {
    var repaired = 0
    for damaged in Self.mixedLines(count: 900, seed: 13) {
      var expected: (text: [UInt32], kind: String)?
      let bits = damaged.reduce(UInt32(0)) { $0 | $1 }
      let candidates = UTF8ReadAsDoubleByte.candidatePages(damaged)
      let chunks = UTF8ReadAsDoubleByte.chunks(of: damaged)
      if bits >= 0x3000, damaged.contains(0xFFFD) || UTF8ReadAsDoubleByte.screen(damaged) != .none,
        !chunks.isEmpty
      {
        var best: (covered: Int, gain: Float, page: DoubleBytePage, text: [UInt32], empty: Bool)?
        for page in Self.pages where candidates & (1 << page.id) != 0 {
          var scratch = UTF8ReadAsDoubleByte.Scratch()
          let (changes, covered) = UTF8ReadAsDoubleByte.reading(
            damaged, chunks: chunks, page: page, scratch: &scratch)
          guard covered > 0 else { continue }
          let gain = changes.reduce(Float(0)) { $0 + $1.gain }
          if let best, best.covered > covered || (best.covered == covered && best.gain >= gain) {
            continue
          }
          var text: [UInt32] = []
          var position = 0
          for change in changes {
            text += damaged[position..<change.range.lowerBound] + scratch.decoded[change.text]
            position = change.range.upperBound
          }
          text += damaged[position...]
          best = (covered, gain, page, text, changes.isEmpty)
        }
        if let best, !best.empty { expected = (best.text, "utf8-as-\(best.page.name)") }
      }
      var edit = EditLog(text: damaged)
      let changed = UTF8ReadAsDoubleByte.repair(&edit, describe: false)
      #expect(changed == (expected != nil))
      if let expected {
        #expect(edit.text == expected.text)
        #expect(edit.steps.allSatisfy { $0.kind == expected.kind })
        repaired += 1
      }
    }
    #expect(repaired >= 200)
  }

  /// The in-place span costs the stage uses equal the model's cost of what they leave out
  /// spelled as sequences: the span as it stands, without U+FFFD (a lazy filter), and
  /// without U+FFFD and the signs after each (`WithoutLost`), on random spans of letters,
  /// signs, CJK and U+FFFD.
  @Test func inPlaceSpanCostsMatchTheirDefinitions() {
    var generator = SeededGenerator(seed: 919)
    let pools: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x900...0x97F, 0xE00...0xE7F, 0x591...0x5C7,
      0x3000...0x30FF, 0x4E00...0x4EFF, 0xAC00...0xACFF, 0xFF00...0xFFEF, 0xFFFD...0xFFFD,
      0xFFFD...0xFFFD, 0x1F300...0x1F6FF, 0xE000...0xE0FF,
    ]
    func character() -> UInt32 {
      pools.randomElement(using: &generator)!.randomElement(using: &generator)!
    }
    for _ in 0..<20_000 {
      let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in character() }
      let span = text[...]
      let before: UInt32? = Bool.random(using: &generator) ? character() : nil
      let after: UInt32? = Bool.random(using: &generator) ? character() : nil
      #expect(
        TextModel.cost(inPlace: span, before: before, after: after, skipping: .none)
          == TextModel.cost(of: span, before: before, after: after))
      #expect(
        TextModel.cost(inPlace: span, before: before, after: after, skipping: .lost)
          == TextModel.cost(of: span.lazy.filter { $0 != 0xFFFD }, before: before, after: after))
      #expect(
        TextModel.cost(inPlace: span, before: before, after: after, skipping: .lostAndTheirMarks)
          == TextModel.cost(
            of: UTF8ReadAsDoubleByte.WithoutLost(span), before: before, after: after),
        "\(text)")
      // Both costs of `weigh` in one call: a span and its re-reading between the same
      // characters, each as its own call gives it.
      let reading = (0..<Int.random(in: 0...10, using: &generator)).map { _ in character() }
      let skipsLost = Bool.random(using: &generator)
      let both = text.withUnsafeBufferPointer { span in
        reading.withUnsafeBufferPointer { reading in
          TextModel.costs(
            inPlace: span, spanSkipsLost: skipsLost, reading: reading, before: before,
            after: after)
        }
      }
      #expect(
        both.span
          == TextModel.cost(
            inPlace: span, before: before, after: after, skipping: skipsLost ? .lost : .none),
        "\(text)")
      #expect(
        both.reading
          == TextModel.cost(
            inPlace: reading[...], before: before, after: after, skipping: .lostAndTheirMarks),
        "\(reading)")
    }
  }
}

/// The completion as it was before the speed work, verbatim but for its name and its rows
/// of pairs (computed here by brute force): the reference `completionMatchesTheOriginalSearch`
/// holds the fast search to.
struct ReferenceCompletion {
  /// The text: restored characters, U+FFFD for the others.
  var text: [UInt32]
  /// Restored multi-byte characters made only of known bytes (evidence for a CJK run).
  var certainMultibyte: Int
  /// Restored characters that take a byte from a character of the page (not only from
  /// ASCII or lost bytes): "셲" giving the "s" of "company’s" counts, a U+FFFD merged with
  /// its neighbours into another U+FFFD does not.
  var certainFromPage: Int

  /// Packed automaton state: continuation bytes still needed (0...3), the allowed range of
  /// the next one (index into `ranges`) and the previous lost byte (see `pack`).
  private typealias State = Int

  private static let ranges: [(low: UInt8, high: UInt8)] = [
    (0x80, 0xBF), (0xA0, 0xBF), (0x80, 0x9F), (0x90, 0xBF), (0x80, 0x8F),
  ]

  /// One more than the largest packed state.
  private static let stateCount = 20 * 129

  /// The previous lost byte is 0x80...0xFF, or 0 for none: packed as 0...128.
  @inline(__always)
  private static func pack(need: Int, range: Int, pending: UInt8) -> State {
    (need * 5 + range) * 129 + (pending == 0 ? 0 : Int(pending) - 0x7F)
  }

  @inline(__always)
  private static func need(of state: State) -> Int { (state / 129) / 5 }

  /// The automaton after `byte`, or nil when UTF-8 cannot continue with it.
  @inline(__always)
  static func feed(_ need: Int, _ range: Int, _ byte: UInt8) -> (need: Int, range: Int)? {
    if need > 0 {
      let allowed = ranges[range]
      return byte >= allowed.low && byte <= allowed.high ? (need - 1, 0) : nil
    }
    switch byte {
    case 0x00...0x7F: return (0, 0)
    case 0xC2...0xDF: return (1, 0)
    case 0xE0: return (2, 1)
    case 0xED: return (2, 2)
    case 0xE1...0xEF: return (2, 0)
    case 0xF0: return (3, 3)
    case 0xF1...0xF3: return (3, 0)
    case 0xF4: return (3, 4)
    default: return nil
    }
  }

  /// For a lost byte, what the decoder saw after it: the next unit's one known first byte
  /// (checked at once, through `refusable`), nothing (the end of the span: no constraint),
  /// or a byte not known yet (`deferred`: the lost byte is carried in the state and checked
  /// against the next unit's choice, which multiplies the states, so only when needed).
  private static let endOfSpan = -1
  private static let deferred = -2

  /// The lost bytes the decoder may have refused at a position: not a single-byte
  /// character, and no pair with the byte after it when that is known. A bit per value
  /// (0x80...0xBF, 0xC0...0xFF), computed once per position rather than once per state.
  private static func refusable(following: Int, page: DoubleBytePage) -> (UInt64, UInt64) {
    var low: UInt64 = 0
    var high: UInt64 = 0
    for value in 0x80...0xFF {
      let byte = UInt8(value)
      if page.isSingle(byte) { continue }
      if following >= 0 && page.isPair(byte, UInt8(following)) { continue }
      if value < 0xC0 {
        low |= 1 << UInt64(value - 0x80)
      } else {
        high |= 1 << UInt64(value - 0xC0)
      }
    }
    return (low, high)
  }

  /// Lead bytes that lead to the same automaton state, as bits of 0xC0...0xFF: C2-DF,
  /// E0, E1-EC and EE-EF, ED, F0, F1-F3, F4.
  private static let leadClasses: [UInt64] = [
    bits(0xC2...0xDF), bits(0xE0...0xE0), bits(0xE1...0xEC) | bits(0xEE...0xEF),
    bits(0xED...0xED), bits(0xF0...0xF0), bits(0xF1...0xF3), bits(0xF4...0xF4),
  ]

  /// The continuation bytes each entry of `ranges` allows, as bits of 0x80...0xBF.
  private static let continuationClasses: [UInt64] = ranges.map {
    bits(UInt16($0.low)...UInt16($0.high))
  }

  private static func bits(_ values: ClosedRange<UInt16>) -> UInt64 {
    values.reduce(UInt64(0)) { $0 | 1 << UInt64(($1 - 0x80) % 64) }
  }

  /// The lost bytes possible from a state under a refusal mask: one representative per
  /// group of values with the same effect on the automaton, with whether the group has
  /// several values (which makes the position uncertain); or, when the lost byte is
  /// carried to the next unit, every value on its own.
  private struct LostChoices {
    let need: Int
    let range: Int
    let mask: (UInt64, UInt64)
    let carried: Bool
    var group = 0
    var rest: UInt64 = 0
    var base: UInt16 = 0

    init(state: State, mask: (UInt64, UInt64), carried: Bool) {
      need = (state / 129) / 5
      range = (state / 129) % 5
      self.mask = mask
      self.carried = carried
    }

    mutating func next() -> (byte: UInt16, several: Bool)? {
      while true {
        if rest != 0 {
          let byte = base + UInt16(rest.trailingZeroBitCount)
          if carried {
            rest &= rest - 1
            return (byte, false)
          }
          let several = rest.nonzeroBitCount > 1
          rest = 0
          return (byte, several)
        }
        if need > 0 {
          guard group == 0 else { return nil }
          rest = ReferenceCompletion.continuationClasses[range] & mask.0
          base = 0x80
        } else {
          guard group < ReferenceCompletion.leadClasses.count else { return nil }
          rest = ReferenceCompletion.leadClasses[group] & mask.1
          base = 0xC0
        }
        group += 1
      }
    }
  }

  /// The state after `code` from `state` (a lost byte already checked against
  /// `refusable`), with the characters it starts (a lost four-byte lead counting four), or
  /// nil when impossible.
  @inline(__always)
  private static func step(
    _ state: State, code: UInt16, lost: Bool, carried: Bool, page: DoubleBytePage,
    rows: [UInt8] = []
  ) -> (state: State, added: Int)? {
    let packedPending = state % 129
    var need = (state / 129) / 5
    var range = (state / 129) % 5
    let first = UInt8(code < 0x100 ? code : code >> 8)
    if packedPending != 0 && page.isPair(UInt8(packedPending + 0x7F), first) { return nil }
    var added = 0
    if need == 0 { added += lost && first >= 0xF0 ? 4 : 1 }
    guard let afterFirst = feed(need, range, first) else { return nil }
    (need, range) = afterFirst
    if code >= 0x100 {
      if need == 0 { added += 1 }
      guard let afterSecond = feed(need, range, UInt8(code & 0xFF)) else { return nil }
      (need, range) = afterSecond
    }
    // A carried lost byte is kept as the first byte with the same row of pairs: all of
    // them refuse the same next bytes, so their states merge (the choices still differ,
    // which keeps the position uncertain).
    let pending = lost && carried ? rows[Int(first) - 0x80] : 0
    return (pack(need: need, range: range, pending: pending), added)
  }

  /// One reached state: 12 bytes, as a search keeps a few per unit of the span.
  private struct Entry {
    private var packedState: Int16
    var code: UInt16
    private var packedCharacters: Int32
    private var packedPrevious: Int32

    init(state: State, characters: Int, previous: Int, code: UInt16) {
      packedState = Int16(state)
      self.code = code
      packedCharacters = Int32(truncatingIfNeeded: characters)
      packedPrevious = Int32(truncatingIfNeeded: previous)
    }

    var state: State { Int(packedState) }
    var characters: Int { Int(packedCharacters) }
    var previous: Int { Int(packedPrevious) }
  }

  /// Spans longer than this, or with more lost bytes than `mostLostBytes` (or
  /// `mostLostInARow` in a row), are not searched: a line of Chinese or Japanese without a space is one span, the search keeps
  /// its states per unit, and lost bytes in a row multiply the states. Such a span is left
  /// as it stands (nothing is invented), which keeps time and memory flat on pathological
  /// input (a word of real damage holds a few dozen lost bytes at most).
  static let longestSpan = 20_000
  static let mostLostBytes = 512
  /// Lost bytes in a row carry each other's values in the state; more than three
  /// four-byte characters' worth (the fixtures' damage has at most four) is not searched.
  static let mostLostInARow = 12

  /// Records in `next` the state `code` reaches from `entry` (the `index`-th state of the
  /// position), keeping the fewest characters per state.
  @inline(__always)
  private static func relax(
    _ next: inout [Entry], _ lookup: inout [Int16], from entry: Entry, index: Int,
    code: UInt16, lost: Bool, carried: Bool, page: DoubleBytePage, rows: [UInt8]
  ) {
    guard
      let (state, added) = step(
        entry.state, code: code, lost: lost, carried: carried, page: page, rows: rows)
    else { return }
    let characters = entry.characters + added
    let existing = Int(lookup[state]) - 1
    if existing >= 0 {
      if characters < next[existing].characters {
        next[existing] = Entry(state: state, characters: characters, previous: index, code: code)
      }
    } else {
      lookup[state] = Int16(next.count + 1)
      next.append(Entry(state: state, characters: characters, previous: index, code: code))
    }
  }

  /// Whether one or several choices of a position reach a completion.
  private struct Choices {
    var seen: UInt16?
    var several = false

    mutating func note(_ code: UInt16, alike: Bool) {
      if alike { several = true }
      if let seen, seen != code { several = true }
      seen = code
    }
  }

  /// The completion of `units`, or nil when no well-formed UTF-8 completion exists.
  static func complete(_ units: [DoubleByteUnit], page: DoubleBytePage) -> ReferenceCompletion? {
    if let known = knownBytes(units) { return validate(known.bytes, fromPage: known.fromPage) }
    guard units.count <= longestSpan, runsAreWellFormed(units), lostBytesAreFew(units) else {
      return nil
    }
    let count = units.count
    let carried: [Bool] = units.indices.map { position in
      position + 1 < count && units[position + 1].count != 1
    }
    let rows = carried.contains(true) ? ReferenceCompletion.rows(of: page) : []
    let masks: [(UInt64, UInt64)] = units.indices.map { position in
      guard units[position].isLost else { return (0, 0) }
      var following = endOfSpan
      if position + 1 < count && !carried[position] {
        let code = units[position + 1].code(0)
        following = Int(code < 0x100 ? code : code >> 8)
      }
      return refusable(following: following, page: page)
    }
    // Forward: per position, the states reached with the fewest characters. The lookup
    // (state -> index in `next` + 1) is indexed directly: hashing would cost more than
    // the whole automaton.
    var forward: [[Entry]] = [[Entry(state: 0, characters: 0, previous: -1, code: 0)]]
    forward.reserveCapacity(count + 1)
    var lookup = [Int16](repeating: 0, count: stateCount)
    for position in 0..<count {
      let unit = units[position]
      let entries = forward[position]
      var next: [Entry] = []
      for index in entries.indices {
        let entry = entries[index]
        if unit.isLost {
          var choices = LostChoices(
            state: entry.state, mask: masks[position], carried: carried[position])
          while let (byte, _) = choices.next() {
            relax(
              &next, &lookup, from: entry, index: index, code: byte, lost: true,
              carried: carried[position], page: page, rows: rows)
          }
        } else {
          for choice in 0..<unit.count {
            relax(
              &next, &lookup, from: entry, index: index, code: unit.code(choice), lost: false,
              carried: false, page: page, rows: rows)
          }
        }
      }
      for entry in next { lookup[entry.state] = 0 }
      if next.isEmpty { return nil }
      forward.append(next)
    }
    // Completions end on a character boundary.
    var final: Int?
    for (index, entry) in forward[count].enumerated() where need(of: entry.state) == 0 {
      if final == nil || entry.characters < forward[count][final!].characters { final = index }
    }
    guard let final else { return nil }
    // Backward: the states that still reach a final state, and per unit whether only one
    // choice does.
    var alive = [Bool](repeating: false, count: stateCount)
    var living = [Bool](repeating: false, count: stateCount)
    for entry in forward[count] where need(of: entry.state) == 0 { alive[entry.state] = true }
    var certain = [Bool](repeating: true, count: count)
    for position in stride(from: count - 1, through: 0, by: -1) {
      let unit = units[position]
      var choices = Choices()
      for entry in forward[position] {
        if unit.isLost {
          var lostChoices = LostChoices(
            state: entry.state, mask: masks[position], carried: carried[position])
          while let (byte, several) = lostChoices.next() {
            guard
              let (state, _) = step(
                entry.state, code: byte, lost: true, carried: carried[position], page: page,
                rows: rows),
              alive[state]
            else { continue }
            living[entry.state] = true
            choices.note(byte, alike: several)
          }
        } else {
          for choice in 0..<unit.count {
            let code = unit.code(choice)
            guard
              let (state, _) = step(entry.state, code: code, lost: false, carried: false, page: page),
              alive[state]
            else { continue }
            living[entry.state] = true
            choices.note(code, alike: false)
          }
        }
      }
      certain[position] = !choices.several
      for entry in forward[position + 1] { alive[entry.state] = false }
      swap(&alive, &living)
    }
    // The fewest-character completion, then its characters.
    var codes = [UInt16](repeating: 0, count: count)
    var index = final
    for position in stride(from: count, to: 0, by: -1) {
      let entry = forward[position][index]
      codes[position - 1] = entry.code
      index = entry.previous
    }
    return characters(units, codes: codes, certain: certain)
  }

  /// The characters of the chosen codes: a character whose bytes all come from certain
  /// units is restored, any other is U+FFFD.
  private static func characters(_ units: [DoubleByteUnit], codes: [UInt16], certain: [Bool])
    -> ReferenceCompletion
  {
    var bytes: [UInt8] = []
    var sure: [Bool] = []
    var known: [Bool] = []
    var fromPage: [Bool] = []
    bytes.reserveCapacity(codes.count * 2)
    for position in codes.indices {
      let code = codes[position]
      let isKnown = !units[position].isLost
      let isPage = isKnown && code >= 0x80
      if code >= 0x100 {
        bytes.append(UInt8(code >> 8))
        sure.append(certain[position])
        known.append(isKnown)
        fromPage.append(isPage)
      }
      bytes.append(UInt8(code & 0xFF))
      sure.append(certain[position])
      known.append(isKnown)
      fromPage.append(isPage)
    }
    var text: [UInt32] = []
    var certainMultibyte = 0
    var certainFromPage = 0
    var start = 0
    while start < bytes.count {
      let lead = bytes[start]
      let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
      let range = start..<(start + length)
      if sure[range].allSatisfy({ $0 }) {
        text.append(decode(bytes[range]))
        if length > 1 && known[range].allSatisfy({ $0 }) { certainMultibyte += 1 }
        if fromPage[range].contains(true) { certainFromPage += 1 }
      } else {
        text.append(0xFFFD)
      }
      start += length
    }
    return ReferenceCompletion(
      text: text, certainMultibyte: certainMultibyte, certainFromPage: certainFromPage)
  }

  /// Whether the span has at most `mostLostBytes` lost bytes, at most `mostLostInARow` of
  /// them in a row.
  private static func lostBytesAreFew(_ units: [DoubleByteUnit]) -> Bool {
    var total = 0
    var inARow = 0
    for unit in units {
      guard unit.isLost else {
        inARow = 0
        continue
      }
      total += 1
      inARow += 1
      if total > mostLostBytes || inARow > mostLostInARow { return false }
    }
    return true
  }

  /// Whether every run of known bytes between lost or ambiguous units can be part of
  /// UTF-8 text: the first run must start a character, a later one may open with up to
  /// three continuation bytes, and each may end inside a character. A necessary condition,
  /// checked in one pass before any table of states is built: most clean words, and
  /// restored CJK text around its U+FFFD, fail it at once.
  private static func runsAreWellFormed(_ units: [DoubleByteUnit]) -> Bool {
    var need = 0
    var range = 0
    var leading = 0  // continuation bytes a run may still open with
    func take(_ byte: UInt8) -> Bool {
      if leading > 0 && need == 0 && byte >= 0x80 && byte <= 0xBF {
        leading -= 1
        return true
      }
      leading = 0
      guard let next = feed(need, range, byte) else { return false }
      (need, range) = next
      return true
    }
    for unit in units {
      guard unit.count == 1 else {
        // After an unknown unit, the next run starts in an unknown state.
        need = 0
        range = 0
        leading = 3
        continue
      }
      let code = unit.code(0)
      if code >= 0x100 && !take(UInt8(code >> 8)) { return false }
      if !take(UInt8(code & 0xFF)) { return false }
    }
    return true
  }

  /// The bytes of `units` when none is lost and each has one code (the common case,
  /// which needs no search), with whether each comes from a character of the page.
  private static func knownBytes(_ units: [DoubleByteUnit]) -> (bytes: [UInt8], fromPage: [Bool])? {
    var bytes: [UInt8] = []
    var fromPage: [Bool] = []
    bytes.reserveCapacity(units.count * 2)
    fromPage.reserveCapacity(units.count * 2)
    for unit in units {
      guard unit.count == 1 else { return nil }
      let code = unit.code(0)
      if code >= 0x100 {
        bytes.append(UInt8(code >> 8))
        fromPage.append(true)
      }
      bytes.append(UInt8(code & 0xFF))
      fromPage.append(code >= 0x80)
    }
    return (bytes, fromPage)
  }

  /// The completion of bytes all known: their UTF-8 decoding, or nil when ill-formed.
  private static func validate(_ bytes: [UInt8], fromPage: [Bool]) -> ReferenceCompletion? {
    var text: [UInt32] = []
    text.reserveCapacity(bytes.count)
    var multibyte = 0
    var certainFromPage = 0
    var index = 0
    while index < bytes.count {
      guard var state = feed(0, 0, bytes[index]) else { return nil }
      var end = index + 1
      while state.need > 0 {
        guard end < bytes.count, let next = feed(state.need, state.range, bytes[end]) else {
          return nil
        }
        state = next
        end += 1
      }
      text.append(decode(bytes[index..<end]))
      if end - index > 1 { multibyte += 1 }
      if fromPage[index..<end].contains(true) { certainFromPage += 1 }
      index = end
    }
    return ReferenceCompletion(
      text: text, certainMultibyte: multibyte, certainFromPage: certainFromPage)
  }

  /// The scalar of one well-formed UTF-8 sequence.
  private static func decode(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var value = UInt32(bytes[bytes.startIndex])
    switch bytes.count {
    case 1: return value
    case 2: value &= 0x1F
    case 3: value &= 0x0F
    default: value &= 0x07
    }
    for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
    return value
  }

  /// The original per-page rows: for each byte 0x80...0xFF, the first byte that forms
  /// pairs with exactly the same second bytes.
  static func rows(of page: DoubleBytePage) -> [UInt8] {
    switch page.name {
    case "cp949": return rows949
    case "cp932": return rows932
    default: return rowsGBK
    }
  }

  private static let rows949 = bruteRows(.cp949)
  private static let rows932 = bruteRows(.cp932)
  private static let rowsGBK = bruteRows(.gbk)

  private static func bruteRows(_ page: DoubleBytePage) -> [UInt8] {
    var first: [[UInt64]: UInt8] = [:]
    return (0x80...0xFF).map { value in
      var row = [UInt64](repeating: 0, count: 3)
      for trail in 0x40...0xFF where page.isPair(UInt8(value), UInt8(trail)) {
        row[(trail - 0x40) / 64] |= 1 << UInt64((trail - 0x40) % 64)
      }
      if let known = first[row] { return known }
      first[row] = UInt8(value)
      return UInt8(value)
    }
  }

}

/// The generated tables derived from a page's pairs, in the forms `DoubleBytePage.derive`
/// gives them (the search reads them as `DoubleBytePage.SearchTables`).
extension DoubleBytePage {
  var pairRows: PairRows {
    let generated: ([UInt8], [UInt8], [UInt64], [UInt32], [Int])
    switch id {
    case 0:
      generated = (
        DoubleByteTables.cp949RowIndex, DoubleByteTables.cp949RowLeads,
        DoubleByteTables.cp949PairsAfter, DoubleByteTables.cp949CarriedChoices,
        DoubleByteTables.cp949CarriedStarts
      )
    case 1:
      generated = (
        DoubleByteTables.cp932RowIndex, DoubleByteTables.cp932RowLeads,
        DoubleByteTables.cp932PairsAfter, DoubleByteTables.cp932CarriedChoices,
        DoubleByteTables.cp932CarriedStarts
      )
    default:
      generated = (
        DoubleByteTables.gbkRowIndex, DoubleByteTables.gbkRowLeads,
        DoubleByteTables.gbkPairsAfter, DoubleByteTables.gbkCarriedChoices,
        DoubleByteTables.gbkCarriedStarts
      )
    }
    var rows = PairRows(index: generated.0, leads: generated.1)
    rows.pairsAfter = generated.2
    rows.carriedChoices = generated.3
    rows.carriedStarts = generated.4
    return rows
  }

  var refusals: [(UInt64, UInt64)] {
    let flat =
      id == 0
      ? DoubleByteTables.cp949Refusals
      : id == 1 ? DoubleByteTables.cp932Refusals : DoubleByteTables.gbkRefusals
    return (0..<(flat.count / 2)).map { (flat[2 * $0], flat[2 * $0 + 1]) }
  }

  var leadChoices: [UInt64] {
    id == 0
      ? DoubleByteTables.cp949LeadChoices
      : id == 1 ? DoubleByteTables.cp932LeadChoices : DoubleByteTables.gbkLeadChoices
  }
}

/// `UTF8ReadAsDoubleByte.hasDamageShape` as it was before it found the first character the
/// damage produces in a tight loop and started its scan there (kept verbatim but for its
/// access): the screen must answer as it did.
enum ReferenceDamageShape {
  static func hasDamageShape(_ text: UnsafeBufferPointer<UInt32>) -> Bool {
    var previous: UInt32 = 0x20
    // What the last character before the current run of spaces, digits and ASCII
    // punctuation was: Han (GBK's reading of spaced Cyrillic, Greek, Hebrew or Arabic,
    // "袣芯屑锌邪薪懈褟 褋芯芯斜褖懈谢邪": Chinese and Japanese rarely put an ASCII space
    // between two Han characters), or a letter of another script.
    var hanBeforeSpace = false
    var letterBeforeSpace = false
    // A stretch of CJK words (with spaces, digits and punctuation between them) that began
    // right after a word of another script, and whether its last word has ended: a word of
    // another script after it closes the pattern ("effectifs 횪 Genève", "domanda ﾃｨ
    // forte", "выросла 戟逵 15% 極棘 сравнению").
    var stretch = false
    var stretchWordEnded = false
    // Whether `previous` is one of CP932's single-byte characters (`isCP932Single`).
    var previousIsSingle = false
    var index = 0
    while index < text.count {
      let value = text[index]
      index += 1
      // The common characters first, with what the branches below make of them: an ASCII
      // letter (a mark only after a CJK character, CP932's singles among them, or closing
      // a stretch), and a space, digit or ASCII punctuation (neutral).
      if (value | 0x20) &- 0x61 < 26 {
        if UTF8ReadAsDoubleByte.isDamageCJK(previous) || (stretch && stretchWordEnded) { return true }
        stretch = false
        hanBeforeSpace = false
        letterBeforeSpace = true
        previousIsSingle = false
        // The ASCII letters right after it change nothing more (after an ASCII letter,
        // with no stretch open, the branch above only sets the same state again): skipped
        // in a tight loop, the last kept as `previous`.
        var last = value
        while index < text.count && (text[index] | 0x20) &- 0x61 < 26 {
          last = text[index]
          index += 1
        }
        previous = last
        continue
      }
      if value &- 0x20 <= 0x20 {
        if stretch && value == 0x20 { stretchWordEnded = true }
        previous = value
        previousIsSingle = false
        continue
      }
      let neutral = value == 0x20 || (value >= 0x21 && value <= 0x40)
      var isSingle = false
      if UTF8ReadAsDoubleByte.isDamageCJK(value) {
        // A half-width katakana glued to Han or kana, or to a letter of Latin, Greek,
        // Cyrillic, Armenian, Hebrew or Arabic script: CP932 reads the lead byte of each
        // two-byte UTF-8 character (C2-DF) as one ("ﾑτ", "ﾐｸ"), and no text in those
        // scripts glues such a character to its letters.
        isSingle = UTF8ReadAsDoubleByte.isCP932Single(value)
        if isLatinLetter(previous)
          || (isSingle && (isHanOrKana(previous) || isOtherScriptLetter(previous)))
        {
          return true
        }
        if previous == 0x20 {
          if hanBeforeSpace && isHan(value) { return true }
          if letterBeforeSpace { stretch = true }
        }
        stretchWordEnded = false
      } else if isLatinLetter(value) && UTF8ReadAsDoubleByte.isDamageCJK(previous) {
        return true
      } else if previousIsSingle && (isHanOrKana(value) || isOtherScriptLetter(value)) {
        return true
      } else if neutral {
        if stretch && value == 0x20 { stretchWordEnded = true }
      } else if stretch && stretchWordEnded && isOtherScriptLetter(value) {
        return true
      } else if value >= 0x80 && value <= 0x9F {
        // C1 controls are transparent: CP932 reads byte 0x80 as U+0080 (the second byte
        // of "р", D1 80, or "ր", D6 80), inside the word it breaks.
        continue
      } else {
        stretch = false
      }
      if !neutral {
        hanBeforeSpace = isHan(value)
        letterBeforeSpace = isOtherScriptLetter(value)
        if letterBeforeSpace { stretch = false }
      }
      previous = value
      previousIsSingle = isSingle
      // Han, Hangul and kana right after one of them change nothing but `previous` and
      // `hanBeforeSpace` (after such a character, the branches above only set the state
      // they leave again): the run of clean CJK text skipped in a tight loop.
      if isInCJKRun(value) {
        var last = value
        while index < text.count && isInCJKRun(text[index]) {
          last = text[index]
          index += 1
        }
        previous = last
        hanBeforeSpace = isHan(last)
      }
    }
    return false
  }

  /// Han (from U+3400), Hangul syllables and kana: characters `isDamageCJK` takes that
  /// are neither neutral, letters of other scripts, nor CP932's singles.
  @inline(__always)
  static func isInCJKRun(_ value: UInt32) -> Bool {
    value &- 0x3400 <= 0x9FFF - 0x3400 || value &- 0xAC00 <= 0xD7A3 - 0xAC00
      || value &- 0x3040 <= 0x30FF - 0x3040
  }

  /// Letters of Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic script.
  @inline(__always)
  static func isOtherScriptLetter(_ value: UInt32) -> Bool {
    isLatinLetter(value) || (value >= 0x370 && value <= 0x6FF && value != 0x37E && value != 0x387)
  }

  @inline(__always)
  static func isHan(_ value: UInt32) -> Bool { value >= 0x4E00 && value <= 0x9FFF }

  @inline(__always)
  static func isLatinLetter(_ value: UInt32) -> Bool {
    (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A || value >= 0xC0 && value <= 0x24F
      && value != 0xD7 && value != 0xF7
  }

  @inline(__always)
  static func isHanOrKana(_ value: UInt32) -> Bool {
    (value >= 0x3040 && value <= 0x30FF) || (value >= 0x4E00 && value <= 0x9FFF)
  }

}
