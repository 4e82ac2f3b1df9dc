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
