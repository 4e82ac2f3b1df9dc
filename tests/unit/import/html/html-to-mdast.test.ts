import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { splitCaptionCredit } from '../../../../src/import/html/caption.ts';
import { htmlToMdast } from '../../../../src/import/html/html-to-mdast.ts';
import { convertFragment, messagesOf } from './helpers.ts';

const baseUrl = 'https://blog.example.org/2020/05/a-post/';

describe('htmlToMdast', () => {
  it('shifts headings so the body’s top heading is level 2, keeping their order', () => {
    assert.equal(convertFragment('<h3>Part</h3><p>x</p><h4>Sub</h4><p>y</p>').markdown, '## Part\n\nx\n\n### Sub\n\ny\n');
    assert.equal(convertFragment('<h1>Big</h1><h2>Small</h2>').markdown, '## Big\n\n### Small\n');
    assert.equal(convertFragment('<h2>Already</h2>').markdown, '## Already\n');
  });

  it('drops line breaks and soft hyphens that mean nothing in a book (a WordPress quote ending <br></em>, tests/corpus/html/wp-footnotes-klier-zeitphilosophie-de)', () => {
    assert.equal(
      convertFragment('<p><em>“Es ist nicht zu wenig Zeit.”<br></em></p><p><br>Zeit\u00adphilosophie<br>heute</p>').markdown,
      '_“Es ist nicht zu wenig Zeit.”_\n\nZeitphilosophie\\\nheute\n',
    );
    assert.equal(convertFragment('<h2><a href="#x"><br></a>Title</h2>').markdown, '## Title\n');
  });

  it('keeps emphasis, links, lists, quotes, tables and code', () => {
    const { markdown } = convertFragment(
      [
        '<p><em>One</em>, <i>two</i>, <strong>three</strong>, <b>four</b>, <a href="https://example.org/x">a link</a>, <code>code</code>.</p>',
        '<ul><li>first</li><li>second</li></ul><ol start="3"><li>third</li></ol>',
        '<blockquote><p>Quoted.</p></blockquote>',
        '<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
        '<pre><code class="language-js">let x = 1;</code></pre>',
      ].join(''),
    );
    assert.equal(
      markdown,
      [
        '_One_, _two_, **three**, **four**, [a link](https://example.org/x), `code`.',
        '- first\n- second',
        '3. third',
        '> Quoted.',
        '| A | B |\n| - | - |\n| 1 | 2 |',
        '```js\nlet x = 1;\n```\n',
      ].join('\n\n'),
    );
  });

  it('makes relative links absolute against the page address, and leaves fragments and other schemes alone', () => {
    const html =
      '<p><a href="/about/">root</a> <a href="next/">relative</a> <a href="#section">fragment</a> <a href="mailto:a@example.org">mail</a> <a>no address</a></p>';
    const linksOf = (base: string | undefined) => {
      const { body } = htmlToMdast(fromHtml(html, { fragment: true }), new VFile(), base ? { baseUrl: base } : {});
      const paragraph = body.children[0];
      return paragraph?.type === 'paragraph'
        ? paragraph.children.map((child) => (child.type === 'link' ? child.url : child.type === 'text' ? child.value.trim() : child.type))
        : [];
    };
    assert.deepEqual(linksOf(baseUrl).filter(Boolean), [
      'https://blog.example.org/about/',
      'https://blog.example.org/2020/05/a-post/next/',
      '#section',
      'mailto:a@example.org',
      'no address',
    ]);
    assert.deepEqual(linksOf(undefined).slice(0, 3), ['/about/', '', 'next/']);
  });

  it('turns <figure> with <figcaption> into a figure directive with caption and credit', () => {
    const { markdown, images } = convertFragment(
      '<figure><img src="images/lake.jpg" alt="A lake"><figcaption>The lake at dawn. Photo: Jane Roe</figcaption></figure>',
    );
    assert.equal(markdown, '::figure[The lake at dawn.]{src="images/lake.jpg" credit="Photo: Jane Roe"}\n');
    assert.deepEqual(images, [{ src: 'images/lake.jpg', remote: false, caption: 'The lake at dawn.', alt: 'A lake' }]);
  });

  it('reads a credit the page marks up inside the caption', () => {
    const { markdown } = convertFragment(
      '<figure><img src="a.jpg"><figcaption>Harvest, 1961. <span class="image-credit">Moreau family archive</span></figcaption></figure>',
    );
    assert.equal(markdown, '::figure[Harvest, 1961.]{src="a.jpg" credit="Moreau family archive"}\n');
  });

  it('keeps caption and credit apart when a wrapper of both has a class that merely contains “attribution” (mozilla/readability test-pages/quanta-1)', () => {
    const { markdown } = convertFragment(
      [
        '<figure><img alt="Animated line drawing" src="lede.gif"><figcaption><section>',
        '<div class="max-width-560px _pattribution-w-auto _pcaption-w-auto">',
        '<div class="caption wysiwyg h5"><p>Ellen Fetter and Margaret Hamilton were responsible for programming the enormous 1960s-era computer.</p></div>',
        '<div class="attribution theme__anchors--solid wysiwyg"><p>Olena Shmahalo/Quanta Magazine</p></div>',
        '</div></section></figcaption></figure>',
      ].join('\n'),
    );
    assert.equal(
      markdown,
      '::figure[Ellen Fetter and Margaret Hamilton were responsible for programming the enormous 1960s-era computer.]{src="lede.gif" credit="Olena Shmahalo/Quanta Magazine"}\n',
    );
    const camel = convertFragment('<figure><img src="b.jpg"><figcaption>A bridge. <span class="photoCredit">Jo Doe</span></figcaption></figure>');
    assert.equal(camel.markdown, '::figure[A bridge.]{src="b.jpg" credit="Jo Doe"}\n');
  });

  it('turns WordPress [caption] output (div and dl) into figures', () => {
    const div = convertFragment(
      '<div id="attachment_7" style="width: 310px" class="wp-caption alignleft"><img aria-describedby="caption-attachment-7" src="bus.jpg" alt="" width="300"><p id="caption-attachment-7" class="wp-caption-text">An old bus. VLADIMIR RODIONOV/AFP/Getty Images</p></div>',
    );
    assert.equal(div.markdown, '::figure[An old bus.]{src="bus.jpg" credit="VLADIMIR RODIONOV/AFP/Getty Images"}\n');
    const dl = convertFragment(
      '<dl class="wp-caption"><dt class="wp-caption-dt"><img src="old.jpg"></dt><dd class="wp-caption-dd">An older theme (Courtesy of the author)</dd></dl>',
    );
    assert.equal(dl.markdown, '::figure[An older theme]{src="old.jpg" credit="Courtesy of the author"}\n');
  });

  it('turns a picture alone in a paragraph, or in a link, into a figure; pictures among text follow their paragraph', () => {
    assert.equal(convertFragment('<p><img src="one.jpg" alt="One"></p>').markdown, '::figure{src="one.jpg" alt="One"}\n');
    assert.equal(convertFragment('<p><a href="big.jpg"><img src="small.jpg"></a></p>').markdown, '::figure{src="small.jpg"}\n');
    assert.equal(convertFragment('<div><a href="big.jpg"><img src="small.jpg"></a></div>').markdown, '::figure{src="small.jpg"}\n');
    assert.equal(convertFragment('<p>Before <img src="inline.jpg"> after.</p>').markdown, 'Before after.\n\n::figure{src="inline.jpg"}\n');
  });

  it('drops a picture with nothing to show or say, and a link to “#”', () => {
    assert.equal(convertFragment('<p>Text <a href="#">more</a>.</p><p><img></p><p><img src="javascript:alert(1)"></p>').markdown, 'Text more.\n');
  });

  it('writes emoji pictures as their text', () => {
    assert.equal(
      convertFragment('<p>Two hours <img class="emoji" alt="🙂" src="https://s.w.org/images/core/emoji/2.2.1/svg/1f642.svg"></p>').markdown,
      'Two hours 🙂\n',
    );
  });

  it('never links a remote picture: the figure keeps the address in `remote`, and it is reported', () => {
    const { markdown, images, file } = convertFragment(
      '<p>Text.</p>\n<figure><img src="https://cdn.example.org/p.jpg" alt="P"><figcaption>A picture</figcaption></figure>',
    );
    assert.equal(markdown, 'Text.\n\n::figure[A picture]{remote="https://cdn.example.org/p.jpg"}\n');
    assert.deepEqual(images, [{ src: 'https://cdn.example.org/p.jpg', remote: true, caption: 'A picture', alt: 'P' }]);
    const [message] = messagesOf(file, 'import-remote-image');
    assert.equal(message?.line, 2);
    assert.equal(message?.fatal, false);
  });

  it('counts protocol-relative and, on a page with an address, root-relative pictures as remote', () => {
    assert.equal(convertFragment('<p><img src="//cdn.example.org/a.jpg"></p>').markdown, '::figure{remote="https://cdn.example.org/a.jpg"}\n');
    assert.equal(
      convertFragment('<p><img src="/wp-content/uploads/a.jpg"></p>', baseUrl).markdown,
      '::figure{remote="https://blog.example.org/wp-content/uploads/a.jpg"}\n',
    );
    assert.equal(convertFragment('<p><img src="page_files/a.jpg"></p>', baseUrl).markdown, '::figure{src="page_files/a.jpg"}\n');
  });

  it('takes a lazy-loaded picture’s real address', () => {
    const { markdown } = convertFragment('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-lazy-src="real.jpg" alt="Real"></p>');
    assert.equal(markdown, '::figure{src="real.jpg" alt="Real"}\n');
  });

  it('puts footnote definitions at the end, in number order', () => {
    const { markdown } = convertFragment(
      '<p>B<sup><a href="#n2">2</a></sup> A<sup><a href="#n1">1</a></sup></p><ol><li id="n1">One.</li><li id="n2">Two.</li></ol><p>After the notes.</p>',
    );
    assert.equal(markdown, 'B[^2] A[^1]\n\nAfter the notes.\n\n[^1]: One.\n\n[^2]: Two.\n');
  });

  it('accepts an element as well as a root', () => {
    const root = fromHtml('<div><h3>Title</h3><p>Text</p></div>', { fragment: true });
    const element = root.children[0];
    assert.ok(element?.type === 'element');
    const { body } = htmlToMdast(element, new VFile(), {});
    assert.deepEqual(
      body.children.map((node) => node.type),
      ['heading', 'paragraph'],
    );
  });
});

