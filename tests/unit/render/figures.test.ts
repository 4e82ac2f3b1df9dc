import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';
import { figuresOf, imageLocation, parseFigureWidth, printedSize } from '../../../src/render/figures.ts';
import { textBlockInches } from '../../../src/render/pdf/trim.ts';

describe('imageLocation: a figure’s src against its chapter file', () => {
  it('resolves relative to the chapter’s folder', () => {
    assert.deepEqual(imageLocation('chapters/a.md', 'images/a/photo.png'), { kind: 'file', path: 'chapters/images/a/photo.png' });
    assert.deepEqual(imageLocation('chapters/a.md', '../pictures/p.jpg'), { kind: 'file', path: 'pictures/p.jpg' });
    assert.deepEqual(imageLocation('chapters/a.md', 'images/My%20Photo.png'), { kind: 'file', path: 'chapters/images/My Photo.png' });
  });
  it('refuses paths that leave the project', () => {
    assert.equal(imageLocation('chapters/a.md', '../../etc/passwd.png').kind, 'outside');
    assert.equal(imageLocation('chapters/a.md', '/etc/x.png').kind, 'outside');
  });
  it('knows web addresses and figures without a picture', () => {
    assert.equal(imageLocation('chapters/a.md', 'https://example.org/x.png').kind, 'remote');
    assert.equal(imageLocation('chapters/a.md', '//example.org/x.png').kind, 'remote');
    assert.equal(imageLocation('chapters/a.md', 'data:image/png;base64,AAAA').kind, 'remote');
    assert.equal(imageLocation('chapters/a.md', undefined).kind, 'none');
  });
});

describe('parseFigureWidth', () => {
  it('reads shares of the text width and lengths', () => {
    assert.deepEqual(parseFigureWidth('50%'), { kind: 'fraction', value: 0.5 });
    assert.deepEqual(parseFigureWidth('3in'), { kind: 'inches', value: 3 });
    assert.ok(Math.abs((parseFigureWidth('254mm') as { value: number }).value - 10) < 1e-9);
    assert.deepEqual(parseFigureWidth('96'), { kind: 'inches', value: 1 });
  });
  it('refuses anything else', () => {
    for (const raw of ['wide', '0%', '150%', '3 furlongs', '']) assert.equal(parseFigureWidth(raw), undefined, raw);
  });
});

describe('printedSize: the size a picture prints at, and its resolution', () => {
  const block = textBlockInches('6x9in');
  it('the 6×9 in text block is about 4.6 × 7.5 in', () => {
    assert.ok(Math.abs(block.width - 4.583) < 0.01, String(block.width));
    assert.ok(Math.abs(block.height - 7.465) < 0.01, String(block.height));
  });
  it('a large photo fills the text width', () => {
    const size = printedSize({ width: 3000, height: 2000, density: 72, vector: false }, undefined, block);
    assert.ok(Math.abs(size.widthInches - block.width) < 1e-9);
    assert.ok(size.ppi > 600);
  });
  it('a picture with a density prints at its own size', () => {
    const size = printedSize({ width: 600, height: 300, density: 300, vector: false }, undefined, block);
    assert.equal(size.widthInches, 2);
    assert.equal(size.ppi, 300);
  });
  it('width="50%" is half the text width; a small picture is flagged by its ppi', () => {
    const size = printedSize({ width: 400, height: 300, density: undefined, vector: false }, { kind: 'fraction', value: 0.5 }, block);
    assert.ok(Math.abs(size.widthInches - block.width / 2) < 1e-9);
    assert.ok(size.ppi < 300);
  });
  it('a tall picture is kept within most of the page height', () => {
    const size = printedSize({ width: 1000, height: 5000, density: undefined, vector: false }, undefined, block);
    assert.ok(size.widthInches * 5 <= block.height * 0.7 + 1e-9);
  });
  it('a vector picture has no resolution to warn about', () => {
    assert.equal(printedSize({ width: 600, height: 300, density: undefined, vector: true }, undefined, block).ppi, Number.POSITIVE_INFINITY);
  });
});

describe('figuresOf and notes in a chapter', () => {
  const chapter = (body: string) => {
    const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\n---\n\n${body}` });
    return { file, parsed: parseChapter(file) };
  };
  it('lists figures with their alt text (alt, else the caption) and place', () => {
    const { parsed } = chapter('::figure[A caption.]{src="images/x.png" width="50%"}\n\n::figure[Shown.]{src="y.png" alt="Described."}\n');
    const figures = figuresOf(parsed?.tree ?? { type: 'root', children: [] }, 'chapters/a.md');
    assert.deepEqual(
      figures.map((figure) => [figure.alt, figure.width, figure.place.line]),
      [
        ['A caption.', '50%', 5],
        ['Described.', undefined, 7],
      ],
    );
  });
  it('a marker with no note is an error at its place; a note never referenced a warning', () => {
    const { file } = chapter('Text.[^7] More.[^1] An escaped \\[^9] stays.\n\n[^1]: A note.\n[^2]: Unused.\n');
    const messages = file.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal]);
    assert.deepEqual(messages, [
      ['note-undefined', 5, 6, true],
      ['note-unreferenced', 8, 1, false],
    ]);
  });
  it('a marker in code is not a marker', () => {
    const { file } = chapter('Write `[^1]` for a note.\n\n```\n[^2]\n```\n');
    assert.deepEqual(file.messages, []);
  });
});
