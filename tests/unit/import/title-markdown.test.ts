import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { pieceToMarkdown, titleMarkdown } from '../../../src/import/chapter-markdown.ts';
import { titleHast, titleText } from '../../../src/render/title.ts';

// A source's title is text; a chapter's `title:` is read as inline Markdown. Titles from real posts:
// Verfassungsblog's “Expert*innen in der Krise” (a German gender star; two in one title would be
// emphasis), a Python post's dunder names, a numbered list title.
const titles = [
  'Expert*innen in der Krise',
  'Expert*innen und Politiker*innen in der Krise',
  'Python’s __init__ and __new__ with *args',
  '10. Things I learned',
  'C++ [draft] <b>bold</b> ~~struck~~ & more',
  '# 1 hit',
];

describe('an imported title is written so that it reads back as the source wrote it', () => {
  for (const title of titles)
    test(title, () => {
      const written = titleMarkdown(title);
      assert.equal(titleText(written), title);
      assert.ok(
        titleHast(written).every((node) => node.type === 'text'),
        'no markup',
      );
      const file = pieceToMarkdown({ meta: { title, authors: [] }, body: { type: 'root', children: [] } });
      assert.equal((parse(file.split('---\n')[1] ?? '') as { title: string }).title, written);
    });

  test('only what would be markup is escaped; a code span is kept as code', () => {
    assert.equal(titleMarkdown('Expert*innen und Politiker*innen'), 'Expert\\*innen und Politiker\\*innen');
    assert.equal(titleMarkdown('10. Things I learned'), '10. Things I learned');
    assert.equal(titleMarkdown('Announcing `async fn` in traits'), 'Announcing `async fn` in traits');
    assert.deepEqual(
      titleHast(titleMarkdown('Announcing `async fn` in traits')).map((node) => (node.type === 'element' ? node.tagName : node.type)),
      ['text', 'code', 'text'],
    );
  });
});
