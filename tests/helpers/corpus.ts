import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FootnoteDefinition, Nodes, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../src/config/schema.ts';
import type { ImportedChapter } from '../../src/import/import.ts';
import type { ImportOptions } from '../../src/import/types.ts';
import { importSourcePath } from '../../src/io/read-source.ts';
import { repoRoot } from './project.ts';

/** The corpus of real sources: one folder per entry, `tests/corpus/<format>/<entry>/expected.json`. */
export const corpusRoot = path.join(repoRoot, 'tests/corpus');

export interface ExpectedCitation {
  note: number;
  text?: string;
  items: Record<string, unknown>[];
  commentary?: string;
}

export interface ExpectedPiece {
  title: string;
  authors: string[];
  editors?: string[];
  date: string | null;
  venue: string | null;
  markers: number;
  notes: number;
  unreferenced?: number;
  first: string;
  last: string;
  contains?: string[];
  absent?: string[];
  noteTexts?: Record<string, string>;
  citations?: ExpectedCitation[];
}

export interface Provenance {
  repo: string;
  commit: string;
  path: string;
  licence: string;
  licenceEvidence?: string;
  url?: string;
}

export interface CorpusEntry {
  /** `<format>/<entry>`, relative to the corpus root. */
  id: string;
  format: string;
  dir: string;
  source: string;
  provenance: Provenance | Provenance[];
  platform?: string;
  noteMarkup?: string;
  language?: string;
  import?: { author?: string; postTypes?: string[]; drafts?: boolean };
  traps?: string[];
  pieces: ExpectedPiece[];
  notPieces?: string[];
}

/** Every entry of the corpus, sorted by id; an entry whose expected.json cannot be read is a problem, not a crash. */
export function loadCorpus(root = corpusRoot): { entries: CorpusEntry[]; problems: string[] } {
  const entries: CorpusEntry[] = [];
  const problems: string[] = [];
  for (const format of sortedDirs(root)) {
    for (const name of sortedDirs(path.join(root, format))) {
      const dir = path.join(root, format, name);
      const expectedPath = path.join(dir, 'expected.json');
      let expected: Omit<CorpusEntry, 'id' | 'format' | 'dir'>;
      try {
        expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
      } catch (error) {
        problems.push(`${path.relative(repoRoot, expectedPath)}: ${(error as Error).message.replace(/^ENOENT.*/, 'missing')}`);
        continue;
      }
      entries.push({ ...expected, id: `${format}/${name}`, format, dir });
    }
  }
  return { entries, problems };
}

function sortedDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A text as compared: Unicode-normalised, one kind of quote and dash, spaces collapsed, lower case. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The text of a node as a reader sees it; footnote references are left out (they are counted apart). */
function plainText(node: Nodes, skipDefinitions: boolean): string {
  if (node.type === 'footnoteReference') return '';
  if (skipDefinitions && node.type === 'footnoteDefinition') return '';
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if (node.type === 'image') return node.alt ?? '';
  // A line break is white space to a reader (`write up<br>the equivalent`).
  if (node.type === 'break') return '\n';
  if (!('children' in node)) return '';
  const blocks = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition', 'table', 'tableRow']);
  return (node.children as Nodes[]).map((child) => plainText(child, skipDefinitions)).join(blocks.has(node.type) ? '\n' : '');
}

export interface PieceCheck {
  expected: ExpectedPiece;
  /** Undefined when no imported chapter matches this piece. */
  actual: { slug: string; meta: ChapterFrontMatter } | undefined;
  metadata: { field: string; ok: boolean; expected: unknown; actual: unknown }[];
  markers: { expected: number; found: number; linked: number };
  notes: { expected: number; kept: number; unreferenced: number; expectedUnreferenced: number };
  noteTexts: { note: string; ok: boolean; expected: string; actual: string | undefined }[];
  body: { sentence: string; found: boolean }[];
  leaked: string[];
}

