import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { pieceToMarkdown } from './chapter-markdown.ts';
import { detectFormat } from './detect.ts';
import { importScrape, pieceSlug } from './scrape/scrape.ts';
import type { ImportOptions, LineFate } from './types.ts';

export interface ImportedChapterFile {
  /** File name in the chapters folder (`the-sco-turns-twenty.md`). */
  fileName: string;
  title: string;
  markdown: string;
}

export interface SourceImport {
  file: VFile;
  chapters: ImportedChapterFile[];
  lines: LineFate[];
}

/**
 * Imports one source (already read into `file`) into chapter files. Pure: problems become
 * messages on `file`; the caller decides whether anything is written.
 */
export function importSource(file: VFile, options: ImportOptions, slugger: GithubSlugger = new GithubSlugger()): SourceImport {
  const text = String(file.value);
  if (text.trim() === '') {
    report(file, 'import-empty', 'the source file is empty: nothing to import', { line: 1, column: 1 });
    return { file, chapters: [], lines: [] };
  }
  const format = detectFormat(file.basename ?? '', text);
  if (!format) {
    report(file, 'import-unknown-format', 'cannot tell what kind of source this is (expected a plain-text archive scrape)', { line: 1, column: 1 });
    return { file, chapters: [], lines: [] };
  }
  const result = importScrape(file, options);
  if (result.pieces.length === 0) {
    report(file, 'import-no-pieces', 'found no piece (title, byline or body) in this source', { line: 1, column: 1 });
  }
  const chapters = result.pieces.map((piece) => ({
    fileName: `${pieceSlug(piece.meta, slugger)}.md`,
    title: piece.meta.title,
    markdown: pieceToMarkdown(piece),
  }));
  return { file, chapters, lines: result.lines };
}
