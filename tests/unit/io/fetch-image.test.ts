import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fullSizeAddress } from '../../../src/import/images.ts';
import { fetchImage, imageFormat, isLocalAddress } from '../../../src/io/fetch-image.ts';
import { repoRoot } from '../../helpers/project.ts';

const pictures = path.join(repoRoot, 'tests/books/images/chapters/images');
const userAgent = 'anthology-test';

describe('isLocalAddress', () => {
  it('names this machine, private, link-local, shared and multicast addresses, IPv4 and IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      // IPv6 forms carrying an IPv4 address: mapped, compatible, NAT64, 6to4; and the old site-local.
      '::ffff:7f00:1',
      '::7f00:1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b:1::a00:1',
      '2002:7f00:1::',
      'fec0::1',
    ])
      assert.equal(isLocalAddress(address), true, address);
  });
  it('leaves public addresses and names alone', () => {
    for (const address of [
      '93.184.216.34',
      '172.32.0.1',
      '8.8.8.8',
      '2606:2800:220:1:248:1893:25c8:1946',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
      'example.org',
    ])
      assert.equal(isLocalAddress(address), false, address);
  });
});

describe('imageFormat', () => {
  it('reads the format from the first bytes, not the name or the server', async () => {
    assert.equal(imageFormat(await readFile(path.join(pictures, 'charts/five-bars.png'))), 'png');
    assert.equal(imageFormat(await readFile(path.join(pictures, 'charts/badge.gif'))), 'gif');
    assert.equal(imageFormat(await readFile(path.join(pictures, 'harbour/harbour-at-dusk.jpg'))), 'jpeg');
    assert.equal(imageFormat(await readFile(path.join(pictures, 'harbour/contours.webp'))), 'webp');
    assert.equal(imageFormat(new TextEncoder().encode('<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')), 'svg');
    assert.equal(imageFormat(new TextEncoder().encode('<!doctype html><html><body>Sign in</body></html>')), undefined);
    assert.equal(imageFormat(new Uint8Array()), undefined);
  });
});

describe('fetchImage', () => {
  let server: http.Server;
  let base: string;
  let png: Buffer;
  before(async () => {
    png = await readFile(path.join(pictures, 'charts/five-bars.png'));
    server = http.createServer((request, response) => {
      const url = request.url ?? '';
      if (url === '/bars.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (url === '/moved') return void response.writeHead(302, { location: '/bars.png' }).end();
      if (url.startsWith('/loop')) return void response.writeHead(302, { location: `/loop${url.length}` }).end();
      if (url === '/login.jpg') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
      if (url === '/file') return void response.writeHead(302, { location: 'file:///etc/passwd' }).end();
      if (url === '/broken') return void response.writeHead(302, { location: 'http://[zz/' }).end();
      if (url === '/slow.png') return void response.writeHead(200, { 'content-type': 'image/png' }).write(png.subarray(0, 10));
      if (url === '/agent') return void response.writeHead(request.headers['user-agent'] === userAgent ? 200 : 403).end(png);
      response.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const local = { allowLocal: true, userAgent };

  it('refuses this machine unless the editor allows it, before any connection', async () => {
    const refused = await fetchImage(`${base}/bars.png`, { allowLocal: false, userAgent });
    assert.ok('problem' in refused);
    assert.match(refused.problem, /127\.0\.0\.1 is on this machine or a private network; --fetch-local allows it/);
    const byName = await fetchImage(`${base.replace('127.0.0.1', 'localhost')}/bars.png`, { allowLocal: false, userAgent });
    assert.ok('problem' in byName);
    assert.match(byName.problem, /localhost is on this machine or a private network/);
  });

  it('downloads a picture, following redirects, and says where it ended', async () => {
    const direct = await fetchImage(`${base}/bars.png`, local);
    assert.ok('bytes' in direct);
    assert.deepEqual(Buffer.from(direct.bytes), png);
    assert.equal(direct.format, 'png');
    const moved = await fetchImage(`${base}/moved`, local);
    assert.ok('bytes' in moved);
    assert.equal(moved.url, `${base}/bars.png`);
    assert.ok('bytes' in (await fetchImage(`${base}/agent`, local)), 'it says who it is');
  });

  it('says why a download failed: status, not a picture, too many redirects, another scheme, too large, too slow', async () => {
    const problem = async (url: string, options = {}) => {
      const result = await fetchImage(url, { ...local, ...options });
      assert.ok('problem' in result, url);
      return result.problem;
    };
    assert.equal(await problem(`${base}/gone.png`), 'the server answered 404 Not Found');
    assert.equal(await problem(`${base}/login.jpg`), 'not a picture: the server sent text/html');
    assert.equal(await problem(`${base}/loop`), 'more than 5 redirects');
    assert.equal(await problem(`${base}/file`), 'not an http or https address (file:)');
    assert.equal(await problem(`${base}/broken`), 'the server redirected to an address that is not one (http://[zz/)');
    assert.equal(await problem('__GHOST_URL__/content/images/a.jpg'), 'not a web address');
    assert.match(await problem(`${base}/bars.png`, { maxBytes: 100 }), /^larger than 0 MB/);
    assert.equal(await problem(`${base}/slow.png`, { timeoutMs: 300 }), 'the download took too long');
  });
});

describe('fullSizeAddress', () => {
  it('names the platform’s full-size original beside the copy a post shows (addresses from the saved pages and Ghost export in the tests)', () => {
    // spontis.de (trafilatura's test page), a Substack page (defuddle's), the Ghost export fixture.
    assert.equal(
      fullSizeAddress('https://www.spontis.de/wp/wp-content/uploads/2019/12/Sylvester2020-696x365.jpg'),
      'https://www.spontis.de/wp/wp-content/uploads/2019/12/Sylvester2020.jpg',
    );
    assert.equal(fullSizeAddress('https://example.com/wp-content/uploads/2020/01/a-scaled.jpg?w=300'), 'https://example.com/wp-content/uploads/2020/01/a.jpg');
    assert.equal(
      fullSizeAddress('https://wpthemetestdata.files.wordpress.com/2013/03/image-alignment-300x200.jpg'),
      'https://wpthemetestdata.files.wordpress.com/2013/03/image-alignment.jpg',
    );
    assert.equal(
      fullSizeAddress('https://northwind.example.net/content/images/size/w600/2022/08/mine-entrance.jpg'),
      'https://northwind.example.net/content/images/2022/08/mine-entrance.jpg',
    );
    assert.equal(
      fullSizeAddress(
        'https://substackcdn.com/image/fetch/$s_!Hs9y!,w_1200,h_675,c_fill,f_jpg,q_auto:good,fl_progressive:steep,g_auto/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2Fffb5afd7.jpeg',
      ),
      'https://substack-post-media.s3.amazonaws.com/public/images/ffb5afd7.jpeg',
    );
    for (const shown of ['https://example.com/wp-content/uploads/2020/01/a.jpg', 'https://example.com/x-300x200.jpg', 'not an address'])
      assert.equal(fullSizeAddress(shown), undefined, shown);
  });
});
