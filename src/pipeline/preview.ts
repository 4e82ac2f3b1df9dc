import type { VFile } from 'vfile';
import type { Memo } from '../core/memo.ts';
import { hasErrors } from '../core/rules.ts';
import type { Book, OutputFiles } from '../core/types.ts';
import { loadRenderAssets } from '../io/assets.ts';
import type { RenderAssets } from '../render/assets.ts';
import { renderHtmlSite } from '../render/html/site.ts';
import { renderPrintDocument } from '../render/pdf/print-html.ts';
import { loadBuildableBook } from './build.ts';
import { searchIndexFiles, searchPages } from './search-index.ts';

/** The book rendered for `anthology preview`, in memory: nothing is written. */
export interface PreviewRendering {
  /** Every file read, with its diagnostics. */
  files: VFile[];
  /** Undefined when the book has errors. */
  rendered?: {
    book: Book;
    assets: RenderAssets;
    /** The site as `build` writes it to build/html/, but for its search index (`previewSearchIndex`, made after). */
    site: OutputFiles;
  };
}

/**
 * Loads, cites and renders the site as `build` does (the same stages, so the preview shows what
 * the build makes), keeping the process's citeproc engines warm between calls and remembering in
 * `memo` the chapters parsed, citations rendered and chapters' pages, so a save redoes only what
 * it changed. The search index and the print document are left to the caller to make when wanted:
 * they cost as much as the site and a reload need not wait for them.
 */
export async function renderPreview(projectDir: string, memo: Memo): Promise<PreviewRendering> {
  const { files, book } = await loadBuildableBook(projectDir, memo, true);
  if (!book || hasErrors(files)) return { files };
  const assets = await loadRenderAssets(projectDir);
  return { files, rendered: { book, assets, site: renderHtmlSite(book, assets, memo) } };
}

/** The site's Pagefind index (`pagefind/…`), as `build` adds it. */
export async function previewSearchIndex(book: Book, site: OutputFiles): Promise<OutputFiles> {
  // Loaded when search is first used, as `build` loads it only for HTML: the preview starts without it.
  const { startSearchIndexer } = await import('../adapters/pagefind.ts');
  const pages = searchPages(site);
  const contents = new Map(pages.map(({ name }) => [name, String(site.get(name))]));
  return searchIndexFiles(pages, book.config.language, startSearchIndexer(), { pages: contents });
}

/** The print document as one HTML page for Paged.js in the browser: on screen, so without bleed or crop marks. */
export function previewPrintHtml(book: Book, assets: RenderAssets): string {
  return renderPrintDocument(book, assets, { printReady: false }).html;
}
