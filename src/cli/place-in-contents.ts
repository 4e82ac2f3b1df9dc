import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type ContentsEntry, type PlacementNote, placeChapters } from '../editions/placement.ts';
import { contentsOf, editConfig, insertIntoContents } from '../io/edit-config.ts';
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
  const result = await editConfig(projectDir, async (document) => {
    const contents = contentsOf(document);
    if (!contents) return 'no-contents';
    const entries = contents.toJSON() as ContentsEntry[];
    const { insertions, notes } = placeChapters(entries, {
      chapters: await datedChapters(projectDir, chapterPaths),
      dates: await listedDates(projectDir, entries),
      ...(options.part !== undefined ? { part: options.part } : {}),
      ...(options.after !== undefined ? { after: options.after } : {}),
    });
    if (insertions.length === 0) return 'unchanged';
    insertIntoContents(document, contents, insertions);
    return notes;
  });
  return 'edited' in result ? result.edited : [];
}

/** The date each listed chapter's front matter gives, by path. */
async function listedDates(projectDir: string, entries: readonly ContentsEntry[]): Promise<Map<string, string | undefined>> {
  const dates = new Map<string, string | undefined>();
  for (const entry of entries) {
    for (const listedPath of typeof entry === 'string' ? [entry] : entry.chapters) dates.set(listedPath, (await chapterFacts(projectDir, listedPath)).date);
  }
  return dates;
}

async function datedChapters(projectDir: string, chapterPaths: readonly string[]): Promise<{ path: string; date: string | undefined }[]> {
  const chapters = [];
  for (const chapterPath of chapterPaths) chapters.push({ path: chapterPath, date: (await chapterFacts(projectDir, chapterPath)).date });
  return chapters;
}
