import path from 'node:path';
import type { SearchIndexer } from '../adapters/pagefind.ts';
import type { Memo } from '../core/memo.ts';
import { hasErrors } from '../core/rules.ts';
import type { Book } from '../core/types.ts';
import { loadRenderAssets } from '../io/assets.ts';
import { openBuildCache } from '../io/cache.ts';
import { lockFileName, lockOutputFolder } from '../io/lock.ts';
import { collectBigGarbage } from '../io/memory.ts';
import { resolveInside } from '../io/read.ts';
import { Staging } from '../io/stage.ts';
import { buildOutputs, loadBuildableBook } from '../pipeline/build.ts';
import type { RenderAssets } from '../render/assets.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { OutputFormat } from './formats.ts';
import type { Ui } from './ui.ts';

export interface BuildOptions {
  formats: OutputFormat[];
  out: string;
  /** `build --print`: the PDF with bleed and crop marks, as `print_ready: true` makes it. */
  print?: boolean;
  /** `build --no-cache` (false): neither read nor write `<out>/.cache`. */
  cache?: boolean;
}

/** Where the build cache lives, inside the output folder (and so under its lock). */
export const cacheFolderName = '.cache';

/** `anthology build`: renders the book into `out` (HTML site, EPUB, PDF). Returns the exit code. */
export async function buildCommand(projectDir: string, options: BuildOptions, ui: Ui): Promise<number> {
  const outDir = resolveInside(projectDir, options.out);
  if (!outDir) throw new UsageError(`--out ${options.out} must be a folder inside the project`);
  // For the site, Pagefind's worker starts now: its start overlaps the loading of the book.
  const searchIndexer = options.formats.includes('html') ? (await import('../adapters/pagefind.ts')).startSearchIndexer() : undefined;
  try {
    return await buildInto(projectDir, outDir, options, ui, searchIndexer);
  } finally {
    // Stopped unused when the build stops before the site (stopping it again after it indexed does nothing).
    await searchIndexer?.cancel();
  }
}

async function buildInto(projectDir: string, outDir: string, options: BuildOptions, ui: Ui, searchIndexer: SearchIndexer | undefined): Promise<number> {
  // Read before the output folder is locked (entries are whole once renamed into place); written under the lock.
  const cache = options.cache === false ? undefined : await openBuildCache(path.join(outDir, cacheFolderName));
  // Styles, client scripts and fonts are read while the book loads (its parsing keeps the main
  // thread busy meanwhile); a failure is thrown where they are needed, after the book's problems.
  const pendingAssets = loadRenderAssets(projectDir);
  pendingAssets.catch(() => undefined);
  // Only the book is kept: the chapter files and texts it was loaded from are let go of here.
  const book = await loadReportedBook(projectDir, cache, ui);
  if (!book) return exitCodes.content;
  // What loading and citing left behind is freed before the outputs allocate on top of it.
  collectBigGarbage();
  const assets = await pendingAssets;
  // One build at a time per output folder: a second waits, a dead one's lock is taken over.
  const lock = await lockOutputFolder(outDir, {
    waitMs: lockWaitMs(),
    onWait: (pid) => ui.info(`waiting for the build already writing ${options.out}/ (process ${pid}) to finish…`),
  });
  if (lock.kind === 'busy') {
    // On the lock file: the diagnostic names what is in the way.
    ui.diagnose(
      path.join(options.out, lockFileName),
      'build-locked',
      `another build (process ${lock.pid}) is still writing ${options.out}/; nothing was built. If no build runs, delete ${path.join(options.out, lockFileName)}`,
    );
    return exitCodes.content;
  }
  if (lock.tookOverFrom !== undefined) ui.info(`took over ${path.join(options.out, lockFileName)} from process ${lock.tookOverFrom}, which no longer runs`);
  try {
    // Under the lock: what load/ and cite/ worked out is written now, the pages as they are made.
    await cache?.writeFromNowOn();
    const code = await buildLocked(projectDir, book, assets, outDir, options, ui, cache, searchIndexer);
    if (cache && code === exitCodes.ok) {
      const stats = await cache.save();
      ui.detail(`cache ${path.join(options.out, cacheFolderName)}: ${stats.hits} reused, ${stats.misses} made, ${stats.pruned} unused entries removed`);
    }
    return code;
  } finally {
    await lock.release();
  }
}

