import { findDate } from '../text.ts';
import type { ClassifiedLine } from './classify.ts';
import { recasedTitle } from './opening.ts';

/**
 * An issue of a periodical set as an e-text (The Girl's Own Paper, No. 353): a masthead (the
 * paper's name, its volume and number, the date, the price), then articles, each a division set
 * off by four blank lines or more, as Distributed Proofreaders and most e-texts mark them (two
 * blank lines set off a section within one).
 */
export interface Issue {
  /** The paper's name, the venue of every article. */
  venue: string;
  /** The issue's date, the date of every article that gives none. */
  date: string | undefined;
  masthead: ClassifiedLine[];
  /** The block index where each division after the masthead starts. */
  starts: number[];
}

/** Volume and number lines of a masthead: `VOL. VIII.--NO. 353.`, `No. 12`, `Issue 4`. */
const numbering = /^(?:vol(?:ume)?|no|number|issue)\.?\s*[\dIVXLC]/i;

export function readIssue(blocks: readonly ClassifiedLine[]): Issue | undefined {
  const divisions: number[][] = [];
  blocks.forEach((block, index) => {
    const previous = blocks[index - 1];
    const gap = previous ? block.line - previous.endLine - 1 : Number.POSITIVE_INFINITY;
    if (gap >= 4 || divisions.length === 0) divisions.push([index]);
    else divisions.at(-1)?.push(index);
  });
  const [head, ...rest] = divisions;
  if (!head || rest.length < 2) return undefined;
  const masthead = head.map((index) => blocks[index] as ClassifiedLine);
  if (masthead.length > 6 || masthead.some((block) => block.lines.length > 1 || block.text.length > 80)) return undefined;
  const dateBlock = masthead.find((block) => block.kind === 'date');
  const name = masthead[0];
  if (!dateBlock || !name || name === dateBlock || numbering.test(name.text) || !masthead.some((block) => numbering.test(block.text))) return undefined;
  return {
    venue: recasedTitle(name.text) ?? name.text.replace(/\.$/, ''),
    date: findDate(dateBlock.text)?.iso,
    masthead,
    starts: rest.map((division) => division[0] as number),
  };
}
