import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { type CiteStyle, type CslJsonItem, type JobHtml, type RenderedBibliography, renderCitationJob, type SharedJobs } from '../core/citations.ts';
import { type Memo, noMemo, oncePerObject } from '../core/memo.ts';
import { report } from '../core/rules.ts';
import type { Book, Chapter } from '../core/types.ts';
import { citationJobs, citedKeys, renderBibliography, renderBibliographyAhead, renderChapterCitations } from './render.ts';

/** What was rendered before `citeBook` ran (`citeBookInParallel`): some chapters' citations, and the book's reference list. */
export interface RenderedAhead {
  chapters: ReadonlyMap<Chapter, JobHtml>;
  /** The book's reference list (`bibliography: book`), undefined inside when there is none. */
  bibliography?: { list: RenderedBibliography | undefined };
}

/**
 * Renders the citations of every chapter in the book's CSL style and the book's reference list
 * (only works actually cited). Unresolved keys become messages on the chapter's file. `memo`
 * remembers what citeproc made, by what it was made from (`render.ts`); `ahead` holds what was
 * made already.
 */
export function citeBook(
  book: Book,
  style: CiteStyle,
  files: ReadonlyMap<string, VFile>,
  memo: Memo = noMemo,
  ahead: RenderedAhead = { chapters: new Map() },
): Book {
  const cited = citeChapters(book, style, files, memo, ahead.chapters);
  if (book.config.bibliography !== 'book') return book;
  return withBookList(book, cited, ahead.bibliography ? ahead.bibliography.list : renderBibliography(cited, itemsOf(book), style, memo), files);
}

/** Each chapter's citations rendered (and its own list, for `bibliography: chapters`); returns the works cited, in order. */
function citeChapters(book: Book, style: CiteStyle, files: ReadonlyMap<string, VFile>, memo: Memo, ahead: RenderedAhead['chapters']): Set<string> {
  const items = itemsOf(book);
  const cited = new Set<string>();
  const perChapter = book.config.bibliography === 'chapters';
  for (const chapter of book.chapters) {
    const file = files.get(chapter.path);
    if (!file) continue;
    const keys = renderChapterCitations(chapter, items, style, file, memo, ahead.get(chapter));
    for (const key of keys) cited.add(key);
    if (perChapter) {
      const bibliography = renderBibliography(keys, items, style, memo);
      if (bibliography) {
        chapter.bibliography = bibliography;
        reportLeftOut(keys, bibliography.keys, [chapter], files);
      }
    }
  }
  return cited;
}

/** The book with its reference list (`bibliography: book`), works it leaves out reported. */
function withBookList(book: Book, cited: ReadonlySet<string>, bibliography: RenderedBibliography | undefined, files: ReadonlyMap<string, VFile>): Book {
  if (bibliography) reportLeftOut(cited, bibliography.keys, book.chapters, files);
  return bibliography ? { ...book, bibliography } : book;
}

/** The book's works by key, one map per book (`citeBookInParallel` and `citeBook` plan each chapter against it once). */
const itemsOf = oncePerObject((book: Book): ReadonlyMap<string, CslJsonItem> => new Map(book.references.map((item) => [item.id, item])));

/**
 * Fewer citations to render than this, and a worker thread costs more than it saves: it starts,
 * loads citeproc and builds its own engine (~0.1 s for Chicago's, without the reference list's
 * sort: `citationEngine`) where a citation costs ~10 ms.
 */
export const PARALLEL_CITATIONS_FROM = 150;

/**
 * `citeBook`, with the citations `memo` does not hold rendered in up to `threads` threads when
 * there are enough of them to pay (`PARALLEL_CITATIONS_FROM`): the chapters' in worker threads
 * while this one renders the book's reference list, which one engine must sort whole, and then
 * takes the chapters no worker has started (at 500 chapters it had waited ~4 s for the worker).
 * A book of hundreds of chapters spends most of a cold build in citeproc. With fewer, the
 * reference list is made in a worker thread while this one renders the citations (the default
 * book, cold, 6 alternating builds each: median 2.56 → 2.44 s; citeproc in two threads at once
 * runs well below twice as fast on this 2-core machine). The same result as `citeBook`: each
 * chapter's citations depend on the chapter alone, the list on the works and their order.
 */
