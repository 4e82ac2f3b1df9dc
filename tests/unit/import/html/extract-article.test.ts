import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectAll } from 'hast-util-select';
import { VFile } from 'vfile';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { collapsedText } from '../../../../src/import/html/hast-tree.ts';
import { fixtureFile, messagesOf, readFixture } from './helpers.ts';

function extract(name: string) {
  const file = fixtureFile(name);
  const article = extractArticle(String(file.value), file);
  return { file, article, text: article ? collapsedText(article.content) : '' };
}

function metadataOf(name: string) {
  const { article } = extract(name);
  assert.ok(article, `${name} has an article`);
  const { content: _content, metadataLines: _lines, dropped: _dropped, metadataProblems, editors, ...metadata } = article;
  assert.deepEqual(metadataProblems, [], `${name}: nothing to report about its metadata`);
  return { ...metadata, ...(editors.length > 0 ? { editors } : {}) };
}

function assertExcludes(text: string, fragments: readonly string[]) {
  for (const fragment of fragments) assert.ok(!text.includes(fragment), `“${fragment}” is not part of the article`);
}

describe('extractArticle: metadata', () => {
  it('WordPress classic theme with Yoast: JSON-LD author through its @graph, Open Graph date and site, canonical address', () => {
    assert.deepEqual(metadataOf('wordpress-classic.html'), {
      title: 'The Long Road to Samarkand',
      authors: ['Ruth Alder'],
      date: '2016-04-12',
      siteName: 'Steppe Notes',
      url: 'https://steppenotes.example.org/2016/04/12/the-long-road-to-samarkand/',
    });
  });

  it('WordPress classic theme without SEO tags: the byline and <time> in the entry footer, not the commenter', () => {
    const withoutSeo = readFixture('wordpress-classic.html').replace(/<!-- This site is optimized[\s\S]*?<!-- \/ Yoast SEO plugin. -->/, '');
    assert.ok(!withoutSeo.includes('og:title'));
    const article = extractArticle(withoutSeo, new VFile());
    assert.deepEqual(
      [article?.title, article?.authors, article?.date, article?.siteName],
      ['The Long Road to Samarkand', ['Ruth Alder'], '2016-04-12', 'Steppe Notes'],
    );
  });

  it('WordPress block theme without SEO tags: title heading, author block, <time>, site from the document title', () => {
    assert.deepEqual(metadataOf('wordpress-block.html'), {
      title: 'Counting the Wells',
      authors: ['Dilnoza Karimova'],
      date: '2023-11-20',
      siteName: 'Field Notes from the Aral',
      url: 'https://aralfieldnotes.example.com/counting-the-wells/',
    });
  });

  it('Substack: the subtitle shown under the title is the dek', () => {
    assert.deepEqual(metadataOf('substack.html'), {
      title: 'The Grain Ledger',
      authors: ['Amira Haddad'],
      date: '2024-02-06',
      siteName: 'The Dry Season',
      url: 'https://dryseason.substack.com/p/the-grain-ledger',
      excerpt: 'How a village kept its accounts through three droughts',
    });
  });

  it('Medium: the story title, not the SEO headline, and the subtitle paragraph as dek', () => {
    assert.deepEqual(metadataOf('medium.html'), {
      title: 'The Cartographer’s Error',
      authors: ['Tomas Lind'],
      date: '2023-03-14',
      siteName: 'Medium',
      url: 'https://medium.com/@tomaslind/the-cartographers-error-4f2a9c1d7e3b',
      excerpt: 'A map of the Kara-Kum that never was, and the expedition it sent astray',
    });
  });

  it('Ghost (Casper): the article excerpt shown in the header is the dek, not the meta description', () => {
    assert.deepEqual(metadataOf('ghost.html'), {
      title: 'Salt and Iron',
      authors: ['Ines Moreau'],
      date: '2022-08-30',
      siteName: 'Northwind Review',
      url: 'https://northwind.example.net/salt-and-iron/',
      excerpt: 'On the mines of the northern coast, and the families who kept them open',
    });
  });

  it('hand-made pages: <title>, meta author and date, or a “By …” line at the top of the text', () => {
    assert.deepEqual(metadataOf('hand-made-sup.html'), { title: 'Notes on a Border Town', authors: ['Peter Vance'], date: '2009-06-21' });
    assert.deepEqual(metadataOf('hand-made-word.html'), { title: 'Water and Power in the Fergana Valley', authors: ['Kamila Rashidova'] });
  });

  it('records the lines each field came from', () => {
    const { article } = extract('wordpress-classic.html');
    assert.deepEqual(
      article?.metadataLines.map(({ field, lines }) => `${field}:${lines.join('-')}`),
      ['title:65-65', 'authors:25-25', 'date:22-22', 'venue:19-19', 'source_url:13-13'],
    );
  });
});

