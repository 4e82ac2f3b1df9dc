/**
 * `anthology preview` as a user runs it: the real CLI on a copy of the default book, a real
 * Chromium. It serves the site and nothing else, reloads an open page when a chapter is saved
 * (the time from the save to the reloaded page is printed: issue 14's target is 300 ms), draws a
 * broken file's diagnostics over the page and recovers on the next good save, shows the print
 * document paginated by Paged.js, refuses a port in use and stops cleanly on Ctrl-C.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { copyDefaultProject, repoRoot, runCli } from '../helpers/project.ts';
import { launchTestChromium } from '../helpers/tools.ts';

const chapterPath = 'chapters/the-sco-turns-twenty.md';
const chapterPage = 'the-sco-turns-twenty.html';

interface RunningPreview {
  child: ChildProcess;
  origin: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `anthology preview --port 0` and waits for the line with its address. */
async function startPreview(dir: string, args: readonly string[] = ['--port', '0']): Promise<RunningPreview> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/anthology.js'), 'preview', ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /preview {2}(http:\/\/[^/\s]+)\//.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`preview exited (${code}) before serving:\n${output}`)));
  });
  return { child, origin, output: () => output, exited };
}

/** Writes `text` into the chapter's first body paragraph (after the front matter). */
function withSentence(markdown: string, text: string): string {
  const end = markdown.indexOf('\n---\n', 4) + 5;
  return `${markdown.slice(0, end)}\n${text}\n${markdown.slice(end)}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describe('anthology preview', { timeout: 600_000 }, () => {
  let project: Awaited<ReturnType<typeof copyDefaultProject>>;
  let preview: RunningPreview;
  let browser: Browser;
  let original: string;
  const cspViolations: string[] = [];
  const offsiteRequests: string[] = [];

  before(async () => {
    project = await copyDefaultProject();
    original = await readFile(path.join(project.dir, chapterPath), 'utf8');
    preview = await startPreview(project.dir);
    browser = await launchTestChromium();
  });

  after(async () => {
    await browser?.close();
    if (preview && preview.child.exitCode === null) {
      preview.child.kill('SIGINT');
      await preview.exited;
    }
    await project?.dispose();
  });

  async function open(address: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(preview.origin) && !request.url().startsWith('data:')) offsiteRequests.push(request.url());
    });
    await page.goto(`${preview.origin}/${address}`, { waitUntil: 'load' });
    return page;
  }

  it('serves the rendered site from memory with the reload script, and nothing else', async () => {
    const home = await fetch(`${preview.origin}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await home.text();
    assert.match(html, /<title>The Shanghai Cooperation Organization<\/title>/);
    assert.match(html, /<script src="\/__preview\/client\.js" defer><\/script><\/head>/);
    const chapter = await fetch(`${preview.origin}/${chapterPage}`);
    assert.equal(chapter.status, 200);
    assert.match(await chapter.text(), /The SCO Turns Twenty/);
    assert.equal((await fetch(`${preview.origin}/style.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
    // Nothing of the project is reachable: not its sources, not through .. however spelled.
    const yaml = await readFile(path.join(project.dir, 'anthology.yaml'), 'utf8');
    for (const address of [
      '/anthology.yaml',
      `/${chapterPath}`,
      '/../anthology.yaml',
      '/%2e%2e/anthology.yaml',
      '/..%2fanthology.yaml',
      '/fonts/..%5c..%5canthology.yaml',
      '/fonts/../../anthology.yaml',
    ]) {
      const response = await rawGet(preview.origin, address);
      assert.ok(response.status === 400 || response.status === 404, `${address}: ${response.status}`);
      assert.ok(!response.body.includes(yaml.slice(0, 40)), `${address} must not serve anthology.yaml`);
    }
    // A page elsewhere cannot read the book through DNS rebinding: only loopback names are answered.
    assert.equal((await rawGet(preview.origin, '/', 'attacker.example')).status, 403);
    assert.equal((await fetch(`${preview.origin}/`, { method: 'POST' })).status, 405);
  });

  it('reloads an open page when its chapter is saved (save → reloaded page timed)', async () => {
    const page = await open(chapterPage);
    const timings: number[] = [];
    const outputBefore = preview.output().length;
    for (let round = 1; round <= 5; round++) {
      const marker = `Preview round ${round} ${Date.now()}.`;
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      const saved = performance.now();
      await writeFile(path.join(project.dir, chapterPath), withSentence(original, marker));
      await reloaded;
      const load = performance.now() - saved;
      assert.match((await page.textContent('main')) ?? '', new RegExp(marker.replace(/\./g, '\\.')));
      timings.push(load);
    }
    const loads = timings.map((timing) => Math.round(timing));
    const rebuilds = [
      ...preview
        .output()
        .slice(outputBefore)
        .matchAll(/rebuilt in (\d+) ms/g),
    ].map((match) => Number(match[1]));
    console.log(`preview: rebuild in the server ${rebuilds.join(', ')} ms; median ${median(rebuilds)} ms`);
    console.log(`preview: save → reloaded page (load event) ${loads.join(', ')} ms; median ${median(loads)} ms (target < 300 ms)`);
    // The other chapters' pages did not change, so a page open on one is left alone.
    await writeFile(path.join(project.dir, chapterPath), original);
    await page.waitForEvent('load', { timeout: 60_000 });
    await page.close();
  });

  it('shows a broken file’s diagnostics over the page, keeps serving, and recovers on the next good save', async () => {
    const page = await open(chapterPage);
    // Front matter that is not YAML.
    const broken = original.replace('title: The SCO Turns Twenty', 'title: [The SCO Turns Twenty');
    await writeFile(path.join(project.dir, chapterPath), broken);
    const overlay = page.locator('#anthology-preview-problems');
    // writeFile empties the file before it writes it: the watcher may first see it empty (a chapter
    // without front matter, rightly shown) and then whole, so wait for the page to show the latter.
    await page.waitForFunction(
      () => /yaml-syntax|front-matter-invalid/.test(document.getElementById('anthology-preview-problems')?.textContent ?? ''),
      undefined,
      {
        timeout: 60_000,
      },
    );
    const shown = (await overlay.textContent()) ?? '';
    assert.match(shown, new RegExp(`${chapterPath.replace(/[./]/g, '\\$&')}:\\d+:\\d+`));
    assert.match(shown, /yaml-syntax|front-matter-invalid/);
    // The last good site is still served.
    assert.equal((await fetch(`${preview.origin}/${chapterPage}`)).status, 200);
    // A page opened now shows the problems at once.
    const late = await open('index.html');
    await late.locator('#anthology-preview-problems').waitFor({ timeout: 30_000 });

    // An unresolved citation key is an error too.
    await writeFile(path.join(project.dir, chapterPath), withSentence(original, 'As argued [@no-such-key-anywhere].'));
    await page.waitForFunction(() => document.getElementById('anthology-preview-problems')?.textContent?.includes('cite-unresolved'), undefined, {
      timeout: 60_000,
    });

    // Fixed: the overlay goes, the page reloads with the new text.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await writeFile(path.join(project.dir, chapterPath), withSentence(original, 'Recovered after the broken save.'));
    await reloaded;
    assert.match((await page.textContent('main')) ?? '', /Recovered after the broken save\./);
    assert.equal(await page.locator('#anthology-preview-problems').count(), 0);
    await late.waitForFunction(() => !document.getElementById('anthology-preview-problems'), undefined, { timeout: 30_000 });

    // anthology.yaml that is not YAML: the same, on the configuration's line.
    const config = await readFile(path.join(project.dir, 'anthology.yaml'), 'utf8');
    await writeFile(path.join(project.dir, 'anthology.yaml'), config.replace(/^title: /m, 'title: : ['));
    await page.locator('#anthology-preview-problems').waitFor({ timeout: 60_000 });
    assert.match((await page.locator('#anthology-preview-problems').textContent()) ?? '', /anthology\.yaml:\d+:\d+/);
    await writeFile(path.join(project.dir, 'anthology.yaml'), config);
    await page.waitForFunction(() => !document.getElementById('anthology-preview-problems'), undefined, { timeout: 60_000 });
    assert.equal(preview.child.exitCode, null, 'the server is still running');
    await writeFile(path.join(project.dir, chapterPath), original);
    await page.close();
    await late.close();
  });

  it('searches the book: the index (pagefind/bundles.json and its shards) made when first asked for, under the preview’s policy', async () => {
    const page = await open('search.html?q=Bishkek');
    await page.getByRole('status').filter({ hasText: 'mention' }).waitFor({ timeout: 60_000 });
    const found = await page.locator('#search-results li a').count();
    assert.ok(found >= 1, `${found} results`);
    assert.match((await page.locator('#search-results mark').first().textContent()) ?? '', /Bishkek/i);
    await page.close();
    assert.deepEqual(offsiteRequests, []);
    assert.deepEqual(cspViolations, []);
  });

  it('shows the print document paginated by Paged.js, from local files only', async () => {
    const page = await open('__preview/print.html');
    await page.waitForSelector('.pagedjs_page', { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelectorAll('.pagedjs_page').length > 20, undefined, { timeout: 300_000 });
    const faceLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Source Serif 4"');
    });
    assert.ok(faceLoaded, 'the book’s face, served with the site, is loaded');
    await page.close();
    assert.deepEqual(offsiteRequests, []);
    assert.deepEqual(cspViolations, []);
  });

  it('refuses a port already in use with a sentence and exit 1', async () => {
    const port = new URL(preview.origin).port;
    const result = await runCli(['preview', '--port', port], project.dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`127\\.0\\.0\\.1:${port}\\n\\s*error\\s+port ${port} is already in use.*preview-cannot-listen`));
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('stops cleanly on Ctrl-C', async () => {
    preview.child.kill('SIGINT');
    assert.equal(await preview.exited, 0, preview.output());
    assert.match(preview.output(), /preview stopped/);
  });
});

/** A GET with the path sent exactly as written (fetch would resolve the dots) and the Host header given. */
async function rawGet(origin: string, address: string, host?: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const call = request({ host: url.hostname, port: url.port, path: address, method: 'GET', headers: host ? { host } : {} }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    call.on('error', reject);
    call.end();
  });
}
