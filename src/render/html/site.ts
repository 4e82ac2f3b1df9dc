import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { interfaceWords, isEnglish, isTranslated } from '../../core/interface-words.ts';
import { contentKey, type Memo, noMemo } from '../../core/memo.ts';
import type { Book, Chapter, OutputFiles } from '../../core/types.ts';
import type { RenderAssets } from '../assets.ts';
import { type ChapterFrame, chapterFrame, chapterKey, frameKey } from '../chapter-frame.ts';
import {
  chapterBodyToHast,
  chapterFileLink,
  chapterOpening,
  chapterReferencesWithIds,
  editorsLine,
  formatDate,
  joinNames,
  linkChapterCitations,
  referenceEntries,
  safeId,
  screenIdPrefix,
  walkElements,
} from '../common.ts';
import { typographicCover } from '../cover.ts';
import { editionName, editionNoteLines, editionNoteTitle, redirectTargets } from '../edition.ts';
import { screenFigureImage } from '../figures.ts';
import { acknowledgementLines, copyrightLines } from '../matter.ts';
import { type Contributor, contributorsOf } from '../pdf/contributors.ts';
import { titleHast, titleText } from '../title.ts';
import { chapterMetadata, pageMetadata } from './metadata.ts';

/** A page of the site: where it is, what it is called, and what it shows. */
interface SitePage {
  href: string;
  /** Plain text (the `<title>`, Open Graph). */
  title: string;
  /** Short name in the previous/next links. */
  label: string;
  /** The label is a title as written, inline Markdown and all (`title.ts`). */
  labelIsMarkdown?: true;
  language: string;
}

/**
 * Renders the book as a static site: a home page (cover, title, contents), one page per chapter,
 * the bibliography, contributors, acknowledgements and about pages, a search page (its index is
 * added by the build, `adapters/pagefind.ts`), the pictures, fonts, stylesheet and two small
 * scripts (note previews, search), and `sitemap.xml` when `url` is set. Every page links to the
 * previous and next in reading order. A chapter's page is asked of `memo` by all it shows: the
 * chapter, its frame (`chapter-frame.ts`), its place and its neighbours' titles; the other pages,
 * which list the whole book, are made every time.
 */
export function renderHtmlSite(book: Book, assets: RenderAssets, memo: Memo = noMemo): OutputFiles {
  const files: OutputFiles = new Map();
  renderHtmlSiteInto(files, book, assets, memo);
  return files;
}

/** Where the site's files go as they are made: a Map (`renderHtmlSite`), or the build's writer, which keeps none of them. */
export interface SiteFiles {
  set(path: string, content: Uint8Array | string): unknown;
  keys(): Iterable<string>;
}

/**
 * `renderHtmlSite`, each file given to `files` as it is made (a second file under one path
 * replaces the first, as in a Map): a build writes each page at once and never holds the site,
 * ~27 MB of pages at 1,000 chapters.
 */
export function renderHtmlSiteInto(files: SiteFiles, book: Book, assets: RenderAssets, memo: Memo = noMemo): void {
  const { config } = book;
  const cover = addStaticFiles(files, book, assets);
  const contributors = contributorsOf(book);
  const acknowledgements = acknowledgementLines(book);
  const editionNote = editionNoteLines(book);
  const sequence = readingSequence(book, {
    contributors: contributors.length > 0,
    acknowledgements: acknowledgements.length > 0,
    editionNote: editionNote.length > 0,
  });
  const place = new Map(sequence.map((page, index) => [page.href, index]));
  const pagerOf = (page: SitePage): Pager | undefined => {
    const index = place.get(page.href);
    return index === undefined ? undefined : { previous: sequence[index - 1], next: sequence[index + 1] };
  };
  const render = (page: SitePage, main: ElementContent[], extra: PageExtras = {}) => {
    files.set(page.href, pageHtml(book, page, main, pagerOf(page), extra));
  };
  const at = (href: string) => sequence[place.get(href) ?? -1] as SitePage;

  render(
    at('index.html'),
    homeBody(book, cover.path, { contributors: contributors.length > 0, acknowledgements: acknowledgements.length > 0, editionNote: editionNote.length > 0 }),
    {
      head: pageMetadata(book, at('index.html'), 'book', cover.path),
    },
  );
  const frame = chapterFrame(book);
  for (const chapter of book.chapters) {
    const page = at(chapterHref(chapter));
    const pager = pagerOf(page);
    const key = () => contentKey(frameKey(frame), chapterKey(chapter), page, pager ?? null, cover.path);
    files.set(
      page.href,
      memo.value('site-page', key, () => chapterPageHtml(frame, chapter, page, pager, cover.path)),
    );
  }
  const { bibliography } = book;
  if (bibliography) {
    // Remembered by the list's own key (thousands of entries at hundreds of chapters).
    const page = at('bibliography.html');
    const pager = pagerOf(page);
    const make = () =>
      pageHtml(
        book,
        page,
        [
          h('section.bibliography', { 'aria-labelledby': 'bibliography-heading' }, [
            h('h1#bibliography-heading', interfaceWords(config.language)('bibliography')),
            ...referenceEntries(bibliography),
          ]),
        ],
        pager,
        {},
      );
    const { key } = bibliography;
    files.set(page.href, key ? memo.value('site-page', () => contentKey('bibliography', config, page, pager ?? null, key), make) : make());
  }
  if (contributors.length > 0) {
    render(at('contributors.html'), contributorsMain(book, contributors));
  }
  if (acknowledgements.length > 0) render(at('acknowledgements.html'), [h('h1', interfaceWords(config.language)('acknowledgements')), ...acknowledgements]);
  if (editionNote.length > 0) render(at(editionNoteHref), [h('h1', editionNoteTitle), ...editionNote]);
  render(at('about.html'), aboutBody(book));
  const search = interfaceWords(config.language)('search');
  render({ href: 'search.html', title: search, label: search, language: config.language }, searchBody(config.language), {
    scripts: [h('script', { type: 'module', src: 'search.js' })],
  });
  if (config.url) files.set('sitemap.xml', sitemap(config.url, [...sequence.map((page) => page.href), 'search.html']));
  // An earlier edition's addresses keep working (the sitemap lists only this edition's pages).
  for (const redirect of redirectTargets(book, new Set(files.keys()), (id) => `${safeId(id)}.html`)) files.set(redirect.from, redirectPage(book, redirect));
}

