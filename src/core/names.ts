import { createRequire } from 'node:module';

/**
 * People's names, shared by the importers and the note parser. @citation-js/name is a pure parser
 * (no I/O, no network), so unlike citation-js itself it needs no adapter.
 */

const require = createRequire(import.meta.url);

interface NameParser {
  parse(name: string): Record<string, string | undefined>;
}

let nameParser: NameParser | undefined;

/**
 * One person's name, in either order (`Jane Smith`, `Smith, Jane`, `W.-P. de Roever`), read by
 * @citation-js/name into CSL name parts (particles and suffixes included).
 */
export function parsePersonName(name: string): {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
} {
  nameParser ??= require('@citation-js/name') as NameParser;
  // The parser throws on an empty name, on one broken over lines (a note's continuation lines) and
  // on one that is only a suffix (`V`, `III`, `Jr`: a volume read as a name): no parts, so the
  // caller keeps the name as written.
  const oneLine = name.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return {};
  let parsed: Record<string, string | undefined>;
  try {
    parsed = nameParser.parse(oneLine);
  } catch {
    return {};
  }
  const result: Record<string, string> = {};
  for (const key of ['family', 'given', 'non-dropping-particle', 'dropping-particle', 'suffix']) {
    const value = parsed[key];
    if (typeof value === 'string' && value !== '') result[key] = value;
  }
  return result;
}

/**
 * Common Chinese surnames in pinyin (and a few Cantonese romanisations): a name that starts with
 * one and has no initials is written surname first (`Xi Jinping`, `Ji Tianqin`), so it is kept
 * in its order rather than read as given name + surname.
 */
export const CHINESE_SURNAMES = new Set(
  `wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han feng deng cao
peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ding shen ren yao jiang cui zhong tan lu fan jin shi
liao jia xia fu fang zou xiong bai meng qin qiu hou jiang yin xue yan duan lei long li ji xi yau chan cheung wong leung lam`.split(/\s+/),
);

/** `Xi Jinping`, `Yau Tsz Yan`, `Lu Xun`: a Chinese name in its own order, surname first. */
export function isChineseOrder(name: string): boolean {
  const text = name.trim();
  return /^[\p{Lu}][\p{Ll}]+(?:\s+[\p{Lu}][\p{Ll}]+){1,2}$/u.test(text) && CHINESE_SURNAMES.has(text.split(/\s+/)[0]!.toLowerCase());
}

/** `Moon Jae-in`, `Hwang Sok-yong`: a Korean name, surname first, its given name hyphenated. */
export function isKoreanOrder(name: string): boolean {
  return /^\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(name.trim());
}

/** Written in Chinese, Japanese or Korean script (`村上春樹`, `김영하`): family name first, as written. */
function inEastAsianScript(name: string): boolean {
  return /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u.test(name);
}

/** A generational suffix (Jr., III) written after a family name. */
export const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV|Jnr\.?|Snr\.?)$/;

/** @citation-js/name reads `Martin Luther King Jr.` as family `Jr.`: the suffix is put back. */
export function withSuffixPutBack<Name extends { family: string; given?: string; suffix?: string }>(person: Name): Name {
  if (!SUFFIX.test(person.family) || !person.given) return person;
  const words = person.given.split(/\s+/);
  const family = words.pop()!;
  return { ...person, family, given: words.join(' '), suffix: person.family };
}

// A particle written with a capital in a name in natural order belongs to the family name, which
// sorts under it (`Ursula K. Le Guin` → Le Guin, `Martin Van Buren` → Van Buren); @citation-js/name
// leaves it with the given names.
const CAPITALISED_PARTICLE = /\s+((?:(?:Le|La|De|Di|Da|Du|Del|Della|Des|Van|Von|Ten|Ter|Mac|St\.?)\s+)*(?:Le|La|De|Di|Da|Du|Del|Della|Des|Van|Von|Ten|Ter))$/;

/**
 * The key a list of people sorts by: family name first. `Ludwig van Beethoven` sorts as
 * `Beethoven Ludwig van` and `Charles de Gaulle` under G (a lowercase particle goes after the
 * given names), `Ursula K. Le Guin` under L, `Martin Luther King Jr.` under K; a name written
 * surname first (`Xi Jinping`, `Moon Jae-in`, `村上春樹`) sorts as written; one that is no
 * person's name in parts (`bell hooks`, an organisation) sorts as written.
 */
