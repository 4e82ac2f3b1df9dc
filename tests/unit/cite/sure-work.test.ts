import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../../../src/cite/label/labels.ts';
import { parseNote } from '../../../src/cite/parse-note.ts';
import { labelled } from '../../helpers/labelled.ts';

// Not Wikipedia's layout (a linked title, then a plain publisher: \`plain-publishers.ts\`): a quoted title and an address.
const note = '"Mobile features." Mozilla. <http://www.mozilla.org/en-US/firefox/mobile/features/>. Retrieved 2012-06-26.';
const title: [Label, number][] = [
  ['title', 0.99],
  ['title', 0.99],
];
const address: [Label, number][] = [
  ['URL', 0.99],
  ['URL', 0.99],
];
const retrieved: [Label, number][] = [
  ['accessed', 0.99],
  ['accessed', 0.98],
];

describe('a work identified by a sure title and address', () => {
  it('keeps its item when the model doubts the site name: the site name is left out, said so', () => {
    const parsed = parseNote(note, { labeller: labelled(note, [...title, ['container-title', 0.22], ...address, ...retrieved]) });
    const citation = parsed.citations[0]!;
    assert.equal(citation.item.title, 'Mobile features');
    assert.equal(citation.item.URL, 'http://www.mozilla.org/en-US/firefox/mobile/features/');
    assert.equal(citation.item['container-title'], undefined);
    assert.ok(citation.problems.includes('container-title “Mozilla.” left out: uncertain (0.22)'), citation.problems.join('; '));
    assert.ok(citation.confidence > 0.9);
  });

  it('a doubted title still makes the citation doubted', () => {
    const doubtedTitle: [Label, number][] = [
      ['title', 0.5],
      ['title', 0.5],
    ];
    const parsed = parseNote(note, { labeller: labelled(note, [...doubtedTitle, ['container-title', 0.22], ...address, ...retrieved]) });
    assert.ok(parsed.citations[0]!.confidence < 0.3);
  });
});
