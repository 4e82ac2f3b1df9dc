import type { Element, Nodes, Parents, Root } from 'hast';
import { matches, select, selectAll } from 'hast-util-select';
import type { VFile } from 'vfile';
import { dateOrderOf, formatPartialDate, parseDate } from '../../core/dates.ts';
import { report } from '../../core/rules.ts';
import { asName, findDate, isDateLine, isOrganisationName } from '../text.ts';
import type { ChapterField } from '../types.ts';
import { findArticle, pageEvidence, type ReadablePick, readablePick } from './article-choice.ts';
import { noteListSelector, noteMarkerFragments, withoutClobberPrefix } from './footnotes.ts';
import {
  ancestorsOf,
  classNames,
  collapsedText,
  contains,
  elementsOf,
  emptyRoot,
  hasClass,
  hasVisibleContent,
  isElement,
  lineRange,
  parentMap,
  removeNode,
  stringProperty,
} from './hast-tree.ts';
import { removeLayoutSidebars, unwrapLayoutTables, withLayoutRows } from './layout-tables.ts';
import { type Issue, readIssue } from './page-issue.ts';
import { type Found, type MetadataField, type MetadataProblem, namesFromByline, type PageMetadata, readPageMetadata } from './page-metadata.ts';
import { nestingFlattenedReason, parseHtml } from './parse-html.ts';
import { templatePostBodies } from './script-templates.ts';
import { chromeReason, removeSiteChrome } from './site-chrome.ts';
import { hintWords, textStats } from './text-density.ts';
import { removeWaybackToolbar, waybackCapture } from './wayback.ts';

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
  /** Blocks of the chosen container left out of the article (site chrome, bylines), with why. */
  dropped: DroppedBlock[];
  /** What the importer must report about the metadata (an ambiguous date …). */
  metadataProblems: MetadataProblem[];
}

export interface DroppedBlock {
  lines: [number, number];
  /** Where the block starts, for a diagnostic. */
  start: { line: number; column: number };
  reason: string;
  /** The block's text, shortened, to say which block it was. */
  text: string;
}

interface Removed {
  element: Element;
  reason: string;
}

const metaBlockReason = chromeReason('byline');
const headerReason = 'the article’s header: its title, byline and date (the page’s metadata, read from the page)';

/** A saved page's articles: one, or each of an issue's (`page-issue.ts`). */
export interface ExtractedPage {
  articles: ExtractedArticle[];
  /** Blocks of an issue page that belong to none of its articles (its contents, links to its other pages), with why. */
  issueMatter: DroppedBlock[];
}

/** The article of a page that holds one (the first of an issue's). */
export function extractArticle(html: string, file: VFile): ExtractedArticle | undefined {
  return extractArticles(html, file)?.articles[0];
}

/**
 * Finds the article in a saved web page: its body (chosen by scoring Readability's choice and the
 * page's own containers, see `article-choice.ts`) with the site chrome inside it taken out, the
 * notes that live after it, and its metadata; or, on a page that sets several articles each under
 * its own heading and byline, each of them (reported). Returns undefined and reports
 * `import-no-article` for a page without one: an index or archive, an empty post, a page of links.
 */
