/**
 * Wikipedia's citation templates (CS1) print a reference's parts in a fixed layout: the title as a
 * link, quoted or italic (`["Two discontinued browsers"](https://lwn.net/…).`), then the work it is
 * in in italics (`_W3Counter_.`), then the publisher plain (`LWN.net.`, `Mozilla Developer
 * Network.`, `Awio Web Services LLC.`), then dates and `Retrieved …`. In that layout a plain name
 * is the publisher, whatever the model made of it (a container, commentary, a date at 0.38): the
 * data's convention (`data/notes/README.md`: plain is `publisher`, italic `container-title`), read
 * from the shape, and as sure as the title it follows. So is a whole date after it, before
 * `Retrieved`, `Archived` or the note's end (`kairo.at. 2007-05-22.`): the work's.
 *
 * Notes not copied from Wikipedia put a journal or a newspaper there too, plain (`["Title"](url).
 * Nature. 2012.`), and an author (`John Smith.`). So a name the model read as the container is
 * taken only where the layout leaves it nothing else to be: after the italic work, or before the
 * template's own `Retrieved`/`Archived` (CS1 prints `publisher=PC Magazine` plain); elsewhere a
 * name the model read as the container, or one that spells a journal or a newspaper, is left to
 * the model. A name that starts with a given name is never taken; after a comma rather than a
 * full stop (not the template's layout) the model's own `publisher` is only made as sure as the title.
 */
import { parseDate } from '../parse-note/dates.ts';
import { GIVEN_NAMES, MONTHS } from './dictionaries.ts';
import { wordKey } from './features.ts';
import type { LabelledToken } from './label-note.ts';
import type { Label } from './labels.ts';
import { isNewsOutlet, looksLikeJournal } from './organisations.ts';
import { relabelSpan } from './relabel.ts';

/** What the model may have made of the plain name. */
const MISREAD = new Set<Label>(['container-title', 'publisher', 'note', 'date']);
/** Words that start what follows the publisher in the layout, never a publisher. */
const LEAD_WORDS = new Set(['retrieved', 'archived', 'accessed', 'available', 'in', 'see', 'via', 'from']);
/** The words the template prints after the publisher and date, and only it. */
const TEMPLATE_WORDS = /^(?:retrieved|archived)$/i;
const MAX_WORDS = 5;

export function withPlainPublishers(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 0; index < result.length; index++) {
    const target = result[index]!;
    if (!target.linkTarget || !/[.,]$/.test(target.raw)) continue;
    const words = result.slice(0, index).filter((other) => other.link === target.link && other.linkText);
    if (words.length === 0 || !words.every((word) => word.label === 'title' && (word.quoted || word.italic))) continue;
    const start = afterItalicWork(result, index + 1);
    const end = plainNameEnd(result, start);
    if (end === undefined || !surelyPublisher(result, index, start, end)) continue;
    const sure = Math.min(...words.map((word) => word.confidence));
    const relabel = (from: number, to: number, label: Label) => relabelSpan(result, from, to, label, sure);
    relabel(start, end, 'publisher');
    const dated = dateEnd(result, end + 1);
    if (dated !== undefined) relabel(end + 1, dated, 'date');
    index = dated ?? end;
  }
  return result;
}

/** Whether the layout leaves the plain name `start…end` nothing else to be (see the module's comment). */
function surelyPublisher(tokens: readonly LabelledToken[], target: number, start: number, end: number): boolean {
  const name = tokens.slice(start, end + 1);
  if (GIVEN_NAMES.has(wordKey(name[0]!.text))) return false;
  if (!/\.$/.test(tokens[target]!.raw)) return name.every((token) => token.label === 'publisher');
  const afterWork = start > target + 1;
  // The template's words right after the name, or after its date (three words at most): not a later citation's.
  if (afterWork || tokens.slice(end + 1, end + 5).some((token) => TEMPLATE_WORDS.test(token.text))) return true;
  const text = name.map((token) => token.text).join(' ');
  return !looksLikeJournal(text) && !isNewsOutlet(text) && !name.some((token) => token.label === 'container-title');
}

/** Where the plain part starts: after an italic name ending a sentence (`_StatCounter Global Stats_.`), if there is one. */
function afterItalicWork(tokens: readonly LabelledToken[], from: number): number {
  let at = from;
  while (at < tokens.length && tokens[at]!.italic && !tokens[at]!.quoted && !tokens[at]!.linkText) {
    if (/[.,]$/.test(tokens[at]!.raw)) return at + 1;
    at++;
  }
  return from;
}

/**
 * The last token of a plain name of one to five words that starts at `start` and ends a sentence
 * (`CNET News.`, `kairo.at.`, `Bugzilla\@Mozilla.`), or the note (`, Mozilla`); then a date,
 * `Retrieved …`, a quotation or nothing. No digits: `21 December 2005.` is a date.
 */
function plainNameEnd(tokens: readonly LabelledToken[], start: number): number | undefined {
  const first = tokens[start];
  if (!first || !(/^\p{Lu}/u.test(first.text) || /^\p{L}[\p{L}\d-]*\.\p{L}/u.test(first.text)) || LEAD_WORDS.has(wordKey(first.text))) return undefined;
  for (let at = start; at < tokens.length && at < start + MAX_WORDS; at++) {
    const token = tokens[at]!;
    if (!MISREAD.has(token.label) || token.italic || token.quoted || token.url || token.linkText || token.bracketed) return undefined;
    if (/\d/.test(token.text) || MONTHS.has(wordKey(token.text))) return undefined;
    if (at > start && /^\p{Ll}/u.test(token.text) && !/\.\p{L}/u.test(token.text)) return undefined;
    const last = at + 1 === tokens.length;
    if (/[,;:]$/.test(token.raw) && !last) return undefined;
    if (!/[.]$/.test(token.raw) && !last) continue;
    const next = tokens[at + 1];
    const follows = !next || next.quoted || /^\(?\d/.test(next.text) || MONTHS.has(wordKey(next.text)) || LEAD_WORDS.has(wordKey(next.text));
    return follows ? at : undefined;
  }
  return undefined;
}

/** The last token of a date of one to three words from `start` that ends a sentence, then `Retrieved …`, `Archived …` or nothing. */
function dateEnd(tokens: readonly LabelledToken[], start: number): number | undefined {
  for (let at = start; at < tokens.length && at < start + 3; at++) {
    const token = tokens[at]!;
    if ((token.label !== 'date' && token.label !== 'note') || token.italic || token.quoted || token.url || token.linkText) return undefined;
    if (!/\.$/.test(token.raw)) continue;
    const next = tokens[at + 1];
    const text = tokens
      .slice(start, at + 1)
      .map((word) => word.text)
      .join(' ')
      .replace(/\.$/, '');
    return parseDate(text) && (!next || TEMPLATE_WORDS.test(next.text)) ? at : undefined;
  }
  return undefined;
}
