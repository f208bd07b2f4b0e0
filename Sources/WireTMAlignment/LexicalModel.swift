/// Word links learnt from sentence pairs without a dictionary: IBM Model 1 trained in both
/// directions, keeping a link only where both directions agree on each other's best word.
///
/// This is hunalign's bootstrapping idea done with a translation model: the first
/// alignment pass (lengths and anchors) gives confident pairs, the links learnt from them
/// give the second pass evidence for words that are not cognates ("Partnerschaft" ↔
/// "partenariat", "파트너십" ↔ "partnership").
struct LexicalModel {
  /// Target word ids linked to each source word id.
  private(set) var targetsOfSource: [Int32: [Int32]] = [:]
  /// Source word ids linked to each target word id.
  private(set) var sourcesOfTarget: [Int32: [Int32]] = [:]

  var isEmpty: Bool { targetsOfSource.isEmpty }
  var linkCount: Int { targetsOfSource.values.reduce(0) { $0 + $1.count } }

  init() {}

  /// Trains on pairs of word-id sequences (source, target).
  init(pairs: [([Int32], [Int32])], iterations: Int = 5, minimumCount: Int = 2, threshold: Double = 0.15) {
    guard !pairs.isEmpty else { return }
    let forward = Self.trainModelOne(pairs: pairs, iterations: iterations)
    let backward = Self.trainModelOne(pairs: pairs.map { ($0.1, $0.0) }, iterations: iterations)
    var sourceCounts: [Int32: Int] = [:]
    var targetCounts: [Int32: Int] = [:]
    for (source, target) in pairs {
      for word in Set(source) { sourceCounts[word, default: 0] += 1 }
      for word in Set(target) { targetCounts[word, default: 0] += 1 }
    }
    let bestTarget = Self.best(forward)
    let bestSource = Self.best(backward)
    for (source, (target, probability)) in bestTarget where probability >= threshold {
      guard let (back, backProbability) = bestSource[target], back == source, backProbability >= threshold
      else { continue }
      guard sourceCounts[source, default: 0] >= minimumCount, targetCounts[target, default: 0] >= minimumCount
      else { continue }
      targetsOfSource[source, default: []].append(target)
      sourcesOfTarget[target, default: []].append(source)
    }
  }

  /// The best word of the other side for each word: [given: (other, t(other | given))].
  private static func best(_ table: [Int64: Double]) -> [Int32: (Int32, Double)] {
    var best: [Int32: (Int32, Double)] = [:]
    for (key, probability) in table {
      let given = Int32(truncatingIfNeeded: key >> 32)
      let other = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
      if given < 0 { continue }
      // Ties (common after few pairs) go to the smaller id, so the result does not depend on
      // the dictionary's per-process iteration order.
      if let current = best[given],
        current.1 > probability || (current.1 == probability && current.0 <= other)
      {
        continue
      }
      best[given] = (other, probability)
    }
    return best
  }

  /// IBM Model 1, t(target | source) keyed by (source << 32 | target); source -1 is NULL.
  private static func trainModelOne(pairs: [([Int32], [Int32])], iterations: Int) -> [Int64: Double] {
    func key(_ source: Int32, _ target: Int32) -> Int64 { Int64(source) << 32 | Int64(UInt32(bitPattern: target)) }
    var table: [Int64: Double] = [:]
    for (source, target) in pairs {
      for t in target {
        table[key(-1, t)] = 1
        for s in source { table[key(s, t)] = 1 }
      }
    }
    var counts: [Int64: Double] = [:]
    var totals: [Int32: Double] = [:]
    counts.reserveCapacity(table.count)
    for _ in 0..<iterations {
      counts.removeAll(keepingCapacity: true)
      totals.removeAll(keepingCapacity: true)
      for (source, target) in pairs {
        for t in target {
          var denominator = table[key(-1, t)] ?? 0
          for s in source { denominator += table[key(s, t)] ?? 0 }
          guard denominator > 0 else { continue }
          let nullShare = (table[key(-1, t)] ?? 0) / denominator
          counts[key(-1, t), default: 0] += nullShare
          totals[-1, default: 0] += nullShare
          for s in source {
            let share = (table[key(s, t)] ?? 0) / denominator
            counts[key(s, t), default: 0] += share
            totals[s, default: 0] += share
          }
        }
      }
      for (pair, count) in counts {
        let source = Int32(truncatingIfNeeded: pair >> 32)
        table[pair] = count / (totals[source] ?? 1)
      }
    }
    return table
  }
}
