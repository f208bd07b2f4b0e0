extension LanguageIdentifier {
  /// The runs of text in one language, in order, for mixed text ("… said the CEO. Il
  /// presidente ha detto …"). Words are labelled by a Viterbi pass over their scores with
  /// a cost for switching language, so a name or a ticker inside a sentence does not
  /// start a run of its own. Text without letters gives no span.
  public func spans(_ text: String) -> [LanguageSpan] {
    var text = text
    let words = text.withUTF8 { bytes -> [ScannedWord] in
      var words: [ScannedWord] = []
      _ = TextScanner(model: model).scan(bytes, words: &words)
      return words
    }
    let states = spanStates(words)
    guard !words.isEmpty, !states.isEmpty else { return [] }
    let path = viterbi(words, states)
    var spans: [LanguageSpan] = []
    var runStart = 0
    for index in 1...words.count where index == words.count || path[index] != path[runStart] {
      let lower = text.utf8.index(text.startIndex, offsetBy: words[runStart].start)
      let upper = text.utf8.index(text.startIndex, offsetBy: words[index - 1].end)
      let guess = identify(String(text[lower..<upper]))
      let code = states[path[runStart]].code
      spans.append(
        LanguageSpan(
          range: lower..<upper,
          guess: guess.code == code
            ? guess : LanguageGuess(code: code, confidence: guess.confidence, script: guess.script)))
      runStart = index
    }
    return spans
  }

  /// A language a word can be labelled with: a model column or a script's language.
  private struct SpanState {
    var code: String
    var column: Int?
  }

  /// The language a non-Latin word's script names (Han is Japanese when the text has Kana).
  private func scriptCode(_ script: ScriptClass, kana: Bool) -> String? {
    if script == .han || script == .kana { return kana ? "ja" : "zh" }
    return script.language
  }

  private func spanStates(_ words: [ScannedWord]) -> [SpanState] {
    var states = columns.map { SpanState(code: model.languages[$0], column: $0) }
    var seen = Set<String>()
    let kana = words.contains { $0.script == .kana }
    for word in words where word.script != .latin {
      if let code = scriptCode(word.script, kana: kana), labels?.contains(code) ?? true,
        seen.insert(code).inserted
      {
        states.append(SpanState(code: code, column: nil))
      }
    }
    return states
  }

  /// Cost in nats of word under state: Latin words by the model, other words free in the
  /// language of their script and dear in any other.
  private func cost(_ word: ScannedWord, _ state: SpanState, _ bestLatin: Int32, kana: Bool) -> Double {
    let letters = Double(word.end - word.start)
    if word.script == .latin {
      // Capitals are names here (a line in capitals is rare inside mixed text).
      let weight = Double(word.allCaps ? WordWeight.name : word.weight) / 4
      guard let column = state.column else { return 0.5 * letters * weight }
      return Double(word.scores[column] - bestLatin) / model.quantaPerNat / 5 * weight
    }
    return scriptCode(word.script, kana: kana) == state.code ? 0 : 3 * letters
  }

  private func viterbi(_ words: [ScannedWord], _ states: [SpanState]) -> [Int] {
    let switchCost = 6.0
    var total = [Double](repeating: 0, count: states.count)
    var back: [[Int]] = []
    let kana = words.contains { $0.script == .kana }
    for (index, word) in words.enumerated() {
      let bestLatin = columns.map { word.scores.isEmpty ? 0 : word.scores[$0] }.min() ?? 0
      let emissions = states.map { cost(word, $0, bestLatin, kana: kana) }
      if index == 0 {
        total = emissions
        back.append(Array(states.indices))
        continue
      }
      let bestPrevious = total.indices.min { total[$0] < total[$1] }!
      var next = total
      var pointers = [Int](repeating: 0, count: states.count)
      for state in states.indices {
        let stay = total[state]
        let jump = total[bestPrevious] + switchCost
        if stay <= jump {
          next[state] = stay + emissions[state]
          pointers[state] = state
        } else {
          next[state] = jump + emissions[state]
          pointers[state] = bestPrevious
        }
      }
      total = next
      back.append(pointers)
    }
    var state = total.indices.min { total[$0] < total[$1] }!
    var path = [Int](repeating: 0, count: words.count)
    for index in stride(from: words.count - 1, through: 0, by: -1) {
      path[index] = state
      state = back[index][state]
    }
    return path
  }
}
