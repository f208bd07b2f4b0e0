#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds and undoes UTF-8 that was decoded through a single-byte code page ("Ã©" for "é"),
/// one span at a time.
///
/// For each code page, every run of characters whose bytes form a well-formed UTF-8 sequence
/// is a *candidate*. A candidate is scored with `TextModel`: the cost of the characters as
/// they stand minus the cost of the decoded character, in context. The line is changed
/// through the code page only if at least one candidate is *strong* (a clear gain that
/// decodes to a letter, emoji or common punctuation); then every candidate of that code page
/// with a positive gain is applied. Where the line also holds non-ASCII characters that no
/// candidate explains (correct text around a broken span), two strong candidates are needed,
/// or one that agrees with the intact text (`agreesWithLine`: its letters fit the alphabet
/// of the line's own accented letters, its quote pairs one the line uses). Pages that read a
/// line about equally well are told apart by `ReadingFit`. Running the pass again undoes
/// double and triple encoding.
struct UTF8Misreading {
  /// A span of text, for the helpers that only look at where readings are.
  protocol Spanning {
    var start: Int { get }
    var end: Int { get }
  }

  /// One UTF-8 sequence found through a code page, in plain values only: sequences are
  /// found for several pages per line and most are never scored, so finding them copies
  /// nothing by reference count. Scoring works on `Candidate`s made from them.
  struct Reading: Spanning {
    var start: Int
    var end: Int
    /// The decoded scalar: U+FFFD when a byte was lost, "à" for an "Ã " reading.
    var scalar: UInt32
    /// A byte of the sequence was lost (U+FFFD or "?" in its place).
    var lost: Bool
    /// A space stood for the byte 0xA0 (NBSP collapsed into a space).
    var guessedSpace: Bool
    /// An "Ã " reading whose space was also the word gap: the text is "à ".
    var keepsSpace = false

    var replacementCount: Int { keepsSpace ? 2 : 1 }
    var replacement: [UInt32] { keepsSpace ? [scalar, 0x20] : [scalar] }

    func sameReplacement(as other: Reading) -> Bool {
      scalar == other.scalar && keepsSpace == other.keepsSpace
    }
  }

  /// One span that decodes as UTF-8 through a code page, in plain values only: its decoded
  /// text lies in the `CandidateSet`'s pool, so copying or destroying a candidate touches no
  /// reference count (candidates are copied whenever they are built, filtered or held
  /// across a look-up).
  struct Candidate: Spanning {
    var start: Int
    var end: Int
    /// The decoded text when it is one scalar (nearly every sequence), kept inline too so
    /// that the common case reads no pool.
    private(set) var single: UInt32
    /// Where the decoded text lies in the set's pool.
    private(set) var replacementStart: Int32
    private(set) var replacementCount: Int32
    /// A byte of the sequence was lost (U+FFFD or "?" in its place): the result is U+FFFD.
    var lost: Bool
    /// A space stood for the byte 0xA0 (NBSP collapsed into a space).
    var guessedSpace: Bool
    /// "â€" with its third byte lost: mojibake by its shape alone.
    var signature = false
    /// "â€" and a third character read as one of windows-1252's punctuation marks, between
    /// ASCII characters: mojibake by its shape alone, evidence for itself only.
    var markSignature = false
    var strong = false
    var gain: Float = 0
    /// The cost of the span as it stands between its neighbours in the text, once `score`
    /// has computed it (-1 before: costs are never negative). `gainCeiling` reads it for
    /// the runs another page reads as this candidate's span, rather than costing them again.
    var spanCost: Float = -1
    /// How many sequences were merged into this span.
    var parts: Int32 = 1
    /// How many extra decodings (double, triple encoding) the span needed: the readings at
    /// smaller depths, shallowest first, are described from the pool offset `firstLayer` on
    /// (`CandidateSet.layer(_:of:in:)`), scored
    /// too so that the best one wins ("‚Äô√©" is "’é", not a second decoding of it).
    var depth: Int32 = 0
    var firstLayer: Int32 = 0

    /// The decoded text is one scalar.
    var isSingle: Bool { replacementCount == 1 }

    /// Points the candidate at another decoded text in the pool, whose first scalar is
    /// `first`.
    mutating func setReplacement(_ range: Range<Int32>, first: UInt32) {
      replacementStart = range.lowerBound
      replacementCount = range.upperBound - range.lowerBound
      single = first
    }

    /// The decoded text, read in place from the set's pool.
    func replacement(in pool: UnsafeBufferPointer<UInt32>) -> UnsafeBufferPointer<UInt32> {
      UnsafeBufferPointer(
        rebasing: pool[Int(replacementStart)..<Int(replacementStart + replacementCount)])
    }

    /// The first decoded scalar.
    var firstReplacement: UInt32 { single }

    func lastReplacement(in pool: UnsafeBufferPointer<UInt32>) -> UInt32 {
      pool[Int(replacementStart + replacementCount - 1)]
    }

    func firstNonASCII(in pool: UnsafeBufferPointer<UInt32>) -> UInt32? {
      if isSingle { return single >= 0x80 ? single : nil }
      return replacement(in: pool).first(where: { $0 >= 0x80 })
    }

    fileprivate init(
      start: Int, end: Int, replacement: Range<Int32>, first: UInt32, lost: Bool,
      guessedSpace: Bool
    ) {
      self.start = start
      self.end = end
      self.single = first
      self.replacementStart = replacement.lowerBound
      self.replacementCount = replacement.upperBound - replacement.lowerBound
      self.lost = lost
      self.guessedSpace = guessedSpace
    }
  }

  /// Candidates of one page and line with the pool that holds their decoded texts.
  struct CandidateSet {
    var candidates: [Candidate] = []
    /// Every decoded text, each candidate's a range of it.
    var pool: [UInt32] = []
    /// The pool range of the `layer`th shallower reading of `candidate` (below its
    /// `depth`): the pool holds each multiply decoded candidate's layer bounds as `depth`
    /// pairs of offsets from `firstLayer` on, so that no separate array is allocated.
    static func layer(_ layer: Int, of candidate: Candidate, in pool: UnsafeBufferPointer<UInt32>)
      -> Range<Int32>
    {
      let offset = Int(candidate.firstLayer) + 2 * layer
      return Int32(bitPattern: pool[offset])..<Int32(bitPattern: pool[offset + 1])
    }

    var isEmpty: Bool { candidates.isEmpty }

    /// Removes every candidate and decoded text, keeping the room (for a set reused).
    mutating func empty() {
      UTF8Misreading.empty(&candidates)
      UTF8Misreading.empty(&pool)
    }

    /// Adds a candidate decoding `start..<end` to `replacement` (not empty).
    mutating func append(
      start: Int, end: Int, replacement: [UInt32], lost: Bool, guessedSpace: Bool
    ) {
      let range = addToPool(replacement)
      candidates.append(
        Candidate(
          start: start, end: end, replacement: range, first: replacement[0], lost: lost,
          guessedSpace: guessedSpace))
    }

    mutating func addToPool(_ values: some Collection<UInt32>) -> Range<Int32> {
      let first = Int32(pool.count)
      pool.append(contentsOf: values)
      return first..<Int32(pool.count)
    }

    /// The decoded text of `candidate`, copied (for tests and descriptions).
    func replacement(of candidate: Candidate) -> [UInt32] {
      Array(pool[Int(candidate.replacementStart)..<Int(candidate.replacementStart + candidate.replacementCount)])
    }
  }

  /// The outcome of one pass: the new text and what was replaced.
  struct Pass {
    var text: [UInt32]
    /// The page the text was read through, unretained (pages live for the process): the
    /// pass copies none of its strings (the bulk repair reads neither).
    let page: Unmanaged<CodePage>
    var codePage: String { page._withUnsafeGuaranteedRef { $0.name } }
    /// The step kind: "utf8-as-" and the page's name.
    var kind: String { page._withUnsafeGuaranteedRef { $0.misreadingKind } }
    /// Replacements in the input's offsets: (start, end, replacement length); empty when the
    /// caller asked for their count only.
    var edits: [TextEdit]
    /// How many replacements there are (whether or not `edits` holds them).
    var editCount: Int
    /// What each edit replaced, when described (empty otherwise).
    var details: [String]
  }

  static let strongGain: Float = 3

  /// Empties `array`, keeping its room for the next line. `removeAll(keepingCapacity:)`
  /// goes through `replaceSubrange`, some 80 instructions whatever the count (even for
  /// none): the few elements a short line leaves are popped instead, a uniqueness check
  /// each.
  @inline(__always)
  static func empty<Element>(_ array: inout [Element]) {
    if array.count <= 4 {
      while !array.isEmpty { array.removeLast() }
    } else {
      array.removeAll(keepingCapacity: true)
    }
  }

  /// Runs one pass over `text`: the code page with the best total gain wins.
  static func pass(_ text: [UInt32], describe: Bool = true) -> Pass? {
    pass(text, masks: pageMasks(text), describe: describe)
  }

  /// `pass(_:describe:)` given `pageMasks(text)`. Without `keepingEdits`, the pass counts
  /// its replacements and does not list them (bulk repair keeps no steps: the list cost an
  /// array per repaired line).
  static func pass(
    _ text: [UInt32], masks: PageMasks, describe: Bool, keepingEdits: Bool = true
  ) -> Pass? {
    if masks.any == 0 { return nil }
    return pass(
      text, pages: masks.any, startsRecorded: masks.startsRecorded, describe: describe,
      keepingEdits: keepingEdits)
  }

  /// Bits per entry of `CodePages.utf8Misreadings`: the pages that could explain part of a
  /// text, and among them those whose sequences could be accepted.
  struct PageMasks {
    /// A page can only matter where one of its lead characters is followed by one of its
    /// continuation characters: most clean lines have no such pair, and 0 means the pass
    /// cannot change anything.
    var any: UInt16 = 0
    /// Leaves out pages seen only in readings where a space stands for a collapsed NBSP
    /// byte after a lead other than "Ã" or "Â" ("— " through MacRoman is D1 A0): such a
    /// reading on its own is never strong (see `score`), so the page is accepted only
    /// with three or more of them or when two touch; neither holds here.
    var acceptable: UInt16 = 0
    /// Names the sequence starts `pageMasks` wrote to its thread's `PassBuffers` while it
    /// scanned the text (0: none): the pass given these masks reads them there instead of
    /// scanning the same text again.
    var startsRecorded: UInt64 = 0
  }

  /// The scan also writes the text's sequence starts for every page (`writeSequenceStarts`
  /// without its page filter) and their agreement with windows-1252 to the thread's
  /// `PassBuffers`, named by the masks' `startsRecorded`: the pass that follows on the same
  /// text (the repairer asks for the masks just before it) reads them there, and the text is
  /// scanned once, not twice. (Lines too long for the buffers to be kept record nothing.)
  static func pageMasks(_ text: [UInt32]) -> PageMasks {
    PassBuffers.withCurrent { pageMasks(text, buffers: $0) }
  }

  /// `pageMasks(_:)` recording into the calling thread's `buffers`.
  private static func pageMasks(_ text: [UInt32], buffers: PassBuffers) -> PageMasks {
    // The tables are read through buffers kept for the process (`CodePages.scanTables`, one
    // lazy-global check per line): no bounds check per character on this path, which every
    // non-ASCII line takes.
    let tables = CodePages.scanTables
    // Every table through one base (`ScanTables.entries`).
    let entries = tables.entries
    // (Starts are recorded by an `Int32` index: the loop converts without a check.)
    precondition(text.count <= Int(Int32.max), "pageMasks: a line of \(text.count) characters")
    let keeps = text.count <= PassBuffers.longestKept
    let room =
      keeps
      ? buffers.roomToRecordStarts(length: text.count)
      : .allocate(capacity: max(1, text.count))
    defer { if !keeps { room.deallocate() } }
    var startCount = 0
    // The pages that disagree with windows-1252 on some character, in bits 32...47.
    var disagrees: UInt64 = 0
    // (A line of fewer than two characters holds no sequence.)
    let holdsNoPair = text.count < 2
    var masks = holdsNoPair ? PageMasks(any: 0, acceptable: 0) : text.withUnsafeBufferPointer {
      text in
      // CJK and Hangul lie between the flat tables and the pages' first other character,
      // U+FFFD, fullwidth forms and emoji above their last: no page look-up for them (nor a
      // lazy-global check per character).
      func continuationBits(_ value: UInt32) -> UInt16 {
        if _fastPath(value < CodePage.flatLimit) {
          return UInt16(truncatingIfNeeded: entries[Int(value)] >> 16)
        }
        if value == 0xFFFD { return 0xFFFF }
        return tables.mayBeExtra(value) ? CodePages.continuationBits(value) : 0
      }
      var bits: UInt16 = 0
      var spaceBits: UInt16 = 0
      var spaceReadings = 0
      var lastSpaceReading = -8
      var spaceReadingsTouch = false
      let last = text.count - 1
      // The loop counts up to zero from the line's start less its last character (a step
      // and the end test in one instruction): `at[offset]` is `text[last + offset]`.
      let at = text.baseAddress.unsafelyUnwrapped + last
      var offset = -last
      // One branch per character on ASCII text (which skips it), and one more per
      // non-ASCII character that is rarely taken: on mojibake, where ASCII and non-ASCII
      // characters alternate, every data-dependent branch is mispredicted often, which
      // costs more than the few look-ups done without one. So a non-ASCII character's
      // lead bits are combined with the next character's continuation bits whether or not
      // it is a lead (a space continues no page, and the pages found already are found
      // again), and a space after a lead is detected without a branch of its own.
      // Each non-ASCII character also writes its sequence start's slot, the count moving on
      // only when it starts a sequence of some page (`writeSequenceStarts`).
      while offset != 0 {
        let value = at[offset]
        if value >= 0x80 {
          let lead: UInt16
          if _fastPath(value < CodePage.flatLimit) {
            let entry = entries[Int(value)]
            lead = UInt16(truncatingIfNeeded: entry)
            disagrees |= entry
          } else if tables.mayBeExtra(value) {
            lead = CodePages.leadBits(value)
            disagrees |= UInt64(~CodePages.agreementBits(value)) << 32
          } else {
            // CJK, Hangul, emoji: no page produces it (so every page agrees) and it leads
            // no sequence, so nothing below counts it (a branch that CJK text, where these
            // come in runs, predicts well).
            offset &+= 1
            continue
          }
          let next = at[offset &+ 1]
          let continuation = continuationBits(next)
          bits |= lead & continuation
          // All ones when `next` is a space (its value XOR 0x20, less one, is negative
          // only then), else zero.
          let spaceMask = UInt16(truncatingIfNeeded: (Int(next ^ 0x20) &- 1) >> 63)
          let continues = lead & (continuation | spaceMask)
          // (Recorded by offset, moved to the index after the loop: one register less.)
          room[startCount] = SequenceStart(
            index: Int32(truncatingIfNeeded: offset), pages: continues)
          startCount &+= continues != 0 ? 1 : 0
          if _slowPath(lead & spaceMask != 0) {
            // A space may be a collapsed NBSP byte: after a two-byte lead, or inside a
            // longer sequence that goes on.
            var found: UInt16 = 0
            if value < CodePage.flatLimit {
              found |= lead & UInt16(truncatingIfNeeded: entries[Int(value)] >> 48)
            }
            if offset &+ 2 <= 0 { found |= lead & continuationBits(at[offset &+ 2]) }
            if value == 0xC2 || value == 0xC3 {
              bits |= found
            } else if found != 0 {
              spaceBits |= found
              spaceReadings += 1
              let index = last &+ offset
              if index - lastSpaceReading <= 4 { spaceReadingsTouch = true }
              lastSpaceReading = index
            }
          }
        }
        offset &+= 1
      }
      let shift = Int32(truncatingIfNeeded: last)
      for slot in 0..<startCount { room[slot].index &+= shift }
      var masks = PageMasks(any: bits | spaceBits, acceptable: bits)
      if spaceReadings >= 3 || spaceReadingsTouch { masks.acceptable |= spaceBits }
      return masks
    }
    if keeps {
      var agrees = ~UInt16(truncatingIfNeeded: disagrees >> 32)
      if let value = text.last, value >= 0x80 {
        // (The entry's disagreement bits, already at hand, rather than a call and a
        // lazy-global check for the table `agreementBits` reads.)
        agrees &=
          value < CodePage.flatLimit
          ? ~UInt16(truncatingIfNeeded: entries[Int(value)] >> 32)
          : CodePages.agreementBits(value)
      }
      masks.startsRecorded = buffers.recordStarts(
        count: startCount, length: text.count, agreement: agrees)
    }
    return masks
  }


