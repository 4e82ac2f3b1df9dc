import { superscriptValue } from '../../core/script-digits.ts';
import { type MarkerCandidate, type MarkerKind, markerCandidates } from './align-markers.ts';
import { superscriptRun } from './note-labels.ts';

/** The body's text as the marker search sees it: one string, with what the markup said about parts of it. */
export interface MarkerText {
  text: string;
  /** Ranges that were superscript in the source (`<sup>1</sup>`): mdast has no superscript, so importers keep this hint. */
  superscripts: readonly [number, number][];
  /** Links to a place in the page (`<a href="#fn1">[1]</a>`) whose text reads as a marker. */
  links: readonly { start: number; end: number; notes: number[] }[];
  /** Ranges where digits glued to words are not looked for (headings, captions). */
  noGlued: readonly [number, number][];
}

/** Notes as the definitions name them: numbers 1…N, or the symbols of symbol notes. */
export interface NoteNames {
  count: number;
  /** How far past the last note a single marker is still looked for (to report it as a marker with no note). */
  beyond?: number;
  /** For symbol notes: the symbol (`*`, `**`, `†`) → its note's position (1-based). */
  symbols: ReadonlyMap<string, number>;
}

const inside = (ranges: readonly [number, number][], start: number, end: number) => ranges.some(([from, to]) => start >= from && end <= to);

/**
 * `2, 3` → [2, 3]; `2–4` → [2, 3, 4]; undefined when a number is out of range, the list is not
 * increasing, or it is long enough to be data (`[1, 2, 4, 5, 8, 9, 10, 11]` printed by a program).
 * A single number may go `beyond` the count.
 */
export function numberList(text: string, count: number, beyond = 0): number[] | undefined {
  const numbers: number[] = [];
  for (const part of text.split(/\s*[,;]\s*/)) {
    const range = /^(\d{1,3})\s*[–—-]\s*(\d{1,3})$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to <= from || to - from > 20) return undefined;
      for (let number = from; number <= to; number++) numbers.push(number);
    } else if (/^\d{1,3}$/.test(part) && !part.startsWith('0')) numbers.push(Number(part));
    else return undefined;
  }
  const increasing = numbers.every((number, index) => index === 0 || number > (numbers[index - 1] ?? 0));
  const limit = numbers.length === 1 ? count + beyond : count;
  const listed = text.split(/\s*[,;]\s*/).length;
  return increasing && listed <= 5 && numbers.every((number) => number >= 1 && number <= limit) ? numbers : undefined;
}

/** `[01]` as `[1]`: e-texts pad their markers to one width, as they pad the notes' labels (`note-labels.ts`). */
function unpadded(numbers: string): string {
  return numbers.replace(/(?<!\d)0+(?=[1-9])/g, '');
}

function candidate(kind: MarkerKind, notes: number[], start: number, end: number): MarkerCandidate {
  return { note: notes[0] as number, notes, start, end, afterYear: false, kind };
}

const markerWord = '(?:(?:ref(?:erence)?|note|fn|footnote|n)\\.?\\s*)?';
// Markdown links to a note left as text inside raw HTML: `[[1]](#fn1)`, `[[1](#fn1)]`, `[[reference 4](#fn4)]`, `[2](#fn2)`.
const literalLinks = new RegExp(
  `\\[\\[(\\d{1,3})\\]\\]\\(#[^)\\s]*\\)|\\[\\[${markerWord}(\\d{1,3})\\]\\(#[^)\\s]*\\)\\]|\\[${markerWord}(\\d{1,3})\\]\\(#[^)\\s]*\\)`,
  'gi',
);

