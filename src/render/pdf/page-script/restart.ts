import { continuationsOnto, footnoteHandler } from './footnote-continuations.ts';
import type { Chunker } from './pagedjs.ts';

/** Whether page `index` can be laid out again: one Paged.js laid out (not a blank), no other restart under way. */
export function canRestartFrom(chunker: Chunker, index: number): boolean {
  return !chunker.rendered && !chunker.stopped && index >= 0 && chunker.pages[index]?.startToken !== undefined;
}

/** Lays the pages out again from page `index` on, once the page being finished is done (as Paged.js does on overflow). */
export function restartFrom(chunker: Chunker, index: number): void {
  const page = chunker.pages[index];
  const footnotes = footnoteHandler();
  if (footnotes && page) footnotes.needsLayout = continuationsOnto(page.element).map((waiting) => waiting.cloneNode(true) as DocumentFragment);
  chunker.stop();
  chunker.breakToken = page?.startToken;
  // This page is still being finished: the pages go when Paged.js starts again.
  const start = chunker.start;
  chunker.start = function (this: Chunker) {
    chunker.start = start;
    this.removePages(index);
    start.call(this);
  };
}
