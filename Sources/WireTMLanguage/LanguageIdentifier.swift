import Foundation

/// Identifies the language of a text: the script first (ICU's `uscript`), then, for Latin
/// script, a character 1–5-gram and word naive-Bayes model trained from wordfreq.
///
/// Cheap to create and to copy: the model is loaded once per process, on first use, and
/// shared read-only, so identifiers can be used from several threads at once.
///
/// ```swift
/// let identifier = LanguageIdentifier(labels: ["en", "it", "es", "ko", "fr", "de"])
/// identifier.identify("NKGen Biotech (OTC: NKGN) 소개").code  // "ko"
/// ```
public struct LanguageIdentifier: Sendable {
  /// The languages the identifier may answer; nil means every supported language.
  public let labels: Set<String>?
  /// Below this confidence `identify` answers "und".
  public var minimumConfidence: Double
  /// When labels restrict the answers: answer "und" for Latin text that the model, over
  /// all its languages, gives to a language outside the labels (a Portuguese paragraph in
  /// a page read as en/it/es/ko/fr/de) instead of the nearest allowed language. Off by
  /// default, as benchmarks of a closed label set expect an allowed answer.
  public var rejectsOtherLanguages = false
  /// Model columns allowed by `labels`.
  let columns: [Int]
  let model: LanguageModel

  /// Languages named by their script alone.
  static let scriptLanguages: Set<String> = Set(ScriptClass.allCases.compactMap(\.language))

  /// Every code `identify` can answer (besides "und").
  public static var supportedLanguages: Set<String> {
    scriptLanguages.union(LanguageModel.shared.languages)
  }

  /// Languages the Latin model tells apart, in model order.
  public static var latinLanguages: [String] { LanguageModel.shared.languages }

  /// - Parameters:
  ///   - labels: restricts the answers to these ISO 639-1 codes; codes the identifier does
  ///     not know are ignored (use `init(validating:)` to reject them).
  ///   - minimumConfidence: answers below it become "und".
  public init(labels: Set<String>? = nil, minimumConfidence: Double = 0.2) {
    self.init(model: LanguageModel.shared, labels: labels, minimumConfidence: minimumConfidence)
  }

  /// Like `init(labels:)`, but throws when a label is not a supported language.
  public init(validating labels: Set<String>?, minimumConfidence: Double = 0.2) throws {
    if let labels {
      let unknown = labels.subtracting(Self.supportedLanguages)
      if !unknown.isEmpty { throw UnknownLanguageError(codes: unknown.sorted()) }
    }
    self.init(labels: labels, minimumConfidence: minimumConfidence)
  }

  init(model: LanguageModel, labels: Set<String>?, minimumConfidence: Double) {
    self.model = model
    self.labels = labels
    self.minimumConfidence = minimumConfidence
    columns = model.languages.indices.filter { labels?.contains(model.languages[$0]) ?? true }
  }

  /// The most likely language of text, or "und" when it has no letters or the best
  /// guess is below `minimumConfidence`. A paragraph of mixed languages gets the language
  /// with the most evidence.
  public func identify(_ text: String) -> LanguageGuess {
    var text = text
    return text.withUTF8 { identify(utf8: $0) }
  }

  /// `identify(_:)` over UTF-8 bytes (invalid bytes are read as U+FFFD), for callers that
  /// hold bytes already, such as the CLI.
  public func identify(utf8 bytes: UnsafeBufferPointer<UInt8>) -> LanguageGuess {
    let checksOthers = rejectsOtherLanguages && labels != nil
    let evidence = TextScanner(model: model).scan(bytes, stopWhenDecided: checksOthers ? nil : columns)
    guard let best = rank(evidence, limit: 1).first else {
      return .undetermined
    }
    if best.confidence < minimumConfidence {
      return LanguageGuess(code: "und", confidence: best.confidence, script: best.script)
    }
    if checksOthers && best.script == ScriptClass.latin.iso15924,
      let other = LanguageIdentifier(model: model, labels: nil, minimumConfidence: 0)
        .latinPosterior(evidence.latinScores).first,
      !allows(other.0), other.1 >= 0.5
    {
      return LanguageGuess(code: "und", confidence: other.1, script: best.script)
    }
    return best
  }