export interface EntryCheck {
  entry: CorpusEntry;
  pieces: PieceCheck[];
  /** Chapters imported that match no expected piece (extra pieces, drafts, pages). */
  extra: string[];
  /** Errors the importer reported (it refused the source or part of it). */
  errors: string[];
  faithful: boolean;
}

/**
 * Imports a source of the corpus (a file, a folder, or a zip) the way `anthology import` reads and
 * imports it, without writing; `files` are the source and, for an archive, each file in it.
 */
export async function importEntry(entry: CorpusEntry): Promise<{ files: VFile[]; chapters: ImportedChapter[]; problem?: string }> {
  const relative = path.relative(repoRoot, path.join(entry.dir, entry.source));
  if (!existsSync(path.join(repoRoot, relative))) return { files: [], chapters: [], problem: `source ${relative} does not exist` };
  const options: ImportOptions = {
    defaultAuthor: entry.import?.author,
    ...(entry.import?.postTypes ? { postTypes: entry.import.postTypes } : {}),
    ...(entry.import?.drafts ? { includeDrafts: true } : {}),
  };
  const { result } = await importSourcePath(repoRoot, relative, options);
  const files = [result.file, ...(result.members ?? []).flatMap((member) => (member.file ? [member.file] : []))];
  return { files, chapters: result.chapters };
}

/** Imports an entry and compares every piece with what a faithful import gives. */
export async function checkEntry(entry: CorpusEntry): Promise<EntryCheck> {
  const { files, chapters, problem } = await importEntry(entry);
  const errors = [
    ...(problem ? [problem] : []),
    ...files.flatMap((file) =>
      file.messages
        .filter((message) => message.fatal)
        .map((message) => `${files.length > 1 ? `${file.path} ` : ''}${message.line ?? 1}:${message.column ?? 1} ${message.reason} (${message.ruleId})`),
    ),
  ];
  const unmatched = [...chapters];
  const take = (predicate: (chapter: ImportedChapter) => boolean) => {
    const index = unmatched.findIndex(predicate);
    return index < 0 ? undefined : unmatched.splice(index, 1)[0];
  };
  const byTitle = entry.pieces.map((piece) => take((chapter) => comparable(chapter.piece.meta.title) === comparable(piece.title)));
  // Pieces whose title came out wrong are matched in order with what is left.
  const matched = byTitle.map((chapter) => chapter ?? take(() => true));
  const pieces = entry.pieces.map((expected, index) => checkPiece(expected, matched[index]));
  const extra = unmatched.map((chapter) => chapter.piece.meta.title);
  const faithful = errors.length === 0 && extra.length === 0 && pieces.every(pieceFaithful);
  return { entry, pieces, extra, errors, faithful };
}

export function pieceFaithful(check: PieceCheck): boolean {
  return (
    check.actual !== undefined &&
    check.metadata.every((field) => field.ok) &&
    check.markers.found === check.markers.expected &&
    check.markers.linked === check.markers.found &&
    check.notes.kept === check.notes.expected &&
    check.notes.unreferenced === check.notes.expectedUnreferenced &&
    check.noteTexts.every((note) => note.ok) &&
    check.body.every((sentence) => sentence.found) &&
    check.leaked.length === 0
  );
}

