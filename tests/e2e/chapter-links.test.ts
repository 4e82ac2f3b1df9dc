import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';
import { vnuErrors } from '../helpers/quality.ts';
import { epubcheck, pdfText } from '../helpers/tools.ts';

/**
 * mdBook's user guide (tests/fixtures/import/real/mdbook-guide, PROVENANCE.md there), imported and
 * built as a new user would: its chapters link each other by their `.md` files
 * (`../format/mdbook.md#rust-playground`, `guide/reading.md#search`), which every output printed as
 * words with `link-dropped`. Now each such link goes to the chapter, and the heading, in the site,
 * the EPUB (epubcheck: no RSC-007, RSC-012) and the PDF (an internal link to the heading's page).
 */
const guide = path.join(repoRoot, 'tests/fixtures/import/real/mdbook-guide');

describe('a book whose chapters link each other, imported from mdBook’s guide', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let dir: string;
  let buildOutput: string;
  before(async () => {
    project = await emptyProject();
    dir = path.join(project.dir, 'book');
    const created = await runCli(['new', dir], project.dir);
    assert.equal(created.code, 0, created.stderr);
    const imported = await runCli(['import', guide], dir);
    assert.equal(imported.code, 0, imported.stderr);
    const result = await runCli(['build', '--format', 'html,epub,pdf'], dir);
    assert.equal(result.code, 0, result.stderr);
    buildOutput = result.stdout + result.stderr;
  });
  after(() => project?.dispose());

  it('names the links to chapters the book lacks, and only those', () => {
    assert.match(buildOutput, /link to “cli\/test\.md” names a file that is no chapter of the book/);
    assert.match(buildOutput, /link to “format\/configuration\/renderers\.md#html-renderer-options” names a file that is no chapter of the book/);
    assert.doesNotMatch(buildOutput, /link to “[^”]*(mdbook\.md|continuous-integration\.md|reading\.md)[^”]*”/);
    assert.doesNotMatch(buildOutput, /link-heading-missing/);
  });

  it('the site links the chapter and the heading, and passes vnu', async () => {
    const reading = await readFile(path.join(dir, 'build/html/reading-books.html'), 'utf8');
    assert.match(reading, /<a href="mdbook-specific-features\.html#mdbook-specific-features-rust-playground">playground<\/a>/);
    const features = await readFile(path.join(dir, 'build/html/mdbook-specific-features.html'), 'utf8');
    assert.match(features, /<h2 id="mdbook-specific-features-rust-playground">Rust playground<\/h2>/);
    assert.deepEqual(await vnuErrors(path.join(dir, 'build', 'html')), []);
  });

  it('the EPUB passes epubcheck with no errors and no warnings', async () => {
    const epub = (await readdir(path.join(dir, 'build'))).find((name) => name.endsWith('.epub'));
    assert.ok(epub);
    const result = await epubcheck(path.join(dir, 'build', epub));
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], result.output);
  });

  it('the PDF links “playground” in Reading books to the page of the Rust playground heading', async () => {
    const name = (await readdir(path.join(dir, 'build'))).find((file) => file.endsWith('.pdf'));
    assert.ok(name);
    const file = path.join(dir, 'build', name);
    const pdf = await PDFDocument.load(await readFile(file));
    const pages = (await pdfText(file)).split('\f');
    const headingPage = pages.findIndex((page) => /^\s*Rust playground\s*$/m.test(page));
    const linkingPage = pages.findIndex((page) => /see playground\)/.test(page.replace(/\s+/g, ' ')));
    assert.ok(headingPage >= 0 && linkingPage >= 0, `pages ${headingPage}, ${linkingPage}`);
    const annotations = pdf.getPage(linkingPage).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    const targets = (annotations?.asArray() ?? []).flatMap((ref) => {
      const target = pdf.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('Dest'), PDFArray)?.get(0);
      return target instanceof PDFRef ? [pdf.getPages().findIndex((page) => page.ref === target)] : [];
    });
    assert.ok(targets.includes(headingPage), `a link from page ${linkingPage + 1} to page ${headingPage + 1}: ${targets.map((page) => page + 1).join(', ')}`);
  });
});
