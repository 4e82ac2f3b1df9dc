import { posix } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Definition, Heading, Link, Parent, PhrasingContent, Root } from 'mdast';
import { toString as mdastText } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../core/config.ts';
import { report } from '../core/rules.ts';

declare module 'mdast' {
  interface LinkData {
    /**
     * The chapter of the book a link leads to, and the id of its heading (unprefixed), as
     * `linkChapters` resolved it: each renderer maps it to its own file and id (`render/common.ts`).
     */
    chapter?: ChapterLinkTarget;
    /**
     * Why the link leads nowhere unless it names another chapter of the book (a relative address):
     * `linkChapters` decides, once every chapter is loaded.
     */
    unresolved?: string;
  }
}

/** A place in a chapter of the book: the chapter's id (`Chapter.slug`) and, when not its start, a heading's id. */
export interface ChapterLinkTarget {
  slug: string;
  id?: string;
}

/**
 * Ids the renderers make in a chapter's own namespace (prefixed as headings' ids are): the EPUB's
 * chapter title and the notes heading, and those of a pattern: remark-rehype's notes and their
 * calls (`fn-1`, `fnref-1`), the works of the chapter's own reference list (`ref-…`,
 * `render/common.ts`) and the EPUB's print page breaks (`page-12`, `page-xiv`,
 * `render/epub/page-list.ts`). A heading never takes one (`headingTargets`): a `## Title` is
 * `title-1`, a `## fn 1` `section-fn-1`, so no page has an id twice.
 */
export const generatedIds = { title: 'title', notesHeading: 'notes-heading' } as const;
const generatedIdPattern = /^(?:fn-|fnref-|ref-|page-(?:\d+|[ivxlcdm]+)$)/;

/**
 * A chapter's links as every output can follow them. A chapter is one page of the site, one
 * document of the EPUB and part of the PDF, so a link can go to the web, to a heading of its own
 * chapter or to another chapter of the book (`linkChapters`), and nowhere else: a post saved from
 * a site keeps links to that site's other pages (`/Articles/407383/`, `start.html`) and to ids of
 * its page that the text no longer has (`#xref_monitoring_golden-signals`), which would be broken
 * links in the site, errors for epubcheck (RSC-007, RSC-012) and dead ends in the PDF.
 *
 * A link to `#fragment` goes to the heading the fragment names: as GitHub spells it
 * (github-slugger), else by its letters and digits alone (`#webassembly's-two-standard-apis`,
 * `#do-we-need-non-standalone-wasm%3F`), else, when the fragment names none, the heading whose
 * words are the link's own (“see [The Four Golden Signals](#xref_…)”). That heading is given the
 * id (`data.hProperties.id`, unprefixed: each renderer prefixes it as it does the notes' ids).
 * A relative address waits for `linkChapters` (`data.unresolved`): it may name another chapter.
 * A link that leads nowhere (a fragment no heading answers, an address that is not one:
 * `http://www.\*.com`) is its words, with `link-dropped` at its place.
 */
export function resolveLinks(tree: Root, file: VFile): void {
  inlineReferences(tree);
  const headings = headingTargets(tree);
  visit(tree, 'link', (link, index, parent) => {
    const target = linkTarget(link, headings);
    if (target.kind === 'heading') {
      giveId(target.heading, target.id);
      link.url = `#${target.id}`;
      return undefined;
    }
    if (target.kind === 'relative') {
      link.data = { ...link.data, unresolved: target.reason };
      return undefined;
    }
    if (target.kind === 'kept' || !parent || index === undefined) return undefined;
    dropLink(link, index, parent, target.reason, file);
    return [SKIP, index];
  });
}

function giveId(heading: Heading, id: string): void {
  heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id } };
}

