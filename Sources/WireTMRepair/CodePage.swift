#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A single-byte code page as the repairer needs it: byte → scalar to decode, and a flat
/// scalar → byte table to re-encode mojibake back into the bytes it came from.
///
/// The reverse table is a flat table over the scalars below `flatLimit` (every character
/// of the supported code pages lives there except a handful, kept in `extra`), so the hot
/// loop never hashes. Tables are built once per process, lazily.
///
/// A final class rather than a struct: pages are passed around, stored in candidate lists
/// and captured constantly, and a class reference costs one reference count where the
/// struct's tables cost one each. Its tables are memory kept for the process (written once
/// in `init`, only read after: `@unchecked Sendable`), also reachable as plain pointers
/// (`tables`) for the hot paths, which then copy no reference at all.
final class CodePage: @unchecked Sendable {
  /// Scalars below this limit are looked up in the flat table.
  static let flatLimit: UInt32 = 0x2600

  let name: String
  /// Whether "sloppy" decoders of this page drop the bytes it leaves undefined
  /// (windows-1252's 81 8D 8F 90 9D) rather than keep them as C1 controls.
  /// (Stored: the sequence search asks it for every "â€" it meets.)
  let dropsUndefinedBytes: Bool
  /// Byte → scalar for 0x80...0xFF (0xFFFF: undefined byte).
  let upper: [UInt16]
  /// The lowest scalar at or above `flatLimit` the page produces (1 when it has none).
  let extraMin: UInt32

  /// The repair step kind of UTF-8 read through this page ("utf8-as-windows-1252"), built
  /// once rather than per repaired line.
  let misreadingKind: String

  /// This page's bit in `CodePages.leadMask` and `continuationMask` (its index in
  /// `CodePages.utf8Misreadings`).
  let misreadingBit: UInt16

  init(name: String, upper: [UInt16], misreadingBit: Int) {
    self.name = name
    self.dropsUndefinedBytes = name == "windows-1252"
    self.misreadingBit = UInt16(1) << UInt16(misreadingBit)
    self.misreadingKind = CodePage.literalKind(name) ?? "utf8-as-" + name
    self.upper = upper
    // Written in place (fourteen pages are built at the start of every process that meets
    // a non-ASCII line: no array to copy from, no dictionary).
    let reverse = CodePage.reverseTable(misreadingBit)
    var extra: [(scalar: UInt32, byte: UInt8)] = []
    for (index, scalar) in upper.enumerated() where scalar != 0xFFFF {
      let byte = UInt8(0x80 + index)
      if UInt32(scalar) < CodePage.flatLimit {
        reverse[Int(scalar)] = byte
      } else if let known = extra.firstIndex(where: { $0.scalar == UInt32(scalar) }) {
        extra[known].byte = byte  // the last byte wins, as in the flat table
      } else {
        extra.append((UInt32(scalar), byte))
      }
    }
    // C1 controls stand for their own byte: text decoded as Latin-1 keeps them, and
    // "sloppy" decoders keep the bytes a code page leaves undefined.
    // windows-1252 stands for Latin-1 too, so all of them; other pages only where they
    // leave the byte undefined.
    for c1 in 0x80...0x9F where reverse[c1] == 0 {
      if dropsUndefinedBytes || upper[c1 - 0x80] == 0xFFFF { reverse[c1] = UInt8(c1) }
    }
    let extraMin = extra.map(\.scalar).min() ?? 1
    let extraMax = extra.map(\.scalar).max() ?? 0
    self.extraMin = extraMin
    self.tables = Tables(
      reverse: UnsafePointer(reverse), upper: CodePage.upperTable(misreadingBit, upper),
      extra: CodePage.extraTable(extra), extraCount: extra.count, extraMin: extraMin,
      extraMax: extraMax, misreadingBit: UInt16(1) << UInt16(misreadingBit),
      dropsUndefinedBytes: name == "windows-1252")
  }

