import Testing

@testable import WireTMRepair

/// windows-1250 text read as windows-1252 when the line holds only one or two letters that
/// the pages read differently: the rules of `LetterPlacement.swift` (a letter where no
/// Western language that uses it puts it), a letter-like symbol inside a word, and Š Ž š ž
/// (shared by both pages) beside one more letter. Each group fails with its rule disabled;
/// the Western lines that share those letters must come back unchanged.
@Suite struct Windows1250FewLettersTests {
  let repairer = MojibakeRepairer()

  /// `text` written in windows-1250 and read as windows-1252 (sentences chosen so that
  /// every byte is defined in both pages).
  static func damaged(_ text: String, from page: CodePage = CodePages.windows1250) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard scalar.value >= 0x80, let byte = page.byte(for: scalar.value),
        let read = CodePages.windows1252.scalar(for: byte), let value = Unicode.Scalar(read)
      else {
        scalars.append(scalar)
        continue
      }
      scalars.append(value)
    }
    return String(scalars)
  }

  func expectRepaired(_ sentences: [String], from page: CodePage = CodePages.windows1250) {
    for sentence in sentences {
      for form in [sentence, sentence.uppercased()] {
        let broken = Self.damaged(form, from: page)
        #expect(broken != form, "\(form) is not damaged")
        #expect(repairer.repair(broken).text == form, "\(broken)")
      }
    }
  }

  /// č (è) before a vowel, ć (æ) before a vowel or ending a word after one, ě (ì) inside a
  /// word, ń (ñ) before a consonant, ő (õ) outside "õe", ă (ã) before a consonant.
  @Test func aLetterOutOfItsWesternPlace() {
    expectRepaired([
      "Uprava će odluku donijeti u petak.",
      "Direktor podružnice je Marko Jurić.",
      "Tvornica je lani povećala proizvodnju.",
      "Analitiki pričakujejo rast izvoza.",
      "Banka očekuje rast kredita od pet posto.",
      "Firma mění strategii prodeje na trhu.",
      "Port w Gdańsku rozbuduje terminal kontenerowy.",
      "A bevétel 9 százalékkal nőtt tavaly.",
      "Cifra de afaceri a crescut, a spus directorul băncii.",
    ])
  }

  /// ł (³), ş (º) between letters: windows-1252 has them as symbols, which no language
  /// writes inside a word.
  @Test func aLetterLikeSymbolInsideAWord() {
    expectRepaired([
      "Wyniki były lepsze od prognoz.",
      "Dyrektor powiedział to w poniedziałek.",
      "Banca raportează o creştere.",
    ])
  }

  /// Ł (£) opening a word, where the currency sign stands only before an amount.
  @Test func aCurrencySignOpeningAWord() {
    expectRepaired([
      "Spotkanie w Łodzi zaplanowano na wtorek.",
      "Firma otworzy sklep w Łowiczu w marcu.",
    ])
  }

  /// ł (³, upper-case £) ending a word after a vowel, where "m³" has a consonant.
  @Test func aLetterLikeSymbolEndingAWordAfterAVowel() {
    expectRepaired([
      "Minister finansów powiedział to w czwartek.",
      "Koncern odnotował wzrost w Niemczech.",
    ])
  }

  /// Š Ž š ž read alike by both pages, with one letter that has no fault of place: č
  /// before a consonant or at a word's end ("veèjega", "Kè"), ć before a consonant.
  @Test func aSharedCaronLetterBesideOneChangedLetter() {
    expectRepaired([
      "Nakup večjega deleža je zdaj sklenjen.",
      "Tržby skupiny vzrostly loni o 5 mld. Kč.",
      "Šef uprave najavio je noćne smjene.",
    ])
  }

  /// Polish written in windows-1257 and read as windows-1252 ("spóùki … kwartaù"):
  /// windows-1250 reads ù as ů, which Czech never puts before a vowel or after one, so the
  /// windows-1257 reading (ł) is taken.
  @Test func theReadingsOwnLettersStandInTheirPlace() {
    expectRepaired(
      [
        "Akcje spółki wzrosły po publikacji wyników za trzeci kwartał.",
        "Zarząd spółki ogłosił nowy plan.",
      ], from: CodePages.windows1257)
    func outOfPlace(_ text: String, at index: Int) -> Bool {
      let values = text.unicodeScalars.map(\.value)
      return LegacyCodePages.isOutOfCentralPlace(
        values[index], after: index > 0 ? values[index - 1] : nil,
        before: index + 1 < values.count ? values[index + 1] : nil)
    }
    #expect(outOfPlace("wzrosůy", at: 5))
    #expect(outOfPlace("kwartaů", at: 6))
    #expect(!outOfPlace("domů", at: 3))
    #expect(!outOfPlace("může", at: 1))
    #expect(outOfPlace("ąe", at: 0))
    #expect(!outOfPlace("będą", at: 1))
    #expect(!outOfPlace("się", at: 2))
    #expect(outOfPlace("proąlu", at: 3))
    #expect(outOfPlace("Gdańa", at: 3))
    #expect(!outOfPlace("Gdańsk", at: 3))
    #expect(outOfPlace("ěm", at: 0))
    #expect(!outOfPlace("město", at: 1))
  }

  /// One or two letters are judged only in running text: a lone word is left alone.
  @Test func aLoneWordIsNotJudgedByOneLetter() {
    for word in ["CÙIS", "Konèar", "Gdañsk", "nõtt"] {
      #expect(repairer.repair(word).text == word)
    }
  }

  /// Western lines with the same letters, each in its own place, and Italian with a Czech
  /// name: nothing changes.
  @Test(arguments: [
    "Il fatturato è cresciuto più del previsto.",
    "Il caffè costa di più a Milano.",
    "La Škoda è stata venduta al gruppo.",
    "Los ingresos crecieron en los últimos AÑOS.",
    "España y Peñarol firmaron el acuerdo.",
    "Où est la gare? Très près d'ici.",
    "Le coût de la fibre a été réduit.",
    "O banco teve lucros de milhões.",
    "A irmã de São Paulo chegou.",
    "Ettevõte õnnestus laiendada.",
    "Selskabet har plantet et træ i Ærø.",
    "Ella è partita per Perù.",
    "Così il gruppo ha chiuso l'anno.",
    "Però la società può crescere.",
    "Jiří Dvořák presented in Plzeň.",
    "Ægir and Bjørn met in Århus.",
    "2 m³ of water, 5 °C, £30 and ¥100.",
    "The tank holds 40 m³ and the pipe 3 cm³ in the lab.",
    "Prices rose to £12 and ¥900 in London and Tokyo.",
    "Mª José García, Nº 5.",
    "¿Qué pasó? ¡Nada!",
    // Scottish Gaelic puts its graves anywhere in a word.
    "Tha an t-sìde brèagha an-diugh, agus tha a' chlann a' cluich.",
    "Chaidh an cùis a chur air adhart gu cùirt an t-seisein.",
    "Bidh an fhèis a' tòiseachadh Dihaoine agus a' crìochnachadh Didòmhnaich.",
  ])
  func westernLinesStay(_ line: String) {
    for form in [line, line.uppercased()] {
      #expect(repairer.repair(form).text == form, "\(form)")
    }
  }

  /// The placement rules, one letter at a time.
  @Test func placementRulesRuleOutTheWesternAlphabets() {
    func ruledOut(_ text: String, at index: Int) -> UInt32 {
      let values = text.unicodeScalars.map(\.value)
      return LegacyCodePages.alphabetsRuledOut(
        values[index], after: index > 0 ? values[index - 1] : 0,
        before: index + 1 < values.count ? values[index + 1] : 0)
    }
    #expect(ruledOut("oèe", at: 1) != 0)
    #expect(ruledOut("très", at: 2) == 0)
    #expect(ruledOut("è", at: 0) == 0)
    #expect(ruledOut("più", at: 2) == 0)
    #expect(ruledOut("mùže", at: 1) != 0)
    #expect(ruledOut("AÑOS", at: 1) == 0)
    #expect(ruledOut("Gdañsk", at: 3) != 0)
    #expect(ruledOut("milhões", at: 4) == 0)
    #expect(ruledOut("nõtt", at: 1) != 0)
    #expect(ruledOut("Popoviæ", at: 6) != 0)
    #expect(ruledOut("træ", at: 2) == 0)
    // The constants are the alphabets that hold each letter, but Scottish Gaelic.
    let gaelicBit = LegacyCodePages.latinAlphabets.count - 1
    #expect(LegacyCodePages.latinAlphabets[gaelicBit].letters == Set("àèìòù".unicodeScalars.map(\.value)))
    let gaelic = UInt32(1) << UInt32(gaelicBit)
    #expect(LegacyCodePages.graveEAlphabets == LegacyCodePages.alphabetsHolding("è") & ~gaelic)
    #expect(LegacyCodePages.graveIAlphabets == LegacyCodePages.alphabetsHolding("ì") & ~gaelic)
    #expect(LegacyCodePages.graveUAlphabets == LegacyCodePages.alphabetsHolding("ù") & ~gaelic)
    #expect(LegacyCodePages.graveOAlphabets == LegacyCodePages.alphabetsHolding("ò") & ~gaelic)
    #expect(LegacyCodePages.ashAlphabets == LegacyCodePages.alphabetsHolding("æ"))
    #expect(LegacyCodePages.tildeNAlphabets == LegacyCodePages.alphabetsHolding("ñ"))
    #expect(LegacyCodePages.tildeOAAlphabets == LegacyCodePages.alphabetsHolding("õã"))
    #expect(LegacyCodePages.tildeOAAlphabets == LegacyCodePages.alphabetsHolding("ã"))
    for value: UInt32 in 0x80...0x24F {
      let judged = "èìùòæñõãÈÌÙÒÆÑÕÃ".unicodeScalars.contains { $0.value == value }
      #expect(LegacyCodePages.isPlacementJudged(value) == judged, "\(value)")
    }
    // Estonian õ stands anywhere: only Portuguese is ruled out.
    let estonian = LegacyCodePages.alphabetsHolding("äöõüšž")
    #expect(ruledOut("nõtt", at: 1) & estonian == 0)
  }
}
