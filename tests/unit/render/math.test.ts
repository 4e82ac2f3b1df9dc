import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { toXast } from 'hast-util-to-xast';
import { VFile } from 'vfile';
import { toXml } from 'xast-util-to-xml';
import type { Chapter } from '../../../src/core/types.ts';
import { parseChapter } from '../../../src/load/chapter.ts';
import { chapterBodyToHast, chapterFileLink } from '../../../src/render/common.ts';

function rendered(body: string) {
  const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });
  const parsed = parseChapter(file);
  assert.ok(parsed);
  const chapter = { ...parsed, slug: 'a', path: 'chapters/a.md', number: 1 } as unknown as Chapter;
  const tree = chapterBodyToHast(chapter, { idPrefix: 'a-', notesHeading: 'Notes', chapterLink: chapterFileLink('html') });
  return { file, html: toHtml(tree), xhtml: toXml(toXast(tree)) };
}

describe('math in every format', () => {
  it('is MathML in the MathML namespace, in HTML and in XHTML, with its TeX as the annotation; notes too', () => {
    const { html, xhtml } = rendered('The price $p_{0}^{*}$ rises.[^1]\n\n$$\n\\|x\\|^2\n$$\n\n[^1]: Where $a*k^2$ holds.');
    assert.match(html, /<p>The price <math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"><semantics><msubsup><mi>p<\/mi><mn>0<\/mn>/);
    assert.match(html, /<annotation encoding="application\/x-tex">p_\{0\}\^\{\*\}<\/annotation>/);
    assert.match(html, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block"[^>]*>.*\\\|x\\\|\^2<\/annotation>/s);
    assert.match(html, /Where <math [^>]*>.*a\*k\^2<\/annotation>/s);
    assert.match(xhtml, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"><semantics>/);
    assert.doesNotMatch(xhtml, /<span|tml-eqn| id="eq/);
  });

  it('an equation environment is typeset without Temml’s CSS-drawn number or a label id', () => {
    const { xhtml, file } = rendered('$$\n\\begin{equation}\n\\label{eq:one}\nx^2\n\\end{equation}\n$$');
    assert.deepEqual(file.messages, []);
    assert.match(xhtml, /<mtable/);
    assert.doesNotMatch(xhtml, /<span|\bid=/);
  });

  it('a formula that cannot be typeset shows its TeX as code', () => {
    const { html, file } = rendered('A broken $\\frac{1$ formula.\n\n$$\n\\frac{\n$$');
    assert.deepEqual(
      file.messages.map((message) => message.ruleId),
      ['math-invalid', 'math-invalid'],
    );
    assert.match(html, /A broken <code class="math-tex">\\frac\{1<\/code> formula\./);
    assert.match(html, /<pre class="math-tex"><code class="math-tex">\\frac\{<\/code><\/pre>/);
  });

  it('a shrunken token’s scriptlevel is on an mstyle around it, where MathML 3 allows it (epubcheck RSC-005; readability’s mathjax.html, Ramanujan’s fraction)', () => {
    const { xhtml } = rendered(
      '$$\n\\frac{1}{( \\sqrt{ϕ \\sqrt{5}} − ϕ ) {e}^{\\frac{2}{5} π}} = 1 + \\frac{{e}^{− 2 π}}{1 + \\frac{{e}^{− 4 π}}{1 + \\frac{{e}^{− 6 π}}{1 + \\frac{{e}^{− 8 π}}{1 + …}}}}\n$$',
    );
    assert.match(
      xhtml,
      /<mfrac><mstyle scriptlevel="2"><mn style="math-depth:2;">2<\/mn><\/mstyle><mstyle scriptlevel="2"><mn style="math-depth:2;">5<\/mn><\/mstyle><\/mfrac>/,
    );
    assert.doesNotMatch(xhtml, /<(?!mstyle)[a-z]+ [^>]*scriptlevel=/);
  });
});