describe('splitCaptionCredit', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['Guests at the ceremony. Photo: Jane Roe/Reuters', 'Guests at the ceremony.', 'Photo: Jane Roe/Reuters'],
    ['A view of the lake. Photo by Jane Roe.', 'A view of the lake.', 'Photo by Jane Roe'],
    ['Photo by Jan Doe / Unsplash', undefined, 'Photo by Jan Doe / Unsplash'],
    ['Leaders meet in Bishkek. VLADIMIR RODIONOV/AFP/Getty Images', 'Leaders meet in Bishkek.', 'VLADIMIR RODIONOV/AFP/Getty Images'],
    ['The signing ceremony (Getty Images)', 'The signing ceremony', 'Getty Images'],
    ['Guests in April 2019. Courtesy of Xinhua / Alamy', 'Guests in April 2019.', 'Courtesy of Xinhua / Alamy'],
    ['Map of the region — Credit: World Bank', 'Map of the region', 'Credit: World Bank'],
    ['The 9/11 memorial at night.', 'The 9/11 memorial at night.', undefined],
    ['A photo by the lake.', 'A photo by the lake.', undefined],
    ['Protesters outside the AP building.', 'Protesters outside the AP building.', undefined],
  ];
  for (const [text, caption, credit] of cases) {
    it(`“${text}”`, () => {
      assert.deepEqual(splitCaptionCredit(text), { caption, credit });
    });
  }
});

