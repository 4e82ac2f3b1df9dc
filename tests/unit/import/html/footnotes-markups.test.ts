import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../../src/import/import.ts';
import { convertFragment, messagesOf, readFixture } from './helpers.ts';

/**
 * Note markups as generators, plugins, editors and scripts write them. Fixtures under
 * `tests/fixtures/import/html/notes/` are real output (origin and licence at the top of each, and in
 * `SOURCES.md`); the fragments written here follow the markup of the platform named in the test.
 */

/** The body text (before the definitions) and the definitions, from the Markdown. */
function split(markdown: string) {
  const definitions = [...markdown.matchAll(/^\[\^([^\]]+)\]:(?: ([^\n]*(?:\n {4}[^\n]*|\n(?=\n {4}))*))?/gm)].map((match) => [
    match[1],
    (match[2] ?? '').replace(/\n+ {4}/g, ' / '),
  ]);
  const text = markdown.replace(/^\[\^[^\]]+\]:[\s\S]*$/m, '').trim();
  return { text, definitions };
}

function noteFixture(name: string) {
  return convertFragment(readFixture(`notes/${name}`));
}

function ruleIds(file: VFile): string[] {
  return file.messages.map((message) => String(message.ruleId));
}

describe('recogniseFootnotes: notes from generators (real output)', () => {
  it('MediaWiki Cite: a named reference used twice, the ↑ 1.0 1.1 back-links taken off with their arrow', () => {
    const { markdown, file } = noteFixture('mediawiki-cite.html');
    assert.deepEqual(split(markdown), {
      text: '[^1] [^1] [^2]',
      definitions: [
        ['1', 'text'],
        ['2', 'other'],
      ],
    });
    assert.deepEqual(file.messages, []);
  });

  it('markdown-it: a marker used twice (fnref1:1, shown as [1:1]) is one note with two references', () => {
    const { markdown, file } = noteFixture('markdown-it-duplicate.html');
    assert.deepEqual(split(markdown), { text: '[^1] [^1]', definitions: [['1', 'foo']] });
    assert.ok(!markdown.includes('↩') && !markdown.includes('---'), 'back-links and the separator are gone');
    assert.deepEqual(file.messages, []);
  });

  it('markdown-it (and Ghost’s Markdown card): a named label is numbered as shown, a note of several blocks kept whole', () => {
    const { markdown } = noteFixture('markdown-it-pandoc-example.html');
    const { text, definitions } = split(markdown);
    assert.equal(text, "Here is a footnote reference,[^1] and another.[^2]\n\nThis paragraph won't be part of the note, because it isn't indented.");
    assert.deepEqual(
      definitions.map(([label]) => label),
      ['1', '2'],
    );
    assert.match(
      markdown,
      /\[\^2\]: Here's one with multiple blocks\.\n\n {4}Subsequent paragraphs[^\n]*\n\n {4}```\n {4}\{ some\.code \}\n {4}```\n\n {4}The whole paragraph[^↩]*list items\.\n/,
    );
  });

  it('Pandoc: role=doc-noteref markers in a paragraph, a quotation and a list; the section of notes goes, the document’s own heading stays', () => {
    const { markdown, file } = noteFixture('pandoc-html5.html');
    const { text, definitions } = split(markdown);
    assert.ok(text.startsWith('## Footnotes\n\nHere is a footnote reference,[^1] and another.[^2] This should _not_ be a footnote reference'));
    assert.ok(text.includes('Here is an inline note.[^3]\n\n> Notes can go in quotes.[^4]\n\n1. And in list items.[^5]'));
    assert.ok(text.includes('\\[^my note]'), 'literal text that only looks like a marker stays text');
    assert.deepEqual(
      definitions.map(([label, note]) => [label, note?.slice(0, 24)]),
      [
        ['1', 'Here is the footnote. It'],
        ['2', 'Here’s the long note. Th'],
        ['3', 'This is _easier_ to type'],
        ['4', 'In quote.'],
        ['5', 'In list.'],
      ],
    );
    assert.ok(!markdown.includes('↩'));
    assert.deepEqual(file.messages, []);
  });

  it('kramdown: markers in a quotation, a list and a heading; a note left empty loses its marker, with a note-empty warning at the marker', () => {
    const { markdown, file } = noteFixture('kramdown-markers.html');
    const { text, definitions } = split(markdown);
    assert.ok(text.includes('> a blockquote [^2]') && text.includes('- and a list item [^3]') && text.includes('## And a header[^4]'));
    assert.ok(text.includes('A marker without a definition \\[^without].'), 'a marker kramdown left as text stays text');
    assert.ok(text.includes('A marker used twice'), 'the empty note’s marker is gone, and its space with it');
    assert.deepEqual(
      definitions.map(([label, note]) => [label, note?.split(' / ')[0]]),
      [
        ['1', 'Some foot note text'],
        ['2', 'other text with more lines'],
        ['3', 'some _text_'],
        ['4', '```'],
      ],
    );
    const [empty] = messagesOf(file, 'note-empty');
    assert.equal(empty?.reason, 'note (#fn:empty) has no text in the source; its marker was dropped');
    assert.deepEqual([empty?.line, empty?.fatal], [18, false]);
    assert.deepEqual(ruleIds(file), ['note-empty']);
  });

  it('kramdown: a note that has a note of its own keeps its reference, and the inner note is a note like the others', () => {
    const { markdown, file } = noteFixture('kramdown-nested.html');
    assert.deepEqual(split(markdown), {
      text: 'Lorem ipsum[^1] dolor sit amet.\n\nLorem ipsum[^2] dolor sit amet.',
      definitions: [
        ['1', 'Consecutur adisping.[^3]'],
        ['2', 'Sed ut perspiciatis unde omnis.'],
        ['3', 'Sed ut.'],
      ],
    });
    assert.deepEqual(file.messages, []);
  });

  it('Tufte CSS: sidenotes and margin notes written inline become notes where their toggles were; a margin figure stays a figure', () => {
    const { markdown, file } = noteFixture('tufte-css.html');
    const { text, definitions } = split(markdown);
    assert.ok(text.startsWith('In his later books[^1], Tufte starts each section'));
    assert.ok(text.includes('Monotype Bembo[^2] font.'));
    assert.ok(text.includes('clickable text. [^3] However,'));
    assert.ok(text.includes('extensive use of sidenotes.[^4] Sidenotes are like footnotes'));
    assert.ok(text.includes('then you want a margin note. [^5] On large screens'));
    assert.ok(text.includes('<label for="sn-demo"'), 'the markup shown as code is text');
    assert.match(text, /::figure\[F\.J\. Cole, “The History[^\]]*Visual Explanations\.\]\{src="img\/rhino\.png"\}\n\nBut tight integration/);
    assert.equal(text.split('⊕').length, 2, 'the ⊕ toggles are gone; the one the prose mentions stays');
    assert.ok(!text.includes('Blue text') && !text.includes('This is a sidenote'), 'no note text left in the body');
    assert.deepEqual(definitions, [
      ['1', '[_Beautiful Evidence_](http://www.edwardtufte.com/tufte/books_be)'],
      ['2', 'See Tufte’s comment in the [Tufte book fonts](http://www.edwardtufte.com/bboard/q-and-a-fetch-msg?msg_id=0000Vt) thread.'],
      [
        '3',
        'Blue text, while also a widely recognizable clickable-text indicator, is crass and distracting. Luckily, it is also rendered unnecessary by the use of underlining.',
      ],
      ['4', 'This is a sidenote.'],
      ['5', 'This is a margin note. Notice there isn’t a number preceding the note.'],
    ]);
    assert.deepEqual(file.messages, [], 'the toggles’ checkboxes are not reported as removed form controls');
  });
});

