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

  /// The byte-level screen never claims a line that a full repair round would change: on
  /// every clean line, every damage case and a seeded set of clean lines with spans pushed
  /// through the code pages, `leavesUnchanged(utf8:)` implies that repairing with the screen
  /// skipped (`knownUnclean`) gives an unchanged, step-free, lossless line. It also clears
  /// most clean lines, so that streaming stays fast.
  @Test func byteScreenAgreesWithRepair() {
    var generator = SeededGenerator(seed: 2026)
    let mangled = (0..<3000).map { _ in Self.misreadSpan(of: CleanCorpus.lines.randomElement(using: &generator)!, using: &generator) }
    var cleared = 0
    var clearedClean = 0
    for (index, line) in (CleanCorpus.lines + DamageCase.all.map(\.broken) + mangled).enumerated() {
      var copy = line
      let unchanged = copy.withUTF8 { repairer.leavesUnchanged(utf8: $0) }
      guard unchanged else { continue }
      let repaired = repairer.repair(line, knownUnclean: true)
      #expect(repaired.text == line && repaired.steps.isEmpty && !repaired.isLossy, "\(line)")
      cleared += 1
      if index < CleanCorpus.lines.count { clearedClean += 1 }
    }
    #expect(clearedClean * 10 >= CleanCorpus.lines.count * 9, "\(clearedClean)")
    #expect(cleared > clearedClean)
    // Invalid UTF-8 and line feeds are left to `repair`.
    let invalid: [UInt8] = [0x61, 0xE2, 0x80, 0x20, 0x62]
    #expect(!invalid.withUnsafeBufferPointer { repairer.leavesUnchanged(utf8: $0) })
  }

  /// The bulk path agrees with `repair` on every line it decides: `.unchanged` where
  /// `repair` returns the line as it is, `.repaired` with exactly `repair`'s text, under each
  /// option set the CLI passes. Lines it leaves `.undecided` (invalid UTF-8, a result that
  /// needs a further pass) are few, so the path pays.
  @Test func bulkLinePathAgreesWithRepair() {
    var generator = SeededGenerator(seed: 2027)
    let mangled = (0..<2000).map { _ in
      Self.misreadSpan(of: CleanCorpus.lines.randomElement(using: &generator)!, using: &generator)
    }
    let lines = CleanCorpus.lines + DamageCase.all.map(\.broken) + mangled
    for options in [
      RepairOptions(describeSteps: false), RepairOptions(restoreQuotes: true, describeSteps: false),
    ] {
      let repairer = MojibakeRepairer(options: options)
      var undecided = 0
      for line in lines where !line.contains("\n") {
        var copy = line
        let outcome = copy.withUTF8 { repairer.repairLine(utf8: $0) }
        let expected = repairer.repair(line, knownUnclean: false).text
        switch outcome {
        case .unchanged:
          #expect(expected.utf8.elementsEqual(line.utf8), "\(line)")
        case .repaired(let scalars):
          #expect(expected.unicodeScalars.map(\.value) == scalars, "\(line)")
          #expect(!expected.utf8.elementsEqual(line.utf8), "\(line)")
        case .undecided:
          undecided += 1
        }
      }
      #expect(undecided * 20 < lines.count, "\(undecided) of \(lines.count) undecided")
    }
    // Invalid UTF-8 is left to `repair`, which reads it as `String(decoding:)` does.
    let invalid: [UInt8] = [0x61, 0xE2, 0x80, 0x20, 0x62]
    let outcome = invalid.withUnsafeBufferPointer { MojibakeRepairer().repairLine(utf8: $0) }
    guard case .undecided = outcome else {
      Issue.record("invalid UTF-8 was decided: \(outcome)")
      return
    }
  }

  /// `line` with one random span (sometimes the whole line) encoded as UTF-8 and read back
  /// through a random code page of those mojibake comes from; a collapsed NBSP sometimes
  /// becomes a space, as scrapers leave it.
  static func misreadSpan(of line: String, using generator: inout SeededGenerator) -> String {
    let scalars = Array(line.unicodeScalars)
    guard !scalars.isEmpty else { return line }
    let start = Int.random(in: 0..<scalars.count, using: &generator)
    let end =
      Bool.random(using: &generator)
      ? scalars.count : min(scalars.count, start + Int.random(in: 1...12, using: &generator))
    let page = CodePages.utf8Misreadings.randomElement(using: &generator)!
    let collapseNBSP = Int.random(in: 0..<4, using: &generator) == 0
    var result = String.UnicodeScalarView(scalars[..<start])
    for byte in String(String.UnicodeScalarView(scalars[start..<end])).utf8 {
      var value = byte < 0x80 ? UInt32(byte) : page.scalar(for: byte) ?? 0xFFFD
      if value == 0xA0 && collapseNBSP { value = 0x20 }
      result.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    result.append(contentsOf: scalars[end...])
    return String(result)
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
