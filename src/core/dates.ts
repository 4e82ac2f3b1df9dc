/**
 * Dates as sources write them, read in one place (importers, front matter, the note parser):
 * ISO and numeric forms, month names in English, French, German, Spanish, Italian, Portuguese,
 * Dutch and Russian, seasons and bare years. A date stays as precise as it was written (a year, a
 * month, a season or a day) and is never guessed: `06/07/2022` is read only when the order of day
 * and month is known, and 31 February is no date.
 */

/** 1 spring, 2 summer, 3 autumn, 4 winter (CSL's numbering). */
export type Season = 1 | 2 | 3 | 4;

/** A date as precise as its source: a year, a month of a year, a season of a year, or a day. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  season?: Season;
}

/** How a numeric date such as `06/07/2022` is read: 6 July (`day-first`) or June 7 (`month-first`). */
export type DateOrder = 'day-first' | 'month-first';

export interface DateOptions {
  /** For numeric dates whose day and month could be swapped; without it they are not read. */
  order?: DateOrder | undefined;
}

export interface FoundDate {
  date: PartialDate;
  /** The date as front matter writes it: `2022-06-28`, `2022-06`, `2022`, `2019-22` (summer). */
  iso: string;
  /** Offsets of the matched text in the searched string. */
  start: number;
  end: number;
}

const monthNames: readonly (readonly string[])[] = [
  ['january', 'jan', 'janvier', 'janv', 'januar', 'jänner', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'январь', 'января', 'янв'],
  [
    'february',
    'feb',
    'febr',
    'février',
    'fevrier',
    'févr',
    'fevr',
    'fév',
    'februar',
    'febrero',
    'febbraio',
    'fevereiro',
    'fev',
    'februari',
    'февраль',
    'февраля',
    'фев',
    'февр',
  ],
  ['march', 'mar', 'mars', 'märz', 'maerz', 'mär', 'mrz', 'marzo', 'março', 'marco', 'maart', 'mrt', 'март', 'марта', 'мар'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'апрель', 'апреля', 'апр'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'май', 'мая'],
  ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'giu', 'junho', 'июнь', 'июня', 'июн'],
  ['july', 'jul', 'juillet', 'juil', 'juli', 'julio', 'luglio', 'lug', 'julho', 'июль', 'июля', 'июл'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'август', 'августа', 'авг'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'set', 'settembre', 'setembro', 'сентябрь', 'сентября', 'сен', 'сент'],
  ['october', 'oct', 'octobre', 'oktober', 'okt', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'октябрь', 'октября', 'окт'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'ноябрь', 'ноября', 'ноя', 'нояб'],
  ['december', 'dec', 'décembre', 'decembre', 'déc', 'dezember', 'dez', 'diciembre', 'dic', 'dicembre', 'dezembro', 'декабрь', 'декабря', 'дек'],
];

const seasonNames: Record<Season, readonly string[]> = {
  1: ['spring', 'printemps', 'frühling', 'frühjahr', 'primavera', 'lente', 'voorjaar', 'весна'],
  2: ['summer', 'été', 'ete', 'sommer', 'verano', 'estate', 'verão', 'verao', 'zomer', 'лето'],
  3: ['autumn', 'fall', 'automne', 'herbst', 'otoño', 'otono', 'autunno', 'outono', 'herfst', 'najaar', 'осень'],
  4: ['winter', 'hiver', 'invierno', 'inverno', 'зима'],
};

