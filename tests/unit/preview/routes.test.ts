import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateKeys, contentTypeOf, hostAllowed, routeOf, siteKeyOf } from '../../../src/preview/routes.ts';

describe('preview routes', () => {
  it('maps addresses to site keys, a folder to its index.html', () => {
    assert.equal(siteKeyOf('/'), 'index.html');
    assert.equal(siteKeyOf('/the-sco-turns-twenty.html?x=1#n1'), 'the-sco-turns-twenty.html');
    assert.equal(siteKeyOf('/fonts/source-serif-4-latin-400-normal.woff2'), 'fonts/source-serif-4-latin-400-normal.woff2');
    assert.equal(siteKeyOf('/pagefind/'), 'pagefind/index.html');
    assert.equal(siteKeyOf('/images/caf%C3%A9.jpg'), 'images/café.jpg');
  });

  it('refuses every spelling of a path that leaves the site', () => {
    for (const address of [
      '/../anthology.yaml',
      '/fonts/../../anthology.yaml',
      '/%2e%2e/anthology.yaml',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/..%2fanthology.yaml',
      '/fonts%2f..%2f..%2fanthology.yaml',
      '/..%5canthology.yaml',
      '/fonts\\..\\anthology.yaml',
      '/./index.html',
      '//etc/passwd',
      '/a//b.html',
      '/index.html%00.css',
      '/%E0%A4%A',
      'index.html',
      'http://elsewhere.example/index.html',
    ]) {
      assert.equal(siteKeyOf(address), undefined, address);
      assert.equal(routeOf('GET', address).kind, 'bad-request', address);
    }
  });

  it('routes the preview’s own files, GET and HEAD only', () => {
    assert.deepEqual(routeOf('GET', '/__preview/print.html'), { kind: 'print' });
    assert.deepEqual(routeOf('HEAD', '/__preview/client.js'), { kind: 'client' });
    assert.deepEqual(routeOf('GET', '/__preview/events'), { kind: 'events' });
    assert.deepEqual(routeOf('GET', '/__preview/paged.polyfill.js'), { kind: 'pagedjs' });
    // Under the print page's folder, the site's files: its fonts and pictures.
    assert.deepEqual(routeOf('GET', '/__preview/fonts/a.woff2'), { kind: 'site', key: 'fonts/a.woff2' });
    assert.deepEqual(routeOf('GET', '/__preview/../anthology.yaml'), { kind: 'bad-request' });
    assert.deepEqual(routeOf('POST', '/'), { kind: 'method-not-allowed' });
  });

  it('tries a page’s address without .html as static hosts do', () => {
    assert.deepEqual(candidateKeys('about'), ['about', 'about.html', 'about/index.html']);
    assert.deepEqual(candidateKeys('style.css'), ['style.css']);
  });

  it('answers only loopback names on the loopback address (DNS rebinding), any with --host', () => {
    for (const host of ['localhost:4300', '127.0.0.1:4300', '127.0.0.1', '[::1]:4300', 'LOCALHOST:1', '127.1.2.3:80']) assert.ok(hostAllowed(host, true), host);
    for (const host of [undefined, '', 'attacker.example', 'attacker.example:4300', 'localhost.attacker.example', '127.0.0.1.nip.io:4300'])
      assert.ok(!hostAllowed(host, true), String(host));
    assert.ok(hostAllowed('book.lan:4300', false));
  });

  it('names content types, Pagefind’s chunks as bytes', () => {
    assert.equal(contentTypeOf('index.html'), 'text/html; charset=utf-8');
    assert.equal(contentTypeOf('fonts/a.woff2'), 'font/woff2');
    assert.equal(contentTypeOf('pagefind/wasm.en.pagefind'), 'application/octet-stream');
    assert.equal(contentTypeOf('pagefind/pagefind.js'), 'text/javascript; charset=utf-8');
  });
});
