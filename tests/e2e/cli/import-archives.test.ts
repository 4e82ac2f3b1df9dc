import assert from 'node:assert/strict';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { emptyProject, repoRoot, runCli } from '../../helpers/project.ts';

const substackFixture = path.join(repoRoot, 'tests/fixtures/import/archives/substack-export');
const header = 'post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url';

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, value]) => [name, typeof value === 'string' ? strToU8(value) : value])));
}

/** Rewrites the unpacked sizes a zip's headers declare for `name`, as a zip bomb's do. */
function withDeclaredSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const encoded = strToU8(name);
  for (let at = 0; at < copy.length - 46; at++) {
    const local = view.getUint32(at, true) === 0x04034b50;
    const central = view.getUint32(at, true) === 0x02014b50;
    if (!local && !central) continue;
    const nameAt = at + (central ? 46 : 30);
    const nameLength = view.getUint16(at + (central ? 28 : 26), true);
    if (nameLength !== encoded.length || !encoded.every((byte, index) => copy[nameAt + index] === byte)) continue;
    view.setUint32(at + (central ? 24 : 22), size, true);
  }
  return copy;
}

describe('anthology import ARCHIVE', () => {
  it('imports a zipped Substack export, reports per file inside it, and writes the report and review page', async () => {
    const project = await emptyProject();
    try {
      const files: Record<string, Uint8Array> = {};
      for (const name of ['posts.csv', 'email_list.example.csv', 'posts/123401.plain-text.html', 'posts/123401.opens.csv', 'posts/123402.podcast.html'])
        files[name] = await readFile(path.join(substackFixture, name));
      await writeFile(path.join(project.dir, 'export.zip'), zip(files));
      const result = await runCli(['import', 'export.zip', '--no-cite', '--report', 'build/import.json'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /export\.zip: 1 pieces from 2 of 5 files; 12 lines: 1 kept in bodies, 1 moved to front matter, 10 dropped, 0 blank/);
      assert.match(result.stdout, /left out 3 files:\n {4}1 × a podcast episode/);
      assert.match(result.stderr, /export\.zip:posts\.csv\n\s*1:1\s+warning\s+a Substack export does not name the author/);
      assert.match(result.stderr, /export\.zip:posts\/123401\.plain-text\.html\n\s*1:\d+\s+warning\s+the image https:\/\/substack-post-media/);
      assert.deepEqual(await readdir(path.join(project.dir, 'chapters')), ['.anthology-imports.json', 'plain-text.md']);
      const chapter = await readFile(path.join(project.dir, 'chapters/plain-text.md'), 'utf8');
      assert.match(chapter, /file: export\.zip:posts\/123401\.plain-text\.html/);
      const report = JSON.parse(await readFile(path.join(project.dir, 'build/import.json'), 'utf8'));
      const [source] = report.sources;
      assert.equal(source.format, 'Substack export');
      assert.deepEqual(
        source.members.map((member: { file: string; skipped?: string }) => [member.file, Boolean(member.skipped)]),
        [
          ['export.zip:email_list.example.csv', true],
          ['export.zip:posts.csv', false],
          ['export.zip:posts/123401.opens.csv', true],
          ['export.zip:posts/123401.plain-text.html', false],
          ['export.zip:posts/123402.podcast.html', true],
        ],
      );
      const review = await readFile(path.join(project.dir, 'build/import.html'), 'utf8');
      assert.match(review, /<code>posts\/123401\.plain-text\.html<\/code>/);
      assert.match(review, /Files left out \(3\)/);
      // The subscriber list is named, never shown.
      assert.doesNotMatch(review, /reader@example\.com/);
    } finally {
      await project.dispose();
    }
  });

  it('refuses bad archives with the file and a clear reason, exit 1, and writes nothing', async () => {
    const project = await emptyProject();
    try {
      const good = zip({ 'posts.csv': `${header}\n1.a,2024-01-01T00:00:00.000Z,true,,,newsletter,everyone,A,,\n`, 'posts/1.a.html': '<p>A.</p>' });
      const archives: [string, Uint8Array, RegExp][] = [
        [
          'broken.zip',
          good.subarray(0, good.length - 30),
          /broken\.zip\n\s*1:1\s+error\s+cannot import this zip: it is not a readable zip archive.*import-archive-broken/,
        ],
        [
          'escape.zip',
          zip({ 'posts.csv': `${header}\n`, '../../evil.html': '<p>x</p>' }),
          /escape\.zip\n\s*1:1\s+error\s+cannot import this zip: the entry "\.\.\/\.\.\/evil\.html" has a path that escapes the archive.*import-archive-unsafe/,
        ],
        [
          'bomb.zip',
          withDeclaredSize(good, 'posts/1.a.html', 0xfffffff0),
          /bomb\.zip\n\s*1:1\s+error\s+cannot import this zip: it unpacks to more than 512 MB \(a zip bomb\?\).*import-archive-unsafe/,
        ],
        ['other.zip', zip({ 'notes/todo.txt': 'Buy milk.\n' }), /other\.zip\n\s*1:1\s+error\s+this zip is neither a Substack export.*import-unknown-format/],
        [
          'missing.zip',
          zip({
            'posts.csv': `${header}\n1.a,2024-01-01T00:00:00.000Z,true,,,newsletter,everyone,A,,\n2.b,2024-02-01T00:00:00.000Z,true,,,newsletter,everyone,B,,\n`,
            'posts/1.a.html': '<p>A.</p>',
          }),
          /missing\.zip:posts\.csv\n(?:.*\n)*?\s*3:1\s+error\s+posts\.csv names the post “B” \(2\.b\), but posts\/2\.b\.html is not in the export.*import-archive-missing-file/,
        ],
        [
          'latin1.zip',
          zip({
            'posts.csv': `${header}\n1.a,2024-01-01T00:00:00.000Z,true,,,newsletter,everyone,A,,\n`,
            'posts/1.a.html': Buffer.from('<p>Caf\xe9</p>', 'latin1'),
          }),
          /latin1\.zip:posts\/1\.a\.html\n\s*1:7\s+error\s+the file is not valid UTF-8/,
        ],
      ];
      for (const [name, bytes] of archives) await writeFile(path.join(project.dir, name), bytes);
      for (const [name, , pattern] of archives) {
        const result = await runCli(['import', name, '--no-cite'], project.dir);
        assert.equal(result.code, 1, `${name}: ${result.stderr}`);
        assert.match(result.stderr, pattern, name);
        assert.match(result.stderr, /nothing was imported/);
      }
      assert.deepEqual((await readdir(project.dir)).sort(), archives.map(([name]) => name).sort());
    } finally {
      await project.dispose();
    }
  });

  it('copies the pictures a post in a zip shows from the zip, and never from outside it', async () => {
    const project = await emptyProject();
    try {
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      await writeFile(
        path.join(project.dir, 'export.zip'),
        zip({
          'posts.csv': `${header}\n1.a,2024-01-01T00:00:00.000Z,true,,,newsletter,everyone,Pictures,,\n`,
          'posts/1.a.html':
            '<p>Before.</p><figure><img src="harbour.png"><figcaption>The harbour.</figcaption></figure><p><img src="../../../etc/secret.png" alt="x"></p>',
          'posts/harbour.png': png,
        }),
      );
      const result = await runCli(['import', 'export.zip', '--no-cite'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(await readFile(path.join(project.dir, 'chapters/images/pictures/harbour.png')), Buffer.from(png));
      assert.match(
        result.stderr,
        /export\.zip:posts\/1\.a\.html\n(?:.*\n)*?\s*1:\d+\s+warning\s+image \.\.\/\.\.\/\.\.\/etc\/secret\.png \(in “Pictures”\) points outside the archive/,
      );
      const chapter = await readFile(path.join(project.dir, 'chapters/pictures.md'), 'utf8');
      assert.match(chapter, /::figure\[The harbour\.\]\{src="images\/pictures\/harbour\.png"\}/);
    } finally {
      await project.dispose();
    }
  });

  it('imports a folder of saved posts, copying their pictures', async () => {
    const project = await emptyProject();
    try {
      const posts = path.join(project.dir, 'sources/blog/_posts');
      await mkdir(path.join(posts, 'images'), { recursive: true });
      await cp(path.join(repoRoot, 'tests/fixtures/import/markdown/_posts'), posts, { recursive: true });
      await writeFile(path.join(posts, 'images/photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      await writeFile(path.join(project.dir, 'sources/blog/notes.csv'), 'a,b\n');
      const result = await runCli(['import', 'sources/blog', '--no-cite'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /sources\/blog: 1 pieces from 1 of 3 files/);
      assert.match(result.stdout, /1 × an image: copied when a post shows it/);
      const chapters = await readdir(path.join(project.dir, 'chapters'));
      const slug = chapters.find((name) => name.endsWith('.md'))?.replace(/\.md$/, '');
      assert.deepEqual(await readdir(path.join(project.dir, 'chapters/images', slug ?? '')), ['photo.jpg']);
      // The project itself holds the chapters: importing it would import the chapters again.
      const around = await runCli(['import', '.'], project.dir);
      assert.equal(around.code, 2);
      assert.match(around.stderr, /\. holds the chapters folder \(chapters\)/);
    } finally {
      await project.dispose();
    }
  });
});

describe('anthology import: a picture addressed from the site root', () => {
  it('finds `/wp-content/…` in a saved site folder, and says why it cannot for a page saved alone', async () => {
    const project = await emptyProject();
    try {
      const page =
        '<!doctype html><html><head><title>A walk on the cliffs</title><meta name="author" content="Ann Smith"></head><body><article><h1>A walk on the cliffs</h1><p>We walked along the cliffs for hours, and the sea below was grey and wild, with gulls over the water.</p><figure><img src="/wp-content/uploads/cliffs.jpg" alt="The cliffs"><figcaption>The cliffs at dawn.</figcaption></figure><p>Later we came back down to the village, tired and happy, and ate fish by the harbour until the light was gone.</p></article></body></html>\n';
      const site = path.join(project.dir, 'sources/site');
      await mkdir(path.join(site, '2020'), { recursive: true });
      await mkdir(path.join(site, 'wp-content/uploads'), { recursive: true });
      await writeFile(path.join(site, '2020/walk.html'), page);
      await writeFile(path.join(site, 'wp-content/uploads/cliffs.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      await writeFile(path.join(project.dir, 'walk.html'), page);
      const alone = await runCli(['import', 'walk.html', '--no-cite', '--out', 'alone'], project.dir);
      assert.equal(alone.code, 0, alone.stderr);
      assert.match(
        alone.stderr,
        /image \/wp-content\/uploads\/cliffs\.jpg \(in “A walk on the cliffs”\) is an address on the site the page came from \(it starts with \/\), and a page saved alone does not say which site that is/,
      );
      const folder = await runCli(['import', 'sources/site', '--no-cite'], project.dir);
      assert.equal(folder.code, 0, folder.stderr);
      assert.doesNotMatch(folder.stderr, /import-image-missing/);
      assert.deepEqual(await readdir(path.join(project.dir, 'chapters/images/a-walk-on-the-cliffs')), ['cliffs.jpg']);
    } finally {
      await project.dispose();
    }
  });
});

describe('anthology import: sources not in UTF-8', () => {
  it('reads a file in the encoding it declares, and says so (one that declares none is refused: cli.test.ts)', async () => {
    const project = await emptyProject();
    try {
      const page =
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Café society</title></head>\n<body><article><h1>Café society</h1><p>The café opened in 1901 and served “strong” coffee to the whole street, from the baker to the mayor, every morning of the year.</p><p>Its owner, a widow from Lyon, kept the accounts in a green ledger that her grandson still has, with every débit and crédit in her small, upright hand.</p></article></body></html>\n';
      await writeFile(
        path.join(project.dir, 'page.html'),
        Buffer.from(
          page.replace(/[“”]/g, (quote) => (quote === '“' ? '\x93' : '\x94')),
          'latin1',
        ),
      );
      await writeFile(
        path.join(project.dir, 'utf16.md'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\ntitle: Crème brûlée\n---\n\nA dessert.\n', 'utf16le')]),
      );
      const result = await runCli(['import', 'page.html', 'utf16.md', '--no-cite', '-v'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /page\.html\n(?:.*\n)*?\s*1:1\s+info\s+the file is not UTF-8: read as windows-1252, the encoding it declares\s+import-encoding-declared/,
      );
      assert.match(result.stderr, /utf16\.md\n(?:.*\n)*?\s*1:1\s+info\s+the file is not UTF-8: read as UTF-16LE/);
      const chapters = (await readdir(path.join(project.dir, 'chapters'))).filter((name) => name.endsWith('.md')).sort();
      assert.deepEqual(chapters, ['cafe-society.md', 'creme-brulee.md']);
      assert.match(await readFile(path.join(project.dir, 'chapters/cafe-society.md'), 'utf8'), /The café opened in 1901 and served “strong” coffee/);
      assert.match(await readFile(path.join(project.dir, 'chapters/creme-brulee.md'), 'utf8'), /title: Crème brûlée/);
    } finally {
      await project.dispose();
    }
  });
});