export function extractArticles(html: string, file: VFile): ExtractedPage | undefined {
  const { tree: page, flattenedAt } = parseHtml(html);
  reportFlattened(file, flattenedAt ?? templatePostBodies(page));
  const capture = waybackCapture(page);
  removeWaybackToolbar(page);
  unwrapLayoutTables(page);
  const parents = parentMap(page);
  const readable = readablePick(page);
  const found = findArticle(page, parents, pageEvidence(page), readable);
  if (found.kind === 'listing') {
    noArticle(file, `the page shows ${found.count} posts (an index or archive page): import each post’s own page`);
    return undefined;
  }
  if (found.kind === 'none') {
    noArticle(file, found.emptyPost ? 'the post body on this page is empty' : 'found no article on this page, only navigation or short texts');
    return undefined;
  }
  const containers = withLayoutRows(found.containers, parents);
  const place = articlePlace(page, parents, containers);
  const content = emptyRoot([...leadPicture(containers, parents), ...containers].map((container) => structuredClone(container)));
  content.children.push(...backMatterAfter(containers, parents), ...notesOutside(content, page, parents, containers));
  const metadata = readPageMetadata(page, place);
  // A saved Wayback page was published at the address it was captured from.
  if (capture && !metadata.url) metadata.url = { value: capture.original, from: [] };
  const issue = readIssue(content, { order: dateOrderOf(metadata.language) });
  if (issue) return issuePieces(issue, metadata, page, file);
  withReadableMetadata(metadata, readable);
  const article = finishArticle(content, metadata, page);
  if (!article) noArticle(file, 'the article on this page is empty once its title, byline and widgets are taken out');
  return article ? { articles: [article], issueMatter: [] } : undefined;
}

/**
 * Readability takes a byline from the page's meta tags too, where a site may name itself (`DC.creator`
 * “Mac & i”): the site's name is a writer's only where it is a person's (a personal site, “Steph Ango”).
 * So is a byline that names the site (`By The Planetary Press -`, its account).
 */
function withReadableMetadata(metadata: PageMetadata, readable: ReadablePick | undefined): void {
  const isSite = (name: string) =>
    metadata.siteName !== undefined && name.trim().toLowerCase() === metadata.siteName.value.trim().toLowerCase() && !personName(name);
  const readableAuthors = readable?.byline && !isSite(readable.byline) ? namesFromByline(readable.byline).filter((name) => !isSite(name)) : [];
  if (readableAuthors.length > 0 && !metadata.authors) metadata.authors = { value: readableAuthors, from: [] };
  if (readable?.title && !metadata.title) metadata.title = { value: readable.title, from: [] };
  // A subtitle that is only a name, on a page naming no author, is the author's line, not a dek.
  const dekName = !metadata.authors && metadata.dek ? bareName(metadata.dek.value, metadata) : undefined;
  if (dekName && metadata.dek) {
    nameLineAsAuthor(metadata, dekName, metadata.dek.from[0]);
    metadata.authors = { value: [dekName], from: metadata.dek.from };
    metadata.dek = undefined;
  }
}

/**
 * The article in `content` with what the page shows around its text taken out: the title heading,
 * byline and dek above it (read before chrome goes, a themed date line being chrome too, and again
 * after, a share bar may stand above them), sidebars, site chrome, a signature.
 */
function finishArticle(content: Root, metadata: PageMetadata, page: Root): ExtractedArticle | undefined {
  const nonArticle = removeNonArticle(content, metadata);
  const titleTaken = nonArticle.some(({ element }) => /^h[12]$/.test(element.tagName) && metadata.title?.from.includes(element));
  const removed: Removed[] = [...nonArticle, ...removeLeadingMetadata(content, metadata, { navigation: false, nameLine: titleTaken })];
  removed.push(
    ...removeLayoutSidebars(content).map((element) => ({ element, reason: chromeReason('sidebar') })),
    ...removeSiteChrome(content, { ...noteProtection(content), keywords: pageKeywords(page), authors: metadata.authors?.value ?? [] }),
    ...removeLeadingMetadata(content, metadata, { navigation: true }),
    ...removeOpeningDateLine(content, metadata),
    ...removeSignature(content, metadata),
  );
  if (!hasArticleText(content)) return undefined;
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
    dropped: droppedBlocks(removed, metadata),
    metadataProblems: metadata.problems,
  };
}

const issueMatterReason = 'the edition’s own matter around its articles (its contents, its editor’s credit, links to its other pages)';

/**
 * Each article of an issue page as a piece: its heading the title, its byline the authors and date
 * (the page's date when it gives none), the page's site the venue, the heading's link its address.
 * An introduction with prose before the first article is a piece under the page's title.
 */
