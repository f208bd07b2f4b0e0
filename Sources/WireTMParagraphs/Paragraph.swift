/// A paragraph of a page.
public struct Paragraph: Hashable, Sendable {
  public var index: Int
  public var text: String
  public init(index: Int, text: String) {
    self.index = index
    self.text = text
  }
}
