import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { VFile } from 'vfile';
import type { Book } from '../../../src/core/types.ts';
import { pieceToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { loadEditionBook } from '../../../src/pipeline/build.ts';
import type { RenderAssets } from '../../../src/render/assets.ts';
import { renderEpub } from '../../../src/render/epub/epub.ts';
import { printPageBreaks } from '../../../src/render/epub/page-list.ts';
import { renderHtmlSite } from '../../../src/render/html/site.ts';
import { renderPrintDocument } from '../../../src/render/pdf/print-html.ts';
import { importFixture } from '../../helpers/import.ts';
import { repoRoot } from '../../helpers/project.ts';
import { emptyRenderAssets } from '../../helpers/render-assets.ts';

/**
 * Links between the chapters of a book (`load/links.ts` `linkChapters`) and the ids of a chapter's
 * page, in every output. The first book is mdBook's own user guide
 * (tests/fixtures/import/real/mdbook-guide, PROVENANCE.md there), imported as `anthology import`
 * writes it: its chapters link each other by their `.md` files (`../format/mdbook.md#rust-playground`),
 * which were all printed as their words with `link-dropped`.
 */
const assets = emptyRenderAssets;

const projects: string[] = [];
after(() => Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true }))));

const configYaml = (contents: readonly string[], extra = '') =>
  [
    'title: Links Between Chapters',
    'editors: [Mara Testwell]',
    'language: en-GB',
    'publisher: Anthology Editions',
    'edition: {number: 1, date: 2026-12-01}',
    'identifier: urn:uuid:6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    'style: styles/csl/chicago-notes-bibliography.csl',
    'trim: 6x9in',
    extra,
    `contents: [${contents.join(', ')}]`,
    '',
  ].join('\n');

interface Built {
  book: Book;
  files: VFile[];
  site: Map<string, string>;
  epub: Map<string, string>;
  print: string;
}

/** A project of these chapter files (path → text), loaded as `build` loads it and rendered in every format. */
async function build(chapters: Record<string, string>, extra = '', others: Record<string, string> = {}): Promise<Built> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anthology-links-'));
  projects.push(dir);
  await cp(path.join(repoRoot, 'styles/csl'), path.join(dir, 'styles/csl'), { recursive: true });
  await writeFile(path.join(dir, 'anthology.yaml'), configYaml(Object.keys(chapters), extra));
  for (const [name, text] of Object.entries({ ...chapters, ...others })) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const loaded = await loadEditionBook(dir);
  assert.ok(loaded.book, loaded.files.flatMap((file) => file.messages.map(String)).join('\n'));
  const text = (files: Map<string, Uint8Array | string>) =>
    new Map([...files].map(([name, content]) => [name, typeof content === 'string' ? content : new TextDecoder().decode(content)]));
  return {
    book: loaded.book,
    files: loaded.files,
    site: text(renderHtmlSite(loaded.book, assets)),
    epub: text(renderEpub(loaded.book, assets)),
    print: renderPrintDocument(loaded.book, assets).html,
  };
}

function messages(built: Built, ruleId: string): string[] {
  return built.files.flatMap((file) =>
    file.messages.filter((message) => message.ruleId === ruleId).map((message) => `${file.path}:${message.line}:${message.column} ${message.reason}`),
  );
}

const idsOf = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] as string);
const hrefsOf = (html: string) => [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => (match[1] as string).replace(/&amp;/g, '&'));

