/** The source formats the importer reads. */
export type SourceFormat = 'scrape' | 'html' | 'markdown' | 'wxr' | 'ghost';

/**
 * Recognises a source's format from its name and first bytes. Returns undefined when the input
 * is not something we can import, so the caller can say so instead of guessing.
 */
export function detectFormat(fileName: string, text: string): SourceFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const start = text.trimStart().slice(0, 2000);
  if (extension === 'md' || extension === 'markdown' || extension === 'mdx') return 'markdown';
  if (extension === 'json' || start.startsWith('{')) return /"(?:db|data)"\s*:/.test(text.slice(0, 4096)) || /"posts"\s*:/.test(text) ? 'ghost' : undefined;
  if (extension === 'xml' || start.startsWith('<?xml') || /^<rss[\s>]/.test(start))
    return /wordpress\.org\/export|<wp:wxr_version|<rss[\s>]/.test(start) || /<wp:wxr_version/.test(text) ? 'wxr' : undefined;
  if (extension === 'html' || extension === 'htm' || /^<(!doctype html|html|head|body|article|meta)[\s>]/i.test(start)) return 'html';
  if (extension === 'txt' || extension === 'text' || extension === undefined || !start.startsWith('<'))
    return /^(---|\+\+\+)\s*$/m.test(start.split('\n')[0] ?? '') ? 'markdown' : 'scrape';
  return undefined;
}

/** A file that is not text: NUL bytes or many control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
