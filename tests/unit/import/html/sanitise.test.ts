import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { sanitiseHast } from '../../../../src/import/html/sanitise.ts';
import { messagesOf, readFixture } from './helpers.ts';

function sanitised(html: string, options: { fragment?: boolean } = {}) {
  const file = new VFile({ path: 'page.html', value: html });
  const tree = fromHtml(html, { fragment: options.fragment ?? false });
  const result = sanitiseHast(tree, file);
  return { file, tree, result, html: toHtml(tree) };
}

function allProperties(tree: Root): [string, unknown][] {
  return selectAll('*', tree).flatMap((element: Element) => Object.entries(element.properties));
}

describe('sanitiseHast', () => {
  const page = sanitised(readFixture('unsafe.html'));

  it('removes scripts, styles, frames, plugins and forms with their content', () => {
    assert.deepEqual(selectAll('script, style, iframe, object, embed, form, input, button', page.tree), []);
    for (const text of ['dataLayer', 'Injected by a script', 'tracker.example/beacon', 'color: orange', 'Get the diary by email']) {
      assert.ok(!page.html.includes(text), `“${text}” is gone`);
    }
  });

  it('removes event handlers and javascript: and data: URLs, however the scheme is written', () => {
    const properties = allProperties(page.tree);
    assert.deepEqual(
      properties.filter(([key]) => /^on/i.test(key)),
      [],
    );
    assert.deepEqual(
      properties.filter(([, value]) => /^\s*(javascript|data):/i.test(String(value))),
      [],
    );
    assert.ok(!/javascript:/i.test(page.html));
  });

  it('keeps the text, the safe links and the structure', () => {
    assert.match(page.html, /<h1>Harvest Diary<\/h1>/);
    assert.match(page.html, /<a href="https:\/\/orchardletters\.example\.com\/co-op">The co-op’s own account<\/a>/);
    assert.match(page.html, /sold them in <a>the Saturday market<\/a> for twice/);
    assert.equal(selectAll('img', page.tree).length, 1, 'the image stays, without its data: URL');
    assert.equal(selectAll('img[src]', page.tree).length, 0);
  });

  it('reports each kind of removal once, as information, at its first occurrence (the head goes silently)', () => {
    const reports = messagesOf(page.file, 'import-sanitised').map((message) => [message.line, message.reason.replace(/ \(.*$/, '')]);
    assert.deepEqual(reports, [
      [10, 'removed 3 × event-handler attributes'],
      [15, 'removed 3 × javascript: URLs'],
      [16, 'removed 1 × <script> elements'],
      [17, 'removed 1 × <style> elements'],
      [18, 'removed 1 × embedded frames'],
      [19, 'removed 1 × data: URLs'],
      [20, 'removed 1 × plugin content'],
      [21, 'removed 1 × forms and form controls'],
    ]);
    assert.ok(page.file.messages.every((message) => message.fatal === undefined));
  });

  it('works in place, so callers can ignore the return value', () => {
    assert.equal(page.result, page.tree);
  });

  it('keeps ids as written and the attributes footnote recognition reads', () => {
    const { tree, html } = sanitised(
      [
        '<p>Text<sup data-fn="u1" class="fn"><a href="#u1" id="u1-link" class="footnote-ref" rel="footnote" role="doc-noteref">1</a></sup>',
        '<a epub:type="noteref" data-type="noteref" href="#n2" name="r2">2</a></p>',
        '<ol class="wp-block-footnotes"><li id="u1" class="note">Note <a href="#u1-link" data-footnote-backref="">↩</a></li></ol>',
        '<figure><img src="a.jpg" alt="A"><figcaption>Caption</figcaption></figure>',
        '<p>H<sub>2</sub>O, x<sup>2</sup></p><table><tr><td>cell</td></tr></table><pre><code>code</code></pre>',
      ].join(''),
      { fragment: true },
    );
    assert.match(html, /<sup data-fn="u1" class="fn"><a href="#u1" id="u1-link" class="footnote-ref" rel="footnote" role="doc-noteref">1<\/a><\/sup>/);
    assert.match(html, /<a epub:type="noteref" data-type="noteref" href="#n2" name="r2">/);
    assert.match(html, /<ol class="wp-block-footnotes"><li id="u1" class="note">/);
    assert.ok(!html.includes('user-content-'));
    assert.equal(selectAll('figure > img[src][alt] + figcaption', tree).length, 1);
    assert.equal(selectAll('sub, sup, table td, pre code', tree).length, 5);
  });

  it('lets a lazy-loading placeholder go without a report: the real address takes its place', () => {
    const { file, tree } = sanitised('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="photo.jpg" alt="Lazy"></p>', { fragment: true });
    assert.deepEqual(messagesOf(file, 'import-sanitised'), []);
    assert.equal(selectAll('img', tree)[0]?.properties.src, 'photo.jpg');
  });

  it('judges a lazy-loaded address as any other: a javascript: one goes, and is reported', () => {
    const { file, html } = sanitised('<p><img src="blank.gif" data-src="javascript:alert(1)" alt="x"><img data-srcset="java&#9;script:alert(2) 2x"></p>', {
      fragment: true,
    });
    assert.ok(!/<img[^>]* src="[^"]*script:/i.test(html));
    assert.match(messagesOf(file, 'import-sanitised')[0]?.reason ?? '', /javascript: URLs/);
  });

  it('sees through control characters in a scheme', () => {
    const { file, html } = sanitised('<p><a href="java\tscript:alert(1)">x</a></p>', { fragment: true });
    assert.ok(!html.includes('script:'));
    assert.equal(messagesOf(file, 'import-sanitised')[0]?.reason, 'removed 1 × javascript: URLs');
  });
});
