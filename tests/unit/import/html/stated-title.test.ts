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
