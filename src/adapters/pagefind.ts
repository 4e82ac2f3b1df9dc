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
   * while it is indexed; or they are given, by name, in `pages`.
   */
  index(request: { shards: readonly (readonly string[])[]; folder?: string; pages?: ReadonlyMap<string, string> }): Promise<OutputFiles[]>;
  cancel(): Promise<void>;
}

/**
 * Starts Pagefind's worker for a site in `language` at once, so that the worker's start and
 * Pagefind's own (~0.1 s) overlap the rendering of the site instead of following it.
 */
export function startSearchIndexer(language: string): SearchIndexer {
  const worker = new Worker(new URL('./pagefind-worker.mjs', import.meta.url), {
    workerData: { language: language.split('-')[0] ?? language },
  });
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
      worker.postMessage({ shards: request.shards.map((names) => [...names]), folder: request.folder, pages });
      try {
        const { shards, error } = await reply;
        if (error !== undefined || !shards) throw new Error(error ?? 'Pagefind gave no index');
        return shards.map(indexFiles);
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

/** Only what the search page uses: the search script, its WebAssembly and the index itself. */
function indexFiles(files: [string, Uint8Array][]): OutputFiles {
  const output: OutputFiles = new Map();
  for (const [path, content] of files) {
    if (/^pagefind-(ui|modular-ui|component-ui|highlight)/.test(path)) continue;
    output.set(path, content);
  }
  return output;
}
