import type {
  BlockContent,
  DefinitionContent,
  FootnoteDefinition,
  FootnoteReference,
  ListItem,
  Paragraph,
  Parents,
  PhrasingContent,
  Root,
  RootContent,
  Text,
} from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { type Place, report } from '../../core/rules.ts';
import { alignCandidates, type MarkerCandidate, type MarkerKind } from './align-markers.ts';
import { inlineNotesToFootnotes } from './inline-notes.ts';
import { candidatesOfKinds, type MarkerText, type NoteNames, numberList } from './marker-candidates.ts';
import { isSuperscriptText, liftSuperscriptMarks } from './marker-hint.ts';
import { type LabelStyle, type NoteLabel, noteLabel } from './note-labels.ts';
import { type NotesHeadingKind, notesHeadingKind } from './notes-heading.ts';

/** What became of the source's lines: the importer records them in its `LineFate`s. */
export interface PlainNotesResult {
  /** Source lines that became notes (fate `kept`, field `notes`). */
  noteLines: number[];
  /** The notes heading and rules around the notes: left out, with why. */
  droppedLines: { line: number; reason: string }[];
  /** Notes made and markers tied to them. */
  notes: number;
  markers: number;
}

const nothingFound: PlainNotesResult = { noteLines: [], droppedLines: [], notes: 0, markers: 0 };

/**
 * Finds notes typed by hand, without links, in a chapter body whose markup gave no real footnotes,
 * in whatever format it came from (text scrape, Markdown, HTML): a notes section near the end
 * (headed Notes, Endnotes, References… in many languages, in bold, as a heading, after a rule, or
 * a bare run of definitions at the end), its definitions in every common convention (`[1] …`,
 * `1. …`, `(1) …`, `¹ …`, `*`/`†`, …) with run-on paragraphs, and their markers in the body by
 * aligning the sequence 1…N with candidates (`[1]`, `(1)`, superscripts, digits glued to words).
 * A References list with no markers in the body is a bibliography and stays as it is.
 * Rewrites the tree in place: markers become footnote references, the section footnote definitions.
 */
export function recognisePlainNotes(tree: Root, file: VFile): PlainNotesResult {
  liftSuperscriptMarks(tree);
  const inline = inlineNotesToFootnotes(tree, nextNumber(tree));
  tree.children.push(...inline);
  // Notes the markup already made (some linked, some typed in one post) keep their numbers: typed
  // notes are taken only where their numbers do not clash.
  const scattered = scatteredNotes(tree, toUnits(tree), file);
  const madeByMarkup = new Set(tree.children.flatMap((node) => (node.type === 'footnoteDefinition' ? [node.identifier] : [])));
  let units = toUnits(tree);
  if (splitBeforeSections(tree, units, candidateSections(units))) units = toUnits(tree);
  let best: { section: Section; placed: PlacedMarkers } | undefined;
  for (const section of candidateSections(units)) {
    if (section.notes.some((note) => madeByMarkup.has(String(note.number)))) continue;
    const placed = placeMarkers(tree, units, section);
    if (!isNotesSection(section, placed)) continue;
    if (!best || placed.covered > best.placed.covered) best = { section, placed };
  }
  if (!best) return { ...scattered, notes: scattered.notes + inline.length, markers: scattered.markers + inline.length };
  const typed = rewrite(tree, units, best.section, best.placed, madeByMarkup, file);
  return {
    noteLines: [...scattered.noteLines, ...typed.noteLines],
    droppedLines: [...scattered.droppedLines, ...typed.droppedLines],
    notes: typed.notes + scattered.notes + inline.length,
    markers: typed.markers + scattered.markers + inline.length,
  };
}

/** The number after the highest numbered note the tree has. */
function nextNumber(tree: Root): number {
  const numbers = tree.children.flatMap((node) => (node.type === 'footnoteDefinition' && /^\d+$/.test(node.identifier) ? [Number(node.identifier)] : []));
  return Math.max(0, ...numbers) + 1;
}

/** A unified plugin around `recognisePlainNotes`. */
export function remarkPlainNotes() {
  return (tree: Root, file: VFile) => {
    recognisePlainNotes(tree, file);
  };
}

// ————— The body as units: lines of paragraphs, headings, list items, rules, other blocks —————

type UnitKind = 'line' | 'heading' | 'item' | 'rule' | 'block' | 'comment';

interface Unit {
  kind: UnitKind;
  /** Index of the top-level node it belongs to. */
  top: number;
  /** Its place in that node: the line of a paragraph, the item of a list. */
  part: number;
  node: RootContent | ListItem;
  /** A line's or heading's phrasing; an item's first paragraph. */
  content: PhrasingContent[];
  text: string;
  /** An ordered list item's number. */
  ordinal: number | undefined;
  lines: [number, number] | undefined;
}

