/// How much a word counts, in quarters: ordinary words count fully; capitalised words
/// (names, or German nouns) half; tickers, mixed-case brand names ("NKGen") and words glued
/// to digits ("COVID-19") a quarter, so wire-copy names weigh little.
enum WordWeight {
  static let full: Int32 = 4
  static let capitalised: Int32 = 2
  static let name: Int32 = 1
}

/// One word seen by the scanner, kept only when per-span detection asks for it.
struct ScannedWord {
  /// UTF-8 offsets in the text.
  var start: Int
  var end: Int
  var script: ScriptClass
  var weight: Int32
  var allCaps: Bool
  /// Latin words: summed quanta per model language (lower is likelier); empty otherwise.
  var scores: [Int32]
}

/// Evidence gathered from one text in one pass over its UTF-8 bytes.
struct Evidence {
  /// Per model language: weighted quanta of ordinary Latin words (lower is likelier).
  var latinScores: [Int64]
  /// Per model language: quanta of all-caps Latin words, weighted at the end.
  var capsScores: [Int64]
  /// Per script class: letters weighted by word kind and script (`letterWeight`).
  var scriptEvidence: [Int]
  /// Letters of all-caps Latin words, weighted at the end.
  var capsLetters = 0
  /// Letters of the other Latin words, unweighted.
  var otherLatinLetters = 0
  var kanaSeen = false
  /// Letters of ordinary (lowercase) Latin words: without any, the Latin part of a line is
  /// names and tickers.
  var ordinaryLatinLetters = 0
  /// ":", ";", "?" or "!" after a space: French typography ("Source : Acme"), a cue that
  /// survives when every word of a line is a name.
  var spacedPunctuation = 0

  init(languageCount: Int) {
    latinScores = Array(repeating: 0, count: languageCount)
    capsScores = Array(repeating: 0, count: languageCount)
    scriptEvidence = Array(repeating: 0, count: ScriptClass.allCases.count)
  }

  /// Folds the all-caps words in: fully when at least three quarters of the Latin letters
  /// are in capitals (a headline in capitals), as names and tickers otherwise
  /// ("SANTA ANA, Kalifornien, 17. Juli 2025 (GLOBE NEWSWIRE)").
  mutating func finish() {
    defer { discountNamesBesideOtherScripts() }
    guard capsLetters > 0 else { return }
    let weight: Int64 = capsLetters >= 3 * otherLatinLetters ? 4 : 1
    for index in latinScores.indices { latinScores[index] += capsScores[index] * weight }
    scriptEvidence[ScriptClass.latin.rawValue] += capsLetters * Int(weight)
    if weight == 4 { ordinaryLatinLetters += capsLetters }
    capsLetters = 0
  }

  /// Whether the Latin leader among columns is out of reach: ahead of the runner-up by
  /// more than 30 nats plus 4 nats for every byte still unread (text of another language
  /// gains about 1–2 nats per byte over the leader). Only for pure Latin text so far:
  /// capitals and other scripts are weighed at the end. On the lingua test data (17,656
  /// texts) this changes one answer and saves about a quarter of the time.
  func isDecided(_ columns: [Int], remainingBytes: Int, model: LanguageModel) -> Bool {
    guard columns.count >= 2, capsLetters == 0, spacedPunctuation == 0,
      scriptEvidence[ScriptClass.latin.rawValue] == scriptEvidence.reduce(0, +)
    else { return false }
    var best = Int64.max
    var second = Int64.max
    for column in columns {
      let score = latinScores[column]
      if score < best {
        second = best
        best = score
      } else if score < second {
        second = score
      }
    }
    let unit = model.quantaPerNat * Double(WordWeight.full)
    return Double(second - best) > (30 + 4 * Double(remainingBytes)) * unit
  }

