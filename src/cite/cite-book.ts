import type { VFile } from 'vfile';
import type { CslJsonItem } from '../adapters/citation-js.ts';
import type { Book } from '../core/types.ts';
import { type CiteStyle, renderBibliography, renderChapterCitations } from './render.ts';

/**
 * Renders the citations of every chapter in the book's CSL style and the book's reference list
 * (only works actually cited). Unresolved keys become messages on the chapter's file.
 */
export function citeBook(book: Book, style: CiteStyle, files: ReadonlyMap<string, VFile>): Book {
  const items = new Map<string, CslJsonItem>(book.references.map((item) => [item.id, item]));
  const cited = new Set<string>();
  const perChapter = book.config.bibliography === 'chapters';
  for (const chapter of book.chapters) {
    const file = files.get(chapter.path);
    if (!file) continue;
    const keys = renderChapterCitations(chapter, items, style, file);
    for (const key of keys) cited.add(key);
    if (perChapter) {
      const bibliography = renderBibliography(keys, items, style);
      if (bibliography) chapter.bibliography = bibliography;
    }
  }
  if (book.config.bibliography !== 'book') return book;
  const bibliography = renderBibliography(cited, items, style);
  return bibliography ? { ...book, bibliography } : book;
}
