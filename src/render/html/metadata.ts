import type { Element } from 'hast';
import { h } from 'hastscript';
import { isEnglish } from '../../core/interface-words.ts';
import type { Book, Chapter } from '../../core/types.ts';
import { editorsLine } from '../common.ts';
import { titleText } from '../title.ts';

interface PageRef {
  href: string;
  title: string;
  language: string;
}

/** An absolute address on the published site, when `url` is set (Open Graph and canonical links need one). */
function absolute(book: Pick<Book, 'config'>, href: string): string | undefined {
  const base = book.config.url;
  if (!base) return undefined;
  return new URL(href === 'index.html' ? '' : href, base.endsWith('/') ? base : `${base}/`).href;
}

/** `en-GB` → `en_GB`, as Open Graph writes a locale. */
function ogLocale(language: string): string {
  return language.replace('-', '_');
}

function isbnOf(book: Pick<Book, 'config'>): string | undefined {
  const { identifier } = book.config;
  return identifier.toLowerCase().startsWith('isbn:') ? identifier.slice(5).replace(/[-\s]/g, '') : undefined;
}

const meta = (name: string, content: string) => h('meta', { name, content });
const property = (name: string, content: string) => h('meta', { property: name, content });

/**
 * `Edited by A, B` for an English book, as its pages have always said; in another language the
 * title page's translated line (`Herausgegeben von A und B`).
 */
function editorsDescription(book: Pick<Book, 'config'>): string {
  return isEnglish(book.config.language) ? `Edited by ${book.config.editors.join(', ')}` : editorsLine(book);
}

/** Open Graph (and a canonical link) for any page: what a link preview shows. */
export function pageMetadata(book: Pick<Book, 'config' | 'cover'>, page: PageRef, type: 'book' | 'article', coverPath: string): Element[] {
  const url = absolute(book, page.href);
  const image = book.cover && book.cover.web.mediaType !== 'image/svg+xml' ? absolute(book, coverPath) : undefined;
  const description = book.config.subtitle ? titleText(book.config.subtitle) : editorsDescription(book);
  return [
    meta('description', description),
    ...(url ? [h('link', { rel: 'canonical', href: url })] : []),
    property('og:type', type),
    property('og:title', page.title),
    property('og:site_name', titleText(book.config.title)),
    property('og:locale', ogLocale(page.language)),
    property('og:description', description),
    ...(url ? [property('og:url', url)] : []),
    ...(image ? [property('og:image', image), property('og:image:alt', `Cover of ${titleText(book.config.title)}`)] : []),
    ...(type === 'book' && isbnOf(book) ? [property('book:isbn', isbnOf(book) as string)] : []),
  ];
}

/**
 * What citation managers read from a chapter page: Highwire Press `citation_*` tags (Zotero,
 * Google Scholar), a schema.org `Chapter` in JSON-LD (authors, date, the book it is part of), and
 * Open Graph. Dates are the edition's: the chapter as published in this book. Its first
 * publication is named only as the venue and date the chapter's front matter gives.
 */
export function chapterMetadata(book: Pick<Book, 'config' | 'cover'>, chapter: Chapter, page: PageRef, coverPath: string): Element[] {
  const { config } = book;
  const date = config.edition.date;
  const isbn = isbnOf(book);
  const url = absolute(book, page.href);
  const highwire = [
    meta('citation_title', titleText(chapter.meta.title)),
    ...chapter.meta.authors.map((name) => meta('citation_author', name)),
    meta('citation_publication_date', date.replace(/-/g, '/')),
    meta('citation_inbook_title', titleText(config.title)),
    meta('citation_book_title', titleText(config.title)),
    ...config.editors.map((name) => meta('citation_editor', name)),
    meta('citation_publisher', config.publisher),
    meta('citation_language', page.language),
    ...(isbn ? [meta('citation_isbn', isbn)] : []),
    ...(url ? [meta('citation_public_url', url)] : []),
  ];
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Chapter',
    name: titleText(chapter.meta.title),
    position: chapter.number,
    inLanguage: page.language,
    ...(chapter.meta.authors.length > 0 ? { author: chapter.meta.authors.map((name) => ({ '@type': 'Person', name })) } : {}),
    datePublished: date,
    ...(url ? { url } : {}),
    isPartOf: {
      '@type': 'Book',
      name: titleText(config.title),
      ...(config.subtitle ? { alternativeHeadline: titleText(config.subtitle) } : {}),
      editor: config.editors.map((name) => ({ '@type': 'Person', name })),
      publisher: { '@type': 'Organization', name: config.publisher },
      bookEdition: String(config.edition.number),
      ...(isbn ? { isbn } : {}),
      ...(absolute(book, 'index.html') ? { url: absolute(book, 'index.html') } : {}),
    },
    ...(chapter.meta.venue || chapter.meta.source_url
      ? {
          isBasedOn: {
            '@type': 'CreativeWork',
            ...(chapter.meta.venue ? { publisher: { '@type': 'Organization', name: chapter.meta.venue } } : {}),
            ...(chapter.meta.date ? { datePublished: chapter.meta.date } : {}),
            ...(chapter.meta.source_url ? { url: chapter.meta.source_url } : {}),
          },
        }
      : {}),
  };
  return [
    ...highwire,
    ...pageMetadata(book, page, 'article', coverPath),
    ...chapter.meta.authors.map((name) => property('article:author', name)),
    property('article:published_time', date),
    // `<` escaped so that no text of the book can close the script element.
    h('script', { type: 'application/ld+json' }, JSON.stringify(jsonLd).replace(/</g, '\\u003c')),
  ];
}