describe('recogniseFootnotes: Word, LibreOffice and Google Docs pasted into posts', () => {
  it('Word pasted into WordPress: <sup><sup>, links to the .docx on the author’s disk, title="footnote 1", notes after <hr size=1>', () => {
    const { markdown, file } = convertFragment(
      `<p>The canal was never finished.<a title="footnote 1" href="file:///C:/Users/ana/Documents/canal.docx#_ftn1" name="_ftnref1"><sup><sup>[1]</sup></sup></a> Its bed is still there.<a title="" href="#_ftn2" name="_ftnref2"><span class="MsoFootnoteReference"><span style="font-size: 12pt;">[2]</span></span></a></p>
<div><br clear="all" /><hr align="left" size="1" width="33%" />
<div id="ftn1">
<p class="MsoFootnoteText"><a title="footnote 1" href="file:///C:/Users/ana/Documents/canal.docx#_ftnref1" name="_ftn1"><sup><sup>[1]</sup></sup></a> Survey of 1931, sheet 4.</p>
</div>
<div id="ftn2">
<p class="MsoFootnoteText"><a title="" href="#_ftnref2" name="_ftn2"><!--[if !supportFootnotes]-->[2]<!--[endif]--></a> Seen in 2019.</p>
<p class="MsoFootnoteText">A second paragraph.</p>
</div>
</div>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'The canal was never finished.[^1] Its bed is still there.[^2]',
      definitions: [
        ['1', 'Survey of 1931, sheet 4.'],
        ['2', 'Seen in 2019. / A second paragraph.'],
      ],
    });
    assert.ok(!markdown.includes('footnote 1') && !markdown.includes('---'));
    assert.deepEqual(file.messages, []);
  });

  it('links written against the WordPress editor’s address are links within the page; a note’s link to another site’s #fn1 stays as written', () => {
    const { markdown } = convertFragment(
      `<p>The canal.<a href="https://blog.example/wp-admin/post.php?post=12&amp;action=edit#_ftn1" name="_ftnref1">[1]</a></p>
<hr size="1" />
<p><a href="https://blog.example/wp-admin/post.php?post=12&amp;action=edit#_ftnref1" name="_ftn1">[1]</a> As <a href="https://other.example/essay#fn1">their note</a> says.</p>`,
    );
    assert.deepEqual(split(markdown), { text: 'The canal.[^1]', definitions: [['1', 'As [their note](https://other.example/essay#fn1) says.']] });
  });

  it('Word notes whose anchors an editor stripped: each marker finds the note that begins with its label', () => {
    const { markdown, file } = convertFragment(
      `<p>The canal was never finished.<a href="#_ftn1"><sup>[1]</sup></a> Its bed is still there.<a href="#_ftn2"><sup>[2]</sup></a></p>
<hr size="1" />
<p><a href="#_ftnref1">[1]</a> Survey of 1931, sheet 4.</p>
<p>[2] Seen in 2019.</p>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'The canal was never finished.[^1] Its bed is still there.[^2]',
      definitions: [
        ['1', 'Survey of 1931, sheet 4.'],
        ['2', 'Seen in 2019.'],
      ],
    });
    assert.deepEqual(file.messages, []);
  });

  it('Word notes that WordPress’s paragraphs ran into one, a line each', () => {
    const { markdown } = convertFragment(
      `<p>The canal was never finished.<a href="#_ftn1" name="_ftnref1">[1]</a> Its bed is still there.<a href="#_ftn2" name="_ftnref2">[2]</a></p>
<p><a href="#_ftnref1" name="_ftn1">[1]</a> Survey of 1931, sheet 4.<br />
<a href="#_ftnref2" name="_ftn2">[2]</a> Seen in 2019.</p>`,
    );
    assert.deepEqual(split(markdown).definitions, [
      ['1', 'Survey of 1931, sheet 4.'],
      ['2', 'Seen in 2019.'],
    ]);
  });

  it('LibreOffice: sdfootnote1anc / sdfootnote1sym, a note number run into its text, a note of two paragraphs, endnotes', () => {
    const { markdown, file } = convertFragment(
      `<p>Body sentence one<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>
continues.</p>
<p>Second para<a class="sdfootnoteanc" name="sdfootnote2anc" href="#sdfootnote2sym"><sup>2</sup></a>
ends. And an endnote<a class="sdendnoteanc" name="sdendnote1anc" href="#sdendnote1sym"><sup>i</sup></a>.</p>
<div id="sdfootnote1"><p class="sdfootnote"><a name="_GoBack"></a><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>The
 first note body.</p>
</div>
<div id="sdfootnote2"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote2sym" href="#sdfootnote2anc">2</a>Note
 two para one.</p>
 <p class="sdfootnote">Note two para two.</p>
</div>
<div id="sdendnote1"><p class="sdendnote"><a class="sdendnotesym" name="sdendnote1sym" href="#sdendnote1anc">i</a>The endnote.</p></div>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'Body sentence one[^1] continues.\n\nSecond para[^2] ends. And an endnote[^3].',
      definitions: [
        ['1', 'The first note body.'],
        ['2', 'Note two para one. / Note two para two.'],
        ['3', 'The endnote.'],
      ],
    });
    assert.deepEqual(file.messages, []);
  });
});

describe('recogniseFootnotes: platforms’ habits', () => {
  it('MediaWiki as Wikipedia shows it: [3] used twice, a page number after it ({{rp}}) left as text, “^ Jump up to: a b”, a note group [nb 1], both headings gone', () => {
    const { markdown, file } = convertFragment(
      `<p>The bridge opened in 1889.<sup id="cite_ref-Smith2001_3-0" class="reference"><a href="#cite_note-Smith2001-3"><span class="cite-bracket">&#91;</span>3<span class="cite-bracket">&#93;</span></a></sup><sup class="reference nowrap"><span title="Page / location: 12">: 12</span></sup> It was widened later.<sup id="cite_ref-4" class="reference"><a href="#cite_note-4"><span class="cite-bracket">&#91;</span>4<span class="cite-bracket">&#93;</span></a></sup><sup id="cite_ref-Smith2001_3-1" class="reference"><a href="#cite_note-Smith2001-3"><span class="cite-bracket">&#91;</span>3<span class="cite-bracket">&#93;</span></a></sup> A toll was charged.<sup id="cite_ref-5" class="reference"><a href="#cite_note-5">&#91;nb 1&#93;</a></sup></p>
<h2><span class="mw-headline" id="References">References</span></h2>
<div class="reflist"><div class="mw-references-wrap"><ol class="references" start="3">
<li id="cite_note-Smith2001-3"><span class="mw-cite-backlink">^ <a href="#cite_ref-Smith2001_3-0"><span class="cite-accessibility-label">Jump up to: </span><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-Smith2001_3-1"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text">Smith, J. (2001). <i>Bridges of the North</i>. p. 12.</span>
</li>
<li id="cite_note-4"><span class="mw-cite-backlink"><b><a href="#cite_ref-4" aria-label="Jump up" title="Jump up">^</a></b></span> <span class="reference-text">Council minutes, 1912.</span>
</li>
</ol></div></div>
<h2>Notes</h2>
<div class="reflist"><ol class="references" style="list-style-type: lower-alpha;">
<li id="cite_note-5"><span class="mw-cite-backlink"><b><a href="#cite_ref-5">^</a></b></span> <span class="reference-text">Until 1920.</span></li>
</ol></div>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'The bridge opened in 1889.[^3]: 12 It was widened later.[^4][^3] A toll was charged.[^1]',
      definitions: [
        ['1', 'Until 1920.'],
        ['3', 'Smith, J. (2001). _Bridges of the North_. p. 12.'],
        ['4', 'Council minutes, 1912.'],
      ],
    });
    assert.deepEqual(file.messages, []);
  });

  it('Substack: footnote-anchor links, footnote divs whose number links back, a note inside a note', () => {
    const { markdown, file } = convertFragment(
      `<p>He wrote down who could not pay.<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-1" href="#footnote-1" target="_self">1</a> Twice.<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-2" href="#footnote-2" target="_self">2</a></p>
<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content"><p>The earlier ledgers were lost.</p></div></div>
<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-2" href="#footnote-anchor-2" class="footnote-number" contenteditable="false" target="_self">2</a><div class="footnote-content"><p>First paragraph.</p><p>Second, with a note of its own.<a class="footnote-anchor" id="footnote-anchor-3" href="#footnote-3">3</a></p></div></div>
<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-3" href="#footnote-anchor-3" class="footnote-number" contenteditable="false" target="_self">3</a><div class="footnote-content"><p>The nested one.</p></div></div>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'He wrote down who could not pay.[^1] Twice.[^2]',
      definitions: [
        ['1', 'The earlier ledgers were lost.'],
        ['2', 'First paragraph. / Second, with a note of its own.[^3]'],
        ['3', 'The nested one.'],
      ],
    });
    assert.deepEqual(file.messages, []);
  });

  it('Blogger: notes as lines of one block (<a name="fn1"></a>1. …<br>), a bracketed [<a>2</a>] marker, the “Notes” line and “Back” links gone', () => {
    const { markdown, file } = convertFragment(
      `<div class="post-body entry-content">We drove north for two days.<a href="#fn1" name="fnref1"><sup>1</sup></a> The border was closed.<sup>[<a href="#fn2">2</a>]</sup><br />
<br />
Notes<br />
<a name="fn1"></a>1. The road through Osh.<br />
<a name="fn2"></a>2. It reopened in May. <a href="#fnref1">Back</a><br />
</div>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'We drove north for two days.[^1] The border was closed.[^2]',
      definitions: [
        ['1', 'The road through Osh.'],
        ['2', 'It reopened in May.'],
      ],
    });
    assert.deepEqual(file.messages, []);
  });

  it('Medium: Unicode superscript markers linking to paragraphs by their name, the ¹ ² the notes begin with taken off', () => {
    const { markdown } = convertFragment(
      `<p name="1a2b" id="1a2b" class="graf graf--p">The archive was closed<a href="#9f8e" class="markup--anchor markup--p-anchor" data-href="#9f8e">¹</a> and the catalogue lost.<a href="#7c6d" class="markup--anchor markup--p-anchor" data-href="#7c6d">²</a></p>
<h4 name="aa11" id="aa11" class="graf graf--h4">Notes</h4>
<p name="9f8e" id="9f8e" class="graf graf--p">¹ Closed since 2014.</p>
<p name="7c6d" id="7c6d" class="graf graf--p">² A copy survives in Leiden.</p>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'The archive was closed[^1] and the catalogue lost.[^2]',
      definitions: [
        ['1', 'Closed since 2014.'],
        ['2', 'A copy survives in Leiden.'],
      ],
    });
  });

  it('a diary’s asterisk notes: *, ** and † linking to notes that begin with the same sign, numbered 1…N', () => {
    const { markdown } = convertFragment(
      `<p>Monday. Rain again.<a href="#star1">*</a> We stayed in.<a href="#star2">**</a> Later, a dagger.<a href="#dag">†</a></p>
<p id="star1">* As every day this month.</p>
<p id="star2">** Except Ana, who went to the market.</p>
<p id="dag">† The last one.</p>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'Monday. Rain again.[^1] We stayed in.[^2] Later, a dagger.[^3]',
      definitions: [
        ['1', 'As every day this month.'],
        ['2', 'Except Ana, who went to the market.'],
        ['3', 'The last one.'],
      ],
    });
  });

  it('named labels [a], [b] with ^ back-links, numbered in order', () => {
    const { markdown } = convertFragment(
      `<p>First<sup><a href="#note-a" id="ref-a">a</a></sup> and second<sup><a href="#note-b" id="ref-b">b</a></sup>.</p>
<ol type="a"><li id="note-a"><a href="#ref-a">^</a> Alpha note.</li><li id="note-b"><a href="#ref-b">^</a> Beta note.</li></ol>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'First[^1] and second[^2].',
      definitions: [
        ['1', 'Alpha note.'],
        ['2', 'Beta note.'],
      ],
    });
  });

  it('every marker linking to the whole notes section: each takes the part that begins with its number', () => {
    const { markdown } = convertFragment(
      '<p>The river moved east.<sup><a href="#notes">1</a></sup> Nobody noticed.<sup><a href="#notes">2</a></sup></p><div id="notes"><p>1. By about forty metres.</p><p>2. Except the miller.</p></div>',
    );
    assert.deepEqual(split(markdown), {
      text: 'The river moved east.[^1] Nobody noticed.[^2]',
      definitions: [
        ['1', 'By about forty metres.'],
        ['2', 'Except the miller.'],
      ],
    });
  });
});

describe('recogniseFootnotes: notes set as tables and definition lists', () => {
  it('the WordPress “footnotes” plugin: a marker whose onclick is gone, a truncated tooltip copy, the table of notes and its “Notes & References [+]” chrome', () => {
    const { markdown, file } = convertFragment(
      `<p>We used OLETeX to turn tables into pictures. <span class="footnote_referrer"><a role="button" tabindex="0" onclick="footnote_moveToReference_264_177('footnote_plugin_reference_264_177_1');" onkeypress="footnote_moveToReference_264_177('footnote_plugin_reference_264_177_1');" ><sup id="footnote_plugin_tooltip_264_177_1" class="footnote_plugin_tooltip_text">[1]</sup></a><span id="footnote_plugin_tooltip_text_264_177_1" class="footnote_tooltip">OLETeX can also do OLE, but we only use it to make EPS&nbsp;&#x2026; <span class="footnote_tooltip_continue">Continue reading</span></span></span> It worked.</p>
<div class="speaker-mute footnotes_reference_container"> <div class="footnote_container_prepare"><p><span role="button" tabindex="0" class="footnote_reference_container_label pointer" onclick="footnote_expand_collapse_reference_container_264_177();">Notes &amp; References</span><span role="button" tabindex="0" class="footnote_reference_container_collapse_button" style="display: none;" onclick="footnote_expand_collapse_reference_container_264_177();">[<a id="footnote_reference_container_collapse_button_264_177">+</a>]</span></p></div> <div id="footnote_references_container_264_177" style=""><table class="footnotes_table footnote-reference-container"><caption class="accessibility">Notes &amp; References</caption> <tbody>
<tr class="footnotes_plugin_reference_row"> <th scope="row" class="footnote_plugin_index_combi pointer" onclick="footnote_moveToAnchor_264_177('footnote_plugin_tooltip_264_177_1');"><a id="footnote_plugin_reference_264_177_1" class="footnote_backlink"><span class="footnote_index_arrow">&#8593;</span>1</a></th> <td class="footnote_plugin_text">OLETeX can also do OLE, but we only use it to make EPS files, having used WMF2EPS before.</td></tr>
</tbody></table></div></div>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'We used OLETeX to turn tables into pictures. [^1] It worked.',
      definitions: [['1', 'OLETeX can also do OLE, but we only use it to make EPS files, having used WMF2EPS before.']],
    });
    assert.deepEqual(ruleIds(file), ['import-sanitised']);
  });

  it('the same plugin with its table switched off: the tooltip is the only copy and is the note', () => {
    const { markdown } = convertFragment(
      '<p>On a shorter note than my previous article<span class="footnote_referrer"><a role="button" tabindex="0" onclick="footnote_moveToReference_2683_89(\'footnote_plugin_reference_2683_89_1\');"><sup id="footnote_plugin_tooltip_2683_89_1" class="footnote_plugin_tooltip_text">1</sup></a><span id="footnote_plugin_tooltip_text_2683_89_1" class="footnote_tooltip"><a href="https://blah.example/architecture/designing-networks/"><span class="footnote_url_wrap">https://blah.example/architecture/designing-networks/</span></a></span></span> - I have been moving my lab.</p>',
    );
    assert.deepEqual(split(markdown), {
      text: 'On a shorter note than my previous article[^1] - I have been moving my lab.',
      definitions: [['1', '<https://blah.example/architecture/designing-networks/>']],
    });
  });

  it('docutils (Sphinx, Pelican): notes as one-row tables, as dt/dd pairs, and as doc-footnote asides with bracketed labels', () => {
    const tables = convertFragment(
      `<p>Footnote references, like <a class="footnote-reference" href="#id8" id="id1">[5]</a>. A second<a class="footnote-reference" href="#label" id="id2">[2]</a>.</p>
<table class="docutils footnote" frame="void" id="id8" rules="none">
<colgroup><col class="label" /><col /></colgroup>
<tbody valign="top">
<tr><td class="label"><a class="fn-backref" href="#id1">[5]</a></td><td>A footnote contains body elements.</td></tr>
</tbody>
</table>
<table class="docutils footnote" frame="void" id="label" rules="none">
<colgroup><col class="label" /><col /></colgroup>
<tbody valign="top">
<tr><td class="label"><a class="fn-backref" href="#id2">[2]</a></td><td>Footnotes may be numbered.</td></tr>
</tbody>
</table>`,
    );
    assert.deepEqual(split(tables.markdown), {
      text: 'Footnote references, like [^5]. A second[^2].',
      definitions: [
        ['2', 'Footnotes may be numbered.'],
        ['5', 'A footnote contains body elements.'],
      ],
    });
    const list = convertFragment(
      `<p>Footnote references, like <a class="footnote-reference brackets" href="#id8" id="id1">5</a>.</p>
<dl class="footnote brackets">
<dt class="label" id="id8"><span class="brackets"><a class="fn-backref" href="#id1">5</a></span></dt>
<dd><p>A footnote contains body elements.</p>
<p>A second paragraph.</p>
</dd>
</dl>`,
    );
    assert.deepEqual(split(list.markdown), {
      text: 'Footnote references, like [^5].',
      definitions: [['5', 'A footnote contains body elements. / A second paragraph.']],
    });
    const asides = convertFragment(
      `<p>Footnote references, like <a class="footnote-reference brackets" href="#footnote-1" id="footnote-reference-1" role="doc-noteref"><span class="fn-bracket">[</span>5<span class="fn-bracket">]</span></a>.</p>
<aside class="footnote-list brackets">
<aside class="footnote brackets" id="footnote-1" role="doc-footnote">
<span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#footnote-reference-1">5</a><span class="fn-bracket">]</span></span>
<p>A footnote contains body elements.</p>
</aside>
</aside>`,
    );
    assert.deepEqual(split(asides.markdown), { text: 'Footnote references, like [^5].', definitions: [['5', 'A footnote contains body elements.']] });
  });
});

