// Pagefind's indexing, in a worker thread of its own (`pagefind.ts` starts it, and says why). Plain
// JavaScript, so the worker starts the same from dist/ and from the sources. The pages are given,
// or read one at a time from the folder they were written to (so no thread holds the whole site).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';

/** @type {{ names: string[]; pages?: string[]; folder?: string; language: string }} */
const { names, pages, folder, language } = workerData;

/** @param {number} index */
function page(index) {
  return pages?.[index] ?? readFileSync(path.join(folder ?? '', names[index] ?? ''), 'utf8');
}

async function searchFiles() {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language, keepIndexUrl: true });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const [position, name] of names.entries()) {
      const added = await index.addHTMLFile({ url: `/${name}`, content: page(position) });
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
