/// What a word ending in a full stop says about a sentence boundary after it.
///
/// ICU's sentence iterator breaks after every "word. Capital" pair, so wiretm keeps its own
/// lists. Each list is small and aimed at press-release prose; anything not listed is
/// treated as an ordinary word (the full stop ends the sentence).
enum AbbreviationKind: Sendable {
  /// Never ends a sentence: titles before a name ("Dr.", "Mr."), "e.g.", "vs.", "approx.".
  case neverFinal
  /// Ends a sentence only when a typical sentence opener follows ("U.S. The" but not
  /// "U.S. Food"), since the next word is usually a name or a noun.
  case finalBeforeOpener
  /// Often ends a sentence ("Inc.", "Calif.", "etc."): breaks before any capitalised word
  /// that is not itself an abbreviation or an all-capital code.
  case oftenFinal
}

/// Abbreviation tables per language, keyed by the lowercased word without its final stop.
struct AbbreviationTable: Sendable {
  private let kinds: [String: AbbreviationKind]

  init(language: String) {
    var kinds: [String: AbbreviationKind] = [:]
    func add(_ words: String, _ kind: AbbreviationKind) {
      for word in words.split(separator: " ") { kinds[String(word)] = kind }
    }
    add(Self.commonNeverFinal, .neverFinal)
    add(Self.commonBeforeOpener, .finalBeforeOpener)
    add(Self.commonOftenFinal, .oftenFinal)
    if let extra = Self.neverFinal[language] { add(extra, .neverFinal) }
    if let extra = Self.beforeOpener[language] { add(extra, .finalBeforeOpener) }
    if let extra = Self.oftenFinal[language] { add(extra, .oftenFinal) }
    self.kinds = kinds
  }

  /// The kind of a word (inner stops kept, final stop removed), if listed. Entries written
  /// with a capital ("No", "Art") match only that spelling, since "no." or "art." may end a
  /// sentence; lowercase entries match in any case.
  func kind(of word: String) -> AbbreviationKind? {
    kinds[word] ?? kinds[word.lowercased()]
  }

  // Titles, Latin abbreviations and units of the wire-copy register, in every language.
  static let commonNeverFinal = """
    dr mr mrs ms messrs prof st mt ft sen gov gen col lt capt sgt rev hon supt dept \
    e.g i.e vs approx appr ca cf viz No Nos Nr nr Tel tel fax ph.d m.d b.a m.a m.sc b.sc \
    Fig Figs fig figs Vol Vols pp Art Abs Abb Sec Ch
    """
  static let commonBeforeOpener = """
    u.s u.k u.n e.u u.s.a jan feb mar apr jun jul aug sep sept oct nov dec \
    mon tue wed thu fri sat sun mio mrd bn mn min max ave blvd
    """
  static let commonOftenFinal = """
    inc corp ltd co llc plc lp llp jr sr bros intl calif fla mass conn ariz colo penn wash \
    etc s.a s.p.a s.r.l n.v b.v a.g k.k s.l s.a.s sa ag nv bv
    """
  static let neverFinal: [String: String] = [
    "it": "es dott dott.ssa sig sig.ra sigg ing avv arch geom rag prof.ssa On ecc.mo pag cap Vd",
    "es": "dña sr sra sres srta dra lic ing arq pág aprox p.ej núm Av avda ud uds vd ee",
    "fr": "mm mme mlle Me env p.ex Av Bd chap",
    "de": """
    hr hrn fr frl bzw ggü ggf sog inkl zzgl evtl vgl z.b d.h u.a v.a o.ä abs abb bspw \
    dipl hrsg jh jhd str tsd mind ggfs u.u z.t
    """,
    "en": "approx mgr assoc dir",
  ]
  static let beforeOpener: [String: String] = [
    "fr": "m mm",
    "de": "jan feb märz apr jun jul aug sept okt nov dez",
    "it": "gen feb mar apr mag giu lug ago set ott nov dic",
  ]
  static let oftenFinal: [String: String] = [
    "it": "ecc s.p.a s.r.l",
    "es": "etc s.a s.l ee.uu uu",
    "fr": "etc cie",
    "de": "usw gmbh e.v mbh",
    "en": "",
  ]
}

/// Capitalised words that typically open a sentence (articles, pronouns, prepositions,
/// connectives), used after abbreviations that may or may not end one.
struct SentenceOpeners: Sendable {
  private let words: Set<String>

  init(language: String) {
    let list = Self.lists[language] ?? Self.lists["en"] ?? ""
    var words = Set(list.split(separator: " ").map(String.init))
    // English openers help everywhere: press releases quote English text in every block.
    if language != "en", let english = Self.lists["en"] {
      words.formUnion(english.split(separator: " ").map(String.init))
    }
    self.words = words
  }

  func contains(_ lowercasedWord: String) -> Bool { words.contains(lowercasedWord) }

  static let lists: [String: String] = [
    "en": """
    the this that these those it its we our they their he she his her i you in on at for \
    with as a an and but also after before under through by from to if while when \
    according there such each all both today since about further additionally however \
    moreover what how why who other some more most following during over together \
    separately last next shares investors customers for our its
    """,
    "it": """
    il lo la i gli le un una uno questo questa questi queste quello quella esso essa \
    noi loro lui lei in con per da dal dalla nel nella nei sul sulla secondo inoltre \
    anche ma e se quando oltre tale tali ogni tutti tutte oggi dopo prima durante \
    la l' nell' all' dell' si ci è sono
    """,
    "es": """
    el la los las un una unos unas este esta estos estas ese esa eso ello nosotros \
    ellos ellas él su sus en con por para de del al según además también pero y si \
    cuando tras antes durante hoy cada todos todas se es son asimismo
    """,
    "fr": """
    le la les l' un une des ce cet cette ces il elle ils elles nous on son sa ses leur \
    leurs en dans avec pour par de du au aux selon de plus aussi mais et si lorsque \
    quand après avant pendant aujourd'hui chaque tous toutes c'est ceci cela
    """,
    "de": """
    der die das den dem des ein eine einer eines einem einen dies diese dieser dieses \
    es er sie wir ihr ihre sein seine unser unsere im in am an auf mit für von vom zum \
    zur nach vor bei durch laut zudem außerdem auch aber und wenn als damit dabei \
    heute jede jeder alle beide so da
    """,
    "ko": "",
  ]
}
