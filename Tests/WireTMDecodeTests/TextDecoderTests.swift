import Foundation
import Testing

@testable import WireTMDecode

/// One fixture: a file of bytes, the encodings accepted for it, and the text it holds.
struct DecodeCase: Decodable, CustomStringConvertible {
  var file: String
  var encodings: [String]
  var text: String
  var bom: Bool?

  var description: String { file }

  static let all: [DecodeCase] = {
    guard
      let url = Bundle.module.url(
        forResource: "decode-cases", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return [] }
    return (try? JSONDecoder().decode([DecodeCase].self, from: data)) ?? []
  }()

  func bytes() throws -> [UInt8] {
    let url = try #require(
      Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Fixtures"))
    return [UInt8](try Data(contentsOf: url))
  }
}

@Suite struct TextDecoderTests {
  @Test func fixturesArePresent() {
    #expect(DecodeCase.all.count >= 40)
  }

  @Test(arguments: DecodeCase.all)
  func decodesFixture(_ fixture: DecodeCase) throws {
    let decoded = try TextDecoder().decode(try fixture.bytes())
    #expect(decoded.text == fixture.text)
    #expect(fixture.encodings.contains(decoded.encoding), "got \(decoded.encoding)")
    if let bom = fixture.bom { #expect(decoded.hadByteOrderMark == bom) }
  }

  @Test func validUTF8IsUTF8() throws {
    let decoded = try TextDecoder().decode(Array("L’école — 호황 ✓".utf8))
    #expect(decoded.text == "L’école — 호황 ✓")
    #expect(decoded.encoding == "UTF-8")
    #expect(decoded.confidence == 100)
    #expect(!decoded.hadByteOrderMark)
  }

  @Test func emptyInputIsEmptyText() throws {
    let decoded = try TextDecoder().decode([])
    #expect(decoded.text == "")
    #expect(decoded.encoding == "UTF-8")
  }

  @Test func binaryDataNamesTheOffset() {
    let bytes: [UInt8] = [
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xD8,
    ]
    #expect(throws: DecodeError.binary(byteOffset: 8)) { try TextDecoder().decode(bytes) }
    #expect(
      DecodeError.binary(byteOffset: 8).description
        == "binary data, not text (NUL byte at offset 8)")
  }

  @Test func nulInsideUTF8IsBinary() {
    #expect(throws: DecodeError.binary(byteOffset: 3)) {
      try TextDecoder().decode([0x61, 0x62, 0x63, 0x00, 0x64])
    }
  }

  @Test func oddLengthUTF16IsMalformed() {
    var bytes: [UInt8] = [0xFF, 0xFE]
    bytes += Array("abc".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    bytes.append(0x41)
    #expect(throws: DecodeError.malformed(encoding: "UTF-16LE", byteOffset: 8)) {
      try TextDecoder().decode(bytes)
    }
  }

  @Test func windows1252QuotesAreNotLatin1Controls() throws {
    // “Grüße” in windows-1252: 0x93 and 0x94 are quotes there, C1 controls in ISO-8859-1.
    let bytes: [UInt8] = [
      0x93, 0x47, 0x72, 0xFC, 0xDF, 0x65, 0x94, 0x20, 0x61, 0x75, 0x73, 0x20, 0x4B, 0xF6, 0x6C,
      0x6E,
    ]
    let decoded = try TextDecoder().decode(bytes)
    #expect(decoded.text == "“Grüße” aus Köln")
    #expect(decoded.encoding == "windows-1252")
  }

  @Test func firstInvalidUTF8Offset() {
    #expect(TextDecoder().firstInvalidUTF8(Array("abc".utf8) + [0xE9, 0x61]) == 3)
    #expect(TextDecoder().firstInvalidUTF8(Array("é".utf8)) == 2)
    #expect(TextDecoder().firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)
  }
}
