import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';
import { serveFolder } from '../helpers/serve.ts';
import { launchTestChromium } from '../helpers/tools.ts';

/** A real post (the Rust blog's, MIT/Apache-2.0: tests/fixtures/import/real/PROVENANCE.md) in a book whose language is German. */
const post = path.join(repoRoot, 'tests/fixtures/import/real/rust-blog/async-fn-rpit-in-traits.md');

describe('a German book’s site, in a browser', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let dir: string;
  let browser: Browser | undefined;
  let stderr = '';
  before(async () => {
    project = await emptyProject();
    dir = path.join(project.dir, 'book');
    assert.equal((await runCli(['new', dir], project.dir)).code, 0);
    const config = path.join(dir, 'anthology.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^language: .*$/m, 'language: de'));
    assert.equal((await runCli(['import', post], dir)).code, 0);
    const built = await runCli(['build', '--format', 'html'], dir);
    assert.equal(built.code, 0, built.stderr);
    stderr = built.stderr;
  });
  after(async () => {
    await browser?.close();
    await project?.dispose();
  });

  it('says once which interface words are still English', () => {
    assert.equal(stderr.match(/interface-words-missing/g)?.length, 1, stderr);
  });

  it('reports a search’s results in German, with the language’s plural form', async () => {
    const server = await serveFolder(path.join(dir, 'build/html'));
    try {
      browser = await launchTestChromium();
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}search.html?q=trait`);
      await page.getByRole('status').filter({ hasText: 'gefunden' }).waitFor();
      assert.equal(await page.getByRole('status').textContent(), 'Ein Dokument gefunden');
      await page.goto(`${server.url}search.html?q=Walfisch`);
      await page.getByRole('status').filter({ hasText: 'gefunden' }).waitFor();
      assert.equal(await page.getByRole('status').textContent(), 'Es wurden keine Ergebnisse gefunden');
      assert.equal(await page.getByRole('link', { name: 'Inhaltsverzeichnis' }).count(), 1);
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });
});
