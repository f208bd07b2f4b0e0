import Testing

@testable import WireTMRepair

/// The double-byte stage on damage shapes beyond the fixtures' sentences: each rule that
/// widens what it repairs is pinned here on sentences written for this test, damaged in the
/// test through the page's decoder model (`DoubleBytePage.decodeReplacing`), next to clean
/// lines of the same shape that must come back unchanged.
@Suite struct DoubleByteGeneralisationTests {
  let repairer = MojibakeRepairer()

  /// `words` of `sentence` (by index, split at spaces) as UTF-8 read through `page`, the
  /// rest left as it is: the "partial" damage of a scraped page.
  private func damage(_ sentence: String, words: Set<Int>, page: DoubleBytePage) -> String {
    let parts = sentence.split(separator: " ", omittingEmptySubsequences: false).enumerated()
    return parts.map { index, word in
      guard words.contains(index) else { return String(word) }
      let scalars = page.decodeReplacing(Array(word.utf8)).compactMap(Unicode.Scalar.init)
      return String(String.UnicodeScalarView(scalars))
    }.joined(separator: " ")
  }

  /// What the repair must give for `damage(sentence, words:, page:)`: each damaged word
  /// as its completion (the characters every completion agrees on, U+FFFD for the others;
  /// the reference the generator writes into the fixtures).
  private func reference(_ sentence: String, words: Set<Int>, page: DoubleBytePage) -> String {
    let parts = sentence.split(separator: " ", omittingEmptySubsequences: false).enumerated()
    return parts.map { index, word in
      guard words.contains(index) else { return String(word) }
      let broken = page.decodeReplacing(Array(word.utf8))
      guard let units = page.units(of: broken[...]),
        let completion = DoubleByteCompletion.complete(units, page: page)
      else { return "(no completion)" }
      return String(String.UnicodeScalarView(completion.text.compactMap(Unicode.Scalar.init)))
    }.joined(separator: " ")
  }

  private func stageRan(_ result: RepairedText) -> Bool {
    result.steps.contains { $0.kind.hasPrefix("utf8-as-cp9") || $0.kind == "utf8-as-gbk" }
  }

  /// CP932 reads the lead byte of every two-byte UTF-8 character (Cyrillic D0/D1, Greek
  /// CE/CF, Armenian D4-D6) as a half-width katakana, glued to whatever the next byte
  /// made: a Greek letter or a C1 control inside a Cyrillic word ("ﾑτ\u{80}ﾐｾ"). Such words
  /// between clean words of their own script are screened in and restored.
  @Test func halfwidthKatakanaGluedToOtherScriptsIsRepaired() {
    let sentences = [
      "Завод в Казани начнёт выпуск новых моторов уже весной",
      "Банк увеличил кредитный портфель на треть за прошлый год",
      "Η εταιρεία ανακοίνωσε σήμερα νέα επένδυση στη Θεσσαλονίκη",
      "Ընկերությունը բացել է նոր գրասենյակ Երևանում",
    ]
    for sentence in sentences {
      let broken = damage(sentence, words: [2, 3, 4], page: .cp932)
      #expect(broken != sentence)
      let repaired = repairer.repair(broken)
      let expected = reference(sentence, words: [2, 3, 4], page: .cp932)
      #expect(repaired.text == expected, "\(broken) -> \(repaired.text)")
    }
  }

  /// CPython's CP932 maps 0xA0 and 0xFD-0xFF to the private-use U+F8F0-U+F8F3: "à" (C3 A0)
  /// reads "ﾃ\u{F8F0}". The screen counts them with the half-width katakana.
  @Test func privateUseCharactersOfCP932AreRepaired() {
    let sentence = "O congresso começa às nove horas em Lisboa"
    let broken = damage(sentence, words: [3], page: .cp932)
    #expect(broken.unicodeScalars.contains("\u{F8F0}"))
    #expect(repairer.repair(broken).text == sentence)
  }