  /// The step kind of a page of `CodePages.utf8Misreadings` as a string literal: a literal
  /// is never freed, so copying it into every repair step the page makes (on two threads at
  /// once) touches no reference count, where a string built at run time would be retained
  /// and released through memory both threads share.
  private static func literalKind(_ name: String) -> String? {
    switch name {
    case "windows-1252": return "utf8-as-windows-1252"
    case "macintosh": return "utf8-as-macintosh"
    case "windows-1251": return "utf8-as-windows-1251"
    case "windows-1250": return "utf8-as-windows-1250"
    case "ISO-8859-2": return "utf8-as-ISO-8859-2"
    case "IBM437": return "utf8-as-IBM437"
    case "windows-1253": return "utf8-as-windows-1253"
    case "windows-1254": return "utf8-as-windows-1254"
    case "windows-1255": return "utf8-as-windows-1255"
    case "windows-1256": return "utf8-as-windows-1256"
    case "windows-1257": return "utf8-as-windows-1257"
    case "windows-874": return "utf8-as-windows-874"
    case "KOI8-R": return "utf8-as-KOI8-R"
    case "IBM850": return "utf8-as-IBM850"
    default: return nil
    }
  }

  /// This page's tables as plain pointers into memory kept for the process (the reverse
  /// table is the page's slot of `reverseArena`, written once in `init` and only read after,
  /// hence `@unchecked Sendable`; scalars at or above `flatLimit`, MacRoman's ﬁ ﬂ and Apple
  /// logo, are searched in a short list, no dictionary to hash or build): the UTF-8
  /// pass runs on two threads at once, and every copy of a `CodePage` reference (a page
  /// taken from `CodePages.utf8Misreadings`, held in a candidate list) is an atomic
  /// reference count on an object both threads share, whose cache line then moves between
  /// the cores. The pass's scans and scoring take a page as these values, copied freely.
  let tables: Tables

  /// `CodePage`'s look-ups over plain pointers (see `tables`): no reference count to copy.
  struct Tables: @unchecked Sendable {
    /// Scalar → byte below `flatLimit` (0: not encodable).
    let reverse: UnsafePointer<UInt8>
    /// Byte → scalar for 0x80...0xFF (0xFFFF: undefined byte).
    let upper: UnsafePointer<UInt16>
    /// The scalars at or above `flatLimit` and their bytes, `extraCount` of them.
    let extra: UnsafePointer<Extra>
    let extraCount: Int
    let extraMin: UInt32
    let extraMax: UInt32
    /// The page's bit (`CodePage.misreadingBit`).
    let misreadingBit: UInt16
    /// `CodePage.dropsUndefinedBytes`.
    let dropsUndefinedBytes: Bool

    struct Extra {
      var scalar: UInt32
      var byte: UInt8
    }

    /// The byte of a scalar at or above `flatLimit` (nil when the page has none).
    @inline(__always)
    func extraByte(for scalar: UInt32) -> UInt8? {
      if scalar < extraMin || scalar > extraMax { return nil }
      return searchExtra(for: scalar)
    }

    /// `extraByte(for:)` within the range of `extra`: rare, so out of line (the search loop
    /// inlined into every page scan cost more than it saved).
    @inline(never)
    func searchExtra(for scalar: UInt32) -> UInt8? {
      for index in 0..<extraCount where extra[index].scalar == scalar { return extra[index].byte }
      return nil
    }

    /// The byte that `scalar` came from, or nil when this code page cannot produce it.
    /// ASCII maps to itself.
    @inline(__always)
    func byte(for scalar: UInt32) -> UInt8? {
      if scalar < 0x80 { return UInt8(scalar) }
      if scalar < CodePage.flatLimit {
        let byte = reverse[Int(scalar)]
        return byte == 0 ? nil : byte
      }
      return extraByte(for: scalar)
    }

