import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { urlBreakPoints, withUrlBreaks } from '../../src/render/pdf/urls.ts';

/** The address with `|` where it may break. */
function withBreaks(url: string): string {
  let out = '';
  let from = 0;
  for (const point of [...urlBreakPoints(url), url.length]) {
    out += url.slice(from, point) + (point < url.length ? '|' : '');
    from = point;
  }
  return out;
}

describe('printed web addresses (Chicago 14.18)', () => {
  it('break after a colon or double slash, before a slash, full stop, underline and the like, around = and &', () => {
    assert.equal(withBreaks('https://www.upi.com/Archives/1994'), 'https://|www|.upi|.com|/Archives|/1994');
    assert.equal(withBreaks('http://base.spinform.ru/show_doc.fwx?rgn=105655&x=1'), 'http://|base|.spinform|.ru|/show|_doc|.fwx|?rgn|=|105655|&|x|=1');
    assert.equal(withBreaks('https://www.mfa.gov.cn/ce/cohk//chn/t8984.htm'), 'https://|www|.mfa|.gov|.cn|/ce|/cohk//|chn|/t8984|.htm');
    assert.equal(withBreaks('https://ecrats.org/en/history/'), 'https://|ecrats|.org|/en|/history/', 'not before the last character');
  });

  it('sets addresses in running text apart, without the punctuation that ends the sentence, and leaves code alone', () => {
    const paragraph = h('p', ['See https://ecrats.org/en/history/. Or ', h('code', 'https://x.org/a'), ' and www.kcp.kz/company.']);
    const before = toHtml(paragraph);
    assert.equal(
      toHtml(withUrlBreaks(paragraph)),
      '<p>See <span class="url">https://<wbr>ecrats<wbr>.org<wbr>/en<wbr>/history/</span>. Or <code>https://x.org/a</code> and <span class="url">www<wbr>.kcp<wbr>.kz<wbr>/company</span>.</p>',
    );
    // The tree given is untouched: its parts are shared with the EPUB and the site (the reference list).
    assert.equal(toHtml(paragraph), before);
  });
});

describe('addresses citeproc links (DOIs and URLs)', () => {
  it('are percent-encoded where a URL may not hold the character (vnu and epubcheck RSC-020 refused the page)', async () => {
    const { encodeHref } = await import('../../src/cite/render.ts');
    // sigfridsson's DOI in biblatex-examples.bib (biblatex, LPPL 1.3c).
    assert.equal(
      encodeHref('https://doi.org/10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P'),
      'https://doi.org/10.1002/(SICI)1096-987X(199803)19:4%3C377::AID-JCC1%3E3.0.CO;2-P',
    );
    assert.equal(encodeHref('https://example.org/a%20b c?q=é&r=50%'), 'https://example.org/a%20b%20c?q=%C3%A9&r=50%25');
  });
});
