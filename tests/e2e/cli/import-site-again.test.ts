import assert from 'node:assert/strict';
import { appendFile, cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { emptyProject, repoRoot, runCli } from '../../helpers/project.ts';

// al-folio's post with a bibliography and its jekyll-scholar papers.bib (tests/fixtures/import/real/PROVENANCE.md).
const alFolio = path.join(repoRoot, 'tests/fixtures/import/real/al-folio');

describe('anthology import: a site imported again after its bibliography changed', () => {
  it('updates the earlier copy of the bibliography, says what it added, and the book still checks', async () => {
    const parent = await emptyProject();
    try {
      const made = await runCli(['new', 'book', '--title', 'Again', '--editor', 'A. Editor', '--publisher', 'P', '--date', '2027-01-15'], parent.dir);
      assert.equal(made.code, 0, made.stderr);
      const project = { dir: path.join(parent.dir, 'book') };
      const site = path.join(project.dir, 'sources/site');
      await mkdir(path.join(site, '_posts'), { recursive: true });
      await cp(path.join(alFolio, '_bibliography'), path.join(site, '_bibliography'), { recursive: true });
      await cp(path.join(alFolio, '_posts/2023-07-12-post-bibliography.md'), path.join(site, '_posts/2023-07-12-post-bibliography.md'));
      const first = await runCli(['import', 'sources/site'], project.dir);
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        /copied the bibliography \.\.\/_bibliography\/papers\.bib \(named by “a post with bibliography”\) to bibliography\/papers\.bib\n/,
      );
      // The site's owner adds a work to the site's bibliography.
      await appendFile(
        path.join(site, '_bibliography/papers.bib'),
        '\n@book{knuth1997art,\n  title={The Art of Computer Programming},\n  author={Knuth, Donald E.},\n  year={1997},\n  publisher={Addison-Wesley}\n}\n',
      );
      const again = await runCli(['import', 'sources/site'], project.dir);
      assert.equal(again.code, 0, again.stderr);
      assert.match(
        again.stdout,
        /updated bibliography\/papers\.bib from the bibliography \.\.\/_bibliography\/papers\.bib \(named by “a post with bibliography”\): 1 entry added \(knuth1997art\)/,
      );
      assert.deepEqual((await readdir(path.join(project.dir, 'bibliography'))).sort(), ['.anthology-imports.json', 'papers.bib', 'references.json']);
      assert.equal(
        await readFile(path.join(project.dir, 'bibliography/papers.bib'), 'utf8'),
        await readFile(path.join(site, '_bibliography/papers.bib'), 'utf8'),
      );
      const check = await runCli(['check'], project.dir);
      assert.equal(check.code, 0, check.stderr);
      assert.doesNotMatch(check.stderr, /bibliography-duplicate-key/);
      const third = await runCli(['import', 'sources/site'], project.dir);
      assert.equal(third.code, 0, third.stderr);
      assert.match(
        third.stdout,
        /bibliography \.\.\/_bibliography\/papers\.bib \(named by “a post with bibliography”\) is already in bibliography\/papers\.bib/,
      );
      // The editor deletes a work from the book's copy: importing the site again keeps it deleted, and says so.
      const copy = path.join(project.dir, 'bibliography/papers.bib');
      const edited = (await readFile(copy, 'utf8')).replace(/@book\{knuth1997art[\s\S]*?\n\}\n/, '');
      await writeFile(copy, edited);
      const fourth = await runCli(['import', 'sources/site'], project.dir);
      assert.equal(fourth.code, 0, fourth.stderr);
      assert.match(fourth.stderr, /bibliography\/papers\.bib\n1:1 +warning .*did not replace it: it adds knuth1997art; .*--force.* import-bibliography-edited/);
      assert.equal(await readFile(copy, 'utf8'), edited);
      assert.deepEqual((await readdir(path.join(project.dir, 'bibliography'))).sort(), ['.anthology-imports.json', 'papers.bib', 'references.json']);
    } finally {
      await parent.dispose();
    }
  });
});

describe('anthology import: a folder’s _metadata.yml that leads outside the project', () => {
  it('is not read, and is named', async () => {
    const project = await emptyProject();
    try {
      const posts = path.join(project.dir, 'sources/blog/posts');
      await mkdir(path.join(posts, 'a'), { recursive: true });
      await writeFile(path.join(posts, 'a/index.qmd'), '---\ntitle: A post\n---\n\nSome text of the post, long enough for a paragraph of prose.\n');
      const outside = path.join(project.dir, '..', `${path.basename(project.dir)}-outside.yml`);
      await writeFile(outside, 'author: "Outside Person"\n');
      await symlink(outside, path.join(posts, '_metadata.yml'));
      const result = await runCli(['import', 'sources/blog', '--no-cite'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /sources\/blog\/posts\/_metadata\.yml is a link that leads outside the project or sources\/blog: not read/);
      assert.doesNotMatch(await readFile(path.join(project.dir, 'chapters/a-post.md'), 'utf8'), /Outside Person/);
    } finally {
      await project.dispose();
    }
  });
});
