import type { CslName } from '../csl.ts';
import { isOrganisationName } from './organisations.ts';

export interface Contributors {
  names: CslName[];
  role: 'author' | 'editor' | 'translator';
  problems: string[];
}

const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'du',
  'dos',
  'das',
  'la',
  'le',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
  'el',
]);
const SUFFIXES = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}\p{M}’'-]*(?:-\p{Lu}[\p{Ll}\p{M}’'-]*)*|\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lu}\p{Ll}+\p{Lu}[\p{Ll}\p{M}]+)$/u;
const ROLE_SUFFIX = /,?\s*\(?\b(eds?|editors?|trans|translators?|comp)\.?\)?$/i;

/**
 * Names as written before a title: one organisation, or people joined by commas, `and` or `&`.
 * A list that is not all people is kept whole as one organisation (`OSCE and NUPI`).
 */
export function parseContributors(text: string): Contributors {
  const problems: string[] = [];
  let value = text.trim();
  let role: Contributors['role'] = 'author';
  const roleMatch = ROLE_SUFFIX.exec(value);
  if (roleMatch && value.length > roleMatch[0].length) {
    role = /^trans/i.test(roleMatch[1]!) ? 'translator' : 'editor';
    value = value.slice(0, roleMatch.index).trim();
  }
  value = value.replace(/,?\s+et al\.?$/, '');
  const parts = splitNameList(value);
  if (parts.length > 0 && parts.every(isPersonName)) {
    const names = parts.map(personName);
    if (names.some((name) => 'literal' in name)) problems.push('name order unknown for a romanised Chinese name: kept as written');
    return { names, role, problems };
  }
  const inverted = parseInvertedNames(value);
  if (inverted) return { names: inverted, role, problems };
  return { names: [{ literal: value }], role, problems };
}

export function splitNameList(text: string): string[] {
  return text
    .split(/\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Two to five capitalised words (or initials and particles) and nothing that marks an organisation. */
export function isPersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5 || isOrganisationName(text)) return false;
  const last = words.at(-1)!;
  const core = SUFFIXES.test(last) ? words.slice(0, -1) : words;
  return core.every((word) => NAME_WORD.test(word) || PARTICLES.has(word)) && !PARTICLES.has(core.at(-1)!);
}

/**
 * A person as CSL family/given. Romanised Chinese names are written either family-first (Ji
 * Tianqin) or given-first (Jing Yang) and the text cannot tell which: they stay `literal`, exactly
 * as the author wrote them, and the editor can split them in the bibliography.
 */
export function personName(text: string): CslName {
  const words = text.trim().split(/\s+/);
  if (isRomanisedChinese(words)) return { literal: words.join(' ') };
  const suffix = SUFFIXES.test(words.at(-1)!) ? words.pop() : undefined;
  const family = words.pop()!;
  let particleStart = words.length;
  while (particleStart > 1 && PARTICLES.has(words[particleStart - 1]!)) particleStart -= 1;
  const particle = words.slice(particleStart).join(' ');
  const given = words.slice(0, particleStart).join(' ');
  return {
    family,
    ...(given ? { given } : {}),
    ...(particle ? { 'non-dropping-particle': particle } : {}),
    ...(suffix ? { suffix } : {}),
  };
}

/** `Smith, J. and Jones, K.`, `Smith, Jane`: family name first, then given names or initials. */
export function parseInvertedNames(text: string): CslName[] | undefined {
  const pattern = /(\p{Lu}[\p{L}\p{M}’' -]*?),\s*((?:\p{Lu}[\p{Ll}\p{M}]*\.?(?:[\s-]*|$))+)(?:,\s*|\s+(?:and|&)\s+|$)/uy;
  const names: CslName[] = [];
  let index = 0;
  const value = text.trim().replace(/,?\s+et al\.?$/, '');
  while (index < value.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(value);
    if (!match || pattern.lastIndex === index) return undefined;
    const family = match[1]!.trim();
    if (isOrganisationName(family) || family.split(/\s+/).length > 3) return undefined;
    names.push({ family, given: match[2]!.trim() });
    index = pattern.lastIndex;
  }
  return names.length > 0 ? names : undefined;
}

/** The name as one display string, for short forms. */
export function displayName(name: CslName): string {
  if ('literal' in name) return name.literal;
  return [name.given, name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
}

const PINYIN_SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|ve|a|e|i|o|u|v)$/;

const CHINESE_SURNAMES = new Set(
  (
    'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han feng deng cao peng ' +
    'zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren yao shen zhong cui tan fan liao shi jin jia xia fu fang zou ' +
    'xiong bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu gong shao wan qian ji xi kong niu ou yi dai mo zhuang ' +
    // Cantonese and Wade-Giles spellings
    'ng yau chan wong cheung leung lau lam tsang kwok yeung chow chiu tse fung lai mak hui kwan siu yip choi tam law yuen poon tsui chu ' +
    'ho lo lee hsu chang chiang teng'
  ).split(' '),
);

const CANTONESE_SYLLABLES = new Set(
  (
    'tsz yau yan wai kit man ming hei yiu chun hin ka kin kai lok yee sze shing wing fai chi hoi yuk mei hung kam kei ling ngai ' +
    'kwong ip au fok sit pang cheuk shek suen koo luk chung tsoi kong yung lui chong chai tong ying yuet ngan chak kiu shun hsiao'
  ).split(' '),
);

function isRomanisedChinese(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 3) return false;
  const keys = words.map((word) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ü/g, 'v'));
  return keys.some((key) => CHINESE_SURNAMES.has(key)) && keys.every((key) => CHINESE_SURNAMES.has(key) || CANTONESE_SYLLABLES.has(key) || isPinyin(key));
}

/** One or two pinyin syllables: Chinese given names rarely have more. */
function isPinyin(word: string): boolean {
  if (isPinyinSyllable(word)) return true;
  for (let split = 1; split < word.length; split += 1) {
    const second = word.slice(split);
    // Pinyin writes an apostrophe before a vowel-initial second syllable (Xi'an).
    if (isPinyinSyllable(word.slice(0, split)) && /^[^aeo]/.test(second) && isPinyinSyllable(second)) return true;
  }
  return false;
}

function isPinyinSyllable(syllable: string): boolean {
  return PINYIN_SYLLABLE.test(syllable) && !/^[jqx][^iuv]/.test(syllable);
}
