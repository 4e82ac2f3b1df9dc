import { type PartialDate, parseDate as parseAnyDate } from '../../core/dates.ts';
import type { CslDate } from '../csl.ts';

/** A year a note may cite a work of: the sixteenth century onwards (a capturing group). */
export const YEAR = String.raw`(1[5-9]\d\d|20\d\d)`;
// `2013a`: the letter an author-date reference adds to tell two works of one year apart.
const YEAR_WITH_LETTER = new RegExp(`^${YEAR}[a-z]$`);

/** The date a whole string spells (`27 April 1994`, `April 27, 1994`, `July 2012`, `Summer 2019`, `2013`), if it is one. */
export function parseDate(text: string): CslDate | undefined {
  const value = text.trim();
  const withLetter = YEAR_WITH_LETTER.exec(value);
  const date = withLetter ? { year: Number(withLetter[1]) } : parseAnyDate(value);
  // Notes cite works of the sixteenth century onwards: a four-digit number outside that is a page or an amount.
  return date && date.year >= 1500 && date.year <= 2099 ? cslDate(date) : undefined;
}

function cslDate(date: PartialDate): CslDate {
  const parts =
    date.day !== undefined && date.month !== undefined ? [date.year, date.month, date.day] : date.month !== undefined ? [date.year, date.month] : [date.year];
  return { 'date-parts': [parts as [number] | [number, number] | [number, number, number]], ...(date.season ? { season: date.season } : {}) };
}
