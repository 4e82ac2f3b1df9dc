// Note parsing and citation rendering throughput (notes/s) on the seed essay and on a generated
// 20,000-note book, against baselines measured in the same run.
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { citeBook } from '../src/cite/cite-book.ts';
import { citeChapterNotes } from '../src/cite/cite-notes.ts';
import { parseNote } from '../src/cite/parse-note.ts';
import { notesOf } from '../src/cite/source-notes.ts';
import type { BibliographyItem, CslJsonItem } from '../src/core/citations.ts';
import type { Book, Chapter } from '../src/core/types.ts';
import { pieceToMarkdown } from '../src/import/chapter-markdown.ts';
import { importSource } from '../src/import/import.ts';
import { loadCiteStyle } from '../src/io/cite-style.ts';
import { parseChapter } from '../src/load/chapter.ts';
import { measure, printTable } from './table.ts';

const root = new URL('..', import.meta.url).pathname;
// The essay as imported from the seed, with its notes as typed (the committed chapter cites by key).
const seed = readFileSync(new URL('../sources/shanghai-cooperation-organization.txt', import.meta.url), 'utf8');
const imported = importSource(new VFile({ path: 'seed.txt', value: seed }), { defaultAuthor: undefined }).chapters[0];
if (!imported) throw new Error('the seed did not import');
const essayPath = `chapters/${imported.slug}.md`;
const essay = pieceToMarkdown(imported.piece);
const seedNotes = notesOf(parseChapter(new VFile({ path: essayPath, value: essay }))?.tree ?? { type: 'root', children: [] }, essay).map((note) => note.text);

const rows: string[][] = [];
function row(label: string, notes: number, ms: number, baselineLabel: string, baselineMs: number): void {
  console.error(`  ${label}: ${ms.toFixed(0)} ms`);
  rows.push([
    label,
    String(notes),
    ms.toFixed(1),
    ((notes / ms) * 1000).toFixed(0),
    baselineLabel,
    ((notes / baselineMs) * 1000).toFixed(0),
    (baselineMs / ms).toFixed(2),
  ]);
}

// 1. Parsing: the seed's 89 notes, and 20,000 notes drawn from them; baseline = a regex scan for quoted titles and URLs.
const manyNotes = Array.from({ length: 20000 }, (_, index) => seedNotes[index % seedNotes.length] ?? '');
for (const [label, notes] of [
  ['parse seed notes', seedNotes],
  ['parse 20,000 notes', manyNotes],
] as const) {
  const ms = measure(() => {
    for (const note of notes) parseNote(note);
  });
  const baselineMs = measure(() => {
    for (const note of notes) /‘[^’]*’|<https?:[^>]*>/g.exec(note);
  });
  row(label, notes.length, ms, 'regex scan', baselineMs);
}

// 2. Rendering: every note through citeproc, one engine per chapter.
const style = await loadCiteStyle(root, { style: 'styles/csl/chicago-notes-bibliography.csl', language: 'en-GB' } as Book['config']);
function bookFrom(chapters: { path: string; text: string }[]): { book: Book; files: Map<string, VFile> } {
  const items: BibliographyItem[] = [];
  const files = new Map<string, VFile>();
  const parsedChapters: Chapter[] = chapters.map(({ path, text }, index) => {
    const cited = citeChapterNotes(`c${index}`, notesOf(parseChapter(new VFile({ path, value: text }))?.tree ?? { type: 'root', children: [] }, text), items);
    let rewritten = text;
    for (const resolution of [...cited].reverse()) {
      if (resolution.rewritten !== undefined)
        rewritten = rewritten.slice(0, resolution.note.start) + resolution.rewritten + rewritten.slice(resolution.note.end);
    }
    const file = new VFile({ path, value: rewritten });
    files.set(path, file);
    const parsed = parseChapter(file);
    if (!parsed) throw new Error(`cannot parse ${path}`);
    return { slug: `c${index}`, path, number: index + 1, ...parsed };
  });
  const config = { language: 'en-GB', style: 'styles/csl/chicago-notes-bibliography.csl' } as Book['config'];
  return { book: { config, slug: 'bench', parts: [{ title: undefined, chapters: parsedChapters }], chapters: parsedChapters, references: items }, files };
}
const essayChapters = [{ path: essayPath, text: essay }];
const bigChapters = Array.from({ length: Number(process.env.BENCH_CHAPTERS ?? 225) }, (_, index) => ({ path: `chapters/c${index}.md`, text: essay }));
for (const [label, chapters] of [
  ['render seed essay', essayChapters],
  ['render 20,025-note book', bigChapters],
] as const) {
  const notes = chapters.length * 89;
  let ms = 0;
  const runs = chapters.length > 1 ? 1 : 5;
  for (let run = 0; run < runs; run++) {
    const { book, files } = bookFrom(chapters);
    const start = performance.now();
    citeBook(book, style, files);
    ms += (performance.now() - start) / runs;
  }
  // Baseline: the same citations fed one at a time (processCitationCluster per note, the usual
  // incremental integration), timed on the seed essay and scaled to the number of chapters.
  const { book } = bookFrom(essayChapters);
  const keys = book.references.map((item) => item.id);
  const engine = style.engine(book.references as CslJsonItem[]);
  const before: [string, number][] = [];
  const baseStart = performance.now();
  for (let index = 0; index < 89; index++) {
    const citation = { citationID: `b${index}`, citationItems: [{ id: keys[index % keys.length] ?? '' }], properties: { noteIndex: index + 1 } };
    engine.processCitationCluster(citation, before, []);
    before.push([citation.citationID, index + 1]);
  }
  const baselineMs = (performance.now() - baseStart) * chapters.length;
  row(label, notes, ms, 'cluster per note', baselineMs);
}
printTable('Citations: notes/s', ['task', 'notes', 'ms', 'notes/s', 'baseline', 'baseline notes/s', '× baseline'], rows);
