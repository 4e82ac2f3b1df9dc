import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { runCli } from '../helpers/project.ts';
import { aceViolations, axeSeriousViolations, copyTestBook, pdfImages, vnuErrors } from '../helpers/quality.ts';
import { serveFolder } from '../helpers/serve.ts';
import { epubcheck, launchTestChromium } from '../helpers/tools.ts';

const slug = 'harbours-and-charts';
/** Where the screenshots go, to be looked at: build/screenshots/ in the repository (git-ignored). */
const screenshots = path.resolve('build', 'screenshots');

/** The pictures of the test book and their pixel sizes (the SVG is vector: not in pdfimages). */
const rasters = [
  { file: 'harbour/harbour-at-dusk.jpg', width: 1800, height: 1200 },
  { file: 'harbour/contours.webp', width: 1600, height: 1000 },
  { file: 'charts/five-bars.png', width: 1500, height: 900 },
  { file: 'charts/badge.gif', width: 200, height: 150 },
];

describe('the image test book', () => {
  let book: { dir: string; dispose: () => Promise<void> };
  let checkResult: Awaited<ReturnType<typeof runCli>>;
  let buildResult: Awaited<ReturnType<typeof runCli>>;
  let missingBuild: Awaited<ReturnType<typeof runCli>>;
  let writtenWithMissing: string[];
  before(async () => {
    book = await copyTestBook('images');
    checkResult = await runCli(['check'], book.dir);
    missingBuild = await runCli(['build', '--format', 'html,epub'], book.dir);
    writtenWithMissing = await readdir(path.join(book.dir, 'build')).catch(() => []);
    // The editor supplies the missing chart; then the book builds.
    await copyFile(path.join(book.dir, 'chapters/images/charts/five-bars.png'), path.join(book.dir, 'chapters/images/charts/outer-harbour.png'));
    buildResult = await runCli(['build'], book.dir);
  });
  after(() => book.dispose());

  it('a missing picture fails check and build, naming the file, line and column; nothing is written', async () => {
    assert.equal(checkResult.code, 1);
    assert.match(checkResult.stderr, /chapters\/charts-and-diagrams\.md\s*\n\s*18:1\s+warning.*badge\.gif.*96 ppi.*image-low-resolution/);
    assert.match(checkResult.stderr, /22:1\s+error\s+image chapters\/images\/charts\/outer-harbour\.png does not exist.*image-missing/);
    assert.match(checkResult.stderr, /the-harbour-at-dusk\.md\s*\n\s*21:1\s+warning.*https:\/\/example\.org\/old-quay\.jpg.*image-remote/);
    assert.equal(missingBuild.code, 1);
    assert.deepEqual(writtenWithMissing, [], 'nothing was written');
  });

  it('a picture outside the project, a damaged one, a bad width and a missing cover are errors where they are named', async () => {
    const copy = await copyTestBook('images');
    try {
      const chapter = path.join(copy.dir, 'chapters', 'le-port.md');
      await writeFile(path.join(copy.dir, 'chapters', 'damaged.png'), Buffer.from('\x89PNG\r\n\x1a\nnot really'));
      await writeFile(
        chapter,
        `${await readFile(chapter, 'utf8')}\n::figure[Dehors.]{src="../../../etc/hostname.png"}\n\n::figure[Abîmé.]{src="damaged.png"}\n\n::figure[Large.]{src="images/charts/stages.svg" width="huge"}\n`,
      );
      const config = path.join(copy.dir, 'anthology.yaml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('cover: cover.jpg', 'cover: covers/front.jpg'));
      const result = await runCli(['check'], copy.dir);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /anthology\.yaml\s*\n\s*18:1\s+error\s+image covers\/front\.jpg does not exist \(paths are relative to the project folder\).*image-missing/,
      );
      assert.match(result.stderr, /13:1\s+error\s+image \.\.\/\.\.\/\.\.\/etc\/hostname\.png is outside the project folder.*image-outside-project/);
      assert.match(result.stderr, /15:1\s+error\s+image chapters\/damaged\.png cannot be used: not a picture that can be read.*image-unreadable/);
      assert.match(result.stderr, /17:1\s+error\s+width="huge" is not a share of the text width.*image-width-invalid/);
    } finally {
      await copy.dispose();
    }
  });

  it('builds the three formats once the picture is there', () => {
    assert.equal(buildResult.code, 0, buildResult.stderr);
    assert.doesNotMatch(buildResult.stderr, /image-missing|error/);
  });

  it('every picture is in the site, and each figure shows it with alt text, caption and credit', async () => {
    const html = path.join(book.dir, 'build', 'html');
    const images = await readdir(path.join(html, 'images'));
    for (const stem of ['harbour-at-dusk', 'contours', 'five-bars', 'badge', 'stages', 'outer-harbour', 'cover-']) {
      assert.ok(
        images.some((name) => name.startsWith(`${stem}`)),
        `${stem} in build/html/images (${images.join(', ')})`,
      );
    }
    const chapter = await readFile(path.join(html, 'the-harbour-at-dusk.html'), 'utf8');
    assert.match(chapter, /<img src="images\/harbour-at-dusk-[0-9a-f]{8}\.jpg" alt="The harbour at dusk, from the north mole\." width="1800" height="1200">/);
    assert.match(chapter, /<img src="images\/contours-[0-9a-f]{8}\.webp" alt="A contour map: two hills, the larger to the west\."/);
    assert.match(chapter, /<span class="credit"> Picture generated for the test book\.<\/span>/);
    assert.match(chapter, /class="image-placeholder" role="img" aria-label="Image not supplied: The old quay, about 1900\."/);
    const home = await readFile(path.join(html, 'index.html'), 'utf8');
    assert.match(home, /<img class="cover" src="images\/cover-[0-9a-f]{8}\.jpg" alt="" width="1400" height="2100">/);
    assert.match(home, /<meta property="og:image" content="https:\/\/books\.example\.org\/harbours\/images\/cover-[0-9a-f]{8}\.jpg">/);
    assert.match(chapter, /<meta name="citation_title" content="The Harbour at Dusk">/);
    assert.match(chapter, /<meta name="citation_author" content="Ada Quayside">/);
    assert.match(chapter, /<meta name="citation_isbn" content="9780306406157">/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(chapter)?.[1] ?? '{}');
    assert.equal(jsonLd['@type'], 'Chapter');
    assert.deepEqual(jsonLd.author, [{ '@type': 'Person', name: 'Ada Quayside' }]);
    assert.equal(jsonLd.isPartOf.name, 'Harbours and Charts');
    const sitemap = await readFile(path.join(html, 'sitemap.xml'), 'utf8');
    assert.match(sitemap, /<loc>https:\/\/books\.example\.org\/harbours\/the-harbour-at-dusk\.html<\/loc>/);
    const charts = await readFile(path.join(html, 'charts-and-diagrams.html'), 'utf8');
    assert.match(charts, /<img src="images\/five-bars-[0-9a-f]{8}\.png"[^>]*style="width: 50%"/);
    // A picture that is a link, alone on its line, is a figure whose caption keeps the link.
    assert.match(
      charts,
      /<figure><img src="images\/stages-[0-9a-f]{8}\.svg" alt="The stages of unloading"[^>]*><figcaption><a href="https:\/\/example\.org\/harbour\/stages">The stages, as the harbour office draws them<\/a><\/figcaption><\/figure>/,
    );
  });

  it('the EPUB lists every picture in its manifest (WebP carried as PNG) and passes epubcheck with no errors or warnings', async () => {
    const file = path.join(book.dir, 'build', `${slug}.epub`);
    const entries = unzipSync(new Uint8Array(await readFile(file)));
    const opf = new TextDecoder().decode(entries['EPUB/package.opf']);
    const manifestImages = [...opf.matchAll(/href="(images\/[^"]+)" media-type="([^"]+)"/g)].map((match) => ({ href: match[1] ?? '', type: match[2] ?? '' }));
    for (const stem of ['harbour-at-dusk', 'contours', 'five-bars', 'badge', 'stages', 'outer-harbour']) {
      const item = manifestImages.find((image) => image.href.startsWith(`images/${stem}-`));
      assert.ok(item, `${stem} in the manifest`);
      assert.ok(entries[`EPUB/${item.href}`], `${item.href} in the container`);
    }
    assert.equal(manifestImages.find((image) => image.href.startsWith('images/contours-'))?.type, 'image/png');
    assert.match(opf, /href="images\/cover-cover-[0-9a-f]{8}\.jpg" media-type="image\/jpeg" properties="cover-image"/);
    assert.ok(entries['EPUB/toc.ncx'], 'toc.ncx for older readers');
    const french = new TextDecoder().decode(entries['EPUB/text/le-port.xhtml']);
    assert.match(french, /<html [^>]*lang="fr" xml:lang="fr"/);
    const result = await epubcheck(file);
    assert.equal(result.fatals + result.errors + result.warnings, 0, result.output);
  });

  it('Ace by DAISY finds nothing critical or serious in the EPUB', async () => {
    const violations = await aceViolations(path.join(book.dir, 'build', `${slug}.epub`), path.join(book.dir, 'build', 'ace'));
    const bad = violations.filter((violation) => violation.impact === 'critical' || violation.impact === 'serious');
    assert.deepEqual(bad, []);
  });

  it('the PDF carries every raster picture at its own pixel size', async () => {
    const images = await pdfImages(path.join(book.dir, 'build', `${slug}.pdf`));
    for (const raster of rasters) {
      assert.ok(
        images.some((image) => image.width === raster.width && image.height === raster.height),
        `${raster.file} (${raster.width} × ${raster.height}) in the PDF: ${JSON.stringify(images)}`,
      );
    }
    // The missing chart, now supplied, prints too: five rasters.
    assert.equal(images.length, 5);
  });

  it('every HTML page passes the Nu Html Checker', async () => {
    assert.deepEqual(await vnuErrors(path.join(book.dir, 'build', 'html')), []);
  });

  describe('in a browser', () => {
    let browser: Browser;
    let server: { url: string; close: () => Promise<void> };
    before(async () => {
      browser = await launchTestChromium();
      server = await serveFolder(path.join(book.dir, 'build', 'html'));
      await mkdir(screenshots, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('searches, opens the result, follows a note and its back-link', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}index.html`);
      await page.getByLabel('Search the book').fill('lighthouse');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/search\.html\?q=lighthouse/);
      await page.getByRole('status').filter({ hasText: 'mention' }).waitFor();
      const results = page.locator('#search-results li a');
      assert.equal(await results.count(), 1, 'only chapter 1 says lighthouse');
      assert.match((await page.locator('#search-results mark').first().textContent()) ?? '', /lighthouse/i);
      await results.first().click();
      await page.waitForURL(/the-harbour-at-dusk\.html/);
      assert.equal(await page.locator('h1').textContent(), 'The Harbour at Dusk');

      // The preview floats over the text: nothing below the marker moves.
      const marker = page.locator('a[data-footnote-ref]').first();
      const figure = page.locator('figure').first();
      const before = await figure.boundingBox();
      await marker.hover();
      await page.locator('.note-preview').waitFor({ state: 'visible' });
      assert.match((await page.locator('.note-preview').textContent()) ?? '', /Keeper, The Lighthouse Log/);
      assert.deepEqual(await figure.boundingBox(), before, 'the page did not shift');

      await marker.click();
      assert.match(decodeURIComponent(new URL(page.url()).hash), /^#the-harbour-at-dusk-fn-1$/);
      await page.locator('li:target [data-footnote-backref]').click();
      assert.match(decodeURIComponent(new URL(page.url()).hash), /^#the-harbour-at-dusk-fnref-1$/);

      // The citation in note 1 links to its entry in the bibliography.
      await page.locator('li:target, #the-harbour-at-dusk-fn-1').locator('a.citation-link').first().click();
      await page.waitForURL(/bibliography\.html#ref-keeper2015log/);
      assert.match((await page.locator('.csl-entry:target').textContent()) ?? '', /The Lighthouse Log/);
      assert.deepEqual(errors, []);
    });

    it('has previous and next links on every chapter', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}charts-and-diagrams.html`);
      assert.equal(await page.locator('a[rel="prev"]').getAttribute('href'), 'the-harbour-at-dusk.html');
      assert.equal(await page.locator('a[rel="next"]').getAttribute('href'), 'le-port.html');
    });

    for (const [name, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 900 }],
    ] as const) {
      it(`fits a ${name} screen, light and dark, with no serious accessibility problem (axe-core); screenshots`, async () => {
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
          const page = await context.newPage();
          for (const [shot, address] of [
            ['home', 'index.html'],
            ['figure', 'the-harbour-at-dusk.html'],
            ['search', 'search.html?q=harbour'],
          ] as const) {
            await page.goto(`${server.url}${address}`);
            if (shot === 'search') await page.getByRole('status').filter({ hasText: 'mention' }).waitFor();
            await page.evaluate(() => document.fonts.ready);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 0, `${address} is ${overflow}px wider than a ${name} screen`);
            assert.deepEqual(await axeSeriousViolations(page), [], `${address} (${colorScheme})`);
            await page.screenshot({ path: path.join(screenshots, `${shot}-${name}-${colorScheme}.png`), fullPage: shot !== 'figure' });
          }
          await context.close();
        }
      });
    }

    it('no page of the site has a serious accessibility problem (axe-core)', async () => {
      const page = await browser.newPage();
      const pages = (await readdir(path.join(book.dir, 'build', 'html'))).filter((name) => name.endsWith('.html'));
      for (const name of pages) {
        await page.goto(`${server.url}${name}`);
        assert.deepEqual(await axeSeriousViolations(page), [], name);
      }
    });
  });
});
