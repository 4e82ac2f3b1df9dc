import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { parseChapter } from '../../../src/load/chapter.ts';

// The front matter and sentence of a Quarto / R Markdown post as reported (Pandoc's citation syntax).
const post = [
  '---',
  'title: "Citing things"',
  'author: Jane Roe',
  'date: 2022-05-01',
  'bibliography: references.bib',
  '---',
  '',
  'Some text and a citation [@smith2020, p. 33] as @jones2021 says. See also [see @smith2020; @jones2021].',
  '',
].join('\n');

function imported(text: string) {
  const file = new VFile({ path: 'post.md', value: text });
  const result = importSource(file, { defaultAuthor: undefined });
  const piece = result.chapters[0]?.piece;
  return { file, piece, result, markdown: piece ? bodyToMarkdown(piece.body) : '' };
}

describe('Pandoc citations in a Markdown post', () => {
  test('stay citations in the chapter, written as in the post (not \\[@smith2020, p. 33])', () => {
    const { markdown, file } = imported(post);
    assert.equal(markdown, 'Some text and a citation [@smith2020, p. 33] as @jones2021 says. See also [see @smith2020; @jones2021].\n');
    assert.deepEqual(file.messages.map(String), []);
    const chapter = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: []\n---\n\n${markdown}` });
    const parsed = parseChapter(chapter);
    assert.ok(parsed);
    assert.equal(JSON.stringify(parsed.tree).match(/"type":"citation"/g)?.length, 2);
  });

  test('the front matter’s bibliography is kept for the import to copy, with its line, not dropped as a site setting', () => {
    const { piece, result } = imported(post);
    assert.deepEqual(piece?.bibliography, { files: ['references.bib'], line: 5 });
    assert.deepEqual(
      result.lines.find((line) => line.line === 5),
      { line: 5, fate: 'metadata', piece: 1, field: 'bibliography' },
    );
    const listed = imported(post.replace('bibliography: references.bib', 'bibliography:\n  - a.bib\n  - b.json'));
    assert.deepEqual(listed.piece?.bibliography, { files: ['a.bib', 'b.json'], line: 5 });
  });

  test('a post with raw HTML keeps its citations and math through the HTML path', () => {
    const { markdown } = imported(`${post}\nA <abbr>TLA</abbr> with $x^2$ and [@smith2020].\n\n$$\n\\|x\\|\n$$\n`);
    assert.match(markdown, /A TLA with \$x\^2\$ and \[@smith2020\]\./);
    assert.match(markdown, /\$\$\n\\\|x\\\|\n\$\$/);
  });
});