    /// The upper-half byte (0x80...0xFF) that a non-ASCII `scalar` came from, or 0 when
    /// this code page cannot produce it (see `CodePage.upperByte(for:)`).
    @inline(__always)
    func upperByte(for scalar: UInt32) -> UInt8 {
      if scalar < CodePage.flatLimit { return reverse[Int(scalar)] }
      return extraByte(for: scalar) ?? 0
    }

    /// The scalar a byte decodes to (nil for an undefined byte).
    @inline(__always)
    func scalar(for byte: UInt8) -> UInt32? {
      if byte < 0x80 { return UInt32(byte) }
      let value = upper[Int(byte) - 0x80]
      return value == 0xFFFF ? nil : UInt32(value)
    }
  }

  /// The page's upper half copied into its slot of `upperArena`.
  private static func upperTable(_ index: Int, _ upper: [UInt16]) -> UnsafePointer<UInt16> {
    precondition(upper.count == 128, "CodePage: an upper half of \(upper.count) bytes")
    let slot = upperArena + index * 128
    upper.withUnsafeBufferPointer { slot.update(from: $0.baseAddress!, count: 128) }
    return UnsafePointer(slot)
  }

  /// Every page's upper half, in one block kept for the process.
  nonisolated(unsafe) private static let upperArena: UnsafeMutablePointer<UInt16> = {
    let count = pageCount * 128
    return zeroedMemory(bytes: count * MemoryLayout<UInt16>.stride)
      .bindMemory(to: UInt16.self, capacity: count)
  }()

  /// The page's extra scalars in memory kept for the process (most pages have none: one
  /// shared empty table).
  private static func extraTable(_ extra: [(scalar: UInt32, byte: UInt8)])
    -> UnsafePointer<Tables.Extra>
  {
    let count = max(1, extra.count)
    let table = zeroedMemory(bytes: count * MemoryLayout<Tables.Extra>.stride)
      .bindMemory(to: Tables.Extra.self, capacity: count)
    for (index, entry) in extra.enumerated() {
      table[index] = Tables.Extra(scalar: entry.scalar, byte: entry.byte)
    }
    return UnsafePointer(table)
  }


  /// The number of pages built (`CodePages.utf8Misreadings`), each with its slot of
  /// `reverseArena`.
  private static let pageCount = 14

  /// Every page's reverse table, zeroed, in one block kept for the process
  /// (`zeroedMemory`): fourteen tables each allocated and filled with zeros cost ~136,000
  /// instructions at every start-up. (Each page writes only its own slot, once, in `init`:
  /// `nonisolated(unsafe)`.)
  nonisolated(unsafe) private static let reverseArena: UnsafeMutablePointer<UInt8> = {
    let bytes = pageCount * Int(flatLimit)
    return zeroedMemory(bytes: bytes).bindMemory(to: UInt8.self, capacity: bytes)
  }()

  /// Zeroed memory kept for the whole process, for tables built once.
  static func zeroedMemory(bytes: Int) -> UnsafeMutableRawPointer {
    guard let memory = calloc(bytes, 1) else {
      fatalError("CodePage: no memory for \(bytes) bytes of tables")
    }
    return memory
  }

  /// The zeroed reverse table of the page with this `misreadingBit` index.
  private static func reverseTable(_ index: Int) -> UnsafeMutablePointer<UInt8> {
    precondition(index >= 0 && index < pageCount, "CodePage: no table slot for page \(index)")
    return reverseArena + index * Int(flatLimit)
  }

  /// The byte that `scalar` came from, or nil when this code page cannot produce it.
  /// ASCII maps to itself.
  @inline(__always)
  func byte(for scalar: UInt32) -> UInt8? { tables.byte(for: scalar) }

  /// The upper-half byte (0x80...0xFF) that a non-ASCII `scalar` came from, or 0 when this
  /// code page cannot produce it: `byte(for:)` for the sequence scans, which only ask about
  /// non-ASCII characters and test the byte's range anyway (no optional to unwrap).
  @inline(__always)
  func upperByte(for scalar: UInt32) -> UInt8 { tables.upperByte(for: scalar) }

