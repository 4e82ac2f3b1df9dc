import GithubSlugger from 'github-slugger';
import type { Definition, Heading, Link, Parent, PhrasingContent, Root } from 'mdast';
import { toString as mdastText } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';

/**
 * A chapter's links as every output can follow them. A chapter is one page of the site, one
 * document of the EPUB and part of the PDF, so a link can go to the web or to a heading of its own
 * chapter, and nowhere else: a post saved from a site keeps links to that site's other pages
 * (`/Articles/407383/`, `start.html`) and to ids of its page that the text no longer has
 * (`#xref_monitoring_golden-signals`), which would be broken links in the site, errors for
 * epubcheck (RSC-007, RSC-012) and dead ends in the PDF.
 *
 * A link to `#fragment` goes to the heading the fragment names: as GitHub spells it
 * (github-slugger), else by its letters and digits alone (`#webassembly's-two-standard-apis`,
 * `#do-we-need-non-standalone-wasm%3F`), else, when the fragment names none, the heading whose
 * words are the link's own (“see [The Four Golden Signals](#xref_…)”). That heading is given the
 * id (`data.hProperties.id`, unprefixed: each renderer prefixes it as it does the notes' ids).
 * A link that leads nowhere in the book (a relative address, a fragment no heading answers, an
 * address that is not one: `http://www.\*.com`) is its words, with `link-dropped` at its place.
 */
export function resolveLinks(tree: Root, file: VFile): void {
  inlineReferences(tree);
  const headings = headingTargets(tree);
  visit(tree, 'link', (link, index, parent) => {
    const target = linkTarget(link, headings);
    if (target.kind === 'heading') {
      target.heading.data = { ...target.heading.data, hProperties: { ...target.heading.data?.hProperties, id: target.id } };
      link.url = `#${target.id}`;
      return undefined;
    }
    if (target.kind === 'kept' || !parent || index === undefined) return undefined;
    const place = { line: link.position?.start.line ?? 1, column: link.position?.start.column ?? 1 };
    const subject = link.url.trim() === '' ? 'a link' : `link to “${shorten(link.url)}”`;
    report(file, 'link-dropped', `${subject} ${target.reason}: printed as its words`, place);
    (parent as Parent).children.splice(index, 1, ...wordsOf(link));
    return [SKIP, index];
  });
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

type LinkTarget = { kind: 'kept' } | { kind: 'heading'; heading: Heading; id: string } | { kind: 'dropped'; reason: string };

function headingTargets(tree: Root): HeadingTarget[] {
  const slugger = new GithubSlugger();
  // `title` is the EPUB's id for the chapter's own title (prefixed as these are): a `## Title` is `title-1`.
  slugger.slug('title');
  const targets: HeadingTarget[] = [];
  visit(tree, 'heading', (heading) => {
    const text = mdastText(heading);
    targets.push({ heading, id: slugger.slug(text.trim()), key: letterKey(text) });
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
  return { kind: 'dropped', reason: 'is relative to the site the text came from, and leads nowhere in the book (write the full address, https://…)' };
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