describe('extractArticle: body', () => {
  it('takes the WordPress post content and the notes list printed after it, and nothing of the page around it', () => {
    const { text, article } = extract('wordpress-classic.html');
    assert.match(text, /^It was the third day out of Bukhara/);
    assert.match(text, /The M37 was being rebuilt/, 'the notes outside .entry-content come along');
    assertExcludes(text, [
      'Skip to content',
      'Primary Menu',
      'Share this:',
      'Recent Posts',
      'Tom Hale',
      'Proudly powered',
      'Posted on',
      'The Long Road to Samarkand',
    ]);
    assert.ok(article && selectAll('.footnotes li', article.content).length === 2);
  });

  it('leaves out Substack’s subscribe widget, share button, header and comments', () => {
    const { text } = extract('substack.html');
    assert.match(text, /^Every autumn the mill/);
    assertExcludes(text, ['Thanks for reading', 'Subscribe', 'Share', 'Sign in', 'Discussion about this post', 'The Grain Ledger', 'How a village kept']);
  });

  it('joins Medium’s sections and leaves out the title, dek, author bar and recommendations', () => {
    const { text } = extract('medium.html');
    assert.match(text, /^In the spring of 1882/);
    assert.match(text, /The expedition/);
    assertExcludes(text, ['Follow', '7 min read', 'More from Tomas Lind', 'Salt Roads', 'Sign in', 'The Cartographer’s Error', 'A map of the Kara-Kum']);
  });

  it('takes Ghost’s content section, not the header, related posts or footer', () => {
    const { text } = extract('ghost.html');
    assert.match(text, /^The last mine on the northern coast/);
    assertExcludes(text, ['Essays', '6 min read', 'The Last Shift', 'Powered by Ghost', 'Subscribe']);
  });

  it('falls back to Readability for a hand-made page, keeping the page’s line numbers and fetching the notes', () => {
    const { text, article } = extract('hand-made-sup.html');
    assert.match(text, /^Torugart is not a town/);
    assert.match(text, /The village is Kara-Suu/);
    assertExcludes(text, ['← Home', '21 June 2009', '© Peter Vance']);
    const firstParagraph = article && selectAll('p', article.content)[0];
    assert.equal(firstParagraph?.position?.start.line, 16);
  });
});

describe('extractArticle: pages without an article', () => {
  for (const [name, reason] of [
    ['index-page.html', /shows 3 posts \(an index or archive page\)/],
    ['empty-post.html', /post body on this page is empty/],
    ['navigation-only.html', /no article on this page/],
  ] as const) {
    it(`${name}: undefined, and an import-no-article error at 1:1`, () => {
      const { article, file } = extract(name);
      assert.equal(article, undefined);
      const messages = messagesOf(file, 'import-no-article');
      assert.equal(messages.length, 1);
      assert.deepEqual([messages[0]?.line, messages[0]?.column, messages[0]?.fatal], [1, 1, true]);
      assert.match(messages[0]?.reason ?? '', reason);
    });
  }

  it('but a photo post without text is an article', () => {
    const file = new VFile();
    const article = extractArticle('<h1 class="entry-title">Dusk</h1><div class="entry-content"><figure><img src="dusk.jpg"></figure></div>', file);
    assert.equal(article?.title, 'Dusk');
    assert.deepEqual(file.messages, []);
  });

  it('an empty document', () => {
    const file = new VFile({ value: '' });
    assert.equal(extractArticle('', file), undefined);
    assert.equal(messagesOf(file, 'import-no-article').length, 1);
  });
});

const prose = (topic: string) =>
  `<p>${topic} is the subject of this paragraph, which runs on long enough to read as the prose of an article rather than a caption, a label or a line of navigation; it has a second clause for good measure.</p>`;

