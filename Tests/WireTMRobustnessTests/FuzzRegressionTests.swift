import Foundation
import Testing
import WireTM

/// Inputs the fuzzers found (Fuzz/README.md). Each stays here as a regression test; a finding
/// that belongs to another module and is not fixed yet is wrapped in `withKnownIssue`, which
/// fails as soon as the bug is fixed, so the wrapper gets removed then. (The repair engine now
/// passes both findings below.)
@Suite struct FuzzRegressionTests {
  /// Decodes, repairs, repairs again; returns (decoded, once, twice).
  func repairTwice(_ bytes: [UInt8]) throws -> (String, String, String) {
    let decoded = try TextDecoder().decode(bytes).text
    let once = MojibakeRepairer().repair(decoded).text
    return (decoded, once, MojibakeRepairer().repair(once).text)
  }

  /// Found by Fuzz/run.sh DecodeRepair (minimised to 3 bytes): the first pass repairs one layer
  /// and leaves "œÄ" (UTF-8 of π read as Mac Roman), which only the second pass repairs, so
  /// `repair` is not idempotent. Owner: WireTMRepair (repair should iterate to a fixed point,
  /// or run its detection again on what it produced).
  @Test func repairIsIdempotentOnMinimisedInput() throws {
    let (decoded, once, twice) = try repairTwice([0x9C, 0x80, 0xD2])
    #expect(twice == once, "decoded \(decoded.debugDescription) → \(once.debugDescription) → \(twice.debugDescription)")
  }

  /// The original finding: Korean and Japanese text mis-decoded through several code pages.
  @Test func repairIsIdempotentOnOriginalFinding() throws {
    let bytes = [UInt8](try Data(contentsOf: try fixtureURL("fuzz-repair-not-idempotent.bin")))
    let (decoded, once, twice) = try repairTwice(bytes)
    #expect(twice == once, "decoded \(decoded.debugDescription) → \(once.debugDescription) → \(twice.debugDescription)")
  }

  /// Found by Fuzz/run.sh Pipeline once the language model was in: a page whose translation
  /// block is longer than every English run trapped in StructureAnalyzer (invalid window range).
  @Test func pipelineSurvivesLongBlockBesideShortEnglishRun() throws {
    let bytes = [UInt8](try Data(contentsOf: try fixtureURL("fuzz-pipeline-window-range.bin")))
    do {
      let page = try PagePipeline().process(bytes, document: "fuzz")
      #expect(page.units.allSatisfy { !$0.translations.isEmpty })
    } catch is PageError {
      // Refusing the bytes with a PageError is fine; trapping is not.
    }
  }

  /// Found by Fuzz/run.sh DecodeRepair once the double-byte stage was in: that stage runs
  /// once per repair, so a line it repaired must be repaired again until nothing changes
  /// (it was wrongly taken as settled).
  @Test func repairIsIdempotentAfterDoubleByteReading() throws {
    let bytes = [UInt8](try Data(contentsOf: try fixtureURL("fuzz-repair-double-byte-rerun.bin")))
    let (decoded, once, twice) = try repairTwice(bytes)
    #expect(twice == once, "decoded \(decoded.debugDescription) → \(once.debugDescription) → \(twice.debugDescription)")
  }

  /// Found by Fuzz/run.sh DecodeRepair in session 4: a line ended "О\r\u{15}\r\u{E}" before its
  /// line feed. Lines were split at the Character "\n", and "\r\n" is one Character: once the
  /// controls were removed, the next pass saw that line and the next as one, where a
  /// Cyrillic swap found enough evidence. Lines are now split at U+000A.
  @Test func repairIsIdempotentWhenRemovedControlsLeaveCRLF() throws {
    let bytes = [UInt8](try Data(contentsOf: try fixtureURL("fuzz-repair-crlf-lines.bin")))
    let (decoded, once, twice) = try repairTwice(bytes)
    #expect(twice == once, "decoded \(decoded.debugDescription) → \(once.debugDescription) → \(twice.debugDescription)")
    // Each line is judged on its own, whatever ends it.
    let repairer = MojibakeRepairer()
    #expect(repairer.repair("О\r\n¶яяя").text == repairer.repair("О\r").text + "\n" + repairer.repair("¶яяя").text)
  }

  /// Found by Fuzz/run.sh DecodeRepair after the speed work: Arabic text through several
  /// code-page layers needed more repair rounds than the engine ran.
  @Test func repairIsIdempotentOnManyLayers() throws {
    let bytes = [UInt8](try Data(contentsOf: try fixtureURL("fuzz-repair-layers.bin")))
    let (decoded, once, twice) = try repairTwice(bytes)
    #expect(twice == once, "decoded \(decoded.debugDescription) → \(once.debugDescription) → \(twice.debugDescription)")
  }
}
