import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Link } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';

function linksOf(body: string) {
  const parsed = parseChapter(new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\n---\n\n${body}\n` }));
  assert.ok(parsed);
  const links: { url: string; text: string }[] = [];
  visit(parsed.tree, 'link', (link: Link) => {
    links.push({ url: link.url, text: plainText(link) });
  });
  return { links, text: plainText(parsed.tree) };
}

describe('a chapter: addresses typed inside quotes', () => {
  it('leaves closing quotes and guillemets out of literal and <…> autolinks', () => {
    // The first as the import wrote such a note before it kept the quote out (more-notes-9's Programming Historian note 14).
    const { links, text } = linksOf(
      'Grün and Hornik. “<https://cran.r-project.org/web/packages/topicmodels/index.html”>. Le site « https://example.org/page » et ‘www.example.com/a’.',
    );
    assert.deepEqual(links, [
      { url: 'https://cran.r-project.org/web/packages/topicmodels/index.html', text: 'https://cran.r-project.org/web/packages/topicmodels/index.html' },
      { url: 'https://example.org/page', text: 'https://example.org/page' },
      { url: 'http://www.example.com/a', text: 'www.example.com/a' },
    ]);
    assert.match(text, /index\.html”\. Le site « https:\/\/example\.org\/page » et ‘www\.example\.com\/a’\.$/);
  });

  it('keeps a link whose words are not its address as written', () => {
    const { links } = linksOf('[“a quoted title”](https://example.org/a”b)');
    assert.deepEqual(links, [{ url: 'https://example.org/a”b', text: '“a quoted title”' }]);
  });
});