describe('extractArticle: the article chosen by score', () => {
  it('a WordPress post (strafprozess.ch, Twenty Twelve): its two paragraphs, nothing of the share bar, related posts, comments, previous/next or sidebar', () => {
    const { text, article } = extract('strafprozess-wordpress-twentytwelve.html');
    assert.match(text, /^Auch Polizisten im Dienst können den Rasertatbestand/);
    assert.match(text, /nur wegen Art\. 90 Abs\. 2 SVG verurteilt hatte\.$/);
    assertExcludes(text, ['Drucken', 'Ähnliche Beiträge', 'Schreibe einen Kommentar', 'Wiederholungsgefahr', 'Newsletter abonnieren', 'Stolz präsentiert']);
    assert.deepEqual(
      article?.dropped.map(({ lines, reason }) => `${lines.join('-')} ${reason}`),
      ['289-289 site chrome: share buttons', '290-292 site chrome: related or recommended posts'],
    );
  });

  it('a documentation page: the text, not the site’s contents list, its own contents, previous/next links or the copyright line', () => {
    const links = Array.from({ length: 14 }, (_, index) => `<li><a href="/docs/topic-${index}/">Topic number ${index}</a></li>`).join('');
    const html = `<html><head><title>Configuration · Lantern</title></head><body>
<main class="container">
<nav class="docs-sidebar"><h4>Contents</h4><ul>${links}</ul></nav>
<div class="docs-content">
<h1>Configuration</h1>
<ul class="page-toc"><li><a href="#files">Files</a></li><li><a href="#environment">Environment</a></li><li><a href="#precedence">Precedence</a></li></ul>
${prose('Configuration')}
<h2 id="files">Files</h2>
${prose('The configuration file')}
<h2 id="environment">Environment</h2>
${prose('The environment')}
<h2 id="precedence">Precedence</h2>
${prose('Precedence')}
<div class="docs-footer-links"><a href="/docs/install/">← Installation</a> <a href="/docs/plugins/">Plugins →</a></div>
</div>
<p>© 2021 The Lantern contributors. All rights reserved.</p>
</main></body></html>`;
    const article = extractArticle(html, new VFile({ value: html }));
    const text = article ? collapsedText(article.content) : '';
    assert.match(text, /^Configuration is the subject/);
    assert.match(text, /^.*Precedence is the subject of this paragraph.*second clause for good measure\.$/);
    assertExcludes(text, ['Topic number', 'Installation', 'Plugins', '© 2021', 'Files Environment Precedence Configuration']);
    assert.deepEqual(
      article?.dropped.map(({ reason }) => reason),
      ['site chrome: table of contents', 'site chrome: previous/next links'],
      'the contents list and the copyright line are outside the chosen container; what was inside it is accounted for',
    );
  });

  it('a comment-guidelines block in a post-body class does not win over the article', () => {
    const html = `<html><body><article class="story">
<h1>Argentina opens with a win</h1>
<div class="article-body">${prose('The first match')}${prose('The second match')}${prose('The doubles')}</div>
<section id="comments"><div class="entry-content comment-guidelines"><p>When submitting content, please abide by our submission guidelines, and avoid posting profanity, personal attacks or harassment. Should you violate our submission guidelines, we reserve the right to remove your comments and block your account.</p></div></section>
</article></body></html>`;
    const article = extractArticle(html, new VFile({ value: html }));
    const text = article ? collapsedText(article.content) : '';
    assert.match(text, /^The first match is the subject/);
    assertExcludes(text, ['submission guidelines']);
  });

  it('a JSON-LD articleBody decides between two containers that both look like prose', () => {
    const body = 'The harbour was silted up by 1890, and the fishing fleet had moved to the next bay along the coast, where the water was deeper.';
    const html = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","articleBody":"${body} ${body}"}</script></head><body>
<div class="post-content"><p>${body}</p><p>${body}</p></div>
<div class="main-content">${prose('An unrelated box')}${prose('Another unrelated box')}${prose('A third unrelated box')}</div>
</body></html>`;
    const article = extractArticle(html, new VFile({ value: html }));
    assert.equal(collapsedText(article?.content ?? { type: 'root', children: [] }), `${body}${body}`);
  });

  it('a single post with a sidebar of recent posts and a grid of related posts is an article, not an archive', () => {
    const teaser = (n: number) =>
      `<article class="post"><h3><a href="/post-${n}/">Another post ${n}</a></h3><p>An excerpt of another post, long enough to look like one on a listing page of this blog.</p></article>`;
    const html = `<html><head><meta property="og:type" content="article"></head><body>
<main><article class="post hentry"><h1 class="entry-title">A short post</h1><div class="entry-content"><p>This post is short: two sentences about the weather in the hills this week. It rained.</p></div></article>
<section class="more">${teaser(1)}${teaser(2)}${teaser(3)}</section></main>
<aside class="sidebar"><h2>Recent posts</h2>${teaser(4)}${teaser(5)}${teaser(6)}</aside>
</body></html>`;
    const file = new VFile({ value: html });
    const article = extractArticle(html, file);
    assert.deepEqual(messagesOf(file, 'import-no-article'), []);
    assert.equal(
      collapsedText(article?.content ?? { type: 'root', children: [] }),
      'This post is short: two sentences about the weather in the hills this week. It rained.',
    );
  });

  it('a page that prints its article twice (a print copy) is one article', () => {
    const copy = `<div itemprop="articleBody">${prose('Retiring early')}${prose('Saving')}</div>`;
    const html = `<html><body><article>${copy}</article><div class="print-only"><article>${copy}</article></div></body></html>`;
    const file = new VFile({ value: html });
    assert.ok(extractArticle(html, file));
    assert.deepEqual(messagesOf(file, 'import-no-article'), []);
  });

  it('notes printed after the article come with it, whatever their classes say', () => {
    const html = `<html><body><div class="entry-content"><p>A claim that needs a source.<sup><a href="#fn1" id="ref1">1</a></sup> ${prose('The rest')}</p></div>
<div class="post-footer footnotes-widget"><ol><li id="fn1">The source, page 12. <a href="#ref1">↩</a></li></ol></div>
<div class="sharedaddy"><h3>Share this:</h3><a href="https://twitter.com/share">Twitter</a></div></body></html>`;
    const article = extractArticle(html, new VFile({ value: html }));
    const text = collapsedText(article?.content ?? { type: 'root', children: [] });
    assert.match(text, /The source, page 12\./);
    assertExcludes(text, ['Share this', 'Twitter']);
  });
});

describe('removeSiteChrome: what each kind of chrome looks like, and its reason', () => {
  const cases: [string, string, string][] = [
    [
      'previous/next by rel',
      '<nav class="post-navigation"><a rel="prev" href="/a/">← Older post</a><a rel="next" href="/b/">Newer post →</a></nav>',
      'site chrome: previous/next links',
    ],
    ['previous/next by its words', '<p><a href="/a/">« The winter road</a> | <a href="/b/">The spring thaw »</a></p>', 'site chrome: previous/next links'],
    [
      'share bar by its words',
      '<div><strong>Share this:</strong> <a href="https://twitter.com/intent">Twitter</a> <a href="https://facebook.com/sharer">Facebook</a></div>',
      'site chrome: share buttons',
    ],
    [
      'related posts under their heading',
      '<h3>Related posts</h3><ul><li><a href="/x/">One</a></li><li><a href="/y/">Two</a></li></ul>',
      'site chrome: related or recommended posts',
    ],
    ['related posts in French', '<p>Lire aussi : <a href="/z/">La route du sel</a></p>', 'site chrome: related or recommended posts'],
    [
      'a comment form',
      '<form action="/wp-comments-post.php"><p>Leave a Reply</p><textarea name="comment"></textarea></form>',
      'site chrome: comments or comment form',
    ],
    ['“Leave a comment”', '<p><a href="#respond">Leave a comment</a></p>', 'site chrome: comments or comment form'],
    [
      'newsletter box',
      '<div class="newsletter-signup"><p>Get the latest posts in your inbox every week.</p></div>',
      'site chrome: newsletter or subscription box',
    ],
    ['tag list', '<p>Tags: <a rel="tag" href="/tag/salt/">salt</a>, <a rel="tag" href="/tag/roads/">roads</a></p>', 'site chrome: tags and categories'],
    [
      'breadcrumbs',
      '<nav aria-label="breadcrumb" class="breadcrumbs"><a href="/">Home</a> › <a href="/essays/">Essays</a></nav>',
      'site chrome: navigation or breadcrumbs',
    ],
    ['copyright line', '<p>© 2019 Steppe Notes. All rights reserved.</p>', 'site chrome: copyright line'],
    ['newsletter line', '<p><a href="/subscribe/">Click here to subscribe to The Paradigm Newsletter</a></p>', 'site chrome: newsletter or subscription box'],
    [
      'comment count with its comments',
      '<h3>2 Comments</h3><ol class="thread"><li><p>Lovely post, thank you for writing it, I will share it with my friends at the club tonight, who will like it too.</p></li></ol>',
      'site chrome: comments or comment form',
    ],
    ['share line in German', '<p>Diesen Beitrag teilen: <a href="https://twitter.com/share">Twitter</a></p>', 'site chrome: share buttons'],
    ['advertisement label', '<div>Advertisement</div>', 'site chrome: advertisement'],
    [
      'what the page keeps out of print (MediaWiki)',
      '<p>Over forty thousand contributors<sup class="noprint Inline-Template">[<i><a href="/wiki/Wikipedia:Citation_needed">citation needed</a></i>]</sup> work on it.</p>',
      'site chrome: marked as not for print (edit links, “citation needed”, maintenance notes)',
    ],
  ];
  for (const [name, block, reason] of cases) {
    it(`${name}: dropped as “${reason}”`, () => {
      const html = `<html><body><div class="entry-content">${prose('The first point')}${block}${prose('The last point')}</div></body></html>`;
      const article = extractArticle(html, new VFile({ value: html }));
      const text = collapsedText(article?.content ?? { type: 'root', children: [] });
      assert.match(text, /^The first point.*The last point.*measure\.$/);
      assert.deepEqual([...new Set(article?.dropped.map((dropped) => dropped.reason))], [reason]);
    });
  }

  it('but the author’s own sentences that start like chrome stay', () => {
    for (const sentence of [
      '<p>Next year, the co-op says, there will be a second drying shed; <a href="/co-op/">its own account</a> is more hopeful.</p>',
      '<p>Share prices fell on the Tuesday, and <a href="/markets/">the market</a> did not recover until the spring.</p>',
      '<h2>Discussion</h2><p>The results above are weaker than they look: the sample is small, the wells were chosen by the villages, and two of them ran dry.</p>',
      '<p>If you were there, you can <a href="#respond">leave a comment</a> below; the census of <span class="date">1848</span> counted <span class="tags">nine wells</span>.</p>',
      '<h3>Related work</h3><p>Two earlier surveys counted the same wells, in 1961 and 1984, with methods close enough to ours to compare the totals directly.</p>',
      '<ul><li><a href="https://example.org/a">A reading list entry with a long title</a>, which the author recommends for its maps and its index of wells.</li><li><a href="https://example.org/b">A second book</a>, for the photographs.</li></ul>',
    ]) {
      const html = `<html><body><div class="entry-content">${prose('The first point')}${sentence}${prose('The last point')}</div></body></html>`;
      const article = extractArticle(html, new VFile({ value: html }));
      assert.deepEqual(article?.dropped, [], sentence);
    }
  });
});

describe('extractArticle: a date on the first line of the text', () => {
  it('is read only from the first paragraph: a later heading that names a month is a section of the text, and stays', () => {
    const html =
      '<!doctype html><html><head><title>A year of walking</title></head><body><article><h1>A year of walking</h1>' +
      '<p>I kept notes of every walk I took that year, where I went and who came along.</p>' +
      '<h2>May 2019</h2><p>The first walk went up the hill behind the house, in the rain.</p>' +
      '<h2>June 2019</h2><p>In June the paths were dry and the evenings long enough to go further.</p></article></body></html>';
    const article = extractArticle(html, new VFile({ path: 'walking.html', value: html }));
    assert.ok(article);
    assert.equal(article.date, undefined);
    assert.deepEqual(
      selectAll('h2', article.content).map((heading) => collapsedText(heading)),
      ['May 2019', 'June 2019'],
    );
  });
});
