import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import type { Chapter } from '../../../src/core/types.ts';
import { parseChapter } from '../../../src/load/chapter.ts';
import { linkChapters, renameChapterLinks } from '../../../src/load/links.ts';
import { chapterBodyToHast, chapterFileLink } from '../../../src/render/common.ts';

/**
 * The lines are the chapters `anthology import` wrote from real saved pages (fixtures in
 * tests/fixtures/import/real/, PROVENANCE.md there): before, their links went to pages of the site
 * and to ids the text no longer has, which epubcheck reported as RSC-007 and RSC-012 and vnu as a
 * bad `href`. tests/e2e/imported-book.test.ts runs the same pages through the validators.
 */
function rendered(body: string, idPrefix = 'c-'): { html: string; dropped: string[] } {
  const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });
  const parsed = parseChapter(file);
  assert.ok(parsed);
  const chapter = { ...parsed, slug: 'a', path: 'chapters/a.md', number: 1 } as unknown as Chapter;
  // A book of this chapter alone: its relative links name no chapter.
  linkChapters([chapter], () => file);
  const html = toHtml(chapterBodyToHast(chapter, { idPrefix, notesHeading: 'Notes', chapterLink: chapterFileLink('html') }));
  const dropped = file.messages.filter((message) => message.ruleId === 'link-dropped').map((message) => `${message.line}:${message.column} ${message.reason}`);
  return { html, dropped };
}

describe('a link goes to the web or to a heading of its chapter, or is its words', () => {
  it('a link to a heading by GitHub’s spelling of it gives that heading its id, prefixed as the notes’ are (figma.com)', () => {
    const { html, dropped } = rendered(
      'Once you’ve completed refining the UI, you can follow the same steps that we outlined at the [beginning of this blog](#starting-an-app-from-a-design).\n\n## [Starting an app from a design](#starting-an-app-from-a-design)\n\n## Other',
    );
    assert.deepEqual(dropped, []);
    assert.match(html, /<a href="#c-starting-an-app-from-a-design">beginning of this blog<\/a>/);
    assert.match(html, /<h2 id="c-starting-an-app-from-a-design"><a href="#c-starting-an-app-from-a-design">Starting an app from a design<\/a><\/h2>/);
    assert.match(html, /<h2>Other<\/h2>/, 'a heading no link goes to has no id');
  });

  it('a reference-style link is resolved as the inline link it stands for', () => {
    const { html, dropped } = rendered('See [the setup][r] and [an old page][s].\n\n[r]: #setup\n[s]: /Articles/407383/\n\n## Setup\n\nWords.');
    assert.deepEqual(dropped, [
      '6:24 link to “/Articles/407383/” is relative to the site the text came from, and leads nowhere in the book (write the full address, https://…): printed as its words',
    ]);
    assert.match(html, /<a href="#c-setup">the setup<\/a> and an old page\./);
    assert.match(html, /<h2 id="c-setup">Setup<\/h2>/);
  });

  it('a heading named Title is not given the id the EPUB gives the chapter’s title', () => {
    const { html, dropped } = rendered('See [the title section](#title).\n\n## Title\n\nWords.');
    assert.deepEqual(dropped, []);
    assert.match(html, /<a href="#c-title-1">the title section<\/a>/);
    assert.match(html, /<h2 id="c-title-1">Title<\/h2>/);
  });

  it('by the fragment’s letters and digits when the site spelled its ids otherwise (v8.dev)', () => {
    const { html, dropped } = rendered(
      "- [WebAssembly’s two standard APIs](#webassembly's-two-standard-apis)\n- [Do we need non-standalone Wasm?](#do-we-need-non-standalone-wasm%3F)\n\n## WebAssembly’s two standard APIs\n\n## Do we need non-standalone Wasm?",
    );
    assert.deepEqual(dropped, []);
    assert.match(html, /<a href="#c-webassemblys-two-standard-apis">/);
    assert.match(html, /<h2 id="c-do-we-need-non-standalone-wasm">/);
  });

  it('by the link’s own words when the fragment names no heading (Google’s SRE book)', () => {
    const { html, dropped } = rendered(
      'normally include some form of the four golden signals (discussed in [The Four Golden Signals](#xref_monitoring_golden-signals)).\n\n[Table 6-1](#table_monitoring_symptoms) lists some hypothetical symptoms.\n\n## The Four Golden Signals',
    );
    assert.match(html, /<a href="#c-the-four-golden-signals">The Four Golden Signals<\/a>/);
    assert.match(html, /<p>Table 6-1 lists some/);
    assert.deepEqual(dropped, [
      '8:1 link to “#table_monitoring_symptoms” goes to a place on its page that no heading of the chapter names: printed as its words',
    ]);
  });

  it('a link relative to the site the post came from is its words, and said so (LWN, paulgraham.com)', () => {
    const { html, dropped } = rendered(
      'The LibreOffice project was [announced](/Articles/407383/) with great fanfare.\n\nWhen we were working on [our own startup](start.html), back in the 90s.',
    );
    assert.match(html, /<p>The LibreOffice project was announced with great fanfare.<\/p>/);
    assert.match(html, /<p>When we were working on our own startup, back in the 90s.<\/p>/);
    assert.deepEqual(dropped, [
      '6:29 link to “/Articles/407383/” is relative to the site the text came from, and leads nowhere in the book (write the full address, https://…): printed as its words',
      '8:25 link to “start.html” is relative to the site the text came from, and leads nowhere in the book (write the full address, https://…): printed as its words',
    ]);
  });

  it('an address that is not one is its words (Firefox Nightly’s blog: `www.\\*.com`, a GFM autolink)', () => {
    const { html, dropped } = rendered('- URL canonization (www.\\*.com) now uses https by default');
    assert.doesNotMatch(html, /<a /);
    assert.match(html, /URL canonization \(www.\*.com\) now uses/);
    assert.deepEqual(dropped, ['6:21 link to “http://www.\\*.com” is not a valid address: printed as its words']);
  });

  it('the web, mail and network-path addresses are kept', () => {
    const { html, dropped } = rendered('[a](https://lwn.net/Articles/407383/) [b](mailto:x@example.org) [c](//lwn.net/Articles/)');
    assert.deepEqual(dropped, []);
    assert.equal((html.match(/<a href=/g) ?? []).length, 3);
  });
});

describe('links to a chapter whose id changed once loaded', () => {
  it('follow it to its new id (a renamed file keeps the id its chapter was released with)', () => {
    const load = (path: string, body: string): Chapter => {
      const file = new VFile({ path, value: `---\ntitle: T\n---\n\n${body}\n` });
      const parsed = parseChapter(file);
      assert.ok(parsed);
      return { ...parsed, slug: path.replace(/^chapters\/|\.md$/g, ''), path, number: 1 } as unknown as Chapter;
    };
    const one = load('chapters/one.md', 'See [two](two.md#setup) and [three](three.md).');
    const two = load('chapters/two.md', '## Setup');
    const three = load('chapters/three.md', 'Words.');
    linkChapters([one, two, three], () => undefined);
    // Two was released as `the-second` and three as `two`: a swap must not send one's links astray.
    renameChapterLinks(
      [one.tree],
      new Map([
        ['two', 'the-second'],
        ['three', 'two'],
      ]),
    );
    const html = toHtml(chapterBodyToHast(one, { idPrefix: 'one-', notesHeading: 'Notes', chapterLink: chapterFileLink('html') }));
    assert.match(html, /<a href="the-second\.html#the-second-setup">two<\/a> and <a href="two\.html">three<\/a>/);
  });
});
