import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';
import type { Citation } from '../../../src/load/citation-syntax.ts';

const chapter = (body: string) => new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });

describe('citation keys with colons (BibTeX habit: Knuth:1984), which Markdown directives would split', () => {
  it('are cited, each at its place in the file, in the text and in notes, beside a prose `ratio:high`', () => {
    const file = chapter('A ratio:high and [see @Knuth:1984, p. 33].[^1]\n\n[^1]: [@knuth1984; @sidaway:2010:island, 4].');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const citations: Citation[] = [];
    visit(parsed.tree, 'citation', (node: Citation) => {
      citations.push(node);
    });
    assert.deepEqual(
      citations.map((citation) => [citation.value, citation.items.map((item) => item.key), citation.position?.start.line, citation.position?.start.column]),
      [
        ['[see @Knuth:1984, p. 33]', ['Knuth:1984'], 6, 18],
        ['[@knuth1984; @sidaway:2010:island, 4]', ['knuth1984', 'sidaway:2010:island'], 8, 7],
      ],
    );
    const text: string[] = [];
    visit(parsed.tree, 'text', (node) => {
      text.push(node.value);
    });
    assert.ok(text.includes('A ratio:high and '), text.join('|'));
  });
});
