/// A small hand-written lexicon of press-release vocabulary ("company", "revenue", "quarter",
/// "shareholder" …) in en, de, ko, fr, es and it, written for wiretm.
///
/// Why: names and numbers anchor most wire-copy sentences, but a sentence without them (a
/// Korean boilerplate line, "The price was not disclosed.") had only its length as evidence,
/// and the learnt word links need more pairs than one release has. A stem of this list gives
/// its word a concept key shared by all six languages, so "Umsatz" finds "revenue" and
/// "매출" finds "revenue" without any training. Used in number-rich documents only (wire
/// copy); literary prose keeps the learnt links alone.
///
/// Each stem matches a folded word (lowercase, Latin diacritics removed; Korean after its
/// particle is stripped) that starts with it. Latin stems are at least 4 letters and Korean
/// stems at least 2 syllables (shorter ones in the table are skipped), so that a stem does
/// not match unrelated words by chance.
struct TermLexicon: Sendable {
  /// Concept id of each stem, per language.
  private var conceptOfStem: [String: [String: [Int]]] = [:]
  /// Longest stem per language, in scalars: the prefixes tried for each word.
  private var longestStem: [String: Int] = [:]
  /// Shortest stem per language, in scalars.
  private var shortestStem: [String: Int] = [:]

  static let shared = TermLexicon(table: termTable, only: ["en", "de", "ko"])

  init(table: String, only: Set<String>? = nil) {
    let languages = ["en", "de", "ko", "fr", "es", "it"]
    var concept = 0
    for line in table.split(separator: "\n") {
      let fields = line.split(separator: "|", omittingEmptySubsequences: false)
      guard fields.count == languages.count else { continue }
      for (language, field) in zip(languages, fields) where only?.contains(language) ?? true {
        for stem in field.split(separator: ",") {
          let folded = String(String.UnicodeScalarView(fold(Array(stem.trimmingSpaces.unicodeScalars))))
          let isHangul = folded.unicodeScalars.contains { isHangulScalar($0) }
          guard folded.unicodeScalars.count >= (isHangul ? 2 : 4) else { continue }
          conceptOfStem[language, default: [:]][folded, default: []].append(concept)
          let length = folded.unicodeScalars.count
          longestStem[language] = max(longestStem[language] ?? 0, length)
          shortestStem[language] = min(shortestStem[language] ?? Int.max, length)
        }
      }
      concept += 1
    }
  }

  /// The concepts of a folded word in `language`, from its longest listed stem; nil when
  /// the word starts with none.
  func concepts(of folded: [Unicode.Scalar], language: String) -> [Int]? {
    guard let stems = conceptOfStem[language], let longest = longestStem[language],
      let shortest = shortestStem[language], folded.count >= shortest
    else { return nil }
    var length = min(longest, folded.count)
    while length >= shortest {
      if let concepts = stems[String(String.UnicodeScalarView(folded.prefix(length)))] {
        return concepts
      }
      length -= 1
    }
    return nil
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var result = self
    while result.first == " " { result = result.dropFirst() }
    while result.last == " " { result = result.dropLast() }
    return result
  }
}

