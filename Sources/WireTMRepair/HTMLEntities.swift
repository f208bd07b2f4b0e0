/// Decodes HTML character references in scraped text: named (`&eacute;`), decimal
/// (`&#233;`) and hexadecimal (`&#xE9;`). Runs before the mojibake passes, so entities that
/// spell mojibake (`&Atilde;&copy;`) are decoded and then repaired like any other mojibake.
///
/// Only references closed by `;` are decoded (`AT&T`, `&copy` without `;` stay as they are),
/// and numeric references 0x80–0x9F are read as windows-1252, as browsers do.
enum HTMLEntities {
  /// `describe`: write the human-readable detail of each step (off for bulk runs).
  static func decode(_ edit: inout EditLog, describe: Bool = true) {
    let text = edit.text
    let decoded: (output: [UInt32], edits: [TextEdit], details: [String])? =
      text.withUnsafeBufferPointer { text in
        guard let base = text.baseAddress,
          let ampersand = nextAmpersand(base, from: 0, count: text.count),
          let (firstValue, firstEnd, first) = firstReference(from: ampersand, in: text)
        else { return nil }
        var edits: [TextEdit] = []
        // A reference takes at least three characters: no more than a third of what is left.
        edits.reserveCapacity((text.count - first) / 3)
        var details: [String] = []
        // References only shorten the text: the output is written in place into a buffer
        // of the input's length, text between references a stretch at a time.
        let output = [UInt32](unsafeUninitializedCapacity: text.count) { buffer, written in
          guard let out = buffer.baseAddress else { return }
          var length = 0
          var copied = 0  // where the stretch not yet copied starts
          var index = first
          var found: (value: UInt32, end: Int)? = (firstValue, firstEnd)
          while true {
            if let (value, end) = found {
              (out + length).update(from: base + copied, count: index - copied)
              length += index - copied
              out[length] = value
              length += 1
              if describe {
                details.append(
                  LegacyCodePages.describeChange(ArraySlice(text[index..<end]), [value][...]))
              }
              edits.append(TextEdit(start: index, end: end, length: 1))
              index = end
              copied = end
            } else {
              index += 1
            }
            // The next `&`, eight characters at a time: text between references is passed
            // without a look at each character.
            guard let next = nextAmpersand(base, from: index, count: text.count) else { break }
            index = next
            found = reference(at: index, in: text)
          }
          (out + length).update(from: base + copied, count: text.count - copied)
          written = length + text.count - copied
        }
        return (output, edits, details)
      }
    guard let decoded else { return }
    edit.apply(decoded.output, edits: decoded.edits, details: decoded.details, kind: "html-entity")
  }

  /// The scalar, end and start of the first reference at or after the `&` at `start`
  /// (many lines with an `&` hold none: "AT&T", "R&D"); nil when there is none.
  @inline(__always)
  private static func firstReference(from start: Int, in text: UnsafeBufferPointer<UInt32>)
    -> (UInt32, Int, Int)?
  {
    guard let base = text.baseAddress else { return nil }
    var index = start
    while true {
      if let (value, end) = reference(at: index, in: text) { return (value, end, index) }
      guard let next = nextAmpersand(base, from: index + 1, count: text.count) else { return nil }
      index = next
    }
  }

