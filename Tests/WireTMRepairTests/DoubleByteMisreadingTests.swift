import Testing
import _WireTMTestSupport

@testable import WireTMRepair

/// UTF-8 read as CP949, CP932 or GBK with U+FFFD for what the decoder refused: restored where
/// every well-formed completion agrees, one U+FFFD per unproven character otherwise, and
/// reported as lossy with offsets; clean CJK and mixed text untouched.
@Suite struct DoubleByteMisreadingTests {
  let repairer = MojibakeRepairer()

  private var cases: [DamageCase] {
    DamageCase.all.filter { DamageCase.doubleByteKinds.contains($0.kind) }
  }

  /// Each family (whole lines and partial spans, per code page) ≥ 80 % exact.
  @Test func familiesAreRepairedOrMarkedLossy() {
    var right: [String: Int] = [:]
    var total: [String: Int] = [:]
    var failures: [String] = []
    for item in cases {
      total[item.kind, default: 0] += 1
      let repaired = repairer.repair(item.broken)
      if repaired.text == item.fixed && repaired.isLossy == item.lossy {
        right[item.kind, default: 0] += 1
      } else if failures.count < 40 {
        failures.append("\(item.id): \(repaired.text)\n     want \(item.fixed)")
      }
    }
    #expect(total.count == 6)
    for (kind, count) in total.sorted(by: { $0.key < $1.key }) {
      let share = Double(right[kind, default: 0]) / Double(count)
      #expect(share >= 0.8, "\(kind): \(right[kind, default: 0])/\(count)")
    }
    let summary = total.keys.sorted().map { "\($0) \(right[$0, default: 0])/\(total[$0]!)" }
    print("double-byte families:", summary.joined(separator: ", "))
    for failure in failures { print("  miss", failure) }
  }

  /// The completion alone (no choice of spans) reproduces the generator's reference
  /// reconstruction on every whole-line case: the Swift automaton and
  /// `scripts/mojibake/doublebyte.py` agree on what is provable.
  @Test func completionMatchesTheReferenceOnWholeLines() {
    let pages = ["cp949": DoubleBytePage.cp949, "cp932": .cp932, "gbk": .gbk]
    var checked = 0
    for item in cases where !item.kind.hasPrefix("partial") {
      let page = pages[String(item.kind.dropFirst("utf8-as-".count))]!
      let scalars = item.broken.unicodeScalars.map(\.value)
      guard let units = page.units(of: scalars[...]) else {
        Issue.record("\(item.id): a character the page does not produce")
        continue
      }
      let completion = DoubleByteCompletion.complete(units, page: page)
      let text = completion.map { String(String.UnicodeScalarView($0.text.compactMap(Unicode.Scalar.init))) }
      #expect(text == item.fixed, "\(item.id)")
      checked += 1
    }
    #expect(checked >= 300)
  }