/**
 * The book to build, its files' diagnostics reported and its edition said; undefined when it has
 * errors. Only the book is kept: the chapter files as read, their texts and the edition records
 * are let go of before the outputs are made (~35 MB at 1,000 chapters).
 */
async function loadReportedBook(projectDir: string, cache: Memo | undefined, ui: Ui): Promise<Book | undefined> {
  const loaded = await loadBuildableBook(projectDir, cache);
  const { files, book } = loaded;
  ui.report(files);
  if (!book || hasErrors(files)) {
    ui.error('the book has errors; nothing was built');
    return undefined;
  }
  ui.info(editionLine(book, loaded.presented !== undefined && loaded.current !== undefined && loaded.presented < loaded.current.edition));
  return book;
}

/** How long a build waits for another writing the same folder: ANTHOLOGY_LOCK_WAIT seconds, else 10 minutes. */
function lockWaitMs(): number {
  const seconds = Number(process.env.ANTHOLOGY_LOCK_WAIT);
  return Number.isFinite(seconds) && seconds >= 0 && process.env.ANTHOLOGY_LOCK_WAIT !== undefined ? seconds * 1000 : 10 * 60 * 1000;
}

/**
 * Renders the outputs into a staging folder and moves each into place once made. Ctrl-C or SIGTERM
 * stops the build (between outputs, or Chromium closed mid-PDF), nothing is committed, the staged
 * files are removed and the exit code is 130.
 */
async function buildLocked(
  projectDir: string,
  book: Book,
  assets: RenderAssets,
  outDir: string,
  options: BuildOptions,
  ui: Ui,
  memo: Memo | undefined,
  searchIndexer: SearchIndexer | undefined,
): Promise<number> {
  const staging = await Staging.create(outDir);
  const interrupt = new AbortController();
  // A second Ctrl-C does not wait for the clean-up: the process exits at once (puppeteer's exit
  // hook still kills Chromium; the next build clears the staging folder).
  const onSignal = () => (interrupt.signal.aborted ? process.exit(exitCodes.interrupted) : interrupt.abort());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const diagnostics = await buildOutputs(
      projectDir,
      book,
      assets,
      staging,
      {
        formats: options.formats,
        out: options.out,
        printReady: options.print === true || book.config.print_ready,
        epubDate: epubTimestamp(book),
        signal: interrupt.signal,
        ...(memo ? { memo } : {}),
        ...(searchIndexer ? { searchIndexer } : {}),
      },
      ui,
    );
    ui.report(diagnostics);
    return hasErrors(diagnostics) ? exitCodes.content : exitCodes.ok;
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
    ui.error('interrupted: nothing was built');
    return exitCodes.interrupted;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await staging.dispose();
  }
}

/** Which edition is built: the one in preparation, or the last released when nothing changed since. */
function editionLine(book: Book, asReleased: boolean): string {
  const { number, date } = book.config.edition;
  const changes = book.edition?.changes;
  const since = changes
    ? `, changes since edition ${changes.since}: ${changes.chapters.added.length} added, ${changes.chapters.revised.length} revised, ${changes.chapters.removed.length} removed`
    : '';
  return `edition ${number} (${date})${asReleased ? ', as released (nothing changed since)' : since}`;
}

/** Reproducible timestamps: SOURCE_DATE_EPOCH when set, else the edition date. */
function epubTimestamp(book: Book): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${book.config.edition.date}T00:00:00Z`);
}
