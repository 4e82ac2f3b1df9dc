import type { Element, Nodes, Parents, Root } from 'hast';
import { matches } from 'hast-util-select';
import { type DateOptions, dateOrderOf, dayInAddress, findAmbiguousDate, findDate, formatPartialDate, parseDate } from '../../core/dates.ts';
import { naturalOrderName } from '../../core/names.ts';
import type { RuleId } from '../../core/rules.ts';
import { type Byline, elementBoundary, readByline } from '../byline.ts';
import { asName, decodeEntities, isLogin, isOrganisationName, splitNames } from '../text.ts';
import { ancestorsOf, classNames, collapsedText, elementsOf, hasClass, parentMap, stringProperty, textContent } from './hast-tree.ts';
import { parseJsonLd } from './json-ld.ts';
import { markedAuthorNames, sectionKey, sectionLinks } from './section-links.ts';

export { namesFromByline } from '../byline.ts';

/** A value read from a page, with the elements it was read from (their lines become `metadata`). */
export interface Found<T> {
  value: T;
  from: Element[];
}

/** Something about the page's metadata the editor must hear: reported by the importer at the element's line. */
export interface MetadataProblem {
  ruleId: RuleId;
  reason: string;
  element: Element | undefined;
}

export interface PageMetadata {
  title: Found<string> | undefined;
  authors: Found<string[]> | undefined;
  /** People the page credits as editors (`Edited by …`, JSON-LD `editor`), never authors. */
  editors: Found<string[]> | undefined;
  date: Found<string> | undefined;
  siteName: Found<string> | undefined;
  url: Found<string> | undefined;
  /** A dek or subtitle shown with the title: never a generated description. */
  dek: Found<string> | undefined;
  /** The page's language (`<html lang>`, `og:locale`), which says how it writes numeric dates. */
  language: string | undefined;
  problems: MetadataProblem[];
}

/** The fields of `PageMetadata` that were read from elements of the page. */
export type MetadataField = 'title' | 'authors' | 'editors' | 'date' | 'siteName' | 'url' | 'dek';

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
  'h1.headline',
  'h1.title',
  'h1.page-title',
  'h2.entry-title',
  'h2.post-title',
  'h2[itemprop=headline]',
  'h2.p-name',
  // Blogger's layouts title a post with an `<h3>` (the `<h1>` is the blog's name).
  'h3.entry-title',
  'h3.post-title',
].join(', ');
const dekClasses = ['subtitle', 'pw-subtitle-paragraph', 'gh-article-excerpt', 'article-excerpt', 'post-excerpt', 'entry-subtitle', 'dek', 'standfirst'];

// The page is searched with predicates on its list of elements: hast-util-select walks the whole
// tree for every selector (two seconds for `*` on a large page).

