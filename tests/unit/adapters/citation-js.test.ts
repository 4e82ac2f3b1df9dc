import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { registerStyle } from '../../../src/adapters/citation-js.ts';
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
});
