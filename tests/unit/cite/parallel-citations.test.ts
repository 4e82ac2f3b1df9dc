import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { citeBook, citeBookInParallel, PARALLEL_CITATIONS_FROM } from '../../../src/cite/cite-book.ts';
import type { CiteStyle } from '../../../src/core/citations.ts';
import type { Book } from '../../../src/core/types.ts';
import { loadCiteStyle } from '../../../src/io/cite-style.ts';
import { loadBook } from '../../../src/io/load-book.ts';
import { MemoryMemo } from '../../../src/preview/memory-memo.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** The default book with its longest chapter once more (new files, the same works): enough citations for worker threads. */
async function longBook() {
  const { files, book, styleXml } = await loadBook(root);
  assert.ok(book);
  const citations = (tree: unknown) => JSON.stringify(tree).split('"type":"citation"').length - 1;
  const longest = book.chapters.reduce((most, chapter) => (citations(chapter.tree) > citations(most.tree) ? chapter : most));
  const copies = [1].map((copy) => ({ ...structuredClone(longest), path: longest.path.replace(/\.md$/, `-copy-${copy}.md`) }));
  const original = files.find((file) => file.path === longest.path)!;
  const copyFiles = copies.map((copy) => new VFile({ path: copy.path, value: String(original.value) }));
  const fileMap = new Map([...files, ...copyFiles].map((file) => [file.path, file]));
  return { book: { ...book, chapters: [...book.chapters, ...copies] } as Book, files: fileMap, styleXml };
}

/** Every citation's HTML, chapter by chapter, and the reference list. */
function rendered(book: Book): string {
  const citations = book.chapters.map((chapter) => JSON.stringify(chapter.tree, (key, value) => (key === 'position' ? undefined : value)));
  return [...citations, book.bibliography ? toHtml(book.bibliography.entries) : ''].join('\n');
}

describe('citations rendered in worker threads', () => {
  it('are the same as rendered one chapter after another on this thread', async () => {
    const first = await longBook();
    const second = await longBook();
    const style = await loadCiteStyle(root, first.book.config, first.styleXml);
    const calls: number[] = [];
    const spied: CiteStyle = {
      ...style,
      renderJobs: (jobs, threads) => {
        calls.push(jobs.length);
        return style.renderJobs(jobs, threads);
      },
    };
    const inParallel = await citeBookInParallel(first.book, spied, first.files, 2);
    const inSequence = citeBook(second.book, style, second.files);
    assert.deepEqual(calls, [first.book.chapters.filter((chapter) => JSON.stringify(chapter.tree).includes('"type":"citation"')).length]);
    assert.ok(inParallel.bibliography && inParallel.bibliography.keys.length > 50);
    assert.equal(rendered(inParallel), rendered(inSequence));
  });

  it('are left to this thread when there are too few to pay, or one thread', async () => {
    const { book, files, styleXml } = await longBook();
    const style = await loadCiteStyle(root, book.config, styleXml);
    const never: CiteStyle = { ...style, renderJobs: () => assert.fail('no worker thread expected') };
    await citeBookInParallel(book, never, files, 1);
    const { book: small, files: smallFiles } = await loadBook(root).then((loaded) => ({
      book: loaded.book!,
      files: new Map(loaded.files.map((file) => [file.path, file])),
    }));
    assert.ok(PARALLEL_CITATIONS_FROM > 89);
    await citeBookInParallel(small, never, smallFiles, 8);
  });

  it('a book too small for them has its reference list made in one while this thread renders the citations, the same list', async () => {
    const load = async () => {
      const loaded = await loadBook(root);
      assert.ok(loaded.book);
      return { book: loaded.book, files: new Map(loaded.files.map((file) => [file.path, file])), styleXml: loaded.styleXml };
    };
    const first = await load();
    const style = await loadCiteStyle(root, first.book.config, first.styleXml);
    let started = 0;
    const spied: CiteStyle = {
      ...style,
      renderJobs: () => assert.fail('no citation worker expected'),
      bibliographyAhead: () => {
        started += 1;
        return style.bibliographyAhead();
      },
    };
    const memo = new MemoryMemo();
    const ahead = await citeBookInParallel(first.book, spied, first.files, 2, memo);
    assert.equal(started, 1);
    const second = await load();
    assert.equal(rendered(ahead), rendered(citeBook(second.book, style, second.files)));
    assert.ok(ahead.bibliography?.key);
    // Remembered: no worker; one thread: none either.
    memo.settle();
    const third = await load();
    assert.equal(rendered(await citeBookInParallel(third.book, spied, third.files, 2, memo)), rendered(ahead));
    const fourth = await load();
    await citeBookInParallel(fourth.book, spied, fourth.files, 1);
    assert.equal(started, 1);
  });
});
