import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import type { PagedjsBrowser, PageScriptCalls } from '../adapters/pagedjs.ts';
import type { SearchIndexer } from '../adapters/pagefind.ts';
import { citeBookInParallel } from '../cite/cite-book.ts';
import { configFileName } from '../config/load.ts';
import type { OutputFormat } from '../core/config.ts';
import { contentKey, type Memo, noMemo } from '../core/memo.ts';
import { familyNameSortKey } from '../core/names.ts';
import { hasErrors, report } from '../core/rules.ts';
import type { Book } from '../core/types.ts';
import { bibliographyDir } from '../io/bibliography.ts';
import { loadCiteStyle } from '../io/cite-style.ts';
import { loadBookImages } from '../io/images.ts';
import { type LoadedBook, loadBook } from '../io/load-book.ts';
import { collectBigGarbage } from '../io/memory.ts';
import type { Staging } from '../io/stage.ts';
import { packEpub } from '../io/zip.ts';
import type { RenderAssets } from '../render/assets.ts';
import { fileDigest } from '../render/chapter-frame.ts';
import { renderEpubDeferred } from '../render/epub/epub.ts';
import { printPageBreaks } from '../render/epub/page-list.ts';
import { renderHtmlSiteInto } from '../render/html/site.ts';
import { hyphenationFor } from '../render/pdf/hyphenation.ts';
import type { PageScript } from '../render/pdf/page-script/index.ts';
import type { PaginationReport, PreparedChunk } from '../render/pdf/page-script/types.ts';
import { renderPrintDocument } from '../render/pdf/print-html.ts';
import type { PrintOptions, PrintResult } from '../render/pdf/print-pdf.ts';
import type { PrintDocument } from '../render/pdf/protocol.ts';
import { type EditionBook, withEditions } from './edition-book.ts';
import { type SearchPage, searchIndexFiles, searchPage } from './search-index.ts';

/**
 * The pipeline, in one place: chapter files → Book (`io/load-book.ts`, `load/`) → cited Book
 * (`cite/`) → with its editions (`edition-book.ts`) and pictures (`io/images.ts`) → outputs
 * (`render/`, the adapters, staged by `io/stage.ts`). The CLI calls it; the stages know nothing of
 * each other.
 */

/**
 * Loads the book and renders its citations in the book's CSL style, ready for the renderers. With a
 * `memo` (the build cache, `io/cache.ts`), chapters whose text and citations have been worked out
 * before are not parsed or rendered by citeproc again. The citeproc engines are let go of once the
 * book is cited (the one for the reference list held ~150 MB through a build's outputs), unless
 * `keepEngines` (a preview, which cites again on every save).
 */
export async function loadCitedBook(projectDir: string, memo: Memo = noMemo, keepEngines = false): Promise<LoadedBook> {
  const { files, book, styleXml, locale } = await loadBook(projectDir, memo);
  if (!book) return { files, book };
  // A bibliography file's text is read for its items and their places, all made by now: it is not
  // held through citing (a large references.json: ~21 MB of the 1,000-chapter book's peak).
  for (const file of files) if (file.path.startsWith(`${bibliographyDir}/`)) file.value = '';
  const style = await loadCiteStyle(projectDir, book.config, styleXml, locale);
  const cited = await citeBookInParallel(book, style, new Map(files.map((file) => [file.path, file])), availableParallelism(), memo, {
    warmEngines: keepEngines,
    collectGarbage: collectBigGarbage,
  });
  if (!keepEngines) style.release();
  return { files, book: hasErrors(files) ? undefined : cited };
}

/** The cited book with its edition history: what `changes` compares. */
export async function loadEditionBook(projectDir: string, memo: Memo = noMemo, keepEngines = false): Promise<EditionBook> {
  return withEditions(projectDir, await loadCitedBook(projectDir, memo, keepEngines), memo);
}

/** The book as `build`, `check` and `release` need it: cited, with its editions and its pictures read and checked. */
export async function loadBuildableBook(projectDir: string, memo: Memo = noMemo, keepEngines = false): Promise<EditionBook> {
  const loaded = await loadEditionBook(projectDir, memo, keepEngines);
  return { ...loaded, book: loaded.book && withNameSortKeys(await loadBookImages(projectDir, loaded.book, loaded.files), memo) };
}

/**
 * The authors' sort keys, remembered by the names: reading a name in parts runs
 * @citation-js/name, whose first use in a process costs ~20 ms, on every build of the site, the
 * EPUB or the PDF (their contributors lists).
 */
function withNameSortKeys(book: Book, memo: Memo): Book {
  const names = [...new Set(book.chapters.flatMap((chapter) => chapter.meta.authors))].sort();
  if (names.length === 0) return book;
  const keys = memo.value('name-sort-keys', contentKey(names), () => names.map(familyNameSortKey));
  return { ...book, nameSortKeys: new Map(names.map((name, index) => [name, keys[index] ?? name])) };
}

