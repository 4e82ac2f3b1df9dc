import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import type { Place } from '../../core/rules.ts';

/**
 * A chapter body as the typed-notes recogniser reads it: units (a line of a paragraph, a heading, an
 * item of a list, a rule, another block) that know their top-level node and their source lines.
 */

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

export const nothingFound: PlainNotesResult = { noteLines: [], droppedLines: [], notes: 0, markers: 0 };

type UnitKind = 'line' | 'heading' | 'item' | 'rule' | 'block' | 'comment';

export interface Unit {
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
  /** An item's list. */
  list?: List;
  lines: [number, number] | undefined;
}

export function toUnits(tree: Root): Unit[] {
  return tree.children.flatMap((node, top) => unitsOfNode(node, top));
}

/**
 * `toUnits` for a tree read again and again while only a few of its top-level nodes change: a
 * book's runs of notes are taken one at a time, and each run read the whole body afresh (Guernsey
 * Folk-Lore: ~130 runs over ~20,000 lines). Each node's units are remembered by the node, and given
 * its place again on every reading; a node replaced is a new node, and a node changed in place
 * (markers made footnote references inside it) must be said to have changed, by `changed`.
 */
export interface UnitReader {
  read(tree: Root): Unit[];
  changed(node: RootContent): void;
  /** How many nodes were read into units, not taken from memory: what the reading cost. */
  readonly nodesRead: number;
}

export function unitReader(): UnitReader {
  const known = new WeakMap<RootContent, Unit[]>();
  let nodesRead = 0;
  return {
    read(tree) {
      const units: Unit[] = [];
      tree.children.forEach((node, top) => {
        let ofNode = known.get(node);
        if (!ofNode) {
          ofNode = unitsOfNode(node, top);
          known.set(node, ofNode);
          nodesRead++;
        }
        for (const unit of ofNode) {
          unit.top = top;
          units.push(unit);
        }
      });
      return units;
    },
    changed(node) {
      known.delete(node);
    },
    get nodesRead() {
      return nodesRead;
    },
  };
}

function unitsOfNode(node: RootContent, top: number): Unit[] {
  const base = { top, node, ordinal: undefined, lines: linesOf(node) };
  if (node.type === 'paragraph') {
    return paragraphLines(node).map((line, part) => ({
      ...base,
      kind: 'line',
      part,
      content: line.content,
      text: phrasingText(line.content),
      lines: line.lines,
    }));
  }
  if (node.type === 'heading') return [{ ...base, kind: 'heading', part: 0, content: node.children, text: phrasingText(node.children) }];
  if (node.type === 'thematicBreak') return [{ ...base, kind: 'rule', part: 0, content: [], text: '' }];
  if (node.type === 'list') {
    return node.children.map((item, part) => {
      const first = item.children[0];
      const content = first?.type === 'paragraph' ? first.children : [];
      const ordinal = node.ordered ? (node.start ?? 1) + part : undefined;
      return { kind: 'item', top, part, node: item, content, text: phrasingText(content), ordinal, list: node, lines: linesOf(item) };
    });
  }
  if ((node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim())) || node.type === 'footnoteDefinition') {
    // Comments (a commented-out template of notes) and notes the markup made are passed over.
    return [{ ...base, kind: 'comment', part: 0, content: [], text: '' }];
  }
  return [{ ...base, kind: 'block', part: 0, content: [], text: '' }];
}

export function linesOf(node: { position?: { start: { line: number }; end: { line: number } } | undefined }): [number, number] | undefined {
  return node.position ? [node.position.start.line, node.position.end.line] : undefined;
}

export function phrasingText(content: readonly PhrasingContent[]): string {
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

export function linesBetween(range: [number, number] | undefined): number[] {
  if (!range) return [];
  return Array.from({ length: range[1] - range[0] + 1 }, (_, index) => range[0] + index);
}

export function placeOfUnit(unit: Unit | undefined): Place {
  const start = unit?.node.position?.start;
  if (unit?.kind === 'line' && unit.lines) return { line: unit.lines[0], column: unit.part === 0 ? (start?.column ?? 1) : 1 };
  return start ? { line: start.line, column: start.column } : { line: unit?.lines?.[0] ?? 1, column: 1 };
}

/** Takes `gone` out of the tree: a node all of whose units went is removed, a paragraph or list that kept some keeps those. */
export function removeUnits(tree: Root, units: readonly Unit[], gone: ReadonlySet<Unit>): void {
  const tops = [...new Set([...gone].map((unit) => unit.top))].sort((a, b) => b - a);
  const byTop = new Map<number, Unit[]>(tops.map((top) => [top, []]));
  for (const unit of units) byTop.get(unit.top)?.push(unit);
  for (const top of tops) {
    const node = tree.children[top] as RootContent;
    const ofNode = byTop.get(top) ?? [];
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
