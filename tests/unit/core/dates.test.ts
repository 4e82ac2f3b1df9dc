import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareDays,
  dateOrderOf,
  dayInAddress,
  dayOfInstant,
  findAmbiguousDate,
  findDate,
  formatPartialDate,
  isDateLine,
  isIsoDate,
  parseDate,
  parseFrontMatterDate,
  seasonLabel,
  writtenDay,
} from '../../../src/core/dates.ts';

const read = (text: string, order?: 'day-first' | 'month-first') => {
  const date = parseDate(text, { order });
  return date && formatPartialDate(date);
};

describe('parseDate', () => {
  it('reads every common way of writing a day, at the precision written', () => {
    const cases: [string, string | undefined][] = [
      ['2022-06-28', '2022-06-28'],
      ['2022-Jun-28', '2022-06-28'],
      ['2022/06/28', '2022-06-28'],
      ['28/06/2022', '2022-06-28'],
      ['06/28/2022', '2022-06-28'],
      ['28.06.2022', '2022-06-28'],
      ['28-Jun-2022', '2022-06-28'],
      ['June 28th, 2022', '2022-06-28'],
      ['28th June 2022', '2022-06-28'],
      ['28 June, 2022', '2022-06-28'],
      ['Jun. 28, 2022', '2022-06-28'],
      ['Sept. 3, 2019', '2019-09-03'],
      ['Wednesday, November 16, 2011 – 1:59 PM', '2011-11-16'],
      // RFC 822, as in RSS and WXR `pubDate`.
      ['Tue, 28 Jun 2022 14:03:00 +0000', '2022-06-28'],
      // The calendar day as published, whatever the time zone.
      ['2013-09-12T23:30:00-05:00', '2013-09-12'],
      ['2013-09-12T04:30:00Z', '2013-09-12'],
      ['2019-03-04 10:00:00', '2019-03-04'],
      ['June 2022', '2022-06'],
      ['2022-06', '2022-06'],
      ['Summer 2019', '2019-22'],
      ['Fall 2019', '2019-23'],
      ['2019', '2019'],
    ];
    for (const [text, expected] of cases) assert.equal(read(text), expected, text);
  });

  it('reads month names, ordinals and weekdays in French, German, Spanish, Italian, Portuguese, Dutch and Russian', () => {
    const cases: [string, string][] = [
      ['28 juin 2022', '2022-06-28'],
      ['1er juin 2022', '2022-06-01'],
      ['mardi 28 juin 2022', '2022-06-28'],
      ['12 févr. 2020', '2020-02-12'],
      ['Dienstag, 28. Juni 2022', '2022-06-28'],
      ['3. März 2021', '2021-03-03'],
      ['28 de junio de 2022', '2022-06-28'],
      ['1º de diciembre de 2019', '2019-12-01'],
      ['28 giugno 2022', '2022-06-28'],
      ['28 de junho de 2022', '2022-06-28'],
      ['5 de outubro de 2018', '2018-10-05'],
      ['28 juni 2022', '2022-06-28'],
      ['3 mei 2021', '2021-05-03'],
      ['28 июня 2022 г.', '2022-06-28'],
      ['1 сентября 2020', '2020-09-01'],
      ['juin 2022', '2022-06'],
      ['été 2019', '2019-22'],
      ['verano de 2019', '2019-22'],
      ['Herbst 2020', '2020-23'],
    ];
    for (const [text, expected] of cases) assert.equal(read(text), expected, text);
  });

  it('never guesses: swapped day and month need an order, impossible days are no dates', () => {
    assert.equal(read('06/07/2022'), undefined);
    assert.equal(read('06/07/2022', 'day-first'), '2022-07-06');
    assert.equal(read('06/07/2022', 'month-first'), '2022-06-07');
    // The same number twice reads the same either way; dotted dates are day-first wherever written.
    assert.equal(read('07/07/2022'), '2022-07-07');
    assert.equal(read('06.07.2022'), '2022-07-06');
    for (const text of ['31 February 2022', '2022-02-30', '30/02/2022', '2022-13-01', 'June 31, 2022', 'Posted on June 6, 2012', '2013a', '12345', '']) {
      assert.equal(read(text), undefined, text);
    }
  });
});

describe('findDate', () => {
  it('finds the first day inside a byline, with its place', () => {
    const found = findDate('Posted on March 3, 2020 by Jane Doe');
    assert.deepEqual(found && { iso: found.iso, start: found.start, end: found.end }, { iso: '2020-03-03', start: 10, end: 23 });
    assert.equal(findDate('By Jane Doe · 3 mars 2020')?.iso, '2020-03-03');
  });

  it('does not read years, months or version numbers in prose as days', () => {
    assert.equal(findDate('In 2019 the summer of 2020 came, June 2021 too, v2.0.1'), undefined);
    assert.equal(findDate('founded in 2001, it had 3,000 members'), undefined);
  });

  it('reports an ambiguous numeric date it could not read', () => {
    assert.equal(findDate('updated 06/07/2022'), undefined);
    assert.equal(findAmbiguousDate('updated 06/07/2022'), '06/07/2022');
    assert.equal(findAmbiguousDate('updated 06/07/2022', { order: 'day-first' }), undefined);
    assert.equal(findAmbiguousDate('updated 28/07/2022'), undefined);
  });
});

