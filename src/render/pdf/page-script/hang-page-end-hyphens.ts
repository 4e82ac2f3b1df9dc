import type { PagedjsFix } from './fix.ts';
import { handlerRequirements } from './pagedjs.ts';

/** The class of the hyphen Paged.js writes after a word broken across two pages. */
export const pageEndHyphenClass = 'page-end-hyphen';

/**
 * Paged.js ends a page inside a word at its soft hyphen and writes a hyphen there. That hyphen is
 * kerned against the letter before it, and can be a fraction of a pixel wider than the one Chromium
 * measured the line with: a full line then no longer fits, wraps, and with its paragraph's widows
 * goes to a column no page shows (a line lost, `pdf-overflow`). The hyphen gets a box of its own
 * that may hang into the margin by a little, and the soft hyphen before it (a break point Chromium
 * weighs with a hyphen of its own) goes.
 */
export const hangPageEndHyphens: PagedjsFix = {
  id: 'hang-page-end-hyphens',
  requirements: (paged) => handlerRequirements(paged, ['afterOverflowRemoved']),
  install(paged) {
    class HangPageEndHyphens extends paged.Handler {
      afterOverflowRemoved(_removed: unknown, rendered: Element): void {
        hangPageEndHyphen(rendered);
      }
    }
    paged.registerHandlers(HangPageEndHyphens);
  },
};

/**
 * The hyphen Paged.js appended to the page's last text (its parent marked `pagedjs_hyphen`), in an
 * inline block of its own with a negative end margin: an inline box's margin does not make room on
 * the line; a block's does. Styled here, not in the book's print.css, which an older book keeps.
 */
export function hangPageEndHyphen(rendered: Element): void {
  const walker = document.createTreeWalker(rendered, NodeFilter.SHOW_TEXT);
  let last: Text | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.trim() !== '') last = node as Text;
  const parent = last?.parentElement;
  if (!last || !parent?.closest('.pagedjs_hyphen') || parent.classList.contains(pageEndHyphenClass)) return;
  if (!/[\p{L}\u00ad]-$/u.test(last.data)) return;
  const hyphen = last.splitText(last.data.length - 1);
  const box = document.createElement('span');
  box.className = pageEndHyphenClass;
  Object.assign(box.style, { display: 'inline-block', textIndent: '0', marginInlineEnd: '-0.1em' });
  hyphen.replaceWith(box);
  box.append(hyphen);
  last.data = last.data.replace(/\u00ad$/, '');
}
