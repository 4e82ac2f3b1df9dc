/**
 * A pure function of a line's text, remembered by that text. Finding a book's runs of notes reads
 * every line again for each run it takes (Guernsey Folk-Lore: ~130 runs over ~20,000 lines), and
 * most lines are the same text each time. Bounded: past `limit` texts it starts afresh.
 */
export function byText<T>(read: (text: string) => T, limit = 50_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    if (known.size >= limit) known.clear();
    const value = read(text);
    known.set(text, value);
    return value;
  };
}
