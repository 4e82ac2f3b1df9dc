import type { Element } from 'hast';
import { h } from 'hastscript';
import { interfaceWords } from '../../core/interface-words.ts';
import type { Book } from '../../core/types.ts';
import { titleHast } from '../title.ts';
import { contributorsOf } from './contributors.ts';
import { type ContentsEntry, frontSection } from './front-matter.ts';
import { chapterId } from './ids.ts';
import { pageRefAttribute } from './protocol.ts';

/** A section after the last chapter, paginated on its own and listed in the contents. */
export interface BackMatterSection {
  entry: ContentsEntry;
  element: Element;
  /** True when it prints page numbers (an index): a chunk of its own, printed after the chapters. */
  needsPageNumbers: boolean;
}

/**
 * The back matter in book order. Notes at the end of the book and the bibliography, when they
 * come, are further sections before the index.
 */
export function backMatter(book: Book): BackMatterSection[] {
  const sections: BackMatterSection[] = [];
  if (book.bibliography) {
    const id = 'bibliography';
    const title = interfaceWords(book.config.language)('bibliography');
    sections.push({
      entry: { id, kind: 'section', title },
      element: frontSection(id, title, [h('div.bibliography', book.bibliography.entries)]),
      needsPageNumbers: false,
    });
  }
  const index = contributorsIndex(book);
  if (index) sections.push(index);
  return sections;
}

/**
 * Every contributor and their chapters, each with its number and first page. The page numbers sit
 * in a column of fixed width, as in the contents: they are written in after pagination.
 */
function contributorsIndex(book: Book): BackMatterSection | undefined {
  const contributors = contributorsOf(book);
  if (contributors.length === 0) return undefined;
  const id = 'index-of-contributors';
  const title = interfaceWords(book.config.language)('indexOfContributors');
  const entries = contributors.map((contributor) =>
    h('li.index-entry', [
      h('p.index-name', contributor.name),
      h(
        'ol.index-chapters',
        contributor.chapters.map((chapter) =>
          h('li', [
            h('a', { href: `#${chapterId(chapter)}` }, [
              h('span.index-number', String(chapter.number)),
              h('span.index-title', titleHast(chapter.meta.title)),
              h('span.index-page', { [pageRefAttribute]: chapterId(chapter) }),
            ]),
          ]),
        ),
      ),
    ]),
  );
  return {
    entry: { id, kind: 'section', title },
    element: frontSection(id, title, [h('ul.contributors-index', entries)]),
    needsPageNumbers: true,
  };
}
