import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { edit, emptyProject, repoRoot, runCli } from '../helpers/project.ts';
import { epubcheck, pdfText } from '../helpers/tools.ts';

/**
 * A real post whose title is written in Markdown: the Rust blog's `Announcing \`async fn\` and
 * return-position \`impl Trait\` in traits` (MIT/Apache-2.0, tests/fixtures/import/real/PROVENANCE.md),
 * imported and built as a user would.
 */
const post = path.join(repoRoot, 'tests/fixtures/import/real/rust-blog/async-fn-rpit-in-traits.md');
const plain = 'Announcing async fn and return-position impl Trait in traits';
/**
 * A JOSS paper in Pandoc's Markdown (CentreForHydrology/WDPM, GPL-3.0, same PROVENANCE.md) whose
 * body has `km^2^` and `m^3^`; its title is given a superscript and a subscript by the editor.
 */
const paper = path.join(repoRoot, 'tests/fixtures/import/real/joss-wdpm/paper.md');
const scriptsTitle = 'WDPM: ponding on 10 km^2^ of H~2~O';

function outlineTitles(pdf: PDFDocument): string[] {
  const titles: string[] = [];
  const visit = (ref: unknown) => {
    for (let item = ref instanceof PDFRef ? pdf.context.lookup(ref, PDFDict) : undefined; item; ) {
      const title = item.lookup(PDFName.of('Title'));
      if (title instanceof PDFHexString || title instanceof PDFString) titles.push(title.decodeText());
      visit(item.get(PDFName.of('First')));
      const next = item.get(PDFName.of('Next'));
      item = next instanceof PDFRef ? pdf.context.lookup(next, PDFDict) : undefined;
    }
  };
  visit(pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.get(PDFName.of('First')));
  return titles;
}

describe('a chapter title written in Markdown, built', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let build: string;
  before(async () => {
    project = await emptyProject();
    const dir = path.join(project.dir, 'book');
    for (const args of [
      ['new', dir],
      ['import', post],
      ['import', paper],
    ]) {
      const result = await runCli(args, args[0] === 'new' ? project.dir : dir);
      assert.equal(result.code, 0, result.stderr);
    }
    const chapters = path.join(dir, 'chapters');
    const wdpm = (await readdir(chapters)).find((name) => name.includes('wdpm'));
    assert.ok(wdpm, 'the paper imported');
    await edit(path.join(chapters, wdpm), (text) => text.replace(/^title: .*$/m, `title: '${scriptsTitle}'`));
    const result = await runCli(['build'], dir);
    assert.equal(result.code, 0, result.stderr);
    build = path.join(dir, 'build');
  });
  after(() => project?.dispose());

  const built = async (extension: string) => {
    const name = (await readdir(build)).find((file) => file.endsWith(extension));
    assert.ok(name, extension);
    return path.join(build, name);
  };

  it('gives the PDF plain bookmarks and prints the title without its backticks', async () => {
    const file = await built('.pdf');
    const titles = outlineTitles(await PDFDocument.load(await readFile(file), { updateMetadata: false }));
    assert.ok(titles.includes(`1. ${plain}`), titles.join('\n'));
    const text = await pdfText(file);
    assert.match(text.replace(/\s+/g, ' '), /Announcing async fn and return-position impl Trait in traits/);
    assert.doesNotMatch(
      text
        .split('\n')
        .filter((line) => line.includes('Announcing'))
        .join('\n'),
      /`/,
    );
  });

  it('sets ^…^ and ~…~ as <sup> and <sub> in the site, the EPUB and the PDF; plain Unicode where markup cannot go', async () => {
    const site = path.join(build, 'html');
    const page = (await readdir(site)).find((name) => name.includes('wdpm') && name.endsWith('.html'));
    assert.ok(page, 'the paper’s page');
    const html = await readFile(path.join(site, page), 'utf8');
    assert.match(html, /a small \(~10 km<sup>2<\/sup>\) sub-basin/);
    assert.match(html, /<h1[^>]*>WDPM: ponding on 10 km<sup>2<\/sup> of H<sub>2<\/sub>O<\/h1>/);
    assert.match(html, /<title>WDPM: ponding on 10 km² of H₂O · /);
    const file = await built('.pdf');
    const titles = outlineTitles(await PDFDocument.load(await readFile(file), { updateMetadata: false }));
    assert.ok(titles.includes('2. WDPM: ponding on 10 km² of H₂O'), titles.join('\n'));
    assert.match((await pdfText(file)).replace(/\s+/g, ' '), /a small \(~10 km2\) sub-basin/);
  });

  it('passes epubcheck with the title’s markup in its navigation', async () => {
    const result = await epubcheck(await built('.epub'));
    assert.equal(result.errors + result.fatals, 0, result.output);
  });
});