  /// A line whose Latin words are all names or tickers and that also has letters of another
  /// script ("Siemens Healthineers AG (FWB: SHL), J.P. Morgan Healthcare Conference 참가")
  /// is in that other script's language: its Latin evidence counts a quarter.
  private mutating func discountNamesBesideOtherScripts() {
    let latin = ScriptClass.latin.rawValue
    guard ordinaryLatinLetters == 0, scriptEvidence[latin] > 0 else { return }
    if scriptEvidence.indices.contains(where: { $0 != latin && scriptEvidence[$0] > 0 }) {
      scriptEvidence[latin] = (scriptEvidence[latin] + 3) / 4
    }
  }
}

/// Splits UTF-8 text into words and scores the Latin ones against the model, streaming the
/// character 4- and 5-grams of each padded word (" word ") without building strings.
struct TextScanner {
  let model: LanguageModel

  /// Scans text; appends every word to `words` when given.
  ///
  /// - Parameters:
  ///   - words: receives every word when given.
  ///   - stopWhenDecided: the model columns competing for the answer; when given, the scan
  ///     stops once the Latin leader is so far ahead that the rest of the text could not
  ///     overturn it (see `Evidence.isDecided`), which saves most of the work on long
  ///     paragraphs without changing the answer.
  func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, words: UnsafeMutablePointer<[ScannedWord]>? = nil,
    stopWhenDecided columns: [Int]? = nil
  ) -> Evidence {
    let languageCount = model.languages.count
    var evidence = Evidence(languageCount: languageCount)
    // Stopping early is only safe when no other script can turn up later and win.
    let columns = columns.flatMap { Self.mayHoldOtherScripts(bytes) ? nil : $0 }
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(languageCount, 1)) { scores in
      var state = WordState(scores: UnsafeMutableBufferPointer(rebasing: scores[0..<languageCount]))
      model.table.withUnsafeBufferPointer { table in
        var position = 0
        var skipChunk = false
        var chunkStart = true
        var previousDigit = false
        scanning: while position < bytes.count {
          let (value, length) = UTF8Decoding.decode(bytes, at: position)
          if chunkStart {
            skipChunk = Self.isAddressChunk(bytes, from: position)
            chunkStart = false
          }
          var kind = CharacterTables.classify(value)
          if skipChunk && kind != .space { kind = .other }
          switch kind {
          case .letter(let lower, let script, let upper):
            if state.active && state.script != script {
              finishWord(&state, &evidence, table, at: position, nextIsDigit: false, words: words)
            }
            if !state.active {
              state.begin(at: position, script: script, afterDigit: previousDigit)
              if script == .latin { state.feed(0x20, model: model, table: table) }
            }
            state.letters += 1
            if upper {
              state.uppers += 1
              if state.letters == 1 { state.firstUpper = true }
            }
            if script == .latin {
              state.feed(lower, model: model, table: table)
              state.wordHash = FeatureHash.feed(state.wordHash, lower)
            } else if script == .kana {
              evidence.kanaSeen = true
            }
            previousDigit = false
          case .mark:
            break
          case .digit, .space, .other:
            if kind == .other && position > 0 && Self.isSpacedPunctuation(bytes, at: position) {
              evidence.spacedPunctuation += 1
            }
            if state.active {
              finishWord(&state, &evidence, table, at: position, nextIsDigit: kind == .digit, words: words)
              if let columns, state.script == .latin,
                evidence.isDecided(columns, remainingBytes: bytes.count - position, model: model)
              {
                break scanning
              }
            }
            previousDigit = kind == .digit
            if kind == .space { chunkStart = true }
          }
          position += length
        }
        if state.active {
          finishWord(&state, &evidence, table, at: bytes.count, nextIsDigit: false, words: words)
        }
      }
    }
    evidence.finish()
    return evidence
  }

  private func finishWord(
    _ state: inout WordState, _ evidence: inout Evidence, _ table: UnsafeBufferPointer<UInt8>,
    at end: Int, nextIsDigit: Bool, words: UnsafeMutablePointer<[ScannedWord]>?
  ) {
    state.active = false
    let letters = state.letters
    if state.script != .latin {
      evidence.scriptEvidence[state.script.rawValue] += letters * 4 * state.script.letterWeight
      words?.pointee.append(
        ScannedWord(
          start: state.start, end: end, script: state.script, weight: WordWeight.full, allCaps: false,
          scores: []))
      return
    }
    state.feed(0x20, model: model, table: table)
    if letters <= 40, let offset = model.slot(for: state.wordHash) {
      state.add(offset, table, model)
    }
    let allCaps = letters >= 2 && state.uppers == letters
    let weight: Int32
    if state.afterDigit || nextIsDigit || (state.uppers >= 2 && !allCaps) {
      weight = WordWeight.name
    } else if state.firstUpper {
      weight = WordWeight.capitalised
    } else {
      weight = WordWeight.full
    }
    if allCaps && !state.afterDigit && !nextIsDigit {
      for index in 0..<state.scores.count { evidence.capsScores[index] += Int64(state.scores[index]) }
      evidence.capsLetters += letters
    } else {
      for index in 0..<state.scores.count {
        evidence.latinScores[index] += Int64(state.scores[index]) * Int64(weight)
      }
      evidence.scriptEvidence[ScriptClass.latin.rawValue] += letters * Int(weight)
      evidence.otherLatinLetters += letters
      if weight == WordWeight.full && letters >= 2 { evidence.ordinaryLatinLetters += letters }
    }
    words?.pointee.append(
      ScannedWord(
        start: state.start, end: end, script: .latin, weight: weight, allCaps: allCaps,
        scores: Array(state.scores)))
  }

  /// Whether the bytes may hold letters of a script other than Latin: lead bytes of
  /// U+0340–U+07FF (Greek, Cyrillic, Hebrew, Arabic…), U+0800–U+1FFF (Indic, Thai, Jamo…),
  /// U+3000–U+DFFF (Kana, Han, Hangul…), U+F000 up (half-width Kana…) and beyond the BMP.
  /// General punctuation (U+2000–U+2FFF, lead byte E2) does not count: curly quotes are
  /// everywhere in wire copy.
  static func mayHoldOtherScripts(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= 0xCD {
      if byte != 0xE2 && (byte <= 0xE1 || byte >= 0xE3) { return true }
    }
    return false
  }

  /// Whether the byte at position is ":", ";", "?" or "!" right after a space, a no-break
  /// space or a narrow no-break space (U+202F), as French typography has it.
  static func isSpacedPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
    let byte = bytes[position]
    guard byte == 0x3A || byte == 0x3B || byte == 0x3F || byte == 0x21 else { return false }
    if bytes[position - 1] == 0x20 { return position >= 2 && bytes[position - 2] != 0x20 }
    if position >= 2 && bytes[position - 2] == 0xC2 && bytes[position - 1] == 0xA0 { return true }
    return position >= 3 && bytes[position - 3] == 0xE2 && bytes[position - 2] == 0x80
      && bytes[position - 1] == 0xAF
  }

  /// Whether the whitespace-delimited chunk starting here is a URL or an e-mail address,
  /// whose letters say nothing about the language around them.
  static func isAddressChunk(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 { break }
      if byte == 0x40 /* @ */ && index > start { return true }
      if byte == 0x3A /* : */ && index + 2 < bytes.count && bytes[index + 1] == 0x2F
        && bytes[index + 2] == 0x2F
      {
        return true
      }
      index += 1
    }
    // "www." at the start of the chunk.
    return index - start >= 4 && bytes[start] | 0x20 == 0x77 && bytes[start + 1] | 0x20 == 0x77
      && bytes[start + 2] | 0x20 == 0x77 && bytes[start + 3] == 0x2E
  }
}

