import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumArgs } from './chromium.ts';
import { pagedjsScript, pageScript } from './page-script.ts';

const require = createRequire(import.meta.url);

/** The parts of puppeteer's Browser and Page that we use (puppeteer comes with pagedjs-cli). */
interface Browser {
  newPage(): Promise<Tab>;
  close(): Promise<void>;
  /** Chromium is gone: closed by us, killed, or crashed. */
  on(event: 'disconnected', listener: () => void): void;
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

export interface PagedjsOptions {
  chromiumPath: string;
  /** Where the chunks' HTML files are (`<id>.html`); it holds `fonts/`. Nothing outside it may load. */
  workDirectory: string;
  /** The page script's entry (`render/pdf/page-script/index.ts`), bundled for every tab. */
  pageScriptEntry: string;
  /** What the page script hyphenates with (`window.anthologyHyphenation`): plain JSON. */
  hyphenation: unknown;
  /** Milliseconds for the whole book; puppeteer's 30 s default is for web pages. */
  timeout: number;
  onPage?: (pagesLaidOut: number) => void;
  /**
   * Aborting it closes the browser, and what waits on a tab fails (the CLI aborts on Ctrl-C). With
   * a signal, the caller handles SIGINT and SIGTERM; without one, puppeteer does (it kills
   * Chromium and exits 130).
   */
  signal?: AbortSignal;
}

/** A chunk as the adapter loads it: `<workDirectory>/<id>.html`. */
export interface ChunkFile {
  id: string;
}

/** A tab that lays out chunks one after the other (the same renderer process, its caches warm). */
export interface PagedjsTab<Prepared, Report> {
  /** Loads a chunk, runs the page script's `prepareChunk` and `paginate` with these options, and returns what they return. */
  paginate(chunk: ChunkFile, options: { prepare: unknown; paginate: unknown }): Promise<{ report: Report; prepared: Prepared }>;
  /** Fills in the page references, numbers the pages from `firstPageNumber`, and prints the chunk last laid out. */
  print(firstPageNumber: number, pageNumbers: Record<string, string>, pageRefAttribute: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface PagedjsBrowser<Prepared, Report> {
  openTab(onWarning: (message: string) => void): Promise<PagedjsTab<Prepared, Report>>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with Paged.js (pagedjs-cli's puppeteer and Paged.js build), whose tabs lay out
 * and print chunks the caller has written to `workDirectory` (`render/pdf/print-pdf.ts` decides
 * what, in which order and how pages are numbered). Remote requests are refused. The caller closes
 * it; so does aborting `signal`. `Prepared` and `Report` are what the page script returns (JSON).
 */
export async function launchPagedjs<Prepared, Report>(options: PagedjsOptions): Promise<PagedjsBrowser<Prepared, Report>> {
  const script = await tabScript(options);
  options.signal?.throwIfAborted();
  const browser = await launchChromium(options);
  // One closing, however many ask for it: the caller's close then waits for Chromium to exit.
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= browser.close().catch(() => undefined);
    return closing;
  };
  if (options.signal?.aborted) {
    await close();
    options.signal.throwIfAborted();
  }
  options.signal?.addEventListener('abort', close, { once: true });
  const stopped = new Promise<never>((_, reject) => {
    browser.on('disconnected', () => reject(new Error(options.signal?.aborted ? 'interrupted' : 'Chromium stopped')));
  });
  stopped.catch(() => undefined); // the browser disconnects when it is closed at the end, too
  let pagesLaidOut = 0;
  const context: TabContext = {
    browser,
    options,
    script,
    stopped,
    deadline: Date.now() + options.timeout,
    onPage: () => {
      pagesLaidOut += 1;
      options.onPage?.(pagesLaidOut);
    },
  };
  return {
    openTab: (onWarning) => openChunkTab<Prepared, Report>(context, onWarning),
    close: async () => {
      options.signal?.removeEventListener('abort', close);
      await close();
    },
  };
}

/** puppeteer-core's launch, as pagedjs-cli 0.4.3's puppeteer 20 depends on it. */
interface Puppeteer {
  launch(options: { executablePath: string; headless: 'new'; args: string[]; handleSIGINT: boolean; handleSIGTERM: boolean }): Promise<Browser>;
}

/**
 * Launches Chromium as pagedjs-cli's `Printer.setup()` does (same flags), through the puppeteer-core
 * of pagedjs-cli's own puppeteer (puppeteer adds a configuration search and download settings that
 * a given executable does not need: ~60 ms), with its SIGINT/SIGTERM handlers only when the caller
 * passes no signal: those kill Chromium and exit 130 at once, before the caller can clean up
 * (pagedjs-cli passes no signal options, so they could not be turned off through it). The exit
 * hook stays either way: Chromium is killed however the process ends.
 */
async function launchChromium(options: PagedjsOptions): Promise<Browser> {
  const puppeteerPath = createRequire(require.resolve('pagedjs-cli')).resolve('puppeteer');
  const corePath = createRequire(puppeteerPath).resolve('puppeteer-core');
  const puppeteer = (await import(pathToFileURL(corePath).href)) as Puppeteer;
  const handleSignals = options.signal === undefined;
  return puppeteer.launch({
    executablePath: options.chromiumPath,
    headless: 'new',
    args: ['--disable-dev-shm-usage', '--export-tagged-pdf', '--allow-file-access-from-files', ...chromiumArgs],
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
  });
}

interface TabContext {
  browser: Browser;
  options: PagedjsOptions;
  /** Installed in every document a tab loads. */
  script: string;
  /** Rejects when Chromium is gone: what a tab waits for then never comes. */
  stopped: Promise<never>;
  deadline: number;
  onPage: () => void;
}

async function openChunkTab<Prepared, Report>(context: TabContext, onWarning: (message: string) => void): Promise<PagedjsTab<Prepared, Report>> {
  const tab = await context.browser.newPage();
  tab.setDefaultTimeout(remaining(context.deadline));
  tab.on('console', (message) => {
    const text = message.text();
    // Paged.js logs the element it gave up on as a handle (`JSHandle@node`), which says nothing here.
    if (/Layout repeated/.test(text)) onWarning('Paged.js laid the same content out twice: a note or block that cannot be broken is taller than a page');
    else if (/Unable to layout/.test(text)) onWarning(`Paged.js: ${text.replace(/\s*JSHandle@\w+/g, '').trim()}`);
  });
  tab.on('pageerror', (error) => onWarning(`script error in the page: ${error.message}`));
  let finishPagination: (outcome: PaginationOutcome<Report>) => void = () => undefined;
  tab.on('error', (error) => finishPagination({ error: `the tab crashed: ${error.message}` }));
  // Independent of each other: sent together, not one round trip after another.
  await Promise.all([
    tab.evaluateOnNewDocument(context.script),
    tab.emulateMediaType('print'),
    refuseRequestsOutside(tab, context.options.workDirectory),
    tab.exposeFunction('anthologyPageLaidOut', context.onPage),
    tab.exposeFunction('anthologyPaginated', (outcome: PaginationOutcome<Report>) => finishPagination(outcome)),
  ]);
  return {
    async paginate(chunk, options) {
      await tab.goto(pathToFileURL(chunkPath(context.options.workDirectory, chunk)).href, { waitUntil: 'load', timeout: remaining(context.deadline) });
      const prepared = (await tab.evaluate(
        (prepare) => (window as unknown as InstalledFunctions).anthology.prepareChunk(prepare),
        options.prepare,
      )) as Prepared;
      const outcome = new Promise<PaginationOutcome<Report>>((resolve) => {
        finishPagination = resolve;
      });
      return { report: await paginateInTab(tab, Promise.race([outcome, context.stopped]), options.paginate, context.deadline), prepared };
    },
    async print(firstPageNumber, pageNumbers, pageRefAttribute) {
      await tab.evaluate(
        (numbers, attribute, first) => {
          const { anthology } = window as unknown as InstalledFunctions;
          anthology.fillPageRefs(numbers, attribute);
          anthology.startPageNumbersAt(first);
        },
        pageNumbers,
        pageRefAttribute,
        firstPageNumber,
      );
      const margin = { top: 0, right: 0, bottom: 0, left: 0 };
      return tab.pdf({ printBackground: true, preferCSSPageSize: true, margin, timeout: remaining(context.deadline) });
    },
    close: () => tab.close().catch(() => undefined),
  };
}

/** What the adapter calls of the page script's `window.anthology` (`render/pdf/page-script/index.ts`, checked against it in `pipeline/build.ts`). */
export interface PageScriptCalls {
  prepareChunk(options: unknown): unknown;
  paginate(options: unknown): Promise<unknown>;
  fillPageRefs(numbers: Record<string, string>, attribute: string): void;
  startPageNumbersAt(first: number): void;
}

interface InstalledFunctions {
  anthology: PageScriptCalls;
}

/**
 * What every document in a chunk tab starts with: the hyphenation patterns, the page script
 * (`window.anthology`, and `PagedConfig` so that Paged.js does not start by itself), Paged.js.
 */
async function tabScript(options: PagedjsOptions): Promise<string> {
  return [`window.anthologyHyphenation = ${JSON.stringify(options.hyphenation)};`, await pageScript(options.pageScriptEntry), await pagedjsScript()].join(
    '\n;\n',
  );
}

/** What a tab reports when Paged.js is done: the report, or why it failed. */
interface PaginationOutcome<Report> {
  report?: Report;
  error?: string;
}

/**
 * Starts Paged.js in the tab; the tab calls back (`anthologyPaginated`) when it is done, which
 * `outcome` receives. One long `evaluate` would hit puppeteer's protocol timeout (3 minutes) on a
 * long chapter; polling would add up to its interval to every chunk.
 */
async function paginateInTab<Report>(tab: Tab, outcome: Promise<PaginationOutcome<Report>>, options: unknown, deadline: number): Promise<Report> {
  await tab.evaluate((options) => {
    const page = window as unknown as InstalledFunctions & {
      anthologyPageLaidOut(): void;
      anthologyPaginated(outcome: PaginationOutcome<unknown>): void;
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

/** Where a chunk's HTML is written for its tab: the pipeline writes it there, the tab opens it. */
export function chunkPath(workDirectory: string, chunk: Pick<ChunkFile, 'id'>): string {
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