/** `[1]`, `[2, 3]`, `[4–6]`, and links to notes left as Markdown text inside raw HTML. */
function bracketCandidates(text: string, count: number, beyond: number): MarkerCandidate[] {
  const found: MarkerCandidate[] = [];
  for (const match of text.matchAll(literalLinks)) {
    const notes = numberList(match[1] ?? match[2] ?? match[3] ?? '', count, beyond);
    if (notes) found.push(candidate('bracket', notes, match.index, match.index + match[0].length));
  }
  for (const match of text.matchAll(/\[(\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*)\](?!\()/g)) {
    const notes = numberList(unpadded(match[1] ?? ''), count, beyond);
    const start = match.index;
    // `[1]: …` opening a line labels a note; `as the paper says [1]:` is a marker.
    if (text[start + match[0].length] === ':' && (start === 0 || text[start - 1] === '\n')) continue;
    if (notes && !found.some((other) => other.start <= start && start < other.end)) found.push(candidate('bracket', notes, start, start + match[0].length));
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `(1)`, not `(2019)` (only numbers up to the count of notes) nor `(1)st`. */
function parenCandidates(text: string, count: number, beyond: number): MarkerCandidate[] {
  const found: MarkerCandidate[] = [];
  for (const match of text.matchAll(/\((\d{1,3})\)(?![\p{L}\d])/gu)) {
    const notes = numberList(unpadded(match[1] ?? ''), count, beyond);
    if (notes) found.push(candidate('paren', notes, match.index, match.index + match[0].length));
  }
  return found;
}

/**
 * A superscript after a unit or a variable (`m²`, `km³`, `x²`, `10⁶`) is a power, not a marker:
 * a word of one or two letters, or a number, straight before it.
 */
function isPower(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return /(?:^|[^\p{L}])\p{L}{1,2}$/u.test(before) || /\d$/.test(before);
}

/** `¹`, `¹²`, and text that was superscript in the page (`<sup>1</sup>`, `<sup>[1]</sup>`). */
function superscriptCandidates(marked: MarkerText, count: number, beyond: number): MarkerCandidate[] {
  const { text } = marked;
  const found: MarkerCandidate[] = [];
  for (const match of text.matchAll(new RegExp(superscriptRun, 'g'))) {
    const number = superscriptValue(match[0]);
    if (number >= 1 && number <= count + beyond && !isPower(text, match.index))
      found.push(candidate('superscript', [number], match.index, match.index + match[0].length));
  }
  for (const [start, end] of marked.superscripts) {
    const inner = /^[\s\u00a0]*[[(]?([\d\s,;–—-]+?)[\])]?[\s\u00a0]*$/.exec(text.slice(start, end));
    const notes = inner?.[1] ? numberList(inner[1].trim(), count, beyond) : undefined;
    if (notes && !(notes.length === 1 && isPower(text, start))) found.push(candidate('superscript', notes, start, end));
  }
  return found;
}

/** `^1`, `^[1]`, `^1^` (Pandoc's superscript typed by hand). */
function caretCandidates(text: string, count: number, beyond: number): MarkerCandidate[] {
  const found: MarkerCandidate[] = [];
  for (const match of text.matchAll(/(?<=\S)\^\[?(\d{1,3})\]?\^?(?!\d)/g)) {
    const notes = numberList(match[1] ?? '', count, beyond);
    if (notes) found.push(candidate('caret', notes, match.index, match.index + match[0].length));
  }
  return found;
}

/** `*1` after a word or punctuation (diarists' numbered asterisks), never `2*3`. */
function asteriskNumberCandidates(text: string, count: number, beyond: number): MarkerCandidate[] {
  const found: MarkerCandidate[] = [];
  for (const match of text.matchAll(/(?<=[\p{L}.,;:!?’”"')\]])\*(\d{1,3})(?![\d\p{L}])/gu)) {
    const notes = numberList(match[1] ?? '', count, beyond);
    if (notes) found.push(candidate('asterisk-number', notes, match.index, match.index + match[0].length));
  }
  return found;
}

/** A note's symbol glued after a word or punctuation (`rule.*`, `Smith†`), never `2 * 3` or the start of a word. */
function symbolCandidates(text: string, symbols: ReadonlyMap<string, number>): MarkerCandidate[] {
  const found: MarkerCandidate[] = [];
  for (const match of text.matchAll(/\*+|†+|‡+|§+|¶|‖/g)) {
    const note = symbols.get(match[0]);
    const before = text[match.index - 1] ?? ' ';
    const after = text[match.index + match[0].length] ?? ' ';
    if (note === undefined || /[\s\d*]/.test(before) || /[\p{L}\d*]/u.test(after)) continue;
    found.push(candidate('symbol', [note], match.index, match.index + match[0].length));
  }
  return found;
}

function linkCandidates(marked: MarkerText, count: number, beyond: number): MarkerCandidate[] {
  return marked.links
    .filter((link) => link.notes.every((note) => note <= (link.notes.length === 1 ? count + beyond : count)))
    .map((link) => candidate('link', link.notes, link.start, link.end));
}

/** Every candidate of `kinds` in the text, in text order. */
export function candidatesOfKinds(marked: MarkerText, names: NoteNames, kinds: ReadonlySet<MarkerKind>): MarkerCandidate[] {
  const { text, noGlued } = marked;
  const count = names.count;
  const beyond = names.beyond ?? 0;
  // In order of preference where two read the same place: a link (`<a href="#fn1">[1]</a>`) over a
  // superscript `[1]` over a bare `[1]`.
  const found: MarkerCandidate[] = [
    ...(kinds.has('link') ? linkCandidates(marked, count, beyond) : []),
    ...(kinds.has('superscript') ? superscriptCandidates(marked, count, beyond) : []),
    ...(kinds.has('bracket') ? bracketCandidates(text, count, beyond) : []),
    ...(kinds.has('caret') ? caretCandidates(text, count, beyond) : []),
    ...(kinds.has('asterisk-number') ? asteriskNumberCandidates(text, count, beyond) : []),
    ...(kinds.has('symbol') ? symbolCandidates(text, names.symbols) : []),
    ...(kinds.has('paren') ? parenCandidates(text, count, beyond) : []),
    ...(kinds.has('glued') ? markerCandidates(text, count).filter((marker) => !inside(noGlued, marker.start, marker.end)) : []),
  ];
  // TeX between dollars (`$R^2$`, `$L^1$`) is mathematics, never a marker.
  const math = [...text.matchAll(/\$[^$\n]+\$/g)].map((match): [number, number] => [match.index, match.index + match[0].length]);
  const unique = found.filter(
    (marker, index) =>
      !inside(math, marker.start, marker.end) &&
      !found.some((other, otherIndex) => otherIndex < index && other.kind !== marker.kind && other.start < marker.end && marker.start < other.end),
  );
  return unique.sort((a, b) => a.start - b.start || a.end - b.end);
}
