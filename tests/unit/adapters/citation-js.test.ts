import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BIBLIOGRAPHY_SLICE, registerStyle } from '../../../src/adapters/citation-js.ts';
import type { CslJsonItem } from '../../../src/core/citations.ts';
import { repoRoot } from '../../helpers/project.ts';

/** The least of a note style: the authors' names, joined with the locale's term for “and”. */
const styleXml = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="en-GB">
  <info><title>Names only</title><id>names-only</id><updated>2026-12-05T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"><name and="text"/></names></layout></citation>
</style>`;
const localeXml = readFileSync(path.join(repoRoot, 'styles/csl/locales-en-GB.xml'), 'utf8');
const item: CslJsonItem = {
  id: 'two-authors',
  type: 'book',
  title: 'Harbours of the North',
  author: [
    { family: 'Roe', given: 'Jane' },
    { family: 'Sample', given: 'Jon' },
  ],
  issued: { 'date-parts': [[2010]] },
};

/** The first note citing `item`, in the style registered under `name` with `locale`. */
function note(name: string, locale: string): string {
  const engine = registerStyle(name, styleXml, { name: 'en-GB', xml: locale }).engine([item]);
  const cluster = { citationID: 'c1', citationItems: [{ id: item.id }], properties: { noteIndex: 1 } };
  return engine.rebuildProcessorState([cluster], 'html', [])[0]?.[2] ?? '';
}

describe('the citeproc engine held between builds', () => {
  it('is built again when the locale’s text changes, as the style’s does (a preview re-registers both on every save)', () => {
    assert.match(note('test:locale-edit', localeXml), /Jane Roe and Jon Sample/);
    const edited = localeXml.replace('<term name="and">and</term>', '<term name="and">with</term>');
    assert.notEqual(edited, localeXml);
    assert.match(note('test:locale-edit', edited), /Jane Roe with Jon Sample/);
  });
});

describe('an engine for citations only (the reference list’s sort keys left out)', () => {
  const works: CslJsonItem[] = [
    { id: 'zebra', type: 'book', title: 'Zebra Crossings', author: [{ family: 'Smith', given: 'Ann' }], issued: { 'date-parts': [[2020]] } },
    { id: 'apple', type: 'book', title: 'Apple Orchards', author: [{ family: 'Smith', given: 'Ann' }], issued: { 'date-parts': [[2020]] } },
  ];
  const clusters = works.map((work, index) => ({ citationID: `c${index}`, citationItems: [{ id: work.id }], properties: { noteIndex: index + 1 } }));
  const style = (file: string) =>
    registerStyle(`test:${file}`, readFileSync(path.join(repoRoot, 'styles/csl', file), 'utf8'), { name: 'en-GB', xml: localeXml });

  it('gives year suffixes in the reference list’s order, as the full engine does (the zebra, cited first, is 2020b)', () => {
    const apa = style('apa.csl');
    const cited = apa
      .citationEngine(works)
      .rebuildProcessorState(clusters, 'html', [])
      .map((entry) => entry[2]);
    assert.match(cited[0] ?? '', /2020b/);
    assert.match(cited[1] ?? '', /2020a/);
    const full = apa
      .engine(works)
      .rebuildProcessorState(clusters, 'html', [])
      .map((entry) => entry[2]);
    assert.deepEqual(cited, full);
  });

  it('renders a note style’s citations as the full engine does, and the reference list made after it is sorted', () => {
    const chicago = style('chicago-notes-bibliography.csl');
    const cited = chicago
      .citationEngine(works)
      .rebuildProcessorState(clusters, 'html', [])
      .map((entry) => entry[2]);
    const bibliography = chicago.engine(works).makeBibliography();
    const full = chicago
      .engine(works)
      .rebuildProcessorState(clusters, 'html', [])
      .map((entry) => entry[2]);
    assert.deepEqual(cited, full);
    assert.ok(bibliography);
    assert.match(bibliography[1][0] ?? '', /Apple Orchards/);
    assert.match(bibliography[1][1] ?? '', /Zebra Crossings/);
  });

  it('is built without the reference list’s sort where its citations do not follow the list (Chicago’s wrote out ~180,000 tokens)', () => {
    const sortTokens = (engine: unknown) => (engine as { bibliography_sort: { tokens: unknown[] } }).bibliography_sort.tokens.length;
    const chicago = style('chicago-notes-bibliography.csl');
    assert.equal(sortTokens(chicago.citationEngine(works)), 0);
    assert.ok(sortTokens(chicago.engine(works)) > 0);
    // APA's year suffixes follow the list's order: its engine for citations keeps the sort.
    assert.ok(sortTokens(style('apa.csl').citationEngine(works)) > 0);
  });

  it('disambiguates as the full engine does (given names added, short titles after the first note)', () => {
    const namesakes: CslJsonItem[] = [
      ...works,
      { id: 'bob', type: 'book', title: 'Apple Orchards', author: [{ family: 'Smith', given: 'Bob' }], issued: { 'date-parts': [[2020]] } },
    ];
    const notes = [...namesakes, ...namesakes].map((work, index) => ({
      citationID: `n${index}`,
      citationItems: [{ id: work.id }],
      properties: { noteIndex: index + 1 },
    }));
    for (const file of ['chicago-shortened-notes-bibliography.csl', 'mhra-notes.csl', 'chicago-author-date.csl']) {
      const registered = style(file);
      const render = (engine: ReturnType<typeof registered.engine>) => engine.rebuildProcessorState(notes, 'html', []).map((entry) => entry[2]);
      assert.deepEqual(render(registered.citationEngine(namesakes)), render(registered.engine(namesakes)), file);
    }
  });
});

describe('a long reference list, made in slices', () => {
  const mhra = registerStyle('test:sliced', readFileSync(path.join(repoRoot, 'styles/csl/mhra-notes.csl'), 'utf8'), { name: 'en-GB', xml: localeXml });
  // More works than a slice holds: eleven authors' runs (one straddles the first slice's end; MHRA
  // prints "——" for the same authors again, which the first entry of the next slice must too),
  // works without authors (sorted by title), and pairs whose sort keys are equal (same authors,
  // title and year; ties go by the order given).
  const surnames = ['Adams', 'Baker', 'Clark', 'Davis', 'Evans', 'Fisher', 'Green', 'Hughes', 'Irwin', 'Jones', 'King'];
  const works: CslJsonItem[] = Array.from({ length: BIBLIOGRAPHY_SLICE + 700 }, (_, index) => {
    const family = surnames[Math.min(surnames.length - 1, Math.floor((index * surnames.length) / (BIBLIOGRAPHY_SLICE + 700)))] ?? 'King';
    const tie = index % 97 === 1 ? index - 1 : index;
    const work: CslJsonItem = {
      id: `work-${index}`,
      type: 'book',
      title: `Volume ${(tie * 7919) % 1000} of the Series`,
      publisher: `Press ${index}`,
      issued: { 'date-parts': [[1950 + (tie % 60)]] },
    };
    if (index % 50 !== 0) work.author = [{ family, given: 'Ann' }];
    return work;
  });

  it('is the list one engine holding every work makes, entry for entry', () => {
    const whole = mhra.engine(works).makeBibliography();
    const sliced = mhra.bibliography(works);
    assert.ok(whole && sliced);
    assert.equal(sliced[1].length, works.length);
    assert.ok(sliced[1].filter((entry) => entry.includes('——')).length > 2000, 'authors repeated are substituted');
    assert.deepEqual(sliced[1], whole[1]);
    assert.deepEqual(sliced[0].entry_ids, whole[0].entry_ids);
    assert.deepEqual(sliced[0].printed_keys, whole[0].printed_keys);
  });

  it('is the same list when its slices are rendered with the engine for citations, the whole one let go of once the works are in order', () => {
    const whole = mhra.engine(works).makeBibliography();
    let told = 0;
    const sliced = mhra.bibliography(works, () => {
      told += 1;
    });
    assert.equal(told, 1);
    assert.ok(whole && sliced);
    assert.deepEqual(sliced[1], whole[1]);
    assert.deepEqual(sliced[0].entry_ids, whole[0].entry_ids);
    assert.deepEqual(sliced[0].printed_keys, whole[0].printed_keys);
    // A short list is made whole, and says so first.
    const short = works.slice(0, 40);
    const order: string[] = [];
    const list = mhra.bibliography(short, () => order.push('told'));
    order.push('made');
    assert.deepEqual(order, ['told', 'made']);
    assert.deepEqual(list, mhra.engine(short).makeBibliography());
  });
});
