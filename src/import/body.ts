import type { FootnoteDefinition, PhrasingContent, Root, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { alignNoteMarkers, type MarkerCandidate } from './notes/align-markers.ts';

/** A block of a piece's body as an importer found it, before it becomes mdast. */
export type BodyBlock =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'heading'; text: string; line: number }
  | { kind: 'figure'; caption: string | undefined; credit: string | undefined; line: number };

export interface SourceNote {
  number: number;
  text: string;
  line: number;
}

/**
 * Builds a chapter body from plain-text blocks: paragraphs with their note markers turned into
 * footnote references, headings, figures (caption and credit; the image itself is supplied by
 * the editor) and the notes as footnote definitions labelled by their original numbers.
 */
export function buildBody(blocks: readonly BodyBlock[], notes: readonly SourceNote[], file: VFile): Root {
  const markersByBlock = placeMarkers(blocks, notes, file);
  const children: RootContent[] = blocks.map((block, index): RootContent => {
    if (block.kind === 'heading') return { type: 'heading', depth: 2, children: inlineText(block.text) };
    if (block.kind === 'figure') return figureDirective(block.caption, block.credit);
    return { type: 'paragraph', children: withMarkers(block.text, markersByBlock.get(index) ?? []) };
  });
  const definitions: FootnoteDefinition[] = notes.map((note) => ({
    type: 'footnoteDefinition',
    identifier: String(note.number),
    label: String(note.number),
    children: note.text.split('\n\n').map((paragraph) => ({ type: 'paragraph', children: inlineText(paragraph) })),
  }));
  return { type: 'root', children: [...children, ...definitions] };
}

export function figureDirective(caption: string | undefined, credit: string | undefined, src?: string): LeafDirective {
  return {
    type: 'leafDirective',
    name: 'figure',
    attributes: { ...(src ? { src } : {}), ...(credit ? { credit } : {}) },
    children: caption ? inlineText(caption) : [],
  };
}

/** Aligns notes 1…N with markers in the paragraphs, reporting gaps and numbering problems. */
function placeMarkers(blocks: readonly BodyBlock[], notes: readonly SourceNote[], file: VFile): Map<number, MarkerCandidate[]> {
  const byBlock = new Map<number, MarkerCandidate[]>();
  if (notes.length === 0) return byBlock;
  notes.forEach((note, index) => {
    if (note.number !== index + 1)
      report(file, 'note-out-of-order', `note ${note.number} is number ${index + 1} in the list of notes`, { line: note.line, column: 1 });
  });
  const maxNote = Math.max(...notes.map((note) => note.number));
  // Paragraphs joined with a separator that can never be part of a marker.
  const offsets: { block: number; start: number; line: number }[] = [];
  let joined = '';
  blocks.forEach((block, index) => {
    if (block.kind !== 'paragraph') return;
    offsets.push({ block: index, start: joined.length, line: block.line });
    joined += `${block.text}\n\n`;
  });
  const { markers, missing } = alignNoteMarkers(joined, maxNote);
  for (const marker of markers) {
    const owner = offsets.findLast((entry) => entry.start <= marker.start);
    if (!owner) continue;
    const local = { ...marker, start: marker.start - owner.start, end: marker.end - owner.start };
    byBlock.set(owner.block, [...(byBlock.get(owner.block) ?? []), local]);
  }
  const defined = new Set(notes.map((note) => note.number));
  for (const number of missing) {
    const note = notes.find((candidate) => candidate.number === number);
    if (note) report(file, 'note-marker-missing', `note ${number} has no marker in the text`, { line: note.line, column: 1 });
  }
  for (const marker of markers) {
    if (!defined.has(marker.note)) {
      const owner = offsets.findLast((entry) => entry.start <= marker.start);
      report(file, 'note-undefined', `marker ${marker.note} has no note text`, { line: owner?.line ?? 1, column: 1 });
    }
  }
  return byBlock;
}

function withMarkers(text: string, markers: readonly MarkerCandidate[]): PhrasingContent[] {
  const children: PhrasingContent[] = [];
  let position = 0;
  for (const marker of markers) {
    children.push(...inlineText(text.slice(position, marker.start)));
    children.push({ type: 'footnoteReference', identifier: String(marker.note), label: String(marker.note) });
    position = marker.end;
  }
  children.push(...inlineText(text.slice(position)));
  return children;
}

const urlPattern = /<*(https?:\/\/[^\s<>]+[^\s<>.,;:)'’”]|www\.[^\s<>]+[^\s<>.,;:)'’”])>*/g;

/** Plain text with its URLs (`<https://…>`, `<<http…>`, bare `http://…` or `www.…`) as links. */
export function inlineText(text: string): PhrasingContent[] {
  const children: PhrasingContent[] = [];
  let position = 0;
  for (const match of text.matchAll(urlPattern)) {
    const url = match[1] as string;
    if (match.index > position) children.push({ type: 'text', value: text.slice(position, match.index) });
    const href = url.startsWith('www.') ? `http://${url}` : url;
    children.push({ type: 'link', url: href, children: [{ type: 'text', value: url }] });
    position = match.index + match[0].length;
  }
  if (position < text.length) children.push({ type: 'text', value: text.slice(position) });
  return children;
}