  /// The scalar a byte decodes to (nil for an undefined byte).
  @inline(__always)
  func scalar(for byte: UInt8) -> UInt32? { tables.scalar(for: byte) }
}

/// The code pages the engine knows, in order of how often they carry mojibake.
enum CodePages {
  static let windows1252 = CodePage(name: "windows-1252", upper: SingleByteTables.windows1252, misreadingBit: 0)
  static let macRoman = CodePage(name: "macintosh", upper: SingleByteTables.macRoman, misreadingBit: 1)
  static let windows1251 = CodePage(name: "windows-1251", upper: SingleByteTables.windows1251, misreadingBit: 2)
  static let windows1250 = CodePage(name: "windows-1250", upper: SingleByteTables.windows1250, misreadingBit: 3)
  static let iso8859_2 = CodePage(name: "ISO-8859-2", upper: SingleByteTables.iso8859_2, misreadingBit: 4)
  static let cp437 = CodePage(name: "IBM437", upper: SingleByteTables.cp437, misreadingBit: 5)
  static let windows1253 = CodePage(name: "windows-1253", upper: SingleByteTables.windows1253, misreadingBit: 6)
  static let windows1254 = CodePage(name: "windows-1254", upper: SingleByteTables.windows1254, misreadingBit: 7)
  static let windows1255 = CodePage(name: "windows-1255", upper: SingleByteTables.windows1255, misreadingBit: 8)
  static let windows1256 = CodePage(name: "windows-1256", upper: SingleByteTables.windows1256, misreadingBit: 9)
  static let windows1257 = CodePage(name: "windows-1257", upper: SingleByteTables.windows1257, misreadingBit: 10)
  static let windows874 = CodePage(name: "windows-874", upper: SingleByteTables.windows874, misreadingBit: 11)
  static let koi8r = CodePage(name: "KOI8-R", upper: SingleByteTables.koi8r, misreadingBit: 12)
  static let cp850 = CodePage(name: "IBM850", upper: SingleByteTables.cp850, misreadingBit: 13)

  /// Code pages that UTF-8 bytes are commonly misread through, most likely first.
  static let utf8Misreadings: [CodePage] = [
    windows1252, macRoman, windows1251, windows1250, iso8859_2, cp437, windows1253,
    windows1254, windows1255, windows1256, windows1257, windows874, koi8r, cp850,
  ]

  /// For each scalar below `CodePage.flatLimit`: a bit per entry of `utf8Misreadings`
  /// saying whether that code page maps the scalar to a UTF-8 lead byte (0xC2...0xF4).
  /// Lets a line with no possible lead skip the UTF-8 search entirely. (The same bits go
  /// to `ScanTables.entries`.)
  private static func fillLeadMask(
    _ mask: UnsafeMutableBufferPointer<UInt16>, _ combined: UnsafeMutableBufferPointer<UInt64>
  ) {
    for (bit, page) in utf8Misreadings.enumerated() {
      for byte in UInt8(0xC2)...UInt8(0xF4) {
        if let scalar = page.scalar(for: byte), scalar < CodePage.flatLimit {
          mask[Int(scalar)] |= UInt16(1) << UInt16(bit)
          combined[Int(scalar)] |= UInt64(1) << UInt64(bit)
        }
      }
    }
  }

