import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelledToken } from '../../../src/cite/label/label-note.ts';
import { withNumberedDocuments } from '../../../src/cite/label/numbered-documents.ts';
import { tokenizeNote } from '../../../src/cite/label/tokens.ts';
import { parseNote } from '../../../src/cite/parse-note.ts';

/** The note's tokens as a doubting model left them: all commentary. */
const doubted = (note: string): LabelledToken[] => tokenizeNote(note).map((token) => ({ ...token, label: 'note', confidence: 0.4 }));
const itemOf = (note: string) => parseNote(note, { labeller: doubted }).citations[0]?.item;

describe('numbered documents of a series (PEP 1’s reference layout)', () => {
  it('reads the title as the first part after the number and the surnames after it', () => {
    const item = itemOf('PEP 219, Stackless Python, McMillan http://www.python.org/dev/peps/pep-0219/');
    assert.deepEqual([item?.title, item?.author, item?.URL], ['Stackless Python', [{ family: 'McMillan' }], 'http://www.python.org/dev/peps/pep-0219/']);
    const two = itemOf('PEP 234, Iterators, Yee, Van Rossum http://www.python.org/dev/peps/pep-0234/');
    assert.deepEqual([two?.title, two?.author], ['Iterators', [{ family: 'Yee' }, { family: 'Van Rossum' }]]);
  });

  it('a title alone is the title, with no author', () => {
    const item = itemOf('PEP 8, Style Guide for Python Code http://www.python.org/dev/peps/pep-0008/');
    assert.deepEqual([item?.title, item?.author], ['Style Guide for Python Code', undefined]);
  });

  it('leaves other notes to the model: prose after the title, no address, a number in running text', () => {
    const prose = doubted('PEP 219, Stackless Python, was discussed at length http://example.org/');
    assert.deepEqual(withNumberedDocuments(prose), prose);
    const bare = doubted('PEP 219, Stackless Python, McMillan');
    assert.deepEqual(withNumberedDocuments(bare), bare);
    const running = doubted('The concept of iterators is described in PEP 234. http://example.org/');
    assert.deepEqual(withNumberedDocuments(running), running);
  });
});