/** The link as its words, said so at its place. */
function dropLink(link: Link, index: number, parent: Parent, reason: string, file: VFile | undefined): void {
  const place = { line: link.position?.start.line ?? 1, column: link.position?.start.column ?? 1 };
  const subject = link.url.trim() === '' ? 'a link' : `link to “${shorten(link.url)}”`;
  if (file) report(file, 'link-dropped', `${subject} ${reason}: printed as its words`, place);
  (parent as Parent).children.splice(index, 1, ...wordsOf(link));
}

/** What `linkChapters` reads of a chapter. */
export interface LinkedChapter {
  slug: string;
  /** Project-relative, as anthology.yaml lists it. */
  path: string;
  meta: Pick<ChapterFrontMatter, 'title' | 'source' | 'source_url'>;
  tree: Root;
}

/**
 * Links between the chapters of a book, once every chapter is loaded. A link names another chapter
 * by its file (`[see](02-other.md#a-heading)`, relative to the chapter's file, to the file it was
 * imported from, or as anthology.yaml lists it: `chapters/02-other.md`) or by the address it was
 * first published at (its `source_url`: written out, or relative to the linking chapter's own).
 * Such a link leads to that chapter in every output: `data.chapter` carries the chapter's id and
 * its heading's (each renderer maps them to its own file and ids), and the heading is given its id
 * as within a chapter. A heading the chapter does not have: the link goes to the chapter's start,
 * with `link-heading-missing`. A relative address that names no chapter of the book is its words,
 * with `link-dropped`, as `resolveLinks` would have printed it.
 */
export function linkChapters(chapters: readonly LinkedChapter[], fileOf: (chapter: LinkedChapter) => VFile | undefined): void {
  const find = chapterFinder(chapters);
  const headings = new Map<LinkedChapter, HeadingTarget[]>();
  const headingsOf = (chapter: LinkedChapter): HeadingTarget[] => {
    const known = headings.get(chapter) ?? headingTargets(chapter.tree);
    headings.set(chapter, known);
    return known;
  };
  for (const chapter of chapters) {
    const file = fileOf(chapter);
    visit(chapter.tree, 'link', (link, index, parent) => {
      if (link.url.startsWith('#')) return undefined;
      const found = find(chapter, link.url);
      const { unresolved, ...data } = link.data ?? {};
      if (!found) {
        if (unresolved === undefined || !parent || index === undefined) return undefined;
        dropLink(link, index, parent, unresolved, file);
        return [SKIP, index];
      }
      link.data = data;
      const place = placeIn(found.fragment, mdastText(link), headingsOf(found.chapter));
      if (place.missing && file) {
        const at = { line: link.position?.start.line ?? 1, column: link.position?.start.column ?? 1 };
        report(
          file,
          'link-heading-missing',
          `link to “${shorten(link.url)}”: ${found.chapter.path} has no heading “${place.missing}”, so it leads to the chapter’s start`,
          at,
        );
      }
      if (found.chapter === chapter && place.id !== undefined) link.url = `#${place.id}`;
      else link.data = { ...data, chapter: { slug: found.chapter.slug, ...(place.id !== undefined ? { id: place.id } : {}) } };
      return undefined;
    });
  }
}

/**
 * Links to chapters whose id changed once loaded (`pipeline/edition-book.ts` gives a renamed file
 * the id its chapter was released with), to the new ids: `ids` maps old to new.
 */
export function renameChapterLinks(trees: readonly Root[], ids: ReadonlyMap<string, string>): void {
  for (const tree of trees) {
    visit(tree, 'link', (link) => {
      const target = link.data?.chapter;
      const renamed = target && ids.get(target.slug);
      if (target && renamed !== undefined) link.data = { ...link.data, chapter: { ...target, slug: renamed } };
    });
  }
}

/** Where in a chapter (its `headings`) a link to it with `fragment` goes: the heading it names (given its id), else its start. */
function placeIn(fragment: string, words: string, headings: readonly HeadingTarget[]): { id?: string; missing?: string } {
  if (fragment === '') return {};
  const target = fragmentTarget(fragment, words, headings);
  if (target.kind !== 'heading') return { missing: fragment };
  giveId(target.heading, target.id);
  return { id: target.id };
}

