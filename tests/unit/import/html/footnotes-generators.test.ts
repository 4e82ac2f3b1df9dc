import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertFragment, messagesOf } from './helpers.ts';

/**
 * Lines from Docutils' own HTML5 output (`docutils/test/functional/expected/footnotes_html5.html`,
 * public domain; the whole page is the corpus entry `html/docutils-footnotes-citations`), and the
 * markup of a note list whose markers are bare superscripts.
 */

const note1 = `<aside class="footnote superscript" id="footnote-1" role="note">
<span class="label"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span></span>
<span class="backrefs">(<a role="doc-backlink" href="#footnote-reference-1">1</a>,<a role="doc-backlink" href="#footnote-reference-5">2</a>)</span>
<p>A footnote contains body elements, consistently indented by at
least 3 spaces.</p>
</aside>`;
const label = `<aside class="footnote superscript" id="label" role="note">
<span class="label"><span class="fn-bracket">[</span>2<span class="fn-bracket">]</span></span>
<span class="backrefs">(<a role="doc-backlink" href="#footnote-reference-3">1</a>,<a role="doc-backlink" href="#footnote-reference-6">2</a>)</span>
<p>Footnotes may be numbered, either manually (as in<a class="footnote-reference superscript" href="#footnote-1" id="footnote-reference-5" role="doc-noteref"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span></a>) or
automatically using a &quot;#&quot;-prefixed label.  This footnote has a
label so it can be referred to from multiple places, both as a
footnote reference (<a class="footnote-reference superscript" href="#label" id="footnote-reference-6" role="doc-noteref"><span class="fn-bracket">[</span>2<span class="fn-bracket">]</span></a>) and as a <a class="reference internal" href="#label">hyperlink reference</a>.</p>
</aside>`;
const marker = (n: number, href: string, text: string) =>
  `<a class="footnote-reference superscript" href="#${href}" id="footnote-reference-${n}" role="doc-noteref"><span class="fn-bracket">[</span>${text}<span class="fn-bracket">]</span></a>`;

