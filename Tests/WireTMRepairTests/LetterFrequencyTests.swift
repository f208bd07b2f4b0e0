import Testing

@testable import WireTMRepair

/// Letters of languages that wire copy carries but the text model once rated rare (Maltese
/// ċ ġ, Azerbaijani ə, Vietnamese ĩ ũ): a line of theirs read as windows-1252 is repaired
/// (each of these lines stayed mojibake before), and the readings of the letters kept rare
/// (Maltese Ġ, Latvian ģ) leave clean lines alone.
struct LetterFrequencyTests {
  let repairer = MojibakeRepairer()

  @Test(arguments: [
    "Şirkət üçüncü rübdə gəlirlərinin artdığını açıqladı.",
    "Bakıda keçirilən görüşdə yeni müqavilə imzalanıb.",
    "Il-kumpanija l-ġdida se tiftaħ uffiċċju ġdid f’Malta.",
    "Il-Gvern ħabbar investiment ġdid fil-port tal-Belt.",
    "Các bác sĩ cho biết dự án sẽ hoàn thành vào năm tới.",
    "Những dũng sĩ của đội tuyển đã nhận được phần thưởng.",
  ])
  func lineOfOnceRareLettersIsRepaired(clean: String) {
    let broken = ScriptPunctuationAndC1Tests.mojibake(clean)
    #expect(broken != clean)
    #expect(repairer.repair(broken).text == clean, "\(broken)")
  }

  @Test func onceRareLettersAreCommon() {
    for letter in "ċġĊĩĨũŨŋŊŧŦəƏ".unicodeScalars {
      #expect(TextModel.info(letter.value).cost <= 1.5, "\(letter)")
    }
    // "Ä" and a no-break space (Ġ read as windows-1252) end Finnish and German words.
    for letter in "ĠĢģĉĝŝ".unicodeScalars {
      #expect(TextModel.info(letter.value).cost > 1.5, "\(letter)")
    }
  }

  @Test(arguments: [
    "SELKÄ\u{A0}EDELLÄ MAAHAN via @YouTube",
    "MÄ£ÄM ÌÑÌ Q £ÄGÌ GÄLÄW ÑÍCH SÖÄ£ ÑÝÄ $ÚÄMÌ",
  ])
  func cleanLinesWithTheKeptRareReadingsStay(clean: String) {
    #expect(repairer.repair(clean).text == clean)
  }
}
