import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { readablePick } from '../../../../src/import/html/article-choice.ts';
import { collapsedText, elementsOf } from '../../../../src/import/html/hast-tree.ts';
import { importSource } from '../../../../src/import/import.ts';

/**
 * Pages from document generators, on lines of Pandoc's own HTML5 writer output (`test/writer.html5`
 * in jgm/pandoc, GPL-2.0-or-later test data; the whole page is the corpus entry
 * `html/pandoc-test-suite-html5`).
 */

function importPage(html: string) {
  const file = new VFile({ path: 'page.html', value: html });
  const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
  assert.ok(piece, 'the page gives a chapter');
  return { piece, markdown: bodyToMarkdown(piece.body), file };
}

const head = `<head>
  <meta charset="utf-8" />
  <meta name="generator" content="pandoc" />
  <meta name="author" content="John MacFarlane" />
  <title>Pandoc Test Suite</title>
</head>`;
const header = `<header id="title-block-header">
<h1 class="title">Pandoc Test Suite</h1>
<p class="author">John MacFarlane</p>
</header>
<p>This is a set of tests for pandoc. Most of them are adapted from John
Gruber’s markdown test suite.</p>
<hr />`;
const paragraphs = `<h1 id="paragraphs">Paragraphs</h1>
<p>Here’s a regular paragraph.</p>
<p>In Markdown 1.0.0 and earlier. Version 8. This line turns into a list item.
Because a hard-wrapped line in the middle of a paragraph looked like a list
item.</p>
<p>Here’s one with a bullet. * criminey.</p>
<p>There should be a hard line break<br />
here.</p>
<hr />
<h1 id="block-quotes">Block Quotes</h1>
<p>E-mail style:</p>
<blockquote>
<p>This is a block quote. It is pretty short.</p>
</blockquote>
<p>This should not be a block quote: 2 &gt; 1.</p>
<p>And a following paragraph.</p>
<hr />
<h1 id="smart-quotes-ellipses-dashes">Smart quotes, ellipses, dashes</h1>
<p>“Hello,” said the spider. “‘Shelob’ is my name.”</p>
<p>‘A’, ‘B’, and ‘C’ are letters.</p>
<p>‘Oak,’ ‘elm,’ and ‘beech’ are names of trees. So is ‘pine.’</p>
<p>‘He said, “I want to go.”’ Were you alive in the 70’s?</p>
<p>Some dashes: one—two — three—four — five.</p>
<p>Dashes between numbers: 5–7, 255–66, 1987–1999.</p>`;

describe('generator pages: what reads as chrome and is the text', () => {
  it('keeps a heading whose generated id is a chrome word (Pandoc’s <h1 id="headers">)', () => {
    const { markdown, file } = importPage(`<!DOCTYPE html><html>${head}<body>
${header}
<h1 id="headers">Headers</h1>
<h2 id="level-2-with-an-embedded-link">Level 2 with an <a href="/url">embedded
link</a></h2>
<h3 id="level-3-with-emphasis">Level 3 with <em>emphasis</em></h3>
${paragraphs}
</body></html>`);
    assert.match(markdown, /^#+ Headers$/m);
    assert.match(markdown, /^#+ Level 2 with an \[embedded link\]\(\/url\)$/m);
    assert.ok(!file.messages.some((message) => /Headers/.test(message.reason)), 'nothing reports the heading as left out');
  });

  it('hands Readability the heading without its generated id, so that it keeps it in the article', () => {
    const page = fromHtml(`<!DOCTYPE html><html>${head}<body>
${header}
<h1 id="headers">Headers</h1>
<h2 id="level-2-with-an-embedded-link">Level 2 with an <a href="/url">embedded
link</a></h2>
${paragraphs}
</body></html>`);
    const picked = readablePick(page)?.elements ?? [];
    const kept = picked.flatMap((element) => [element, ...elementsOf(element)]).filter((element) => element.tagName === 'h1' || element.tagName === 'h2');
    assert.ok(
      kept.some((heading) => collapsedText(heading) === 'Headers'),
      'Readability keeps <h1 id="headers">',
    );
    const heading = elementsOf(page).find((element) => element.tagName === 'h1' && collapsedText(element) === 'Headers');
    assert.equal(heading?.properties.id, 'headers', 'the page keeps the id');
  });

  it('keeps “copyright: ©” in a list of signs: a copyright notice names a holder or a year', () => {
    const { markdown, file } = importPage(`<!DOCTYPE html><html>${head}<body>
${header}
${paragraphs}
<h1 id="special-characters">Special Characters</h1>
<p>Here is some unicode:</p>
<ul>
<li>I hat: Î</li>
<li>o umlaut: ö</li>
<li>section: §</li>
<li>set membership: ∈</li>
<li>copyright: ©</li>
</ul>
<p>AT&amp;T has an ampersand in their name.</p>
</body></html>`);
    assert.match(markdown, /^- copyright: ©$/m);
    assert.ok(!file.messages.some((message) => message.ruleId === 'import-chrome-dropped' && /copyright/.test(message.reason)));
  });
});
