import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../../../src/cite/label/labels.ts';
import { parseNote } from '../../../src/cite/parse-note.ts';
import { labelled } from '../../helpers/labelled.ts';

const run = (label: Label, count: number, confidence = 0.95): [Label, number][] => Array.from({ length: count }, () => [label, confidence]);

describe('a periodical’s numbers: `_Journal_ 34 (Supplement C): 6–17.`', () => {
  it('are its volume, issue and the article’s pages, however the model read them', () => {
    const note = 'Savary, Serge. 2012. “Modeling Rice Diseases.” _Agricultural and Forest Meteorology_ 209-210 (Supplement C): 49–58.';
    const parsed = parseNote(note, {
      labeller: labelled(note, [
        ...run('author', 2),
        ...run('date', 1),
        ...run('title', 3),
        ...run('container-title', 4),
        ['pages', 0.46],
        ['location', 0.6],
        ['location', 0.54],
        ['locator', 0.63],
      ]),
    });
    const { item, locator } = parsed.citations[0]!;
    assert.equal(item.volume, '209-210');
    assert.equal(item.issue, 'Supplement C', 'a supplement is an issue without a number');
    assert.equal(item.page, '49–58');
    assert.equal(item['publisher-place'], undefined, 'no place invented');
    assert.equal(locator, undefined);
  });

  it('leaves a year in brackets or before them (a date) and a place in brackets alone', () => {
    const dated = 'Jane Smith, “Article,” _Journal_ 12 (2010): 45–67.';
    const date = parseNote(dated, {
      labeller: labelled(dated, [
        ...run('author', 2),
        ...run('title', 1),
        ...run('container-title', 1),
        ...run('volume', 1),
        ...run('date', 1),
        ...run('pages', 1),
      ]),
    });
    assert.deepEqual(date.citations[0]!.item.issued, { 'date-parts': [[2010]] });
    assert.equal(date.citations[0]!.item.issue, undefined);
    const book = 'Jane Smith, _Book_ 2 (London: Verso, 2010), 45.';
    const place = parseNote(book, {
      labeller: labelled(book, [
        ...run('author', 2),
        ...run('container-title', 1),
        ...run('volume', 1),
        ...run('location', 1),
        ...run('publisher', 1),
        ...run('date', 1),
        ...run('locator', 1),
      ]),
    });
    assert.equal(place.citations[0]!.item['publisher-place'], 'London');
    const yearFirst = 'Jane Smith, “Article,” _Journal_ 2010 (3): 45–67.';
    const year = parseNote(yearFirst, {
      labeller: labelled(yearFirst, [
        ...run('author', 2),
        ...run('title', 1),
        ...run('container-title', 1),
        ...run('date', 1),
        ...run('issue', 1),
        ...run('pages', 1),
      ]),
    });
    assert.deepEqual(year.citations[0]!.item.issued, { 'date-parts': [[2010]] }, 'a year before the issue is no volume');
    assert.equal(year.citations[0]!.item.volume, undefined);
  });
});
