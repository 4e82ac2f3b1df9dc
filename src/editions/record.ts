import { createHash } from 'node:crypto';
import type { Root, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { notesOf } from '../cite/source-notes.ts';
import type { BibliographyItem } from '../core/citations.ts';
import {
  type BookMetadataRecord,
  type ChangeSummary,
  type ChapterRecord,
  type EditionRecord,
  editionRecordFormat,
  type SitePageRecord,
} from '../core/editions.ts';
import type { Book, Chapter } from '../core/types.ts';
import { splitFrontMatter } from '../load/chapter.ts';

/** A short content hash: 16 hex digits of SHA-256 (enough to tell versions of one book apart). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A chapter file's body: what follows its front matter. */
export function bodyOf(text: string): string {
  const split = splitFrontMatter(text);
  return split.kind === 'unterminated' ? '' : split.body;
}

/**
 * Text compared between editions: paragraphs (blocks between blank lines) with their spacing and
 * line breaks collapsed, so re-wrapping a paragraph is not a revision but every word is.
 */
export function normaliseBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '')
    .join('\n\n');
}

/**
 * Words of the chapter's text, notes and citations aside: a citation in the running text is a note
 * of its own under a notes style (`cite/auto-notes.ts`), so counting it would make the count
 * depend on the style.
 */
function wordCount(tree: Root): number {
  const words = (node: RootContent): string => {
    if (node.type === 'citation' || node.type === 'footnoteDefinition' || node.type === 'yaml') return '';
    if ('children' in node) return node.children.map((child) => words(child as RootContent)).join('');
    return mdastToString(node);
  };
  const text = tree.children.map(words).join(' ');
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
}

function citedKeys(tree: Root): string[] {
  const keys = new Set<string>();
  visit(tree, 'citation', (node) => {
    for (const item of node.items) keys.add(item.key);
  });
  return [...keys].sort();
}

/** The front matter that is neither the id, title, authors nor corrections (each compared on its own). */
function otherFrontMatter(chapter: Chapter): string {
  const { id: _id, title: _title, authors: _authors, corrections: _corrections, ...rest } = chapter.meta;
  return stableJson(rest);
}

/** JSON with keys in sorted order, so equal data always hashes alike. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function sourceOf(chapter: Chapter): string | null {
  const { source, source_url: url } = chapter.meta;
  if (url) return url;
  return source ? `${source.file}:${source.lines[0]}-${source.lines[1]}` : null;
}

/**
 * What a chapter's record takes from its file's text and the tree parsed from it (a function of
 * the text alone, so a build may remember it by the text: `pipeline/edition-book.ts`).
 */
export type ChapterTextParts = Pick<ChapterRecord, 'hash' | 'words' | 'notes' | 'keys' | 'body'>;

export function chapterTextParts(chapter: Chapter, text: string): ChapterTextParts {
  const body = normaliseBody(bodyOf(text));
  return {
    hash: contentHash(body),
    words: wordCount(chapter.tree),
    notes: notesOf(chapter.tree, text).map((note) => ({ label: note.label, hash: contentHash(normaliseBody(note.text)) })),
    keys: citedKeys(chapter.tree),
    body,
  };
}

/** One chapter as an edition records it; `text` is its file as read, `part` the part it is in. */
export function chapterRecord(
  chapter: Chapter,
  text: string,
  part: string | undefined,
  formerIds: readonly string[] = [],
  parts: ChapterTextParts = chapterTextParts(chapter, text),
): ChapterRecord {
  return {
    id: chapter.slug,
    formerIds: [...formerIds],
    path: chapter.path,
    part: part ?? null,
    number: chapter.number,
    title: chapter.meta.title,
    authors: chapter.meta.authors,
    hash: parts.hash,
    frontMatterHash: contentHash(otherFrontMatter(chapter)),
    words: parts.words,
    notes: parts.notes,
    keys: parts.keys,
    corrections: chapter.meta.corrections ?? [],
    source: sourceOf(chapter),
    body: parts.body,
  };
}

/** An item's bibliographic data, without where it was cited from (which grows as chapters are added). */
export function bibliographyItemHash(item: BibliographyItem): string {
  const { custom, ...data } = item;
  const { provenance: _provenance, ...otherCustom } = custom ?? {};
  return contentHash(stableJson(Object.keys(otherCustom).length > 0 ? { ...data, custom: otherCustom } : data));
}

function metadataRecord(book: Book): BookMetadataRecord {
  const { config } = book;
  return {
    title: config.title,
    subtitle: config.subtitle ?? null,
    editors: config.editors,
    publisher: config.publisher,
    language: config.language,
    licence: config.licence ?? null,
    style: config.style,
    url: config.url ?? null,
  };
}

export interface EditionStamp {
  edition: number;
  date: string;
  note: readonly string[];
}

/**
 * The record of the book as it stands: every chapter (in reading order), every bibliography item,
 * the book's metadata. `texts` are the chapter files as read, by project path.
 */
export function editionRecord(
  book: Book,
  texts: ReadonlyMap<string, string>,
  stamp: EditionStamp,
  options: {
    formerIds?: Readonly<Record<string, readonly string[]>>;
    site?: SitePageRecord[];
    since?: number;
    summary?: ChangeSummary;
    /** Each chapter's text parts, when the caller has them (else worked out here). */
    textParts?: (chapter: Chapter, text: string) => ChapterTextParts;
  } = {},
): EditionRecord {
  return {
    format: editionRecordFormat,
    edition: stamp.edition,
    date: stamp.date,
    identifier: book.config.identifier,
    note: [...stamp.note],
    metadata: metadataRecord(book),
    since: options.since ?? null,
    summary: options.summary ?? null,
    chapters: book.parts.flatMap((part) =>
      part.chapters.map((chapter) => {
        const text = texts.get(chapter.path) ?? '';
        return chapterRecord(chapter, text, part.title, options.formerIds?.[chapter.slug] ?? [], (options.textParts ?? chapterTextParts)(chapter, text));
      }),
    ),
    bibliography: [...book.references]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((item) => ({ key: item.id, hash: bibliographyItemHash(item) })),
    site: options.site ?? [],
  };
}

/** The editor's note as paragraphs: blocks separated by blank lines, each on one line. */
export function noteParagraphs(note: string | undefined): string[] {
  return normaliseBody(note ?? '')
    .split('\n\n')
    .filter((paragraph) => paragraph !== '');
}

/** A record as written to `editions/N.json`: two-space JSON, keys in a fixed order, a final newline. */
export function serialiseRecord(record: EditionRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
