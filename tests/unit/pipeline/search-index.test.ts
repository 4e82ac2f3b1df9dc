import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchPages, searchShards } from '../../../src/pipeline/search-index.ts';

/** Page names as the site has them: chapter slugs. */
function pages(count: number, prefix = 'chapter'): { name: string }[] {
  return Array.from({ length: count }, (_, index) => ({ name: `${prefix}-${index + 1}.html` }));
}

function names(shards: { name: string }[][]): string[][] {
  return shards.map((shard) => shard.map((page) => page.name));
}

describe('searchShards', () => {
  it('keeps every page once, in order, in shards of 16 to 128 pages (the last may be smaller)', () => {
    const all = pages(1000);
    const shards = searchShards(all);
    assert.deepEqual(shards.flat(), all);
    assert.ok(shards.length > 4, `${shards.length} shards`);
    for (const shard of shards.slice(0, -1)) assert.ok(shard.length >= 16 && shard.length <= 128, `${shard.length} pages`);
  });

  it('a book of up to 16 chapter pages is one index', () => {
    assert.equal(searchShards(pages(16)).length, 1);
    assert.equal(searchShards(pages(1)).length, 1);
    assert.deepEqual(searchShards([]), []);
  });

  it('a chapter inserted changes its own shard only: the others keep their pages', () => {
    const all = pages(600);
    const before = names(searchShards(all));
    // Inserted in the middle of the book.
    const inserted = [...all.slice(0, 300), { name: 'a-new-essay.html' }, ...all.slice(300)];
    const after = names(searchShards(inserted));
    const kept = before.filter((shard) => after.some((other) => other.join() === shard.join()));
    assert.equal(kept.length, before.length - 1, 'all but the shard it went into');
    assert.equal(after.length, before.length);
  });
});

describe('searchPages', () => {
  it('takes the pages whose main Pagefind indexes, not a page whose text mentions the attribute', () => {
    const site = new Map<string, string>([
      ['index.html', '<!doctype html><html><body><main id="main"><p>Contents</p></main></body></html>'],
      ['one.html', '<!doctype html><html><body><main id="main" data-pagefind-body=""><p>One</p></main></body></html>'],
      ['about.html', '<!doctype html><html><body><main id="main"><p>We mark chapters with data-pagefind-body.</p></main></body></html>'],
      ['style.css', 'main { }'],
      ['two.html', '<!doctype html><html><body><main data-pagefind-body><p>Two</p></main></body></html>'],
    ]);
    const found = searchPages(site);
    assert.deepEqual(
      found.map((page) => page.name),
      ['one.html', 'two.html'],
    );
    assert.notEqual(found[0]?.hash, found[1]?.hash);
  });
});