/** Stylesheet, scripts, fonts, pictures and the cover into `files`; returns the cover. */
function addStaticFiles(files: SiteFiles, book: Book, assets: RenderAssets): { path: string; bytes: Uint8Array } {
  files.set('style.css', `${assets.fontFaceCss}\n${assets.siteCss}`);
  files.set('notes.js', assets.notesScript);
  files.set('search.js', assets.searchScript);
  for (const font of assets.fonts) files.set(`fonts/${font.fileName}`, font.bytes);
  for (const image of book.images?.values() ?? []) files.set(image.web.path, image.web.bytes);
  const cover = book.cover ? book.cover.web : { path: 'images/cover.svg', bytes: new TextEncoder().encode(typographicCover(book)) };
  files.set(cover.path, cover.bytes);
  return cover;
}

/** The pages in reading order (each links to the previous and next): contents, chapters, then the back matter the book has. */
function readingSequence(book: Book, has: { contributors: boolean; acknowledgements: boolean; editionNote: boolean }): SitePage[] {
  const { config } = book;
  const words = interfaceWords(config.language);
  return [
    { href: 'index.html', title: titleText(config.title), label: words('contents'), language: config.language },
    ...book.chapters.map((chapter) => ({
      href: chapterHref(chapter),
      title: titleText(chapter.meta.title),
      label: chapter.meta.title,
      labelIsMarkdown: true as const,
      language: chapterLanguage(book, chapter),
    })),
    ...(book.bibliography ? [{ href: 'bibliography.html', title: words('bibliography'), label: words('bibliography'), language: config.language }] : []),
    ...(has.contributors ? [{ href: 'contributors.html', title: words('contributors'), label: words('contributors'), language: config.language }] : []),
    ...(has.acknowledgements
      ? [{ href: 'acknowledgements.html', title: words('acknowledgements'), label: words('acknowledgements'), language: config.language }]
      : []),
    ...(has.editionNote ? [{ href: editionNoteHref, title: editionNoteTitle, label: editionNoteTitle, language: config.language }] : []),
    { href: 'about.html', title: words('aboutThisEdition'), label: words('aboutThisEdition'), language: config.language },
  ];
}

/** A chapter's page: from its frame, never the whole book (so its cache key is all it shows). */
function chapterPageHtml(frame: ChapterFrame, chapter: Chapter, page: SitePage, pager: Pager | undefined, coverPath: string): string {
  return pageHtml(frame, page, chapterMain(frame, chapter), pager, {
    head: chapterMetadata(frame, chapter, page, coverPath),
    scripts: [h('script', { src: 'notes.js', defer: true })],
    mainProperties: { 'data-pagefind-body': '' },
  });
}

function contributorsMain(book: Book, contributors: readonly Contributor[]): ElementContent[] {
  return [
    h('h1', interfaceWords(book.config.language)('contributors')),
    ...contributors.map((contributor) =>
      h('section.contributor-entry', { 'aria-labelledby': safeId(`contributor-${contributor.name}`) }, [
        h(`h2#${safeId(`contributor-${contributor.name}`)}`, contributor.name),
        ...(contributor.bio ? [h('p', contributor.bio)] : []),
        h(
          'ul.contributor-chapters',
          contributor.chapters.map((chapter) => h('li', [h('a', { href: chapterHref(chapter), ...langOf(book, chapter) }, titleHast(chapter.meta.title))])),
        ),
      ]),
    ),
  ];
}