  /// Whether `pass` could change `text`: some code page would accept at least one of the
  /// UTF-8 sequences it finds. False proves the pass a no-op, so that clean lines holding
  /// sequences by chance ("— " through MacRoman is D1 A0, "’é" is D5 8E) stop here instead
  /// of going through every stage of a repair round.
  static func mayChange(_ text: [UInt32]) -> Bool {
    mayChange(text, masks: pageMasks(text))
  }

  /// `mayChange(_:)` given `pageMasks(text)`. False proves that `pass` given the same
  /// masks returns nil (the repairer then skips it).
  static func mayChange(_ text: [UInt32], masks: PageMasks) -> Bool {
    let bits = masks.acceptable
    if bits == 0 { return false }
    // The pages read the starts `pageMasks` recorded for this text, when it did, rather than
    // each scanning the whole line.
    return PassBuffers.withCurrent { buffers in
      buffers.withRecordedStarts(masks.startsRecorded, length: text.count) {
        mayChange(text, acceptable: bits, buffers: buffers, starts: $0)
      }
    }
  }

  /// `mayChange(_:masks:)` for the pages of `bits` (not 0), given the text's sequence starts
  /// for every page when they are known.
  private static func mayChange(
    _ text: [UInt32], acceptable bits: UInt16, buffers: PassBuffers,
    starts: UnsafeBufferPointer<SequenceStart>?
  ) -> Bool {
    // Only the pages of `bits` are visited, as plain tables (`CodePage.tables`: no
    // reference to a shared page taken and released).
    let pages = CodePages.scanTables.pages
    // The text through its buffer, `TextModel`'s table taken once for every page, and the
    // readings gathered in the thread's reading buffer (`PassBuffers`: no allocation per
    // page).
    var found = buffers.takeReadings()
    defer { buffers.keep(readings: &found, lineLength: text.count) }
    return text.withUnsafeBufferPointer { text in
      TextModel.withInfo { lookup in
        var remaining = bits
        while remaining != 0 {
          let bit = remaining.trailingZeroBitCount
          remaining &= remaining - 1
          empty(&found)
          if mayAccept(in: text, page: pages[bit], starts: starts, lookup: lookup, found: &found) {
            return true
          }
        }
        return false
      }
    }
  }

  /// Whether `acceptedCandidates(in:page:)` may return a candidate (false proves it
  /// returns none). Clean lines hold one or two lone readings that `score` can never mark
  /// strong, and a page without a strong candidate needs three: those are answered without
  /// scoring. Signs of real damage (lost bytes, touching sequences, two readings that may
  /// be strong) answer true at once, leaving the scoring to the pass; the cases between are
  /// scored exactly as the pass scores them.
  /// (`candidates`: an empty buffer for the readings found; `starts`: the text's sequence
  /// starts for a set of pages holding `page`, when known, visited instead of a scan of
  /// the whole text.)
  private static func mayAccept(
    in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables,
    starts: UnsafeBufferPointer<SequenceStart>?, lookup: TextModel.InfoLookup,
    found candidates: inout [Reading]
  ) -> Bool {
    // Readings are judged as they are found: a damaged line usually answers at its first
    // one, without the rest of the line being scanned.
    var mayBeStrongCount = 0
    var spaceReadingsTouch = false
    var damageShaped = false
    func judgeReading(_ candidate: Reading) -> Bool {
      if candidate.lost || candidate.replacementCount != 1 {
        damageShaped = true
        return false
      }
      if let previous = candidates.last, previous.end == candidate.start {
        // Short words read with a collapsed NBSP ("в ", "нёт " through KOI8-R) touch in
        // clean Cyrillic, Greek or Arabic text; touching pairs without a space reading are
        // damage-shaped.
        guard candidate.guessedSpace || previous.guessedSpace else {
          damageShaped = true
          return false
        }
        spaceReadingsTouch = true
      }
      let bound = gainBound(candidate, in: text, lookup: lookup)
      // A reading that may gain clearly more than strong needs is damage-shaped, and so are
      // two that may be strong: the pass decides.
      if bound >= strongGain + 1 {
        damageShaped = true
        return false
      }
      if bound >= strongGain {
        mayBeStrongCount += 1
        if mayBeStrongCount >= 2 {
          damageShaped = true
          return false
        }
      }
      if candidates.isEmpty { candidates.reserveCapacity(32) }
      candidates.append(candidate)
      return true
    }
    if let starts {
      forEachReading(in: text, page: page, starts: starts, judgeReading)
    } else {
      forEachCandidate(in: text, page: page, judgeReading)
    }
    if damageShaped { return true }
    if candidates.isEmpty { return false }
    if mayBeStrongCount == 0
      && (!spaceReadingsTouch || !touchingReadingsMayBeStrong(candidates, in: text))
    {
      // No strong candidate: the page is taken only as a whole-line round trip of three
      // or more readings that leave no character of the page unexplained (Russian text
      // with single-letter words never does through KOI8-R).
      if candidates.count < 3 || hasUnexplained(text, candidates, page: page, counting: { _ in true }) {
        return false
      }
    }
    var spare = CandidateSet()
    return candidates.withUnsafeBufferPointer { found in
      !acceptedCandidates(in: text, page: page, found: found, spare: &spare).isEmpty
    }
  }

  /// Whether a cluster of touching readings, one of them with a guessed space, could be
  /// strong. `score` gives such a cluster at most the cost of its span as it stands, minus
  /// one for the guessed space (no reading costs less than nothing), and strong needs a gain
  /// of `strongGain`: spans of plain letters and spaces ("в у " in Russian) fall short
  /// without being decoded.
  private static func touchingReadingsMayBeStrong(
    _ candidates: [Reading], in text: UnsafeBufferPointer<UInt32>
  ) -> Bool {
    var index = 0
    while index < candidates.count {
      var last = index
      while last + 1 < candidates.count && candidates[last + 1].start == candidates[last].end {
        last += 1
      }
      if last > index {
        let start = candidates[index].start
        let end = candidates[last].end
        let cost = TextModel.cost(
          of: text[start..<end], before: start > 0 ? text[start - 1] : nil,
          after: end < text.count ? text[end] : nil)
        if cost - 1 >= strongGain { return true }
      }
      index = last + 1
    }
    return false
  }

  /// The most `score` can give this lone, one-character candidate where it may mark it
  /// strong, -infinity where it cannot: a space read as a collapsed NBSP counts only after
  /// "Ã" or "Â" (no bound then); other readings need a C1 control in the span or a welcome
  /// character as the result, and gain at most the span's cost as it stands minus the
  /// decoded character's own cost (pairs and penalties only add to a reading's cost).
  /// Greek capitals or Thai letters that happen to form a sequence ("ΕΊ", "ัท") cost too
  /// little to be mojibake.
  private static func gainBound(
    _ candidate: Reading, in text: UnsafeBufferPointer<UInt32>, lookup: TextModel.InfoLookup
  ) -> Float {
    let first = text[candidate.start]
    if candidate.guessedSpace { return first == 0xC2 || first == 0xC3 ? .infinity : -.infinity }
    // (A span of the text's buffer, and `TextModel`'s table passed in: nothing retained.)
    let span = UnsafeBufferPointer(rebasing: text[candidate.start..<candidate.end])
    let hasControl = span.contains { $0 >= 0x80 && $0 <= 0x9F }
    let info = lookup(candidate.scalar)
    guard
      hasControl || isWelcome(candidate.scalar, info) || mayBeMarkSignature(candidate, in: text)
    else { return -.infinity }
    let original = TextModel.cost(
      inPlace: span, before: candidate.start > 0 ? text[candidate.start - 1] : nil,
      after: candidate.end < text.count ? text[candidate.end] : nil, skipping: .none)
    return original - info.cost
  }

  /// The common general punctuation marks of windows-1252 (– — ‘ ’ “ ” „ • …): the marks
  /// running text writes, and the ones a "â€" reading stands for. Rarer ones ("â€–" as "‖",
  /// "â€ą" as "‹") come from readings through other pages.
  private static func isWindows1252Mark(_ value: UInt32) -> Bool {
    switch value {
    case 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0x2022, 0x2026:
      return true
    default: return false
    }
  }

  /// Whether `score` may mark the reading a `Candidate.markSignature`: "â€" and a third
  /// character read as one of `isWindows1252Mark`, between ASCII neighbours.
  private static func mayBeMarkSignature(
    _ reading: Reading, in text: UnsafeBufferPointer<UInt32>
  ) -> Bool {
    reading.end - reading.start == 3 && text[reading.start] == 0xE2
      && text[reading.start + 1] == 0x20AC && isWindows1252Mark(reading.scalar)
      && (reading.start == 0 || text[reading.start - 1] < 0x80)
      && (reading.end == text.count || text[reading.end] < 0x80)
  }

  /// The pages whose readings of a line are in the pass's buffer, in page order: each
  /// one's index in `CodePages.utf8Misreadings`, the range of its readings in the buffer and
  /// how many characters they cover. One lane per page and field in `lanes` (there are at
  /// most 16 pages), memory the caller provides (the pass's stack): kept in SIMD vectors, the
  /// list was copied to the stack and back at every look-up by a variable position, a third
  /// of the pass's own instructions on a short line.
  struct FoundPages {
    /// How many `Int32`s `lanes` holds: the pages (0..<16), where their readings start
    /// (16..<32) and end (32..<48), and the characters they cover (48..<64).
    static let laneCount = 64

    let lanes: UnsafeMutablePointer<Int32>
    private(set) var count = 0

    /// An empty list over `lanes` (`laneCount` of them, written before they are read).
    init(lanes: UnsafeMutablePointer<Int32>) { self.lanes = lanes }

    func page(_ position: Int) -> Int { Int(lanes[position]) }
    func range(_ position: Int) -> Range<Int> {
      Int(lanes[16 &+ position])..<Int(lanes[32 &+ position])
    }
    func covered(_ position: Int) -> Int { Int(lanes[48 &+ position]) }

    mutating func append(page: Int, range: Range<Int>, covered: Int) {
      precondition(count < 16, "FoundPages: more than 16 pages")
      lanes[count] = Int32(truncatingIfNeeded: page)
      lanes[16 &+ count] = Int32(truncatingIfNeeded: range.lowerBound)
      lanes[32 &+ count] = Int32(truncatingIfNeeded: range.upperBound)
      lanes[48 &+ count] = Int32(truncatingIfNeeded: covered)
      count &+= 1
    }
  }

