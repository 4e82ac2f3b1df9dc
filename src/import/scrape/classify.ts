import { formatPartialDate, parseDate } from '../../core/dates.ts';
import { noteLabel } from '../notes/note-labels.ts';
import { notesHeadingKind } from '../notes/notes-heading.ts';
import { isBio, isDateLine } from '../text.ts';
import { isInCapitals } from './opening.ts';

/** What a non-blank line of a scraped archive looks like, before we know which piece it is in. */
export type LineKind =
  | 'archive-heading'
  | 'date'
  | 'byline'
  | 'image-debris'
  | 'share-debris'
  | 'illustration'
  | 'instalment'
  | 'credit'
  | 'caption'
  | 'bio'
  | 'contributors-label'
  | 'notes-heading'
  | 'note'
  | 'short'
  | 'code'
  | 'paragraph';

export interface ClassifiedLine {
  /** 1-based line number in the source where the block starts. */
  line: number;
  /** Where it ends: text wrapped by hand runs over several lines. */
  endLine: number;
  /** The block's text, its lines joined with spaces. */
  text: string;
  /** Its lines as typed (trimmed), for the body, where they stay lines of one paragraph. */
  lines: string[];
  /** Its lines untrimmed, for code, whose indentation is part of it. */
  raw?: string[];
  kind: LineKind;
}

const archiveHeading = /^(posts tagged|posts? (?:in|from) (?:category|the category)|category archives?|tag archives?|archives? for|posts? by)\b/i;
const imageDebris = /^(?:[\w.-]+-\d{2,4}x\d{2,4}(?:\.(?:jpe?g|png|gif|webp))?|[\w.-]+\.(?:jpe?g|png|gif|webp)|[0-9a-f]{16,40})$/i;
const shareDebris = /^(?:share|tweet|print|email|share this:?|like this:?|related|advertisements?)$/i;
const creditOnly =
  /^(?:photo(?:graph)?s?(?: by| credit:?)|image(?: by| credit:?)|courtesy of|credit:)\s|^[\p{Lu} .'’-]+\/[\p{L} /'’-]*(?:images?|afp|reuters|ap|getty)$/iu;
const creditTail = /\s(?:courtesy of|photo(?:graph)?:?|credit:|image:?)\s+[^.]+$|\s\((?:photo|image|credit)[^)]*\)$/i;
const byline = /^by\s+\S/i;
/** An e-text's place for a picture it does not have: `[Illustration]`, `[Illustration: THE BARONESS.]`. */
export const illustration = /^\[Illustration(?::\s*([^\]]*))?\]$/i;
/** A serial's notice between instalments: `(_To be continued._)`, `(Concluded.)`. */
const instalment = /^\(?_?(?:to be continued|to be concluded|concluded|continued from (?:page|p\.|no\.|our last)[^)]*)\.?_?\)?\.?$/i;

/**
 * Classifies every block of a scraped archive on its own shape. Blank lines are left out. A block is
 * a line, or, in text wrapped by hand (a plain-text essay, a PEP, a Gutenberg book), the lines of
 * one paragraph.
 */
export function classifyLines(text: string): ClassifiedLine[] {
  const lines = text.split(/\r?\n/);
  const wrapped = isWrappedByHand(lines);
  const classified: ClassifiedLine[] = [];
  // Blocks with a rule under them: headings, whatever their script (CJK has no capitals to tell one).
  const underlined = new Set<ClassifiedLine>();
  let previous: string | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const last = classified.at(-1);
    if (last && previous && isUnderline(line) && last.lines.length === 1) {
      // `NOTES` over `-----`: the rule underlines a heading; it is part of the heading's block.
      last.endLine = index + 1;
      underlined.add(last);
      previous = '';
      return;
    }
    if (line !== '' && wrapped && last && previous !== undefined && previous !== '' && continuesParagraph(previous, raw)) {
      last.lines.push(line);
      last.raw?.push(raw);
      last.text = `${last.text} ${line}`;
      last.endLine = index + 1;
    } else if (line !== '') {
      classified.push({ line: index + 1, endLine: index + 1, text: line, lines: [line], raw: [raw], kind: 'paragraph' });
    }
    previous = raw.trim() === '' ? '' : raw;
  });
  const base = baseIndent(classified);
  classified.forEach((block, index) => {
    block.kind = classifyLine(block.text, index === 0);
    if (block.kind === 'paragraph' && underlined.has(block) && block.text.length <= 120) block.kind = 'short';
    if ((block.kind === 'paragraph' || block.kind === 'short') && isCode(block, base)) block.kind = 'code';
  });
  return classified;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line.replace(/\t/g, '        '))?.[0].length ?? 0;

