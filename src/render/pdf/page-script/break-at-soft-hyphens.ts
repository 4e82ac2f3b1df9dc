import type { PagedjsFix } from './fix.ts';
import { handlerRequirements } from './pagedjs.ts';

/**
 * Paged.js finds where a page overflows by measuring each letter's box, but the box of the letter
 * after a soft-hyphen line break also covers the end of the line before, so it breaks one letter
 * late: `counterterror-i` then no longer fits and is cut off. Breaking inside a word where no line
 * can break, this steps back to the soft hyphen before.
 */
export const breakAtSoftHyphens: PagedjsFix = {
  id: 'break-at-soft-hyphens',
  requirements: (paged) => handlerRequirements(paged, ['onOverflow']),
  install(paged) {
    class BreakAtSoftHyphens extends paged.Handler {
      onOverflow(overflow: Range | undefined): Range | undefined {
        return overflow ? overflowAtSoftHyphen(overflow) : overflow;
      }
    }
    paged.registerHandlers(BreakAtSoftHyphens);
  },
};

/** The overflow range moved back to the soft hyphen before it, when it starts inside a word. */
export function overflowAtSoftHyphen(overflow: Range): Range {
  const node = overflow.startContainer;
  if (node.nodeType !== Node.TEXT_NODE) return overflow;
  const data = (node as Text).data;
  const offset = overflow.startOffset;
  const letter = /\p{L}/u;
  const inWord = (character: string) => character === '\u00ad' || letter.test(character);
  if (offset <= 0 || offset >= data.length || !inWord(data.charAt(offset - 1)) || !inWord(data.charAt(offset))) return overflow;
  if (data.charAt(offset - 1) === '\u00ad') return overflow;
  for (let index = offset - 1; index > 0; index--) {
    if (data.charAt(index) === '\u00ad') {
      overflow.setStart(node, index + 1);
      break;
    }
    if (!letter.test(data.charAt(index))) break;
  }
  return overflow;
}
