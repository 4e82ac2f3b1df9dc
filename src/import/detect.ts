/** The formats of a single source file. */
export type FileFormat = 'scrape' | 'html' | 'markdown' | 'wxr' | 'atom' | 'ghost';
/** Sources of many files: an export (zip or unpacked folder), or a folder of saved posts. */
export type ArchiveFormat = 'substack' | 'medium' | 'blogger' | 'folder';
/** The source formats the importer reads. */
export type SourceFormat = FileFormat | ArchiveFormat;

/** A file name's extension, lower-case, without the dot (`''` when it has none). */
export function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** Pictures beside the posts (kept as bytes in a zip, as paths in a folder), copied when a post shows them. */
const imageExtensions: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'avif', 'bmp', 'tif', 'tiff']);

export function isImageName(name: string): boolean {
  return imageExtensions.has(extensionOf(name));
}

/** The file extensions of the source formats: what a folder or zip of posts is searched for. */
export const sourceExtensions: ReadonlySet<string> = new Set([
  'html',
  'htm',
  'xhtml',
  'md',
  'markdown',
  'mdx',
  'qmd',
  'rmd',
  'rmarkdown',
  'txt',
  'text',
  'xml',
  'atom',
  'json',
]);

/**
 * Recognises a source's format from its name and first bytes. Returns undefined when the input
 * is not something we can import, so the caller can say so instead of guessing. The extension
 * decides first (an XHTML page starts with `<?xml` too); content decides for other names.
 */
export function detectFormat(fileName: string, text: string): FileFormat | undefined {
  const extension = extensionOf(fileName);
  const start = text.trimStart().slice(0, 2000);
  switch (extension) {
    case 'md':
    case 'markdown':
    case 'mdx':
    case 'qmd':
    case 'rmd':
    case 'rmarkdown':
      return 'markdown';
    case 'html':
    case 'htm':
    case 'xhtml':
      return 'html';
    case 'json':
      return isGhostExport(text) ? 'ghost' : undefined;
    case 'xml':
      return isWordPressExport(text) ? 'wxr' : isAtomFeed(text) ? 'atom' : undefined;
    case 'atom':
      return isAtomFeed(text) ? 'atom' : undefined;
    case 'txt':
    case 'text':
      return opensWithFrontMatter(text) ? 'markdown' : isHtmlPage(start) ? 'html' : 'scrape';
  }
  if (start.startsWith('{')) return isGhostExport(text) ? 'ghost' : undefined;
  if (start.startsWith('<?xml') || /^<(?:rss|feed)[\s>]/.test(start))
    return isWordPressExport(text) ? 'wxr' : isAtomFeed(text) ? 'atom' : isHtmlPage(start) ? 'html' : undefined;
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

/** An Atom feed (a blog's `feed.xml` or `atom.xml`, a Blogger export, Google Takeout's `feed.atom`): a `<feed>` in Atom's namespace. */
function isAtomFeed(text: string): boolean {
  return /^\s*(?:<\?[^>]*>\s*|<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?feed\s[^>]*http:\/\/www\.w3\.org\/2005\/Atom/.test(text.slice(0, 8192));
}

/** Google Takeout's Blogger `feed.atom`: an Atom feed marked with Blogger's namespace. */
function isBloggerFeed(text: string): boolean {
  return isAtomFeed(text) && /schemas\.google\.com\/blogger\//.test(text.slice(0, 8192));
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

export interface DetectedArchive {
  format: ArchiveFormat;
  /** The folder inside the archive the export starts at: `''`, or a wrapper such as `export-2024/`. */
  root: string;
}

/**
 * Recognises an export from the files in it: Substack's has `posts.csv` (with a `post_id` column)
 * beside `posts/`; Medium's has `posts/*.html` pages marked up as `h-entry` (and `profile/`,
 * `README.html`…). Either may sit in one wrapper folder. A folder that is neither is a folder of
 * saved posts; a zip that is neither is not something we import.
 */
export function detectArchiveFormat(container: 'zip' | 'folder', entries: readonly { name: string; file?: { value: unknown } }[]): DetectedArchive | undefined {
  const root = wrapperFolder(entries.map((entry) => entry.name));
  const text = (name: string) => {
    const entry = entries.find((candidate) => candidate.name === name);
    return entry?.file ? String(entry.file.value) : undefined;
  };
  const csvHeader =
    text(`${root}posts.csv`)
      ?.replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  if (/(?:^|,)"?post_id"?(?:,|$)/.test(csvHeader)) return { format: 'substack', root };
  const posts = entries.filter((entry) => entry.name.startsWith(`${root}posts/`) && /\.html?$/i.test(entry.name));
  if (posts.some((entry) => isMediumPostPage(String(entry.file?.value ?? '')))) return { format: 'medium', root };
  // The export's `posts/` folder itself, given on its own.
  const pages = entries.filter((entry) => !entry.name.includes('/') && /\.html?$/i.test(entry.name));
  if (container === 'folder' && pages.length > 0 && pages.every((entry) => isMediumPostPage(String(entry.file?.value ?? ''))))
    return { format: 'medium', root: '' };
  if (entries.some((entry) => /(?:^|\/)feed\.atom$/i.test(entry.name) && isBloggerFeed(String(entry.file?.value ?? ''))))
    return { format: 'blogger', root: '' };
  return container === 'folder' ? { format: 'folder', root: '' } : undefined;
}

/**
 * A page of Medium's export: an `h-entry` article with Medium's `data-field="body"` section, whose
 * footer says it was exported from Medium or links to medium.com. (IndieWeb blogs mark posts up as
 * `h-entry` too, and may link to Medium; none has the `data-field` sections.)
 */
export function isMediumPostPage(html: string): boolean {
  return (
    /<article[^>]*class="h-entry"/.test(html) &&
    /<section[^>]*data-field="body"/.test(html) &&
    /Exported from <a href="https:\/\/medium\.com"|href="https:\/\/medium\.com\//.test(html)
  );
}

/** The one folder every entry is in, as unpacking a zip made by hand often leaves (`export-2024/posts.csv`). */
function wrapperFolder(names: readonly string[]): string {
  const first = names[0]?.split('/')[0];
  if (first === undefined || names.length === 0) return '';
  return names.every((name) => name.startsWith(`${first}/`)) ? `${first}/` : '';
}
