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
  settleAuthors(result.pieces, file, options);
  const chapters = result.pieces.map((piece) => ({ slug: pieceSlug(piece.meta, slugger), piece }));
  return { file, format, chapters, lines: result.lines };
}

/**
 * A piece whose source names no author: credited to the author the editor named for the source
 * (their own blog), else left empty. Never silent: either is a warning at the piece's first line.
 */
function settleAuthors(pieces: readonly ImportedPiece[], file: VFile, options: ImportOptions): void {
  for (const piece of pieces) {
    if (piece.meta.authors.length > 0) continue;
    const place = { line: piece.meta.source?.lines[0] ?? 1, column: 1 };
    const title = piece.meta.provisional_title ? 'an untitled piece' : `“${piece.meta.title}”`;
    if (options.defaultAuthor) {
      piece.meta.authors = [options.defaultAuthor];
      report(file, 'import-author-assumed', `${title} has no byline: credited to ${options.defaultAuthor}, whose blog you said this source is`, place);
    } else {
      report(
        file,
        'import-author-unknown',
        `${title} does not say who wrote it: its authors are left empty (fill them in; for your own blog, import with --author NAME)`,
        place,
      );
    }
  }
}
