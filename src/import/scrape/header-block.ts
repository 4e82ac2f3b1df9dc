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
  return restructuredHeader(lines) ?? mailHeader(lines);
}

function mailHeader(lines: readonly string[]): HeaderBlock | undefined {
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
  const block = withKnownFields(fields);
  return fields.length < 3 ? undefined : block;
}

function withKnownFields(fields: HeaderField[]): HeaderBlock | undefined {
  const find = (keys: readonly string[]) => fields.find((field) => keys.includes(field.key.toLowerCase()) && field.value !== '');
  const title = find(titleKeys);
  if (!title) return undefined;
  return { fields, title, authors: find(authorKeys), date: find(dateKeys) };
}

const adornment = /^([!-/:-@[-`{-~])\1{2,}\s*$/;
const nikolaField = /^\.\. ([a-z][\w-]*):[ \t]*(.*)$/;
const docinfoField = /^:([A-Za-z][\w -]*):[ \t]*(.*)$/;

/**
 * The way reStructuredText blogs open: Nikola's `.. title: …` comment lines, or Pelican's and
 * Docutils' title (a line with an underline, and maybe an overline, of one punctuation character)
 * followed by a field list, `:date: …`, `:authors: …`. The adornment lines belong to the title.
 */
function restructuredHeader(lines: readonly string[]): HeaderBlock | undefined {
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return undefined;
  const fields: HeaderField[] = [];
  let index = first;
  if (nikolaField.test(lines[first] ?? '')) {
    for (; nikolaField.test(lines[index] ?? ''); index++) {
      const [, key = '', value = ''] = nikolaField.exec(lines[index] ?? '') ?? [];
      fields.push({ key, value: value.trim(), line: index + 1, endLine: index + 1 });
    }
    // A Docutils field list may follow (`:Author: Richard Jones`): the document's own credits.
    docinfo(lines, index, fields);
    return withKnownFields(fields);
  }
  const title = adornedTitle(lines, first);
  if (!title) return undefined;
  fields.push(title);
  docinfo(lines, title.endLine, fields);
  // A title alone is any document's heading: only a title with its fields is a header.
  return fields.length > 1 ? withKnownFields(fields) : undefined;
}

/** The field list (`:date: …`) that starts at line index `from`, after blank lines, added to `fields`. */
function docinfo(lines: readonly string[], from: number, fields: HeaderField[]): void {
  let index = from;
  while ((lines[index] ?? '').trim() === '' && index < lines.length) index++;
  if (!docinfoField.test(lines[index] ?? '')) return;
  const start = fields.length;
  for (; docinfoField.test(lines[index] ?? '') || (fields.length > start && /^[ \t]+\S/.test(lines[index] ?? '')); index++) {
    const field = docinfoField.exec(lines[index] ?? '');
    const previous = fields.at(-1);
    if (field) fields.push({ key: field[1] ?? '', value: (field[2] ?? '').trim(), line: index + 1, endLine: index + 1 });
    else if (previous) {
      previous.value = `${previous.value} ${(lines[index] ?? '').trim()}`.trim();
      previous.endLine = index + 1;
    }
  }
}

/** A title set off by an underline (and maybe a matching overline) as long as it, at line index `at`. */
function adornedTitle(lines: readonly string[], at: number): HeaderField | undefined {
  const overline = adornment.test(lines[at] ?? '');
  const titleIndex = overline ? at + 1 : at;
  const text = (lines[titleIndex] ?? '').trim();
  const under = lines[titleIndex + 1] ?? '';
  if (text === '' || adornment.test(text) || !adornment.test(under) || under.trim().length < text.length) return undefined;
  if (overline && (lines[at] ?? '').trim()[0] !== under.trim()[0]) return undefined;
  return { key: 'Title', value: text, line: at + 1, endLine: titleIndex + 2 };
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
