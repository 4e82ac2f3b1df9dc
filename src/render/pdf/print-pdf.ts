import { fileURLToPath } from 'node:url';
import { decodeHTMLAttribute } from 'entities';
import type { VFile } from 'vfile';
import { contentKey, type Memo, type MemoKey, type MemoKind, noMemo } from '../../core/memo.ts';
import { type Place, type RuleId, report } from '../../core/rules.ts';
import { assemblePdf, type PrintedChunk, parseChunkPdf } from './assemble-pdf.ts';
import { firstPageNumbers, folioText } from './folios.ts';
import type { MissingInternal, PaginateOptions, PaginationReport, PrepareChunkOptions, PreparedChunk } from './page-script/types.ts';
import { labelAttribute, outlineLevelAttribute, outlineTitleAttribute, type PrintChunk, type PrintDocument, pageRefAttribute } from './protocol.ts';

/** The page script's entry point, which the caller bundles for the tabs (`adapters/page-script.ts`). */
export const pageScriptEntry = fileURLToPath(new URL('./page-script/index.ts', import.meta.url));

/**
 * What lays out and prints the chunks, given by the caller: Paged.js in Chromium
 * (`adapters/pagedjs.ts`), one tab per chunk at a time, the page script installed in each.
 */
export interface ChunkPrinter {
  /** `onWarning` hears what Paged.js or the page reports going wrong while the tab lays out a chunk. */
  openTab(onWarning: (message: string) => void): Promise<ChunkTab>;
}