/// The word being scanned: its rolling n-gram hashes and its score so far.
struct WordState {
  var active = false
  var script = ScriptClass.latin
  var start = 0
  var letters = 0
  var uppers = 0
  var firstUpper = false
  var afterDigit = false
  /// Characters fed so far, the padding space included.
  var fed = 0
  /// Hashes of the n-grams of length 1...5 ending at the last character fed.
  var h1: UInt64 = 0, h2: UInt64 = 0, h3: UInt64 = 0, h4: UInt64 = 0, h5: UInt64 = 0
  var wordHash: UInt64 = 0
  /// Per model language, the quanta of this word so far (scratch memory owned by `scan`).
  let scores: UnsafeMutableBufferPointer<Int32>

  init(scores: UnsafeMutableBufferPointer<Int32>) {
    self.scores = scores
  }

  mutating func begin(at position: Int, script: ScriptClass, afterDigit: Bool) {
    active = true
    self.script = script
    start = position
    letters = 0
    uppers = 0
    firstUpper = false
    self.afterDigit = afterDigit
    fed = 0
    wordHash = FeatureHash.feed(FeatureHash.basis, FeatureHash.wordTag)
    for index in 0..<scores.count { scores[index] = 0 }
  }

  /// Feeds one lowercase code point and scores the 4- and 5-grams that end at it (the model
  /// has no shorter n-grams: with whole words in, they added nothing or lost accuracy).
  @inline(__always)
  mutating func feed(_ scalar: UInt32, model: LanguageModel, table: UnsafeBufferPointer<UInt8>) {
    fed += 1
    h5 = FeatureHash.feed(h4, scalar)
    h4 = FeatureHash.feed(h3, scalar)
    h3 = FeatureHash.feed(h2, scalar)
    h2 = FeatureHash.feed(h1, scalar)
    h1 = FeatureHash.feed(FeatureHash.basis, scalar)
    if fed >= 4, let offset = model.slot(for: h4) { add(offset, table, model) }
    if fed >= 5, let offset = model.slot(for: h5) { add(offset, table, model) }
  }

