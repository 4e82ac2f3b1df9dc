/** Small text helpers shared by the importers: dates, names, venues. */

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthPattern =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const weekdayPattern = '(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?';

const monthFirst = new RegExp(`${weekdayPattern}${monthPattern}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i');
const dayFirst = new RegExp(`${weekdayPattern}(\\d{1,2})(?:st|nd|rd|th)?\\s+${monthPattern}\\s+(\\d{4})`, 'i');
const isoPattern = /\b(\d{4})-(\d{2})-(\d{2})\b/;

export interface FoundDate {
  iso: string;
  /** Offsets of the matched text in the searched string. */
  start: number;
  end: number;
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return months.findIndex((month) => month.startsWith(lower.slice(0, 3))) + 1;
}

function toIso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Finds the first calendar date in `text`: `September 12, 2013`, `7 November 2011`, `2013-09-12`. */
export function findDate(text: string): FoundDate | undefined {
  const candidates: FoundDate[] = [];
  const a = monthFirst.exec(text);
  if (a?.[1] && a[2] && a[3]) {
    const iso = toIso(Number(a[3]), monthNumber(a[1]), Number(a[2]));
    if (iso) candidates.push({ iso, start: a.index, end: a.index + a[0].length });
  }
  const b = dayFirst.exec(text);
  if (b?.[1] && b[2] && b[3]) {
    const iso = toIso(Number(b[3]), monthNumber(b[2]), Number(b[1]));
    if (iso) candidates.push({ iso, start: b.index, end: b.index + b[0].length });
  }
  const c = isoPattern.exec(text);
  if (c?.[1] && c[2] && c[3]) {
    const iso = toIso(Number(c[1]), Number(c[2]), Number(c[3]));
    if (iso) candidates.push({ iso, start: c.index, end: c.index + c[0].length });
  }
  return candidates.sort((x, y) => x.start - y.start)[0];
}

/** A line that is nothing but a date (and perhaps a time): `June 6, 2012`, `Wednesday, November 16, 2011 – 1:59 PM`. */
export function isDateLine(line: string): boolean {
  const found = findDate(line);
  if (!found) return false;
  const rest = (line.slice(0, found.start) + line.slice(found.end)).replace(/[\s,–—-]+/g, ' ').trim();
  return rest === '' || /^(at )?\d{1,2}[:.]\d{2}\s*(am|pm)?$/i.test(rest);
}

/** `RAFFAELLO PANTUCCI` → `Raffaello Pantucci`; names already in mixed case are left alone. */
export function normaliseNameCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** Splits `A, B and C` / `A & B` into names, in order. */
export function splitNames(text: string): string[] {
  return text
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i)
    .map((name) => normaliseNameCase(name.replace(/^(Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+/i, '').trim()))
    .filter((name) => name.length > 0);
}

// Words of a person's name: capitalised, not an acronym (`SCO`), not an article (`The SCO is …`).
const nameWord = "(?!(?:The|This|That|These|Those|It|Its|Their|Our|A|An)\\s)(?:[A-Z][\\p{Ll}'’-]+(?:[A-Z][\\p{Ll}'’-]+)?|[A-Z]\\.)";
const personName = `${nameWord}(?:\\s+(?:van|von|de|da|del|der|bin|al|${nameWord})){1,3}`;

/** `Raffaello Pantucci is a … and Alexandros Petersen is author of …` → both names, in order. */
export function namesFromBio(bio: string): string[] {
  const pattern = new RegExp(
    `(?:Dr\\.?\\s+|Prof\\.?\\s+)?(${personName})\\s+(?:is|was)\\s+(?:a|an|the|author|co-|secretary|senior|visiting|director|professor|editor|head|chair|associate|research|lecturer|fellow)`,
    'gu',
  );
  const names: string[] = [];
  for (const match of bio.matchAll(pattern)) {
    const name = match[1];
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** A bio paragraph: starts with a person's name followed by "is a …". */
export function isBio(line: string): boolean {
  return new RegExp(
    `^(?:Dr\\.?\\s+|Prof\\.?\\s+)?${personName}\\s+(?:is|was)\\s+(?:a|an|the|author|co-|secretary|senior|visiting|director|professor|editor|head|chair|associate|research|lecturer|fellow)\\b`,
    'u',
  ).test(line);
}

const venueStop = /\s*(?:[,.;:!?(–—]|\s(?:an?|again|this|that|which|who|where|from|today|touching|linked|looking|about|with|on|to|here|by|based)\s).*$/u;

/**
 * The outlet a headnote names: `A new piece with Alex for The Diplomat, …` → `The Diplomat`;
 * `An op-ed in the International Herald Tribune today` → `International Herald Tribune`.
 */
export function venueFromHeadnote(headnote: string): string | undefined {
  const cues = /\b(?:for|in|at|on)\s+/g;
  for (const cue of headnote.matchAll(cues)) {
    const before = headnote.slice(Math.max(0, cue.index - 40), cue.index);
    const isFor = cue[0].startsWith('for');
    // "in/on/at" only count after a word that names a piece of writing ("an op-ed in …").
    if (!isFor && !/\b(piece|post|op-ed|article|essay|column|commentary|interview|review|chapter)\s*$/i.test(before)) continue;
    const phrase = headnote.slice(cue.index + cue[0].length).replace(venueStop, '');
    const venue = trailingProperName(phrase);
    if (venue) return venue;
  }
  return undefined;
}

/** The last run of capitalised words in a phrase, allowing connectors: `my old publication the RUSI Journal` → `RUSI Journal`. */
function trailingProperName(phrase: string): string | undefined {
  const words = phrase.split(/\s+/).filter(Boolean);
  const isCapitalised = (word: string) => /^[\p{Lu}\d]/u.test(word);
  const connectors = new Set(['of', 'in', 'and', 'for', 'the', 'on', '&']);
  let end = words.length;
  while (end > 0 && !isCapitalised(words[end - 1] ?? '')) end--;
  if (end === 0) return undefined;
  let start = end - 1;
  while (start > 0) {
    const previous = words[start - 1] ?? '';
    if (isCapitalised(previous)) start--;
    else if (connectors.has(previous) && start > 1 && isCapitalised(words[start - 2] ?? '')) start -= 2;
    else break;
  }
  const name = words.slice(start, end).join(' ');
  return /^(I|My|We|Our|This|That|It)$/.test(name) ? undefined : name;
}