  /// Like `leadMask`, for continuation bytes (0x80...0xBF), plus U+FFFD, "?" and space,
  /// which can stand for a lost continuation byte. (The same bits go to
  /// `ScanTables.entries`.)
  private static func fillContinuationMask(
    _ mask: UnsafeMutableBufferPointer<UInt16>, _ combined: UnsafeMutableBufferPointer<UInt64>
  ) {
    for (bit, page) in utf8Misreadings.enumerated() {
      for byte in UInt8(0x80)...UInt8(0xBF) {
        if let scalar = page.scalar(for: byte), scalar < CodePage.flatLimit {
          mask[Int(scalar)] |= UInt16(1) << UInt16(bit)
          combined[Int(scalar)] |= UInt64(1) << UInt64(16 + bit)
        }
      }
      for c1 in 0x80...0x9F where page.byte(for: UInt32(c1)) != nil {
        mask[c1] |= UInt16(1) << UInt16(bit)
        combined[c1] |= UInt64(1) << UInt64(16 + bit)
      }
    }
    mask[0x3F] = 0xFFFF
    combined[0x3F] |= 0xFFFF << 16
  }

  /// Like `leadMask`, for the two-byte leads 0xC2...0xDF only (where a space may stand for
  /// a collapsed NBSP byte): bits 48...63 of `ScanTables.entries` (only the line scan reads
  /// them, so they have no table of their own).
  private static func fillTwoByteLeadMask(_ combined: UnsafeMutableBufferPointer<UInt64>) {
    for (bit, page) in utf8Misreadings.enumerated() {
      for byte in UInt8(0xC2)...UInt8(0xDF) {
        if let scalar = page.scalar(for: byte), scalar < CodePage.flatLimit {
          combined[Int(scalar)] |= UInt64(1) << UInt64(48 + bit)
        }
      }
    }
  }

  /// For each scalar below `CodePage.flatLimit`: a bit per entry of `utf8Misreadings`
  /// saying whether that code page maps the scalar to a four-byte lead (0xF0...0xF4): a
  /// reading after any other lead but a two-byte one is at most three characters long
  /// (`UTF8Misreading.pagesCoveringLess`).
  private static func fillFourByteLeadMask(_ mask: UnsafeMutableBufferPointer<UInt16>) {
    for (bit, page) in utf8Misreadings.enumerated() {
      for byte in UInt8(0xF0)...UInt8(0xF4) {
        if let scalar = page.scalar(for: byte), scalar < CodePage.flatLimit {
          mask[Int(scalar)] |= UInt16(1) << UInt16(bit)
        }
      }
    }
  }

  /// For each scalar below `CodePage.flatLimit`: a bit per entry of `utf8Misreadings`
  /// saying whether that code page encodes the scalar as windows-1252 does (the same byte,
  /// or neither can encode it). A page that encodes every non-ASCII character of a line as
  /// windows-1252 does finds the same sequences in it (windows-1254 on most Western text),
  /// so the UTF-8 pass need not look for them again. (The pages that disagree go to the
  /// disagreement bits of `ScanTables.entries`.)
  private static func fillAgreesWithWindows1252(
    _ mask: UnsafeMutableBufferPointer<UInt16>, _ combined: UnsafeMutableBufferPointer<UInt64>
  ) {
    // Two pages can differ only on scalars one of them encodes (a byte of its upper half,
    // or a C1 control standing for itself): those are checked, not the whole table (this
    // runs at start-up of every process that meets a non-ASCII line).
    mask.update(repeating: 0xFFFF)
    let reference = windows1252
    for (bit, page) in utf8Misreadings.enumerated() where page !== reference {
      let clear = ~(UInt16(1) << UInt16(bit))
      func compare(_ scalar: UInt32) {
        if scalar < CodePage.flatLimit && page.byte(for: scalar) != reference.byte(for: scalar) {
          mask[Int(scalar)] &= clear
          combined[Int(scalar)] |= UInt64(~clear) << 32
        }
      }
      for byte in UInt8(0x80)...UInt8(0xFF) {
        if let scalar = page.scalar(for: byte) { compare(scalar) }
        if let scalar = reference.scalar(for: byte) { compare(scalar) }
      }
      for c1 in UInt32(0x80)...UInt32(0x9F) { compare(c1) }
    }
  }