function toUnits(tree: Root): Unit[] {
  const units: Unit[] = [];
  tree.children.forEach((node, top) => {
    const base = { top, node, ordinal: undefined, lines: linesOf(node) };
    if (node.type === 'paragraph') {
      paragraphLines(node).forEach((line, part) => {
        units.push({ ...base, kind: 'line', part, content: line.content, text: phrasingText(line.content), lines: line.lines });
      });
    } else if (node.type === 'heading') {
      units.push({ ...base, kind: 'heading', part: 0, content: node.children, text: phrasingText(node.children) });
    } else if (node.type === 'thematicBreak') {
      units.push({ ...base, kind: 'rule', part: 0, content: [], text: '' });
    } else if (node.type === 'list') {
      node.children.forEach((item, part) => {
        const first = item.children[0];
        const content = first?.type === 'paragraph' ? first.children : [];
        const ordinal = node.ordered ? (node.start ?? 1) + part : undefined;
        units.push({ kind: 'item', top, part, node: item, content, text: phrasingText(content), ordinal, lines: linesOf(item) });
      });
    } else if ((node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim())) || node.type === 'footnoteDefinition') {
      // Comments (a commented-out template of notes) and notes the markup made are passed over.
      units.push({ ...base, kind: 'comment', part: 0, content: [], text: '' });
    } else {
      units.push({ ...base, kind: 'block', part: 0, content: [], text: '' });
    }
  });
  return units;
}

function linesOf(node: { position?: { start: { line: number }; end: { line: number } } | undefined }): [number, number] | undefined {
  return node.position ? [node.position.start.line, node.position.end.line] : undefined;
}

function phrasingText(content: readonly PhrasingContent[]): string {
  return content.map((node) => plainText(node, { includeHtml: false, includeImageAlt: false })).join('');
}

/** A paragraph's lines: its soft line endings and hard breaks (`<br>`) end lines. */
function paragraphLines(paragraph: Paragraph): { content: PhrasingContent[]; lines: [number, number] | undefined }[] {
  const lines: { content: PhrasingContent[]; lines: [number, number] | undefined }[] = [];
  let line = paragraph.position?.start.line;
  let current: PhrasingContent[] = [];
  const close = () => {
    lines.push({ content: current, lines: line === undefined ? undefined : [line, line] });
    current = [];
    if (line !== undefined) line++;
  };
  for (const child of paragraph.children) {
    if (child.type === 'break') {
      close();
      continue;
    }
    if (child.type !== 'text' || !child.value.includes('\n')) {
      if (current.length === 0 && child.position) line = child.position.start.line;
      current.push(child);
      continue;
    }
    const start = child.position?.start;
    child.value.split('\n').forEach((piece, index) => {
      if (index > 0) close();
      if (piece === '') return;
      const clone: Text = { ...child, value: piece };
      if (start) {
        const at = { line: start.line + index, column: index === 0 ? start.column : 1 };
        clone.position = { start: at, end: { line: at.line, column: at.column + piece.length } };
        if (current.length === 0) line = at.line;
      } else delete clone.position;
      current.push(clone);
    });
  }
  close();
  // A line that holds nothing (a break at the very end) is no line.
  return lines.filter((entry, index) => entry.content.length > 0 || index === 0);
}

// ————— The notes section —————

interface ParsedNote {
  label: NoteLabel;
  /** The note's number, or the position of a symbol note. */
  number: number;
  units: Unit[];
}

interface Section {
  kind: NotesHeadingKind | 'headless';
  /** First unit of the section (its heading, or the rule before it). */
  start: number;
  /** One past the last unit the notes took. */
  end: number;
  notes: ParsedNote[];
  /** The heading and rules: left out of the chapter. */
  dropped: Unit[];
}

function headingKindOf(unit: Unit | undefined): NotesHeadingKind | undefined {
  if (!unit || (unit.kind !== 'heading' && unit.kind !== 'line')) return undefined;
  // A line is a heading only when it is nothing but words, perhaps in bold: `**References**`, `Notes:`.
  if (unit.kind === 'line' && !unit.content.every((node) => ['text', 'strong', 'emphasis'].includes(node.type))) return undefined;
  return notesHeadingKind(unit.text);
}

/** The label of a unit that starts a note: the list's own number, a link back to the marker, or the typed label. */
function labelOf(unit: Unit | undefined): NoteLabel | undefined {
  if (!unit || (unit.kind !== 'line' && unit.kind !== 'item')) return undefined;
  if (unit.ordinal !== undefined) return { style: 'list', number: unit.ordinal, symbol: undefined, length: 0 };
  const first = unit.content[0];
  if (first?.type === 'link' && first.url.startsWith('#')) {
    const linkText = phrasingText([first]);
    const number = /^[\s\u00a0]*[[(]?(\d{1,3})[\])]?[\s\u00a0]*$/.exec(linkText)?.[1];
    if (number) {
      const after = /^[.:)]?[\s\u00a0]*/.exec(unit.text.slice(linkText.length))?.[0] ?? '';
      return { style: 'bracket', number: Number(number), symbol: undefined, length: linkText.length + after.length };
    }
  }
  return noteLabel(unit.text);
}

const strongLabels = new Set<LabelStyle>(['bracket', 'paren', 'colon', 'superscript', 'caret', 'asterisk-number', 'list']);

function compatible(style: LabelStyle, label: NoteLabel): boolean {
  return label.style === style || (style === 'dot' && label.style === 'list') || (style === 'list' && label.style === 'dot');
}

/** Whether `label` starts the next note rather than being a line of the note before (`2. the second point…`). */
function isNextLabel(label: NoteLabel, notes: readonly ParsedNote[]): boolean {
  if (label.style === 'symbol') return !notes.some((note) => note.label.symbol === label.symbol);
  const number = label.number ?? 0;
  const previous = notes.at(-1)?.number ?? 0;
  if (notes.some((note) => note.number === number)) return false;
  if (number === previous + 1) return true;
  // A gap or a note out of order happens in typed lists; bare numbers are too weak for it.
  return label.style !== 'bare' && number >= 1 && number <= previous + (strongLabels.has(label.style) ? 6 : 3);
}

