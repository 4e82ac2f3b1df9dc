import { Worker } from 'node:worker_threads';
import type { OutputFiles } from '../core/types.ts';
import { indexShards, startService } from './pagefind-shards.mjs';

/**
 * Pagefind's search indexes for the site's pages (only their `data-pagefind-body` parts: the
 * chapters), each shard of pages an index of its own (`pipeline/search-index.ts` says which pages
 * go together and merges them on the search page), in the book's language, so chapters in other
 * languages are found from the same search page. `pagefind-shards.mjs` does the indexing: in the
 * main thread for up to `pagesInProcess` pages (a rebuild's shard), in a worker thread
 * (`pagefind-worker.mjs`) for more, so that what Pagefind's library allocates for a large site
 * (every page again as JSON and base64 for its indexer) goes with the worker's heap when it ends,
 * instead of growing the main thread's, which V8 keeps. A worker costs its start (~40 ms of CPU:
 * Node's bootstrap and modules compiled again in it), a fifth of what a rebuild of the default
 * book spent besides its site. (Whether it runs beside the EPUB is the build's choice: `pipeline/build.ts`.)
 */

/** Pagefind, started before the site is written: `index` gives it the pages, `cancel` stops it unused. */
export interface SearchIndexer {
  /**
   * One index per shard (a shard: pages named in the site's order, Pagefind's output depends on
   * it), each as its files by their path in the index's folder. The worker reads the pages from
   * `folder`, where the site was written, one at a time, so neither thread holds the whole site
   * while it is indexed; or they are given, by name, in `pages`. Only what the search page uses
   * is kept: the search script, its WebAssembly and the index.
   */
  index(request: {
    /** The site's language (BCP 47): Pagefind's stemming and the index's language. */
    language: string;
    shards: readonly (readonly string[])[];
    folder?: string;
    pages?: ReadonlyMap<string, string>;
  }): Promise<OutputFiles[]>;
  cancel(): Promise<void>;
}

/**
 * Pages indexed in the main thread at most: one shard's worth (`maxShard` in
 * `pipeline/search-index.ts`), ~3.5 MB of pages at most; a cold build of a large book indexes
 * more, in a worker.
 */
export const pagesInProcess = 128;

/**
 * Starts Pagefind's service at once, before the site (or even the book) is made, so that its start
 * overlaps that work instead of following it (a rebuild of the default book, its site written,
 * waited ~15–30 ms more for it). The pages are indexed here when there are `pagesInProcess` or
 * fewer, else in a worker started then, and this service is closed.
 */
export function startSearchIndexer(options: { pagesInProcess?: number } = {}): SearchIndexer {
  const inProcess = options.pagesInProcess ?? pagesInProcess;
  const library = import('pagefind');
  const started = inTurn(async () => startService(await library));
  started.catch(() => undefined);
  let worker: Worker | undefined;
  return {
    async index(request) {
      const language = request.language.split('-')[0] ?? request.language;
      const shards = request.shards.map((names) => [...names]);
      const message = { language, shards, folder: request.folder, pages: request.pages ? Object.fromEntries(request.pages) : undefined };
      if (shards.flat().length <= inProcess) {
        const files = await inTurn(async () => indexShards(await library, message, started));
        return files.map((shard) => new Map(shard));
      }
      await inTurn(async () => (await library).close());
      worker = new Worker(new URL('./pagefind-worker.mjs', import.meta.url));
      return indexInWorker(worker, message);
    },
    async cancel() {
      if (worker) await worker.terminate();
      else await inTurn(async () => (await library).close()).catch(() => undefined);
    },
  };
}

/**
 * Pagefind's library keeps one service per thread, which `indexShards` closes when done: the
 * main thread's indexings (and the closing of a service started for none) take turns, so one
 * never closes the service another is using (a preview's builds, tests in one process).
 */
let turns: Promise<unknown> = Promise.resolve();

function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const result = turns.then(task, task);
  turns = result.catch(() => undefined);
  return result;
}

/** The shards' files as the worker makes them; the worker is stopped once it answered. */
async function indexInWorker(worker: Worker, request: object): Promise<OutputFiles[]> {
  const reply = new Promise<Reply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Pagefind's worker stopped (exit code ${code}) before it answered`)));
  });
  worker.postMessage(request);
  try {
    const { shards, error } = await reply;
    if (error !== undefined || !shards) throw new Error(error ?? 'Pagefind gave no index');
    return shards.map((files) => new Map(files));
  } finally {
    await worker.terminate();
  }
}

interface Reply {
  /** Each shard's files, by their path in its index's folder. */
  shards?: [string, Uint8Array][][];
  error?: string;
}