interface FoundChapter {
  chapter: LinkedChapter;
  /** Decoded, without `#`; empty for the chapter's start. */
  fragment: string;
}

/**
 * The chapter an address names, looked up by file (the project's, the imported one) and by the
 * address it was published at. A file or address two chapters share (the posts of one export) names neither.
 */
function chapterFinder(chapters: readonly LinkedChapter[]): (from: LinkedChapter, url: string) => FoundChapter | undefined {
  const byPath = uniqueIndex(chapters, (chapter) => [normalisePath(chapter.path)]);
  const bySource = uniqueIndex(chapters, (chapter) => (chapter.meta.source ? [normalisePath(chapter.meta.source.file)] : []));
  const byAddress = uniqueIndex(chapters, (chapter) =>
    chapter.meta.source_url ? [addressKey(chapter.meta.source_url)].filter((key) => key !== undefined) : [],
  );
  return (from, url) => {
    const hashAt = url.indexOf('#');
    const address = (hashAt < 0 ? url : url.slice(0, hashAt)).trim();
    const fragment = hashAt < 0 ? '' : decodeFragment(url.slice(hashAt + 1));
    if (address === '') return undefined;
    const web = /^[a-z][a-z0-9+.-]*:/i.test(address) || address.startsWith('//');
    const file = web ? undefined : decodeFragment(address.replace(/[?].*$/, ''));
    const base = from.meta.source_url;
    const chapter =
      (file !== undefined && !file.startsWith('/') ? byPath.get(normalisePath(posix.join(posix.dirname(from.path), file))) : undefined) ??
      (file !== undefined && !file.startsWith('/') ? byPath.get(normalisePath(file)) : undefined) ??
      (file !== undefined && from.meta.source
        ? bySource.get(normalisePath(posix.join(posix.dirname(normalisePath(from.meta.source.file)), file)))
        : undefined) ??
      byAddress.get(addressKey(address, web ? undefined : base) ?? '');
    return chapter ? { chapter, fragment } : undefined;
  };
}

/** Chapters by each key they have; a key two chapters have is left out. */
function uniqueIndex(chapters: readonly LinkedChapter[], keys: (chapter: LinkedChapter) => string[]): Map<string, LinkedChapter> {
  const index = new Map<string, LinkedChapter | null>();
  for (const chapter of chapters) for (const key of keys(chapter)) index.set(key, index.has(key) && index.get(key) !== chapter ? null : chapter);
  return new Map([...index].filter((entry): entry is [string, LinkedChapter] => entry[1] !== null));
}

