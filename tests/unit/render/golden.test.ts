import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Book } from '../../../src/core/types.ts';
import { loadCitedBook } from '../../../src/pipeline/build.ts';
import type { RenderAssets } from '../../../src/render/assets.ts';
import { renderEpub } from '../../../src/render/epub/epub.ts';
import { renderHtmlSite } from '../../../src/render/html/site.ts';
import { renderPrintDocument } from '../../../src/render/pdf/print-html.ts';
import { repoRoot } from '../../helpers/project.ts';

/**
 * Golden outputs of the renderers for the test book in `tests/golden/book/`, compared byte for
 * byte with `tests/golden/expected/`. A missing expected file is written; `UPDATE=1` rewrites them
 * all, so that the change is reviewed in the diff of the commit.
 */
const expectedDirectory = path.join(repoRoot, 'tests/golden/expected');
const update = process.env.UPDATE === '1';

/** Stand-ins for the stylesheets, fonts and scripts: the goldens show what the renderers make, not the house style. */
const assets: RenderAssets = {
  siteCss: '/* site.css */',
  printCss: '/* print.css */',
  epubCss: '/* epub.css */',
  fontFaceCss: '/* @font-face */',
  fonts: [],
  notesScript: '/* notes.js */',
  searchScript: '/* search.js */',
};

async function matchesGolden(name: string, actual: string | Uint8Array): Promise<void> {
  const text = typeof actual === 'string' ? actual : new TextDecoder().decode(actual);
  const file = path.join(expectedDirectory, name);
  const expected = update ? undefined : await readFile(file, 'utf8').catch(() => undefined);
  if (expected === undefined) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    return;
  }
  assert.ok(text === expected, `${name} differs from tests/golden/expected/${name} (UPDATE=1 rewrites it; review the diff)`);
}

describe('golden outputs of the renderers (tests/golden/book)', () => {
  let project: string;
  let book: Book;
  before(async () => {
    // A copy beside the house's CSL styles: a project's paths stay inside it.
    project = await mkdtemp(path.join(tmpdir(), 'anthology-golden-'));
    await cp(path.join(repoRoot, 'tests/golden/book'), project, { recursive: true });
    await cp(path.join(repoRoot, 'styles/csl'), path.join(project, 'styles/csl'), { recursive: true });
    const loaded = await loadCitedBook(project);
    assert.ok(loaded.book, loaded.files.flatMap((file) => file.messages.map(String)).join('\n'));
    book = loaded.book;
  });
  after(() => rm(project, { recursive: true, force: true }));

  it('a chapter page of the site', async () => {
    const site = renderHtmlSite(book, assets);
    const page = [...site.keys()].find((name) => /the-lamp-room\.html$/.test(name));
    assert.ok(page, [...site.keys()].join(', '));
    await matchesGolden('site/the-lamp-room.html', site.get(page) as Uint8Array);
  });

  it('the EPUB’s package document and a chapter', async () => {
    const epub = renderEpub(book, assets);
    const opf = [...epub.keys()].find((name) => name.endsWith('.opf'));
    const chapter = [...epub.keys()].find((name) => /le-phare\.xhtml$/.test(name));
    assert.ok(opf && chapter, [...epub.keys()].join(', '));
    await matchesGolden('epub/package.opf', epub.get(opf) as Uint8Array);
    await matchesGolden('epub/le-phare.xhtml', epub.get(chapter) as Uint8Array);
  });

  it('the print HTML', async () => {
    await matchesGolden('print/book.html', renderPrintDocument(book, assets).html);
  });

  it('the print document leaves the trees it shares with the EPUB as they were (no print break points in the EPUB)', () => {
    const bibliography = (epub: ReturnType<typeof renderEpub>) => {
      const file = [...epub].find(([name]) => name.endsWith('bibliography.xhtml'))?.[1];
      return typeof file === 'string' || file === undefined ? file : new TextDecoder().decode(file);
    };
    renderPrintDocument(book, assets);
    const epub = bibliography(renderEpub(book, assets)) ?? '';
    assert.match(epub, /<a href="https:\/\/archive\.example\.org\/lighthouse-log\/">https:\/\/archive\.example\.org\/lighthouse-log\/<\/a>/);
    assert.doesNotMatch(epub, /<wbr|class="url"/);
  });

  it('knows where each printed block and note of a chapter is in its file, for the PDF’s warnings', () => {
    const { places, sources } = renderPrintDocument(book, assets);
    const label = Object.keys(sources).find((key) => sources[key] === 'chapters/le-phare.md');
    assert.ok(label, Object.keys(sources).join(', '));
    // The body's one paragraph, after six lines of front matter and a blank line; its note at line 11.
    assert.deepEqual(places[label], { blocks: [{ line: 9, column: 1 }], notes: { 1: { line: 11, column: 1 } } });
  });
});
