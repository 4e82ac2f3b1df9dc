import type { BlockContent, DefinitionContent, FootnoteDefinition, ListItem, Paragraph, PhrasingContent } from 'mdast';
import { phrasingText, type Unit } from './note-units.ts';
import type { ParsedNote } from './notes-section.ts';

const backLink = /^(?:[↩↑⤴^]\uFE0E?\uFE0F?|back|return|top)$/i;

/** A note as a footnote definition: its label taken off, run-on lines and paragraphs kept, a link back to the text dropped. */
export function definitionOf(note: ParsedNote): FootnoteDefinition {
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
    } else if (unit.kind === 'item' && index > 0 && unit.list && unit.top !== note.units[0]?.top) {
      // A list inside the note (its run-on content): the list, with the items the note took.
      const last = children.at(-1);
      if (last?.type === 'list' && previous?.top === unit.top) last.children.push(unit.node as ListItem);
      else children.push({ ...unit.list, children: [unit.node as ListItem] });
      paragraph = undefined;
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
      last.value = withoutTrailingBackLink(last.value);
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

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);
const arrows = new Set(['↩', '↑', '⤴']);

/**
 * The text without a link back to the marker typed at its end (`[↩](#fn1a)`, `[back](#r1)`, `↩︎`) and
 * the spaces around it. Read from the end: `\s*(?:link)?\s*$` as a pattern tries every split of a
 * run of spaces at each of them, the cube of its length (a note with 2,000 spaces took 2 s).
 */
export function withoutTrailingBackLink(text: string): string {
  let end = text.length;
  while (isSpace(text[end - 1])) end--;
  const start = backLinkStart(text, end);
  if (start === undefined) return text.slice(0, end);
  let before = start;
  while (isSpace(text[before - 1])) before--;
  return text.slice(0, before);
}

/** Where a link back ending at `end` starts: an arrow (with its variation selectors), or `[↩](#…)` in Markdown. */
function backLinkStart(text: string, end: number): number | undefined {
  let arrow = end;
  if (text[arrow - 1] === '\uFE0F') arrow--;
  if (text[arrow - 1] === '\uFE0E') arrow--;
  if (arrows.has(text[arrow - 1] as string)) return arrow - 1;
  if (text[end - 1] !== ')') return undefined;
  // The address, `#` then no `)` or space, runs back to the `(#` furthest back that a `[↩]` stands before.
  let from = end - 1;
  while (from > 0 && text[from - 1] !== ')' && !isSpace(text[from - 1])) from--;
  for (let open = text.indexOf('(#', Math.max(0, from - 1)); open >= 0 && open < end - 1; open = text.indexOf('(#', open + 1)) {
    const label = /\[(?:[↩↑⤴^]\uFE0E?\uFE0F?|back|return)\]$/i.exec(text.slice(Math.max(0, open - 10), open));
    if (label) return open - label[0].length;
  }
  return undefined;
}
