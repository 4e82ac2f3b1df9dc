import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chapterFileId, ownPageOfId } from '../../../src/core/chapter-id.ts';

const source = (file: string) => readFileSync(new URL(`../../../src/${file}`, import.meta.url), 'utf8');

describe('the names of the book’s own pages, which no chapter may have', () => {
  it('are every page the site writes and every document the EPUB has', () => {
    const sitePages = new Set([...source('render/html/site.ts').matchAll(/'([a-z0-9-]+)\.html'/g)].map((match) => match[1] as string));
    assert.ok(sitePages.has('index') && sitePages.has('search'), 'the site’s pages are found in its source');
    // The EPUB's documents by their ids (`text/<id>.xhtml`); `landmarks`, `toc` and `page-list` are ids inside nav.xhtml.
    const epubDocuments = [...source('render/epub/epub.ts').matchAll(/\bid: '([a-z0-9-]+)'/g)]
      .map((match) => match[1] as string)
      .filter((id) => !['landmarks', 'toc', 'page-list'].includes(id));
    for (const name of [...sitePages, ...epubDocuments, 'part-1', 'part-12']) assert.ok(ownPageOfId(name), `${name} is one of the book’s own pages`);
  });

  it('leave a chapter its own name otherwise, and a file named after a page is told apart', () => {
    assert.equal(ownPageOfId(chapterFileId('chapters/about.md')), 'about');
    for (const id of ['about-the-author', 'index-of-names', 'part-one', 'searching', 'the-cover']) assert.equal(ownPageOfId(id), undefined, id);
  });
});
