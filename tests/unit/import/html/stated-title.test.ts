import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { repoRoot } from '../../../helpers/project.ts';

// A real Tumblr page (the corpus entry html/tumblr-minecraft-bountiful-update).
const pagePath = 'tests/corpus/html/tumblr-minecraft-bountiful-update/post.html';
const lines = readFileSync(path.join(repoRoot, pagePath), 'utf8').split('\n');
const pageLines = (from: number, to: number) => lines.slice(from - 1, to).join('\n');

function titleOf(html: string): string | undefined {
  return extractArticle(html, new VFile({ path: pagePath, value: html }))?.title;
}

describe('the title the page declares, shown in a heading', () => {
  // The body (lines 741–791): the blog's name as the only <h1>, the post's title as an <h3> permalink.
  const body = pageLines(741, 791);

  it('og:title said again by an <h3> wins over a lone <h1> that names the blog', () => {
    assert.equal(titleOf(`<html><head>${pageLines(92, 92)}</head>${body}</html>`), 'Minecraft 1.8 - The Bountiful Update');
  });

  it('so does the JSON-LD headline (lines 111–122) without Open Graph', () => {
    assert.equal(titleOf(`<html><head>${pageLines(111, 122)}</head>${body}</html>`), 'Minecraft 1.8 - The Bountiful Update');
  });

  it('with nothing declared, or no heading that says it, the lone <h1> stays', () => {
    assert.equal(titleOf(`<html><head></head>${body}</html>`), 'Minecraft News');
    const otherTitle = pageLines(92, 92).replace('Minecraft 1.8 - The Bountiful Update', 'Minecraft 1.8 is out');
    assert.equal(titleOf(`<html><head>${otherTitle}</head>${body}</html>`), 'Minecraft News');
  });
});

describe('a page whose every section is an <h1>', () => {
  // The shape of the SRE book's chapter pages (HTMLBook): the chapter's <h1>, its byline, then
  // one <h1> per section; the document title names only the book.
  const section = (title: string) =>
    `<section><h1 class="heading jumptargets">${title}</h1><p>${'Monitoring a complex application is a significant engineering endeavor in and of itself. '.repeat(3)}</p></section>`;
  const page = (byline: string) =>
    `<html><head><title>Google - Site Reliability Engineering</title></head><body><div id="maia-main"><h1 class="heading jumptargets">Monitoring Distributed Systems</h1>${byline}${section('Definitions')}${section('Why Monitor?')}${section('Conclusion')}</div></body></html>`;

  it('the <h1> the byline follows is the title', () => {
    const html = page('<p class="byline author">Written by Rob Ewaschuk<br>Edited by Betsy Beyer</p>');
    const article = extractArticle(html, new VFile({ path: 'page.html', value: html }));
    assert.equal(article?.title, 'Monitoring Distributed Systems');
    assert.deepEqual([article?.authors, article?.editors], [['Rob Ewaschuk'], ['Betsy Beyer']]);
  });

  it('without a byline none of them is chosen over the document title', () => {
    const html = page('');
    assert.equal(extractArticle(html, new VFile({ path: 'page.html', value: html }))?.title, 'Google - Site Reliability Engineering');
  });
});
