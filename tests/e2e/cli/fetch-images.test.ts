/**
 * `anthology import --fetch-images`: pictures on the web are downloaded into the book, from a
 * server in this test (so `--fetch-local`), and reach the built site; what cannot be fetched is a
 * warning at the figure saying why; without `--fetch-local` this machine is refused.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyProject, repoRoot, runCli } from '../../helpers/project.ts';

const pictures = path.join(repoRoot, 'tests/books/images/chapters/images');

describe('anthology import --fetch-images', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  before(async () => {
    const png = await readFile(path.join(pictures, 'charts/five-bars.png'));
    const jpg = await readFile(path.join(pictures, 'harbour/harbour-at-dusk.jpg'));
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      // WordPress's full-size original; its sized copy, bars-300x200.png, is what the posts show.
      if (request.url === '/wp-content/uploads/2020/01/bars.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      // A sized copy whose original is not there (404): the copy is fetched instead.
      if (request.url === '/wp-content/uploads/2020/02/only-300x200.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (request.url === '/p/harbour') return void response.writeHead(301, { location: '/media/harbour-at-dusk.jpeg' }).end();
      if (request.url === '/media/harbour-at-dusk.jpeg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpg);
      // Larger copies a post links its pictures to (no platform's naming); the shown thumbnails are there too.
      if (request.url === '/full/harbour-big.jpg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpg);
      if (request.url?.startsWith('/thumbs/')) return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (request.url === '/full/not-a-picture.png') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<p>login</p>');
      response.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const post = () => `---
title: Pictures from the Web
author: Jane Roe
date: 2020-01-02
---

A chart.

![Five bars](${base}/wp-content/uploads/2020/01/bars-300x200.png?resize=300%2C200)

A harbour.

![The harbour at dusk](${base}/p/harbour)

A picture that is gone.

![Gone](${base}/gone.png)

A sized copy alone.

![Only a copy](${base}/wp-content/uploads/2020/02/only-300x200.png)
`;
  const page = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A Page With a Picture</title>
<meta name="author" content="Jane Roe"></head><body><article><h1>A Page With a Picture</h1>
<p>The same chart again, linked to a larger copy.</p>
<figure><a href="${base}/wp-content/uploads/2020/01/bars.png"><img src="${base}/wp-content/uploads/2020/01/bars-300x200.png" alt="Five bars"></a><figcaption>Bars.</figcaption></figure>
<p>That is all.</p></article></body></html>
`;

  it('downloads the pictures, points the figures at them, and the site carries them', async () => {
    const project = await emptyProject();
    try {
      assert.equal((await runCli(['new', '.'], project.dir)).code, 0);
      await writeFile(path.join(project.dir, 'post.md'), post());
      await writeFile(path.join(project.dir, 'page.html'), page());
      const imported = await runCli(['import', '--fetch-images', '--fetch-local', '--no-cite', 'post.md', 'page.html'], project.dir);
      const output = `${imported.stdout}${imported.stderr}`;
      assert.equal(imported.code, 0, output);
      assert.match(output, /4 images fetched from the web into chapters\/images\//);
      assert.match(output, /1 remote image not fetched/);
      assert.match(
        output,
        /post\.md\s*\n\s*17:1\s+warning the image http:\/\/127\.0\.0\.1:\d+\/gone\.png could not be fetched \(the server answered 404 Not Found\).*import-image-fetch-failed/,
      );
      assert.doesNotMatch(output, /import-remote-image/, 'a fetched picture is no longer reported as not fetched');
      const chapter = await readFile(path.join(project.dir, 'chapters/pictures-from-the-web.md'), 'utf8');
      assert.match(
        chapter,
        /::figure\{src="images\/pictures-from-the-web\/bars\.png" remote="http:\/\/127\.0\.0\.1:\d+\/wp-content\/uploads\/2020\/01\/bars-300x200\.png\?resize=300%2C200" alt="Five bars"\}/,
      );
      assert.match(
        chapter,
        /::figure\{src="images\/pictures-from-the-web\/harbour-at-dusk\.jpg" remote="http:\/\/127\.0\.0\.1:\d+\/p\/harbour"/,
        'named after where the redirect led',
      );
      assert.match(chapter, /::figure\{remote="http:\/\/127\.0\.0\.1:\d+\/gone\.png" alt="Gone"\}/, 'what failed stays as it was');
      assert.deepEqual(await readdir(path.join(project.dir, 'chapters/images/pictures-from-the-web')), ['bars.png', 'harbour-at-dusk.jpg', 'only-300x200.png']);
      assert.deepEqual(await readdir(path.join(project.dir, 'chapters/images/a-page-with-a-picture')), ['bars.png']);
      assert.equal(requests.filter((url) => url === '/p/harbour').length, 1, 'one download for an address, however many figures show it');
      assert.equal(
        requests.filter((url) => url.startsWith('/wp-content/uploads/2020/01/bars-300x200.png')).length,
        0,
        'the original was there: its sized copy was not needed',
      );

      const built = await runCli(['build', '--format', 'html'], project.dir);
      assert.equal(built.code, 0, `${built.stdout}${built.stderr}`);
      const html = await readFile(path.join(project.dir, 'build/html/pictures-from-the-web.html'), 'utf8');
      assert.match(html, /<img src="images\/bars-[0-9a-f]{8}\.png"/);
      assert.match(html, /<img src="images\/harbour-at-dusk-[0-9a-f]{8}\.jpg"/);
    } finally {
      await project.dispose();
    }
  });

  it('fetches the larger copy a post links a picture to, else the picture shown', async () => {
    const project = await emptyProject();
    try {
      assert.equal((await runCli(['new', '.'], project.dir)).code, 0);
      await writeFile(
        path.join(project.dir, 'linked.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Linked Pictures</title><meta name="author" content="Jane Roe"></head><body><article><h1>Linked Pictures</h1>
<p>A harbour, its thumbnail linked to the full picture.</p>
<figure><a href="${base}/full/harbour-big.jpg"><img src="${base}/thumbs/harbour-small.png" alt="Harbour"></a><figcaption>The harbour.</figcaption></figure>
<p>A thumbnail whose link leads to a login page, not a picture.</p>
<figure><a href="${base}/full/not-a-picture.png"><img src="${base}/thumbs/boats.png" alt="Boats"></a><figcaption>Boats.</figcaption></figure>
</article></body></html>
`,
      );
      await writeFile(
        path.join(project.dir, 'linked.md'),
        `---\ntitle: Linked in Markdown\nauthor: Jane Roe\n---\n\nA harbour.\n\n[![Harbour](${base}/thumbs/md-small.png)](${base}/full/harbour-big.jpg)\n`,
      );
      requests.length = 0;
      const imported = await runCli(['import', '--fetch-images', '--fetch-local', '--no-cite', 'linked.html', 'linked.md'], project.dir);
      assert.equal(imported.code, 0, `${imported.stdout}${imported.stderr}`);
      assert.deepEqual(await readdir(path.join(project.dir, 'chapters/images/linked-pictures')), ['boats.png', 'harbour-big.jpg']);
      assert.deepEqual(await readdir(path.join(project.dir, 'chapters/images/linked-in-markdown')), ['harbour-big.jpg']);
      assert.ok(!requests.includes('/thumbs/harbour-small.png'), 'the larger copy was there: the thumbnail was not needed');
      assert.ok(requests.includes('/thumbs/boats.png'), 'a link that is no picture: the thumbnail is fetched');
      const chapter = await readFile(path.join(project.dir, 'chapters/linked-pictures.md'), 'utf8');
      assert.match(
        chapter,
        /::figure\[The harbour\.\]\{src="images\/linked-pictures\/harbour-big\.jpg" remote="http:\/\/127\.0\.0\.1:\d+\/thumbs\/harbour-small\.png"/,
      );
      assert.doesNotMatch(chapter, /largerCopy/);
    } finally {
      await project.dispose();
    }
  });

  it('refuses this machine without --fetch-local, and --fetch-local alone is a usage error', async () => {
    const project = await emptyProject();
    try {
      await writeFile(path.join(project.dir, 'post.md'), post());
      const before = requests.length;
      const imported = await runCli(['import', '--fetch-images', '--no-cite', 'post.md'], project.dir);
      const output = `${imported.stdout}${imported.stderr}`;
      assert.equal(imported.code, 0, output);
      assert.match(output, /could not be fetched \(127\.0\.0\.1 is on this machine or a private network; --fetch-local allows it\)/);
      assert.match(output, /4 remote images not fetched/);
      assert.equal(requests.length, before, 'no request reached the server');
      const alone = await runCli(['import', '--fetch-local', 'post.md'], project.dir);
      assert.equal(alone.code, 2);
      assert.match(alone.stderr, /--fetch-local goes with --fetch-images/);
    } finally {
      await project.dispose();
    }
  });
});
