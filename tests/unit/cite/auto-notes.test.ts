import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { citationsInNotes } from '../../../src/cite/auto-notes.ts';
import { parseChapter } from '../../../src/load/chapter.ts';

const treeOf = (body: string): Root => {
  const parsed = parseChapter(new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` }));
  assert.ok(parsed);
  return parsed.tree;
};

/** The body as Markdown-ish text: calls as [^id], a note's citation as its source. */
function shown(tree: Root): string[] {
  const inline = (nodes: readonly Root['children'][number][]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text') return node.value;
        if (node.type === 'citation') return node.value;
        if (node.type === 'footnoteReference') return `[^${node.identifier}]`;
        return 'children' in node ? inline(node.children as Root['children']) : '';
      })
      .join('');
  return tree.children.map((node) => (node.type === 'footnoteDefinition' ? `[^${node.identifier}]: ${inline(node.children)}` : inline([node])));
}

describe('a citation in the running text under a notes style (Pandoc’s automatic notes)', () => {
  it('becomes a note of its own, its call after the punctuation that follows, the space before it gone', () => {
    const tree = treeOf('As the log records [see @keeper2015log, p. 12]. Then more [@a], and again [@b]!\n\n[^1]: Already a note [@c].');
    citationsInNotes(tree, true);
    assert.deepEqual(shown(tree), [
      'As the log records.[^cite-1] Then more,[^cite-2] and again![^cite-3]',
      '[^1]: Already a note [@c].',
      '[^cite-1]: [see @keeper2015log, p. 12].',
      '[^cite-2]: [@a].',
      '[^cite-3]: [@b].',
    ]);
    // Citing again in the same style changes nothing; in an author-date style the body is as written.
    citationsInNotes(tree, true);
    assert.equal(shown(tree).length, 5);
    citationsInNotes(tree, false);
    assert.deepEqual(shown(tree), ['As the log records [see @keeper2015log, p. 12]. Then more [@a], and again [@b]!', '[^1]: Already a note [@c].']);
  });

  it('a sentence that ends inside quotation marks keeps its one full stop', () => {
    const tree = treeOf('He wrote that it was “lost at sea.” [@keeper2015log]. Then more.');
    citationsInNotes(tree, true);
    assert.deepEqual(shown(tree), ['He wrote that it was “lost at sea.”[^cite-1] Then more.', '[^cite-1]: [@keeper2015log].']);
  });

  it('never takes an identifier the chapter uses, and leaves an author-date chapter alone', () => {
    const tree = treeOf('Text [@a].[^cite-1]\n\n[^cite-1]: The author’s own.');
    citationsInNotes(tree, true);
    assert.deepEqual(shown(tree), ['Text.[^cite-2][^cite-1]', '[^cite-1]: The author’s own.', '[^cite-2]: [@a].']);
    const authorDate = treeOf('Text [@a].');
    citationsInNotes(authorDate, false);
    assert.deepEqual(shown(authorDate), ['Text [@a].']);
  });
});
