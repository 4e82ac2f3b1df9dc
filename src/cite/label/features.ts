/**
 * The features of each token, in the tradition of AnyStyle and GROBID: the word, its shape, case
 * and punctuation, dictionary hits, where it stands in the note, and what the Markdown said
 * (italic, quoted, link); plus the same for its neighbours. Features are strings, so the model is
 * a table from feature to label weights.
 */
import {
  ACCESS_WORDS,
  GENRE_WORDS,
  GIVEN_NAMES,
  JOURNAL_WORDS,
  MONTHS,
  PART_WORDS,
  PARTICLES,
  PLACES,
  PUBLISHER_WORDS,
  ROLE_WORDS,
  SIGNALS,
} from './dictionaries.ts';
import type { NoteToken } from './tokens.ts';

/** Letters only, lower case, without diacritics: the key into the dictionaries. */
export function wordKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** `Smith,` → `Xx,`; `2015):` → `d):`; `J.` → `X.` — runs of a class collapsed. */
function shape(text: string): string {
  return text
    .replace(/\p{Lu}/gu, 'X')
    .replace(/\p{Ll}/gu, 'x')
    .replace(/\p{N}/gu, 'd')
    .replace(/\p{L}/gu, 'l')
    .replace(/(.)\1+/g, '$1');
}

/** The word as written (its case kept), without the punctuation around it. */
function bareWord(text: string): string {
  return text.normalize('NFC').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function caseOf(word: string): string {
  if (word === '') return 'none';
  if (/^\p{N}+$/u.test(word)) return 'digits';
  if (/\p{N}/u.test(word)) return 'alnum';
  if (/^\p{Lu}$/u.test(word)) return 'initial';
  if (/^\p{Lu}+$/u.test(word)) return 'upper';
  if (/^\p{Lu}[\p{Ll}'’-]+$/u.test(word)) return 'title';
  if (/^\p{Ll}+$/u.test(word)) return 'lower';
  if (/^\p{Lu}/u.test(word)) return 'mixed-cap';
  return 'mixed';
}

/** Facts about one token that its neighbours also report. */
function ownFeatures(token: NoteToken): string[] {
  const { text } = token;
  const key = wordKey(text);
  const features = [`w=${key}`, `shape=${shape(text).slice(0, 8)}`, `case=${caseOf(bareWord(text))}`];
  const last = text.at(-1) ?? '';
  const first = text[0] ?? '';
  if (/[^\p{L}\p{N}]/u.test(last)) features.push(`end=${last}`);
  if (/[^\p{L}\p{N}]/u.test(first)) features.push(`start=${first}`);
  // A closing quotation mark, whatever punctuation follows it (`‘History’,`, `Title,”`): where a
  // quoted title ends. `end=` sees only the comma.
  if (token.quoted && /[’”»"'」』]\W*$/u.test(text)) features.push('closes-quote');
  if (token.url) features.push(/doi\.org\/|^doi:/i.test(text) ? 'url-doi' : 'url');
  if (token.linkTarget) features.push('link-target');
  // A link to an encyclopedia article (on a name, a publisher, `ISBN`) or to an archived copy: not the work's own address.
  if (token.url && /wikipedia\.org\/wiki\//i.test(text)) features.push('url-encyclopedia');
  if (token.url && /web\.archive\.org\/web\//i.test(text)) features.push('url-archive');
  if (token.linkTarget && /\s"[^"]*"\)/.test(token.raw)) features.push('link-title');
  if (/^(?:doi:?)?10\.\d{4,}\//i.test(text)) features.push('doi');
  if (/^\p{N}{4}[a-z]?$/u.test(key) && Number(key.slice(0, 4)) >= 1400 && Number(key.slice(0, 4)) <= 2099) features.push('year');
  if (/^\p{N}+\s*[-–—‑]\s*\p{N}+$/u.test(key)) features.push('range');
  if (/^[ivxlcdm]+$/.test(key) && key.length <= 6) features.push('roman');
  if (/^(?:\p{Lu}\.){1,3}-?$|^\p{Lu}\.-\p{Lu}\.$/u.test(text.replace(/,$/, ''))) features.push('initials');
  if (/^\p{Lu}{1,3}$/u.test(key) && key.length <= 3 && text.length <= 4) features.push('short-caps');
  if (GIVEN_NAMES.has(key)) features.push('dict=given');
  if (MONTHS.has(key)) features.push('dict=month');
  if (PUBLISHER_WORDS.has(key)) features.push('dict=publisher');
  if (PLACES.has(key)) features.push('dict=place');
  if (JOURNAL_WORDS.has(key)) features.push('dict=journal');
  if (SIGNALS.has(key)) features.push('dict=signal');
  if (PARTICLES.has(key)) features.push('dict=particle');
  if (ROLE_WORDS.has(key)) features.push('dict=role');
  if (PART_WORDS.has(key)) features.push('dict=part');
  if (ACCESS_WORDS.has(key)) features.push('dict=access');
  if (GENRE_WORDS.has(key)) features.push('dict=genre');
  if (key === 'and' || key === 'und' || key === 'et' || key === 'y' || key === 'e' || text === '&') features.push('and');
  if (key === 'in' || key === 'dans' || key === 'en') features.push('in');
  if (token.italic) features.push('italic');
  if (token.quoted) features.push('quoted');
  if (token.bracketed) features.push('bracketed');
  if (token.linkText) features.push('link-text');
  return features;
}

/** Every token's features: its own, its position, and its neighbours' (prefixed `-1:`, `+1:`…). */
export function noteFeatures(tokens: readonly NoteToken[]): string[][] {
  const own = tokens.map(ownFeatures);
  const count = tokens.length;
  return tokens.map((token, index) => {
    const key = wordKey(token.text);
    const features = ['bias', ...own[index]!];
    features.push(`pos=${Math.min(9, Math.floor((index / Math.max(1, count)) * 10))}`);
    if (index === 0) features.push('first');
    if (index === count - 1) features.push('last');
    if (index < 3) features.push(`index=${index}`);
    const lower = key.toLowerCase();
    if (lower.length > 3) features.push(`suffix=${lower.slice(-3)}`, `prefix=${lower.slice(0, 3)}`);
    for (const offset of [-2, -1, 1, 2]) {
      const neighbour = own[index + offset];
      if (!neighbour) {
        features.push(`${offset}:none`);
        continue;
      }
      for (const feature of neighbour) {
        if (Math.abs(offset) === 2 && !/^(?:w=|end=|italic|quoted|year|dict=role|dict=part|dict=access|and$|in$)/.test(feature)) continue;
        features.push(`${offset}:${feature}`);
      }
    }
    const previous = tokens[index - 1];
    if (previous) features.push(`pair=${wordKey(previous.text)}|${key}`);
    if (previous && previous.italic !== token.italic) features.push('italic-edge');
    if (previous && previous.quoted !== token.quoted) features.push('quote-edge');
    return features;
  });
}
