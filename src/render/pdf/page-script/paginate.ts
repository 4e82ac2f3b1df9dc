import { addBlankPage, blankPageRequirements } from './blank-page.ts';
import { installPagedjsFixes } from './fixes.ts';
import { keepLineBreakingHyphens } from './line-breaking-hyphens.ts';
import { measurePages } from './measure-pages.ts';
import { type Chunker, missingInternals, pagedGlobal, requireInternals } from './pagedjs.ts';
import type { PaginateOptions, PaginationReport } from './types.ts';

/** Runs Paged.js (already loaded, with `PagedConfig.auto = false`) on the document and reports what it laid out. */
export async function paginate(options: PaginateOptions): Promise<PaginationReport> {
  const paged = pagedGlobal();
  installPagedjsFixes(paged, options.fixes);
  const canAddBlankPage = requireInternals('end-on-verso', blankPageRequirements(paged));
  const polyfill = (window as unknown as { PagedPolyfill: { preview(): Promise<unknown>; chunker: Chunker } }).PagedPolyfill;
  await polyfill.preview();
  if (options.endOnVerso && canAddBlankPage && polyfill.chunker.total % 2 === 1) await addBlankPage(polyfill.chunker);
  keepLineBreakingHyphens(polyfill.chunker.pagesArea);
  return { ...measurePages(polyfill.chunker.pagesArea, options), missingInternals: missingInternals() };
}
