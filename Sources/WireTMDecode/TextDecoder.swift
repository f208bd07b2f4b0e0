import ICUKit

/// Text decoded from a page's bytes, with the encoding that was used.
public struct DecodedText: Hashable, Sendable {
  /// The decoded text.
  public var text: String
  /// The encoding used, as a WHATWG/IANA-style name ("UTF-8", "UTF-16LE", "windows-1252").
  public var encoding: String
  /// Whether a byte-order mark was found (and removed).
  public var hadByteOrderMark: Bool
  /// How sure the decoder is, 0...100: 100 for a BOM or valid UTF-8, ICU's confidence or the
  /// decoder's own plausibility score for legacy charsets.
  public var confidence: Int

  public init(text: String, encoding: String, hadByteOrderMark: Bool = false, confidence: Int = 100)
  {
    self.text = text
    self.encoding = encoding
    self.hadByteOrderMark = hadByteOrderMark
    self.confidence = confidence
  }
}

/// Why bytes could not be read as text.
public enum DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The bytes look like a binary file (NUL bytes outside UTF-16/32).
  case binary(byteOffset: Int)
  /// UTF-16 or UTF-32 (found by BOM or NUL pattern) with a broken code unit.
  case malformed(encoding: String, byteOffset: Int)
  /// No charset decodes the bytes.
  case undecodable(byteOffset: Int)

  public var description: String {
    switch self {
    case .binary(let offset): "binary data, not text (NUL byte at offset \(offset))"
    case .malformed(let encoding, let offset):
      "malformed \(encoding) at byte offset \(offset)"
    case .undecodable(let offset):
      "no known charset decodes these bytes (first bad byte at offset \(offset))"
    }
  }
}

/// Turns bytes into text.
///
/// In order: byte-order marks (UTF-8, UTF-16LE/BE, UTF-32LE/BE); UTF-16/32 without BOM,
/// found by where the NUL bytes fall; strict UTF-8; then legacy charsets. For legacy bytes
/// ICU's detector proposes, and the decoder checks: ISO-8859-1 is reported as its superset
/// windows-1252 (what every browser does), short or low-confidence inputs are decided by
/// decoding with each plausible charset and scoring the text (Hangul for EUC-KR, kana for
/// Shift_JIS, common hanzi for GBK/Big5, Russian letter statistics for windows-1251 vs
/// KOI8-R).
public struct TextDecoder: Sendable {
  public init() {}

  public func decode(_ bytes: [UInt8]) throws -> DecodedText {
    if let bom = try decodeByteOrderMark(bytes) { return bom }
    if let wide = try decodeWideWithoutBOM(bytes) { return wide }
    if let text = String(validating: bytes, as: UTF8.self) {
      if let nul = bytes.firstIndex(of: 0) { throw DecodeError.binary(byteOffset: nul) }
      return DecodedText(text: text, encoding: "UTF-8")
    }
    if let nul = bytes.firstIndex(of: 0) { throw DecodeError.binary(byteOffset: nul) }
    return try decodeLegacy(bytes)
  }

  // MARK: BOMs and wide encodings