/** The notes from unit `from` on, as far as they go; undefined when no note starts there. */
function readNotes(units: readonly Unit[], from: number, headed: boolean): (Omit<Section, 'kind' | 'start'> & { intro: number }) | undefined {
  const dropped: Unit[] = [];
  let index = from;
  let intro = 0;
  for (; index < units.length; index++) {
    const unit = units[index] as Unit;
    if (unit.kind === 'rule') dropped.push(unit);
    else if (unit.kind === 'comment') continue;
    // Under a heading, a line or two may come before the notes (`All links accessed May 2020.`): they stay in the body.
    else if (headed && intro < 2 && !labelOf(unit) && (unit.kind === 'line' || unit.kind === 'block') && !headingKindOf(unit)) intro++;
    else break;
  }
  const first = labelOf(units[index]);
  if (!first) return undefined;
  const startsAtOne = first.style === 'symbol' || first.number === 1;
  // Under a heading the notes may continue a numbering (`[5]` in a later chapter); bare numbers must start at 1.
  if (!startsAtOne && (!headed || first.style === 'bare' || (first.number ?? 0) > 20)) return undefined;
  const style = first.style;
  const notes: ParsedNote[] = [];
  let end = index;
  for (; index < units.length; index++) {
    const unit = units[index] as Unit;
    if (unit.kind === 'heading' || headingKindOf(unit)) break;
    if (unit.kind === 'comment') continue;
    if (unit.kind === 'rule') {
      const next = units.slice(index + 1).find((later) => later.kind !== 'comment');
      const label = labelOf(next);
      if (label && compatible(style, label) && isNextLabel(label, notes)) {
        dropped.push(unit);
        continue;
      }
      break;
    }
    const label = labelOf(unit);
    if (label && compatible(style, label) && isNextLabel(label, notes)) {
      notes.push({ label, number: label.number ?? notes.length + 1, units: [unit] });
      end = index + 1;
      continue;
    }
    // Run-on paragraphs belong to the note before; a numbered list ends where the list does.
    if (notes.length === 0 || style === 'list' || unit.kind === 'item') break;
    notes.at(-1)?.units.push(unit);
    end = index + 1;
  }
  return notes.length > 0 ? { end, notes, dropped: intro > 0 ? [] : dropped, intro } : undefined;
}

/** Every place a notes section could be: under each notes heading, and a bare run of notes closing the body. */
function candidateSections(units: readonly Unit[]): Section[] {
  const sections: Section[] = [];
  units.forEach((unit, index) => {
    const kind = headingKindOf(unit);
    if (!kind) return;
    const notes = readNotes(units, index + 1, true);
    if (!notes) return;
    // The heading and the rule before it go, unless lines under the heading stay in the body.
    const ruleBefore = units[index - 1]?.kind === 'rule' ? [units[index - 1] as Unit] : [];
    const dropped = notes.intro > 0 ? [] : [...ruleBefore, unit, ...notes.dropped];
    sections.push({ kind, start: index - ruleBefore.length, end: notes.end, notes: notes.notes, dropped });
  });
  const lastContent = units.findLastIndex((unit) => unit.kind !== 'comment' && unit.kind !== 'rule');
  for (let index = lastContent; index >= 0; index--) {
    const label = labelOf(units[index]);
    // A bare run of notes starts a paragraph (or a list); never in the middle of one.
    if (!label || (label.style !== 'symbol' && label.number !== 1) || (units[index] as Unit).part > 0) continue;
    const notes = readNotes(units, index, false);
    if (notes && notes.end > lastContent) {
      const ruleBefore = units[index - 1]?.kind === 'rule' ? [units[index - 1] as Unit] : [];
      sections.push({ kind: 'headless', start: index - ruleBefore.length, end: notes.end, notes: notes.notes, dropped: [...ruleBefore, ...notes.dropped] });
      break;
    }
  }
  return sections;
}

/**
 * A section that starts inside a paragraph (`…the end.\n**Notes**\n[1] …` typed without blank
 * lines) gets a paragraph of its own, so that the body and the notes are whole nodes.
 */
function splitBeforeSections(tree: Root, units: readonly Unit[], sections: readonly Section[]): boolean {
  const starts = new Set(sections.map((section) => units[section.start] as Unit).filter((unit) => unit.kind === 'line' && unit.part > 0));
  for (const start of [...starts].sort((a, b) => b.top - a.top)) {
    const paragraph = tree.children[start.top] as Paragraph;
    const lines = units.filter((unit) => unit.top === start.top);
    const joined = (part: readonly Unit[]) =>
      part.flatMap((unit, index) => (index === 0 ? unit.content : [{ type: 'text', value: '\n' } as Text, ...unit.content]));
    const before: Paragraph = { type: 'paragraph', children: joined(lines.slice(0, start.part)) };
    const after: Paragraph = { type: 'paragraph', children: joined(lines.slice(start.part)) };
    if (paragraph.position && start.lines) {
      before.position = { start: paragraph.position.start, end: { line: start.lines[0] - 1, column: 1 } };
      after.position = { start: { line: start.lines[0], column: 1 }, end: paragraph.position.end };
    }
    tree.children.splice(start.top, 1, before, after);
  }
  return starts.size > 0;
}

