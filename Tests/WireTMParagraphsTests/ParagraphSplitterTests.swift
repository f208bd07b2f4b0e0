import Testing
import WireTMParagraphs

@Suite struct ParagraphSplitterTests {
  let splitter = ParagraphSplitter()

  @Test func onePerLineLayout() {
    let text = "Title Of The Release\nFirst paragraph ends here.\nSecond one, too.\n"
    let paragraphs = splitter.split(text)
    #expect(paragraphs.map(\.text) == ["Title Of The Release", "First paragraph ends here.", "Second one, too."])
    #expect(paragraphs.map(\.kind) == [.heading, .body, .body])
  }

  @Test func joinsHardWrappedLinesInBlankLineLayout() {
    let text = "The company said on Monday that\nit would expand.\n\nA second paragraph\nwraps as well.\n\nThird."
    let paragraphs = splitter.split(text)
    #expect(paragraphs.map(\.text) == [
      "The company said on Monday that it would expand.", "A second paragraph wraps as well.", "Third.",
    ])
  }

  @Test func joinsLowerCaseContinuationInOnePerLineLayout() {
    let paragraphs = splitter.split("The company said that\nit would expand.\nNext paragraph.")
    #expect(paragraphs.map(\.text) == ["The company said that it would expand.", "Next paragraph."])
  }

  @Test func recognisesBullets() {
    let paragraphs = splitter.split("- Expected dosing within 12 months\n• Second\n1. Third item\nBody text here.")
    #expect(paragraphs.map(\.kind) == [.bullet, .bullet, .bullet, .body])
  }

  @Test func offsetsPointIntoTheText() {
    let text = "  Überschrift\n\nDer erste Absatz.\n"
    let scalars = Array(text.unicodeScalars)
    for paragraph in splitter.split(text) {
      let slice = String(String.UnicodeScalarView(scalars[paragraph.start..<paragraph.end]))
      #expect(slice == paragraph.text)
    }
  }

  @Test func emptyTextHasNoParagraphs() {
    #expect(splitter.split("").isEmpty)
    #expect(splitter.split("\n\n  \n").isEmpty)
  }
}
