internal import CICU

/// One guess of ICU's charset detector.
public struct CharsetMatch: Hashable, Sendable {
  /// ICU's charset name ("UTF-8", "ISO-8859-1", "windows-1252", "EUC-KR").
  public var name: String
  /// ICU's language guess for that charset, often empty.
  public var language: String
  /// 0...100.
  public var confidence: Int
}

/// ICU's statistical charset detector (`ucsdet`).
///
/// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/conversion/detection.html>
public enum CharsetDetector {
  /// All matches ICU reports for bytes, best first.
  public static func detect(_ bytes: some Collection<UInt8>, limit: Int = 16) throws -> [CharsetMatch] {
    let input = Array(bytes)
    if input.isEmpty { return [] }
    var raw = [CICUCharsetMatch](repeating: CICUCharsetMatch(), count: limit)
    var status: Int32 = 0
    let count = input.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cicu_detect_charsets(chars.baseAddress, Int32(chars.count), &raw, Int32(limit), &status)
      }
    }
    try ICUError.check(status, "ucsdet_detectAll")
    return raw.prefix(Int(max(count, 0))).map { match in
      var copy = match
      let name = withUnsafeBytes(of: &copy.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      let language = withUnsafeBytes(of: &copy.language) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      return CharsetMatch(name: name, language: language, confidence: Int(match.confidence))
    }
  }
}