/// One concept per line: en | de | ko | fr | es | it, stems separated by commas.
/// Written for wiretm (no dictionary copied); stems chosen to be specific to the concept.
/// "Company" / "Unternehmen" / "회사" is left out on purpose: releases refer to their issuer
/// as "the company" in sentence after sentence, so a shared "company" says nothing about
/// which sentences pair and kept an omitted "The company is headquartered in …" from
/// counting as unmatched (measured: German gold 0.941 -> 0.956 without it).
private let termTable = """
  revenue,sales | umsatz,umsatze,erlos | 매출 | chiffre,ventes | ingreso,ventas,factura | ricav,fattura,vendit
  quarter | quartal | 분기 | trimestr | trimestr | trimestr
  shareholder,stockholder | aktionar | 주주 | actionnair | accionist | azionist
  share,stock | aktie | 주가,주식 | action | accion | azion
  dividend | dividend | 배당 | dividend | dividend | dividend
  profit,earning | gewinn,ergebnis | 이익,순이익,영업이익 | benefic,resultat | benefic,gananci | utile,profitt
  loss | verlust | 손실,적자 | perte | perdida | perdit
  contract,agreement | vertrag,vereinbar,abkommen | 계약,협약 | contrat,accord | contrato,acuerdo | contratt,accordo
  acqui,takeover,purchase | ubernahm,ubernehm,erwerb,kauf | 인수,매입 | acqui,rachat,rachet | adquiri,adquisic,compra | acquis,acquist,rilev
  merger | fusion | 합병 | fusion | fusion | fusione
  invest | investi,anlage | 투자 | invest | invers | investim,investi
  investor | anleger,investor | 투자자 | investiss | inversor,inversionist | investitor
  announc | kundig,gab,bekannt | 발표,공개 | annonc | anunci | annunci
  launch,unveil | vorgestellt,stellte,lancier | 출시,공개 | lanc,devoil,present | lanz,present | lanci,present
  custom,client | kunde | 고객 | client | client | client
  employ,staff,worker | mitarbeit,beschaft,arbeitskraft | 직원,근로자,인력 | salari,employ | emplead,trabajador | dipendent,lavorator
  product | produkt | 제품 | produit | product | prodott
  production,produce | produzi,produktion,herstell | 생산 | produi,production | produc | produz,produc
  market | markt | 시장 | marche | mercado | mercat
  price | preis | 가격 | prix | precio | prezz
  cost | kost | 비용 | cout | costo,coste | cost
  growth,grew,increase,rose,rise | wachst,wuchs,stieg,anstieg,zunahm | 증가,성장,상승 | croissanc,hauss,augment | crecim,aument,subi | cresc,aument
  declin,fell,decrease,drop | ruckgang,sank,gesunk,fiel | 감소,하락 | baiss,recul | caida,descen,dismin | calo,diminu,scend
  billion | milliard,mrd | 억원 | milliard | millones | miliard
  million | million,mio | 만원 | million | millon | milion
  percent | prozent | 퍼센트 | pourcent | ciento | cento
  year | jahr | 연간,작년,올해 | annee,annuel | anual | anno,annual
  month | monat | 개월 | mois | meses | mesi
  week | woche | 주간 | semain | semana | settiman
  today | heute | 오늘 | aujourd | hoy | oggi
  board | vorstand,aufsichtsrat | 이사회 | conseil | consejo,junta | consiglio
  chief,ceo,president | vorstandschef,vorsitz,prasident,chef | 대표,회장,사장,최고경영자 | direct,presiden,pdg | president,consejer | amministrator,president
  chairman | vorsitzend | 회장,의장 | presiden | president | president
  executive | geschaftsfuhr,fuhrung | 경영진,임원 | dirigeant | ejecutiv,directiv | dirigent
  headquarter | hauptsitz,sitz | 본사 | siege | sede | sede
  subsidiar | tochter | 자회사 | filiale | filial | controllat
  plant,factory | werk,fabrik | 공장 | usine | fabrica,planta | stabiliment,fabbrica
  order | auftrag,bestell | 주문,수주 | command | pedido | ordin,commess
  deliver | liefer | 납품,배송 | livr | entreg | consegn
  approv | genehmig,zulass | 승인,허가 | approb,autoris | aprob,autoriz | approv,autorizz
  regulat | aufsicht,behord,regulier | 규제,당국 | regul,autorit | regula,autoridad | regol,autorita
  transaction,deal | transaktion,geschaft | 거래 | transaction,operation | transacc,operacion | transazion,operazion
  financ | finanzier | 자금,금융,재무 | financ | financ | finanz
  bank | bank | 은행 | banqu | banco,banca | banca,banch
  credit,loan | kredit,darleh | 대출,신용 | credit,pret | credito,prestamo | credito,prestit
  cash | bar,liquid | 현금 | numerair,tresorer,liquid | efectivo | contant,liquid
  debt | schuld,verschuld | 부채 | dett,endett | deuda | debit,indebit
  asset | vermog | 자산 | actif | activo | attiv,patrimon
  capital | kapital | 자본 | capital | capital | capital
  margin | marge | 마진,이익률 | marge | margen | margin
  forecast,outlook,expect,guidance | prognos,erwart,ausblick | 전망,예상,예측 | prevo,prevision,attend | prev,previs,esper | previs,prevede,aspett
  target,goal | ziel | 목표 | objectif,cible | objetiv,meta | obiettiv,target
  strateg | strateg | 전략 | strateg | estrateg | strateg
  partner | partner | 파트너,제휴,협력 | partenair,partenariat | socio,alianza,asociac | partner
  research | forschung | 연구 | recherch | investigac | ricerc
  develop | entwickl | 개발 | developp | desarroll | svilupp
  technolog | technolog | 기술 | technolog | tecnolog | tecnolog
  softwar | softwar | 소프트웨어 | logiciel | softwar | softwar
  servic | dienst,leistung | 서비스 | servic | servicio | serviz
  platform | plattform | 플랫폼 | plateform | plataform | piattaform
  network | netz | 네트워크,망 | reseau | red | ret
  energ | energ | 에너지 | energ | energ | energ
  electric,power | strom,elektr | 전력,전기 | electri | electric | elettric
  solar | solar | 태양광 | solair | solar | solar
  wind | windkraft,windpark | 풍력 | eolien | eolic | eolic
  hydrogen | wasserstoff | 수소 | hydrogen | hidrogen | idrogen
  battery | batterie,akku | 배터리 | batteri | bateri | batteri
  vehicle,car | fahrzeug,auto,wagen | 차량,자동차 | vehicul,voiture | vehicul,coche | veicol,auto
  train | zug,zuge | 열차,기차 | train | tren | treno,treni
  aircraft,plane | flugzeug | 항공기 | avion | avion,aeronave | aere,velivol
  airline | fluggesellschaft,airline | 항공사 | compagnie | aerolinea | compagni
  ship | schiff | 선박 | navir | buque,barco | nave,navi
  patient | patient | 환자 | patient | pacient | pazient
  trial,study | studie | 임상,시험,연구 | essai,etude | ensayo,estudio | sperimentaz,studio
  drug,medicin | medikament,arznei,wirkstoff | 의약품,신약,치료제 | medicament | medicament,farmaco | farmac
  treatment,therap | behandl,therap | 치료 | traitement,therap | tratamient,terap | trattament,terap
  safety,security | sicherheit | 안전,보안 | securit | segurid | sicurezz
  result | ergebnis | 결과,실적 | resultat | resultado | risultat
  report | bericht,meldet,meldete | 보고,발표 | rapport,publi | inform,report | riport,comunic
  statement | erklar,mitteilung | 성명,발표문 | communiqu,declar | comunicado,declarac | comunicato,dichiaraz
  website | webseite,website,internetseite | 웹사이트,홈페이지 | site | sitio,pagina | sito
  information,detail | informatio,einzelheit | 정보,내용 | information,detail | informac,detall | informazion,dettagl
  contact | kontakt | 연락,문의 | contact | contacto | contatt
  press,media | presse,medien | 언론,보도 | press,medias | prensa,medios | stampa,media
  conference | konferenz | 컨퍼런스,회의 | conferenc | conferenc | conferenz
  meeting | versammlung,sitzung,treffen | 회의,총회 | reunion,assemblee | reunion,junta | riunion,assemblea
  annual | jahrlich | 연례,연간 | annuel | anual | annual
  record | rekord | 사상,최고,기록 | record | record | record
  expan | ausbau,erweiter,expan | 확장,확대 | expan,extension | expan,ampliac | espan,ampliam
  capacity | kapazitat | 용량,생산능력 | capacit | capacid | capacit
  employee | mitarbeit | 직원 | salari | emplead | dipendent
  job | stelle,arbeitsplatz | 일자리 | emploi,poste | empleo,puesto | posti,lavoro
  country | land,lander | 국가 | pays | pais | paes
  region | region | 지역 | region | region | region
  government | regierung | 정부 | gouvernement | gobierno | govern
  city | stadt | 도시 | ville | ciudad | citta
  europe | europ | 유럽 | europ | europ | europ
  germany | deutsch | 독일 | allemagn | aleman | german
  france | frankreich,franzos | 프랑스 | franc | francia,frances | francia,frances
  italy | italien | 이탈리아 | itali | itali | itali
  spain | spanien | 스페인 | espagn | espan | spagn
  korea | korea | 한국 | core | corea | corea
  japan | japan | 일본 | japon | japon | giappon
  china | china,chines | 중국 | chin | china,chin | cin
  united | vereinigt,usa | 미국 | unis,americ | unidos | uniti,americ
  canada | kanada | 캐나다 | canad | canad | canad
  switzerland,swiss | schweiz | 스위스 | suiss | suiz | svizzer
  sensor | sensor | 센서 | capteur | sensor | sensor
  robot | robot | 로봇 | robot | robot | robot
  camera | kamera | 카메라 | camera | camara | telecamer,fotocamer
  wine | wein | 와인 | vin | vino | vino,vini
  bottle | flasch | 병 | bouteill | botell | bottigli
  vineyard,estate | weinberg,weingut,weingut | 포도원,포도밭 | vignobl,vigne,domain | viñed,vined,finca | vigne,vignet,tenut
  hectare | hektar | 헥타르 | hectar | hectar | ettar
  kilomet | kilomet | 킬로미터 | kilomet | kilomet | chilomet
  kilogram | kilogramm | 킬로그램 | kilogramm | kilogram | chilogramm
  megawatt | megawatt | 메가와트 | megawatt | megavatio | megawatt
  warehouse | lager | 창고,물류 | entrepot | almacen | magazzin
  logistic | logistik | 물류 | logistiq | logistic | logistic
  shortage | mangel,knapp | 부족 | penurie,manque | escasez,falta | carenz,mancanz
  night | nacht | 야간 | nuit | noche,noctur | nott
  demand | nachfrag | 수요 | demand | demand | domand
  supply,supplier | lieferant,versorg | 공급 | fournisseur,approvision | proveedor,suministr | fornitor,fornitur
  automotive | automobil,autoindustr | 자동차 | automobil | automovil,automotri | automobilist,automotive
  largest,biggest | grosst | 최대 | | mayor | maggior
  first | erste | 처음,최초 | premier | primer | prim
  new | neue | 신규,새로운 | nouv | nuev | nuov
  sold,sell,selling | verkauf | 판매 | vend | vend | vend
  pay | zahl | 지급,지불 | pai,verse | pag | pag
  close,complet | abschl,abgeschloss,vollzo | 완료,마무리 | finalis,conclu,realis | cierr,complet,conclu | conclu,perfezion,complet
  plan | plan | 계획 | prevoit,projet,plan | plan,prev | prevede,piano,pian
  disclos | offengeleg,genannt,mitgeteilt | 공개 | divulg,communiq,reveal | revel,divulg | divulg,comunic
  cancer,tumor | krebs,tumor | 암,종양 | cancer,tumeur | cancer,tumor | cancr,tumor
  """
