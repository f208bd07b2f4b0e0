/// A language decision for a text.
public struct LanguageGuess: Hashable, Sendable, CustomStringConvertible {
  /// ISO 639-1 code ("en", "ko"), or "und" when the text carries no usable evidence.
  public var code: String
  /// How sure the identifier is, 0...1 (the share of the evidence for `code`).
  public var confidence: Double
  /// ISO 15924 code of the script that decided ("Latn", "Hang"), "Zyyy" when none did.
  public var script: String

  public init(code: String, confidence: Double, script: String = "Zyyy") {
    self.code = code
    self.confidence = confidence
    self.script = script
  }

  /// The answer for text without letters.
  public static let undetermined = LanguageGuess(code: "und", confidence: 0)

  public var isUndetermined: Bool { code == "und" }

  public var description: String { "\(code) (\(script), \(confidence))" }
}

/// A run of text in one language, from `LanguageIdentifier.spans(_:)`.
public struct LanguageSpan: Hashable, Sendable {
  /// The span in the text it was found in; starts at a word and ends after its last word.
  public var range: Range<String.Index>
  /// The language of the run.
  public var guess: LanguageGuess

  public init(range: Range<String.Index>, guess: LanguageGuess) {
    self.range = range
    self.guess = guess
  }
}

/// A language code that the identifier cannot answer.
public struct UnknownLanguageError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The codes asked for that the identifier does not know, sorted.
  public var codes: [String]

  public init(codes: [String]) { self.codes = codes }

  public var description: String {
    "unknown language code\(codes.count == 1 ? "" : "s") \(codes.joined(separator: ", ")); known: "
      + LanguageIdentifier.supportedLanguages.sorted().joined(separator: ",")
  }
}