  /// `leadMask`, `continuationMask` and `agreesWithWindows1252` (and the combined table) as
  /// buffers over memory kept for the whole process, with `lowestExtra` and `highestExtra`,
  /// in one value of plain pointers: a line scan reads one lazy global (one `swift_once`
  /// check per scan, not one per table) and copies no reference-counted array. Scalars
  /// outside both the flat tables and the extras' range (U+FFFD, emoji, fullwidth forms)
  /// are answered from the bounds here, without the per-character checks of
  /// `leadBits(_:)` and its siblings.
  struct ScanTables: @unchecked Sendable {
    let lead: UnsafeBufferPointer<UInt16>
    let continuation: UnsafeBufferPointer<UInt16>
    let agreement: UnsafeBufferPointer<UInt16>
    /// The tables in one, a scalar's bits in one entry: `lead` in bits 0...15,
    /// `continuation` in 16...31, the complement of `agreement` in 32...47 (0 where every
    /// page agrees, so the zeroed table needs no filling there) and the two-byte leads
    /// (`fillTwoByteLeadMask`) in 48...63. The line scan (`UTF8Misreading.pageMasks`) reads a character's lead and
    /// agreement with one load, and every bit through one table base: its loop keeps its
    /// state in registers instead of reloading table bases from the stack per character.
    let entries: UnsafeBufferPointer<UInt64>
    /// `fillFourByteLeadMask`'s bits.
    let fourByteLead: UnsafeBufferPointer<UInt16>
    let lowestExtra: UInt32
    let highestExtra: UInt32
    /// Every page of `utf8Misreadings` as its `CodePage.tables`, in the same order: the UTF-8
    /// pass visits pages through these, taking no reference to the shared `CodePage`s.
    let pages: UnsafePointer<CodePage.Tables>
    /// The same pages as objects, unretained (`utf8Misreadings` keeps them for the process):
    /// their names for a repair step, read without a reference count.
    let objects: UnsafePointer<Unmanaged<CodePage>>

    /// Whether a scalar at or above `CodePage.flatLimit` may be one of `extraBits`.
    @inline(__always)
    func mayBeExtra(_ scalar: UInt32) -> Bool { scalar >= lowestExtra && scalar <= highestExtra }
  }

  static let scanTables: ScanTables = {
    // The tables are built in place in blocks of zeroed memory kept for the process
    // (`CodePage.zeroedMemory`): no arrays to fill with zeros and then copy (~160,000
    // instructions at the start of every process).
    let size = Int(CodePage.flatLimit)
    let memory = CodePage.zeroedMemory(bytes: 4 * size * MemoryLayout<UInt16>.stride)
    let base = memory.bindMemory(to: UInt16.self, capacity: 4 * size)
    func table(_ index: Int) -> UnsafeMutableBufferPointer<UInt16> {
      UnsafeMutableBufferPointer(start: base + index * size, count: size)
    }
    let combined = UnsafeMutableBufferPointer(
      start: CodePage.zeroedMemory(bytes: size * MemoryLayout<UInt64>.stride)
        .bindMemory(to: UInt64.self, capacity: size),
      count: size)
    fillLeadMask(table(0), combined)
    fillContinuationMask(table(1), combined)
    fillTwoByteLeadMask(combined)
    fillAgreesWithWindows1252(table(2), combined)
    fillFourByteLeadMask(table(3))
    let pages = UnsafeMutablePointer<CodePage.Tables>.allocate(capacity: utf8Misreadings.count)
    let objects = UnsafeMutablePointer<Unmanaged<CodePage>>.allocate(
      capacity: utf8Misreadings.count)
    for (index, page) in utf8Misreadings.enumerated() {
      (pages + index).initialize(to: page.tables)
      (objects + index).initialize(to: Unmanaged.passUnretained(page))
    }
    return ScanTables(
      lead: UnsafeBufferPointer(table(0)), continuation: UnsafeBufferPointer(table(1)),
      agreement: UnsafeBufferPointer(table(2)),
      entries: UnsafeBufferPointer(combined), fourByteLead: UnsafeBufferPointer(table(3)),
      lowestExtra: lowestExtra, highestExtra: highestExtra, pages: UnsafePointer(pages),
      objects: UnsafePointer(objects))
  }()