  /// Adds the gaps of the feature whose cells start at offset (two languages a byte).
  @inline(__always)
  mutating func add(_ offset: Int, _ table: UnsafeBufferPointer<UInt8>, _ model: LanguageModel) {
    let count = scores.count
    let scores = self.scores
    do {
      model.lowGap.withUnsafeBufferPointer { low in
        model.highGap.withUnsafeBufferPointer { high in
          var index = 0
          var cell = offset
          while index + 1 < count {
            let byte = Int(table[cell])
            scores[index] &+= low[byte]
            scores[index + 1] &+= high[byte]
            index += 2
            cell += 1
          }
          if index < count { scores[index] &+= low[Int(table[cell])] }
        }
      }
    }
  }
}

/// A lenient UTF-8 decoder: an invalid byte decodes as U+FFFD of length 1.
enum UTF8Decoding {
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (UInt32(lead), 1) }
    let count = bytes.count
    @inline(__always) func continuation(_ offset: Int) -> UInt32? {
      guard index + offset < count else { return nil }
      let byte = bytes[index + offset]
      return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
    }
    if lead >= 0xC2 && lead < 0xE0, let b1 = continuation(1) {
      return (UInt32(lead & 0x1F) << 6 | b1, 2)
    }
    if lead >= 0xE0 && lead < 0xF0, let b1 = continuation(1), let b2 = continuation(2) {
      let value = UInt32(lead & 0x0F) << 12 | b1 << 6 | b2
      if value >= 0x800 && !(0xD800...0xDFFF).contains(value) { return (value, 3) }
    }
    if lead >= 0xF0 && lead < 0xF5, let b1 = continuation(1), let b2 = continuation(2),
      let b3 = continuation(3)
    {
      let value = UInt32(lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
      if value >= 0x10000 && value <= 0x10FFFF { return (value, 4) }
    }
    return (0xFFFD, 1)
  }
}
