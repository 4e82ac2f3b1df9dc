import type { Chapter } from '../../core/types.ts';
import type { ChapterLinkTarget } from '../../load/links.ts';

/** The id of a chapter's section in the print document (links, page numbers, outline). */
export function chapterId(chapter: Pick<Chapter, 'slug'>): string {
  return `chapter-${chapter.slug}`;
}

/** The prefix of the ids inside a chapter's section (its headings', its notes'). */
export function chapterIdPrefix(chapter: Pick<Chapter, 'slug'>): string {
  return `${chapter.slug}-`;
}

/** Where a link to a chapter, or a heading in it, goes in the print document. */
export function printChapterLink(target: ChapterLinkTarget): string {
  return `#${target.id === undefined ? chapterId(target) : `${chapterIdPrefix(target)}${target.id}`}`;
}

/** The id of the n-th titled part (1-based). */
export function partId(index: number): string {
  return `part-${index}`;
}
