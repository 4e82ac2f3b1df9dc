/**
 * A pure function of a text, remembered by that text, for work asked for again and again with
 * the same texts: a line's label or notes-heading kind, asked of the same lines by the note
 * finders of several importers, each title's markup in every format. Bounded: past
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
