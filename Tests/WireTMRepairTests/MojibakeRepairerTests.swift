import Testing

@testable import WireTMRepair

@Suite struct MojibakeRepairerTests {
  let repairer = MojibakeRepairer()

  @Test func utf8ReadAsWindows1252() {
    let result = repairer.repair("CafÃ© â€œcrÃ¨me brÃ»lÃ©eâ€\u{9D} Ã  10 â‚¬")
    #expect(result.text == "Café “crème brûlée” à 10 €")
    #expect(!result.steps.isEmpty)
    #expect(result.steps.allSatisfy { $0.kind == "utf8-as-windows-1252" })
    #expect(result.lossySpans.isEmpty)
  }

  @Test func stepOffsetsPointIntoTheRepairedText() {
    let result = repairer.repair("Le cafÃ© est fermÃ©.")
    #expect(result.text == "Le café est fermé.")
    let scalars = Array(result.text.unicodeScalars)
    let repaired = result.steps.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
    #expect(repaired == ["é", "é"])
    #expect(result.steps[0].detail == "Ã© -> é")
  }

  @Test(arguments: [
    ("MÃ¼nchen und ZÃ¼rich", "München und Zürich"),
    ("Ã\u{83}Â©tÃ\u{83}Â©", "été"),
    ("Ð\u{9F}Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "Привет мир"),
    ("í•œêµ\u{AD}ì–´ í…\u{8D}ìŠ¤íŠ¸", "한국어 텍스트"),
    ("&Atilde;&copy;t&eacute; &amp; &#8220;hiver&#x201D;", "été & “hiver”"),
    ("Hi í\u{A0}½í¸\u{8D}", "Hi 😍"),
    ("\u{84}Handwerk\u{93} und mehr", "„Handwerk“ und mehr"),
    ("ÇÑ±¹¾î ÅØ½ºÆ®", "한국어 텍스트"),
    ("Ïðèâåò, ìèð! Êàê äåëà ñåãîäíÿ?", "Привет, мир! Как дела сегодня?"),
    ("рТЙЧЕФ, НЙТ! лБЛ ДЕМБ УЕЗПДОС?", "Привет, мир! Как дела сегодня?"),
    ("SPÓ£KA poinformowa³a, ¿e zysk wzrós³", "SPÓŁKA poinformowała, że zysk wzrósł"),
    ("Control \u{1A}character", "Control character"),
  ])
  func repairs(_ broken: String, _ expected: String) {
    #expect(repairer.repair(broken).text == expected)
  }

  @Test(arguments: [
    "CAFÉ’S", "L’école", "SPÓŁKA", "호황", "NÃO É POSSÍVEL", "MISUTÂ\u{A0}AJIKKO",
    "Bremer/Mccoy – DrÃ¥ber",
    "(-1/2)! = √π", "├┤a┼┐a┼┐a", "AHÅ™, the new sofa", "“Quoted” — and ‘single’ … ﬁnal", "１２３　全角",
    "Ελληνικά και English", "AT&T and &copy without semicolon", "back\\slash \\n stays",
  ])
  func leavesCorrectTextAlone(_ text: String) {
    let result = repairer.repair(text)
    #expect(result.text == text)
    #expect(result.steps.isEmpty)
  }

  @Test func lossyDamageIsKeptAndReported() {
    let result = repairer.repair("â€œlossy decodingâ€\u{FFFD} here")
    #expect(result.text == "“lossy decoding\u{FFFD} here")
    #expect(result.lossySpans == [15..<16])
  }

  @Test func lostClosingQuoteIsRestoredOnlyWhenAsked() {
    let broken = "He said â€œyesâ€\u{FFFD} and left. Then â€\u{FFFD} alone."
    let kept = repairer.repair(broken)
    #expect(kept.text == "He said “yes\u{FFFD} and left. Then \u{FFFD} alone.")
    #expect(kept.lossySpans.count == 2)
    let restored = MojibakeRepairer(options: RepairOptions(restoreQuotes: true)).repair(broken)
    #expect(restored.text == "He said “yes” and left. Then \u{FFFD} alone.")
    #expect(restored.steps.contains { $0.kind == "restored-quote" && $0.start == 12 })
    #expect(restored.lossySpans == [29..<30])
  }

  @Test func koreanSeedDamageIsNeverInvented() {
    let line = "NKGen Biotech (OTC: NKGN)� 일본에서 자가 NK 세포 치료제인 troculeucel� 개발 � 상용화를 가속화하기 위해"
    let result = repairer.repair(line)
    #expect(result.text == line)
    #expect(result.steps.isEmpty)
    #expect(result.lossySpans.count == 3)
    #expect(result.isLossy)
  }

  @Test func multiLineTextIsRepairedPerLine() {
    let result = repairer.repair(
      "Clean line — déjà vu\nBroken: cafÃ© crÃ¨me\n\nÏðèâåò, ìèð! Êàê äåëà?")
    #expect(result.text == "Clean line — déjà vu\nBroken: café crème\n\nПривет, мир! Как дела?")
    let scalars = Array(result.text.unicodeScalars)
    let first = result.steps[0]
    #expect(String(String.UnicodeScalarView(scalars[first.start..<first.end])) == "é")
  }

  @Test func typographyIsKeptUnlessAsked() {
    let text = "“Curly” ‘quotes’ ﬁ ™ ½"
    #expect(repairer.repair(text).text == text)
    #expect(MojibakeRepairer(asciiQuotes: true).repair(text).text == "\"Curly\" 'quotes' ﬁ ™ ½")
    #expect(MojibakeRepairer(nfkc: true).repair("ﬁnal ＡＢＣ").text == "final ABC")
  }
}
