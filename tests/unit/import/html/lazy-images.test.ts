import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlaceholderAddress, largestCandidate } from '../../../../src/import/html/lazy-images.ts';
import { convertFragment, messagesOf } from './helpers.ts';

describe('lazy-loaded pictures', () => {
  it('takes a data-srcset behind no src at all (mozilla/readability test-pages/citylab-1)', () => {
    const { markdown, file } = convertFragment(
      [
        '<figure style="max-width: 620.0px;">',
        '<picture style="display: block;"><img alt="" data-srcset="https://cdn.theatlantic.com/assets/media/img/posts/2019/04/AP_8912060228/cbd32b0e1.jpg" class="lazyload" /></picture>',
        '<figcaption class="caption">Workers remove a hammer and sickle from a neon sign in Czechoslovakia in 1989. (AP)</figcaption>',
        '</figure>',
      ].join('\n'),
    );
    assert.equal(
      markdown,
      '::figure[Workers remove a hammer and sickle from a neon sign in Czechoslovakia in 1989.]{credit="AP" remote="https://cdn.theatlantic.com/assets/media/img/posts/2019/04/AP_8912060228/cbd32b0e1.jpg"}\n',
    );
    assert.equal(messagesOf(file, 'import-remote-image')[0]?.line, 2);
    assert.deepEqual(messagesOf(file, 'import-image-no-address'), []);
  });

  it('reads the common lazy-loading attributes behind a placeholder src', () => {
    const cases: [string, string][] = [
      ['<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" data-src="a.jpg">', 'a.jpg'],
      ['<img src="/wp-content/plugins/lazy-load/images/1x1.trans.gif" data-lazy-src="b.jpg">', 'b.jpg'],
      ['<img src="https://example.org/img/blank.gif" data-original="c.jpg">', 'c.jpg'],
      ['<img src="placeholder.png" data-hi-res-src="d.jpg">', 'd.jpg'],
      ['<img src="spacer.gif" data-lazy-srcset="e-300.jpg 300w, e-1200.jpg 1200w">', 'e-1200.jpg'],
      ['<img srcset="f.jpg 1x, f@2x.jpg 2x">', 'f@2x.jpg'],
    ];
    for (const [html, src] of cases) assert.equal(convertFragment(`<p>${html}</p>`).markdown, `::figure{src="${src}"}\n`, html);
  });

  it('reads an address from a data attribute it does not know by name (mozilla/readability test-pages/salon-1)', () => {
    const { markdown } = convertFragment(
      '<div class="mainImage"><img class="lazyLoad" data-source-standard="http://media.salon.com/2015/03/Photo11.jpg" data-source-fullscreen_small="http://media.salon.com/2015/03/Photo11.jpg"/></div>',
    );
    assert.equal(markdown, '::figure{remote="http://media.salon.com/2015/03/Photo11.jpg"}\n');
  });

  it('drops a blurred preview set just before its picture (figma.com blog, data-lqip)', () => {
    const { markdown, file } = convertFragment(
      '<div><img src="data:image/png;base64,iVBORw0KGgo=" alt="Abstract illustration" class="fig-t99ioc" data-lqip="true"><img data-loading="true" loading="eager" alt="Abstract illustration" src="https://cdn.sanity.io/images/599r6htc/regionalized/c93d4cf3-1536x2048.png?w=1632"></div>',
    );
    assert.equal(markdown, '::figure{remote="https://cdn.sanity.io/images/599r6htc/regionalized/c93d4cf3-1536x2048.png?w=1632" alt="Abstract illustration"}\n');
    assert.deepEqual(messagesOf(file, 'import-image-no-address'), []);
    assert.deepEqual(messagesOf(file, 'import-sanitised'), []);
  });

  it('a placeholder that does not say it previews the next picture is a picture lost, and reported', () => {
    const { file } = convertFragment('<div><img src="placeholder.png" data-lazy="x" alt="Map of the river"><img src="second.jpg" alt="A boat"></div>');
    assert.equal(messagesOf(file, 'import-image-no-address').length, 1);
  });

  it('keeps a real src, and a srcset does not outrank it', () => {
    assert.equal(convertFragment('<p><img src="own.jpg" srcset="big.jpg 2x" data-src="lazy.jpg"></p>').markdown, '::figure{src="own.jpg"}\n');
  });

  it('takes the <noscript> copy beside a placeholder, and drops the copy (WordPress lazy-load plugins)', () => {
    const { markdown } = convertFragment(
      '<p><img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Harbour"><noscript><img src="harbour.jpg" alt="Harbour"></noscript></p>',
    );
    assert.equal(markdown, '::figure{src="harbour.jpg" alt="Harbour"}\n');
  });

  it('shows a lone <noscript> picture, but not an analytics pixel', () => {
    assert.equal(
      convertFragment('<p>Text.</p><noscript><img src="only.jpg" alt="Only"></noscript>').markdown,
      'Text.\n\n::figure{src="only.jpg" alt="Only"}\n',
    );
    assert.equal(convertFragment('<p>Text.</p><noscript><img src="https://t.example.org/p.gif" width="1" height="1"></noscript>').markdown, 'Text.\n');
  });

  it('takes a <picture>’s <source> when its <img> has no address', () => {
    const { markdown } = convertFragment(
      '<picture><source media="(min-width: 800px)" srcset="wide.webp"><source srcset="any-400.webp 400w, any-800.webp 800w"><img class="lazy" alt="Map"></picture>',
    );
    assert.equal(markdown, '::figure{src="any-800.webp" alt="Map"}\n');
  });

  it('turns AMP’s <amp-img> into a picture (adbar/trafilatura tests/eval/blog.amp.dev.axios.html)', () => {
    const { markdown, file } = convertFragment(
      [
        '<div class="wp-block-image"><figure class="aligncenter size-large"><amp-img src="https://blog.amp.dev/wp-content/uploads/2020/04/image2.png" alt="" class="wp-image-3214 amp-wp-enforced-sizes" srcset="https://blog.amp.dev/wp-content/uploads/2020/04/image2.png 1000w, https://blog.amp.dev/wp-content/uploads/2020/04/image2-300x114.png 300w" width="1000" height="381" layout="intrinsic" i-amphtml-layout="intrinsic">',
        '<i-amphtml-sizer class="i-amphtml-sizer"><img alt="" aria-hidden="true" class="i-amphtml-intrinsic-sizer" role="presentation" src="data:image/svg+xml;base64,PHN2ZyBoZWlnaHQ9JzM4MScgd2lkdGg9JzEwMDAnIHhtbG5zPSdodHRwOi8vd3d3LnczLm9yZy8yMDAwL3N2ZycgdmVyc2lvbj0nMS4xJy8+"></i-amphtml-sizer>',
        '<noscript><img src="https://blog.amp.dev/wp-content/uploads/2020/04/image2.png" alt="" class="wp-image-3214" width="1000" height="381"></noscript></amp-img>',
        '<figcaption><em>Digital media company Axios has stepped onto the scene. Sound familiar?</em></figcaption></figure></div>',
      ].join(''),
    );
    assert.equal(
      markdown,
      '::figure[Digital media company Axios has stepped onto the scene. Sound familiar?]{remote="https://blog.amp.dev/wp-content/uploads/2020/04/image2.png"}\n',
    );
    assert.deepEqual(messagesOf(file, 'import-sanitised'), []);
  });

  it('reports a picture whose address the page does not hold, at its line, caption kept', () => {
    const { markdown, file } = convertFragment(
      '<figure>\n<img class="lazyload" src="blank.gif" alt="">\n<figcaption>A lost view.</figcaption></figure>\n<p><img class="lazy"></p>',
    );
    assert.equal(markdown, '::figure[A lost view.]\n');
    const messages = messagesOf(file, 'import-image-no-address');
    assert.deepEqual(
      messages.map((message) => message.line),
      [2, 4],
    );
    assert.match(messages[0]?.reason ?? '', /“A lost view\.” keeps its words only/);
    assert.match(messages[1]?.reason ?? '', /it was left out/);
  });

  it('knows placeholders from pictures', () => {
    for (const address of [
      'data:image/gif;base64,R0lGOD',
      'blank.gif',
      '/img/placeholder.png',
      'lazy_placeholder.svg',
      'https://x.org/spacer.gif?v=2',
      'grey-pixel.gif',
    ])
      assert.ok(isPlaceholderAddress(address), address);
    // mozilla/readability test-pages/quanta-1: a picture whose name ends in “Grey”.
    const quanta = 'https://d2r55xnwy6nx47.cloudfront.net/uploads/2019/05/Acknowledgements_Clip_Grey.jpg';
    for (const address of ['photo.jpg', '/uploads/blanket.jpg', 'https://x.org/loadings/harbour.png', quanta, 'pixel-art-castle.png'])
      assert.ok(!isPlaceholderAddress(address), address);
  });

  it('reads srcset candidates whose addresses hold commas (Cloudinary)', () => {
    assert.equal(
      largestCandidate(
        'https://res.cloudinary.com/x/image/upload/c_scale,w_400/a.png 400w, https://res.cloudinary.com/x/image/upload/c_scale,w_1200/a.png 1200w',
      ),
      'https://res.cloudinary.com/x/image/upload/c_scale,w_1200/a.png',
    );
    assert.equal(largestCandidate('a.jpg 1x,b.jpg 2x'), 'b.jpg');
    assert.equal(largestCandidate('a.jpg, b.jpg'), 'a.jpg');
    assert.equal(largestCandidate(''), undefined);
  });
});
