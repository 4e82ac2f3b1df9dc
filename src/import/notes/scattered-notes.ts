import type { FootnoteDefinition, Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import type { MarkerCandidate } from './align-markers.ts';
import { markerText, placeOf, replaceMarkers, type Segment } from './marker-text.ts';
import { definitionOf } from './note-definitions.ts';
import type { NoteLabel } from './note-labels.ts';
import { linesBetween, nothingFound, type PlainNotesResult, placeOfUnit, removeUnits, type Unit } from './note-units.ts';
import type { ParsedNote } from './notes-section.ts';

// `[Footnote 3: …]` (Distributed Proofreaders, Project Gutenberg), closed by its bracket, and `(*) …`
// under the paragraph it annotates: both are notes wherever they stand.
const footnoteBlock = /^[\s\u00a0]*\[(?:Footnote|Fn\.?)[\s\u00a0]*(\d{1,3}|[A-Za-z]|[*†‡§])[\s\u00a0]*[:.][\s\u00a0]*/i;
const parenSymbol = /^[\s\u00a0]*\(([*†‡§]{1,3})\)[\s\u00a0]+/;

/** How far a `[Footnote n: …` is looked at for its closing bracket, in lines. */
const footnoteBlockLines = 300;

interface ScatteredNote extends ParsedNote {
  /** What a marker for it reads: `3` for `[3]`, `*` for `(*)`. */
  key: string;
  block: boolean;
}

/**
 * The notes of those two kinds, each tied to the markers with its label since the note before with
 * the same label (one `(*)` each in a kernel document, three names marked `(*)` for one `(*)` note).
 */
export function scatteredNotes(tree: Root, units: readonly Unit[], file: VFile): PlainNotesResult {
  const usedNumbers = new Set(tree.children.flatMap((node) => (node.type === 'footnoteDefinition' ? [node.identifier] : [])));
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
  // Labels that repeat (numbering restarts each chapter), symbols, or numbers other notes have: 1…N after those.
  const renumber = new Set(keys).size !== keys.length || !keys.every((key) => /^\d+$/.test(key) && !usedNumbers.has(key));
  const first = Math.max(0, ...[...usedNumbers].filter((key) => /^\d+$/.test(key)).map(Number)) + 1;
  const byNode = new Map<Segment, { marker: MarkerCandidate; notes: number[] }[]>();
  let markerCount = 0;
  notes.forEach((note, index) => {
    note.number = renumber ? first + index : Number(note.key);
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
      // Inside the brackets a short line is no heading (`Godesberg, June 9, 1825.` over the letter a
      // note quotes), and a quoted letter may run to a hundred lines.
      for (let next = index; next < units.length && next < index + footnoteBlockLines && !closed; next++) {
        const line = units[next] as Unit;
        if (next > index) {
          if (line.kind !== 'line' && line.kind !== 'block' && line.kind !== 'heading') break;
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
