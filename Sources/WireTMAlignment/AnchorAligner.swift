import Foundation

/// The default aligner: a dynamic program over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2 and
/// larger) scored by a length model and by anchors that survive translation, with word
/// links learnt from the first pass's confident pairs.
///
/// A bead's cost is
/// - for 1-0 and 0-1: its prior alone (charging a deletion a length cost makes the
///   program keep bad pairs instead of admitting an omission);
/// - otherwise: Gale–Church's length cost (lengths in characters, a Hangul syllable
///   counted as 2.5, with the ratio and variance of the document) plus the bead's prior,
///   minus `anchorWeight` × the anchor credit, *centred*: every token credited by whether it
///   finds a partner on the other side (same number, name, code, cognate prefix, punctuation,
///   learnt word link), minus the credit random spans of the same shape collect in this
///   document, so merges don't earn credit for free.
///
/// ```swift
/// let beads = AnchorAligner().align(source: english, target: german,
///                                   sourceLanguage: "en", targetLanguage: "de")
/// ```
public struct AnchorAligner: SentenceAligner {
  /// Scale of the anchor evidence (per-token log-likelihood ratios of a true pair against
  /// chance, both estimated on the document) against the length model.
  public var anchorWeight: Double
  /// Gale–Church variance per character.
  public var variance: Double
  /// Whether a second pass uses word links learnt from the first pass.
  public var learnsLexicon: Bool

  /// Scale of the charge for a sentence of a bead that has several anchor tokens and none
  /// of them matched. The charge is this scale times log(P(dead | chance) / P(dead | pair)),
  /// both rates measured on the document: in wire copy names and numbers survive
  /// translation, so such a sentence is an omission or an addition. It is further scaled by
  /// the document's `numberRichness`: none in literary prose, where it only costs.
  public var deadSentencePenalty: Double
  /// Prior of an omitted (1-0) or added (0-1) sentence.
  public var deletionPrior: Double
  /// Nats per further sentence of a run of omissions or additions (a caption block, a
  /// translator's extra paragraph): far less than a new omission.
  public var deletionRunExtra = 1.5
  /// Share of the dead-sentence charge applied to one-to-one beads in number-rich documents
  /// (see `numberRichness`); none in number-poor ones.
  public var oneToOneDeadShare = 1.0
  /// Prior of an omitted or added sentence in a number-rich document (wire copy, where
  /// summaries drop sentences and translators add boilerplate); `deletionPrior` otherwise.
  public var richDeletionPrior = 0.015
  /// Only first-pass one-to-one beads at least this confident calibrate the dead-sentence
  /// charge.
  public var deadCountConfidence = 0.0
  /// Nats per number of a bead that finds no partner number on the other side: numbers
  /// survive translation (in any locale's style, Korean units included), so a stray one
  /// says the bead pairs sentences that are not translations of each other.
  public var strayNumberCost = 1.5
  /// Strong anchors (numbers, names) a sentence needs before finding no partner token at
  /// all counts against its bead ("Durum wheat prices stayed high" has none: its words may
  /// all be translated without a cognate).
  public var deadNeedsStrongAnchors = 0
  /// Whether number-rich documents (wire copy) use the hand-written press-release lexicon
  /// (`TermLexicon`) as anchors shared across languages.
  public var usesTermLexicon = true
  /// Nats per strong anchor (number, name) beyond the first of a sentence whose anchors all
  /// find no partner in its bead, scaled by the document's `numberRichness`: in wire copy a
  /// sentence with three names and numbers and no partner for any is an omission or an
  /// addition, not a free translation. Measured: gold 0.981 -> 0.986, check 0.978 -> 0.982,
  /// flat from 4 to 10; Text+Berg unchanged (number-poor, so no charge).
  public var deadStrongAnchorCost = 5.0
  /// Bead confidence is posterior^(1 − share) × evidence^share: the forward–backward
  /// posterior over the program's paths, blended (geometric mean) with the bead's own
  /// evidence. With the press-release lexicon the posteriors of wire copy mostly round to 1,
  /// ties that hide the remaining wrong beads; measured over both development sets (gold
  /// and check), AUC of right vs wrong linked beads 0.845 with the posterior alone, 0.907
  /// at 0.3, 0.901 at 0.5.
  public var confidenceEvidenceShare = 0.3