/** Lines of Docutils' HTML5 output with the tuftig layout (`rst_html5_tuftig.html`, public domain; corpus entry `html/docutils-tuftig-margin`). */
describe('htmlToMdast: captions from a generator', () => {
  it('sets a table’s <caption> as a paragraph before the table, not run into its first cell', () => {
    const { markdown } = convertFragment(`<table class="booktabs numbered captionbelow fullwidth">
<caption>A fullwidth table with LaTeX math commands</caption>
<tbody>
<tr><td><p><cite>arccos</cite></p></td>
<td><p><span class="docutils literal">\\arccos</span></p></td>
</tr>
</tbody>
</table>`);
    assert.match(markdown, /^A fullwidth table with LaTeX math commands\n\n\|/m);
    assert.match(markdown, /^\| arccos +\| \\arccos \|$/m);
  });

  it('parts a figure caption’s paragraphs (docutils’ caption and legend) with a space', () => {
    const { markdown } = convertFragment(`<figure class="marginal numbered">
<img alt="../../../docs/user/rst/images/biohazard.png" src="https://example.org/biohazard.png" style="width: 2em;" />
<figcaption>
<p>This is a marginal figure.</p>
<div class="legend">
<p>This is the legend.</p>
</div>
</figcaption>
</figure>`);
    assert.match(markdown, /::figure\[This is a marginal figure\. This is the legend\.\]/);
  });
});
