import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { chapterFrontMatterSchema } from '../../../src/config/schema.ts';
import { importGhost } from '../../../src/import/ghost/import-ghost.ts';
import type { ImportOptions } from '../../../src/import/types.ts';
import { assertEveryLineAccounted, fateOf, importFixture as importFixtureFrom, lineOf } from '../../helpers/import.ts';
import { repoRoot } from '../../helpers/project.ts';

const fixtureDir = 'tests/fixtures/import/ghost';
const pretty = 'oxus-notes.ghost.json';
const minified = 'oxus-notes.min.ghost.json';

function readFixture(name: string): string {
  return readFileSync(path.join(repoRoot, fixtureDir, name), 'utf8');
}

function importFixture(name: string, options: Partial<ImportOptions> = {}, text = readFixture(name)) {
  return importFixtureFrom(fixtureDir, name, options, text);
}

const firstBody = [
  '::figure[Flags outside the hall.]{credit="Photo by Aziz Karimov / Unsplash" remote="__GHOST_URL__/content/images/2021/06/dushanbe.jpg"}',
  '',
  'The Shanghai Cooperation Organisation was founded in _June 2001_, in Shanghai.',
  '',
  '## What changed',
  '',
  'India and Pakistan joined in 2017. See [the charter](https://www.example.org/sco-charter).',
  '',
  '::figure[The twentieth-anniversary summit in Dushanbe.]{credit="Photo: Xinhua" remote="__GHOST_URL__/content/images/2021/06/x.jpg"}',
  '',
  // Ghost's own address is a placeholder: not resolved against the canonical URL, which is another site.
  'The organisation is bigger but not stronger. Compare [an earlier post](__GHOST_URL__/paving-the-digital-silk-road/).',
  '',
].join('\n');

const secondBody = [
  'Safe-city systems arrived first, in Bishkek and Dushanbe.[^1]',
  '',
  '::figure{remote="https://images.unsplash.com/photo-1520000000000?w=2000" alt="A fibre-optic cable"}',
  '',
  '[^1]: Company filings, 2020.',
  '',
].join('\n');

describe('importGhost: a Ghost 5 export', () => {
  const { file, result, markdown, sourceLines } = importFixture(pretty);
  const [first, second] = result.chapters;

  it('imports the two published posts with authors in byline order, the local date, site title, excerpt and public tags', () => {
    assert.equal(result.format, 'ghost');
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.slug),
      ['the-sco-turns-twenty', 'paving-the-digital-silk-road'],
    );
    assert.deepEqual(first?.piece.meta, {
      title: 'The SCO Turns Twenty',
      authors: ['Niva Yau', 'Raffaello Pantucci'],
      // Published 23:30 UTC on the 14th: the 15th in Tashkent, the blog's time zone.
      date: '2021-06-15',
      venue: 'Oxus Notes',
      standfirst: 'Two decades on, the organisation is bigger but not stronger.',
      source: { file: `${fixtureDir}/${pretty}`, lines: [10, 37] },
      source_url: 'https://oxussociety.org/the-sco-turns-twenty/',
      tags: ['SCO', 'Central Asia'],
      rights: '',
    });
    assert.deepEqual(second?.piece.meta, {
      title: 'Paving the Digital Silk Road',
      authors: ['Niva Yau'],
      date: '2022-03-05',
      venue: 'Oxus Notes',
      source: { file: `${fixtureDir}/${pretty}`, lines: [38, 65] },
      rights: '',
    });
    for (const chapter of result.chapters) assert.doesNotThrow(() => chapterFrontMatterSchema.parse(chapter.piece.meta));
  });

  it('turns Koenig image cards and the feature image into placeholder figures, captions split from credits', () => {
    assert.equal(markdown[0], firstBody);
    assert.equal(markdown[1], secondBody);
  });

  it('reports each picture that was not fetched, at its line in the export', () => {
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line]),
      [
        ['import-remote-image', lineOf(sourceLines, '"html": "<p>The Shanghai')],
        ['import-remote-image', lineOf(sourceLines, '"feature_image": "__GHOST_URL__')],
        ['import-remote-image', lineOf(sourceLines, '"html": "<p>Safe-city')],
      ],
    );
    assert.ok(file.messages.every((message) => message.fatal === false));
  });

  it('accounts for every line: each post from its opening brace, the keys it used, the posts it skipped', () => {
    assertEveryLineAccounted(result.lines, sourceLines);
    const bookkeeping = 'dropped:Ghost bookkeeping for the post (ids, status, other copies of the body)';
    assert.equal(fateOf(result.lines, 10), bookkeeping);
    assert.equal(result.lines[9]?.fate === 'dropped' && result.lines[9].piece, 1, 'the opening brace of the first post is part of it');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"title": "The SCO Turns Twenty"')), 'metadata:title:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"html": "<p>The Shanghai')), 'kept:body:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"feature_image": "__GHOST_URL__')), 'kept:figure:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"published_at": "2021-06-14')), 'metadata:date:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"custom_excerpt": "Two decades')), 'metadata:standfirst:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"canonical_url": "https://oxussociety.org')), 'metadata:source_url:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"plaintext": "The Shanghai')), bookkeeping);
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"title": "Paving')), 'metadata:title:2');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"status": "draft"')), 'dropped:a draft post (use --drafts to include it)');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"type": "page"')), 'dropped:a Ghost page, not imported (use --post-types page)');
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, '"name": "Niva Yau"')),
      'dropped:Ghost export bookkeeping (settings, users, tags, ids): used only to resolve names and tags',
    );
  });

  it('imports drafts and pages when asked for', () => {
    const drafts = importFixture(pretty, { includeDrafts: true });
    assert.deepEqual(
      drafts.result.chapters.map((chapter) => [chapter.piece.meta.title, chapter.piece.meta.date]),
      [
        ['The SCO Turns Twenty', '2021-06-15'],
        ['Paving the Digital Silk Road', '2022-03-05'],
        ['Notes towards a piece on Turkmenistan', undefined],
      ],
    );
    assert.deepEqual(drafts.result.chapters[2]?.piece.meta.authors, ['Raffaello Pantucci']);
    const pages = importFixture(pretty, { postTypes: ['page'] });
    assert.deepEqual(
      pages.result.chapters.map((chapter) => chapter.piece.meta.title),
      ['About'],
    );
    assert.equal(pages.markdown[0], "Oxus Notes is written by the Oxus Society's fellows.\n");
  });
});

