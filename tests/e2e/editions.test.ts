import assert from 'node:assert/strict';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { copyDefaultProject, emptyProject, repoRoot, runCli } from '../helpers/project.ts';

const bookSlug = 'the-shanghai-cooperation-organization';
/** A real Markdown post (Go blog, BSD licence: tests/corpus/markdown/go-blog-fonts-references/expected.json). */
const goFonts = path.join(repoRoot, 'tests/corpus/markdown/go-blog-fonts-references/go-fonts.md');
const jstor = path.join(repoRoot, 'tests/corpus/markdown/ropensci-jstor-inline-notes/2018-10-09-jstor.md');

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

describe('editions: release, add, edit, changes, build (the default book)', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let firstSite: { href: string }[];
  const edited = 'chapters/international-herald-tribune-2011-10-17.md';
  /** The chapter with 89 notes and their citations. */
  const renamed = 'paving-the-digital-silk-road-with-the-shanghai-cooperation';
  before(async () => {
    project = await copyDefaultProject();
    const release = await runCli(['release'], project.dir);
    assert.equal(release.code, 0, release.stderr);
    assert.match(release.stdout, /released the first edition \(edition 1, 2026-11-28\): 9 chapters, 89 notes/);
    firstSite = JSON.parse(await readFile(path.join(project.dir, 'editions/1.json'), 'utf8')).site;
  });
  after(() => project.dispose());

  it('records editions/1.json and moves anthology.yaml on; a second release with nothing changed records nothing', async () => {
    const record = JSON.parse(await readFile(path.join(project.dir, 'editions/1.json'), 'utf8'));
    assert.equal(record.format, 'anthology-edition/1');
    assert.equal(record.chapters.length, 9);
    assert.deepEqual(Object.keys(record.chapters[0]).slice(0, 3), ['id', 'formerIds', 'path']);
    assert.ok(record.chapters.every((chapter: { hash: string; keys: string[] }) => /^[0-9a-f]{16}$/.test(chapter.hash) && Array.isArray(chapter.keys)));
    assert.ok(record.bibliography.length > 50);
    assert.ok(firstSite.some((page) => page.href === `${renamed}.html`));
    assert.match(await readFile(path.join(project.dir, 'anthology.yaml'), 'utf8'), /edition:\n {2}number: 2\n/);
    const again = await runCli(['release'], project.dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /nothing has changed since edition 1/);
    assert.deepEqual(await readdir(path.join(project.dir, 'editions')), ['1.json']);
  });

  it('add, a one-word edit and a renamed file: changes --json names exactly the added and revised chapters and the new works', async () => {
    const add = await runCli(['add', goFonts], project.dir);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /added chapter 8, “Go fonts” \(chapters\/go-fonts\.md\): by date/);
    const file = path.join(project.dir, edited);
    const text = await readFile(file, 'utf8');
    assert.ok(text.includes('even worse than usual'));
    await writeFile(file, text.replace('even worse than usual', 'even worse than ever'));
    // A released chapter's file renamed: it keeps its id, its address and its anchors.
    const config = path.join(project.dir, 'anthology.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(`chapters/${renamed}.md`, 'chapters/digital-silk-road.md'));
    await rename(path.join(project.dir, `chapters/${renamed}.md`), path.join(project.dir, 'chapters/digital-silk-road.md'));

    const changes = await runCli(['changes', '--json', '--review', 'build/changes.html'], project.dir);
    assert.equal(changes.code, 0, changes.stderr);
    const bibliographyAdded = (add.stdout.match(/new bibliography items?: (.*)/)?.[1] ?? '').split(', ').filter(Boolean);
    assert.ok(bibliographyAdded.length > 0, add.stdout);
    assert.deepEqual(JSON.parse(changes.stdout), {
      since: 1,
      chapters: { added: ['go-fonts'], removed: [], revised: ['international-herald-tribune-2011-10-17'], moved: [], retitled: [] },
      bibliography: { added: bibliographyAdded, removed: [], changed: [] },
    });

    const page = await readFile(path.join(project.dir, 'build/changes.html'), 'utf8');
    assert.match(page, /<del>usual<\/del><ins>ever<\/ins>/);
    assert.doesNotMatch(page, /<script|<link|src=/, 'self-contained, no scripts');
  });

  it('build: the copyright page says second edition, the note names the new chapter, every first-edition address resolves', async () => {
    // HTML and EPUB only: the default book's PDF is built once per run (build.test.ts), and the
    // printed front matter is made from the same lines (tests/unit/render/edition.test.ts).
    const build = await runCli(['build', '--format', 'html,epub'], project.dir);
    assert.equal(build.code, 0, build.stderr);
    const epub = unzipSync(await readFile(path.join(project.dir, 'build', `${bookSlug}.epub`)));
    const text = (name: string) =>
      new TextDecoder()
        .decode(epub[name])
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
    const imprint = text('EPUB/text/imprint.xhtml');
    assert.match(imprint, /Second edition published 28 November 2026/);
    assert.match(imprint, /First published 2026\. Second edition 2026, with one new chapter and one revised\./);
    const note = text('EPUB/text/edition-note.xhtml');
    assert.match(note, /Note on this edition/i);
    assert.match(note, /This second edition adds one chapter: “Go fonts” \(chapter 8\), by Nigel Tao, Chuck Bigelow and Rob Pike\./);

    const site = path.join(project.dir, 'build/html');
    const missing = [];
    for (const page of firstSite) if (!(await exists(path.join(site, page.href)))) missing.push(page.href);
    assert.deepEqual(missing, []);
    assert.ok(!(await exists(path.join(site, 'digital-silk-road.html'))), 'the renamed chapter kept its address');
    const chapter = await readFile(path.join(site, `${renamed}.html`), 'utf8');
    assert.match(chapter, new RegExp(`id="${renamed}-fn-89"`), 'note anchors kept');
    assert.match(chapter, /<title>Paving the Digital Silk Road/);
    assert.match(await readFile(path.join(site, 'edition.html'), 'utf8'), /Go fonts/);

    const opf = new TextDecoder().decode(epub['EPUB/package.opf']);
    assert.match(opf, /<meta property="schema:bookEdition">Second edition<\/meta>/);
    assert.match(opf, /<meta property="dcterms:modified">2026-11-28T00:00:00Z<\/meta>/);
  });
});

