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

  it('a picture that is a link, alone on its line, is a figure whose caption keeps the link (HugoBlox’s README: [![Screenshot](…)](https://hugoblox.com/…))', () => {
    const file = chapter(
      [
        '[![Screenshot](.github/preview.webp)](https://hugoblox.com/templates/academic-cv/start/?utm_source=github&utm_medium=readme)',
        '',
        '[![Stages](images/stages.svg "The stages")](https://example.org/stages)',
      ].join('\n'),
    );
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const figures = figuresOf(parsed.tree, 'chapters/a.md');
    assert.deepEqual(
      figures.map((figure) => [figure.alt, figure.place.line, figure.node.children]),
      [
        [
          'Screenshot',
          6,
          [
            {
              type: 'link',
              url: 'https://hugoblox.com/templates/academic-cv/start/?utm_source=github&utm_medium=readme',
              children: [{ type: 'text', value: 'https://hugoblox.com/templates/academic-cv/start/?utm_source=github&utm_medium=readme' }],
            },
          ],
        ],
        ['Stages', 8, [{ type: 'link', url: 'https://example.org/stages', children: [{ type: 'text', value: 'The stages' }] }]],
      ],
    );
    assert.deepEqual(file.messages, []);
  });

  it('a picture linking to itself is a figure; one linking to a larger copy on its site is a figure without the link, reported', () => {
    // The thumbnail-to-full-size link WordPress and Jekyll sites write: [![Topology](/assets/img/oldblog/asa-210x300.png)](/assets/img/oldblog/asa.png).
    const file = chapter('[![Self](images/a.png)](images/a.png)\n\n[![Topology](images/asa-210x300.png)](/assets/img/oldblog/asa.png)');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    assert.deepEqual(
      figuresOf(parsed.tree, 'chapters/a.md').map((figure) => [figure.alt, figure.node.children.length]),
      [
        ['Self', 0],
        ['Topology', 0],
      ],
    );
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.column]),
      [['figure-link-dropped', 8, 1]],
    );
    assert.match(String(file.messages[0]?.reason), /links to \/assets\/img\/oldblog\/asa\.png \(a larger copy/);
  });
});
