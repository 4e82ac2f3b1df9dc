import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../../../src/cite/label/labels.ts';
import { parseNote } from '../../../src/cite/parse-note.ts';
import { labelled } from '../../helpers/labelled.ts';

const note = 'UN Security Council, United Nations sanctions list, ‘Islamic Movement of Uzbekistan’, <https://www.un.org/x>, accessed 14 August 2022.';
const author: [Label, number][] = [
  ['author', 0.84],
  ['author', 0.88],
  ['author', 0.83],
];
const quotation: [Label, number][] = [
  ['title', 0.92],
  ['title', 0.96],
  ['title', 0.98],
  ['title', 0.98],
];
const rest: [Label, number][] = [
  ['URL', 0.97],
  ['URL', 0.99],
  ['accessed', 0.99],
  ['accessed', 0.99],
  ['accessed', 1],
  ['accessed', 0.99],
];

describe('a quoted title with doubted words run into it', () => {
  it('is the quotation; the words before it are left out and said so', () => {
    const head: [Label, number][] = [
      ['title', 0.25],
      ['title', 0.32],
      ['title', 0.32],
      ['title', 0.3],
    ];
    const parsed = parseNote(note, { labeller: labelled(note, [...author, ...head, ...quotation, ...rest]) });
    const citation = parsed.citations[0]!;
    assert.equal(citation.item.title, 'Islamic Movement of Uzbekistan');
    assert.deepEqual(citation.item.author, [{ literal: 'UN Security Council' }]);
    assert.ok(citation.problems.some((problem) => problem.startsWith('words before the quoted title “United Nations sanctions list,” left out')));
    // The citation is as sure as its fields now are, not dragged down by the words left out.
    assert.ok(citation.confidence > 0.8, String(citation.confidence));
  });

  it('keeps words the model is sure of in the title', () => {
    const head: [Label, number][] = [
      ['title', 0.8],
      ['title', 0.85],
      ['title', 0.85],
      ['title', 0.8],
    ];
    const parsed = parseNote(note, { labeller: labelled(note, [...author, ...head, ...quotation, ...rest]) });
    assert.equal(parsed.citations[0]!.item.title, 'United Nations sanctions list, ‘Islamic Movement of Uzbekistan’');
  });
});
