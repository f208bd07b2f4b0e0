/// Repairs UTF-8 text that was decoded as CP949 (Korean UHC), CP932 (Windows Shift_JIS) or
/// GBK by a decoder that writes U+FFFD for what it cannot map ("M체ller", "l鈥檚",
/// "縺ｮ譌･譛ｬ"). ftfy leaves this damage alone; much of it is recoverable, some is not.
///
/// The damage model is CPython's `errors="replace"` decoding (`scripts/mojibake/doublebyte.py`
/// checks it against the real codecs): a byte below 0x80 is itself; a byte the page maps on
/// its own is that character; otherwise the byte and the next one form a pair if the page
/// maps the pair, and if not the decoder writes one U+FFFD and consumes ONE byte. So every
/// character of the damaged text stands for known bytes, and every U+FFFD for one lost byte
/// X about which two facts are known: X ≥ 0x80, and the decoder refused it (X is no single-
/// byte character, and X with the byte after it is no pair).
///
/// Re-encoding the characters and filling the lost bytes so that the whole is well-formed
/// UTF-8 gives the original text. A character is restored only when every well-formed
/// completion agrees on it (the evidence the issue asks for); otherwise it is written as one
/// U+FFFD and reported lossy, never guessed. A run of lost bytes may even leave the number
/// of characters open; the completion with the fewest characters is taken (a lost byte read
/// as the lead of a four-byte character counting as four).
///
/// Which spans to re-read is decided per chunk of text between characters that cannot be
/// part of a pair (ASCII below `@`, and characters the page does not produce); a chunk is
/// re-read only when its completion exists and is no less plausible under `TextModel`, and
/// only on a line that some chunk proves misread (see `reading`): clean Korean, Japanese and
/// Chinese, also with English words and particles glued to them, must come back unchanged.
enum UTF8ReadAsDoubleByte {
  // MARK: Screen

  /// What `screen` finds in a text.
  enum Screen {
    case none
    /// The shape `hasDamageShape` looks for (a character from U+3000 up, so `repair`'s own
    /// entry would let the text in): `repair(_:describe:knownDamageShape:)` need not look
    /// again.
    case damageShape
    /// Only the opening guillemet's shape (`opensWithGuillemetShape`).
    case guillemet
  }

  /// Whether `repair` could change `text` (anything but `.none`), and which sign let it
  /// in, decided without allocation and without touching the code page tables (an OR of
  /// all values, then, for lines with CJK, one pass). A sign when a character the damage
  /// produces (Hangul, Han, kana, full-width or half-width forms) touches a Latin letter;
  /// when a half-width katakana touches a Han character or kana (CP932's signature:
  /// "縺ｮ"); when a space stands between two Han characters (GBK's reading of spaced
  /// scripts); or when CJK words stand between words of another script. U+FFFD, the other
  /// signature, is screened by the caller. Clean CJK text, clean Latin text and CJK text
  /// with separate English words give `.none`.
  static func screen(_ text: [UInt32]) -> Screen {
    // Most lines hold no character from U+3000 up: an OR of all values (which vectorises,
    // and is at least the largest value) rules them out first.
    guard orOfAll(text) >= 0x3000 else { return .none }
    if text.withUnsafeBufferPointer(hasDamageShape) { return .damageShape }
    return opensWithGuillemetShape(text) ? .guillemet : .none
  }

  /// Whether the line opens with a word of one or two CJK characters and holds a "»": the
  /// shape of a quotation's "«" (C2 AB) read through a page at the start of a line ("芦
  /// Nous sommes …", "ﾂｫ Nous …"), which `hasDamageShape` does not see (no letter of
  /// another script before it). `repairOpeningGuillemet` decides.
  private static func opensWithGuillemetShape(_ text: [UInt32]) -> Bool {
    guard text.count > 3, isDamageCJK(text[0]) else { return false }
    let wordEnd = text[1] == 0x20 ? 1 : isDamageCJK(text[1]) && text[2] == 0x20 ? 2 : 0
    return wordEnd > 0 && text[(wordEnd + 1)...].contains(0xBB)
  }

  /// The OR of all values: at least the largest, in a loop that vectorises. (An OR that
  /// leaves U+FFFD out, which would turn lossy lines without CJK away here rather than in
  /// `candidatePages`, compiled to a scalar select per character: syn-all +1.0M
  /// instructions.)
  @inline(__always)
  private static func orOfAll(_ text: [UInt32]) -> UInt32 {
    text.withUnsafeBufferPointer { buffer in
      var bits: UInt32 = 0
      for value in buffer { bits |= value }
      return bits
    }
  }