describe('isDateLine', () => {
  it('is a day with nothing else but a weekday, a time or a time zone', () => {
    for (const line of [
      'June 6, 2012',
      'Wednesday, November 16, 2011 – 1:59 PM',
      'Sat, 16 Oct 2010 20:53:18 +0000',
      '28 июня 2022 г.',
      'Donnerstag, 3. März 2021 um 10:15 Uhr',
    ])
      assert.ok(isDateLine(line), line);
    for (const line of ['Posted June 6, 2012', 'June 2012', 'The summit of June 6, 2012 failed']) assert.ok(!isDateLine(line), line);
  });
});

describe('front-matter dates', () => {
  it('round-trips a day, a month, a year and a season (EDTF 21–24)', () => {
    for (const value of ['2022-06-28', '2022-06', '2022', '2019-21', '2019-24']) {
      const date = parseFrontMatterDate(value);
      assert.ok(date, value);
      assert.equal(formatPartialDate(date), value);
    }
    for (const value of ['2022-02-30', '2022-13', '2022-25', '22-06-28', 'June 2022', '2019-22-01'])
      assert.equal(parseFrontMatterDate(value), undefined, value);
  });

  it('names a season in the book’s language', () => {
    assert.equal(seasonLabel(2, 2019, 'en-GB'), 'Summer 2019');
    assert.equal(seasonLabel(3, 2019, 'en-US'), 'Fall 2019');
    assert.equal(seasonLabel(2, 2019, 'fr'), 'été 2019');
    assert.equal(seasonLabel(2, 2019, 'es-ES'), 'verano de 2019');
    assert.equal(seasonLabel(4, 2019, 'fi'), 'Winter 2019');
  });
});

describe('dateOrderOf', () => {
  it('knows which languages write the day first and says nothing when it cannot tell', () => {
    assert.equal(dateOrderOf('en-US'), 'month-first');
    assert.equal(dateOrderOf('en_US'), 'month-first');
    assert.equal(dateOrderOf('en-GB'), 'day-first');
    assert.equal(dateOrderOf('fr-FR'), 'day-first');
    assert.equal(dateOrderOf('de'), 'day-first');
    assert.equal(dateOrderOf('en'), undefined);
    assert.equal(dateOrderOf('en-CA'), undefined);
    assert.equal(dateOrderOf(undefined), undefined);
  });
});

describe('dayOfInstant', () => {
  it('is the day in the blog’s time zone, UTC when it has none or one this runtime does not know', () => {
    assert.equal(dayOfInstant('2021-06-14T23:30:00.000Z', 'Asia/Tashkent'), '2021-06-15');
    assert.equal(dayOfInstant('2021-06-15T02:00:00.000Z', 'America/New_York'), '2021-06-14');
    assert.equal(dayOfInstant('2021-06-14T23:30:00.000Z', undefined), '2021-06-14');
    assert.equal(dayOfInstant('2021-06-14T23:30:00.000Z', 'Mars/Olympus_Mons'), '2021-06-14');
    assert.equal(dayOfInstant('not a date', 'Etc/UTC'), undefined);
  });
});

describe('days in addresses and timestamps', () => {
  it('reads a permalink’s day from whole path segments, before a query', () => {
    assert.deepEqual(dayInAddress('https://example.org/blog/2019/01/01/ins-neue-jahr/'), { year: 2019, month: 1, day: 1 });
    assert.deepEqual(dayInAddress('/2026/01/12/a-post'), { year: 2026, month: 1, day: 12 });
    assert.deepEqual(dayInAddress('2026/01/12'), { year: 2026, month: 1, day: 12 });
    assert.equal(dayInAddress('https://example.org/a?from=2019/01/01/'), undefined);
    assert.equal(dayInAddress('https://example.org/12019/01/01/'), undefined);
    assert.equal(dayInAddress('https://2019/01/01/'), undefined);
  });

  it('the day a timestamp is written with', () => {
    assert.equal(writtenDay('2023-12-21T14:43:14.599Z'), '2023-12-21');
    assert.equal(writtenDay('2021-03-04 17:00'), '2021-03-04');
    assert.equal(writtenDay('yesterday'), undefined);
  });

  it('sorts undated after dated', () => {
    assert.deepEqual(['2020-01-02', undefined, '2019-12-31'].sort(compareDays), ['2019-12-31', '2020-01-02', undefined]);
  });
});

describe('31 February is no date anywhere', () => {
  it('in every reader of dates', async () => {
    const { parseDate: noteDate } = await import('../../../src/cite/parse-note/dates.ts');
    assert.equal(parseDate('31 February 2001'), undefined);
    assert.equal(parseDate('2001-02-31'), undefined);
    assert.equal(parseFrontMatterDate('2001-02-31'), undefined);
    assert.equal(noteDate('31 February 2001'), undefined);
    assert.equal(noteDate('February 31, 2001'), undefined);
    assert.equal(dayInAddress('https://example.org/2001/02/31/post/'), undefined);
    assert.equal(writtenDay('2001-02-31T10:00:00Z'), undefined);
    assert.equal(dayOfInstant('2001-02-31T10:00:00Z', undefined), undefined);
  });
});

describe('isIsoDate: a whole day of the calendar, written YYYY-MM-DD', () => {
  it('takes real days, leap days included, and refuses impossible ones and other forms', () => {
    for (const day of ['2026-12-05', '2024-02-29', '0050-01-01', '9999-12-31']) assert.equal(isIsoDate(day), true, day);
    for (const day of ['2026-02-29', '2026-02-31', '2026-13-01', '2026-00-10', '2026-1-05', '2026-12', '05/12/2026', ' 2026-12-05']) {
      assert.equal(isIsoDate(day), false, day);
    }
  });
});
