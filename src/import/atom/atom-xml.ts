import { XMLParser } from 'fast-xml-parser';
import type { PlaceInSource } from '../content.ts';

/**
 * An Atom document as fast-xml-parser gives it. Namespace prefixes are taken off (`blogger:type`
 * → `type`, `app:draft` → `draft`, `xml:base` → `@_base`), so that a feed that binds Blogger's or
 * the publishing protocol's namespace to another prefix reads the same.
 */
export type AtomNode = Record<string, unknown>;

export const atomParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Without it the parser leaves character references (`&#x2F;`, `&#47;`) as written, so that
  // Zola's escaped `&lt;&#x2F;a&gt;` read as text, not as the tag it is.
  htmlEntities: true,
  removeNSPrefix: true,
  isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name),
});

/** An element's text: a string, or `#text` of an element with attributes; nested elements' text joined (an `xhtml` title). */
export function nodeText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(nodeText).join('');
  if (!value || typeof value !== 'object') return '';
  return Object.entries(value)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([, child]) => nodeText(child))
    .join('');
}

/** An attribute of an element (`type`, `rel`, `href`, `term`…), or undefined. */
export function attribute(value: unknown, name: string): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const found = (value as AtomNode)[`@_${name}`];
  return typeof found === 'string' ? found : undefined;
}

/** A child that may be repeated, as a list. */
export function children(node: AtomNode, name: string): unknown[] {
  const value = node[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export interface EntryRange {
  /** First and last line of the `<entry>` element. */
  start: number;
  end: number;
  /** Offsets of `<entry` and of `</entry>`. */
  from: number;
  to: number;
}

/** The `<entry>` elements' places, in document order (CDATA sections and comments skipped: a post may quote markup). */
export function findEntryRanges(source: string, lineAt: (offset: number) => number): EntryRange[] {
  const ranges: EntryRange[] = [];
  const pattern = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(?:[\w.-]+:)?entry[\s>]|<\/(?:[\w.-]+:)?entry\s*>/g;
  let open: number | undefined;
  for (const match of source.matchAll(pattern)) {
    if (match[0].startsWith('<!')) continue;
    if (!match[0].startsWith('</')) open = match.index;
    else if (open !== undefined) {
      ranges.push({ start: lineAt(open), end: lineAt(match.index), from: open, to: match.index });
      open = undefined;
    }
  }
  return ranges;
}

/** Where an element's text is in the source: the raw text between its tags, and where it starts. */
export interface ElementText {
  raw: string;
  /** Offset of the text's first character in the source. */
  offset: number;
  /** Whether the text is in a CDATA section (as written) rather than escaped. */
  cdata: boolean;
}

/** The first `<name …>…</name>` of an entry (its `content` or `summary`), as written. */
export function elementText(source: string, range: EntryRange, name: string): ElementText | undefined {
  const inside = source.slice(range.from, range.to);
  const opening = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*?)?(/?)>`).exec(inside);
  if (!opening || opening[1] === '/') return undefined;
  const start = opening.index + opening[0].length;
  const closing = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`).exec(inside.slice(start));
  if (!closing) return undefined;
  const raw = inside.slice(start, start + closing.index);
  const cdata = /^\s*<!\[CDATA\[/.exec(raw);
  if (!cdata) return { raw, offset: range.from + start, cdata: false };
  return { raw: raw.slice(cdata[0].length).replace(/\]\]>\s*$/, ''), offset: range.from + start + cdata[0].length, cdata: true };
}

/**
 * Places in an element's decoded text as places in the file. Escaped HTML (`&lt;p&gt;`) is longer
 * in the file than decoded: a column is found by walking its line, an entity counting as the one
 * character it stands for; lines are the same (entities hold no line breaks).
 */
export function placesInElement(text: ElementText, placeAt: (offset: number) => { line: number; column: number }): PlaceInSource {
  const start = placeAt(text.offset);
  const lines = text.raw.split('\n');
  return (point) => {
    const rawLine = lines[point.line - 1] ?? '';
    const column = text.cdata ? point.column : rawColumn(rawLine, point.column);
    return point.line === 1 ? { line: start.line, column: start.column + column - 1 } : { line: start.line + point.line - 1, column };
  };
}

/** The column in an escaped line of the `decoded`th character of its decoded text. */
function rawColumn(line: string, decoded: number): number {
  let seen = 1;
  let index = 0;
  while (seen < decoded && index < line.length) {
    const entity = /^&(?:#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(line.slice(index, index + 12));
    const length = entity ? entity[0].length : (line.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
    // An entity for a character beyond the BMP decodes to two UTF-16 units, as the parser counts.
    seen += entity && /^&#(?:x[0-9a-f]{5,}|\d{6,});/i.test(entity[0]) ? 2 : length === 2 ? 2 : 1;
    index += length;
  }
  return index + 1;
}