  public init(
    anchorWeight: Double = 0.2, variance: Double = 6.8, learnsLexicon: Bool = true,
    deadSentencePenalty: Double = 1.0, deletionPrior: Double = 0.008
  ) {
    self.anchorWeight = anchorWeight
    self.variance = variance
    self.learnsLexicon = learnsLexicon
    self.deadSentencePenalty = deadSentencePenalty
    self.deletionPrior = deletionPrior
  }

  public func align(
    source: [String], target: [String], sourceLanguage: String, targetLanguage: String
  )
    -> [Bead]
  {
    align(
      documents: [(source, target)], sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)[
        0]
  }

  /// Aligns many documents (or paragraphs) of one language pair at once, pooling the word
  /// links learnt from all of them: the batch gives a short paragraph evidence that its own
  /// three sentences could not.
  public func align(
    documents: [(source: [String], target: [String])], sourceLanguage: String,
    targetLanguage: String
  ) -> [[Bead]] {
    var tokenizer = AnchorTokenizer()
    tokenizer.sourceLanguage = sourceLanguage
    tokenizer.targetLanguage = targetLanguage
    var prepared = documents.map { document in
      tokenizer.spellsNumbers = Self.isNumberRich(document.source, document.target)
      tokenizer.usesTerms = tokenizer.spellsNumbers && usesTermLexicon
      return PreparedDocument(
        source: document.source, target: document.target, tokenizer: &tokenizer)
    }
    let batchRatio = Self.lengthRatio(prepared)
    for index in prepared.indices {
      prepared[index].setRatio(batchRatio: batchRatio)
    }
    // Pass 1: lengths and anchors only.
    let firstPass = prepared.map { BeadProgram(document: $0, aligner: self).solve() }
    if learnsLexicon {
      // In number-rich text (wire copy) names and numbers carry the evidence and words
      // found in more than a tenth of the pairs are function words that link everything
      // (measured: pooled Italian summaries lost 0.1 F1 to them); in literary prose the
      // frequent words are much of the evidence there is (Text+Berg loses 0.02 without them).
      let richDocuments = documents.filter { Self.isNumberRich($0.source, $0.target) }.count
      let lexicon = LexicalModel(
        pairs: Self.trainingPairs(prepared, firstPass),
        maximumShare: 2 * richDocuments >= documents.count ? 0.1 : 1.0)
      for index in prepared.indices {
        prepared[index].applyLexicon(lexicon, tokenizer: tokenizer)
      }
    }
    // Pass 2: with the word links, and with the dead-sentence penalty calibrated on how
    // often a sentence of a first-pass pair finds no partner token at all.
    var programs = prepared.map { BeadProgram(document: $0, aligner: self) }
    let counts = zip(programs, firstPass).map { $0.deadCounts(in: $1.beads, minimumConfidence: deadCountConfidence) }
    let batchRate =
      (Double(counts.reduce(0) { $0 + $1.dead }) + 0.5)
      / (Double(counts.reduce(0) { $0 + $1.total }) + 5)
    for index in programs.indices {
      let rate = (Double(counts[index].dead) + 5 * batchRate) / (Double(counts[index].total) + 5)
      // Number-poor documents (literary prose) pay no dead-sentence charge: measured on
      // Text+Berg, it only costs there.
      programs[index].calibrateDeadPenalty(
        pairDeadRate: rate, scale: deadSentencePenalty * prepared[index].numberRichness)
    }
    return programs.map { $0.solve().beads }
  }

  /// Confident 1-1 pairs of the first pass, as word-id sequences, for the lexicon.
  private static func trainingPairs(_ documents: [PreparedDocument], _ results: [AlignmentResult])
    -> [([Int32], [Int32])]
  {
    var pairs: [([Int32], [Int32])] = []
    for (document, result) in zip(documents, results) {
      for scored in result.scored
      where scored.bead.source.count == 1 && scored.bead.target.count == 1
        && scored.confidence >= 0.5
      {
        let source = document.source[scored.bead.source.lowerBound].words
        let target = document.target[scored.bead.target.lowerBound].words
        if !source.isEmpty && !target.isEmpty { pairs.append((source, target)) }
      }
    }
    return pairs
  }

  /// Whether at least half the sentences of a document hold a digit (press releases; literary
  /// prose stays far below).
  static func isNumberRich(_ source: [String], _ target: [String]) -> Bool {
    let withDigits = (source + target).reduce(0) { count, sentence in
      count + (sentence.utf8.contains { $0 >= 48 && $0 <= 57 } ? 1 : 0)
    }
    return 2 * withDigits >= source.count + target.count && withDigits > 0
  }

