import type { ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { trimSizes } from '../../config/schema.ts';
import type { Book, Chapter } from '../../core/types.ts';
import type { RenderAssets } from '../../io/assets.ts';
import { chapterBodyToHast, chapterOpening, editorsLine, formatDate, joinNames } from '../common.ts';
import { identifierLine } from '../epub/epub.ts';

/**
 * The whole book as one HTML document for Paged.js: title pages, contents with page numbers
 * (`target-counter`), then the chapters with their notes at the end of each chapter.
 */
export function renderPrintHtml(book: Book, assets: RenderAssets): string {
  const { config } = book;
  const trim = trimSizes[config.trim];
  const pageSize = `@page { size: ${trim.width} ${trim.height}; }\n`;
  const tree: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: config.language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', config.title),
          h('meta', { name: 'author', content: joinNames(config.editors, config.language) }),
          h('meta', { name: 'subject', content: config.subtitle ?? config.title }),
          h('style', `${assets.fontFaceCss}\n${pageSize}\n${assets.printCss}`),
        ]),
        h('body', [...frontMatter(book), ...book.chapters.map((chapter) => chapterSection(book, chapter))]),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}

function frontMatter(book: Book): ElementContent[] {
  const { config } = book;
  return [
    h('section.half-title', [h('p.half-title-text', config.title)]),
    h('section.title-page', [
      h('h1.book-title', config.title),
      ...(config.subtitle ? [h('p.subtitle', config.subtitle)] : []),
      h('p.editors', editorsLine(book)),
      h('p.publisher', config.publisher),
    ]),
    h('section.copyright-page', [
      h('p', `${config.publisher}`),
      h('p', `Edition ${config.edition.number}, ${formatDate(config.edition.date, config.language)}`),
      h('p', identifierLine(config.identifier)),
      ...(config.licence ? [h('p', config.licence)] : []),
    ]),
    h('nav.toc', { 'aria-labelledby': 'toc-heading' }, [
      h('h2#toc-heading', 'Contents'),
      h(
        'ol',
        book.parts.flatMap((part) => [
          ...(part.title ? [h('li.toc-part', part.title)] : []),
          ...part.chapters.map((chapter) =>
            h('li.toc-chapter', [
              h('a', { href: `#${chapterId(chapter)}` }, [h('span.toc-title', chapter.meta.title)]),
              ...(chapter.meta.authors.length > 0 ? [h('span.toc-authors', joinNames(chapter.meta.authors, config.language))] : []),
            ]),
          ),
        ]),
      ),
    ]),
  ];
}

function chapterId(chapter: Chapter): string {
  return `chapter-${chapter.slug}`;
}

function chapterSection(book: Book, chapter: Chapter): ElementContent {
  const body = chapterBodyToHast(chapter, { idPrefix: `${chapter.slug}-`, notesHeading: 'Notes' });
  return h('section.chapter', { id: chapterId(chapter), dataRunningTitle: chapter.meta.title }, [
    ...chapterOpening(chapter, book),
    ...(body.children as ElementContent[]),
  ]);
}
