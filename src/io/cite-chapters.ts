import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CitedChapterFile, citeChapterText } from '../cite/cite-chapter.ts';
import type { BibliographyItem } from '../core/citations.ts';

/** Reads chapter files and cites their notes, in book order (keys are given in reading order). */
export async function citeChapterFiles(projectDir: string, chapterPaths: readonly string[], items: BibliographyItem[]): Promise<CitedChapterFile[]> {
  const cited: CitedChapterFile[] = [];
  for (const chapterPath of chapterPaths) {
    const text = await readFile(path.join(projectDir, chapterPath), 'utf8');
    cited.push(citeChapterText(chapterPath, text, items, projectDir));
  }
  return cited;
}