  private static func pass(
    _ text: [UInt32], pages bits: UInt16, startsRecorded: UInt64, describe: Bool,
    keepingEdits: Bool
  ) -> Pass? {
    // Find sequences for every possible page first (cheap); score only the pages that
    // explain at least half as much text as the best one.
    // The line is scanned once for the places where some page may start a sequence; the
    // pages then visit only those.
    // The starts and readings go into the rooms of the thread's earlier lines
    // (`PassBuffers`): no allocation per line.
    // `pageMasks` wrote them there as it scanned this text (`startsRecorded`), for every
    // page: the pages' walks below read only their own bits of each.
    // (Counted, not lent through `withCurrent` as in `pageMasks`: inside the closure the
    // pass's body compiled worse, +0.1 M instructions on the synthetic cases.)
    let buffers = PassBuffers.current
    var agreement: UInt16 = 0
    var startCount = 0
    let startRoom: UnsafeMutableBufferPointer<SequenceStart>
    if let recorded = buffers.takeRecordedStarts(startsRecorded, length: text.count) {
      startRoom = recorded.room
      startCount = recorded.count
      agreement = recorded.agreement
    } else {
      startRoom = buffers.takeStartRoom(length: text.count)
      startCount = text.withUnsafeBufferPointer { text in
        writeSequenceStarts(in: text, pages: bits, agreement: &agreement, into: startRoom)
      }
    }
    let starts = UnsafeBufferPointer(rebasing: startRoom[0..<startCount])
    // Every page's readings go into one room, each page's a region of it with a slot per
    // start (a page finds at most one reading per start).
    let readingRoom = buffers.takeReadingRoom(count: bits.nonzeroBitCount * startCount)
    // Candidate sets are built in the room of a spare one: a page not taken leaves its set
    // there, and so does the chosen page once applied.
    var spare = buffers.takeSpareSet()
    defer {
      buffers.keep(
        startRoom: startRoom, readingRoom: readingRoom, spare: &spare, lineLength: text.count)
    }
    if starts.isEmpty { return nil }
    // Pages are visited as plain tables (`CodePage.tables`), and the text, starts and
    // readings read through buffers: the pass copies no reference to an object the other
    // worker thread shares (a page, the page list), whose reference count would move its
    // cache line between the cores, nor retains its own arrays for slices.
    let scan = CodePages.scanTables
    var mostCovered = 0
    var best = CandidateSet()
    let page = text.withUnsafeBufferPointer { characters in
      // (The list of pages found lives in the pass's stack: `FoundPages`.)
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: FoundPages.laneCount) { lanes in
        var found = FoundPages(lanes: lanes.baseAddress.unsafelyUnwrapped)
        var used = 0  // slots of the room taken by windows-1252's readings
        var others = bits
        if bits & 1 != 0 {
          // windows-1252 is read first, on its own: pages that encode every non-ASCII
          // character of the line as it does find its sequences, unless one of those is a
          // dropped third byte (only windows-1252 reads "â€" before ASCII as one); they are
          // never scored (the pages that agree on every sequence give one verdict, below), so
          // they are not looked for.
          var covered = 0
          var droppedThirdByte = false
          forEachReading(in: characters, page: scan.pages[0], starts: starts) { reading in
            readingRoom[used] = reading
            used &+= 1  // (bounded by the line's length: no overflow checks)
            covered &+= reading.end &- reading.start
            if isDroppedThirdByte(reading, in: characters) { droppedThirdByte = true }
            return true
          }
          others &= ~1
          if !droppedThirdByte { others &= ~agreement }
          if used > 0 {
            found.append(page: 0, range: 0..<used, covered: covered)
            mostCovered = covered
          }
        }
        if others != 0 && mostCovered > 0 {
          // A page that cannot cover half as much as windows-1252 does is never scored
          // (`choosePage`), nor can it cover the most: it is not read.
          others &= ~pagesCoveringLess(
            than: mostCovered, pages: others, starts: starts, in: characters)
        }
        if others != 0 {
          readOtherPages(
            others, starts: starts, in: characters, into: readingRoom, from: used, found: &found,
            mostCovered: &mostCovered)
        }
        if found.count == 0 { return -1 }
        return choosePage(
          among: found, readings: UnsafeBufferPointer(readingRoom), mostCovered: mostCovered,
          in: characters, buffers: buffers, best: &best, spare: &spare)
      }
    }
    guard page >= 0 else { return nil }
    let result = apply(
      best, to: text, page: scan.objects[page], describe: describe, keepingEdits: keepingEdits)
    swap(&spare, &best)  // (the chosen set's room kept for the next line)
    return result
  }

  /// Scores the pages of `found` whose readings cover at least half as much as the best
  /// one's (`mostCovered`) and leaves the winner's accepted candidates in `best`: returns
  /// its index in `CodePages.utf8Misreadings`, or -1 when no page is taken. Sets are built
  /// in the room of `spare`, and every set that loses goes back there.
  private static func choosePage(
    among found: FoundPages, readings: UnsafeBufferPointer<Reading>, mostCovered: Int,
    in text: UnsafeBufferPointer<UInt32>, buffers: PassBuffers, best: inout CandidateSet,
    spare: inout CandidateSet
  ) -> Int {
    let pages = CodePages.scanTables.pages
    var bestPage = -1
    var bestGain: Float = 0
    // How well the best page's letters fit the line (`ReadingFit`), computed only when
    // another page comes close to it.
    var bestFit: ReadingFit?
    var scored: UInt32 = 0  // bits of the entries of `found` already scored
    for position in 0..<found.count where found.covered(position) * 2 >= mostCovered {
      // Pages that agree on every sequence (windows-1252 and -1254 on most text) give the
      // same verdict: score the first one only.
      let sequences = UnsafeBufferPointer(rebasing: readings[found.range(position)])
      let seen = (0..<position).contains { earlier in
        scored & (1 << UInt32(earlier)) != 0
          && sameSequences(UnsafeBufferPointer(rebasing: readings[found.range(earlier)]), sequences)
      }
      if seen { continue }
      let pageIndex = found.page(position)
      let page = pages[pageIndex]
      // A page whose gain cannot exceed the best one so far cannot win, nor can one that
      // cannot come within `fitMargin` of it or whose reading could not fit the line
      // better: not scored.
      if bestPage >= 0 {
        let ceiling = best.candidates.withUnsafeBufferPointer {
          gainCeiling(of: sequences, in: text, page: page, scored: $0)
        }
        if ceiling < bestGain - fitMargin { continue }
        if ceiling <= bestGain {
          if bestFit == nil { bestFit = buffers.readingFit(text, best) }
          if bestFit!.isBest { continue }
        }
      }
      scored |= 1 << UInt32(position)
      var accepted = acceptedCandidates(in: text, page: page, found: sequences, spare: &spare)
      guard !accepted.isEmpty else { continue }
      let gain = totalGain(accepted.candidates)
      guard bestPage >= 0 else {
        swap(&best, &accepted)
        bestGain = gain
        bestPage = pageIndex
        continue
      }
      // From here `accepted` holds the set that lost (this page's, or the best one's
      // before), whose room goes back to `spare`.
      defer { swap(&spare, &accepted) }
      if abs(gain - bestGain) <= fitMargin {
        // Pages that agree on most bytes (ISO-8859-2 and windows-1250) read a line about
        // equally well by the model; the one whose letters fit the line's language and
        // its words' shapes is the one the text was written in.
        if bestFit == nil { bestFit = buffers.readingFit(text, best) }
        let fit = buffers.readingFit(text, accepted)
        if let better = fit.isBetter(than: bestFit!) {
          if better {
            swap(&best, &accepted)
            bestGain = gain
            bestPage = pageIndex
            bestFit = fit
          }
          continue
        }
      }
      if gain > bestGain {
        swap(&best, &accepted)
        bestGain = gain
        bestPage = pageIndex
        bestFit = nil
      }
    }
    return bestPage
  }

  /// The readings of the pages of `pages` (bits), in one walk over the starts rather than
  /// one per page: each start is tried for its own pages only (no test per page and start,
  /// which was mispredicted often, neighbouring starts' pages varying along mojibake), each
  /// page's readings written to its region of `room` (a slot per start, from `first` on, in
  /// page order). Appends the pages that found readings to `found`, in page order, and
  /// raises `mostCovered` to the most characters a page's readings cover.
  static func readOtherPages(
    _ pages: UInt16, starts: UnsafeBufferPointer<SequenceStart>,
    in text: UnsafeBufferPointer<UInt32>, into room: UnsafeMutableBufferPointer<Reading>,
    from first: Int, found: inout FoundPages, mostCovered: inout Int
  ) {
    let tables = CodePages.scanTables.pages
    let regionSize = starts.count
    // Per page, by its bit: readings found (lanes 0..<16), where the last one ends
    // (16..<32), characters covered (32..<48), and where its region starts (48..<64, the
    // regions in page order: set once here rather than counted per start, which without a
    // population-count instruction in the baseline x86-64 took a dozen instructions).
    // Only the lanes of `pages` are set (and read): no clearing of the whole state.
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * 16) { state in
      var remaining = pages
      var region = first
      while remaining != 0 {
        let bit = remaining.trailingZeroBitCount
        remaining &= remaining - 1
        state[bit] = 0
        state[16 + bit] = 0
        state[32 + bit] = 0
        state[48 + bit] = region
        region += regionSize
      }
      for start in starts {
        var remaining = start.pages & pages
        while remaining != 0 {
          let bit = remaining.trailingZeroBitCount
          remaining &= remaining - 1
          let position = Int(start.index)
          if position < state[16 + bit] { continue }
          // A start's character is a lead of the page (`leadMask`): a non-ASCII character
          // the page produces, so `upperByte` finds its byte.
          let page = tables[bit]
          let lead = page.upperByte(for: text[position])
          if lead != 0, let reading = sequence(at: position, lead: lead, in: text, page: page) {
            // (Counts bounded by the line's length: no overflow checks.)
            room[state[48 + bit] &+ state[bit]] = reading
            state[bit] &+= 1
            state[16 + bit] = reading.end
            state[32 + bit] &+= reading.end &- reading.start
          }
        }
      }
      remaining = pages
      while remaining != 0 {
        let bit = remaining.trailingZeroBitCount
        remaining &= remaining - 1
        if state[bit] > 0 {
          let region = state[48 + bit]
          found.append(page: bit, range: region..<(region + state[bit]), covered: state[32 + bit])
          mostCovered = max(mostCovered, state[32 + bit])
        }
      }
    }
  }

  /// The pages of `pages` whose readings (`readOtherPages`) cover fewer than half of
  /// `covered` characters, by a bound on what each may cover: a reading starts at one of the
  /// page's starts and is two characters long after a two-byte lead (`ScanTables.entries`,
  /// bits 48...63), four after a four-byte lead (`ScanTables.fourByteLead`), at most three
  /// after a three-byte one: a surrogate pair written as two three-byte sequences is six
  /// characters, but its second half (0xED, then a continuation) is a start of the page too,
  /// so its two starts bound it by six. (Many pages find a start or two in a line of windows-1252 mojibake that
  /// windows-1252 covers at length: a third to two fifths of the pass's per-page walk on
  /// syn-all and w1252x6.)
  static func pagesCoveringLess(
    than covered: Int, pages: UInt16, starts: UnsafeBufferPointer<SequenceStart>,
    in text: UnsafeBufferPointer<UInt32>
  ) -> UInt16 {
    let tables = CodePages.scanTables
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { bound in
      // Only the lanes of `pages` are set (and read).
      var unset = pages
      while unset != 0 {
        bound[unset.trailingZeroBitCount] = 0
        unset &= unset - 1
      }
      for start in starts {
        var remaining = start.pages & pages
        if remaining == 0 { continue }
        let value = text[Int(start.index)]
        // (Above the flat tables no bits: a four-byte lead for every page, the loosest.)
        var twoByte: UInt16 = 0
        var fourByte: UInt16 = 0xFFFF
        if value < CodePage.flatLimit {
          twoByte = UInt16(truncatingIfNeeded: tables.entries[Int(value)] >> 48)
          fourByte = tables.fourByteLead[Int(value)]
        }
        while remaining != 0 {
          let bit = remaining.trailingZeroBitCount
          remaining &= remaining - 1
          let mask = UInt16(1) << UInt16(bit)
          bound[bit] &+= twoByte & mask != 0 ? 2 : fourByte & mask != 0 ? 4 : 3
        }
      }
      var less: UInt16 = 0
      var remaining = pages
      while remaining != 0 {
        let bit = remaining.trailingZeroBitCount
        remaining &= remaining - 1
        if 2 * bound[bit] < covered { less |= 1 << UInt16(bit) }
      }
      return less
    }
  }

  /// Whether `reading` is one `droppedThirdByte` found: "â€" with its third byte lost (no
  /// other reading of a three-byte lead is two characters long).
  @inline(__always)
  private static func isDroppedThirdByte(
    _ reading: Reading, in text: UnsafeBufferPointer<UInt32>
  ) -> Bool {
    reading.lost && reading.end - reading.start == 2 && text[reading.start] == 0xE2
  }

  /// How close two pages' gains must be for `ReadingFit` to choose between them.
  static let fitMargin: Float = 1

  /// How well a page's reading of a line fits it beyond the model's costs, which see only
  /// single characters and pairs: whether the line's accented Latin letters, case folded,
  /// all belong to one alphabet (`LegacyCodePages.latinAlphabets`, or Vietnamese: "Ă¸kt …
  /// ĂĽrene" is Norwegian "økt … årene", not "økt … ürene"), and how many decoded letters
  /// have a shape no orthography writes: a Latin capital between a capital and a small
  /// letter ("FÜretaget", windows-1250's reading of the bytes ISO-8859-2 reads as
  /// "Företaget"), or "ß" opening a word ("ßber" for "über"). Used only to choose between
  /// pages whose gains are within `fitMargin`: the shapes are not penalised in `score`,
  /// where the middle layer of multiply encoded text has them legitimately.
  struct ReadingFit {
    /// nil when the line has no accented Latin letter (a reading in another script).
    var fitsOneAlphabet: Bool?
    var oddShapes = 0
    /// Every decoded character is a Latin letter: the reading is final text, not the middle
    /// layer of multiply encoded text ("â€ž" on its way to "„"), whose letters fit nothing
    /// and tell nothing. Readings are compared only when both are.
    var decodesToLatinLetters = true

    /// The fit of the reading of `text` that `candidates` (decoded texts in `pool`) make.
    /// (`letters`: a buffer for the line's accented letters, kept by the caller from one line
    /// to the next, emptied here; the candidates' texts are read in place from the pool: no
    /// array allocated or retained per call or candidate.)
    init(
      _ text: UnsafeBufferPointer<UInt32>, candidates: UnsafeBufferPointer<Candidate>,
      pool: UnsafeBufferPointer<UInt32>, letters: inout [UInt32]
    ) {
      UTF8Misreading.empty(&letters)
      var previous: UInt32?
      var oddShapes = 0
      var decodesToLatinLetters = true
      // (No closure around the walk: `add`, captured by one, would box the tallies and
      // check every access to them at run time.)
      func add(_ value: UInt32, next: UInt32?, decoded: Bool) {
        defer { previous = value }
        guard value >= 0x80 else { return }
        let info = TextModel.info(value)
        guard info.kind == .letter && info.script == .latin && value >= 0xC0 else {
          if decoded { decodesToLatinLetters = false }
          return
        }
        letters.append(LegacyCodePages.lowercase(value))
        guard decoded else { return }
        if value == 0xDF {
          if previous.map({ TextModel.info($0).kind != .letter }) ?? true { oddShapes += 1 }
        } else if info.isUpper, let previous, TextModel.info(previous).isUpper,
          let next, TextModel.info(next).isLower
        {
          oddShapes += 1
        }
      }
      var next = 0
      var index = 0
      while index < text.count {
        if next < candidates.count && index == candidates[next].start {
          let replacement = candidates[next].replacement(in: pool)
          let end = candidates[next].end
          for offset in replacement.indices {
            let following =
              offset + 1 < replacement.count
              ? replacement[offset + 1] : end < text.count ? text[end] : nil
            add(replacement[offset], next: following, decoded: true)
          }
          index = end
          next += 1
          continue
        }
        add(text[index], next: index + 1 < text.count ? text[index + 1] : nil, decoded: false)
        index += 1
      }
      self.oddShapes = oddShapes
      self.decodesToLatinLetters = decodesToLatinLetters
      if letters.isEmpty {
        fitsOneAlphabet = nil
      } else if letters.allSatisfy(UTF8Misreading.isVietnameseLetter) {
        fitsOneAlphabet = true
      } else {
        fitsOneAlphabet = LegacyCodePages.alphabetsHolding(letters) != 0
      }
    }

    /// No reading can fit better: its letters fit one alphabet (or it has none) and it
    /// has no odd shape.
    var isBest: Bool { !decodesToLatinLetters || (fitsOneAlphabet != false && oddShapes == 0) }

    /// Whether this reading fits better than `other` (nil when neither does, or when they
    /// cannot be compared).
    func isBetter(than other: ReadingFit) -> Bool? {
      guard decodesToLatinLetters && other.decodesToLatinLetters else { return nil }
      if let mine = fitsOneAlphabet, let theirs = other.fitsOneAlphabet, mine != theirs {
        return mine
      }
      if oddShapes != other.oddShapes { return oddShapes < other.oddShapes }
      return nil
    }
  }

  /// At least the total gain `acceptedCandidates` can give `page` with these readings. A
  /// candidate (a run of touching readings) gains its span's cost as it stands, minus the
  /// cost of its replacement, which is never below minus two per U+FFFD it writes when one
  /// of its readings lost a byte (costs and penalties are never negative, and `score`'s other
  /// adjustments only lower the gain; such a run is not decoded further, so its U+FFFDs are
  /// its readings'). Costs are multiples of 0.5, so the sums are exact.
  /// A run that `clusters` cannot decode further (one reading, a lost byte, or a first
  /// decoded character that starts no sequence of the page) keeps its readings' text, which
  /// is costed here as `score` costs it: beside the same neighbours (runs never touch), a
  /// guessed space or lost byte taking its point off, and a rare result
  /// (`producesRareCharacter`) gaining nothing. So pages that read the same spans as the best
  /// one but decode them to worse text are not scored.
  /// (Over buffers and a page's plain tables, with `TextModel`'s table taken once: nothing
  /// retained per run or reading.)
  /// A run that spans exactly what one of `scored` does (candidates `score` has costed, in
  /// text order: the best page's so far) takes that candidate's `spanCost`, the same cost
  /// of the same characters between the same neighbours: pages mostly read the spans the
  /// best one reads.
  static func gainCeiling(
    of readings: UnsafeBufferPointer<Reading>, in text: UnsafeBufferPointer<UInt32>,
    page: CodePage.Tables, scored: UnsafeBufferPointer<Candidate> = .init(start: nil, count: 0)
  ) -> Float {
    let bit = page.misreadingBit
    return TextModel.withInfo { lookup in
      var ceiling: Float = 0
      var next = 0  // the first of `scored` that may span a run from here on
      var index = readings.startIndex
      while index < readings.endIndex {
        var last = index
        var lost = readings[index].lost
        var guessedSpace = readings[index].guessedSpace
        var keepsSpace = readings[index].keepsSpace
        var replacementCharacters = readings[index].scalar == 0xFFFD ? 1 : 0
        while last + 1 < readings.endIndex && readings[last + 1].start == readings[last].end {
          last += 1
          if readings[last].lost { lost = true }
          if readings[last].guessedSpace { guessedSpace = true }
          if readings[last].keepsSpace { keepsSpace = true }
          if readings[last].scalar == 0xFFFD { replacementCharacters += 1 }
        }
        let start = readings[index].start
        let end = readings[last].end
        let before: UInt32? = start > 0 ? text[start - 1] : nil
        let after: UInt32? = end < text.count ? text[end] : nil
        while next < scored.count && scored[next].start < start { next &+= 1 }
        let cost =
          next < scored.count && scored[next].start == start && scored[next].end == end
            && scored[next].spanCost >= 0
          ? scored[next].spanCost
          : TextModel.cost(of: text[start..<end], before: before, after: after)
        var bound = cost + (lost ? 2 * Float(replacementCharacters) : 0)
        // Every reading decodes to a non-ASCII scalar, so the run's first one is its
        // readings' first, and the one after it the second reading's (`mayStartSequence`).
        let mayGoDeeper =
          !lost && last > index
          && CodePages.leadBits(readings[index].scalar) & bit != 0
          && CodePages.continuationBits(readings[index + 1].scalar) & bit != 0
        if !keepsSpace && !mayGoDeeper {
          let run = UnsafeBufferPointer(rebasing: readings[index...last])
          if run.contains(where: { producesRareCharacter($0.scalar, lookup) }) {
            bound = 0
          } else {
            bound -= TextModel.cost(of: run.lazy.map(\.scalar), before: before, after: after)
            if lost || guessedSpace { bound -= 1 }
          }
        }
        ceiling += max(0, bound)
        index = last + 1
      }
      return ceiling
    }
  }

  /// Whether `score` gives a candidate decoding to `value` the gain of a valid-but-wrong
  /// round trip (-10): a rare letter (IPA, ſ, Ġ …), an unclassified character, or a control
  /// other than C1 (the middle step of double encoding). (`TextModel`'s table taken by the
  /// caller.)
  @inline(__always)
  private static func producesRareCharacter(_ value: UInt32, _ lookup: TextModel.InfoLookup)
    -> Bool
  {
    guard value >= 0x80 && value != 0xFFFD else { return false }
    return isRare(lookup(value), value)
  }

  /// `producesRareCharacter` given the character's `TextModel.info`.
  @inline(__always)
  private static func isRare(_ info: TextModel.Info, _ value: UInt32) -> Bool {
    (info.kind == .letter && info.cost >= 4) || info.kind == .other
      || (info.kind == .control && !(0x80...0x9F).contains(value))
  }

  private static func sameSequences(
    _ a: UnsafeBufferPointer<Reading>, _ b: UnsafeBufferPointer<Reading>
  ) -> Bool {
    guard a.count == b.count else { return false }
    for index in 0..<a.count {
      let x = a[index]
      let y = b[index]
      if x.start != y.start || x.end != y.end || !x.sameReplacement(as: y) { return false }
    }
    return true
  }

  private static func apply(
    _ set: CandidateSet, to text: [UInt32], page: Unmanaged<CodePage>, describe describing: Bool,
    keepingEdits: Bool
  ) -> Pass {
    let candidates = set.candidates
    var edits: [TextEdit] = []
    if keepingEdits { edits.reserveCapacity(candidates.count) }
    var details: [String] = []
    // The new text starts as a copy of the old one's first `length` characters (its length
    // is known from the candidates: no copy of the whole line cut down after, whose
    // `removeLast` went through `replaceSubrange`), which hold it up to the first
    // replacement that shortens the text; the rest is written front to back from the old
    // text, no append check per character. Candidates, pool and text are read in place (no
    // copy or reference count per candidate or slice).
    let length = candidates.withUnsafeBufferPointer { candidates in
      var length = text.count
      for index in candidates.indices {
        let candidate = candidates[index]
        precondition(
          Int(candidate.replacementCount) <= candidate.end - candidate.start,
          "a replacement longer than its span")
        // (Within the line: no overflow checks.)
        length &-= candidate.end &- candidate.start &- Int(candidate.replacementCount)
      }
      return length
    }
    var output = text.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[0..<length])) }
    output.withUnsafeMutableBufferPointer { output in
      text.withUnsafeBufferPointer { old in
        candidates.withUnsafeBufferPointer { candidates in
          set.pool.withUnsafeBufferPointer { pool in
            var written = 0
            var position = 0
            func copy(_ range: Range<Int>) {
              // Nothing shortened yet: already in place (the text before the first shortening
              // replacement lies within the new length).
              if written == range.lowerBound {
                written = range.upperBound
                return
              }
              // (Indices within the line: no overflow checks.)
              for offset in range {
                output[written] = old[offset]
                written &+= 1
              }
            }
            for index in candidates.indices {
              let start = candidates[index].start
              let end = candidates[index].end
              copy(position..<start)
              let replacement = candidates[index].replacement(in: pool)
              for value in replacement {
                output[written] = value
                written &+= 1
              }
              if describing {
                details.append(
                  "\(describe(text[start..<end])) -> \(describe(Array(replacement)[...]))")
              }
              if keepingEdits {
                edits.append(TextEdit(start: start, end: end, length: replacement.count))
              }
              position = end
            }
            copy(position..<old.count)
            precondition(written == output.count, "apply: \(written) of \(output.count) written")
          }
        }
      }
    }
    // The page held unretained (it lives for the process): no reference count on the
    // shared object, nor on its names.
    return Pass(
      text: output, page: page, edits: edits, editCount: candidates.count, details: details)
  }

  static func describe(_ values: ArraySlice<UInt32>) -> String {
    var result = ""
    for value in values {
      if value < 0x20 || (value >= 0x7F && value < 0xA0) {
        result += "\\u{\(String(value, radix: 16, uppercase: true))}"
      } else if let scalar = Unicode.Scalar(value) {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Whether some candidate satisfies `predicate`, each read in place: `contains(where:)`
  /// copies every candidate it visits (a reference count per array field).
  private static func containsCandidate(
    _ candidates: [Candidate], where predicate: (Candidate) -> Bool
  ) -> Bool {
    candidates.withUnsafeBufferPointer { buffer in
      for index in buffer.indices where predicate(buffer[index]) { return true }
      return false
    }
  }

  /// The sum of the candidates' gains, in order (as `reduce` adds them), read in place.
  private static func totalGain(_ candidates: [Candidate]) -> Float {
    candidates.withUnsafeBufferPointer { buffer in
      var total: Float = 0
      for index in buffer.indices { total += buffer[index].gain }
      return total
    }
  }

  /// `acceptedCandidates(in:page:found:)` built in the buffers of `spare` (a set no longer
  /// needed, whose room is reused: no allocation when it has enough); a set that is not
  /// accepted goes back to `spare`.
  /// (The text, the readings and the page as plain buffers and tables: nothing retained.)
  static func acceptedCandidates(
    in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables,
    found: UnsafeBufferPointer<Reading>, spare: inout CandidateSet
  ) -> CandidateSet {
    var set = CandidateSet()
    swap(&set, &spare)
    set.empty()
    clusters(found, page: page, into: &set)
    if set.isEmpty { return set }
    // The pool is complete: it is read through one buffer while the candidates (a
    // separate array) are scored and filtered in place.
    let accepted = set.pool.withUnsafeBufferPointer { pool in
      judge(&set.candidates, pool: pool, in: text, page: page)
    }
    if accepted { return set }
    spare = set
    return CandidateSet()
  }

  /// The evidence rules of `acceptedCandidates` over `candidates` (decoded texts in
  /// `pool`): scores them, leaves the accepted ones and returns true, or returns false when
  /// the page is not taken.
  private static func judge(
    _ candidates: inout [Candidate], pool: UnsafeBufferPointer<UInt32>,
    in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables
  ) -> Bool {
    // The script counts only matter for a decoded letter of a script other than Latin or
    // Greek (`contextPenalty`): most lines skip counting them.
    // (`TextModel`'s table is taken once for the whole scoring, and the candidates are read
    // through a mutable buffer: an inout array's buffer would be retained for the look.)
    var strongCount = 0
    TextModel.withInfo { lookup in
      let needsScripts = candidates.withUnsafeMutableBufferPointer { buffer in
        for index in buffer.indices {
          if decodesToOtherScript(buffer[index].firstNonASCII(in: pool), lookup) { return true }
          for layer in 0..<Int(buffer[index].depth) {
            let range = CandidateSet.layer(layer, of: buffer[index], in: pool)
            let values = UnsafeBufferPointer(
              rebasing: pool[Int(range.lowerBound)..<Int(range.upperBound)])
            if decodesToOtherScript(values.first(where: { $0 >= 0x80 }), lookup) { return true }
          }
        }
        return false
      }
      let scripts =
        needsScripts ? outsideScripts(text, candidates, lookup: lookup) : ScriptCounts()
      // The candidates are read through a buffer while scoring: no bounds check or copy per
      // candidate.
      candidates.withUnsafeMutableBufferPointer { candidates in
        for index in candidates.indices {
          // Neighbours are judged as they will read once their own candidates are decoded.
          let start = candidates[index].start
          let end = candidates[index].end
          var before: UInt32? = start > 0 ? text[start - 1] : nil
          if index > 0, candidates[index - 1].end == start {
            before = candidates[index - 1].lastReplacement(in: pool)
          }
          var after: UInt32? = end < text.count ? text[end] : nil
          if index + 1 < candidates.count, candidates[index + 1].start == end {
            after = candidates[index + 1].firstReplacement
          }
          score(
            &candidates[index], pool: pool, in: text, scripts: scripts, before: before,
            after: after, lookup: lookup)
          if candidates[index].depth > 0 {
            var candidate = candidates[index]
            for layer in 0..<Int(candidate.depth) {
              var alternative = candidate
              let range = CandidateSet.layer(layer, of: candidate, in: pool)
              alternative.setReplacement(range, first: pool[Int(range.lowerBound)])
              score(
                &alternative, pool: pool, in: text, scripts: scripts, before: before,
                after: after, lookup: lookup)
              if alternative.gain > candidate.gain + 0.5 { candidate = alternative }
            }
            candidates[index] = candidate
          }
          if candidates[index].strong { strongCount += 1 }
        }
      }
    }
    // When every character the code page could have produced belongs to a candidate, the
    // whole line round-trips through it: that consistency is itself evidence, so candidates
    // that are merely not worse are taken along (and three clear gains suffice).
    // (The filtered sets are tested through predicates and built only when returned.)
    let isPlausible: (Candidate) -> Bool = { $0.gain > -2 }
    if !hasUnexplained(text, candidates, page: page, counting: isPlausible) {
      if strongCount > 0 {
        // In place (no second array), and only when some candidate goes: `removeAll(where:)`
        // ends in a `replaceSubrange` even when it removes nothing.
        if containsCandidate(candidates, where: { !isPlausible($0) }) {
          candidates.removeAll { !isPlausible($0) }
        }
        return true
      }
      return candidates.count >= 3 && !containsCandidate(candidates, where: { $0.gain <= 0 })
    }
    let isAccepted: (Candidate) -> Bool = { $0.gain > 0 }
    // A quotation mark between ASCII neighbours, with a clear gain but no letter beside it
    // ("Â« Nous", French spacing), is not strong; it may still agree with its pair in the
    // line (below).
    let looseQuote: (Candidate) -> Bool = {
      !$0.strong && isAccepted($0) && !$0.guessedSpace && !$0.lost && $0.gain >= strongGain
        && isQuotationMark($0) && hasASCIINeighbours($0, in: text)
    }
    let hasLooseQuote = containsCandidate(candidates, where: looseQuote)
    guard strongCount > 0 || hasLooseQuote else { return false }
    // Loose quotes are the weakest evidence: not in a line that holds other mojibake of
    // symbols ("¬¤¬°" beside "¬ª" is text read as GB2312 bytes, not a quote).
    if hasLooseQuote && strongCount == 0 && hasSymbolPairOutside(candidates, in: text) {
      return false
    }
    // The rest of the line is never empty here: some character lies outside every plausible
    // candidate (above), and the accepted candidates are among the plausible ones. (No
    // second scan to find that out.)
    // Correct non-ASCII text beside a single broken span: one clear repair to a very
    // common character is enough ("MÃ¼ller" → "Müller"); rarer results need two, or a
    // repair that agrees with the language and typography of the intact text
    // (`agreesWithLine`), or a complete "â€" reading between ASCII neighbours (`markSignature`).
    let agreesAlone: (Candidate) -> Bool = {
      isAccepted($0) && !$0.guessedSpace && !$0.lost && ($0.strong || looseQuote($0))
        && ($0.markSignature
          || agreesWithLine($0, pool: pool, in: text, candidates, isAccepted: isAccepted))
    }
    var onlyAgreeing = false
    if strongCount < 2
      && !containsCandidate(candidates, where: {
        isAccepted($0)
          && (($0.strong && $0.gain >= 5 && decodesToCommonText($0, pool: pool))
            || ($0.strong && $0.signature))
      })
    {
      guard containsCandidate(candidates, where: agreesAlone) else { return false }
      onlyAgreeing = true
    }
    // Mojibake that stays unexplained ("ãƒâ€ ã‚") means the line is damaged in a way
    // this code page does not explain; fixing a few pieces of it would only hide that.
    if unexplainedLookLikeMojibake(text, candidates, page: page, counting: isAccepted) {
      return false
    }
    if onlyAgreeing {
      // The page is right, but the agreeing span vouches only for readings of its own kind:
      // letters, common punctuation and quotation marks. A space guessed for a collapsed
      // NBSP, a lost byte ("â€ " beside "Ăş", read as "†"), or a combining mark or symbol
      // ("ÍŠ" as U+034A) keep the stricter rules.
      candidates.removeAll {
        !isAccepted($0) || $0.guessedSpace || $0.lost
          || !(decodesToLettersOrCommonText($0, pool: pool) || $0.markSignature
            || isQuotationMark($0))
      }
      return true
    }
    if containsCandidate(candidates, where: { !isAccepted($0) }) {
      candidates.removeAll { !isAccepted($0) }  // in place: no second array
    }
    return true
  }

  /// Whether some character above U+009F that `page` (or windows-1252) can encode lies
  /// outside every span for which `counts` holds (`forEachUnexplained`).
  @inline(__always)
  private static func hasUnexplained<Span: Spanning>(
    _ text: UnsafeBufferPointer<UInt32>, _ spans: [Span], page: CodePage.Tables,
    counting counts: (Span) -> Bool
  ) -> Bool {
    var found = false
    forEachUnexplained(text, spans, page: page, counting: counts) { _ in
      found = true
      return false
    }
    return found
  }

  /// Calls `body` with each offset of `unexplained`, in order, while it returns true. Only
  /// the spans for which `counts` holds explain characters. (Inlined, with its callers,
  /// into the judging: `counts` and `body` are then no closure call per span and offset.)
  @inline(__always)
  private static func forEachUnexplained<Span: Spanning>(
    _ text: UnsafeBufferPointer<UInt32>, _ allSpans: [Span], page: CodePage.Tables,
    counting counts: (Span) -> Bool, _ body: (Int) -> Bool
  ) {
    // windows-1252 as plain tables, read once (no reference to the shared page taken).
    let windows1252 = CodePages.scanTables.pages[0]
    // Spans read in place through a buffer: no copy of a candidate or bounds check per look.
    allSpans.withUnsafeBufferPointer { allSpans in
      var next = 0
      // The next span that explains characters, found again only when one is passed (not
      // per character: `counts` is a closure call).
      func skipUncounted() {
        while next < allSpans.count && !counts(allSpans[next]) { next += 1 }
      }
      skipUncounted()
      // The text between counted spans is scanned gap by gap (the spans are in order and
      // never overlap), each character tested only for its value rather than also against
      // the next span's start.
      var index = 0
      while true {
        let gapEnd = next < allSpans.count ? allSpans[next].start : text.count
        while index < gapEnd {
          let value = text[index]
          if value >= 0xA0
            && (page.upperByte(for: value) != 0 || windows1252.upperByte(for: value) != 0)
          {
            if !body(index) { return }
          }
          index += 1
        }
        guard next < allSpans.count else { return }
        index = allSpans[next].end
        next += 1
        skipUncounted()
      }
    }
  }

  /// Whether at least two unexplained characters (`forEachUnexplained`) sit in
  /// mojibake-shaped pairs (an accented Latin-1 letter followed by a windows-1252
  /// punctuation or symbol character). Counted as they are found, up to two: no array of
  /// their offsets (an allocation per judged line that reached this rule).
  private static func unexplainedLookLikeMojibake<Span: Spanning>(
    _ text: UnsafeBufferPointer<UInt32>, _ spans: [Span], page: CodePage.Tables,
    counting counts: (Span) -> Bool
  ) -> Bool {
    TextModel.withInfo { lookup in
      var pairs = 0
      forEachUnexplained(text, spans, page: page, counting: counts) { offset in
        guard offset + 1 < text.count else { return true }
        let first = lookup(text[offset])
        let second = lookup(text[offset + 1])
        if first.isLatin1Letter && (second.isWindows1252Special || second.kind == .control) {
          pairs += 1
        }
        return pairs < 2
      }
      return pairs >= 2
    }
  }

  // MARK: Finding sequences

  /// Merges adjacent candidates into one span each ("Ð±ÑŠÐ»" is one word, judged as one),
  /// then decodes each span again while its result is itself entirely UTF-8 read through the
  /// same page: double and triple encoding are undone in one step and judged by the final
  /// text, not by the intermediate mojibake.
  private static func clusters(
    _ readings: UnsafeBufferPointer<Reading>, page: CodePage.Tables, into set: inout CandidateSet
  ) {
    set.candidates.reserveCapacity(readings.count)
    // Room for every reading's text ("à " takes two) and about as much again for deeper
    // readings: a span decoded again regrew the pool on most lines that have one.
    set.pool.reserveCapacity(4 * readings.count + 8)
    var first = 0
    while first < readings.count {
      // A run of touching readings becomes one candidate, its text written once to the
      // pool.
      var last = first
      // The run's flags are gathered as it is found, so that writing its text is a plain
      // loop of appends (with the flags in it, LLVM kept them and the reading on the stack).
      var lost = readings[first].lost
      var guessedSpace = readings[first].guessedSpace
      var keepsSpace = readings[first].keepsSpace
      // (Indices within the readings: no overflow checks.)
      while last &+ 1 < readings.count && readings[last &+ 1].start == readings[last].end {
        last &+= 1
        lost = lost || readings[last].lost
        guessedSpace = guessedSpace || readings[last].guessedSpace
        keepsSpace = keepsSpace || readings[last].keepsSpace
      }
      let poolStart = Int32(set.pool.count)
      if keepsSpace {
        for index in first...last {
          set.pool.append(readings[index].scalar)
          if readings[index].keepsSpace { set.pool.append(0x20) }
        }
      } else {
        for index in first...last { set.pool.append(readings[index].scalar) }
      }
      var candidate = Candidate(
        start: readings[first].start, end: readings[last].end,
        replacement: poolStart..<Int32(set.pool.count), first: readings[first].scalar,
        lost: lost, guessedSpace: guessedSpace)
      candidate.parts = Int32(last &- first &+ 1)
      set.candidates.append(candidate)
      first = last &+ 1
    }
    // A single scalar cannot hold a sequence (a lead and at least one continuation).
    // One buffer of inner readings serves every span.
    var inner: [Reading] = []
    for index in set.candidates.indices
    where !set.candidates[index].lost && !set.candidates[index].isSingle {
      let candidate = set.candidates[index]
      var currentRange = candidate.replacementStart..<(candidate.replacementStart + candidate.replacementCount)
      // The first decoding covers every non-ASCII character only if a sequence starts at
      // the first one: most spans fail there, settled without copying their text.
      let opens = set.pool.withUnsafeBufferPointer { pool in
        let span = UnsafeBufferPointer(
          rebasing: pool[Int(currentRange.lowerBound)..<Int(currentRange.upperBound)])
        guard let first = span.firstIndex(where: { $0 >= 0x80 }) else { return false }
        return mayStartSequence(at: first, in: span, page: page)
      }
      if !opens { continue }
      // Each layer's pool bounds (at most three layers), written to the pool at the end.
      var layerBounds = SIMD8<Int32>()
      var depth = 0
      for _ in 0..<3 {
        // The current text is read in place in the pool (no copy, no slice retained).
        empty(&inner)
        let decodes = set.pool.withUnsafeBufferPointer { pool in
          let current = UnsafeBufferPointer(
            rebasing: pool[Int(currentRange.lowerBound)..<Int(currentRange.upperBound)])
          forEachCandidate(in: current, page: page) { reading in
            if inner.isEmpty { inner.reserveCapacity(max(16, (current.count - reading.start) / 2)) }
            inner.append(reading)
            return true
          }
          return !inner.isEmpty && !inner.contains(where: { $0.lost || $0.guessedSpace })
            && coversAllNonASCII(current, inner)
        }
        guard decodes else { break }
        // The deeper reading is written at the pool's end (where it stays if it is kept),
        // read from the current text character by character: room is made first (it is
        // never longer than the current text), so no append moves the pool.
        let currentStart = Int(currentRange.lowerBound)
        let decodedStart = set.pool.count
        set.pool.reserveCapacity(decodedStart + currentRange.count)
        var position = 0
        for piece in inner {
          for offset in position..<piece.start { set.pool.append(set.pool[currentStart + offset]) }
          set.pool.append(piece.scalar)
          if piece.keepsSpace { set.pool.append(0x20) }
          position = piece.end
        }
        for offset in position..<currentRange.count {
          set.pool.append(set.pool[currentStart + offset])
        }
        // Only when the deeper reading is the more plausible text ("ÓŁ" is Polish, not "ӣ").
        let deeper = set.pool.withUnsafeBufferPointer { pool in
          TextModel.cost(
            inPlace: UnsafeBufferPointer(rebasing: pool[decodedStart...]), before: nil,
            after: nil, skipping: .none)
            < TextModel.cost(
              inPlace: UnsafeBufferPointer(
                rebasing: pool[Int(currentRange.lowerBound)..<Int(currentRange.upperBound)]),
              before: nil, after: nil, skipping: .none)
        }
        guard deeper else {
          set.pool.removeLast(set.pool.count - decodedStart)
          break
        }
        layerBounds[2 * depth] = currentRange.lowerBound
        layerBounds[2 * depth + 1] = currentRange.upperBound
        depth += 1
        let decodedRange = Int32(decodedStart)..<Int32(set.pool.count)
        set.candidates[index].setReplacement(decodedRange, first: set.pool[decodedStart])
        set.candidates[index].depth += 1
        guard decodedRange.count > 1 else { break }
        currentRange = decodedRange
      }
      if depth > 0 {
        set.candidates[index].firstLayer = Int32(set.pool.count)
        for bound in 0..<2 * depth { set.pool.append(UInt32(bitPattern: layerBounds[bound])) }
      }
    }
  }

  /// Whether `forEachCandidate` would try a sequence at `index` (a non-ASCII character of
  /// `text`): it is a lead of `page` followed by a character that may continue it. False
  /// proves no reading covers the character.
  private static func mayStartSequence(
    at index: Int, in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables
  ) -> Bool {
    let bit = page.misreadingBit
    let value = text[index]
    let tables = CodePages.scanTables  // one lazy-global check (see `pageMasks`)
    let isLead =
      value < CodePage.flatLimit
      ? tables.lead[Int(value)] & bit != 0
      : page.byte(for: value).map { $0 >= 0xC2 && $0 <= 0xF4 } ?? false
    guard isLead, index + 1 < text.count else { return false }
    return mayContinue(text[index + 1], bit: bit, page: page, continuationMask: tables.continuation)
  }

  private static func coversAllNonASCII(
    _ text: UnsafeBufferPointer<UInt32>, _ candidates: [Reading]
  ) -> Bool {
    var next = 0
    var index = 0
    while index < text.count {
      if next < candidates.count && index == candidates[next].start {
        index = candidates[next].end
        next += 1
        continue
      }
      if text[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// A place where a sequence of some pages may start: a lead character followed by a
  /// character that may continue it, and the bits (`CodePage.misreadingBit`) of the pages
  /// for which both hold.
  struct SequenceStart {
    var index: Int32
    var pages: UInt16
  }

  /// Every place in `text` where `forEachCandidate` would try `sequence` for a page of
  /// `bits`, in order: one scan of the line serves every page.
  static func sequenceStarts(in text: [UInt32], pages bits: UInt16) -> [SequenceStart] {
    var agreement: UInt16 = 0
    return sequenceStarts(in: text, pages: bits, agreement: &agreement)
  }

  /// `sequenceStarts(in:pages:)`, also setting `agreement` to the pages that encode every
  /// non-ASCII character of `text` as windows-1252 does (`CodePages.agreesWithWindows1252`).
  static func sequenceStarts(in text: [UInt32], pages bits: UInt16, agreement: inout UInt16)
    -> [SequenceStart]
  {
    let room = UnsafeMutableBufferPointer<SequenceStart>.allocate(capacity: max(1, text.count))
    defer { room.deallocate() }
    let count = text.withUnsafeBufferPointer { text in
      writeSequenceStarts(in: text, pages: bits, agreement: &agreement, into: room)
    }
    return Array(room[0..<count])
  }

  /// `sequenceStarts(in:pages:agreement:)` written to the front of `room` (at least one slot
  /// per character but the last): returns how many. Every non-ASCII character writes its
  /// slot and moves the count on only when it starts a sequence, without a branch (which
  /// mojibake, its starts irregular, mispredicted often).
  /// (The pass's own scan when `pageMasks` recorded no starts for its masks: `pageMasks`
  /// writes the same starts for every page as it scans.)
  static func writeSequenceStarts(
    in text: UnsafeBufferPointer<UInt32>, pages bits: UInt16, agreement: inout UInt16,
    into room: UnsafeMutableBufferPointer<SequenceStart>
  ) -> Int {
    let capacity = max(0, text.count - 1)
    precondition(room.count >= capacity, "writeSequenceStarts: room for \(room.count) of \(capacity)")
    var count = 0
    var agrees: UInt16 = 0xFFFF
    let tables = CodePages.scanTables  // one lazy-global check (see `pageMasks`)
    let leadMask = tables.lead
    let continuationMask = tables.continuation
    let agreesMask = tables.agreement
    var index = 0
    while index < capacity {
      let value = text[index]
      if value >= 0x80 {
        let lead: UInt16
        if value < CodePage.flatLimit {
          lead = bits & leadMask[Int(value)]
          agrees &= agreesMask[Int(value)]
        } else if tables.mayBeExtra(value) {
          lead = bits & CodePages.leadBits(value)
          agrees &= CodePages.agreementBits(value)
        } else {
          lead = 0  // (no page produces it, so every page agrees)
        }
        // The next character's continuation bits, whether or not this one is a lead (see
        // `pageMasks`: a branch on that would be mispredicted often): "?" (in the table)
        // and U+FFFD stand for a lost byte of any page, a space (all ones when `next` is
        // one) for a collapsed NBSP byte.
        let next = text[index + 1]
        let continuation: UInt16
        if next < CodePage.flatLimit {
          continuation = continuationMask[Int(next)]
        } else if next == 0xFFFD {
          continuation = 0xFFFF
        } else {
          continuation = tables.mayBeExtra(next) ? CodePages.continuationBits(next) : 0
        }
        let spaceMask = UInt16(truncatingIfNeeded: (Int(next ^ 0x20) &- 1) >> 63)
        let continues = lead & (continuation | spaceMask)
        room[count] = SequenceStart(index: Int32(index), pages: continues)
        count &+= continues != 0 ? 1 : 0
      }
      index += 1
    }
    if let value = text.last, value >= 0x80 { agrees &= CodePages.agreementBits(value) }
    agreement = agrees
    return count
  }

  /// A thread's sequence-start and reading buffers, kept from one line to the next in
  /// thread-local storage: the pass runs per line, and allocating and freeing them cost
  /// some 600 instructions a line. A class only to live behind the thread-local pointer;
  /// the pass takes the buffers out (a nested pass would find them empty and allocate its
  /// own) and gives them back emptied, their room kept.
  /// `pageMasks` writes a line's sequence starts to the start room as it scans, named by the
  /// masks it returns (`PageMasks.startsRecorded`): `mayChange` and the pass given those
  /// masks read them there, and a false `mayChange` is remembered under the same name.
  final class PassBuffers {
    // Only its thread reads it, one line at a time: no dynamic exclusivity check needed.
    /// Room for a line's sequence starts (`writeSequenceStarts`), empty while a pass holds it.
    @exclusivity(unchecked) private var startRoom = UnsafeMutableBufferPointer<SequenceStart>(
      start: nil, count: 0)
    /// Room for the readings of a line's pages (`pass`), empty while a pass holds it.
    @exclusivity(unchecked) private var readingRoom = UnsafeMutableBufferPointer<Reading>(
      start: nil, count: 0)
    /// The readings `mayChange` gathers, page by page.
    @exclusivity(unchecked) private var readings: [Reading] = []
    @exclusivity(unchecked) private var spareSet = CandidateSet()
    /// The accented letters `readingFit` gathers.
    @exclusivity(unchecked) private var letters: [UInt32] = []
    /// The starts `pageMasks` wrote to `startRoom`: the name the masks carry
    /// (`PageMasks.startsRecorded`, 0 when the room holds none), how many, the length of
    /// the line and its agreement with windows-1252.
    @exclusivity(unchecked) private var recorded: UInt64 = 0
    @exclusivity(unchecked) private var recordedCount = 0
    @exclusivity(unchecked) private var recordedLength = 0
    @exclusivity(unchecked) private var recordedAgreement: UInt16 = 0
    /// The last name given to recorded starts: this thread's number in the high bits, so
    /// that masks carried to another thread never name that thread's starts.
    @exclusivity(unchecked) private var lastRecording: UInt64

    init() {
      lastRecording = Self.nextThreadNumber() << 40
    }

    /// The threads' numbers, handed out once per thread under a lock.
    nonisolated(unsafe) private static var threadsNumbered: UInt64 = 0
    nonisolated(unsafe) private static let numberingLock: UnsafeMutablePointer<pthread_mutex_t> = {
      let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
      pthread_mutex_init(lock, nil)
      return lock
    }()

    private static func nextThreadNumber() -> UInt64 {
      pthread_mutex_lock(numberingLock)
      defer { pthread_mutex_unlock(numberingLock) }
      threadsNumbered += 1
      return threadsNumbered
    }

    /// The start room, with room for the starts of a line of `length` characters (at most
    /// `longestKept`), for `pageMasks` to write them to: whatever it recorded before is
    /// forgotten. (While a pass holds the room, a new one is made, which that pass's `keep`
    /// frees.)
    func roomToRecordStarts(length: Int) -> UnsafeMutableBufferPointer<SequenceStart> {
      recorded = 0
      if startRoom.count < length {
        startRoom.deallocate()
        startRoom = .allocate(capacity: max(length, 256))
      }
      return startRoom
    }

    /// Calls `body` with the starts recorded under `name` for a line of `length` characters,
    /// or nil when the room holds no such starts, and keeps them recorded after. (The room
    /// is taken out meanwhile: a scan inside `body` records in a room of its own, freed
    /// here, and its masks then name nothing.)
    func withRecordedStarts<Result>(
      _ name: UInt64, length: Int, _ body: (UnsafeBufferPointer<SequenceStart>?) -> Result
    ) -> Result {
      guard let taken = takeRecordedStarts(name, length: length) else { return body(nil) }
      let result = body(UnsafeBufferPointer(rebasing: taken.room[0..<taken.count]))
      startRoom.deallocate()
      startRoom = taken.room
      recorded = name
      recordedCount = taken.count
      recordedLength = length
      recordedAgreement = taken.agreement
      return result
    }

    /// Names the `count` starts just written to the start room for a line of `length`
    /// characters: the name `pageMasks` gives its masks.
    func recordStarts(count: Int, length: Int, agreement: UInt16) -> UInt64 {
      lastRecording &+= 1
      recorded = lastRecording
      recordedCount = count
      recordedLength = length
      recordedAgreement = agreement
      return recorded
    }

    /// The start room taken out with the starts recorded under `name` for a line of
    /// `length` characters, or nil when it holds no such starts (then nothing is taken).
    func takeRecordedStarts(_ name: UInt64, length: Int) -> (
      room: UnsafeMutableBufferPointer<SequenceStart>, count: Int, agreement: UInt16
    )? {
      guard name != 0, name == recorded, length == recordedLength else { return nil }
      recorded = 0
      var taken = UnsafeMutableBufferPointer<SequenceStart>(start: nil, count: 0)
      swap(&taken, &startRoom)
      return (taken, recordedCount, recordedAgreement)
    }

    /// Lines longer than this give their buffers up rather than keep them (a pathological
    /// line must not hold its memory for the rest of the run).
    static let longestKept = 4096

    /// The most readings a kept reading room holds (384 KiB).
    static let mostReadingsKept = 16_384

    /// The calling thread's buffers, created on its first line.
    static var current: PassBuffers { perThread.current }

    /// `body` given the calling thread's buffers, lent without a retain and a release.
    @inline(__always)
    static func withCurrent<Result>(_ body: (PassBuffers) -> Result) -> Result {
      perThread.withCurrent(body)
    }

    private static let perThread = ThreadLocalBox { PassBuffers() }

    /// Room for the starts of a line of `length` characters: the thread's, or a larger
    /// one (the smaller freed).
    func takeStartRoom(length: Int) -> UnsafeMutableBufferPointer<SequenceStart> {
      recorded = 0
      return Self.take(&startRoom, count: length)
    }

    /// Room for `count` readings: the thread's, or a larger one (the smaller freed).
    func takeReadingRoom(count: Int) -> UnsafeMutableBufferPointer<Reading> {
      Self.take(&readingRoom, count: count)
    }

    /// `room` taken out (left empty), or, when it holds fewer than `count`, freed and
    /// replaced by a larger one.
    @inline(__always)
    private static func take<Element>(
      _ room: inout UnsafeMutableBufferPointer<Element>, count: Int
    ) -> UnsafeMutableBufferPointer<Element> {
      var taken = UnsafeMutableBufferPointer<Element>(start: nil, count: 0)
      swap(&taken, &room)
      if taken.count < count {
        taken.deallocate()
        taken = .allocate(capacity: max(count, 256))
      }
      return taken
    }

    deinit {
      startRoom.deallocate()
      readingRoom.deallocate()
    }

    /// `ReadingFit` of `set`'s reading of `text`, the line's letters gathered in this
    /// thread's buffer (no array allocated per fit).
    func readingFit(_ text: UnsafeBufferPointer<UInt32>, _ set: CandidateSet) -> ReadingFit {
      // (The set's arrays read through buffers: neither is retained for the call.)
      let fit = set.candidates.withUnsafeBufferPointer { candidates in
        set.pool.withUnsafeBufferPointer { pool in
          ReadingFit(text, candidates: candidates, pool: pool, letters: &letters)
        }
      }
      // (A pathological line's letters are not kept for the rest of the run.)
      if letters.capacity > Self.longestKept { letters = [] }
      return fit
    }

    func takeReadings() -> [Reading] {
      var taken: [Reading] = []
      swap(&taken, &readings)
      return taken
    }

    func takeSpareSet() -> CandidateSet {
      var taken = CandidateSet()
      swap(&taken, &spareSet)
      return taken
    }

    /// Keeps the reading buffer (taken outside a pass) for the next line, emptied.
    func keep(readings: inout [Reading], lineLength: Int) {
      guard lineLength <= Self.longestKept else { return }
      UTF8Misreading.empty(&readings)
      swap(&self.readings, &readings)
    }

    /// Keeps the buffers of a line of `lineLength` characters for the next line, the spare
    /// set as it is (emptied when reused). The rooms are freed instead when the line was
    /// too long to keep its buffers.
    func keep(
      startRoom: UnsafeMutableBufferPointer<SequenceStart>,
      readingRoom: UnsafeMutableBufferPointer<Reading>, spare: inout CandidateSet,
      lineLength: Int
    ) {
      recorded = 0  // (a nested `pageMasks` may have recorded starts in a room freed here)
      guard lineLength <= Self.longestKept else {
        startRoom.deallocate()
        readingRoom.deallocate()
        return
      }
      // (The rooms held are empty unless a nested pass left its own.)
      self.startRoom.deallocate()
      self.startRoom = startRoom
      self.readingRoom.deallocate()
      // A line of many starts read through many pages may have grown the reading room to a
      // few hundred kilobytes: a room that large is not kept for the rest of the run.
      if readingRoom.count <= Self.mostReadingsKept {
        self.readingRoom = readingRoom
      } else {
        readingRoom.deallocate()
        self.readingRoom = UnsafeMutableBufferPointer(start: nil, count: 0)
      }
      swap(&spareSet, &spare)
    }
  }

  /// The readings of `page` appended to `result`, visiting only `starts`
  /// (`sequenceStarts(in:pages:)` for a set of pages holding `page`): the readings its own
  /// scan (`forEachCandidate`) finds, in the same order.
  static func appendCandidates(
    in text: [UInt32], page: CodePage, starts: [SequenceStart], to result: inout [Reading]
  ) {
    text.withUnsafeBufferPointer { text in
      starts.withUnsafeBufferPointer { starts in
        forEachReading(in: text, page: page.tables, starts: starts) {
          result.append($0)
          return true
        }
      }
    }
  }

  /// Calls `body` with each reading `appendCandidates(in:page:starts:to:)` finds, in order,
  /// while it returns true.
  @inline(__always)
  private static func forEachReading(
    in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables,
    starts: UnsafeBufferPointer<SequenceStart>, _ body: (Reading) -> Bool
  ) {
    let bit = page.misreadingBit
    var index = 0
    for start in starts where start.pages & bit != 0 {
      let position = Int(start.index)
      if position < index { continue }
      // A start's character is a lead of the page (`leadMask`): a non-ASCII character the
      // page produces, so `upperByte` finds its byte.
      let lead = page.upperByte(for: text[position])
      if lead != 0, let candidate = sequence(at: position, lead: lead, in: text, page: page) {
        index = candidate.end
        if !body(candidate) { return }
      }
    }
  }

  /// Calls `body` with each reading of `page` in `text`, in order, while it returns true.
  /// Leads and continuations are recognised through `CodePages.leadMask` and
  /// `continuationMask` (a bit per page, one 19 KiB table each) rather than the page's own
  /// reverse table: the scan, run once per page and line, then reads two small tables
  /// shared by every page.
  @inline(__always)
  static func forEachCandidate(
    in text: [UInt32], page: CodePage, _ body: (Reading) -> Bool
  ) {
    text.withUnsafeBufferPointer { text in forEachCandidate(in: text, page: page.tables, body) }
  }

  /// `forEachCandidate(in:page:_:)` over a buffer and a page's plain tables (nothing
  /// retained).
  @inline(__always)
  static func forEachCandidate(
    in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables, _ body: (Reading) -> Bool
  ) {
    let bit = page.misreadingBit
    // Read through buffers: no bounds check per look at the text.
    let tables = CodePages.scanTables  // one lazy-global check (see `pageMasks`)
    let leadMask = tables.lead
    let continuationMask = tables.continuation
    var index = 0
    // (The last character starts no sequence: nothing follows it.)
    let last = text.count - 1
    while index < last {
      let value = text[index]
      if value >= 0x80 {
        // Whether this character is a lead of the page and the next may continue it, as
        // one test of bits rather than a branch on each (see `pageMasks`): "?" (in the
        // table) and U+FFFD stand for a lost byte, a space (all ones when `next` is one) for
        // a collapsed NBSP byte.
        let leads: UInt16 =
          value < CodePage.flatLimit
          ? leadMask[Int(value)]
          : page.byte(for: value).map { $0 >= 0xC2 && $0 <= 0xF4 } ?? false ? bit : 0
        let next = text[index + 1]
        let continuation: UInt16
        if next < CodePage.flatLimit {
          continuation = continuationMask[Int(next)]
        } else if next == 0xFFFD {
          continuation = 0xFFFF
        } else {
          continuation = mayContinue(next, page: page) ? bit : 0
        }
        let spaceMask = UInt16(truncatingIfNeeded: (Int(next ^ 0x20) &- 1) >> 63)
        if leads & (continuation | spaceMask) & bit != 0, let lead = page.byte(for: value),
          let candidate = sequence(at: index, lead: lead, in: text, page: page)
        {
          index = candidate.end
          if !body(candidate) { return }
          continue
        }
      }
      index += 1
    }
  }

  /// `mayContinue(_:page:)` through `continuationMask`.
  @inline(__always)
  private static func mayContinue(
    _ value: UInt32, bit: UInt16, page: CodePage.Tables,
    continuationMask: UnsafeBufferPointer<UInt16>
  ) -> Bool {
    if value == 0x20 || value == 0x3F || value == 0xFFFD { return true }
    guard value >= 0x80 else { return false }
    if value < CodePage.flatLimit { return continuationMask[Int(value)] & bit != 0 }
    return mayContinue(value, page: page)
  }

  /// Whether `value` can stand second in a sequence of `page`: a continuation byte, or a
  /// lost byte (U+FFFD, "?") or a space standing for NBSP. Most leads fail this, and the
  /// check spares them building a candidate.
  @inline(__always)
  private static func mayContinue(_ value: UInt32, page: CodePage.Tables) -> Bool {
    if value == 0x20 || value == 0x3F || value == 0xFFFD { return true }
    guard value >= 0x80, let byte = page.byte(for: value) else { return false }
    return byte >= 0x80 && byte <= 0xBF
  }

  /// The reading of `page` whose lead (byte `lead`) is at `start`, if any.
  @inline(__always)
  static func sequence(
    at start: Int, lead: UInt8, in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables
  )
    -> Reading?
  {
    // Nearly every sequence found is two or three bytes whose continuations are all there
    // (no lost byte, no space for NBSP, no surrogate, no overlong form): read at once.
    // ("â€" followed by a continuation is no dropped third byte: that needs ASCII next.)
    // (`upperByte` is 0 for ASCII and for characters the page cannot produce: no
    // continuation either way.)
    if lead < 0xE0 {
      if start + 1 < text.count, case let second = page.upperByte(for: text[start + 1]),
        second >= 0x80, second <= 0xBF
      {
        return Reading(
          start: start, end: start + 2, scalar: UInt32(lead & 0x1F) << 6 | UInt32(second & 0x3F),
          lost: false, guessedSpace: false)
      }
    } else if lead < 0xF0 {
      if start + 2 < text.count, case let second = page.upperByte(for: text[start + 1]),
        second >= 0x80, second <= 0xBF
      {
        let value = text[start + 2]
        let third = page.upperByte(for: value)
        // (E0 and ED, "à" and "í" in windows-1252 and many pages, lead often: an overlong
        // E0 form is no reading; an ED surrogate is read on the rarer path.)
        if third >= 0x80 && third <= 0xBF {
          if lead == 0xED && second >= 0xA0 {
            return sequenceOfOtherShape(at: start, lead: lead, in: text, page: page)
          }
          if lead == 0xE0 && second < 0xA0 { return nil }
          return Reading(
            start: start, end: start + 3,
            scalar: UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F),
            lost: false, guessedSpace: false)
        }
        // A third character that is non-ASCII but neither a continuation nor a lost byte
        // ends the sequence: no reading (nor a dropped third byte, which needs ASCII next).
        if value >= 0x80 && value != 0xFFFD { return nil }
      }
    }
    return sequenceOfOtherShape(at: start, lead: lead, in: text, page: page)
  }

  /// `sequence` for the rarer shapes: a lost byte, a space for NBSP, a four-byte sequence,
  /// a surrogate pair, or no sequence at all (it reads the common ones too, as the tests
  /// check). Kept out of line so that the common shapes cost no call.
  @inline(never)
  static func sequenceOfOtherShape(
    at start: Int, lead: UInt8, in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables
  ) -> Reading? {
    let needed = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3
    if let lostQuote = droppedThirdByte(at: start, lead: lead, in: text, page: page) {
      return lostQuote
    }
    // (Positions within the line, steps of at most four: no overflow checks below.)
    guard start &+ needed < text.count else { return nil }
    // The sequence's bytes packed into one integer (lead first), without allocating.
    var packed = UInt32(lead)
    var second: UInt8 = 0
    var lost = false
    var guessedSpace = false
    for offset in 1...needed {
      let value = text[start &+ offset]
      var byte: UInt8
      if case let mapped = page.upperByte(for: value), mapped >= 0x80, mapped <= 0xBF {
        byte = mapped
      } else if (value == 0xFFFD || (value == 0x3F && (offset > 1 || lead >= 0xE0 || lead <= 0xC3)))
        && (0xC0...0x17F).contains(text[start])
      {
        // A lost byte: only after a Latin lead ("Ã", "â", "Ă"), the common mojibake shape.
        lost = true
        byte = 0x80
      } else if value == 0x20 && (offset == 1 || lead >= 0xE0) && !guessedSpace {
        guessedSpace = true
        byte = 0xA0
      } else {
        return nil
      }
      if offset == 1 { second = byte }
      packed = packed << 8 | UInt32(byte)
    }
    if lost && guessedSpace { return nil }
    if !lost {
      switch lead {
      case 0xE0 where second < 0xA0: return nil
      case 0xF0 where second < 0x90: return nil
      case 0xF4 where second > 0x8F: return nil
      case 0xED where second >= 0xA0:
        return surrogatePair(at: start, bytes: unpack(packed, count: 3), in: text, page: page)
      default: break
      }
    }
    if guessedSpace && lead == 0xC3 && needed == 1 {
      // "Ã " is "à" whose NBSP became a space; a following space was the word gap.
      // Portuguese contractions (às, àquele) join the next word instead.
      return Reading(
        start: start, end: start + 2, scalar: 0xE0, lost: lost, guessedSpace: guessedSpace,
        keepsSpace: agraveKeepsSpace(start: start, in: text))
    }
    return Reading(
      start: start, end: start &+ needed &+ 1,
      scalar: lost ? 0xFFFD : decodePacked(packed, count: needed + 1), lost: lost,
      guessedSpace: guessedSpace)
  }

  /// "â€" not followed by a third byte (a space, punctuation, a letter, the end of the
  /// line): E2 80 is the start of ” ’ “ – — … •, and sloppy windows-1252 drops 9D, the last
  /// byte of ”. Which character it was is not proven (a space after it may also be a
  /// collapsed NBSP, E2 80 A0 †), so it is lost: one U+FFFD, reported lossy, the following
  /// character kept. The quote restorer may turn it into ” when a “ is open.
  private static func droppedThirdByte(
    at start: Int, lead: UInt8, in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables
  ) -> Reading? {
    // "€" itself, not U+0080: Latin-1 readings keep every byte. What follows must be ASCII
    // (not "?", a lost byte of its own) or nothing: a non-ASCII character may continue
    // deeper mojibake ("â\u{80}â\u{80}\u{9C}" is a double-encoded –).
    guard lead == 0xE2, start + 1 < text.count, text[start + 1] == 0x20AC,
      page.dropsUndefinedBytes
    else { return nil }
    if start + 2 < text.count {
      let next = text[start + 2]
      if next >= 0x80 || next == 0x3F { return nil }
    }
    return Reading(start: start, end: start + 2, scalar: 0xFFFD, lost: true, guessedSpace: false)
  }

  /// Decodes a well-formed UTF-8 sequence packed into an integer, lead byte highest.
  @inline(__always)
  private static func decodePacked(_ packed: UInt32, count: Int) -> UInt32 {
    switch count {
    case 2: return (packed >> 8 & 0x1F) << 6 | (packed & 0x3F)
    case 3: return (packed >> 16 & 0x0F) << 12 | (packed >> 8 & 0x3F) << 6 | (packed & 0x3F)
    default:
      return (packed >> 24 & 0x07) << 18 | (packed >> 16 & 0x3F) << 12 | (packed >> 8 & 0x3F) << 6
        | (packed & 0x3F)
    }
  }

  @inline(__always)
  private static func unpack(_ packed: UInt32, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: packed >> (8 * UInt32(count - 1 - $0))) }
  }

  /// Whether "Ã " at `start` reads as "à " (the space was also the word gap) rather than "à"
  /// (the space was only the collapsed NBSP byte).
  private static func agraveKeepsSpace(start: Int, in text: UnsafeBufferPointer<UInt32>) -> Bool {
    let afterSpace = start + 2
    if afterSpace >= text.count { return false }
    // "città ." came from "città." : a space before punctuation was the NBSP byte.
    switch text[afterSpace] {
    case 0x20, 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0xBB, 0x22: return false
    default: break
    }
    // Where the line shows "Ã" followed by two spaces elsewhere, its spaces were not
    // collapsed: an "à" ending a word kept its word gap there, so a single space before a
    // letter was only the NBSP byte and the "à" belongs to the word that follows
    // (Vietnamese "vÃ o" is "vào", beside "nhÃ  mÃ¡y", "nhà máy").
    if showsUncollapsedSpaces(in: text, near: start) { return false }
    var word: [UInt8] = []
    var index = afterSpace
    while index < text.count, (0x61...0x7A).contains(text[index]) {
      word.append(UInt8(text[index]))
      index += 1
    }
    let nextIsApostrophe = index < text.count && (text[index] == 0x27 || text[index] == 0x2019)
    // Portuguese contractions of "a" ("às", "àquele" …): a switch over a small string, not a
    // `Set` built per call (hashing six strings cost some 30,000 instructions a call).
    switch String(decoding: word, as: UTF8.self) {
    case "s", "quele", "queles", "quela", "quelas", "quilo": return nextIsApostrophe
    default: return true
    }
  }

  /// Whether `text` holds "Ã" followed by two spaces within 256 characters of `position`:
  /// an "à" whose NBSP byte became a space and whose word gap was kept, so the text's spaces
  /// were not collapsed into one. (A window, not the whole line: a line of many "Ã "
  /// readings stays linear.)
  private static func showsUncollapsedSpaces(
    in text: UnsafeBufferPointer<UInt32>, near position: Int
  ) -> Bool {
    var index = max(0, position - 256)
    let end = min(text.count, position + 256)
    while index + 2 < end {
      if text[index] == 0xC3 && text[index + 1] == 0x20 && text[index + 2] == 0x20 { return true }
      index += 1
    }
    return false
  }

  /// CESU-8: a surrogate pair written as two three-byte sequences.
  private static func surrogatePair(
    at start: Int, bytes: [UInt8], in text: UnsafeBufferPointer<UInt32>, page: CodePage.Tables
  )
    -> Reading?
  {
    guard bytes[1] <= 0xAF, start + 5 < text.count else { return nil }
    var low: [UInt8] = []
    for offset in 3...5 {
      guard let byte = page.byte(for: text[start + offset]) else { return nil }
      low.append(byte)
    }
    guard low[0] == 0xED, (0xB0...0xBF).contains(low[1]), (0x80...0xBF).contains(low[2]) else {
      return nil
    }
    let high = decodeUTF8(bytes) - 0xD800
    let lowValue = decodeUTF8(low) - 0xDC00
    let scalar = 0x10000 + (high << 10) + lowValue
    return Reading(start: start, end: start + 6, scalar: scalar, lost: false, guessedSpace: false)
  }

  @inline(__always)
  static func decodeUTF8(_ bytes: [UInt8]) -> UInt32 {
    switch bytes.count {
    case 2: return UInt32(bytes[0] & 0x1F) << 6 | UInt32(bytes[1] & 0x3F)
    case 3:
      return UInt32(bytes[0] & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)
    default:
      return UInt32(bytes[0] & 0x07) << 18 | UInt32(bytes[1] & 0x3F) << 12
        | UInt32(bytes[2] & 0x3F) << 6 | UInt32(bytes[3] & 0x3F)
    }
  }

  // MARK: Scoring

  private static func score(
    _ candidate: inout Candidate, pool: UnsafeBufferPointer<UInt32>,
    in text: UnsafeBufferPointer<UInt32>, scripts: ScriptCounts, before: UInt32?, after: UInt32?,
    lookup: TextModel.InfoLookup
  ) {
    // A one-scalar replacement is scored as one value, not through the pool.
    if !candidate.isSingle {
      score(
        &candidate, candidate.replacement(in: pool), in: text, scripts: scripts, before: before,
        after: after, lookup: lookup)
    } else {
      score(
        &candidate, CollectionOfOne(candidate.single), in: text, scripts: scripts,
        before: before, after: after, lookup: lookup)
    }
  }

  /// (`TextModel`'s table is passed in, taken once per line by `judge`: no lazy-global check
  /// nor reference count per candidate.)
  private static func score<Replacement: RandomAccessCollection<UInt32>>(
    _ candidate: inout Candidate, _ replacement: Replacement, in text: UnsafeBufferPointer<UInt32>,
    scripts: ScriptCounts, before: UInt32?, after: UInt32?, lookup: TextModel.InfoLookup
  ) {
    do {
      let originalBefore = candidate.start > 0 ? text[candidate.start - 1] : nil
      let originalAfter = candidate.end < text.count ? text[candidate.end] : nil
      let span = text[candidate.start..<candidate.end]
      // (A layer of a deeper candidate is scored over the same span: its cost is kept.)
      if candidate.spanCost < 0 {
        candidate.spanCost = TextModel.cost(of: span, before: originalBefore, after: originalAfter)
      }
      var original = candidate.spanCost
      let first = text[candidate.start]
      if first == 0xC3 || first == 0xC2 {
        // Ã and Â are rare in running text but normal inside capitals (NÃO, MISUTÂ).
        let capitals =
          (originalBefore.map { lookup($0).isUpper } ?? false)
          || (originalAfter.map { lookup($0).isUpper } ?? false)
        if capitals { original -= first == 0xC3 ? 1 : 2 }
      }
      // The decoded characters are looked up once, for every question asked of them below.
      var firstNonASCII: UInt32?
      var firstNonASCIIInfo = lookup(0)
      var replacementCharacters = 0
      var producesRareCharacter = false
      var decodesToLetterOrMark = false
      var allWelcome = true
      for value in replacement {
        let info = lookup(value)
        if info.kind == .letter || info.kind == .mark { decodesToLetterOrMark = true }
        guard value >= 0x80 else { continue }
        if firstNonASCII == nil {
          firstNonASCII = value
          firstNonASCIIInfo = info
        }
        if allWelcome && !isWelcome(value, info) { allWelcome = false }
        if value == 0xFFFD {
          replacementCharacters += 1
          continue
        }
        // Never produce a rare letter (IPA, ſ, Ġ …) or a control: valid-but-wrong round trips.
        // C1 controls are allowed: they are the middle step of double encoding.
        if isRare(info, value) { producesRareCharacter = true }
      }
      var repaired = TextModel.cost(of: replacement, before: before, after: after)
      repaired += contextPenalty(
        candidate, firstNonASCII: firstNonASCII, info: firstNonASCIIInfo, scripts: scripts,
        before: before, after: after, lookup: lookup)
      // A U+FFFD that was already there costs less: the repair only stops it pretending to be
      // letters.
      if candidate.lost {
        repaired -= 2 * Float(replacementCharacters)
      }
      var gain = original - repaired
      if candidate.guessedSpace || candidate.lost { gain -= 1 }
      if producesRareCharacter { gain = -10 }
      // "Ã’s": a closing quote between letters is an apostrophe, not a continuation byte.
      if span.count == 2, span.last == 0x2019, let originalAfter,
        lookup(originalAfter).kind == .letter
      {
        gain -= 2
      }
      // "IKEA™", "AHÅ™": a trademark sign after a capital is usually meant.
      if span.count == 2 && span.last == 0x2122 { gain -= 1 }
      candidate.gain = gain
      if candidate.guessedSpace && candidate.parts == 1 {
        var next = candidate.end
        while next < text.count && text[next] == 0x20 { next += 1 }
        let nextIsLower = next < text.count && lookup(text[next]).isLower
        let lead = text[candidate.start]
        candidate.strong = (lead == 0xC3 || lead == 0xC2) && nextIsLower && gain >= 2.5
      } else if candidate.lost || candidate.guessedSpace {
        // "â€" standing alone is mojibake's own signature (no language writes it).
        candidate.signature =
          candidate.lost && span.count == 2 && span.first == 0xE2 && span.last == 0x20AC
        candidate.strong = gain >= strongGain || (candidate.signature && gain > 0)
      } else {
        // Symbols decoded from symbols with no letter around ("`¬´" → "«") are coincidences.
        let letterNearby =
          (originalBefore.map { lookup($0).kind == .letter } ?? false)
          || (originalAfter.map { lookup($0).kind == .letter } ?? false)
          || decodesToLetterOrMark
        candidate.strong =
          gain >= strongGain
          && (span.contains { $0 >= 0x80 && $0 <= 0x9F }
            || (allWelcome
              && (letterNearby || replacement.first! >= 0x2000)))
        // "â€" and a third character read as one of the general punctuation marks (– — ’ “ ” …)
        // is mojibake's own signature too: "â" before "€" is no language's spelling, and the
        // pair is E2 80, the lead of every one of those marks ("5â€“7%" beside a correct "é").
        // Only between ASCII neighbours: beside other non-ASCII characters it may be the tail
        // of a longer reading through another page ("Ă…â€”" is "Å—" through windows-1250).
        candidate.markSignature =
          span.count == 3 && span.first == 0xE2 && text[candidate.start + 1] == 0x20AC
          && replacement.count == 1 && isWindows1252Mark(replacement.first!)
          && (originalBefore.map { $0 < 0x80 } ?? true)
          && (originalAfter.map { $0 < 0x80 } ?? true)
        if candidate.markSignature && gain > 0 { candidate.strong = true }
      }
    }
  }

  /// The accented letters and typographic marks that most mojibake stands for, across the
  /// major Latin-script languages.
  private static let commonCharacters: Set<UInt32> = Set(
    "éèàüöäñóáíçãúêôâõîëïùûőűłśżźćńęąšžčřěůýß“”‘’–—…«»€".unicodeScalars.map(\.value))

  private static func decodesToCommonText(
    _ candidate: Candidate, pool: UnsafeBufferPointer<UInt32>
  ) -> Bool {
    guard !candidate.isSingle else {
      return candidate.single < 0x80 || commonCharacters.contains(candidate.single)
    }
    return candidate.replacement(in: pool).allSatisfy { $0 < 0x80 || commonCharacters.contains($0) }
  }

  /// Whether a lone repair agrees with the correct text around it, which is then evidence
  /// enough on its own: the text a partly broken line keeps intact tells which language and
  /// which typography the line is written in, and a broken span decodes to the same ones.
  /// - Letters: every decoded letter is Latin, the rest of the line holds at least one
  ///   accented Latin letter, and one alphabet (`LegacyCodePages.latinAlphabets`, or
  ///   Vietnamese) holds them all, case folded ("ansÃ¦tter" beside "åbnet" is Danish "æ";
  ///   "yÄ±l" beside "İstanbul", "geçecek" is Turkish "ı"). A letter no language of the line
  ///   writes stays a coincidence. Letters touching the span must fit too but are no
  ///   evidence: they may be the rest of the same damage ("SPÃ“ÅKA", whose "Å" lost its
  ///   second byte).
  /// - Punctuation: the decoded mark is one the line already uses, or the other half of a
  ///   pair it uses (« », “ ”, ‘ ’): a line writes its quotes and dashes one way throughout.
  ///   Marks standing among symbols ("¬½¬«") are no evidence.
  /// The caller keeps the stricter rules for a space guessed for a collapsed NBSP and for a
  /// lost byte: damage of another kind beside the span.
  private static func agreesWithLine(
    _ candidate: Candidate, pool: UnsafeBufferPointer<UInt32>, in text: UnsafeBufferPointer<UInt32>,
    _ candidates: [Candidate], isAccepted: (Candidate) -> Bool
  ) -> Bool {
    var decodedLetters: [UInt32] = []
    var decodedMarks: [UInt32] = []
    for value in candidate.replacement(in: pool) where value >= 0x80 {
      let info = TextModel.info(value)
      switch info.kind {
      case .letter:
        guard info.script == .latin else { return false }
        decodedLetters.append(LegacyCodePages.lowercase(value))
      case .punct, .openQuote, .closeDoubleQuote: decodedMarks.append(value)
      default: return false
      }
    }
    if decodedLetters.isEmpty && decodedMarks.isEmpty { return false }
    var lineLetters: [UInt32] = []
    var lineMarks: [UInt32] = []
    var touchingLetters: [UInt32] = []
    var next = 0
    var index = 0
    while index < text.count {
      while next < candidates.count && !isAccepted(candidates[next]) { next += 1 }
      if next < candidates.count && index == candidates[next].start {
        index = candidates[next].end
        next += 1
        continue
      }
      let value = text[index]
      index += 1
      guard value >= 0xA0 else { continue }
      let info = TextModel.info(value)
      let touchesSpan = index == candidate.start || index - 1 == candidate.end
      if info.kind == .letter && info.script == .latin && value >= 0xC0 && touchesSpan {
        touchingLetters.append(LegacyCodePages.lowercase(value))
      } else if info.kind == .letter && info.script == .latin && value >= 0xC0 {
        lineLetters.append(LegacyCodePages.lowercase(value))
      } else if info.kind == .punct || info.kind == .openQuote || info.kind == .closeDoubleQuote,
        standsInText(at: index - 1, in: text)
      {
        lineMarks.append(value)
      }
    }
    if !decodedMarks.isEmpty {
      let marksAgree = decodedMarks.allSatisfy { mark in
        lineMarks.contains { $0 == mark || $0 == pairedMark(mark) }
      }
      if !marksAgree { return false }
    }
    if decodedLetters.isEmpty { return true }
    guard !lineLetters.isEmpty else { return false }
    if decodedLetters.allSatisfy(isVietnameseLetter) && lineLetters.allSatisfy(isVietnameseLetter)
      && touchingLetters.allSatisfy(isVietnameseLetter)
    {
      return true
    }
    return LegacyCodePages.alphabetsHolding(decodedLetters)
      & LegacyCodePages.alphabetsHolding(lineLetters)
      & LegacyCodePages.alphabetsHolding(touchingLetters) != 0
  }

  /// Whether neither neighbour of the character at `index` is a symbol, box drawing or a
  /// control: a mark among other mojibake ("¬½¬«") is no evidence of the line's typography.
  private static func standsInText(at index: Int, in text: UnsafeBufferPointer<UInt32>) -> Bool {
    for neighbour in stride(from: index - 1, through: index + 1, by: 2)
    where neighbour >= 0 && neighbour < text.count {
      switch TextModel.info(text[neighbour]).kind {
      case .symbol, .box, .control, .other: return false
      default: continue
      }
    }
    return true
  }

  /// Whether two Latin-1 symbols (U+00A1...U+00BF) stand side by side outside `candidates`:
  /// a shape of mojibake that clean text does not write.
  private static func hasSymbolPairOutside(
    _ candidates: [Candidate], in text: UnsafeBufferPointer<UInt32>
  ) -> Bool {
    var next = 0
    var previousWasSymbol = false
    var index = 0
    while index < text.count {
      if next < candidates.count && index == candidates[next].start {
        index = candidates[next].end
        next += 1
        previousWasSymbol = false
        continue
      }
      let isSymbol = text[index] >= 0xA1 && text[index] <= 0xBF
      if isSymbol && previousWasSymbol { return true }
      previousWasSymbol = isSymbol
      index += 1
    }
    return false
  }

  /// Whether the characters on both sides of a candidate are ASCII (or the line's ends).
  private static func hasASCIINeighbours(
    _ candidate: Candidate, in text: UnsafeBufferPointer<UInt32>
  ) -> Bool {
    (candidate.start == 0 || text[candidate.start - 1] < 0x80)
      && (candidate.end == text.count || text[candidate.end] < 0x80)
  }

  /// Whether a candidate decodes to a single quotation mark of `pairedMark`.
  private static func isQuotationMark(_ candidate: Candidate) -> Bool {
    candidate.isSingle && pairedMark(candidate.single) != 0
  }

  /// The other half of a quotation mark pair (0 for other marks).
  private static func pairedMark(_ value: UInt32) -> UInt32 {
    switch value {
    case 0xAB: return 0xBB
    case 0xBB: return 0xAB
    case 0x201C: return 0x201D
    case 0x201D: return 0x201C
    case 0x2018: return 0x2019
    case 0x2019: return 0x2018
    default: return 0
    }
  }

  /// Lower-case letters of Vietnamese: its vowels with tone marks (Latin Extended
  /// Additional U+1EA0...U+1EF9) and the accented letters it shares with other alphabets.
  static func isVietnameseLetter(_ value: UInt32) -> Bool {
    if value >= 0x1EA0 && value <= 0x1EF9 { return true }
    switch value {
    case 0xE0, 0xE1, 0xE2, 0xE3, 0xE8, 0xE9, 0xEA, 0xEC, 0xED, 0xF2, 0xF3, 0xF4, 0xF5, 0xF9,
      0xFA, 0xFD, 0x103, 0x111, 0x129, 0x169, 0x1A1, 0x1B0:
      return true
    default: return false
    }
  }

  /// Whether every non-ASCII character a candidate decodes to is a letter or one of
  /// `commonCharacters`.
  private static func decodesToLettersOrCommonText(
    _ candidate: Candidate, pool: UnsafeBufferPointer<UInt32>
  ) -> Bool {
    candidate.replacement(in: pool).allSatisfy { value in
      value < 0x80 || commonCharacters.contains(value) || TextModel.info(value).kind == .letter
    }
  }

  /// Letters per script outside every candidate (the first 200 letters of the line).
  /// Letters per `TextModel.Script` (by raw value), in a value that needs no allocation.
  typealias ScriptCounts = SIMD16<Int32>

  private static func outsideScripts(
    _ text: UnsafeBufferPointer<UInt32>, _ candidates: [Candidate],
    lookup infoOf: TextModel.InfoLookup
  ) -> ScriptCounts {
    // Read through buffers: no bounds check or candidate copy per character.
    // (`TextModel`'s table passed in: no lazy-global check per letter.)
    candidates.withUnsafeBufferPointer { candidates in
      // Counted in stack memory: a SIMD lane picked by a variable index is written through
      // a spill of the whole vector.
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: ScriptCounts.scalarCount) {
        counts in
        counts.initialize(repeating: 0)
        var next = 0
        var index = 0
        var seen = 0
        while index < text.count && seen < 200 {
          if next < candidates.count && index == candidates[next].start {
            index = candidates[next].end
            next &+= 1  // (indices and counts within the line: no overflow checks)
            continue
          }
          let value = text[index]
          if value >= 0x41 {
            let info = infoOf(value)
            if info.kind == .letter {
              counts[Int(info.script.rawValue) & (ScriptCounts.scalarCount - 1)] &+= 1
              seen &+= 1
            }
          }
          index &+= 1
        }
        var result = ScriptCounts()
        for lane in 0..<ScriptCounts.scalarCount { result[lane] = counts[lane] }
        return result
      }
    }
  }

  /// Characters a repair may produce on its own evidence.
  private static func isWelcome(_ value: UInt32) -> Bool {
    isWelcome(value, TextModel.info(value))
  }

  /// `isWelcome(value)` given `TextModel.info(value)`.
  @inline(__always)
  private static func isWelcome(_ value: UInt32, _ info: TextModel.Info) -> Bool {
    switch info.kind {
    case .letter: return info.cost < 3
    case .emoji: return true
    case .punct, .openQuote, .closeDoubleQuote: return info.cost <= 1.5
    case .space: return value == 0xA0
    case .symbol: return info.cost <= 1.5
    case .replacement: return true
    case .mark: return info.cost <= 2
    default: return false
    }
  }

  /// Whether `contextPenalty` reads the script counts for a replacement whose first
  /// non-ASCII character is this one: a letter outside Latin and Greek.
  @inline(__always)
  private static func decodesToOtherScript(
    _ firstNonASCII: UInt32?, _ lookup: TextModel.InfoLookup
  ) -> Bool {
    guard let value = firstNonASCII, value >= 0xC0 else { return false }
    let info = lookup(value)
    return info.kind == .letter && info.script != .latin && info.script != .greek
  }

  /// A decoded letter of a script the rest of the line does not use, standing alone, is a
  /// coincidence more often than a repair.
  private static func contextPenalty(
    _ candidate: Candidate, firstNonASCII: UInt32?, info: TextModel.Info,
    scripts counts: ScriptCounts, before: UInt32?, after: UInt32?, lookup: TextModel.InfoLookup
  ) -> Float {
    guard let value = firstNonASCII, value >= 0xC0 else {
      return 0
    }
    guard info.kind == .letter || info.kind == .mark else { return 0 }
    var penalty: Float = 0
    // Single-letter words: French/Portuguese/Italian à é è ò ó exist, others are coincidences.
    let isOneLetterWord: Bool
    switch value {
    case 0xE0, 0xE8, 0xE9, 0xF2, 0xF3, 0xC0, 0xC9: isOneLetterWord = true
    default: isOneLetterWord = false
    }
    if candidate.replacementCount == 1 && !isOneLetterWord && info.kind != .mark
      && !(before.map { lookup($0).kind == .letter } ?? false)
      && !(after.map { lookup($0).kind == .letter } ?? false)
    {
      penalty += 2
    }
    // Greek letters are common inside Latin text (μs, γ-ray); other scripts are not.
    if info.kind == .letter && info.script != .latin && info.script != .greek {
      if counts[Int(info.script.rawValue)] == 0 && counts.wrappedSum() > 3 { penalty += 3 }
    }
    return penalty
  }
}
