import type { FootnoteDefinition, Root } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { alignCandidates, type MarkerCandidate, type MarkerKind } from './align-markers.ts';
import { inlineNotesToFootnotes } from './inline-notes.ts';
import { candidatesOfKinds, type NoteNames } from './marker-candidates.ts';
import { liftSuperscriptMarks } from './marker-hint.ts';
import { markerText, placeOf, replaceMarkers, type Segment } from './marker-text.ts';
import { definitionOf } from './note-definitions.ts';
import type { LabelStyle } from './note-labels.ts';
import { linesBetween, type PlainNotesResult, placeOfUnit, removeUnits, toUnits, type Unit, type UnitReader, unitReader } from './note-units.ts';
import { candidateSections, type Section, splitBeforeSections } from './notes-section.ts';
import { scatteredNotes } from './scattered-notes.ts';
import { reportUntiedNotes } from './untied-notes.ts';

export type { PlainNotesResult } from './note-units.ts';

/**
 * Finds notes typed by hand, without links, in a chapter body, in whatever format it came from
 * (text scrape, Markdown, HTML), beside any notes its markup made: a notes section near the end
 * (headed Notes, Endnotes, References… in many languages, in bold, as a heading, after a rule, or
 * a bare run of definitions at the end), its definitions in every common convention (`[1] …`,
 * `1. …`, `(1) …`, `¹ …`, `*`/`†`, …) with run-on paragraphs, and their markers in the body by
 * aligning the sequence 1…N with candidates (`[1]`, `(1)`, superscripts, digits glued to words).
 * Before that, Pandoc's inline notes `^[…]` and notes set after their paragraph (`[Footnote 1: …]`,
 * `(*) …`). A References list with no markers in the body is a bibliography and stays as it is.
 * Rewrites the tree in place: markers become footnote references, the notes footnote definitions.
 */
export function recognisePlainNotes(tree: Root, file: VFile, reader: UnitReader = unitReader()): PlainNotesResult {
  liftSuperscriptMarks(tree);
  const inline = inlineNotesToFootnotes(tree, nextNumber(tree));
  tree.children.push(...inline);
  const scattered = scatteredNotes(tree, toUnits(tree), file);
  const result: PlainNotesResult = { ...scattered, notes: scattered.notes + inline.length, markers: scattered.markers + inline.length };
  // A book's notes may be set at the end of each chapter: one run at a time, each numbered on from the
  // last; `reader` reads the body into units once, and again only where a run changed it.
  for (let taken = takeTypedNotes(tree, file, reader); taken; taken = takeTypedNotes(tree, file, reader)) {
    result.noteLines = [...result.noteLines, ...taken.noteLines];
    result.droppedLines = [...result.droppedLines, ...taken.droppedLines];
    result.notes += taken.notes;
    result.markers += taken.markers;
  }
  reportUntiedNotes(tree, file);
  return result;
}

