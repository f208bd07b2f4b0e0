import Foundation
import Testing

@testable import WireTMMemory

@Suite struct TMXReaderTests {
  @Test func readsTranslateToolkitOutput() throws {
    let (memory, summary) = try TMXReader().readMemory(contentsOf: try fixture("tt-generated.tmx"))
    #expect(summary.units == 3)
    #expect(summary.creationTool == "Translate Toolkit")
    #expect(
      memory.entries.map(\.english.text) == [
        "Shares rose 4% in early trading on Monday.",
        "The company said sales & margins <improved>.",
        "“We are pleased,” said the CEO.",
      ])
    #expect(memory.entries[1].variants(of: "ko").first?.text == "회사는 매출과 마진이 <개선됐다>고 밝혔다.")
    #expect(memory.entries[0].translations.first?.confidence == 1)
  }

  @Test func readsTheSharedSamples() throws {
    let (toolkit, _) = try TMXReader().readMemory(
      contentsOf: try fixture("translate-toolkit-written.tmx"))
    #expect(toolkit.count == 2)
    #expect(toolkit.entries[0].variants(of: "it").first?.text.hasPrefix("I ricavi") == true)
    let (sample, _) = try TMXReader().readMemory(contentsOf: try fixture("valid-multilingual.tmx"))
    #expect(sample.count == 2)
    #expect(sample.entries[0].languages == ["de-de", "es", "fr", "it", "ko"])
    #expect(sample.entries[0].variants(of: "ko").first?.confidence == 0.88)
    #expect(sample.entries[1].english.text.contains("M.D., Ph.D. & CMO"))
    #expect(sample.entries[1].english.documents == ["sample-doc-01"])
  }

  @Test func readsOmegaTStyleWithInlineCodesAndOldLangAttribute() throws {
    let (memory, summary) = try TMXReader().readMemory(contentsOf: try fixture("omegat-style.tmx"))
    #expect(
      memory.entries.map(\.english.text) == [
        "Click Save to keep your changes.", "Line oneline two.",
      ])
    #expect(
      memory.entries[0].variants(of: "de-DE").first?.text
        == "Klicken Sie auf Speichern, um Ihre Änderungen zu behalten.")
    #expect(summary.inlineCodesDropped == 6)
    #expect(summary.unitsWithoutEnglish == 1)
  }

  @Test func readsUTF16() throws {
    let (memory, _) = try TMXReader().readMemory(contentsOf: try fixture("utf16.tmx"))
    #expect(memory.count == 3)
    #expect(memory.entries[2].english.text == "“We are pleased,” said the CEO.")
  }

  @Test(arguments: [
    ("xxe-file.tmx", "<!ENTITY> declaration"),
    ("billion-laughs.tmx", "<!ENTITY> declaration"),
    ("parameter-entity.tmx", "parameter entity reference"),
    ("undefined-entity.tmx", "undefined entity &nbsp;"),
  ])
  func hostileEntitiesAreRefusedNeverResolved(file: String, expected: String) throws {
    let url = try fixture(file)
    let error = #expect(throws: TMXReadError.self) { try TMXReader().readMemory(contentsOf: url) }
    #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    #expect(error?.description.hasPrefix(url.path + ":") == true)
    #expect(error?.description.contains("root:") == false)
  }

  @Test func anExternalDTDIsNeverFetched() throws {
    // The DOCTYPE names http://127.0.0.1:9/…; the reader fails on the undefined entity, not
    // on a network error, and returns at once: nothing is fetched.
    let url = try fixture("undefined-entity.tmx")
    let error = #expect(throws: TMXReadError.self) { try TMXReader().readMemory(contentsOf: url) }
    #expect(error?.line == 6)
  }

  @Test func malformedXMLNamesTheLine() throws {
    let url = try fixture("malformed.tmx")
    let error = #expect(throws: TMXReadError.self) { try TMXReader().readMemory(contentsOf: url) }
    #expect(error?.line == 6)
    #expect(error?.message == "closing tag </tuv> does not match <seg>")
  }

  @Test(arguments: [
    ("<tmx><body></tmx>", "closing tag </tmx> does not match <body>"),
    ("<tmx>", "unexpected end of file: <tmx> is not closed"),
    ("<tmx a=1/>", "attribute value not quoted"),
    ("<tmx a='1' a='2'/>", "attribute a repeated in <tmx>"),
    ("<tmx/><tmx/>", "a second root element <tmx>"),
    ("<tmx>&#1;</tmx>", "character reference &#1; is not a character XML 1.0 allows"),
    ("<tmx>\u{01}</tmx>", "character U+0001 is not allowed in XML 1.0"),
    ("<tmx>a & b</tmx>", "'&' not followed by a reference ending in ';' (write &amp;)"),
    ("<html/>", "not a TMX file: the root element is <html>, not <tmx>"),
    ("", "no root element"),
  ])
  func wellFormednessErrors(xml: String, message: String) {
    let error = #expect(throws: TMXReadError.self) {
      _ = try TMXReader().read(data: Data(xml.utf8), name: "t.tmx") { _ in }
    }
    #expect(error?.message == message)
  }

  @Test func invalidUTF8IsRefused() {
    var bytes = Array("<tmx><body><tu><tuv xml:lang=\"en\"><seg>caf".utf8)
    bytes += [0xE9] + Array("</seg></tuv></tu></body></tmx>".utf8)
    let error = #expect(throws: TMXReadError.self) {
      _ = try TMXReader().read(data: Data(bytes), name: "t.tmx") { _ in }
    }
    #expect(error?.message == "invalid UTF-8")
  }

  @Test func roundTripIsLossless() throws {
    var memory = TranslationMemory()
    memory.add(
      unit(
        "Sales rose.", [("ko", "매출이 늘었다."), ("de", "Umsatz stieg.")], document: "a",
        repairs: ["utf8-as-windows-1252"]))
    memory.add(unit("Sales rose.", [("ko", "매출이 증가했다.")], document: "b", confidence: 0.7))
    memory.add(unit("Lost \u{FFFD} text & <tags>.", [("fr", "Texte « perdu ».")], document: "c"))
    memory.add(
      unit(
        "Weird \"quotes\" and 'apostrophes'.", [("pt-BR", "Aspas \"estranhas\".")], document: "d\"e"
      ))
    let first = TMXWriter().string(memory.entries).tmx
    var reread = TranslationMemory()
    _ = try TMXReader().read(data: Data(first.utf8), name: "first") { reread.add($0) }
    #expect(reread.entries == memory.entries)
    let second = TMXWriter().string(reread.entries).tmx
    #expect(second == first)
  }
}
