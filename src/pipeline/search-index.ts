import { createHash } from 'node:crypto';
import type { SearchIndexer } from '../adapters/pagefind.ts';
import { contentKey, type Memo, noMemo } from '../core/memo.ts';
import type { OutputFiles } from '../core/types.ts';

/**
 * The site's search index, in shards: runs of chapter pages, each indexed by Pagefind on its own
 * and remembered by what its pages are, and merged again on the search page (`search.js` reads
 * `pagefind/bundles.json` and merges every index into the first with Pagefind's `mergeIndex`). A
 * rebuild re-indexes only the shards whose pages changed: indexing every page of a 500-chapter
 * book took ~5 s of a 7 s rebuild after one chapter changed, and Pagefind's indexer peaked at
 * 0.64 GB at 1,000 chapters. Results from several shards are ranked by each shard's own word
 * statistics; a book of up to `minShard` chapter pages is always one index.
 *
 * Where a shard ends depends on the page names only (a page whose name's hash is 0 modulo
 * `boundaryEvery` ends one, once it holds `minShard` pages; none holds more than `maxShard`), so a
 * chapter added, removed or changed moves no other shard's boundaries except by rare chance, and
 * the shards after it are taken from the cache unless their pages changed too (a chapter's number
 * is on its page: chapters inserted before them renumber them).
 */

/** A page Pagefind indexes: one with a `data-pagefind-body` (a chapter's), with its content's hash. */
export interface SearchPage {
  name: string;
  hash: string;
}

const minShard = 16;
const boundaryEvery = 32;
const maxShard = 128;

/** The pages of `site` that Pagefind indexes (a chapter's `main`), in the site's order. */
export function searchPages(site: OutputFiles): SearchPage[] {
  return [...site].flatMap(([name, content]) => searchPage(name, content) ?? []);
}

/** The file as a page Pagefind indexes, if it is one. */
export function searchPage(name: string, content: Uint8Array | string): SearchPage | undefined {
  if (!name.endsWith('.html')) return undefined;
  const html = typeof content === 'string' ? content : new TextDecoder().decode(content);
  // A tag, so never a chapter's text (escaped) that happens to mention the attribute.
  if (!/<main\b[^>]*\sdata-pagefind-body[\s=>]/.test(html)) return undefined;
  return { name, hash: createHash('sha256').update(html).digest('hex') };
}

/** `pages` cut into shards, in order, where the page names say (see above). */
export function searchShards<Page extends { name: string }>(pages: readonly Page[]): Page[][] {
  const shards: Page[][] = [];
  let shard: Page[] = [];
  for (const page of pages) {
    shard.push(page);
    const ends =
      shard.length >= maxShard || (shard.length >= minShard && createHash('sha256').update(page.name).digest().readUInt32BE(0) % boundaryEvery === 0);
    if (ends) {
      shards.push(shard);
      shard = [];
    }
  }
  if (shard.length > 0) shards.push(shard);
  return shards;
}

/**
 * The search index's files (`pagefind/…`) for `pages`: each shard from `memo` when its pages are
 * the same, else indexed by `indexer` (which is cancelled when there is nothing to index), reading
 * the pages from `source`. Each shard's index is in a folder named by its key, so a shard that
 * did not change keeps its addresses from one edition to the next.
 */
export async function searchIndexFiles(
  pages: readonly SearchPage[],
  language: string,
  indexer: SearchIndexer,
  source: { folder?: string; pages?: ReadonlyMap<string, string> },
  memo: Memo = noMemo,
): Promise<OutputFiles> {
  const shards = searchShards(pages).map((shard) => ({
    names: shard.map((page) => page.name),
    key: contentKey(
      'pagefind',
      language,
      shard.map((page) => [page.name, page.hash]),
    ),
  }));
  const remembered = shards.map((shard) => memo.recall<[string, Uint8Array | string][]>('search-index', shard.key));
  const missing = shards.filter((_, position) => remembered[position] === undefined);
  let made: OutputFiles[] = [];
  if (missing.length > 0) made = await indexer.index({ language, shards: missing.map((shard) => shard.names), ...source });
  else await indexer.cancel();
  const output: OutputFiles = new Map();
  const bundles: string[] = [];
  for (const [position, shard] of shards.entries()) {
    const files =
      remembered[position] ??
      memo.value('search-index', shard.key, () => {
        const index = made[missing.indexOf(shard)];
        if (!index) throw new Error(`Pagefind gave ${made.length} indexes for ${missing.length} shards`);
        return [...index];
      });
    const folder = `${shard.key.slice(0, 16)}/`;
    bundles.push(folder);
    for (const [name, content] of files) output.set(`pagefind/${folder}${name}`, content);
  }
  output.set('pagefind/bundles.json', `${JSON.stringify(bundles)}\n`);
  return output;
}
