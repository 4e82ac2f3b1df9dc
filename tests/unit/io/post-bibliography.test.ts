import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { VFile } from 'vfile';
import { copyPostBibliography, readPostBibliography } from '../../../src/io/post-bibliography.ts';

const bib = '@book{smith2020, author = {Smith, John}, title = {A Book}, year = {2020}}\n';

describe('a post’s bibliography file', () => {
  let project: string;
  before(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'anthology-post-bib-'));
    await mkdir(path.join(project, 'posts/one'), { recursive: true });
    await writeFile(path.join(project, 'posts/one/references.bib'), bib);
    await writeFile(path.join(project, 'posts/secret.bib'), bib);
  });
  after(() => rm(project, { recursive: true, force: true }));

  const input = (file: string) => ({ kind: 'file' as const, file: new VFile({ path: file }) });

  it('is read from beside the post, and never from outside the folder imported', async () => {
    const found = await readPostBibliography('references.bib', undefined, input('posts/one/post.md'), project);
    assert.ok('bytes' in found);
    assert.equal(found.name, 'references.bib');
    assert.match(
      String(((await readPostBibliography('../secret.bib', undefined, input('posts/one/post.md'), project)) as { problem: string }).problem),
      /outside/,
    );
    assert.match(
      String(((await readPostBibliography('nope.bib', undefined, input('posts/one/post.md'), project)) as { problem: string }).problem),
      /not found/,
    );
    assert.match(String(((await readPostBibliography('refs.yaml', undefined, input('posts/one/post.md'), project)) as { problem: string }).problem), /BibTeX/);
  });

  it('is copied into bibliography/ under its name, or a free one: nothing is overwritten, the same file is not copied twice', async () => {
    const bytes = new TextEncoder().encode(bib);
    assert.deepEqual(await copyPostBibliography(project, { name: 'references.bib', bytes }), {
      path: 'bibliography/references.bib',
      renamed: false,
      present: false,
    });
    assert.deepEqual(await copyPostBibliography(project, { name: 'references.bib', bytes }), {
      path: 'bibliography/references.bib',
      renamed: false,
      present: true,
    });
    const other = new TextEncoder().encode('@book{jones2021, title = {Other}}\n');
    assert.deepEqual(await copyPostBibliography(project, { name: 'references.bib', bytes: other }), {
      path: 'bibliography/references-2.bib',
      renamed: true,
      present: false,
    });
    assert.equal(await readFile(path.join(project, 'bibliography/references.bib'), 'utf8'), bib);
    // The managed file import and cite write is never taken by a post's.
    const json = await copyPostBibliography(project, { name: 'references.json', bytes: new TextEncoder().encode('[]') });
    assert.equal(json.path, 'bibliography/references-2.json');
    assert.deepEqual((await readdir(path.join(project, 'bibliography'))).sort(), ['references-2.bib', 'references-2.json', 'references.bib']);
  });
});