function checkPiece(expected: ExpectedPiece, chapter: ImportedChapter | undefined): PieceCheck {
  const meta = chapter?.piece.meta;
  const body = chapter?.piece.body ?? ({ type: 'root', children: [] } satisfies Root);
  const references = collect(body, 'footnoteReference');
  const definitions = collect(body, 'footnoteDefinition') as FootnoteDefinition[];
  const defined = new Set(definitions.map((definition) => definition.identifier));
  const referenced = new Set(references.map((reference) => reference.identifier));
  const kept = definitions.filter((definition) => plainText(definition, false).trim() !== '');
  const bodyText = comparable(plainText(body, true));
  const chapterText = comparable(`${meta ? Object.values(meta).flat().join('\n') : ''}\n${plainText(body, false)}`);
  const sentences = [expected.first, ...(expected.contains ?? []), expected.last];
  const metadata = [
    field('title', expected.title, meta?.title, (a, b) => a === b),
    field('authors', expected.authors, meta?.authors ?? [], sameList),
    ...(expected.editors ? [field('editors', expected.editors, (meta as { editors?: string[] } | undefined)?.editors ?? [], sameList)] : []),
    field('date', expected.date, meta?.date ?? null, (a, b) => a === b),
    field('venue', expected.venue, meta?.venue ?? null, (a, b) => a === b),
  ];
  return {
    expected,
    actual: chapter ? { slug: chapter.slug, meta: chapter.piece.meta } : undefined,
    metadata,
    markers: { expected: expected.markers, found: references.length, linked: references.filter((reference) => defined.has(reference.identifier)).length },
    notes: {
      expected: expected.notes,
      kept: kept.length,
      unreferenced: definitions.filter((definition) => !referenced.has(definition.identifier)).length,
      expectedUnreferenced: expected.unreferenced ?? 0,
    },
    noteTexts: Object.entries(expected.noteTexts ?? {}).map(([note, text]) => {
      const definition = definitions.find((candidate) => candidate.identifier === note) ?? definitions[Number(note) - 1];
      const actual = definition && plainText(definition, false).trim();
      return { note, ok: actual !== undefined && comparable(actual).startsWith(comparable(text)), expected: text, actual };
    }),
    body: sentences.map((sentence) => ({ sentence, found: bodyText.includes(comparable(sentence)) })),
    leaked: (expected.absent ?? []).filter((text) => chapterText.includes(comparable(text))),
  };
}

function field<T>(name: string, expected: T, actual: T, same: (a: T, b: T) => boolean) {
  const normalise = (value: T) => (typeof value === 'string' ? (value.normalize('NFKC').replace(/\s+/g, ' ').trim() as T) : value);
  return { field: name, ok: same(normalise(expected), normalise(actual)), expected, actual };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const norm = (list: readonly string[]) => list.map((name) => name.normalize('NFKC').replace(/\s+/g, ' ').trim());
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

function collect(tree: Nodes, type: 'footnoteReference' | 'footnoteDefinition'): Extract<Nodes, { type: typeof type }>[] {
  const found: Extract<Nodes, { type: typeof type }>[] = [];
  const walk = (node: Nodes) => {
    if (node.type === type) found.push(node as Extract<Nodes, { type: typeof type }>);
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);
  return found;
}

/** Notes of the corpus with hand-checked CSL fields. */
export function labelledNotes(entries: readonly CorpusEntry[]): { entry: string; piece: string; citation: ExpectedCitation }[] {
  return entries.flatMap((entry) =>
    entry.pieces.flatMap((piece) => (piece.citations ?? []).map((citation) => ({ entry: entry.id, piece: piece.title, citation }))),
  );
}

/** `tests/corpus/SOURCES.md`: where every source came from and under which licence. */
export function sourcesMarkdown(entries: readonly CorpusEntry[]): string {
  const rows = entries.flatMap((entry) =>
    (Array.isArray(entry.provenance) ? entry.provenance : [entry.provenance]).map((source) => {
      const file = `https://github.com/${source.repo}/blob/${source.commit}/${source.path}`;
      return `| \`${entry.id}\` | [${source.repo}](https://github.com/${source.repo}) | [\`${source.path}\`](${encodeURI(file)}) | \`${source.commit.slice(0, 12)}\` | ${source.licence} | ${(source.licenceEvidence ?? '').replace(/\|/g, '\\|')} |`;
    }),
  );
  return [
    '# Where the corpus comes from',
    '',
    'Generated from each entry’s `provenance` by `npm run corpus -- --sources`; do not edit by hand.',
    'Every file is kept exactly as published in the repository and commit named. The texts belong to',
    'their authors and are redistributed here under the licence given.',
    '',
    '| entry | repository | file | commit | licence | licence evidence |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
