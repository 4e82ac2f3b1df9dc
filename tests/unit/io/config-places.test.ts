import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { yamlPlaces } from '../../../src/config/validate-yaml.ts';
import { addToContents, advanceEditionIn, editConfig } from '../../../src/io/edit-config.ts';
import { loadBook } from '../../../src/io/load-book.ts';
import { repoRoot } from '../../helpers/project.ts';

describe('places in anthology.yaml come from its YAML document', () => {
  it('finds values and keys, not a comment or an earlier mention of the same text', () => {
    const text = '# style: old.csl was the first\nstyle: "styles/a.csl"\ncontents:\n  - a.md\n  - part: One\n    chapters:\n      - b.md\n';
    const places = yamlPlaces(text);
    assert.deepEqual(places.value(['style']), { line: 2, column: 8 });
    assert.deepEqual(places.key(['style']), { line: 2, column: 1 });
    assert.deepEqual(places.value(['contents', 1, 'chapters', 0]), { line: 7, column: 9 });
    assert.equal(places.value(['contents', 5]), undefined);
    assert.equal(places.key(['nothing']), undefined);
  });
});

describe('loadBook and editConfig on a project', () => {
  let dir = '';
  const config = (contents: string) =>
    `# A comment that names chapters/harbours.md first.\ntitle: A Small Book\neditors:\n  - Mara Testwell\nlanguage: en-GB\npublisher: Anthology Editions\nedition:\n  number: 1\n  date: 2026-01-01\nidentifier: urn:uuid:0b6c2f0e-5d1a-4c57-9d0e-3c1f4a2b7e11\nstyle: styles/csl/chicago-notes-bibliography.csl\ncontents:\n${contents}`;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'anthology-config-places-'));
    await cp(path.join(repoRoot, 'tests/fixtures/bad/book'), dir, { recursive: true });
    await cp(path.join(repoRoot, 'styles'), path.join(dir, 'styles'), { recursive: true });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reports a chapter listed twice at the listing that repeats, even when the first is written another way', async () => {
    await writeFile(path.join(dir, 'anthology.yaml'), config('  - ./chapters/harbours.md\n  - chapters/charts.md\n  - chapters/harbours.md\n'));
    const { files } = await loadBook(dir);
    const duplicate = files[0]?.messages.find((message) => message.ruleId === 'chapter-duplicate');
    // Searching the text for `chapters/harbours.md` found the comment (line 1), then the first listing (13).
    assert.deepEqual([duplicate?.line, duplicate?.column], [15, 5]);
  });

  it('reports a missing chapter inside a part at its own listing', async () => {
    await writeFile(path.join(dir, 'anthology.yaml'), config('  - part: One\n    chapters:\n      - chapters/harbours.md\n      - chapters/nowhere.md\n'));
    const { files } = await loadBook(dir);
    const missing = files[0]?.messages.find((message) => message.ruleId === 'chapter-missing');
    assert.deepEqual([missing?.line, missing?.column], [16, 9]);
  });

  it('edits keep comments; an unparsable file is left as it was, and says so', async () => {
    await writeFile(path.join(dir, 'anthology.yaml'), config('  - chapters/harbours.md\n'));
    assert.deepEqual(await addToContents(dir, ['chapters/harbours.md', 'chapters/charts.md']), ['chapters/charts.md']);
    assert.deepEqual(await editConfig(dir, (document) => advanceEditionIn(document, 2, '2026-01-01')), { edited: true });
    const edited = await readFile(path.join(dir, 'anthology.yaml'), 'utf8');
    assert.match(edited, /^# A comment that names/);
    assert.match(edited, /number: 2\n/);
    assert.match(edited, /- chapters\/harbours\.md\n {2}- chapters\/charts\.md\n$/);

    const broken = `${edited}\n  : : [\n`;
    await writeFile(path.join(dir, 'anthology.yaml'), broken);
    assert.deepEqual(await editConfig(dir, (document) => advanceEditionIn(document, 3, '2026-01-01')), { notEdited: 'unparsable' });
    assert.deepEqual(await addToContents(dir, ['chapters/new.md']), []);
    assert.equal(await readFile(path.join(dir, 'anthology.yaml'), 'utf8'), broken);
  });
});
