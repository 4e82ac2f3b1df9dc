import { footnoteHandlerClass, type Paged, type Requirement } from './pagedjs.ts';

/**
 * The notes waiting for the next page (a note's continuation) live in Paged.js's footnote
 * handler, which is not exported. Its `beforePageLayout` is patched to keep the handler, and the
 * notes continuing onto each page as they were before it was laid out: a page laid out again
 * (`restartFrom`) gets them again. Shared by the fixes that lay pages out again.
 */
export interface FootnoteHandler {
  needsLayout: (DocumentFragment | Element)[];
}

let handler: FootnoteHandler | undefined;
const continuingOnto = new WeakMap<HTMLElement, Node[]>();
let installed = false;

export function footnoteContinuationRequirements(paged: Paged | undefined): Requirement[] {
  const footnotes = footnoteHandlerClass(paged);
  return [
    ['the footnote handler (a registered handler with moveFootnote)', footnotes !== undefined],
    ['footnote handler prototype.beforePageLayout', typeof footnotes?.prototype.beforePageLayout === 'function'],
  ];
}

/** Patches the footnote handler once, however many fixes need it. */
export function trackFootnoteContinuations(paged: Paged): void {
  const footnotes = footnoteHandlerClass(paged);
  const beforeLayout = footnotes?.prototype.beforePageLayout as ((this: FootnoteHandler, ...args: unknown[]) => unknown) | undefined;
  if (installed || !footnotes || !beforeLayout) return;
  installed = true;
  footnotes.prototype.beforePageLayout = function (this: FootnoteHandler, page: { element: HTMLElement }, ...args: unknown[]) {
    handler = this;
    continuingOnto.set(
      page.element,
      this.needsLayout.map((waiting) => waiting.cloneNode(true)),
    );
    return beforeLayout.call(this, page, ...args);
  };
}

/** The footnote handler, once it has started a page and if it still keeps its notes where it did. */
export function footnoteHandler(): FootnoteHandler | undefined {
  return handler && Array.isArray(handler.needsLayout) ? handler : undefined;
}

/** The notes that continued onto a page when it was first laid out. */
export function continuationsOnto(page: HTMLElement): Node[] {
  return continuingOnto.get(page) ?? [];
}
