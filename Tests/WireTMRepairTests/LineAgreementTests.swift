import Testing

@testable import WireTMRepair

/// A lone broken span in an otherwise correct line is repaired when what it decodes to agrees
/// with the intact text: the letters fit one alphabet with the line's own accented letters,
/// or the mark is one the line already uses (or its pair). Sentences written for these tests.
@Suite struct LineAgreementTests {
  let repairer = MojibakeRepairer()

  @Test(arguments: [
    // Danish "æ" beside "å", "ø".
    (
      "Bestyrelsen godkendte regnskabet p\u{E5} m\u{F8}det i g\u{E5}r, og \u{C3}\u{A6}ndringerne tr\u{E6}der i kraft.",
      "Bestyrelsen godkendte regnskabet p\u{E5} m\u{F8}det i g\u{E5}r, og \u{E6}ndringerne tr\u{E6}der i kraft."
    ),
    // Turkish dotless "ı" beside "Ş", "ç".
    (
      "\u{15E}irket bu y\u{131}l yat\u{C4}\u{B1}r\u{131}m plan\u{131}n\u{131} a\u{E7}\u{131}klad\u{131}.",
      "\u{15E}irket bu y\u{131}l yat\u{131}r\u{131}m plan\u{131}n\u{131} a\u{E7}\u{131}klad\u{131}."
    ),
    // Lithuanian "į" beside "Į", "ė", "š", "ą", "ž".
    (
      "\u{12E}mon\u{117} teig\u{117}, kad gamyba i\u{161}augo, o eksportas \u{C4}\u{AF} Latvij\u{105} suma\u{17E}\u{117}jo.",
      "\u{12E}mon\u{117} teig\u{117}, kad gamyba i\u{161}augo, o eksportas \u{12F} Latvij\u{105} suma\u{17E}\u{117}jo."
    ),
    // A capital: "Ö" folds to the "ö" the line uses.
    (
      "Die B\u{E4}ckerei in \u{C3}\u{2013}stersund \u{F6}ffnet t\u{E4}glich um sechs Uhr.",
      "Die B\u{E4}ckerei in \u{D6}stersund \u{F6}ffnet t\u{E4}glich um sechs Uhr."
    ),
    // The closing half of the « the line opened.
    (
      "\u{AB}Nous attendons une croissance forte\u{C2}\u{BB}, a pr\u{E9}cis\u{E9} le directeur.",
      "\u{AB}Nous attendons une croissance forte\u{BB}, a pr\u{E9}cis\u{E9} le directeur."
    ),
  ])
  func loneSpanAgreeingWithTheLineIsRepaired(broken: String, fixed: String) {
    let result = repairer.repair(broken)
    #expect(result.text == fixed)
    #expect(result.steps.count == 1)
  }

  @Test(arguments: [
    // A Danish letter in a Polish line: no alphabet holds "å" with "ó", "ł", "ś".
    "Sp\u{F3}\u{142}ka otworzy\u{142}a nowy zak\u{142}ad w mie\u{15B}cie \u{C3}\u{2026}rhus i zatrudni 200 os\u{F3}b.",
    // The "Å" touching the span lost its second byte: it must fit too, and "å" is not Polish.
    "Wyniki SP\u{C3}\u{201C}\u{C5}KA s\u{105} dobre, zysk wzr\u{F3}s\u{142} o 12%.",
  ])
  func loneSpanThatNoLanguageOfTheLineWritesStays(line: String) {
    #expect(repairer.repair(line).text == line)
  }

  @Test(arguments: [
    "Die B\u{E4}ckerei in \u{D6}stersund \u{F6}ffnet t\u{E4}glich um sechs Uhr.",
    "Bestyrelsen godkendte regnskabet p\u{E5} m\u{F8}det i g\u{E5}r, og \u{E6}ndringerne tr\u{E6}der i kraft.",
    "CAF\u{C9}\u{2019}S men\u{FA} \u{AB}cr\u{E8}me br\u{FB}l\u{E9}e\u{BB} \u{2014} SP\u{D3}\u{141}KA, L\u{2019}\u{E9}cole, \u{D6}sterreich.",
    "\u{C5}rets st\u{F8}rste \u{E6}ndring: \u{C6}RA og \u{D8}RESUND.",
  ])
  func cleanLinesStayUnchanged(line: String) {
    #expect(repairer.repair(line).text == line)
  }

  /// "â€" and a third character read as a general punctuation mark between ASCII
  /// characters is mojibake by its shape, in a line whose other accents are correct; beside
  /// other non-ASCII characters it is left to the page that reads the whole run.
  @Test func completeDashSignatureBetweenASCIIIsRepairedAlone() {
    #expect(
      repairer.repair("Le prix a augment\u{E9} de 3\u{E2}\u{20AC}\u{201C}4 % selon l\u{2019}INSEE.").text
        == "Le prix a augment\u{E9} de 3\u{2013}4 % selon l\u{2019}INSEE.")
    #expect(
      repairer.repair("a radius of 10 \u{102}\u{2026}\u{E2}\u{20AC}\u{201D}").text
        == "a radius of 10 \u{C5}\u{2014}")
  }

  /// A quotation mark between ASCII neighbours (French spacing) needs no letter beside it
  /// when the line holds its pair; the low double quote of Dutch and German is a "â€" reading
  /// too. Among other symbol mojibake a quote is no evidence.
  @Test func quotationMarksAgreeingWithTheirPair() {
    #expect(
      repairer.repair("\u{C2}\u{AB} Nous visons la premi\u{E8}re place \u{BB}, a dit le directeur.").text
        == "\u{AB} Nous visons la premi\u{E8}re place \u{BB}, a dit le directeur.")
    #expect(
      repairer.repair("\u{E2}\u{20AC}\u{17E}Wij groeien verder\u{201D}, zei de topman.").text
        == "\u{201E}Wij groeien verder\u{201D}, zei de topman.")
    let symbols = "Gr\u{FC}\u{DF}e \u{AB}Hallo\u{BB} \u{AC}\u{A4}\u{AC}\u{B0} \u{AC}\u{AA} \u{AC}\u{B3}\u{AC}\u{B0}"
    #expect(repairer.repair(symbols).text == symbols)
  }

  /// A line that shows "Ã" followed by two spaces did not collapse its spaces, so "Ã " before
  /// a letter there was "à" inside the word (Vietnamese "vào").
  @Test func uncollapsedSpacesJoinTheAgraveToItsWord() {
    let broken =
      "Nh\u{C3}  m\u{C3}\u{A1}y m\u{E1}\u{BB}\u{203A}i s\u{E1}\u{BA}\u{BD} \u{C4}\u{2018}i v\u{C3} o ho\u{E1}\u{BA}\u{A1}t \u{C4}\u{2018}\u{E1}\u{BB}\u{2122}ng"
    #expect(
      repairer.repair(broken).text
        == "Nh\u{E0} m\u{E1}y m\u{1EDB}i s\u{1EBD} \u{111}i v\u{E0}o ho\u{1EA1}t \u{111}\u{1ED9}ng")
  }

  /// Without that sign the space after "à" stays the word gap ("città è" whose spaces were
  /// collapsed by HTML).
  @Test func collapsedSpacesKeepTheWordGap() {
    #expect(repairer.repair("La citt\u{C3} \u{C3}\u{A8} bella").text == "La citt\u{E0} \u{E8} bella")
  }
}
