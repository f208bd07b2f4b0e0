/// A language decision for a text.
public struct LanguageGuess: Hashable, Sendable {
  /// ISO 639-1 code, or "und".
  public var code: String
  /// 0...1.
  public var confidence: Double

  public init(code: String, confidence: Double) {
    self.code = code
    self.confidence = confidence
  }
}

/// Identifies the language of a text: script first (ICU), then an n-gram model.
public struct LanguageIdentifier: Sendable {
  public init(labels: Set<String>? = nil) {}

  public func identify(_ text: String) -> LanguageGuess {
    LanguageGuess(code: "und", confidence: 0)
  }
}
