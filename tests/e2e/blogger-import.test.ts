import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';
import { epubcheck } from '../helpers/tools.ts';

// A Blogger export (Settings → Back up content; tests/fixtures/import/real/pelican/bloggerexport.xml:
// posts, pages, a draft, a comment, the blog's settings and template in one Atom feed), imported as
// a new user would, with its pages, and built: before Atom was read it was refused as an unknown format.
describe('importing a Blogger export and building the book', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let book: string;
  before(async () => {
    project = await emptyProject();
    const created = await runCli(['new', 'book', '--title', 'T', '--editor', 'E', '--publisher', 'P'], project.dir);
    assert.equal(created.code, 0, created.stderr);
    book = path.join(project.dir, 'book');
  });
  after(() => project.dispose());

  it('imports the published post and page, the rest left out and said', async () => {
    const exported = path.join(repoRoot, 'tests/fixtures/import/real/pelican/bloggerexport.xml');
    const imported = await runCli(['import', exported, '--post-types', 'post,page'], book);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /2 pieces; 1067 lines/);
    assert.deepEqual((await readdir(path.join(book, 'chapters'))).filter((name) => name.endsWith('.md')).sort(), ['test-page.md', 'the-steel-windpipe.md']);
    const chapter = await readFile(path.join(book, 'chapters/the-steel-windpipe.md'), 'utf8');
    assert.match(chapter, /^authors:\n {2}- Mikhail Afanasyevich Bulgakov$/m);
    assert.match(chapter, /^venue: Notes of a Young Doctor$/m);
    assert.match(chapter, /^source_url: http:\/\/youngdoctornotes\.blogspot\.com\/2010\/11\/the-steel-windpipe\.html$/m);
    assert.match(chapter, /^- Very cold indeed\.\n- Note to self: pad out ending$/m);
  });

  it('builds the site and an EPUB that passes epubcheck', async () => {
    const built = await runCli(['build', '--format', 'html,epub'], book);
    assert.equal(built.code, 0, built.stderr);
    const page = await readFile(path.join(book, 'build/html/the-steel-windpipe.html'), 'utf8');
    assert.match(page, /<li>Very cold indeed\.<\/li>\s*<li>Note to self: pad out ending<\/li>/);
    assert.match(page, /Mikhail Afanasyevich Bulgakov/);
    const result = await epubcheck(path.join(book, 'build', 'book.epub'));
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], result.output);
  });
});
