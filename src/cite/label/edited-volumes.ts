/**
 * A chapter in an edited book, as European notes write it: `Jürgen Richter, Schaber, in Floss
 * (Hrsg.) Steinartefakte vom Altpaläolithikum bis in die Neuzeit, Tübingen 2012, Kerns Verlag,
 * S. 281` (also `In: …`, `(Hg.)`, `(ed.)`, `(eds.)`, `(dir.)`, `(éd.)`). `in`, a few names and a
 * bracketed editor's role say what the words around them are, whatever the model made of a habit
 * it had not seen: the names are the book's editors, what follows up to a comma is the book, then
 * its place and year and its publisher by its word (`Verlag`); what comes before `in` is the
 * chapter, whose title the model may have run into the names (`Schaber,`: see `chapterBefore`).
 * The reading is as sure as the model was of the chapter's author or title before `in`; with
 * neither there, the note is left to the model. A body before a periodical (`in: SAGE Publishing (Hrsg.), Social Psychological and
 * Personality Science, Band 7,`) is its issuer, as the model may have read it: left alone.
 */
import { YEAR } from '../parse-note/dates.ts';
import { GIVEN_NAMES, PUBLISHER_WORDS } from './dictionaries.ts';
import { wordKey } from './features.ts';
import type { LabelledToken } from './label-note.ts';
import type { Label } from './labels.ts';
import { relabelSpan } from './relabel.ts';

const IN = /^in:?$/i;
/** An editor's role in brackets after the names (`(Hrsg.)`, `(Hg.)`, `(ed.)`, `(eds.)`, `(dir.)`, `(éd.)`, `(coord.)`). */
export const EDITOR_ROLE = String.raw`\((?:hrsg|hg|eds?|dir|éds?|coord)\.?\)`;
const ROLE = new RegExp(`^${EDITOR_ROLE}[,:]?$`, 'i');
const YEAR_THEN_COMMA = new RegExp(`^${YEAR},$`);
const MAX_EDITOR_WORDS = 6;
const MAX_BOOK_WORDS = 16;
/** What the model may have made of the editors' names and the book's title. */
const MISREAD = new Set<Label>(['note', 'title', 'container-title', 'publisher', 'editor', 'author', 'collection-title']);

export function withEditedVolumes(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index < result.length; index++) {
    const role = editorPhraseEnd(result, index);
    if (role === undefined) continue;
    const chapter = chapterBefore(result, index);
    if (!chapter) continue;
    const bookEnd = phraseEnd(result, role + 1, MAX_BOOK_WORDS);
    if (bookEnd === undefined || periodicalAfter(result, bookEnd + 1)) continue;
    const relabel = (from: number, to: number, label: Label) => relabelSpan(result, from, to, label, chapter.sure);
    if (chapter.titleFrom !== undefined) relabel(chapter.titleFrom, index - 1, 'title');
    relabel(index, role, 'editor');
    relabel(role + 1, bookEnd, 'container-title');
    publicationFacts(result, bookEnd + 1, relabel);
    index = bookEnd;
  }
  return result;
}

/** `in Floss (Hrsg.)` starting at `index`: where the role ends. */
function editorPhraseEnd(tokens: readonly LabelledToken[], index: number): number | undefined {
  if (!IN.test(tokens[index]!.text) || !isPlainToken(tokens[index]!) || !/,$/.test(tokens[index - 1]!.raw)) return undefined;
  for (let at = index + 1; at < tokens.length && at <= index + MAX_EDITOR_WORDS + 1; at++) {
    const token = tokens[at]!;
    // A body the model read as the issuer (`in: SAGE Publishing (Hrsg.),` before a journal) stays one.
    if (!isPlainToken(token) || !MISREAD.has(token.label) || token.label === 'publisher') return undefined;
    if (ROLE.test(token.text)) return at > index + 1 ? at : undefined;
    if (!/^(?:\p{Lu}|&$|and$|und$|et$|u\.$)/u.test(token.text)) return undefined;
  }
  return undefined;
}

/**
 * The chapter before `in`: the model's title after an author, or an author run into which it
 * ran the title (`Jürgen Richter, | Schaber,`), with how sure the model was of it. Only a name
 * that starts with a known given name is cut: who writes the first author given name first writes
 * a second one so too, so one capitalised part after that name is the chapter's title, not a
 * surname (`Richter, Schaber,` and `Smith, et al.,` are left as the model read them: names).
 */
