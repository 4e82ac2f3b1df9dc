import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';
import { aceViolations, axeSeriousViolations, vnuErrors } from '../helpers/quality.ts';
import { epubcheck, launchTestChromium } from '../helpers/tools.ts';

/**
 * A book made of other people's posts, imported and built as a new user would, through the same
 * validators as the default book. Each post once gave an error (tests/fixtures/import/real/PROVENANCE.md):
 * links to the site's other pages (LWN, Google's SRE book: epubcheck RSC-007) and to ids the text
 * no longer has (v8.dev, figma.com: RSC-012), a GFM autolink that is no address (Firefox Nightly's
 * blog: vnu, RSC-023), headings that skip a level (figma.com: vnu, Ace heading-order) and a
 * checklist's unlabelled checkboxes (a Hugo Blox post: axe and Ace, critical), and MathML 3's
 * scriptlevel on a token (MathJax's test page: vnu, RSC-005).
 */
const real = path.join(repoRoot, 'tests/fixtures/import/real');
const posts = [
  'readability/lwn-1.html',
  'readability/google-sre-book-1.html',
  'readability/v8-blog.html',
  'readability/firefox-nightly-blog.html',
  'readability/mathjax.html',
  'defuddle/general--www.figma.com-blog-introducing-codex-to-figma.html',
  'hugoblox/dev-portfolio/building-rest-api.md',
].map((post) => path.join(real, post));

describe('a book of imported posts passes epubcheck, Ace, vnu and axe-core', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let dir: string;
  let buildOutput: string;
  before(async () => {
    project = await emptyProject();
    dir = path.join(project.dir, 'book');
    const created = await runCli(['new', dir], project.dir);
    assert.equal(created.code, 0, created.stderr);
    for (const post of posts) {
      const result = await runCli(['import', post], dir);
      assert.equal(result.code, 0, result.stderr);
    }
    const result = await runCli(['build', '--format', 'html,epub'], dir);
    assert.equal(result.code, 0, result.stderr);
    buildOutput = result.stdout + result.stderr;
  });
  after(() => project?.dispose());

  it('says which links it printed as words', () => {
    assert.match(buildOutput, /link to “\/Articles\/407383\/” is relative to the site the text came from/);
    assert.match(buildOutput, /link to “#table_monitoring_symptoms” goes to a place on its page that no heading of the chapter names/);
    assert.match(buildOutput, /link to “http:\/\/www\.\\\*\.com” is not a valid address/);
  });

  it('the EPUB passes epubcheck with no errors and no warnings', async () => {
    const result = await epubcheck(path.join(dir, 'build', 'book.epub'));
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], result.output);
  });

  it('Ace by DAISY finds nothing serious, and no heading out of order', async () => {
    const violations = await aceViolations(path.join(dir, 'build', 'book.epub'), path.join(project.dir, 'ace-report'));
    assert.deepEqual(
      violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical' || violation.rule === 'heading-order'),
      [],
    );
  });

  it('the site passes vnu, and axe-core in Chromium finds nothing serious on its pages', async () => {
    assert.deepEqual(await vnuErrors(path.join(dir, 'build', 'html')), []);
    const browser = await launchTestChromium();
    try {
      const page = await browser.newPage();
      for (const name of (await readdir(path.join(dir, 'build/html'))).filter((file) => file.endsWith('.html'))) {
        await page.goto(pathToFileURL(path.join(dir, 'build/html', name)).href);
        assert.deepEqual(await axeSeriousViolations(page), [], `axe-core on ${name}`);
      }
    } finally {
      await browser.close();
    }
  });
});
