import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { type PageBreak, pageBreakElement } from '../../../src/render/epub/page-list.ts';

const section = (): Element =>
  h('section', [
    h('header', [h('h1', 'Title')]),
    h('p', { dataBlock: '0' }, ['One two ', h('em', 'three'), ' four.', h('sup', [h('a', { dataFootnoteRef: '', href: '#fn-1' }, '1')]), ' Five six.']),
    h('p', { dataBlock: '1' }, 'Seven eight.'),
  ]);

const pageBreak = (block: number, words: number): PageBreak => ({ chapter: 'c', id: 'page-9', label: '9', value: 9, block, words });
const marker = '<span id="page-9" role="doc-pagebreak" epub:type="pagebreak" aria-label="9"></span>';

describe('pageBreakElement: a print page start in the EPUB text', () => {
  it('at the chapter opening', () => {
    const element = section();
    pageBreakElement(element, pageBreak(-1, 0));
    assert.ok(toHtml(element).startsWith(`<section>${marker}<header>`));
  });
  it('before a block the page starts with', () => {
    const element = section();
    pageBreakElement(element, pageBreak(1, 0));
    assert.match(toHtml(element), new RegExp(`</p>${marker}<p data-block="1">`));
  });
  it('inside a block, after the words printed on the page before (inline markup and note markers aside)', () => {
    const element = section();
    pageBreakElement(element, pageBreak(0, 4));
    assert.match(toHtml(element), new RegExp(`<a data-footnote-ref="" href="#fn-1">1</a></sup> ${marker}Five six\\.`));
    const again = section();
    pageBreakElement(again, pageBreak(0, 2));
    assert.ok(toHtml(again).includes(`One two <em>${marker}three</em>`), toHtml(again));
  });

  it('never inside MathML: before the formula whose words hold the page start (epubcheck RSC-005: a span in mtext, cs6120’s metastability post)', () => {
    const math = h('math', { xmlns: 'http://www.w3.org/1998/Math/MathML' }, [
      h('semantics', [h('mtext', '𝚏𝚊𝚕𝚜𝚎'), h('annotation', { encoding: 'application/x-tex' }, '\\texttt{false}')]),
    ]);
    const element = h('section', [h('ul', { dataBlock: '0' }, [h('li', ['The default value that comes ', math, '.'])])]);
    pageBreakElement(element, pageBreak(0, 5));
    assert.ok(toHtml(element).includes(`that comes ${marker}<math`), toHtml(element));
  });
  it('after the block when print counted more words in it than it has (a word split across two pages counts on both: CJK), so the pages stay in order (epubcheck NAV-011)', () => {
    const element = h('section', [
      h('ol', { dataBlock: '0' }, [h('li', [h('p', ['將 PowerShell 改成預設'])])]),
      h('p', { dataBlock: '1' }, '首先搜尋原本就有的'),
    ]);
    pageBreakElement(element, pageBreak(0, 5));
    assert.match(toHtml(element), new RegExp(`</ol>${marker}<p data-block="1">`));
  });
});
