import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { type BuiltBook, defaultBook } from '../helpers/default-book.ts';
import { copyDefaultProject, runCli } from '../helpers/project.ts';
import { aceViolations, axeSeriousViolations, vnuErrors } from '../helpers/quality.ts';
import { epubcheck, launchTestChromium, pdfInfo, pdfText } from '../helpers/tools.ts';

const bookSlug = 'the-shanghai-cooperation-organization';

describe('anthology build (the default book)', () => {
  let project: BuiltBook;
  let titles: string[];
  before(async () => {
    project = await defaultBook();
    assert.equal(project.result.code, 0, project.result.stderr);
    const chapterFiles = (await readdir(path.join(project.dir, 'chapters'))).filter((name) => name.endsWith('.md'));
    titles = [];
    for (const name of chapterFiles) {
      const text = await readFile(path.join(project.dir, 'chapters', name), 'utf8');
      const title = /^title: (?:"(.*)"|(.*))$/m.exec(text);
      titles.push((title?.[1] ?? title?.[2] ?? '').replace(/\\"/g, '"'));
    }
    assert.equal(titles.length, 9);
  });

  it('writes the three formats and nothing half-made', async () => {
    const entries = (await readdir(path.join(project.dir, 'build'))).sort();
    assert.deepEqual(entries, ['.cache', 'html', `${bookSlug}.epub`, `${bookSlug}.pdf`]);
  });

  it('the EPUB passes epubcheck with no errors and no warnings', async () => {
    const result = await epubcheck(path.join(project.dir, 'build', `${bookSlug}.epub`));
    assert.equal(result.fatals + result.errors + result.warnings, 0, result.output);
  });

  it('Ace by DAISY finds nothing critical or serious in the EPUB', async () => {
    const violations = await aceViolations(path.join(project.dir, 'build', `${bookSlug}.epub`), path.join(project.dir, 'ace-report'));
    assert.deepEqual(
      violations.filter((violation) => violation.impact === 'critical' || violation.impact === 'serious'),
      [],
    );
  });

  it('every HTML page passes the Nu Html Checker', async () => {
    assert.deepEqual(await vnuErrors(path.join(project.dir, 'build', 'html')), []);
  });

  it('the PDF has pages, the trim size, and every chapter title in its text', async () => {
    const file = path.join(project.dir, 'build', `${bookSlug}.pdf`);
    const info = await pdfInfo(file);
    assert.ok(Number(info.Pages) > 20, `pages: ${info.Pages}`);
    assert.match(info['Page size'] ?? '', /^432 x 648 pts/, '6 × 9 in');
    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    for (const title of titles) assert.ok(text.includes(title), `PDF text has “${title}”`);
    assert.match(text, /Bibliography[\s\S]*Erokhin, Dmitry\. Comparative Analysis/, 'the bibliography is in the back matter');
  });

  it('the HTML site works in a real browser: contents, chapters, notes, no network', async () => {
    const browser = await launchTestChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(path.join(project.dir, 'build/html/index.html')).href);
      assert.equal(await page.title(), 'The Shanghai Cooperation Organization');
      const links = await page.locator('nav.contents .chapter-list a').allTextContents();
      assert.deepEqual([...links].sort(), [...titles].sort());

      await page.getByRole('link', { name: 'Paving the Digital Silk Road' }).click();
      await page.waitForURL(/paving-the-digital-silk-road/);
      assert.equal(await page.locator('h1').textContent(), 'Paving the Digital Silk Road with the Shanghai Cooperation Organisation');
      assert.equal(await page.locator('a[data-footnote-ref]').count(), 89);
      assert.equal(await page.locator('section[data-footnotes] li').count(), 89);
      await page.locator('a[data-footnote-ref]').nth(40).click();
      const target = await page.evaluate(() => decodeURIComponent(location.hash));
      assert.equal(target, '#paving-the-digital-silk-road-with-the-shanghai-cooperation-fn-41');
      assert.match((await page.locator('li:target').textContent()) ?? '', /Embassy of the People’s Republic of China to the Republic of Turkmenistan/);
      const fontLoaded = await page.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('16px "Source Serif 4"');
      });
      assert.ok(fontLoaded, 'the text face loads from the site itself');
      assert.deepEqual(
        requests.filter((url) => !url.startsWith('file://')),
        [],
      );
      assert.deepEqual(errors, []);
      for (const name of (await readdir(path.join(project.dir, 'build/html'))).filter((file) => file.endsWith('.html'))) {
        await page.goto(pathToFileURL(path.join(project.dir, 'build/html', name)).href);
        assert.deepEqual(await axeSeriousViolations(page), [], `axe-core on ${name}`);
      }
    } finally {
      await browser.close();
    }
  });

  it('the EPUB marks where each print page of a chapter starts, and lists the pages', async () => {
    const pdf = path.join(project.dir, 'build', `${bookSlug}.pdf`);
    const entries = unzipSync(new Uint8Array(await readFile(path.join(project.dir, 'build', `${bookSlug}.epub`))));
    const nav = new TextDecoder().decode(entries['EPUB/nav.xhtml']);
    // Each page's id is in its chapter's namespace (`<chapter>-page-12`), as the chapter's notes' are.
    const listed = [...nav.matchAll(/href="text\/([^"#]+)\.xhtml#\1-page-(\d+)"/g)].map((match) => Number(match[2]));
    assert.ok(listed.length > 40, `${listed.length} pages in the page-list`);
    const opf = new TextDecoder().decode(entries['EPUB/package.opf']);
    assert.match(opf, /<meta refines="#print-source" property="source-of">pagination<\/meta>/);
    assert.match(opf, /schema:accessibilityFeature">printPageNumbers</);
    // Physical page = folio + the front matter's pages (numbered in roman).
    const pages = (await pdfText(pdf)).split('\f');
    const firstNumbered = pages.findIndex((page) => /^\d+$/.test(page.trimEnd().split('\n').at(-1)?.trim() ?? ''));
    const offset = firstNumbered + 1 - Number(pages[firstNumbered]?.trimEnd().split('\n').at(-1)?.trim());
    const letters = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    let markers = 0;
    for (const [name, bytes] of Object.entries(entries)) {
      if (!name.startsWith('EPUB/text/')) continue;
      for (const match of new TextDecoder().decode(bytes).matchAll(/<span id="[a-z0-9-]+-page-(\d+)" role="doc-pagebreak"[^>]*><\/span>([\s\S]{0,800})/g)) {
        markers += 1;
        const following = (match[2] ?? '').replace(/<sup[\s\S]*?<\/sup>/g, ' ').replace(/<[^>]+>/g, ' ');
        const top = (pages[Number(match[1]) + offset - 1] ?? '').split('\n').slice(0, 8).join(' ');
        assert.ok(letters(top).includes(letters(following).slice(0, 12)), `page ${match[1]} starts with “${following.slice(0, 60)}”: ${top.slice(0, 200)}`);
      }
    }
    assert.equal(markers, listed.length);
  });

  it('the site is the same, byte for byte, built again without the PDF', async () => {
    // A second build, in a copy, of the site alone: the shared build's site must not depend on the
    // PDF (paginated once per run), nor on anything but the inputs. (Two builds of the HTML and
    // EPUB from scratch are compared byte for byte in cache.test.ts, after changing nothing.)
    const copy = await copyDefaultProject();
    try {
      const again = await runCli(['build', '--format', 'html', '--no-cache'], copy.dir);
      assert.equal(again.code, 0, again.stderr);
      const html = (files: Map<string, Buffer>) => [...files].filter(([name]) => name.startsWith('html'));
      const rebuilt = html(await snapshot(copy.dir));
      assert.ok(rebuilt.length > 15, `${rebuilt.length} files in the site`);
      assert.deepEqual(rebuilt, html(await snapshot(project.dir)));
    } finally {
      await copy.dispose();
    }
  });
});

async function snapshot(projectDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const build = path.join(projectDir, 'build');
  for (const entry of await readdir(build, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.pdf')) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(build, file), await readFile(file));
  }
  return files;
}

describe('switching the CSL style in anthology.yaml restyles every note', () => {
  /**
   * The default book's site built with another style. epubcheck reads the EPUB of a style whose
   * notes are made otherwise (author-date: no footnotes); the default style's EPUB is checked in the
   * default book's tests, and a style that differs from it only in its notes' words makes the
   * same markup.
   */
  async function buildWithStyle(style: string, options: { epubcheck?: boolean } = {}): Promise<{ essay: string; bibliography: string }> {
    const project = await copyDefaultProject();
    try {
      const configPath = path.join(project.dir, 'anthology.yaml');
      const config = await readFile(configPath, 'utf8');
      await writeFile(configPath, config.replace(/^style: .*$/m, `style: styles/csl/${style}.csl`));
      const result = await runCli(['build', '--format', options.epubcheck ? 'html,epub' : 'html'], project.dir);
      assert.equal(result.code, 0, result.stderr);
      if (options.epubcheck) {
        const epub = await epubcheck(path.join(project.dir, 'build', `${bookSlug}.epub`));
        assert.equal(epub.fatals + epub.errors, 0, epub.output);
      }
      return siteOf(project.dir);
    } finally {
      await project.dispose();
    }
  }
  async function siteOf(dir: string): Promise<{ essay: string; bibliography: string }> {
    const html = path.join(dir, 'build/html');
    return {
      essay: await readFile(path.join(html, 'paving-the-digital-silk-road-with-the-shanghai-cooperation.html'), 'utf8'),
      bibliography: await readFile(path.join(html, 'bibliography.html'), 'utf8'),
    };
  }
  const noteText = (html: string, note: number) =>
    (new RegExp(`<li id="[^"]*-fn-${note}">([\\s\\S]*?)</li>`).exec(html)?.[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/↩/g, '')
      .replace(/&#x26;/g, '&')
      .trim();

  it('Chicago notes (the default book’s style): a repeated source is a short note', async () => {
    const book = await defaultBook();
    assert.match(await readFile(path.join(book.dir, 'anthology.yaml'), 'utf8'), /^style: styles\/csl\/chicago-notes-bibliography\.csl$/m);
    const { essay, bibliography } = await siteOf(book.dir);
    assert.match(noteText(essay, 25), /^Shanghai Cooperation Organisation \(SCO\), ‘SCO Promotes Transport Links’, July 2017, http/);
    assert.equal(noteText(essay, 26), 'Shanghai Cooperation Organisation (SCO), ‘SCO Promotes Transport Links’.');
    assert.match(bibliography, /Erokhin, Dmitry\./);
  });

  it('Chicago with subsequent Ibid.: an immediate repeat is Ibid.', async () => {
    const { essay } = await buildWithStyle('chicago-notes-bibliography-subsequent-ibid');
    assert.equal(noteText(essay, 26), 'Ibid.');
  });

  it('APA: author-date citations and an APA reference list', async () => {
    const { essay, bibliography } = await buildWithStyle('apa', { epubcheck: true });
    assert.match(noteText(essay, 26), /^\(Shanghai Cooperation Organisation \(SCO\), 2017\)\.?$/);
    assert.match(bibliography, /Erokhin, D\. \(2020\)\./);
  });
});
