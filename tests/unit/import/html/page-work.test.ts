import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { elementsOf } from '../../../../src/import/html/hast-tree.ts';
import { readIssue } from '../../../../src/import/html/page-issue.ts';
import { hasVisibleText, textStats } from '../../../../src/import/html/text-density.ts';
import { repoRoot } from '../../../helpers/project.ts';

const readabilityPages = path.join(repoRoot, 'tests/fixtures/import/real/readability');

describe('work on a big page grows with its size, not its size times its depth', () => {
  it('knows whether an element has visible text as textStats does, on every element of real pages', () => {
    let compared = 0;
    for (const name of readdirSync(readabilityPages).filter((file) => file.endsWith('.html'))) {
      const tree = fromHtml(readFileSync(path.join(readabilityPages, name), 'utf8'));
      for (const element of elementsOf(tree) as Element[]) {
        assert.equal(hasVisibleText(element), textStats(element).text > 0, `${name} <${element.tagName}>`);
        compared++;
      }
    }
    assert.ok(compared > 1000, `compared ${compared}`);
  });

  it('reads a page of 400 nested containers round 3,000 paragraphs for issue articles (each ancestor asked once: it took minutes)', () => {
    const depth = 400;
    const html = `${'<div class="wrapper" id="section-wrapper-block">'.repeat(depth)}<h2>One</h2><p>By Ann Smith</p>${'<p>Words of the article, and more words.</p>'.repeat(3000)}${'</div>'.repeat(depth)}`;
    assert.equal(readIssue(fromHtml(html, { fragment: true }), { order: 'day-first' }), undefined);
  });
});
