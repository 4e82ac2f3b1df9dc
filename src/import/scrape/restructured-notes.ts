import type { FootnoteDefinition, FootnoteReference, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { notesHeadingKind } from '../notes/notes-heading.ts';

/**
 * reStructuredText footnotes (PEPs, Sphinx and Docutils documents, Pelican and Nikola posts): a
 * marker is `[1]_`, `[#name]_` or `[#]_`, and its note a directive, `.. [1] text` or `.. [#name]`
 * with the text on the indented lines below. The syntax says which is which, so they are tied here
 * as footnotes, before the plain-text recogniser looks for typed notes (which would take the `[1]`
 * of `sys.exc_info()[1]` for a marker). Numbers follow Docutils: a number typed by hand is kept,
 * auto-numbered notes take the smallest numbers not typed, in the order of their definitions, and
 * anonymous `[#]_` markers take the anonymous notes in order.
 */

export interface RestructuredNotes {
  notes: number;
  markers: number;
  /** Lines of the notes (and of a notes heading left with nothing under it). */
  noteLines: number[];
}

const definition = /^\.\. \[(\d+|#[\w.:+-]*)\](?=\s|$)\s*/;
const marker = /\[(\d+|#[\w.:+-]*)\]_/g;

export function restructuredFootnotes(tree: Root): RestructuredNotes {
  // Notes typed with no blank line between them are one paragraph of the scrape: one each.
  tree.children = tree.children.flatMap((node) => (node.type === 'paragraph' && definitionLabel(node) !== undefined ? oneDefinitionEach(node) : [node]));
  const definitions = tree.children.flatMap((node, index) => {
    const label = node.type === 'paragraph' ? definitionLabel(node) : undefined;
    return label === undefined ? [] : [{ index, label, node: node as Paragraph }];
  });
  if (definitions.length === 0) return { notes: 0, markers: 0, noteLines: [] };
  const numbers = autoNumbers(definitions.map((item) => item.label));
  const anonymous = definitions.flatMap((item, index) => (item.label === '#' ? [numbers[index]] : []));
  const numberOf = new Map(definitions.flatMap((item, index) => (item.label === '#' ? [] : [[item.label, numbers[index]] as const])));
  const noteLines: number[] = [];
  const notes: FootnoteDefinition[] = definitions.map(({ node }, index) => {
    stripLabel(node);
    for (let line = node.position?.start.line ?? 0; line > 0 && line <= (node.position?.end.line ?? 0); line++) noteLines.push(line);
    return { type: 'footnoteDefinition', identifier: String(numbers[index]), label: String(numbers[index]), children: [node] };
  });
  const taken = new Set(definitions.map((item) => item.index));
  // The heading the notes stood under (`References`) goes with them when nothing else is under it.
  const emptied = (node: RootContent, index: number) =>
    node.type === 'heading' &&
    notesHeadingKind(plainText(node)) !== undefined &&
    taken.has(index + 1) &&
    [undefined, 'heading'].includes(nextKept(tree.children, index + 1, taken)?.type);
  tree.children = tree.children.filter((node, index) => {
    if (taken.has(index)) return false;
    if (!emptied(node, index)) return true;
    if (node.position) noteLines.push(node.position.start.line);
    return false;
  });
  let anonymousSeen = 0;
  let markers = 0;
  const rewrite = (parent: Parent) => {
    parent.children = parent.children.flatMap((child): RootContent[] => {
      if ('children' in child) rewrite(child as Parent);
      if (child.type !== 'text' || !child.value.includes(']_')) return [child];
      return markersIn(child, (label) => {
        const number = label === '#' ? anonymous[anonymousSeen++] : numberOf.get(label);
        if (number !== undefined) markers++;
        return number;
      });
    }) as Parent['children'];
  };
  rewrite(tree);
  tree.children.push(...notes);
  return { notes: notes.length, markers, noteLines };
}

const nextDefinition = /\n(?=\.\. \[(?:\d+|#[\w.:+-]*)\](?:\s|$))/;

/** A paragraph of definitions split before each `.. [label]` that starts a line. */
function oneDefinitionEach(node: Paragraph): Paragraph[] {
  const groups: PhrasingContent[][] = [[]];
  for (const child of node.children) {
    if (child.type !== 'text') {
      groups.at(-1)?.push(child);
      continue;
    }
    const [first = '', ...rest] = child.value.split(nextDefinition);
    if (first !== '') groups.at(-1)?.push({ ...child, value: first });
    for (const part of rest) groups.push([{ ...child, value: part }]);
  }
  return groups.map((children) => ({ ...node, children }));
}

/** The first node after `from` that is not a note. */
function nextKept(children: readonly RootContent[], from: number, taken: ReadonlySet<number>): RootContent | undefined {
  let index = from;
  while (taken.has(index)) index++;
  return children[index];
}

function definitionLabel(node: Paragraph): string | undefined {
  const first = node.children[0];
  return first?.type === 'text' ? definition.exec(first.value)?.[1] : undefined;
}

function stripLabel(node: Paragraph): void {
  const first = node.children[0];
  if (first?.type === 'text') first.value = first.value.replace(definition, '').replace(/^\s+/, '');
  // The note's lines were indented under its label: the indents are not part of the text.
  for (const child of node.children) if (child.type === 'text') child.value = child.value.replace(/\n[ \t]+/g, '\n');
  if (first?.type === 'text' && first.value === '') node.children.shift();
}

/** A text node split at its markers; a marker whose note is missing stays as typed. */
function markersIn(node: Text, numberOf: (label: string) => number | undefined): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(marker)) {
    const number = numberOf(match[1] ?? '');
    if (number === undefined) continue;
    if (match.index > last) out.push({ ...node, value: node.value.slice(last, match.index) });
    out.push({ type: 'footnoteReference', identifier: String(number), label: String(number) } satisfies FootnoteReference);
    last = match.index + match[0].length;
  }
  if (last < node.value.length) out.push({ ...node, value: node.value.slice(last) });
  return out;
}

/** A line of text (a title) without its reST note markers. */
export function withoutRestructuredMarkers(text: string): string {
  return text.replace(/\s*\[(?:\d+|#[\w.:+-]*)\]_/g, '').trim();
}

/** Each definition's number: typed numbers kept; auto-numbered ones the smallest numbers left, in order. */
function autoNumbers(labels: readonly string[]): number[] {
  const typed = new Set(labels.filter((label) => /^\d+$/.test(label)).map(Number));
  const seen = new Map<string, number>();
  let next = 0;
  return labels.map((label) => {
    if (/^\d+$/.test(label)) return Number(label);
    const known = label === '#' ? undefined : seen.get(label);
    if (known !== undefined) return known;
    do next += 1;
    while (typed.has(next));
    if (label !== '#') seen.set(label, next);
    return next;
  });
}
