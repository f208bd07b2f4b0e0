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
        let gain = accepted.reduce(Float(0)) { $0 + $1.gain }
        let ceiling = UTF8Misreading.gainCeiling(of: readings[...], in: text)
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