export interface OutputOptions {
  formats: readonly OutputFormat[];
  /** The output folder as the user named it (for the lines printed). */
  out: string;
  /** The PDF with bleed and crop marks. */
  printReady: boolean;
  /** The EPUB's timestamps (reproducible). */
  epubDate: Date;
  /** The build cache: chapters' site pages and EPUB documents made before are taken from it. */
  memo?: Memo;
  /** Aborting it stops the build between outputs and the PDF at once (its browser is closed); nothing is committed. */
  signal?: AbortSignal;
  /**
   * Pagefind, started by the caller before it loaded the book (`adapters/pagefind.ts` says why),
   * which stops it if the site is not made. Without it, one is started with the site.
   */
  searchIndexer?: SearchIndexer;
}

/** What the build says as it goes (`cli/ui.ts`'s `Ui`). */
export interface BuildUi {
  info(line: string): void;
  progress(text: string): { update(text: string): void; succeed(text: string): void; fail(text: string): void };
}

/**
 * Renders the book into `staging` (HTML site, PDF, EPUB) and commits each output that was made.
 * Returns the build's own diagnostics (the PDF's, on the chapter files they concern or on
 * anthology.yaml), for the CLI to print like any other.
 */
export async function buildOutputs(
  projectDir: string,
  book: Book,
  assets: RenderAssets,
  staging: Staging,
  options: OutputOptions,
  ui: BuildUi,
): Promise<VFile[]> {
  const files = buildFiles(projectDir);
  const built: string[] = [];
  let site: PendingSite | undefined;
  if (options.formats.includes('html')) {
    // Pagefind here, and Chromium's adapters, esbuild and pdf-lib for the PDF, load only when their format is built.
    // Pagefind starts first, so that its start overlaps the site's rendering.
    const indexer = options.searchIndexer ?? (await import('../adapters/pagefind.ts')).startSearchIndexer();
    const written = await writeSite(book, assets, staging, options.memo).catch(async (error: unknown) => {
      await indexer.cancel();
      throw error;
    });
    site = startIndexing(staging, written, book.config.language, indexer, options.memo);
  }
  const besideEpub = site !== undefined && indexesBesideEpub(options.formats);
  try {
    if (site && !besideEpub) await finishSite(site, built, options, ui);
    options.signal?.throwIfAborted();
    // The PDF first: the EPUB marks where its pages start.
    let pdf: Awaited<ReturnType<typeof buildPdf>>;
    if (options.formats.includes('pdf')) {
      pdf = await buildPdf(book, assets, staging, ui, files, options);
      if (pdf) {
        built.push(`${book.slug}.pdf`);
        const reused = pdf.reused > 0 ? `; ${pdf.reused} of ${pdf.chunks} parts as the last build printed them` : '';
        ui.info(`pdf   ${path.join(options.out, `${book.slug}.pdf`)} (${pdf.pages} pages, ${formatBytes(pdf.bytes)}${reused})`);
      }
    }
    options.signal?.throwIfAborted();
    if (options.formats.includes('epub')) {
      const epub = await packEpub(
        renderEpubDeferred(book, assets, pdf ? { breaks: printPageBreaks(book, pdf.pageStarts) } : undefined, options.memo),
        options.epubDate,
        options.memo,
      );
      if (site && besideEpub) await finishSite(site, built, options, ui);
      await staging.writeFile(`${book.slug}.epub`, epub);
      built.push(`${book.slug}.epub`);
      ui.info(`epub  ${path.join(options.out, `${book.slug}.epub`)} (${formatBytes(epub.length)})`);
    }
  } finally {
    // Never left writing into staging after the build has given up on it.
    await site?.indexed;
  }
  options.signal?.throwIfAborted();
  for (const output of built) await staging.commit(output);
  return files.all();
}

/** The site, written, while Pagefind indexes it: `indexed` settles with the indexer's error, if any. */
interface PendingSite {
  /** The site's HTML pages. */
  pages: readonly string[];
  indexed: Promise<Error | undefined>;
}

function startIndexing(staging: Staging, written: WrittenSite, language: string, indexer: SearchIndexer, memo: Memo = noMemo): PendingSite {
  const indexed = indexSite(staging, written.searchPages, language, indexer, memo).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  return { pages: written.pages, indexed };
}

/**
 * Pagefind indexes the site beside the EPUB's making (a rebuild of the default book waited ~0.2 s
 * on it with nothing else to do), one shard of ~16–128 pages at a time (~90 MB at most; it had
 * peaked at ~680 MB indexing 1,000 chapters at once, which is why it once waited for the EPUB of
 * a large book). Beside the PDF it is not run: the PDF's lines would come before the site's.
 */
