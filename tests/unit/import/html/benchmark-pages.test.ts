import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { repoRoot } from '../../../helpers/project.ts';

/**
 * News pages of scrapinghub/article-extraction-benchmark (tests/fixtures/import/real/PROVENANCE.md),
 * kept as the benchmark keeps them (gzipped), named by the start of their hash and imported as a user would.
 */
const folder = 'tests/fixtures/import/real/article-extraction-benchmark';

function importPage(hash: string) {
  const name = readdirSync(path.join(repoRoot, folder)).find((file) => file.startsWith(hash));
  assert.ok(name, `no fixture ${hash}`);
  const relative = `${folder}/${name}`;
  const html = gunzipSync(readFileSync(path.join(repoRoot, relative))).toString('utf8');
  const file = new VFile({ path: relative.replace(/\.gz$/, ''), value: html });
  const result = importHtml(file, { defaultAuthor: undefined });
  return result.pieces.map((piece) => ({ meta: piece.meta, markdown: bodyToMarkdown(piece.body) }));
}

describe('benchmark pages: whom a byline names', () => {
  it('an agency’s desk and title after the name is no author, and the name is read from its cue (chron.com, AP: “By ROBERT BURNS, AP National Security Writer”)', () => {
    const [piece] = importPage('db6b0816c6');
    assert.deepEqual(piece?.meta.authors, ['Robert Burns']);
  });

  it('the newsroom closing a list of writers is their affiliation (ctpost.com: “By MEG KINNARD and ERRIN HAINES, Associated Press”)', () => {
    const [piece] = importPage('a6968f427c');
    assert.deepEqual(piece?.meta.authors, ['Meg Kinnard', 'Errin Haines']);
  });

  it('the outlet after a comma in an author tag is no author (businessinsider: “Tanza Loudenback, Business Insider”)', () => {
    const [piece] = importPage('f81c6c05d9');
    assert.deepEqual(piece?.meta.authors, ['Tanza Loudenback']);
  });

  it('a person after the comma stays an author, even on a blog that bears their name; an outlet dropped is reported', () => {
    const page = (authors: string, site: string, host: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Notes on sourdough</title><meta name="author" content="${authors}"><meta property="og:site_name" content="${site}">
<link rel="canonical" href="https://${host}/2023/05/sourdough/"><meta property="article:published_time" content="2023-05-01">
</head><body><article><h1>Notes on sourdough</h1>
<p>We baked bread together for a year and wrote down what we learned along the way, the two of us, in turns.</p>
<p>The starter needs feeding twice a day when the kitchen is warm, and once when it is cold.</p></article></body></html>`;
    const read = (html: string) => {
      const file = new VFile({ path: 'post.html', value: html });
      const result = importHtml(file, { defaultAuthor: undefined });
      return { authors: result.pieces[0]?.meta.authors, dropped: file.messages.filter((message) => message.ruleId === 'import-author-dropped') };
    };
    const blog = read(page('Jane Doe, John Roe', 'John Roe', 'johnroe.com'));
    assert.deepEqual(blog.authors, ['Jane Doe', 'John Roe']);
    assert.equal(blog.dropped.length, 0);
    assert.deepEqual(read(page('Judith Martin, Emily Post', 'Etiquette Notes', 'etiquette-notes.example')).authors, ['Judith Martin', 'Emily Post']);
    const outlet = read(page('Tanza Loudenback, Business Insider', 'Business Insider', 'www.businessinsider.com'));
    assert.deepEqual(outlet.authors, ['Tanza Loudenback']);
    assert.match(outlet.dropped[0]?.message ?? '', /“Business Insider”/);
    assert.deepEqual(read(page('Jill Disis, CNN Business', 'CNN', 'edition.cnn.com')).authors, ['Jill Disis']);
  });

  it('a person linked in a sentence of the text is written about, not the writer, and stays in the sentence (aljazeera.com)', () => {
    const [piece] = importPage('7916ecca96');
    assert.ok(!piece?.meta.authors.includes('Donald Trump'), String(piece?.meta.authors));
    assert.match(piece?.markdown ?? '', /US President \[Donald Trump\]\([^)]*\) has been eager to withdraw/);
  });
});

describe('benchmark pages: a section of the site is no author', () => {
  const dropped = (hash: string) => {
    const relative = `${folder}/${readdirSync(path.join(repoRoot, folder)).find((file) => file.startsWith(hash))}`;
    const file = new VFile({ path: relative, value: gunzipSync(readFileSync(path.join(repoRoot, relative))).toString('utf8') });
    const [piece] = importHtml(file, { defaultAuthor: undefined }).pieces;
    const reasons = file.messages.filter((message) => message.ruleId === 'import-author-dropped').map((message) => message.reason);
    return { authors: piece?.meta.authors, reasons };
  };

  it('the categories beside the writer under the title (morebikes.co.uk: “Tony Carter All, Books, Kit Reviews, News”, each rel=category), each reported', () => {
    const { authors, reasons } = dropped('30b771a40a');
    assert.deepEqual(authors, ['Tony Carter']);
    for (const name of ['Books', 'Kit Reviews', 'News'])
      assert.ok(
        reasons.some((reason) => reason.startsWith(`“${name}” is a link to a section of the site`)),
        reasons.join('\n'),
      );
  });

  it('the section a byline links to where the menu does too (cnn.com: “By Jill Disis, CNN Business”)', () => {
    const { authors, reasons } = dropped('d605bdef2c');
    assert.deepEqual(authors, ['Jill Disis']);
    assert.ok(reasons.some((reason) => reason.startsWith('“CNN Business” is a link to a section of the site its menu has too')));
  });

  const page = (byline: string, menu: string) => `<!doctype html><html lang="en"><head><title>Notes on sourdough</title>
<link rel="canonical" href="https://janedoe.example/2023/05/sourdough/"></head><body>
<nav class="menu">${menu}</nav><article><h1>Notes on sourdough</h1><p class="byline">${byline}</p>
<p>We baked bread together for a year and wrote down what we learned along the way, the two of us, in turns, every Sunday.</p>
<p>The starter needs feeding twice a day when the kitchen is warm, and once when it is cold, and it forgives a missed day.</p></article></body></html>`;
  const authorsOf = (html: string) => importHtml(new VFile({ path: 'page.html', value: html }), { defaultAuthor: undefined }).pieces[0]?.meta.authors;

  it('a person stays: named in a personal site’s menu, or marked as the writer beside a category of the same name', () => {
    assert.deepEqual(authorsOf(page('By Jane Doe', '<a href="/about/">Jane Doe</a> <a href="/archive/">Archive</a>')), ['Jane Doe']);
    assert.deepEqual(authorsOf(page('By <a rel="author" href="/author/jane/">Jane Doe</a>', '<a href="/category/jane-doe/" rel="category">Jane Doe</a>')), [
      'Jane Doe',
    ]);
  });

  it('a category linked in a byline by its address alone is left out (“By Jane Doe, <a href="/category/recipes/">Recipes</a>”)', () => {
    const withLink = authorsOf(page('By Jane Doe, <a href="/category/recipes/">Recipes</a>', ''));
    assert.deepEqual(withLink, ['Jane Doe']);
  });
});

describe('benchmark pages: the dek', () => {
  it('a widget’s subtitle in the top bar, before the title, is no dek (nj.com: “AccuWeather.com Quick Look”)', () => {
    const [piece] = importPage('3f65af7b6b');
    assert.equal(piece?.meta.standfirst, undefined);
  });

  it('a kicker over the headline is no dek (digg.com: “STREAM BIG”)', () => {
    const [piece] = importPage('680c2848e9');
    assert.equal(piece?.meta.standfirst, undefined);
  });

  it('the subtitle of a link to another story is no dek, and its teaser is related-stories chrome (rt.com: “Also on rt.com”)', () => {
    const [piece] = importPage('4a44ab3e4c');
    assert.equal(piece?.meta.standfirst, undefined);
    assert.doesNotMatch(piece?.markdown ?? '', /Also on rt\.com|threatened with sedition arrests/);
  });
});

describe('benchmark pages: chrome in the text', () => {
  it('a paragraph that is one link in capitals is another story’s headline or a call to the reader, left out with its reason (foxbusiness.com)', () => {
    const relative = `${folder}/${readdirSync(path.join(repoRoot, folder)).find((file) => file.startsWith('51374560f4'))}`;
    const file = new VFile({ path: relative, value: gunzipSync(readFileSync(path.join(repoRoot, relative))).toString('utf8') });
    const [piece] = importHtml(file, { defaultAuthor: undefined }).pieces;
    const markdown = piece ? bodyToMarkdown(piece.body) : '';
    assert.doesNotMatch(markdown, /CO-FOUNDER 'PROUD' OF HOME DEPOT|GET FOX BUSINESS ON THE GO|READ MORE ON FOX BUSINESS/);
    // The text around them stays.
    assert.match(markdown, /Home Depot shares are up 39 percent year-to-date/);
    const reasons = file.messages.filter((message) => message.ruleId === 'import-chrome-dropped').map((message) => message.reason);
    assert.ok(reasons.some((reason) => /related or recommended posts: “CO-FOUNDER 'PROUD'/.test(reason)));
    assert.ok(reasons.some((reason) => /a call to the reader .*“GET FOX BUSINESS ON THE GO BY CLICKING HERE”/.test(reason)));
  });
});

describe('benchmark pages: other posts after the article', () => {
  it('a heading that says so over posts of the site (“Você pode gostar...” over six <article>s) goes with them, each reported (mensagensreflexao.com.br)', () => {
    const relative = `${folder}/${readdirSync(path.join(repoRoot, folder)).find((file) => file.startsWith('b3c19dd5f0'))}`;
    const file = new VFile({ path: relative, value: gunzipSync(readFileSync(path.join(repoRoot, relative))).toString('utf8') });
    const [piece] = importHtml(file, { defaultAuthor: undefined }).pieces;
    const markdown = piece ? bodyToMarkdown(piece.body) : '';
    assert.match(markdown, /^::figure\{remote="[^"]+cada-um-e-responsavel.jpg"\}\n\nViver uma verdadeira experiência amorosa .* Um Amor de Verdade\n$/);
    const reasons = file.messages.filter((message) => message.ruleId === 'import-chrome-dropped').map((message) => message.reason);
    assert.ok(reasons.includes('left out related or recommended posts: “Você pode gostar...”'), reasons.join('\n'));
    assert.equal(reasons.filter((reason) => /related or recommended posts: “Whatsapp Facebook Pint Baixar/.test(reason)).length, 6);
  });

  it('teasers of the site’s pages, a picture and a title linking to one page with a line about it, under “Самые популярные диеты” (vse-diety.com)', () => {
    const relative = `${folder}/${readdirSync(path.join(repoRoot, folder)).find((file) => file.startsWith('ff0f958ade'))}`;
    const file = new VFile({ path: relative, value: gunzipSync(readFileSync(path.join(repoRoot, relative))).toString('utf8') });
    const [piece] = importHtml(file, { defaultAuthor: undefined }).pieces;
    const markdown = piece ? bodyToMarkdown(piece.body) : '';
    assert.doesNotMatch(markdown, /Самые популярные диеты|Гречневая диета|Диета Монтиньяка/);
    const reasons = file.messages.filter((message) => message.ruleId === 'import-chrome-dropped').map((message) => message.reason);
    assert.ok(reasons.includes('left out related or recommended posts: “Самые популярные диеты”'), reasons.join('\n'));
  });

  const page = (after: string) => `<!doctype html><html lang="pt"><head><title>Só quem se ama</title></head><body><article>
<h1>Só quem se ama</h1><div class="entry-content">
<p>Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida. Gostar é sentir com a alma, mas expressar os sentimentos depende das idéias de cada um.</p>
<p>Condicionamos o amor às nossas necessidades neuróticas e acabamos com ele. Vivemos uma vida tentando fazer com que os outros se responsabilizem pelas nossas necessidades.</p>
${after}</div></article></body></html>`;
  const markdownOf = (html: string) => {
    const [piece] = importHtml(new VFile({ path: 'page.html', value: html }), { defaultAuthor: undefined }).pieces;
    return piece ? bodyToMarkdown(piece.body) : '';
  };
  const teasers = ['otimismo', 'familia-unida']
    .map(
      (slug) =>
        `<article class="post"><a href="/${slug}" rel="bookmark"><img src="/${slug}.jpg" alt=""></a><p>Texto de outra mensagem do site, com palavras bastantes para ser lido como prosa de um resumo.</p></article>`,
    )
    .join('\n');

  it('the words without the posts are the author’s: a heading over prose, a table cell', () => {
    const prose =
      '<h3>Você pode gostar...</h3>\n<p>De si mesmo, antes de tudo: quem se ama encontra em sua vida um amor de verdade, e o dá aos outros sem medo.</p>';
    assert.match(markdownOf(page(prose)), /## Você pode gostar\.\.\.\n\nDe si mesmo, antes de tudo/);
    const table = '<table><tr><th>Pergunta</th><th>Resposta</th></tr><tr><td>Você pode gostar</td><td>de si mesmo</td></tr></table>';
    assert.match(markdownOf(page(table)), /\| Você pode gostar \| de si mesmo \|/);
  });

  it('the posts without the words stay too (a heading of the author’s over two excerpts)', () => {
    assert.match(
      markdownOf(page(`<h3>Duas cartas</h3>\n${teasers}`)),
      /## Duas cartas\n\n::figure[\s\S]*Texto de outra mensagem[\s\S]*Texto de outra mensagem/,
    );
  });

  it('the words and the posts go together, in any of the languages the cues know', () => {
    for (const heading of ['Você pode gostar...', 'You might also like', 'Das könnte Sie auch interessieren', 'Te puede interesar']) {
      const markdown = markdownOf(page(`<h3>${heading}</h3>\n${teasers}`));
      assert.doesNotMatch(markdown, /Texto de outra mensagem|##/, heading);
      assert.match(markdown, /Condicionamos o amor/);
    }
  });
});

describe('benchmark pages: a slideshow in the text', () => {
  it('its buttons, its caption’s more/less toggle and the caption’s cut-short copy are left out; the caption stays (chron.com, Hearst’s gallery)', () => {
    const [piece] = importPage('db6b0816c6');
    const markdown = piece?.markdown ?? '';
    assert.doesNotMatch(markdown, /^(Caption|Close|Back to Gallery)$/m);
    assert.doesNotMatch(markdown, / less$|\.\.\. more$/m);
    assert.doesNotMatch(markdown, /strengthen the military relations$/m);
    assert.match(markdown, /Esper is on a visit to Vietnam to strengthen the military relations with the Southeast Asian nation\.$/m);
  });

  it('a counter or a button word outside a gallery is the text’s own: a table’s score, a list’s items', () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scores</title><meta name="author" content="Jane Doe"></head><body><article><h1>Scores</h1>
<p>The season's results, as the league published them in its final table for the year, are below.</p>
<table><tr><th>Team</th><th>Won</th></tr><tr><td>Rovers</td><td>3/4</td></tr><tr><td>United</td><td>1 of 4</td></tr></table>
<ol><li>Close</li><li>Caption</li><li>Full screen</li></ol>
<p>After that the season closed.</p>
<div class="fixedfortop"><a href="javascript:;" class="closbtn">Close</a></div>
</article></body></html>`;
    const result = importHtml(new VFile({ path: 'scores.html', value: html }), { defaultAuthor: undefined });
    const markdown = bodyToMarkdown(result.pieces[0]?.body ?? { type: 'root', children: [] });
    assert.match(markdown, /\| Rovers +\| 3\/4 +\|/);
    assert.match(markdown, /\| United +\| 1 of 4 +\|/);
    assert.match(markdown, /^1\. Close\n2\. Caption\n3\. Full screen$/m);
    // An overlay's button that leads nowhere is still a control (moneycontrol's advertisement).
    assert.doesNotMatch(markdown.split('3. Full screen')[1] ?? '', /Close/);
  });

  it('its counters are left out (space.com: “Image 1 of 5”)', () => {
    const [piece] = importPage('c50845a715');
    assert.doesNotMatch(piece?.markdown ?? '', /Image \d of 5/);
    assert.match(piece?.markdown ?? '', /The newly selected five are:/);
  });
});

describe('benchmark pages: captions', () => {
  it('a picture and its caption in a box of their own, without <figure>, are one figure with its caption and credit (express.co.uk)', () => {
    const [piece] = importPage('ba4dfe2d3e');
    const markdown = piece?.markdown ?? '';
    assert.match(markdown, /^::figure\[Yersina pestis causes the plague\]\{credit="Image: GETTY" /m);
    assert.doesNotMatch(markdown, /^Yersina pestis causes the plague/m);
  });
});
