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
  init(
    pairs: [([Int32], [Int32])], iterations: Int = 5,
    minimumCount: Int = 2, threshold: Double = 0.15,
    maximumShare: Double = 1.0,
    minimumPairs: Int = 50
  ) {
    // Model 1 on a few dozen short pairs links function words by coincidence and costs more
    // than it brings (measured on the development gold); below this it learns nothing.
    guard pairs.count >= minimumPairs else { return }
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
      guard let (back, backProbability) = bestSource[target], back == source,
        backProbability >= threshold
      else { continue }
      let sourceCount = sourceCounts[source, default: 0]
      let targetCount = targetCounts[target, default: 0]
      guard sourceCount >= minimumCount, targetCount >= minimumCount else { continue }
      // Function words ("the" / "el") would link nearly every pair of sentences and drown
      // the evidence of content words: words found in too many sentences are left out.
      guard Double(sourceCount) <= maximumShare * Double(pairs.count),
        Double(targetCount) <= maximumShare * Double(pairs.count)
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
      // Ties go to the smaller id, so the result does not depend on hashing order.
      if let current = best[given],
        current.1 > probability || (current.1 == probability && current.0 < other)
      {
        continue
      }
      best[given] = (other, probability)
    }
    return best
  }

  /// IBM Model 1, t(target | source) keyed by (source << 32 | target); source -1 is NULL.
  ///
  /// The table is indexed once; the EM iterations then run over flat arrays.
  private static func trainModelOne(pairs: [([Int32], [Int32])], iterations: Int) -> [Int64: Double]
  {
    func key(_ source: Int32, _ target: Int32) -> Int64 {
      Int64(source) << 32 | Int64(UInt32(bitPattern: target))
    }
    var slotOfKey: [Int64: Int32] = [:]
    var keys: [Int64] = []
    var sources: [Int32] = []
    // For each pair: one slot per (source or NULL, target) cell, source-major.
    var pairSlots: [[Int32]] = []
    pairSlots.reserveCapacity(pairs.count)
    var maxSource: Int32 = 0
    for (source, target) in pairs {
      var slots: [Int32] = []
      slots.reserveCapacity((source.count + 1) * target.count)
      for s in [Int32(-1)] + source {
        maxSource = max(maxSource, s)
        for t in target {
          let k = key(s, t)
          if let slot = slotOfKey[k] {
            slots.append(slot)
          } else {
            let slot = Int32(keys.count)
            slotOfKey[k] = slot
            keys.append(k)
            sources.append(s)
            slots.append(slot)
          }
        }
      }
      pairSlots.append(slots)
    }
    var table = Array(repeating: 1.0, count: keys.count)
    var counts = Array(repeating: 0.0, count: keys.count)
    var totals = Array(repeating: 0.0, count: Int(maxSource) + 2)
    var denominators: [Double] = []
    for _ in 0..<iterations {
      for index in counts.indices { counts[index] = 0 }
      for index in totals.indices { totals[index] = 0 }
      for (pairIndex, (source, target)) in pairs.enumerated() {
        let slots = pairSlots[pairIndex]
        let width = target.count
        denominators = Array(repeating: 0, count: width)
        for row in 0...source.count {
          for column in 0..<width {
            denominators[column] += table[Int(slots[row * width + column])]
          }
        }
        for row in 0...source.count {
          for column in 0..<width where denominators[column] > 0 {
            let slot = Int(slots[row * width + column])
            let share = table[slot] / denominators[column]
            counts[slot] += share
            totals[Int(sources[slot]) + 1] += share
          }
        }
      }
      for slot in table.indices {
        let total = totals[Int(sources[slot]) + 1]
        table[slot] = total > 0 ? counts[slot] / total : 0
      }
    }
    var result: [Int64: Double] = [:]
    result.reserveCapacity(keys.count)
    for (slot, k) in keys.enumerated() { result[k] = table[slot] }
    return result
  }
}