export function familyNameSortKey(name: string): string {
  const text = name.trim().replace(/\s+/g, ' ');
  if (inEastAsianScript(text) || isChineseOrder(text) || isKoreanOrder(text)) return text;
  const parsed = parsePersonName(text);
  if (!parsed.family) return text;
  const person = withSuffixPutBack({ ...parsed, family: parsed.family });
  let given = person.given ?? '';
  let family = person.family;
  const particle = CAPITALISED_PARTICLE.exec(given);
  if (particle?.[1] && given.length > particle[0].length) {
    family = `${particle[1]} ${family}`;
    given = given.slice(0, particle.index);
  }
  return [family, given, person['dropping-particle'], person['non-dropping-particle'], person.suffix].filter(Boolean).join(' ');
}

// One word of a family name (`Jong`, `Müller-Lüdenscheidt`, `O’Brien`), a given name or an initial (`F.`, `J.-P.`), and the
// lowercase particles that go with a family name (`de`, `van der`), before or after the given names.
const FAMILY_WORD = String.raw`\p{Lu}[\p{L}'’-]*\p{L}`;
const GIVEN_WORD = String.raw`\p{Lu}[\p{L}'’-]*\.?|(?:\p{Lu}\.-?){1,3}`;
const LOWER_PARTICLE = `(?:van|von|de|da|del|della|der|den|di|du|la|le|ten|ter|zu|dos|das|do|y)`;
const INVERTED = new RegExp(
  String.raw`^((?:${LOWER_PARTICLE}\s+)*(?:${FAMILY_WORD})(?:\s+${FAMILY_WORD})*),\s*((?:${GIVEN_WORD})(?:\s+(?:${GIVEN_WORD}))*)((?:\s+${LOWER_PARTICLE})*)$`,
  'u',
);

/**
 * A name written family name first, as library records and `citation_author`/`DC.Creator` tags
 * write it, in reading order: `Jong, Michiel de` → `Michiel de Jong`, `Kooman, F.` → `F. Kooman`,
 * `de Jong, Michiel` → `Michiel de Jong`. Undefined when `text` is not one such name: `Jane Doe,
 * John Roe` is two people, `Jane Roe, Jr.` a name and its suffix. `onePerson` (a value that holds
 * one person by its format, such as one `citation_author` tag) allows a family name of several
 * words (`García Márquez, Gabriel`); otherwise it is one word, with its particles.
 */
export function naturalOrderName(text: string, options: { onePerson?: boolean } = {}): string | undefined {
  const match = INVERTED.exec(text.replace(/\s+/g, ' ').trim());
  if (!match) return undefined;
  const [, family = '', given = '', particles = ''] = match;
  const familyWords = family.split(' ').filter((word) => !/^\p{Ll}/u.test(word));
  // `Roe, Jr.`, `Stephen Collinson, CNN`: a suffix or an affiliation after a name, not given names.
  if (SUFFIX.test(given) || /^(?:PhD|Ph\.D\.|MD|M\.D\.|Esq\.?)$/.test(given) || /(?:^|\s)\p{Lu}{2,}(?:\s|$)/u.test(given)) return undefined;
  const givenWords = given.split(' ');
  if (familyWords.length > (options.onePerson ? 3 : 1) || givenWords.length > 3) return undefined;
  // In a byline, `AP, John Smith` and `Lennon, Paul McCartney` are two names: there a name written
  // family first has one given name, or initials (`Doe, Jane`, `Kooman, F.`, `Jong, Michiel de`).
  const initials = givenWords.every((word) => /^(?:\p{Lu}\.-?)+$/u.test(word));
  if (!options.onePerson && givenWords.length > 1 && !initials) return undefined;
  // An agency in capitals (`AP`, `REUTERS`) is no family name.
  if (familyWords.length === 1 && /^\p{Lu}+$/u.test(familyWords[0] ?? '') && (familyWords[0]?.length ?? 0) <= 4 && !options.onePerson) return undefined;
  // `Jane Doe, John Roe` as one `DC.Creator` value: two people with two words each, not one written family first.
  if (familyWords.length > 1 && given.split(' ').length > 1) return undefined;
  return `${given}${particles} ${family}`;
}
