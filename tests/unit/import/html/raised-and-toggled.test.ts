import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { recogniseFootnotes } from '../../../../src/import/html/footnotes.ts';
import { htmlToMdast } from '../../../../src/import/html/html-to-mdast.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { noteControlsAsMarkers } from '../../../../src/import/html/note-controls.ts';
import { sanitiseHast } from '../../../../src/import/html/sanitise.ts';
import { repoRoot } from '../../../helpers/project.ts';
import { convertFragment } from './helpers.ts';

describe('superscripts and subscripts that are not note markers', () => {
  it('digits and signs are Pandoc’s superscript and subscript, not run into the number before them', () => {
    const { markdown } = convertFragment('<p>About 10<sup>6</sup> cells, H<sub>2</sub>O and CO<sub>2</sub>, a rate in s<sup>−1</sup>.</p>');
    assert.equal(markdown.trim(), 'About 10^6^ cells, H~2~O and CO~2~, a rate in s^−1^.');
  });

  it('a superscript that is a note stays a marker, and one that is not (`2<sup>nd</sup>`) a superscript', () => {
    const { markdown } = convertFragment('<p>The 2<sup>nd</sup> edition.<sup>1</sup></p><h3>Notes</h3><ol><li>Printed in 1931.</li></ol>');
    assert.match(markdown, /The 2\^nd\^ edition\.\[\^1\]/);
    assert.match(markdown, /\[\^1\]: Printed in 1931\./);
  });

  // As public pages write them: a complexity `O(2<sup>n</sup>)`, a power `2<sup>n-1</sup>`, `x<sup>2k+1</sup>`,
  // Wikipedia's `a<sub>ij</sub>`; ordinals in English and French.
  it('letters and markup too, a space inside written `\\ `, the markers inside escaped, spaces at either end left out, as Pandoc does', () => {
    const { markdown } = convertFragment(
      '<p>Naive: O(2<sup>n</sup>), then 2<sup>n-1</sup> and x<sup>2k+1</sup>; the entry a<sub>ij</sub> of the matrix; x<sup><i>n</i>+1</sup>, x<sup>a b</sup>, y<sub>c~d</sub>, z<sup>2^3</sup>, w<sup> 4 </sup>.</p>',
    );
    assert.equal(markdown.trim(), 'Naive: O(2^n^), then 2^n-1^ and x^2k+1^; the entry a~ij~ of the matrix; x^_n_+1^, x^a\\ b^, y~c\\~d~, z^2\\^3^, w^4^.');
  });

  it('a script inside one of its kind is one script (Word’s `<sup><sup>`), one of the other kind nested', () => {
    const { markdown } = convertFragment('<p>x<sup><sup>2k</sup></sup> and H<sub><sub>2</sub></sub>O and y<sup>a<sub>i</sub></sup></p>');
    assert.equal(markdown.trim(), 'x^2k^ and H~2~O and y^a~i~^');
  });

  it('an ordinal’s or an abbreviation’s raised letters stay raised', () => {
    const { markdown } = convertFragment('<p>The 19<sup>th</sup> century, le 1<sup>er</sup> mai, M<sup>me</sup> Curie.</p>');
    assert.equal(markdown.trim(), 'The 19^th^ century, le 1^er^ mai, M^me^ Curie.');
  });

  it('a lowered annotation on a year (maggieappleton.com: `2021<sub>5ya</sub>`, years ago) is a subscript, in a note too', () => {
    const relative = 'tests/fixtures/import/real/defuddle/footnotes--maggieappleton.com-xanadu-patterns.html';
    const file = new VFile({ path: relative, value: readFileSync(path.join(repoRoot, relative), 'utf8') });
    const [piece] = importHtml(file, { defaultAuthor: undefined }).pieces;
    const markdown = piece ? bodyToMarkdown(piece.body) : '';
    assert.match(markdown, /the word _hypertext_ in 2021~5ya~ and not believe/);
    assert.match(markdown, /\[\^2\]: While Nelson .* in 1941~85ya~ and Vannevar Bush’s Memex machine in 1945~81ya~ – both/);
    assert.doesNotMatch(markdown, /20215ya|198937ya|_\(/);
  });
});

describe('sidenotes toggled by a label and a checkbox, whatever the theme calls them', () => {
  // A real line of tufte-css (the corpus entry html/tufte-css-sidenotes), then the same toggle as
  // maggieappleton.com's Astro theme writes it: `margin-toggle footnote-number`, a numeric id,
  // the note in `<span class="footnote">`.
  const line = readFileSync(path.join(repoRoot, 'tests/corpus/html/tufte-css-sidenotes/index.html'), 'utf8').split('\n')[43] as string;

  function markdownOf(html: string): string {
    const file = new VFile({ path: 'page.html', value: html });
    const tree = fromHtml(html, { fragment: true });
    noteControlsAsMarkers(tree);
    sanitiseHast(tree, file);
    recogniseFootnotes(tree, file);
    return bodyToMarkdown(htmlToMdast(tree, file, {}).body);
  }

  it('Tufte’s own class names', () => {
    assert.match(markdownOf(line), /Monotype Bembo\[\^1\] font\.[\s\S]*\[\^1\]: See Tufte’s comment in the \[Tufte book fonts\]/);
  });

  it('a theme’s `footnote` class for the note, with a numeric id', () => {
    const theme = line
      .replace('class="margin-toggle sidenote-number"', 'class="margin-toggle footnote-number"')
      .replaceAll('sn-proprietary-monotype-bembo', '1')
      .replace('<span class="sidenote">', '<span class="footnote">');
    assert.ok(theme.includes('<span class="footnote">See Tufte'));
    assert.match(markdownOf(theme), /Monotype Bembo\[\^1\] font\.[\s\S]*\[\^1\]: See Tufte’s comment in the \[Tufte book fonts\]/);
  });
});
