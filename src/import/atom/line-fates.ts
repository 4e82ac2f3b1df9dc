import type { ChapterField, LineFate } from '../types.ts';
import type { EntryRange } from './atom-xml.ts';
import type { EntryUse } from './entry-piece.ts';

const tag = (name: string) => new RegExp(`<(?:[\\w.-]+:)?(?:${name})[\\s/>]`);

/** An element opened and not closed in its tag (`<content type="text"/>`, a setting's empty value, holds nothing). */
const opens = (name: string) => new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?(?<!/)>`);

const bookkeeping = 'Atom bookkeeping (id, edit and feed links, Blogger’s kind, status and file name, comment count, the author’s profile picture)';
const removedReason =
  'removed from the post: an embedded frame or player (reported here with its address), or unsafe or hidden markup holding it (scripts, forms, noscript, svg)';

const summaryFates: Record<EntryUse['summary'], (line: number, piece: number) => LineFate> = {
  body: (line, piece) => ({ line, fate: 'kept', piece, field: 'body' }),
  standfirst: (line, piece) => ({ line, fate: 'metadata', piece, field: 'standfirst' }),
  repeated: (line, piece) => ({ line, fate: 'dropped', piece, reason: 'the feed’s summary of the post: its opening, which the chapter has' }),
  none: (line, piece) => ({ line, fate: 'dropped', piece, reason: 'the feed’s summary of the post, empty' }),
};

/** A line's metadata field by the element it opens, if the chapter took it. */
function metadataField(value: string, use: EntryUse): ChapterField | undefined {
  if (tag('title').test(value)) return 'title';
  if (tag('published').test(value)) return use.dated === 'published' ? 'date' : undefined;
  if (tag('updated').test(value)) return use.dated === 'updated' ? 'date' : undefined;
  if (/<(?:[\w.-]+:)?link\b/.test(value) && /\brel=["']alternate["']|<(?:[\w.-]+:)?link\b(?![^>]*\brel=)/.test(value)) return 'source_url';
  if (tag('category').test(value) && !/g\/2005#kind/.test(value)) return 'tags';
  return undefined;
}

/**
 * The lines of an imported entry: its content is the body (lines the sanitiser emptied dropped),
 * its title, date, address and labels metadata, its author the byline (or dropped, not being a
 * name), its summary whatever the chapter made of it, the rest Atom's bookkeeping. A line shared
 * with another entry (a feed written on one line) keeps the first fate it was given.
 */
export function markEntryLines(lines: readonly string[], range: EntryRange, piece: number, fates: Map<number, LineFate>, use: EntryUse): void {
  let inContent = false;
  let inSummary = false;
  let inAuthor = false;
  for (let line = range.start; line <= range.end; line++) {
    const value = lines[line - 1] ?? '';
    if (opens('content').test(value)) inContent = true;
    if (opens('summary').test(value)) inSummary = true;
    if (tag('author').test(value)) inAuthor = true;
    const field = metadataField(value, use);
    if (!fates.has(line)) fates.set(line, lineFate(line, value, piece, { inContent, inSummary, inAuthor, field }, use));
    if (/<\/(?:[\w.-]+:)?content>/.test(value)) inContent = false;
    if (/<\/(?:[\w.-]+:)?summary>/.test(value)) inSummary = false;
    if (/<\/(?:[\w.-]+:)?author>/.test(value)) inAuthor = false;
  }
}

interface LineState {
  inContent: boolean;
  inSummary: boolean;
  inAuthor: boolean;
  field: ChapterField | undefined;
}

function lineFate(line: number, value: string, piece: number, state: LineState, use: EntryUse): LineFate {
  if (value.trim() === '') return { line, fate: 'blank' };
  const inBody = state.inContent || (state.inSummary && use.summary === 'body');
  if (inBody && use.removedLines.has(line)) return { line, fate: 'dropped', piece, reason: removedReason };
  if (state.inContent) return { line, fate: 'kept', piece, field: 'body' };
  if (state.inSummary) return summaryFates[use.summary](line, piece);
  if (state.inAuthor)
    return use.authors
      ? { line, fate: 'metadata', piece, field: 'authors' }
      : { line, fate: 'dropped', piece, reason: 'the entry’s author: not a name (a placeholder, an address or empty), reported' };
  if (state.field) return { line, fate: 'metadata', piece, field: state.field };
  return { line, fate: 'dropped', piece, reason: bookkeeping };
}
