import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument, parse as parseYaml, type YAMLSeq } from 'yaml';
import { configFileName } from '../config/load.ts';
import { type ContentsEntry, type Insertion, type PlacementNote, placeChapters } from '../editions/placement.ts';
import { writeFileAtomic } from '../io/stage.ts';
import { splitFrontMatter } from '../load/chapter.ts';

/** What a chapter file's front matter says about it, read leniently (an unreadable file has neither). */
export async function chapterFacts(projectDir: string, chapterPath: string): Promise<{ title?: string; date?: string; id?: string; authors?: string[] }> {
  const text = await readFile(path.join(projectDir, chapterPath), 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  const split = splitFrontMatter(text);
  if (split.kind !== 'ok') return {};
  try {
    const meta = parseYaml(split.yaml) as Record<string, unknown> | null;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
    const title = text(meta?.title);
    const date = text(meta?.date);
    const id = text(meta?.id);
    const authors = Array.isArray(meta?.authors) ? meta.authors.filter((name): name is string => typeof name === 'string') : undefined;
    return { ...(title ? { title } : {}), ...(date ? { date } : {}), ...(id ? { id } : {}), ...(authors ? { authors } : {}) };
  } catch {
    return {};
  }
}

/**
 * Places new chapters in anthology.yaml's `contents` (by date, or `--part`, `--after`), keeping
 * the file's comments and layout. Chapters already listed stay where they are. Returns where
 * each went.
 */
export async function placeInContents(
  projectDir: string,
  chapterPaths: readonly string[],
  options: { part?: string; after?: string } = {},
): Promise<PlacementNote[]> {
  const file = path.join(projectDir, configFileName);
  const document = parseDocument(await readFile(file, 'utf8'));
  if (document.errors.length > 0) return [];
  let contents = document.get('contents', true);
  if (contents === undefined || contents === null) {
    document.set('contents', document.createNode([]));
    contents = document.get('contents', true);
  }
  if (!isSeq(contents)) return [];
  const entries = contents.toJSON() as ContentsEntry[];
  const listed = entries.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.chapters));
  const dates = new Map<string, string | undefined>();
  for (const listedPath of listed) dates.set(listedPath, (await chapterFacts(projectDir, listedPath)).date);
  const chapters = [];
  for (const chapterPath of chapterPaths) chapters.push({ path: chapterPath, date: (await chapterFacts(projectDir, chapterPath)).date });
  const { insertions, notes } = placeChapters(entries, {
    chapters,
    dates,
    ...(options.part !== undefined ? { part: options.part } : {}),
    ...(options.after !== undefined ? { after: options.after } : {}),
  });
  if (insertions.length === 0) return [];
  // `contents: []` is a flow sequence; a book's contents read better one chapter a line.
  contents.flow = false;
  for (const insertion of insertions) insertNode(document, contents, insertion);
  await writeFileAtomic(file, document.toString({ lineWidth: 0 }));
  return notes;
}

function insertNode(document: ReturnType<typeof parseDocument>, contents: YAMLSeq, insertion: Insertion): void {
  if (insertion.newPart !== undefined) contents.items.push(document.createNode({ part: insertion.newPart, chapters: [] }));
  const node = document.createNode(insertion.path);
  if (insertion.partIndex === undefined) {
    contents.items.splice(insertion.index, 0, node);
    return;
  }
  const part = contents.items[insertion.partIndex];
  const chapters = isMap(part) ? part.get('chapters', true) : undefined;
  if (isSeq(chapters)) {
    chapters.flow = false;
    chapters.items.splice(insertion.index, 0, node);
  }
}
