import Foundation

/// One bead shape with its prior (Gale–Church's figures for 1-1, 1-0, 2-1; the larger
/// shapes lower than theirs: one big bead pays a single length cost where the beads it
/// swallows pay one each, so with the exact search 2-2 and 3-2 beads absorbed omissions and
/// additions; measured, lower priors gain on both development sets and on Text+Berg).
struct BeadShape {
  var source: Int
  var target: Int
  var cost: Double

  init(_ source: Int, _ target: Int, prior: Double) {
    self.source = source
    self.target = target
    cost = -log(prior)
  }

  static let all: [BeadShape] = [
    BeadShape(1, 1, prior: 0.89),
    BeadShape(1, 0, prior: 0.005), BeadShape(0, 1, prior: 0.005),
    BeadShape(2, 1, prior: 0.0445), BeadShape(1, 2, prior: 0.0445),
    BeadShape(2, 2, prior: 0.004),
    BeadShape(3, 1, prior: 0.002), BeadShape(1, 3, prior: 0.002),
    BeadShape(3, 2, prior: 0.0002), BeadShape(2, 3, prior: 0.0002),
    BeadShape(4, 1, prior: 0.001), BeadShape(1, 4, prior: 0.001),
    // Runs of omitted or added sentences (captions, boilerplate, a translator's extra
    // paragraph) cost little more than one: otherwise the program hides them in big beads.
    BeadShape(0, 2, prior: 0.004), BeadShape(2, 0, prior: 0.004),
    BeadShape(0, 3, prior: 0.003), BeadShape(3, 0, prior: 0.003),
    BeadShape(0, 4, prior: 0.002), BeadShape(4, 0, prior: 0.002),
  ]
}

/// The dynamic program for one document: which source tokens find a partner in which
/// target sentence (bit masks per sentence pair near the diagonal), the chance level of
/// that credit, and the best path of beads.
struct BeadProgram {
  let document: PreparedDocument
  let anchorWeight: Double
  let variance: Double
  let deletionCost: Double
  /// Extra nats per further sentence in a run of omissions or additions.
  let runExtra: Double
  let oneToOneDeadShare: Double
  let strayNumberCost: Double
  /// Nats per strong anchor (beyond the first) of a dead sentence, in number-rich documents.
  let deadStrongCost: Double
  let deadNeedsStrongAnchors: Int
  let confidenceEvidenceShare: Double
  /// Nats per dead sentence (set by `calibrateDeadPenalty`; 0 in the first pass).
  private(set) var deadPenalty = 0.0
  /// Share of sentences (with ≥ 2 anchor tokens) that find no partner token in a random
  /// 1-1 span of this document.
  private var randomDeadRate = 0.8
  private let n: Int
  private let m: Int
  /// Half-width of the band around the diagonal searched by the program.
  private let band: Int
  /// Bits of source sentence i's tokens that find a partner in target sentence j, and the
  /// reverse; stored per source row for the columns `columnRange(i)`.
  private var sourceMasks: [TokenBits] = []
  private var targetMasks: [TokenBits] = []
  private var rowOffsets: [Int] = []
  private var rowLows: [Int] = []
  private var rowHighs: [Int] = []
  /// Chance credit per matchable token for each shape (index into BeadShape.all).
  private var chance: [Double] = []
  /// Log-likelihood ratio of a matched token (true bead vs chance) and of an unmatched one,
  /// per shape.
  private var matchGain: [Double] = []
  private var missLoss: [Double] = []

