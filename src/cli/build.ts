import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrintResult } from '../adapters/pagedjs.ts';
import { hasErrors } from '../core/rules.ts';
import type { Book } from '../core/types.ts';
import { loadRenderAssets, type RenderAssets } from '../io/assets.ts';
import { loadBookImages } from '../io/images.ts';
import { lockFileName, lockOutputFolder } from '../io/lock.ts';
import { resolveInside } from '../io/read.ts';
import { Staging } from '../io/stage.ts';
import { packEpub } from '../io/zip.ts';
import { renderEpub } from '../render/epub/epub.ts';
import { printPageBreaks } from '../render/epub/page-list.ts';
import { renderHtmlSite } from '../render/html/site.ts';
import { renderPrintDocument } from '../render/pdf/print-html.ts';
import { loadEditionBook } from './edition-book.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { OutputFormat } from './formats.ts';
import type { Ui } from './ui.ts';

export interface BuildOptions {
  formats: OutputFormat[];
  out: string;
  /** `build --print`: the PDF with bleed and crop marks, as `print_ready: true` makes it. */
  print?: boolean;
}

/** `anthology build`: renders the book into `out` (HTML site, EPUB, PDF). Returns the exit code. */
export async function buildCommand(projectDir: string, options: BuildOptions, ui: Ui): Promise<number> {
  const outDir = resolveInside(projectDir, options.out);
  if (!outDir) throw new UsageError(`--out ${options.out} must be a folder inside the project`);
  const loaded = await loadEditionBook(projectDir);
  const { files } = loaded;
  const book = loaded.book && (await loadBookImages(projectDir, loaded.book, files));
  ui.report(files);
  if (!book || hasErrors(files)) {
    ui.error('the book has errors; nothing was built');
    return exitCodes.content;
  }
  ui.info(editionLine(book, loaded.presented !== undefined && loaded.current !== undefined && loaded.presented < loaded.current.edition));
  const assets = await loadRenderAssets(projectDir);
  // One build at a time per output folder: a second waits, a dead one's lock is taken over.
  const lock = await lockOutputFolder(outDir, {
    waitMs: lockWaitMs(),
    onWait: (pid) => ui.info(`waiting for the build already writing ${options.out}/ (process ${pid}) to finish…`),
  });
  if (lock.kind === 'busy') {
    ui.error(
      `[build-locked] another build (process ${lock.pid}) is still writing ${options.out}/; nothing was built. If no build runs, delete ${path.join(options.out, lockFileName)}`,
    );
    return exitCodes.content;
  }
  if (lock.tookOverFrom !== undefined) ui.info(`took over ${path.join(options.out, lockFileName)} from process ${lock.tookOverFrom}, which no longer runs`);
  try {
    return await buildLocked(book, assets, outDir, options, ui);
  } finally {
    await lock.release();
  }
}

/** How long a build waits for another writing the same folder: ANTHOLOGY_LOCK_WAIT seconds, else 10 minutes. */
function lockWaitMs(): number {
  const seconds = Number(process.env.ANTHOLOGY_LOCK_WAIT);
  return Number.isFinite(seconds) && seconds >= 0 && process.env.ANTHOLOGY_LOCK_WAIT !== undefined ? seconds * 1000 : 10 * 60 * 1000;
}

async function buildLocked(book: Book, assets: RenderAssets, outDir: string, options: BuildOptions, ui: Ui): Promise<number> {
  const staging = await Staging.create(outDir);
  let failed = false;
  try {
    const built: string[] = [];
    if (options.formats.includes('html')) {
      const site = renderHtmlSite(book, assets);
      // Pagefind, and below Chromium's adapters and pdf-lib, load only when their format is built.
      const { searchIndex } = await import('../adapters/pagefind.ts');
      for (const [name, bytes] of await searchIndex(site, book.config.language)) site.set(name, bytes);
      await staging.writeTree('html', site);
      built.push('html');
      ui.info(
        `html  ${path.join(options.out, 'html', 'index.html')} (${[...site.keys()].filter((name) => name.endsWith('.html')).length} pages, search index)`,
      );
    }
    // The PDF first: the EPUB marks where its pages start.
    let pdf: Awaited<ReturnType<typeof buildPdf>>;
    if (options.formats.includes('pdf')) {
      pdf = await buildPdf(book, assets, staging, ui, { printReady: options.print === true || book.config.print_ready });
      if (pdf) {
        built.push(`${book.slug}.pdf`);
        ui.info(`pdf   ${path.join(options.out, `${book.slug}.pdf`)} (${pdf.pages} pages, ${formatBytes(pdf.bytes)})`);
      } else failed = true;
    }
    if (options.formats.includes('epub')) {
      const epub = await packEpub(renderEpub(book, assets, pdf ? { breaks: printPageBreaks(book, pdf.pageStarts) } : undefined), epubTimestamp(book));
      await staging.writeFile(`${book.slug}.epub`, epub);
      built.push(`${book.slug}.epub`);
      ui.info(`epub  ${path.join(options.out, `${book.slug}.epub`)} (${formatBytes(epub.length)})`);
    }
    for (const output of built) await staging.commit(output);
  } finally {
    await staging.dispose();
  }
  return failed ? exitCodes.content : exitCodes.ok;
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

async function buildPdf(
  book: Book,
  assets: RenderAssets,
  staging: Staging,
  ui: Ui,
  options: { printReady: boolean },
): Promise<{ pages: number; bytes: number; pageStarts: PrintResult['pageStarts'] } | undefined> {
  const { findChromium, missingChromiumAdvice } = await import('../adapters/chromium.ts');
  const { pdfTimeout, printWithPagedjs } = await import('../adapters/pagedjs.ts');
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    ui.error(`[browser-missing] ${missingChromiumAdvice}`);
    return undefined;
  }
  const workDirectory = staging.path('pdf-work');
  await mkdir(path.join(workDirectory, 'fonts'), { recursive: true });
  for (const font of assets.fonts) await writeFile(path.join(workDirectory, 'fonts', font.fileName), font.bytes);
  await mkdir(path.join(workDirectory, 'images'), { recursive: true });
  for (const image of book.images?.values() ?? []) await writeFile(path.join(workDirectory, image.web.path), image.web.bytes);
  const document = renderPrintDocument(book, assets, options);
  const progress = ui.progress('pdf   paginating with Paged.js in Chromium…');
  try {
    const result = await printWithPagedjs({
      workDirectory,
      chunks: document.chunks,
      metadata: document.metadata,
      languages: document.languages,
      chromiumPath,
      timeout: pdfTimeout(document.html.length),
      onPage: (count) => progress.update(`pdf   paginating… ${count} pages`),
    });
    await staging.writeFile(`${book.slug}.pdf`, result.pdf);
    progress.succeed(`pdf   paginated ${result.pages} pages`);
    for (const warning of result.warnings) ui.warn(`[${warning.rule}] ${warning.message}`);
    return { pages: result.pages, bytes: result.pdf.length, pageStarts: result.pageStarts };
  } catch (error) {
    progress.fail('pdf   failed');
    ui.error(`[pdf-failed] Paged.js/Chromium could not make the PDF: ${(error as Error).message}`);
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
