import type { PagedjsFix } from './fix.ts';
import { footnoteContinuationRequirements, footnoteHandler, trackFootnoteContinuations } from './footnote-continuations.ts';
import { type Chunker, handlerRequirements, type LaidOutPage, requireInternals } from './pagedjs.ts';

const id = 'relayout-pages-shrunk-by-footnotes';

/**
 * Paged.js can grow a page's footnote area after laying out its text (a note overflowing its
 * area), which pushes the last lines, and calls, off the page. Its own check for this passes its
 * arguments in the wrong order and never fires; this one restarts the layout from the lines cut.
 */
export const relayoutPagesShrunkByFootnotes: PagedjsFix = {
  id,
  requirements: (paged) => [...handlerRequirements(paged, ['afterPageLayout', 'beforePageLayout']), ...footnoteContinuationRequirements(paged)],
  install(paged) {
    trackFootnoteContinuations(paged);
    class RelayoutPagesShrunkByFootnotes extends paged.Handler {
      afterPageLayout(element: HTMLElement, page: LaidOutPage, _token: unknown, chunker: Chunker) {
        relayoutIfShrunk(element, page, chunker);
      }
    }
    paged.registerHandlers(RelayoutPagesShrunkByFootnotes);
  },
};

function relayoutIfShrunk(element: HTMLElement, page: LaidOutPage, chunker: Chunker): void {
  const content = element.querySelector('.pagedjs_page_content');
  if (chunker.rendered || !chunker.source || !content || content.scrollWidth <= content.clientWidth + 2) return;
  const found = requireInternals(id, [
    ['Page#layoutMethod.findBreakToken', typeof page.layoutMethod?.findBreakToken === 'function'],
    ['Page#wrapper', page.wrapper instanceof Element],
    ['Page#_onOverflow', typeof page._onOverflow === 'function'],
  ]);
  if (!found || !page.layoutMethod) return;
  const notesBefore = notesOn(element);
  const token = page.layoutMethod.findBreakToken(page.wrapper, chunker.source, page.layoutMethod.bounds, page.startToken);
  if (!token) return;
  // Notes whose calls went with the lines cut are laid out again whole with them: drop the
  // continuations of those notes already waiting for the next page.
  const notesAfter = new Set(notesOn(element));
  dropContinuations(new Set(notesBefore.filter((ref) => !notesAfter.has(ref))));
  page.endToken = token;
  page._onOverflow?.(token);
}

function notesOn(page: Element): (string | null)[] {
  return Array.from(page.querySelectorAll('.pagedjs_footnote_area [data-note]')).map((note) => note.getAttribute('data-ref'));
}

function dropContinuations(moved: Set<string | null>): void {
  for (const waiting of footnoteHandler()?.needsLayout ?? []) {
    for (const child of Array.from(waiting.childNodes)) {
      if (child instanceof Element && moved.has(child.getAttribute('data-ref'))) child.remove();
    }
  }
}
