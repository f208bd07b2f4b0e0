import Testing

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
}
