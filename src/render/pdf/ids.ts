import type { Chapter } from '../../core/types.ts';

/** The id of a chapter's section in the print document (links, page numbers, outline). */
export function chapterId(chapter: Chapter): string {
  return `chapter-${chapter.slug}`;
}

/** The id of the n-th titled part (1-based). */
export function partId(index: number): string {
  return `part-${index}`;
}
