import Foundation

/// The key a translation unit is stored and merged under: its English text, normalised.
///
/// Two sightings of one English sentence must merge even when the scrape differs in
/// invisible ways: composed vs decomposed accents (NFC), runs of spaces, a non-breaking space,
/// leading or trailing blanks. Case and punctuation are kept: CAT tools treat "Apple rose." and
/// "apple rose" as different segments, and so do we.
public enum EnglishKey {
  /// The normalised key of an English sentence.
  public static func make(_ text: String) -> String {
    if let ascii = asciiKey(text) { return ascii }
    let composed = text.precomposedStringWithCanonicalMapping
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in composed.unicodeScalars {
      if scalar.properties.isWhitespace {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      out.append(scalar)
    }
    return String(out)
  }

  /// The key of pure-ASCII text without building a new string when it is already normal
  /// (the common case: most English wire copy is ASCII); `nil` when the text is not ASCII.
  @inline(__always)
  static func asciiKey(_ text: String) -> String? {
    var previousWasSpace = true
    var clean = true
    for byte in text.utf8 {
      if byte >= 0x80 { return nil }
      let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
      if isSpace && (previousWasSpace || byte != 0x20) { clean = false }
      previousWasSpace = isSpace
    }
    if previousWasSpace && !text.isEmpty { clean = false }
    if clean { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for byte in text.utf8 {
      let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
      if isSpace {
        pendingSpace = !bytes.isEmpty
        continue
      }
      if pendingSpace {
        bytes.append(0x20)
        pendingSpace = false
      }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The stable TMX `tuid` of a key: 64-bit FNV-1a of its UTF-8 bytes, as 16 hex digits.
  ///
  /// The same English sentence gets the same `tuid` in every export, from every store, on every
  /// machine, so snapshots and diffs of TMX files stay meaningful.
  public static func tuid(forKey key: String) -> String {
    let hash = StableHash.fnv1a64(key.utf8)
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}

/// Hashes whose values never change between runs (Swift's `Hasher` is seeded per process).
enum StableHash {
  static func fnv1a64<S: Sequence>(_ bytes: S, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
  where S.Element == UInt8 {
    var hash = seed
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// A 128-bit content hash (two FNV-1a lanes) as 32 hex digits, for skipping re-imports.
  static func contentHash(_ data: Data) -> String {
    let (first, second) = data.withUnsafeBytes { raw in
      (
        fnv1a64(raw.bindMemory(to: UInt8.self)),
        fnv1a64(raw.bindMemory(to: UInt8.self), seed: 0x8422_2325_cbf2_9ce4)
      )
    }
    return [first, second].map { value in
      let hex = String(value, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
  }
}

/// Content hashes for ``TMStore/addPage(document:contentHash:units:)``: the same bytes always
/// give the same hash, on every machine, so a page added once is skipped on every later run.
public enum ContentHash {
  /// A 128-bit hash of the bytes (two FNV-1a lanes) as 32 hex digits.
  ///
  /// Not cryptographic: it detects the same page scraped again, it does not defend against
  /// someone forging a page to collide with another.
  public static func of(_ data: Data) -> String { StableHash.contentHash(data) }
}
