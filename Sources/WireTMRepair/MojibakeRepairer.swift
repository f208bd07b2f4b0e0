/// One change the repairer made, replayable and reportable.
public struct RepairStep: Hashable, Sendable, Codable {
  /// What was done ("utf8-as-windows-1252", "html-entity", "c1-control", "restored-quote").
  public var kind: String
  /// Where, in Unicode scalar offsets of the repaired text.
  public var start: Int
  public var end: Int
  /// Human-readable detail ("Ã© -> é").
  public var detail: String

  public init(kind: String, start: Int, end: Int, detail: String) {
    self.kind = kind
    self.start = start
    self.end = end
    self.detail = detail
  }
}

/// Repaired text with the steps taken and the spans that remain lossy.
public struct RepairedText: Hashable, Sendable {
  public var text: String
  public var steps: [RepairStep]
  /// Spans (scalar offsets in `text`) where characters were lost and are marked U+FFFD.
  public var lossySpans: [Range<Int>]

  public init(text: String, steps: [RepairStep] = [], lossySpans: [Range<Int>] = []) {
    self.text = text
    self.steps = steps
    self.lossySpans = lossySpans
  }
}

/// Repairs mojibake, HTML entities and stray control characters.
public struct MojibakeRepairer: Sendable {
  public init() {}

  public func repair(_ text: String) -> RepairedText {
    RepairedText(text: text)
  }
}
