import Foundation
import WireTMLanguage
import WireTMParagraphs

/// Finds the English original of a page and the translation blocks of it.
///
/// Wire pages put translated summaries in blocks, one block per language, usually right
/// after the English summary, but the order, the number of blocks and their size vary, and the
/// same page also carries long English text that nobody translated. The analyzer:
/// 1. groups consecutive body paragraphs of one language into runs;
/// 2. for every non-English run, scores every window of every English run (of about the
///    block's size) by the overlap of anchors — numbers, tickers, names — and by how well the
///    lengths agree for that language pair, and keeps the best window above a floor;
/// 3. marks what the windows cover as the original, repeats of it as repeats, and the rest by
///    what it looks like.
public struct StructureAnalyzer: Sendable {
  /// Below this score a block has no English original on the page.
  public var minimumScore: Double
  /// Below this language confidence a paragraph's language counts as unknown.
  public var minimumLanguageConfidence: Double

  public init(minimumScore: Double = 0.12, minimumLanguageConfidence: Double = 0.5) {
    self.minimumScore = minimumScore
    self.minimumLanguageConfidence = minimumLanguageConfidence
  }

  public func analyze(_ paragraphs: [Paragraph], languages: [LanguageGuess]) -> PageStructure {
    precondition(paragraphs.count == languages.count, "one language guess per paragraph")
    let runs = languageRuns(paragraphs, languages)
    let englishRuns = runs.filter { $0.language == "en" }
    let anchors = paragraphs.map { AnchorSet($0.text) }

    let translated = runs.filter { $0.language != "en" && $0.language != "und" }
    var choices = translated.map { run in
      bestSource(for: run, among: englishRuns, paragraphs: paragraphs, anchors: anchors)
    }
    reconcileWithConsensus(&choices, translated, englishRuns, paragraphs, anchors)

    var blocks: [PageStructure.TranslationBlock] = []
    for (run, choice) in zip(translated, choices) {
      guard let best = choice, best.score >= minimumScore,
        !Self.isCopy(run.indices.map { paragraphs[$0].text }, of: best.window.map { paragraphs[$0].text })
      else { continue }
      blocks.append(
        .init(language: run.language, paragraphs: run.indices, source: best.window, score: best.score))
    }
    return PageStructure(roles: roles(paragraphs, languages, blocks), blocks: blocks)
  }

  struct Run {
    var language: String
    var indices: [Int]
  }

  /// Maximal runs of consecutive body paragraphs in one language.
  func languageRuns(_ paragraphs: [Paragraph], _ languages: [LanguageGuess]) -> [Run] {
    var runs: [Run] = []
    var previous: Int?
    for (index, paragraph) in paragraphs.enumerated() {
      guard paragraph.kind == .body else {
        previous = nil
        continue
      }
      let guess = languages[index]
      let language = guess.confidence >= minimumLanguageConfidence ? guess.code : "und"
      if let last = previous, last == index - 1, runs[runs.count - 1].language == language {
        runs[runs.count - 1].indices.append(index)
      } else {
        runs.append(Run(language: language, indices: [index]))
      }
      previous = index
    }
    return runs
  }

  /// Blocks of one page translate the same original: when most blocks agree on an English
  /// run, a block that chose another run takes its best window in the agreed run instead,
  /// unless that is clearly worse. This fixes blocks whose own evidence is thin (a Korean
  /// block full of lost characters whose anchors happen to match an "About" paragraph better).
  func reconcileWithConsensus(
    _ choices: inout [(window: [Int], score: Double)?], _ blocks: [Run], _ englishRuns: [Run],
    _ paragraphs: [Paragraph], _ anchors: [AnchorSet]
  ) {
    func runIndex(of window: [Int]) -> Int? {
      guard let first = window.first else { return nil }
      return englishRuns.firstIndex { $0.indices.contains(first) }
    }
    var votes: [Int: Double] = [:]
    for choice in choices {
      guard let choice, choice.score >= minimumScore, let run = runIndex(of: choice.window) else { continue }
      votes[run, default: 0] += choice.score
    }
    // Several blocks of one language mean the page translates several English runs
    // (interleaved layouts): then each block keeps its own choice.
    let languages = blocks.map(\.language)
    guard Set(languages).count == languages.count else { return }
    let total = votes.values.reduce(0, +)
    guard let (agreed, weight) = votes.max(by: { $0.value < $1.value }), weight > total / 2 else { return }
    for index in choices.indices {
      guard let choice = choices[index], runIndex(of: choice.window) != agreed else { continue }
      let inAgreedRun = bestSource(
        for: blocks[index], among: [englishRuns[agreed]], paragraphs: paragraphs, anchors: anchors)
      if let alternative = inAgreedRun, alternative.score >= minimumScore,
        alternative.score >= choice.score - 0.25
      {
        choices[index] = alternative
      }
    }
  }

