import type { PagedjsFix } from './fix.ts';
import { footnoteContinuationRequirements, trackFootnoteContinuations } from './footnote-continuations.ts';
import { type Chunker, handlerRequirements, type LaidOutPage, restartRequirements } from './pagedjs.ts';
import { canRestartFrom, restartFrom } from './restart.ts';

/**
 * With `footnote-policy: auto` Paged.js keeps a call on its line and starts the note below,
 * continuing it overleaf, which fills pages; but when not one line of the note fits, the whole
 * note goes overleaf without its call. That note is given the `line` policy (its call's line goes
 * overleaf too) and the page is laid out again. Paged.js finds that line from the top of the text
 * before the call, often lines higher: the last word is split off to be that text.
 */
export const startNotesOnTheirCallsPage: PagedjsFix = {
  id: 'start-notes-on-their-calls-page',
  requirements: (paged) => [...handlerRequirements(paged, ['afterPageLayout']), ...restartRequirements(paged), ...footnoteContinuationRequirements(paged)],
  install(paged) {
    trackFootnoteContinuations(paged);
    const movedWithLine = new Set<string>();
    class StartNotesOnTheirCallsPage extends paged.Handler {
      afterPageLayout(element: HTMLElement, page: LaidOutPage, _token: unknown, chunker: Chunker) {
        const index = chunker.pages.indexOf(page);
        if (!canRestartFrom(chunker, index)) return;
        const first = orphanedCalls(element).find((ref) => !movedWithLine.has(ref));
        const source = first === undefined ? undefined : chunker.source.querySelector(`[data-ref="${first}"]`);
        if (first === undefined || !source) return;
        movedWithLine.add(first);
        source.setAttribute('data-note-policy', 'line');
        const textBefore = source.previousSibling;
        const lastSpace = textBefore?.nodeType === Node.TEXT_NODE ? (textBefore as Text).data.trimEnd().search(/\s\S*$/) : -1;
        if (lastSpace > 0) (textBefore as Text).splitText(lastSpace + 1);
        restartFrom(chunker, index);
      }
    }
    paged.registerHandlers(StartNotesOnTheirCallsPage);
  },
};

/** The refs of the calls on a page whose notes do not start on it. */
function orphanedCalls(page: HTMLElement): string[] {
  const notesHere = new Set(
    Array.from(page.querySelectorAll('.pagedjs_footnote_area [data-note]:not([data-split-from])')).map((note) => note.getAttribute('data-ref')),
  );
  return Array.from(page.querySelectorAll('.pagedjs_page_content [data-footnote-call]'))
    .map((call) => call.getAttribute('data-footnote-call') ?? '')
    .filter((ref) => !notesHere.has(ref));
}
