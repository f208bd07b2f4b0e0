import Testing
import _WireTMTestSupport

@testable import WireTMRepair

/// Properties over the fixture sets and over random input.
@Suite struct RepairPropertyTests {
  let repairer = MojibakeRepairer()

  @Test func cleanCorpusComesBackByteIdentical() {
    let lines = CleanCorpus.lines
    #expect(lines.count >= 500)
    var changed: [String] = []
    for line in lines where repairer.repair(line).text != line { changed.append(line) }
    #expect(changed.isEmpty, "changed: \(changed.prefix(5))")
  }

  /// Per family: lossless families ≥ 95 % overall and ≥ 80 % each; the lossy family ≥ 90 %.
  @Test func syntheticFamiliesAreRepaired() {
    let cases = DamageCase.all
    #expect(cases.count >= 500)
    var right: [String: Int] = [:]
    var total: [String: Int] = [:]
    for item in cases {
      total[item.kind, default: 0] += 1
      if repairer.repair(item.broken).text == item.fixed { right[item.kind, default: 0] += 1 }
    }
    let lossless = total.keys.filter { !DamageCase.lossyKinds.contains($0) }
    let losslessRight = lossless.reduce(0) { $0 + right[$1, default: 0] }
    let losslessTotal = lossless.reduce(0) { $0 + total[$1, default: 0] }
    #expect(
      Double(losslessRight) >= 0.95 * Double(losslessTotal), "\(losslessRight)/\(losslessTotal)")
    for (kind, count) in total {
      let share = Double(right[kind, default: 0]) / Double(count)
      #expect(share >= 0.8, "\(kind): \(right[kind, default: 0])/\(count)")
    }
  }

  /// "â€" whose third byte was dropped is never guessed as † (the NBSP reading): by
  /// default it is one U+FFFD reported lossy; with `restoreQuotes` an open “ closes it.
  @Test func droppedClosingQuoteIsLostOrRestoredNeverADagger() {
    let cases = DamageCase.all.filter { $0.kind.hasSuffix("dropped-quote") }
    #expect(cases.count >= 40)
    let restorer = MojibakeRepairer(options: RepairOptions(restoreQuotes: true))
    var lost = 0
    var restored = 0
    for item in cases {
      let repaired = repairer.repair(item.broken)
      #expect(!repaired.text.unicodeScalars.contains("\u{2020}"), "\(item.id)")
      if repaired.text == item.fixed && repaired.isLossy { lost += 1 }
      let withQuotes = restorer.repair(item.broken)
      if withQuotes.text == item.restored
        && withQuotes.steps.contains(where: { $0.kind == "restored-quote" })
      {
        restored += 1
      }
    }
    #expect(Double(lost) >= 0.95 * Double(cases.count), "\(lost)/\(cases.count)")
    #expect(Double(restored) >= 0.95 * Double(cases.count), "\(restored)/\(cases.count)")
  }

  /// The byte-level screen never claims a line that `repair` would change: on every clean
  /// line and every damage case, `leavesUnchanged(utf8:)` implies an unchanged, step-free,
  /// lossless repair; and it does clear most clean lines.
  @Test func byteScreenAgreesWithRepair() {
    var cleared = 0
    for line in CleanCorpus.lines + DamageCase.all.map(\.broken) {
      var copy = line
      let unchanged = copy.withUTF8 { repairer.leavesUnchanged(utf8: $0) }
      if unchanged {
        let repaired = repairer.repair(line)
        #expect(repaired.text == line && repaired.steps.isEmpty && !repaired.isLossy, "\(line)")
        cleared += 1
      }
    }
    #expect(cleared >= CleanCorpus.lines.count / 2)
    // Invalid UTF-8 and line feeds are left to `repair`.
    let invalid: [UInt8] = [0x61, 0xE2, 0x80, 0x20, 0x62]
    #expect(!invalid.withUnsafeBufferPointer { repairer.leavesUnchanged(utf8: $0) })
  }

  @Test func repairIsIdempotentOnFixtures() {
    for item in DamageCase.all {
      let once = repairer.repair(item.broken).text
      #expect(repairer.repair(once).text == once, "\(item.id)")
    }
  }

  /// Random strings from the alphabets mojibake is made of, plus ASCII, CJK and controls:
  /// no crash, and a second repair changes nothing.
  @Test func randomTextNeverCrashesAndIsIdempotent() {
    var generator = SeededGenerator(seed: 42)
    let pools: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x80...0xFF, 0x152...0x192, 0x2013...0x2122, 0x400...0x45F, 0x370...0x3CE,
      0xAC00...0xAC40, 0x4E00...0x4E40, 0x2500...0x2570, 0xFFFD...0xFFFD, 0x00...0x1F,
      0x1F600...0x1F60F,
    ]
    for _ in 0..<3000 {
      var scalars = String.UnicodeScalarView()
      let length = Int.random(in: 0...40, using: &generator)
      for _ in 0..<length {
        let pool = pools.randomElement(using: &generator)!
        if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) {
          scalars.append(scalar)
        }
      }
      let text = String(scalars)
      let once = repairer.repair(text)
      #expect(
        repairer.repair(once.text).text == once.text,
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
      for step in once.steps {
        #expect(
          step.start >= 0 && step.start <= step.end && step.end <= once.text.unicodeScalars.count)
      }
    }
  }

  /// Random bytes read as UTF-8 (with U+FFFD for invalid sequences) and as Latin-1.
  @Test func randomBytesNeverCrash() {
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<2000 {
      let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      let utf8 = String(decoding: bytes, as: UTF8.self)
      let latin1 = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
      _ = repairer.repair(utf8)
      let repaired = repairer.repair(latin1)
      #expect(
        repaired.lossySpans.allSatisfy { $0.upperBound <= repaired.text.unicodeScalars.count })
    }
  }
}