export async function citeBookInParallel(
  book: Book,
  style: CiteStyle,
  files: ReadonlyMap<string, VFile>,
  threads: number,
  memo: Memo = noMemo,
  { warmEngines = false, collectGarbage }: { warmEngines?: boolean; collectGarbage?: () => void } = {},
): Promise<Book> {
  const items = itemsOf(book);
  const chapters = book.chapters.filter((chapter) => files.has(chapter.path));
  const jobs = threads < 2 ? [] : citationJobs(chapters, items, style, memo);
  const citations = jobs.reduce((sum, { job }) => sum + job.clusters.length, 0);
  const bookList = book.config.bibliography === 'book';
  if (jobs.length < 2 || citations < PARALLEL_CITATIONS_FROM) {
    // The reference list, if not remembered, in a worker thread, whose whole engine (~1 s for
    // Chicago's) is built while this thread renders the citations with its lighter one; not where
    // this thread holds that engine from before (`warmEngines`: the preview's).
    if (threads < 2 || !bookList || warmEngines) return citeBook(book, style, files, memo);
    const listed = renderBibliographyAhead(listedKeys(chapters, items), items, style, memo);
    // Heard by the `await` below; this keeps a failure meanwhile from going unheard if citing throws first.
    listed.catch(() => undefined);
    const cited = citeChapters(book, style, files, memo, new Map());
    return withBookList(book, cited, await listed, files);
  }
  // This thread renders the reference list, then takes the jobs no worker has started.
  const workers = Math.max(1, Math.min(threads - 1, jobs.length, Math.ceil(citations / PARALLEL_CITATIONS_FROM)));
  let started: SharedJobs | undefined;
  const startWorkers = (): SharedJobs => {
    if (!started) {
      started = style.renderJobs(
        jobs.map(({ job }) => job),
        workers,
      );
      // Heard by the `await` below; this keeps a failure meanwhile from going unheard if the reference list throws first.
      started.done.catch(() => undefined);
    }
    return started;
  };
  // The workers start once a long list's works are in order and its whole engine let go of, after
  // a garbage collection (`collectGarbage`): not beside that engine (at 1,000 chapters the list's
  // ~8,900 works and their sort keys held ~160 MB, the worker's heap ~100 MB, at once). A preview
  // keeps the engine warm: they start at once, as they do when the list is remembered.
  if (warmEngines || !bookList) startWorkers();
  const whenSorted = () => {
    collectGarbage?.();
    startWorkers();
  };
  // Meanwhile, the reference list of the works cited, in the order citeBook meets them (citeproc breaks ties by it).
  const bibliography = bookList
    ? { list: renderBibliography(listedKeys(chapters, items), items, style, memo, warmEngines ? undefined : whenSorted) }
    : undefined;
  const shared = startWorkers();
  const mine = new Map<number, JobHtml>();
  for (let index = shared.claim(); index !== undefined; index = shared.claim()) {
    const { job } = jobs[index] as (typeof jobs)[number];
    mine.set(index, renderCitationJob(style.citationEngine(job.works), job.clusters));
  }
  const theirs = await shared.done;
  const ahead = new Map(
    jobs.flatMap(({ chapter }, index) => {
      const rendered = mine.get(index) ?? theirs.get(index);
      return rendered ? [[chapter, rendered] as const] : [];
    }),
  );
  return citeBook(book, style, files, memo, { chapters: ahead, ...(bibliography ? { bibliography } : {}) });
}

/** The works the chapters cite, in the order citeBook meets them (citeproc breaks ties in the list by it). */
function listedKeys(chapters: readonly Chapter[], items: ReadonlyMap<string, CslJsonItem>): Set<string> {
  return new Set(chapters.flatMap((chapter) => citedKeys(chapter, items)));
}

/**
 * Works cited but printed nothing for in the reference list: the style's rule (Chicago leaves out
 * a `document` that does not say where to find it), which the editor may not expect of a published source. Reported at
 * the first citation of each.
 */
function reportLeftOut(cited: ReadonlySet<string>, listed: readonly string[], chapters: readonly Chapter[], files: ReadonlyMap<string, VFile>): void {
  const leftOut = new Set([...cited].filter((key) => !listed.includes(key)));
  if (leftOut.size === 0) return;
  for (const chapter of chapters) {
    const file = files.get(chapter.path);
    if (!file) continue;
    for (const [key, place] of firstCitations(chapter.tree)) {
      if (!leftOut.delete(key)) continue;
      report(
        file,
        'cite-left-out',
        `@${key} is cited but the style leaves it out of the bibliography (Chicago lists a document, speech or manuscript only with its publisher, URL, container or archive); add where to find it, or a type such as webpage or report`,
        place,
      );
    }
  }
}

function firstCitations(tree: Root): Map<string, { line: number; column: number } | undefined> {
  const first = new Map<string, { line: number; column: number } | undefined>();
  visit(tree, 'citation', (node) => {
    const start = node.position?.start;
    for (const item of node.items) if (!first.has(item.key)) first.set(item.key, start ? { line: start.line, column: start.column } : undefined);
  });
  return first;
}
