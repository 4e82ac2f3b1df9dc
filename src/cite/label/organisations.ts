/**
 * Small word lists that tell an organisation from a person and a news outlet from a journal.
 * They are hints, not a registry: anything missing still parses, only the guessed type suffers.
 */

/** Outlets whose pieces are news (article-newspaper), matched on whole leading words. */
const NEWS_OUTLETS = [
  'afp',
  'agence france-presse',
  'al jazeera',
  'asia times',
  'associated press',
  'astana times',
  'australian financial review',
  'bbc',
  'bloomberg',
  'caixin',
  'cctv',
  'cgtn',
  'china daily',
  'cnn',
  'eurasianet',
  'financial times',
  'global times',
  'interfax',
  'kommersant',
  'kursiv',
  'new york times',
  'nikkei asia',
  'people’s daily',
  'qdcaijing.com',
  'qingdao caijing',
  'radio free europe/radio liberty',
  'reuters',
  'rfe/rl',
  'ria novosti',
  'south china morning post',
  'sputnik',
  'tass',
  'the diplomat',
  'the economist',
  'the guardian',
  'upi',
  'uza',
  'uzdaily',
  'wall street journal',
  'washington post',
  'xinhua',
];

const NEWS_WORDS =
  /\b(?:News|Times|Post|Daily|Herald|Gazette|Tribune|Telegraph|Guardian|Observer|Chronicle|Independent|Express|Courier|Monitor|Radio|Television|TV|Broadcasting|Wire|Today|Weekly|Magazine)\b/;

const JOURNAL_WORDS = /\b(?:Journal|Review|Quarterly|Studies|Perspectives|Affairs|Bulletin|Annals|Proceedings|Survey|Brief|Forum|Letters|Transactions)\b/;

/** Words that make a name an organisation rather than a person. */
const ORGANISATION_WORDS = new Set(
  (
    'Academy Administration Affairs Agency Alliance Archives Army Assembly Association Authority Bank Board Bureau Business Cabinet Center Centre ' +
    'Channel Club Coalition College Commission Committee Community Company Consulate Cooperation Corporation Corp Council Court Data Department ' +
    'Development Economic Embassy Exchange Federation Force Forces Forum Foundation Fund Global Government Group History Inc Initiative Institute ' +
    'Institution International Kingdom Library Ltd LLC GmbH Media Ministry Museum National Nations Navy Network News Office Organisation ' +
    'Organization Palace Parliament Partnership Party Pipeline Police Presidency Presidential Press Program Programme Project Radio Republic ' +
    'Research Secretariat Security Service Services Society Staff Structure Team Times Today Trust Union University Watch Website Year'
  ).split(' '),
);

export function isNewsOutlet(name: string): boolean {
  const key = normalise(name);
  return NEWS_OUTLETS.some((outlet) => key === outlet || key.startsWith(`${outlet} `) || key === `the ${outlet}`) || NEWS_WORDS.test(name);
}

export function looksLikeJournal(name: string): boolean {
  return JOURNAL_WORDS.test(name);
}

/** True when the name is evidently an organisation: a keyword, an acronym, a domain, a possessive, a slash. */
export function isOrganisationName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (isNewsOutlet(name)) return true;
  if (/[/&@]|\.(?:com|org|net|gov|kz|uz|cn|ru)\b/i.test(name)) return true;
  return words.some((word) => ORGANISATION_WORDS.has(word.replace(/[’'`]s$|[,.]$/g, '')) || /^\p{Lu}{2,}$/u.test(word) || /[’']s$/.test(word));
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/'/g, '’').replace(/\s+/g, ' ');
}