function tokensOf(element: Element, name: string): string[] {
  return (stringProperty(element, name) ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Where a site shows its own name: a heading or title in one of these is not the article's. */
function isBrandingElement(element: Element): boolean {
  return (
    classNames(element).some((name) => /logo|^site-(?:title|name|branding|header)$|^navbar-brand$|^masthead$/i.test(name)) ||
    /logo|^masthead$/i.test(stringProperty(element, 'id') ?? '') ||
    stringProperty(element, 'role') === 'banner' ||
    (element.tagName === 'a' && tokensOf(element, 'rel').includes('home'))
  );
}

function isPublishedTime(element: Element): boolean {
  if (element.tagName === 'meta') return false;
  if (tokensOf(element, 'itemProp').includes('datepublished') || hasClass(element, 'dt-published')) return true;
  // A theme prints the last update beside the publication: `<time class="updated">`.
  return element.tagName === 'time' && !hasClass(element, 'updated', 'modified', 'dt-updated') && !tokensOf(element, 'itemProp').includes('datemodified');
}

function isDek(element: Element): boolean {
  // A theme's own spelling of the class (`citation__subtitle`, `c-content-head__subtitle`, `article-dek`), or schema.org's subtitle.
  return (
    hasClass(element, ...dekClasses) ||
    // Not a modifier (`content__wrapper--standfirst`, `has-subtitle`): that names a block around one.
    classNames(element).some((name) => !name.includes('--') && /^(?!has-|with-|no-)[\w-]+(?:__|-)(?:subtitle|dek|standfirst|subheadline)$/i.test(name)) ||
    tokensOf(element, 'itemProp').includes('alternativeheadline')
  );
}

/** Blocks whose text is only a byline when it says so (`Posted in News on … by …`). */
const cuedOnlyClasses = ['entry-meta', 'post-meta', 'article-meta', 'meta', 'post-info', 'entry-footer', 'post-footer'];
// A person's page under the folder (`/author/jane-doe/`), not the folder itself (a menu's `/people/`).
const authorPagePath = /\/(?:author|authors|autor|autoren|auteur|auteurs|writers|contributors|profile|people|staff)\/[^/?#\s]+/i;

/** Elements that name the article's author or hold its byline: `.author`, `.byline`, microdata, `rel=author`, links to an author's page. */
function isBylineCandidate(element: Element): boolean {
  return (
    classNames(element).some((name) => /author|byline/i.test(name)) ||
    hasClass(element, ...cuedOnlyClasses) ||
    tokensOf(element, 'itemProp').includes('author') ||
    tokensOf(element, 'rel').includes('author') ||
    stringProperty(element, 'dataTestId') === 'authorName' ||
    (element.tagName === 'a' && authorPagePath.test(stringProperty(element, 'href') ?? ''))
  );
}

const articleTypes = new Set([
  'Article',
  'BlogPosting',
  'NewsArticle',
  'OpinionNewsArticle',
  'AnalysisNewsArticle',
  'ReportageNewsArticle',
  'BackgroundNewsArticle',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
  'SocialMediaPosting',
  'LiveBlogPosting',
  'Review',
]);

/** The page's elements in order, their parents, its meta tags and its branding, computed once. */
interface PageIndex {
  page: Root;
  elements: Element[];
  order: Map<Element, number>;
  parents: Map<Nodes, Parents>;
  metas: Element[];
  /** Elements inside the site's header or logo. */
  branded: Set<Element>;
}

function indexPage(page: Root): PageIndex {
  const elements = elementsOf(page);
  const branded = new Set<Element>();
  for (const brand of elements.filter(isBrandingElement)) {
    branded.add(brand);
    for (const inner of elementsOf(brand)) branded.add(inner);
  }
  return {
    page,
    elements,
    order: new Map(elements.map((element, index) => [element, index])),
    parents: parentMap(page),
    metas: elements.filter((element) => element.tagName === 'meta'),
    branded,
  };
}

/**
 * Reads what a saved page says about its article: title (without the site's name), authors and
 * editors, date, site, address and dek, from JSON-LD, microdata and microformats, Open Graph and
 * other meta tags, the canonical link and visible markup (title heading, byline, `<time>`).
 * Visible markup outside the article's neighbourhood (sidebars, comments, related posts) is not read.
 */
export function readPageMetadata(root: Root, place: ArticlePlace): PageMetadata {
  const page = indexPage(root);
  const problems: MetadataProblem[] = [];
  const jsonLd = jsonLdArticle(page);
  const language = pageLanguage(page, jsonLd);
  const dates: DateOptions = { order: dateOrderOf(language) };
  const declaredSite = firstFound([
    // A journal's article names its journal for Google Scholar (Highwire Press tags): that is where it was published.
    metaValue(page, 'citation_journal_title'),
    metaValue(page, 'og:site_name'),
    jsonLd && foundIn(jsonLd, nameOf(jsonLd.article.publisher, jsonLd.graph)),
    jsonLd && foundIn(jsonLd, websiteName(jsonLd.graph)),
    metaValue(page, 'application-name'),
  ]);
  const title = articleTitle(page, place, declaredSite?.value, jsonLd);
  const near = withArticleAsides(page, place, title?.from[0]);
  const publisher = jsonLd && nameOf(jsonLd.article.publisher, jsonLd.graph);
  const siteNames = [declaredSite?.value, publisher].filter((name): name is string => name !== undefined);
  const byline = visibleByline(page, near, title?.from[0], dates, siteNames);
  const metas = metaAuthors(page, siteNames, problems);
  const authors = authorsOf(
    [
      jsonLd && foundIn(jsonLd, personNames(jsonLd.article.author ?? jsonLd.article.creator, jsonLd.graph)),
      distillAuthors(page),
      microformatAuthors(page, near, title?.from[0]),
      metas[0],
      byline.authors,
    ],
    siteNames,
    { byline: byline.authors, metaNames: metas.flatMap((found) => found.value), meta: metas[0] },
  );
  const editors = firstFound([jsonLd && foundIn(jsonLd, personNames(jsonLd.article.editor, jsonLd.graph)), byline.editors]);
  const people = withoutSections(authors, page, problems);
  if (authors !== undefined && authors === byline.authors)
    for (const name of byline.dropped)
      problems.push({
        ruleId: 'import-author-dropped',
        reason: `the byline names “${name}” after its writers, read as whom they write for, not an author: add it back if it is a person`,
        element: authors.from[0],
      });
  for (const handle of authors?.value.filter(isLogin) ?? [])
    problems.push({
      ruleId: 'import-author-inferred',
      reason: `the byline shows the account name “${handle}”: give the author’s name if it is known`,
      element: authors?.from[0],
    });
  const issue = title ? issueOverTitle(page, title, dates) : undefined;
  const shown = () => byline.date ?? datedElement(page, near, title?.from[0], dates);
  // Structured data's datePublished settles a disagreement with Open Graph (`publishedDate`); without it, the date shown may.
  const openGraphAlone = jsonLd?.article.datePublished === undefined;
  const published = publishedDate(page, near, jsonLd, dates, problems);
  const date = (openGraphAlone ? shownOverOpenGraph(published, shown, problems) : published) ?? shown() ?? issue?.date ?? addressDate(page, problems);
  if (!date && byline.ambiguousDate) problems.push(ambiguous(byline.ambiguousDate, byline.element, language));
  return {
    title,
    authors: people,
    editors,
    date,
    siteName: declaredSite ?? (title && siteFromDocumentTitle(page, title.value)) ?? brandName(page) ?? issue?.venue,
    url: firstFound(
      [canonicalLink(page), metaValue(page, 'og:url'), jsonLd && foundIn(jsonLd, text(jsonLd.article.url) ?? idOf(jsonLd.article.mainEntityOfPage))].map(
        webAddress,
      ),
    ),
    dek: dek(page, place, title?.from[0]) ?? headingDek(page, title?.from[0], dates),
    language,
    problems,
  };
}

/**
 * The article's place, and the asides of the `<article>` that holds its title: themes put the
 * byline and date there (`<article><aside class="meta">Von: …</aside>`), where the body's
 * extraction sees a sidebar.
 */
function withArticleAsides(page: PageIndex, place: ArticlePlace, titleElement: Element | undefined): ArticlePlace {
  const article =
    titleElement &&
    ancestorsOf(titleElement, page.parents).find((ancestor): ancestor is Element => ancestor.type === 'element' && ancestor.tagName === 'article');
  if (!article) return place;
  return {
    isNearArticle: (element) => {
      if (place.isNearArticle(element)) return true;
      const ancestors = ancestorsOf(element, page.parents);
      const within = ancestors.indexOf(article);
      if (within < 0) return false;
      const between = ancestors.slice(0, within).filter((ancestor): ancestor is Element => ancestor.type === 'element');
      return (
        between.some((ancestor) => ancestor.tagName === 'aside') &&
        !between.some((ancestor) => ancestor.tagName === 'nav' || classNames(ancestor).some((name) => /comment|related/i.test(name)))
      );
    },
  };
}

/**
 * The authors without the names of the site's sections and categories that a byline or an author
 * tag gives beside them (morebikes's `Tony Carter All, Books, Kit Reviews, News` under the title,
 * the categories each a `rel=category` link; CNN's `Jill Disis, CNN Business`, its section's link),
 * each reported. A name the page also marks as a writer's stays, and so does one that reads as a
 * person's when only the menu makes it a section (a personal site's menu may name its author).
 */
function withoutSections(authors: Found<string[]> | undefined, page: PageIndex, problems: MetadataProblem[]): Found<string[]> | undefined {
  if (!authors) return authors;
  const sections = sectionLinks(page.elements, page.parents, pageAddress(page));
  if (sections.size === 0) return authors;
  const writers = markedAuthorNames(page.elements);
  const people = authors.value.filter((name) => {
    const section = sections.get(sectionKey(name));
    if (!section || writers.has(sectionKey(name)) || (!section.marked && personShaped(name))) return true;
    problems.push({
      ruleId: 'import-author-dropped',
      reason: `“${name}” is ${section.why}, not a person: left out of the authors (add it back if it is one)`,
      element: section.element,
    });
    return false;
  });
  if (people.length === authors.value.length) return authors;
  return people.length > 0 ? { value: people, from: authors.from } : undefined;
}

/**
 * The first source of authors that names someone; one that names only the site or its publisher
 * (`<meta name="author" content="Condé Nast">`) gives way to a later one that names people, and
 * when none does there is no author (the caller reports it): a site's name is not a writer's.
 */
function authorsOf(
  candidates: readonly (Found<string[]> | undefined)[],
  siteNames: readonly string[],
  visible: { byline: Found<string[]> | undefined; metaNames: readonly string[]; meta: Found<string[]> | undefined },
): Found<string[]> | undefined {
  const found = candidates.filter((candidate): candidate is Found<string[]> => candidate !== undefined);
  // `<meta name="DC.creator" content="Mac & i">`: the site's name, which would split into `Mac` and `i`.
  const isSite = (candidate: Found<string[]>) =>
    candidate.value.every((name) => siteNames.some((site) => sameText(site, name))) ||
    (candidate.from.length > 0 &&
      candidate.from.every((element) => element.tagName === 'meta' && siteNames.some((site) => sameText(site, clean(metaContent(element))))));
  const chosen = found.find((candidate) => !isSite(candidate));
  const { byline } = visible;
  if (!chosen || !byline || byline === chosen) return chosen;
  const named = (names: readonly string[], name: string) => names.some((other) => sameText(other, name));
  // A list of everyone who worked on the piece (`Connie Wang, Sharokh Mirzai, …` in one meta tag) gives way to the byline that says who wrote it.
  if (byline.value.length < chosen.value.length && byline.value.every((name) => named(chosen.value, name))) return byline;
  // `<meta name="author" content="Condé Nast">` beside `<meta property="article:author" content="Larry Fitzmaurice">` and a byline saying so.
  const confirmed = byline.value.every((name) => named(visible.metaNames, name));
  if (chosen === visible.meta && confirmed && !byline.value.every((name) => named(chosen.value, name))) return byline;
  return chosen;
}

function firstFound<T>(candidates: readonly (Found<T> | undefined)[]): Found<T> | undefined {
  return candidates.find((candidate) => candidate !== undefined);
}

/** Text read from markup or JSON: entities a CMS double-encoded decoded, spaces collapsed. */
function clean(value: string): string {
  return decodeEntities(value).replace(/\s+/g, ' ').trim();
}

function metaElements(page: PageIndex, key: string): Element[] {
  const lower = key.toLowerCase();
  return page.metas.filter((meta) => ['property', 'name', 'itemProp'].some((attribute) => (stringProperty(meta, attribute) ?? '').toLowerCase() === lower));
}

/** A meta tag's value: `content`, or `value` where a page writes it so (Medium's pages as Postlight saved them: `<meta value="Medium" name="og:site_name">`). */
function metaContent(meta: Element): string {
  return stringProperty(meta, 'content') ?? stringProperty(meta, 'value') ?? '';
}

function metaValue(page: PageIndex, key: string): Found<string> | undefined {
  const element = metaElements(page, key).find((meta) => clean(metaContent(meta)) !== '');
  return element ? { value: clean(metaContent(element)), from: [element] } : undefined;
}

const authorMetaKeys = [
  'author',
  'article:author',
  'og:article:author',
  'dc.creator',
  'dcterms.creator',
  'citation_author',
  'parsely-author',
  'sailthru.author',
  'cxenseparse:author',
  'byl',
];

/** Keys whose tags hold one person each, as library records write them: `Jong, Michiel de`. */
const familyFirstKeys = new Set(['dc.creator', 'dcterms.creator', 'citation_author']);

/**
 * Authors in meta tags, by key in order of trust: one tag per author or a list in one;
 * `article:author` and others may hold a profile address rather than a name, and
 * `citation_author` writes `Doe, Jane`.
 */
function metaAuthors(page: PageIndex, siteNames: readonly string[], problems: MetadataProblem[]): Found<string[]>[] {
  const found: Found<string[]>[] = [];
  for (const key of authorMetaKeys) {
    // Only `content`: Blogger's template writes the blog's owner in `<meta name='author' value='…'>` (blog.python.org's
    // posts credited Marcin Wojtczuk, not Ned Deily who signed them).
    const elements = metaElements(page, key).filter((meta) => !/^(?:https?:)?\/\/|^www\./i.test(clean(stringProperty(meta, 'content') ?? '')));
    const names = unique(
      elements.flatMap((meta) => {
        const value = clean(stringProperty(meta, 'content') ?? '');
        // One person a tag, family name first: `García Márquez, Gabriel` is one name, not two.
        const inverted = familyFirstKeys.has(key) ? naturalOrderName(withoutContact(value), { onePerson: true }) : undefined;
        if (inverted) return asName(inverted) ?? [];
        const names = namesIn(withoutContact(value));
        // `By ROBERT BURNS, AP National Security Writer` in an author tag: the desk is no author.
        for (const name of /^by\s/i.test(value) ? (readByline(withoutContact(value)).dropped ?? []) : [])
          problems.push({
            ruleId: 'import-author-dropped',
            reason: `the author tag “${value}” names “${name}” after its writers, read as whom they write for, not an author`,
            element: meta,
          });
        const kept = withoutOutlet(names, value, siteNames, page);
        if (kept.length < names.length)
          problems.push({
            ruleId: 'import-author-dropped',
            reason: `the author tag “${value}” ends with “${names.at(-1)}”, read as the outlet its writers work for, not an author: add it back if it is a person`,
            element: meta,
          });
        return kept;
      }),
    );
    if (names.length > 0) found.push({ value: names, from: elements });
  }
  return found;
}

/**
 * `Jill Disis, CNN Business`, `Tanza Loudenback, Business Insider`: a tag that names the writer and,
 * after a comma, the outlet they write for (the site, a section of it, a newsroom): the outlet is
 * no author. A name that reads as a person's (`Jane Doe, John Roe` on John Roe's blog, `Judith
 * Martin, Emily Post`) stays, even when the site bears it.
 */
function withoutOutlet(names: string[], value: string, siteNames: readonly string[], page: PageIndex): string[] {
  const last = names.at(-1);
  if (names.length < 2 || last === undefined || !sameText(value.slice(value.lastIndexOf(',') + 1), last)) return names;
  const words = normalised(last).split(' ');
  const isSite = (site: string) => {
    const siteWords = normalised(site).split(' ');
    // One name opens the other: `Business Insider` of `Business Insider Deutschland`, `CNN` of `CNN Business`.
    const shorter = Math.min(words.length, siteWords.length);
    return words.slice(0, shorter).join(' ') === siteWords.slice(0, shorter).join(' ');
  };
  const namesSite = siteNames.some(isSite) || isHostName(last, page) || isHostName(words[0] ?? '', page);
  const personLike = personShaped(last) && !outletWord.test(last);
  return (namesSite && !personLike) || isNewsOrganisation(last) ? names.slice(0, -1) : names;
}

/** Words of an outlet's name that are nobody's family name: `Business Insider`, `Android Central`, `Mashable India`. */
const outletWord =
  /\b(?:Insider|Business|News|Times|Journal|Magazine|Media|Daily|Weekly|Tribune|Gazette|Chronicle|Wire|Online|Digital|Network|Radio|TV|Central|Blog|Report|Today)\b/;

/** `Jane Doe`, `Mary-Jane O’Neil`, `J. R. Roe`, `Ludwig van Beethoven`: two to four words written as a person's name is. */
function personShaped(name: string): boolean {
  const words = name.trim().split(/\s+/);
  const word = /^(?:\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|\p{Lu}\.|van|von|de|da|del|der|di|du|le|la|ter|ten|bin|al)$/u;
  return words.length >= 2 && words.length <= 4 && words.every((part) => word.test(part)) && /^\p{Lu}/u.test(words.at(-1) ?? '');
}

/**
 * A name only an organisation has: one that opens with `The`, an acronym with a word (`CNN
 * Business`, `ABC News`), or an organisation's word in a name no person would bear (`Associated
 * Press`, `Los Angeles Times`). `Emily Post` is a person whatever `Post` says elsewhere.
 */
function isNewsOrganisation(name: string): boolean {
  if (/^The\s/.test(name)) return true;
  if (/^\p{Lu}{2,5}(?:\s+\p{Lu}\p{Ll}+)*$/u.test(name)) return true;
  return isOrganisationName(name) && !personShaped(name);
}

/** `Bradley M. Kuhn (http://ebb.org/bkuhn/)`, `Jane Doe <jane@example.org>`: the name without the address written after it. */
function withoutContact(value: string): string {
  return value.replace(/\s*[(<]\s*(?:https?:\/\/|mailto:|www\.|[^\s@()<>]+@)[^()<>]*[)>]/gi, '').trim();
}

function namesIn(value: string): string[] {
  // `byl`, some `author` tags and JSON-LD names (`"name": "By ROBERT BURNS, AP National Security Writer"`) hold the visible byline.
  if (/^by\s/i.test(value)) return readByline(value).authors;
  return splitNames(value).flatMap((name) => asName(name) ?? []);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function canonicalLink(page: PageIndex): Found<string> | undefined {
  const link = page.elements.find((element) => element.tagName === 'link' && tokensOf(element, 'rel').includes('canonical') && stringProperty(element, 'href'));
  const href = link && stringProperty(link, 'href');
  return link && href ? { value: href, from: [link] } : undefined;
}

function webAddress(found: Found<string> | undefined): Found<string> | undefined {
  return found && /^https?:\/\//i.test(found.value) ? found : undefined;
}

/** The page's language: `<html lang>`, `og:locale` (`en_US`), `content-language`, JSON-LD `inLanguage`. */
function pageLanguage(page: PageIndex, jsonLd: JsonLdFound | undefined): string | undefined {
  const html = page.elements.find((element) => element.tagName === 'html');
  const contentLanguage = page.metas.find((meta) => (stringProperty(meta, 'httpEquiv') ?? '').toLowerCase() === 'content-language');
  const candidates = [
    html && stringProperty(html, 'lang'),
    metaValue(page, 'og:locale')?.value,
    contentLanguage && stringProperty(contentLanguage, 'content'),
    metaValue(page, 'language')?.value,
    jsonLd && text(jsonLd.article.inLanguage),
  ];
  return candidates
    .map((value) => value?.trim().split(/[,\s]/)[0])
    .find((value): value is string => !!value && /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(value));
}

/** A page's publication date: meta tags, JSON-LD, microdata, a `<time>` near the article; a date that could be read two ways is reported, not guessed. */
function publishedDate(
  page: PageIndex,
  place: ArticlePlace,
  jsonLd: JsonLdFound | undefined,
  options: DateOptions,
  problems: MetadataProblem[],
): Found<string> | undefined {
  // Where the Open Graph tag and the article's structured data disagree, the structured data's:
  // Medium fills `article:published_time` with the last time a post was published again (a post of
  // 15 October 2015 dated 11 December).
  const structured = jsonLd && foundIn(jsonLd, text(jsonLd.article.datePublished));
  const openGraph = metaValue(page, 'article:published_time');
  const candidates: (Found<string> | undefined)[] = [
    openGraph,
    structured,
    ...[
      'og:published_time',
      'datePublished',
      'date',
      'dc.date.issued',
      'dc.date',
      'dcterms.issued',
      'dcterms.created',
      'citation_publication_date',
      'citation_date',
      'parsely-pub-date',
      'sailthru.date',
      'pubdate',
      'publish-date',
      'publish_date',
      // Adobe Experience Manager and other CMSs: `<meta name="publishDate" content="2020-11-11 12:00:00.000-0600">`.
      'publishdate',
      'article.published',
    ].map((key) => metaValue(page, key)),
    jsonLd && foundIn(jsonLd, text(jsonLd.article.dateCreated)),
  ];
  // A day before a month or a year (`<meta name="date" content="1988">` is rarely the article's day).
  let coarse: Found<string> | undefined;
  const accept = (value: string | undefined, from: Element[], order: DateOptions): Found<string> | undefined => {
    const date = value ? parseDate(value, order) : undefined;
    if (!date) return undefined;
    const found = { value: formatPartialDate(date), from };
    if (date.day !== undefined) return found;
    coarse ??= found;
    return undefined;
  };
  // Machine-written fields follow their software, not the page's language (`11/01/2023` on a Swiss
  // site is November): a date there whose day and month could be swapped is not read.
  const written = candidates.filter((candidate): candidate is Found<string> => candidate !== undefined);
  for (const candidate of written) {
    const found = accept(candidate.value, candidate.from, {});
    if (!found) continue;
    const value = localDay(candidate.value, found.value, written, page);
    const other = candidate === openGraph && structured ? accept(structured.value, structured.from, {}) : undefined;
    const otherValue = other && localDay(structured?.value ?? '', other.value, written, page);
    if (!other || !otherValue || otherValue === value) return { ...found, value };
    problems.push({
      ruleId: 'import-date-conflict',
      reason: `the page gives two publication dates: ${otherValue} (its structured data, datePublished, taken) and ${value} (article:published_time, often the last time it was published again): check it`,
      element: openGraph?.from[0],
    });
    return { ...other, value: otherValue };
  }
  for (const element of page.elements.filter((candidate) => isPublishedTime(candidate) && place.isNearArticle(candidate))) {
    const shown = [stringProperty(element, 'dateTime'), stringProperty(element, 'content'), collapsedText(element)];
    for (const value of shown) {
      const found = accept(value, [element], options);
      if (found) return found;
    }
    const swapped = shown.map((value) => value && findAmbiguousDate(value, options)).find(Boolean);
    if (swapped) problems.push(ambiguous(swapped, element, undefined));
  }
  return coarse;
}

/**
 * Open Graph's `article:published_time` alone (no structured data) against the date the page
 * shows with the article: Medium fills the tag with the last time a post was published again
 * (`Aug 8, 2016` shown, 2018-01-19 in the tag), a site in New York writes the evening's instant in
 * UTC (`December 28, 2016` shown, `2016-12-29T01:32:00+00:00`). The shown date is taken, reported.
 */
function shownOverOpenGraph(date: Found<string> | undefined, shown: () => Found<string> | undefined, problems: MetadataProblem[]): Found<string> | undefined {
  const tag = date?.from[0];
  if (
    !date ||
    !tag ||
    tag.tagName !== 'meta' ||
    !/^(?:og:|article:)published_time$/i.test(stringProperty(tag, 'property') ?? stringProperty(tag, 'name') ?? '')
  )
    return date;
  const other = shown();
  if (!other || other.value === date.value || other.value.length !== date.value.length) return date;
  problems.push({
    ruleId: 'import-date-conflict',
    reason: `the page gives two publication dates: ${other.value} (shown with the article, taken) and ${date.value} (article:published_time, often the last time it was published again, or a UTC instant): check it`,
    element: tag,
  });
  return other;
}

/** A permalink's day (`…/2019/01/01/ins-neue-jahr/`) when the page shows none: reported, for the editor to check. */
function addressDate(page: PageIndex, problems: MetadataProblem[]): Found<string> | undefined {
  const link = canonicalLink(page) ?? metaValue(page, 'og:url');
  const date = link && dayInAddress(link.value);
  if (!link || !date) return undefined;
  const iso = formatPartialDate(date);
  problems.push({
    ruleId: 'import-date-inferred',
    reason: `the page shows no date: ${iso} was read from its address (${link.value}); check it`,
    element: link.from[0],
  });
  return { value: iso, from: link.from };
}

const utcInstant = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$/;
const localInstant = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?$/;

/**
 * A UTC instant (`2023-11-09T06:35:29+00:00`) is the evening before in Los Angeles: the day the
 * site published it is the one its own local time gives (`sailthru.date` `2023-11-08 22:35:29`)
 * or its address (`/2023/11/08/…`), when either is a day off.
 */
function localDay(written: string, day: string, candidates: readonly Found<string>[], page: PageIndex): string {
  if (!utcInstant.test(written.trim())) return day;
  const instant = Date.parse(written.trim());
  const local = candidates
    .map((candidate) => candidate.value.trim())
    .find((value) => {
      if (!localInstant.test(value)) return false;
      const apart = Math.abs(Date.parse(`${value.replace(' ', 'T')}Z`) - instant);
      return apart > 0 && apart <= 14 * 3_600_000;
    });
  const address = pageAddress(page);
  const fromAddress = address ? dayInAddress(address) : undefined;
  const other = local?.slice(0, 10) ?? (fromAddress ? formatPartialDate(fromAddress) : undefined);
  if (!other) return day;
  return Math.abs(Date.parse(`${other}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) === 86_400_000 ? other : day;
}

/**
 * A day shown near the title in an element named for it (`<span class="meta__date">Publié le 07 mai
 * 2019</span>`, `<p class="post-date">`, `<div class="post_meta">`), the nearest first; never one
 * that says it was updated.
 */
function datedElement(page: PageIndex, place: ArticlePlace, titleElement: Element | undefined, options: DateOptions): Found<string> | undefined {
  // The title shown over the article, else its first heading: the byline and date sit beside it.
  const heading =
    titleElement && !['title', 'meta', 'script'].includes(titleElement.tagName)
      ? titleElement
      : page.elements.find((element) => (element.tagName === 'h1' || element.tagName === 'h2') && place.isNearArticle(element));
  const anchor = heading ? page.order.get(heading) : undefined;
  const distance = (element: Element) => Math.abs((page.order.get(element) ?? 0) - (anchor ?? 0));
  // Not a date in a table (an infobox's `Founded`), in a citation or a note, or one the reader is not shown.
  const inTableOrHidden = (element: Element) =>
    [element, ...ancestorsOf(element, page.parents)].some(
      (node) =>
        node.type === 'element' &&
        (['td', 'th', 'cite', 'sup'].includes(node.tagName) ||
          /^(?:cite_note|fn|footnote|note)/i.test(stringProperty(node, 'id') ?? '') ||
          node.properties.hidden !== undefined ||
          /display:\s*none/i.test(stringProperty(node, 'style') ?? '')),
    );
  const dated = page.elements.filter(
    (element) =>
      classNames(element).some(
        (name) => /date|time|publish|posted|(?:post|entry|article)[-_]?(?:meta|info)/i.test(name) && !/updat|modif|comment/i.test(name),
      ) &&
      !notBylineTags.has(element.tagName) &&
      place.isNearArticle(element) &&
      !inTableOrHidden(element),
  );
  // Near the title, where bylines are: a dated element further on is a citation, a comment or a list of posts.
  for (const element of dated.filter((candidate) => anchor === undefined || distance(candidate) <= 80).sort((a, b) => distance(a) - distance(b))) {
    const value = collapsedText(element);
    if (value.length > 120 || /updated|modified|aktualisiert|mis à jour|actualizado/i.test(value)) continue;
    const found = findDate(value, options);
    if (found) return { value: found.iso, from: [element] };
  }
  return heading ? openingDate(heading, page, options) : undefined;
}

/**
 * The line right under the title when it opens with a date (`<small>January 13, 2020 at 08:45 AM |
 * categories: …</small>`, a hand-made theme's post line without a class).
 */
function openingDate(heading: Element, page: PageIndex, options: DateOptions): Found<string> | undefined {
  const parent = page.parents.get(heading);
  const next = parent?.children
    .slice(parent.children.indexOf(heading) + 1)
    .find((node) => node.type === 'element' || (node.type === 'text' && node.value.trim() !== ''));
  if (next?.type !== 'element' || /^h[1-6]$/.test(next.tagName) || notBylineTags.has(next.tagName)) return undefined;
  const value = collapsedText(next);
  const found = value.length <= 200 ? findDate(value, options) : undefined;
  return found && found.start === 0 && !/updated|modified/i.test(value) ? { value: found.iso, from: [next] } : undefined;
}

/** `n° 72`, `No. 353`, `Vol. 3`, `Issue 12`, `Heft 4`, `Hors-série 72`: the numbering of a periodical's issue. */
const issueNumbering = /(?:^|[\s(,])(?:n[°º]|no\.|nr\.|num[ée]ro|number|issue|heft|ausgabe|vol\.|volume|hors-s[ée]rie)\s*\d+/i;

/**
 * A magazine's page says over the title which issue printed the piece (`L’état de l’économie 2007`
 * then `Hors-série n° 72, 2e trimestre 2007`; `Vol. 3, No. 2, Spring 1990`): the issue line's date,
 * and the issue's name on the line above it, when nothing else gives them. Only the few lines just
 * over the title shown on the page count, and the issue line must carry both a number and a year.
 */
function issueOverTitle(page: PageIndex, title: Found<string>, options: DateOptions): { date?: Found<string>; venue?: Found<string> } | undefined {
  const shown = title.from.find((element) => !['title', 'meta', 'script'].includes(element.tagName)) ?? shownTitle(page, title.value);
  if (!shown) return undefined;
  const lines = linesBefore(page.page, shown).slice(-4);
  const at = lines.findLastIndex((line) => issueNumbering.test(line) && /\b(?:1[6-9]\d\d|20\d\d)\b/.test(line) && line.length <= 120);
  const line = lines[at];
  if (line === undefined) return undefined;
  const day = findDate(line, options)?.iso ?? /\b(1[6-9]\d\d|20\d\d)\b/.exec(line)?.[1];
  const above = lines[at - 1];
  const isName = above !== undefined && above.length <= 80 && above.split(' ').length <= 8 && !issueNumbering.test(above) && /^[\p{Lu}«“"‘']/u.test(above);
  return { ...(day ? { date: { value: day, from: [] } } : {}), ...(isName ? { venue: { value: above, from: [] } } : {}) };
}

/** The element showing the title on the page when the title was read from `<title>` or a meta tag. */
function shownTitle(page: PageIndex, value: string): Element | undefined {
  const inHead = (element: Element) => [element, ...ancestorsOf(element, page.parents)].some((node) => node.type === 'element' && node.tagName === 'head');
  return page.elements.find((element) => !inHead(element) && !page.branded.has(element) && sameText(collapsedText(element), value));
}

/** The lines of text the page shows before `stop` (split at blocks and line breaks), cleaned. */
function linesBefore(root: Root, stop: Element): string[] {
  const lines: string[] = [];
  let current = '';
  let reached = false;
  const endLine = () => {
    const line = clean(current);
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (reached) return;
      if (child === stop) {
        reached = true;
        return;
      }
      if (child.type === 'text') current += child.value;
      else if (child.type === 'element') {
        if (['script', 'style', 'head', 'template', 'noscript'].includes(child.tagName)) continue;
        const isBlock = blockTags.has(child.tagName) || child.tagName === 'td';
        if (isBlock) endLine();
        walk(child);
        if (isBlock) endLine();
      }
    }
  };
  walk(root);
  endLine();
  return reached ? lines : [];
}

function ambiguous(written: string, element: Element | undefined, language: string | undefined): MetadataProblem {
  return {
    ruleId: 'import-date-ambiguous',
    reason: `the date “${written}” could be day-first or month-first${language ? ` (the page’s language, ${language}, does not say which)` : ' and the page does not say its language'}: no date was taken; add it to the chapter by hand`,
    element,
  };
}

interface TitleCandidate {
  value: string;
  element: Element;
  /** A heading the reader sees over the article, rather than a title for browsers and sharing. */
  visible: boolean;
}

/**
 * The article's title: the heading shown over it, else the title for sharing, the JSON-LD
 * headline, the document title, each without the site's name (`Title — Site`, `Site: Title`); a
 * title that is only the site's name is no title.
 */
function articleTitle(page: PageIndex, place: ArticlePlace, declaredSite: string | undefined, jsonLd: JsonLdFound | undefined): Found<string> | undefined {
  const candidates = titleCandidates(page, place, jsonLd);
  const sites = siteNames(page, candidates, declaredSite);
  for (const candidate of candidates) {
    const value = withoutSiteName(candidate.value, sites);
    if (value === '' || sites.some((site) => sameText(site, value))) continue;
    return { value, from: [candidate.element] };
  }
  return undefined;
}

function titleCandidates(page: PageIndex, place: ArticlePlace, jsonLd: JsonLdFound | undefined): TitleCandidate[] {
  const isArticleHeading = (heading: Element) => place.isNearArticle(heading) && !isBranding(heading, page);
  const headings = page.elements.filter((element) => (element.tagName === 'h1' || element.tagName === 'h2') && isArticleHeading(element));
  const isHeading = new Set(headings);
  const titled = page.elements.filter(
    (element) =>
      (isHeading.has(element) && (matches(visibleTitleSelector, element) || isPermalinkHeading(element))) ||
      (element.tagName === 'h3' && matches(visibleTitleSelector, element) && isArticleHeading(element)),
  );
  const topHeadings = headings.filter((heading) => heading.tagName === 'h1');
  const headline = jsonLd && (text(jsonLd.article.headline) ?? text(jsonLd.article.name));
  const declared = [metaValue(page, 'og:title')?.value, metaValue(page, 'twitter:title')?.value, headline && clean(headline)].filter(
    (value): value is string => value !== undefined && value !== '',
  );
  const stated = statedTitle(titled[0] ?? (topHeadings.length === 1 ? topHeadings[0] : bylinedHeading(topHeadings, page)), declared, page, isArticleHeading);
  const heading = stated && (postUnderSiteHeading(stated, page, isArticleHeading) ?? stated);
  const candidates: TitleCandidate[] = [];
  if (heading) candidates.push({ value: withoutLeadingMarks(clean(collapsedText(heading))), element: heading, visible: true });
  for (const key of ['og:title', 'twitter:title', 'citation_title', 'dc.title']) {
    const found = metaValue(page, key);
    if (found?.from[0]) candidates.push({ value: found.value, element: found.from[0], visible: false });
  }
  if (jsonLd && headline) candidates.push({ value: clean(headline), element: jsonLd.script, visible: false });
  const documentTitle = page.elements.find((element) => element.tagName === 'title');
  if (documentTitle) candidates.push({ value: clean(collapsedText(documentTitle)), element: documentTitle, visible: false });
  return candidates.filter((candidate) => candidate.value !== '');
}

/**
 * Where every section is an `<h1>` (O'Reilly's HTMLBook chapters, the SRE book online), the title
 * is the one the byline follows: `<h1>Monitoring Distributed Systems</h1><p class="byline author">`.
 */
function bylinedHeading(headings: readonly Element[], page: PageIndex): Element | undefined {
  return headings.find((heading) => {
    const parent = page.parents.get(heading);
    const next = parent?.children.slice(parent.children.indexOf(heading) + 1).find((node): node is Element => node.type === 'element');
    return next !== undefined && isBylineCandidate(next) && !/^h[1-6]$/.test(next.tagName);
  });
}

/**
 * A heading the page itself declares as the title (og:title, JSON-LD headline) wins over one that
 * says something else: a Tumblr theme's only `<h1>` is the blog's name (“Minecraft News”) while
 * the post's title is an `<h3>`. Without such a heading the chosen one stays.
 */
function statedTitle(
  heading: Element | undefined,
  declared: readonly string[],
  page: PageIndex,
  isArticleHeading: (element: Element) => boolean,
): Element | undefined {
  const says = (element: Element) => declared.some((title) => sameText(title, clean(collapsedText(element))));
  if (!heading || declared.length === 0 || says(heading)) return heading;
  return page.elements.find((element) => /^h[1-3]$/.test(element.tagName) && isArticleHeading(element) && says(element)) ?? heading;
}

/**
 * Old blog and diary themes set the site's name as the page's heading and each post's title in a
 * lower one, the document title naming both (tDiary's `<title>高木浩光＠自宅の日記 - 改正NICT法が…</title>`,
 * `<h1>高木浩光＠自宅の日記</h1>`, `<h3>■ 改正NICT法が…</h3>`): when the chosen heading is one part of
 * the document title, a heading of the article that shows the other part is the title.
 */
function postUnderSiteHeading(heading: Element, page: PageIndex, isArticleHeading: (element: Element) => boolean): Element | undefined {
  const documentTitle = page.elements.find((element) => element.tagName === 'title');
  if (!documentTitle) return undefined;
  const shown = clean(collapsedText(heading));
  const others = titleSplits(clean(collapsedText(documentTitle)))
    .filter((split) => sameText(split.site, shown))
    .map((split) => split.title);
  if (others.length === 0) return undefined;
  return page.elements.find(
    (element) =>
      element !== heading &&
      /^h[2-4]$/.test(element.tagName) &&
      isArticleHeading(element) &&
      others.some((other) => sameText(other, withoutLeadingMarks(clean(collapsedText(element))))),
  );
}

/** A section mark a theme sets before a heading's words (`■ `, `» `, `# `, `¶ `): not the title's. */
function withoutLeadingMarks(value: string): string {
  return value.replace(/^[■□▪▫●○◆◇►▶»#¶§]+\s*/u, '');
}

/** A heading inside the site's header or logo: `<h1 class="site-title">`, `<h1><a rel="home"><img alt="Site"></a></h1>`. */
function isBranding(heading: Element, page: PageIndex): boolean {
  return page.branded.has(heading) || elementsOf(heading).some(isBrandingElement) || isHomeLinkHeading(heading, page);
}

/**
 * `<h1><a href="http://fouryears.eu">Four Years Remaining</a></h1>`: a heading that only links to a
 * site's front page names the site, when that site is the page's own (a newsletter's section
 * heading `<h2><a href="https://isbgpsafeyet.com">Is BGP safe yet? No.</a></h2>` names another).
 */
function isHomeLinkHeading(element: Element, page: PageIndex): boolean {
  if (!/^h[1-3]$/.test(element.tagName)) return false;
  const links = elementsOf(element).filter((inner) => inner.tagName === 'a');
  const href = links.length === 1 && links[0] ? (stringProperty(links[0], 'href') ?? '') : '';
  // Blogger sends readers to a country's domain (`siliconexposed.blogspot.tw` for `.com`): the last label aside.
  const own = siteOfHost(hostOf(pageAddress(page) ?? ''));
  const frontPage = href === '/' || (/^(?:https?:)?\/\/[^/?#]+\/?$/i.test(href) && (own === undefined || siteOfHost(hostOf(href)) === own));
  return frontPage && links[0] !== undefined && collapsedText(links[0]) === collapsedText(element);
}

/** The address the page declares for itself (canonical link, `og:url`). */
function pageAddress(page: PageIndex): string | undefined {
  return canonicalLink(page)?.value ?? metaValue(page, 'og:url')?.value;
}

function siteOfHost(host: string | undefined): string | undefined {
  return host?.split('.').slice(0, -1).join('.');
}

/** `example.org` for `https://www.example.org/post/`. */
function hostOf(address: string): string | undefined {
  return /^(?:https?:)?\/\/(?:www\.)?([^/:?#]+)/i.exec(address)?.[1]?.toLowerCase();
}

/** `<h2><a href="…/interning-of-small-integers/" rel="bookmark">`: classic WordPress themes title a post with a link to itself. */
function isPermalinkHeading(element: Element): boolean {
  return elementsOf(element).some((inner) => inner.tagName === 'a' && tokensOf(inner, 'rel').includes('bookmark'));
}

/**
 * The names a page gives its site: declared (`og:site_name`, JSON-LD publisher), shown in its
 * header (`.site-title`, the home link), or repeated after a separator in its other titles
 * (`Title | Site` in both `<title>` and `og:title` while the heading says `Title`).
 */
function siteNames(page: PageIndex, candidates: readonly TitleCandidate[], declaredSite: string | undefined): string[] {
  const names = new Set<string>();
  if (declaredSite) names.add(declaredSite);
  const brand = brandName(page)?.value;
  if (brand) names.add(brand);
  // A title that is only the site's name (`og:title` = `og:site_name`) says nothing about the article's.
  const values = candidates.map((candidate) => candidate.value).filter((value) => ![...names].some((name) => sameText(name, value)));
  // Each text normalised once: a long title compared split by split would otherwise take quadratic time.
  const headings = new Set(candidates.filter((candidate) => candidate.visible).map((candidate) => normalised(candidate.value)));
  const read = values.map((value) => ({
    value,
    plain: normalised(value),
    splits: titleSplits(value).map((split) => ({ ...split, plainTitle: normalised(split.title), plainSite: normalised(split.site) })),
  }));
  for (const { value, splits } of read) {
    const others = read.filter((other) => other.value !== value);
    for (const { site, trailing, plainTitle, plainSite } of splits) {
      if (headings.has(plainSite)) continue;
      // The site is what another title lacks (`Title | Site` beside `Title`), what several titles end with, or the site's address.
      const lackedByOther = others.some((other) => other.plain === plainTitle);
      const sharedEnding = trailing && others.some((other) => other.splits.some((split) => split.trailing && split.plainSite === plainSite));
      if (lackedByOther || sharedEnding || isHostName(site, page)) names.add(site);
    }
  }
  return [...names];
}

// `Title | Site`, `Title – Site`, `Title：サイト` (a colon is a subtitle's: `Fantastic Beasts: A Nice Place to Visit`);
// `Site: Title` and `Site | Title` lead.
const trailingSeparator = String.raw`\s+[|–—·•»~-]\s+|\s*[|｜]\s*|\s*：\s*|\s+::\s+`;
const leadingSeparator = String.raw`${trailingSeparator}|:\s+`;

const wholeTrailingSeparator = new RegExp(`^(?:${trailingSeparator})$`);
/** A site's name stands before the first separators or after the last: more splits than these, in a title of thousands of dashes, would take quadratic time. */
const splitsAtEachEnd = 10;

/** The ways a title splits into an article title and a site's name: `A | B` gives `A` with the trailing site `B`, and `B` with the leading site `A`. */
function titleSplits(value: string): { title: string; site: string; trailing: boolean }[] {
  const splits: { title: string; site: string; trailing: boolean }[] = [];
  const matches = [...value.matchAll(new RegExp(leadingSeparator, 'g'))];
  const ends = matches.length > 2 * splitsAtEachEnd ? [...matches.slice(0, splitsAtEachEnd), ...matches.slice(-splitsAtEachEnd)] : matches;
  for (const match of ends) {
    const before = value.slice(0, match.index).trim();
    const after = value.slice(match.index + match[0].length).trim();
    if (before === '' || after === '') continue;
    if (wholeTrailingSeparator.test(match[0])) splits.push({ title: before, site: after, trailing: true });
    splits.push({ title: after, site: before, trailing: false });
  }
  return splits;
}

/** `Motorola is announcing … | Android Central` → `Motorola is announcing …` when Android Central is the site. */
function withoutSiteName(title: string, sites: readonly string[]): string {
  let value = title;
  for (const site of [...sites].sort((a, b) => b.length - a.length)) {
    const escaped = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    const trailing = new RegExp(`(?:${trailingSeparator})${escaped}(?:(?:${trailingSeparator}).*)?$`, 'iu');
    const leading = new RegExp(`^${escaped}(?:${leadingSeparator})`, 'iu');
    const stripped = value.replace(trailing, '').replace(leading, '').trim();
    if (stripped !== '') value = stripped;
  }
  return value;
}

function normalised(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’'"“”«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sameText(a: string, b: string): boolean {
  return normalised(a) === normalised(b);
}

/** `Android Central` for androidcentral.com, `Sports Illustrated` for si.com: a site's name spelled by its address. */
function isHostName(name: string, page: PageIndex): boolean {
  const host = hostOf(pageAddress(page) ?? '');
  if (!host) return false;
  const label = host.split('.').slice(0, -1).join('');
  const letters = name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const initials = name
    .split(/\s+/)
    .map((word) => word[0]?.toLowerCase() ?? '')
    .join('');
  return letters.length > 0 && (letters === label || letters === host.replace(/\./g, '') || (initials.length > 1 && initials === label));
}

/** The site's name as its header shows it: the site title, or the home link's text or logo. */
function brandName(page: PageIndex): Found<string> | undefined {
  const inHeader = (element: Element) => ancestorsOf(element, page.parents).some((ancestor) => ancestor.type === 'element' && ancestor.tagName === 'header');
  const kinds: ((element: Element) => boolean)[] = [
    (element) => hasClass(element, 'site-title', 'site-name') || stringProperty(element, 'id') === 'site-title',
    (element) => hasClass(element, 'navbar-brand'),
    (element) => isHomeLinkHeading(element, page),
    (element) => element.tagName === 'a' && tokensOf(element, 'rel').includes('home'),
    (element) => element.tagName === 'a' && stringProperty(element, 'href') === '/' && inHeader(element),
  ];
  for (const kind of kinds) {
    for (const element of page.elements.filter(kind)) {
      const image = elementsOf(element).find((inner) => inner.tagName === 'img' && stringProperty(inner, 'alt'));
      const value = clean(collapsedText(element)) || (image ? clean(stringProperty(image, 'alt') ?? '') : '');
      if (value !== '' && value.length <= 60 && !/^(?:home|accueil|startseite|inicio)$/i.test(value)) return { value, from: [element] };
    }
  }
  return undefined;
}

/**
 * `Counting the Wells – Field Notes from the Aral`, `… [LWN.net]`: what follows the article's title
 * is the site's name; `高木浩光＠自宅の日記 - 改正NICT法が…`: what leads it.
 */
function siteFromDocumentTitle(page: PageIndex, articleTitle: string): Found<string> | undefined {
  const element = page.elements.find((candidate) => candidate.tagName === 'title');
  const value = element && clean(collapsedText(element));
  if (!element || !value) return undefined;
  // `Site - Title`: what leads the title, when a separator sets it off.
  if (normalised(value).endsWith(normalised(articleTitle)) && !normalised(value).startsWith(normalised(articleTitle))) {
    const leading = titleSplits(value).find((split) => !split.trailing && sameText(split.title, articleTitle));
    // An identifier leads some titles (`draft-dejong-remotestorage-04 - remoteStorage`): a name has words.
    const isIdentifier = leading && /^[\w.-]+$/.test(leading.site) && /\d/.test(leading.site);
    // `Four Years Remaining » Blog Archive » Interning`: the site is what comes first.
    const site = leading?.site.split(new RegExp(trailingSeparator))[0]?.trim();
    return site && !isIdentifier ? { value: site, from: [element] } : undefined;
  }
  if (!normalised(value).startsWith(normalised(articleTitle))) return undefined;
  const rest = value.slice(articleTitle.length);
  // The title's own continuation (`Title: An Observational Study …` after a title without its subtitle) names no site.
  if (!new RegExp(`^(?:${trailingSeparator}|\\s+[[(])`).test(rest)) return undefined;
  const site = rest
    .split(new RegExp(trailingSeparator))
    .map((part) => part.trim().replace(/^\[([^\]]+)\]$|^\(([^)]+)\)$/, '$1$2'))
    // `Title | by Jakob Ulbrich | Medium`: the writer's credit is no site.
    .find((part) => part !== '' && !/^by\s/i.test(part));
  return site && site !== value ? { value: site, from: [element] } : undefined;
}

interface VisibleByline {
  authors: Found<string[]> | undefined;
  editors: Found<string[]> | undefined;
  date: Found<string> | undefined;
  ambiguousDate: string | undefined;
  element: Element | undefined;
  /** What the authors' byline named after them and was read as whom they write for (`AP National Security Writers`). */
  dropped: string[];
}

/** Short blocks that open with a cue (`By Jane Doe`, `Posted by …`, `Par …`): bylines in themes that give them no class. */
const cuedBlockTags = new Set(['p', 'div', 'span', 'cite', 'address', 'small', 'em', 'strong', 'li', 'h4', 'h5', 'h6', 'td', 'section']);
const notBylineTags = new Set(['meta', 'link', 'script', 'style', 'img', 'body', 'html', 'article', 'main', 'head', 'title']);
// A theme may set a mark before the cue: `// By Arun Sai Krishnan • Nov 11, 2020` (Dropbox), `— By …`, `· Von …`.
const cuedBlock =
  /^(?:[/|·•—–-]{1,3}\s*)?(?:(?:written|posted|words|story|text|reporting)\s+by|by|von|par|por|di|door|autor|author|auteur|автор|著者|作者|筆者|文)(?:\s|[:：●])/i;

// Boxes, not the article: `newsletter-form`, `subscribe-box`, `cookie-notice` (a site's `subscriber-content` holds articles,
// and `<body class="cookies-not-set">` the whole page).
const signUpNames =
  /(?:newsletter|subscribe|subscription|sign-?up|opt-?in)[-_]?(?:form|box|block|widget|cta|banner|modal|popup)|^(?:cookie|consent|gdpr)(?:[-_]|$)/i;

/** A short form or a newsletter, sign-up or consent box: its fine print (`By clicking “Subscribe” you agree to our TOS`) is no byline. */
function inSignUp(element: Element, page: PageIndex): boolean {
  return [element, ...ancestorsOf(element, page.parents)].some(
    (node) =>
      node.type === 'element' &&
      node.tagName !== 'body' &&
      // ASP.NET wraps a whole page in one `<form>`: a sign-up form is short, asks for an address or a
      // click, and holds no heading of the page's.
      ((node.tagName === 'form' && isSignUpForm(node)) || [...classNames(node), stringProperty(node, 'id') ?? ''].some((name) => signUpNames.test(name))),
  );
}

function isSignUpForm(form: Element): boolean {
  if (collapsedText(form).length > 1000) return false;
  const inner = elementsOf(form);
  const asks = inner.some(
    (element) => (element.tagName === 'input' && /^(?:email|submit|checkbox)$/i.test(stringProperty(element, 'type') ?? '')) || element.tagName === 'button',
  );
  return asks && !inner.some((element) => /^h1$|^article$/.test(element.tagName));
}

/** `Tuesday 15 October 2019 by Jane Doe`, `Posted on 3 May 2020 at 09:11 by Jane Doe.`: the day, then who wrote it. */
const datedByline = /^((?:(?:posted|published|written)\s+(?:on\s+)?)?.{6,50}?)\s+by\s+\S/i;

/** A short block that gives the day and then the author (`<p class="topAttributionWithDate">`): a byline without an opening cue. */
function isDatedByline(element: Element, options: DateOptions): boolean {
  const value = collapsedText(element);
  const day = value.length <= 150 ? datedByline.exec(value)?.[1] : undefined;
  if (!day) return false;
  const found = findDate(day, options);
  // Nothing but the day before `by` (a time of day may follow it): not a sentence that mentions a date.
  const rest =
    found &&
    `${day.slice(0, found.start)} ${day.slice(found.end)}`
      .replace(/^(?:posted|published|written)\s+(?:on\s+)?/i, '')
      .replace(/\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?/i, '');
  // A weekday may stand before the day (`Tuesday 15 October 2019`, `Dienstag, 28. April 2020`).
  const left = rest?.replace(/[\s,.–—-]+/g, ' ').trim();
  return left !== undefined && /^\p{L}{0,12}$/u.test(left) && !element.children.some((child) => child.type === 'element' && isDatedByline(child, options));
}

/**
 * The byline the reader sees with the article: of the elements that name an author (a link to
 * their page, `.author`, `.byline`, a short block opening with `By`), the nearest to the
 * article's title that yields a name. Only one is read (or its parent, for authors each in their
 * own link): other bylines near the article belong to other stories.
 */
/**
 * `By June the paths were dry and the meadows full of flowers.`: a sentence that opens with the cue,
 * not a byline. After the cue and a capitalised word or three, lower-case words run on (a byline
 * goes on with a comma, a date, `and`, `for the Guardian`, never three lower-case words in a row).
 */
const proseAfterCue = /^\s*\S+\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:\p{Ll}+\s+){2,}\p{Ll}+/u;

function visibleByline(
  page: PageIndex,
  place: ArticlePlace,
  titleElement: Element | undefined,
  options: DateOptions,
  siteNames: readonly string[],
): VisibleByline {
  const { elements: all, order } = page;
  const anchor = titleElement && !['title', 'meta', 'script'].includes(titleElement.tagName) ? order.get(titleElement) : undefined;
  const distance = (element: Element) => (anchor === undefined ? (order.get(element) ?? 0) : Math.abs((order.get(element) ?? 0) - anchor));
  const cued = all.filter((element) => {
    if (!cuedBlockTags.has(element.tagName)) return false;
    if (!cuedBlock.test(firstText(element))) return isDatedByline(element, options);
    const value = collapsedText(element);
    return (
      value.length <= 150 &&
      cuedBlock.test(value) &&
      !proseAfterCue.test(value) &&
      !element.children.some((child) => child.type === 'element' && cuedBlock.test(collapsedText(child)))
    );
  });
  const inCaption = (element: Element) =>
    ancestorsOf(element, page.parents).some((ancestor) => ancestor.type === 'element' && (ancestor.tagName === 'figure' || ancestor.tagName === 'figcaption'));
  const candidates = [...new Set([...all.filter(isBylineCandidate), ...cued])]
    .filter(
      (element) =>
        !notBylineTags.has(element.tagName) && place.isNearArticle(element) && !inCaption(element) && !inSignUp(element, page) && !isMention(element, page),
    )
    .sort((a, b) => distance(a) - distance(b));
  const readings = new Map<Element, Byline>();
  const read = (element: Element): Byline => {
    let reading = readings.get(element);
    if (!reading) {
      reading = readByline(shownText(element), { ...options, requireCue: hasClass(element, ...cuedOnlyClasses), handles: true });
      readings.set(element, reading);
    }
    return reading;
  };
  // Editors and the date come from the nearest block that says who did what (`Written by X / Edited by Y`).
  const block = candidates.find((element) => read(element).cued);
  const blockByline = block ? read(block) : undefined;
  const authors = nearestAuthors(page, candidates, read, siteNames, options);
  const from = authors?.from[0];
  return {
    authors,
    dropped: from && readings.has(from) ? (read(from).dropped ?? []) : [],
    editors: blockByline && blockByline.editors.length > 0 && block ? { value: blockByline.editors, from: [block] } : undefined,
    date: blockByline?.date && block ? { value: blockByline.date, from: [block] } : undefined,
    ambiguousDate: blockByline?.ambiguousDate,
    element: block,
  };
}

/**
 * A link to a person's page in a sentence of the text (`US President <a href="/topics/people/donald-trump.html">Donald
 * Trump</a> has been eager to withdraw…`, Al Jazeera): the person is written about, not the writer. Only
 * the address made it a byline; a paragraph of prose around it is no byline.
 */
function isMention(element: Element, page: PageIndex): boolean {
  if (element.tagName !== 'a' || classNames(element).some((name) => /author|byline/i.test(name)) || tokensOf(element, 'rel').includes('author')) return false;
  if (tokensOf(element, 'itemProp').includes('author')) return false;
  const block = ancestorsOf(element, page.parents).find(
    (ancestor): ancestor is Element => ancestor.type === 'element' && ['p', 'li', 'blockquote', 'td', 'dd'].includes(ancestor.tagName),
  );
  return block !== undefined && collapsedText(block).length > 150 && !cuedBlock.test(firstText(block));
}

/**
 * The authors of the nearest byline that names someone (`candidates` nearest first). One that names
 * only the site (`By The Planetary Press`, its account) gives way to a later one that says who wrote
 * the piece (`Written by: Julie Mollins` opening the text); without one, it stands (and is no author).
 */
function nearestAuthors(
  page: PageIndex,
  candidates: readonly Element[],
  read: (element: Element) => Byline,
  siteNames: readonly string[],
  options: DateOptions,
): Found<string[]> | undefined {
  let siteOnly: Found<string[]> | undefined;
  for (const element of candidates) {
    const { authors: names, cued } = read(element);
    if (names.length === 0 || (siteOnly && !cued)) continue;
    if (names.every((name) => siteNames.some((site) => sameText(site, name)))) {
      siteOnly ??= { value: names, from: [element] };
      continue;
    }
    // Authors each in their own link (`By <a>A</a> and <a>B</a>`): the parent's text names them all, cues and all.
    const parent = page.parents.get(element);
    const together = parent?.type === 'element' && collapsedText(parent).length <= 300 ? readByline(shownText(parent), options) : undefined;
    if (parent?.type === 'element' && together && names.every((name) => together.authors.includes(name)) && together.authors.length > names.length)
      return { value: together.authors, from: [parent] };
    return { value: names, from: [element] };
  }
  return siteOnly;
}

/**
 * Authors marked up as such (microformats `h-entry` → `p-author`, microdata `itemprop=author`) in
 * the article's own item: a page that lists other stories marks up their authors too, so only the
 * item holding the article's title (else the nearest to it) counts.
 */
function microformatAuthors(page: PageIndex, place: ArticlePlace, titleElement: Element | undefined): Found<string[]> | undefined {
  const { parents, order } = page;
  const isMarkedAuthor = (element: Element) =>
    tokensOf(element, 'itemProp').includes('author') ||
    (hasClass(element, 'p-author') && ancestorsOf(element, parents).some((ancestor) => ancestor.type === 'element' && hasClass(ancestor, 'h-entry')));
  const scopeOf = (element: Element) =>
    ancestorsOf(element, parents).find(
      (ancestor): ancestor is Element => ancestor.type === 'element' && (ancestor.properties.itemScope !== undefined || hasClass(ancestor, 'h-entry')),
    );
  // An image's or a comment's item has an author too (`<figcaption><p itemprop="author">`): only an article's counts.
  const isArticleItem = (scope: Element | undefined) =>
    scope !== undefined && (hasClass(scope, 'h-entry') || [...articleTypes].some((type) => (stringProperty(scope, 'itemType') ?? '').endsWith(`/${type}`)));
  const elements = page.elements.filter(
    (element) => element.tagName !== 'link' && isMarkedAuthor(element) && isArticleItem(scopeOf(element)) && place.isNearArticle(element),
  );
  if (elements.length === 0) return undefined;
  const titleAt = titleElement ? order.get(titleElement) : undefined;
  const titleScope = titleElement && titleAt !== undefined ? scopeOf(titleElement) : undefined;
  const nearest = [...elements].sort((a, b) => Math.abs((order.get(a) ?? 0) - (titleAt ?? 0)) - Math.abs((order.get(b) ?? 0) - (titleAt ?? 0)))[0];
  const scope = elements.some((element) => titleScope && scopeOf(element) === titleScope) ? titleScope : nearest && scopeOf(nearest);
  const own = elements.filter((element) => scopeOf(element) === scope);
  const names: string[] = [];
  for (const element of own) {
    const nameElement = elementsOf(element).find((inner) => hasClass(inner, 'p-name') || tokensOf(inner, 'itemProp').includes('name')) ?? element;
    const written = nameElement.tagName === 'meta' ? metaContent(nameElement) : shownText(nameElement);
    for (const name of readByline(clean(written)).authors) if (!names.includes(name)) names.push(name);
  }
  return names.length > 0 ? { value: names, from: own } : undefined;
}

/** The start of an element's text, cheaply: its first 40 characters or so. */
function firstText(element: Element): string {
  let found = '';
  const walk = (node: Element) => {
    for (const child of node.children) {
      if (found.length >= 40) return;
      if (child.type === 'text') found += child.value.replace(/\s+/g, ' ');
      else if (child.type === 'element') walk(child);
    }
  };
  walk(element);
  return found.trimStart();
}

const blockTags = new Set([
  'div',
  'p',
  'li',
  'ul',
  'ol',
  'section',
  'header',
  'footer',
  'address',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
]);

/**
 * Text as sighted readers see it, each element's text kept apart from the next: themes label
 * bylines for screen readers only (`<span class="screen-reader-text">Author </span>`) and print a
 * job title or a Twitter link right after the name (`Jane Doe` `Staff Writer`).
 */
function shownText(node: Element): string {
  const parts: string[] = [];
  const walk = (current: Element) => {
    if (hasClass(current, 'screen-reader-text', 'sr-only', 'visually-hidden', 'screen-reader-only') || current.properties.hidden !== undefined) return;
    if (current.tagName === 'script' || current.tagName === 'style') return;
    const boundary = blockTags.has(current.tagName) ? '\n' : elementBoundary;
    parts.push(boundary);
    for (const child of current.children) {
      if (child.type === 'text') parts.push(child.value.replace(/\s+/g, ' '));
      else if (child.type === 'element') walk(child);
    }
    parts.push(boundary);
  };
  walk(node);
  // A block's end is a line's (`Eingestellt von Unknown` above the share buttons and the labels): a byline ends with its line.
  const joined = decodeEntities(parts.join(''))
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n[\s\u2063]*/g, (gap) => (gap.includes(elementBoundary) ? `\n${elementBoundary}` : '\n'))
    .trim();
  return joined.replace(new RegExp(`${elementBoundary}(\\s*)${elementBoundary}`, 'g'), `$1${elementBoundary}`);
}

function dek(page: PageIndex, place: ArticlePlace, titleElement: Element | undefined): Found<string> | undefined {
  // A dek is a sentence or two: a block of the text's length that says `subtitle` is a wrapper.
  const element = page.elements.find(
    (candidate) =>
      isDek(candidate) &&
      place.isNearArticle(candidate) &&
      collapsedText(candidate) !== '' &&
      collapsedText(candidate).length <= 400 &&
      !inLink(candidate, page) &&
      !aboveTitle(candidate, page, titleElement),
  );
  if (!element) return undefined;
  // The Guardian's standfirst holds the dek's paragraph, then the byline's.
  const first = element.children.find((child): child is Element => isElementNode(child) && child.tagName === 'p' && collapsedText(child).trim() !== '');
  return { value: clean(collapsedText(first ?? element)), from: [element] };
}

/** A teaser's subtitle (`<a href="…"><span class="read-more-big__subtitle">Also on rt.com</span>…`, RT): another story's. */
function inLink(element: Element, page: PageIndex): boolean {
  return ancestorsOf(element, page.parents).some((ancestor) => ancestor.type === 'element' && ancestor.tagName === 'a');
}

/**
 * Set before the title heading: a widget's subtitle in the page's top bar (nj.com's `advtoprail__weather-subtitle`,
 * “AccuWeather.com Quick Look”), or a kicker over the headline in the title's own header (`STREAM BIG`). A
 * dek comes under the title; one above it is one only when it stands beside the title and reads as a sentence.
 */
function aboveTitle(element: Element, page: PageIndex, titleElement: Element | undefined): boolean {
  if (!titleElement || ['title', 'meta', 'script'].includes(titleElement.tagName)) return false;
  // The first heading that shows the title: the Guardian repeats it in a hidden `<h1 itemprop="headline">` after the dek.
  const title = normalised(collapsedText(titleElement));
  const shown = page.elements.find(
    (candidate) => candidate === titleElement || (/^h[1-6]$/.test(candidate.tagName) && normalised(collapsedText(candidate)) === title),
  );
  const titleAt = shown && page.order.get(shown);
  if (!shown || titleAt === undefined || (page.order.get(element) ?? 0) > titleAt) return false;
  const header = page.parents.get(shown);
  const beside = header !== undefined && ancestorsOf(element, page.parents).includes(header);
  return !beside || collapsedText(element).trim().split(/\s+/).length < 5;
}

function isElementNode(node: Nodes): node is Element {
  return node.type === 'element';
}

/**
 * A subheading set right under the title heading, before the article's text (Salon's
 * `<h1>…</h1> <h2>Disruptive companies talk a good game…</h2> <span class="byline">`): the dek,
 * when it reads as a sentence (five words or more, not a date or a byline), no paragraph of the
 * text follows it, which a first section's heading would have, and no other heading of its rank
 * stands beside the title (`<h2>How we measured…</h2>…<h2>What the numbers showed</h2>`: sections).
 */
function headingDek(page: PageIndex, titleElement: Element | undefined, options: DateOptions): Found<string> | undefined {
  const rank = titleElement && /^h([1-5])$/.exec(titleElement.tagName)?.[1];
  if (!titleElement || !rank) return undefined;
  const [next, after] = nextElements(titleElement, page, 2);
  const nextRank = next && /^h([2-6])$/.exec(next.tagName)?.[1];
  if (!next || !nextRank || Number(nextRank) <= Number(rank)) return undefined;
  const value = clean(collapsedText(next));
  const words = value.split(/\s+/).length;
  if (words < 5 || value.length > 300 || /^by\s/i.test(value) || findDate(value, options)) return undefined;
  if (after?.tagName === 'p' && collapsedText(after).length >= 200) return undefined;
  // Other headings of its rank in the title's container: it is the first of the text's sections.
  const container = page.parents.get(titleElement);
  if (container && elementsOf(container).some((heading) => heading !== next && heading.tagName === next.tagName)) return undefined;
  return { value, from: [next] };
}

/** The elements that follow `element` in its parent, whitespace and comments passed over. */
function nextElements(element: Element, page: PageIndex, count: number): Element[] {
  const parent = page.parents.get(element);
  if (!parent) return [];
  return parent.children
    .slice(parent.children.indexOf(element) + 1)
    .filter((node): node is Element => node.type === 'element' && !['script', 'style', 'template', 'noscript'].includes(node.tagName))
    .slice(0, count);
}

/** Distill's article template keeps its front matter as JSON: `<d-front-matter><script type="text/json">{"authors": [{"author": …}]}`. */
function distillAuthors(page: PageIndex): Found<string[]> | undefined {
  const script = page.elements.find(
    (element) =>
      element.tagName === 'script' && page.parents.get(element)?.type === 'element' && (page.parents.get(element) as Element).tagName === 'd-front-matter',
  );
  if (!script) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(textContent(script));
  } catch {
    return undefined;
  }
  const authors = isRecord(parsed) && Array.isArray(parsed.authors) ? parsed.authors : [];
  const names = unique(authors.flatMap((author) => (isRecord(author) ? namesIn(clean(text(author.author) ?? text(author.name) ?? '')) : [])));
  return names.length > 0 ? { value: names, from: [script] } : undefined;
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
function jsonLdArticle(page: PageIndex): JsonLdFound | undefined {
  for (const script of page.elements.filter(
    (element) => element.tagName === 'script' && stringProperty(element, 'type')?.trim().toLowerCase() === 'application/ld+json',
  )) {
    const parsed = parseJsonLd(textContent(script));
    if (parsed === undefined) continue;
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
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' && value.trim() !== '' ? clean(value) : undefined;
}

function idOf(value: unknown): string | undefined {
  return text(value) ?? (isRecord(value) ? text(value['@id']) : undefined);
}

function resolve(value: unknown, graph: readonly Record<string, unknown>[]): unknown {
  if (!isRecord(value) || value.name !== undefined || typeof value['@id'] !== 'string') return value;
  return graph.find((node) => node !== value && node['@id'] === value['@id'] && node.name !== undefined) ?? value;
}

function nameOf(value: unknown, graph: readonly Record<string, unknown>[]): string | undefined {
  const resolved = resolve(Array.isArray(value) ? value[0] : value, graph);
  return isRecord(resolved) ? text(resolved.name) : undefined;
}

/** The site's own name in a Yoast-style graph (`{"@type": "WebSite", "name": …}`). */
function websiteName(graph: readonly Record<string, unknown>[]): string | undefined {
  const site = graph.find((node) => typesOf(node).includes('WebSite'));
  return site ? text(site.name) : undefined;
}

/** Names of JSON-LD persons or organisations: one or a list, objects, `@id` references into the graph, or strings (never addresses). */
function personNames(value: unknown, graph: readonly Record<string, unknown>[]): string[] | undefined {
  const entries = Array.isArray(value) ? value : [value];
  const names = entries.flatMap((entry) => {
    if (typeof entry === 'string') return /^(?:https?:)?\/\//i.test(entry.trim()) ? [] : namesIn(clean(entry));
    const name = nameOf(entry, graph);
    const isOrganisation = isRecord(entry) && typesOf(resolve(entry, graph) as Record<string, unknown>).includes('Organization');
    // An organisation's name is not split at `and` (`Médecins Sans Frontières and Partners`).
    return name ? (isOrganisation ? [name] : namesIn(name)) : [];
  });
  return names.length > 0 ? unique(names) : undefined;
}