  /// The offset of the first `&` at or after `start` among the `count` characters at
  /// `base`, looked for sixteen or eight characters at a time (most lines hold none, and
  /// every line is asked once per repair round).
  @inline(__always)
  static func nextAmpersand(_ base: UnsafePointer<UInt32>, from start: Int, count: Int) -> Int? {
    let ampersands = SIMD8<UInt32>(repeating: 0x26)
    var index = start
    // Sixteen characters a step while they last (one test of both halves), then eight.
    while index + 16 <= count {
      let low = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<UInt32>.self)
      let high = UnsafeRawPointer(base + index + 8).loadUnaligned(as: SIMD8<UInt32>.self)
      if any(low .== ampersands .| high .== ampersands) { break }
      index += 16
    }
    while index + 8 <= count {
      let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<UInt32>.self)
      if any(chunk .== ampersands) { break }
      index += 8
    }
    while index < count {
      if base[index] == 0x26 { return index }
      index += 1
    }
    return nil
  }

  /// The scalar of the reference starting at `start` (an `&`) and the offset after its `;`.
  private static func reference(at start: Int, in text: UnsafeBufferPointer<UInt32>) -> (UInt32, Int)? {
    var index = start + 1
    guard index < text.count else { return nil }
    if text[index] == 0x23 {  // "#"
      index += 1
      var radix: UInt32 = 10
      if index < text.count && (text[index] == 0x78 || text[index] == 0x58) {
        radix = 16
        index += 1
      }
      var value: UInt32 = 0
      var digits = 0
      while index < text.count, let digit = digitValue(text[index], radix: radix), digits < 8 {
        value = value * radix + digit
        digits += 1
        index += 1
      }
      guard digits > 0, index < text.count, text[index] == 0x3B else { return nil }
      if value >= 0x80 && value <= 0x9F,
        let mapped = CodePages.windows1252.scalar(for: UInt8(value))
      {
        value = mapped
      }
      guard value >= 0x09, value != 0x7F, Unicode.Scalar(value) != nil else { return nil }
      return (value, index + 1)
    }
    // The name is packed as it is read (`packedKey`); only names longer than the packed
    // table's are looked up by a `String`.
    var key: UInt64 = 0
    var length = 0
    while index < text.count, index - start <= 32 {
      let value = text[index]
      if value == 0x3B { break }
      guard let code = nameCode(value) else { return nil }
      key = key &<< 6 | code
      length += 1
      index += 1
    }
    guard index < text.count, text[index] == 0x3B, length > 0 else { return nil }
    let scalar =
      length <= packedLength
      ? packedScalar(key)
      : HTMLEntityTable.scalars[String(decoding: text[(start + 1)..<index].map { UInt8($0) }, as: UTF8.self)]
    guard let scalar else { return nil }
    return (scalar, index + 1)
  }

  /// Names of at most this many characters are found by `packedScalar`.
  static let packedLength = 10

  /// A character of a reference name as six bits: 1–10 for 0–9, 11–36 for A–Z, 37–62
  /// for a–z (never 0, so that names of different lengths differ); nil for anything else.
  @inline(__always)
  static func nameCode(_ value: UInt32) -> UInt64? {
    switch value {
    case 0x30...0x39: return UInt64(value - 0x30 + 1)
    case 0x41...0x5A: return UInt64(value - 0x41 + 11)
    case 0x61...0x7A: return UInt64(value - 0x61 + 37)
    default: return nil
    }
  }

  /// A name of at most `packedLength` letters and digits as the key of
  /// `HTMLEntityTable.packedNames` (nil for a longer name or another character).
  static func packedKey(_ name: String) -> UInt64? {
    guard name.unicodeScalars.count <= packedLength else { return nil }
    var key: UInt64 = 0
    for scalar in name.unicodeScalars {
      guard let code = nameCode(scalar.value) else { return nil }
      key = key << 6 | code
    }
    return key
  }

  /// The scalar of the name whose `packedKey` is `key`, by binary search (no hashing, no
  /// `String`) among the names of its length and first character (`nameBuckets`): a few
  /// steps rather than eleven over all 2,000-odd names.
  static func packedScalar(_ key: UInt64) -> UInt32? {
    let bucket = nameBucket(key)
    return HTMLEntityTable.packedNames.withUnsafeBufferPointer { names in
      var low = Int(HTMLEntityTable.nameBuckets[bucket])
      var high = Int(HTMLEntityTable.nameBuckets[bucket + 1])
      while low < high {
        let middle = (low + high) / 2
        if names[middle] < key { low = middle + 1 } else { high = middle }
      }
      guard low < names.count, names[low] == key else { return nil }
      return HTMLEntityTable.packedScalars[low]
    }
  }

  /// The bucket of a packed key: its length in characters (six bits each, the first never
  /// 0) and its first character's code. Keys sort by length, then by first character, so
  /// each bucket's names are a stretch of `packedNames`. Keys of up to eleven characters'
  /// width (any `UInt64`) have a bucket.
  @inline(__always)
  static func nameBucket(_ key: UInt64) -> Int {
    let length = (64 - key.leadingZeroBitCount + 5) / 6
    let first = length == 0 ? 0 : Int(truncatingIfNeeded: key >> UInt64(6 * (length - 1)))
    return length << 6 | first
  }

  private static func digitValue(_ value: UInt32, radix: UInt32) -> UInt32? {
    switch value {
    case 0x30...0x39: return value - 0x30
    case 0x41...0x46 where radix == 16: return value - 0x41 + 10
    case 0x61...0x66 where radix == 16: return value - 0x61 + 10
    default: return nil
    }
  }
}
