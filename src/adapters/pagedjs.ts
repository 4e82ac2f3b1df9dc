import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assemblePdf, type PrintedChunk, parseChunkPdf } from '../render/pdf/assemble-pdf.ts';
import { firstPageNumbers, folioText } from '../render/pdf/folios.ts';
import type { PageScript } from '../render/pdf/page-script/index.ts';
import type { HyphenationData, MissingInternal, PaginateOptions, PaginationReport, PreparedChunk } from '../render/pdf/page-script/types.ts';
import { labelAttribute, outlineLevelAttribute, outlineTitleAttribute, type PrintChunk, type PrintDocument, pageRefAttribute } from '../render/pdf/protocol.ts';
import { chromiumArgs } from './chromium.ts';
import { hyphenationFor, pagedjsScript, pageScript } from './page-script.ts';

/** The parts of puppeteer's Browser and Page that we use (puppeteer comes with pagedjs-cli). */
interface Browser {
  newPage(): Promise<Tab>;
  close(): Promise<void>;
}

interface Tab {
  goto(url: string, options: { waitUntil: 'load'; timeout: number }): Promise<unknown>;
  evaluate<Result, Args extends unknown[]>(fn: (...args: Args) => Result | Promise<Result>, ...args: Args): Promise<Awaited<Result>>;
  evaluateOnNewDocument(script: string): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => void): Promise<void>;
  emulateMediaType(type: 'print'): Promise<void>;
  setRequestInterception(enabled: boolean): Promise<void>;
  setDefaultTimeout(timeout: number): void;
  on(event: 'request', listener: (request: InterceptedRequest) => void): void;
  on(event: 'console', listener: (message: { text(): string }) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  /** The tab's renderer crashed. */
  on(event: 'error', listener: (error: Error) => void): void;
  pdf(options: {
    printBackground: boolean;
    preferCSSPageSize: boolean;
    margin: Record<'top' | 'right' | 'bottom' | 'left', number>;
    timeout: number;
  }): Promise<Uint8Array>;
  close(): Promise<void>;
}

interface InterceptedRequest {
  url(): string;
  abort(): Promise<void>;
  continue(): Promise<void>;
}

export interface PrintOptions {
  /** Where the chunks' HTML is written; it holds `fonts/`. Nothing outside it may load. */
  workDirectory: string;
  chunks: readonly PrintChunk[];
  metadata: PrintDocument['metadata'];
  chromiumPath: string;
  /** Milliseconds for the whole book (`pdfTimeout`); puppeteer's 30 s default is for web pages. */
  timeout: number;
  /** Chunks paginating at once, each in a tab (a renderer process) of its own; one per core by default. */
  concurrency?: number;
  /** The languages to hyphenate (the book's and its chapters'); the book's alone by default. */
  languages?: readonly string[];
  /** The Paged.js fixes to install, by id (`page-script/fixes.ts`); all by default. Tests leave one out. */
  fixes?: readonly string[];
  onPage?: (pagesLaidOut: number) => void;
}

export interface PrintWarning {
  /**
   * `pdf-overflow`: content cut off or lost, naming the chapter; `pdf-hyphenation`: no patterns for
   * a language; `pdf-pagedjs-internal`: a fix left out, as what it patches is not in Paged.js.
   */
  rule: 'pdf-overflow' | 'pdf-hyphenation' | 'pdf-pagedjs-internal';
  message: string;
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  warnings: PrintWarning[];
  /** Where each page of a chapter starts (see `PaginationReport.pageStarts`), with its printed number. */
  pageStarts: { section: string; block: number; words: number; value: number; label: string }[];
}

/** Time allowed for a book: two minutes, and a minute more per 100 kB of print HTML (~40 pages). */
export function pdfTimeout(htmlLength: number): number {
  return (2 + Math.ceil(htmlLength / 100_000)) * 60 * 1000;
}

/**
 * Paginates the book with Paged.js in headless Chromium and returns the PDF. Each chunk (front
 * matter, runs of chapters, back matter) is laid out in a tab of its own, several at a time, and
 * printed once the chunks before it have been laid out (its pages are numbered from there); the
 * PDFs are then merged in order. The browser is always closed, on success, error or Ctrl-C.
 * Remote requests are refused.
 */
