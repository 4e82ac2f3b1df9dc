import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importSource } from '../../../src/import/import.ts';
import { readSourceInput } from '../../../src/io/read-source.ts';
import { importArchiveFixture, memberOf, zipInTemp } from '../../helpers/archive.ts';
import { assertEveryLineAccounted, sourceLinesOf } from '../../helpers/import.ts';
import { repoRoot } from '../../helpers/project.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/import');

/** A blog's folder as a user has it: posts in several formats and subfolders, with the files around them. */
async function blogFolder(dir: string): Promise<void> {
  const put = async (name: string, from: string | Buffer) => {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    if (typeof from === 'string' && from.startsWith(fixtures)) await copyFile(from, path.join(dir, name));
    else await writeFile(path.join(dir, name), from);
  };
  await put('blog/_posts/2013-09-12-not-quite-the-new-silk-road.md', path.join(fixtures, 'markdown/_posts/2013-09-12-not-quite-the-new-silk-road.md'));
  await put('blog/_posts/images/photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]));
  await put('blog/hugo-post.md', path.join(fixtures, 'markdown/hugo-post.md'));
  await put('blog/saved/ghost.html', path.join(fixtures, 'html/ghost.html'));
  await put('blog/saved/ghost_files/site.css', 'body { color: black }\n');
  await put('blog/saved/ghost_files/frame.html', '<html><body><p>An embedded frame the browser saved.</p></body></html>\n');
  await put('blog/_drafts/half-done.md', '---\ntitle: Half done\n---\n\nNot yet.\n');
  await put('blog/hugo-draft.md', '---\ntitle: Still a draft\ndraft: true\n---\n\nNot yet either.\n');
  await put('blog/README.md', '# My blog\n\nThe sources of my blog.\n');
  await put('blog/data.json', '{"menu": ["Home", "About"]}\n');
  await put('blog/.git/config', '[core]\n');
  // What an academic or Quarto blog keeps beside its posts, read for the posts (al-folio, Quarto).
  await put('blog/_bibliography/papers.bib', path.join(fixtures, 'real/al-folio/_bibliography/papers.bib'));
  await put('blog/_bibliography/works.json', '[{"id": "a", "type": "book", "title": "A"}]\n');
  await put('blog/notes/old.bib', '@book{b, title={B}}\n');
  await put('blog/_config.yml', 'bibtex_bibfiles:\n  - _bibliography/papers.bib\n');
  await put('blog/saved/_metadata.yml', 'author: A. Writer\n');
}

describe('a folder of saved posts', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'anthology-folder-'));
    await blogFolder(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('imports every post in it, subfolders too, in path order, each as its own format would be', async () => {
    const input = await readSourceInput(dir, 'blog');
    if (input.kind !== 'archive') assert.fail('a folder is read as an archive');
    const { result } = importArchiveFixture(input.archive);
    assert.equal(result.format, 'folder');
    assert.deepEqual(
      result.chapters.map((chapter) => [chapter.member, chapter.piece.meta.title, chapter.piece.meta.source?.file]),
      [
        [
          '_posts/2013-09-12-not-quite-the-new-silk-road.md',
          'Shanghai Cooperation Organization: Not Quite the New Silk Road',
          'blog/_posts/2013-09-12-not-quite-the-new-silk-road.md',
        ],
        ['hugo-post.md', 'The SCO Turns Twenty', 'blog/hugo-post.md'],
        ['saved/ghost.html', 'Salt and Iron', 'blog/saved/ghost.html'],
      ],
    );
  });

  it('says what it left out and why: assets, browser folders, drafts, a README, data, hidden folders, bibliographies and metadata read for the posts', async () => {
    const input = await readSourceInput(dir, 'blog');
    if (input.kind !== 'archive') assert.fail('a folder is read as an archive');
    const { result } = importArchiveFixture(input.archive);
    assert.deepEqual(
      result.members?.filter((member) => member.skipped).map((member) => [member.name, member.skipped?.split(/[:(]/)[0]?.trim()]),
      [
        ['.git/', 'hidden'],
        ['README.md', 'a repository’s or site’s own file'],
        ['_bibliography/papers.bib', 'the site’s bibliography'],
        ['_bibliography/works.json', 'the site’s bibliography'],
        ['_config.yml', 'the site’s configuration'],
        ['_drafts/half-done.md', 'a draft'],
        ['_posts/images/photo.jpg', 'an image'],
        ['data.json', 'JSON that is not a Ghost export'],
        ['hugo-draft.md', 'a draft'],
        ['notes/old.bib', 'a bibliography file'],
        ['saved/_metadata.yml', 'Quarto’s folder metadata'],
        ['saved/ghost_files/frame.html', 'saved by a browser beside a page'],
        ['saved/ghost_files/site.css', 'saved by a browser beside a page'],
      ],
    );
    // A draft among the posts is one file left out, not an error that stops the whole folder.
    assert.equal(
      memberOf(result, 'hugo-draft.md')
        .file?.messages.map((message) => message.ruleId)
        .join(),
      'import-skipped',
    );
    const drafts = importArchiveFixture(input.archive, { includeDrafts: true }).result;
    assert.ok(drafts.chapters.some((chapter) => chapter.piece.meta.title === 'Half done'));
    assert.ok(drafts.chapters.some((chapter) => chapter.piece.meta.title === 'Still a draft'));
  });

  it('leaves out Hugo’s and Zola’s list pages (_index.md), which a file named on its own still imports (sampsyo/cs6120 @32843e52)', async () => {
    const input = await readSourceInput(repoRoot, 'tests/fixtures/import/real/cs6120/content/blog');
    if (input.kind !== 'archive') assert.fail('a folder is read as an archive');
    const { result } = importArchiveFixture(input.archive);
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.piece.meta.title),
      ['Welcome to CS 6120!'],
    );
    const listPage = memberOf(result, '_index.md');
    assert.match(listPage.skipped ?? '', /^a section’s list page \(Hugo’s or Zola’s _index\.md\), not a post/);
    const alone = await readSourceInput(repoRoot, 'tests/fixtures/import/real/cs6120/content/blog/_index.md');
    if (alone.kind !== 'file') assert.fail('a file is read as a file');
    assert.deepEqual(
      importSource(alone.file, { defaultAuthor: undefined }).chapters.map((chapter) => chapter.piece.meta.title),
      ['The CS 6120 Course Blog'],
    );
  });

  it('imports a folder of Quarto posts (.qmd), read from disk, which it used to call “not a source format” (djnavarro/quarto-blog)', async () => {
    const input = await readSourceInput(repoRoot, 'tests/fixtures/import/real/quarto-blog');
    if (input.kind !== 'archive') assert.fail('a folder is read as an archive');
    const { result } = importArchiveFixture(input.archive);
    assert.deepEqual(result.chapters.map((chapter) => chapter.piece.meta.title).sort(), [
      'A little ANSI trickery',
      'Deploying R with kubernetes',
      'Everything I know about Mastodon',
    ]);
  });

  it('numbers pieces across the folder and accounts for every line of every file it read', async () => {
    const input = await readSourceInput(dir, 'blog');
    if (input.kind !== 'archive') assert.fail('a folder is read as an archive');
    const { result } = importArchiveFixture(input.archive);
    for (const [index, chapter] of result.chapters.entries()) {
      const member = memberOf(result, chapter.member ?? '');
      assertEveryLineAccounted(member.lines, sourceLinesOf(String(member.file?.value)));
      const pieces = new Set(member.lines.flatMap((fate) => (fate.fate === 'kept' || fate.fate === 'metadata' ? [fate.piece] : [])));
      assert.deepEqual([...pieces], [index + 1], chapter.member);
    }
  });

  it('does not follow symbolic links out of the folder', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'anthology-outside-'));
    try {
      await writeFile(path.join(outside, 'secret.md'), '---\ntitle: Secret\n---\n\nNot yours.\n');
      await symlink(outside, path.join(dir, 'blog', 'linked'));
      const input = await readSourceInput(dir, 'blog');
      if (input.kind !== 'archive') assert.fail('a folder is read as an archive');
      assert.deepEqual(input.archive.ignored, [
        { name: '.git/', reason: 'hidden: not read' },
        { name: 'linked', reason: 'a symbolic link: not followed (it could lead out of the project)' },
      ]);
      assert.ok(!importArchiveFixture(input.archive).result.chapters.some((chapter) => chapter.piece.meta.title === 'Secret'));
    } finally {
      await rm(path.join(dir, 'blog', 'linked'), { force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses a zip that is neither export', async () => {
    const zip = await zipInTemp({ 'post.md': '---\ntitle: A post\n---\n\nText.\n' }, 'posts.zip');
    try {
      const input = await readSourceInput(zip.dir, zip.zipName);
      if (input.kind !== 'archive') assert.fail('a zip is an archive');
      const { result } = importArchiveFixture(input.archive);
      assert.equal(result.chapters.length, 0);
      const [message] = result.file.messages;
      assert.equal(message?.ruleId, 'import-unknown-format');
      assert.equal(message?.fatal, true);
      assert.match(message?.reason ?? '', /neither a Substack export .* nor a Medium export/);
    } finally {
      await zip.dispose();
    }
  });
});
