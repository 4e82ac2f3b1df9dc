import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../../src/import/import.ts';

function imported(body: string) {
  const html = `<!doctype html><html><head><title>Prices</title></head><body><article><h1>Prices</h1>${body}</article></body></html>`;
  const file = new VFile({ path: 'post.html', value: html });
  const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
  return piece ? bodyToMarkdown(piece.body) : '';
}

// The markup KaTeX 0.16 and MathJax 2 put in a page (what a saved page of a blog using them holds).
const katexInline =
  '<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msubsup><mi>p</mi><mn>0</mn><mo>∗</mo></msubsup></mrow><annotation encoding="application/x-tex">p_{0}^{*}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord mathnormal">p</span></span></span></span>';

describe('math a saved page carries as TeX', () => {
  test('KaTeX: the TeX of its annotation, inline or display; the drawn copy goes', () => {
    const markdown = imported(
      `<p>The optimal price ${katexInline} rises and costs $5 or $10.</p><p><span class="katex-display">${katexInline.replace('p_{0}^{*}</annotation>', '\\|x\\|^2</annotation>')}</span></p>`,
    );
    assert.equal(markdown, 'The optimal price $p_{0}^{*}$ rises and costs $5 or $10.\n\n$$\n\\|x\\|^2\n$$\n');
  });

  test('MathJax 2: the script’s TeX; display mode as display math; its rendering goes', () => {
    const markdown = imported(
      '<p>Let <span class="MathJax" id="MathJax-Element-1-Frame">a∗k2</span><script type="math/tex" id="MathJax-Element-1">a*k^2</script> hold.</p><div class="MathJax_Display"><span class="MathJax">x</span></div><script type="math/tex; mode=display">\\sum_{k=1}^n b_k</script>',
    );
    assert.equal(markdown, 'Let $a*k^2$ hold.\n\n$$\n\\sum_{k=1}^n b_k\n$$\n');
  });

  test('CodeCogs: its display options and `&space;` are not TeX; an address that does not decode keeps its picture', () => {
    const markdown = imported(
      '<p>Sum <img src="https://latex.codecogs.com/png.latex?\\dpi{110}&space;\\bg_white&space;\\fn_cm&space;\\large&space;\\frac{a}{b}&space;+&space;c" alt="a/b+c"> here.</p>' +
        '<p>Half <img src="https://latex.codecogs.com/gif.latex?50%" alt="fifty per cent"> and <img src="https://latex.codecogs.com/gif.latex?\\inline&space;\\dpi{300}" alt="nothing"> too.</p>',
    );
    assert.match(markdown, /^Sum \$\\frac\{a\}\{b\} \+ c\$ here\.\n/);
    assert.match(markdown, /::figure\{remote="https:\/\/latex\.codecogs\.com\/gif\.latex\?50%" alt="fifty per cent"\}/);
    // As CodeCogs's editor writes them (a README's formula, its TeX in the title beside it; `&plus;` is an HTML entity, a plus).
    const edited = imported(
      '<p>So <img src="https://latex.codecogs.com/gif.latex?\\dpi{150}&space;\\large&space;\\frac{\\partial&space;L_w}{\\partial&space;z_i}&space;=&space;\\gamma&space;g_3&space;g_2^{\\gamma}&space;\\text{log}(g_4)&space;&plus;&space;(-1)^{\\hat{y_i}}g_5^{\\gamma&space;&plus;&space;1}" title="\\large \\frac{\\partial L_w}{\\partial z_i} = \\gamma g_3 g_2^{\\gamma} \\text{log}(g_4) + (-1)^{\\hat{y_i}}g_5^{\\gamma + 1}" /> holds.</p>',
    );
    assert.equal(
      edited,
      'So $\\frac{\\partial L_w}{\\partial z_i} = \\gamma g_3 g_2^{\\gamma} \\text{log}(g_4) + (-1)^{\\hat{y_i}}g_5^{\\gamma + 1}$ holds.\n',
    );
    assert.match(markdown, /::figure\{remote="[^"]+" alt="nothing"\}/);
  });
});
