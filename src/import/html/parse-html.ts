import type { Root } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { type DefaultTreeAdapterMap, parse, parseFragment } from 'parse5';
import { VFile } from 'vfile';
import { maxMarkupDepth } from '../markup-depth.ts';

type Parse5Node = DefaultTreeAdapterMap['node'];
type Parse5Parent = DefaultTreeAdapterMap['parentNode'];
type Parse5Child = DefaultTreeAdapterMap['childNode'];

/**
 * How deep the HTML a footnote control carries in an attribute may nest: it is put into the page
 * where the control stands, itself deep already. Only its nesting is lost past this, never text.
 */
export const noteMarkupDepth = 64;

/** What `import-nesting-flattened` says, at the place `flattenedAt` gives. */
export const nestingFlattenedReason = `HTML nested more than ${maxMarkupDepth} elements deep from here: the elements wrapping its blocks are left out until it nests no deeper (their text is kept), so the importer cannot overflow`;

export interface ParsedHtml {
  tree: Root;
  /** Where the first element nested past the limit starts (1-based), when any wrapper was left out. */
  flattenedAt?: Place;
}

interface Place {
  line: number;
  column: number;
}

export interface ParseHtmlOptions {
  fragment?: boolean;
  /** How deep elements may nest; the default is where browsers stop nesting. */
  maxDepth?: number;
}

/**
 * HTML as hast, as `hast-util-from-html` parses it (parse5, places kept), except that markup
 * nested deeper than `maxDepth` loses wrappers until it is not (see `flattenDeeperThan`): Chromium
 * too stops nesting at 512 levels, and keeps all the text. Every tree
 * tool after the parser (hast-util-from-parse5 first) recurses once per level and overflows the
 * stack a few thousand levels down; parse5 itself keeps its open elements in a list.
 */
export function parseHtml(html: string, options: ParseHtmlOptions = {}): ParsedHtml {
  const settings = { sourceCodeLocationInfo: true, scriptingEnabled: false };
  const document: Parse5Parent = options.fragment ? parseFragment(html, settings) : parse(html, settings);
  const flattenedAt = flattenDeeperThan(document, options.maxDepth ?? maxMarkupDepth);
  const tree = fromParse5(document, { file: new VFile(html) }) as Root;
  return flattenedAt ? { tree, flattenedAt } : { tree };
}

/** The node that holds a node's children: a <template>'s are in a fragment of their own. */
function containerOf(node: Parse5Node): Parse5Parent | undefined {
  if (node.nodeName === 'template' && 'content' in node) return node.content as Parse5Parent;
  return 'childNodes' in node ? (node as Parse5Parent) : undefined;
}

/** How tall a block under the floor may stay whole: a paragraph, a heading, a table, a list in a list. */
const keptHeight = 64;

/**
 * Walks the tree with a stack of its own down to `limit - keptHeight`; there, what stands taller
 * than `keptHeight` is unwrapped until it is not: the wrappers go, the blocks inside them (and all
 * text) stay, in document order, so nothing is deeper than `limit`. Returns where the first element
 * unwrapped starts (the first with a place: a `<tbody>` the parser added has none), if any.
 */
function flattenDeeperThan(root: Parse5Parent, limit: number): Place | undefined {
  const floor = Math.max(1, limit - keptHeight);
  let first: Place | undefined;
  const stack: { node: Parse5Node; depth: number }[] = [{ node: root, depth: 0 }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, depth } = entry;
    const container = containerOf(node);
    if (!container) continue;
    if (depth >= floor - 1) {
      first ??= unwrapTallerThan(container, Math.min(keptHeight, limit - depth - 1));
      continue;
    }
    for (const child of container.childNodes) stack.push({ node: child, depth: depth + 1 });
  }
  return first;
}

function placeOf(node: Parse5Node): Place | undefined {
  const location = 'sourceCodeLocation' in node ? node.sourceCodeLocation : undefined;
  return location ? { line: location.startLine, column: location.startCol } : undefined;
}

/** How many levels stand under each node of `parent` (0 for a text or an empty element), counted without recursion. */
function heightsUnder(parent: Parse5Parent): Map<Parse5Node, number> {
  const heights = new Map<Parse5Node, number>();
  const stack: { node: Parse5Node; seen: boolean }[] = parent.childNodes.map((node) => ({ node, seen: false }));
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const children = containerOf(entry.node)?.childNodes ?? [];
    if (entry.seen || children.length === 0) {
      // A loop, not Math.max(...): a node may have more children than a call has room for arguments.
      let height = 0;
      for (const child of children) height = Math.max(height, 1 + (heights.get(child) ?? 0));
      heights.set(entry.node, height);
      continue;
    }
    stack.push({ node: entry.node, seen: true });
    for (const node of children) stack.push({ node, seen: false });
  }
  return heights;
}

/** Replaces each child of `parent` taller than `height` by its children, until none is; where the first replaced starts. */
function unwrapTallerThan(parent: Parse5Parent, height: number): Place | undefined {
  const heights = heightsUnder(parent);
  const kept: Parse5Child[] = [];
  let first: Place | undefined;
  let unwrapped = false;
  const stack: Parse5Child[] = [...parent.childNodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    const children = containerOf(node)?.childNodes ?? [];
    if ((heights.get(node) ?? 0) <= height) {
      kept.push(node);
      continue;
    }
    first ??= placeOf(node);
    unwrapped = true;
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as Parse5Child);
  }
  for (const node of kept) node.parentNode = parent;
  parent.childNodes = kept;
  return first ?? (unwrapped ? (placeOf(parent) ?? { line: 1, column: 1 }) : undefined);
}
