import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { changeChapter, type ScaledBook, writeScaledBook } from '../../bench/build-book.ts';
import { startSearchIndexer } from '../../src/adapters/pagefind.ts';
import { searchShards } from '../../src/pipeline/search-index.ts';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';
import { serveFolder } from '../helpers/serve.ts';
import { launchTestChromium } from '../helpers/tools.ts';

/**
 * The search index of a larger book comes in shards (`pipeline/search-index.ts`): the search page
 * merges them, so a word is found in every chapter that has it, whichever shard it is in; a
 * rebuild after one chapter changed re-indexes that chapter's shard only, and still equals a cold
 * build byte for byte. The book: the benchmark's, 80 chapters made from the default book's.
 */

const build = ['build', '--format', 'html'];

async function bundles(dir: string): Promise<string[]> {
  return JSON.parse(await readFile(path.join(dir, 'html/pagefind/bundles.json'), 'utf8')) as string[];
}

/** Every file of a shard's index, by its path in the shard's folder. */
async function shardFiles(dir: string, folder: string): Promise<Map<string, Buffer>> {
  const root = path.join(dir, 'html/pagefind', folder);
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(root, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('search over a book of 80 chapters', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let book: ScaledBook;
  let browser: Browser | undefined;
  before(async () => {
    project = await emptyProject();
    book = await writeScaledBook(project.dir, repoRoot, 80);
    const first = await runCli(build, project.dir);
    assert.equal(first.code, 0, first.stderr);
  });
  after(async () => {
    await browser?.close();
    await project.dispose();
  });

  it('finds a word in every chapter that has it, across the shards of the index', async () => {
    const out = path.join(project.dir, 'build');
    const folders = await bundles(out);
    assert.ok(folders.length >= 2, `the index is in shards: ${folders.join(' ')}`);
    // The chapters whose text (the part Pagefind indexes) has the word.
    const expected: string[] = [];
    for (const name of (await readdir(path.join(out, 'html'))).sort()) {
      if (!name.endsWith('.html')) continue;
      const main = /<main\b[^>]*data-pagefind-body[^>]*>([\s\S]*)<\/main>/.exec(await readFile(path.join(out, 'html', name), 'utf8'));
      if (main && /\bHuawei\b/i.test(main[1] ?? '')) expected.push(name);
    }
    assert.ok(expected.length >= 5, `the word is in several copies of its chapter: ${expected.join(' ')}`);

    const server = await serveFolder(path.join(out, 'html'));
    try {
      browser = await launchTestChromium();
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}search.html?q=Huawei`);
      await page.getByRole('status').filter({ hasText: 'mention' }).waitFor();
      const found = await page
        .locator('#search-results li a')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname.slice(1)));
      assert.deepEqual(found.sort(), expected);
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });

  it('after one chapter changed, re-indexes its shard only, and equals a cold build', async () => {
    const out = path.join(project.dir, 'build');
    const before = await bundles(out);
    const kept = new Map(await Promise.all(before.map(async (folder) => [folder, await shardFiles(out, folder)] as const)));
    await changeChapter(project.dir, book.changeable);
    const [warm, cold] = await Promise.all([runCli(build, project.dir), runCli([...build, '--no-cache', '--out', 'cold'], project.dir)]);
    assert.equal(warm.code, 0, warm.stderr);
    assert.equal(cold.code, 0, cold.stderr);

    const now = await bundles(out);
    assert.equal(now.length, before.length);
    const changed = now.filter((folder) => !before.includes(folder));
    assert.equal(changed.length, 1, `one shard is new: ${changed.join(' ')}`);
    for (const folder of now.filter((folder) => before.includes(folder)))
      assert.deepEqual(await shardFiles(out, folder), kept.get(folder), `${folder} is as it was`);

    assert.deepEqual(await bundles(path.join(project.dir, 'cold')), now);
    for (const folder of now)
      assert.deepEqual(
        await shardFiles(path.join(project.dir, 'cold'), folder),
        await shardFiles(out, folder),
        `${folder}: the warm build differs from the cold one`,
      );
  });

  it('makes the same index in a worker thread (a large site) as in the main thread (a rebuild)', async () => {
    const site = path.join(project.dir, 'build/html');
    const pages = (await readdir(site)).filter((name) => name.endsWith('.html'));
    const shards = searchShards(pages.sort().map((name) => ({ name }))).map((shard) => shard.map((page) => page.name));
    assert.ok(shards.length >= 2 && pages.length > 60, `${pages.length} pages in ${shards.length} shards`);
    const request = { language: 'en-GB', shards, folder: site };
    // Both at once: the main thread's Pagefind service is never the worker's.
    const [inWorker, inProcess] = await Promise.all([
      startSearchIndexer({ pagesInProcess: 0 }).index(request),
      startSearchIndexer({ pagesInProcess: pages.length }).index(request),
    ]);
    // Each file by its name and bytes (the worker's come as Uint8Array, the main thread's as Buffer).
    const listed = (index: typeof inWorker) => index.map((files) => [...files].map(([name, bytes]) => `${name} ${Buffer.from(bytes).toString('base64')}`));
    assert.equal(inWorker.length, shards.length);
    assert.ok(listed(inWorker).join() === listed(inProcess).join(), 'the same files, byte for byte');
    assert.ok(
      inWorker.every((files) => [...files.keys()].some((name) => name.endsWith('.pf_meta'))),
      'each shard has its index',
    );
  });
});
