import assert from 'node:assert/strict';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';

// An al-folio site as its author keeps it (tests/fixtures/import/real/al-folio: the Distill post in
// _posts/, its bibliography in assets/bibliography/), imported whole and built: the post's <d-cite>
// is a citation of that bibliography, rendered by the book's style as a note, and its <d-footnote> a note.
describe('importing an al-folio site and building it', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let book: string;
  before(async () => {
    project = await emptyProject();
    const created = await runCli(['new', 'book', '--title', 'T', '--editor', 'E', '--publisher', 'P'], project.dir);
    assert.equal(created.code, 0, created.stderr);
    book = path.join(project.dir, 'book');
    await cp(path.join(repoRoot, 'tests/fixtures/import/real/al-folio'), path.join(book, 'site'), { recursive: true });
  });
  after(() => project.dispose());

  it('copies the post’s bibliography and writes its citation as Pandoc’s', async () => {
    // The Distill post is marked `published: false` in al-folio's repository.
    const imported = await runCli(['import', 'site', '--drafts'], book);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /copied the bibliography \.\.\/assets\/bibliography\/2018-12-22-distill\.bib .* to bibliography\/2018-12-22-distill\.bib/);
    assert.doesNotMatch(imported.stderr, /import-citation-unknown|import-bibliography-missing/);
    const chapter = await readFile(path.join(book, 'chapters/a-distill-style-blog-post.md'), 'utf8');
    assert.match(chapter, /like this: \[@gregor2015draw\] \(a number/);
    assert.match(chapter, /^\[\^1\]: This will become a hoverable footnote\.$/m);
    assert.match(imported.stdout, /copied the bibliography \.\.\/_bibliography\/papers\.bib .* to bibliography\/papers\.bib/);
    const scholar = await readFile(path.join(book, 'chapters/a-post-with-bibliography.md'), 'utf8');
    assert.match(scholar, /multiple citations like \[@einstein1950meaning; @einstein1905movement\]/);
  });

  it('builds, the citation rendered as a note from the bibliography', async () => {
    const built = await runCli(['build', '--format', 'html'], book);
    assert.equal(built.code, 0, built.stderr);
    assert.doesNotMatch(built.stderr, /cite-unresolved/);
    const page = await readFile(path.join(book, 'build/html/a-distill-style-blog-post.html'), 'utf8');
    assert.match(page, /like this:<sup><a href="#a-distill-style-blog-post-fn-cite-1"[^>]*data-footnote-ref/);
    assert.match(
      page,
      /<li id="a-distill-style-blog-post-fn-cite-1">\s*<p><span class="citation" data-cites="gregor2015draw">[^<]*<a [^>]*>Karol Gregor et al\., “DRAW: A Recurrent Neural Network for Image Generation,”/,
    );
    assert.match(page, /This will become a hoverable footnote\./);
    // jekyll-scholar's {% cite a b %}: one note citing both works of _bibliography/papers.bib.
    const scholar = await readFile(path.join(book, 'build/html/a-post-with-bibliography.html'), 'utf8');
    assert.match(scholar, /<span class="citation" data-cites="einstein1950meaning einstein1905movement">/);
    assert.doesNotMatch(scholar, /\{%/);
  });
});
