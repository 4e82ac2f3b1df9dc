// Pagefind's indexing, in a worker thread of its own (`pagefind.ts` starts it, and says why). Plain
// JavaScript, so the worker starts the same from dist/ and from the sources. It starts Pagefind as
// soon as it is created, then waits for the pages: given, or read one at a time from the folder
// they were written to (so no thread holds the whole site). Each shard is an index of its own,
// made and let go of before the next, so Pagefind holds one shard's pages at a time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';

/** @type {{ language: string }} */
const { language } = workerData;

/** @typedef {{ shards: string[][]; pages?: Record<string, string>; folder?: string }} Request */

/** @param {Request} request @param {string} name */
function page(request, name) {
  return request.pages?.[name] ?? readFileSync(path.join(request.folder ?? '', name), 'utf8');
}

/** @returns {Promise<Request>} */
function nextRequest() {
  return new Promise((resolve) => parentPort?.once('message', resolve));
}

async function newIndex() {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language, keepIndexUrl: true });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/** @param {Awaited<ReturnType<typeof newIndex>>} index @param {Request} request @param {string[]} names */
async function shardFiles(index, request, names) {
  for (const name of names) {
    const added = await index.addHTMLFile({ url: `/${name}`, content: page(request, name) });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${name}: ${added.errors.join('; ')}`);
  }
  const { files, errors } = await index.getFiles();
  if (errors.length > 0) throw new Error(`Pagefind could not write its index: ${errors.join('; ')}`);
  await index.deleteIndex();
  return files.map((file) => [file.path, file.content]);
}

async function searchFiles() {
  // Pagefind's service starts while the main thread is still rendering the site.
  let next = newIndex();
  next.catch(() => undefined);
  const request = await nextRequest();
  try {
    const shards = [];
    for (const [position, names] of request.shards.entries()) {
      if (position > 0) next = newIndex();
      shards.push(await shardFiles(await next, request, names));
    }
    return shards;
  } finally {
    await pagefind.close();
  }
}

try {
  const shards = await searchFiles();
  parentPort?.postMessage({ shards });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
