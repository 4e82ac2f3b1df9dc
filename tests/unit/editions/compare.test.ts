import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import type { ChapterRecord, EditionRecord } from '../../../src/core/editions.ts';
import { changeSummary, compareEditions, countWords, hasChanges, wordChanges } from '../../../src/editions/compare.ts';
import { contentHash, normaliseBody } from '../../../src/editions/record.ts';
import { redline } from '../../../src/editions/review.ts';

function chapter(id: string, body: string, extra: Partial<ChapterRecord> = {}): ChapterRecord {
  const normal = normaliseBody(body);
  return {
    id,
    formerIds: [],
    path: `chapters/${id}.md`,
    part: null,
    number: 1,
    title: `Title of ${id}`,
    authors: ['A. Writer'],
    hash: contentHash(normal),
    frontMatterHash: 'fm',
    words: countWords(normal),
    notes: [],
    keys: [],
    corrections: [],
    source: null,
    body: normal,
    ...extra,
  };
}

function edition(number: number, chapters: ChapterRecord[], bibliography: { key: string; hash: string }[] = []): EditionRecord {
  return {
    format: 'anthology-edition/1',
    edition: number,
    date: `202${number}-01-01`,
    identifier: 'urn:uuid:x',
    note: [],
    metadata: { title: 'T', subtitle: null, editors: ['E'], publisher: 'P', language: 'en', licence: null, style: 's.csl', url: null },
    since: null,
    summary: null,
    chapters: chapters.map((record, index) => ({ ...record, number: index + 1 })),
    bibliography,
    site: [],
  };
}

describe('compareEditions', () => {
  const a = chapter('a', 'The cat sat on the mat.\n\nA second paragraph.');
  const b = chapter('b', 'Bee text.');
  const c = chapter('c', 'Sea text.');

  it('names a chapter added, one revised by a word (counted), and new bibliography items', () => {
    const before = edition(1, [a, b], [{ key: 'smith2001', hash: '1' }]);
    const after = edition(
      2,
      [chapter('a', 'The dog sat on the mat.\n\nA second paragraph.'), b, c],
      [
        { key: 'smith2001', hash: '1' },
        { key: 'jones2002', hash: '2' },
      ],
    );
    const changes = compareEditions(before, after);
    assert.deepEqual(changes.chapters, { added: ['c'], removed: [], revised: ['a'], moved: [], retitled: [] });
    assert.deepEqual(changes.bibliography, { added: ['jones2002'], removed: [], changed: [] });
    assert.equal(changes.revisions[0]?.wordsAdded, 1);
    assert.equal(changes.revisions[0]?.wordsRemoved, 1);
    assert.deepEqual(changeSummary(changes), { added: 1, removed: 0, revised: 1 });
  });

  it('re-wrapping a paragraph is no revision', () => {
    const rewrapped = chapter('a', 'The cat sat\non the   mat.\n\n\nA second\nparagraph.');
    const changes = compareEditions(edition(1, [a]), edition(2, [rewrapped]));
    assert.equal(hasChanges(changes), false);
  });

  it('tells moved, retitled and removed chapters apart, and follows a chapter whose id changed', () => {
    const d = chapter('d', 'Dee text.');
    const before = edition(1, [a, b, c, d]);
    const after = edition(2, [c, d, { ...a, title: 'New title' }]);
    const changes = compareEditions(before, after);
    assert.deepEqual(changes.chapters.moved, ['a']);
    assert.deepEqual(changes.chapters.retitled, ['a']);
    assert.deepEqual(changes.chapters.revised, [], 'a new title alone is not a revision of the text');
    assert.deepEqual(changes.chapters.removed, ['b']);
    const renamed = compareEditions(before, edition(2, [a, { ...b, id: 'bee', formerIds: ['b'] }, c, d]));
    assert.deepEqual(renamed.chapters, { added: [], removed: [], revised: [], moved: [], retitled: [] });
  });

  it('counts notes added, removed and changed, and new corrections', () => {
    const before = chapter('a', 'Text.', {
      notes: [
        { label: '1', hash: 'x' },
        { label: '2', hash: 'y' },
      ],
    });
    const after = chapter('a', 'Text.', {
      notes: [
        { label: '1', hash: 'x2' },
        { label: '3', hash: 'z' },
      ],
      corrections: ['A date fixed.'],
    });
    const changes = compareEditions(edition(1, [before]), edition(2, [after]));
    assert.deepEqual(changes.revisions[0]?.notes, { added: ['3'], removed: ['2'], changed: ['1'] });
    assert.deepEqual(changes.revisions[0]?.corrections, ['A date fixed.']);
    assert.deepEqual(changes.chapters.revised, ['a']);
  });

  it('metadata changes are named by key', () => {
    const after = edition(2, [a]);
    after.metadata = { ...after.metadata, title: 'Other' };
    assert.deepEqual(compareEditions(edition(1, [a]), after).metadata, ['title']);
  });
});

describe('redline', () => {
  it('marks words removed and added, and shows only the paragraphs that changed', () => {
    const html = toHtml({
      type: 'root',
      children: redline(wordChanges('One two.\n\nThree <b>four</b>.\n\nFive.', 'One two.\n\nThree <b>five</b>.\n\nFive.')),
    });
    assert.match(html, /<del>four<\/del><ins>five<\/ins>/);
    assert.match(html, /&#x3C;b>/, 'markup in the text is shown as text, never as HTML');
    assert.equal((html.match(/unchanged paragraph/g) ?? []).length, 2);
  });
});