export function chapterHref(chapter: Chapter): string {
  return `${safeId(chapter.slug)}.html`;
}

function chapterLanguage(book: Book, chapter: Chapter): string {
  return chapter.meta.language ?? book.config.language;
}

/** `lang` for a chapter's title shown among the book's own language. */
function langOf(book: Book, chapter: Chapter): { lang?: string } {
  return chapter.meta.language && chapter.meta.language !== book.config.language ? { lang: chapter.meta.language } : {};
}

interface Pager {
  previous: SitePage | undefined;
  next: SitePage | undefined;
}

interface PageExtras {
  head?: Element[];
  scripts?: Element[];
  mainProperties?: Record<string, string>;
}

function pageHtml(book: Pick<Book, 'config'>, page: SitePage, main: ElementContent[], pager: Pager | undefined, extra: PageExtras): string {
  const { config } = book;
  const words = interfaceWords(config.language);
  const title = page.href === 'index.html' ? titleText(config.title) : `${page.title} · ${titleText(config.title)}`;
  const tree: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: page.language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          h('meta', { name: 'color-scheme', content: 'light dark' }),
          h('link', { rel: 'stylesheet', href: 'style.css' }),
          ...(extra.head ?? []),
          ...(extra.scripts ?? []),
        ]),
        h('body', [
          h('a.skip-link', { href: '#main' }, words('skipToText')),
          h('header.site-header', { lang: config.language }, [
            h('a.site-title', { href: 'index.html' }, titleHast(config.title)),
            h('nav.site-nav', { 'aria-label': 'Book' }, [
              h('a', { href: 'index.html#contents' }, words('contents')),
              h('a', { href: 'search.html' }, words('search')),
              h('a', { href: 'about.html' }, words('about')),
            ]),
          ]),
          h('main#main', extra.mainProperties ?? {}, main),
          ...(pager ? [pagerNav(book, pager.previous, pager.next)] : []),
        ]),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}

function pagerNav(book: Pick<Book, 'config'>, previous: SitePage | undefined, next: SitePage | undefined): Element {
  const words = interfaceWords(book.config.language);
  const link = (page: SitePage, rel: 'prev' | 'next') =>
    h('a', { rel, href: page.href }, [
      h('span.pager-direction', rel === 'prev' ? `← ${words('previous')}` : `${words('next')} →`),
      h('span.pager-title', page.language !== book.config.language ? { lang: page.language } : {}, page.labelIsMarkdown ? titleHast(page.label) : page.label),
    ]);
  return h('nav.pager', { 'aria-label': 'Previous and next', lang: book.config.language }, [
    previous ? link(previous, 'prev') : h('span'),
    next ? link(next, 'next') : h('span'),
  ]);
}

function homeBody(book: Book, coverPath: string, has: { contributors: boolean; acknowledgements: boolean; editionNote: boolean }): ElementContent[] {
  const { config } = book;
  const words = interfaceWords(config.language);
  return [
    h('header.book-title', [
      h('img.cover', { src: coverPath, alt: '', width: book.cover?.width ?? 1400, height: book.cover?.height ?? 2100 }),
      h('div.book-title-text', [
        h('h1', titleHast(config.title)),
        ...(config.subtitle ? [h('p.subtitle', titleHast(config.subtitle))] : []),
        h('p.editors', editorsLine(book)),
        h('form.search-form', { action: 'search.html', role: 'search' }, [
          h('label', { for: 'home-search' }, words('searchTheBook')),
          h('input#home-search', { type: 'search', name: 'q' }),
          h('button', { type: 'submit' }, words('search')),
        ]),
      ]),
    ]),
    h('nav.contents#contents', { 'aria-labelledby': 'contents-heading' }, [
      h('h2#contents-heading', words('contents')),
      ...book.parts.map((part) => partList(book, part.title, part.chapters)),
      h('ul.matter-list', [
        ...(book.bibliography ? [h('li', [h('a', { href: 'bibliography.html' }, words('bibliography'))])] : []),
        ...(has.contributors ? [h('li', [h('a', { href: 'contributors.html' }, words('contributors'))])] : []),
        ...(has.acknowledgements ? [h('li', [h('a', { href: 'acknowledgements.html' }, words('acknowledgements'))])] : []),
        ...(has.editionNote ? [h('li', [h('a', { href: editionNoteHref }, editionNoteTitle)])] : []),
        h('li', [h('a', { href: 'about.html' }, words('aboutThisEdition'))]),
      ]),
    ]),
    h('footer.imprint', [
      h('p', `${config.publisher} · ${editionName(config.edition.number)}, ${formatDate(config.edition.date, config.language)}`),
      ...(config.licence ? [h('p', config.licence)] : []),
    ]),
  ];
}

