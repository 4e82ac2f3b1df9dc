import type { DroppedRange } from './boilerplate.ts';

/**
 * A printed book's table of contents (or list of illustrations) as an e-text keeps it: a heading
 * (`CONTENTS`, `INHOUD.`, `Table des matières`), then entries that end in the page they were on
 * (`   I. INTRODUCTORY      1`, `EEN DROOM      107.`, `Chapter I ........ 12`), with column heads
 * (`CHAP.    PAGE`, `Bladz.`), part titles and entries wrapped over two lines between them. The
 * pages are the printed book's; the chapters it lists follow as headings of their own. Found on the
 * raw lines, before classification, and dropped with its reason.
 */

const contentsHeading =
  /^(?:(?:table\s+of\s+)?contents|inhoud(?:sopgave)?|inhalt(?:sverzeichnis)?|table\s+des\s+mati[eè]res|sommaire|[íi]ndice|indholds?fortegnelse|innehåll|sisällys(?:luettelo)?|(?:list\s+of\s+)?(?:illustrations|plates))\.?$/i;
/** An entry ending in its page: two spaces or leaders before the number (Roman numerals too, for front matter). */
const pagedEntry = /\S(?:\s{2,}|\s*\.{3,}\s*|\s+[.·…]+\s+)(?:\d{1,4}|[ivxlc]{1,7})\.?$/i;
/** Lines between two entries: part titles, column heads (`CHAP.    PAGE`), the first lines of wrapped entries. */
const betweenEntries = 4;

export function contentsRanges(lines: readonly string[]): DroppedRange[] {
  const ranges: DroppedRange[] = [];
  lines.forEach((line, index) => {
    if (!contentsHeading.test(line.trim()) || ranges.some((range) => range.end >= index + 1)) return;
    const last = lastEntry(lines, index + 1);
    if (last === undefined) return;
    const what = /illustrations|plates/i.test(line) ? 'list of illustrations' : 'table of contents';
    ranges.push({ start: index + 1, end: last + 1, reason: `the printed book’s ${what} (titles and page numbers): not part of the text` });
  });
  return ranges;
}

/** The 0-based index of the last entry of the table starting after `from`; undefined when fewer than three entries carry a page. */
function lastEntry(lines: readonly string[], from: number): number | undefined {
  let last: number | undefined;
  let entries = 0;
  let others = 0;
  for (let index = from; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    if (line.length <= 100 && pagedEntry.test(line)) {
      entries++;
      last = index;
      others = 0;
    } else if (!isProse(line)) {
      if (++others > betweenEntries) break;
    } else break;
  }
  return entries >= 3 ? last : undefined;
}

/** A line of running text, which no table has: long, or a sentence in lower case. */
function isProse(line: string): boolean {
  // A wrapped entry's first line may end in a comma (`208. Devices of the decorated zone of vase in Fig. 207,`).
  return line.length > 80 || (/\p{Ll}{3}/u.test(line) && /[.!?]["”’]?$/.test(line) && line.split(/\s+/).length >= 8);
}