export interface ChunkTab {
  /** Loads a chunk's document (already written where the printer reads it) and lays it out. */
  paginate(
    chunk: PrintChunk,
    options: { prepare: PrepareChunkOptions; paginate: PaginateOptions },
  ): Promise<{ report: PaginationReport; prepared: PreparedChunk }>;
  /** Prints the chunk last laid out, its pages numbered from `firstPageNumber`, page references filled in. */
  print(firstPageNumber: number, pageNumbers: Record<string, string>, pageRefAttribute: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface PrintOptions {
  chunks: readonly PrintChunk[];
  metadata: PrintDocument['metadata'];
  /** Chunks laid out at once, each in a tab of its own (one per core is best: measured). */
  concurrency: number;
  /** The Paged.js fixes to install, by id (`page-script/fixes.ts`); all by default. Tests leave one out. */
  fixes?: readonly string[];
  /** Problems found before printing (no hyphenation patterns for a language). */
  problems?: readonly PdfProblem[];
  /** Where a problem is reported: the file of the section it concerns (by its label), else the book's `anthology.yaml`. */
  fileFor(label: string | undefined): VFile;
  /** Where in its file a block or note of a section's chapter body comes from (`PrintDocument.places`). */
  placeOf?(label: string, within: NonNullable<PdfProblem['within']>): Place | undefined;
  /**
   * The build cache, and what a chunk's layout depends on besides its HTML (`layoutKey`: the
   * fonts and pictures the tabs load, the hyphenation patterns, Chromium). A chunk laid out by an
   * earlier build is not laid out again to know its pages (`pdf-layout`), and one printed before
   * with the same first page number and the same numbers in its page references is not printed
   * again (`pdf-print`): Chromium is started only if some chunk needs it.
   */
  cache?: { memo: Memo; layoutKey: string };
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  /** Where each page of a chapter starts (see `PaginationReport.pageStarts`), with its printed number. */
  pageStarts: { section: string; block: number; words: number; value: number; label: string }[];
  /** Chunks in all, and those whose printed pages came from the cache. */
  chunks: number;
  reused: number;
}

/**
 * A problem of the PDF stage, before it is reported on a file: `pdf-overflow` (content cut off or
 * lost, naming the section), `pdf-hyphenation` (no patterns for a language), `pdf-pagedjs-internal`
 * (a fix left out, as what it patches is not in Paged.js).
 */
export interface PdfProblem {
  ruleId: RuleId & `pdf-${string}`;
  reason: string;
  /** The section it concerns (`data-print-label`), if one. */
  label?: string;
  /** The block of that section's chapter body, or the note, it concerns (see `PrintOptions.placeOf`), if known. */
  within?: { block?: number; note?: string };
}

/** Time allowed for a book: two minutes, and a minute more per 100 kB of print HTML (~40 pages). */
export function pdfTimeout(htmlLength: number): number {
  return (2 + Math.ceil(htmlLength / 100_000)) * 60 * 1000;
}

/** What the missing hyphenation patterns mean for the reader. */
export function hyphenationProblems(missing: readonly string[]): PdfProblem[] {
  return missing.map((language) => ({
    ruleId: 'pdf-hyphenation',
    reason: `the hyphen package has no hyphenation patterns for ${language}: text in ${language} is justified without hyphenation`,
  }));
}

/**
 * Paginates the book's chunks with the `printer` and merges their PDFs. Each chunk (front matter,
 * runs of chapters, back matter) is laid out in a tab of its own, several at a time, and printed
 * once the chunks before it have been laid out (its pages are numbered from there); the PDFs are
 * then merged in order. Problems are reported on `fileFor`'s files.
 */
export async function printPdf(printer: ChunkPrinter, options: PrintOptions): Promise<PrintResult> {
  const problems: PdfProblem[] = [...(options.problems ?? [])];
  try {
    const { printed, reused } = await paginateChunks(printer, options, problems);
    problems.push(...missingInternalWarnings(printed.flatMap((chunk) => chunk.report.missingInternals)), ...layoutWarnings(printed));
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
    return { pdf, pages: printed.reduce((sum, chunk) => sum + chunk.report.pageCount, 0), pageStarts, chunks: printed.length, reused };
  } finally {
    for (const problem of problems) {
      const place = problem.label !== undefined && problem.within ? options.placeOf?.(problem.label, problem.within) : undefined;
      report(options.fileFor(problem.label), problem.ruleId, problem.reason, place);
    }
  }
}

/** A printed chunk, with its text counted before pagination (to find what got lost). */
interface CheckedChunk extends PrintedChunk {
  prepared: PreparedChunk;
}

/** A chunk's layout as the cache keeps it (`pdf-layout`): what its tab reported, and what Paged.js warned of. */
interface LaidOutChunk {
  report: PaginationReport;
  prepared: PreparedChunk;
  warnings: string[];
}

function remember<T>(memo: Memo, kind: MemoKind, key: MemoKey, value: T): T {
  return memo.value(kind, key, () => value);
}

/**
 * The page numbers a chunk prints (contents, index): those of the anchors its page references
 * name, in the order they appear, `null` for an anchor not (yet) numbered.
 */
function referencedNumbers(html: string, numbers: Record<string, string>): [string, string | null][] {
  const pattern = new RegExp(`${pageRefAttribute}="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map(([, raw]) => {
    const id = decodeHTMLAttribute(raw ?? '');
    return [id, numbers[id] ?? null];
  });
}

/**
 * Runs the chunks through a pool of tabs, in `schedule` order. Page numbers printed in the text
 * (contents, index) have boxes of a fixed width, so every chunk can be laid out at once; a chunk
 * waits only before printing, for the page counts of the chunks before it in its sequence and
 * the pages of the chunks it refers to.
 */
async function paginateChunks(printer: ChunkPrinter, options: PrintOptions, problems: PdfProblem[]): Promise<{ printed: CheckedChunk[]; reused: number }> {
  const { chunks } = options;
  const queue = schedule(chunks);
  const reports: (PaginationReport | undefined)[] = chunks.map(() => undefined);
  const laidOut = chunks.map(() => deferred());
  // Each chunk's PDF is parsed while the tabs go on with the others.
  const printed: (Promise<CheckedChunk> | undefined)[] = chunks.map(() => undefined);
  const tabOptions = tabOptionsFor(options);
  const { firstPageNumberOf, pageNumbers } = pageNumbering(chunks, reports);
  const cache = chunkCache(options, tabOptions);
  let reused = 0;
  const warn = (chunk: PrintChunk, message: string) => problems.push({ ruleId: 'pdf-overflow', reason: `${chunk.label}: ${message}`, label: chunk.label });

  /** Lays out a chunk, or takes its layout from the cache; prints it once its page numbers are known, or takes its PDF from the cache. */
  const processChunk = async (openTab: () => Promise<ChunkTab>, index: number, heard: string[]) => {
    const chunk = chunks[index] as PrintChunk;
    let tab: ChunkTab | undefined;
    const layOut = async () => {
      tab = await openTab();
      return tab.paginate(chunk, tabOptions);
    };
    const cached = cache.layout(index);
    const { report, prepared } = cached ?? cache.rememberLayout(index, { ...(await layOut()), warnings: [...heard] });
    reports[index] = report;
    laidOut[index]?.resolve();
    await Promise.all(prerequisites(chunks, index).map((position) => laidOut[position]?.promise));
    const firstPageNumber = firstPageNumberOf(index) ?? 1;
    const numbers = pageNumbers();
    let pdf = cache.printed(index, firstPageNumber, numbers);
    if (pdf) reused += 1;
    else {
      const printing = tab ?? (await openTab());
      // Laid out by an earlier build, but printed with other page numbers: laid out again to print.
      if (printing !== tab) await printing.paginate(chunk, tabOptions);
      pdf = cache.rememberPrinted(index, firstPageNumber, numbers, await printing.print(firstPageNumber, numbers, pageRefAttribute));
    }
    // Warnings of a layout taken from the cache are those heard when it was made.
    for (const message of cached ? cached.warnings : heard) warn(chunk, message);
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
    // What Paged.js says while the tab works on the current chunk. Pages that overflow are found by
    // measuring them (`layoutWarnings`); these mean Paged.js gave up.
    let heard: string[] = [];
    // Opened when a chunk first needs one (none if the cache has every chunk).
    let tab: Promise<ChunkTab> | undefined;
    const openTab = () => {
      tab ??= printer.openTab((message) => heard.push(message));
      return tab;
    };
    try {
      for (let index = queue.shift(); index !== undefined && failures.length === 0; index = queue.shift()) {
        heard = [];
        await processChunk(openTab, index, heard).catch((error: unknown) => {
          failures.push(new Error(`${chunks[index]?.label}: ${(error as Error).message}`));
          // Unblock the others so that they fail fast instead of waiting for this chunk.
          for (const signal of laidOut) signal.reject(error);
        });
      }
    } finally {
      await tab?.then(
        (opened) => opened.close(),
        () => undefined,
      );
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency, chunks.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failures[0]) throw failures[0];
  return { printed: await allPrinted(chunks, printed), reused };
}

/** Every chunk printed, its PDF parsed, in order. */
function allPrinted(chunks: readonly PrintChunk[], printed: readonly (Promise<CheckedChunk> | undefined)[]): Promise<CheckedChunk[]> {
  return Promise.all(
    printed.map((chunk, index) => {
      if (!chunk) throw new Error(`${chunks[index]?.label ?? 'a chunk'} was not printed`);
      return chunk;
    }),
  );
}

/** What the page script's `prepareChunk` and `paginate` are given in every tab. */
function tabOptionsFor(options: PrintOptions): { prepare: PrepareChunkOptions; paginate: PaginateOptions } {
  return {
    prepare: { labelAttribute },
    paginate: {
      endOnVerso: true,
      labelAttribute,
      outlineLevelAttribute,
      outlineTitleAttribute,
      blockAttribute: 'data-block',
      ...(options.fixes ? { fixes: [...options.fixes] } : {}),
    },
  };
}

/** Page numbers from the chunks laid out so far (`reports`, filled in as they are). */
function pageNumbering(chunks: readonly PrintChunk[], reports: readonly (PaginationReport | undefined)[]) {
  const firstPages = () => firstPageNumbers(chunks.map((chunk, position) => ({ sequence: chunk.sequence, pageCount: reports[position]?.pageCount })));
  return {
    firstPageNumberOf: (index: number): number | undefined => firstPages()[index],
    /** Each anchor's printed page number, for the chunks whose numbering is known. */
    pageNumbers: (): Record<string, string> => {
      const numbers: Record<string, string> = {};
      const firsts = firstPages();
      chunks.forEach((chunk, position) => {
        const report = reports[position];
        const first = firsts[position];
        if (!report || first === undefined) return;
        for (const anchor of report.anchors) numbers[anchor.id] ??= folioText(first + anchor.page, chunk.folioStyle);
      });
      return numbers;
    },
  };
}

/** The chunks' layouts and printed pages in the build cache (`PrintOptions.cache`; without one, nothing is remembered). */
function chunkCache(options: PrintOptions, tabOptions: unknown) {
  const memo = options.cache?.memo ?? noMemo;
  // Keys are worked out when a memo asks for them, once: `noMemo` (no cache) never does.
  const layoutKeys: (string | undefined)[] = [];
  const layoutKey = (index: number) => {
    const chunk = options.chunks[index] as PrintChunk;
    layoutKeys[index] ??= contentKey(options.cache?.layoutKey ?? '', chunk.html, chunk.sequence, chunk.folioStyle, tabOptions);
    return layoutKeys[index];
  };
  const printKey = (index: number, firstPageNumber: number, numbers: Record<string, string>) =>
    contentKey(layoutKey(index), firstPageNumber, referencedNumbers(options.chunks[index]?.html ?? '', numbers));
  return {
    layout: (index: number) => memo.recall<LaidOutChunk>('pdf-layout', () => layoutKey(index)),
    rememberLayout: (index: number, laid: LaidOutChunk) => remember(memo, 'pdf-layout', () => layoutKey(index), laid),
    printed: (index: number, firstPageNumber: number, numbers: Record<string, string>) =>
      memo.recall<Uint8Array>('pdf-print', () => printKey(index, firstPageNumber, numbers)),
    rememberPrinted: (index: number, firstPageNumber: number, numbers: Record<string, string>, pdf: Uint8Array) =>
      remember(memo, 'pdf-print', () => printKey(index, firstPageNumber, numbers), pdf),
  };
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

/** One warning per fix left out because Paged.js lacks what it patches (each chunk's tab finds the same). */
export function missingInternalWarnings(missing: readonly MissingInternal[]): PdfProblem[] {
  const byFix = new Map<string, Set<string>>();
  for (const { fix, internal } of missing) byFix.set(fix, (byFix.get(fix) ?? new Set()).add(internal));
  return [...byFix].map(([fix, internals]) => ({
    ruleId: 'pdf-pagedjs-internal',
    reason: `the Paged.js fix ${fix} was left out: Paged.js has no ${[...internals].join(', ')} (is pagedjs-cli the version package.json pins?); pages may be laid out worse`,
  }));
}

/** Pages whose content Paged.js cut off, and text it lost or repeated, named by chapter and page. */
export function layoutWarnings(chunks: readonly CheckedChunk[]): PdfProblem[] {
  const problems: PdfProblem[] = [];
  const overflow = (label: string | undefined, reason: string): PdfProblem => ({ ruleId: 'pdf-overflow', reason, ...(label ? { label } : {}) });
  let pdfPages = 0;
  for (const { report, prepared, folioStyle, firstPageNumber } of chunks) {
    for (const cut of report.overflows) {
      const where = `page ${folioText(firstPageNumber + cut.page, folioStyle)} (page ${pdfPages + cut.page + 1} of the PDF)`;
      const what =
        cut.what === 'text'
          ? 'content taller or wider than the page was cut off'
          : cut.note
            ? `note ${cut.note} did not fit and was cut off`
            : 'footnotes that do not fit were cut off';
      const label = report.pageLabels[cut.page];
      const words = cut.text ? `, from “${cut.text}”` : '';
      problems.push({
        ...overflow(label, `${label ?? 'the book'}: ${where}: ${what}${words}`),
        within: { ...(cut.block === undefined ? {} : { block: cut.block }), ...(cut.note ? { note: cut.note } : {}) },
      });
    }
    for (const label of new Set([...Object.keys(prepared.sourceCharacters), ...Object.keys(report.renderedCharacters)])) {
      const difference = (report.renderedCharacters[label] ?? 0) - (prepared.sourceCharacters[label] ?? 0);
      if (difference !== 0)
        problems.push(overflow(label, `${label}: ${Math.abs(difference)} characters of text were ${difference < 0 ? 'lost' : 'repeated'} in pagination`));
    }
    pdfPages += report.pageCount;
  }
  return problems;
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
