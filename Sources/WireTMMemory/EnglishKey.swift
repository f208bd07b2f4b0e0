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
public enum StableHash {
  public static func fnv1a64<S: Sequence>(_ bytes: S, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
  where S.Element == UInt8 {
    var hash = seed
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// A 128-bit content hash (two FNV-1a lanes) as 32 hex digits, for skipping re-imports.
  public static func contentHash(_ data: Data) -> String {
    let first = fnv1a64(data)
    let second = fnv1a64(data, seed: 0x84222325cbf29ce4)
    return [first, second].map { value in
      let hex = String(value, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
  }
}
