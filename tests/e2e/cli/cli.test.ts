import assert from 'node:assert/strict';
import { copyFile, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findChromium } from '../../../src/adapters/chromium.ts';
import { emptyProject, repoRoot, runCli, seedPath } from '../../helpers/project.ts';

describe('usage', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  before(async () => {
    project = await emptyProject();
  });
  after(() => project.dispose());

  it('--help works on the program and every command', async () => {
    for (const args of [['--help'], ['import', '--help'], ['build', '--help'], ['check', '--help']]) {
      const result = await runCli(args, project.dir);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, /Usage: anthology/);
    }
  });

  it('usage errors exit 2 with a message', async () => {
    for (const [args, pattern] of [
      [['frobnicate'], /unknown command/],
      [['build', '--colour'], /unknown option/],
      [['build', '--format', 'docx'], /unknown format docx/],
      [['build', '--out', '../elsewhere'], /inside the project/],
      [['import'], /missing required argument/],
      [['import', seedPath, '--force', '--beside'], /exclude each other/],
    ] as const) {
      const result = await runCli(args, project.dir);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
    }
  });

  it('a project with no anthology.yaml is a content error (1), not a crash', async () => {
    const result = await runCli(['check'], project.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no anthology\.yaml/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('finds no browser where there is none', () => {
    assert.equal(findChromium({ PATH: '/nonexistent' }, []), undefined);
    assert.equal(findChromium({ PATH: '', PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, []), undefined);
  });
});

describe('anthology import', () => {
  it('refuses bad sources with file and line, exit 1, and writes nothing', async () => {
    const project = await emptyProject();
    try {
      await writeFile(path.join(project.dir, 'empty.txt'), '');
      await writeFile(path.join(project.dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      await writeFile(path.join(project.dir, 'latin1.txt'), Buffer.from('Title\n\nCaf\xe9 society\n', 'latin1'));
      await writeFile(
        path.join(project.dir, 'broken.xml'),
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Blog</title>\n<item><title>Post</item>\n</channel>\n</rss>\n',
      );
      await writeFile(
        path.join(project.dir, 'empty-export.xml'),
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Blog</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n</channel>\n</rss>\n',
      );
      await writeFile(
        path.join(project.dir, 'index.html'),
        '<!doctype html>\n<html><head><title>Blog</title></head>\n<body><nav><a href="/a">Home</a> <a href="/b">About</a></nav></body></html>\n',
      );
      await writeFile(path.join(project.dir, 'post.md'), '---\ntitle: A post\ndate: 2020-01-01\n\nBody text.\n');
      for (const [source, pattern] of [
        ['empty.txt', /empty\.txt\s*\n\s*1:1\s+error\s+the source file is empty/],
        ['image.txt', /image\.txt\s*\n\s*1:1\s+error\s+this is a binary file/],
        ['latin1.txt', /latin1\.txt\s*\n\s*3:4\s+error\s+the file is not valid UTF-8/],
        ['missing.txt', /missing\.txt\s*\n.*error\s+no such file/],
        ['broken.xml', /broken\.xml\s*\n\s*5:\d+\s+error\s+the WordPress export is not well-formed XML/],
        ['empty-export.xml', /empty-export\.xml\s*\n\s*1:1\s+error\s+the WordPress export has no posts/],
        ['index.html', /index\.html\s*\n\s*1:1\s+error\s+.*(?:no article|article)/],
        ['post.md', /post\.md\s*\n\s*1:1\s+error\s+front matter opened with --- on line 1 is never closed/],
      ] as const) {
        const result = await runCli(['import', source], project.dir);
        assert.equal(result.code, 1, `${source}: ${result.stderr}`);
        assert.match(result.stderr, pattern);
      }
      // A good source with a bad one: still nothing written.
      await copyFile(seedPath, path.join(project.dir, 'seed.txt'));
      const mixed = await runCli(['import', 'seed.txt', 'empty.txt'], project.dir);
      assert.equal(mixed.code, 1);
      assert.deepEqual((await readdir(project.dir)).sort(), [
        'broken.xml',
        'empty-export.xml',
        'empty.txt',
        'image.txt',
        'index.html',
        'latin1.txt',
        'post.md',
        'seed.txt',
      ]);
    } finally {
      await project.dispose();
    }
  });

  it('never overwrites a chapter edited by hand unless told to', async () => {
    const project = await emptyProject();
    try {
      await copyFile(seedPath, path.join(project.dir, 'seed.txt'));
      const first = await runCli(['import', 'seed.txt', '--report', 'report.json'], project.dir);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /9 pieces; 521 lines/);
      const chapters = (await readdir(path.join(project.dir, 'chapters'))).filter((name) => name.endsWith('.md'));
      assert.equal(chapters.length, 9);
      const report = JSON.parse(await readFile(path.join(project.dir, 'report.json'), 'utf8'));
      assert.equal(report.sources[0].lines.length, 521);

      const again = await runCli(['import', 'seed.txt'], project.dir);
      assert.equal(again.code, 0);
      assert.match(again.stdout, /wrote 0 files .*9 unchanged/);

      const edited = path.join(project.dir, 'chapters', 'the-sco-turns-twenty.md');
      const editedText = (await readFile(edited, 'utf8')).replace('rights: ""', 'rights: Reprinted with permission of the Oxus Society.');
      await writeFile(edited, editedText);
      const refused = await runCli(['import', 'seed.txt'], project.dir);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr,
        /chapters\/the-sco-turns-twenty\.md\n\s*1:1\s+error\s+this chapter file was edited since the last import and would be overwritten\s+import-exists/,
      );
      assert.match(refused.stderr, /nothing was written: use --beside/);
      assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(await readFile(edited, 'utf8'), editedText);

      const beside = await runCli(['import', 'seed.txt', '--beside'], project.dir);
      assert.equal(beside.code, 0, beside.stderr);
      assert.equal(await readFile(edited, 'utf8'), editedText);
      assert.ok((await readdir(path.join(project.dir, 'chapters'))).includes('the-sco-turns-twenty.reimported.md'));

      const forced = await runCli(['import', 'seed.txt', '--force'], project.dir);
      assert.equal(forced.code, 0);
      assert.match(await readFile(edited, 'utf8'), /rights: ""/);
    } finally {
      await project.dispose();
    }
  });

  it('credits a piece without a byline only to the author named for its source, and says so', async () => {
    const project = await emptyProject();
    const spirit = () => readFile(path.join(project.dir, 'chapters', 'the-shanghai-spirit-in-beijing.md'), 'utf8');
    const head =
      'title: Test\neditors: [Ed]\nlanguage: en-GB\npublisher: P\nedition: { number: 1, date: 2024-01-01 }\nidentifier: urn:uuid:6f1c1e52-8f0a-4d4e-9a57-3c1d2b9e7a10\n';
    try {
      await mkdir(path.join(project.dir, 'blog'));
      await copyFile(seedPath, path.join(project.dir, 'blog', 'seed.txt'));
      // default_author alone no longer credits anyone: the piece is left for the editor, with warnings.
      await writeFile(path.join(project.dir, 'anthology.yaml'), `${head}default_author: Raffaello Pantucci\ncontents: [chapters/a.md]\n`);
      const unknown = await runCli(['import', 'blog/seed.txt', '--no-add', '--no-cite'], project.dir);
      assert.equal(unknown.code, 0, unknown.stderr);
      assert.match(unknown.stderr, /anthology\.yaml\s*\n\s*7:1\s+warning\s+`default_author` is no longer applied[^\n]*config-deprecated/);
      assert.match(unknown.stderr, /417:1\s+warning\s+“The Shanghai Spirit in Beijing” does not say who wrote it[^\n]*import-author-unknown/);
      assert.match(await spirit(), /^authors: \[\]$/m);
      assert.match(unknown.stdout, /check the front matter — authors: 1 left empty \(the source names nobody\), 2 read from indirect evidence/);

      // --author: this source is the editor's own blog.
      const flagged = await runCli(['import', 'blog/seed.txt', '--no-add', '--no-cite', '--force', '--author', 'Raffaello Pantucci'], project.dir);
      assert.equal(flagged.code, 0, flagged.stderr);
      assert.match(
        flagged.stderr,
        /417:1\s+warning\s+“The Shanghai Spirit in Beijing” has no byline: credited to Raffaello Pantucci[^\n]*import-author-assumed/,
      );
      assert.match(await spirit(), /^authors:\n {2}- Raffaello Pantucci$/m);

      // The same from anthology.yaml, for a folder of sources; a setting for another path does not apply.
      await writeFile(
        path.join(project.dir, 'anthology.yaml'),
        `${head}sources:\n  blog/: { author: Raffaello Pantucci }\n  blog/seed.txt.bak: { author: Someone Else }\ncontents: [chapters/a.md]\n`,
      );
      const configured = await runCli(['import', 'blog/seed.txt', '--no-add', '--no-cite', '--force'], project.dir);
      assert.equal(configured.code, 0, configured.stderr);
      assert.match(configured.stderr, /import-author-assumed/);
      assert.doesNotMatch(configured.stderr, /config-deprecated|Someone Else/);
      assert.match(await spirit(), /^authors:\n {2}- Raffaello Pantucci$/m);

      // A mistyped setting is an error with its place, and nothing is imported.
      await writeFile(path.join(project.dir, 'anthology.yaml'), `${head}sources:\n  blog/: { autor: Raffaello Pantucci }\ncontents: [chapters/a.md]\n`);
      const mistyped = await runCli(['import', 'blog/seed.txt', '--no-add', '--no-cite', '--force'], project.dir);
      assert.equal(mistyped.code, 1);
      assert.match(mistyped.stderr, /8:\d+\s+error\s+key `sources\.blog\/`: unknown key `autor`/);
    } finally {
      await project.dispose();
    }
  });

  it('imports a Quarto post with citations, math and its bibliography; check then passes', async () => {
    const project = await emptyProject();
    try {
      const created = await runCli(['new', 'book', '--title', 'T', '--editor', 'E', '--publisher', 'P'], project.dir);
      assert.equal(created.code, 0, created.stderr);
      const book = path.join(project.dir, 'book');
      await mkdir(path.join(book, 'posts'));
      await writeFile(
        path.join(book, 'posts/post.md'),
        '---\ntitle: Citing things\nauthor: Jane Roe\ndate: 2022-05-01\nbibliography: references.bib\n---\n\nA citation [@smith2020, p. 33] and $p_{0}^{*}$ at $5.\n',
      );
      await writeFile(
        path.join(book, 'posts/references.bib'),
        '@book{smith2020, author = {Smith, John}, title = {A Book}, publisher = {Press}, year = {2020}}\n',
      );
      await writeFile(path.join(book, 'bibliography/references.bib'), '@book{other, title = {Other}, year = {2001}}\n');
      const imported = await runCli(['import', 'posts/post.md'], book);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(
        imported.stdout,
        /copied the bibliography references\.bib \(named by “Citing things”\) to bibliography\/references-2\.bib: bibliography\/references\.bib is another file/,
      );
      assert.match(
        await readFile(path.join(book, 'chapters/citing-things.md'), 'utf8'),
        /^A citation \[@smith2020, p\. 33\] and \$p_\{0\}\^\{\*\}\$ at \$5\.$/m,
      );
      const checked = await runCli(['check'], book);
      assert.equal(checked.code, 0, checked.stderr);
      assert.doesNotMatch(checked.stderr, /cite-unresolved|math-invalid/);
    } finally {
      await project.dispose();
    }
  });

  it('adds new chapters to contents in anthology.yaml, keeping its comments', async () => {
    const project = await emptyProject();
    try {
      await copyFile(seedPath, path.join(project.dir, 'seed.txt'));
      await mkdir(path.join(project.dir, 'styles'));
      const config = `# My book\ntitle: Test\neditors: [Ed]\nlanguage: en-GB\npublisher: P\nedition: { number: 1, date: 2024-01-01 }\nidentifier: urn:uuid:6f1c1e52-8f0a-4d4e-9a57-3c1d2b9e7a10\nsources: { seed.txt: { author: Raffaello Pantucci } }\ncontents:\n  - chapters/the-sco-turns-twenty.md # first\n`;
      await writeFile(path.join(project.dir, 'anthology.yaml'), config);
      const result = await runCli(['import', 'seed.txt'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      const updated = await readFile(path.join(project.dir, 'anthology.yaml'), 'utf8');
      assert.match(updated, /^# My book/);
      assert.match(updated, /the-sco-turns-twenty\.md # first/);
      assert.equal(updated.match(/the-sco-turns-twenty\.md/g)?.length, 1);
      assert.equal(updated.match(/^ {2}- chapters\//gm)?.length, 9);
      const check = await runCli(['check'], project.dir);
      assert.equal(check.code, 1, 'the CSL style file is missing from this bare project');
    } finally {
      await project.dispose();
    }
  });

  it('gives a chapter imported into another folder an id no chapter of the project has, and says so', async () => {
    const project = await emptyProject();
    try {
      // gatsbyjs/gatsby-starter-blog @04ec3e64 (0BSD): content/blog/hello-world, while chapters/hello-world.md is the book's already.
      await cp(path.join(repoRoot, 'tests/fixtures/import/real/gatsby-starter-blog'), path.join(project.dir, 'gb'), { recursive: true });
      await mkdir(path.join(project.dir, 'chapters'));
      await writeFile(path.join(project.dir, 'chapters/hello-world.md'), '---\ntitle: Hello World\nauthors: [Ann Bee]\n---\n\nMine.\n');
      const config = `title: Test\neditors: [Ed]\nlanguage: en-GB\npublisher: P\nedition: { number: 1, date: 2024-01-01 }\nidentifier: urn:uuid:6f1c1e52-8f0a-4d4e-9a57-3c1d2b9e7a10\ncontents:\n  - chapters/hello-world.md\n`;
      await writeFile(path.join(project.dir, 'anthology.yaml'), config);
      const result = await runCli(['import', 'gb/content/blog/hello-world', '-o', 'chapters/gb', '--no-cite'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /1:1\s+warning\s+“Hello World” would be chapters\/gb\/hello-world\.md, whose id `hello-world` is chapters\/hello-world\.md’s: it is chapters\/gb\/hello-world-1\.md.*import-id-taken/,
      );
      assert.deepEqual(
        (await readdir(path.join(project.dir, 'chapters/gb'))).filter((name) => name.endsWith('.md')),
        ['hello-world-1.md'],
      );
      const check = await runCli(['check'], project.dir);
      assert.doesNotMatch(check.stderr, /chapter-id-duplicate/);
      // Imported again, it goes back into its own file.
      const again = await runCli(['import', 'gb/content/blog/hello-world', '-o', 'chapters/gb', '--no-cite'], project.dir);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /wrote 0 files to chapters\/gb\/ \(1 unchanged\)/);
    } finally {
      await project.dispose();
    }
  });
});
