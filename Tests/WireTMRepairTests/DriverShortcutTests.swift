import Testing

@testable import WireTMRepair

/// The vector scan the repairer's driver uses to skip a stage agrees with the plain
/// per-value test it replaces, at every length (whole vectors and the tail) and wherever
/// the one matching value sits.
@Suite struct DriverShortcutTests {
  static let ranges: [ClosedRange<UInt32>] = [
    0x00...0x08, 0x0E...0x1B, 0x7F...0x7F, 0x80...0x9F, 0xD800...0xDFFF, 0...UInt32.max,
  ]

  @Test func holdsValueAgreesWithContains() {
    var generator = SystemRandomNumberGenerator()
    let pool: [UInt32] = [0x00, 0x08, 0x09, 0x0D, 0x0E, 0x1B, 0x1C, 0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xA0,
                          0xE9, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFD, 0x1F600, 0xFFFF_FFFF]
    for length in 0..<40 {
      for _ in 0..<30 {
        let text = (0..<length).map { _ in pool.randomElement(using: &generator)! }
        for range in Self.ranges {
          #expect(
            MojibakeRepairer.holdsValue(in: text, from: range.lowerBound, through: range.upperBound)
              == text.contains(where: range.contains), "\(text) \(range)")
        }
      }
    }
  }

  @Test func holdsValueFindsALoneValueAnywhere() {
    for length in 1..<24 {
      for position in 0..<length {
        var text = [UInt32](repeating: 0x41, count: length)
        #expect(!MojibakeRepairer.holdsValue(in: text, from: 0x80, through: 0x9F))
        text[position] = 0x9F
        #expect(MojibakeRepairer.holdsValue(in: text, from: 0x80, through: 0x9F))
        #expect(!MojibakeRepairer.holdsValue(in: text, from: 0xA0, through: 0xFF))
      }
    }
  }
}

extension DriverShortcutTests {
  /// The per-character test `characterScreen` replaces, option by option.
  static func plainCheck(_ text: [UInt32], options: RepairOptions) -> MojibakeRepairer.CharacterScreen {
    let toRepair = text.contains { value in
      if value < 0x09 || (value >= 0x0E && value < 0x1C) || value == 0x7F {
        return options.removeControlCharacters
      }
      if value == 0x26 { return options.decodeHTMLEntities }
      return value >= 0x80 && value <= 0x9F
    }
    return MojibakeRepairer.CharacterScreen(
      toRepair: toRepair, replacement: text.contains(0xFFFD),
      surrogate: text.contains { $0 >= 0xD800 && $0 <= 0xDFFF },
      c1: text.contains { $0 >= 0x80 && $0 <= 0x9F }, lineFeed: text.contains(0x0A))
  }

  @Test func characterScreenAgreesWithThePlainTestUnderEveryOption() {
    var generator = SystemRandomNumberGenerator()
    let pool: [UInt32] = [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x1B, 0x1C, 0x1F, 0x20, 0x26, 0x41,
                          0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xE9, 0xD7FF, 0xD800, 0xDBFF, 0xDC00,
                          0xDFFF, 0xE000, 0xFFFC, 0xFFFD, 0xFFFE, 0x1F600]
    for controls in [true, false] {
      for entities in [true, false] {
        var options = RepairOptions()
        options.removeControlCharacters = controls
        options.decodeHTMLEntities = entities
        let repairer = MojibakeRepairer(options: options)
        for length in 0..<14 {
          for _ in 0..<40 {
            // Mostly letters, so that lines without a match come up as often as lines with one.
            let text = (0..<length).map { _ in
              Int.random(in: 0..<4, using: &generator) == 0 ? pool.randomElement(using: &generator)! : 0x61
            }
            #expect(
              repairer.characterScreen(text) == Self.plainCheck(text, options: options),
              "\(text) controls: \(controls) entities: \(entities)")
          }
        }
      }
    }
  }
}

extension DriverShortcutTests {
  /// Pieces that random lines are made of: ASCII (plain, controls, "&", DEL, line feed),
  /// well-formed sequences of every length, and each kind of malformed UTF-8.
  static let pieces: [[UInt8]] = [
    Array("The company".utf8), [0x20], [0x26], [0x7F], [0x01], [0x09], [0x0A], [0x0D], [0x1B],
    [0xC3, 0xA9], [0xC2, 0x80], [0xC2, 0x9F], [0xC2, 0xA0], [0xD0, 0xB1], [0xDF, 0xBF],
    [0xE2, 0x82, 0xAC], [0xE2, 0x84, 0xA2], [0xEF, 0xBF, 0xBD], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
    [0xEE, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    // Malformed: lone continuation, overlong, surrogate, beyond U+10FFFF, bad lead,
    // truncated sequences.
    [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x41],
  ]

  @Test func screenDecodingAgreesWithTheStandardDecoder() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<4000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0..<12, using: &generator) {
        // Mostly well-formed pieces, so that valid lines are common.
        let piece = Self.pieces[Int.random(in: 0..<(Int.random(in: 0..<3, using: &generator) == 0 ? Self.pieces.count : 23), using: &generator)]
        bytes += piece
      }
      let flagControls = Bool.random(using: &generator)
      let flagAmpersand = Bool.random(using: &generator)
      let decoded = bytes.withUnsafeBufferPointer {
        MojibakeRepairer.decodedForScreen(
          $0, flagControls: flagControls, flagAmpersand: flagAmpersand)
      }
      let valid = String(validating: bytes, as: UTF8.self)
      guard let valid, !bytes.contains(0x0A) else {
        #expect(decoded == nil, "\(bytes)")
        continue
      }
      let scalars = valid.unicodeScalars.map(\.value)
      let removable = scalars.contains { $0 < 0x09 || ($0 >= 0x0E && $0 < 0x1C) || $0 == 0x7F }
      let flagged =
        (flagControls && removable)
        || scalars.contains {
          (flagAmpersand && $0 == 0x26) || ($0 >= 0x80 && $0 <= 0x9F) || $0 == 0xFFFD
        }
      #expect(decoded?.scalars == scalars, "\(bytes)")
      #expect(decoded?.flagged == flagged, "\(bytes)")
      #expect(decoded?.hasRemovableControl == (flagControls && removable), "\(bytes)")
    }
  }
}
