import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { collapsedText } from '../../../../src/import/html/hast-tree.ts';
import { repoRoot } from '../../../helpers/project.ts';

// A real Blogger page (emacspeak.blogspot.com, the corpus entry html/blogger-emacspeak-defadvice).
const pagePath = 'tests/corpus/html/blogger-emacspeak-defadvice/meta-programming.html';
const page = readFileSync(path.join(repoRoot, pagePath), 'utf8');
const lines = page.split('\n');

/** Lines `from`–`to` (1-based, inclusive) of the real page. */
function pageLines(from: number, to: number): string {
  return lines.slice(from - 1, to).join('\n');
}

function extract(html: string) {
  const file = new VFile({ path: pagePath, value: html });
  const article = extractArticle(html, file);
  assert.ok(article, 'the page has an article');
  return { ...article, text: collapsedText(article.content) };
}

describe('Blogger post pages', () => {
  it('the post inside div.widget.Blog: its “Posted by” footer and date are the article’s, not a widget’s', () => {
    const article = extract(page);
    assert.equal(article.title, 'Meta-Programming In Emacs Using Defadvice');
    assert.deepEqual(article.authors, ['T. V. Raman']);
    assert.equal(article.date, '2019-10-16');
    assert.equal(article.siteName, 'EMACSPEAK The Complete Audio Desktop');
  });

  it('the post block alone (lines 617–727): the same byline, read from the post’s own microdata item', () => {
    const article = extract(
      `<html><head><title>EMACSPEAK  The Complete Audio Desktop: Meta-Programming In Emacs Using Defadvice</title></head><body>${pageLines(617, 727)}</body></html>`,
    );
    assert.deepEqual(article.authors, ['T. V. Raman']);
    assert.equal(article.date, '2019-10-16');
    // The post's title is its `h3.post-title`, not the `<h1>` the author's Org export put in the body.
    assert.equal(article.title, 'Meta-Programming In Emacs Using Defadvice');
  });

  it('a real widget stays chrome: without the post’s byline, the profile box’s rel=author link is no byline', () => {
    const withoutByline = page.replace(/<span class='post-author vcard'>[\s\S]*?<\/span>\n<\/span>/, '');
    assert.ok(!withoutByline.includes('Posted by'));
    const article = extract(withoutByline);
    assert.deepEqual(article.authors, []);
    assert.ok(!article.text.includes('View my complete profile'));
  });

  it('the author’s own “4 References” section of links closing the post is kept; a “See also” list of links is not', () => {
    const article = extract(page);
    assert.ok(article.text.includes('Emacspeak At Twenty, Looking Back, Looking Forward'));
    assert.ok(article.text.includes('Chapter from the book entitled Beautiful Code'));
    const seeAlso = page.replace('<span class="section-number-2">4</span> References</h2>', '<span class="section-number-2">4</span> See also</h2>');
    assert.ok(!extract(seeAlso).text.includes('Emacspeak At Twenty, Looking Back, Looking Forward'));
  });
});
