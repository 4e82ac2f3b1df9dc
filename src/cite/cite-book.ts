import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { CiteStyle, CslJsonItem } from '../core/citations.ts';
import { type Memo, noMemo } from '../core/memo.ts';
import { report } from '../core/rules.ts';
import type { Book, Chapter } from '../core/types.ts';
import { renderBibliography, renderChapterCitations } from './render.ts';

/**
 * Renders the citations of every chapter in the book's CSL style and the book's reference list
 * (only works actually cited). Unresolved keys become messages on the chapter's file. `memo`
 * remembers what citeproc made, by what it was made from (`render.ts`).
 */
export function citeBook(book: Book, style: CiteStyle, files: ReadonlyMap<string, VFile>, memo: Memo = noMemo): Book {
  const items = new Map<string, CslJsonItem>(book.references.map((item) => [item.id, item]));
  const cited = new Set<string>();
  const perChapter = book.config.bibliography === 'chapters';
  for (const chapter of book.chapters) {
    const file = files.get(chapter.path);
    if (!file) continue;
    const keys = renderChapterCitations(chapter, items, style, file, memo);
    for (const key of keys) cited.add(key);
    if (perChapter) {
      const bibliography = renderBibliography(keys, items, style, memo);
      if (bibliography) {
        chapter.bibliography = bibliography;
        reportLeftOut(keys, bibliography.keys, [chapter], files);
      }
    }
  }
  if (book.config.bibliography !== 'book') return book;
  const bibliography = renderBibliography(cited, items, style, memo);
  if (bibliography) reportLeftOut(cited, bibliography.keys, book.chapters, files);
  return bibliography ? { ...book, bibliography } : book;
}

/**
 * Works cited but printed nothing for in the reference list: the style's rule (Chicago leaves out
 * a `document` that does not say where to find it), which the editor may not expect of a published source. Reported at
 * the first citation of each.
 */
function reportLeftOut(cited: ReadonlySet<string>, listed: readonly string[], chapters: readonly Chapter[], files: ReadonlyMap<string, VFile>): void {
  const leftOut = new Set([...cited].filter((key) => !listed.includes(key)));
  if (leftOut.size === 0) return;
  for (const chapter of chapters) {
    const file = files.get(chapter.path);
    if (!file) continue;
    for (const [key, place] of firstCitations(chapter.tree)) {
      if (!leftOut.delete(key)) continue;
      report(
        file,
        'cite-left-out',
        `@${key} is cited but the style leaves it out of the bibliography (Chicago lists a document, speech or manuscript only with its publisher, URL, container or archive); add where to find it, or a type such as webpage or report`,
        place,
      );
    }
  }
}

function firstCitations(tree: Root): Map<string, { line: number; column: number } | undefined> {
  const first = new Map<string, { line: number; column: number } | undefined>();
  visit(tree, 'citation', (node) => {
    const start = node.position?.start;
    for (const item of node.items) if (!first.has(item.key)) first.set(item.key, start ? { line: start.line, column: start.column } : undefined);
  });
  return first;
}
