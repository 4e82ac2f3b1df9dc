// Pagefind's indexing of many pages, in a worker thread of its own (`pagefind.ts` starts it, and
// says when and why). Plain JavaScript, so the worker starts the same from dist/ and from the
// sources. It starts Pagefind's service as soon as it is created, then waits for the pages and
// their language: given, or read one at a time from the folder they were written to (so no thread
// holds the whole site); `pagefind-shards.mjs` indexes them.
import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { indexShards, startService } from './pagefind-shards.mjs';

/** @returns {Promise<import('./pagefind-shards.mjs').Request>} */
function nextRequest() {
  return new Promise((resolve) => parentPort?.once('message', resolve));
}

// Pagefind's service starts while the main thread is still making the site.
const started = startService(pagefind);
try {
  const shards = await indexShards(pagefind, await nextRequest(), started);
  parentPort?.postMessage({ shards });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
