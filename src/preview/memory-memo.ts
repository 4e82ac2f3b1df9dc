import { keyOf, type Memo, type MemoKey, type MemoKind } from '../core/memo.ts';

/**
 * The preview's memory of what the stages worked out (parsed chapters, rendered citations…), kept
 * in the process between rebuilds instead of on disk: a save re-parses and re-cites only the
 * chapter it changed. The same contract as the build cache's memo: a value is stored and handed
 * out as a copy (structured clone), so no rebuild sees another's changes to it; values that cannot
 * be cloned are computed each time. Entries not used by the last rebuild are forgotten, so memory
 * stays the size of one book however long the preview runs.
 */
export class MemoryMemo implements Memo {
  private entries = new Map<string, unknown>();
  private used = new Map<string, unknown>();

  value<T>(kind: MemoKind, key: MemoKey, compute: () => T): T {
    const id = `${kind}\u0000${keyOf(key)}`;
    if (this.used.has(id)) return structuredClone(this.used.get(id)) as T;
    if (this.entries.has(id)) {
      const kept = this.entries.get(id);
      this.used.set(id, kept);
      return structuredClone(kept) as T;
    }
    const value = compute();
    let copy: unknown;
    try {
      copy = structuredClone(value);
    } catch {
      return value;
    }
    this.used.set(id, copy);
    return value;
  }

  recall<T>(kind: MemoKind, key: MemoKey): T | undefined {
    const id = `${kind}\u0000${keyOf(key)}`;
    if (!this.used.has(id) && !this.entries.has(id)) return undefined;
    if (!this.used.has(id)) this.used.set(id, this.entries.get(id));
    return structuredClone(this.used.get(id)) as T;
  }

  has(kind: MemoKind, key: MemoKey): boolean {
    const id = `${kind}\u0000${keyOf(key)}`;
    return this.used.has(id) || this.entries.has(id);
  }

  /** Ends a rebuild: what it used is kept for the next, the rest forgotten. Returns how many entries are kept. */
  settle(): number {
    this.entries = this.used;
    this.used = new Map();
    return this.entries.size;
  }

  /** A rebuild that failed part-way: keep everything known, whether it used it or not. */
  abandon(): void {
    for (const [id, value] of this.used) this.entries.set(id, value);
    this.used = new Map();
  }
}
