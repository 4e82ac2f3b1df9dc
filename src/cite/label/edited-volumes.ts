/**
 * A chapter in an edited book, as European notes write it: `Jürgen Richter, Schaber, in Floss
 * (Hrsg.) Steinartefakte vom Altpaläolithikum bis in die Neuzeit, Tübingen 2012, Kerns Verlag,
 * S. 281` (also `In: …`, `(Hg.)`, `(ed.)`, `(eds.)`, `(dir.)`, `(éd.)`). `in`, a few names and a
 * bracketed editor's role say what the words around them are, whatever the model made of a habit
 * it had not seen: the names are the book's editors, what follows up to a comma is the book, then
 * its place and year and its publisher; what comes before `in` is the chapter, whose title is the
 * last part, cut by a comma, of the names the model ran it into (`Schaber,`). The reading is as
 * sure as the model was of the author before it; with no author or title there, the note is left
 * to the model. A body before a periodical (`in: SAGE Publishing (Hrsg.), Social Psychological and
 * Personality Science, Band 7,`) is its issuer, as the model may have read it: left alone.
 */
import { GIVEN_NAMES, PUBLISHER_WORDS } from './dictionaries.ts';
import { wordKey } from './features.ts';
import type { LabelledToken } from './label-note.ts';
import type { Label } from './labels.ts';

const IN = /^in:?$/i;
const ROLE = /^\((?:hrsg|hg|eds?|dir|éds?|coord)\.?\)[,:]?$/i;
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
    const relabel = (from: number, to: number, label: Label) => {
      for (let at = from; at <= to; at++) result[at] = { ...result[at]!, label, confidence: Math.max(result[at]!.confidence, chapter.sure) };
    };
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
  if (!IN.test(tokens[index]!.text) || !plain(tokens[index]!) || !/,$/.test(tokens[index - 1]!.raw)) return undefined;
  for (let at = index + 1; at < tokens.length && at <= index + MAX_EDITOR_WORDS + 1; at++) {
    const token = tokens[at]!;
    // A body the model read as the issuer (`in: SAGE Publishing (Hrsg.),` before a journal) stays one.
    if (!plain(token) || !MISREAD.has(token.label) || token.label === 'publisher') return undefined;
    if (ROLE.test(token.text)) return at > index + 1 ? at : undefined;
    if (!/^(?:\p{Lu}|&$|and$|und$|et$|u\.$)/u.test(token.text)) return undefined;
  }
  return undefined;
}

/**
 * The chapter before `in`: the model's author or title run ending there, and where its title
 * starts when the model ran the title into the names (`Jürgen Richter, | Schaber,`: a full name,
 * then one part cut by a comma that is no given name or initial).
 */
function chapterBefore(tokens: readonly LabelledToken[], index: number): { sure: number; titleFrom?: number } | undefined {
  const label = tokens[index - 1]!.label;
  if (label !== 'author' && label !== 'title') return undefined;
  let start = index - 1;
  while (start > 0 && tokens[start - 1]!.label === label) start--;
  if (label === 'title') {
    const names = tokens[start - 1];
    return names && names.label === 'author' ? { sure: Math.min(...tokens.slice(start, index).map((token) => token.confidence)) } : undefined;
  }
  const run = tokens.slice(start, index);
  const cuts = run.flatMap((token, at) => (/,$/.test(token.raw) ? [at] : []));
  if (cuts.length < 2) return undefined;
  const titleFrom = cuts.at(-2)! + 1;
  const name = run.slice(0, titleFrom);
  const title = run.slice(titleFrom);
  const fullName = name.length >= 2 && name.every((token) => /^\p{Lu}/u.test(token.text) && !/^\p{Lu}\.,?$/u.test(token.text));
  const titleWords = title.every((token) => plain(token) && !/^\p{Lu}\.,?$/u.test(token.text)) && !GIVEN_NAMES.has(wordKey(title[0]!.text));
  if (!fullName || !titleWords || cuts.length > 2) return undefined;
  return { sure: Math.min(...name.map((token) => token.confidence)), titleFrom: start + titleFrom };
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
  if (!place || !year || !plain(place) || !/^\p{Lu}\p{Ll}+$/u.test(place.text) || !/^(?:1[5-9]|20)\d\d,$/.test(year.text)) return;
  relabel(from, from, 'location');
  relabel(from + 1, from + 1, 'date');
  const end = phraseEnd(tokens, from + 2, 5);
  if (end !== undefined && tokens.slice(from + 2, end + 1).some((token) => PUBLISHER_WORDS.has(wordKey(token.text)))) relabel(from + 2, end, 'publisher');
}

function plain(token: LabelledToken): boolean {
  return !token.italic && !token.quoted && !token.url && !token.linkText && !token.linkTarget;
}
