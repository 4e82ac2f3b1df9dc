import type { CslDate } from '../csl.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SEASONS: Record<string, 1 | 2 | 3 | 4> = { spring: 1, summer: 2, autumn: 3, fall: 3, winter: 4 };

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(1[5-9]\d\d|20\d\d)`;

const DAY_MONTH_YEAR = new RegExp(String.raw`^${DAY}\s+(${MONTH})\s*,?\s+${YEAR}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(String.raw`^(${MONTH})\s+${DAY},?\s+${YEAR}$`, 'i');
const MONTH_YEAR = new RegExp(String.raw`^(${MONTH})\s*,?\s+${YEAR}$`, 'i');
const SEASON_YEAR = new RegExp(String.raw`^(spring|summer|autumn|fall|winter)\s+${YEAR}$`, 'i');
const ISO = new RegExp(String.raw`^${YEAR}-(\d\d)(?:-(\d\d))?$`);
const YEAR_ONLY = new RegExp(`^${YEAR}[a-z]?$`);
const MONTH_DAY_END = new RegExp(String.raw`\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?$`, 'i');
const YEAR_START = new RegExp(String.raw`^${YEAR}\b`);

/** The date a whole string spells (`27 April 1994`, `April 27, 1994`, `July 2012`, `2013`), if it is one. */
export function parseDate(text: string): CslDate | undefined {
  const value = text.trim().replace(/\s+/g, ' ');
  let match = DAY_MONTH_YEAR.exec(value);
  if (match) return dayDate(Number(match[3]), monthNumber(match[2]!), Number(match[1]));
  match = MONTH_DAY_YEAR.exec(value);
  if (match) return dayDate(Number(match[3]), monthNumber(match[1]!), Number(match[2]));
  match = MONTH_YEAR.exec(value);
  if (match) return { 'date-parts': [[Number(match[2]), monthNumber(match[1]!)]] };
  match = SEASON_YEAR.exec(value);
  if (match) return { 'date-parts': [[Number(match[2])]], season: SEASONS[match[1]!.toLowerCase()]! };
  match = ISO.exec(value);
  if (match) return match[3] ? dayDate(Number(match[1]), Number(match[2]), Number(match[3])) : { 'date-parts': [[Number(match[1]), Number(match[2])]] };
  match = YEAR_ONLY.exec(value);
  if (match) return { 'date-parts': [[Number(match[1])]] };
  return undefined;
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

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function dayDate(year: number, month: number, day: number): CslDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { 'date-parts': [[year, month, day]] };
}