  /// Target length per source length over the whole batch.
  private static func lengthRatio(_ documents: [PreparedDocument]) -> Double {
    var source = 0.0
    var target = 0.0
    for document in documents {
      source += document.source.reduce(0) { $0 + $1.length }
      target += document.target.reduce(0) { $0 + $1.length }
    }
    return source > 0 && target > 0 ? target / source : 1
  }

}

struct AlignmentResult {
  struct Scored {
    var bead: Bead
    var confidence: Double
  }
  var scored: [Scored]
  var beads: [Bead] { scored.map { $0.bead } }
}

/// A sentence reduced to its length and anchor tokens.
struct PreparedSentence {
  var length: Double
  var tokens: [AnchorToken]
  /// Keys each token (up to 128) looks for on the other side.
  var matchKeys: [[Int32]]
  /// How many of the first 128 tokens could find a partner at all.
  var matchable: Int
  /// Which of the first 128 tokens are numbers.
  var numberBits = TokenBits()
  /// Tokens that survive translation nearly always: numbers and capitalised words after the
  /// first (names, codes).
  var strongAnchors = 0
  var words: [Int32] { tokens.compactMap { $0.word >= 0 ? $0.word : nil } }

  init(_ text: String, side: Side, tokenizer: inout AnchorTokenizer) {
    length = Self.length(of: text)
    tokens = Array(tokenizer.tokens(of: text, side: side).prefix(128))
    matchKeys = tokens.map { token in token.hasAnchor ? token.own : [] }
    matchable = tokens.reduce(0) { $0 + ($1.hasAnchor ? 1 : 0) }
    for (index, token) in tokens.enumerated() where token.isNumber { numberBits.insert(index) }
    strongAnchors = tokens.reduce(0) { $0 + ($1.isStrong ? 1 : 0) }
  }

  /// Characters, a Hangul syllable or CJK ideograph counting as several Latin letters.
  static func length(of text: String) -> Double {
    var length = 0.0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xAC00...0xD7A3: length += 2.5
      case 0x4E00...0x9FFF, 0x3040...0x30FF: length += 3
      default: length += 1
      }
    }
    return length
  }
}

struct PreparedDocument {
  var source: [PreparedSentence]
  var target: [PreparedSentence]
  var keyCount: Int
  var ratio = 1.0
  /// 0...1: how far the document is in the number-rich regime of wire copy, from the share
  /// of sentences holding a number (≥ 0.5 in press releases, ≤ 0.25 in literary prose).
  var numberRichness: Double {
    let sentences = source.count + target.count
    guard sentences > 0 else { return 0 }
    let withNumbers = (source + target).reduce(0) { $0 + ($1.numberBits.isEmpty ? 0 : 1) }
    let share = Double(withNumbers) / Double(sentences)
    return min(1, max(0, (share - 0.25) / 0.25))
  }

  init(source: [String], target: [String], tokenizer: inout AnchorTokenizer) {
    self.source = source.map { PreparedSentence($0, side: .source, tokenizer: &tokenizer) }
    self.target = target.map { PreparedSentence($0, side: .target, tokenizer: &tokenizer) }
    keyCount = tokenizer.keys.count
  }

  /// The document's own ratio, shrunk towards the batch's when the document is short.
  mutating func setRatio(batchRatio: Double) {
    let sourceLength = source.reduce(0) { $0 + $1.length }
    let targetLength = target.reduce(0) { $0 + $1.length }
    let prior = 400.0
    ratio = (targetLength + prior * batchRatio) / (sourceLength + prior)
  }

  /// Adds the learnt word links to every token's match keys.
  mutating func applyLexicon(_ lexicon: LexicalModel, tokenizer: AnchorTokenizer) {
    keyCount = tokenizer.keys.count
    for index in source.indices {
      Self.link(&source[index], links: lexicon.targetsOfSource, keys: tokenizer.targetWordKeys)
    }
    for index in target.indices {
      Self.link(&target[index], links: lexicon.sourcesOfTarget, keys: tokenizer.sourceWordKeys)
    }
  }

  private static func link(
    _ sentence: inout PreparedSentence, links: [Int32: [Int32]], keys: [Int32]
  ) {
    var matchable = 0
    for (index, token) in sentence.tokens.enumerated() {
      var match = token.hasAnchor ? token.own : []
      if token.word >= 0, let others = links[token.word] {
        match.append(contentsOf: others.map { keys[Int($0)] })
      }
      sentence.matchKeys[index] = match
      if !match.isEmpty { matchable += 1 }
    }
    sentence.matchable = matchable
  }
}