export async function printWithPagedjs(options: PrintOptions): Promise<PrintResult> {
  // puppeteer reads its executable path when it is first imported.
  process.env.PUPPETEER_EXECUTABLE_PATH = options.chromiumPath;
  const { default: Printer } = (await import('pagedjs-cli')) as unknown as {
    default: new (settings: Record<string, unknown>) => { setup(): Promise<Browser> };
  };
  const warnings: PrintWarning[] = [];
  const hyphenation = await hyphenationFor(options.languages ?? [options.metadata.language]);
  for (const language of hyphenation.missing) {
    warnings.push({
      rule: 'pdf-hyphenation',
      message: `the hyphen package has no hyphenation patterns for ${language}: text in ${language} is justified without hyphenation`,
    });
  }
  for (const chunk of options.chunks) await writeFile(chunkPath(options.workDirectory, chunk), chunk.html);

  let browser: Browser | undefined;
  const closeOnSignal = () => {
    void (browser?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', closeOnSignal);
  process.once('SIGTERM', closeOnSignal);
  try {
    browser = await new Printer({ headless: true, allowLocal: true, browserArgs: chromiumArgs }).setup();
    let pagesLaidOut = 0;
    const context: TabContext = {
      browser,
      options,
      script: await tabScript(hyphenation.data),
      deadline: Date.now() + options.timeout,
      onPage: () => {
        pagesLaidOut += 1;
        options.onPage?.(pagesLaidOut);
      },
    };
    const printed = await paginateChunks(context, warnings);
    warnings.push(...missingInternalWarnings(printed.flatMap((chunk) => chunk.report.missingInternals)), ...layoutWarnings(printed));
    const pdf = await assemblePdf(printed, options.metadata);
    const pageStarts = printed.flatMap((chunk) =>
      chunk.report.pageStarts.map((start) => ({
        section: start.section,
        block: start.block,
        words: start.words,
        value: chunk.firstPageNumber + start.page,
        label: folioText(chunk.firstPageNumber + start.page, chunk.folioStyle),
      })),
    );
    return { pdf, pages: printed.reduce((sum, chunk) => sum + chunk.report.pageCount, 0), warnings, pageStarts };
  } finally {
    process.off('SIGINT', closeOnSignal);
    process.off('SIGTERM', closeOnSignal);
    await browser?.close().catch(() => undefined);
  }
}

interface TabContext {
  browser: Browser;
  options: PrintOptions;
  /** Installed in every document a tab loads. */
  script: string;
  deadline: number;
  onPage: () => void;
}

/** A printed chunk, with its text counted before pagination (to find what got lost). */
interface CheckedChunk extends PrintedChunk {
  prepared: PreparedChunk;
}

/**
 * Runs the chunks through a pool of tabs, in `schedule` order. Page numbers printed in the text
 * (contents, index) have boxes of a fixed width, so every chunk can be laid out at once; a chunk
 * waits only before printing, for the page counts of the chunks before it in its sequence and
 * the pages of the chunks it refers to.
 */
async function paginateChunks(context: TabContext, warnings: PrintWarning[]): Promise<CheckedChunk[]> {
  const { chunks } = context.options;
  const queue = schedule(chunks);
  const reports: (PaginationReport | undefined)[] = chunks.map(() => undefined);
  const laidOut = chunks.map(() => deferred());
  // Each chunk's PDF is parsed while the tabs go on with the others.
  const printed: (Promise<CheckedChunk> | undefined)[] = chunks.map(() => undefined);

  const firstPageNumberOf = (index: number): number | undefined =>
    firstPageNumbers(chunks.map((chunk, position) => ({ sequence: chunk.sequence, pageCount: reports[position]?.pageCount })))[index];
  const pageNumbers = (): Record<string, string> => {
    const numbers: Record<string, string> = {};
    chunks.forEach((chunk, position) => {
      const report = reports[position];
      const first = firstPageNumberOf(position);
      if (!report || first === undefined) return;
      for (const anchor of report.anchors) numbers[anchor.id] ??= folioText(first + anchor.page, chunk.folioStyle);
    });
    return numbers;
  };

  const processChunk = async (tab: ChunkTab, index: number) => {
    const chunk = chunks[index] as PrintChunk;
    const { report, prepared } = await tab.paginate(chunk);
    reports[index] = report;
    laidOut[index]?.resolve();
    await Promise.all(prerequisites(chunks, index).map((position) => laidOut[position]?.promise));
    const firstPageNumber = firstPageNumberOf(index) ?? 1;
    const pdf = await tab.print(firstPageNumber, pageNumbers());
    printed[index] = parseChunkPdf(pdf).then(
      (document) => ({ pdf: document, report, prepared, folioStyle: chunk.folioStyle, firstPageNumber }),
      (error: unknown) => {
        throw new Error(`${chunk.label}: Chromium's PDF could not be read: ${(error as Error).message}`);
      },
    );
    printed[index]?.catch(() => undefined);
  };

  const failures: Error[] = [];
  const worker = async () => {
    const tab = await openChunkTab(context, warnings);
    try {
      for (let index = queue.shift(); index !== undefined && failures.length === 0; index = queue.shift()) {
        await processChunk(tab, index).catch((error: unknown) => {
          failures.push(new Error(`${chunks[index]?.label}: ${(error as Error).message}`));
          // Unblock the others so that they fail fast instead of waiting for this chunk.
          for (const signal of laidOut) signal.reject(error);
        });
      }
    } finally {
      await tab.close();
    }
  };
  // One tab per core: Paged.js keeps a renderer process busy; more tabs only contend (measured).
  const concurrency = Math.max(1, Math.min(context.options.concurrency ?? availableParallelism(), chunks.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failures[0]) throw failures[0];
  return Promise.all(
    printed.map((chunk, index) => {
      if (!chunk) throw new Error(`${chunks[index]?.label ?? 'a chunk'} was not printed`);
      return chunk;
    }),
  );
}

/** The chunks that must be laid out before a chunk prints: those before it in its sequence, and those it refers to. */
function prerequisites(chunks: readonly PrintChunk[], index: number): number[] {
  const chunk = chunks[index];
  if (!chunk) return [];
  return chunks.flatMap((other, position) =>
    (position < index && other.sequence === chunk.sequence) || chunk.pageNumbersOf.includes(other.id) ? [position] : [],
  );
}

/**
 * The order in which the chunks are taken up: each after its `prerequisites`, otherwise in
 * document order. A tab waiting to print then waits only for chunks already taken up, so the
 * pool cannot deadlock, whatever its size.
 */
export function schedule(chunks: readonly PrintChunk[]): number[] {
  const order: number[] = [];
  const done = new Set<number>();
  while (order.length < chunks.length) {
    const next = chunks.findIndex((_, index) => !done.has(index) && prerequisites(chunks, index).every((position) => done.has(position)));
    if (next === -1) throw new Error('the chunks print page numbers of each other in a cycle');
    order.push(next);
    done.add(next);
  }
  return order;
}

interface ChunkTab {
  /** Loads a chunk's document and lays it out. */
  paginate(chunk: PrintChunk): Promise<{ report: PaginationReport; prepared: PreparedChunk }>;
  /** Prints the chunk last laid out, its pages numbered from `firstPageNumber`. */
  print(firstPageNumber: number, pageNumbers: Record<string, string>): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A tab that lays out chunks one after the other (the same renderer process, its caches warm). */
async function openChunkTab(context: TabContext, warnings: PrintWarning[]): Promise<ChunkTab> {
  const tab = await context.browser.newPage();
  let current: PrintChunk | undefined;
  const warn = (message: string) => warnings.push({ rule: 'pdf-overflow', message: `${current?.label ?? 'the book'}: ${message}` });
  tab.setDefaultTimeout(remaining(context.deadline));
  await tab.evaluateOnNewDocument(context.script);
  await tab.emulateMediaType('print');
  await refuseRequestsOutside(tab, context.options.workDirectory);
  // Pages that overflow are found by measuring them (`paginate`); these mean Paged.js gave up.
  tab.on('console', (message) => {
    if (/Unable to layout|Layout repeated/.test(message.text())) warn(`Paged.js: ${message.text()}`);
  });
  tab.on('pageerror', (error) => warn(`script error in the page: ${error.message}`));
  await tab.exposeFunction('anthologyPageLaidOut', context.onPage);
  let finishPagination: (outcome: PaginationOutcome) => void = () => undefined;
  await tab.exposeFunction('anthologyPaginated', (outcome: PaginationOutcome) => finishPagination(outcome));
  tab.on('error', (error) => finishPagination({ error: `the tab crashed: ${error.message}` }));
  return {
    async paginate(chunk) {
      current = chunk;
      await tab.goto(pathToFileURL(chunkPath(context.options.workDirectory, chunk)).href, { waitUntil: 'load', timeout: remaining(context.deadline) });
      const prepared = await tab.evaluate((options) => (window as unknown as InstalledFunctions).anthology.prepareChunk(options), { labelAttribute });
      const outcome = new Promise<PaginationOutcome>((resolve) => {
        finishPagination = resolve;
      });
      return { report: await paginateInTab(tab, outcome, context), prepared };
    },
    async print(firstPageNumber, pageNumbers) {
      await tab.evaluate(
        (numbers, attribute) => (window as unknown as InstalledFunctions).anthology.fillPageRefs(numbers, attribute),
        pageNumbers,
        pageRefAttribute,
      );
      await tab.evaluate((first) => (window as unknown as InstalledFunctions).anthology.startPageNumbersAt(first), firstPageNumber);
      const margin = { top: 0, right: 0, bottom: 0, left: 0 };
      return tab.pdf({ printBackground: true, preferCSSPageSize: true, margin, timeout: remaining(context.deadline) });
    },
    close: () => tab.close().catch(() => undefined),
  };
}

interface InstalledFunctions {
  anthology: PageScript;
}

/**
 * What every document in a chunk tab starts with: the hyphenation patterns, the page script
 * (`window.anthology`, and `PagedConfig` so that Paged.js does not start by itself), Paged.js.
 */
async function tabScript(hyphenation: HyphenationData): Promise<string> {
  return [`window.anthologyHyphenation = ${JSON.stringify(hyphenation)};`, await pageScript(), await pagedjsScript()].join('\n;\n');
}

/** What a tab reports when Paged.js is done: the report, or why it failed. */
interface PaginationOutcome {
  report?: PaginationReport;
  error?: string;
}

/**
 * Starts Paged.js in the tab; the tab calls back (`anthologyPaginated`) when it is done, which
 * `outcome` receives. One long `evaluate` would hit puppeteer's protocol timeout (3 minutes) on a
 * long chapter; polling would add up to its interval to every chunk.
 */
async function paginateInTab(tab: Tab, outcome: Promise<PaginationOutcome>, context: TabContext): Promise<PaginationReport> {
  const { deadline } = context;
  const options: PaginateOptions = {
    endOnVerso: true,
    labelAttribute,
    outlineLevelAttribute,
    outlineTitleAttribute,
    blockAttribute: 'data-block',
    ...(context.options.fixes ? { fixes: [...context.options.fixes] } : {}),
  };
  await tab.evaluate((options) => {
    const page = window as unknown as InstalledFunctions & {
      anthologyPageLaidOut(): void;
      anthologyPaginated(outcome: PaginationOutcome): void;
      PagedPolyfill: { on(event: 'page', listener: () => void): void };
    };
    page.PagedPolyfill.on('page', () => page.anthologyPageLaidOut());
    page.anthology.paginate(options).then(
      (report) => page.anthologyPaginated({ report }),
      (error: unknown) => page.anthologyPaginated({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
    );
  }, options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Paged.js did not finish in time')), Math.max(0, deadline - Date.now()));
  });
  try {
    const { report, error } = await Promise.race([outcome, timeout]);
    if (error !== undefined || !report) throw new Error(`Paged.js failed: ${error ?? 'no report'}`);
    return report;
  } finally {
    clearTimeout(timer);
  }
}

/** One warning per fix left out because Paged.js lacks what it patches (each chunk's tab finds the same). */
export function missingInternalWarnings(missing: readonly MissingInternal[]): PrintWarning[] {
  const byFix = new Map<string, Set<string>>();
  for (const { fix, internal } of missing) byFix.set(fix, (byFix.get(fix) ?? new Set()).add(internal));
  return [...byFix].map(([fix, internals]) => ({
    rule: 'pdf-pagedjs-internal',
    message: `the Paged.js fix ${fix} was left out: Paged.js has no ${[...internals].join(', ')} (is pagedjs-cli the version package.json pins?); pages may be laid out worse`,
  }));
}

/** Pages whose content Paged.js cut off, and text it lost or repeated, named by chapter and page. */
export function layoutWarnings(chunks: readonly CheckedChunk[]): PrintWarning[] {
  const messages: string[] = [];
  let pdfPages = 0;
  for (const { report, prepared, folioStyle, firstPageNumber } of chunks) {
    for (const overflow of report.overflows) {
      const where = `page ${folioText(firstPageNumber + overflow.page, folioStyle)} (page ${pdfPages + overflow.page + 1} of the PDF)`;
      const what = overflow.what === 'text' ? 'content taller or wider than the page was cut off' : 'footnotes that do not fit were cut off';
      messages.push(`${report.pageLabels[overflow.page] ?? 'the book'}: ${where}: ${what}`);
    }
    for (const label of new Set([...Object.keys(prepared.sourceCharacters), ...Object.keys(report.renderedCharacters)])) {
      const difference = (report.renderedCharacters[label] ?? 0) - (prepared.sourceCharacters[label] ?? 0);
      if (difference !== 0) messages.push(`${label}: ${Math.abs(difference)} characters of text were ${difference < 0 ? 'lost' : 'repeated'} in pagination`);
    }
    pdfPages += report.pageCount;
  }
  return messages.map((message) => ({ rule: 'pdf-overflow', message }));
}

function chunkPath(workDirectory: string, chunk: PrintChunk): string {
  return path.join(workDirectory, `${chunk.id}.html`);
}

async function refuseRequestsOutside(tab: Tab, directory: string): Promise<void> {
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    const url = new URL(request.url());
    const inside = url.protocol === 'data:' || (url.protocol === 'file:' && !path.relative(directory, decodeURIComponent(url.pathname)).startsWith('..'));
    void (inside ? request.continue() : request.abort()).catch(() => undefined);
  });
}

function remaining(deadline: number): number {
  return Math.max(1000, deadline - Date.now());
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
