import { createHash } from 'node:crypto';

/**
 * A chapter's id: its address on the site (`id.html`), its file in the EPUB (`text/id.xhtml`), the
 * prefix of its note anchors, and what `editions/N.json` records. One rule, here, for all of them.
 */

/** What an id looks like: what `id:` in front matter must be, and what `chapterIdOf` makes. */
export const chapterIdPattern = /^[a-z0-9][a-z0-9-]*$/;

/** Letters NFKD does not take apart into a base letter and marks, spelt as ASCII. */
const asciiSpellings: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ł: 'l',
  þ: 'th',
};

/**
 * The id a name gives (a chapter file's name without `.md`): decomposed (NFKD) and its combining
 * marks dropped (`ünïcode` → `unicode`), lower-case, every run of other characters one hyphen. A
 * letter with no ASCII spelling is written by its code point (`東京` → `u6771-u4eac`), so two
 * names never meet in one id by losing their letters; a name with nothing left is `chapter`. An
 * id longer than `maxIdLength` (a Japanese title spelt by code points is 7 letters a character) is
 * cut there and ends with a hash of the whole: `id.xhtml` stays a file name systems accept (255
 * bytes; a longer id could never be built, so no working id changes), and two long names still give
 * two ids.
 */
export function chapterIdOf(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{ASCII}]/gu, (char) => asciiSpellings[char] ?? (/[\p{L}\p{N}]/u.test(char) ? `-u${char.codePointAt(0)?.toString(16)}-` : '-'))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (id.length > maxIdLength) return `${id.slice(0, maxIdLength - 9).replace(/-+$/, '')}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
  return id || 'chapter';
}

/** The longest id: its pages' file names (`id.xhtml`, `id.html`) stay under the 255 bytes file systems allow; shorter ids are as they were. */
export const maxIdLength = 240;

/** A chapter's id when its front matter names none: from its file name without `.md`. */
export function chapterFileId(chapterPath: string): string {
  return chapterIdOf(chapterPath.replace(/^.*[\\/]/, '').replace(/\.(md|markdown)$/i, ''));
}

/**
 * The names the book's own pages take, which no chapter's id may: the site's (`index.html`,
 * `search.html`, `about.html`…: render/html/site.ts) and the EPUB's documents (`text/cover.xhtml`,
 * `text/part-1.xhtml`…: render/epub/epub.ts). A chapter with one of them would be written over, or
 * write over that page. A unit test holds this list to what the renderers make.
 */
const ownPageNames = new Set([
  'index',
  'search',
  'about',
  'acknowledgements',
  'bibliography',
  'contributors',
  'edition',
  'edition-note',
  'cover',
  'imprint',
  'titlepage',
]);

/** The book's own page an id would take the place of, or undefined when the id is free for a chapter. */
export function ownPageOfId(id: string): string | undefined {
  if (ownPageNames.has(id)) return id;
  return /^part-\d+$/.test(id) ? 'a part’s title page' : undefined;
}

/**
 * The name a chapter's pages take (`<name>.html`, `text/<name>.xhtml`): its id, or, for an id that
 * starts with a digit, the id after an `x` (render/common.ts's `safeId`, which an XML name needs).
 * Two ids can give one name (`404` and `x404`): the build tells them apart by this.
 */
export function chapterPageName(id: string): string {
  return /^[a-z_]/i.test(id) ? id : `x${id}`;
}
