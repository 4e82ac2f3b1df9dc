import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { findDate, splitNames } from '../text.ts';
import { collapsedText, hasClass, stringProperty, textContent } from './hast-tree.ts';

/** A value read from a page, with the elements it was read from (their lines become `metadata`). */
export interface Found<T> {
  value: T;
  from: Element[];
}

export interface PageMetadata {
  title: Found<string> | undefined;
  authors: Found<string[]> | undefined;
  date: Found<string> | undefined;
  siteName: Found<string> | undefined;
  url: Found<string> | undefined;
  /** A dek or subtitle shown with the title: never a generated description. */
  dek: Found<string> | undefined;
}

/** Where a field comes from on a page: everything but the meta tags must sit near the article. */
export interface ArticlePlace {
  /** Whether an element of the page belongs to the article's header or body (not a sidebar, a listing, comments). */
  isNearArticle: (element: Element) => boolean;
}

const visibleTitleSelector = [
  'h1.entry-title',
  'h1.post-title',
  'h1.article-title',
  'h1.gh-article-title',
  'h1[data-testid=storyTitle]',
  'h1.pw-post-title',
  'h1.p-name',
  'h1[itemprop=headline]',
].join(', ');
const bylineSelectors = [
  '[itemprop=author] [itemprop=name]',
  '.byline .author',
  '.entry-meta .author',
  '[data-testid=authorName]',
  '.author-name',
  '.wp-block-post-author-name',
  '.wp-block-post-author__name',
  'a[rel~=author]',
  '.p-author',
  '.byline',
  '.entry-meta',
];
const publishedTimeSelector = 'time.published, time.entry-date, time[itemprop=datePublished], time[datetime]';
const dekSelector = [
  'h3.subtitle',
  '.subtitle',
  '.pw-subtitle-paragraph',
  '.gh-article-excerpt',
  '.article-excerpt',
  '.post-excerpt',
  '.entry-subtitle',
  '.dek',
  '.standfirst',
].join(', ');
const articleTypes = new Set([
  'Article',
  'BlogPosting',
  'NewsArticle',
  'OpinionNewsArticle',
  'AnalysisNewsArticle',
  'ReportageNewsArticle',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
  'SocialMediaPosting',
]);

/**
 * Reads what a saved page says about its article: title, authors, date, site, address and dek,
 * from Open Graph and article meta tags, JSON-LD, the canonical link and visible markup (title
 * heading, byline, `<time>`). Visible markup outside the article's neighbourhood is not read.
 */
export function readPageMetadata(page: Root, place: ArticlePlace): PageMetadata {
  const jsonLd = jsonLdArticle(page);
  const near = (elements: Element[]) => elements.filter(place.isNearArticle);
  const declaredSite = firstFound([
    metaValue(page, 'og:site_name'),
    jsonLd && foundIn(jsonLd, nameOf(jsonLd.article.publisher, jsonLd.graph)),
    metaValue(page, 'application-name'),
  ]);
  const title = firstFound([
    visibleTitle(near(selectAll(visibleTitleSelector, page)), near(selectAll('h1', page))),
    metaValue(page, 'og:title'),
    jsonLd && foundIn(jsonLd, text(jsonLd.article.headline)),
    documentTitle(page, declaredSite?.value),
  ]);
  return {
    title,
    authors: firstFound([
      jsonLd && foundIn(jsonLd, authorNames(jsonLd.article.author, jsonLd.graph)),
      metaAuthors(page, 'author'),
      metaAuthors(page, 'article:author'),
      bylineAuthors(page, place),
    ]),
    date: firstFound([
      day(metaValue(page, 'article:published_time')),
      day(jsonLd && foundIn(jsonLd, text(jsonLd.article.datePublished))),
      day(metaValue(page, 'date')),
      day(metaValue(page, 'datePublished')),
      visibleDate(page, place),
    ]),
    siteName: declaredSite ?? (title && siteFromDocumentTitle(page, title.value)),
    url: firstFound(
      [canonicalLink(page), metaValue(page, 'og:url'), jsonLd && foundIn(jsonLd, text(jsonLd.article.url) ?? idOf(jsonLd.article.mainEntityOfPage))].map(
        webAddress,
      ),
    ),
    dek: dek(page, place),
  };
}

