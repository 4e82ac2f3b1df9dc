import { asName, findDate } from '../text.ts';

/**
 * What the opening lines of a printed piece say about it, as books and e-texts set them: the title in
 * capitals, a publication line (`For the Independent Journal. Wednesday, November 14, 1787`,
 * `Reprinted from the Journal of American Folk-Lore, October-December, 1890`), a name in capitals
 * under it (`HAMILTON`).
 */

const smallWords = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'of', 'to', 'in', 'on', 'at', 'by', 'as', 'with', 'from', 'into', 'vs', 'via']);
const romanNumeral = /^(?=[IVXLCDM]+$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/** Whether a heading is set in capitals: every word of three letters or more has no lower case. */
export function isInCapitals(text: string): boolean {
  // `ANCIENT ART of the PROVINCE OF CHIRIQUI`: small words a title page sets in lower case do not count.
  const words = text.split(/\s+/).filter((word) => (word.match(/\p{L}/gu) ?? []).length >= 3 && !smallWords.has(word));
  return words.length > 0 && words.every((word) => !/\p{Ll}/u.test(word));
}

/**
 * `A CONTRIBUTION TO PASSAMAQUODDY FOLK-LORE.` → `A Contribution to Passamaquoddy Folk-Lore`, `FEDERALIST No. 6`
 * → `Federalist No. 6`: a heading set in capitals (as printers and e-texts set titles), in title
 * case, without its closing full stop; words already in mixed case and Roman numerals are kept.
 * Undefined when the heading is not in capitals.
 */
export function recasedTitle(text: string): string | undefined {
  if (!isInCapitals(text)) return undefined;
  const words = text.replace(/\.$/, '').split(/(\s+)/);
  const last = words.length - 1;
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (index !== 0 && index !== last && smallWords.has(lower)) return lower;
      if (/^\s+$/.test(word) || /\p{Ll}/u.test(word) || !/\p{L}{2}/u.test(word) || romanNumeral.test(word.replace(/[^\p{L}]/gu, ''))) return word;
      // Each part of `FOLK-LORE` capitalised; after an apostrophe only in `O'Brien`, not in `Merle's`.
      return lower
        .replace(/(^|[-/"“‘(])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
        .replace(/(^|[-/"“‘(])(\p{Lu}['’])(\p{Ll})/gu, (_, before: string, prefix: string, letter: string) => before + prefix + letter.toUpperCase());
    })
    .join('');
}

const weekday = /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day[.,]?\s*$/i;

/**
 * A line saying where the piece was first printed: `For the Independent Journal. Wednesday, November
 * 14, 1787`, `From the New York Packet. Tuesday, November 20, 1787`, `Reprinted from the Journal of
 * American Folk-Lore, October-December, 1890`, `Originally published in The Atlantic, 1862`.
 * `For the …`/`From the …` must carry a date: without one it is a sentence (`From the first day …`).
 */
export function readPublicationLine(text: string): { venue: string; date: string | undefined } | undefined {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length > 160) return undefined;
  const printed = /^(?:(?:first|originally)\s+)?(?:published|printed|reprinted)\s+(?:in|from)\s+(\S.*)$/i.exec(line);
  const forFrom = printed ? undefined : /^(?:for|from)\s+(the\s+\S.*)$/i.exec(line);
  // `the Independent Journal`: the article of the sentence, not of the name (`The Atlantic`).
  const rest = (printed?.[1] ?? forFrom?.[1])?.replace(/^the\s+/, '');
  if (!rest) return undefined;
  const found = findDate(rest);
  // A span of months (`October-December, 1890`) gives its year, all it says for certain.
  const year = found ? undefined : /\b(1[5-9]\d\d|20\d\d)\.?\s*$/.exec(rest);
  if (forFrom && !found && !year) return undefined;
  // The name runs to the first comma (`Journal of American Folk-Lore, October-December, 1890`) or the weekday.
  const venue = (rest.slice(0, found?.start ?? year?.index ?? rest.length).split(',')[0] ?? '')
    .replace(weekday, '')
    .replace(/[\s.,;:–—-]+$/, '')
    .trim();
  // A publication's name: capitalised words (with `of`, `and`…), not a clause.
  const words = venue.split(/\s+/);
  if (words.length === 0 || words.length > 8 || !words.every((word) => /^[\p{Lu}\d"“‘']/u.test(word) || smallWords.has(word.toLowerCase()))) return undefined;
  if (!/^[\p{Lu}"“‘']/u.test(venue)) return undefined;
  return { venue, date: found?.iso ?? year?.[1] };
}

/** `HAMILTON`, `J. WALTER FEWKES`: a name set in capitals on a line of its own, in its usual case. */
export function nameInCapitals(text: string): string | undefined {
  const line = text.replace(/[.,]$/, '').trim();
  if (/\p{Ll}/u.test(line) || !/\p{Lu}{2}/u.test(line) || line.split(/\s+/).length > 5) return undefined;
  if (line.split(/\s+/).some((word) => smallWords.has(word.toLowerCase()))) return undefined;
  // Recased here whatever its length: `JAY` is a name, not an acronym, where it signs a piece.
  return asName(line.toLowerCase().replace(/(^|[\s'’.-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()));
}

/** Two headings say the same title: same words, whatever their case, a leading article or closing full stop. */
export function sameTitle(a: string, b: string): boolean {
  const key = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\d\s]/gu, ' ')
      .replace(/^\s*(?:a|an|the)\s+/, '')
      .replace(/\s+/g, ' ')
      .trim();
  return key(a) !== '' && key(a) === key(b);
}

const titleWords = (text: string) =>
  text
    .replace(/\s*&\s*/g, ' and ')
    .toLowerCase()
    .replace(/[^\p{L}\d\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '');

/**
 * A title page sets its title over several lines (`THE` / `PIANOFORTE SONATA`): the lines around
 * the one that repeats the catalogued title, close above and below it, that with it spell words
 * of the catalogue's main title, in order (not its subtitle, which the catalogue gives on
 * the next line: `Its Origin and Development`). `chosen` is an index into `front`.
 */
/** What `titleLines` reads of a classified line (its type lives in classify.ts, which imports this module). */
interface TitleLine {
  line: number;
  endLine: number;
  text: string;
}

export function titleLines<Line extends TitleLine>(front: readonly Line[], chosen: number, mainTitle: string | undefined): Line[] {
  const main = titleWords(mainTitle ?? '');
  const spells = (blocks: readonly Line[]) => {
    const words = titleWords(blocks.map((block) => block.text).join(' '));
    const at = (offset: number) => words.every((word, index) => word === main[offset + index]);
    return words.length > 0 && main.some((_, offset) => offset + words.length <= main.length && at(offset));
  };
  // Lines of words, close together: not a line of dates or numbers (`(1790-1826.)`), which the title need not carry.
  const close = (above: Line | undefined, below: Line | undefined) =>
    above !== undefined &&
    below !== undefined &&
    below.line - above.endLine - 1 <= 2 &&
    [above, below].every((block) => block.text.length <= 80 && (block.text.match(/\p{L}/gu) ?? []).length >= 2);
  let lines = [front[chosen] as Line];
  if (!spells(lines)) return lines;
  for (let above = chosen - 1; close(front[above], lines[0]) && spells([front[above] as Line, ...lines]); above--) {
    lines = [front[above] as Line, ...lines];
  }
  for (let below = chosen + 1; close(lines.at(-1), front[below]) && spells([...lines, front[below] as Line]); below++) {
    lines = [...lines, front[below] as Line];
  }
  return lines;
}
