import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './stage.ts';

/** Remembers what each imported chapter looked like when written, to tell hand edits apart. */
export const manifestFileName = '.anthology-imports.json';

/** A folder's manifest: each file an import wrote there, by name, with the hash of the bytes it wrote. */
export type ImportManifest = Record<string, string>;

export interface PlannedChapter {
  fileName: string;
  markdown: string;
}

export type ChapterWritePlan = { fileName: string; action: 'create' | 'update' | 'unchanged' } | { fileName: string; action: 'edited'; besideName: string };

/** The hash a manifest records for a file's text or bytes. */
export function importedHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The manifest of what imports wrote in a folder (none yet: empty). */
export async function readManifest(directory: string): Promise<ImportManifest> {
  try {
    return JSON.parse(await readFile(path.join(directory, manifestFileName), 'utf8')) as ImportManifest;
  } catch {
    return {};
  }
}

/** Writes a folder's manifest, in name order (atomically). */
export async function writeManifest(directory: string, manifest: ImportManifest): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  await writeFileAtomic(path.join(directory, manifestFileName), `${JSON.stringify(sorted, null, 2)}\n`);
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Decides what happens to each chapter file: new files are created; files we wrote and nobody
 * touched are updated; files edited since the last import are `edited` and left alone unless the
 * caller forces or writes beside them.
 */
export async function planChapterWrites(directory: string, chapters: readonly PlannedChapter[]): Promise<ChapterWritePlan[]> {
  const manifest = await readManifest(directory);
  const plans: ChapterWritePlan[] = [];
  for (const chapter of chapters) {
    const existing = await readIfExists(path.join(directory, chapter.fileName));
    if (existing === undefined) plans.push({ fileName: chapter.fileName, action: 'create' });
    else if (existing === chapter.markdown) plans.push({ fileName: chapter.fileName, action: 'unchanged' });
    else if (manifest[chapter.fileName] === importedHash(existing)) plans.push({ fileName: chapter.fileName, action: 'update' });
    else plans.push({ fileName: chapter.fileName, action: 'edited', besideName: chapter.fileName.replace(/\.md$/, '.reimported.md') });
  }
  return plans;
}

export type EditedPolicy = 'refuse' | 'force' | 'beside';

/** Writes the planned chapters (each atomically) and records them in the manifest. */
export async function writeChapters(
  directory: string,
  chapters: readonly PlannedChapter[],
  plans: readonly ChapterWritePlan[],
  policy: EditedPolicy,
): Promise<string[]> {
  const manifest = await readManifest(directory);
  const written: string[] = [];
  for (const [index, plan] of plans.entries()) {
    const chapter = chapters[index];
    if (!chapter || plan.action === 'unchanged') continue;
    if (plan.action === 'edited' && policy === 'refuse') continue;
    const fileName = plan.action === 'edited' && policy === 'beside' ? plan.besideName : chapter.fileName;
    await writeFileAtomic(path.join(directory, fileName), chapter.markdown);
    if (fileName === chapter.fileName) manifest[chapter.fileName] = importedHash(chapter.markdown);
    written.push(fileName);
  }
  await writeManifest(directory, manifest);
  return written;
}