describe('recogniseFootnotes: docutils notes (aside.footnote)', () => {
  it('takes off the label set in bracket spans and the back-link list “(1, 2)”, commas and all', () => {
    const { markdown } = convertFragment(
      `<p>manually numbered${marker(1, 'footnote-1', '1')}.</p>\n<aside class="footnote-list superscript">\n${note1}\n</aside>`,
    );
    assert.match(markdown, /^\[\^1\]: A footnote contains body elements/m);
    assert.doesNotMatch(markdown, /\\\[1]|\(,|,\)/);
  });

  it('ties a marker set after its note (a note used twice, a note pointing at an earlier one) to that note', () => {
    const { markdown, file } = convertFragment(
      `<p>manually numbered${marker(1, 'footnote-1', '1')}, labeled auto-numbered${marker(3, 'label', '2')}.</p>\n<aside class="footnote-list superscript">\n${note1}\n${label}\n</aside>\n<p>This${marker(14, 'footnote-1', '1')} is a second reference.</p>`,
    );
    assert.match(markdown, /^This\[\^1\] is a second reference\./m);
    assert.match(markdown, /^\[\^2\]: Footnotes may be numbered, either manually \(as in\[\^1\]\) or/m);
    assert.match(markdown, /both as a footnote reference \(?\[\^2\]\)? and as a hyperlink reference/);
    assert.deepEqual(messagesOf(file, 'note-unreferenced'), []);
  });

  it('keeps a note nobody points at (aside.footnote is a note by its markup) and reports it, with its own marker linked', () => {
    const { markdown, file } = convertFragment(`<p>Text.</p>
<aside class="footnote-list superscript">
<aside class="footnote superscript" id="footnote-5" role="note">
<span class="label"><span class="fn-bracket">[</span>4<span class="fn-bracket">]</span></span>
<p>Here's an unreferenced footnote, with a reference to a
nonexistent footnote:${marker(8, 'footnote-6', '5')}.</p>
</aside>
</aside>
<aside class="footnote-list superscript">
<aside class="footnote superscript" id="footnote-6" role="note">
<span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#footnote-reference-8">5</a><span class="fn-bracket">]</span></span>
<p>this footnote is missing in the standard example document.</p>
</aside>
</aside>`);
    assert.match(markdown, /^\[\^\d+\]: Here's an unreferenced footnote, with a reference to a nonexistent footnote:\[\^\d+\]\.$/m);
    assert.match(markdown, /^\[\^\d+\]: this footnote is missing in the standard example document\.$/m);
    assert.doesNotMatch(markdown.split('[^')[0] ?? '', /unreferenced footnote/);
    assert.equal(messagesOf(file, 'note-unreferenced').length, 1);
  });
});

describe('recogniseFootnotes: a marked-up note list whose markers are bare superscripts', () => {
  const page = (body: string) =>
    `${body}\n<section class="footnotes"><ol><li><p>First note text, Example Press, 2020.</p></li><li><p>Second note text, Other Press, 2021.</p></li></ol></section>`;

  it('ties <sup>1</sup> and <sup>2</sup> before the list to its notes, in order', () => {
    const { markdown, file } = convertFragment(page('<p>A claim.<sup>1</sup> Another claim.<sup>2</sup></p>'));
    assert.match(markdown, /^A claim\.\[\^1\] Another claim\.\[\^2\]$/m);
    assert.match(markdown, /^\[\^1\]: First note text/m);
    assert.deepEqual(messagesOf(file, 'note-unreferenced'), []);
  });

  it('leaves an exponent off the chain of markers (x² before note 1) and a note nobody reaches reported', () => {
    const { markdown, file } = convertFragment(page('<p>Area is x<sup>2</sup> here.</p><p>A claim.<sup>1</sup></p>'));
    assert.match(markdown, /x²|x<sup>2<\/sup>|x\^2/);
    assert.match(markdown, /^A claim\.\[\^1\]$/m);
    assert.equal(messagesOf(file, 'note-unreferenced').length, 1);
  });
});

describe('recogniseFootnotes: a bare superscript marker used again', () => {
  it('ties a number the chain has already tied to the same note, and reports it (note-marker-repeated)', () => {
    const { markdown, file } = convertFragment(
      '<p>A claim.<sup>1</sup> Another.<sup>2</sup> And the first again.<sup>1</sup></p>\n<section class="footnotes"><ol><li><p>First note.</p></li><li><p>Second note.</p></li></ol></section>',
    );
    assert.match(markdown, /^A claim\.\[\^1\] Another\.\[\^2\] And the first again\.\[\^1\]$/m);
    const repeated = messagesOf(file, 'note-marker-repeated');
    assert.equal(repeated.length, 1);
    assert.equal(repeated[0]?.column, 66, 'at the second <sup>1</sup>');
  });
});

describe('recogniseFootnotes: a note button that copies a note the page still lists', () => {
  // Bigfoot's default `buttonMarkup` (its note's HTML in `data-bigfoot-footnote`); with the default
  // `actionOriginalFN: 'hide'` the page's own list stays, its items marked `footnote-processed`.
  const button = (n: number, html: string) =>
    `<div class='bigfoot-footnote__container'> <button class="bigfoot-footnote__button" id="fnref:${n}" data-footnote-number="${n}" data-footnote-identifier="${n}" alt="See Footnote ${n}" rel="footnote" data-bigfoot-footnote="${html}"> <svg class="bigfoot-footnote__button__circle" viewbox="0 0 6 6" preserveAspectRatio="xMinYMin"><circle r="3" cx="3" cy="3" fill="white"></circle></svg> </button></div>`;

  it('ties the button to the listed note with the same text: one note, no copy, nothing unreferenced', () => {
    const { markdown, file } = convertFragment(`<p>A claim.${button(1, '&lt;p&gt;The note, as the page lists it.&lt;/p&gt;')} And more.</p>
<div class="footnotes"><hr /><ol>
<li class="footnote-processed" id="fn:1"><p>The note, as the page lists it. <a href="#fnref:1" class="reversefootnote">&#8617;</a></p></li>
<li class="footnote-processed" id="fn:2"><p>A note nobody points at.</p></li>
</ol></div>`);
    assert.equal(markdown.match(/The note, as the page lists it\./g)?.length, 1, 'the note once');
    assert.match(markdown, /^A claim\.\[\^1\] And more\.$/m);
    assert.match(markdown, /^\[\^1\]: The note, as the page lists it\.$/m);
    assert.equal(messagesOf(file, 'note-unreferenced').length, 1, 'only the note nobody points at');
  });
});