function issuePieces(issue: Issue, page: PageMetadata, root: Root, file: VFile): ExtractedPage {
  const articles: ExtractedArticle[] = [];
  const introduction = emptyRoot(issue.before);
  const hasIntroduction = textStats(introduction).text - textStats(introduction).links >= 140;
  if (hasIntroduction) {
    const intro = finishArticle(introduction, { ...page, authors: undefined, editors: undefined, dek: undefined, problems: [] }, root);
    if (intro) articles.push(intro);
  }
  for (const part of issue.articles) {
    const link = select('a[href]', part.heading);
    const url = link && absoluteAddress(stringProperty(link, 'href') ?? '', page.url?.value);
    const metadata: PageMetadata = {
      title: { value: collapsedText(part.heading), from: [part.heading] },
      authors: { value: part.authors, from: [part.byline] },
      editors: part.editors.length > 0 ? { value: part.editors, from: [part.byline] } : undefined,
      date: part.date ? { value: part.date, from: [part.byline] } : page.date && { value: page.date.value, from: [] },
      siteName: page.siteName && { value: page.siteName.value, from: [] },
      url: url ? { value: url, from: [] } : undefined,
      dek: undefined,
      language: page.language,
      problems: [],
    };
    const article = finishArticle(emptyRoot(part.nodes), metadata, root);
    if (article) articles.push(article);
  }
  const titles = issue.articles.map((part) => `“${collapsedText(part.heading)}”`).join(', ');
  const start = issue.articles[0]?.heading.position?.start;
  report(
    file,
    'import-page-split',
    `the page holds ${issue.articles.length} articles, each under its own heading and byline (${titles}): each is imported as a piece of its own`,
    start ? { line: start.line, column: start.column } : { line: 1, column: 1 },
  );
  const matter = [...(hasIntroduction ? [] : issue.before), ...issue.after].filter((node): node is Element => node.type === 'element');
  return {
    articles,
    issueMatter: droppedBlocks(
      matter.map((element) => ({ element, reason: issueMatterReason })),
      page,
    ),
  };
}

/** A link's address made absolute against the page's, when it can be. */
function absoluteAddress(href: string, base: string | undefined): string | undefined {
  try {
    const address = new URL(href, base);
    return /^https?:$/.test(address.protocol) ? address.href : undefined;
  } catch {
    return undefined;
  }
}

/** A post body needs something to show: text, or a picture (a photo post). */
function hasArticleText(content: Root): boolean {
  return hasVisibleContent(content) && (selectAll('img', content).length > 0 || textStats(content).text > 0);
}

/** The notes and the lists that hold them are never chrome, whatever their classes say. */
function noteProtection(content: Root) {
  const parents = parentMap(content);
  const fragments = new Set(noteMarkerFragments(content));
  const kept = new Set<Element>(selectAll(noteListSelector, content));
  for (const element of elementsOf(content)) {
    if (!elementIds(element).some((id) => fragments.has(id))) continue;
    kept.add(noteSection(element, parents) ?? element);
  }
  const holders = new Set<Parents>();
  for (const element of kept) for (const ancestor of ancestorsOf(element, parents)) holders.add(ancestor);
  return { isProtected: (element: Element) => kept.has(element), holdsProtected: (element: Element) => holders.has(element) };
}

/** The keywords and tags the page declares for the article, lower-cased. */
function pageKeywords(page: Root): Set<string> {
  const values = selectAll('meta[name=keywords], meta[name=news_keywords], meta[property="article:tag"]', page).flatMap((meta) =>
    (stringProperty(meta, 'content') ?? '').split(','),
  );
  return new Set(values.map((value) => value.trim().toLowerCase()).filter((value) => value !== ''));
}

