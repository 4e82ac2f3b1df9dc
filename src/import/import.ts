import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { detectFormat, type SourceFormat } from './detect.ts';
import { importGhost } from './ghost/import-ghost.ts';
import { importHtml } from './html/import-html.ts';
import { importMarkdown } from './markdown/import-markdown.ts';
import { importScrape } from './scrape/scrape.ts';
import { pieceSlug } from './slug.ts';
import type { ImportedPiece, ImportOptions, ImportResult, LineFate } from './types.ts';
import { importWxr } from './wordpress/import-wxr.ts';

export interface ImportedChapter {
  /** Stable slug: the chapter file is `<slug>.md`, its images go to `images/<slug>/`. */
  slug: string;
  piece: ImportedPiece;
}

export interface SourceImport {
  file: VFile;
  format: SourceFormat | undefined;
  chapters: ImportedChapter[];
  lines: LineFate[];
}

const importers: Record<SourceFormat, (file: VFile, options: ImportOptions) => ImportResult> = {
  scrape: importScrape,
  html: importHtml,
  markdown: importMarkdown,
  wxr: importWxr,
  ghost: importGhost,
};

export const formatNames: Record<SourceFormat, string> = {
  scrape: 'plain-text archive scrape',
  html: 'saved HTML page',
  markdown: 'Markdown with front matter',
  wxr: 'WordPress export (WXR)',
  ghost: 'Ghost JSON export',
};

/**
 * Imports one source (already read into `file`) into chapters. Pure: problems become messages on
 * `file`; the caller decides whether anything is written.
 */
export function importSource(file: VFile, options: ImportOptions, slugger: GithubSlugger = new GithubSlugger()): SourceImport {
  const text = String(file.value);
  if (text.trim() === '') {
    report(file, 'import-empty', 'the source file is empty: nothing to import', { line: 1, column: 1 });
    return { file, format: undefined, chapters: [], lines: [] };
  }
  const format = detectFormat(file.basename ?? '', text);
  if (!format) {
    report(
      file,
      'import-unknown-format',
      'cannot tell what kind of source this is: expected a text scrape, HTML page, Markdown, WordPress export (.xml) or Ghost export (.json)',
      {
        line: 1,
        column: 1,
      },
    );
    return { file, format, chapters: [], lines: [] };
  }
  const result = importers[format](file, options);
  if (result.pieces.length === 0 && !file.messages.some((message) => message.fatal)) {
    report(file, 'import-no-pieces', 'found no piece (title, byline or body) in this source', { line: 1, column: 1 });
  }
  const chapters = result.pieces.map((piece) => ({ slug: pieceSlug(piece.meta, slugger), piece }));
  return { file, format, chapters, lines: result.lines };
}
