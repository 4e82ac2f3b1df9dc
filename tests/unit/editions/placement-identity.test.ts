import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import type { ChapterRecord } from '../../../src/core/editions.ts';
import { identifyChapters } from '../../../src/editions/identity.ts';
import { parseEditionRecord } from '../../../src/editions/parse-record.ts';
import { applyInsertion, type ContentsEntry, placeChapters } from '../../../src/editions/placement.ts';
import { normaliseBody, noteParagraphs, serialiseRecord } from '../../../src/editions/record.ts';

describe('placeChapters', () => {
  const contents: ContentsEntry[] = [
    { part: 'Early', chapters: ['chapters/a.md', 'chapters/b.md'] },
    { part: 'Late', chapters: ['chapters/c.md'] },
  ];
  const dates = new Map([
    ['chapters/a.md', '2011-01-01'],
    ['chapters/b.md', '2013-05-01'],
    ['chapters/c.md', '2021-06-01'],
  ]);
  const place = (request: Omit<Parameters<typeof placeChapters>[1], 'dates'>) => {
    const { insertions, notes } = placeChapters(contents, { ...request, dates });
    return { contents: insertions.reduce(applyInsertion, contents), notes };
  };

  it('by date: after the last chapter dated on or before it, in its part', () => {
    const { contents: placed, notes } = place({ chapters: [{ path: 'chapters/new.md', date: '2016-11-16' }] });
    assert.deepEqual(placed[0], { part: 'Early', chapters: ['chapters/a.md', 'chapters/b.md', 'chapters/new.md'] });
    assert.equal(notes[0]?.why, 'date');
    assert.equal(notes[0]?.after, 'chapters/b.md');
  });

  it('before the first chapter when it is older than all', () => {
    const { contents: placed, notes } = place({ chapters: [{ path: 'chapters/new.md', date: '2001-01-01' }] });
    assert.deepEqual(placed[0], { part: 'Early', chapters: ['chapters/new.md', 'chapters/a.md', 'chapters/b.md'] });
    assert.equal(notes[0]?.before, 'chapters/a.md');
  });

  it('several at once, each counting for the next, undated last and said so', () => {
    const { contents: placed, notes } = place({
      chapters: [
        { path: 'chapters/undated.md', date: undefined },
        { path: 'chapters/y.md', date: '2022-01-01' },
        { path: 'chapters/x.md', date: '2021-12-01' },
      ],
    });
    assert.deepEqual(placed, [
      { part: 'Early', chapters: ['chapters/a.md', 'chapters/b.md'] },
      { part: 'Late', chapters: ['chapters/c.md', 'chapters/x.md', 'chapters/y.md'] },
      'chapters/undated.md',
    ]);
    assert.equal(notes.at(-1)?.why, 'undated');
  });

  it('--after and --part (a new part made at the end)', () => {
    assert.deepEqual(place({ chapters: [{ path: 'chapters/n.md', date: '2030-01-01' }], after: 'chapters/a.md' }).contents[0], {
      part: 'Early',
      chapters: ['chapters/a.md', 'chapters/n.md', 'chapters/b.md'],
    });
    assert.deepEqual(place({ chapters: [{ path: 'chapters/n.md', date: '2012-01-01' }], part: 'Interviews' }).contents.at(-1), {
      part: 'Interviews',
      chapters: ['chapters/n.md'],
    });
  });

  it('an empty book takes the chapter first; a chapter already listed is left where it is', () => {
    assert.deepEqual(placeChapters([], { chapters: [{ path: 'chapters/n.md', date: undefined }], dates: new Map() }).insertions[0], {
      path: 'chapters/n.md',
      partIndex: undefined,
      index: 0,
    });
    assert.deepEqual(placeChapters(contents, { chapters: [{ path: 'chapters/a.md', date: '2030-01-01' }], dates }).insertions, []);
  });
});

function released(id: string, extra: Partial<ChapterRecord> = {}): ChapterRecord {
  return {
    id,
    formerIds: [],
    path: `chapters/${id}.md`,
    part: null,
    number: 1,
    title: id,
    authors: [],
    hash: `hash-${id}`,
    frontMatterHash: '',
    words: 1,
    notes: [],
    keys: [],
    corrections: [],
    source: `feed.xml:${id}`,
    body: '',
    ...extra,
  };
}