describe('importGhost: a minified export', () => {
  const { result, markdown, sourceLines } = importFixture(minified);
  const expected = importFixture(pretty).result;

  it('gives the same pieces as the pretty-printed one', () => {
    assert.equal(sourceLines.length, 1);
    assert.deepEqual(
      result.chapters.map((chapter) => ({ ...chapter.piece.meta, source: undefined })),
      expected.chapters.map((chapter) => ({ ...chapter.piece.meta, source: undefined })),
    );
    assert.deepEqual(markdown, [firstBody, secondBody]);
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.piece.meta.source?.lines),
      [
        [1, 1],
        [1, 1],
      ],
    );
  });

  it('accounts for its one line as kept in the first piece', () => {
    assert.deepEqual(result.lines, [{ line: 1, fate: 'kept', piece: 1, field: 'body' }]);
  });
});

describe('importGhost: exports it cannot use', () => {
  it('reports invalid JSON at the line where the comma is missing, and imports nothing', () => {
    const { file, result, sourceLines } = importFixture('invalid.ghost.json');
    assert.equal(result.format, 'ghost');
    assert.deepEqual(result.chapters, []);
    assert.equal(file.messages.length, 1);
    const [message] = file.messages;
    assert.equal(message?.ruleId, 'import-invalid-json');
    assert.equal(message?.fatal, true);
    assert.equal(message?.line, lineOf(sourceLines, '"title": "Paving the Digital Silk Road"'));
    assertEveryLineAccounted(result.lines, sourceLines);
    assert.ok(result.lines.every((fate) => fate.fate === 'blank' || fate.fate === 'dropped'));
  });

  it('reports a truncated export at its last line', () => {
    const text = readFixture(pretty).split('\n').slice(0, 50).join('\n');
    const { file } = importFixture(pretty, {}, text);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line]),
      [['import-invalid-json', 50]],
    );
  });

  it('says so when the JSON is not a Ghost export', () => {
    const file = new VFile({ path: `${fixtureDir}/not-ghost.json`, value: readFixture('not-ghost.json') });
    const result = importGhost(file, { defaultAuthor: undefined });
    assert.deepEqual(result.pieces, []);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.fatal]),
      [['import-unknown-format', 1, true]],
    );
  });

  it('reports an export with no published post as import-no-pieces', () => {
    const text = readFixture(pretty).replaceAll('"status": "published"', '"status": "draft"');
    const { file, result } = importFixture(pretty, {}, text);
    assert.deepEqual(result.chapters, []);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line]),
      [['import-no-pieces', 1]],
    );
  });
});
