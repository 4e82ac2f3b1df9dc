import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';
import { figuresOf } from '../../../src/render/figures.ts';

const chapter = (body: string) => new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });

describe('Markdown pictures in a hand-written chapter', () => {
  it('one on a line of its own is a figure (its picture copied like any ::figure), the title its caption', () => {
    const file = chapter('Before.\n\n![A small chart](images/unusual/small.png "The chart, 2020")\n\nAfter.');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const [figure, ...others] = figuresOf(parsed.tree, 'chapters/a.md');
    assert.equal(others.length, 0);
    assert.deepEqual(figure?.location, { kind: 'file', path: 'chapters/images/unusual/small.png' });
    assert.equal(figure?.alt, 'A small chart');
    assert.deepEqual(figure?.place, { line: 8, column: 1 });
    assert.deepEqual(figure?.node.children, [{ type: 'text', value: 'The chart, 2020' }]);
    assert.deepEqual(file.messages, []);
  });

  it('pictures on lines of their own one after another (one paragraph to Markdown) are a figure each', () => {
    const file = chapter('![One](images/a.jpg)\n![Two](images/b.jpg "The second")');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const figures = figuresOf(parsed.tree, 'chapters/a.md');
    assert.deepEqual(
      figures.map((figure) => [figure.alt, figure.place.line]),
      [
        ['One', 6],
        ['Two', 7],
      ],
    );
    assert.deepEqual(file.messages, []);
  });

  it('one among words cannot be a figure: its alt text stands in, reported where it is', () => {
    const file = chapter('A line with ![inline alt](images/x.png) among words.');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    assert.equal(figuresOf(parsed.tree, 'chapters/a.md').length, 0);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.column]),
      [['image-inline', 6, 13]],
    );
    assert.match(JSON.stringify(parsed.tree), /"value":"inline alt"/);
  });
});