  init(document: PreparedDocument, aligner: AnchorAligner) {
    self.document = document
    anchorWeight = aligner.anchorWeight
    variance = aligner.variance
    let richness = document.numberRichness
    deletionCost = -log(
      aligner.deletionPrior + richness * (aligner.richDeletionPrior - aligner.deletionPrior))
    runExtra = aligner.deletionRunExtra
    oneToOneDeadShare = aligner.oneToOneDeadShare * richness
    strayNumberCost = aligner.strayNumberCost
    deadStrongCost = aligner.deadStrongAnchorCost * richness
    deadNeedsStrongAnchors = aligner.deadNeedsStrongAnchors
    confidenceEvidenceShare = aligner.confidenceEvidenceShare
    n = document.source.count
    m = document.target.count
    let size = max(n, m)
    band = size <= 60 ? size + 1 : max(40, size / 5 + abs(n - m))
    computeMasks()
    chance = BeadShape.all.map { estimateChance($0) }
    randomDeadRate = estimateRandomDeadRate()
    let trueRate = estimateTrueRate()
    for p0 in chance {
      let chanceRate = min(max(p0, 0.005), 0.5)
      let pairRate = min(max(trueRate, chanceRate + 0.05), 0.95)
      matchGain.append(log(pairRate / chanceRate))
      missLoss.append(log((1 - chanceRate) / (1 - pairRate)))
    }
  }

  /// Whether finding no partner token at all says a sentence is unpaired.
  private func canDie(_ sentence: PreparedSentence) -> Bool {
    sentence.matchable >= 2 && sentence.strongAnchors >= deadNeedsStrongAnchors
  }

  // MARK: Masks

  /// The diagonal's column for a source row.
  private func centre(_ row: Int) -> Int {
    n == 0 ? 0 : Int((Double(row) * Double(m) / Double(n)).rounded())
  }

  private mutating func computeMasks() {
    var offset = 0
    let margin = band + 5
    for row in 0..<n {
      let low = max(0, centre(row) - margin)
      let high = min(m, centre(row) + margin + 1)
      rowLows.append(low)
      rowHighs.append(max(low, high))
      rowOffsets.append(offset)
      offset += max(0, high - low)
    }
    sourceMasks = Array(repeating: TokenBits(), count: offset)
    targetMasks = Array(repeating: TokenBits(), count: offset)
    var sourceStamp = Array(repeating: Int32(-1), count: document.keyCount)
    var targetStamp = Array(repeating: Int32(-1), count: document.keyCount)
    var visit: Int32 = 0
    for row in 0..<n {
      let sentence = document.source[row]
      let rowMark = Int32(row)
      for token in sentence.tokens { for key in token.own { sourceStamp[Int(key)] = rowMark } }
      for column in rowLows[row]..<rowHighs[row] {
        let other = document.target[column]
        // Target stamps are refreshed for every (row, column) visit.
        visit += 1
        let mark = visit
        for token in other.tokens { for key in token.own { targetStamp[Int(key)] = mark } }
        var sourceBits = TokenBits()
        for (index, keys) in sentence.matchKeys.enumerated()
        where keys.contains(where: { targetStamp[Int($0)] == mark }) {
          sourceBits.insert(index)
        }
        var targetBits = TokenBits()
        for (index, keys) in other.matchKeys.enumerated()
        where keys.contains(where: { sourceStamp[Int($0)] == rowMark }) {
          targetBits.insert(index)
        }
        let slot = rowOffsets[row] + column - rowLows[row]
        sourceMasks[slot] = sourceBits
        targetMasks[slot] = targetBits
      }
    }
  }

  private func masks(row: Int, column: Int) -> (TokenBits, TokenBits) {
    guard column >= rowLows[row], column < rowHighs[row] else { return (TokenBits(), TokenBits()) }
    let slot = rowOffsets[row] + column - rowLows[row]
    return (sourceMasks[slot], targetMasks[slot])
  }