/** The best typed notes section the tree has, made footnotes; undefined when there is none. */
function takeTypedNotes(tree: Root, file: VFile, reader: UnitReader): PlainNotesResult | undefined {
  // Notes made already (by the markup: a post half linked, half typed; or above) keep their
  // numbers: a typed notes section is taken only where its numbers do not clash.
  const madeByMarkup = new Set(tree.children.flatMap((node) => (node.type === 'footnoteDefinition' ? [node.identifier] : [])));
  let units = reader.read(tree);
  let firstFree = 1;
  while (madeByMarkup.has(String(firstFree))) firstFree++;
  let sections = candidateSections(units, firstFree);
  if (splitBeforeSections(tree, units, sections)) {
    units = reader.read(tree);
    sections = candidateSections(units, firstFree);
  }
  let best: { section: Section; placed: PlacedMarkers } | undefined;
  for (const section of sections) {
    if (section.notes.some((note) => madeByMarkup.has(String(note.number)))) continue;
    const placed = placeMarkers(tree, units, section, madeByMarkup.size > 0);
    if (!isNotesSection(section, placed) && !isLoneNote(tree, units, section, placed)) continue;
    if (!best || placed.covered > best.placed.covered) best = { section, placed };
  }
  return best && rewrite(tree, units, best, madeByMarkup, file, reader);
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

function placeMarkers(tree: Root, units: readonly Unit[], section: Section, markupMadeNotes: boolean): PlacedMarkers {
  const first = units[section.start] as Unit;
  // Markers are looked for before the notes; a section starting inside a node was split off before this.
  const marked = markerText(tree, tree.children.slice(0, first.top));
  const defined = new Set(section.notes.map((note) => note.number));
  const names: NoteNames = {
    count: Math.max(...defined),
    symbols: new Map(section.notes.flatMap((note) => (note.label.symbol ? [[note.label.symbol, note.number] as const] : []))),
  };
  let best: PlacedMarkers | undefined;
  for (const kinds of kindGroups(section.notes[0]?.label.style ?? 'bracket', section.kind === 'headless' || section.kind === 'division')) {
    const kindSet = new Set(kinds);
    const strong = !kindSet.has('glued') && !kindSet.has('paren');
    // Explicit markers are looked for a little past the last note, to report a marker with no note.
    // Where the markup made notes too, a number past these notes may well be one of those.
    const lookFor = strong && !markupMadeNotes ? { ...names, beyond: 3 } : names;
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
  // Under Notes, a list labelled as notes are (`[1]`, `¹`, `*`) is notes even where no marker was
  // found; a plain numbered list no marker points to is a list of remarks (`### Notes` in a how-to).
  const style = section.notes[0]?.label.style;
  if (section.kind === 'notes') return placed.covered > 0 || (style !== 'list' && style !== 'dot' && style !== 'bare');
  if (section.kind === 'references') return placed.strong && placed.covered >= Math.max(1, Math.ceil(count / 5));
  if (section.kind === 'division') return placed.strong && placed.covered === count;
  if (placed.strong) return placed.covered >= Math.max(1, Math.ceil((count * 2) / 3));
  return count >= 2 && placed.covered === count;
}

/**
 * One note typed in brackets at the end (`(1) …`) and one marker like it in the text (`… 2004 (1).`):
 * a note, where the text counts nothing else so (no `(2)`, which would make `(1)` an enumeration).
 */
function isLoneNote(tree: Root, units: readonly Unit[], section: Section, placed: PlacedMarkers): boolean {
  const style = section.notes[0]?.label.style;
  if (section.kind !== 'headless' || section.notes.length !== 1 || (style !== 'paren' && style !== 'bracket')) return false;
  if (placed.covered !== 1 || placed.markers.length !== 1) return false;
  const before = tree.children
    .slice(0, (units[section.start] as Unit).top)
    .map((node) => plainText(node))
    .join('\n');
  return !/[([]\s*2\s*[)\]]/.test(before);
}

function rewrite(
  tree: Root,
  units: readonly Unit[],
  { section, placed }: { section: Section; placed: PlacedMarkers },
  madeByMarkup: ReadonlySet<string>,
  file: VFile,
  reader: UnitReader,
): PlainNotesResult {
  const defined = new Map(section.notes.map((note) => [note.number, note]));
  const referenced = new Set<number>();
  const byNode = new Map<Segment, { marker: MarkerCandidate; notes: number[] }[]>();
  let markerCount = 0;
  for (const marker of placed.markers) {
    const segment = placed.segments.find((entry) => entry.start <= marker.start && marker.end <= entry.end);
    if (!segment) continue;
    // A number the markup's own notes have is theirs: the marker is left as it is, and is no problem.
    if (marker.notes.some((note) => madeByMarkup.has(String(note)))) continue;
    const undefinedNotes = marker.notes.filter((note) => !defined.has(note));
    if (undefinedNotes.length > 0) {
      const pastTheNotes = undefinedNotes.every((note) => note > Math.max(...defined.keys()));
      if (segment.quoted && pastTheNotes) continue;
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
  for (const [segment, markers] of byNode) {
    replaceMarkers(segment, markers);
    // Changed in place: its units are read again.
    reader.changed(segment.top);
  }

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

/** Takes the notes section out of the tree: the units the notes took and the heading and rules; anything else stays. */
function removeSection(tree: Root, units: readonly Unit[], section: Section, taken: ReadonlySet<Unit>): void {
  removeUnits(tree, units, new Set([...taken, ...section.dropped]));
}
