import type { PagedjsFix } from './fix.ts';
import { footnoteContinuationRequirements, trackFootnoteContinuations } from './footnote-continuations.ts';
import { type Chunker, handlerRequirements, type LaidOutPage, restartRequirements } from './pagedjs.ts';
import { canRestartFrom, restartFrom } from './restart.ts';

/** On a figure that may float (`markFloatableFigures`): its number. */
export const floatAttribute = 'data-float';
/** About half a page of text at 6 × 9 in: past a longer paragraph a figure would land pages away from where the text refers to it. */
const maxFloatPastCharacters = 1500;

/**
 * A figure that does not fit at the foot of a page goes overleaf and leaves a gap. As a
 * typesetter floats it, it is moved after the paragraph that follows it, and the layout starts
 * again from the page before (as Paged.js does on overflow), so that text fills the gap.
 */
export const floatStrandedFigures: PagedjsFix = {
  id: 'float-stranded-figures',
  requirements: (paged) => [...handlerRequirements(paged, ['afterPageLayout']), ...restartRequirements(paged), ...footnoteContinuationRequirements(paged)],
  install(paged) {
    trackFootnoteContinuations(paged);
    const floated = new Set<string>();
    class FloatStrandedFigures extends paged.Handler {
      afterPageLayout(element: HTMLElement, page: LaidOutPage, _token: unknown, chunker: Chunker) {
        const number = figureToFloat(element, page, chunker, floated);
        const source = number === undefined ? undefined : chunker.source.querySelector(`figure[${floatAttribute}="${number}"]`);
        const next = source?.nextElementSibling;
        if (number === undefined || !source || !next || (next.textContent ?? '').length > maxFloatPastCharacters) return;
        next.after(source);
        floated.add(number);
        restartFrom(chunker, chunker.pages.indexOf(page) - 1);
      }
    }
    paged.registerHandlers(FloatStrandedFigures);
  },
};

/** Figures that may float: between two paragraphs, so that moving one past the next paragraph keeps it in its section. */
export function markFloatableFigures(): void {
  const paragraph = (element: Element | null) => element !== null && /^(P|BLOCKQUOTE|UL|OL)$/.test(element.tagName);
  Array.from(document.querySelectorAll('figure')).forEach((figure, index) => {
    if (paragraph(figure.previousElementSibling) && paragraph(figure.nextElementSibling)) figure.setAttribute(floatAttribute, String(index));
  });
}

/** The number of the floatable figure that opens this page, not yet floated, leaving a gap of two lines or more at the foot of the page before. */
function figureToFloat(element: HTMLElement, page: LaidOutPage, chunker: Chunker, floated: Set<string>): string | undefined {
  const index = chunker.pages.indexOf(page);
  const previous = chunker.pages[index - 1];
  const content = element.querySelector('.pagedjs_page_content');
  const figure = content?.querySelector(`figure[${floatAttribute}]:not([data-split-from])`);
  const number = figure?.getAttribute(floatAttribute) ?? '';
  if (!previous || !content || !figure || floated.has(number) || !canRestartFrom(chunker, index - 1)) return undefined;
  const before = document.createRange();
  before.setStart(content, 0);
  before.setEndBefore(figure);
  if (before.toString().trim() !== '') return undefined;
  const previousContent = previous.element.querySelector('.pagedjs_page_content');
  if (!previousContent) return undefined;
  const lineHeight = Number.parseFloat(getComputedStyle(previousContent.querySelector('p') ?? previousContent).lineHeight) || 16;
  const gap = previousContent.getBoundingClientRect().bottom - textBottom(previousContent);
  // A page without text before (an image alone) has nothing to fill the gap with.
  return gap < 2 * lineHeight || !Number.isFinite(gap) ? undefined : number;
}

function textBottom(container: Element): number {
  const range = document.createRange();
  let bottom = Number.NEGATIVE_INFINITY;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue;
    range.selectNodeContents(node);
    for (const rect of Array.from(range.getClientRects())) if (rect.height > 0) bottom = Math.max(bottom, rect.bottom);
  }
  return bottom;
}
