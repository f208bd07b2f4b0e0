import ICUKit

/// Text decoded from a page's bytes, with the encoding that was used.
public struct DecodedText: Hashable, Sendable {
  /// The decoded text.
  public var text: String
  /// The encoding used, as a WHATWG/IANA-style name ("UTF-8", "UTF-16LE", "windows-1252").
  public var encoding: String
  /// Whether a byte-order mark was found (and removed).
  public var hadByteOrderMark: Bool

  public init(text: String, encoding: String, hadByteOrderMark: Bool = false) {
    self.text = text
    self.encoding = encoding
    self.hadByteOrderMark = hadByteOrderMark
  }
}

/// Why bytes could not be read as text.
public enum DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The bytes look like a binary file (NUL bytes outside UTF-16/32).
  case binary(byteOffset: Int)

  public var description: String {
    switch self {
    case .binary(let offset): "binary data, not text (NUL byte at offset \(offset))"
    }
  }
}

/// Turns bytes into text: BOMs first, then strict UTF-8, then ICU's charset detector.
public struct TextDecoder: Sendable {
  public init() {}

  public func decode(_ bytes: [UInt8]) throws -> DecodedText {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return DecodedText(
        text: String(decoding: bytes.dropFirst(3), as: UTF8.self), encoding: "UTF-8",
        hadByteOrderMark: true)
    }
    if let text = String(validating: bytes, as: UTF8.self) {
      if let nul = bytes.firstIndex(of: 0) { throw DecodeError.binary(byteOffset: nul) }
      return DecodedText(text: text, encoding: "UTF-8")
    }
    if let nul = bytes.firstIndex(of: 0) { throw DecodeError.binary(byteOffset: nul) }
    let best = try CharsetDetector.detect(bytes).first?.name ?? "windows-1252"
    let text = try Converter(best).decode(bytes)
    return DecodedText(text: text, encoding: best)
  }
}