function firstFound<T>(candidates: readonly (Found<T> | undefined)[]): Found<T> | undefined {
  return candidates.find((candidate) => candidate !== undefined);
}

function metaValue(page: Root, key: string): Found<string> | undefined {
  const element = selectAll(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`, page).find(
    (meta) => (stringProperty(meta, 'content') ?? '').trim() !== '',
  );
  return element ? { value: (stringProperty(element, 'content') ?? '').trim(), from: [element] } : undefined;
}

/** `<meta name="author">` may hold a profile URL (Facebook's `article:author`) rather than a name. */
function metaAuthors(page: Root, key: string): Found<string[]> | undefined {
  const found = metaValue(page, key);
  if (!found || /^(?:https?:)?\/\//.test(found.value)) return undefined;
  const names = splitNames(found.value);
  return names.length > 0 ? { value: names, from: found.from } : undefined;
}

function canonicalLink(page: Root): Found<string> | undefined {
  const link = select('link[rel~=canonical][href]', page);
  const href = link && stringProperty(link, 'href');
  return link && href ? { value: href, from: [link] } : undefined;
}

function webAddress(found: Found<string> | undefined): Found<string> | undefined {
  return found && /^https?:\/\//i.test(found.value) ? found : undefined;
}

function day(found: Found<string> | undefined): Found<string> | undefined {
  if (!found) return undefined;
  const iso = isoDay(found.value);
  return iso ? { value: iso, from: found.from } : undefined;
}

/** The calendar day as the page wrote it: `2013-09-12T23:30:00-05:00` is the 12th where it was published. */
export function isoDay(value: string): string | undefined {
  const written = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (written) {
    const iso = written[0];
    const date = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
  }
  return findDate(value)?.iso;
}

function visibleTitle(titled: Element[], headings: Element[]): Found<string> | undefined {
  const heading = titled[0] ?? (headings.length === 1 ? headings[0] : undefined);
  const value = heading && collapsedText(heading);
  return heading && value ? { value, from: [heading] } : undefined;
}

/** The document title without the site name it usually ends with (`Post – Blog`). */
function documentTitle(page: Root, siteName: string | undefined): Found<string> | undefined {
  const title = select('title', page);
  const value = title && collapsedText(title);
  if (!title || !value) return undefined;
  const parts = value.split(/\s+[|–—-]\s+/);
  const withoutSite = siteName && parts.length > 1 && parts.at(-1) === siteName ? parts.slice(0, -1).join(' – ') : value;
  return { value: withoutSite, from: [title] };
}

/** `Counting the Wells – Field Notes from the Aral`: what follows the article's title is the site's name. */
function siteFromDocumentTitle(page: Root, articleTitle: string): Found<string> | undefined {
  const element = select('title', page);
  const value = element && collapsedText(element);
  if (!element || !value?.startsWith(articleTitle)) return undefined;
  const site = value
    .slice(articleTitle.length)
    .split(/\s+[|–—-]\s+/)
    .at(-1)
    ?.trim();
  return site && site !== value ? { value: site, from: [element] } : undefined;
}

function bylineAuthors(page: Root, place: ArticlePlace): Found<string[]> | undefined {
  for (const selector of bylineSelectors) {
    const elements = selectAll(selector, page).filter(place.isNearArticle);
    const names = [...new Set(elements.flatMap((element) => namesFromByline(shownText(element))))];
    if (names.length > 0) return { value: names, from: elements };
  }
  return undefined;
}

/** Text as sighted readers see it: themes label bylines for screen readers only (`<span class="screen-reader-text">Author </span>`). */
function shownText(node: Element): string {
  const parts: string[] = [];
  const walk = (current: Element) => {
    if (hasClass(current, 'screen-reader-text', 'sr-only', 'visually-hidden')) return;
    for (const child of current.children) {
      if (child.type === 'text') parts.push(child.value);
      else if (child.type === 'element') walk(child);
    }
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** `By Jane Doe and John Roe · 3 March 2020` or `Posted on March 3, 2020 by Jane Doe` → the names. */
export function namesFromByline(text: string): string[] {
  const afterBy = /(?:^|\s)by\s+(.+)$/i.exec(text)?.[1] ?? text;
  const date = findDate(afterBy);
  const beforeDate = date ? afterBy.slice(0, date.start) : afterBy;
  const names = beforeDate.split(/\s+(?:[|·•—–]|on|in|updated|published)\s+|\n/i)[0] ?? '';
  return splitNames(names.replace(/[\s,–—|·•-]+$/, '')).filter(
    (name) => name.length <= 60 && /\p{L}/u.test(name) && !/\d/.test(name) && name.split(/\s+/).length <= 5,
  );
}

function visibleDate(page: Root, place: ArticlePlace): Found<string> | undefined {
  for (const time of selectAll(publishedTimeSelector, page).filter(place.isNearArticle)) {
    const iso = isoDay(stringProperty(time, 'dateTime') ?? '') ?? isoDay(collapsedText(time));
    if (iso) return { value: iso, from: [time] };
  }
  return undefined;
}

function dek(page: Root, place: ArticlePlace): Found<string> | undefined {
  const element = selectAll(dekSelector, page).find((candidate) => place.isNearArticle(candidate) && collapsedText(candidate) !== '');
  return element ? { value: collapsedText(element), from: [element] } : undefined;
}

interface JsonLdFound {
  article: Record<string, unknown>;
  graph: Record<string, unknown>[];
  script: Element;
}

function foundIn<T>(jsonLd: JsonLdFound, value: T | undefined): Found<T> | undefined {
  return value === undefined ? undefined : { value, from: [jsonLd.script] };
}

/** The first Article-like object in the page's JSON-LD, with the graph it sits in (to resolve `@id` references). */
function jsonLdArticle(page: Root): JsonLdFound | undefined {
  for (const script of selectAll('script[type="application/ld+json"]', page)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(textContent(script));
    } catch {
      continue;
    }
    const graph = flattenJsonLd(parsed);
    const article = graph.find((node) => typesOf(node).some((type) => articleTypes.has(type)));
    if (article) return { article, graph, script };
  }
  return undefined;
}

function flattenJsonLd(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(flattenJsonLd);
  if (!isRecord(value)) return [];
  return [value, ...flattenJsonLd(value['@graph'])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((entry): entry is string => typeof entry === 'string');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : undefined;
}

function idOf(value: unknown): string | undefined {
  return text(value) ?? (isRecord(value) ? text(value['@id']) : undefined);
}

function resolve(value: unknown, graph: readonly Record<string, unknown>[]): unknown {
  if (!isRecord(value) || value.name !== undefined || typeof value['@id'] !== 'string') return value;
  return graph.find((node) => node !== value && node['@id'] === value['@id'] && node.name !== undefined) ?? value;
}

function nameOf(value: unknown, graph: readonly Record<string, unknown>[]): string | undefined {
  const resolved = resolve(value, graph);
  return isRecord(resolved) ? text(resolved.name) : undefined;
}

function authorNames(value: unknown, graph: readonly Record<string, unknown>[]): string[] | undefined {
  const entries = Array.isArray(value) ? value : [value];
  const names = entries.flatMap((entry) => (typeof entry === 'string' ? splitNames(entry) : (nameOf(entry, graph) ?? [])));
  return names.length > 0 ? [...new Set(names)] : undefined;
}