function indexesBesideEpub(formats: readonly OutputFormat[]): boolean {
  return formats.includes('epub') && !formats.includes('pdf');
}

/** Waits for the search index, then counts the site as built and says so. */
async function finishSite(site: PendingSite, built: string[], options: OutputOptions, ui: BuildUi): Promise<void> {
  const error = await site.indexed;
  if (error) throw error;
  built.push('html');
  ui.info(`html  ${path.join(options.out, 'html', 'index.html')} (${site.pages.length} pages, search index)`);
}

interface WrittenSite {
  /** The site's HTML pages, in its order. */
  pages: string[];
  /** Those Pagefind indexes, each with its content's hash. */
  searchPages: SearchPage[];
}

/**
 * The site written into `staging`, each file as it is made. The pages are not kept: Pagefind
 * reads them back (`indexSite`), so the site is never in memory whole, nor beside the EPUB.
 */
async function writeSite(book: Book, assets: RenderAssets, staging: Staging, memo: Memo = noMemo): Promise<WrittenSite> {
  const write = staging.treeWriter('html');
  // By name in the order first made, as a Map of the site would hold them (a file made again replaces the first).
  const made = new Map<string, SearchPage | undefined>();
  renderHtmlSiteInto(
    {
      set(name, content) {
        write(name, content);
        made.set(name, searchPage(name, content));
      },
      keys: () => made.keys(),
    },
    book,
    assets,
    memo,
  );
  const names = [...made.keys()];
  return { pages: names.filter((name) => name.endsWith('.html')), searchPages: [...made.values()].flatMap((page) => page ?? []) };
}

/** The site's search index, from its pages in `staging` (or the cache), written beside them. */
async function indexSite(staging: Staging, pages: readonly SearchPage[], language: string, indexer: SearchIndexer, memo: Memo): Promise<void> {
  await staging.writeTree('html', await searchIndexFiles(pages, language, indexer, { folder: staging.path('html') }, memo));
}

/** The files the build's diagnostics go on: anthology.yaml and chapter files, each made once, in the order first used. */
function buildFiles(projectDir: string): { get(relative: string): VFile; all(): VFile[] } {
  const made = new Map<string, VFile>();
  return {
    get(relative) {
      let file = made.get(relative);
      if (!file) {
        file = new VFile({ path: relative, cwd: projectDir });
        made.set(relative, file);
      }
      return file;
    },
    all: () => [...made.values()].filter((file) => file.messages.length > 0),
  };
}

async function buildPdf(
  book: Book,
  assets: RenderAssets,
  staging: Staging,
  ui: BuildUi,
  files: ReturnType<typeof buildFiles>,
  options: OutputOptions,
): Promise<({ bytes: number } & Pick<PrintResult, 'pages' | 'pageStarts' | 'chunks' | 'reused'>) | undefined> {
  const configFile = files.get(configFileName);
  const { findChromium, missingChromiumAdvice } = await import('../adapters/chromium.ts');
  const { pdfTimeout } = await import('../render/pdf/print-pdf.ts');
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    report(configFile, 'browser-missing', missingChromiumAdvice);
    return undefined;
  }
  const workDirectory = staging.path('pdf-work');
  await mkdir(path.join(workDirectory, 'fonts'), { recursive: true });
  for (const font of assets.fonts) await writeFile(path.join(workDirectory, 'fonts', font.fileName), font.bytes);
  await mkdir(path.join(workDirectory, 'images'), { recursive: true });
  for (const image of book.images?.values() ?? []) await writeFile(path.join(workDirectory, image.web.path), image.web.bytes);
  const document = renderPrintDocument(book, assets, { printReady: options.printReady });
  const progress = ui.progress('pdf   paginating with Paged.js in Chromium…');
  try {
    const result = await printWithPagedjs({
      workDirectory,
      document,
      chromiumPath,
      timeout: pdfTimeout(document.html.length),
      onPage: (count) => progress.update(`pdf   paginating… ${count} pages`),
      fileFor: (label) => files.get((label !== undefined && document.sources[label]) || configFileName),
      placeOf: (label, { block, note }) => {
        const places = document.places[label];
        return (note === undefined ? undefined : places?.notes[note]) ?? (block === undefined ? undefined : places?.blocks[block]) ?? undefined;
      },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.memo ? { cache: { memo: options.memo, inputsKey: workInputsKey(book, assets) } } : {}),
    });
    await staging.writeFile(`${book.slug}.pdf`, result.pdf);
    progress.succeed(`pdf   paginated ${result.pages} pages`);
    return { pages: result.pages, bytes: result.pdf.length, pageStarts: result.pageStarts, chunks: result.chunks, reused: result.reused };
  } catch (error) {
    progress.fail('pdf   failed');
    if (options.signal?.aborted) throw error;
    report(configFile, 'pdf-failed', `Paged.js/Chromium could not make the PDF: ${(error as Error).message}`);
    return undefined;
  }
}