// ————— Markers —————

interface Segment {
  start: number;
  end: number;
  /** A text node, or a link to a place in the page that reads as a marker. */
  node: Text | PhrasingContent;
  parent: Parents;
}

interface PlacedMarkers {
  markers: MarkerCandidate[];
  segments: Segment[];
  /** Notes with at least one marker. */
  covered: number;
  /** Whether the markers are of a kind that is evidence on its own (`[1]`, superscript), not digits glued to words. */
  strong: boolean;
  /** Markers that point to a note already pointed to. */
  repeated: Set<MarkerCandidate>;
}

/** The marker kinds to look for, given how the notes are labelled: groups tried separately, the best kept. */
function kindGroups(style: LabelStyle, headless: boolean): MarkerKind[][] {
  const explicit: MarkerKind[] = ['bracket', 'link', 'superscript', 'caret'];
  switch (style) {
    case 'symbol':
      return [['symbol']];
    case 'asterisk-number':
      return [['asterisk-number', 'superscript']];
    case 'superscript':
    case 'caret':
      return [['superscript', 'caret', 'link']];
    case 'paren':
      return headless ? [['paren', 'superscript']] : [[...explicit, 'paren']];
    case 'bracket':
    case 'colon':
      return headless ? [['bracket', 'link']] : [explicit];
    default:
      // With no heading to say these are notes, `1. …` at the end must be pointed to as such notes
      // are (superscript, digits glued to words), not by `[1]`, which points to a list elsewhere.
      return headless ? [['superscript', 'link'], ['paren'], ['glued']] : [explicit, ['paren'], ['glued']];
  }
}

function placeMarkers(tree: Root, units: readonly Unit[], section: Section): PlacedMarkers {
  const first = units[section.start] as Unit;
  // Markers are looked for before the notes; a section starting inside a node was split off before this.
  const marked = markerText(tree, tree.children.slice(0, first.top));
  const defined = new Set(section.notes.map((note) => note.number));
  const names: NoteNames = {
    count: Math.max(...defined),
    symbols: new Map(section.notes.flatMap((note) => (note.label.symbol ? [[note.label.symbol, note.number] as const] : []))),
  };
  let best: PlacedMarkers | undefined;
  for (const kinds of kindGroups(section.notes[0]?.label.style ?? 'bracket', section.kind === 'headless')) {
    const kindSet = new Set(kinds);
    const strong = !kindSet.has('glued') && !kindSet.has('paren');
    // Explicit markers are looked for a little past the last note, to report a marker with no note.
    const lookFor = strong ? { ...names, beyond: 3 } : names;
    const candidates = candidatesOfKinds(marked, lookFor, kindSet);
    const { markers: chain } = alignCandidates(candidates, names.count + (lookFor.beyond ?? 0));
    // Markers off the chain count only for notes there are: a stray `[12]` is not a marker with no note.
    const offChain = candidates.filter((candidate) => candidate.notes.every((note) => note <= names.count));
    const markers = strong && chain.length > 0 ? withRepeats(chain, offChain) : chain;
    const seen = new Set<number>();
    const repeated = new Set<MarkerCandidate>();
    for (const marker of markers) {
      if (marker.notes.every((note) => seen.has(note))) repeated.add(marker);
      for (const note of marker.notes) seen.add(note);
    }
    const covered = [...defined].filter((note) => seen.has(note)).length;
    if (!best || covered > best.covered) best = { markers, segments: marked.segments, covered, strong, repeated };
  }
  return best as PlacedMarkers;
}

/** Explicit markers the chain left out: a note pointed to again (`[1] … [1]`), or first pointed to out of order. */
function withRepeats(chain: readonly MarkerCandidate[], candidates: readonly MarkerCandidate[]): MarkerCandidate[] {
  const kinds = new Set(chain.map((marker) => marker.kind));
  const extra = candidates.filter((candidate) => !chain.includes(candidate) && kinds.has(candidate.kind));
  return [...chain, ...extra].sort((a, b) => a.start - b.start);
}

/** Whether the notes are notes: a Notes heading says so; a References list or a bare run needs markers in the text. */
function isNotesSection(section: Section, placed: PlacedMarkers): boolean {
  const count = section.notes.length;
  if (section.kind === 'notes') return true;
  if (section.kind === 'references') return placed.strong && placed.covered >= Math.max(1, Math.ceil(count / 5));
  if (placed.strong) return placed.covered >= Math.max(1, Math.ceil((count * 2) / 3));
  return count >= 2 && placed.covered === count;
}

const linkMarkerText = /^[\s\u00a0]*[[(]?(\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*)[\])]?[\s\u00a0]*$/;
// `[reference 3](#fn3)`: a named marker, taken only in brackets or superscript (in a sentence it is a cross-reference).
const namedLinkMarkerText = /^[\s\u00a0]*(?:ref(?:erence)?|note|fn|footnote|n)\.?[\s\u00a0]*(\d{1,3})[\s\u00a0]*$/i;
const skippedTypes = new Set([
  'code',
  'inlineCode',
  'html',
  'math',
  'inlineMath',
  'image',
  'imageReference',
  'definition',
  'footnoteReference',
  'yaml',
  'toml',
]);

