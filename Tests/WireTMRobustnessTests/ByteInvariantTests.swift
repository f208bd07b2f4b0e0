import Foundation
import Testing
import WireTM

/// Every byte value, alone and inside text, through decoding, repair, normalisation and the
/// page cleaner: nothing traps, repair is idempotent, and what comes out is text.
@Suite struct ByteInvariantTests {
  let decoder = TextDecoder()
  let repairer = MojibakeRepairer()
  let normalizer = TextNormalizer()

  /// Repairs, checks idempotence, and normalises; returns the final text.
  func clean(_ bytes: [UInt8], _ label: String) -> String? {
    guard let decoded = try? decoder.decode(bytes) else { return nil }
    let once = repairer.repair(decoded.text)
    let twice = repairer.repair(once.text)
    #expect(twice.text == once.text, "repair is not idempotent on \(label): \(once.text.debugDescription) then \(twice.text.debugDescription)")
    for span in once.lossySpans { #expect(span.lowerBound >= 0, "negative lossy span on \(label)") }
    return normalizer.normalize(once.text)
  }

  @Test func everySingleByte() {
    for byte in UInt8.min...UInt8.max {
      _ = clean([byte], String(format: "0x%02X", byte))
    }
  }

  @Test func everyByteInsideASentence() {
    let prefix = Array("The company's revenue rose 12% in the quarter ".utf8)
    let suffix = Array(" and its chief executive said so.\n".utf8)
    for byte in UInt8.min...UInt8.max {
      _ = clean(prefix + [byte] + suffix, String(format: "sentence with 0x%02X", byte))
    }
  }

  @Test func everyByteRepeated() {
    for byte in UInt8.min...UInt8.max {
      _ = clean([UInt8](repeating: byte, count: 257), String(format: "0x%02X × 257", byte))
    }
  }

  @Test func everyLeadByteWithEveryContinuationClass() {
    // Lead bytes followed by each class of second byte: ASCII, continuation, lead, invalid.
    let seconds: [UInt8] = [0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xE0, 0xF0, 0xF8, 0xFF]
    for lead in UInt8(0x80)...UInt8.max {
      for second in seconds {
        _ = clean([0x61, lead, second, 0x62], String(format: "a 0x%02X 0x%02X b", lead, second))
      }
    }
  }

  @Test func allByteValuesAsOnePage() throws {
    let bytes = Array(UInt8.min...UInt8.max)
    _ = clean(bytes, "0x00...0xFF")
    do {
      let page = try PageCleaner().clean(bytes, document: "all-bytes")
      #expect(!page.text.unicodeScalars.contains("\u{0}"), "NUL survived cleaning")
    } catch let error as PageError {
      #expect(error.description.hasPrefix("all-bytes: "))
    }
  }

  @Test func byteOrderMarksAlone() {
    for bom: [UInt8] in [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0, 0], [0, 0, 0xFE, 0xFF], [0xFF, 0xFE, 0x41]] {
      _ = clean(bom, "BOM \(bom)")
    }
  }

  @Test func pipelineOnEverySingleByteAndEmptyInput() throws {
    let pipeline = PagePipeline(aligner: AnchorAligner())
    for bytes in [[]] + (UInt8.min...UInt8.max).map({ [$0] }) {
      do {
        let page = try pipeline.process(bytes, document: "byte")
        #expect(page.units.isEmpty, "one byte made a translation unit: \(bytes)")
      } catch let error as PageError {
        #expect(error.document == "byte")
      }
    }
  }
}
