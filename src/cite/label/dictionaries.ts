/**
 * Word lists the features consult, as AnyStyle and GROBID do: a word's membership is a hint the
 * model weighs, never a rule. Lower case, without diacritics or final full stops.
 */

/** Written with their diacritics for the reader; looked up without them, as `wordKey` gives a word. */
const words = (text: string) =>
  new Set(
    text
      .trim()
      .split(/\s+/)
      .map((word) => word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')),
  );

/** Common given names (English, French, German, Spanish, Italian, Russian, Chinese romanised). */
export const GIVEN_NAMES = words(`
aaron adam adrian agnes alan albert alberto alessandro alex alexander alexandra alexandre alexandros alfred alice alison amanda amy
ana andrea andreas andrew andré andrés angela ann anna anne annie anthony antoine antonio arthur barbara ben benjamin bernard beth
bill bob bradley brian bruce bruno bryan carl carla carlos carmen carol caroline catherine cecilia charles charlotte chen chris
christian christina christine christopher claire clara claude colin craig dan daniel david deborah demian dennis diana diane dmitry
dominique donald doris douglas edward elena elisabeth elizabeth ellen emily emma enrique eric erik ernst eva evelyn francesca
francesco francis francisco françois frank franz fred frederick friedrich gabriel gareth gary george georg gerald gerard gianni
giovanni giuseppe gordon graham gregory guillaume günter hannah hans harold harry heinrich helen helmut henri henry herbert hugh
hugo ian igor irene isabel isabelle ivan jack jacob jacques james jan jane janet jason javier jean jeffrey jennifer jens jeremy
jessica jim joan joe johann johannes john jonathan jordan jorge josé joseph juan judith julia julian julie jürgen karen karin karl
kate katherine kathleen kenneth kevin klaus kurt laura laurent lawrence lee leo leon lisa louis louise lucy luis luca luigi lynn
manuel marc marco margaret maria marie mario mark markus marlène martha martin mary matthew maurice max maria michael michel michelle
miguel mikhail mohammed nancy natalia nathan neil nicholas nicolas nikolai nina noah olga oliver olivier oscar pablo pascal patricia
patrick paul paula peter philip philippe pierre rachel rafael raffaello ralph raymond rebecca richard robert roberto roger roland
ronald rosa ruth ryan samuel sandra sara sarah scott sean sebastian sergei sergey serge simon sofia sophie stefan stephen steven
susan sylvie tatiana theodore thomas timothy tom tony ulrich valentina vera victor vincent vladimir walter wei william wolfgang
xavier yan yang yuri zhang
`);

/** Months and their abbreviations in the languages notes are written in. */
export const MONTHS = words(`
january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov
dec janvier février mars avril mai juin juillet août septembre octobre novembre décembre januar februar märz juni juli oktober
dezember enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre gennaio febbraio aprile maggio
giugno luglio settembre ottobre dicembre spring summer autumn fall winter
`);

/** Words that make a name a publisher's. */
export const PUBLISHER_WORDS = words(`
press verlag books publishing publishers publisher presses editions éditions edizioni editorial editora university universität
université universidad college institute institut foundation society academic academy routledge springer wiley elsevier penguin
macmillan palgrave verso hurst sage blackwell harper collins random house norton knopf doubleday vintage oxford cambridge princeton
yale harvard mit chicago stanford columbia cornell brill gruyter suhrkamp gallimard seuil flammarion fayard puf minuit taylor francis
bloomsbury polity zed pluto continuum ashgate kluwer pearson mcgraw-hill prentice addison-wesley crc o'reilly apress manning
ltd inc co corp gmbh company group media association council office ministry department bureau agency commission bank
`);

/** Places where books are published, and US state abbreviations. */
export const PLACES = words(`
london new york oxford cambridge paris berlin chicago boston washington princeton toronto sydney melbourne amsterdam leiden
munich münchen frankfurt hamburg stuttgart leipzig vienna wien zurich zürich basel geneva genève madrid barcelona rome roma
milan milano turin torino florence firenze bologna moscow moskva beijing shanghai tokyo delhi mumbai singapore hong kong
edinburgh manchester dublin brussels bruxelles copenhagen stockholm oslo helsinki warsaw prague budapest lisbon athens
philadelphia baltimore berkeley stanford ithaca durham chapel hill austin ann arbor bloomington minneapolis seattle toronto montreal
montréal ottawa los angeles san francisco diego jose new haven lanham thousand oaks hoboken malden abingdon basingstoke cheltenham
amherst albany urbana evanston nashville atlanta houston dallas denver boulder tucson honolulu
al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx
ut vt va wa wv wi wy dc uk usa us england germany france italy spain china japan india russia canada australia netherlands
switzerland austria belgium sweden norway denmark kazakhstan kyrgyzstan uzbekistan tajikistan
`);

/** Words and abbreviations typical of journal names. */
export const JOURNAL_WORDS = words(`
journal j review rev quarterly bulletin bull proceedings proc transactions trans annals ann studies letters lett magazine
science sciences research international int american am european eur british br royal soc society acta archives arch
advances adv quarterly yearbook zeitschrift revue rivista revista cahiers annual anal applied appl physics phys chemistry chem
med medicine medical clinical clin nature economic econ history historical political politics affairs survey forum
`);

/** Words that start a note's commentary or introduce a citation. */
export const SIGNALS = words(`see cf compare also e.g eg for example quoted in as cited by vide voir vgl vergl siehe véase`);

/** Particles of surnames. */
export const PARTICLES = words(`van von de der den del della di da du la le ten ter bin ibn al el dos das des zu`);

/** Words that mark contributors' roles. */
export const ROLE_WORDS = words(`ed eds edited editor editors edn hrsg hg dir trans translated translator tr transl übers traduit trad comp compiled by`);

/** Words that introduce a locator or a part of a work. */
export const PART_WORDS = words(`p pp page pages at s ss vol vols volume no nos nr number issue iss ch chap chapter sec section para art n fn`);

/** Words that introduce an access date or a web address. */
export const ACCESS_WORDS = words(`accessed retrieved consulted viewed available online abgerufen consulté consultado zugriff last`);

/** Words that name a kind of work (genre). */
export const GENRE_WORDS = words(`
thesis dissertation diss phd ma msc report paper working technical tech memo memorandum brief preprint package manual
speech lecture interview letter blog podcast video tweet press release dataset software version
`);
