import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Book, Chapter } from '../core/types.ts';
import { datePreposition, formatDate, joinNames } from './common.ts';
import { editionHistoryLine, editionName } from './edition.ts';
import { type Contributor, contributorsOf } from './pdf/contributors.ts';
import { titleHast } from './title.ts';

/**
 * The front and back matter every format prints alike (PDF, EPUB, site): the copyright page's
 * lines, the contributors' entries and the acknowledgements of first publication.
 */

export function identifierLine(identifier: string): string {
  return identifier.toLowerCase().startsWith('isbn:') ? `ISBN ${identifier.slice(5)}` : `Identifier ${identifier}`;
}

/** The copyright page: edition and publisher, the edition history, identifier, licence, how the book was made. */
export function copyrightLines(book: Book, typeface: string | undefined): Element[] {
  const { config } = book;
  const edition = `${editionName(config.edition.number)} published ${formatDate(config.edition.date, config.language)}`;
  const styleName = config.style.replace(/^.*\//, '').replace(/\.csl$/, '');
  return [
    h('p', [`${edition} by ${config.publisher}.`]),
    ...[editionHistoryLine(book)].filter((line) => line !== undefined).map((line) => h('p.edition-history', line)),
    h('p', identifierLine(config.identifier)),
    ...(config.licence ? [h('p', config.licence)] : []),
    h('p', `Citations formatted with the Citation Style Language (style: ${styleName}).`),
    ...(typeface ? [h('p', `Set in ${typeface}.`)] : []),
  ];
}

/**
 * One paragraph per contributor: the name, then their bio or the chapters they wrote. Where the
 * format can link (`chapterHref`: the EPUB, the site), the chapters are named and linked, since
 * its readers have no page numbers to turn to.
 */
export function contributorEntries(
  book: Book,
  contributors: readonly Contributor[] = contributorsOf(book),
  chapterHref?: (chapter: Chapter) => string,
): Element[] {
  const language = book.config.language;
  return contributors.map((contributor) => {
    const bio = contributor.bio ? stripLeadingName(contributor.bio, contributor.name) : undefined;
    if (!chapterHref) {
      return h('p.contributor', [h('span.contributor-name', contributor.name), ' ', bio ?? `contributed ${chapterList(contributor.chapters, language)}.`]);
    }
    const plural = contributor.chapters.length > 1;
    const links: (string | Element)[] = contributor.chapters.flatMap((chapter, index) => [
      ...(index > 0 ? ['; '] : []),
      `${chapter.number}, `,
      h(
        'a',
        { href: chapterHref(chapter), ...(chapter.meta.language && chapter.meta.language !== language ? { lang: chapter.meta.language } : {}) },
        titleHast(chapter.meta.title),
      ),
    ]);
    return h('p.contributor', [
      h('span.contributor-name', contributor.name),
      ' ',
      ...(bio ? [bio, ` ${plural ? 'Chapters' : 'Chapter'} `] : [`contributed ${plural ? 'chapters' : 'chapter'} `]),
      ...links,
      '.',
    ]);
  });
}

/** The bio without the name it starts with, which the entry already prints in its own style. */
function stripLeadingName(bio: string, name: string): string {
  const withoutName = bio.replace(new RegExp(`^(?:(?:Dr|Prof|Professor|Sir|Dame)\\.?\\s+)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+`), '');
  return withoutName === bio ? bio : withoutName;
}

function chapterList(chapters: readonly Chapter[], language: string): string {
  return `${chapters.length === 1 ? 'chapter' : 'chapters'} ${joinNames(
    chapters.map((chapter) => String(chapter.number)),
    language,
  )}`;
}

/**
 * One sentence per reprinted chapter: `Chapter 3 first appeared as ‘…’ in The Diplomat,
 * 12 September 2013.`, followed by the permission line (`rights`) when the editor gave one.
 */
export function acknowledgementLines(book: Book): Element[] {
  return book.chapters.flatMap((chapter) => {
    const sentence = firstAppearance(chapter, book.config.language);
    const rights = chapter.meta.rights?.trim();
    if (!sentence && !rights) return [];
    return [h('p.acknowledgement', [...(sentence ?? [`Chapter ${chapter.number}.`]), ...(rights ? [' ', rights] : [])])];
  });
}

function firstAppearance(chapter: Chapter, language: string): ElementContent[] | undefined {
  const { meta } = chapter;
  if (!meta.venue && !meta.date) return undefined;
  const [open, close] = language === 'en-US' ? ['“', '”'] : ['‘', '’'];
  const title: ElementContent[] = meta.provisional_title
    ? []
    : [{ type: 'text', value: ` as ${open}` }, ...titleHast(meta.title), { type: 'text', value: close }];
  const date = meta.date ? formatDate(meta.date, language) : undefined;
  const venue: ElementContent[] = meta.venue
    ? [{ type: 'text', value: ' in ' }, h('cite', meta.venue), { type: 'text', value: date ? `, ${date}.` : '.' }]
    : [{ type: 'text', value: ` ${datePreposition(meta.date ?? '')} ${date}.` }];
  return [{ type: 'text', value: `Chapter ${chapter.number} first appeared` }, ...title, ...venue];
}
