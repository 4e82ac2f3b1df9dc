import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { VFile } from 'vfile';
import type { Memo } from '../../../src/core/memo.ts';
import { MemoryMemo } from '../../../src/preview/memory-memo.ts';
import type { PaginationReport } from '../../../src/render/pdf/page-script/types.ts';
import { type ChunkPrinter, printPdf } from '../../../src/render/pdf/print-pdf.ts';
import type { PrintChunk } from '../../../src/render/pdf/protocol.ts';

/** A printer whose chunks have the pages `pagesOf` says; it logs what its tabs do. */
function fakePrinter(pagesOf: Record<string, number>) {
  const log: string[] = [];
  let tabs = 0;
  const printer: ChunkPrinter = {
    async openTab() {
      tabs += 1;
      let last: PrintChunk | undefined;
      return {
        async paginate(chunk) {
          log.push(`lay out ${chunk.id}`);
          last = chunk;
          return { report: report(chunk, pagesOf[chunk.id] ?? 1), prepared: { sourceCharacters: {}, hyphenatedWords: 0 } };
        },
        async print(first, numbers) {
          const refs = [...(last?.html.matchAll(/data-page-ref="([^"]*)"/g) ?? [])].map(([, id]) => `${id}=${numbers[id ?? '']}`);
          log.push(`print ${last?.id} from ${first}${refs.length > 0 ? ` (${refs.join(', ')})` : ''}`);
          const pdf = await PDFDocument.create();
          for (let page = 0; page < (pagesOf[last?.id ?? ''] ?? 1); page++) pdf.addPage([300, 400]);
          return pdf.save();
        },
        async close() {},
      };
    },
  };
  return { printer, log, tabs: () => tabs };
}

function report(chunk: PrintChunk, pageCount: number): PaginationReport {
  const trim = { x: 0, y: 0, width: 300, height: 400 };
  return {
    pageCount,
    pages: Array.from({ length: pageCount }, () => ({ width: 300, height: 400, trim })),
    anchors: [{ id: chunk.id, page: 0, x: 0, y: 0 }],
    links: [],
    outline: [],
    overflows: [],
    pageLabels: Array.from({ length: pageCount }, () => chunk.label),
    renderedCharacters: {},
    pageStarts: [],
    missingInternals: [],
  };
}

const chunk = (id: string, sequence: string, html: string, pageNumbersOf: string[] = []): PrintChunk => ({
  id,
  sequence,
  pageNumbersOf,
  html,
  label: id,
  folioStyle: sequence === 'front' ? 'lower-roman' : 'decimal',
});

const metadata = { title: 'T', authors: [], subject: undefined, keywords: [], language: 'en', creator: 'anthology', date: new Date(0) };

describe('printPdf with the build cache', () => {
  const book = (aText: string, bText: string) => [
    chunk('front', 'front', '<p>Contents: a <span data-page-ref="a"></span>, b <span data-page-ref="b"></span></p>', ['a', 'b']),
    chunk('a', 'body', `<p>${aText}</p>`),
    chunk('b', 'body', `<p>${bText}</p>`),
  ];
  const print = (printer: ChunkPrinter, chunks: PrintChunk[], memo: Memo, layoutKey = 'fonts, pictures, Chromium') =>
    printPdf(printer, {
      chunks,
      metadata,
      concurrency: 2,
      fileFor: () => new VFile(),
      cache: { memo, layoutKey },
    });

  it('lays out and prints again only what changed, and what its page numbers moved', async () => {
    const memo = new MemoryMemo();
    const pages = { front: 2, a: 2, b: 4 };
    const first = fakePrinter(pages);
    const cold = await print(first.printer, book('A', 'B'), memo);
    assert.equal(cold.reused, 0);
    assert.deepEqual(first.log.filter((line) => line.startsWith('print')).sort(), ['print a from 1', 'print b from 3', 'print front from 1 (a=1, b=3)']);

    // Nothing changed: no tab is opened (Chromium would not be started).
    const same = fakePrinter(pages);
    const warm = await print(same.printer, book('A', 'B'), memo);
    assert.deepEqual([warm.reused, warm.chunks, warm.pages, same.tabs()], [3, 3, cold.pages, 0]);

    // b changed, with the same pages: only b is laid out and printed.
    const bChanged = fakePrinter(pages);
    assert.equal((await print(bChanged.printer, book('A', 'B, edited'), memo)).reused, 2);
    assert.deepEqual(bChanged.log, ['lay out b', 'print b from 3']);

    // a grows a page: b starts a page later (its layout is known, but it is laid out again to be
    // printed with its new numbers), and the contents print b's new page.
    const aGrown = fakePrinter({ ...pages, a: 3 });
    const grown = await print(aGrown.printer, book('A, longer', 'B, edited'), memo);
    assert.equal(grown.reused, 0);
    assert.equal(grown.pages, 9);
    assert.deepEqual(aGrown.log.filter((line) => line.startsWith('print')).sort(), ['print a from 1', 'print b from 4', 'print front from 1 (a=1, b=4)']);
    assert.deepEqual(aGrown.log.filter((line) => line.startsWith('lay out')).sort(), ['lay out a', 'lay out b', 'lay out front']);
  });

  it('takes nothing from the cache when what the layout depends on besides the HTML changed', async () => {
    const memo = new MemoryMemo();
    await print(fakePrinter({}).printer, book('A', 'B'), memo);
    const other = fakePrinter({});
    const result = await print(other.printer, book('A', 'B'), memo, 'another Chromium');
    assert.equal(result.reused, 0);
    assert.equal(other.log.filter((line) => line.startsWith('lay out')).length, 3);
  });
});
