import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { collapsedText } from '../../../../src/import/html/hast-tree.ts';
import { repoRoot } from '../../../helpers/project.ts';

// A real hand-made personal site (ebb.org/bkuhn, the corpus entry html/ebb-bkuhn-controversial-events).
const pagePath = 'tests/corpus/html/ebb-bkuhn-controversial-events/post.html';
const page = readFileSync(path.join(repoRoot, pagePath), 'utf8');
const lines = page.split('\n');
const pageLines = (from: number, to: number) => lines.slice(from - 1, to).join('\n');

function extract(html: string) {
  const article = extractArticle(html, new VFile({ path: pagePath, value: html }));
  assert.ok(article, 'the page has an article');
  return { ...article, text: collapsedText(article.content) };
}

// The post (lines 402–456): title, “Tuesday 15 October 2019 by Bradley M. Kuhn”, the text, “Posted on … by …”.
const post = pageLines(402, 456);

describe('a personal site without Open Graph or JSON-LD', () => {
  it('a byline that gives the day before the name (“Tuesday 15 October 2019 by Bradley M. Kuhn”) names the author', () => {
    const article = extract(`<html><head></head><body>${post}</body></html>`);
    assert.deepEqual(article.authors, ['Bradley M. Kuhn']);
    assert.equal(article.date, '2019-10-15');
  });

  it('<meta name="author" content="Bradley M. Kuhn (http://ebb.org/bkuhn/)">: the name without its address', () => {
    const withoutBylines = post.replace(/<p class="(?:top|bottom)AttributionWithDate">[\s\S]*?<\/p>/g, '');
    assert.ok(!withoutBylines.includes(' by Bradley'));
    assert.deepEqual(extract(`<html><head>${pageLines(8, 8)}</head><body>${withoutBylines}</body></html>`).authors, ['Bradley M. Kuhn']);
  });

  it('a sentence that mentions a day and a “by” is no byline', () => {
    const sentence = '<p>On 3 May 2020 the first draft was read by the whole board of the foundation, which met at length.</p>';
    const withoutBylines = post.replace(/<p class="(?:top|bottom)AttributionWithDate">[\s\S]*?<\/p>/g, sentence);
    assert.deepEqual(extract(`<html><head></head><body>${withoutBylines}</body></html>`).authors, []);
  });

  it('the loose paragraphs after the page’s <p id="footer"> are its footer, not the article', () => {
    const article = extract(page);
    assert.ok(article.text.includes('Most importantly, I believe we must find a way to stand firm for software freedom'));
    for (const footer of ['Both previously and presently, I have been employed', 'is a service mark of Bradley M. Kuhn', 'std/disclaimer.h'])
      assert.ok(!article.text.includes(footer), `“${footer}” is the site's footer`);
  });
});
