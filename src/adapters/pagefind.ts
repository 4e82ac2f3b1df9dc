import { Worker } from 'node:worker_threads';
import type { OutputFiles } from '../core/types.ts';

/**
 * Pagefind's search index for the site's pages (only their `data-pagefind-body` parts: the
 * chapters), in memory, as `pagefind/…` files to add to the site. One index in the book's
 * language, so chapters in other languages are found from the same search page. The indexing runs
 * in a worker thread (`pagefind-worker.mjs`): what Pagefind's library allocates (every page again
 * as JSON and base64 for its indexer) goes with the worker's heap when it ends, instead of growing
 * the main thread's, which V8 keeps. (Running it beside the EPUB was tried: a rebuild gained
 * about a second, a cold build of 1,000 chapters peaked 250 MB higher.)
 */
export function searchIndex(site: OutputFiles, language: string): Promise<OutputFiles> {
  const names: string[] = [];
  const pages: string[] = [];
  for (const [name, content] of site) {
    if (!name.endsWith('.html')) continue;
    names.push(name);
    pages.push(typeof content === 'string' ? content : new TextDecoder().decode(content));
  }
  return indexInWorker({ names, pages, language });
}

/**
 * The same for a site already written to `folder`: the worker reads the pages named (the site's
 * HTML pages, in the site's order: Pagefind's output depends on it) one at a time, so neither
 * thread holds the whole site while it is indexed.
 */
export function searchIndexOfFolder(folder: string, names: readonly string[], language: string): Promise<OutputFiles> {
  return indexInWorker({ names: [...names], folder, language });
}

async function indexInWorker(data: { names: string[]; pages?: string[]; folder?: string; language: string }): Promise<OutputFiles> {
  const worker = new Worker(new URL('./pagefind-worker.mjs', import.meta.url), {
    workerData: { ...data, language: data.language.split('-')[0] ?? data.language },
  });
  try {
    const reply = await new Promise<{ files?: [string, Uint8Array][]; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`Pagefind's worker stopped (exit code ${code}) before it answered`)));
    });
    if (reply.error !== undefined || !reply.files) throw new Error(reply.error ?? 'Pagefind gave no index');
    const output: OutputFiles = new Map();
    // Only what the search page uses: the search script, its WebAssembly and the index itself.
    for (const [path, content] of reply.files) {
      if (/^pagefind-(ui|modular-ui|component-ui|highlight)/.test(path)) continue;
      output.set(`pagefind/${path}`, content);
    }
    return output;
  } finally {
    await worker.terminate();
  }
}
