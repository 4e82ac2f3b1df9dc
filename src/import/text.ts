/** Small text helpers shared by the importers: names, venues. */

// Dates have one home, `core/dates.ts`; these names stay for the importers that read them from here.
export { type FoundDate, findDate, isDateLine } from '../core/dates.ts';

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
