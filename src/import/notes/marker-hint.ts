import type { PhrasingContent, Root, Text } from 'mdast';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';

declare module 'mdast' {
  interface LinkData {
    /** The link was in a `<sup>`: a marker like `[reference 3](#fn3)` counts only there or in brackets. */
    superscript?: boolean;
  }
  interface TextData {
    /**
     * The text was superscript in the source (`<sup>1</sup>`). mdast has no superscript, so the
     * HTML conversion keeps this as evidence for the note-marker search; it is never written out.
     */
    superscript?: boolean;
  }
}

/** Text of a `<sup>` that reads as a note marker: digits, `[1]`, `(1)`, `2, 3`, `*`, `†`. */
export const superscriptMarkerText = /^[\s\u00a0]*(?:[[(]?\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*[\])]?|[*†‡§]{1,3})[\s\u00a0]*$/;

// Noncharacters, never in interchanged text: they survive hast-util-to-mdast joining neighbouring
// texts (which would lose a text node's `data`) and are lifted into hinted nodes right after.
const open = '\uFDD0';
const close = '\uFDD1';
const placeEnd = '\uFDD2';

/** The text of a `<sup>` marked as superscript (with where it starts in the source), for `liftSuperscriptMarks`. */
export function markSuperscript(value: string, start: Point | undefined): string {
  return `${open}${start ? `${start.line}:${start.column}` : ''}${placeEnd}${value}${close}`;
}

/** Splits every marked superscript out of the text around it into a text node hinted `superscript`. */
export function liftSuperscriptMarks(tree: Root): void {
  visit(tree, 'text', (node, index, parent) => {
    if (!parent || index === undefined || !node.value.includes(open)) return;
    const pieces: Text[] = [];
    for (const [position, part] of node.value.split(open).entries()) {
      const [marked, rest] = position === 0 ? [undefined, part] : splitOnce(part);
      if (marked !== undefined) pieces.push(...hinted(marked));
      if (rest !== '') pieces.push({ type: 'text', value: rest.replaceAll(close, '') });
    }
    const [first] = pieces;
    if (first && node.position) first.position = node.position;
    (parent.children as PhrasingContent[]).splice(index, 1, ...pieces);
    return index + pieces.length;
  });
}

function hinted(marked: string): Text[] {
  const [place = '', value = ''] = marked.split(placeEnd);
  if (value === '') return [];
  const [line, column] = place.split(':').map(Number);
  const node: Text = { type: 'text', value, data: { superscript: true } };
  if (line && column) node.position = { start: { line, column }, end: { line, column: column + value.length } };
  return [node];
}

function splitOnce(part: string): [string, string] {
  const end = part.indexOf(close);
  return end < 0 ? [part, ''] : [part.slice(0, end), part.slice(end + 1)];
}

export function isSuperscriptText(node: { type: string; data?: unknown }): boolean {
  return node.type === 'text' && (node as Text).data?.superscript === true;
}
