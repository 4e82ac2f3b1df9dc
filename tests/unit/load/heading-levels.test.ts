import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';

const skips = (body: string) => {
  const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });
  parseChapter(file);
  return file.messages.filter((message) => message.ruleId === 'heading-skip').map((message) => [message.line, message.reason]);
};

describe('a heading that skips a level is named (the outline a screen reader walks has a gap)', () => {
  it('after the title, or after another heading; going back up is fine', () => {
    assert.deepEqual(skips('## One\n\n### Two\n\n## Three\n\n#### Four'), [
      [12, 'a level-4 heading (####) after a level-2 one: use ###, or add the heading between'],
    ]);
    assert.deepEqual(skips('### First'), [[6, 'a level-3 heading (###) after a level-1 one: use ##, or add the heading between']]);
    assert.deepEqual(skips('## One\n\n### Two\n\n#### Three\n\n## Four'), []);
  });

  it('headings inside a note are the note’s own', () => {
    assert.deepEqual(skips('Text.[^1]\n\n[^1]: A note.\n\n    #### A heading in a note'), []);
  });
});