  /// Matched and matchable tokens of a bead covering source [i, i+a) and target [j, j+b).
  /// `deadStrong` counts, over the dead sentences, their strong anchors beyond the first
  /// (up to two more).
  private func credit(i: Int, a: Int, j: Int, b: Int) -> (
    matched: Int, matchable: Int, dead: Int, strayNumbers: Int, deadStrong: Int
  ) {
    var matched = 0
    var matchable = 0
    var dead = 0
    var deadStrong = 0
    var strayNumbers = 0
    for row in i..<(i + a) {
      var bits = TokenBits()
      for column in j..<(j + b) { bits |= masks(row: row, column: column).0 }
      let count = bits.nonzeroBitCount
      strayNumbers += document.source[row].numberBits.subtracting(bits).nonzeroBitCount
      matched += count
      matchable += document.source[row].matchable
      if count == 0 && canDie(document.source[row]) {
        dead += 1
        deadStrong += min(2, max(0, document.source[row].strongAnchors - 1))
      }
    }
    for column in j..<(j + b) {
      var bits = TokenBits()
      for row in i..<(i + a) { bits |= masks(row: row, column: column).1 }
      let count = bits.nonzeroBitCount
      strayNumbers += document.target[column].numberBits.subtracting(bits).nonzeroBitCount
      matched += count
      matchable += document.target[column].matchable
      if count == 0 && canDie(document.target[column]) {
        dead += 1
        deadStrong += min(2, max(0, document.target[column].strongAnchors - 1))
      }
    }
    return (matched, matchable, dead, strayNumbers, deadStrong)
  }

  /// The credit per matchable token that spans of this shape collect by chance in this
  /// document (sampled at fixed offsets from the diagonal, where no true pair lies).
  private func estimateChance(_ shape: BeadShape) -> Double {
    guard shape.source > 0, shape.target > 0, n >= shape.source, m >= shape.target else { return 0 }
    var matched = 0
    var matchable = 0
    var samples = 0
    if n * m <= 1600 {
      // Small documents: every span at least two sentences off the diagonal.
      for row in 0...(n - shape.source) {
        for column in 0...(m - shape.target) where abs(column - centre(row)) >= 2 {
          let value = credit(i: row, a: shape.source, j: column, b: shape.target)
          matched += value.matched
          matchable += value.matchable
          samples += 1
        }
      }
      guard samples >= 4, matchable > 0 else { return 0.05 }
      return Double(matched) / Double(matchable)
    }
    var row = 0
    let stride = max(1, n / 60)
    while row + shape.source <= n {
      for shift in [-7, 5, 11, -13] {
        let column = centre(row) + shift
        guard column >= 0, column + shape.target <= m else { continue }
        let value = credit(i: row, a: shape.source, j: column, b: shape.target)
        matched += value.matched
        matchable += value.matchable
        samples += 1
      }
      row += stride
    }
    // Small documents: no off-diagonal sample; assume a low chance level.
    guard samples >= 8, matchable > 0 else { return 0.08 }
    return Double(matched) / Double(matchable)
  }

  /// Sentences of 1-1 beads with at least two anchor tokens, and those of them without any
  /// partner token.
  func deadCounts(in beads: [Bead], minimumConfidence: Double = 0) -> (dead: Int, total: Int) {
    var dead = 0
    var total = 0
    for bead in beads
    where bead.source.count == 1 && bead.target.count == 1 && bead.confidence >= minimumConfidence {
      let row = bead.source.lowerBound
      let column = bead.target.lowerBound
      let (sourceBits, targetBits) = masks(row: row, column: column)
      if canDie(document.source[row]) {
        total += 1
        if sourceBits.isEmpty { dead += 1 }
      }
      if canDie(document.target[column]) {
        total += 1
        if targetBits.isEmpty { dead += 1 }
      }
    }
    return (dead, total)
  }

  mutating func calibrateDeadPenalty(pairDeadRate: Double, scale: Double) {
    let pair = min(max(pairDeadRate, 0.02), 0.95)
    deadPenalty = scale * max(0, log(randomDeadRate / pair))
  }