/** The indentation most of the text's paragraphs have: 0, or 4 in a PEP, whose text is indented. */
function baseIndent(blocks: readonly ClassifiedLine[]): number {
  const counts = new Map<number, number>();
  for (const block of blocks) if (block.lines.length >= 2) counts.set(indentOf(block.raw?.[0] ?? ''), (counts.get(indentOf(block.raw?.[0] ?? '')) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** A line that reads as program text: a call, an assignment, braces, a keyword that opens a block, a prompt. */
const codeLine =
  /[{}]|\w\(|\);|\s=\s|[^=!<>]=[^=]|->|::|^(?:def \w+\(|class \w+[:(]|return\b|from [\w.]+ import\b|import [\w.]+$|elif\b|else:|for\s.+:$|while\s.+:$|if\s.+:$|try:|except\b|yield\b|print\b|#include|#define|>>>|\$\s)/;
/** A line that ends as a sentence or a phrase of one does (`Yours ever,`): prose, whatever words it holds. */
const endsAsProse = /[.!?,]["'”’)]?$/;

/**
 * Code in plain text: lines indented past the text's paragraphs, most of them program text
 * (`spin_lock(&the_lock);`, `def fib():`). Verse and quotations set in are indented too, but read as words.
 */
function isCode(block: ClassifiedLine, base: number): boolean {
  const raw = block.raw ?? [];
  if (raw.length === 0 || !raw.every((line) => indentOf(line) >= base + 2)) return false;
  const code = raw.filter((line) => codeLine.test(line.trim()) && !endsAsProse.test(line.trim())).length;
  return code >= 2 && code * 2 > raw.length;
}

/** A code block's lines, as indented relative to one another. */
export function codeText(block: ClassifiedLine): string {
  const raw = block.raw ?? block.lines;
  const least = Math.min(...raw.map(indentOf));
  return raw.map((line) => line.replace(/\t/g, '        ').slice(least).trimEnd()).join('\n');
}

/** A line of `-`, `=`, `~` or `*` under a heading, as plain-text documents underline one. */
function isUnderline(line: string): boolean {
  return /^(?:-{3,}|={3,}|~{3,}|\*{3,}|\^{3,})$/.test(line);
}

/**
 * Text wrapped by hand: many lines run on into the next, and few are long. A scrape of a web page
 * has one line per paragraph (as the seed does) and is never joined.
 */
export function isWrappedByHand(lines: readonly string[]): boolean {
  const filled = lines.map((line) => line.trim()).filter((line) => line !== '');
  if (filled.length < 4) return false;
  const runOn = lines.filter((line, index) => line.trim() !== '' && (lines[index + 1] ?? '').trim() !== '').length;
  const long = filled.filter((line) => line.length > 100).length;
  return runOn / filled.length >= 0.25 && long / filled.length <= 0.1;
}

/**
 * Whether a line goes on with the paragraph of the line before, in wrapped text: not when it starts
 * a note (`[1] …`, `[Footnote 2: …`, `(*) …`), an item of a list, or another header field (`Title: …`).
 */
function continuesParagraph(previous: string, raw: string): boolean {
  const line = raw.trim();
  if (isNoteLine(line) || /^\[Footnote\b|^\([*†‡]\)\s/i.test(line) || /^(?:[-*•+]|\d{1,3}[.)])\s/.test(line)) return false;
  const field = /^[\w-]+:\s/;
  return !(field.test(previous.trim()) && field.test(line));
}

export function classifyLine(line: string, isFirst: boolean): LineKind {
  if (isFirst && archiveHeading.test(line)) return 'archive-heading';
  // `By _Abracadabra_ we signify / An infinite number of things.`: a paragraph that begins with “By”.
  if (byline.test(line) && line.length <= 150) return 'byline';
  if (isDateLine(line) || monthOfLine(line)) return 'date';
  if (imageDebris.test(line)) return 'image-debris';
  if (shareDebris.test(line)) return 'share-debris';
  if (illustration.test(line)) return 'illustration';
  if (instalment.test(line)) return 'instalment';
  if (/^notes on contributors$|^additional information$|^about the authors?$|^contributors$/i.test(line)) return 'contributors-label';
  if (notesHeadingKind(line)) return 'notes-heading';
  if (isNoteLine(line)) return 'note';
  if (creditOnly.test(line)) return 'credit';
  if (creditTail.test(line)) return 'caption';
  if (isBio(line)) return 'bio';
  if (isShort(line)) return 'short';
  return 'paragraph';
}

/**
 * A line that is a month or a season and its year and nothing else (`February 2021`, `Été 2019`):
 * the date an essay gives under its title, as Paul Graham's do. Its front-matter form, or undefined.
 */
export function monthOfLine(line: string): string | undefined {
  if (line.length > 30) return undefined;
  const date = parseDate(line);
  return date && date.day === undefined && (date.month !== undefined || date.season !== undefined) ? formatPartialDate(date) : undefined;
}

/** A line that starts like a typed note: `1. …`, `[1] …`, `(1) …`, `¹ …`, `^1 …`, `*1 …`; bare numbers and symbols are too common in prose. */
function isNoteLine(line: string): boolean {
  const label = noteLabel(line);
  return label !== undefined && label.style !== 'bare' && label.style !== 'symbol' && label.style !== 'colon';
}

/**
 * A title or heading: short, no sentence-final full stop, not starting in lower case. A heading set
 * in capitals keeps the full stop printers gave it (`MERLE'S CRUSADE.`, `CHAPTER I.`).
 */
export function isShort(line: string): boolean {
  if (line.length <= 120 && /\.$/.test(line) && isInCapitals(line) && /^[\p{Lu}\d"“‘'(]/u.test(line) && line.split(/\s+/).length <= 16) return true;
  // A sentence ending in a note marker (`… premium features. [1]`) still ends in a full stop.
  const text = withoutEndMarker(line);
  return text.length <= 120 && !/[.,;:]$/.test(text) && /^[\p{Lu}\d‘“"'(]/u.test(text) && text.split(/\s+/).length <= 16;
}

const superscriptDigits = new Set('¹²³⁴⁵⁶⁷⁸⁹⁰');
/** A marker of at most five characters that may end a line: `[1]`, `(12)`, `***`, `†`. */
const shortEndMarker = /(?:\[\d{1,3}\]|\(\d{1,3}\)|\*{1,3}|†|‡)$/u;

/**
 * The line without the note marker that ends it (`[1]`, `(1)`, `¹²`, `*`, `†`) and the spaces before
 * it. Read from the end, so that a long run of spaces or superscripts costs its length once: a
 * pattern `\s*marker$` tried at every space of a run of 50,000 costs their square.
 */
export function withoutEndMarker(line: string): string {
  let start = line.length;
  while (start > 0 && superscriptDigits.has(line[start - 1] as string)) start--;
  if (start === line.length) {
    const tail = line.slice(-5);
    const marker = shortEndMarker.exec(tail);
    if (!marker) return line;
    start = line.length - tail.length + marker.index;
  }
  while (start > 0 && /\s/.test(line[start - 1] as string)) start--;
  return line.slice(0, start);
}
