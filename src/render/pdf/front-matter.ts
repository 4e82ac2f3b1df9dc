import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Book, Chapter } from '../../core/types.ts';
import { editorsLine, formatDate, joinNames } from '../common.ts';
import { identifierLine } from '../epub/epub.ts';
import { type Contributor, contributorsOf } from './contributors.ts';
import { outlineLevelAttribute, outlineTitleAttribute, pageRefAttribute } from './protocol.ts';

/** An entry of the contents: a front- or back-matter section, a part, or a chapter. */
export interface ContentsEntry {
  id: string;
  kind: 'section' | 'part' | 'chapter';
  title: string;
  /** `Part I`, `1`. */
  number?: string;
  authors?: string;
}

/**
 * The front matter, in the order of a printed book: half-title, title page, copyright page
 * (verso of the title), contents, list of contributors, acknowledgements. Everything after the
 * copyright page opens on a recto.
 */
export function frontMatter(book: Book, contents: readonly ContentsEntry[]): Element[] {
  const contributors = contributorsOf(book);
  const acknowledgements = acknowledgementLines(book);
  return [
    h('section.half-title#half-title', [h('p.half-title-text', book.config.title)]),
    titlePage(book),
    copyrightPage(book),
    contentsPage(contents),
    ...(contributors.length > 0 ? [contributorsPage(book, contributors)] : []),
    ...(acknowledgements.length > 0 ? [frontSection('acknowledgements', 'Acknowledgements', acknowledgements)] : []),
  ];
}

/** The front-matter sections that the contents lists (the display pages before them are not). */
export function frontMatterContentsEntries(book: Book): ContentsEntry[] {
  return [
    ...(contributorsOf(book).length > 0 ? [{ id: 'contributors', kind: 'section' as const, title: 'Contributors' }] : []),
    ...(acknowledgementLines(book).length > 0 ? [{ id: 'acknowledgements', kind: 'section' as const, title: 'Acknowledgements' }] : []),
  ];
}

function titlePage(book: Book): Element {
  const { config } = book;
  return h('section.title-page#title-page', { [outlineLevelAttribute]: '1', [outlineTitleAttribute]: 'Title page' }, [
    h('h1.book-title', config.title),
    ...(config.subtitle ? [h('p.subtitle', config.subtitle)] : []),
    h('p.editors', editorsLine(book)),
    h('p.publisher', config.publisher),
  ]);
}

function copyrightPage(book: Book): Element {
  const { config } = book;
  const edition = `${editionName(config.edition.number)} published ${formatDate(config.edition.date, config.language)}`;
  const styleName = config.style.replace(/^.*\//, '').replace(/\.csl$/, '');
  return h('section.copyright-page#copyright', [
    h('p', [`${edition} by ${config.publisher}.`]),
    h('p', identifierLine(config.identifier)),
    ...(config.licence ? [h('p', config.licence)] : []),
    h('p', `Citations formatted with the Citation Style Language (style: ${styleName}).`),
    h('p', 'Set in Source Serif 4.'),
  ]);
}

/** `First edition`, `Second edition`, …, `Edition 11`. */
export function editionName(number: number): string {
  const ordinals = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];
  const ordinal = ordinals[number - 1];
  return ordinal ? `${ordinal} edition` : `Edition ${number}`;
}

function contentsPage(entries: readonly ContentsEntry[]): Element {
  return frontSection('contents', 'Contents', [h('ol.toc', entries.map(contentsLine))]);
}

function contentsLine(entry: ContentsEntry): Element {
  const pageNumber = h('span.toc-page', { [pageRefAttribute]: entry.id });
  if (entry.kind === 'part') {
    return h('li.toc-part', [h('a', { href: `#${entry.id}` }, [h('span.toc-number', entry.number ?? ''), h('span.toc-title', entry.title), pageNumber])]);
  }
  return h(`li.toc-${entry.kind}`, [
    h('a', { href: `#${entry.id}` }, [...(entry.number ? [h('span.toc-number', entry.number)] : []), h('span.toc-title', entry.title), pageNumber]),
    ...(entry.authors ? [h('p.toc-authors', entry.authors)] : []),
  ]);
}

function contributorsPage(book: Book, contributors: readonly Contributor[]): Element {
  const language = book.config.language;
  return frontSection(
    'contributors',
    'Contributors',
    contributors.map((contributor) =>
      h('p.contributor', [
        h('span.contributor-name', contributor.name),
        ' ',
        contributor.bio ? stripLeadingName(contributor.bio, contributor.name) : `contributed ${chapterList(contributor.chapters, language)}.`,
      ]),
    ),
  );
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

function firstAppearance(chapter: Chapter, language: string): (string | Element)[] | undefined {
  const { meta } = chapter;
  if (!meta.venue && !meta.date) return undefined;
  const [open, close] = language === 'en-US' ? ['“', '”'] : ['‘', '’'];
  const title = meta.provisional_title ? [] : [` as ${open}${meta.title}${close}`];
  const date = meta.date ? formatDate(meta.date, language) : undefined;
  const venue: (string | Element)[] = meta.venue ? [' in ', h('cite', meta.venue), date ? `, ${date}.` : '.'] : [` on ${date}.`];
  return [`Chapter ${chapter.number} first appeared`, ...title, ...venue];
}

/** A titled section of the front or back matter: opens on a recto, with its title as running head. */
export function frontSection(id: string, title: string, children: ElementContent[]): Element {
  return h(`section.matter-section#${id}`, { [outlineLevelAttribute]: '1' }, [
    h('h2.matter-title.running-heads', { dataRunningVerso: title, dataRunningRecto: title }, title),
    ...children,
  ]);
}
