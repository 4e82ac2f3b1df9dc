import { decodeHTMLStrict } from 'entities';
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { placeAfter, placeLocator } from '../core/place.ts';
import type { Place } from '../core/rules.ts';

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
  /**
   * Pandoc's in-text form (`@key says`, `@key [p. 33]`): the first work's author in the text
   * (`cite/bare-keys.ts` reads it, only for a key of the bibliography). Under a notes style it is
   * made an `author-only` node in the text and a note citing the work (`cite/auto-notes.ts`),
   * the two sharing `note`, the note's identifier.
   */
  mode?: 'in-text' | 'author-only';
  note?: string;
  position?: Text['position'];
  /** Set by rendering: mdast-util-to-hast turns the node into `hName` with `hChildren`. */
  data?: Text['data'] & { hName?: string; hProperties?: Record<string, unknown>; hChildren?: import('hast').ElementContent[] };
}

declare module 'mdast' {
  interface TextData {
    /** Where in the value an `@` was written escaped (`\\@`): no citation starts there (`parseCitations` notes them). */
    escapedAt?: number[];
  }
  interface PhrasingContentMap {
    citation: Citation;
  }
  interface RootContentMap {
    citation: Citation;
  }
}

/** A citation key after `@`, as Pandoc reads one (bench/build-book.ts renames keys with it too). */
export const keyPattern = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_]|[\p{L}\p{N}_]`;
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

// A page, section or time: `33`, `xii`, `4.2`, `10:30`, `45n12`, `12 n. 3`; a range or list of them.
const locatorNumber = String.raw`[\divxlcdm]+(?:[.:][\da-z]+)*(?:\s?nn?\.?\s?\d+)?`;
const numbers = String.raw`${locatorNumber}(?:\s*(?:--|[-–—,])\s*${locatorNumber})*`;
// No `u` flag and no Unicode classes: compiling those costs milliseconds in every short run.
const labelledLocator = new RegExp(String.raw`^(\S+)\s+(${numbers})(?![0-9A-Za-z\u00C0-\u024F])(.*)$`, 'is');
// Pandoc: a locator with no term is a page (`[@key, 33-35]`); it starts with a digit and is all
// there is, or is followed by a comma (`33, emphasis added`): `1984 edition` is a suffix.
const bareNumber = String.raw`\d+[a-drv]?(?:[.:]\d+)*(?:\s?nn?\.?\s?\d+)?`;
const bareLocator = new RegExp(String.raw`^(${bareNumber}(?:\s*(?:--|[-–—,])\s*${bareNumber})*)\s*((?:,.*)?)$`, 's');

/** The locator at the start of what follows a key (`p. 33`, `chap. 2`, or a bare `33–35`, a page), and the suffix after it. */
function locatorOf(after: string): { label: string; locator: string; suffix?: string } | undefined {
  const labelled = labelledLocator.exec(after);
  const label = labelled?.[1] ? locatorLabels.find(([pattern]) => pattern.test(labelled[1] ?? ''))?.[1] : undefined;
  const [locator, suffix] = labelled && label ? [labelled[2], labelled[3]] : (bareLocator.exec(after)?.slice(1) ?? []);
  if (locator === undefined) return undefined;
  // `--` is how Markdown writes an en dash (Pandoc's smart typography): a range.
  return { label: label ?? 'page', locator: locator.trim().replace(/--/g, '–'), ...(suffix?.trim() ? { suffix: suffix.trim() } : {}) };
}

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
    // Pandoc takes `[@key p. 33]` as `[@key, p. 33]`.
    const after = rest.replace(/^,?\s*/, '');
    const locator = locatorOf(after);
    if (locator) {
      item.label = locator.label;
      item.locator = locator.locator;
      if (locator.suffix) item.suffix = locator.suffix;
    } else if (after.trim()) item.suffix = after.trim();
    items.push(item);
  }
  return items.length > 0 ? items : undefined;
}

/**
 * What a bracket right after an in-text citation says (`@key [p. 33]`, `@key [p. 33; see @other]`):
 * the key's locator and suffix, then more works, as Pandoc reads it; undefined when it is not that.
 */
export function parseInTextBracket(key: string, inner: string): CitedItem[] | undefined {
  const [first = '', ...rest] = inner.split(';');
  if (itemPattern.test(first.trim())) {
    const others = parseCitationText(inner);
    return others ? [{ key }, ...others] : undefined;
  }
  const own = parseCitationText(`@${key}, ${first.trim()}`)?.[0];
  const others = rest.length === 0 ? [] : parseCitationText(rest.join(';'));
  return own && others ? [own, ...others] : undefined;
}

/**
 * Finds Pandoc citations (`[@key]`, `[@key, p. 12]`, `[see @key]`, `[@a; @b]`, `[-@key]`) in text
 * nodes and replaces them with `citation` nodes. With the file's text (`source`), each citation's
 * position is where it is in the file, escapes, entities and line prefixes counted; without it, a
 * text node's value is taken to be its source. `placeAt`: the file's line index, when the caller
 * has one already.
 */
export function parseCitations(tree: Root, source?: string, placeAt = source === undefined ? undefined : placeLocator(source)): void {
  visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
    if (!parent || index === undefined || !node.value.includes('@')) return;
    const replacement: PhrasingContent[] = [];
    let position = 0;
    const offsets = source === undefined ? undefined : sourceOffsets(node, source);
    for (const match of node.value.matchAll(bracketed)) {
      const items = parseCitationText(match[1] ?? '');
      if (!items) continue;
      if (match.index > position) replacement.push({ type: 'text', value: node.value.slice(position, match.index) });
      const end = match.index + match[0].length;
      const span = offsets && placeAt ? placeInSource(offsets, placeAt, match.index, end) : positionWithin(node, match.index, match[0].length);
      replacement.push({ type: 'citation', value: match[0], items, ...span });
      position = end;
    }
    if (replacement.length === 0) {
      markEscapedAts(node, offsets, source, 0);
      return;
    }
    if (position < node.value.length) replacement.push({ type: 'text', value: node.value.slice(position) });
    let start = 0;
    for (const part of replacement) {
      const length = part.type === 'text' ? part.value.length : (part as Citation).value.length;
      if (part.type === 'text') markEscapedAts(part, offsets, source, start);
      start += length;
    }
    parent.children.splice(index, 1, ...(replacement as typeof parent.children));
    return index + replacement.length;
  });
}

/** Notes on a text node (a slice from `from` of the node it was cut from) where an `@` was written `\@`: Pandoc reads no citation there. */
function markEscapedAts(node: Text, offsets: readonly number[] | undefined, source: string | undefined, from: number): void {
  if (!offsets || source === undefined) return;
  const escaped: number[] = [];
  for (let index = node.value.indexOf('@'); index >= 0; index = node.value.indexOf('@', index + 1)) {
    if (source[offsets[from + index] ?? -1] === '\\') escaped.push(index);
  }
  if (escaped.length > 0) node.data = { ...node.data, escapedAt: escaped };
}

/**
 * For each index of a text node's value (and one past its end), the offset in the file it was
 * read from. The value drops what Markdown consumed: the backslash of an escape, a character
 * reference's spelling (`&amp;`), the indentation and `>` markers that start continuation lines.
 * Undefined when the value cannot be matched up with the source.
 */
function sourceOffsets(node: Text, source: string): number[] | undefined {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (from === undefined || to === undefined) return undefined;
  const offsets: number[] = [];
  let at = from;
  for (let index = 0; index < node.value.length; ) {
    const wanted = node.value[index]!;
    const reference = source[at] === '&' ? /^&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/.exec(source.slice(at, at + 40))?.[0] : undefined;
    const decoded = reference ? decodeHTMLStrict(reference) : undefined;
    if (reference && decoded && decoded !== reference && node.value.startsWith(decoded, index)) {
      for (let k = 0; k < decoded.length; k++) offsets.push(at);
      index += decoded.length;
      at += reference.length;
    } else if (source[at] === wanted) {
      offsets.push(at);
      index += 1;
      at += 1;
    } else if (source[at] === '\\' && source[at + 1] === wanted) {
      offsets.push(at);
      index += 1;
      at += 2;
    } else if (at < to && /[ \t>\r]/.test(source[at] ?? '')) at += 1;
    else return undefined;
  }
  offsets.push(at);
  return offsets;
}

function placeInSource(offsets: readonly number[], placeAt: (offset: number) => Place, start: number, end: number): Pick<Citation, 'position'> {
  const startOffset = offsets[start] ?? 0;
  const endOffset = offsets[end] ?? startOffset;
  return { position: { start: { ...placeAt(startOffset), offset: startOffset }, end: { ...placeAt(endOffset), offset: endOffset } } };
}

/** Where a slice of a text node starts and ends, when the file's text is not at hand. */
export function positionWithin(node: Text, offset: number, length: number): Pick<Citation, 'position'> {
  const start = node.position?.start;
  if (!start) return {};
  const at = (index: number) => ({
    ...placeAfter(start, node.value.slice(0, index)),
    ...(start.offset === undefined ? {} : { offset: start.offset + index }),
  });
  return { position: { start: at(offset), end: at(offset + length) } };
}
