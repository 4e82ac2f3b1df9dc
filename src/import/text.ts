/** Small text helpers shared by the importers: entities, names, venues. */

import { decodeHTMLStrict } from 'entities';
import { naturalOrderName } from '../core/names.ts';

// Dates have one home, `core/dates.ts`; these names stay for the importers that read them from here.
export { type FoundDate, findDate, isDateLine } from '../core/dates.ts';

/** Entities left in text that is not read as HTML (`Notes&colon; A`, `Tea &amp;amp; Sympathy`): decoded, twice at most for double-encoded text. */
export function decodeEntities(text: string): string {
  let decoded = text;
  for (let pass = 0; pass < 2 && /&(?:#\d+|#x[\da-f]+|\w+);/i.test(decoded); pass++) decoded = decodeHTMLStrict(decoded);
  return decoded;
}

/** Tags that only style a run of text: a title or a name may hold them (`Title <em>With</em> Markup`). */
const inlineTag =
  /<\/?(?:a|abbr|b|bdi|bdo|big|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?:\s[^<>]*)?\/?>/gi;

/**
 * The text of a title, a name or a tag: text, not HTML. The words inside inline tags are taken
 * (`Title <em>With</em> Markup`); any other `<…>` is text as typed (`Vec<T>`, `some <html> entities`),
 * never a tag to strip. `decode` says whether entities are still to be decoded (once): not when the
 * XML parser has already decoded them.
 */
export function inlineMarkupText(value: string, { decode }: { decode: boolean }): string {
  const text = value.replace(inlineTag, (tag) => (/^<br\b/i.test(tag) ? ' ' : ''));
  return (decode ? decodeHTMLStrict(text) : text).replace(/\s+/g, ' ').trim();
}

/** `RAFFAELLO PANTUCCI` → `Raffaello Pantucci`, `N.H. EGLESTON` → `N.H. Egleston`; names already in mixed case are left alone. */
export function normaliseNameCase(name: string): string {
  if (name !== name.toUpperCase() || !/\p{Lu}.*\p{Lu}/u.test(name) || /^\p{Lu}{2,5}$/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s'’.-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

const honorific = /^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame)\.?\s+/i;
const nameSuffix = /^(?:Jr|Sr|II|III|IV|PhD|Ph\.D|MD|M\.D|MA|MSc|MBA|OBE|MBE|CBE|QC|KC|Esq)\.?$/i;
// `and` in the languages whose dates we read; not `y`/`e`, which are parts of Spanish and Portuguese names (Ortega y Gasset).
const conjunction = /\s+(?:and|et|und|en|и)\s+|\s*&\s*/i;

/**
 * Splits `A, B and C`, `A & B`, `A et B` into names, in order. A suffix stays with its name
 * (`Jane Roe, Jr.`), `Doe, Jane` and `Jong, Michiel de` are one name written family-first, a semicolon
 * parts people (`Smith, John; Doe, Jane`), and a short all-capitals
 * affiliation after a name (`Stephen Collinson, CNN`) is not a name.
 */
export function splitNames(text: string): string[] {
  // `Smith, John; Doe, Jane` (Pelican's `Authors:`, library records): semicolons part the people, each perhaps written family first.
  if (text.includes(';')) return [...new Set(text.split(/\s*;\s*/).flatMap((part) => (part.trim() === '' ? [] : splitNames(part))))];
  // `Doe, Jane`, `Jong, Michiel de`, `Kooman, F.`: one name, family first.
  const inverted = conjunction.test(text) ? undefined : naturalOrderName(text);
  if (inverted) return [cleanName(inverted)];
  const commaParts = text
    .split(/\s*,\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  const names: string[] = [];
  for (const part of commaParts) {
    for (const piece of part.replace(/^(?:and|et|und|en|и)\s+/i, '').split(conjunction)) {
      const name = cleanName(piece);
      if (name === '') continue;
      if (nameSuffix.test(name) && names.length > 0) names[names.length - 1] += `, ${name}`;
      else if (/^\p{Lu}{2,5}$/u.test(name) && names.length > 0) continue;
      else names.push(name);
    }
  }
  return names;
}

function cleanName(text: string): string {
  const name = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s,;:：|/·•–—\u2063-]+|[\s,;:：|/·•–—\u2063-]+$/g, '')
    .replace(honorific, '');
  // A sentence's full stop (`By Jane Doe. Photos by …`), not an initial's or a suffix's.
  const lastWord = /(\S+)\.$/.exec(name)?.[1];
  return normaliseNameCase(lastWord && lastWord.length > 2 && !nameSuffix.test(`${lastWord}.`) ? name.slice(0, -1) : name);
}

// What a byline shows that is not a name: accounts, roles, links, counters.
const loginNames = new Set([
  // Cue words a byline puts before the name.
  'by',
  'von',
  'par',
  'por',
  'di',
  'door',
  'autor',
  'autorin',
  'auteur',
  'autore',
  'author',
  'authors',
  'автор',
  'admin',
  'administrator',
  'root',
  'webmaster',
  'wordpress',
  'wpadmin',
  'user',
  'editor',
  'author',
  'guest',
  // Blogger's and others' placeholders for a profile that shows no name.
  'anonymous',
  'unknown',
  'unbekannt',
  'anonym',
  'anonyme',
  'anonimo',
  'anónimo',
  'inconnu',
  'sconosciuto',
  'desconocido',
  'staff',
  'moderator',
  'owner',
  'site admin',
  'site owner',
  'blog admin',
]);
const notNameWords =
  /\b(?:posted|published|updated|written|edited|comments?|min(?:ute)?s? read|read more|share|tweet|follow|subscribe|newsletter|twitter|facebook|linkedin|instagram|e-?mail|profile|bio|view all|all posts|more from|see more|photo(?:graph)?s?|images?|getty|shutterstock|reuters\/|advertisement|sponsored|category|tags?|filed under|leave a|reply|permalink|print|home|menu|search|log ?in|sign ?in|sign ?up|[ap]\.?m\.?|edt|est|gmt|utc|tos|privacy|terms of (?:service|use)|terms (?:and|&) conditions|cookies?|consent|disclaimer|unsubscribe|datenschutz\w*|impressum|nutzungsbedingungen|blogthis|pinterest|whatsapp|reddit)\b/i;
const roleWords =
  /\b(?:writer|reporter|correspondent|columnist|contributor|contributing|editor|editorial|staff|senior|associate|assistant|fellow|professor|lecturer|director|analyst|researcher|intern|producer|journalist|chief|deputy|managing|bureau|desk|founder|ceo|head of)\b/i;

/** The Huffington Post, Institute for …, Reuters: an outlet or an institution, as a byline's affiliation names it. */
export function isOrganisationName(name: string): boolean {
  return /^The\s|\b(?:Post|Times|News|Journal|Magazine|Institute|University|College|Press|Review|Media|Daily|Herald|Tribune|Agency|Group|Cent(?:re|er)|Foundation|Council|Society|Network|Associated|Reuters|Bloomberg|Gazette|Guardian|Observer|Telegraph|Economist|Monitor|Chronicle|Inc|Ltd|LLC)\b/.test(
    name,
  );
}

/** Whether `candidate` is, or ends in, a job title (`Staff Writer`, `Jane Doe Senior Editor`). */
export function hasRole(candidate: string): boolean {
  return roleWords.test(candidate) && withoutRole(cleanName(candidate)) !== cleanName(candidate);
}

/**
 * The name in `candidate` if it is one a reader would accept as a byline: not an account
 * (`admin`, `jsmith`, unless `handles` says the source shows handles as bylines), an address, a
 * date or a job title. Organisations (`Reuters`, `The Editors`) are names too.
 */
export function asName(candidate: string, options: { handles?: boolean } = {}): string | undefined {
  const name = cleanName(candidate);
  if (name === '' || name.length > 80 || !/\p{L}/u.test(name)) return undefined;
  if (/^(?:https?:|www\.)|[/@]|\.(?:com|org|net)\b/.test(name) || (!options.handles && /\d/.test(name))) return undefined;
  if (loginNames.has(name.toLowerCase())) return undefined;
  // A handle (`szpryc`, `jekyllbot`) is how some bloggers sign: a name only where the source shows it as one.
  if (isLogin(name)) return options.handles && name.length >= 3 ? name : undefined;
  if (notNameWords.test(name) || !isCapitalisedName(name)) return undefined;
  const person = withoutRole(name);
  if (person === undefined || person.split(/\s+/).length > 6) return undefined;
  return person;
}

/**
 * `Howard Blume Staff Writer` → `Howard Blume`: a job title run into the name (themes print it in
 * the next element). A collective byline (`TMZ Staff`, `The Editors`) is kept; a title alone is no name.
 */
function withoutRole(name: string): string | undefined {
  if (/^\S.*\s(?:Staff|Team|Desk)$/.test(name) && !roleWords.test(name.replace(/\s\S+$/, ''))) return name;
  if (/^(?:The\s+)?Editors$/i.test(name)) return name;
  const role = roleWords.exec(name);
  if (!role) return name;
  const before = name.slice(0, role.index).trim();
  const words = before.split(/\s+/);
  return words.length >= 2 && words.length <= 4 && words.every((word) => /^\p{Lu}/u.test(word)) ? before : undefined;
}

const particles = new Set([
  'van',
  'von',
  'de',
  'da',
  'del',
  'della',
  'der',
  'den',
  'di',
  'du',
  'la',
  'le',
  'ten',
  'ter',
  'zu',
  'al',
  'el',
  'bin',
  'ibn',
  'y',
  'e',
  'dos',
  'das',
  'do',
  'st.',
]);

/** Every word capitalised but the particles (`Vincent van Gogh`, `de Gaulle`): `the end of the year` is no name. Scripts without case pass. */
function isCapitalisedName(name: string): boolean {
  const words = name.split(/\s+/);
  const last = words.at(-1) ?? '';
  return !/^\p{Ll}/u.test(last) && words.every((word) => !/^\p{Ll}/u.test(word) || particles.has(word));
}

/** `jsmith`, `john_doe`, `raffaello.p`: how an account is written, not how a person signs. */
export function isLogin(text: string): boolean {
  return /^[\p{Ll}\d._-]+$/u.test(text) && !/\s/.test(text) && /^[a-z\d._-]+$/.test(text);
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
