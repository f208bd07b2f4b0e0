import Testing

@testable import WireTMRepair

/// The UTF-8 pass skips scoring a code page whose gain ceiling cannot beat the best page so
/// far; the ceiling must therefore never be below what scoring gives. Checked on every page
/// of every damage case and clean line, and on the texts each repair round produces.
@Suite struct UTF8MisreadingBoundTests {
  @Test func gainCeilingIsNeverBelowTheAcceptedGain() {
    var texts = DamageCase.all.map { MojibakeRepairer.scalars(of: $0.broken) }
    texts += CleanCorpus.lines.map { MojibakeRepairer.scalars(of: $0) }
    // Intermediate texts of double and triple encoding: each pass's output, read again.
    for text in texts.prefix(DamageCase.all.count) {
      var current = text
      for _ in 0..<3 {
        guard let pass = UTF8Misreading.pass(current, describe: false) else { break }
        current = pass.text
        texts.append(current)
      }
    }
    var pagesScored = 0
    var violations: [String] = []
    for text in texts {
      for page in CodePages.utf8Misreadings {
        let readings = UTF8Misreading.findCandidates(in: text, page: page)
        guard !readings.isEmpty else { continue }
        let accepted = UTF8Misreading.acceptedCandidates(in: text, page: page, found: readings[...])
        let gain = accepted.candidates.reduce(Float(0)) { $0 + $1.gain }
        let ceiling = UTF8Misreading.gainCeiling(of: readings[...], in: text, page: page)
        pagesScored += 1
        if gain > ceiling && violations.count < 5 {
          violations.append("\(page.name): gain \(gain) > ceiling \(ceiling)")
        }
      }
    }
    #expect(pagesScored > 5_000)
    #expect(violations.isEmpty, "\(violations)")
  }
}

/// The sequence search reads leads and continuations from the shared bit tables instead of
/// each page's reverse table; both must say the same for every scalar they cover.
@Suite struct CodePageMaskTests {
  @Test func maskBitsAgreeWithEachPagesBytes() {
    for (index, page) in CodePages.utf8Misreadings.enumerated() {
      #expect(page.misreadingBit == UInt16(1) << UInt16(index), "\(page.name)")
      for value in UInt32(0x80)..<CodePage.flatLimit {
        let byte = page.byte(for: value)
        let lead = byte.map { $0 >= 0xC2 && $0 <= 0xF4 } ?? false
        let continuation = byte.map { $0 >= 0x80 && $0 <= 0xBF } ?? false
        #expect(
          (CodePages.scanTables.lead[Int(value)] & page.misreadingBit != 0) == lead,
          "\(page.name) U+\(String(value, radix: 16)) lead")
        if value != 0xFFFD {
          #expect(
            (CodePages.scanTables.continuation[Int(value)] & page.misreadingBit != 0) == continuation,
            "\(page.name) U+\(String(value, radix: 16)) continuation")
        }
      }
    }
  }
}