/** The line account of what was taken out: blocks whose lines also fed a field are that field's, not dropped. */
function droppedBlocks(removed: readonly Removed[], metadata: PageMetadata): DroppedBlock[] {
  const used = new Set(fieldsOfMetadata.flatMap(([key]) => ((metadata[key] as Found<unknown> | undefined)?.from ?? []).map(startOffset)));
  return removed.flatMap(({ element, reason }) => {
    const range = lineRange(element);
    const start = element.position?.start;
    if (!range || !start || used.has(startOffset(element))) return [];
    const text = collapsedText(element);
    return [{ lines: range, start: { line: start.line, column: start.column }, reason, text: text.length > 60 ? `${text.slice(0, 57)}…` : text }];
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [key in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [key in K]?: V };
}

function reportFlattened(file: VFile, place: { line: number; column: number } | undefined): void {
  if (!place) return;
  report(file, 'import-nesting-flattened', nestingFlattenedReason, place);
}

function noArticle(file: VFile, reason: string): void {
  report(file, 'import-no-article', reason, { line: 1, column: 1 });
}

/** Where the article's own title, byline and date may be read: near the body, not in sidebars, listings or comments. */
function articlePlace(page: Root, parents: ReadonlyMap<Nodes, Parents>, containers: readonly Element[]) {
  const order = new Map(elementsOf(page).map((element, index) => [element, index]));
  const first = containers[0];
  const articleAncestor = first && ancestorsOf(first, parents).find((ancestor): ancestor is Element => isArticleItem(ancestor));
  return {
    isNearArticle: (element: Element) => {
      if (inPageChrome(element, parents, first)) return false;
      if (!first) return true;
      if (articleAncestor && contains(articleAncestor, element, parents)) return true;
      return containers.some((container) => contains(container, element, parents)) || (order.get(element) ?? 0) < (order.get(first) ?? 0);
    },
  };
}

/**
 * The block that holds one post with its header and footer: `<article>`, or the item that
 * microformats or microdata mark as the post (Blogger's `<div class="post hentry"
 * itemtype="http://schema.org/BlogPosting">` keeps “Posted by … at …” after the post's body).
 */
function isArticleItem(node: Nodes): node is Element {
  if (node.type !== 'element') return false;
  if (node.tagName === 'article') return true;
  if (classNames(node).some((name) => name === 'h-entry' || name === 'hentry')) return true;
  return (
    node.properties.itemScope !== undefined && /schema\.org\/(?:\w*Article|BlogPosting|SocialMediaPosting|Report)$/.test(stringProperty(node, 'itemType') ?? '')
  );
}

/**
 * Navigation, sidebars, the page footer, comments and related posts; an article's own footer (its
 * byline, in many themes) is not chrome, nor is a block that holds the article itself: Blogger sets
 * every post inside `<div class="widget Blog">`, and its “Posted by … at …” line with it.
 */
function inPageChrome(element: Element, parents: ReadonlyMap<Nodes, Parents>, article?: Element): boolean {
  const holdsArticle = new Set(article ? ancestorsOf(article, parents) : []);
  const ancestors = ancestorsOf(element, parents).filter((ancestor): ancestor is Element => ancestor.type === 'element');
  return ancestors.some(
    (ancestor, depth) =>
      !holdsArticle.has(ancestor) &&
      (['nav', 'aside'].includes(ancestor.tagName) ||
        (ancestor.tagName === 'footer' && !ancestors.slice(depth + 1).some((outer) => outer.tagName === 'article')) ||
        (!['body', 'html'].includes(ancestor.tagName) && classNames(ancestor).some(isChromeClass))),
  );
}

/**
 * `comments-area`, `jp-relatedposts`, `sidebar`, `widget_text`; not a layout's description of
 * itself (`layout--with-sidebar` on the body, `withSidebar`, `has-sidebar`): that is the whole page.
 */
function isChromeClass(name: string): boolean {
  return !/^(?:has|with|layout|page|no)[-_]/i.test(name) && /(?:^|[-_])(?:comments?|related|sidebar|widgets?)/i.test(name);
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

/**
 * The article's lead picture, set just before its text in a block of its own that the page names
 * as featured or lead media (Salon's `div.featuredMedia`: the photo, its caption and credit, then
 * `div.articleContent`), when the text's container does not hold it.
 */
function leadPicture(containers: readonly Element[], parents: ReadonlyMap<Nodes, Parents>): Element[] {
  const first = containers[0];
  const parent = first && parents.get(first);
  if (!first || !parent) return [];
  const before = parent.children.slice(0, parent.children.indexOf(first)).filter((node) => node.type === 'element' || hasVisibleContent(node));
  const previous = before.at(-1);
  if (previous?.type !== 'element' || !selectAll('img', previous).length || textStats(previous).text > 300) return [];
  const words = hintWords(previous);
  const named = words.some((word) => leadWords.has(word)) && words.some((word) => mediaWords.has(word));
  return named ? [previous] : [];
}

const leadWords = new Set(['featured', 'feature', 'lead', 'hero', 'top', 'main']);
const mediaWords = new Set(['media', 'image', 'img', 'photo', 'picture', 'figure', 'visual', 'art']);

/**
 * The article's back matter printed right after its container: an appendix, acknowledgments,
 * notes or references (Distill's `d-appendix`, DPUB-ARIA roles, a block headed so). The run of
 * following siblings that are back matter, in order.
 */
function backMatterAfter(containers: readonly Element[], parents: ReadonlyMap<Nodes, Parents>): Element[] {
  const last = containers.at(-1);
  const parent = last && parents.get(last);
  if (!last || !parent) return [];
  const found: Element[] = [];
  for (const sibling of parent.children.slice(parent.children.indexOf(last) + 1)) {
    if (sibling.type === 'comment' || (sibling.type === 'text' && sibling.value.trim() === '')) continue;
    if (sibling.type !== 'element') break;
    if (isElement(sibling, 'script', 'style', 'template')) continue;
    if (!isBackMatter(sibling)) break;
    found.push(structuredClone(sibling));
  }
  return found;
}

const backMatterRoles = /\bdoc-(appendix|acknowledgments|bibliography|endnotes|afterword|epilogue|credits)\b/;
const backMatterHeading =
  /^(acknowledg(e)?ments?|appendix|appendices|author contributions|notes|endnotes|footnotes|references|bibliography|sources|further reading|remerciements|annexe|bibliographie|danksagung|anhang|anmerkungen|literatur|agradecimientos|apéndice|bibliografía|notas|referencias|ringraziamenti|note|bibliografia)\b/i;

function isBackMatter(element: Element): boolean {
  if (element.tagName === 'd-appendix' || backMatterRoles.test(stringProperty(element, 'role') ?? '')) return true;
  if (hasClass(element, 'appendix', 'acknowledgments', 'acknowledgements')) return true;
  const heading = elementsOf(element).find((inner) => /^h[1-6]$/.test(inner.tagName));
  return heading !== undefined && backMatterHeading.test(collapsedText(heading)) && collapsedText(element).startsWith(collapsedText(heading));
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

/** Takes out of the body what the page shows around the article's text: the title heading, the byline and dek shown above it. */
function removeNonArticle(content: Root, metadata: PageMetadata): Removed[] {
  const usedElements = new Set([...(metadata.title?.from ?? []), ...(metadata.authors?.from ?? []), ...(metadata.dek?.from ?? [])].map(startOffset));
  const parents = parentMap(content);
  const title = metadata.title && normalisedTitle(metadata.title.value);
  const titleHeading = selectAll('h1, h2', content).find((heading) => normalisedTitle(collapsedText(heading)) === title);
  const doomed = [
    ...elementsOf(content).filter((element) => usedElements.has(startOffset(element)) && startOffset(element) !== undefined),
    ...(titleHeading ? [titleHeading] : []),
    ...titlePictures(content, title),
  ];
  const headers = selectAll('header', content).filter((header) => titleHeading && contains(header, titleHeading, parents));
  if (metadata.title && titleHeading) metadata.title.from.push(titleHeading);
  const removed: Removed[] = [];
  for (const [element, reason] of [
    ...doomed.map((element) => [element, metaBlockReason] as const),
    ...headers.map((header) => [header, headerReason] as const),
  ]) {
    const parent = parents.get(element);
    if (parent && removeNode(element, parent) >= 0) removed.push({ element, reason });
  }
  return removed;
}

/**
 * The title set as a picture of its words (Paul Graham's essays open with a GIF 318 by 18 pixels
 * whose alt text is the title): a banner-shaped picture, at most 40 pixels high and six times as
 * wide, whose alt text is the title. A photo whose alt text repeats the title is the article's.
 */
function titlePictures(content: Root, title: string | undefined): Element[] {
  if (!title) return [];
  return selectAll('img', content).filter((image) => {
    const [width, height] = [Number(stringProperty(image, 'width')), Number(stringProperty(image, 'height'))];
    return height > 0 && height <= 40 && width >= 6 * height && normalisedTitle(stringProperty(image, 'alt') ?? '') === title;
  });
}

/**
 * Hand-made and exported pages repeat the title, byline and date as the body's first paragraphs
 * (Word's `MsoTitle`, `By Jane Doe`, `21 June 2009`), after a line of navigation links. These
 * leading blocks go; a byline or date nobody else gave becomes metadata.
 */
function removeLeadingMetadata(content: Root, metadata: PageMetadata, options: { navigation: boolean; nameLine?: boolean }): Removed[] {
  const parents = parentMap(content);
  const title = metadata.title && normalisedTitle(metadata.title.value);
  const leadingBlocks = innermostTextBlocks(content).slice(0, 5);
  const removed: Removed[] = [];
  // The line right under the title: the title heading was taken out before, or is the block just before.
  let afterTitle = options.nameLine === true;
  for (const block of leadingBlocks) {
    const text = collapsedText(block);
    if (text === '') continue;
    const underTitle = afterTitle;
    const opening = metadata.title ? titleOpening(metadata.title.value, text) : undefined;
    afterTitle = metadata.title !== undefined && (normalisedTitle(text) === title || opening !== undefined);
    const linkText = selectAll('a', block).reduce((total, link) => total + collapsedText(link).length, 0);
    const names = /^by\s/i.test(text) && text.length < 120 ? namesFromByline(text) : [];
    let reason = metaBlockReason;
    if (metadata.title && normalisedTitle(text) === title) metadata.title.from.push(block);
    else if (metadata.title && opening) shortenTitle(metadata, metadata.title, opening, block);
    else if (isDateLine(text)) {
      metadata.date ??= { value: findDate(text)?.iso as string, from: [] };
      metadata.date.from.push(block);
    } else if (names.length > 0) {
      metadata.authors ??= { value: names, from: [] };
      metadata.authors.from.push(block);
    } else if (underTitle && !metadata.authors && bareName(text, metadata)) {
      nameLineAsAuthor(metadata, bareName(text, metadata) as string, block);
    } else if (text.length < 120 && linkText / text.length >= 0.5) {
      // Before chrome goes, a line of links is passed over (the chrome filter names it); after, it is navigation.
      if (!options.navigation) continue;
      reason = chromeReason('navigation');
    } else break;
    const parent = parents.get(block);
    if (parent) removeNode(block, parent);
    removed.push({ element: block, reason });
  }
  return removed;
}

/**
 * An essay dated on its first line, apart from the text (Paul Graham's `July 2009<br /><br />One
 * reason programmers…`, a hand-made page's `<p>March 2005</p>`): when the page gives no other
 * date, that line (a day, or a month of a year) is the date, and it leaves the text. Only the
 * opening line of the text's first block is read, a paragraph (an epigraph before it passed
 * over), never a heading or a later block: a month there is the text's own (`## May 2019`).
 */
function removeOpeningDateLine(content: Root, metadata: PageMetadata): Removed[] {
  if (metadata.date) return [];
  const parents = parentMap(content);
  const options = { order: dateOrderOf(metadata.language) };
  // An epigraph before the text is passed over: a quotation, set as one or opening on a quotation mark (Paul Graham's Dickens, in a table).
  const isEpigraph = (candidate: Element) =>
    /^["“„«‘]/.test(collapsedText(candidate).trim()) ||
    [candidate, ...ancestorsOf(candidate, parents)].some((node) => isElement(node as Element, 'blockquote', 'figure', 'table'));
  const block = innermostTextBlocks(content).find((candidate) => collapsedText(candidate).trim() !== '' && !isEpigraph(candidate));
  // Only the text's first block, a paragraph: a heading that names a month (`## May 2019`) is a section of the text.
  if (block && isElement(block, 'p', 'div')) {
    const line = openingLine(block);
    const date = line && parseDate(collapsedText(line.holder), options);
    if (!line || !date || date.month === undefined) return [];
    metadata.date = { value: formatPartialDate(date), from: [line.holder] };
    if (line.whole) {
      const parent = parents.get(block);
      if (parent) removeNode(block, parent);
    } else line.parent.children.splice(0, line.count);
    return [{ element: line.holder, reason: metaBlockReason }];
  }
  return [];
}

/**
 * The first line of a block: its inline content up to the first line break (the breaks that end
 * it included), held in a span placed where it was, or the whole block when it has no break.
 */
function openingLine(block: Element): { holder: Element; parent: Element; count: number; whole: boolean } | undefined {
  let inner = block;
  // Through the wrappers that only style the text: `<p><font size="2">July 2009<br>`.
  for (;;) {
    const visible = inner.children.filter((child) => child.type === 'element' || (child.type === 'text' && child.value.trim() !== ''));
    const only = visible.length === 1 ? visible[0] : undefined;
    if (!isElement(only, 'font', 'span', 'small')) break;
    inner = only;
  }
  const children = inner.children;
  const breakAt = children.findIndex((child) => isElement(child, 'br'));
  if (children.some((child, index) => (breakAt < 0 || index < breakAt) && child.type === 'element' && textBlockTags.has(child.tagName))) return undefined;
  if (breakAt < 0) return { holder: block, parent: inner, count: children.length, whole: true };
  let count = breakAt;
  while (
    count < children.length &&
    (isElement(children[count], 'br') || (children[count]?.type === 'text' && collapsedText(children[count] as Nodes).trim() === ''))
  )
    count++;
  const taken = children.slice(0, count);
  const start = taken.find((node) => node.position)?.position?.start;
  const end = taken.findLast((node) => node.position)?.position?.end;
  if (!start || !end) return undefined;
  const holder: Element = { type: 'element', tagName: 'span', properties: {}, children: children.slice(0, breakAt), position: { start, end } };
  return { holder, parent: inner, count, whole: false };
}

/**
 * A title that runs on past a sentence (`Leandra Lou – Der etwas andere Modeblog … Buchdeckeln.
 * Leandra Lou schreibt über all die Themen, …`: a blurb in the title field) while the text opens
 * with its first sentence alone: that sentence, as the text sets it.
 */
function titleOpening(title: string, text: string): string | undefined {
  const opening = text.trim().replace(/[.!?…]$/, '');
  const normal = normalisedTitle(opening);
  if (opening.split(/\s+/).length < 3 || !normalisedTitle(title).startsWith(normal)) return undefined;
  const rest = normalisedTitle(title).slice(normal.length);
  return /^[.!?…]\s+\S+(?:\s+\S+){2}/u.test(rest) ? opening : undefined;
}

function shortenTitle(metadata: PageMetadata, title: Found<string>, opening: string, block: Element): void {
  const rest = title.value.slice(opening.length).replace(/^[.!?…]\s*/u, '');
  metadata.problems.push({
    ruleId: 'import-title-shortened',
    reason: `the page’s title runs on after “${opening}”, which the text sets alone as its opening line: that is taken as the title (the rest, “${rest}”, left out)`,
    element: title.from[0],
  });
  title.value = opening;
  title.from.push(block);
}

/** Text blocks with no text block inside them, in document order. */
function innermostTextBlocks(content: Root): Element[] {
  return elementsOf(content).filter((element) => textBlockTags.has(element.tagName) && !elementsOf(element).some((child) => textBlockTags.has(child.tagName)));
}

/**
 * The author's name signed at the end of the text, set apart (right-aligned, in italics, or with a
 * class that says so) in the last third of the article: a magazine's or an essay's signature, read
 * as the author when the page names none (reported as inferred) and taken out of the text.
 */
function removeSignature(content: Root, metadata: PageMetadata): Removed[] {
  if (metadata.authors) return [];
  const blocks = innermostTextBlocks(content);
  const parents = parentMap(content);
  const texts = blocks.map((block) => collapsedText(block));
  const total = texts.reduce((sum, text) => sum + text.length, 0);
  let before = 0;
  for (const [index, block] of blocks.entries()) {
    const text = texts[index] as string;
    before += text.length;
    // Two thirds of the text come before it.
    if (before < (total * 2) / 3) continue;
    // A quotation's attribution (`— William Blake`, in a blockquote or figure) signs the quotation, not the text.
    const quoted =
      /^\s*[-–—―~]/.test(text) || ancestorsOf(block, parents).some((ancestor) => isElement(ancestor as Element, 'blockquote', 'figure', 'q', 'cite'));
    const name = quoted ? undefined : bareName(text, metadata);
    if (!name || !isSetApart(block)) continue;
    nameLineAsAuthor(metadata, name, block, 'the name signed after the text');
    const parent = parents.get(block);
    if (parent) removeNode(block, parent);
    return [{ element: block, reason: metaBlockReason }];
  }
  return [];
}

/** Right-aligned, wholly in italics, or named as a signature or author line. */
function isSetApart(block: Element): boolean {
  const align = `${stringProperty(block, 'align') ?? ''} ${stringProperty(block, 'style') ?? ''}`;
  if (/right|text-align\s*:\s*right/i.test(align)) return true;
  if (classNames(block).some((name) => /signature|author|byline/i.test(name))) return true;
  const visible = block.children.filter((child) => child.type === 'element' || (child.type === 'text' && child.value.trim() !== ''));
  return visible.length === 1 && isElement(visible[0] as Element, 'em', 'i', 'strong', 'b');
}

/**
 * A line that is only a person's name: two to four capitalised words, no organisation, not the
 * site's name, no sentence. Hand-made pages (Tufte CSS, essays) set the author so under the title.
 */
function bareName(text: string, metadata: PageMetadata): string | undefined {
  const name = personName(text);
  if (!name) return undefined;
  const site = metadata.siteName?.value.toLowerCase();
  return site && (site.includes(name.toLowerCase()) || name.toLowerCase().includes(site)) ? undefined : name;
}

/** `text` when it is a person's name and nothing else: two to four words, no punctuation but initials' full stops, not an organisation's. */
function personName(text: string): string | undefined {
  if (text.length > 60 || /[.,:;!?&+«»"“”()|/]/.test(text.replace(/\b\p{Lu}\./gu, ''))) return undefined;
  const name = asName(text);
  const words = name?.split(/\s+/) ?? [];
  return name && name === text.trim() && words.length >= 2 && words.length <= 4 && !isOrganisationName(name) ? name : undefined;
}

/** The author read from a name alone under the title: a guess from the page's layout, reported. */
function nameLineAsAuthor(metadata: PageMetadata, name: string, block: Element | undefined, where = 'the line under the title'): void {
  metadata.authors = { value: [name], from: block ? [block] : [] };
  metadata.problems.push({
    ruleId: 'import-author-inferred',
    reason: `${where}, “${name}”, is read as the author’s name (the page names no author otherwise): check it`,
    element: block,
  });
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
