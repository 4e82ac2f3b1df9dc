import { createHash } from 'node:crypto';

/**
 * Remembering what a stage worked out, by what it was worked out from. The stages (load/, cite/)
 * ask a `Memo` for a value under a key made by `contentKey` from everything the value depends on;
 * the memo the build passes in is `io/cache.ts`'s, on disk, and it adds the tool's own version to
 * every key. A stage given `noMemo` computes everything, as without a cache.
 */

/** What is remembered, each kind in its own namespace. */
export type MemoKind =
  | 'chapter'
  | 'citations'
  | 'bibliography'
  | 'style-check'
  | 'site-page'
  | 'epub-chapter'
  | 'epub-entry'
  | 'search-index'
  | 'edition-chapter'
  | 'name-sort-keys'
  | 'pdf-layout'
  | 'pdf-print';

export interface Memo {
  /**
   * The value remembered under `key` for `kind`, else `compute()`'s, remembered. The value must be
   * structured-cloneable data; each call returns a copy of its own, which the caller may change.
   * A key that costs something to make (a whole chapter hashed) may be given as a function: a memo
   * that remembers nothing never calls it.
   */
  value<T>(kind: MemoKind, key: MemoKey, compute: () => T): T;
  /**
   * Whether `value` would answer from memory for `key`, without computing: a stage may then work
   * out the values it lacks together beforehand (citations in worker threads, `cite/render.ts`).
   */
  has(kind: MemoKind, key: MemoKey): boolean;
  /**
   * The value remembered under `key` for `kind`, as `value` would give it, else undefined: nothing
   * is computed or stored (an entry that cannot be read is none). For a stage whose values come
   * from outside (the PDF's chunks, from Chromium) and are stored with `value` once made.
   */
  recall<T>(kind: MemoKind, key: MemoKey): T | undefined;
}

export type MemoKey = string | (() => string);

/** The key itself. */
export function keyOf(key: MemoKey): string {
  return typeof key === 'string' ? key : key();
}

/** Remembers nothing: every value is computed. */
export const noMemo: Memo = { value: (_kind, _key, compute) => compute(), has: () => false, recall: () => undefined };

/**
 * A key for what `parts` are: SHA-256 of their JSON, each part length-prefixed so no two lists of
 * parts run together the same. Objects are hashed in their own key order (a reordered object is a
 * new key, a miss, never a wrong hit).
 */
export function contentKey(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const json = JSON.stringify(part) ?? 'undefined';
    hash.update(`${json.length}:`);
    hash.update(json);
  }
  return hash.digest('hex');
}

/**
 * `compute`, worked out once per object: the site, the EPUB and the PDF ask for the same book,
 * chapters and pictures, none of which changes once cited.
 */
export function oncePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const values = new WeakMap<K, V>();
  return (key) => {
    if (!values.has(key)) values.set(key, compute(key));
    return values.get(key) as V;
  };
}
