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

/** The text's divisions: runs of blocks set off by four blank lines or more, as block indexes. */
export function divisionsOf(blocks: readonly ClassifiedLine[]): number[][] {
  const divisions: number[][] = [];
  blocks.forEach((block, index) => {
    const previous = blocks[index - 1];
    const gap = previous ? block.line - previous.endLine - 1 : Number.POSITIVE_INFINITY;
    if (gap >= 4 || divisions.length === 0) divisions.push([index]);
    else divisions.at(-1)?.push(index);
  });
  return divisions;
}

export function readIssue(blocks: readonly ClassifiedLine[]): Issue | undefined {
  const [head, ...rest] = divisionsOf(blocks);
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

/**
 * A collection of pieces each printed with its own credit (The Federalist: `FEDERALIST No. 6`, `For
 * the Independent Journal. …`, `HAMILTON`; an anthology's poems `BY …`): when most divisions open
 * with a byline or a publication line, each division is a piece, but for the title page the
 * collection opens with.
 */
export function readCollection(
  blocks: readonly ClassifiedLine[],
  carriesCredit: (block: ClassifiedLine) => boolean,
  isProse: (block: ClassifiedLine) => boolean,
): { starts: number[]; titlePage: ClassifiedLine[] } | undefined {
  const divisions = divisionsOf(blocks);
  // Only divisions with prose count: a title page's byline is the book's.
  const withProse = divisions.filter((division) => division.some((index) => isProse(blocks[index] as ClassifiedLine)));
  const count = withProse.filter((division) => division.slice(1, 7).some((index) => carriesCredit(blocks[index] as ClassifiedLine))).length;
  if (count < 2 || count * 2 < withProse.length) return undefined;
  // Leading divisions without prose (the collection's title, its editors' or authors' names) are its title page.
  let first = 0;
  while (first < divisions.length - 1 && !(divisions[first] as number[]).some((index) => isProse(blocks[index] as ClassifiedLine))) first++;
  return {
    starts: divisions.slice(first).map((division) => division[0] as number),
    titlePage: divisions
      .slice(0, first)
      .flat()
      .map((index) => blocks[index] as ClassifiedLine),
  };
}
