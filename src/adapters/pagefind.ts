import { Worker } from 'node:worker_threads';
import type { OutputFiles } from '../core/types.ts';

/**
 * Pagefind's search index for the site's pages (only their `data-pagefind-body` parts: the
 * chapters), in memory, as `pagefind/…` files to add to the site. One index in the book's
 * language, so chapters in other languages are found from the same search page. The indexing runs
 * in a worker thread (`pagefind-worker.mjs`): what Pagefind's library allocates (every page again
 * as JSON and base64 for its indexer) goes with the worker's heap when it ends, instead of growing
 * the main thread's, which V8 keeps. (Whether it runs beside the EPUB is the build's choice:
 * `pipeline/build.ts`.)
 */
export function searchIndex(site: OutputFiles, language: string): Promise<OutputFiles> {
  const names: string[] = [];
  const pages: string[] = [];
  for (const [name, content] of site) {
    if (!name.endsWith('.html')) continue;
    names.push(name);
    pages.push(typeof content === 'string' ? content : new TextDecoder().decode(content));
  }
  return startSearchIndexer(language).index({ names, pages });
}

/** Pagefind, started before the site is written: `index` gives it the pages, `cancel` stops it unused. */
export interface SearchIndexer {
  /**
   * The index of a site already written to `folder`: the worker reads the pages named (the site's
   * HTML pages, in the site's order: Pagefind's output depends on it) one at a time, so neither
   * thread holds the whole site while it is indexed. Or of `pages`, given.
   */
  index(request: { names: readonly string[]; folder?: string; pages?: readonly string[] }): Promise<OutputFiles>;
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
  const reply = new Promise<{ files?: [string, Uint8Array][]; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Pagefind's worker stopped (exit code ${code}) before it answered`)));
  });
  // Settled by `index`, or left unheard when cancelled.
  reply.catch(() => undefined);
  return {
    async index(request) {
      worker.postMessage({ names: [...request.names], folder: request.folder, pages: request.pages ? [...request.pages] : undefined });
      try {
        return indexFiles(await reply);
      } finally {
        await worker.terminate();
      }
    },
    async cancel() {
      await worker.terminate();
    },
  };
}

function indexFiles(reply: { files?: [string, Uint8Array][]; error?: string }): OutputFiles {
  if (reply.error !== undefined || !reply.files) throw new Error(reply.error ?? 'Pagefind gave no index');
  const output: OutputFiles = new Map();
  // Only what the search page uses: the search script, its WebAssembly and the index itself.
  for (const [path, content] of reply.files) {
    if (/^pagefind-(ui|modular-ui|component-ui|highlight)/.test(path)) continue;
    output.set(`pagefind/${path}`, content);
  }
  return output;
}
