import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../../helpers/project.ts';
import { convertFragment } from './helpers.ts';

describe('paragraphs written as lines (`text<br><br>text`)', () => {
  // A German Blogger post (the corpus entry html/blogger-tach-auch-de), lines 456–461: two
  // paragraphs of two lines each, the paragraphs parted by an empty line (`<br />` alone).
  const lines = readFileSync(path.join(repoRoot, 'tests/corpus/html/blogger-tach-auch-de/tach-auch.html'), 'utf8').split('\n');
  const post = `<div class="post-body entry-content">${lines.slice(455, 461).join('\n')}</div>`;

  it('an empty line ends a paragraph; a single break stays a line break', () => {
    const paragraphs = convertFragment(post).markdown.trim().split(/\n\n+/);
    assert.equal(paragraphs.length, 2, convertFragment(post).markdown);
    assert.match(paragraphs[0] as string, /^Aber was uns heute ins Haus geflattert ist, läßt mir dann doch eine Hasskappe wachsen\.\\\nDie süßeste Tochter/);
    assert.match(paragraphs[1] as string, /^Die Postkarte ist eine Aneinanderreihung/);
  });

  it('verse with single breaks stays one paragraph', () => {
    const { markdown } = convertFragment('<p>Roses are red,<br>violets are blue,<br>sugar is sweet.</p>');
    assert.equal(markdown.trim().split(/\n\n+/).length, 1);
  });
});