export interface PagedjsPrintOptions {
  /** Where the chunks' HTML is written; it holds `fonts/` (and `images/`). Nothing outside it may load. */
  workDirectory: string;
  document: Pick<PrintDocument, 'chunks' | 'metadata'> & Partial<Pick<PrintDocument, 'languages'>>;
  chromiumPath: string;
  /** Milliseconds for the whole book (`pdfTimeout`). */
  timeout: number;
  /** Chunks paginating at once; one per core by default. */
  concurrency?: number;
  /** The Paged.js fixes to install, by id; all by default. */
  fixes?: readonly string[];
  onPage?: (pagesLaidOut: number) => void;
  signal?: AbortSignal;
  /** Where a problem is reported, by the label of the section it concerns (undefined: the book's). */
  fileFor(label: string | undefined): VFile;
  placeOf?: PrintOptions['placeOf'];
  /**
   * The build cache (chunks laid out and printed before are taken from it, `printPdf`), and a key
   * of what the caller wrote to the work directory besides the chunks (fonts, pictures).
   */
  cache?: { memo: Memo; inputsKey: string };
}

/**
 * The PDF of a print document: its chunks written to `workDirectory`, hyphenation patterns for its
 * languages (the book's alone by default), Paged.js in Chromium (`adapters/pagedjs.ts`) driven by
 * `render/pdf/print-pdf.ts`, which numbers and merges the pages. The browser is always closed.
 */
export async function printWithPagedjs(options: PagedjsPrintOptions): Promise<PrintResult> {
  const { document } = options;
  const { hyphenPatternSets } = await import('../adapters/page-script.ts');
  const { chunkPath, launchPagedjs } = await import('../adapters/pagedjs.ts');
  const { systemFontsState } = await import('../adapters/chromium.ts');
  const { hyphenationProblems, pageScriptEntry, printPdf } = await import('../render/pdf/print-pdf.ts');
  const hyphenation = hyphenationFor(document.languages ?? [document.metadata.language], await hyphenPatternSets());
  for (const chunk of document.chunks) await writeFile(chunkPath(options.workDirectory, chunk), chunk.html);
  // Chromium is started when a chunk first needs a tab: not at all when the cache has every chunk.
  let browser: Promise<PagedjsBrowser<PreparedChunk, PaginationReport>> | undefined;
  const printer = {
    openTab: async (onWarning: (message: string) => void) => {
      browser ??= launchPagedjs<PreparedChunk, PaginationReport>({
        chromiumPath: options.chromiumPath,
        workDirectory: options.workDirectory,
        pageScriptEntry,
        hyphenation: hyphenation.data,
        timeout: options.timeout,
        ...(options.onPage ? { onPage: options.onPage } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return (await browser).openTab(onWarning);
    },
  };
  const cache = options.cache && {
    memo: options.cache.memo,
    layoutKey: contentKey(
      options.cache.inputsKey,
      hyphenation.data,
      await executableKey(options.chromiumPath),
      await systemFontsState(),
      options.fixes ?? null,
    ),
  };
  try {
    return await printPdf(printer, {
      chunks: document.chunks,
      metadata: document.metadata,
      // One tab per core: Paged.js keeps a renderer process busy; more tabs only contend (measured).
      concurrency: options.concurrency ?? availableParallelism(),
      problems: hyphenationProblems(hyphenation.missing),
      fileFor: options.fileFor,
      ...(options.placeOf ? { placeOf: options.placeOf } : {}),
      ...(options.fixes ? { fixes: options.fixes } : {}),
      ...(cache ? { cache } : {}),
    });
  } finally {
    await browser?.then(
      (launched) => launched.close(),
      () => undefined,
    );
  }
}

/** What `buildPdf` writes to the work directory besides the chunks: the fonts and the pictures, by name and content (from memory). */
function workInputsKey(book: Book, assets: RenderAssets): string {
  return contentKey(
    assets.fonts.map((font) => [font.fileName, createHash('sha256').update(font.bytes).digest('hex')]),
    [...(book.images?.values() ?? [])].map((image) => fileDigest(image.web)),
  );
}

/** Chromium, by its executable's path, size and modification time (an upgrade replaces it). */
async function executableKey(executable: string): Promise<string> {
  const { size, mtimeMs } = await stat(executable);
  return contentKey(executable, size, mtimeMs);
}

// Checked by tsc: the page script has every function the adapter calls in its tabs.
true satisfies PageScript extends PageScriptCalls ? true : false;

function formatBytes(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
