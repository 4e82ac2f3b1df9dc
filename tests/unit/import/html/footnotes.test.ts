import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { noteDefinitionTag, noteReferenceTag, recogniseFootnotes } from '../../../../src/import/html/footnotes.ts';
import { convertFragment, messagesOf } from './helpers.ts';

/** The body text (before the definitions) and the definitions, from the Markdown. */
function split(markdown: string) {
  const definitions = [...markdown.matchAll(/^\[\^([^\]]+)\]: ([^\n]*(?:\n {4}[^\n]*|\n(?=\n {4}))*)/gm)].map((match) => [
    match[1],
    match[2]?.replace(/\n+ {4}/g, ' / '),
  ]);
  const text = markdown.replace(/^\[\^[^\]]+\]:[\s\S]*$/m, '').trim();
  return { text, definitions };
}

describe('recogniseFootnotes', () => {
  it('reads a WordPress footnote plugin: sup.footnote markers, a list of notes with ↩ back-links', () => {
    const { markdown, file } = convertFragment(
      `<p>The road did not exist.<sup class="footnote"><a href="#fn1" id="fnref1">1</a></sup> We followed it in spirit.<sup class="footnote"><a href="#fn2" id="fnref2">2</a></sup></p>
<div class="footnotes"><hr /><ol>
<li id="fn1">It was being rebuilt.&nbsp;<a href="#fnref1">&#8617;</a></li>
<li id="fn2"><p>With a loan.</p><p>In sections. <a href="#fnref2" class="footnote-backref">↩</a></p></li>
</ol></div>`,
    );
    const { text, definitions } = split(markdown);
    assert.equal(text, 'The road did not exist.[^1] We followed it in spirit.[^2]');
    assert.deepEqual(definitions, [
      ['1', 'It was being rebuilt.'],
      ['2', 'With a loan. / In sections.'],
    ]);
    assert.ok(!markdown.includes('↩') && !markdown.includes('---'), 'back-links and the rule above the notes are gone');
    assert.deepEqual(file.messages, []);
  });

  it('reads the easy-footnotes plugin, whose marker wraps a sup and whose note holds an empty anchor', () => {
    const { markdown } = convertFragment(
      `<p>Bread from that morning.<span id="easy-footnote-1-412" class="easy-footnote-margin-adjust"></span><span class="easy-footnote"><a href="#easy-footnote-bottom-1-412" title="The rule was strict."><sup>1</sup></a></span></p>
<ol class="easy-footnotes-wrapper"><li class="easy-footnote-single"><span id="easy-footnote-bottom-1-412" class="easy-footnote-margin-adjust"></span>The rule was strict.<a class="easy-footnote-to-top" href="#easy-footnote-1-412"></a></li></ol>`,
    );
    assert.deepEqual(split(markdown), { text: 'Bread from that morning.[^1]', definitions: [['1', 'The rule was strict.']] });
  });

  it('reads the WordPress core footnotes block, with uuid ids and ↩︎ back-links', () => {
    const { markdown } = convertFragment(
      `<p>Nobody had counted since 1986.<sup data-fn="5c1e9a4b-2f6d" class="fn"><a href="#5c1e9a4b-2f6d" id="5c1e9a4b-2f6d-link">1</a></sup></p>
<ol class="wp-block-footnotes"><li id="5c1e9a4b-2f6d">The last count is in the archive. <a href="#5c1e9a4b-2f6d-link" aria-label="Jump to footnote reference 1">↩︎</a></li></ol>`,
    );
    assert.deepEqual(split(markdown), { text: 'Nobody had counted since 1986.[^1]', definitions: [['1', 'The last count is in the archive.']] });
  });

  it('reads Substack notes: anchor links and footnote divs whose number links back', () => {
    const { markdown } = convertFragment(
      `<p>He wrote down who could not pay.<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-1" href="#footnote-1" target="_self">1</a></p>
<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content"><p>The earlier ledgers were lost in <em>a flood</em>.</p></div></div>`,
    );
    assert.deepEqual(split(markdown), { text: 'He wrote down who could not pay.[^1]', definitions: [['1', 'The earlier ledgers were lost in _a flood_.']] });
  });

  it('reads HTMLBook as O’Reilly renders it: data-type noteref and footnote paragraphs', () => {
    const { markdown } = convertFragment(
      `<p>A pipeline of small stages.<sup><a data-type="noteref" id="idm1-marker" href="#idm1">1</a></sup></p>
<div data-type="footnotes"><p data-type="footnote" id="idm1"><sup><a href="#idm1-marker">1</a></sup> Each stage is pure.</p></div>`,
    );
    assert.deepEqual(split(markdown), { text: 'A pipeline of small stages.[^1]', definitions: [['1', 'Each stage is pure.']] });
  });

  it('reads HTMLBook source, where the note is written inline where it belongs', () => {
    const { markdown } = convertFragment('<p>Stages are pure<span data-type="footnote">No I/O, no clock.</span> and small.</p>');
    assert.deepEqual(split(markdown), { text: 'Stages are pure[^1] and small.', definitions: [['1', 'No I/O, no clock.']] });
  });

  it('reads EPUB and DPUB-ARIA notes: epub:type noteref and footnote, role doc-noteref and doc-endnote', () => {
    const epub = convertFragment('<p>Text<a epub:type="noteref" href="#n1">1</a> more.</p><aside epub:type="footnote" id="n1"><p>An aside note.</p></aside>');
    assert.deepEqual(split(epub.markdown), { text: 'Text[^1] more.', definitions: [['1', 'An aside note.']] });
    const aria = convertFragment(
      '<p>Text<a role="doc-noteref" href="#en4">4</a>.</p><section role="doc-endnotes"><ol><li role="doc-endnote" id="en4">An endnote. <a role="doc-backlink" href="#x">Back</a></li></ol></section>',
    );
    assert.deepEqual(split(aria.markdown), { text: 'Text[^4].', definitions: [['4', 'An endnote.']] });
  });

  it('reads GFM notes as remark-rehype writes them, user-content- prefixes included', () => {
    const html = String(
      unified()
        .use(remarkParse)
        .use(remarkGfm)
        .use(remarkRehype)
        .use(rehypeStringify)
        .processSync('Markdown first.[^a] Then again.[^b]\n\n[^a]: Note A.\n[^b]: Note B.\n'),
    );
    assert.match(html, /id="user-content-fnref-a"/);
    const { markdown } = convertFragment(html);
    assert.deepEqual(split(markdown), {
      text: 'Markdown first.[^1] Then again.[^2]',
      definitions: [
        ['1', 'Note A.'],
        ['2', 'Note B.'],
      ],
    });
    assert.ok(!/Footnotes/.test(markdown), 'the “Footnotes” heading went with the section');
  });

  it('pairs markers and notes when a GitHub-style sanitiser has prefixed the ids but not the links', () => {
    const clobbered = sanitize(
      fromHtml('<p>Text<sup><a href="#fn1" id="fnref1">1</a></sup></p><ol><li id="fn1">The note. <a href="#fnref1">↩</a></li></ol>', { fragment: true }),
      defaultSchema,
    );
    assert.match(toHtml(clobbered), /id="user-content-fn1"/);
    const { markdown } = convertFragment(toHtml(clobbered));
    assert.deepEqual(split(markdown), { text: 'Text[^1]', definitions: [['1', 'The note.']] });
  });

  it('reads plain superscript links whose target is in the page, and the notes’ own “3.” numbers', () => {
    const { markdown } = convertFragment(
      '<p>First<sup><a href="#note-3">3</a></sup> and second.<sup><a href="#note-4">4</a></sup></p><h2>Notes</h2><p id="note-3">3. A note that starts with its number.</p><p id="note-4">4. Another. <a href="#top">^</a></p>',
    );
    assert.deepEqual(split(markdown), {
      text: 'First[^3] and second.[^4]',
      definitions: [
        ['3', 'A note that starts with its number.'],
        ['4', 'Another.'],
      ],
    });
  });

  it('reads Word and Google Docs exports: bracketed [1] links, the note’s own [1] anchor taken off', () => {
    const word = convertFragment(
      `<p class=MsoNormal>The lines never mattered.<a href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference>[1]</span></a></p>
<div><hr align=left size=1 width="33%"><div id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference>[1]</span></a> See the Commission’s reports.</p><p class=MsoFootnoteText>A second paragraph.</p></div></div>`,
    );
    assert.deepEqual(split(word.markdown), {
      text: 'The lines never mattered.[^1]',
      definitions: [['1', 'See the Commission’s reports. / A second paragraph.']],
    });
    const docs = convertFragment(
      '<p><span>A Google Docs sentence.</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup></p><hr><div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;The Docs note.</span></p></div>',
    );
    assert.deepEqual(split(docs.markdown), { text: 'A Google Docs sentence.[^1]', definitions: [['1', 'The Docs note.']] });
  });

  it('takes off every kind of back-link: ↩, ↑, ^, “Return to text”, [↩]', () => {
    const { markdown } = convertFragment(
      `<p>a<sup><a href="#n1" id="r1">1</a></sup> b<sup><a href="#n2" id="r2">2</a></sup> c<sup><a href="#n3" id="r3">3</a></sup> d<sup><a href="#n4" id="r4">4</a></sup></p>
<ol><li id="n1">One. <a href="#r1">↑</a></li><li id="n2">Two. <a href="#r2">Return to text</a></li><li id="n3">Three. <a href="#r3">^</a></li><li id="n4">Four. [<a href="#r4" class="footnote-link footnote-back-link">&#8617;</a>]</li></ol>`,
    );
    assert.deepEqual(split(markdown).definitions, [
      ['1', 'One.'],
      ['2', 'Two.'],
      ['3', 'Three.'],
      ['4', 'Four.'],
    ]);
  });

  it('gives several markers of one note the same identifier', () => {
    const { markdown } = convertFragment('<p>Once<sup><a href="#n1">1</a></sup> and again<sup><a href="#n1">1</a></sup>.</p><ol><li id="n1">Shared.</li></ol>');
    assert.equal(split(markdown).text, 'Once[^1] and again[^1].');
    assert.equal(split(markdown).definitions.length, 1);
  });

  it('numbers notes 1…N in order when they show symbols instead of numbers', () => {
    const { markdown } = convertFragment(
      '<p>Star<sup><a href="#s">*</a></sup> and dagger<sup><a href="#d">†</a></sup>.</p><p id="s">* The star note.</p><p id="d">† The dagger note.</p>',
    );
    assert.equal(split(markdown).text, 'Star[^1] and dagger[^2].');
    assert.deepEqual(
      split(markdown).definitions.map(([label]) => label),
      ['1', '2'],
    );
  });

  it('reports a marker whose note is missing as note-undefined, an error, at the marker', () => {
    const { markdown, file } = convertFragment('<p>Fine.</p>\n<p>Dangling<sup class="footnote"><a href="#fn9" id="fnref9">9</a></sup>.</p>');
    assert.equal(split(markdown).text, 'Fine.\n\nDangling[^9].');
    const [message] = messagesOf(file, 'note-undefined');
    assert.equal(message?.line, 2);
    assert.equal(message?.fatal, true);
    assert.match(message?.reason ?? '', /#fn9/);
  });

  it('keeps a note nobody points to and reports it as note-unreferenced', () => {
    const { markdown, file } = convertFragment(
      '<p>Text.<sup data-fn="a" class="fn"><a href="#a" id="a-link">1</a></sup></p><ol class="wp-block-footnotes"><li id="a">Used. <a href="#a-link">↩︎</a></li><li id="b">Orphan. <a href="#b-link">↩︎</a></li></ol>',
    );
    assert.deepEqual(split(markdown).definitions, [
      ['1', 'Used.'],
      ['2', 'Orphan.'],
    ]);
    const [message] = messagesOf(file, 'note-unreferenced');
    assert.match(message?.reason ?? '', /note 2 \(“Orphan\.”\)/);
    assert.equal(message?.fatal, false);
    assert.deepEqual(messagesOf(file, 'note-undefined'), []);
  });

  it('leaves alone superscript links that are not notes: to a heading, to nothing, an exponent', () => {
    const { markdown, file } = convertFragment(
      '<p>See<sup><a href="#part-2">2</a></sup>, x<sup>2</sup>, y<sup><a href="#gone">3</a></sup>.</p><h2 id="part-2">Part two</h2>',
    );
    assert.ok(!markdown.includes('[^'));
    assert.deepEqual(file.messages, []);
  });

  it('writes the neutral form: references in place, definitions at the end in number order', () => {
    const tree = fromHtml('<p>B<sup><a href="#n2">2</a></sup> A<sup><a href="#n1">1</a></sup></p><ol><li id="n1">One</li><li id="n2">Two</li></ol>', {
      fragment: true,
    });
    recogniseFootnotes(tree, new VFile());
    const paragraph = tree.children[0];
    assert.ok(paragraph?.type === 'element');
    assert.deepEqual(
      paragraph.children.filter((child) => child.type === 'element').map((child) => [child.tagName, child.properties.identifier]),
      [
        [noteReferenceTag, '2'],
        [noteReferenceTag, '1'],
      ],
    );
    const definitions = tree.children.filter((child) => child.type === 'element' && child.tagName === noteDefinitionTag);
    assert.deepEqual(
      definitions.map((definition) => definition.type === 'element' && definition.properties.identifier),
      ['1', '2'],
    );
    assert.equal(tree.children.length, 3, 'the emptied list is gone');
  });
});
