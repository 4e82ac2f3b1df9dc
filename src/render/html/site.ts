import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Book, Chapter, OutputFiles } from '../../core/types.ts';
import type { RenderAssets } from '../../io/assets.ts';
import { chapterBodyToHast, chapterOpening, chapterReferences, editorsLine, formatDate, joinNames } from '../common.ts';

/** Renders the book as a static multi-page site: index.html with the contents, one page per chapter. */
export function renderHtmlSite(book: Book, assets: RenderAssets): OutputFiles {
  const files: OutputFiles = new Map();
  files.set('style.css', `${assets.fontFaceCss}\n${assets.siteCss}`);
  for (const font of assets.fonts) files.set(`fonts/${font.fileName}`, font.bytes);
  files.set('index.html', page(book, book.config.title, indexBody(book)));
  if (book.bibliography) {
    files.set(bibliographyHref, page(book, `Bibliography · ${book.config.title}`, bibliographyBody(book, book.bibliography.entries)));
  }
  book.chapters.forEach((chapter, index) => {
    files.set(
      chapterHref(chapter),
      page(book, `${chapter.meta.title} · ${book.config.title}`, chapterBody(book, chapter, book.chapters[index - 1], book.chapters[index + 1])),
    );
  });
  return files;
}

const bibliographyHref = 'bibliography.html';

function bibliographyBody(book: Book, entries: ElementContent[]): ElementContent[] {
  return [
    h('p.book-link', [h('a', { href: 'index.html' }, book.config.title)]),
    h('section.bibliography', { 'aria-labelledby': 'bibliography-heading' }, [h('h1#bibliography-heading', 'Bibliography'), ...entries]),
    h('nav.pager', { 'aria-label': 'Chapters' }, [h('span'), h('a', { href: 'index.html' }, 'Contents'), h('span')]),
  ];
}

export function chapterHref(chapter: Chapter): string {
  return `${chapter.slug}.html`;
}

function page(book: Book, title: string, body: ElementContent[]): string {
  const tree: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: book.config.language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          h('link', { rel: 'stylesheet', href: 'style.css' }),
        ]),
        h('body', body),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}

function indexBody(book: Book): ElementContent[] {
  const { config } = book;
  return [
    h('header.book-title', [h('h1', config.title), ...(config.subtitle ? [h('p.subtitle', config.subtitle)] : []), h('p.editors', editorsLine(book))]),
    h('nav.contents', { 'aria-labelledby': 'contents-heading' }, [
      h('h2#contents-heading', 'Contents'),
      ...book.parts.map((part) => partList(book, part.title, part.chapters)),
    ]),
    h('footer.imprint', [
      h('p', `${config.publisher} · Edition ${config.edition.number}, ${formatDate(config.edition.date, config.language)}`),
      ...(config.licence ? [h('p', config.licence)] : []),
    ]),
  ];
}

function partList(book: Book, title: string | undefined, chapters: Chapter[]): Element {
  const list = h(
    'ol.chapter-list',
    chapters.map((chapter) =>
      h('li', { value: chapter.number }, [
        h('a', { href: chapterHref(chapter) }, chapter.meta.title),
        ...(chapter.meta.authors.length > 0 ? [h('span.toc-authors', joinNames(chapter.meta.authors, book.config.language))] : []),
      ]),
    ),
  );
  return title ? h('section.part', [h('h3', title), list]) : list;
}

function chapterBody(book: Book, chapter: Chapter, previous: Chapter | undefined, next: Chapter | undefined): ElementContent[] {
  const body = chapterBodyToHast(chapter, { idPrefix: '', notesHeading: 'Notes' });
  const pager = h('nav.pager', { 'aria-label': 'Chapters' }, [
    previous ? h('a', { rel: 'prev', href: chapterHref(previous) }, `← ${previous.meta.title}`) : h('span'),
    h('a', { href: 'index.html' }, 'Contents'),
    next
      ? h('a', { rel: 'next', href: chapterHref(next) }, `${next.meta.title} →`)
      : book.bibliography
        ? h('a', { rel: 'next', href: bibliographyHref }, 'Bibliography →')
        : h('span'),
  ]);
  return [
    h('p.book-link', [h('a', { href: 'index.html' }, book.config.title)]),
    h('article.chapter', { id: chapter.slug }, [...chapterOpening(chapter, book), ...(body.children as ElementContent[]), ...chapterReferences(chapter)]),
    pager,
  ];
}