  /// The screen is false on every clean line of the corpus but one (a Korean line that
  /// holds lost characters of its own), and true on the damage it is meant to let through.
  @Test func screenRejectsCleanLinesAndAdmitsDamage() {
    let flagged = CleanCorpus.lines.filter {
      UTF8ReadAsDoubleByte.screen($0.unicodeScalars.map(\.value)) != .none
    }
    #expect(flagged.count <= 1, "\(flagged)")
    for damaged in ["Anna M체ller", "袣芯屑锌邪薪懈褟 褋芯芯斜褖懈谢邪", "縺ｮ譌･譛ｬ", "effectifs 횪 Genève"] {
      #expect(
        UTF8ReadAsDoubleByte.screen(damaged.unicodeScalars.map(\.value)) != .none, "\(damaged)")
    }
  }

  /// Never invents text, on random text of many scripts damaged through each page (not
  /// the fixtures' sentences): every piece of a line that one pass of the stage changed
  /// matches the original with each U+FFFD standing for one to four lost characters.
  @Test func randomDamageIsRepairedSoundly() {
    var generator = SeededGenerator(seed: 2026)
    let pools: [ClosedRange<UInt32>] = [
      0x61...0x7A, 0x61...0x7A, 0x41...0x5A, 0xE0...0xFF, 0xC0...0xDD, 0x430...0x44F,
      0x3B1...0x3C9, 0xAC00...0xD7A3, 0x4E00...0x9FA5, 0x3041...0x3093, 0x2018...0x201D,
      0x30...0x39,
    ]
    var changed = 0
    for round in 0..<1500 {
      var original: [UInt32] = []
      for word in 0..<Int.random(in: 1...8, using: &generator) {
        if word > 0 { original.append(0x20) }
        let pool = pools.randomElement(using: &generator)!
        for _ in 0..<Int.random(in: 1...7, using: &generator) {
          // Words mostly of one pool, with ASCII letters mixed in as in real text.
          let source = Bool.random(using: &generator) ? pool : 0x61...0x7A
          original.append(UInt32.random(in: source, using: &generator))
        }
      }
      let bytes = Array(String(String.UnicodeScalarView(original.compactMap(Unicode.Scalar.init))).utf8)
      let page = [DoubleBytePage.cp949, .cp932, .gbk][round % 3]
      let damaged = page.decodeReplacing(bytes)
      let text = String(String.UnicodeScalarView(damaged.compactMap(Unicode.Scalar.init)))
      // The stage alone, one pass (the repairer's later passes see a restored line afresh;
      // random CJK glued to random Latin letters can then read as damage once more).
      var edit = EditLog(text: damaged)
      UTF8ReadAsDoubleByte.repair(&edit, describe: true)
      let repaired = (text: edit.string, steps: edit.steps)
      guard repaired.text != text else { continue }
      changed += 1
      // ASCII below "@" is never lost nor swallowed, and the stage never changes it: the
      // three texts split there into pieces that correspond one to one.
      let result = repaired.text.unicodeScalars.map(\.value)
      let pieces = [original, damaged, result].map { $0.split(whereSeparator: { $0 < 0x40 }) }
      #expect(pieces[0].count == pieces[2].count)
      for (index, piece) in pieces[2].enumerated()
      where index < pieces[0].count && !piece.elementsEqual(pieces[1][index]) {
        #expect(
          matches(piece, pieces[0][index]),
          "\(page.name): \(text) -> \(repaired.text) STEPS \(repaired.steps.map { "\($0.kind) \($0.detail)" })")
      }
    }
    #expect(changed >= 200)
  }

  /// Whether `result` equals `original` with each U+FFFD of `result` standing for one to
  /// four characters of `original`.
  private func matches(_ result: ArraySlice<UInt32>, _ original: ArraySlice<UInt32>) -> Bool {
    var memo: [Int: Bool] = [:]
    func match(_ i: Int, _ j: Int) -> Bool {
      let key = i * 100_000 + j
      if let known = memo[key] { return known }
      var answer = false
      if i == result.endIndex {
        answer = j == original.endIndex
      } else if result[i] == 0xFFFD {
        for take in 1...4 where j + take <= original.endIndex && match(i + 1, j + take) {
          answer = true
          break
        }
      } else {
        answer = j < original.endIndex && result[i] == original[j] && match(i + 1, j + 1)
      }
      memo[key] = answer
      return answer
    }
    return match(result.startIndex, original.startIndex)
  }

  /// Recovered characters come from the bytes, never from a guess: a lost continuation byte
  /// after a surviving lead (C3 + ?) has several completions and stays U+FFFD, while "ü"
  /// whose pair the codec kept whole ("체") is restored.
  @Test func restoresOnlyWhatTheBytesProve() {
    let proven = repairer.repair("Anna M체ller")
    #expect(proven.text == "Anna Müller")
    #expect(proven.steps.map(\.kind) == ["utf8-as-cp949"])
    #expect(!proven.isLossy)
    // "À" (C3 80) through CP949: both bytes refused, the lead could be any of C2...DF.
    let lost = repairer.repair("Caf\u{FFFD}\u{FFFD} M체ller")
    #expect(lost.text == "Caf\u{FFFD} Müller")
    #expect(lost.lossySpans == [3..<4])
  }

  /// A span with more lost bytes than any word of real damage holds (thousands of U+FFFD)
  /// is not searched (the search keeps states per lost byte; such input must cost no more
  /// than a pass) and counts as a span that does not re-read, so the glued "체" alone does
  /// not prove the line either: it comes back as it was, its U+FFFD reported lossy.
  @Test func hugeRunsOfLostBytesAreLeftAsTheyStand() {
    let run = String(repeating: "\u{FFFD}", count: 10_000)
    let line = "M체ller \(run)셲 ok"
    let repaired = repairer.repair(line)
    #expect(repaired.text == line)
    #expect(repaired.lossySpans == [7..<10_007])
  }

  /// Lossy spans are reported where the U+FFFD stand in the repaired text.
  @Test func lossySpanOffsetsPointAtTheLostCharacters() {
    var checked = 0
    for item in cases where item.lossy {
      let repaired = repairer.repair(item.broken)
      guard repaired.text == item.fixed else { continue }
      let scalars = Array(repaired.text.unicodeScalars)
      let marked = Set(repaired.lossySpans.flatMap { Array($0) })
      let replacement = Set(scalars.indices.filter { scalars[$0] == "\u{FFFD}" })
      #expect(marked == replacement, "\(item.id)")
      checked += 1
    }
    #expect(checked >= 100)
  }

  /// fix(fix(x)) == fix(x) on every case of the families.
  @Test func repairIsIdempotent() {
    for item in cases {
      let once = repairer.repair(item.broken).text
      #expect(repairer.repair(once).text == once, "\(item.id)")
    }
  }

  /// Clean Korean, Japanese and Chinese, also with Latin words glued to them (particles after
  /// brand names, romaji, pinyin), and text that already holds a legitimate U+FFFD.
  @Test func cleanCJKAndMixedTextIsLeftAlone() {
    let lines = [
      "삼성전자는 Galaxy S25를 공개했다", "LG전자, AI를 활용한 체크 서비스 출시", "SK하이닉스의 HBM3E 매출",
      "体크 테스트", "iPhoneの新モデルはAppleが発表した", "Sonyのカメラ、Tokyoで展示", "ｶﾀｶﾅ表記もある",
      "iPhone手机销量增长", "华为Mate 70系列发布", "北京（Beijing）时间", "臺灣的TSMC宣布",
      "Preis: 5\u{FFFD} pro Stück", "데이터\u{FFFD} 손실", "文字化け\u{FFFD}です", "Café au lait, crème brûlée",
      "체크카드 발급", "쨌든 그렇다", "에러 코드 E1234가 발생",
    ]
    for line in lines {
      let repaired = repairer.repair(line)
      #expect(repaired.text == line, "\(line) -> \(repaired.text)")
      #expect(repaired.steps.isEmpty, "\(line)")
    }
  }

  /// Clean Korean, Japanese and Chinese words mixed at random with Latin words, CJK
  /// characters glued before and after Latin words (as particles and brand names are):
  /// nothing changes. Built from the clean corpus's own words.
  @Test func randomCleanMixedLinesAreLeftAlone() {
    var generator = SeededGenerator(seed: 77)
    let words = CleanCorpus.lines.flatMap { $0.split(separator: " ").map(String.init) }
    let cjkWords = words.filter { $0.unicodeScalars.contains { $0.value >= 0x3000 && $0.value < 0xFFEF } }
    let latinWords = words.filter { $0.unicodeScalars.allSatisfy { $0.value < 0x250 } }
    let cjkCharacters = cjkWords.flatMap { $0.unicodeScalars.filter { $0.value >= 0x3000 } }
    #expect(cjkWords.count >= 100 && latinWords.count >= 1000)
    var changed: [String] = []
    for _ in 0..<3000 {
      var parts: [String] = []
      for _ in 0..<Int.random(in: 3...10, using: &generator) {
        if Double.random(in: 0..<1, using: &generator) < 0.35 {
          var word = latinWords.randomElement(using: &generator)!
          if Bool.random(using: &generator) {
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
              word.unicodeScalars.append(cjkCharacters.randomElement(using: &generator)!)
            }
          }
          if Double.random(in: 0..<1, using: &generator) < 0.2 {
            word = String(cjkCharacters.randomElement(using: &generator)!) + word
          }
          parts.append(word)
        } else {
          parts.append(cjkWords.randomElement(using: &generator)!)
        }
      }
      let line = parts.joined(separator: Bool.random(using: &generator) ? " " : "")
      // Other stages may read letter lists of the corpus ("ÌÍÎÏ") glued to CJK as their
      // damage; this test is about this stage.
      let repaired = repairer.repair(line)
      if repaired.steps.contains(where: { $0.kind.hasPrefix("utf8-as-cp9") || $0.kind == "utf8-as-gbk" }) {
        changed.append("\(line) -> \(repaired.text)")
      }
    }
    #expect(changed.isEmpty, "\(changed.count) changed: \(changed.prefix(3))")
  }

  /// Every clean line of the corpus that holds CJK text is left alone (a subset of the
  /// corpus test, kept here so that a regression names this stage).
  @Test func cleanCorpusCJKLinesAreLeftAlone() {
    for line in CleanCorpus.lines
    where line.unicodeScalars.contains(where: { $0.value >= 0x3000 && $0.value < 0xFFEF }) {
      #expect(repairer.repair(line).text == line, "\(line)")
    }
  }
}