  /// Share of sentences with anchors that find no partner in an off-diagonal 1-1 span.
  private func estimateRandomDeadRate() -> Double {
    var dead = 0
    var total = 0
    for row in 0..<n {
      for shift in [-5, -3, 3, 5, 9] {
        let column = centre(row) + shift
        guard column >= 0, column < m else { continue }
        let (sourceBits, targetBits) = masks(row: row, column: column)
        if canDie(document.source[row]) {
          total += 1
          if sourceBits.isEmpty { dead += 1 }
        }
        if canDie(document.target[column]) {
          total += 1
          if targetBits.isEmpty { dead += 1 }
        }
      }
    }
    return total >= 6 ? Double(dead) / Double(total) : 0.8
  }

  /// The share of matchable tokens that find a partner in a true pair, estimated as the
  /// mean, over source sentences, of the best 1-1 share in the band.
  private func estimateTrueRate() -> Double {
    var total = 0.0
    var rows = 0
    for row in 0..<n {
      var best = -1.0
      for column in rowLows[row]..<rowHighs[row] {
        let value = credit(i: row, a: 1, j: column, b: 1)
        guard value.matchable >= 3 else { continue }
        best = max(best, Double(value.matched) / Double(value.matchable))
      }
      if best >= 0 {
        total += best
        rows += 1
      }
    }
    return rows > 0 ? total / Double(rows) : 0.5
  }

  // MARK: Costs

  private func lengthCost(sourceLength: Double, targetLength: Double) -> Double {
    let ratio = document.ratio
    let mean = (sourceLength + targetLength / ratio) / 2
    guard mean > 0 else { return 0 }
    let delta = (targetLength / ratio - sourceLength) / (variance * mean).squareRoot()
    let probability = erfc(abs(delta) / 2.0.squareRoot())
    return -log(max(probability, 1e-300))
  }

  private func spanLength(_ sentences: [PreparedSentence], _ start: Int, _ count: Int) -> Double {
    var total = 0.0
    for index in start..<(start + count) { total += sentences[index].length }
    return total
  }

  /// The cost of a bead and its centred anchor score.
  private func cost(i: Int, j: Int, shapeIndex: Int) -> (
    cost: Double, anchor: Double, length: Double
  ) {
    let shape = BeadShape.all[shapeIndex]
    if shape.source == 0 || shape.target == 0 {
      return (deletionCost + runExtra * Double(shape.source + shape.target - 1), 0, 0)
    }
    let length = lengthCost(
      sourceLength: spanLength(document.source, i, shape.source),
      targetLength: spanLength(document.target, j, shape.target))
    let value = credit(i: i, a: shape.source, j: j, b: shape.target)
    let anchor =
      matchGain[shapeIndex] * Double(value.matched)
      - missLoss[shapeIndex] * Double(value.matchable - value.matched)
    // Merges always pay for a dead sentence (an omission or addition hidden inside them);
    // one-to-one beads only in number-rich documents, where a true pair nearly always
    // shares a name or number (in literary prose it often shares none).
    let penalty =
      deadPenalty * Double(value.dead) * (shape.source + shape.target > 2 ? 1 : oneToOneDeadShare)
    let stray =
      strayNumberCost * Double(value.strayNumbers) + deadStrongCost * Double(value.deadStrong)
    return (
      length + shape.cost + penalty + stray - anchorWeight * anchor, anchor - penalty - stray, length
    )
  }

  // MARK: Search

