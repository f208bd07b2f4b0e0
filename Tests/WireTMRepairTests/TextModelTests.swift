import Foundation
import Testing
import _WireTMTestSupport

@testable import WireTMRepair

/// `TextModel.info` answers from tables and shortcuts on the hot path; they must hold
/// exactly what `computeInfo` computes, or speed work would change repairs.
@Suite struct TextModelTests {
  @Test func infoShortcutsAgreeWithComputedInfoForEveryScalar() {
    var disagreements: [UInt32] = []
    for value in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
      if TextModel.info(value) != TextModel.computeInfo(value) { disagreements.append(value) }
    }
    #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5).map { String($0, radix: 16) })")
  }

  /// Every Info survives packing (the form of the precomputed tables).
  @Test func packingKeepsEveryInfo() {
    for value in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
      let info = TextModel.computeInfo(value)
      if TextModel.Info(packed: info.packed) != info {
        Issue.record("U+\(String(value, radix: 16)) does not survive packing")
        return
      }
    }
  }

  /// The precomputed tables are `computeInfo`'s. With RECORD_TEXTMODEL_TABLES=1 this test
  /// writes them (`Sources/WireTMRepair/TextModelTables.swift`) from `computeInfo` instead.
  @Test func precomputedTablesAreCurrent() throws {
    let table = TextModel.tableRange.map { TextModel.computeInfo($0).packed }
    // Pair classes in order of first appearance over every scalar.
    var keys: [UInt16] = []
    var classOfKey: [Int: Int] = [:]
    var representative: [TextModel.Info] = []
    for value in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
      let info = TextModel.computeInfo(value)
      if classOfKey[info.pairKey] == nil {
        classOfKey[info.pairKey] = keys.count
        keys.append(UInt16(info.pairKey))
        representative.append(info)
      }
    }
    let costClass = TextModel.tableRange.map { value -> UInt32 in
      let info = TextModel.computeInfo(value)
      return UInt32(info.cost * 2) | UInt32(classOfKey[info.pairKey]!) << 8
    }
    var pairs: [UInt32] = []
    for a in representative {
      for b in representative { pairs.append(UInt32(TextModel.pairCost(a, b) * 2)) }
    }
    // A last row of zeros: the class before a text's first character (`CostSum` then adds a
    // pair cost for every character, without a test for the first).
    pairs += [UInt32](repeating: 0, count: representative.count)
    func entry(_ value: UInt32) -> UInt32 {
      let info = TextModel.computeInfo(value)
      return UInt32(info.cost * 2) | UInt32(classOfKey[info.pairKey]!) << 8
    }
    // The entries `cost` gives without a look-up, each for its representative character
    // (every character of its ranges is checked by `costSumsInfoAndPairCosts` and
    // `beyondTableEntriesAreTheirRanges`).
    let entries = Self.beyondTableEntries.map { (name: $0.name, entry: entry($0.value)) }
    // The entries of the ranges above the table that double-byte damage reaches.
    let cjkSymbols = TextModel.cjkSymbolsRange.map(entry)
    let compatibility = TextModel.compatibilityRange.map(entry)
    if ProcessInfo.processInfo.environment["RECORD_TEXTMODEL_TABLES"] == "1" {
      let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/WireTMRepair/TextModelTables.swift").standardized
      try Self.swiftSource(
        table: table, costClass: costClass, keys: keys.map(UInt32.init), pairs: pairs,
        entries: entries, cjkSymbols: cjkSymbols, compatibility: compatibility
      )
      .write(to: source, atomically: true, encoding: .utf8)
      return
    }
    #expect(TextModel.pairClassTotal == keys.count, "re-record with RECORD_TEXTMODEL_TABLES=1")
    #expect(
      TextModel.beyondTableEntries.map(UInt32.init) == entries.map(\.entry),
      "re-record with RECORD_TEXTMODEL_TABLES=1")
    #expect(TextModel.packedTable == table, "re-record with RECORD_TEXTMODEL_TABLES=1")
    #expect(TextModel.costClassTable.map(UInt32.init) == costClass, "re-record with RECORD_TEXTMODEL_TABLES=1")
    #expect(TextModel.pairClassKeys.map(UInt32.init) == keys.map(UInt32.init), "re-record with RECORD_TEXTMODEL_TABLES=1")
    #expect(TextModel.pairHalfCosts.map(UInt32.init) == pairs, "re-record with RECORD_TEXTMODEL_TABLES=1")
    #expect(
      TextModel.cjkSymbolsCostClassTable.map(UInt32.init) == cjkSymbols,
      "re-record with RECORD_TEXTMODEL_TABLES=1")
    #expect(
      TextModel.compatibilityCostClassTable.map(UInt32.init) == compatibility,
      "re-record with RECORD_TEXTMODEL_TABLES=1")
  }

  /// `pairCost` reads nothing of a character but its `pairKey`: two characters with one key
  /// cost the same next to any third one, so a class stands for all its members.
  @Test func pairCostDependsOnlyOnThePairKey() {
    var members: [Int: [TextModel.Info]] = [:]
    for value in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
      let info = TextModel.computeInfo(value)
      if members[info.pairKey, default: []].count < 4 && !members[info.pairKey, default: []].contains(info) {
        members[info.pairKey, default: []].append(info)
      }
    }
    let everyone = members.values.flatMap { $0 }
    for group in members.values where group.count > 1 {
      for other in everyone {
        let costs = Set(group.map { TextModel.pairCost($0, other) })
        let reversed = Set(group.map { TextModel.pairCost(other, $0) })
        #expect(costs.count == 1 && reversed.count == 1, "\(group[0]) vs \(other)")
      }
    }
  }

  /// The table-driven `cost(of:before:after:)` sums what `info` and `pairCost` give, on
  /// random spans of every kind of character.
  @Test func costSumsInfoAndPairCosts() {
    var generator = SeededGenerator(seed: 2028)
    let pools: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0xA0...0x24F, 0x370...0x52F, 0x590...0x6FF, 0x900...0xDFF, 0xE00...0x10FF,
      0x1E00...0x25FF, 0x3000...0x30FF, 0x4E00...0x4EFF, 0xAC00...0xACFF, 0xFF00...0xFFFD,
      0x1F300...0x1F6FF, 0x80...0x9F,
    ]
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...8, using: &generator)
      let span = (0..<length).map { _ in
        pools.randomElement(using: &generator)!.randomElement(using: &generator)!
      }
      let before: UInt32? = Bool.random(using: &generator) ? pools.randomElement(using: &generator)!.randomElement(using: &generator)! : nil
      let after: UInt32? = Bool.random(using: &generator) ? pools.randomElement(using: &generator)!.randomElement(using: &generator)! : nil
      var expected: Float = 0
      var previous = before.map(TextModel.info)
      for value in span {
        let current = TextModel.info(value)
        expected += current.cost
        if let previous { expected += TextModel.pairCost(previous, current) }
        previous = current
      }
      if let previous, let after { expected += TextModel.pairCost(previous, TextModel.info(after)) }
      #expect(TextModel.cost(of: span, before: before, after: after) == expected, "\(span) \(String(describing: before)) \(String(describing: after))")
    }
  }

  /// The generated entries of characters above the table, by name, with a character each
  /// stands for (the order of `TextModel.beyondTableEntries`).
  static let beyondTableEntries: [(name: String, value: UInt32)] = [
    ("hanCostClass", 0x4E00), ("hangulCostClass", 0xAC00), ("cjkPunctuationCostClass", 0x3001),
    ("fullwidthCostClass", 0xFF01), ("replacementCostClass", 0xFFFD), ("jamoCostClass", 0x3131),
  ]

  /// Every character of the ranges `cost` reads from a generated entry has that entry's
  /// `computeInfo` cost and class (the entries are generated from one character each).
  @Test func beyondTableEntriesAreTheirRanges() {
    let ranges: [(ClosedRange<UInt32>, UInt32)] = [
      (0x4E00...0x9FFF, 0x4E00), (0x3400...0x4DBF, 0x4E00), (0x3041...0x3096, 0x4E00),
      (0x30A1...0x30FA, 0x4E00), (0xAC00...0xD7A3, 0xAC00), (0x3000...0x303F, 0x3001),
      (0xFF01...0xFFEF, 0xFF01), (0x3131...0x318E, 0x3131),
    ]
    for (range, representative) in ranges {
      let expected = TextModel.computeInfo(representative)
      for value in range {
        let info = TextModel.computeInfo(value)
        if info.cost != expected.cost || info.pairKey != expected.pairKey {
          Issue.record("U+\(String(value, radix: 16)) differs from U+\(String(representative, radix: 16))")
          return
        }
      }
    }
  }

  static func swiftSource(
    table: [UInt32], costClass: [UInt32], keys: [UInt32], pairs: [UInt32],
    entries: [(name: String, entry: UInt32)], cjkSymbols: [UInt32], compatibility: [UInt32]
  ) -> String {
    func literal(_ values: [UInt32]) -> String {
      stride(from: 0, to: values.count, by: 8).map { start in
        "    " + values[start..<min(start + 8, values.count)].map { "0x" + String($0, radix: 16, uppercase: true) }
          .joined(separator: ", ") + ","
      }.joined(separator: "\n")
    }
    return """
      // Generated by TextModelTests.precomputedTablesAreCurrent (RECORD_TEXTMODEL_TABLES=1
      // swift test --filter TextModelTests) from TextModel.computeInfo; do not edit.

      extension TextModel {
        /// `computeInfo` of U+0000...U+25FF, packed (`Info.packed`).
        static let packedTable: [UInt32] = [
      \(literal(table))
        ]

        /// For U+0000...U+25FF: twice the character's cost, and its pair class (an index of
        /// `pairClassKeys`) in the high byte.
        static let costClassTable: [UInt16] = [
      \(literal(costClass))
        ]

        /// `costClassTable` entries for U+3000...U+33FF (CJK symbols, kana, bopomofo, Hangul
        /// jamo, enclosed CJK letters, CJK compatibility): what `cost` reads above the table
        /// rather than computing the character's Info (units, circled letters and bopomofo
        /// that double-byte damage reads from UTF-8 bytes).
        static let cjkSymbolsCostClassTable: [UInt16] = [
      \(literal(cjkSymbols))
        ]

        /// The same for U+F8F0...U+FAFF: the private-use characters CP932's codec gives
        /// bytes 0xA0 and 0xFD-0xFF, and the CJK compatibility ideographs of CP949 and
        /// CP932.
        static let compatibilityCostClassTable: [UInt16] = [
      \(literal(compatibility))
        ]

        /// The `Info.pairKey` of each pair class, in order of first appearance over every
        /// scalar.
        static let pairClassKeys: [UInt16] = [
      \(literal(keys))
        ]

        /// Twice `pairCost` between pair classes, row (first character) by column; a last row
        /// of zeros for the start of a text (row `pairClassTotal`, `CostSum`).
        static let pairHalfCosts: [UInt8] = [
      \(literal(pairs))
        ]

        /// `pairClassKeys.count`, as a constant (a global array's count is read through its
        /// initialisation check).
        static let pairClassTotal = \(keys.count)

        // `costClassTable` entries of characters above the table that `cost` reads without
        // a look-up (Han and kana, Hangul syllables and jamo, CJK punctuation, full-width
        // forms, U+FFFD): constants, which need no initialisation check.
      \(entries.map { "  static let \($0.name): UInt16 = 0x\(String($0.entry, radix: 16, uppercase: true))" }.joined(separator: "\n"))

        /// The entries above, in the order the tests list them.
        static var beyondTableEntries: [UInt16] {
          [
            \(entries.map(\.name).joined(separator: ", ")),
          ]
        }
      }

      """
  }
}
