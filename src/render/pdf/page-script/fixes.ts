import { breakAtSoftHyphens } from './break-at-soft-hyphens.ts';
import type { PagedjsFix } from './fix.ts';
import { floatStrandedFigures } from './float-stranded-figures.ts';
import { hangPageEndHyphens } from './hang-page-end-hyphens.ts';
import { type Paged, requireInternals } from './pagedjs.ts';
import { relayoutPagesShrunkByFootnotes } from './relayout-pages-shrunk-by-footnotes.ts';
import { startNotesOnTheirCallsPage } from './start-notes-on-their-calls-page.ts';

/** Every fix, in the order its handler is registered. */
export const pagedjsFixes: readonly PagedjsFix[] = [
  breakAtSoftHyphens,
  hangPageEndHyphens,
  relayoutPagesShrunkByFootnotes,
  floatStrandedFigures,
  startNotesOnTheirCallsPage,
];

/**
 * Installs the fixes named (all when `ids` is absent) whose internals are all there, before
 * `preview`; the others are left out and recorded in `missingInternals`. Returns the ids installed.
 */
export function installPagedjsFixes(paged: Paged | undefined, ids?: readonly string[]): string[] {
  const installed: string[] = [];
  for (const fix of pagedjsFixes) {
    if (ids && !ids.includes(fix.id)) continue;
    if (!requireInternals(fix.id, fix.requirements(paged)) || !paged) continue;
    fix.install(paged);
    installed.push(fix.id);
  }
  return installed;
}