  func solve() -> AlignmentResult {
    if n == 0 || m == 0 {
      let beads =
        (0..<n).map { Bead(source: $0..<($0 + 1), target: 0..<0, confidence: 0.5) }
        + (0..<m).map { Bead(source: 0..<0, target: $0..<($0 + 1), confidence: 0.5) }
      return AlignmentResult(scored: beads.map { .init(bead: $0, confidence: $0.confidence) })
    }
    let width = m + 1
    let shapes = BeadShape.all.count
    var costs = Array(repeating: Double.infinity, count: (n + 1) * width)
    var choices = Array(repeating: Int8(-1), count: (n + 1) * width)
    // Every bead's cost, kept for the posteriors when the document is small enough.
    let keepsCosts = (n + 1) * width <= Self.posteriorCellLimit
    var beadCosts = Array(repeating: Double.infinity, count: keepsCosts ? (n + 1) * width * shapes : 0)
    costs[0] = 0
    for i in 0...n {
      let (low, high) = bandColumns(i)
      guard low <= high else { continue }
      for j in low...high where i > 0 || j > 0 {
        var best = Double.infinity
        var bestShape = -1
        for (shapeIndex, shape) in BeadShape.all.enumerated() {
          let pi = i - shape.source
          let pj = j - shape.target
          guard pi >= 0, pj >= 0 else { continue }
          let previous = costs[pi * width + pj]
          // Every shape is tried: anchor credit makes bead costs negative, so a start that
          // costs more than the best total so far can still win (the first round skipped
          // it and lost merges next to strong anchors).
          guard previous < .infinity else { continue }
          let beadCost = cost(i: pi, j: pj, shapeIndex: shapeIndex).cost
          if keepsCosts { beadCosts[(i * width + j) * shapes + shapeIndex] = beadCost }
          let total = previous + beadCost
          if total < best {
            best = total
            bestShape = shapeIndex
          }
        }
        costs[i * width + j] = best
        choices[i * width + j] = Int8(bestShape)
      }
    }
    let posteriors = keepsCosts ? Posteriors(beadCosts: beadCosts, program: self) : nil
    var scored: [AlignmentResult.Scored] = []
    var i = n
    var j = m
    while i > 0 || j > 0 {
      let choice = Int(choices[i * width + j])
      guard choice >= 0 else { break }
      let shape = BeadShape.all[choice]
      let pi = i - shape.source
      let pj = j - shape.target
      let evidence = self.confidence(i: pi, j: pj, shapeIndex: choice)
      let confidence =
        posteriors.map {
          Self.rounded(
            pow($0.probability(i: pi, j: pj, shapeIndex: choice), 1 - confidenceEvidenceShare)
              * pow(evidence, confidenceEvidenceShare))
        } ?? evidence
      if shape.source == 0 || shape.target == 0 {
        // Each omitted or added sentence is its own bead.
        for k in (pi..<i).reversed() {
          scored.append(
            .init(
              bead: Bead(source: k..<(k + 1), target: pj..<pj, confidence: confidence),
              confidence: evidence))
        }
        for k in (pj..<j).reversed() {
          scored.append(
            .init(
              bead: Bead(source: pi..<pi, target: k..<(k + 1), confidence: confidence),
              confidence: evidence))
        }
      } else {
        scored.append(
          .init(
            bead: Bead(source: pi..<i, target: pj..<j, confidence: confidence),
            confidence: evidence))
      }
      i = pi
      j = pj
    }
    return AlignmentResult(scored: scored.reversed())
  }

  /// Documents up to this many cells of the program get posterior confidences (the bead
  /// costs are kept: 18 doubles a cell, 36 MB at the limit); larger ones keep the bead's own
  /// evidence.
  static let posteriorCellLimit = 250_000

  static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

  /// The columns the program visits on row i.
  func bandColumns(_ i: Int) -> (Int, Int) {
    let rowCentre = n == 0 ? 0 : Int((Double(i) * Double(m) / Double(n)).rounded())
    return (max(0, rowCentre - band), min(m, rowCentre + band))
  }

  var rows: Int { n }
  var columns: Int { m }

  /// 0...1 from the bead's own evidence: centred anchors for it, length cost against it.
  /// Omissions and additions get 0.5 (nothing says more or less about them).
  private func confidence(i: Int, j: Int, shapeIndex: Int) -> Double {
    let shape = BeadShape.all[shapeIndex]
    if shape.source == 0 || shape.target == 0 { return 0.5 }
    let value = cost(i: i, j: j, shapeIndex: shapeIndex)
    let evidence = 1.5 + value.anchor * 0.5 - value.length * 0.5 - (shapeIndex == 0 ? 0 : 0.5)
    let confidence = 1 / (1 + exp(-evidence))
    return (confidence * 1000).rounded() / 1000
  }
}