describe('recogniseFootnotes: markers tied by attributes, scripts and roles', () => {
  it('bigfoot with the original notes deleted: the note’s HTML lives only in the button’s data-bigfoot-footnote; the sentence it split is whole again', () => {
    const { markdown, file } = convertFragment(
      '<p>The river moved east.<div class="bigfoot-footnote__container"><button href="#" class="bigfoot-footnote__button" id="fnref:1" data-footnote-number="1" data-footnote-identifier="1" alt="See Footnote 1" rel="footnote" data-bigfoot-footnote="&lt;p&gt;By about &lt;em&gt;forty&lt;/em&gt; metres.&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;"><svg class="bigfoot-footnote__button__circle" viewbox="0 0 6 6"><circle r="3" cx="3" cy="3" fill="white"></circle></svg></button></div> Nobody noticed.</p>',
    );
    assert.deepEqual(split(markdown), { text: 'The river moved east.[^1] Nobody noticed.', definitions: [['1', 'By about _forty_ metres.']] });
    assert.deepEqual(ruleIds(file), ['import-sanitised'], 'the script in the note’s HTML was sanitised like the page');
  });

  it('littlefoot: its button beside the page’s own marker is a copy, not a second note', () => {
    const { markdown, file } = convertFragment(
      `<p>The river moved east.<span class="littlefoot"><button class="littlefoot__button" id="lf-fnref:1" title="See Footnote 1" aria-expanded="false" aria-describedby="fn:1"><svg role="img"><title>Footnote 1</title></svg></button></span><sup id="fnref:1" class="littlefoot--print"><a href="#fn:1" class="footnote">1</a></sup> Nobody noticed.</p>
<div class="footnotes littlefoot--print"><hr class="littlefoot--print"><ol><li id="fn:1" class="littlefoot--print"><p>By about forty metres.&nbsp;<a href="#fnref:1" class="reversefootnote">↩</a></p></li></ol></div>`,
    );
    assert.deepEqual(split(markdown), { text: 'The river moved east.[^1] Nobody noticed.', definitions: [['1', 'By about forty metres.']] });
    assert.deepEqual(file.messages, []);
  });

  it('buttons that show no digit and name their note only by aria-describedby, with random ids', () => {
    const { markdown } = convertFragment(
      `<p>The river moved east.<button class="note-toggle" aria-describedby="n-7f3a"></button> Nobody noticed.<button class="note-toggle" aria-describedby="n-91bc"></button></p>
<aside id="n-7f3a" class="note" hidden>By about forty metres.</aside>
<aside id="n-91bc" class="note" hidden>Except the miller.</aside>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'The river moved east.[^1] Nobody noticed.[^2]',
      definitions: [
        ['1', 'By about forty metres.'],
        ['2', 'Except the miller.'],
      ],
    });
  });

  it('tooltips holding the only copy of the note (title, data-tooltip, data-content with HTML); accessible names and glosses are not notes', () => {
    const { markdown } = convertFragment(
      '<p>The river moved east.<sup><a href="#" title="By about forty metres, according to the 1931 survey.">1</a></sup> Nobody noticed.<span class="tooltip" data-tooltip="Except the miller, who wrote to the council.">[2]</span> Then <abbr title="HyperText Markup Language">HTML</abbr> and x<sup title="squared">2</sup>. A note<sup class="footnote" aria-label="Footnote 3" data-content="&lt;em&gt;Ibid.&lt;/em&gt;, page 4 of the report.">3</sup>.</p>',
    );
    assert.deepEqual(split(markdown), {
      text: 'The river moved east.[^1] Nobody noticed.[^2] Then HTML and x^2^. A note[^3].',
      definitions: [
        ['1', 'By about forty metres, according to the 1931 survey.'],
        ['2', 'Except the miller, who wrote to the council.'],
        ['3', 'Ibid., page 4 of the report.'],
      ],
    });
  });

  it('a tooltip repeating a note that is in the page: the page’s note is the note', () => {
    const { markdown } = convertFragment(
      '<p>Bread.<span class="easy-footnote"><a href="#easy-footnote-bottom-1-9" title="The rule was strict, as the abbot wrote.">1</a></span></p><ol class="easy-footnotes-wrapper"><li><span id="easy-footnote-bottom-1-9"></span>The rule was strict, as the abbot wrote in <em>1402</em>.</li></ol>',
    );
    assert.deepEqual(split(markdown), { text: 'Bread.[^1]', definitions: [['1', 'The rule was strict, as the abbot wrote in _1402_.']] });
  });

  it('DPUB-ARIA with random ids: doc-noteref used twice, doc-footnote asides, a doc-endnote nobody references kept and reported', () => {
    const { markdown, file } = convertFragment(
      `<p>The river moved east.<a role="doc-noteref" href="#fn-3f9a2c" id="ref-3f9a2c">1</a> Nobody noticed.<a role="doc-noteref" href="#fn-a81e07" id="ref-a81e07">2</a> Again.<a role="doc-noteref" href="#fn-3f9a2c" id="ref-3f9a2c-2">1</a></p>
<aside role="doc-footnote" id="fn-3f9a2c"><p>By about forty metres.</p></aside>
<aside role="doc-footnote" id="fn-a81e07"><p>Except the miller. <a role="doc-backlink" href="#ref-a81e07">Back to text</a></p></aside>
<section role="doc-endnotes"><ol><li role="doc-endnote" id="fn-000000">Never referenced.</li></ol></section>`,
    );
    assert.deepEqual(split(markdown), {
      text: 'The river moved east.[^1] Nobody noticed.[^2] Again.[^1]',
      definitions: [
        ['1', 'By about forty metres.'],
        ['2', 'Except the miller.'],
        ['3', 'Never referenced.'],
      ],
    });
    const [unreferenced] = messagesOf(file, 'note-unreferenced');
    assert.match(unreferenced?.reason ?? '', /note 3 \(“Never referenced\.”\)/);
    assert.deepEqual([unreferenced?.line, unreferenced?.column], [4, 34]);
  });

  it('LaTeXML (arXiv’s HTML): the note written inline, its number repeated inside it taken off', () => {
    const { markdown } = convertFragment(
      '<p>The theorem holds<span id="footnote1" class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">1</sup><span class="ltx_note_outer"><span class="ltx_note_content"><sup class="ltx_note_mark">1</sup><span class="ltx_tag ltx_tag_note">1</span>Proved in <a href="https://example.org">an earlier paper</a>.</span></span></span> for all n.</p>',
    );
    assert.deepEqual(split(markdown), { text: 'The theorem holds[^1] for all n.', definitions: [['1', 'Proved in [an earlier paper](https://example.org).']] });
  });

  it('Distill: a <d-footnote> custom element is the note, where it stands (tests/corpus/html/distill-research-debt)', () => {
    const { markdown } = convertFragment(
      '<p>Research distillation is the opposite of research debt.<d-footnote>That is, really outstanding tutorials, reviews, textbooks, and so on.</d-footnote> The climb isn’t something to be proud of.</p>',
    );
    assert.deepEqual(split(markdown), {
      text: 'Research distillation is the opposite of research debt.[^1] The climb isn’t something to be proud of.',
      definitions: [['1', 'That is, really outstanding tutorials, reviews, textbooks, and so on.']],
    });
  });

  it('Modern Footnotes (WordPress): the note written inline after its marker, tied by aria-describedby and data-mfn', () => {
    const { markdown } = convertFragment(
      '<p>The river moved east.<sup class="modern-footnotes-footnote " data-mfn="1" data-mfn-post-scope="00000000000004f70000000000000000_412"><a href="javascript:void(0)" role="button" aria-pressed="false" aria-describedby="mfn-content-00000000000004f70000000000000000_412-1">1</a></sup><span id="mfn-content-00000000000004f70000000000000000_412-1" role="tooltip" class="modern-footnotes-footnote__note" tabindex="0" data-mfn="1">By about forty metres.</span> Nobody noticed.</p>',
    );
    assert.deepEqual(split(markdown), { text: 'The river moved east.[^1] Nobody noticed.', definitions: [['1', 'By about forty metres.']] });
  });

  it('custom data-* links: a data attribute naming the note’s id, and one repeated on marker and note', () => {
    const { markdown } = convertFragment(
      '<p>The river moved east.<a class="note-link" data-note-target="note-4" href="#">4</a> Nobody noticed.<sup data-footnote-id="5">5</sup></p><ol class="endnotes"><li id="note-4">By about forty metres.</li><li data-footnote-id="5">Except the miller.</li></ol>',
    );
    assert.deepEqual(split(markdown), {
      text: 'The river moved east.[^4] Nobody noticed.[^5]',
      definitions: [
        ['4', 'By about forty metres.'],
        ['5', 'Except the miller.'],
      ],
    });
  });
});

describe('recogniseFootnotes: what is not a note', () => {
  it('superscripts and subscripts that are not markers, links to the top, the comments and a heading, and JSON repeating the notes', () => {
    const { markdown, file } = convertFragment(
      `<p>Water is H<sub>2</sub>O and CO<sub>2</sub>; e = mc<sup>2</sup>; the 1<sup>st</sup> of May; x<sup>2</sup> + y<sup>2</sup>. See <a href="#top">top</a>, <a href="#comments">3 comments</a><sup><a href="#comments">3</a></sup>, part <a href="#part-2">2</a> and <a href="#para-9">9</a>.</p>
<script type="application/json">{"notes":["A repeated note"]}</script>
<script type="application/ld+json">{"@type":"BlogPosting","articleBody":"Text 1 A repeated note"}</script>
<h2 id="part-2">2. Part two</h2>
<p id="para-9">More text.</p>
<div id="comments"><h3>3 Comments</h3><p>3 people said hello.</p></div>`,
    );
    assert.ok(!markdown.includes('[^'), markdown);
    assert.ok(!markdown.includes('A repeated note'));
    assert.deepEqual(ruleIds(file), ['import-sanitised']);
  });

  it('notes whose ids a sanitiser stripped, in a numbered list after a rule: each marker takes its list item; a superscript to a missing #fn3 is reported', () => {
    const { markdown, file } = convertFragment(
      '<p>A<sup><a href="#fn1">1</a></sup> and b<sup><a href="#fn2">2</a></sup> and c<sup><a href="#fn3">3</a></sup>.</p><hr><ol><li>First note.</li><li>Second note.</li></ol>',
    );
    assert.deepEqual(split(markdown), {
      text: 'A[^1] and b[^2] and c[^3].',
      definitions: [
        ['1', 'First note.'],
        ['2', 'Second note.'],
      ],
    });
    assert.deepEqual(
      messagesOf(file, 'note-undefined').map((message) => [message.line, message.column, message.reason]),
      [[1, 79, 'footnote marker 3 points to #fn3, which is not in the page']],
    );
  });

  it('cross-references to notes (“as note <a>1</a> says”, “see <a>note 2</a>”) stay words, and no longer link', () => {
    const { markdown } = convertFragment(
      '<p>Text<sup><a href="#fn1" id="r1">1</a></sup> and more<sup><a href="#fn2" id="r2">2</a></sup>. As note <a href="#fn1">1</a> says, and see <a href="#fn2">note 2</a>.</p><ol class="footnotes"><li id="fn1">One, but see <a href="#fn2">note 2</a>. <a href="#r1">↩</a></li><li id="fn2">Two. <a href="#r2">↩</a></li></ol>',
    );
    assert.deepEqual(split(markdown), {
      text: 'Text[^1] and more[^2]. As note 1 says, and see note 2.',
      definitions: [
        ['1', 'One, but see note 2.'],
        ['2', 'Two.'],
      ],
    });
  });

  it('page numbers with titles, carousel dots, buttons that show words and a body paragraph that begins “3.” are not notes', () => {
    const { markdown, file } = convertFragment(
      `<p>Claim.<a href="#_ftn3" name="_ftnref3">[3]</a> More.</p>
<p>3. The third reason is the longest of them all.</p>
<div class="carousel"><a aria-controls="slide-2">2</a><div id="slide-2">A slide about the harbour.</div></div>
<nav class="pagination"><a href="?page=2" title="Go to page 2 of the archive">2</a> <span title="Page 3 of the archive">3</span></nav>
<p>Share it.<button aria-describedby="tip">Subscribe now</button><button class="notes-toggle">Show notes</button></p><div id="tip" role="tooltip">Get the newsletter.</div>`,
    );
    assert.ok(!markdown.includes('Subscribe now') && !markdown.includes('Show notes'), 'buttons that show words are page controls, stripped as before');
    assert.ok(!markdown.includes('[^3]:') && !markdown.includes('[^1]:'), markdown);
    assert.ok(markdown.includes('3. The third reason') || markdown.includes('3\\. The third reason'), 'the paragraph stays in the body');
    assert.ok(markdown.includes('A slide about the harbour.'));
    assert.deepEqual(ruleIds(file), ['note-undefined'], 'only the Word marker whose note is gone is reported');
  });

  it('a note that begins with a bold letter or year keeps it; only the note’s own label is taken off', () => {
    const { markdown } = convertFragment(
      `<p>One<sup><a href="#fn1" id="r1">1</a></sup>, two<sup><a href="#fn2" id="r2">2</a></sup>, three<sup><a href="#fn3" id="r3">3</a></sup>.</p>
<ol class="footnotes"><li id="fn1"><b>A</b> is for apple. <a href="#r1">↩</a></li><li id="fn2"><b>1998</b> was the year. <a href="#r2">↩</a></li><li id="fn3"><sup>3</sup> The third. <a href="#r3">↩</a></li></ol>`,
    );
    assert.deepEqual(split(markdown).definitions, [
      ['1', '**A** is for apple.'],
      ['2', '**1998** was the year.'],
      ['3', 'The third.'],
    ]);
  });

  it('a marker whose note is not in the page is a note-undefined error at the marker; its neighbours are unaffected', () => {
    const { markdown, file } = convertFragment(
      '<p>Fine.</p>\n<p>First<sup class="footnote"><a href="#fn1" id="fnref1">1</a></sup> and dangling<sup class="footnote"><a href="#fn9" id="fnref9">9</a></sup>.</p>\n<div class="footnotes"><ol><li id="fn1">One. <a href="#fnref1">↩</a></li></ol></div>',
    );
    assert.deepEqual(split(markdown), { text: 'Fine.\n\nFirst[^1] and dangling[^9].', definitions: [['1', 'One.']] });
    const [undefinedNote] = messagesOf(file, 'note-undefined');
    assert.deepEqual([undefinedNote?.line, undefinedNote?.column], [2, 82]);
    assert.match(undefinedNote?.reason ?? '', /#fn9/);
  });
});

describe('recogniseFootnotes: raw HTML in Markdown', () => {
  it('hand-made notes in Markdown: Markdown links in superscripts to named anchors, a note a line, “1:” and “2:” taken off', () => {
    const text = `---
title: Peer review
---
As defined by the dictionary, _peer review_ <sup>[1](#peerreview)</sup>is “a process”. The players are mostly male (Helmer et al. 2017<sup>[2](#helmer)</sup>).

---
<a name="peerreview">1</a>: Merriam Webster's definition of Peer Review: <https://www.merriam-webster.com/dictionary/peer%20review><br>
<a name="helmer">2</a>:Helmer, Markus, and Demian Battaglia. 2017. “Gender Bias in Scholarly Peer Review.” eLife 6.
`;
    const file = new VFile({ path: 'post.md', value: text });
    const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
    assert.ok(piece);
    assert.deepEqual(split(bodyToMarkdown(piece.body)), {
      text: 'As defined by the dictionary, _peer review_ [^1]is “a process”. The players are mostly male (Helmer et al. 2017[^2]).',
      definitions: [
        ['1', "Merriam Webster's definition of Peer Review: <https://www.merriam-webster.com/dictionary/peer%20review>"],
        ['2', 'Helmer, Markus, and Demian Battaglia. 2017. “Gender Bias in Scholarly Peer Review.” eLife 6.'],
      ],
    });
  });

  it('Tufte sidenotes written into a Markdown post become footnotes', () => {
    const text = `---
title: The Interface
---
The interface created the conditions for failure.<label for="sn-hostile" class="margin-toggle sidenote-number"></label><input type="checkbox" id="sn-hostile" class="margin-toggle"/><span class="sidenote">Dark patterns are the deliberate use of this dynamic.</span>

I have built software for fifteen years.<label for="sn-x" class="margin-toggle sidenote-number"></label>
<input type="checkbox" id="sn-x" class="margin-toggle">
<span class="sidenote">Too much complexity, *Grug* reaching for club.</span> And then some.
`;
    const file = new VFile({ path: 'post.md', value: text });
    const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
    assert.ok(piece);
    assert.deepEqual(split(bodyToMarkdown(piece.body)), {
      text: 'The interface created the conditions for failure.[^1]\n\nI have built software for fifteen years.[^2] And then some.',
      definitions: [
        ['1', 'Dark patterns are the deliberate use of this dynamic.'],
        ['2', 'Too much complexity, _Grug_ reaching for club.'],
      ],
    });
    assert.deepEqual(messagesOf(file, 'import-sanitised'), []);
  });
});