describe('identifyChapters', () => {
  const candidate = (path: string, hash: string, extra: { explicitId?: string; source?: string | null } = {}) => ({
    path,
    explicitId: extra.explicitId,
    fileId: path.replace(/^chapters\/|\.md$/g, ''),
    hash,
    source: extra.source ?? null,
  });

  it('a chapter in the same file keeps its id, even retitled and revised', () => {
    assert.deepEqual(identifyChapters([candidate('chapters/a.md', 'changed')], [released('a')]), [{ id: 'a', formerIds: [] }]);
  });

  it('a renamed file is recognised by its text, or else by its source, and keeps its id', () => {
    const byText = identifyChapters([candidate('chapters/renamed.md', 'hash-a')], [released('a')]);
    assert.equal(byText[0]?.id, 'a');
    assert.equal(byText[0]?.renamedFrom?.id, 'a');
    const bySource = identifyChapters([candidate('chapters/renamed.md', 'edited', { source: 'feed.xml:a' })], [released('a')]);
    assert.equal(bySource[0]?.id, 'a');
  });

  it('two released chapters the renamed file could be is a guess: it is new', () => {
    const twins = [released('a', { hash: 'same' }), released('b', { hash: 'same' })];
    assert.deepEqual(identifyChapters([candidate('chapters/renamed.md', 'same')], twins), [{ id: 'renamed', formerIds: [] }]);
  });

  it('an id: in the front matter wins; the released id becomes a former id (its address redirects)', () => {
    const result = identifyChapters([candidate('chapters/a.md', 'hash-a', { explicitId: 'better' })], [released('a')]);
    assert.deepEqual(result, [{ id: 'better', formerIds: ['a'] }]);
    const back = identifyChapters([candidate('chapters/x.md', 'other', { explicitId: 'a' })], [released('better', { formerIds: ['a'] })]);
    assert.deepEqual(back, [{ id: 'a', formerIds: ['better'] }]);
  });
});

describe('edition records', () => {
  const record = {
    format: 'anthology-edition/1' as const,
    edition: 1,
    date: '2026-11-28',
    identifier: 'urn:uuid:x',
    note: [],
    metadata: { title: 'T', subtitle: null, editors: [], publisher: 'P', language: 'en', licence: null, style: 's', url: null },
    since: null,
    summary: null,
    chapters: [released('a')],
    bibliography: [{ key: 'k', hash: 'h' }],
    site: [{ href: 'index.html' }, { href: 'a.html', chapter: 'a' }],
  };

  it('round-trip through their JSON, byte for byte', () => {
    const text = serialiseRecord(record);
    const parsed = parseEditionRecord(new VFile({ path: 'editions/1.json', value: text }));
    assert.ok(parsed);
    assert.equal(serialiseRecord(parsed), text);
  });

  it('a record whose addresses would leave the site, or misnamed, or not JSON is an error on its file', () => {
    for (const [name, value] of [
      ['editions/1.json', serialiseRecord({ ...record, site: [{ href: '../../escape.html' }] })],
      ['editions/1.json', serialiseRecord({ ...record, chapters: [released('../x')] })],
      ['editions/2.json', serialiseRecord(record)],
      ['editions/1.json', '{ not json'],
    ] as const) {
      const file = new VFile({ path: name, value });
      assert.equal(parseEditionRecord(file), undefined, value.slice(0, 60));
      assert.equal(file.messages[0]?.ruleId, 'edition-record-invalid');
    }
  });

  it('a record an earlier anthology wrote with a file name for an id (`My Essay`) loads, under the id that name gives now', () => {
    const site = [{ href: 'My-Essay.html', chapter: 'My Essay' }];
    const file = new VFile({
      path: 'editions/1.json',
      value: serialiseRecord({ ...record, chapters: [released('My Essay', { formerIds: ['Old Name'] })], site }),
    });
    const parsed = parseEditionRecord(file);
    assert.deepEqual(file.messages, []);
    assert.equal(parsed?.chapters[0]?.id, 'my-essay');
    assert.deepEqual(parsed?.chapters[0]?.formerIds, ['old-name']);
    assert.deepEqual(parsed?.site, [{ href: 'My-Essay.html', chapter: 'my-essay' }]);
    // A released id without spaces is its published address: kept as recorded.
    assert.equal(
      parseEditionRecord(new VFile({ path: 'editions/1.json', value: serialiseRecord({ ...record, chapters: [released('Older_Style')] }) }))?.chapters[0]?.id,
      'Older_Style',
    );
  });

  it('bodies and notes are compared as paragraphs, spacing aside', () => {
    assert.equal(normaliseBody('a  b\nc\n\n\n d '), 'a b c\n\nd');
    assert.deepEqual(noteParagraphs('One\nline.\n\nTwo.'), ['One line.', 'Two.']);
  });
});