  /// The character-by-character part of `screen`.
  private static func hasDamageShape(_ text: UnsafeBufferPointer<UInt32>) -> Bool {
    // Every sign needs a character the damage produces (`isDamageCJK`): before the first,
    // no branch below answers, and the state they leave is that of the characters just
    // before it. The first is found in a tight loop (a line let in by U+FFFD or a character
    // above the BMP alone has none), the state then read back from the characters before
    // it (`stateBefore`), and the scan starts there.
    var index = 0
    while index < text.count && !isDamageCJK(text[index]) { index &+= 1 }
    guard index < text.count else { return false }
    var (previous, letterBeforeSpace) = stateBefore(index, in: text)
    // What the last character before the current run of spaces, digits and ASCII
    // punctuation was: Han (GBK's reading of spaced Cyrillic, Greek, Hebrew or Arabic,
    // "袣芯屑锌邪薪懈褟 褋芯芯斜褖懈谢邪": Chinese and Japanese rarely put an ASCII space
    // between two Han characters), or a letter of another script (`letterBeforeSpace`).
    var hanBeforeSpace = false
    // A stretch of CJK words (with spaces, digits and punctuation between them) that began
    // right after a word of another script, and whether its last word has ended: a word of
    // another script after it closes the pattern ("effectifs 횪 Genève", "domanda ﾃｨ
    // forte", "выросла 戟逵 15% 極棘 сравнению").
    var stretch = false
    var stretchWordEnded = false
    // Whether `previous` is one of CP932's single-byte characters (`isCP932Single`).
    var previousIsSingle = false
    while index < text.count {
      let value = text[index]
      index += 1
      // The common characters first, with what the branches below make of them: an ASCII
      // letter (a mark only after a CJK character, CP932's singles among them, or closing
      // a stretch), and a space, digit or ASCII punctuation (neutral).
      if (value | 0x20) &- 0x61 < 26 {
        if isDamageCJK(previous) || (stretch && stretchWordEnded) { return true }
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
      if isDamageCJK(value) {
        // A half-width katakana glued to Han or kana, or to a letter of Latin, Greek,
        // Cyrillic, Armenian, Hebrew or Arabic script: CP932 reads the lead byte of each
        // two-byte UTF-8 character (C2-DF) as one ("ﾑτ", "ﾐｸ"), and no text in those
        // scripts glues such a character to its letters.
        isSingle = isCP932Single(value)
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
      } else if isLatinLetter(value) && isDamageCJK(previous) {
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

  /// `hasDamageShape`'s `previous` and `letterBeforeSpace` after the characters before
  /// `index`, none of which `isDamageCJK` takes (so no stretch is open, and no Han or
  /// CP932 single came before): `previous` is the last character that is not a C1 control
  /// (which the scan passes over) or a space when there is none; `letterBeforeSpace`
  /// whether the last that is neither a C1 control nor a space, digit or ASCII punctuation
  /// below "A" is a letter of another script (`isOtherScriptLetter`).
  @inline(__always)
  private static func stateBefore(_ index: Int, in text: UnsafeBufferPointer<UInt32>)
    -> (previous: UInt32, letterBeforeSpace: Bool)
  {
    var previous: UInt32 = 0x20
    var back = index - 1
    while back >= 0 && text[back] &- 0x80 <= 0x1F { back -= 1 }
    if back >= 0 { previous = text[back] }
    while back >= 0 && (text[back] &- 0x80 <= 0x1F || text[back] &- 0x20 <= 0x20) { back -= 1 }
    return (previous, back >= 0 && isOtherScriptLetter(text[back]))
  }

  /// Han (from U+3400), Hangul syllables and kana: characters `isDamageCJK` takes that
  /// are neither neutral, letters of other scripts, nor CP932's singles.
  @inline(__always)
  private static func isInCJKRun(_ value: UInt32) -> Bool {
    value &- 0x3400 <= 0x9FFF - 0x3400 || value &- 0xAC00 <= 0xD7A3 - 0xAC00
      || value &- 0x3040 <= 0x30FF - 0x3040
  }

  /// Letters of Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic script.
  @inline(__always)
  private static func isOtherScriptLetter(_ value: UInt32) -> Bool {
    isLatinLetter(value) || (value >= 0x370 && value <= 0x6FF && value != 0x37E && value != 0x387)
  }

  @inline(__always)
  private static func isHan(_ value: UInt32) -> Bool { value >= 0x4E00 && value <= 0x9FFF }

  @inline(__always)
  private static func isLatinLetter(_ value: UInt32) -> Bool {
    (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A || value >= 0xC0 && value <= 0x24F
      && value != 0xD7 && value != 0xF7
  }

  /// Characters that double-byte decoding of UTF-8 bytes yields: Hangul syllables and
  /// compatibility jamo, CJK ideographs, kana, CJK symbols, full-width and half-width forms.
  /// Read from `DoubleByteTables.damageCJKBits` (one subtraction for the characters below
  /// U+3000, a load for the others) rather than a chain of range tests, which LLVM laid out
  /// with Han sixth and Hangul seventh: the scans ask it of every character.
  @inline(__always)
  static func isDamageCJK(_ value: UInt32) -> Bool {
    let offset = value &- 0x3000
    guard offset < 0x10000 - 0x3000 else { return false }
    return DoubleByteTables.damageCJKBits[Int(offset &>> 6)] &>> (offset & 63) & 1 != 0
  }

  /// The characters CP932 reads from one byte at or above 0xA0: half-width katakana (0xA1-
  /// 0xDF) and the private-use characters CPython's codec gives 0xA0 and 0xFD-0xFF
  /// (U+F8F0-U+F8F3: "à", C3 A0, reads "ﾃ\u{F8F0}"). Only CP932 produces them.
  @inline(__always)
  static func isCP932Single(_ value: UInt32) -> Bool {
    (value >= 0xFF61 && value <= 0xFF9F) || (value >= 0xF8F0 && value <= 0xF8F3)
  }

  @inline(__always)
  private static func isHanOrKana(_ value: UInt32) -> Bool {
    (value >= 0x3040 && value <= 0x30FF) || (value >= 0x4E00 && value <= 0x9FFF)
  }

  // MARK: Repair

  /// Re-reads the chunks of `edit.text` that are UTF-8 read through one of the pages, with
  /// one step per chunk ("utf8-as-cp949" …), and says whether it changed anything. The
  /// caller runs it once per text: a text it repaired keeps its U+FFFD, and re-reading lost
  /// bytes twice would invent characters.
  @discardableResult
  /// - Parameter knownDamageShape: `screen(edit.text)` just answered `.damageShape`, so
  ///   the entry checks below would pass.
  static func repair(_ edit: inout EditLog, describe: Bool, knownDamageShape: Bool = false)
    -> Bool
  {
    let text = edit.text
    // Only a line with a character these pages produce can prove anything; tables are
    // built for the pages that produce one of them (Hangul: CP949 only, half-width
    // katakana: CP932 only).
    // The caller runs every stage on a line any stage screened in; this one needs its
    // own signs (a CJK character, and U+FFFD or what `screen` looks for) before any
    // table is read.
    if !knownDamageShape {
      guard orOfAll(text) >= 0x3000 else { return false }
    }
    // Every reading (and the guillemet's) needs a character the pages produce: a line
    // let in by U+FFFD or a character above the BMP alone has none, and is turned away
    // in one tight loop; the candidates are looked for from the first.
    let first = firstDamageCJK(in: text)
    guard first < text.count else { return false }
    if !knownDamageShape {
      // A line let in only by its opening guillemet gets that reading alone: the chunk
      // rules are not made for a CJK word that opens a line.
      guard text.contains(0xFFFD) || text.withUnsafeBufferPointer(hasDamageShape) else {
        return opensWithGuillemetShape(text)
          && repairOpeningGuillemet(&edit, describe: describe)
      }
    }
    let candidates = candidatePages(text, from: first)
    guard candidates != 0 else { return false }
    // With the buffers of the thread's earlier lines (see `ThreadScratch`).
    return ThreadScratch.withCurrent(keeping: text.count <= ThreadScratch.longestKept) {
      reread(&edit, candidates: candidates, describe: describe, scratch: &$0, chunks: &$1)
    }
  }

  /// `repair` of a line its screen let in, through the `candidates` pages. `chunks` is the
  /// thread's buffer for the line's chunks (apart from `scratch`, which the readings write
  /// to while they read the chunks).
  private static func reread(
    _ edit: inout EditLog, candidates: Int, describe: Bool, scratch: inout Scratch,
    chunks: inout [Chunk]
  ) -> Bool {
    let text = edit.text
    scratch.startLine(text: text)
    // With several candidates, their coverage bounds (see below) come with the chunks, in
    // the same pass over the line.
    var bounds = SIMD4<Int>(repeating: Int.max)
    if candidates.nonzeroBitCount > 1 {
      bounds = chunksAndCoverageBounds(of: text, into: &chunks)
    } else {
      Self.chunks(of: text, into: &chunks)
    }
    guard !chunks.isEmpty else { return false }
    // The page whose completions cover the most characters wins, proven or not (a page
    // that must cut words at characters it does not produce explains less), then the
    // larger gain; if the line is not proven for it, nothing changes (another page's
    // lucky proof on a fragment is no evidence).
    // (The page by id: a page is a struct of tables, copied and released otherwise.)
    // (Its changes and their texts are `scratch.bestChanges` and `scratch.bestDecoded`.)
    var best: (covered: Int, gain: Float, id: Int)?
    // The winner is the page with the most coverage, then the largest gain, then the
    // first in trial order: the same whatever order the pages are read in. With several
    // candidates, the one that may cover the most is read first, so that a reading that
    // can no longer reach the best coverage stops early (`reading`'s `needed`), and a page
    // whose bound is below it is not read at all (readings have no other effect).
    var remaining = candidates
    while remaining != 0 {
      // The candidate with the largest bound next (the first in trial order on a tie).
      var id = remaining.trailingZeroBitCount
      for other in (id + 1)..<3 where remaining & (1 << other) != 0 && bounds[other] > bounds[id] {
        id = other
      }
      remaining &= ~(1 << id)
      if let best, bounds[id] < best.covered { continue }
      // A page whose bound is 0 covers nothing: no later reading that could use this
      // one's span costs.
      scratch.moreReadings =
        (remaining & 1 != 0 && bounds[0] > 0) || (remaining & 2 != 0 && bounds[1] > 0)
        || (remaining & 4 != 0 && bounds[2] > 0)
      // The page passed as the global it is (`page(id)` returns a copy, whose arrays are
      // retained and released).
      let needed = best?.covered ?? 0
      let covered: Int
      switch id {
      case 0:
        covered = read(
          text, chunks: chunks, page: .cp949, bound: bounds[id], needed: needed, scratch: &scratch)
      case 1:
        covered = read(
          text, chunks: chunks, page: .cp932, bound: bounds[id], needed: needed, scratch: &scratch)
      default:
        covered = read(
          text, chunks: chunks, page: .gbk, bound: bounds[id], needed: needed, scratch: &scratch)
      }
      guard covered > 0 else { continue }
      let gain = scratch.changes.reduce(Float(0)) { $0 + $1.gain }
      if let best,
        best.covered > covered
          || (best.covered == covered
            && (best.gain > gain || (best.gain == gain && best.id < id)))
      {
        continue
      }
      best = (covered, gain, id)
      swap(&scratch.bestDecoded, &scratch.decoded)
      swap(&scratch.bestChanges, &scratch.changes)
    }
    guard let best, !scratch.bestChanges.isEmpty else { return false }
    // The best reading's changes and their texts (see `Scratch.decoded`).
    let bestChanges = scratch.bestChanges
    let bestDecoded = scratch.bestDecoded
    // The text between the changes and the changes' texts, copied into an array of the
    // final size (many short pieces: a copy each beats an append each).
    let length = bestChanges.reduce(text.count) { $0 - $1.range.count + $1.text.count }
    // (Filled, then written through a pointer: `Array(unsafeUninitializedCapacity:)`
    // allocates through a slow generic path, see `filledArray`, and an append each piece
    // costs a call each.)
    var output = filledArray(UInt32(0), count: length)
    text.withUnsafeBufferPointer { text in
      bestDecoded.withUnsafeBufferPointer { decoded in
        output.withUnsafeMutableBufferPointer { output in
          var target = output.baseAddress!
          @inline(__always)
          func copy(_ source: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) {
            target.update(from: source.baseAddress! + range.lowerBound, count: range.count)
            target += range.count
          }
          var position = 0
          for change in bestChanges {
            copy(text, position..<change.range.lowerBound)
            copy(decoded, change.text)
            position = change.range.upperBound
          }
          copy(text, position..<text.count)
        }
      }
    }
    // The edits in the scratch's buffer, written in place (`apply` reads them, and keeps
    // none): no array allocated and freed per line.
    if !scratch.edits.isEmpty { scratch.edits.removeAll(keepingCapacity: true) }
    scratch.edits.reserveCapacity(bestChanges.count)
    var details: [String] = []
    for change in bestChanges {
      if describe {
        details.append(
          "\(UTF8Misreading.describe(text[change.range])) -> \(UTF8Misreading.describe(bestDecoded[change.text]))"
        )
      }
      scratch.edits.append(
        TextEdit(
          start: change.range.lowerBound, end: change.range.upperBound, length: change.text.count))
    }
    edit.apply(
      output, edits: scratch.edits, details: details, kind: DoubleBytePage.kind(of: best.id))
    return true
  }

  /// Re-reads the opening word of a line `opensWithGuillemetShape` let in when its bytes
  /// through a page are exactly those of "«" (C2 AB) and a "»" closes it later on the line
  /// (`closesAPair`): the one reading such a line gets. Nothing else of the line changes.
  private static func repairOpeningGuillemet(_ edit: inout EditLog, describe: Bool) -> Bool {
    let text = edit.text
    let length = text[1] == 0x20 ? 1 : 2
    for id in 0..<3 {
      let page = DoubleBytePage.page(id)
      var bytes: [UInt8] = []
      for value in text[0..<length] {
        let code = page.code(of: value)
        guard code != 0 else { break }
        if code > 0xFF { bytes.append(UInt8(code >> 8)) }
        bytes.append(UInt8(truncatingIfNeeded: code))
      }
      guard bytes == [0xC2, 0xAB], closesAPair(text, 0..<length, [0xAB]) else { continue }
      let detail = describe ? "\(UTF8Misreading.describe(text[0..<length])) -> «" : ""
      edit.apply(
        [0xAB] + text[length...], edits: [(0, length, 1, detail)], kind: page.kind)
      return true
    }
    return false
  }

  /// The pages that produce one of the CJK characters of `text`, a bit per page id (trial
  /// order: cp949, cp932, gbk); bits rather than an array of pages, which would be built
  /// and released on every line.
  static func candidatePages(_ text: [UInt32]) -> Int {
    candidatePages(text, from: 0)
  }

  /// The index of the first character of `text` that `isDamageCJK` takes (`text.count`
  /// when none).
  private static func firstDamageCJK(in text: [UInt32]) -> Int {
    text.withUnsafeBufferPointer { text in
      var index = 0
      while index < text.count && !isDamageCJK(text[index]) { index &+= 1 }
      return index
    }
  }

  /// `candidatePages` of a text whose characters before `start` are none that
  /// `isDamageCJK` takes.
  private static func candidatePages(_ text: [UInt32], from start: Int) -> Int {
    var hangul = false
    var halfwidth = false
    var shared = false
    // One loop with one test of its end (a `for … where` with a `break` tested the end
    // twice per character) over the line's buffer; `isDamageCJK` turns the characters
    // below U+3000 away in its first comparison.
    text.withUnsafeBufferPointer { text in
      var index = start
      while index < text.count {
        let value = text[index]
        index &+= 1
        guard isDamageCJK(value) else { continue }
        if value >= 0xAC00 && value <= 0xD7A3 || value >= 0x3130 && value <= 0x318F {
          hangul = true
        } else if isCP932Single(value) {
          halfwidth = true
        } else {
          // A character all three pages produce: every page is a candidate.
          shared = true
          return
        }
      }
    }
    // (The ids as literals: reading them from the pages checks the globals' initialisation.)
    var pages = 0
    if hangul || shared { pages |= 1 << 0 }  // cp949
    if halfwidth || shared { pages |= 1 << 1 }  // cp932
    if shared { pages |= 1 << 2 }  // gbk
    return pages
  }

  /// What the readings of one line reuse: the completion's buffers, and the cost of each
  /// span as it stands (the same for every page that re-reads it). A thread keeps one from
  /// line to line (`ThreadScratch`): its buffers are allocated once, not per line.
  struct Scratch {
    var completion = DoubleByteCompletion.Scratch()
    /// The units of the span being judged (`DoubleByteCompletion.completableUnits`): a
    /// field apart from `completion`, so that the search reads them in place while it
    /// writes to its own buffers.
    var units: [DoubleByteUnit] = []
    /// The texts of the changes of the page being read, one after the other: the first
    /// `decodedEnd` values (the buffer is longer, with room for two characters per
    /// character of the line, so that completions are written in place; see `read`).
    var decoded: [UInt32] = []
    var decodedEnd = 0
    /// The texts of the best reading's changes so far (swapped with `decoded`).
    var bestDecoded: [UInt32] = []
    /// The changes of the reading in progress (`read`), and of the best reading so far.
    var changes: [Change] = []
    var bestChanges: [Change] = []
    /// The edits of the line's repair (see `reread`).
    var edits: [TextEdit] = []
    /// `read`'s runs of U+FFFD alone.
    var lostOnly: [LostRun] = []
    /// The spans' costs as they stand (a field apart, which `weigh` writes to while it
    /// reads `decoded` in place).
    var costs = SpanCosts()

    init() {}

    /// Buffers sized for `text` with `chunks` chunks once, rather than regrown as spans
    /// are judged.
    init(text: [UInt32], chunks: Int) {
      startLine(text: text)
    }

    /// Ready for the readings of a new line, `text`: no span costed yet, and buffers with
    /// room for the line (kept from earlier lines when large enough).
    mutating func startLine(text: [UInt32]) {
      costs.startLine()
      if units.capacity < text.count { units.reserveCapacity(text.count) }
    }

    /// Called as a reading starts (see `SpanCosts.earlier`).
    mutating func startReading() { costs.startReading() }

    /// Whether another page may read the line after the reading in progress (see
    /// `SpanCosts.moreReadings`).
    var moreReadings: Bool {
      get { costs.moreReadings }
      set { costs.moreReadings = newValue }
    }
  }

  /// The cost of each span a reading judged, as it stands: the same for every page that
  /// re-reads it.
  struct SpanCosts {
    /// The costs, the first `stored` of the buffer (kept from line to line: a line starts
    /// by setting `stored` to 0, and a cost is written over an old one where there is one,
    /// rather than the array emptied and appended to, each a generic call).
    private var spanCosts: [SpanCost] = []
    private var stored = 0
    /// Where the next lookup starts: each page judges the spans in the same order.
    private var cursor = 0
    /// How many of `spanCosts` earlier readings costed: a reading judges each span once,
    /// so only theirs can hold its spans (the first reading, most often the only one,
    /// looks nothing up).
    private var earlier = 0
    /// Whether another page may read the line after the reading in progress: only then
    /// are its spans' costs kept for it (`record`).
    var moreReadings = true

    /// Ready for a new line: no span costed yet.
    mutating func startLine() {
      stored = 0
      cursor = 0
      earlier = 0
      moreReadings = true
    }

    /// Called as a reading starts (see `earlier`).
    mutating func startReading() {
      earlier = stored
      cursor = 0
    }

    /// The cost an earlier reading found for the span at `range`, if any.
    @inline(__always)
    mutating func known(_ range: Range<Int>) -> Float? {
      for offset in 0..<earlier {
        var index = cursor + offset
        if index >= earlier { index -= earlier }
        if spanCosts[index].start == range.lowerBound && spanCosts[index].end == range.upperBound {
          cursor = index + 1
          return spanCosts[index].cost
        }
      }
      return nil
    }

    /// `cost` of the span at `range`, computed (kept only for the readings to come).
    @inline(__always)
    mutating func record(_ range: Range<Int>, _ cost: Float) {
      guard moreReadings else { return }
      let entry = SpanCost(start: range.lowerBound, end: range.upperBound, cost: cost)
      if stored < spanCosts.count {
        spanCosts[stored] = entry
      } else {
        spanCosts.append(entry)
      }
      stored += 1
    }
  }

  /// A thread's `Scratch`, kept from one line to the next in thread-local storage: the
  /// stage runs per line, and allocating and freeing its buffers for each line cost more
  /// than many of its readings. A class only to live behind the thread-local pointer; a
  /// line uses it in place (`withScratch`), and only the thread that owns it reads it.
  final class ThreadScratch {
    /// Only its thread reads it, one line at a time: the dynamic exclusivity check of a
    /// class's property (a runtime call per line) guards against nothing here.
    @exclusivity(unchecked) private var scratch = Scratch()
    /// The line's chunks (`chunks(of:into:)`), apart from `scratch` (see `reread`).
    @exclusivity(unchecked) private var chunks: [Chunk] = []

    /// The lines longer than this give their buffers up rather than keep them (a
    /// pathological line must not hold its memory for the rest of the run).
    static let longestKept = 4096

    /// The calling thread's box, created on its first line.
    static var current: ThreadScratch { perThread.current }

    private static let perThread = ThreadLocalBox { ThreadScratch() }

    /// `body` with the scratch and the chunks' buffer; their buffers are given up
    /// afterwards unless `keeping`.
    @inline(__always)
    func withScratch<Result>(
      keeping: Bool, _ body: (inout Scratch, inout [Chunk]) -> Result
    ) -> Result {
      defer {
        if !keeping {
          scratch = Scratch()
          chunks = []
        }
      }
      return body(&scratch, &chunks)
    }

    /// `withScratch` of the calling thread's box, reached without retaining it (the
    /// thread-local slot holds it for the thread's life): no atomic count per line.
    @inline(__always)
    static func withCurrent<Result>(
      keeping: Bool, _ body: (inout Scratch, inout [Chunk]) -> Result
    ) -> Result {
      Unmanaged.passUnretained(current)._withUnsafeGuaranteedRef {
        $0.withScratch(keeping: keeping, body)
      }
    }
  }

  /// A span of a line, or of the re-readings, read through the array's buffer (its
  /// indices those of the array).
  typealias Span = Slice<UnsafeBufferPointer<UInt32>>

  /// A chunk of a line (`chunks(of:into:)`): the indices of its first character and past
  /// its last. Not a `Range<Int>`: the storage type of an array of ranges is made at run
  /// time on its first use, and `Range`'s requirement that its bound be `Comparable` is
  /// checked then by a conformance look-up over every conformance record of the binary
  /// (syn-all: 266k instructions, the process's only such look-up, paid by the first line
  /// this stage re-reads). The same holds for `LostRun` and `SpanCost`.
  struct Chunk: Equatable, Sendable {
    let lowerBound: Int
    let upperBound: Int

    @inline(__always)
    init(_ lowerBound: Int, _ upperBound: Int) {
      self.lowerBound = lowerBound
      self.upperBound = upperBound
    }

    var count: Int { upperBound - lowerBound }
  }

  /// A run of U+FFFD (and ASCII) with no other character, which `read` judges once the line
  /// is proven (see `Chunk` for why not a tuple with a `Range<Int>`).
  struct LostRun {
    var start: Int
    var end: Int
    var holes: Int
  }

  /// The cost of a span as it stands (`SpanCosts`; see `Chunk` for why not a tuple with a
  /// `Range<Int>`).
  struct SpanCost {
    var start: Int
    var end: Int
    var cost: Float
  }

  /// One re-read chunk.
  struct Change {
    var range: Range<Int>
    /// Where its text is in the page's `Scratch.decoded` (one buffer for all the chunks,
    /// rather than an array each).
    var text: Range<Int>
    /// How much cheaper the chunk became under `TextModel`.
    var gain: Float
  }

  /// Ranges of characters between separators: ASCII below `@` (never the second byte of a
  /// pair, and always the start of a UTF-8 character, so chunks complete independently).
  /// Only chunks with a non-ASCII character are kept.
  static func chunks(of text: [UInt32]) -> [Chunk] {
    var chunks: [Chunk] = []
    self.chunks(of: text, into: &chunks)
    return chunks
  }

  /// `chunks(of:)` written into a reused buffer.
  static func chunks(of text: [UInt32], into chunks: inout [Chunk]) {
    // Room for the most chunks a text can hold (each needs a character and a separator
    // after it), rather than a buffer regrown as chunks are found (grown from empty: see
    // `filledArray`).
    chunks.removeAll(keepingCapacity: true)
    if chunks.capacity < (text.count + 1) / 2 { chunks.reserveCapacity((text.count + 1) / 2) }
    text.withUnsafeBufferPointer { text in
      var start = 0
      var nonASCII = false
      for index in 0..<text.count {
        let value = text[index]
        if value < 0x40 {
          if nonASCII && index > start { chunks.append(Chunk(start, index)) }
          start = index + 1
          nonASCII = false
        } else if value >= 0x80 {
          nonASCII = true
        }
      }
      if nonASCII && text.count > start { chunks.append(Chunk(start, text.count)) }
    }
  }

  /// The re-reading of `text` through `page`: the chunks (split further at characters
  /// `page` does not produce) whose completion exists and is no less plausible than what
  /// stands, if the line is proven misread; and how many characters the chunks with a
  /// completion cover, proven or not, which decides between pages.
  ///
  /// Evidence comes first from chunks that carry the damage's signature: a character of
  /// the page next to U+FFFD restoring a character from the page's bytes ("company��셲"),
  /// a run of four or more multi-byte characters of one script from known bytes, or a
  /// word that re-reads as a word of the script around it ("effectifs 횪 Genève"). A
  /// character glued to ASCII letters ("M체ller") proves the line only when every CJK word
  /// of the line completes (clean Korean glues particles to English words). Failing that,
  /// a line is misread when every CJK chunk completes, they restore at least two
  /// multi-byte characters, and their letters are of the script of the rest of the line.
  /// Other chunks (a lone "勻" between spaces, runs of U+FFFD alone, which a clean line may
  /// hold legitimately) are re-read only on a line proven misread.
  ///
  /// `bound` is `coverageBound` of the page (or more), `needed` the coverage the reading
  /// must reach to matter: once the pieces still to judge cannot make it up, the reading
  /// stops and covers nothing.
  static func reading(
    _ text: [UInt32], chunks: [Chunk], page: DoubleBytePage, bound: Int = Int.max,
    needed: Int = 0, scratch: inout Scratch
  ) -> (accepted: [Change], covered: Int) {
    let covered = read(
      text, chunks: chunks, page: page, bound: bound, needed: needed, scratch: &scratch)
    return (scratch.changes, covered)
  }

  /// `reading` with its changes left in `scratch.changes` (a buffer the thread keeps, not
  /// an array per reading); returns the coverage.
  static func read(
    _ text: [UInt32], chunks: [Chunk], page: DoubleBytePage, bound: Int = Int.max,
    needed: Int = 0, scratch: inout Scratch
  ) -> Int {
    // (Emptied only when not empty: `removeAll(keepingCapacity:)` is a generic call.)
    // Room for the texts of every piece judged: each is judged once, and a completion has
    // at most two characters per unit (the completion writes its text in place).
    scratch.decodedEnd = 0
    if scratch.decoded.count < 2 * text.count {
      scratch.decoded = filledArray(0, count: 2 * text.count)
    }
    scratch.startReading()
    // The coverage the pieces not yet judged may still add, and the coverage so far.
    var unjudged = bound
    var coveredSoFar = 0
    var proven = false
    var provenByGlue = false
    var everyChunkCompletes = true
    var restored = 0
    var signed = false
    // The scratch's buffers, written in place (`judge` writes to the rest of the scratch,
    // never to these): no array moved out and back, and released, per reading.
    if !scratch.changes.isEmpty { scratch.changes.removeAll(keepingCapacity: true) }
    if scratch.changes.capacity < chunks.count { scratch.changes.reserveCapacity(chunks.count) }
    // Runs of U+FFFD alone prove nothing: judged only once the line is proven.
    if !scratch.lostOnly.isEmpty { scratch.lostOnly.removeAll(keepingCapacity: true) }
    let codes = page.codes
    // The characters read through the line's buffer (no bounds check per read); true when
    // the reading stopped early.
    let stopped = text.withUnsafeBufferPointer { characters -> Bool in
      for chunk in chunks {
        let end = chunk.upperBound
        var index = chunk.lowerBound
        // One piece of the chunk per turn: the characters the page produces, up to one it
        // does not (or the chunk's end). Whether the character before is ASCII, or one
        // from 0x80 other than U+FFFD, is carried in flags (false at the piece's start),
        // not read back from the line at every character.
        while true {
          let start = index
          // What `judge` needs of the piece, gathered here (`facts.cjk`: whether the piece
          // holds a CJK character, the pieces `coverageBound` counts).
          var facts = PieceFacts()
          var afterASCII = false
          var afterCharacter = false
          while index < end {
            let value = characters[index]
            if value < 0x80 {
              if afterCharacter { facts.glued = true }
              afterASCII = true
              afterCharacter = false
            } else if value == 0xFFFD {
              facts.holes &+= 1
              afterASCII = false
              afterCharacter = false
            } else if codes.hasCode(value) {
              facts.characters &+= 1
              if afterASCII { facts.glued = true }
              if !facts.cjk && isDamageCJK(value) { facts.cjk = true }
              afterASCII = false
              afterCharacter = true
            } else {
              break
            }
            index &+= 1
          }
          // A CJK character the page cannot produce is clean text on this reading.
          if index < end && isDamageCJK(characters[index]) { everyChunkCompletes = false }
          if index > start {
            if facts.characters == 0 {
              // Runs of U+FFFD alone prove nothing: judged only once the line is proven.
              if facts.holes > 0 {
                scratch.lostOnly.append(LostRun(start: start, end: index, holes: facts.holes))
              }
            } else {
              // Once the line is proven, a change's evidence is never read again.
              let verdict = judge(
                text, start..<index, facts, page: page, needsProof: !proven, scratch: &scratch)
              if facts.cjk {
                // Only pieces with a CJK character are changed (see `judge`).
                unjudged -= index - start
                if case .change = verdict { coveredSoFar += index - start }
                if coveredSoFar + unjudged < needed { return true }
              }
              switch verdict {
              case .none: break
              case .fails(let holdsPageCharacter):
                if holdsPageCharacter { everyChunkCompletes = false }
              case .change(let change, let proves, let certain, let gluedOnly, let isSigned):
                scratch.changes.append(change)
                restored += certain
                if isSigned { signed = true }
                if proves && gluedOnly { provenByGlue = true } else if proves { proven = true }
              }
            }
          }
          if index >= end { break }
          index &+= 1
        }
      }
      return false
    }
    if stopped {
      scratch.changes.removeAll(keepingCapacity: true)
      return 0
    }
    // A CJK character glued to a Latin word is evidence only on a line whose CJK words
    // all re-read: a clean Korean line may glue "체" to an English word ("launches체").
    if provenByGlue && everyChunkCompletes { proven = true }
    let covered = scratch.changes.reduce(0) { $0 + $1.range.count }
    guard !scratch.changes.isEmpty else { return 0 }
    if !proven {
      // One restored character is enough when a chunk carries a mark of the damage of its
      // own and the line around it is text of another script: a Han character fused with
      // the U+FFFD of the byte the decoder refused after it ("confiantes窶�, disse"), or
      // full-width Han next to half-width katakana ("竄ｬ4.5"). Clean text that quotes a
      // CJK word in a sentence of another script holds neither next to it.
      let enough =
        restored >= 2 || (restored >= 1 && signed && standsInOtherScript(text, scratch.changes))
      guard everyChunkCompletes, enough, lineScriptAgrees(text, scratch.changes, scratch.decoded)
      else {
        scratch.changes.removeAll(keepingCapacity: true)
        return covered
      }
    }
    let judged = scratch.changes.count
    // (By index: a loop over the array would hold a copy of it while `judge` writes to
    // the scratch.)
    var next = 0
    while next < scratch.lostOnly.count {
      let run = scratch.lostOnly[next]
      next += 1
      // U+FFFD and ASCII only: no character, none glued.
      let facts = PieceFacts(holes: run.holes)
      if case .change(let change, _, _, _, _) = judge(
        text, run.start..<run.end, facts, page: page, needsProof: false, scratch: &scratch)
      {
        scratch.changes.append(change)
      }
    }
    // The chunks' changes are in text order already; the runs of U+FFFD judged after them
    // are merged in.
    guard scratch.changes.count > judged else { return covered }
    scratch.changes.sort { $0.range.lowerBound < $1.range.lowerBound }
    return covered
  }

  /// One page's piece in progress (`chunksAndCoverageBounds`): where it starts, whether
  /// it holds a CJK character, and the coverage of the pieces closed. Three of these in
  /// scalars rather than SIMD lanes indexed by page (which compile to lane inserts and
  /// extracts per character).
  private struct CoveragePiece {
    var start = 0
    var cjk = false
    var bound = 0

    /// A character from 0x80 (not U+FFFD) at `index`, which the page has a code for or not.
    @inline(__always)
    mutating func take(hasCode: Bool, at index: Int, isCJK: Bool) {
      if hasCode {
        cjk = cjk || isCJK
      } else {
        if cjk { bound += index - start }
        start = index + 1
        cjk = false
      }
    }

    @inline(__always)
    mutating func open(at index: Int) {
      start = index
      cjk = false
    }

    @inline(__always)
    mutating func close(at end: Int) {
      if cjk { bound += end - start }
    }
  }

  /// `chunks(of:into:)` and every page's `coverageBound` (by id) in one pass over the line
  /// (the tests compare): a separator closes every page's piece, and a chunk of ASCII
  /// alone holds no CJK character, so its pieces add nothing.
  static func chunksAndCoverageBounds(of text: [UInt32], into chunks: inout [Chunk])
    -> SIMD4<Int>
  {
    chunks.removeAll(keepingCapacity: true)
    if chunks.capacity < (text.count + 1) / 2 { chunks.reserveCapacity((text.count + 1) / 2) }
    var cp949 = CoveragePiece()
    var cp932 = CoveragePiece()
    var gbk = CoveragePiece()
    // The three pages' entries of a character side by side (`DoubleByteTables.reverse`):
    // this scan is the first to read them, in loads independent of one another (which the
    // processor overlaps), and leaves them in the cache for the readings' `completableUnits`,
    // whose look-ups each decide the next step. (Measured and dropped: the look-ups in a
    // loop of their own writing a mask per character; Hangul syllables read from a table of
    // CP949's codes four times as dense, or none; each cost more instructions and time.)
    let reverse = DoubleByteTables.reverse.utf8Start
    text.withUnsafeBufferPointer { text in
      var start = 0
      var nonASCII = false
      for index in 0..<text.count {
        let value = text[index]
        if value < 0x40 {
          if nonASCII && index > start {
            chunks.append(Chunk(start, index))
            cp949.close(at: index)
            cp932.close(at: index)
            gbk.close(at: index)
          }
          start = index + 1
          nonASCII = false
          cp949.open(at: start)
          cp932.open(at: start)
          gbk.open(at: start)
        } else if value >= 0x80 {
          nonASCII = true
          guard value != 0xFFFD else { continue }
          let isCJK = isDamageCJK(value)
          // No page has a code above the BMP (`entries` is read only below it).
          let inBMP = value < 0x10000
          let entries = reverse + Int(value & 0xFFFF) &* 12
          cp949.take(hasCode: inBMP && DoubleBytePage.isCode(at: entries), at: index, isCJK: isCJK)
          cp932.take(
            hasCode: inBMP && DoubleBytePage.isCode(at: entries + 4), at: index, isCJK: isCJK)
          gbk.take(hasCode: inBMP && DoubleBytePage.isCode(at: entries + 8), at: index, isCJK: isCJK)
        }
      }
      if nonASCII && text.count > start {
        chunks.append(Chunk(start, text.count))
        cp949.close(at: text.count)
        cp932.close(at: text.count)
        gbk.close(at: text.count)
      }
    }
    return SIMD4(cp949.bound, cp932.bound, gbk.bound, 0)
  }

  /// The most characters `reading` can find covered through `page`: the length of the
  /// pieces it judges that hold a CJK character (`judge` re-reads no other piece).
  static func coverageBound(_ text: [UInt32], chunks: [Chunk], page: DoubleBytePage) -> Int {
    text.withUnsafeBufferPointer { text in
      var bound = 0
      for chunk in chunks {
        var start = chunk.lowerBound
        var cjk = false
        for index in chunk.lowerBound..<chunk.upperBound {
          let value = text[index]
          if page.produces(value) {
            if !cjk && isDamageCJK(value) { cjk = true }
            continue
          }
          if cjk { bound += index - start }
          start = index + 1
          cjk = false
        }
        if cjk { bound += chunk.upperBound - start }
      }
      return bound
    }
  }

  /// What `judge` needs to know of a piece's characters, gathered while `reading` splits
  /// the chunks (one pass over the characters, not two).
  struct PieceFacts {
    /// U+FFFD.
    var holes = 0
    /// Characters from 0x80 other than U+FFFD.
    var characters = 0
    /// Whether one of them is a character the damage produces (`isDamageCJK`).
    var cjk = false
    /// Whether one of them stands next to an ASCII character.
    var glued = false
  }

  /// What `judge` found for a chunk.
  private enum Verdict {
    /// Nothing to re-read (ASCII and U+FFFD only, or the re-reading is the same text).
    case none
    /// No acceptable completion; whether the chunk holds a character of the page.
    case fails(holdsPageCharacter: Bool)
    /// A completion, whether it proves the line misread on its own, its weight as
    /// evidence for the line (multi-byte characters restored from known bytes, one more
    /// for U+FFFD merged with CJK characters between ASCII), and whether its only proof is
    /// a character glued to ASCII letters.
    /// `signed`: the chunk carries a mark of the damage beyond its re-reading (see
    /// `weigh`), which lets it prove a line of another script on its own.
    case change(Change, proves: Bool, certain: Int, gluedOnly: Bool, signed: Bool)
  }

  /// The verdict on re-reading `range` through `page`: its completion must exist, differ,
  /// hold no control or private-use character, and be no less plausible under `TextModel`
  /// (a long run of restored characters of one script needs no more).
  ///
  /// `needsProof`: whether the caller still reads the change's evidence (`proves`,
  /// `certain`, `gluedOnly`, `signed`); on a line already proven it does not, and the
  /// tests that only feed the evidence are skipped (the change itself is the same).
  private static func judge(
    _ text: [UInt32], _ range: Range<Int>, _ facts: PieceFacts, page: DoubleBytePage,
    needsProof: Bool, scratch: inout Scratch
  ) -> Verdict {
    let holes = facts.holes
    let characters = facts.characters
    let cjk = facts.cjk
    let glued = facts.glued
    // Damage through these pages yields CJK characters; a chunk of other letters the page
    // also holds (Cyrillic, Greek, Latin) with U+FFFD is text already re-read, or clean.
    guard cjk || (characters == 0 && holes > 0) else { return .none }
    let failed = Verdict.fails(holdsPageCharacter: cjk)
    // Most spans judged are clean CJK, whose bytes are no UTF-8 from the first characters:
    // they fail here, before their units are built.
    // (The span read through the line's buffer: an `ArraySlice` retains and releases it.)
    guard
      let wellFormed = text.withUnsafeBufferPointer({ characters in
        DoubleByteCompletion.completableUnits(
          UnsafeBufferPointer(rebasing: characters[range]), page: page, into: &scratch.units)
      })
    else { return failed }
    // The completion is written after the page's others in `decoded`, and taken back
    // unless it becomes a change.
    let mark = scratch.decodedEnd
    // The span's units are the buffer's first (`completableUnits` only grows it), read in
    // place while the completion writes to its own buffers and its text in place after
    // the page's others (room for it: see `read`).
    let completion = scratch.units.withUnsafeBufferPointer { units in
      DoubleByteCompletion.complete(
        units: UnsafeBufferPointer(rebasing: units[..<range.count]), page: page,
        scratch: &scratch.completion, writingInto: &scratch.decoded, at: mark,
        wellFormed: wellFormed)
    }
    guard let (evidence, count) = completion else { return failed }
    scratch.decodedEnd = mark + count
    let verdict = weigh(
      text, range, decoded: mark..<scratch.decodedEnd, evidence: evidence, holes: holes,
      characters: characters, glued: glued, failed: failed, needsProof: needsProof,
      scratch: &scratch)
    if case .change = verdict { return verdict }
    scratch.decodedEnd = mark
    return verdict
  }

  /// The verdict on a completion of `range` (its text at `decodedRange` in
  /// `scratch.decoded`): `judge` from the completion on.
  private static func weigh(
    _ text: [UInt32], _ range: Range<Int>, decoded decodedRange: Range<Int>,
    evidence: DoubleByteCompletion.Evidence, holes: Int, characters: Int, glued: Bool,
    failed: Verdict, needsProof: Bool, scratch: inout Scratch
  ) -> Verdict {
    // The span and its re-reading read through buffers (slices of arrays retain and
    // release them, once per span and per helper); the span costs are written meanwhile
    // (a field of the scratch apart from `decoded`).
    return text.withUnsafeBufferPointer { line in
      scratch.decoded.withUnsafeBufferPointer { readings in
        weigh(
          text, range, span: line[range], decoded: readings[decodedRange],
          decodedRange: decodedRange, evidence: evidence, holes: holes, characters: characters,
          glued: glued, failed: failed, needsProof: needsProof, costs: &scratch.costs)
      }
    }
  }

  /// `weigh` of the span and its re-reading read through buffers.
  @inline(__always)
  private static func weigh(
    _ text: [UInt32], _ range: Range<Int>, span: Span, decoded: Span,
    decodedRange: Range<Int>, evidence: DoubleByteCompletion.Evidence, holes: Int,
    characters: Int, glued: Bool, failed: Verdict, needsProof: Bool, costs: inout SpanCosts
  ) -> Verdict {
    // Lengths first: most re-readings merge characters.
    guard decoded.count != span.count || !sameValues(decoded, span) else { return .none }
    // Controls and format characters, private use, combining diacritics (press text is
    // NFC; "同" after a Latin word re-reads as U+036C) and supplementary characters other
    // than emoji are no text this damage hides.
    for value in decoded where isForeignToThisDamage(value) { return failed }
    let before = range.lowerBound > 0 ? text[range.lowerBound - 1] : nil
    let after = range.upperBound < text.count ? text[range.upperBound] : nil
    // U+FFFD left out on both sides: what counts is how the characters around the lost
    // bytes read (a lost byte next to a vowel sign is no evidence against the re-reading).
    // In the re-reading, the combining signs right after a U+FFFD go with it: they belong
    // to the lost letter ("�ें", a Devanagari consonant lost before its vowel sign), and
    // read after whatever stands before the U+FFFD they would cost as signs on nothing.
    // Without U+FFFD the span is read as it stands. Both costs in one call unless an
    // earlier page's reading costed the span (the characters around looked up once).
    let gain: Float
    if let spanCost = costs.known(range) {
      gain = spanCost - decodedCost(decoded, before: before, after: after)
    } else {
      let (spanCost, decodedCost) = TextModel.costs(
        inPlace: UnsafeBufferPointer(rebasing: span), spanSkipsLost: holes != 0,
        reading: UnsafeBufferPointer(rebasing: decoded), before: before, after: after)
      costs.record(range, spanCost)
      gain = spanCost - decodedCost
    }
    let certain = evidence.certainMultibyte
    // Clean Korean, Japanese or Chinese forms well-formed UTF-8 only by chance, for a
    // character or two; four multi-byte characters of one script are evidence enough
    // (Armenian letters cost more than the Han characters they were read as).
    // Needed for the plausibility test below only when the gain is under -3, and
    // otherwise only as evidence.
    let longRun =
      (gain < -3 || needsProof)
      && certain >= 4 && gain >= -Float(certain) && decodedScript(decoded) != .mixed
      && !decoded.contains { TextModel.info($0).kind == .other }
    // A chunk re-read only on a line proven misread may read a little worse on its own
    // (a vowel sign after a lost consonant).
    guard gain >= -3 || longRun else { return failed }
    let change = Change(range: range, text: decodedRange, gain: max(gain, 0))
    guard needsProof else {
      return .change(change, proves: false, certain: 0, gluedOnly: false, signed: false)
    }
    // The signature needs a character restored from the page's bytes: a chunk that only
    // merges U+FFFD with CJK characters ("of�團" → "of�") may be a clean character next to
    // a legitimate U+FFFD, and counts only towards the line's evidence (`absorbs`).
    let betweenASCII =
      (range.lowerBound == 0 || text[range.lowerBound - 1] < 0x80)
      && (range.upperBound == text.count || text[range.upperBound] < 0x80)
    let absorbs = characters > 0 && holes > 0 && gain >= 1 && betweenASCII
    // The chunk proves the line by its signature, by fitting its context, or as a long
    // run; its proof is the glue alone when only the signature holds and it has no lost
    // byte. Each test runs only when the verdict still depends on it.
    var proves = true
    var gluedOnly = false
    if !longRun {
      let signature =
        characters > 0 && (holes > 0 || glued) && gain >= 1
        && evidence.certainFromPage >= 1 && wordsAreCoherent(decoded)
      if !signature || holes == 0 {
        let fits = certain >= 1 && gain >= 0 && fitsContext(text, range, decoded)
        proves = signature || fits
        gluedOnly = signature && !fits
      }
      // A whole chunk only: a piece cut out of a word at characters the page does not
      // produce is another page's damage read in fragments.
      if !proves && holes >= 2 && gain >= 1 && betweenASCII && decoded.count < span.count {
        proves = hasLossRhythm(span)
      }
      if !proves && certain >= 2 && gain >= 1 && betweenASCII {
        proves = restoresHangulAmidHangul(text, range, decoded)
      }
    }
    // The damage's marks: U+FFFD fused with the characters the page read around it;
    // full-width Han or kana next to half-width katakana (CP932 reads UTF-8's lead bytes
    // C2-DF as half-width katakana, its three-byte leads E0-EA as the first byte of Han);
    // or a symbol glued to a number (the spot of "£1.2", "25°", "±3": a sentence of
    // another script does not glue a CJK character to its figures). The last needs no
    // gain: its evidence is where the character stands, and the model prices a lone "£"
    // above the CJK character it was read as.
    let signed =
      (gain >= 1
        && ((holes > 0 && characters > 0) || mixesHalfwidthWithFullwidth(span)))
      || isSymbolGluedToDigit(text, range, decoded)
    return .change(
      change, proves: proves, certain: certain + (absorbs ? 1 : 0), gluedOnly: gluedOnly,
      signed: signed)
  }

  /// Whether two slices of the same length hold the same values (`elementsEqual` goes
  /// through a generic iterator).
  @inline(__always)
  private static func sameValues(_ one: Span, _ other: Span) -> Bool {
    var index = one.startIndex
    for value in other {
      if one[index] != value { return false }
      index += 1
    }
    return true
  }

  /// Controls and format characters, private use, combining diacritics and supplementary
  /// characters other than emoji (see `weigh`), tested by blocks: most re-read characters
  /// are Latin, below U+0300, and take two comparisons.
  @inline(__always)
  private static func isForeignToThisDamage(_ value: UInt32) -> Bool {
    if value < 0x300 { return value < 0x20 || (value >= 0x80 && value <= 0x9F) }
    if value < 0x2000 { return value <= 0x36F || value == 0x61C }
    if value < 0x3000 {
      return (value >= 0x200B && value <= 0x200F) || (value >= 0x202A && value <= 0x202E)
        || (value >= 0x2060 && value <= 0x206F)
    }
    if value < 0xE000 { return false }
    if value < 0x10000 { return value <= 0xF8FF || value == 0xFEFF }
    return !(value >= 0x1F000 && value <= 0x1FAFF)
  }

  /// Whether each word of `text` reads as a word: its letters of one script (Han and
  /// Hangul counting as one), none of them rare under `TextModel` (IPA, archaic forms).
  /// Real text re-read is made of such words; a restored line read once more through a
  /// page ("蠅bdx" → "ωbdx", "fhl켮z" → "fhlɱhz") mostly is not, which keeps a second pass
  /// from re-reading what the first restored.
  private static func wordsAreCoherent(_ text: Span) -> Bool {
    TextModel.withInfo { info in wordsAreCoherent(text, info: info) }
  }

  /// `wordsAreCoherent` with the model's table taken once.
  @inline(__always)
  private static func wordsAreCoherent(_ text: Span, info lookup: TextModel.InfoLookup)
    -> Bool
  {
    var script: TextModel.Script = .none
    var afterLetter = false
    for value in text {
      // An ASCII letter (most of a Latin re-reading) is a Latin letter to the model (a test
      // holds it): what the branches below make of it, without the look-up.
      if (value | 0x20) &- 0x61 < 26 {
        afterLetter = true
        if script != .none && script != .latin { return false }
        script = .latin
        continue
      }
      // The other printable ASCII characters (space, digits, punctuation) end a word: no
      // letter, mark or character of another kind to the model (the same test).
      if value &- 0x20 < 0x5F {
        script = .none
        afterLetter = false
        continue
      }
      let info = lookup(value)
      // Characters of scripts the model does not know (N'Ko, Ethiopic …) stand in no
      // text this repair has met; re-read Han glued to Latin often lands there.
      if info.kind == .other || info.script == .other { return false }
      if info.kind == .replacement {
        afterLetter = true
        continue
      }
      // A combining sign belongs after a letter of its own script (a Hebrew point after
      // a Latin word is a misreading).
      if info.kind == .mark {
        if !afterLetter || (info.script != .none && info.script != script && script != .none) {
          return false
        }
        continue
      }
      // Digits of other scripts count as letters of theirs ("und٥").
      let isWordCharacter =
        info.kind == .letter || (info.kind == .digit && value >= 0x80)
      guard isWordCharacter, info.script != .none else {
        script = .none
        afterLetter = false
        continue
      }
      afterLetter = true
      if value >= 0x80 && info.cost > 2 { return false }
      let current: TextModel.Script = info.script == .hangul ? .han : info.script
      if script != .none && current != script { return false }
      script = current
    }
    return true
  }

  /// Whether a chunk of Han characters (no Hangul) re-reads as Hangul syllables only, with
  /// Hangul the nearest letters around it: Korean words through GBK or CP932, whose lead
  /// bytes EA-ED start rows of rare Han characters ("鞝勲厔" → "전년"). Clean Korean writes
  /// Hanja as common characters one or two at a time, which do not chain into UTF-8
  /// Hangul; letters restored of the line's own script, two or more (the caller's
  /// condition), are what `fitsContext` asks of other scripts.
  private static func restoresHangulAmidHangul(
    _ text: [UInt32], _ range: Range<Int>, _ decoded: Span
  ) -> Bool {
    for index in range where text[index] >= 0xAC00 && text[index] <= 0xD7A3 { return false }
    var letters = 0
    for value in decoded where value != 0xFFFD {
      guard value >= 0xAC00 && value <= 0xD7A3 else { return false }
      letters += 1
    }
    guard letters >= 2 else { return false }
    // The nearest letters that are not Han (Han around is more of the damage, or clean
    // Hanja): Hangul on both sides where there are any within a few characters.
    func nearest(_ indices: some Sequence<Int>) -> TextModel.Script? {
      for index in indices.prefix(6) {
        let info = TextModel.info(text[index])
        if info.kind == .letter && info.script != .han { return info.script }
      }
      return nil
    }
    let left = nearest(stride(from: range.lowerBound - 1, through: 0, by: -1))
    let right = nearest(range.upperBound..<text.count)
    guard left != nil || right != nil else { return false }
    return (left == nil || left == .hangul) && (right == nil || right == .hangul)
  }

  /// `TextModel.cost` of `WithoutLost(decoded)`, computed in place (`TextModel.cost(inPlace:
  /// before:after:skipping:)`, which the tests hold to `WithoutLost`). A re-reading without
  /// U+FFFD (the most) skips nothing that way either: no pass to look for one first.
  private static func decodedCost(
    _ decoded: Span, before: UInt32?, after: UInt32?
  ) -> Float {
    TextModel.cost(
      inPlace: UnsafeBufferPointer(rebasing: decoded), before: before, after: after,
      skipping: .lostAndTheirMarks)
  }

  /// Characters of a re-reading without its U+FFFD and the combining signs right after
  /// each (see `weigh`): the definition of what `decodedCost` costs in place (the tests
  /// compare the two).
  struct WithoutLost: Sequence {
    let base: ArraySlice<UInt32>

    init(_ base: ArraySlice<UInt32>) { self.base = base }

    struct Iterator: IteratorProtocol {
      var base: ArraySlice<UInt32>.Iterator
      var afterLost = false

      mutating func next() -> UInt32? {
        while let value = base.next() {
          if value == 0xFFFD {
            afterLost = true
            continue
          }
          // Marks are below U+3000 (Latin to Indic, Thai, Hebrew, Arabic): the check is
          // made only there.
          if afterLost && value >= 0x300 && value < 0x3000 && TextModel.info(value).kind == .mark {
            continue
          }
          afterLost = false
          return value
        }
        return nil
      }
    }

    func makeIterator() -> Iterator { Iterator(base: base.makeIterator()) }
  }

  /// Whether U+FFFD is followed by a character of the page at least twice in `span`: the
  /// rhythm of a script whose characters are three UTF-8 bytes (Hangul, Han, Indic) read
  /// through a page that refuses their lead byte. The decoder writes U+FFFD for the lead
  /// and reads the continuation byte after it as the start of the next pair or single
  /// ("�닚�씠", "�劇�ｹ"). A clean line with a U+FFFD of its own has no reason to put a CJK
  /// character after each of two; with the completion merging them (the caller's
  /// condition), the span is this damage.
  private static func hasLossRhythm(_ span: Span) -> Bool {
    var count = 0
    var afterLost = false
    for value in span {
      if afterLost && value >= 0x80 && value != 0xFFFD {
        count += 1
        if count == 2 { return true }
      }
      afterLost = value == 0xFFFD
    }
    return false
  }

  /// Whether `decoded` is one of the symbols that stand by figures (Latin-1's ¢ £ ¥ ° ±
  /// ² µ ¼ …, the general punctuation, currency and letterlike blocks: ‰ € ℃ №) and an
  /// ASCII digit stands right before or after `range`. Modifier letters and the signs of
  /// other scripts ("ʸ7", "؎8") are no such symbols.
  private static func isSymbolGluedToDigit(
    _ text: [UInt32], _ range: Range<Int>, _ decoded: Span
  ) -> Bool {
    guard decoded.count == 1, let value = decoded.first else { return false }
    let standsByFigures =
      (value >= 0xA1 && value <= 0xBF) || (value >= 0x2030 && value <= 0x2044)
      || (value >= 0x20A0 && value <= 0x20BF) || (value >= 0x2100 && value <= 0x215F)
    guard standsByFigures else { return false }
    func isDigit(_ index: Int) -> Bool {
      index >= 0 && index < text.count && text[index] >= 0x30 && text[index] <= 0x39
    }
    // The ordinal indicators follow their figure ("1ª", "2º").
    if value == 0xAA || value == 0xBA { return isDigit(range.lowerBound - 1) }
    return isDigit(range.lowerBound - 1) || isDigit(range.upperBound)
  }

  /// Whether `decoded` is a guillemet whose partner stands on the line, unpaired: « with a
  /// » after `range` and no « between, or » with a « before it and no » between.
  private static func closesAPair(
    _ text: [UInt32], _ range: Range<Int>, _ decoded: ArraySlice<UInt32>
  ) -> Bool {
    guard decoded.count == 1, let value = decoded.first, value == 0xAB || value == 0xBB else {
      return false
    }
    if value == 0xAB {
      for other in text[range.upperBound...] {
        if other == 0xBB { return true }
        if other == 0xAB { return false }
      }
    } else {
      for other in text[..<range.lowerBound].reversed() {
        if other == 0xAB { return true }
        if other == 0xBB { return false }
      }
    }
    return false
  }

  /// Whether a half-width katakana (or CP932's other single-byte characters) stands next
  /// to a Han character or full-width kana in `span`.
  /// CP932's singles are from U+F8F0 up, Han and kana below it: one comparison turns away
  /// nearly every character, and a single's neighbours are looked at only once one is met
  /// (rather than two range tests on each character and the one before).
  private static func mixesHalfwidthWithFullwidth(_ span: Span) -> Bool {
    var index = span.startIndex
    while index < span.endIndex {
      let value = span[index]
      if value >= 0xF8F0 && isCP932Single(value) {
        if index > span.startIndex && isHanOrKana(span[index - 1]) { return true }
        if index + 1 < span.endIndex && isHanOrKana(span[index + 1]) { return true }
      }
      index += 1
    }
    return false
  }

  /// Whether the letters outside `changes` are at least four of one script of alphabets
  /// (Latin to Georgian) and none is Han or Hangul: the changes are the line's only CJK.
  private static func standsInOtherScript(_ text: [UInt32], _ changes: [Change]) -> Bool {
    guard let outside = outsideScript(text, changes) else { return false }
    return outside != .none && outside != .han && outside != .hangul && outside != .other
  }

  /// The script of the letters of some text (Han and Hangul counting as one, as Korean
  /// mixes them).
  private enum LetterScript: Equatable {
    case noLetters
    case mixed
    case one(TextModel.Script)
  }

  private static func decodedScript(_ values: some Sequence<UInt32>) -> LetterScript {
    TextModel.withInfo { lookup in
      var script: TextModel.Script?
      for value in values {
        if value < 0x80 {
          // An ASCII letter is a Latin letter to the model, and no other ASCII character
          // is a letter (see `wordsAreCoherent`).
          guard (value | 0x20) &- 0x61 < 26 else { continue }
          if script == nil { script = .latin } else if script != .latin { return .mixed }
          continue
        }
        let info = lookup(value)
        guard info.kind == .letter, info.script != .none else { continue }
        let current: TextModel.Script = info.script == .hangul ? .han : info.script
        if script == nil { script = current } else if script != current { return .mixed }
      }
      return script.map { .one($0) } ?? .noLetters
    }
  }

  /// Whether the letters the changes restore are of one script (not Han or Hangul), no
  /// Han or Hangul letter stands outside them, and the letters outside them, if there are
  /// at least four, are mostly of that script too. Changes that restore no letter (× ÷ ¼
  /// « ») only need no Han or Hangul outside them.
  private static func lineScriptAgrees(
    _ text: [UInt32], _ changes: [Change], _ decoded: [UInt32]
  ) -> Bool {
    guard let outside = outsideScript(text, changes) else { return false }
    switch decodedScript(changes.lazy.flatMap { decoded[$0.text] }) {
    case .noLetters: return true
    case .mixed: return false
    case .one(let script):
      return script != .han && (outside == .none || outside == script)
    }
  }

  /// The majority script of the letters outside `changes` (`.none` when there are fewer
  /// than four), or nil when Han or Hangul letters are among them. A tie goes to the script
  /// listed first in `TextModel.Script` (Latin before the others): the answer must not
  /// depend on the order a dictionary happens to keep, which changes from run to run.
  private static func outsideScript(_ text: [UInt32], _ changes: [Change]) -> TextModel.Script? {
    var counts = [Int](repeating: 0, count: 16)
    var next = 0
    var index = 0
    let found = TextModel.withInfo { lookup -> Bool in
      while index < text.count {
        if next < changes.count && index == changes[next].range.lowerBound {
          index = changes[next].range.upperBound
          next += 1
          continue
        }
        let info = lookup(text[index])
        if info.kind == .letter && info.script != .none {
          if info.script == .han || info.script == .hangul { return false }
          counts[Int(info.script.rawValue)] += 1
        }
        index += 1
      }
      return true
    }
    guard found else { return nil }
    var top = 0
    for raw in counts.indices where counts[raw] > counts[top] { top = raw }
    guard counts[top] >= 4, let script = TextModel.Script(rawValue: UInt8(top)) else {
      return TextModel.Script.none
    }
    return script
  }

  /// Whether the letters of `decoded` are all of one script other than Han and Hangul, and
  /// the nearest letters before and after `range` (within a few characters) are of that
  /// script too, while the span itself holds no letter of it.
  private static func fitsContext(
    _ text: [UInt32], _ range: Range<Int>, _ decoded: Span
  )
    -> Bool
  {
    guard case .one(let script) = decodedScript(decoded), script != .han else { return false }
    return TextModel.withInfo { lookup in
      for index in range where lookup(text[index]).script == script { return false }
      // The nearest letter within six characters on each side.
      var left: TextModel.Script?
      var index = range.lowerBound - 1
      while index >= 0 && index >= range.lowerBound - 6 {
        let info = lookup(text[index])
        if info.kind == .letter {
          left = info.script
          break
        }
        index -= 1
      }
      var right: TextModel.Script?
      index = range.upperBound
      while index < text.count && index < range.upperBound + 6 {
        let info = lookup(text[index])
        if info.kind == .letter {
          right = info.script
          break
        }
        index += 1
      }
      guard left != nil || right != nil else { return false }
      return (left == nil || left == script) && (right == nil || right == script)
    }
  }
}

/// A double-byte code page as the repair needs it: which bytes and pairs it maps (to
/// decide what the decoder refused) and, for each character it produces, the bytes it came
/// from. The tables (`DoubleByteTables`, from CPython's codecs) are read in place from
/// static memory: a process that never meets this damage pays nothing for them.
/// (`@unchecked Sendable`: `transitions` and `accepting` are the addresses of tables made once
/// and only read.)
struct DoubleBytePage: @unchecked Sendable {
  let name: String
  /// Which page (0: cp949, 1: cp932, 2: gbk): picks the tables built on first use.
  let id: Int
  /// Character of each byte 0x80...0xFF the page maps on its own (0xFFFF: none).
  let singles: [UInt16]
  /// Character of each pair, at (lead - 0x80) * 192 + trail - 0x40 (0xFFFF: none).
  let pairs: StaticString
  /// Character, code pairs of the characters with more than one code (CP932's NEC and
  /// IBM duplicates).
  let duplicates: [UInt32]
  /// `DoubleByteCompletion.transitionTable`, kept with the page: the checks and the search,
  /// which take the page, read it without the global's initialisation check per call.
  let transitions: UnsafePointer<UInt8> = DoubleByteCompletion.transitionTable
  /// `DoubleByteCompletion.acceptingTable`, kept with the page for the search (as
  /// `transitions`).
  let accepting: UnsafePointer<UInt32> = DoubleByteCompletion.acceptingTable
  /// The look-up by character (`Codes`) and CP932's duplicate bits (`SeveralCodes`), made
  /// with the page: read per span judged, they were worked out again each time (a check of
  /// the reverse table's representation, a lazy global, the duplicates' count).
  let codes: Codes
  let severalCodes: SeveralCodes

  init(name: String, id: Int, singles: [UInt16], pairs: StaticString, duplicates: [UInt32]) {
    self.name = name
    self.id = id
    self.singles = singles
    self.pairs = pairs
    self.duplicates = duplicates
    codes = Codes(reverse: DoubleByteTables.reverse.utf8Start + id &* 4)
    severalCodes =
      id == 1
      ? SeveralCodes(bits: Self.cp932DuplicateBitsAddress, every: false)
      : SeveralCodes(bits: nil, every: !duplicates.isEmpty)
  }

  static let cp949 = DoubleBytePage(
    name: "cp949", id: 0, singles: DoubleByteTables.cp949Singles,
    pairs: DoubleByteTables.cp949Pairs, duplicates: DoubleByteTables.cp949Duplicates)
  static let cp932 = DoubleBytePage(
    name: "cp932", id: 1, singles: DoubleByteTables.cp932Singles,
    pairs: DoubleByteTables.cp932Pairs, duplicates: DoubleByteTables.cp932Duplicates)
  static let gbk = DoubleBytePage(
    name: "gbk", id: 2, singles: DoubleByteTables.gbkSingles, pairs: DoubleByteTables.gbkPairs,
    duplicates: DoubleByteTables.gbkDuplicates)

  /// The step kind of a re-reading through the page ("utf8-as-cp949"): literals, which
  /// need no allocation.
  var kind: String { Self.kind(of: id) }

  /// `kind` of the page with id `id`, without a copy of the page.
  static func kind(of id: Int) -> String {
    switch id {
    case 0: return "utf8-as-cp949"
    case 1: return "utf8-as-cp932"
    default: return "utf8-as-gbk"
    }
  }

  /// The page with id `id` (0: cp949, 1: cp932, 2: gbk).
  static func page(_ id: Int) -> DoubleBytePage {
    switch id {
    case 0: return .cp949
    case 1: return .cp932
    default: return .gbk
    }
  }

  /// The bytes 0x80...0xFF grouped by the second bytes (0x40...0xFF) they form pairs with:
  /// lost bytes in a row need only their row, not their value.
  struct PairRows: Sendable {
    /// The row of each byte 0x80...0xFF, from 1 (rows numbered in order of first byte).
    var index: [UInt8]
    /// The first byte of each row (entry 0 unused).
    var leads: [UInt8]
    /// For a carried lost byte: the bytes worth trying (see
    /// `DoubleByteCompletion.carriedChoices`) from each state, and where each state's list
    /// begins.
    var carriedChoices: [UInt32] = []
    var carriedStarts: [Int] = []
    /// Per row, the bytes 0x00...0xFF that form a pair after its bytes, in four words
    /// (row 0, no carried byte, pairs with nothing).
    var pairsAfter: [UInt64] = [0, 0, 0, 0]
    /// Rows + 1: how many values a carried lost byte takes in a state, with none.
    var count: Int { leads.count }
  }

  /// The tables derived from the pairs (rows, refusals, lead choices), as `derive`
  /// computes them from the page's pairs; the generator writes them
  /// (`scripts/mojibake/gen_doublebyte_tables.py`) and the tests hold them to `derive`.
  /// `refusals`: the lost bytes the decoder may have refused before each next byte: at
  /// index `following + 1` (0: the end of the span, no constraint; else the byte
  /// 0x00...0xFF after the lost one), a bit per value (0x80...0xBF, 0xC0...0xFF) that is no
  /// single-byte character and forms no pair with that byte. A lost byte costs a load rather
  /// than a loop over 128 values.
  struct Derived: Sendable {
    var rows: PairRows
    var refusals: [(UInt64, UInt64)]
    /// For each entry of `refusals`, the lead bytes a lost byte that needs no continuation
    /// byte may be (`DoubleByteCompletion.leadChoices`), worked out once per page rather
    /// than per state of the search.
    var leadChoices: [UInt64] = []

    init(rows: PairRows, refusals: [(UInt64, UInt64)]) {
      self.rows = rows
      self.refusals = refusals
      // Neighbouring masks are often the same: each is worked out once per run of them.
      var last: (mask: UInt64, choices: UInt64)?
      leadChoices = refusals.map { refusal in
        if let last, last.mask == refusal.1 { return last.choices }
        let choices = DoubleByteCompletion.leadChoices(mask: refusal.1)
        last = (refusal.1, choices)
        return choices
      }
    }
  }

  /// The page's search tables as addresses (see `SearchTables`), with its pair rows.
  var searchTables: SearchTables {
    switch id {
    case 0: return Self.cp949Search
    case 1: return Self.cp932Search
    default: return Self.gbkSearch
    }
  }

  /// What `DoubleByteCompletion`'s search reads of a page's derived tables, as the
  /// addresses of process-lifetime copies of the generated tables (`DoubleByteTables`,
  /// already in the search's form: nothing is computed at start-up): a search takes them
  /// without the reference counting of five arrays (a retain and a release each, per span
  /// searched) and without a closure per array to reach its buffer. Made once per page, on
  /// the first search through it; never freed (the tables live as long as the process).
  struct SearchTables: @unchecked Sendable {
    /// The pair rows: the second bytes each row pairs with (four words per row), how many
    /// values a carried lost byte takes (rows + 1), and the carried choices of each state
    /// and where each state's list begins (one entry, never read, without rows).
    struct Rows: @unchecked Sendable {
      let pairs: UnsafePointer<UInt64>
      let count: Int
      let carriedChoices: UnsafePointer<UInt32>
      let carriedStarts: UnsafePointer<Int>

      init(pairsAfter: [UInt64], count: Int, carriedChoices: [UInt32], carriedStarts: [Int]) {
        pairs = lasting(pairsAfter)
        self.count = count
        self.carriedChoices = lasting(carriedChoices)
        self.carriedStarts = lasting(carriedStarts)
      }

      /// No rows: a span whose lost bytes are never carried.
      static let none = Rows(pairsAfter: [0, 0, 0, 0], count: 1, carriedChoices: [], carriedStarts: [])
    }

    let rows: Rows
    /// The refusal masks, two words per entry (see `Derived.refusals`), and the lead choices
    /// under each (`Derived.leadChoices`).
    let refusals: UnsafePointer<UInt64>
    let leadChoices: UnsafePointer<UInt64>

    init(
      rowLeads: [UInt8], pairsAfter: [UInt64], refusals: [UInt64],
      carriedChoices: [UInt32], carriedStarts: [Int], leadChoices: [UInt64]
    ) {
      rows = Rows(
        pairsAfter: pairsAfter, count: rowLeads.count, carriedChoices: carriedChoices,
        carriedStarts: carriedStarts)
      self.refusals = lasting(refusals)
      self.leadChoices = lasting(leadChoices)
    }

    private init(rows: Rows, refusals: UnsafePointer<UInt64>, leadChoices: UnsafePointer<UInt64>) {
      self.rows = rows
      self.refusals = refusals
      self.leadChoices = leadChoices
    }

    /// The same page without pair rows (`Rows.none`).
    var withoutRows: SearchTables {
      SearchTables(rows: .none, refusals: refusals, leadChoices: leadChoices)
    }
  }

  private static let cp949Search = SearchTables(
    rowLeads: DoubleByteTables.cp949RowLeads,
    pairsAfter: DoubleByteTables.cp949PairsAfter, refusals: DoubleByteTables.cp949Refusals,
    carriedChoices: DoubleByteTables.cp949CarriedChoices,
    carriedStarts: DoubleByteTables.cp949CarriedStarts,
    leadChoices: DoubleByteTables.cp949LeadChoices)
  private static let cp932Search = SearchTables(
    rowLeads: DoubleByteTables.cp932RowLeads,
    pairsAfter: DoubleByteTables.cp932PairsAfter, refusals: DoubleByteTables.cp932Refusals,
    carriedChoices: DoubleByteTables.cp932CarriedChoices,
    carriedStarts: DoubleByteTables.cp932CarriedStarts,
    leadChoices: DoubleByteTables.cp932LeadChoices)
  private static let gbkSearch = SearchTables(
    rowLeads: DoubleByteTables.gbkRowLeads,
    pairsAfter: DoubleByteTables.gbkPairsAfter, refusals: DoubleByteTables.gbkRefusals,
    carriedChoices: DoubleByteTables.gbkCarriedChoices,
    carriedStarts: DoubleByteTables.gbkCarriedStarts,
    leadChoices: DoubleByteTables.gbkLeadChoices)

  /// The tables the generated ones must equal, computed from the page's pairs.
  static func derive(_ page: DoubleBytePage) -> Derived {
    var notSingle: (UInt64, UInt64) = (0, 0)
    for value in 0x80...0xFF where !page.isSingle(UInt8(value)) {
      if value < 0xC0 {
        notSingle.0 |= 1 << UInt64(value - 0x80)
      } else {
        notSingle.1 |= 1 << UInt64(value - 0xC0)
      }
    }
    // The second bytes 0x40...0xFF each first byte pairs with (192 bits in three words),
    // and before each second byte, the first bytes that do not pair with it.
    var pairBits = [UInt64](repeating: 0, count: 128 * 3)
    // Per second byte, the first bytes that pair with it (0x80...0xBF, 0xC0...0xFF).
    var pairing = [UInt64](repeating: 0, count: 192 * 2)
    // The 24,576 entries are read through raw pointers: this runs once per page and
    // process, but in every process that meets a lost byte.
    pairBits.withUnsafeMutableBufferPointer { pairBits in
      pairing.withUnsafeMutableBufferPointer { pairing in
        let none = UInt32(littleEndian: 0xBFBF_9FF0)
        for lead in 0..<128 {
          // The lead's 192 entries in a row (see `isPair`: U+1FFFF, F0 9F BF BF, is none).
          let row = UnsafeRawPointer(page.pairs.utf8Start + lead * 192 * 4)
          let half = lead >> 6
          let leadBit = UInt64(1) << UInt64(lead & 63)
          for word in 0..<3 {
            var bits: UInt64 = 0
            for bit in 0..<64 {
              let trail = word * 64 + bit
              if row.loadUnaligned(fromByteOffset: trail * 4, as: UInt32.self) != none {
                bits |= 1 << UInt64(bit)
                pairing[trail * 2 + half] |= leadBit
              }
            }
            pairBits[lead * 3 + word] = bits
          }
        }
      }
    }
    // Before each second byte, the first bytes that are no single character and do not
    // pair with it (entry 0: the end of a span, and below 0x40, no byte pairs).
    var refusals = [(UInt64, UInt64)](repeating: notSingle, count: 257)
    for trail in 0..<192 {
      refusals[trail + 0x40 + 1] = (
        notSingle.0 & ~pairing[trail * 2], notSingle.1 & ~pairing[trail * 2 + 1]
      )
    }
    func sameRow(_ one: Int, _ other: Int) -> Bool {
      let a = (one - 0x80) * 3
      let b = (other - 0x80) * 3
      return pairBits[a] == pairBits[b] && pairBits[a + 1] == pairBits[b + 1]
        && pairBits[a + 2] == pairBits[b + 2]
    }
    var rows = PairRows(index: [], leads: [0])
    for lead in 0x80...0xFF {
      // Rows are numbered by their first byte, so a byte joins the first row it matches.
      if let row = rows.leads.indices.dropFirst().first(where: { sameRow(Int(rows.leads[$0]), lead) }) {
        rows.index.append(UInt8(row))
      } else {
        rows.leads.append(UInt8(lead))
        rows.index.append(UInt8(rows.leads.count - 1))
      }
    }
    // No byte below 0x40 is a second byte; the rest are the row's pair bits.
    for lead in rows.leads.dropFirst() {
      let first = (Int(lead) - 0x80) * 3
      rows.pairsAfter += [0, pairBits[first], pairBits[first + 1], pairBits[first + 2]]
    }
    (rows.carriedChoices, rows.carriedStarts) = DoubleByteCompletion.carriedChoices(
      page: page, rows: rows, mask: refusals[0])
    return Derived(rows: rows, refusals: refusals)
  }

  /// Entry `index` of a fixed-width table: the character U+10000 + value, four UTF-8 bytes.
  @inline(__always)
  private static func entry(_ table: StaticString, _ index: Int) -> UInt16 {
    entry(at: table.utf8Start + index &* 4)
  }

  /// The entry whose four UTF-8 bytes start at `bytes`.
  @inline(__always)
  fileprivate static func entry(at bytes: UnsafePointer<UInt8>) -> UInt16 {
    let value =
      UInt32(bytes[0] & 0x07) << 18 | UInt32(bytes[1] & 0x3F) << 12
      | UInt32(bytes[2] & 0x3F) << 6 | UInt32(bytes[3] & 0x3F)
    return UInt16(truncatingIfNeeded: value &- 0x10000)
  }

  /// The code `value` comes from (0: none): a single byte, or lead << 8 | trail; the
  /// first in byte order when there are several (see `duplicates`).
  @inline(__always)
  func code(of value: UInt32) -> UInt16 {
    codes.code(of: value)
  }

  /// `bytes` decoded as CPython's codec does with errors="replace" (the damage model; see
  /// `scripts/mojibake/doublebyte.py`): a single-byte character, else a mapped pair, else
  /// one U+FFFD for one byte. Used to make damage in tests.
  func decodeReplacing(_ bytes: [UInt8]) -> [UInt32] {
    var output: [UInt32] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x80 {
        output.append(UInt32(byte))
        index += 1
      } else if isSingle(byte) {
        output.append(UInt32(singles[Int(byte) - 0x80]))
        index += 1
      } else if index + 1 < bytes.count && isPair(byte, bytes[index + 1]) {
        let trail = bytes[index + 1]
        output.append(UInt32(Self.entry(pairs, (Int(byte) - 0x80) * 192 + Int(trail) - 0x40)))
        index += 2
      } else {
        output.append(0xFFFD)
        index += 1
      }
    }
    return output
  }

  /// The page's look-up by character, for loops over many characters: its table's address
  /// read once (`StaticString.utf8Start` checks the string's representation on each read).
  struct Codes {
    /// The page's first entry of `DoubleByteTables.reverse` (its entries are every third).
    let reverse: UnsafePointer<UInt8>

    /// The code `value` comes from (0: none), as `DoubleBytePage.code(of:)`.
    @inline(__always)
    func code(of value: UInt32) -> UInt16 {
      value < 0x10000 ? DoubleBytePage.entry(at: reverse + Int(value) &* 12) : 0
    }

    /// As `DoubleBytePage.hasCode`.
    @inline(__always)
    func hasCode(_ value: UInt32) -> Bool {
      value < 0x10000 && DoubleBytePage.isCode(at: reverse + Int(value) &* 12)
    }

    /// As `DoubleBytePage.produces`.
    @inline(__always)
    func produces(_ value: UInt32) -> Bool {
      value < 0x80 || value == 0xFFFD || hasCode(value)
    }
  }


  /// Whether the entry of `DoubleByteTables.reverse` at `entry` is a code, read as one
  /// word: "none" is U+10000, F0 90 80 80.
  @inline(__always)
  static func isCode(at entry: UnsafePointer<UInt8>) -> Bool {
    UnsafeRawPointer(entry).loadUnaligned(as: UInt32.self) != UInt32(littleEndian: 0x8080_90F0)
  }

  /// Whether the page can have produced `value` (ASCII, U+FFFD, or one of its characters).
  @inline(__always)
  func produces(_ value: UInt32) -> Bool {
    value < 0x80 || value == 0xFFFD || hasCode(value)
  }

  /// Whether `code(of: value)` is not 0.
  @inline(__always)
  func hasCode(_ value: UInt32) -> Bool {
    codes.hasCode(value)
  }

  @inline(__always)
  func isSingle(_ byte: UInt8) -> Bool {
    byte >= 0x80 && singles[Int(byte) - 0x80] != 0xFFFF
  }

  @inline(__always)
  func isPair(_ lead: UInt8, _ trail: UInt8) -> Bool {
    guard lead >= 0x80, trail >= 0x40 else { return false }
    // An entry is U+10000 + value in four UTF-8 bytes; "none" (0xFFFF) is U+1FFFF, F0 9F BF
    // BF, compared as one word rather than decoded.
    // (The offset is typed on its own: as one expression with the pointer arithmetic it
    // takes the type checker over its limit once another file of the module imports
    // Foundation's operators.)
    let entry: Int = (Int(lead) - 0x80) * 192 + Int(trail) - 0x40
    let bytes = UnsafeRawPointer(pairs.utf8Start + entry &* 4)
    return bytes.loadUnaligned(as: UInt32.self) != UInt32(littleEndian: 0xBFBF_9FF0)
  }

  /// The units behind `span`: per character its possible codes, or a lost byte for U+FFFD.
  /// Nil when a character is not one the page produces.
  func units(of span: ArraySlice<UInt32>) -> [DoubleByteUnit]? {
    var units: [DoubleByteUnit] = []
    return self.units(of: span, into: &units) ? units : nil
  }

  /// `units(of:)` written into a reused buffer: false when a character is not one the page
  /// produces (the buffer then holds the units before it).
  func units(of span: ArraySlice<UInt32>, into units: inout [DoubleByteUnit]) -> Bool {
    units.removeAll(keepingCapacity: true)
    // Grown geometrically: the spans of a line come in no order of length.
    if units.capacity < span.count { units.reserveCapacity(max(span.count, 2 * units.capacity)) }
    // Characters with several codes are looked up in `duplicates`; a bit table tells
    // CP932's apart (any other page with duplicates would search for every character).
    let duplicateBits: [UInt64] = id == 1 ? Self.cp932DuplicateBits : []
    let searchEvery = duplicateBits.isEmpty && !duplicates.isEmpty
    for value in span {
      if value == 0xFFFD {
        units.append(.lost)
      } else if value < 0x80 {
        units.append(DoubleByteUnit(first: UInt16(value), count: 1))
      } else {
        let code = code(of: value)
        guard code != 0 else { return false }
        // `code(of:)` answered, so `value` is below 0x10000.
        if searchEvery
          || (!duplicateBits.isEmpty
            && duplicateBits[Int(value) >> 6] & (1 << UInt64(value & 63)) != 0)
        {
          units.append(unit(of: value, first: code))
        } else {
          units.append(DoubleByteUnit(first: code, count: 1))
        }
      }
    }
    return true
  }

  /// Whether `value` may stand for several codes (see `units(of:)`).
  @inline(__always)
  func mayHaveSeveralCodes(_ value: UInt32) -> Bool {
    if id == 1 {
      return value < 0x10000
        && Self.cp932DuplicateBits[Int(value) >> 6] & (1 << UInt64(value & 63)) != 0
    }
    return !duplicates.isEmpty
  }

  /// `mayHaveSeveralCodes` with its table taken once, for loops over many characters
  /// (the table is a lazy global, checked on each read).
  /// (The bits by address: an array would be retained and released per span.)
  struct SeveralCodes {
    /// CP932's bits (see `cp932DuplicateBits`); nil for the other pages.
    let bits: UnsafePointer<UInt64>?
    /// The answer for every character of a page without bits.
    let every: Bool

    @inline(__always)
    func mayHaveSeveralCodes(_ value: UInt32) -> Bool {
      guard let bits else { return every }
      return value < 0x10000 && bits[Int(value) >> 6] & (1 << UInt64(value & 63)) != 0
    }
  }


  /// `cp932DuplicateBits` by address (see `lasting`); only ever read.
  nonisolated(unsafe) private static let cp932DuplicateBitsAddress = lasting(cp932DuplicateBits)

  /// A bit per BMP character that has an entry in CP932's `duplicates` (the only page
  /// with any), so that most characters skip the binary search: generated
  /// (`DoubleByteTables.cp932DuplicateBits`; the tests hold it to the duplicates).
  private static var cp932DuplicateBits: [UInt64] { DoubleByteTables.cp932DuplicateBits }

  /// The unit of `value`, whose first code is `first`, with its other codes if it has any.
  func unit(of value: UInt32, first: UInt16) -> DoubleByteUnit {
    guard !duplicates.isEmpty else { return DoubleByteUnit(first: first, count: 1) }
    // Binary search over the pairs (sorted by character) for the first with `value`.
    var low = 0
    var high = duplicates.count / 2
    while low < high {
      let middle = (low + high) / 2
      if duplicates[middle * 2] < value { low = middle + 1 } else { high = middle }
    }
    // Up to three codes, kept in locals (an array would be allocated per character).
    var codes: (UInt16, UInt16, UInt16) = (0, 0, 0)
    var count = 0
    while low * 2 < duplicates.count && duplicates[low * 2] == value && count < 3 {
      let code = UInt16(duplicates[low * 2 + 1])
      switch count {
      case 0: codes.0 = code
      case 1: codes.1 = code
      default: codes.2 = code
      }
      count += 1
      low += 1
    }
    guard count > 0 else { return DoubleByteUnit(first: first, count: 1) }
    return DoubleByteUnit(first: codes.0, second: codes.1, third: codes.2, count: count)
  }
}

/// A copy of `array` that lives as long as the process (at least one element, so that the
/// address is valid even for an empty array): for tables built once and read through
/// their address in hot loops.
func lasting<Element>(_ array: [Element]) -> UnsafePointer<Element> {
  let copy = UnsafeMutablePointer<Element>.allocate(capacity: max(array.count, 1))
  array.withUnsafeBufferPointer { buffer in
    if let base = buffer.baseAddress { copy.initialize(from: base, count: buffer.count) }
  }
  return UnsafePointer(copy)
}
