import { Worker } from 'node:worker_threads';
import type { OutputFiles } from '../core/types.ts';

/**
 * Pagefind's search indexes for the site's pages (only their `data-pagefind-body` parts: the
 * chapters), each shard of pages an index of its own (`pipeline/search-index.ts` says which pages
 * go together and merges them on the search page), in the book's language, so chapters in other
 * languages are found from the same search page. The indexing runs in a worker thread
 * (`pagefind-worker.mjs`): what Pagefind's library allocates (every page again as JSON and base64
 * for its indexer) goes with the worker's heap when it ends, instead of growing the main thread's,
 * which V8 keeps. (Whether it runs beside the EPUB is the build's choice: `pipeline/build.ts`.)
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
 * Starts Pagefind's worker at once, before the site (or even the book) is made, so that the
 * worker's start and Pagefind's own overlap that work instead of following it: a rebuild of the
 * default book, its site written, waited ~15–30 ms more for the worker to start (longer on a busy machine).
 */
export function startSearchIndexer(): SearchIndexer {
  const worker = new Worker(new URL('./pagefind-worker.mjs', import.meta.url));
  const reply = new Promise<Reply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Pagefind's worker stopped (exit code ${code}) before it answered`)));
  });
  // Settled by `index`, or left unheard when cancelled.
  reply.catch(() => undefined);
  return {
    async index(request) {
      const pages = request.pages ? Object.fromEntries(request.pages) : undefined;
      const language = request.language.split('-')[0] ?? request.language;
      worker.postMessage({ language, shards: request.shards.map((names) => [...names]), folder: request.folder, pages });
      try {
        const { shards, error } = await reply;
        if (error !== undefined || !shards) throw new Error(error ?? 'Pagefind gave no index');
        return shards.map((files) => new Map(files));
      } finally {
        await worker.terminate();
      }
    },
    async cancel() {
      await worker.terminate();
    },
  };
}

interface Reply {
  /** Each shard's files, by their path in its index's folder. */
  shards?: [string, Uint8Array][][];
  error?: string;
}
