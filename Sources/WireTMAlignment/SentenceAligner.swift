/// A group of source sentences matched with a group of target sentences.
///
/// `[0]:[0]` is one-to-one; an empty side marks an omission or an addition.
public struct Bead: Hashable, Sendable, Codable {
  public var source: Range<Int>
  public var target: Range<Int>
  /// 0...1: how sure the aligner is of this bead.
  public var confidence: Double

  public init(source: Range<Int>, target: Range<Int>, confidence: Double) {
    self.source = source
    self.target = target
    self.confidence = confidence
  }
}

/// Aligns the sentences of a text with those of its translation.
public protocol SentenceAligner: Sendable {
  func align(source: [String], target: [String], sourceLanguage: String, targetLanguage: String)
    -> [Bead]
}