  /// Every allowed language with evidence in text, best first, with confidences that add
  /// up to at most 1. Empty when the text has no letters.
  public func candidates(_ text: String, limit: Int = 5) -> [LanguageGuess] {
    var text = text
    return text.withUTF8 { rank(TextScanner(model: model).scan($0), limit: limit) }
  }

  /// The script that carries most of the text's letters (ISO 15924, "Zyyy" when none).
  public func script(of text: String) -> String {
    var text = text
    let evidence = text.withUTF8 { TextScanner(model: model).scan($0) }
    guard
      let best = ScriptClass.allCases.max(by: {
        evidence.scriptEvidence[$0.rawValue] < evidence.scriptEvidence[$1.rawValue]
      }),
      evidence.scriptEvidence[best.rawValue] > 0
    else { return "Zyyy" }
    return best.iso15924
  }

  /// Ranks languages: scripts by their weighted letters first, then, inside Latin, the
  /// model's languages by posterior.
  func rank(_ evidence: Evidence, limit: Int) -> [LanguageGuess] {
    var groups: [(script: ScriptClass, weight: Int, languages: [(String, Double)])] = []
    for script in ScriptClass.allCases {
      let weight = evidence.scriptEvidence[script.rawValue]
      guard weight > 0 else { continue }
      let languages = languagesFor(script, evidence)
      if !languages.isEmpty { groups.append((script, weight, languages)) }
    }
    let total = Double(groups.reduce(0) { $0 + $1.weight })
    var result: [LanguageGuess] = []
    for group in groups.sorted(by: { $0.weight > $1.weight }) {
      let share = Double(group.weight) / total
      for (code, probability) in group.languages {
        result.append(
          LanguageGuess(code: code, confidence: share * probability, script: group.script.iso15924))
        if result.count == limit { return result }
      }
    }
    return result
  }

  /// The allowed languages of one script with their probability inside it.
  private func languagesFor(_ script: ScriptClass, _ evidence: Evidence) -> [(String, Double)] {
    switch script {
    case .latin:
      var scores = evidence.latinScores
      if evidence.spacedPunctuation > 0, let french = model.languages.firstIndex(of: "fr") {
        // Each spaced colon or question mark counts like a word that is 8 nats more French.
        scores[french] -= Int64(evidence.spacedPunctuation) * Int64(8 * model.quantaPerNat * 4)
      }
      return latinPosterior(scores)
    case .han, .kana:
      // Kana anywhere makes Han text Japanese.
      let preferred = evidence.kanaSeen ? "ja" : "zh"
      let other = preferred == "ja" ? "zh" : "ja"
      if allows(preferred) { return [(preferred, 1)] }
      if script == .han && allows(other) { return [(other, 1)] }
      return []
    default:
      guard let code = script.language, allows(code) else { return [] }
      return [(code, 1)]
    }
  }

  private func allows(_ code: String) -> Bool { labels?.contains(code) ?? true }

  /// Softmax over the allowed model languages. Scores are quanta × word weight (4 = one
  /// ordinary word); the five overlapping n-gram orders make naive Bayes overconfident, so
  /// the log-probabilities are tempered by that factor.
  func latinPosterior(_ scores: [Int64]) -> [(String, Double)] {
    guard !columns.isEmpty else { return [] }
    let best = columns.map { scores[$0] }.min()!
    let scale = 1 / (model.quantaPerNat * 4 * 5)
    var weights = columns.map { (column: $0, weight: Foundation.exp(-Double(scores[$0] - best) * scale)) }
    let sum = weights.reduce(0) { $0 + $1.weight }
    weights.sort { $0.weight > $1.weight }
    return weights.map { (model.languages[$0.column], $0.weight / sum) }
  }
}
