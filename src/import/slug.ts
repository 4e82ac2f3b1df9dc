import GithubSlugger from 'github-slugger';
import type { ChapterFrontMatter } from '../config/schema.ts';
import { chapterIdOf } from '../core/chapter-id.ts';

/** A slug's length, and that of the chapter id its file name gives (`東京` is `u6771-u4eac`), at most. */
const maxSlug = 60;

/** A readable, stable file-name slug for a piece. */
export function pieceSlug(meta: ChapterFrontMatter, slugger: GithubSlugger): string {
  const base = meta.provisional_title ? [meta.venue ?? 'untitled', meta.date ?? ''].join(' ') : meta.title;
  const words = new GithubSlugger()
    .slug(base.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .split('-')
    .filter(Boolean);
  const fits = (candidate: string) => candidate.length <= maxSlug && chapterIdOf(candidate).length <= maxSlug;
  let slug = '';
  for (const word of words) {
    if (!fits(slug ? `${slug}-${word}` : word)) {
      // A title in a script written without spaces is one long word: as many of its letters as fit.
      if (!slug)
        for (const letter of word) {
          if (!fits(slug + letter)) break;
          slug += letter;
        }
      break;
    }
    slug = slug ? `${slug}-${word}` : word;
  }
  return slugger.slug(slug || 'piece');
}