/** The text of the body before the notes section, with the segments it came from and what the markup said about it. */
function markerText(tree: Root, nodes: readonly RootContent[], onNode?: (node: RootContent, offset: number) => void): MarkerText & { segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  const superscripts: [number, number][] = [];
  const links: { start: number; end: number; notes: number[] }[] = [];
  const noGlued: [number, number][] = [];
  const visit = (node: RootContent | PhrasingContent | ListItem, parent: Parents, glued: boolean) => {
    if (skippedTypes.has(node.type)) return;
    if (node.type === 'text') {
      const start = text.length;
      text += node.value;
      segments.push({ start, end: text.length, node, parent });
      if (isSuperscriptText(node)) superscripts.push([start, text.length]);
      if (!glued) noGlued.push([start, text.length]);
      return;
    }
    if (node.type === 'break') {
      text += '\n';
      return;
    }
    if (node.type === 'link' || node.type === 'linkReference') {
      const linkText = phrasingText(node.children);
      const set = isSetOff(node, parent);
      const numbers = linkMarkerText.exec(linkText)?.[1] ?? (set ? namedLinkMarkerText.exec(linkText)?.[1] : undefined);
      if (node.type === 'link' && node.url.startsWith('#') && numbers) {
        const start = text.length;
        text += linkText;
        segments.push({ start, end: text.length, node, parent });
        links.push({ start, end: text.length, notes: numberList(numbers, 999) ?? [] });
        return;
      }
      // A link's words are never a marker (a marker there would take the link's address with it); a
      // stand-in keeps a marker after it glued to a word.
      text += 'link';
      return;
    }
    if ('children' in node) {
      const isBlock = node.type !== 'strong' && node.type !== 'emphasis' && node.type !== 'delete';
      const own = glued && node.type !== 'heading' && node.type !== 'leafDirective' && node.type !== 'tableCell';
      for (const child of node.children as (PhrasingContent | RootContent)[]) visit(child, node as Parents, own);
      if (isBlock) text += '\n\n';
    }
  };
  for (const node of nodes) {
    onNode?.(node, text.length);
    visit(node, tree, true);
  }
  return { text, segments, superscripts, links, noGlued };
}