  /// One damaged spot on a line of another script proves the line when the chunk carries
  /// a mark of the damage of its own: a Han character fused with the U+FFFD of the byte
  /// refused after it (a closing quote, a dash, a euro sign), Han next to half-width
  /// katakana (CP932's reading of "€", E2 82 AC), or a symbol glued to a figure. The lost
  /// character stays one U+FFFD.
  @Test func aSingleMarkedSpotOnALineOfAnotherScriptIsRepaired() {
    let cases: [(String, Set<Int>, DoubleBytePage, String)] = [
      (
        "„Der Umbau ist abgeschlossen”, teilte die Stadt mit", [3], .cp932,
        "„Der Umbau ist abgeschlossen\u{FFFD}, teilte die Stadt mit"
      ),
      (
        "„Der Umbau ist abgeschlossen”, teilte die Stadt mit", [3], .gbk,
        "„Der Umbau ist abgeschlossen\u{FFFD}, teilte die Stadt mit"
      ),
      (
        "Le billet coûte 12 € par adulte et 6 € par enfant", [4], .cp932,
        "Le billet coûte 12 € par adulte et 6 € par enfant"
      ),
      (
        "Le billet coûte 12 € par adulte et 6 € par enfant", [4], .gbk,
        "Le billet coûte 12 \u{FFFD} par adulte et 6 € par enfant"
      ),
      (
        "Le billet coûte 12 € par adulte et 6 € par enfant", [4], .cp949,
        "Le billet coûte 12 \u{FFFD} par adulte et 6 € par enfant"
      ),
      (
        "Firma ogłosiła wyniki za drugi kwartał roku", [5], .cp932,
        "Firma ogłosiła wyniki za drugi kwarta\u{FFFD} roku"
      ),
    ]
    // A symbol glued to a figure: "£12" through each page ("짙12", "拢12", "ﾂ｣12").
    let pound = "Tickets cost £12 for adults and £6 for children at the museum"
    for page in [DoubleBytePage.cp949, .gbk, .cp932] {
      let broken = damage(pound, words: [2], page: page)
      #expect(broken != pound)
      #expect(repairer.repair(broken).text == pound, "\(page.name): \(broken)")
    }
    for (sentence, words, page, expected) in cases {
      let broken = damage(sentence, words: words, page: page)
      #expect(broken != sentence)
      let repaired = repairer.repair(broken)
      #expect(repaired.text == expected, "\(page.name): \(broken) -> \(repaired.text)")
    }
  }

  /// Clean lines of the same shapes: a CJK character quoted in a sentence of another script
  /// (also next to a U+FFFD that is not fused with it), half-width katakana in Japanese.
  @Test func cleanLinesOfTheSameShapesAreLeftAlone() {
    let lines = [
      "Das Zeichen 窶 steht in keinem Schulwörterbuch",
      "The glyph 竄 is listed, and so is ｬ on its own",
      "Le caractère 鈥 (une cloche) est rare \u{FFFD} dit-il",
      "Der Preis 5\u{FFFD} gilt, das Zeichen 鈧 nicht",
      "東京ﾀﾜｰの展望台は十時に開く", "株式会社ｿﾆｰの新製品", "ｶﾅ表記の社名が多い",
      "Компания Sony представила ｶﾒﾗ в Токио",
      "Préstamo \u{FFFD}\u{FFFD} aprobado en 2024",
      // Glued to figures, but re-reading as no symbol that stands by one ("ʸ7"), or as an
      // ordinal indicator before its figure ("ª20").
      "Der Umsatz stieg um 訶7 Prozent", "Es la 짧20 edición del festival en Sevilla",
    ]
    for line in lines {
      let repaired = repairer.repair(line)
      #expect(!stageRan(repaired), "\(line) -> \(repaired.text)")
    }
  }

