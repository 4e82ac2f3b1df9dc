import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { collapsedText } from '../../../../src/import/html/hast-tree.ts';
import { repoRoot } from '../../../helpers/project.ts';

// adbar/trafilatura's tests/cache/changelog.blog.zwischenbilanz.html (Apache-2.0; tests/fixtures/import/real/PROVENANCE.md):
// after the interview, links to an event and to the site's other posts, each run announced by a bold line.
const pagePath = 'tests/fixtures/import/real/trafilatura/changelog.blog.zwischenbilanz.html';
const page = readFileSync(path.join(repoRoot, pagePath), 'utf8');
const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `<p>Absatz ${i + 1}: Das wird sehr positiv aufgenommen, und wir zwingen niemanden in ein Korsett; fast alles ist ergänzend.</p>`,
  ).join('\n');

describe('a run of links after the text, announced by a short line', () => {
  it('goes with the line that announces it (a bold “Weiterführende Links:” left alone said nothing)', () => {
    const article = extractArticle(page, new VFile({ path: pagePath, value: page }));
    assert.ok(article);
    const text = collapsedText(article.content);
    assert.match(text, /Vielen Dank für das interessante Interview!/);
    assert.doesNotMatch(text, /Weiterführende Links|Verwandte Themen|Zur Website von SportScheck/);
  });

  it('a line ending with a colon before the author’s own prose stays', () => {
    const html = `<html><head><title>T</title></head><body><article><h1>T</h1>${prose(6)}<p><strong>Zum Schluss:</strong></p><p>Ein letzter Absatz mit genug Worten, um Prosa zu sein, und ohne einen einzigen Link darin.</p></article></body></html>`;
    const article = extractArticle(html, new VFile({ path: 'page.html', value: html }));
    assert.ok(article);
    assert.match(collapsedText(article.content), /Zum Schluss:/);
  });
});
