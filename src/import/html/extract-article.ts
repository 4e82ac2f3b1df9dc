import { Readability } from '@mozilla/readability';
import type { Element, Nodes, Parents, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { matches, selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { parseHTML } from 'linkedom';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { findDate, isDateLine } from '../text.ts';
import type { ChapterField } from '../types.ts';
import { noteListSelector, noteMarkerFragments, withoutClobberPrefix } from './footnotes.ts';
import {
  ancestorsOf,
  classNames,
  collapsedText,
  contains,
  elementsOf,
  emptyRoot,
  hasVisibleContent,
  isElement,
  parentMap,
  removeNode,
  stringProperty,
} from './hast-tree.ts';
import { type Found, type MetadataField, type MetadataProblem, namesFromByline, type PageMetadata, readPageMetadata } from './page-metadata.ts';

export interface ExtractedArticle {
  title?: string;
  authors: string[];
  /** People the page credits as editors, never as authors. */
  editors: string[];
  /** YYYY-MM-DD. */
  date?: string;
  siteName?: string;
  url?: string;
  /** The dek or subtitle the page shows under the title (never a generated description). */
  excerpt?: string;
  /** The article body, notes included, with the page's positions (lines) kept. */
  content: Root;
  /** The lines of the page each field was read from. */
  metadataLines: { field: ChapterField; lines: [number, number] }[];
  /** What the importer must report about the metadata (an ambiguous date …). */
  metadataProblems: MetadataProblem[];
}

interface ContainerRule {
  selector: string;
  /** Several matches are parts of one article (Medium's sections), not several articles. */
  parts?: true;
  /** A generic element that holds an article only when it has enough prose. */
  generic?: true;
}

/** Where the platforms put a post's body, most specific first. */
const containerRules: ContainerRule[] = [
  { selector: '[itemprop=articleBody]' },
  { selector: '.entry-content' },
  { selector: '.available-content .body.markup' },
  { selector: '.post .body.markup' },
  { selector: '.gh-content' },
  { selector: '.post-content' },
  { selector: '.post-full-content' },
  { selector: ':has(> .kg-card)' },
  { selector: 'article section', parts: true },
  { selector: 'article', generic: true },
  { selector: 'main', generic: true },
];

/** Inside a post body but not part of it: share and subscribe widgets, related posts, tags, comments. */
const chromeSelector = [
  'nav',
  '.sharedaddy',
  '.sd-sharing-enabled',
  '.jp-relatedposts',
  '.addtoany_share_save_container',
  '.share-buttons',
  '.social-share',
  '.related-posts',
  '.post-tags',
  '.tags-links',
  '.cat-links',
  '.comments-area',
  '#comments',
  '.subscription-widget-wrap',
  '.subscription-widget-wrap-editor',
  '.subscription-widget',
  '.subscribe-widget',
  '.button-wrapper',
  '.captioned-button-wrap',
  '.kg-signup-card',
  '.gh-post-upgrade-cta',
  '.speechify-ignore',
].join(', ');
const metaBlockSelector = '.byline, .entry-meta, .post-meta, .article-byline';
const minimumGenericText = 140;

/**
 * Finds the article in a saved web page: its body (a platform's known container, else what
 * Readability finds), the notes that live after it, and its metadata. Returns undefined and
 * reports `import-no-article` for a page without one: an index or archive, an empty post, a page
 * of links.
 */
export function extractArticle(html: string, file: VFile): ExtractedArticle | undefined {
  const page = fromHtml(html);
  const parents = parentMap(page);
  const found = findContainers(page, parents);
  if (found.kind === 'several') {
    noArticle(file, `the page shows ${found.count} posts (an index or archive page): import each post’s own page`);
    return undefined;
  }
  const containers = found.kind === 'found' ? found.containers : [];
  const place = articlePlace(page, parents, containers);
  const readable = containers.length === 0 ? readableContent(page) : undefined;
  if (found.kind === 'none' && !readable) {
    noArticle(file, found.emptyPost ? 'the post body on this page is empty' : 'found no article on this page, only navigation or short texts');
    return undefined;
  }
  const content = readable?.content ?? emptyRoot(containers.map((container) => structuredClone(container)));
  content.children.push(...notesOutside(content, page, parents, containers));
  const metadata = readPageMetadata(page, place);
  const readableAuthors = readable?.byline ? namesFromByline(readable.byline) : [];
  if (readableAuthors.length > 0 && !metadata.authors) metadata.authors = { value: readableAuthors, from: [] };
  if (readable?.title && !metadata.title) metadata.title = { value: readable.title, from: [] };
  removeNonArticle(content, metadata);
  removeLeadingMetadata(content, metadata, { navigation: readable !== undefined });
  if (!hasVisibleContent(content)) {
    noArticle(file, 'the article on this page is empty once its title, byline and widgets are taken out');
    return undefined;
  }
  return {
    ...optional('title', metadata.title?.value),
    authors: metadata.authors?.value ?? [],
    editors: metadata.editors?.value ?? [],
    ...optional('date', metadata.date?.value),
    ...optional('siteName', metadata.siteName?.value),
    ...optional('url', metadata.url?.value),
    ...optional('excerpt', metadata.dek?.value),
    content,
    metadataLines: metadataLines(metadata),
    metadataProblems: metadata.problems,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [key in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [key in K]?: V };
}

function noArticle(file: VFile, reason: string): void {
  report(file, 'import-no-article', reason, { line: 1, column: 1 });
}

type ContainerSearch = { kind: 'found'; containers: Element[] } | { kind: 'several'; count: number } | { kind: 'none'; emptyPost: boolean };

/** The first rule with a usable match; several comparable matches mean a page that lists posts. */
function findContainers(page: Root, parents: ReadonlyMap<Nodes, Parents>): ContainerSearch {
  let emptyPost = false;
  for (const rule of containerRules) {
    const all = selectAll(rule.selector, page);
    const outermost = all.filter((element) => !all.some((other) => other !== element && contains(other, element, parents)));
    const usable = outermost.filter((element) => hasArticleText(element, rule.generic === true));
    emptyPost ||= !rule.generic && outermost.length > 0 && usable.length === 0;
    if (usable.length === 0) continue;
    const candidates = rule.parts ? partsByArticle(usable, parents) : usable.map((element) => [element]);
    const bySize = candidates
      .map((parts) => ({ parts, size: parts.reduce((total, part) => total + collapsedText(part).length, 0) }))
      .sort((a, b) => b.size - a.size);
    const [largest, second] = bySize;
    if (largest && (!second || largest.size >= 2 * second.size)) return { kind: 'found', containers: largest.parts };
    return { kind: 'several', count: candidates.length };
  }
  return { kind: 'none', emptyPost };
}

/** Medium splits one story into sections: the parts of each article, grouped. */
function partsByArticle(parts: readonly Element[], parents: ReadonlyMap<Nodes, Parents>): Element[][] {
  const groups = new Map<Parents | undefined, Element[]>();
  for (const part of parts) {
    const article = ancestorsOf(part, parents).find((ancestor) => ancestor.type === 'element' && ancestor.tagName === 'article');
    groups.set(article, [...(groups.get(article) ?? []), part]);
  }
  return [...groups.values()];
}

/** A platform's post body needs something to show (a photo post has no text); a generic element needs prose. */
function hasArticleText(element: Element | Root, generic: boolean): boolean {
  if (!generic) return hasVisibleContent(element);
  const text = collapsedText(element);
  const linkText = selectAll('a', element).reduce((total, link) => total + collapsedText(link).length, 0);
  return text.length >= minimumGenericText && linkText / text.length < 0.5;
}

/** Where the article's own title, byline and date may be read: near the body, not in sidebars, listings or comments. */
function articlePlace(page: Root, parents: ReadonlyMap<Nodes, Parents>, containers: readonly Element[]) {
  const order = new Map(elementsOf(page).map((element, index) => [element, index]));
  const first = containers[0];
  const articleAncestor = first && ancestorsOf(first, parents).find((ancestor): ancestor is Element => isElement(ancestor as Element, 'article'));
  return {
    isNearArticle: (element: Element) => {
      if (inPageChrome(element, parents)) return false;
      if (!first) return true;
      if (articleAncestor && contains(articleAncestor, element, parents)) return true;
      return containers.some((container) => contains(container, element, parents)) || (order.get(element) ?? 0) < (order.get(first) ?? 0);
    },
  };
}

/** Navigation, sidebars, the page footer, comments and related posts; an article's own footer (its byline, in many themes) is not chrome. */
function inPageChrome(element: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const ancestors = ancestorsOf(element, parents).filter((ancestor): ancestor is Element => ancestor.type === 'element');
  return ancestors.some(
    (ancestor, depth) =>
      ['nav', 'aside'].includes(ancestor.tagName) ||
      (ancestor.tagName === 'footer' && !ancestors.slice(depth + 1).some((outer) => outer.tagName === 'article')) ||
      (!['body', 'html'].includes(ancestor.tagName) && classNames(ancestor).some(isChromeClass)),
  );
}

/**
 * `comments-area`, `jp-relatedposts`, `sidebar`, `widget_text`; not a layout's description of
 * itself (`layout--with-sidebar` on the body, `withSidebar`, `has-sidebar`): that is the whole page.
 */
function isChromeClass(name: string): boolean {
  return !/^(?:has|with|layout|page|no)[-_]/i.test(name) && /(?:^|[-_])(?:comments?|related|sidebar|widgets?)/i.test(name);
}

interface ReadableContent {
  content: Root;
  title: string | undefined;
  byline: string | undefined;
}

/**
 * Readability's article, for pages no known container fits. It runs on a linkedom document made
 * from the page with each element's lines in a data attribute, so the result keeps its lines.
 */
function readableContent(page: Root): ReadableContent | undefined {
  const marked = structuredClone(page);
  visit(marked, 'element', (element) => {
    if (element.position) element.properties.dataAnthologyLines = `${element.position.start.line}:${element.position.end.line}`;
  });
  const article = readabilityArticle(toHtml(marked));
  if (!article?.content) return undefined;
  const content = fromHtml(article.content, { fragment: true });
  visit(content, (node) => {
    delete node.position;
    if (node.type !== 'element') return;
    const [start, end] = String(node.properties.dataAnthologyLines ?? '')
      .split(':')
      .map(Number);
    delete node.properties.dataAnthologyLines;
    if (start && end) node.position = { start: { line: start, column: 1 }, end: { line: end, column: 1 } };
  });
  if (!hasArticleText(content, true)) return undefined;
  return { content, title: article.title?.trim() || undefined, byline: article.byline?.trim() || undefined };
}

/** Readability throws on some malformed documents; for us that is a page without an article, not a crash. */
function readabilityArticle(html: string): ReturnType<Readability['parse']> {
  try {
    const { document } = parseHTML(html);
    return new Readability(document, { keepClasses: true }).parse();
  } catch {
    return null;
  }
}

/**
 * Notes the body points to that the page keeps outside it (WordPress plugins print the list after
 * the post's content): the list or block holding each missing target, once, in page order.
 */
function notesOutside(content: Root, page: Root, parents: ReadonlyMap<Nodes, Parents>, containers: readonly Element[]): Element[] {
  const present = new Set(elementsOf(content).flatMap(elementIds));
  const byId = new Map<string, Element>();
  for (const element of elementsOf(page)) for (const id of elementIds(element)) if (!byId.has(id)) byId.set(id, element);
  const pageText = collapsedText(page).length;
  const sections: Element[] = [];
  for (const fragment of noteMarkerFragments(content)) {
    const target = present.has(fragment) ? undefined : byId.get(fragment);
    const section = target && noteSection(target, parents);
    if (!section || sections.some((taken) => contains(taken, section, parents))) continue;
    if (containers.some((container) => contains(section, container, parents)) || collapsedText(section).length > pageText / 2) continue;
    sections.push(section);
  }
  const order = elementsOf(page);
  return sections.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((section) => structuredClone(section));
}

function elementIds(element: Element): string[] {
  return ['id', 'name'].flatMap((key) => {
    const value = stringProperty(element, key);
    return value ? [withoutClobberPrefix(value)] : [];
  });
}

/** The notes list a note belongs to, else the block that holds it. */
function noteSection(target: Element, parents: ReadonlyMap<Nodes, Parents>): Element | undefined {
  const chain = [target, ...ancestorsOf(target, parents).filter((node): node is Element => node.type === 'element')];
  const list = chain.find((element) => matches(noteListSelector, element)) ?? chain.find((element) => isElement(element, 'ol', 'ul'));
  const section = list ?? chain.find((element) => isElement(element, 'p', 'div', 'li', 'aside', 'section'));
  return section && !isElement(section, 'body', 'html', 'main', 'article') ? section : undefined;
}

/** Takes out of the body what is not the article: widgets, the title heading, the byline and dek shown above it. */
function removeNonArticle(content: Root, metadata: PageMetadata): void {
  const usedElements = new Set([...(metadata.title?.from ?? []), ...(metadata.authors?.from ?? []), ...(metadata.dek?.from ?? [])].map(startOffset));
  const parents = parentMap(content);
  const title = metadata.title && normalisedTitle(metadata.title.value);
  const titleHeading = selectAll('h1, h2', content).find((heading) => normalisedTitle(collapsedText(heading)) === title);
  const doomed = [
    ...selectAll(chromeSelector, content),
    ...selectAll(metaBlockSelector, content),
    ...elementsOf(content).filter((element) => usedElements.has(startOffset(element)) && startOffset(element) !== undefined),
    ...(titleHeading ? [titleHeading] : []),
    ...selectAll('header', content).filter((header) => titleHeading && contains(header, titleHeading, parents)),
  ];
  if (metadata.title && titleHeading) metadata.title.from.push(titleHeading);
  for (const element of doomed) {
    const parent = parents.get(element);
    if (parent) removeNode(element, parent);
  }
}

/**
 * Hand-made and exported pages repeat the title, byline and date as the body's first paragraphs
 * (Word's `MsoTitle`, `By Jane Doe`, `21 June 2009`), after a line of navigation links. These
 * leading blocks go; a byline or date nobody else gave becomes metadata.
 */
function removeLeadingMetadata(content: Root, metadata: PageMetadata, options: { navigation: boolean }): void {
  const parents = parentMap(content);
  const title = metadata.title && normalisedTitle(metadata.title.value);
  const leadingBlocks = elementsOf(content)
    .filter((element) => textBlockTags.has(element.tagName) && !elementsOf(element).some((child) => textBlockTags.has(child.tagName)))
    .slice(0, 5);
  for (const block of leadingBlocks) {
    const text = collapsedText(block);
    if (text === '') continue;
    const linkText = selectAll('a', block).reduce((total, link) => total + collapsedText(link).length, 0);
    const names = /^by\s/i.test(text) && text.length < 120 ? namesFromByline(text) : [];
    if (metadata.title && normalisedTitle(text) === title) metadata.title.from.push(block);
    else if (isDateLine(text)) {
      metadata.date ??= { value: findDate(text)?.iso as string, from: [] };
      metadata.date.from.push(block);
    } else if (names.length > 0) {
      metadata.authors ??= { value: names, from: [] };
      metadata.authors.from.push(block);
    } else if (!(options.navigation && text.length < 120 && linkText / text.length >= 0.5)) break;
    const parent = parents.get(block);
    if (parent) removeNode(block, parent);
  }
}

const textBlockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'li', 'blockquote', 'figure', 'ul', 'ol', 'table']);

function startOffset(node: Nodes): number | undefined {
  return node.position?.start.offset;
}

function normalisedTitle(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/[‘’“”"']/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const fieldsOfMetadata: [MetadataField, ChapterField][] = [
  ['title', 'title'],
  ['authors', 'authors'],
  ['editors', 'editors'],
  ['date', 'date'],
  ['siteName', 'venue'],
  ['url', 'source_url'],
  ['dek', 'standfirst'],
];

function metadataLines(metadata: PageMetadata): ExtractedArticle['metadataLines'] {
  return fieldsOfMetadata.flatMap(([key, field]) => {
    const found: Found<unknown> | undefined = metadata[key];
    return (found?.from ?? []).flatMap((element) => {
      const start = element.position?.start.line;
      const end = element.position?.end.line;
      return start && end ? [{ field, lines: [start, end] as [number, number] }] : [];
    });
  });
}