  /// A Korean (or Hindi) word through a page that refuses the lead bytes of its three-byte
  /// characters comes out as U+FFFD and a character, again and again ("�닚�씠"): two of
  /// them in one chunk prove the line, and every damaged word of a Korean line is written
  /// as what its completion proves, mostly U+FFFD.
  @Test func theRhythmOfLostLeadBytesProvesALine() {
    let sentences = [
      "부산 항만공사는 올해 컨테이너 물동량이 크게 늘었다고 밝혔다",
      "시는 다음 달부터 전기 버스 노선을 두 배로 늘린다",
    ]
    var checked = 0
    for sentence in sentences {
      for page in [DoubleBytePage.cp949, .cp932] {
        let words: Set<Int> = [2, 3, 4]
        let broken = damage(sentence, words: words, page: page)
        guard broken.unicodeScalars.filter({ $0 == "\u{FFFD}" }).count >= 4 else { continue }
        let repaired = repairer.repair(broken)
        #expect(
          repaired.text == reference(sentence, words: words, page: page),
          "\(page.name): \(broken) -> \(repaired.text)")
        checked += 1
      }
    }
    #expect(checked >= 3)
  }

  /// Korean text holding a U+FFFD of its own: one U+FFFD before a syllable, or several in
  /// different words, prove nothing; a piece cut out of a word by characters the page does
  /// not produce does not prove the line either.
  @Test func loneLostCharactersInCleanKoreanAreLeftAlone() {
    let lines = [
      "데이터 \u{FFFD}가 일부 손실되었다", "파일 \u{FFFD}가 \u{FFFD}나 모두 열리지 않는다",
      "\u{FFFD}西 \u{FFFD}西 서울에서", "서울\u{FFFD}西\u{FFFD}西에서 열린 회의",
    ]
    for line in lines {
      let repaired = repairer.repair(line)
      #expect(!stageRan(repaired), "\(line) -> \(repaired.text)")
    }
  }

  /// Indic words through CP949 lose consonants before their vowel signs ("�ें"): the signs
  /// after a U+FFFD belong to the lost letter and are not scored as signs on nothing, so
  /// such words are re-read like the rest of the line.
  @Test func vowelSignsAfterALostConsonantDoNotBlockTheReReading() {
    let sentences = [
      "सरकार ने में बताया कि नई नीति अगले महीने से लागू होगी",
      "कंपनी के शेयरों में आज सुबह तेजी देखी गई और बाजार में उत्साह रहा",
      "মন্ত্রী বলেন যে নতুন সেতুটি আগামী বছরে খুলে দেওয়া হবে",
    ]
    var lostBeforeSign = 0
    for sentence in sentences {
      let count = sentence.split(separator: " ").count
      let words = Set(0..<count)
      let broken = damage(sentence, words: words, page: .cp949)
      let expected = reference(sentence, words: words, page: .cp949)
      let scalars = Array(expected.unicodeScalars)
      lostBeforeSign +=
        zip(scalars, scalars.dropFirst()).filter {
          $0.0 == "\u{FFFD}" && TextModel.info($0.1.value).kind == .mark
        }.count
      let repaired = repairer.repair(broken)
      #expect(repaired.text == expected, "\(broken) -> \(repaired.text)")
    }
    #expect(lostBeforeSign >= 1)
  }

  /// Korean words through GBK are runs of rare Han characters (lead bytes EA-ED) on a
  /// Korean line: a whole chunk that re-reads as two or more Hangul syllables between
  /// Hangul proves the line. Hanja in clean Korean text stay as they are.
  @Test func hangulRestoredFromHanAmidHangulProvesALine() {
    let sentences: [(String, Set<Int>)] = [
      ("올해 인천 셔틀 이용객은 크게 늘었다", [1, 2]),
      ("매출은 작년 대비 크게 늘었다고 회사는 전했다", [1, 2]),
      ("대구 시청은 다음 주부터 무료 셔틀 운행을 시작한다", [2, 3, 4]),
    ]
    for (sentence, words) in sentences {
      let broken = damage(sentence, words: words, page: .gbk)
      let repaired = repairer.repair(broken)
      #expect(
        repaired.text == reference(sentence, words: words, page: .gbk),
        "\(broken) -> \(repaired.text)")
    }
    let clean = [
      "與野 대표가 靑瓦臺에서 만났다", "韓國經濟 성장률이 둔화됐다", "中 정부는 美 관세에 대응했다",
      "株式會社 대표 金某 씨는 國會에 출석했다",
    ]
    for line in clean {
      let repaired = repairer.repair(line)
      #expect(!stageRan(repaired), "\(line) -> \(repaired.text)")
    }
  }

  /// A quotation's "«" (C2 AB) read through a page at the start of a line ("芦", "짬",
  /// "ﾂｫ") is restored when a "»" closes it later on the line; nothing else of such a line
  /// is re-read, and a CJK word opening a line without the closing guillemet, or one whose
  /// bytes are not those of "«", stays.
  @Test func anOpeningGuillemetAtTheStartOfALineIsRestored() {
    let sentence = "« Le chantier avance comme prévu », a précisé la mairie de Nantes."
    for page in [DoubleBytePage.cp949, .gbk, .cp932] {
      let broken = damage(sentence, words: [0], page: page)
      #expect(broken != sentence)
      #expect(repairer.repair(broken).text == sentence, "\(page.name): \(broken)")
    }
    let clean = [
      "芦 Le chantier avance comme prévu, a précisé la mairie de Nantes.",
      "체 « Le chantier avance comme prévu », a précisé la mairie.",
      "東京 « Le chantier avance comme prévu », a précisé la mairie.",
      "誇 «Καλημέρα», είπε η υπουργός στην Αθήνα.",
    ]
    for line in clean {
      let repaired = repairer.repair(line)
      #expect(!stageRan(repaired), "\(line) -> \(repaired.text)")
    }
  }
}