/// The posterior probability of each bead over all paths of the program (forward–backward
/// over the same costs, read as negative log-probabilities): a bead is uncertain when other
/// paths that avoid it cost nearly as little, whatever its own evidence. Measured on the two
/// development sets, this ranks wrong beads lower than the bead's own evidence does.
struct Posteriors {
  private let forward: [Double]
  private let backward: [Double]
  private let beadCosts: [Double]
  private let width: Int
  private let total: Double

  init(beadCosts: [Double], program: BeadProgram) {
    let n = program.rows
    let m = program.columns
    let width = m + 1
    let shapes = BeadShape.all
    var forward = Array(repeating: Double.infinity, count: (n + 1) * width)
    var backward = Array(repeating: Double.infinity, count: (n + 1) * width)
    forward[0] = 0
    var terms: [Double] = []
    for i in 0...n {
      let (low, high) = program.bandColumns(i)
      guard low <= high else { continue }
      for j in low...high where i > 0 || j > 0 {
        terms.removeAll(keepingCapacity: true)
        for (k, shape) in shapes.enumerated() {
          let pi = i - shape.source
          let pj = j - shape.target
          guard pi >= 0, pj >= 0 else { continue }
          let value = forward[pi * width + pj] + beadCosts[(i * width + j) * shapes.count + k]
          if value < .infinity { terms.append(value) }
        }
        forward[i * width + j] = Self.negativeLogSumExp(terms)
      }
    }
    backward[n * width + m] = 0
    for i in stride(from: n, through: 0, by: -1) {
      let (low, high) = program.bandColumns(i)
      guard low <= high else { continue }
      for j in stride(from: high, through: low, by: -1) where i < n || j < m {
        terms.removeAll(keepingCapacity: true)
        for (k, shape) in shapes.enumerated() {
          let ni = i + shape.source
          let nj = j + shape.target
          guard ni <= n, nj <= m else { continue }
          let value = backward[ni * width + nj] + beadCosts[(ni * width + nj) * shapes.count + k]
          if value < .infinity { terms.append(value) }
        }
        backward[i * width + j] = Self.negativeLogSumExp(terms)
      }
    }
    self.forward = forward
    self.backward = backward
    self.beadCosts = beadCosts
    self.width = width
    total = forward[n * width + m]
  }

  /// The probability of the bead of shape `shapeIndex` starting at source i, target j.
  func probability(i: Int, j: Int, shapeIndex: Int) -> Double {
    let shape = BeadShape.all[shapeIndex]
    let end = (i + shape.source) * width + j + shape.target
    let path = forward[i * width + j] + beadCosts[end * BeadShape.all.count + shapeIndex] + backward[end]
    guard path.isFinite, total.isFinite else { return 0 }
    return min(1, exp(total - path))
  }

  /// -log(sum(exp(-x))) of costs, computed stably.
  private static func negativeLogSumExp(_ values: [Double]) -> Double {
    guard let smallest = values.min() else { return .infinity }
    var sum = 0.0
    for value in values { sum += exp(smallest - value) }
    return smallest - log(sum)
  }
}

/// Which of a sentence's first 128 tokens found a partner.
struct TokenBits {
  var low: UInt64 = 0
  var high: UInt64 = 0

  mutating func insert(_ index: Int) {
    if index < 64 {
      low |= 1 << UInt64(index)
    } else if index < 128 {
      high |= 1 << UInt64(index - 64)
    }
  }

  var nonzeroBitCount: Int { low.nonzeroBitCount + high.nonzeroBitCount }

  /// The bits of `self` not in `other`.
  func subtracting(_ other: TokenBits) -> TokenBits {
    TokenBits(low: low & ~other.low, high: high & ~other.high)
  }
  var isEmpty: Bool { low == 0 && high == 0 }

  static func |= (lhs: inout TokenBits, rhs: TokenBits) {
    lhs.low |= rhs.low
    lhs.high |= rhs.high
  }
}