/** A link in brackets (`[[1](#fn1)]`) or superscript: its brackets go with it. */
function setOffBy(node: PhrasingContent, parent: Parents): { before: Text; after: Text } | undefined {
  const siblings = parent.children as PhrasingContent[];
  const index = siblings.indexOf(node);
  const before = siblings[index - 1];
  const after = siblings[index + 1];
  if (before?.type !== 'text' || after?.type !== 'text') return undefined;
  const opening = /[[(]$/.exec(before.value)?.[0];
  const closing = after.value[0];
  return (opening === '[' && closing === ']') || (opening === '(' && closing === ')') ? { before, after } : undefined;
}

function isSetOff(node: PhrasingContent, parent: Parents): boolean {
  return setOffBy(node, parent) !== undefined || (node.data as { superscript?: boolean } | undefined)?.superscript === true;
}

// ————— Notes set right after the text they belong to —————

// `[Footnote 3: …]` (Distributed Proofreaders, Project Gutenberg), closed by its bracket, and `(*) …`
// under the paragraph it annotates: both are notes wherever they stand.
const footnoteBlock = /^[\s\u00a0]*\[(?:Footnote|Fn\.?)[\s\u00a0]*(\d{1,3}|[A-Za-z]|[*†‡§])[\s\u00a0]*[:.][\s\u00a0]*/i;
const parenSymbol = /^[\s\u00a0]*\(([*†‡§]{1,3})\)[\s\u00a0]+/;

interface ScatteredNote extends ParsedNote {
  /** What a marker for it reads: `3` for `[3]`, `*` for `(*)`. */
  key: string;
  block: boolean;
}

/** The notes of those two kinds, each paired with the nearest marker before it that no other note took. */
function scatteredNotes(tree: Root, units: readonly Unit[], file: VFile): PlainNotesResult {
  const notes = scatteredDefinitions(units);
  if (notes.length === 0) return nothingFound;
  const noteTops = new Set(notes.flatMap((note) => note.units.map((unit) => unit.top)));
  const nodeOffsets = new Map<number, number>();
  const body = tree.children.filter((_, top) => !noteTops.has(top));
  const marked = markerText(tree, body, (node, offset) => nodeOffsets.set(tree.children.indexOf(node), offset));
  const offsetOf = (note: ScatteredNote) => {
    const top = note.units[0]?.top ?? 0;
    const after = [...nodeOffsets].find(([nodeTop]) => nodeTop > top);
    return after ? after[1] : marked.text.length;
  };
  const markers = [...marked.text.matchAll(/\[(\d{1,3}|[A-Za-z])\]|\(([*†‡§]{1,3})\)/g)].map((match) => ({
    key: match[1] ?? match[2] ?? '',
    block: match[1] !== undefined,
    start: match.index,
    end: match.index + match[0].length,
  }));
  const keys = notes.map((note) => note.key);
  const renumber = new Set(keys).size !== keys.length || !keys.every((key) => /^\d+$/.test(key));
  const byNode = new Map<Segment, { marker: MarkerCandidate; notes: number[] }[]>();
  let markerCount = 0;
  notes.forEach((note, index) => {
    note.number = renumber ? index + 1 : Number(note.key);
    // Its markers: those since the note before with the same label (`(*)` after three names, one `(*)` note).
    const before = offsetOf(note);
    const previous = notes.slice(0, index).findLast((other) => other.key === note.key && other.block === note.block);
    const after = previous ? offsetOf(previous) : -1;
    const own = markers.filter(
      (candidate) => candidate.start >= after && candidate.start < before && candidate.key === note.key && candidate.block === note.block,
    );
    if (own.length === 0) {
      report(file, 'note-unreferenced', `note ${note.key} has no marker before it in the text; it is kept`, placeOfUnit(note.units[0]));
      return;
    }
    own.forEach((marker, position) => {
      const segment = marked.segments.find((entry) => entry.start <= marker.start && marker.end <= entry.end);
      if (!segment) return;
      if (position === 1)
        report(file, 'note-marker-repeated', `marker (${note.key}) is used ${own.length} times: each points to the same note`, placeOf(segment, marker.start));
      const candidate: MarkerCandidate = { note: note.number, notes: [note.number], start: marker.start, end: marker.end, afterYear: false, kind: 'bracket' };
      byNode.set(segment, [...(byNode.get(segment) ?? []), { marker: candidate, notes: [note.number] }]);
      markerCount++;
    });
  });
  for (const [segment, placed] of byNode)
    replaceMarkers(
      segment,
      placed.sort((a, b) => a.marker.start - b.marker.start),
    );
  const definitions = notes.map((note) => {
    const definition = definitionOf(note);
    if (note.block) withoutClosingBracket(definition);
    return definition;
  });
  const taken = new Set(notes.flatMap((note) => note.units));
  removeUnits(tree, units, taken);
  tree.children.push(...definitions);
  const noteLines = [...taken].flatMap((unit) => linesBetween(unit.lines));
  return { noteLines: [...new Set(noteLines)], droppedLines: [], notes: definitions.length, markers: markerCount };
}

/** The `[Footnote n: …]` blocks (to their closing bracket, over several paragraphs if need be) and `(*) …` paragraphs. */
function scatteredDefinitions(units: readonly Unit[]): ScatteredNote[] {
  const notes: ScatteredNote[] = [];
  for (let index = 0; index < units.length; index++) {
    const unit = units[index] as Unit;
    if (unit.kind !== 'line' || unit.part !== 0) continue;
    const block = footnoteBlock.exec(unit.text);
    const symbol = block ? undefined : parenSymbol.exec(unit.text);
    const match = block ?? symbol;
    if (!match?.[1]) continue;
    const label: NoteLabel = { style: block ? 'bracket' : 'symbol', number: undefined, symbol: block ? undefined : match[1], length: match[0].length };
    const taken = [unit];
    if (block) {
      // To the bracket that closes `[Footnote`: brackets inside the note are balanced.
      let depth = 0;
      let closed = false;
      for (let next = index; next < units.length && next < index + 40 && !closed; next++) {
        const line = units[next] as Unit;
        if (next > index) {
          if (line.kind !== 'line' && line.kind !== 'block') break;
          taken.push(line);
        }
        for (const char of line.text) {
          if (char === '[') depth++;
          else if (char === ']' && --depth === 0) closed = true;
        }
      }
      if (!closed) continue;
    } else {
      taken.push(...units.slice(index + 1).filter((line) => line.top === unit.top));
    }
    notes.push({ key: block ? match[1] : match[1], block: block !== null, label, number: 0, units: taken });
    index = units.indexOf(taken.at(-1) as Unit);
  }
  return notes;
}

/** `[Footnote 3: … text.]`: the closing bracket goes with the label. */
function withoutClosingBracket(definition: FootnoteDefinition): void {
  const last = definition.children.at(-1);
  if (last?.type !== 'paragraph') return;
  const text = last.children.findLast((child) => child.type === 'text');
  if (text) text.value = text.value.replace(/\][\s\u00a0]*$/, '');
}

// ————— Rewriting the tree —————

function rewrite(
  tree: Root,
  units: readonly Unit[],
  section: Section,
  placed: PlacedMarkers,
  madeByMarkup: ReadonlySet<string>,
  file: VFile,
): PlainNotesResult {
  const defined = new Map(section.notes.map((note) => [note.number, note]));
  const referenced = new Set<number>();
  const byNode = new Map<Segment, { marker: MarkerCandidate; notes: number[] }[]>();
  let markerCount = 0;
  for (const marker of placed.markers) {
    const segment = placed.segments.find((entry) => entry.start <= marker.start && marker.end <= entry.end);
    if (!segment) continue;
    const undefinedNotes = marker.notes.filter((note) => !defined.has(note));
    if (undefinedNotes.length > 0) {
      report(file, 'note-undefined', `marker ${undefinedNotes.join(', ')} has no note text; it is left as text`, placeOf(segment, marker.start));
      continue;
    }
    if (placed.repeated.has(marker)) {
      report(file, 'note-marker-repeated', `marker ${marker.notes.join(', ')} is used again: it points to the same note`, placeOf(segment, marker.start));
    }
    byNode.set(segment, [...(byNode.get(segment) ?? []), { marker, notes: marker.notes }]);
    for (const note of marker.notes) referenced.add(note);
    markerCount++;
  }
  for (const [segment, markers] of byNode) replaceMarkers(segment, markers);

  const definitions = section.notes.map((note) => definitionOf(note));
  section.notes.forEach((note, index) => {
    const place = placeOfUnit(note.units[0]);
    // The next number, passing over those the markup's own notes have.
    let expected = (section.notes[index - 1]?.number ?? 0) + 1;
    while (madeByMarkup.has(String(expected))) expected++;
    if (note.label.style !== 'symbol' && note.number !== expected) {
      report(file, 'note-out-of-order', outOfOrder(note.number, expected, index), place);
    }
    if (!referenced.has(note.number)) {
      const text = plainText(definitions[index] as FootnoteDefinition).slice(0, 40);
      report(file, 'note-unreferenced', `note ${note.number} (“${text}”) has no marker in the text; it is kept`, place);
    }
  });

  const taken = new Set(section.notes.flatMap((note) => note.units));
  removeSection(tree, units, section, taken);
  const all = [...tree.children.filter((node) => node.type === 'footnoteDefinition'), ...definitions];
  tree.children = [...tree.children.filter((node) => node.type !== 'footnoteDefinition'), ...all.sort(byNumber)];

  const noteLines = [...taken].flatMap((unit) => linesBetween(unit.lines));
  const droppedLines = section.dropped.flatMap((unit) =>
    linesBetween(unit.lines).map((line) => ({
      line,
      reason: unit.kind === 'rule' ? 'rule before the notes: notes become footnotes' : `the “${unit.text.trim()}” heading: notes become footnotes`,
    })),
  );
  return { noteLines: [...new Set(noteLines)], droppedLines, notes: definitions.length, markers: markerCount };
}

function outOfOrder(number: number, expected: number, index: number): string {
  if (number < expected) return `note ${number} is number ${index + 1} in the list of notes, after a higher number`;
  const gap = number - expected === 1 ? `note ${expected} is` : `notes ${expected}–${number - 1} are`;
  return `note ${number} is number ${index + 1} in the list of notes: ${gap} not in the list`;
}

function byNumber(a: FootnoteDefinition, b: FootnoteDefinition): number {
  return Number(a.identifier) - Number(b.identifier) || a.identifier.localeCompare(b.identifier);
}

function linesBetween(range: [number, number] | undefined): number[] {
  if (!range) return [];
  return Array.from({ length: range[1] - range[0] + 1 }, (_, index) => range[0] + index);
}

function placeOf(segment: Segment, offset: number): Place {
  const start = segment.node.position?.start;
  if (!start) return { line: 1, column: 1 };
  const before = segment.node.type === 'text' ? segment.node.value.slice(0, offset - segment.start) : '';
  const lines = before.split('\n');
  return lines.length > 1
    ? { line: start.line + lines.length - 1, column: (lines.at(-1)?.length ?? 0) + 1 }
    : { line: start.line, column: start.column + before.length };
}

function placeOfUnit(unit: Unit | undefined): Place {
  const start = unit?.node.position?.start;
  if (unit?.kind === 'line' && unit.lines) return { line: unit.lines[0], column: unit.part === 0 ? (start?.column ?? 1) : 1 };
  return start ? { line: start.line, column: start.column } : { line: unit?.lines?.[0] ?? 1, column: 1 };
}

function reference(note: number): FootnoteReference {
  return { type: 'footnoteReference', identifier: String(note), label: String(note) };
}

/** Replaces the markers in a text node (or the link that is one) with footnote references. */
function replaceMarkers(segment: Segment, markers: readonly { marker: MarkerCandidate; notes: number[] }[]): void {
  const { node, parent } = segment;
  const index = (parent.children as PhrasingContent[]).indexOf(node);
  if (index < 0) return;
  const glued = markers.every(({ marker }) => marker.kind === 'glued');
  if (node.type !== 'text') {
    const brackets = setOffBy(node, parent);
    if (brackets) {
      brackets.before.value = brackets.before.value.slice(0, -1);
      brackets.after.value = brackets.after.value.slice(1);
    }
    const references = markers.flatMap(({ notes }) => notes.map(reference));
    (parent.children as PhrasingContent[]).splice(index, 1, ...references);
    trimBefore(parent, index);
    return;
  }
  const pieces: PhrasingContent[] = [];
  let position = 0;
  for (const { marker, notes } of markers) {
    let before = node.value.slice(position, marker.start - segment.start);
    // `premium features. [1]`: the reference follows the word it belongs to.
    if (marker.kind !== 'glued') before = before.replace(/[ \t\u00a0\n]+$/, '');
    if (before !== '') pieces.push({ type: 'text', value: before });
    pieces.push(...notes.map(reference));
    position = marker.end - segment.start;
  }
  const after = node.value.slice(position);
  if (after !== '') pieces.push({ type: 'text', value: after });
  const [first] = pieces;
  if (first?.type === 'text' && node.position) first.position = node.position;
  (parent.children as PhrasingContent[]).splice(index, 1, ...pieces);
  if (!glued && markers[0] && markers[0].marker.start === segment.start) trimBefore(parent, index);
}

function trimBefore(parent: Parents, index: number): void {
  const previous = (parent.children as PhrasingContent[])[index - 1];
  if (previous?.type === 'text') previous.value = previous.value.replace(/[ \t\u00a0\n]+$/, '');
}

const backLink = /^(?:[↩↑⤴^]\uFE0E?\uFE0F?|back|return|top)$/i;

/** A note as a footnote definition: its label taken off, run-on lines and paragraphs kept, a link back to the text dropped. */
function definitionOf(note: ParsedNote): FootnoteDefinition {
  const children: (BlockContent | DefinitionContent)[] = [];
  let paragraph: Paragraph | undefined;
  let previous: Unit | undefined;
  note.units.forEach((unit, index) => {
    const content = index === 0 ? withoutLeadingText(unit.content, note.label.length) : unit.content;
    if (unit.kind === 'line') {
      if (paragraph && previous?.kind === 'line' && previous.top === unit.top) paragraph.children.push({ type: 'text', value: '\n' }, ...content);
      else {
        paragraph = { type: 'paragraph', children: [...content] };
        children.push(paragraph);
      }
    } else if (unit.kind === 'item') {
      const item = unit.node as ListItem;
      const [first, ...rest] = item.children;
      if (first?.type === 'paragraph') children.push({ ...first, children: content }, ...rest);
      else children.push(...item.children);
      paragraph = undefined;
    } else {
      children.push(unit.node as BlockContent);
      paragraph = undefined;
    }
    previous = unit;
  });
  const last = children.at(-1);
  if (last?.type === 'paragraph') withoutBackLink(last);
  if (children.length === 1 && last?.type === 'paragraph') withoutWrappingBrackets(last);
  const nonEmpty = children.filter((child) => child.type !== 'paragraph' || phrasingText(child.children).trim() !== '');
  const identifier = String(note.number);
  return { type: 'footnoteDefinition', identifier, label: identifier, children: nonEmpty.length > 0 ? nonEmpty : [{ type: 'paragraph', children: [] }] };
}

/** The content without its first `length` characters of text (a note's label), and without space left at its start. */
function withoutLeadingText(content: readonly PhrasingContent[], length: number): PhrasingContent[] {
  let remaining = length;
  const trim = (nodes: readonly PhrasingContent[]): PhrasingContent[] => {
    const kept: PhrasingContent[] = [];
    for (const node of nodes) {
      if (remaining <= 0) kept.push(node);
      else if (node.type === 'text') {
        const value = node.value.slice(remaining);
        remaining -= node.value.length - value.length;
        if (value !== '') kept.push({ ...node, value });
      } else if ('children' in node) {
        const children = trim(node.children as PhrasingContent[]);
        if (children.length > 0) kept.push({ ...node, children } as PhrasingContent);
      } else if ('value' in node) {
        remaining -= node.value.length;
      } else kept.push(node);
    }
    return kept;
  };
  const kept = trim(content);
  const first = kept[0];
  if (first?.type === 'text') kept[0] = { ...first, value: first.value.replace(/^[\s\u00a0]+/, '') };
  return kept;
}

/** `[1] [https://example.org/page]`: a note that is only an address in brackets is the address. */
function withoutWrappingBrackets(paragraph: Paragraph): void {
  const first = paragraph.children[0];
  const last = paragraph.children.at(-1);
  if (first?.type !== 'text' || last?.type !== 'text' || first === last) return;
  if (!/^\s*\[$/.test(first.value) || !/^\]\s*$/.test(last.value)) return;
  if (!paragraph.children.slice(1, -1).every((child) => child.type === 'link')) return;
  paragraph.children = paragraph.children.slice(1, -1);
}

/** Drops `[↩](#fn1a)` (a link or, inside raw HTML, its Markdown left as text) and an arrow at the end of a note. */
function withoutBackLink(paragraph: Paragraph): void {
  const children = paragraph.children;
  for (;;) {
    const last = children.at(-1);
    if (last?.type === 'text') {
      last.value = last.value.replace(/[\s\u00a0]*(?:\[(?:[↩↑⤴^]\uFE0E?\uFE0F?|back|return)\]\(#[^)\s]*\)|[↩↑⤴]\uFE0E?\uFE0F?)?[\s\u00a0]*$/i, '');
      if (last.value === '') {
        children.pop();
        continue;
      }
      return;
    }
    if (last?.type === 'link' && last.url.startsWith('#') && backLink.test(phrasingText(last.children).trim())) {
      children.pop();
      continue;
    }
    return;
  }
}

/** Takes the notes section out of the tree: the units the notes took and the heading and rules; anything else stays. */
function removeSection(tree: Root, units: readonly Unit[], section: Section, taken: ReadonlySet<Unit>): void {
  removeUnits(tree, units, new Set([...taken, ...section.dropped]));
}

/** Takes `gone` out of the tree: a node all of whose units went is removed, a paragraph or list that kept some keeps those. */
function removeUnits(tree: Root, units: readonly Unit[], gone: ReadonlySet<Unit>): void {
  const tops = [...new Set([...gone].map((unit) => unit.top))].sort((a, b) => b - a);
  for (const top of tops) {
    const node = tree.children[top] as RootContent;
    const ofNode = units.filter((unit) => unit.top === top);
    const left = ofNode.filter((unit) => !gone.has(unit));
    if (left.length === ofNode.length) continue;
    if (left.length === 0) tree.children.splice(top, 1);
    else if (node.type === 'paragraph') {
      const children = left.flatMap((unit, index) => (index === 0 ? unit.content : [{ type: 'text', value: '\n' } as Text, ...unit.content]));
      tree.children[top] = { ...node, children };
    } else if (node.type === 'list') {
      tree.children[top] = { ...node, children: left.map((unit) => unit.node as ListItem) };
    }
  }
}
