import Foundation

/// The trained Latin-script model: a hash table of character n-gram and word features, each
/// with four bits per language (the quantised log-probability gap to the best language).
///
/// Immutable after loading, so one instance is shared by every `LanguageIdentifier` and
/// every thread. The format is written by `scripts/langid/train.py`; see its docstring.
///
/// Licence of the data: `Resources/langid.model` is derived from the word lists of wordfreq
/// (Robyn Speer et al., <https://github.com/rspeer/wordfreq>), CC-BY-SA 4.0, and is
/// distributed under that licence; see `scripts/langid/README.md`.
final class LanguageModel: Sendable {
  /// Language codes of the byte columns, in table order.
  let languages: [String]
  /// Quanta per nat of log-probability, to turn summed bytes back into nats.
  let quantaPerNat: Double
  let slotCount: Int
  let stride: Int
  /// The whole model file; slots start at `base`: a little-endian UInt16 fingerprint
  /// (0 = empty) then one nibble per language.
  let table: [UInt8]
  let base: Int
  /// For each cell byte, the gaps in quanta of its low and high nibble's languages.
  let lowGap: [Int32]
  let highGap: [Int32]

  static let magic = Array("WTLID003".utf8)
  static let headerSize = 36

  /// The model shipped with the module, loaded on first use. A missing or damaged resource
  /// gives an empty model (every Latin text is then "und") and a message on stderr.
  static let shared: LanguageModel = {
    do {
      guard let url = Bundle.module.url(forResource: "langid", withExtension: "model") else {
        throw ModelError(path: "langid.model", problem: "resource missing from the bundle")
      }
      return try LanguageModel(contentsOf: url)
    } catch {
      FileHandle.standardError.write(Data("wiretm: language model not loaded: \(error)\n".utf8))
      return LanguageModel.empty
    }
  }()

  static let empty = LanguageModel(
    languages: [], quantaPerNat: 1, slotCount: 1, levels: Array(repeating: 0, count: 16), table: [0, 0],
    base: 0)

  private init(
    languages: [String], quantaPerNat: Double, slotCount: Int, levels: [UInt8], table: [UInt8], base: Int
  ) {
    self.languages = languages
    self.quantaPerNat = quantaPerNat
    self.slotCount = slotCount
    self.stride = 2 + (languages.count + 1) / 2
    self.table = table
    self.base = base
    lowGap = (0..<256).map { Int32(levels[$0 & 15]) }
    highGap = (0..<256).map { Int32(levels[$0 >> 4]) }
  }

  /// Reads a model file with one read into the buffer the model keeps (no copies).
  convenience init(contentsOf url: URL) throws {
    let path = url.path
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw ModelError(path: path, problem: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw ModelError(path: path, problem: String(cString: strerror(errno)))
    }
    let size = Int(status.st_size)
    var complete = true
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var offset = 0
      while offset < size {
        let got = read(descriptor, buffer.baseAddress! + offset, size - offset)
        if got <= 0 { break }
        offset += got
      }
      complete = offset == size
      count = offset
    }
    guard complete else { throw ModelError(path: path, problem: "short read") }
    try self.init(bytes: bytes, path: path)
  }

  convenience init(bytes: [UInt8], path: String) throws {
    func fail(_ problem: String) -> ModelError { ModelError(path: path, problem: problem) }
    guard bytes.count >= Self.headerSize, Array(bytes[0..<8]) == Self.magic else {
      throw fail("not a wiretm language model (bad magic)")
    }
    func u32(_ offset: Int) -> Int {
      Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
        | Int(bytes[offset + 3]) << 24
    }
    let languageCount = u32(8)
    let slotCount = u32(12)
    let quanta = Double(Float(bitPattern: UInt32(u32(16))))
    guard languageCount > 0, languageCount <= 64, slotCount > 0
    else { throw fail("bad header: \(languageCount) languages, \(slotCount) slots") }
    let levels = Array(bytes[20..<36])
    let tableStart = Self.headerSize + 4 * languageCount
    let stride = 2 + (languageCount + 1) / 2
    guard bytes.count == tableStart + slotCount * stride else {
      throw fail("size \(bytes.count) bytes, expected \(tableStart + slotCount * stride)")
    }
    var languages: [String] = []
    for index in 0..<languageCount {
      let start = Self.headerSize + 4 * index
      let raw = bytes[start..<(start + 4)].prefix { $0 != 0 }
      languages.append(String(decoding: raw, as: UTF8.self))
    }
    self.init(
      languages: languages, quantaPerNat: quanta, slotCount: slotCount, levels: levels,
      table: bytes, base: tableStart)
  }

  /// Byte offset of the language cells of the feature with this hash, or nil when absent.
  @inline(__always)
  func slot(for hash: UInt64) -> Int? {
    let mixed = FeatureHash.mix(hash)
    var fingerprint = UInt16(truncatingIfNeeded: mixed >> 48)
    if fingerprint == 0 { fingerprint = 1 }
    var index = Int(truncatingIfNeeded: ((mixed & 0xFFFF_FFFF) &* UInt64(slotCount)) >> 32)
    return table.withUnsafeBufferPointer { buffer in
      while true {
        let offset = base &+ index &* stride
        let stored = UInt16(buffer[offset]) | UInt16(buffer[offset + 1]) << 8
        if stored == fingerprint { return offset + 2 }
        if stored == 0 { return nil }
        index += 1
        if index == slotCount { index = 0 }
      }
    }
  }
}

/// A model file that could not be read.
struct ModelError: Error, CustomStringConvertible {
  var path: String
  var problem: String
  var description: String { "\(path): \(problem)" }
}

/// The feature hash shared with the training script: FNV-1a 64 over code points, then
/// splitmix64 to spread the bits over slot index and fingerprint.
enum FeatureHash {
  static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01B3
  /// First code point of a whole-word feature, so "ab" the word and "ab" the bigram differ.
  static let wordTag: UInt32 = 0x01

  @inline(__always)
  static func feed(_ hash: UInt64, _ scalar: UInt32) -> UInt64 {
    (hash ^ UInt64(scalar)) &* prime
  }

  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var x = value &+ 0x9E37_79B9_7F4A_7C15
    x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
    x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 31)
  }
}
