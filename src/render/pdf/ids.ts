import type { Chapter } from '../../core/types.ts';
import type { ChapterLinkTarget } from '../../load/links.ts';

/** The id of a chapter's section in the print document (links, page numbers, outline). */
export function chapterId(chapter: Pick<Chapter, 'slug'>): string {
  return `chapter-${chapter.slug}`;
}

/**
 * The prefix of the ids inside a chapter's section (its headings', its notes'): the section's id
 * and `_`. The print document holds every chapter, and a chapter's id is letters, digits and
 * hyphens only (`core/chapter-id.ts`), so the first `_` ends it: `chapter-a_b-fn-1` and
 * `chapter-a-b_fn-1` are two chapters' ids, never one, and none is a section's, a part's
 * (`part-2`), a work's in the bibliography (`ref-…`) or a page's of the front matter.
 */
export function chapterIdPrefix(chapter: Pick<Chapter, 'slug'>): string {
  return `${chapterId(chapter)}_`;
}

/** Where a link to a chapter, or a heading in it, goes in the print document. */
export function printChapterLink(target: ChapterLinkTarget): string {
  return `#${target.id === undefined ? chapterId(target) : `${chapterIdPrefix(target)}${target.id}`}`;
}

/** The id of the n-th titled part (1-based). */
export function partId(index: number): string {
  return `part-${index}`;
}
