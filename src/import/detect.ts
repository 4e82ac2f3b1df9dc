/** The source formats the importer reads. */
export type SourceFormat = 'scrape' | 'html' | 'markdown' | 'wxr' | 'ghost';

/**
 * Recognises a source's format from its name and first bytes. Returns undefined when the input
 * is not something we can import, so the caller can say so instead of guessing. The extension
 * decides first (an XHTML page starts with `<?xml` too); content decides for other names.
 */
export function detectFormat(fileName: string, text: string): SourceFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const start = text.trimStart().slice(0, 2000);
  switch (extension) {
    case 'md':
    case 'markdown':
    case 'mdx':
      return 'markdown';
    case 'html':
    case 'htm':
    case 'xhtml':
      return 'html';
    case 'json':
      return isGhostExport(text) ? 'ghost' : undefined;
    case 'xml':
      return isWordPressExport(text) ? 'wxr' : undefined;
    case 'txt':
    case 'text':
      return opensWithFrontMatter(text) ? 'markdown' : isHtmlPage(start) ? 'html' : 'scrape';
  }
  if (start.startsWith('{')) return isGhostExport(text) ? 'ghost' : undefined;
  if (start.startsWith('<?xml') || /^<rss[\s>]/.test(start)) return isWordPressExport(text) ? 'wxr' : isHtmlPage(start) ? 'html' : undefined;
  if (isHtmlPage(start)) return 'html';
  if (opensWithFrontMatter(text)) return 'markdown';
  return start.startsWith('<') ? undefined : 'scrape';
}

/** `{"db": [{"meta": {"exported_on": …}, "data": {…}}]}`, or the older `{"meta": …, "data": …}`; told from its opening even when it does not parse. */
function isGhostExport(text: string): boolean {
  const head = text.slice(0, 4096);
  return /^\s*\{\s*"db"\s*:\s*\[/.test(head) || /"exported_on"\s*:/.test(head);
}

/** WXR, or an RSS feed (imported the same way, from its items). */
function isWordPressExport(text: string): boolean {
  return /<wp:wxr_version|wordpress\.org\/export/.test(text.slice(0, 8192)) || /^\s*(?:<\?[^>]*>\s*|<!--[\s\S]*?-->\s*)*<rss[\s>]/.test(text.slice(0, 8192));
}

function isHtmlPage(start: string): boolean {
  return /^(?:<\?[^>]*>\s*|<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|article|meta)[\s>]/i.test(start);
}

function opensWithFrontMatter(text: string): boolean {
  return /^(?:---|\+\+\+)[ \t]*\r?$/m.test(text.split('\n')[0] ?? '');
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