/** No id twice in one page, and every link within the book lands on an id (or a page) it has. */
function assertLinksLand(pages: Map<string, string>, folder: (name: string) => string, isPage: (name: string) => boolean): void {
  for (const [name, html] of pages) {
    if (!isPage(name)) continue;
    const ids = idsOf(html);
    assert.deepEqual(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      [],
      `${name} has an id twice`,
    );
    for (const href of hrefsOf(html)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || !/\.x?html(#|$)|^#/.test(href)) continue;
      const [file, fragment] = href.split('#') as [string, string | undefined];
      const target = file === '' ? name : path.posix.normalize(`${folder(name)}${file}`);
      const targetHtml = pages.get(target);
      assert.ok(targetHtml !== undefined, `${name} links to ${href}, which the output does not have`);
      if (fragment) assert.ok(idsOf(targetHtml).includes(decodeURIComponent(fragment)), `${name} links to ${href}, an id ${target} does not have`);
    }
  }
}

function assertEveryOutputLinksLand(built: Built): void {
  assertLinksLand(
    built.site,
    () => '',
    (name) => name.endsWith('.html'),
  );
  assertLinksLand(
    built.epub,
    (name) => name.slice(0, name.lastIndexOf('/') + 1),
    (name) => name.startsWith('EPUB/text/'),
  );
  assertLinksLand(
    new Map([['print.html', built.print]]),
    () => '',
    () => true,
  );
}

describe('links between the chapters of mdBook’s user guide, as imported', () => {
  const fixtures = 'tests/fixtures/import/real/mdbook-guide';
  const sources = ['guide/installation.md', 'guide/reading.md', 'guide/creating.md', 'continuous-integration.md', 'format/mdbook.md'];
  const imported = () =>
    Object.fromEntries(
      sources.map((source) => {
        const { result } = importFixture(fixtures, source);
        const [piece] = result.chapters;
        assert.ok(piece, source);
        return [`chapters/${path.posix.basename(source)}`, pieceToMarkdown(piece.piece)];
      }),
    );

  it('a link to another chapter’s file, and to a heading in it, goes there in the site, the EPUB and the PDF', async () => {
    const built = await build(imported());
    const reading = built.site.get('reading.html') ?? '';
    assert.match(reading, /<a href="mdbook\.html#mdbook-rust-playground">playground<\/a>/);
    assert.match(built.site.get('mdbook.html') ?? '', /<h2 id="mdbook-rust-playground">Rust playground<\/h2>/);
    assert.match(built.site.get('installation.html') ?? '', /<a href="continuous-integration\.html">continuous integration<\/a> chapter/);
    assert.match(built.site.get('continuous-integration.html') ?? '', /<a href="reading\.html#reading-search">/);
    assert.match(built.epub.get('EPUB/text/reading.xhtml') ?? '', /<a href="mdbook\.xhtml#mdbook-rust-playground">playground<\/a>/);
    assert.match(built.print, /<a href="#chapter-mdbook_rust-playground">playground<\/a>/);
    assert.match(built.print, /<a href="#chapter-continuous-integration">continuous integration<\/a> chapter/);
    assertEveryOutputLinksLand(built);
  });

  it('a link to a chapter the book does not have is its words, said so', async () => {
    const built = await build(imported());
    const dropped = messages(built, 'link-dropped').map((line) => line.replace(/ names a file that is no chapter.*/, ''));
    assert.ok(dropped.includes('chapters/continuous-integration.md:81:33 link to “cli/test.md”'), dropped.join('\n'));
    assert.ok(dropped.includes('chapters/reading.md:60:14 link to “../format/theme/editor.md”'), dropped.join('\n'));
    assert.ok(!dropped.some((line) => /mdbook\.md|continuous-integration\.md|reading\.md#search/.test(line.split(' link to ')[1] ?? '')), dropped.join('\n'));
    assert.deepEqual(messages(built, 'link-heading-missing'), []);
  });
});

const chapter = (title: string, body: string, meta = '') => `---\ntitle: ${title}\nauthors: [Jane Smith]\n${meta}---\n\n${body}\n`;

describe('a link to another chapter by its file, its place in the project or its first address', () => {
  it('`02-other.md`, `02-other.md#a-heading`, `./chapters/02-other.md`: each output’s file and id', async () => {
    const built = await build({
      'chapters/01-first.md': chapter('First', 'See [it](02-other.md), [its heading](02-other.md#a-heading) and [again](./chapters/02-other.md#a-heading).'),
      'chapters/02-other.md': chapter('Other', 'Words.\n\n## A heading\n\nMore words.'),
    });
    assert.deepEqual([...messages(built, 'link-dropped'), ...messages(built, 'link-heading-missing')], []);
    const first = built.site.get('x01-first.html') ?? '';
    assert.match(
      first,
      /<a href="x02-other\.html">it<\/a>, <a href="x02-other\.html#x02-other-a-heading">its heading<\/a> and <a href="x02-other\.html#x02-other-a-heading">again<\/a>/,
    );
    assert.match(built.epub.get('EPUB/text/x01-first.xhtml') ?? '', /<a href="x02-other\.xhtml#x02-other-a-heading">its heading<\/a>/);
    assert.match(built.print, /<a href="#chapter-02-other">it<\/a>, <a href="#chapter-02-other_a-heading">its heading<\/a>/);
    assertEveryOutputLinksLand(built);
  });

  it('a heading the chapter does not have: to the chapter, with a warning at the link', async () => {
    const built = await build({
      'chapters/one.md': chapter('One', 'Words.\n\nSee [the setup](two.md#setup-gone).'),
      'chapters/two.md': chapter('Two', '## Setup\n\nWords.'),
    });
    assert.deepEqual(messages(built, 'link-heading-missing'), [
      'chapters/one.md:8:5 link to “two.md#setup-gone”: chapters/two.md has no heading “setup-gone”, so it leads to the chapter’s start',
    ]);
    assert.match(built.site.get('one.html') ?? '', /<a href="two\.html">the setup<\/a>/);
    assertEveryOutputLinksLand(built);
  });

  it('a chapter not in the book is the link’s words, with link-dropped', async () => {
    const built = await build({ 'chapters/one.md': chapter('One', 'See [the appendix](three.md#notes).') });
    assert.deepEqual(messages(built, 'link-dropped'), [
      'chapters/one.md:6:5 link to “three.md#notes” names a file that is no chapter of the book (anthology.yaml’s contents lists them): printed as its words',
    ]);
    assert.match(built.site.get('one.html') ?? '', /<p>See the appendix\.<\/p>/);
  });

  it('the address another chapter was first published at, written out or relative to the chapter’s own', async () => {
    const built = await build({
      'chapters/one.md': chapter(
        'One',
        'As [I wrote](http://www.example.org/blog/two#the-lamp), and [later](../three/), and [elsewhere](https://example.org/blog/four/).',
        'source_url: https://example.org/blog/one/\n',
      ),
      'chapters/two.md': chapter('Two', '## The lamp\n\nWords.', 'source_url: https://example.org/blog/two/\n'),
      'chapters/three.md': chapter('Three', 'Words.', 'source_url: https://example.org/blog/three/\n'),
    });
    assert.deepEqual(messages(built, 'link-dropped'), []);
    assert.match(
      built.site.get('one.html') ?? '',
      /<a href="two\.html#two-the-lamp">I wrote<\/a>, and <a href="three\.html">later<\/a>, and <a href="https:\/\/example\.org\/blog\/four\/">elsewhere<\/a>/,
    );
    assertEveryOutputLinksLand(built);
  });
});

/**
 * Each test's book once had an id twice in a page (the site's, the EPUB's) or in the print document
 * (which holds every chapter): `assertEveryOutputLinksLand` comes first for that reason.
 */
describe('no id twice in a page, or in the print document', () => {
  it('a heading whose id would be a note’s (`fn-1`)', async () => {
    const built = await build({ 'chapters/a.md': chapter('A', 'See [the first](#fn-1).\n\n## fn 1\n\nText.[^1]\n\n[^1]: A note.') });
    assertEveryOutputLinksLand(built);
    assert.match(built.site.get('a.html') ?? '', /<h2 id="a-section-fn-1">fn 1<\/h2>[\s\S]*<li id="a-fn-1">/);
  });

  it('a heading whose id would be a note call’s (`fnref-1`)', async () => {
    const built = await build({ 'chapters/a.md': chapter('A', 'See [the call](#fnref-1).\n\n## fnref 1\n\nText.[^1]\n\n[^1]: A note.') });
    assertEveryOutputLinksLand(built);
    const page = built.site.get('a.html') ?? '';
    assert.match(page, /<h2 id="a-section-fnref-1">fnref 1<\/h2>/);
    assert.match(page, /<a href="#a-fn-1" id="a-fnref-1"/);
  });

  it('a heading whose id would be the notes heading’s: in a page (`footnote` + `label`) and in print (`notes-heading`)', async () => {
    const built = await build(
      {
        'chapters/footnote.md': chapter('F', 'See [the label](#label).\n\n## Label\n\nText.[^1]\n\n[^1]: A note.'),
        'chapters/b.md': chapter('B', 'See [the heading](#notes-heading).\n\n## Notes heading\n\nText.[^1]\n\n[^1]: A note.'),
      },
      'notes: endnotes',
    );
    assertEveryOutputLinksLand(built);
    assert.match(built.site.get('footnote.html') ?? '', /<h2 id="footnote-label">Label<\/h2>[\s\S]*<h2 class="notes-heading" id="footnote-notes-heading">/);
    assert.match(built.print, /<h2 id="chapter-b_notes-heading-1"[^>]*>Notes heading<\/h2>[\s\S]*<h2 class="notes-heading" id="chapter-b_notes-heading">/);
  });

  it('a heading whose id would be the chapter title’s in the EPUB (`title`)', async () => {
    const built = await build({ 'chapters/a.md': chapter('A', 'See [the title](#title).\n\n## Title\n\nWords.') });
    assertEveryOutputLinksLand(built);
    assert.match(built.epub.get('EPUB/text/a.xhtml') ?? '', /<h1 class="chapter-title" id="a-title">A<\/h1>[\s\S]*<h2 id="a-title-1">Title<\/h2>/);
  });

  it('a heading whose id would be a work’s in the chapter’s own reference list (`ref` + `smith`)', async () => {
    const work = [{ id: 'smith', type: 'book', title: 'Lamps', author: [{ family: 'Smith', given: 'Jane' }], issued: { 'date-parts': [[2015]] } }];
    const built = await build(
      { 'chapters/ref.md': chapter('R', 'As Smith wrote.[@smith] See [Smith](#smith).\n\n## Smith\n\nWords.') },
      'bibliography: chapters',
      { 'bibliography/references.json': JSON.stringify(work) },
    );
    assertEveryOutputLinksLand(built);
    const page = built.site.get('ref.html') ?? '';
    assert.match(page, /<h2 id="ref-smith">Smith<\/h2>/);
    assert.match(page, /<a class="citation-link" href="#ref-ref-smith">[\s\S]*<div class="csl-entry" id="ref-ref-smith">/);
  });

  it('a heading whose id would be a print page’s in the EPUB (`page` + `12`)', async () => {
    const built = await build({ 'chapters/page.md': chapter('P', 'See [twelve](#12).\n\n## 12\n\nWords.') });
    const breaks = printPageBreaks(built.book, [{ section: 'chapter-page', block: 1, words: 0, value: 12, label: '12' }]);
    const epub = new Map([...renderEpub(built.book, assets, { breaks })].map(([name, content]) => [name, String(content)]));
    assertEveryOutputLinksLand({ ...built, epub });
    assert.match(epub.get('EPUB/text/page.xhtml') ?? '', /id="page-page-12"[\s\S]*<h2 id="page-12">12<\/h2>|<h2 id="page-12">12<\/h2>[\s\S]*id="page-page-12"/);
  });

  it('the print document: a chapter’s ids never meet another chapter’s or a section’s', async () => {
    // Print ids were the chapter's id and a hyphen: `a` + `b-fn-1` met `a-b` + `fn-1`, and
    // `chapter` + `x` met the section of chapter `x` (`chapter-x`).
    const built = await build(
      {
        'chapters/a.md': chapter('A', 'See [b fn 1](#b-fn-1).\n\n## b fn 1\n\nWords.'),
        'chapters/a-b.md': chapter('A-B', 'Text.[^1]\n\n[^1]: A note.'),
        'chapters/chapter.md': chapter('Chapter', 'See [x](#x).\n\n## X\n\nWords.'),
        'chapters/x.md': chapter('X', 'Words.'),
      },
      'notes: endnotes',
    );
    assertEveryOutputLinksLand(built);
    assert.match(built.print, /id="chapter-a_b-fn-1"/);
    assert.match(built.print, /id="chapter-a-b_fn-1"/);
    assert.match(built.print, /id="chapter-chapter_x"/);
  });
});
