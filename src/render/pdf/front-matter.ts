import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { interfaceWords } from '../../core/interface-words.ts';
import type { Book } from '../../core/types.ts';
import { editorsLine } from '../common.ts';
import { editionNoteLines, editionNoteTitle } from '../edition.ts';
import { acknowledgementLines, contributorEntries, copyrightLines } from '../matter.ts';
import { titleHast } from '../title.ts';
import { type Contributor, contributorsOf } from './contributors.ts';
import { outlineLevelAttribute, outlineTitleAttribute, pageRefAttribute } from './protocol.ts';

/** An entry of the contents: a front- or back-matter section, a part, or a chapter. */
export interface ContentsEntry {
  id: string;
  kind: 'section' | 'part' | 'chapter';
  /** Plain text; a part's or chapter's title as written, with its inline Markdown, when `markdown`. */
  title: string;
  markdown?: true;
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
  const editionNote = editionNoteLines(book);
  return [
    h('section.half-title#half-title', [h('p.half-title-text', titleHast(book.config.title))]),
    titlePage(book),
    copyrightPage(book),
    contentsPage(contents, book.config.language),
    ...(editionNote.length > 0 ? [frontSection('edition-note', editionNoteTitle, editionNote)] : []),
    ...(contributors.length > 0 ? [contributorsPage(book, contributors)] : []),
    ...(acknowledgements.length > 0 ? [frontSection('acknowledgements', interfaceWords(book.config.language)('acknowledgements'), acknowledgements)] : []),
  ];
}

/** The front-matter sections that the contents lists (the display pages before them are not). */
export function frontMatterContentsEntries(book: Book): ContentsEntry[] {
  return [
    ...(editionNoteLines(book).length > 0 ? [{ id: 'edition-note', kind: 'section' as const, title: editionNoteTitle }] : []),
    ...(contributorsOf(book).length > 0 ? [{ id: 'contributors', kind: 'section' as const, title: interfaceWords(book.config.language)('contributors') }] : []),
    ...(acknowledgementLines(book).length > 0
      ? [{ id: 'acknowledgements', kind: 'section' as const, title: interfaceWords(book.config.language)('acknowledgements') }]
      : []),
  ];
}

function titlePage(book: Book): Element {
  const { config } = book;
  return h('section.title-page#title-page', { [outlineLevelAttribute]: '1', [outlineTitleAttribute]: interfaceWords(config.language)('titlePage') }, [
    h('h1.book-title', titleHast(config.title)),
    ...(config.subtitle ? [h('p.subtitle', titleHast(config.subtitle))] : []),
    h('p.editors', editorsLine(book)),
    h('p.publisher', config.publisher),
  ]);
}

function copyrightPage(book: Book): Element {
  return h('section.copyright-page#copyright', copyrightLines(book, 'Source Serif 4'));
}

function contentsPage(entries: readonly ContentsEntry[], language: string): Element {
  return frontSection('contents', interfaceWords(language)('contents'), [h('ol.toc', entries.map(contentsLine))]);
}

function contentsLine(entry: ContentsEntry): Element {
  const pageNumber = h('span.toc-page', { [pageRefAttribute]: entry.id });
  if (entry.kind === 'part') {
    return h('li.toc-part', [h('a', { href: `#${entry.id}` }, [h('span.toc-number', entry.number ?? ''), h('span.toc-title', entryTitle(entry)), pageNumber])]);
  }
  return h(`li.toc-${entry.kind}`, [
    h('a', { href: `#${entry.id}` }, [...(entry.number ? [h('span.toc-number', entry.number)] : []), h('span.toc-title', entryTitle(entry)), pageNumber]),
    ...(entry.authors ? [h('p.toc-authors', entry.authors)] : []),
  ]);
}

function entryTitle(entry: ContentsEntry): ElementContent[] {
  return entry.markdown ? titleHast(entry.title) : [{ type: 'text', value: entry.title }];
}

function contributorsPage(book: Book, contributors: readonly Contributor[]): Element {
  return frontSection('contributors', interfaceWords(book.config.language)('contributors'), contributorEntries(book, contributors));
}

/** A titled section of the front or back matter: opens on a recto, with its title as running head. */
export function frontSection(id: string, title: string, children: ElementContent[]): Element {
  return h(`section.matter-section#${id}`, { [outlineLevelAttribute]: '1' }, [
    h('h2.matter-title.running-heads', { dataRunningVerso: title, dataRunningRecto: title }, title),
    ...children,
  ]);
}
