/**
 * A header block of `Key: value` lines at the top of a text, as PEPs, RFC 822 mail and many plain
 * text essays open: `Title: Back to the __future__`, `Author: Tim Peters <tim@zope.com>`,
 * `Created: 26-Feb-2001`. A value may run on indented lines (RFC 822 folding).
 */

export interface HeaderField {
  key: string;
  value: string;
  /** The lines it occupies, 1-based, continuation lines included. */
  line: number;
  endLine: number;
}

export interface HeaderBlock {
  fields: HeaderField[];
  title: HeaderField | undefined;
  authors: HeaderField | undefined;
  date: HeaderField | undefined;
}

const titleKeys = ['title', 'subject'];
const authorKeys = ['author', 'authors', 'by', 'from', 'written by'];
const dateKeys = ['created', 'date', 'published', 'posted', 'publication date'];

/** The header block the text opens with (three fields or more, one of them a title), if any. */
export function readHeaderBlock(lines: readonly string[]): HeaderBlock | undefined {
  const fields: HeaderField[] = [];
  let index = lines.findIndex((line) => line.trim() !== '');
  if (index < 0) return undefined;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') break;
    const field = /^([A-Z][\w-]*(?: [A-Za-z][\w-]*)?):[ \t]*(.*)$/.exec(line);
    const previous = fields.at(-1);
    if (field?.[1] !== undefined) fields.push({ key: field[1], value: (field[2] ?? '').trim(), line: index + 1, endLine: index + 1 });
    else if (previous && /^[ \t]+\S/.test(line)) {
      previous.value = `${previous.value} ${line.trim()}`.trim();
      previous.endLine = index + 1;
    } else return undefined;
  }
  const find = (keys: readonly string[]) => fields.find((field) => keys.includes(field.key.toLowerCase()) && field.value !== '');
  const title = find(titleKeys);
  if (fields.length < 3 || !title) return undefined;
  return { fields, title, authors: find(authorKeys), date: find(dateKeys) };
}

/**
 * `Tim Peters <tim@zope.com>` and the older `tim@zope.com (Tim Peters)` → `Tim Peters`: addresses
 * are not part of a name.
 */
export function withoutAddresses(value: string): string {
  return value
    .replace(/\S+@\S+\s*\(([^)]*)\)/g, '$1')
    .replace(/<[^>]*>|\([^)]*@[^)]*\)|\S+@\S+/g, '')
    .replace(/\s+,/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,]+|[\s,]+$/g, '');
}