  /// The window of English paragraphs that a block most likely translates.
  func bestSource(
    for block: Run, among englishRuns: [Run], paragraphs: [Paragraph], anchors: [AnchorSet]
  ) -> (window: [Int], score: Double)? {
    var blockAnchors = AnchorSet()
    var blockLength = 0
    for index in block.indices {
      blockAnchors.formUnion(anchors[index])
      blockLength += paragraphs[index].text.unicodeScalars.count
    }
    let expectedRatio = Self.expectedLengthRatio(block.language)
    var best: (window: [Int], score: Double)?
    let size = block.indices.count
    for run in englishRuns {
      // Windows of about the block's size; a run shorter than that offers none. (Building
      // the range before this check trapped: a fuzz finding, see the regression test.)
      let smallest = max(1, size - 2)
      let largest = min(run.indices.count, size + 2)
      guard smallest <= largest else { continue }
      for width in smallest...largest {
        for start in 0...(run.indices.count - width) {
          let window = Array(run.indices[start..<(start + width)])
          var windowAnchors = AnchorSet()
          var windowLength = 0
          for index in window {
            windowAnchors.formUnion(anchors[index])
            windowLength += paragraphs[index].text.unicodeScalars.count
          }
          let ratio = Double(blockLength) / max(1, Double(windowLength) * expectedRatio)
          // Anchors: mostly how many of the block's anchors its source explains (a translation
          // keeps the original's names and numbers, while the original may hold terms a
          // translation renders in words), a little of their overlap both ways; lengths decide
          // between windows that explain the anchors equally.
          let anchorScore = 0.7 * blockAnchors.recall(in: windowAnchors) + 0.3 * windowAnchors.dice(blockAnchors)
          var score = anchorScore - 0.5 * abs(log(max(ratio, 1e-9)))
          if width == size { score += 0.05 }
          if best == nil || score > best!.score { best = (window, score) }
        }
      }
    }
    return best
  }

  /// Whether a "translation" shares most of its words with its source: English text that the
  /// language model misread (a name-heavy paragraph), or a copy left untranslated. Either way
  /// it would put English into the memory as a translation.
  static func isCopy(_ block: [String], of source: [String]) -> Bool {
    func words(_ texts: [String]) -> Set<String> {
      var result = Set<String>()
      for text in texts {
        for (token, _) in AnchorSet.tokens(of: text) where token.count >= 4 {
          result.insert(String(token).lowercased())
        }
      }
      return result
    }
    let blockWords = words(block)
    let sourceWords = words(source)
    guard !blockWords.isEmpty, !sourceWords.isEmpty else { return false }
    let shared = blockWords.intersection(sourceWords).count
    return Double(shared) / Double(min(blockWords.count, sourceWords.count)) > 0.6
  }

  /// Characters of a translation per character of English, roughly, by language.
  static func expectedLengthRatio(_ language: String) -> Double {
    switch language {
    // Measured on the seeds and development pages: ko 0.54-0.58, it/es/fr/de 1.11-1.20.
    case "ko": 0.56
    case "ja": 0.5
    case "zh": 0.33
    case "de", "fr", "it", "es", "pt", "nl", "ca", "ro": 1.16
    default: 1.0
    }
  }

  func roles(
    _ paragraphs: [Paragraph], _ languages: [LanguageGuess], _ blocks: [PageStructure.TranslationBlock]
  ) -> [PageStructure.Role] {
    var roles = [PageStructure.Role](repeating: .unmatched, count: paragraphs.count)
    var firstSeen: [String: Int] = [:]
    for block in blocks {
      for index in block.source { roles[index] = .original }
      for index in block.paragraphs { roles[index] = .translation(block.language) }
    }
    for (index, paragraph) in paragraphs.enumerated() {
      let key = Self.repeatKey(paragraph.text)
      if let earlier = firstSeen[key], roles[index] != .original {
        roles[index] = .repeated(of: earlier)
        continue
      }
      firstSeen[key] = firstSeen[key] ?? index
      if roles[index] != .unmatched { continue }
      if Boilerplate.matches(paragraph.text) {
        roles[index] = .boilerplate
      } else if paragraph.kind != .body {
        roles[index] = .layout
      } else if languages[index].code == "en" {
        roles[index] = .untranslated
      }
    }
    return roles
  }

  /// Text compared for repeats: letters and digits only, lower-cased.
  static func repeatKey(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.lowercased().unicodeScalars.filter {
          $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
  }
}