function chapterBefore(tokens: readonly LabelledToken[], index: number): { sure: number; titleFrom?: number } | undefined {
  const label = tokens[index - 1]!.label;
  if (label !== 'author' && label !== 'title') return undefined;
  let start = index - 1;
  while (start > 0 && tokens[start - 1]!.label === label) start--;
  const run = tokens.slice(start, index);
  if (label === 'title') return tokens[start - 1]?.label === 'author' ? { sure: Math.min(...run.map((token) => token.confidence)) } : undefined;
  const cuts = run.flatMap((token, at) => (/,$/.test(token.raw) ? [at] : []));
  const names = { sure: Math.min(...run.map((token) => token.confidence)) };
  if (cuts.length !== 2) return names;
  const name = run.slice(0, cuts[0]! + 1);
  const title = run.slice(cuts[0]! + 1);
  const initial = (token: LabelledToken) => /^\p{Lu}\.,?$/u.test(token.text);
  const givenFirst = name.length >= 2 && isGivenName(name[0]!.text) && name.every((token) => /^\p{Lu}/u.test(token.text) && !initial(token));
  const titleWords = /^\p{Lu}/u.test(title[0]!.text) && !isGivenName(title[0]!.text) && title.every((token) => isPlainToken(token) && !initial(token));
  return givenFirst && titleWords ? { sure: Math.min(...name.map((token) => token.confidence)), titleFrom: start + cuts[0]! + 1 } : names;
}

/** `Jürgen`, `Claus-Joachim`: a given name the dictionary knows (each part of a hyphenated one). */
function isGivenName(text: string): boolean {
  return text.split('-').every((part) => GIVEN_NAMES.has(wordKey(part)));
}

/** Words from `from` to the first that ends with a comma, at most `max` of them, none a number or address. */
function phraseEnd(tokens: readonly LabelledToken[], from: number, max: number): number | undefined {
  if (!tokens[from] || !/^\p{Lu}/u.test(tokens[from]!.text)) return undefined;
  for (let at = from; at < tokens.length && at < from + max; at++) {
    const token = tokens[at]!;
    if (token.url || !MISREAD.has(token.label) || /^\d/.test(token.text)) return undefined;
    if (/,$/.test(token.raw)) return at;
  }
  return undefined;
}

/**
 * A volume or issue after the name (`Archiv für Sozialgeschichte, Band 49,`): a periodical, whose
 * `(Hrsg.)` is the body that issues it (the data's `publisher`), not a book's editors.
 */
function periodicalAfter(tokens: readonly LabelledToken[], at: number): boolean {
  const next = tokens[at];
  return (
    next !== undefined &&
    (next.label === 'volume' || next.label === 'issue' || /^(?:band|bd\.?|vol\.?|jg\.?|jahrgang|heft|nr\.?|no\.?|\d+,?)$/i.test(next.text))
  );
}

/** `Tübingen 2012, Kerns Verlag,` after the book: its place and year, then a publisher by its word (`Verlag`, `Press`). */
function publicationFacts(tokens: readonly LabelledToken[], from: number, relabel: (from: number, to: number, label: Label) => void): void {
  const place = tokens[from];
  const year = tokens[from + 1];
  if (!place || !year || !isPlainToken(place) || !/^\p{Lu}\p{Ll}+$/u.test(place.text) || !YEAR_THEN_COMMA.test(year.text)) return;
  // `Springer 2012,`: a publisher before the year, as the model read it, is no place.
  if (place.label === 'publisher' || PUBLISHER_WORDS.has(wordKey(place.text))) return;
  relabel(from, from, 'location');
  relabel(from + 1, from + 1, 'date');
  const end = phraseEnd(tokens, from + 2, 5);
  if (end !== undefined && tokens.slice(from + 2, end + 1).some((token) => PUBLISHER_WORDS.has(wordKey(token.text)))) relabel(from + 2, end, 'publisher');
}

/** Typed as it is: not italic, quoted, an address or a link. */
function isPlainToken(token: LabelledToken): boolean {
  return !token.italic && !token.quoted && !token.url && !token.linkText && !token.linkTarget;
}
