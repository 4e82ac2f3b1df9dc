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
  const { content: _content, metadataLines: _lines, metadataProblems, editors, ...metadata } = article;
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
