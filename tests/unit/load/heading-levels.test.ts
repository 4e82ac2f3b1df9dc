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
      [12, 'a level-4 heading (####) after a level-2 one, rendered as level 3: use ###, or add the heading between'],
    ]);
    assert.deepEqual(skips('### First'), [[6, 'a level-3 heading (###) after a level-1 one, rendered as level 2: use ##, or add the heading between']]);
    assert.deepEqual(skips('## One\n\n### Two\n\n#### Three\n\n## Four'), []);
  });

  it('headings inside a note are the note’s own', () => {
    assert.deepEqual(skips('Text.[^1]\n\n[^1]: A note.\n\n    #### A heading in a note'), []);
  });
});

describe('a heading that skips a level is rendered one level below the heading it comes under (vnu and Ace refused the page)', () => {
  const depths = (body: string) => {
    const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });
    const tree = parseChapter(file)?.tree;
    return (tree?.children ?? []).flatMap((node) => (node.type === 'heading' ? [node.depth] : []));
  };

  it('and the headings after it keep their places in the outline (maggieappleton.com: ## then ####)', () => {
    assert.deepEqual(depths('## Patterns\n\n#### 1. Transclusion\n\n#### 2. Links\n\n## Next'), [2, 3, 3, 2]);
    assert.deepEqual(depths('## A\n\n#### B\n\n##### C\n\n#### D'), [2, 3, 4, 3]);
    assert.deepEqual(depths('### First'), [2]);
    assert.deepEqual(depths('## One\n\n### Two\n\n#### Three\n\n## Four'), [2, 3, 4, 2]);
  });
});