const weekdayNames = [
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'],
  ...['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  ...['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag'],
  ...['lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo'],
  ...['lunedì', 'lunedi', 'martedì', 'martedi', 'mercoledì', 'mercoledi', 'giovedì', 'giovedi', 'venerdì', 'venerdi', 'sabato', 'domenica'],
  ...['segunda-feira', 'terça-feira', 'terca-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira'],
  ...['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  ...['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'],
];

const monthByName = new Map(monthNames.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
const seasonByName = new Map(([1, 2, 3, 4] as const).flatMap((season) => seasonNames[season].map((name) => [name, season] as const)));

const alternation = (names: Iterable<string>) => [...names].sort((a, b) => b.length - a.length).join('|');
/** A month's name or abbreviation in any of the languages read here (`Jun.`, `juin`, `июня`). */
export const monthNamePattern = `(?:${alternation(monthByName.keys())})\\.?`;
const seasonPattern = `(?:${alternation(seasonByName.keys())})`;
const weekdayPattern = `(?:${alternation(weekdayNames)})\\.?`;

// Letters and digits of any script: `\b` knows only ASCII.
const before = '(?<![\\p{L}\\p{N}])';
const after = '(?![\\p{L}\\p{N}])';
const day = '(\\d{1,2})(?:st|nd|rd|th|er|º|°|ª)?\\.?';
const year = '(\\d{4})';
const month = `(${monthNamePattern})`;
// Its offset from UTC right after it, or after a space as Git and Jekyll write it (`11:10:38 -0700`).
const time = '[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z| ?[+-]\\d{2}(?::?\\d{2})?)?';

interface DatePattern {
  regex: RegExp;
  read: (match: RegExpExecArray, options: DateOptions) => PartialDate | undefined;
  /** Read only when the whole text is a date (a bare year or month inside prose is not one). */
  wholeOnly?: true;
}

const regex = (source: string, end = after) => new RegExp(`${before}${source}${end}`, 'giu');

// 28/06/2022, 06/28/2022, 28.06.2022, 28-06-2022
const numericPattern: DatePattern = { regex: regex('(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})'), read: (m, options) => numericDay(m, options.order) };

const dayPatterns: DatePattern[] = [
  // 2022-06-28, 2022-06-28T23:30:00-05:00 (the calendar day as published), 2022/06/28, 2022.06.28.
  { regex: regex(`${year}([-/.])(\\d{1,2})\\2(\\d{1,2})(?:${time})?`, '(?!\\p{N})'), read: (m) => dayOf(m[1], m[3], m[4]) },
  // 2022-Jun-28
  { regex: regex(`${year}-${month}-(\\d{1,2})`), read: (m) => dayOf(m[1], monthOf(m[2]), m[3]) },
  // 28 June 2022, 28th June, 2022, 28. Juni 2022, 28 de junio de 2022, 1er juin 2022, 28 июня 2022, 28-Jun-2022
  {
    regex: regex(`${day}(?:\\s+|\\s*-\\s*)(?:de\\s+)?${month}(?:,?\\s+|\\s*-\\s*)(?:de\\s+)?${year}`),
    read: (m) => dayOf(m[3], monthOf(m[2]), m[1]),
  },
  // 2022年6月28日 (Chinese, Japanese), 2022년 6월 28일 (Korean)
  { regex: regex(`${year}\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일]`, ''), read: (m) => dayOf(m[1], m[2], m[3]) },
  // June 28th, 2022, Jun. 28, 2022
  { regex: regex(`${month}\\s+${day},?\\s+${year}`), read: (m) => dayOf(m[3], monthOf(m[1]), m[2]) },
  numericPattern,
];

const coarsePatterns: DatePattern[] = [
  // June 2022, juin 2022, junio de 2022, 2022-06
  { regex: regex(`${month},?\\s+(?:de\\s+)?${year}`), read: (m) => monthOfYear(m[2], monthOf(m[1])) },
  { regex: regex(`${year}-(\\d{2})`), read: (m) => monthOfYear(m[1], Number(m[2])), wholeOnly: true },
  { regex: regex(`${year}\\s*[年년]\\s*(\\d{1,2})\\s*[月월]`, ''), read: (m) => monthOfYear(m[1], Number(m[2])) },
  // Summer 2019, été 2019, verano de 2019
  { regex: regex(`(${seasonPattern})\\s+(?:de\\s+)?${year}`), read: (m) => seasonOf(m[2], m[1]) },
  { regex: regex(year), read: (m) => yearOf(m[1]), wholeOnly: true },
];

function monthOf(name: string | undefined): number | undefined {
  return name === undefined ? undefined : monthByName.get(name.toLowerCase().normalize('NFC').replace(/\.$/, ''));
}

function plausibleYear(value: number): boolean {
  return value >= 1000 && value <= 2999;
}

/** A real day of the calendar, or nothing (31 February is no date). */
function dayOf(yearText: string | undefined, monthValue: string | number | undefined, dayText: string | undefined): PartialDate | undefined {
  const [y, m, d] = [Number(yearText), Number(monthValue), Number(dayText)];
  if (!plausibleYear(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getUTCFullYear() === y ? { year: y, month: m, day: d } : undefined;
}

function monthOfYear(yearText: string | undefined, monthValue: number | undefined): PartialDate | undefined {
  const y = Number(yearText);
  return plausibleYear(y) && monthValue !== undefined && monthValue >= 1 && monthValue <= 12 ? { year: y, month: monthValue } : undefined;
}

function seasonOf(yearText: string | undefined, name: string | undefined): PartialDate | undefined {
  const y = Number(yearText);
  const season = name === undefined ? undefined : seasonByName.get(name.toLowerCase());
  return plausibleYear(y) && season ? { year: y, season } : undefined;
}

function yearOf(yearText: string | undefined): PartialDate | undefined {
  const y = Number(yearText);
  return plausibleYear(y) ? { year: y } : undefined;
}

/**
 * `28/06/2022` is day-first whatever the locale (there is no 28th month), `06/28/2022` month-first;
 * `06/07/2022` needs `order`. Dotted dates (`06.07.2022`) are day-first wherever they are written.
 */
function numericDay(match: RegExpExecArray, order: DateOrder | undefined): PartialDate | undefined {
  const [first, separator, second, yearText] = [Number(match[1]), match[2], Number(match[3]), match[4]];
  const readAs = separator === '.' || first > 12 || first === second ? 'day-first' : second > 12 ? 'month-first' : order;
  if (readAs === 'day-first') return dayOf(yearText, second, String(first));
  if (readAs === 'month-first') return dayOf(yearText, first, String(second));
  return undefined;
}

/** Whether a day and month of a numeric date could be swapped (`06/07/2022`): it is read only with a known order. */
function isAmbiguousNumeric(match: RegExpExecArray): boolean {
  const [first, separator, second] = [Number(match[1]), match[2], Number(match[3])];
  return separator !== '.' && first !== second && first <= 12 && second <= 12 && first >= 1 && second >= 1;
}

function search(text: string, patterns: readonly DatePattern[], options: DateOptions): FoundDate | undefined {
  let best: FoundDate | undefined;
  for (const pattern of patterns) {
    if (pattern.wholeOnly) continue;
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      if (best && match.index >= best.start) break;
      const date = pattern.read(match, options);
      if (date) {
        best = { date, iso: formatPartialDate(date), start: match.index, end: match.index + match[0].length };
        break;
      }
    }
  }
  return best;
}

/**
 * The first calendar day in `text`: `September 12, 2013`, `7 November 2011`, `2013-09-12`,
 * `28. Juni 2022`, `28/06/2022`. Months, seasons and years alone are not searched for in prose.
 */
export function findDate(text: string, options: DateOptions = {}): FoundDate | undefined {
  return search(text, dayPatterns, options);
}

/** The first numeric date in `text` whose day and month could be swapped, when `findDate` could not read it. */
export function findAmbiguousDate(text: string, options: DateOptions = {}): string | undefined {
  if (options.order) return undefined;
  for (const match of text.matchAll(numericPattern.regex)) if (isAmbiguousNumeric(match)) return match[0];
  return undefined;
}

/** What may surround a date on a line of its own: a weekday, a time, a time zone, `г.` */
const aroundDate = new RegExp(
  [
    ...[
      weekdayPattern,
      '\\d{1,2}[:.h]\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?\\s?m\\.?)?',
      '(?:Z|UTC|GMT|[ECMP][SD]T|BST|CEST|CET|EEST|EET|IST|JST|AEST|AEDT|MSK)',
      '(?:at|à|um|alle|às|a las|om|в|г|года|uhr|h)',
    ].map((part) => `${before}${part}${after}`),
    '[+-]\\d{2}:?\\d{2}',
    '[\\s,–—\\-|·•.()]+',
  ].join('|'),
  'giu',
);

function isOnlyAround(rest: string): boolean {
  return rest.replace(aroundDate, '').trim() === '';
}

/**
 * The date a whole string spells, at whatever precision it has: `2022-06-28T10:00:00+02:00`,
 * `Tue, 28 Jun 2022 14:03:00 +0000`, `June 28th, 2022`, `juin 2022`, `Summer 2019`, `2019`.
 */
export function parseDate(text: string, options: DateOptions = {}): PartialDate | undefined {
  const value = text.trim().replace(/\s+/g, ' ');
  if (value === '') return undefined;
  const found = search(value, dayPatterns, options);
  if (found && isOnlyAround(value.slice(0, found.start) + value.slice(found.end))) return found.date;
  for (const pattern of coarsePatterns) {
    pattern.regex.lastIndex = 0;
    const match = pattern.regex.exec(value);
    if (!match) continue;
    const date = pattern.read(match, options);
    if (date && isOnlyAround(value.slice(0, match.index) + value.slice(match.index + match[0].length))) return date;
  }
  return undefined;
}

/** A line that is nothing but a calendar day (and perhaps a weekday and a time): `Wednesday, November 16, 2011 – 1:59 PM`. */
export function isDateLine(line: string, options: DateOptions = {}): boolean {
  const found = findDate(line, options);
  return found !== undefined && isOnlyAround(line.slice(0, found.start) + line.slice(found.end));
}

/** The front-matter form: `2022-06-28`, `2022-06`, `2022`, and EDTF's `2019-22` for summer 2019 (21 spring … 24 winter). */
export function formatPartialDate(date: PartialDate): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const y = String(date.year).padStart(4, '0');
  if (date.season) return `${y}-${20 + date.season}`;
  if (date.month === undefined) return y;
  return date.day === undefined ? `${y}-${pad(date.month)}` : `${y}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * A whole day written YYYY-MM-DD that the calendar has (not 2026-02-31): anthology.yaml's edition
 * date, `--date`. Any four-digit year: unlike a date read from a source, it is the editor's.
 */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Reads the front-matter form back; undefined for anything else (or an impossible day). */
export function parseFrontMatterDate(value: string): PartialDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), match[2], match[3]];
  if (m === undefined) return { year: y };
  const monthNumber = Number(m);
  if (d === undefined && monthNumber >= 21 && monthNumber <= 24) return { year: y, season: (monthNumber - 20) as Season };
  if (d === undefined) return monthNumber >= 1 && monthNumber <= 12 ? { year: y, month: monthNumber } : undefined;
  const date = dayOf(String(y), monthNumber, d);
  return date && y >= 1 ? date : undefined;
}

/**
 * The order a language writes numeric dates in: American English month first, other English
 * varieties and the other languages day first. Plain `en` (and Canadian English, which writes
 * both) says nothing.
 */
export function dateOrderOf(language: string | undefined): DateOrder | undefined {
  if (!language) return undefined;
  const [lang, region] = language.replace(/_/g, '-').toLowerCase().split('-');
  if (!lang) return undefined;
  if (['zh', 'ja', 'ko', 'hu', 'lt', 'mn'].includes(lang)) return undefined;
  if (lang !== 'en') return 'day-first';
  if (!region || region === 'ca') return undefined;
  return ['us', 'ph', 'fm', 'mh', 'gu', 'as', 'um', 'vi', 'pr', 'mp'].includes(region) ? 'month-first' : 'day-first';
}

const seasonLabels: Record<string, [string, string, string, string, (season: string, year: number) => string]> = {
  en: ['Spring', 'Summer', 'Autumn', 'Winter', (s, y) => `${s} ${y}`],
  'en-us': ['Spring', 'Summer', 'Fall', 'Winter', (s, y) => `${s} ${y}`],
  fr: ['printemps', 'été', 'automne', 'hiver', (s, y) => `${s} ${y}`],
  de: ['Frühjahr', 'Sommer', 'Herbst', 'Winter', (s, y) => `${s} ${y}`],
  es: ['primavera', 'verano', 'otoño', 'invierno', (s, y) => `${s} de ${y}`],
  it: ['primavera', 'estate', 'autunno', 'inverno', (s, y) => `${s} ${y}`],
  pt: ['primavera', 'verão', 'outono', 'inverno', (s, y) => `${s} de ${y}`],
  nl: ['voorjaar', 'zomer', 'najaar', 'winter', (s, y) => `${s} ${y}`],
  ru: ['весна', 'лето', 'осень', 'зима', (s, y) => `${s} ${y}`],
};

/** `Summer 2019` in the book's language (Intl has no names for seasons); English for languages not listed. */
export function seasonLabel(season: Season, yearValue: number, language: string): string {
  const lower = language.toLowerCase();
  const labels = seasonLabels[lower] ?? seasonLabels[lower.split('-')[0] ?? ''] ?? seasonLabels.en;
  const [spring, summer, autumn, winter, join] = labels as NonNullable<typeof labels>;
  return join([spring, summer, autumn, winter][season - 1] as string, yearValue);
}

/**
 * The day a permalink carries (`https://example.org/2019/01/01/ins-neue-jahr/`, `/2026/01/12/…`,
 * `2026/01/12`): year, month and day as whole path segments, before any query or fragment; an
 * impossible day (`/2019/02/31/`) is none.
 */
export function dayInAddress(address: string): PartialDate | undefined {
  const pathPart = address.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/[?#].*$/s, '');
  const match = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})(?:\/|$)/.exec(pathPart);
  return match ? parseFrontMatterDate(`${match[1]}-${match[2]}-${match[3]}`) : undefined;
}

/** The day a timestamp is written with (`2023-12-21T14:43:14.599Z` → `2023-12-21`), if it is a real day. */
export function writtenDay(timestamp: string): string | undefined {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(timestamp.trim())?.[0];
  return day && parseFrontMatterDate(day) ? day : undefined;
}

/**
 * The day an instant falls on in a time zone (UTC without one, or with one this runtime does not
 * know): a post from late evening in Tashkent is dated the day before in UTC. Something that is no
 * instant gives the day it is written with, if any.
 */
export function dayOfInstant(instant: string | number, timeZone: string | undefined): string | undefined {
  // Older Ghost exports write milliseconds since 1970.
  const date = new Date(instant);
  const written = String(instant);
  // V8 rolls 31 February over into March: a day that does not exist is no instant either.
  if (/^\d{4}-\d{2}-\d{2}/.test(written.trim()) && !writtenDay(written)) return undefined;
  if (Number.isNaN(date.getTime())) return writtenDay(written);
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** Front-matter dates in order (as strings: ISO sorts); an undated one after every dated one. */
export function compareDays(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
