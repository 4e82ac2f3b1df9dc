// Pagefind's indexing of the site's shards, wherever it runs: in the main thread for a few pages
// (a rebuild), in `pagefind-worker.mjs` for many (`pagefind.ts` chooses, and says why). Plain
// JavaScript, so the worker loads it the same from dist/ and from the sources. Each shard is an
// index of its own, made and let go of before the next, so Pagefind holds one shard's pages at a time.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** @typedef {typeof import('pagefind')} Pagefind */
/** @typedef {{ language: string; shards: string[][]; pages?: Record<string, string>; folder?: string }} Request */

/** @param {Request} request @param {string} name */
function page(request, name) {
  return request.pages?.[name] ?? readFileSync(path.join(request.folder ?? '', name), 'utf8');
}

/** @param {Pagefind} pagefind @param {string | undefined} language */
async function newIndex(pagefind, language) {
  const { index, errors } = await pagefind.createIndex({ ...(language ? { forceLanguage: language } : {}), keepIndexUrl: true });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/**
 * Starts Pagefind's service (an index made and dropped at once: the service starts with the
 * first), so that its start overlaps the book's loading. Its failure is heard by `indexShards`.
 * @param {Pagefind} pagefind @returns {Promise<void>}
 */
export function startService(pagefind) {
  const started = newIndex(pagefind, undefined).then((index) => index.deleteIndex());
  started.catch(() => undefined);
  return started;
}

/** Pagefind's own search interfaces, which the site does not use: only its search script, WebAssembly and index. */
const interfaceFile = /^pagefind-(ui|modular-ui|component-ui|highlight)/;

/**
 * One shard's index, as its files by their path in the index's folder (in name order). Pagefind
 * writes them into a temporary folder, which is read back and removed: asking for them instead
 * (`getFiles`) sends every file base64-encoded through Pagefind's pipe, its ~0.5 MB of search
 * interfaces included, which took ~25 ms longer per shard.
 * @param {Awaited<ReturnType<typeof newIndex>>} index @param {Request} request @param {string[]} names
 * @returns {Promise<[string, Uint8Array][]>}
 */
async function shardFiles(index, request, names) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'anthology-pagefind-'));
  try {
    await addPages(index, request, names);
    const { errors } = await index.writeFiles({ outputPath: scratch });
    if (errors.length > 0) throw new Error(`Pagefind could not write its index: ${errors.join('; ')}`);
    await index.deleteIndex();
    return filesIn(scratch)
      .filter((name) => !interfaceFile.test(name))
      .sort()
      .map((name) => [name, readFileSync(path.join(scratch, name))]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Pages Pagefind is given before it has indexed the first of them (see `addPages`). */
const pagesInFlight = 8;

/**
 * Gives Pagefind the shard's pages, in order, up to `pagesInFlight` at a time: its service reads
 * its requests from one pipe and handles them one after another, in the order they were written
 * (pagefind/src/service/mod.rs), so the index is the same as when each page waited for the one
 * before it, without a round trip through the pipe per page (a rebuild of the default book waited
 * on Pagefind after its EPUB was made). Bounded, so a large shard's pages are not all read and
 * queued in the pipe at once.
 * @param {Awaited<ReturnType<typeof newIndex>>} index @param {Request} request @param {string[]} names
 */
async function addPages(index, request, names) {
  /** @type {Promise<void>[]} */
  const pending = [];
  for (const [position, name] of names.entries()) {
    if (position >= pagesInFlight) await pending[position - pagesInFlight];
    const added = index.addHTMLFile({ url: `/${name}`, content: page(request, name) }).then((result) => {
      if (result.errors.length > 0) throw new Error(`Pagefind could not index ${name}: ${result.errors.join('; ')}`);
    });
    // Its failure is thrown by whichever await meets it first; never an unhandled rejection meanwhile.
    added.catch(() => undefined);
    pending.push(added);
  }
  await Promise.all(pending);
}

/**
 * The files under `folder`, by their path in it with forward slashes (Pagefind's index has
 * subfolders: `fragment/`, `index/`). Walked by hand: `readdirSync`'s `recursive` (Node 20.1) and its
 * entries' `parentPath` (20.12) are newer than the Node 20 the project supports (`engines`).
 * @param {string} folder @param {string} [prefix] @returns {string[]}
 */
function filesIn(folder, prefix = '') {
  return readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const name = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return filesIn(folder, name);
    return entry.isFile() ? [name] : [];
  });
}

/**
 * Each shard's index files, by their path in its folder, once `started` (`startService`) has
 * settled. Pagefind's service is closed when done, or when it fails.
 * @param {Pagefind} pagefind @param {Request} request @param {Promise<void>} started
 * @returns {Promise<[string, Uint8Array][][]>}
 */
export async function indexShards(pagefind, request, started) {
  try {
    await started;
    const shards = [];
    for (const [position, names] of request.shards.entries()) {
      // A new service for each shard after the first: the service keeps what it allocated for a
      // shard's pages after the index is deleted, and grew to ~120 MB over the 30 shards of a
      // 1,000-chapter book; a fresh one starts in ~10 ms.
      if (position > 0) await pagefind.close();
      shards.push(await shardFiles(await newIndex(pagefind, request.language), request, names));
    }
    return shards;
  } finally {
    await pagefind.close();
  }
}
