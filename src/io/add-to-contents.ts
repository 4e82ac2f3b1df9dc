import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { configFileName } from '../config/load.ts';
import { writeFileAtomic } from './stage.ts';

/**
 * Appends chapter paths that anthology.yaml does not list yet to the end of `contents`,
 * keeping the file's comments and layout. Returns the paths added.
 */
export async function addToContents(projectDir: string, chapterPaths: readonly string[]): Promise<string[]> {
  const file = path.join(projectDir, configFileName);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const document = parseDocument(text);
  if (document.errors.length > 0) return [];
  const contents = document.get('contents', true);
  if (!isSeq(contents)) return [];
  const listed = new Set(
    JSON.stringify(contents.toJSON())
      .match(/"[^"]+\.md"/g)
      ?.map((entry) => entry.slice(1, -1)) ?? [],
  );
  const added = chapterPaths.filter((chapterPath) => !listed.has(chapterPath));
  if (added.length === 0) return [];
  for (const chapterPath of added) contents.add(document.createNode(chapterPath));
  await writeFileAtomic(file, document.toString({ lineWidth: 0 }));
  return added;
}
