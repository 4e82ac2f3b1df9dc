// Pagefind's indexing, in a worker thread of its own (`pagefind.ts` starts it, and says why). Plain
// JavaScript, so the worker starts the same from dist/ and from the sources. It starts Pagefind as
// soon as it is created, then waits for the pages: given, or read one at a time from the folder
// they were written to (so no thread holds the whole site).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';

/** @type {{ language: string }} */
const { language } = workerData;

/** @typedef {{ names: string[]; pages?: string[]; folder?: string }} Request */

/** @param {Request} request @param {number} index */
function page(request, index) {
  return request.pages?.[index] ?? readFileSync(path.join(request.folder ?? '', request.names[index] ?? ''), 'utf8');
}

/** @returns {Promise<Request>} */
function nextRequest() {
  return new Promise((resolve) => parentPort?.once('message', resolve));
}

async function searchFiles() {
  // Pagefind's service starts while the main thread is still rendering the site.
  const [{ index, errors }, request] = await Promise.all([pagefind.createIndex({ forceLanguage: language, keepIndexUrl: true }), nextRequest()]);
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const [position, name] of request.names.entries()) {
      const added = await index.addHTMLFile({ url: `/${name}`, content: page(request, position) });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${name}: ${added.errors.join('; ')}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`);
    return files.map((file) => [file.path, file.content]);
  } finally {
    await pagefind.close();
  }
}

try {
  const files = await searchFiles();
  parentPort?.postMessage({ files });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
