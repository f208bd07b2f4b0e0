import Testing
import WireTMNormalize

@Suite struct TextNormalizerTests {
  let normalizer = TextNormalizer()

  @Test func composesToNFC() {
    #expect(normalizer.normalize("caf\u{65}\u{301}") == "café")
  }

  @Test func keepsCompatibilityCharactersByDefault() {
    let text = "Acme™ 5 µm at 20 °C, ﬁnal ＡＢＣ"
    #expect(normalizer.normalize(text) == text)
    #expect(TextNormalizer(form: .nfkc).normalize("ﬁnal ＡＢＣ") == "final ABC")
  }

  @Test(arguments: ["a\r\nb", "a\rb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b"])
  func unifiesLineEnds(text: String) {
    #expect(normalizer.normalize(text) == "a\nb")
  }

  @Test func removesInvisibleCharacters() {
    #expect(normalizer.normalize("co\u{AD}ope\u{200B}ra\u{FEFF}tion\u{7}\u{9C}") == "cooperation")
  }

  @Test func collapsesSpacesButKeepsNoBreakSpaces() {
    #expect(normalizer.normalize("  a \t  b   \nc ") == "a b\nc")
    #expect(normalizer.normalize("Bonjour\u{A0}!") == "Bonjour\u{A0}!")
  }

  @Test func isIdempotent() {
    let samples = ["  x\r\n\r\ny\u{301}  ", "한국어 텍스트\u{200B}", "\u{85}\u{85}", ""]
    for sample in samples {
      let once = normalizer.normalize(sample)
      #expect(normalizer.normalize(once) == once)
    }
  }
}