function partList(book: Book, title: string | undefined, chapters: Chapter[]): Element {
  const list = h(
    'ol.chapter-list',
    chapters.map((chapter) =>
      h('li', { value: chapter.number }, [
        h('a', { href: chapterHref(chapter), ...langOf(book, chapter) }, titleHast(chapter.meta.title)),
        ...(chapter.meta.authors.length > 0 ? [h('span.toc-authors', joinNames(chapter.meta.authors, book.config.language))] : []),
      ]),
    ),
  );
  return title ? h('section.part', { 'aria-label': titleText(title) }, [h('h3', titleHast(title)), list]) : list;
}

function chapterMain(book: ChapterFrame, chapter: Chapter): ElementContent[] {
  const idPrefix = screenIdPrefix(chapter.slug);
  const body = chapterBodyToHast(chapter, {
    idPrefix,
    notesHeading: interfaceWords(book.config.language)('notes'),
    figureImage: screenFigureImage(book, 'web', ''),
    chapterLink: chapterFileLink('html'),
  });
  linkChapterCitations(body, chapter, idPrefix, { keys: book.bibliography?.keys, file: 'bibliography.html' });
  const article = h('article.chapter', { id: safeId(chapter.slug) }, [
    ...chapterOpening(chapter, book),
    ...(body.children as ElementContent[]),
    ...chapterReferencesWithIds(chapter, book.config.language, idPrefix),
  ]);
  for (const element of walkElements(article)) {
    // “Chapter 3” would open every result's excerpt.
    const classes = element.properties.className;
    if (Array.isArray(classes) && classes.includes('chapter-number')) element.properties.dataPagefindIgnore = '';
  }
  return [article];
}

function aboutBody(book: Book): ElementContent[] {
  const { config } = book;
  return [
    h('h1', interfaceWords(config.language)('aboutThisEdition')),
    h('p', [h('cite', titleHast(config.title)), ...(config.subtitle ? [': ', ...titleHast(config.subtitle)] : []), `. ${editorsLine(book)}.`]),
    // The copyright lines name the identifier already.
    ...copyrightLines(book, 'Source Serif 4'),
    h('p', 'This edition is also published as an EPUB and a PDF. Notes are linked to the text both ways; citations link to the bibliography.'),
  ];
}

const editionNoteHref = 'edition.html';

/**
 * A page at an address an earlier edition had: a meta refresh and a canonical link to where that
 * page is now, and a plain link for readers and robots that follow neither. Not indexed.
 */
function redirectPage(book: Book, redirect: { from: string; to: string; title: string }): string {
  const canonical = book.config.url ? new URL(redirect.to, book.config.url.endsWith('/') ? book.config.url : `${book.config.url}/`).href : redirect.to;
  const tree: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: book.config.language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', `${titleText(redirect.title)} · ${titleText(book.config.title)}`),
          h('meta', { name: 'robots', content: 'noindex' }),
          h('link', { rel: 'canonical', href: canonical }),
          h('meta', { httpEquiv: 'refresh', content: `0; url=${redirect.to}` }),
        ]),
        h('body', [h('p', ['This page has moved: ', h('a', { href: redirect.to }, titleHast(redirect.title)), '.'])]),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}

function searchBody(language: string): ElementContent[] {
  const words = interfaceWords(language);
  return [
    h('h1', words('search')),
    h('form.search-form#search-form', { action: 'search.html', role: 'search' }, [
      h('label', { for: 'search-input' }, words('searchTheBook')),
      h('input#search-input', { type: 'search', name: 'q' }),
      h('button', { type: 'submit' }, words('search')),
    ]),
    h('p#search-status', { role: 'status', ...searchStatusWords(language) }),
    h('ol.search-results#search-results'),
    h('noscript', [h('p', 'Search needs JavaScript. The contents page lists every chapter.')]),
  ];
}

/**
 * The search script's status words in the book's language, as data attributes it reads (`search.js`
 * keeps its English ones, which name the query): none for English, or when a source lacks them.
 */
function searchStatusWords(language: string): Record<string, string> {
  if (!isTranslated(language, 'searchResults') || isEnglish(language)) return {};
  const words = interfaceWords(language);
  return { 'data-searching': words('searching'), 'data-none': words('searchNoResults'), 'data-found': words('searchResults') };
}

function sitemap(base: string, hrefs: readonly string[]): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const urls = hrefs.map((href) => `  <url><loc>${new URL(href === 'index.html' ? '' : href, root).href}</loc></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}
