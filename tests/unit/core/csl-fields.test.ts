import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cslFieldProblems } from '../../../src/core/citations.ts';

describe('CSL-JSON fields of the wrong shape are named', () => {
  it('accepts what the CSL-JSON schema allows: numbers and strings, names as objects, dates with parts or raw text', () => {
    const item = {
      id: 'a',
      type: 'book',
      title: 'Tides',
      page: 12,
      volume: '3',
      author: [{ family: 'Smith', given: 'Jane' }, { literal: 'Ocean Society' }],
      issued: { 'date-parts': [['2016', 6, 2]] },
      accessed: { raw: 'spring 2020' },
      custom: { provenance: [] },
      _graph: [{ type: '@biblatex/text' }],
    };
    assert.deepEqual(cslFieldProblems(item), []);
  });

  it('names a title given as a list, an author as one string, a date as a string, and each field once', () => {
    const problems = cslFieldProblems({
      id: 'a',
      type: 'book',
      title: ['Tides', 'A History'],
      author: 'Jane Smith',
      editor: [['Smith']],
      issued: '2020-05',
      accessed: { 'date-parts': [[2020, { month: 5 }]] },
      publisher: { name: 'Verso' },
    });
    assert.deepEqual(
      problems.map((problem) => problem.split(' must ')[0]),
      ['"title"', '"author"', '"editor"', '"issued"', '"accessed"', '"publisher"'],
    );
    assert.match(problems[0]!, /not \["Tides","A History"\]$/);
  });
});
