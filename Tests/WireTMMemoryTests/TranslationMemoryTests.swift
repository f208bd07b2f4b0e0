import Foundation
import Testing

@testable import WireTMMemory

@Suite struct TranslationMemoryTests {
  @Test func sameEnglishMergesAndDifferentTranslationsAreCountedVariants() {
    var memory = TranslationMemory()
    #expect(
      memory.add(unit("Net income rose 5%.", [("ko", "순이익은 5% 늘었다.")], document: "p1")) == .new)
    #expect(
      memory.add(unit("Net  income rose 5%. ", [("ko", "순이익은 5% 늘었다.")], document: "p2")) == .merged
    )
    #expect(
      memory.add(unit("Net income rose 5%.", [("ko", "순이익이 5% 증가했다.")], document: "p3")) == .merged)
    #expect(memory.count == 1)
    let entry = memory.entries[0]
    #expect(entry.english.count == 3)
    #expect(entry.english.documents == ["p1", "p2", "p3"])
    let korean = entry.variants(of: "ko")
    #expect(korean.map(\.text) == ["순이익은 5% 늘었다.", "순이익이 5% 증가했다."])
    #expect(korean.map(\.count) == [2, 1])
    #expect(korean[0].documents == ["p1", "p2"])
  }

  @Test func keyNormalisesCompositionAndSpacesButNotCase() {
    #expect(EnglishKey.make("Cafe\u{301}\u{00A0} opened ") == "Café opened")
    #expect(EnglishKey.make("Apple rose.") != EnglishKey.make("apple rose."))
  }

  @Test func confidenceKeepsTheBestAndLossyIsSticky() {
    var memory = TranslationMemory()
    memory.add(unit("Rates held.", [("de", "Die Zinsen blieben.")], confidence: 0.6))
    memory.add(
      unit(
        "Rates held.", [("de", "Die Zinsen blieben.")], confidence: 0.8, repairs: ["html-entity"]))
    let german = memory.entries[0].variants(of: "de")[0]
    #expect(german.confidence == 0.8)
    #expect(german.count == 2)
    #expect(german.repairs == ["html-entity"])
  }
}

@Suite struct FuzzyMatchTests {
  @Test func identicalIsHundredAndAnyDifferenceIsAtMostNinetyNine() {
    #expect(FuzzyMatch.score("Sales rose 5%.", "Sales  rose 5%.") == 100)
    // A case change costs a fifth of a token: 1 − 0.2/5 tokens.
    #expect(FuzzyMatch.score("Sales rose 5%.", "sales rose 5%.") == 96)
    #expect(
      FuzzyMatch.score(
        "A b c d e f g h i j k l m n o p q r s t u v w x y z.",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z.") == 99)
  }

  @Test func scoreFollowsTokenEditDistance() {
    let query = "Sales rose 5% in May."
    #expect(FuzzyMatch.tokens(of: query) == ["Sales", "rose", "5", "%", "in", "May", "."])
    #expect(FuzzyMatch.score(query, "Sales fell 5% in May.") == 85)  // 1 of 7 changed
    #expect(FuzzyMatch.score(query, "Sales rose 5% in May and June.") == 77)  // 2 of 9 inserted
    #expect(FuzzyMatch.score(query, "Completely different words here") == 0)
  }

  @Test func numbersKeepTheirSeparators() {
    #expect(
      FuzzyMatch.tokens(of: "up 6.3% to $1,420.") == ["up", "6.3", "%", "to", "$", "1,420", "."])
  }
}

@Suite struct ContentHashTests {
  @Test func sameBytesSameHashAndDifferentBytesDiffer() {
    let page = Data("Revenue rose.\n매출이 늘었다.\n".utf8)
    #expect(ContentHash.of(page) == ContentHash.of(Data(page)))
    #expect(ContentHash.of(page) != ContentHash.of(page + Data([0x0A])))
    #expect(ContentHash.of(page).count == 32)
    // FNV-1a 64 of the empty input is its offset basis.
    #expect(ContentHash.of(Data()).hasPrefix("cbf29ce484222325"))
  }
}