function normalisePath(file: string): string {
  return posix.normalize(file.replace(/\\/g, '/')).replace(/^\.\//, '');
}

/**
 * An address as its page is known whatever way it is written: `http:` or `https:`, with `www.` or
 * without, with a slash at its end or without; its query kept (`?p=123` is a WordPress post).
 */
function addressKey(address: string, base?: string): string | undefined {
  try {
    const url = base === undefined ? new URL(address) : new URL(address, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/(?:index\.html?)?$/, '')}${url.search}`;
  } catch {
    return undefined;
  }
}

/**
 * A reference-style link (`[text][r]`, with `[r]: …` on a line of its own) as the inline link it
 * stands for (the first definition of a label wins, as in CommonMark), so it is resolved as one.
 */
function inlineReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (definition) => {
    if (!definitions.has(definition.identifier)) definitions.set(definition.identifier, definition);
  });
  if (definitions.size === 0) return;
  visit(tree, 'linkReference', (reference, index, parent) => {
    const definition = definitions.get(reference.identifier);
    if (!definition || !parent || index === undefined) return undefined;
    const link: Link = { type: 'link', url: definition.url, title: definition.title ?? null, children: reference.children };
    if (reference.position) link.position = reference.position;
    parent.children.splice(index, 1, link);
    return undefined;
  });
}

/**
 * A link's words. A GFM autolink literal (`www.\*.com`) keeps its source as its text, escapes and
 * all, since the escape was read as part of the address: as words, the escape is undone.
 */
function wordsOf(link: Link): PhrasingContent[] {
  const [only] = link.children;
  const isLiteral = link.children.length === 1 && only?.type === 'text' && [only.value, `http://${only.value}`, `mailto:${only.value}`].includes(link.url);
  if (!isLiteral) return link.children;
  return [{ ...only, value: only.value.replace(/\\([!-/:-@[-`{-~])/g, '$1') }];
}

interface HeadingTarget {
  heading: Heading;
  id: string;
  /** The heading's words by their letters and digits alone, lower case. */
  key: string;
}

type LinkTarget =
  | { kind: 'kept' }
  | { kind: 'heading'; heading: Heading; id: string }
  | { kind: 'relative'; reason: string }
  | { kind: 'dropped'; reason: string };

function headingTargets(tree: Root): HeadingTarget[] {
  const slugger = new GithubSlugger();
  // The ids the renderers make are taken: a `## Title` is `title-1`, a `## fn 1` `section-fn-1`.
  for (const id of Object.values(generatedIds)) slugger.slug(id);
  const targets: HeadingTarget[] = [];
  visit(tree, 'heading', (heading) => {
    const text = mdastText(heading);
    const slug = slugger.slug(text.trim());
    targets.push({ heading, id: generatedIdPattern.test(slug) ? slugger.slug(`section-${slug}`) : slug, key: letterKey(text) });
  });
  return targets;
}

function linkTarget(link: Link, headings: readonly HeadingTarget[]): LinkTarget {
  const url = link.url.trim();
  if (url === '') return { kind: 'dropped', reason: 'with no address' };
  if (url.startsWith('#')) return fragmentTarget(decodeFragment(url.slice(1)), mdastText(link), headings);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return isValidAddress(url) ? { kind: 'kept' } : { kind: 'dropped', reason: 'is not a valid address' };
  }
  // A network-path reference (`//host/path`) is on the web; anything else relative is a page of the site the text came from.
  if (url.startsWith('//')) return isValidAddress(`https:${url}`) ? { kind: 'kept' } : { kind: 'dropped', reason: 'is not a valid address' };
  // A Markdown file is another chapter's (mdBook, Jupyter Book, a folder of posts), unless the book lacks it.
  if (/\.(?:md|markdown)(?:[?#]|$)/i.test(url))
    return { kind: 'relative', reason: 'names a file that is no chapter of the book (anthology.yaml’s contents lists them)' };
  return { kind: 'relative', reason: 'is relative to the site the text came from, and leads nowhere in the book (write the full address, https://…)' };
}

function fragmentTarget(fragment: string, words: string, headings: readonly HeadingTarget[]): LinkTarget {
  if (fragment === '') return { kind: 'dropped', reason: 'goes to the top of the page it was on' };
  const key = letterKey(fragment);
  const found =
    headings.find((heading) => heading.id === fragment) ??
    only(headings.filter((heading) => key !== '' && heading.key === key)) ??
    only(headings.filter((heading) => heading.key !== '' && heading.key === letterKey(words)));
  if (found) return { kind: 'heading', heading: found.heading, id: found.id };
  return { kind: 'dropped', reason: 'goes to a place on its page that no heading of the chapter names' };
}

function only<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function letterKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * Whether browsers and checkers take `url` as an address: the WHATWG parser accepts it, and it holds
 * no backslash, which that parser reads as `/` but which no valid address has (vnu and epubcheck
 * refuse `http://www.%5C*.com`, which is what a backslash in a host becomes once written).
 */
function isValidAddress(url: string): boolean {
  if (url.includes('\\')) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function shorten(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}…` : url;
}