describe('anthology new, add two posts, build: outside the repository', () => {
  let parent: { dir: string; dispose: () => Promise<void> };
  before(async () => {
    parent = await emptyProject();
  });
  after(() => parent.dispose());

  it('makes a book that builds, with a clear message while it is empty', async () => {
    const made = await runCli(
      ['new', 'my-book', '--title', 'Two Posts', '--editor', 'A. Editor', '--publisher', 'Small Press', '--date', '2027-01-15'],
      parent.dir,
    );
    assert.equal(made.code, 0, made.stderr);
    const book = path.join(parent.dir, 'my-book');
    assert.deepEqual((await readdir(book)).sort(), ['.gitignore', 'README.md', 'anthology.yaml', 'bibliography', 'chapters', 'styles']);
    assert.ok(await exists(path.join(book, 'styles/csl/chicago-notes-bibliography.csl')));
    assert.ok(await exists(path.join(book, 'styles/csl/locales-en-US.xml')));
    assert.deepEqual(await readdir(parent.dir), ['my-book'], 'nothing left beside it');

    const empty = await runCli(['build'], book);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr + empty.stdout, /the book has no chapters yet: add posts with `anthology add SOURCE…`.*book-empty/);
    assert.doesNotMatch(empty.stderr, /\n\s+at /, 'no stack trace');

    const again = await runCli(['new', 'my-book'], parent.dir);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /my-book\n\s*error\s+my-book cannot be used: it is not empty; anthology new makes a book in a new or empty folder\s+new-folder-not-empty/,
    );

    const add = await runCli(['add', goFonts, jstor], book);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /added chapter 1, “Go fonts”/);
    assert.match(add.stdout, /added chapter 2, “Parsing Metadata with R - A Package Story”.*by date, after “Go fonts”/);

    const build = await runCli(['build', '--format', 'html,epub'], book);
    assert.equal(build.code, 0, build.stderr);
    assert.ok(await exists(path.join(book, 'build/html/go-fonts.html')));
    assert.ok(await exists(path.join(book, 'build/two-posts.epub')));
  });
});

describe('a chapter file named with capitals, spaces and accents', () => {
  it('is released, checked, compared and built under one id: the record’s, the page’s, the EPUB file’s and the note anchors’', async () => {
    const parent = await emptyProject();
    try {
      const made = await runCli(['new', 'm2', '--title', 'Named', '--editor', 'A. Editor', '--publisher', 'P', '--date', '2027-01-15'], parent.dir);
      assert.equal(made.code, 0, made.stderr);
      const book = path.join(parent.dir, 'm2');
      const chapter = 'chapters/Paving the Silk Road — ünïcode.md';
      await writeFile(path.join(book, chapter), '---\ntitle: Paving the Silk Road\nauthors: [Ann Bee]\n---\n\nA road.[^1]\n\n[^1]: A note.\n');
      const config = path.join(book, 'anthology.yaml');
      await writeFile(config, (await readFile(config, 'utf8')).replace(/^contents: \[\]$/m, `contents:\n  - "${chapter}"`));
      const released = await runCli(['release'], book);
      assert.equal(released.code, 0, released.stderr);
      const record = JSON.parse(await readFile(path.join(book, 'editions/1.json'), 'utf8'));
      assert.equal(record.chapters[0].id, 'paving-the-silk-road-unicode');
      assert.ok(
        record.site.some(
          (page: { href: string; chapter?: string }) => page.href === 'paving-the-silk-road-unicode.html' && page.chapter === 'paving-the-silk-road-unicode',
        ),
      );
      for (const command of [['check'], ['changes']]) {
        const result = await runCli(command, book);
        assert.equal(result.code, 0, `${command[0]}: ${result.stderr}`);
      }
      const build = await runCli(['build', '--format', 'html,epub'], book);
      assert.equal(build.code, 0, build.stderr);
      const page = await readFile(path.join(book, 'build/html/paving-the-silk-road-unicode.html'), 'utf8');
      assert.match(page, /id="paving-the-silk-road-unicode-fn-1"/);
      const epub = unzipSync(new Uint8Array(await readFile(path.join(book, 'build/named.epub'))));
      assert.ok(epub['EPUB/text/paving-the-silk-road-unicode.xhtml']);
    } finally {
      await parent.dispose();
    }
  });
});