  /// `agreesWithWindows1252` for any scalar: above the flat tables, computed from the
  /// pages' own bytes (CJK, Hangul and emoji, which no page encodes, agree at once).
  static func agreementBits(_ scalar: UInt32) -> UInt16 {
    if scalar < CodePage.flatLimit { return scanTables.agreement[Int(scalar)] }
    if scalar < lowestExtra || scalar > highestExtra { return 0xFFFF }
    let reference = windows1252.byte(for: scalar)
    var bits: UInt16 = 0
    for (bit, page) in utf8Misreadings.enumerated() where page.byte(for: scalar) == reference {
      bits |= UInt16(1) << UInt16(bit)
    }
    return bits
  }

  /// The lowest scalar above the flat tables that any page of `utf8Misreadings` produces:
  /// CJK and Hangul text below it needs no per-page look-up. (Taken from `extraBits`: a
  /// page without such characters has no `extraMin` of its own.)
  static let lowestExtra: UInt32 = extraBits.first?.scalar ?? .max

  /// The highest scalar above the flat tables that any page of `utf8Misreadings` produces:
  /// emoji and other scalars above it need no look-up.
  static let highestExtra: UInt32 = extraBits.last?.scalar ?? 0

  /// Every scalar above the flat tables that some page of `utf8Misreadings` produces (a
  /// handful: MacRoman's ﬁ ﬂ and Apple logo), with its bits as `leadMask` and
  /// `continuationMask` would hold them: one short table instead of a hash look-up per page.
  static let extraBits: [(scalar: UInt32, lead: UInt16, continuation: UInt16)] = {
    // Collected in a plain array, not a Set: a handful of scalars, and growing a
    // `Set<UInt32>` cost ~380,000 instructions at the start of every process (its storage
    // type instantiated from its mangled name, which nothing else in the process needs).
    var scalars: [UInt32] = []
    for page in utf8Misreadings {
      for byte in UInt8(0x80)...UInt8(0xFF) {
        if let scalar = page.scalar(for: byte), scalar >= CodePage.flatLimit,
          !scalars.contains(scalar)
        {
          scalars.append(scalar)
        }
      }
    }
    scalars.sort()
    return scalars.map { scalar in
      var lead: UInt16 = 0
      var continuation: UInt16 = 0
      for (bit, page) in utf8Misreadings.enumerated() {
        guard let byte = page.byte(for: scalar) else { continue }
        if byte >= 0xC2 && byte <= 0xF4 { lead |= UInt16(1) << UInt16(bit) }
        if byte >= 0x80 && byte <= 0xBF { continuation |= UInt16(1) << UInt16(bit) }
      }
      return (scalar, lead, continuation)
    }
  }()

  /// The entry of `extraBits` for `scalar`, if any.
  @inline(__always)
  private static func extraEntry(_ scalar: UInt32) -> (
    scalar: UInt32, lead: UInt16, continuation: UInt16
  )? {
    if scalar < lowestExtra || scalar > highestExtra { return nil }
    for entry in extraBits where entry.scalar == scalar { return entry }
    return nil
  }

  @inline(__always)
  static func continuationBits(_ scalar: UInt32) -> UInt16 {
    if scalar == 0xFFFD { return 0xFFFF }
    if scalar < CodePage.flatLimit { return scanTables.continuation[Int(scalar)] }
    return extraEntry(scalar)?.continuation ?? 0
  }

  /// Lead bits for scalars above the flat table (MacRoman's ﬁ ﬂ and the like).
  @inline(__always)
  static func leadBits(_ scalar: UInt32) -> UInt16 {
    if scalar < CodePage.flatLimit { return scanTables.lead[Int(scalar)] }
    return extraEntry(scalar)?.lead ?? 0
  }
}
