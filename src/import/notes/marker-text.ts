import type { FootnoteReference, ListItem, Parents, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { placeAfter } from '../../core/place.ts';
import type { Place } from '../../core/rules.ts';
import type { MarkerCandidate } from './align-markers.ts';
import { type MarkerText, numberList } from './marker-candidates.ts';
import { isSuperscriptText } from './marker-hint.ts';
import { phrasingText } from './note-units.ts';

/**
 * The body's text for the marker search, with the nodes it came from, and the replacement of the
 * markers found by footnote references.
 */

export interface Segment {
  start: number;
  end: number;
  /** A text node, or a link to a place in the page that reads as a marker. */
  node: Text | PhrasingContent;
  parent: Parents;
  /** The top-level node it is in: changed in place when its markers are replaced. */
  top: RootContent;
  /** In a block quote: a quoted text's own citations (`[23] [10]`) are never markers with no note. */
  quoted: boolean;
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
export function markerText(
  tree: Root,
  nodes: readonly RootContent[],
  onNode?: (node: RootContent, offset: number) => void,
): MarkerText & { segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  const superscripts: [number, number][] = [];
  const links: { start: number; end: number; notes: number[] }[] = [];
  const noGlued: [number, number][] = [];
  let top: RootContent | undefined;
  const visit = (node: RootContent | PhrasingContent | ListItem, parent: Parents, glued: boolean, quoted: boolean) => {
    if (skippedTypes.has(node.type)) return;
    if (node.type === 'text') {
      const start = text.length;
      text += node.value;
      segments.push({ start, end: text.length, node, parent, top: top as RootContent, quoted });
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
        segments.push({ start, end: text.length, node, parent, top: top as RootContent, quoted });
        links.push({ start, end: text.length, notes: numberList(numbers, 999) ?? [] });
        return;
      }
      // A link's words are never a marker (a marker there would take the link's address with it); a
      // stand-in keeps a marker after it glued to a word.
      text += 'link';
      return;
    }
    if ('children' in node) {
      const isBlock = !['strong', 'emphasis', 'delete', 'superscript', 'subscript'].includes(node.type);
      const own = glued && node.type !== 'heading' && node.type !== 'leafDirective' && node.type !== 'tableCell';
      for (const child of node.children as (PhrasingContent | RootContent)[]) visit(child, node as Parents, own, quoted || node.type === 'blockquote');
      if (isBlock) text += '\n\n';
    }
  };
  for (const node of nodes) {
    top = node;
    onNode?.(node, text.length);
    visit(node, tree, true, false);
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

export function placeOf(segment: Segment, offset: number): Place {
  const start = segment.node.position?.start;
  if (!start) return { line: 1, column: 1 };
  return placeAfter(start, segment.node.type === 'text' ? segment.node.value.slice(0, offset - segment.start) : '');
}

export function reference(note: number): FootnoteReference {
  return { type: 'footnoteReference', identifier: String(note), label: String(note) };
}

/** Replaces the markers in a text node (or the link that is one) with footnote references. */
export function replaceMarkers(segment: Segment, markers: readonly { marker: MarkerCandidate; notes: number[] }[]): void {
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
    if (marker.kind !== 'glued') before = withoutTrailingSpace(before);
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
  if (previous?.type === 'text') previous.value = withoutTrailingSpace(previous.value);
}

/**
 * The text without the spaces, tabs and line ends that end it. Read from the end: `/[ \t\n]+$/` tries
 * every space of a run that does not end the text, the square of its length (a line of 64,000 spaces
 * before a note marker took 12 s).
 */
function withoutTrailingSpace(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t\u00a0\n'.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
