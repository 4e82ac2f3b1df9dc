import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chapterFrontMatterSchema } from '../../src/config/schema.ts';
import { datePreposition, formatDate } from '../../src/render/common.ts';

describe('chapter dates at their precision', () => {
  it('renders a day, a month, a season and a year in the book’s language', () => {
    assert.equal(formatDate('2013-09-12', 'en-GB'), '12 September 2013');
    assert.equal(formatDate('2013-09', 'en-GB'), 'September 2013');
    assert.equal(formatDate('2019-22', 'en-GB'), 'Summer 2019');
    assert.equal(formatDate('2019-22', 'fr'), 'été 2019');
    assert.equal(formatDate('2013', 'de'), '2013');
  });

  it('is “on” a day but “in” a month, a season or a year (First published in March 2019)', () => {
    assert.deepEqual(['2013-09-12', '2013-09', '2019-21', '2013'].map(datePreposition), ['on', 'in', 'in', 'in']);
  });

  it('accepts them in front matter (a bare year as YAML reads it too) and refuses impossible ones', () => {
    const parse = (date: unknown) => chapterFrontMatterSchema.safeParse({ title: 'T', date });
    for (const date of ['2013-09-12', '2013-09', '2013', '2019-24', 2013]) assert.ok(parse(date).success, String(date));
    for (const date of ['2013-02-30', '2013-13', '2019-25', 'Summer 2019', '12/09/2013']) assert.ok(!parse(date).success, date);
  });
});
