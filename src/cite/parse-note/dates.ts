import { monthNamePattern, type PartialDate, parseDate as parseAnyDate } from '../../core/dates.ts';
import type { CslDate } from '../csl.ts';

const YEAR = String.raw`(1[5-9]\d\d|20\d\d)`;
// `2013a`: the letter an author-date reference adds to tell two works of one year apart.
const YEAR_WITH_LETTER = new RegExp(`^${YEAR}[a-z]$`);
const MONTH_DAY_END = new RegExp(String.raw`(?<![\p{L}\p{N}])${monthNamePattern}\s+\d{1,2}(?:st|nd|rd|th)?$`, 'iu');
const YEAR_START = new RegExp(String.raw`^${YEAR}\b`);

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

/** News is dated to the day; journals and reports to the month or year. */
export function hasDayPrecision(date: CslDate | undefined): boolean {
  return (date?.['date-parts'][0].length ?? 0) === 3;
}

/** `March 3` at the end of one comma field, completed by `2015` at the start of the next. */
export function endsWithMonthAndDay(text: string): boolean {
  return MONTH_DAY_END.test(text.trim());
}

export function startsWithYear(text: string): boolean {
  return YEAR_START.test(text.trim());
}
