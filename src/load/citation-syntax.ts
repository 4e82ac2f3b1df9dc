import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/** One cited work inside a Pandoc citation: `see @key, p. 12`. */
export interface CitedItem {
  key: string;
  prefix?: string;
  locator?: string;
  /** CSL locator label (`page`, `chapter`…), from `p.`, `chap.`… */
  label?: string;
  suffix?: string;
  suppressAuthor?: boolean;
}

/** An mdast node for `[@a; see @b, p. 3]`, made from text by `parseCitations`. */
export interface Citation {
  type: 'citation';
  /** The source text, written back unchanged. */
  value: string;
  items: CitedItem[];
  position?: Text['position'];
  /** Set by rendering: mdast-util-to-hast turns the node into `hName` with `hChildren`. */
  data?: Text['data'] & { hName?: string; hProperties?: Record<string, unknown>; hChildren?: import('hast').ElementContent[] };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation;
  }
  interface RootContentMap {
    citation: Citation;
  }
}

const keyPattern = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_]|[\p{L}\p{N}_]`;
// A bracketed group holding at least one @key; brackets inside are not allowed (Pandoc's rule too).
const bracketed = new RegExp(String.raw`\[([^\[\]]*?-?@(?:${keyPattern})[^\[\]]*?)\](?![(\[:])`, 'gu');
const itemPattern = new RegExp(`^(.*?)(-?)@(${keyPattern})(.*)$`, 'su');

const locatorLabels: [RegExp, string][] = [
  [/^(?:p|pp|page|pages)\.?$/i, 'page'],
  [/^(?:chap|chaps|chapter|chapters|ch)\.?$/i, 'chapter'],
  [/^(?:sec|secs|section|sections|§|§§)\.?$/i, 'section'],
  [/^(?:vol|vols|volume|volumes)\.?$/i, 'volume'],
  [/^(?:para|paras|paragraph|¶)\.?$/i, 'paragraph'],
  [/^(?:fig|figs|figure|figures)\.?$/i, 'figure'],
  [/^(?:n|nn|note|notes)\.?$/i, 'note'],
  [/^(?:l|ll|line|lines)\.?$/i, 'line'],
];

/** Parses the inside of `[…]` into cited items, or undefined when it is not a citation. */
export function parseCitationText(inner: string): CitedItem[] | undefined {
  const items: CitedItem[] = [];
  for (const part of inner.split(';')) {
    const match = itemPattern.exec(part.trim());
    if (!match) return undefined;
    const [, prefix = '', dash, key = '', rest = ''] = match;
    const item: CitedItem = { key };
    if (prefix.trim()) item.prefix = prefix.trim();
    if (dash) item.suppressAuthor = true;
    const after = rest.replace(/^,\s*/, '');
    const locator = /^(\S+)\s+([\divxlcdm]+(?:\s*[-–—,]\s*[\divxlcdm]+)*)(.*)$/iu.exec(after);
    const label = locator?.[1] ? locatorLabels.find(([pattern]) => pattern.test(locator[1] ?? ''))?.[1] : undefined;
    if (locator && label) {
      item.label = label;
      item.locator = (locator[2] ?? '').trim();
      if (locator[3]?.trim()) item.suffix = locator[3].trim();
    } else if (after.trim()) item.suffix = after.trim();
    items.push(item);
  }
  return items.length > 0 ? items : undefined;
}

/**
 * Finds Pandoc citations (`[@key]`, `[@key, p. 12]`, `[see @key]`, `[@a; @b]`, `[-@key]`) in text
 * nodes and replaces them with `citation` nodes. A remark plugin wraps it as `remarkCitations`.
 */
export function parseCitations(tree: Root): void {
  visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
    if (!parent || index === undefined || !node.value.includes('@')) return;
    const replacement: PhrasingContent[] = [];
    let position = 0;
    for (const match of node.value.matchAll(bracketed)) {
      const items = parseCitationText(match[1] ?? '');
      if (!items) continue;
      if (match.index > position) replacement.push({ type: 'text', value: node.value.slice(position, match.index) });
      replacement.push({ type: 'citation', value: match[0], items, ...positionWithin(node, match.index, match[0].length) });
      position = match.index + match[0].length;
    }
    if (replacement.length === 0) return;
    if (position < node.value.length) replacement.push({ type: 'text', value: node.value.slice(position) });
    parent.children.splice(index, 1, ...(replacement as typeof parent.children));
    return index + replacement.length;
  });
}

/** Where a slice of a text node starts and ends in the file (text nodes may span lines). */
function positionWithin(node: Text, offset: number, length: number): Pick<Citation, 'position'> {
  const start = node.position?.start;
  if (!start) return {};
  const at = (index: number) => {
    const before = node.value.slice(0, index);
    const lines = before.split('\n');
    const line = start.line + lines.length - 1;
    const column = lines.length === 1 ? start.column + index : (lines.at(-1)?.length ?? 0) + 1;
    return { line, column, ...(start.offset === undefined ? {} : { offset: start.offset + index }) };
  };
  return { position: { start: at(offset), end: at(offset + length) } };
}

export function remarkCitations() {
  return (tree: Root) => parseCitations(tree);
}
