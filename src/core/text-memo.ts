/**
 * A pure function of a text, remembered by that text, for work asked for again and again with
 * the same texts: each line's label while a book's runs of notes are found (Guernsey Folk-Lore
 * reads ~20,000 lines once per run, ~130 runs), each title's markup in every format. Bounded: past
 * `limit` texts it starts afresh (a long-running preview sees every title ever typed).
 */
export function byText<T>(read: (text: string) => T, limit = 50_000): ((text: string) => T) & { readonly size: number } {
  const known = new Map<string, T>();
  const remembered = (text: string): T => {
    if (known.has(text)) return known.get(text) as T;
    if (known.size >= limit) known.clear();
    const value = read(text);
    known.set(text, value);
    return value;
  };
  return Object.defineProperty(remembered, 'size', { get: () => known.size }) as typeof remembered & { readonly size: number };
}
