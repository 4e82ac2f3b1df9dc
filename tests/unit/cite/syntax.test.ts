import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';
import type { Citation } from '../../../src/load/citation-syntax.ts';

/** Each citation's text and where it starts and ends, as `line:column`, and whether that is where the file has it. */
function citationsOf(markdown: string) {
  const text = `---\ntitle: A\nauthors: [A B]\n---\n${markdown}`;
  const parsed = parseChapter(new VFile({ path: 'chapters/a.md', value: text }));
  assert.ok(parsed);
  const found: { value: string; start: string; end: string; inFile: string | undefined }[] = [];
  visit(parsed.tree as Root, 'citation', (node: Citation) => {
    const start = node.position?.start;
    const end = node.position?.end;
    found.push({
      value: node.value,
      start: `${start?.line}:${start?.column}`,
      end: `${end?.line}:${end?.column}`,
      inFile: start?.offset === undefined || end?.offset === undefined ? undefined : text.slice(start.offset, end.offset),
    });
  });
  return found;
}

describe('Pandoc citations are placed where the file has them', () => {
  it('on a plain line', () => {
    assert.deepEqual(citationsOf('Text [@smith2010, p. 4].\n'), [{ value: '[@smith2010, p. 4]', start: '5:6', end: '5:24', inFile: '[@smith2010, p. 4]' }]);
  });

  it('after escapes, which the text node drops (they were 4 columns early after four)', () => {
    assert.deepEqual(citationsOf('\\*\\*\\*\\* aside [@key].\n'), [{ value: '[@key]', start: '5:16', end: '5:22', inFile: '[@key]' }]);
  });

  it('after a character reference, and on a continuation line of a quotation in a list', () => {
    assert.deepEqual(citationsOf('Fish &amp; chips [@a].\n'), [{ value: '[@a]', start: '5:18', end: '5:22', inFile: '[@a]' }]);
    assert.deepEqual(citationsOf('- > A quoted line\n  > and the next [see @b; @c].\n'), [
      { value: '[see @b; @c]', start: '6:18', end: '6:30', inFile: '[see @b; @c]' },
    ]);
  });

  it('with CRLF line ends', () => {
    const found = citationsOf('One line\r\ntwo \\_ [@k]\r\n');
    assert.deepEqual(found, [{ value: '[@k]', start: '6:8', end: '6:12', inFile: '[@k]' }]);
  });
});
