import GithubSlugger from 'github-slugger';
import type { ChapterFrontMatter } from '../config/schema.ts';

/** A readable, stable file-name slug for a piece. */
export function pieceSlug(meta: ChapterFrontMatter, slugger: GithubSlugger): string {
  const base = meta.provisional_title ? [meta.venue ?? 'untitled', meta.date ?? ''].join(' ') : meta.title;
  const words = new GithubSlugger()
    .slug(base.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .split('-')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    if (slug.length + word.length + 1 > 60) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slugger.slug(slug || 'piece');
}