  private func decodeByteOrderMark(_ bytes: [UInt8]) throws -> DecodedText? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let body = Array(bytes.dropFirst(3))
      guard let text = String(validating: body, as: UTF8.self) else {
        throw DecodeError.malformed(encoding: "UTF-8", byteOffset: 3 + firstInvalidUTF8(body))
      }
      return DecodedText(text: text, encoding: "UTF-8", hadByteOrderMark: true)
    }
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
      return try decodeUTF32(bytes, from: 4, bigEndian: false, bom: true)
    }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
      return try decodeUTF32(bytes, from: 4, bigEndian: true, bom: true)
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return try decodeUTF16(bytes, from: 2, bigEndian: false, bom: true)
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return try decodeUTF16(bytes, from: 2, bigEndian: true, bom: true)
    }
    return nil
  }

  /// UTF-16/32 text of mostly Latin or ASCII characters has NULs in fixed byte positions.
  private func decodeWideWithoutBOM(_ bytes: [UInt8]) throws -> DecodedText? {
    let sample = bytes.prefix(4096)
    guard sample.count >= 16, sample.reduce(0, { $0 + ($1 == 0 ? 1 : 0) }) >= 4 else { return nil }
    var zeros = [0, 0, 0, 0]
    for (index, byte) in sample.enumerated() where byte == 0 { zeros[index % 4] += 1 }
    let quarter = sample.count / 4
    func mostly(_ count: Int) -> Bool { count * 10 >= quarter * 7 }
    func rarely(_ count: Int) -> Bool { count * 10 <= quarter }
    if mostly(zeros[1]) && mostly(zeros[2]) && mostly(zeros[3]) && rarely(zeros[0]) {
      return try decodeUTF32(bytes, from: 0, bigEndian: false, bom: false)
    }
    if mostly(zeros[0]) && mostly(zeros[1]) && mostly(zeros[2]) && rarely(zeros[3]) {
      return try decodeUTF32(bytes, from: 0, bigEndian: true, bom: false)
    }
    let even = zeros[0] + zeros[2]
    let odd = zeros[1] + zeros[3]
    let half = sample.count / 2
    if odd * 10 >= half * 4 && even * 10 <= half {
      return try decodeUTF16(bytes, from: 0, bigEndian: false, bom: false)
    }
    if even * 10 >= half * 4 && odd * 10 <= half {
      return try decodeUTF16(bytes, from: 0, bigEndian: true, bom: false)
    }
    return nil
  }

  private func decodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool, bom: Bool) throws
    -> DecodedText
  {
    let name = bigEndian ? "UTF-16BE" : "UTF-16LE"
    guard (bytes.count - start) % 2 == 0 else {
      throw DecodeError.malformed(encoding: name, byteOffset: bytes.count - 1)
    }
    var units: [UInt16] = []
    units.reserveCapacity((bytes.count - start) / 2)
    var index = start
    while index + 1 < bytes.count {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(bigEndian ? first << 8 | second : second << 8 | first)
      index += 2
    }
    var scalars = String.UnicodeScalarView()
    var iterator = units.makeIterator()
    var decoder = UTF16()
    var unitOffset = 0
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalars.append(scalar)
        unitOffset += scalar.value > 0xFFFF ? 2 : 1
      case .emptyInput: break loop
      case .error: throw DecodeError.malformed(encoding: name, byteOffset: start + unitOffset * 2)
      }
    }
    return DecodedText(text: String(scalars), encoding: name, hadByteOrderMark: bom)
  }

  private func decodeUTF32(_ bytes: [UInt8], from start: Int, bigEndian: Bool, bom: Bool) throws
    -> DecodedText
  {
    let name = bigEndian ? "UTF-32BE" : "UTF-32LE"
    guard (bytes.count - start) % 4 == 0 else {
      throw DecodeError.malformed(
        encoding: name, byteOffset: bytes.count - (bytes.count - start) % 4)
    }
    var scalars = String.UnicodeScalarView()
    var index = start
    while index + 3 < bytes.count {
      let b = bytes[index..<(index + 4)].map(UInt32.init)
      let value =
        bigEndian
        ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
      guard let scalar = Unicode.Scalar(value) else {
        throw DecodeError.malformed(encoding: name, byteOffset: index)
      }
      scalars.append(scalar)
      index += 4
    }
    return DecodedText(text: String(scalars), encoding: name, hadByteOrderMark: bom)
  }

  /// Offset of the first byte that does not start a well-formed UTF-8 sequence.
  func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      var needed = 0
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: needed = 1
      case 0xE0:
        needed = 2
        low = 0xA0
      case 0xE1...0xEC, 0xEE, 0xEF: needed = 2
      case 0xED:
        needed = 2
        high = 0x9F
      case 0xF0:
        needed = 3
        low = 0x90
      case 0xF1...0xF3: needed = 3
      case 0xF4:
        needed = 3
        high = 0x8F
      default: return index
      }
      guard index + needed < bytes.count, bytes[index + 1] >= low, bytes[index + 1] <= high else {
        return index
      }
      var offset = 2
      while offset <= needed {
        if bytes[index + offset] & 0xC0 != 0x80 { return index }
        offset += 1
      }
      index += needed + 1
    }
    return bytes.count
  }

  // MARK: Legacy charsets

  /// Charsets tried when ICU's guess is weak.
  static let legacyCandidates = [
    "windows-1252", "EUC-KR", "Shift_JIS", "GBK", "Big5", "windows-1251", "KOI8-R", "windows-1250",
    "windows-1253", "ISO-8859-2",
  ]

  private func decodeLegacy(_ bytes: [UInt8]) throws -> DecodedText {
    // UTF-16/32 were ruled out above (no BOM, no NUL pattern): ICU's guesses of them on
    // legacy bytes are coincidences.
    let matches = ((try? CharsetDetector.detect(bytes, limit: 8)) ?? []).filter {
      !$0.name.uppercased().hasPrefix("UTF-")
    }
    let high = bytes.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
    // ICU is reliable on long texts with a confident guess; otherwise score candidates.
    if let best = matches.first, best.confidence >= 60, high >= 64,
      let text = strictDecode(bytes, canonical(best.name, bytes))
    {
      return DecodedText(
        text: text, encoding: canonical(best.name, bytes), confidence: best.confidence)
    }
    var names = matches.map { canonical($0.name, bytes) }
    for name in Self.legacyCandidates where !names.contains(name) { names.append(name) }
    var best: (score: Double, text: String, name: String)?
    for (rank, name) in names.enumerated() {
      guard let text = strictDecode(bytes, name) else { continue }
      // ICU's order breaks ties: a small bonus for being proposed, more for being first.
      var bonus = rank < matches.count ? 0.02 * Double(matches.count - rank) : 0
      if rank == 0 { bonus += 0.05 }
      // windows-1252 is by far the most common legacy charset: the default on a near tie.
      if name == "windows-1252" { bonus += 0.08 }
      let score = LegacyScore.plausibility(of: text, charset: name) + bonus
      if best == nil || score > best!.score { best = (score, text, name) }
    }
    if let best {
      return DecodedText(
        text: best.text, encoding: best.name, confidence: Int(max(0, min(100, best.score * 100))))
    }
    throw DecodeError.undecodable(byteOffset: firstInvalidUTF8(bytes))
  }

  /// ISO-8859-1 is read as windows-1252 (its superset, as browsers do); UTF-8 guesses on
  /// invalid UTF-8 fall back to windows-1252.
  private func canonical(_ name: String, _ bytes: [UInt8]) -> String {
    switch name.uppercased() {
    case "ISO-8859-1", "UTF-8": return "windows-1252"
    case "ISO-8859-5": return "windows-1251"
    default: return name
    }
  }

  private func strictDecode(_ bytes: [UInt8], _ name: String) -> String? {
    guard let converter = try? Converter(name, strict: true) else { return nil }
    return try? converter.decode(bytes)
  }
}
