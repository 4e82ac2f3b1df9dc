import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';

const chapter = (body: string) => new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });

describe('raw HTML in a chapter, which no output renders, is named where it is', () => {
  it('a block, an inline tag, each where it starts; the chapter still reads', () => {
    const file = chapter('<iframe src="https://example.com/embed"></iframe>\n\nSome <b>bold</b> words.');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const dropped = file.messages.filter((message) => message.ruleId === 'html-dropped');
    assert.deepEqual(
      dropped.map((message) => [message.line, message.column, message.fatal]),
      [
        [6, 1, false],
        [8, 6, false],
        [8, 13, false],
      ],
    );
    assert.match(dropped[0]!.reason, /^raw HTML is not rendered: <iframe src="https:\/\/example\.com\/embe… \(write it as Markdown; a picture as ::figure\)$/);
  });

  it('an HTML comment is the author’s note to themselves, left out without a word; so is Markdown that looks like HTML', () => {
    const file = chapter('<!-- check this date -->\n\nA `<b>` in code, and 3 < 4 > 2.');
    parseChapter(file);
    assert.deepEqual(
      file.messages.filter((message) => message.ruleId === 'html-dropped'),
      [],
    );
  });
});
