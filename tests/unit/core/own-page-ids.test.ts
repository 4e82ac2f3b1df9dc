import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chapterFileId, chapterPageName, ownPageOfId } from '../../../src/core/chapter-id.ts';
import { safeId } from '../../../src/render/common.ts';

const source = (file: string) => readFileSync(new URL(`../../../src/${file}`, import.meta.url), 'utf8');

describe('the names of the book’s own pages, which no chapter may have', () => {
  it('are every page the site writes and every document the EPUB has', () => {
    const sitePages = new Set([...source('render/html/site.ts').matchAll(/'([a-z0-9-]+)\.html'/g)].map((match) => match[1] as string));
    assert.ok(sitePages.has('index') && sitePages.has('search'), 'the site’s pages are found in its source');
    // The EPUB's documents by their ids (`text/<id>.xhtml`); `landmarks`, `toc` and `page-list` are ids inside nav.xhtml.
    const epubDocuments = [...source('render/epub/epub.ts').matchAll(/\bid: '([a-z0-9-]+)'|matterDocument\(book, '([a-z0-9-]+)'/g)]
      .map((match) => (match[1] ?? match[2]) as string)
      .filter((id) => !['landmarks', 'toc', 'page-list'].includes(id));
    assert.ok(epubDocuments.includes('edition-note'), 'the EPUB’s matter documents are found in its source');
    for (const name of [...sitePages, ...epubDocuments, 'part-1', 'part-12']) assert.ok(ownPageOfId(name), `${name} is one of the book’s own pages`);
  });

  it('leave a chapter its own name otherwise, and a file named after a page is told apart', () => {
    assert.equal(ownPageOfId(chapterFileId('chapters/about.md')), 'about');
    for (const id of ['about-the-author', 'index-of-names', 'part-one', 'searching', 'the-cover']) assert.equal(ownPageOfId(id), undefined, id);
  });

  it('a chapter’s page name is the id the renderers give its files (`404` → `x404`, as `x404` itself)', () => {
    for (const id of ['about-the-book', '404', 'x404', '1914-letters', 'u6771-u4eac']) assert.equal(chapterPageName(id), safeId(id), id);
    assert.equal(chapterPageName('404'), chapterPageName('x404'));
  });
});
