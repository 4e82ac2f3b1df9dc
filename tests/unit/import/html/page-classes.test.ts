import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../../src/import/import.ts';

/**
 * Classes of saved pages found in the real-world corpus (`tests/corpus/html/`), each written here
 * as a small page in the markup of the platform named in the test.
 */

function importPage(html: string) {
  const file = new VFile({ path: 'page.html', value: html });
  const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
  assert.ok(piece, 'the page gives a chapter');
  return { piece, markdown: bodyToMarkdown(piece.body), file };
}

const prose = 'This paragraph is long enough to read as the body of an article that a reader came for, and it goes on a little longer so that it is prose.';

describe('saved pages: classes from the corpus', () => {
  it('a magazine’s issue line over the title gives the date and, from the line above it, the venue; one under the title does not', () => {
    const issueHead = `<p><b>L&rsquo;&eacute;tat de l&rsquo;&eacute;conomie 2007<br></b><b>Hors-s&eacute;rie n&deg; 72, 2<sup>e</sup>&nbsp;trimestre 2007<br></b></p>`;
    const over = importPage(`<html><head><title>Les Français travaillent-ils trop peu ?</title></head><body>
${issueHead}<h1>Les Français travaillent-ils trop peu ?</h1><p>${prose}</p><p>${prose}</p></body></html>`);
    assert.equal(over.piece.meta.date, '2007');
    assert.equal(over.piece.meta.venue, 'L’état de l’économie 2007');
    const under = importPage(`<html><head><title>Les Français travaillent-ils trop peu ?</title></head><body>
<h1>Les Français travaillent-ils trop peu ?</h1><p>${prose}</p>${issueHead}<p>${prose}</p></body></html>`);
    assert.equal(under.piece.meta.date, undefined);
    assert.equal(under.piece.meta.venue, undefined);
  });

  it('SPIP: a number linked alone between brackets in the text is a marker, and its note is pulled in from outside the article', () => {
    const { markdown } = importPage(`<html><head><title>Un titre</title></head><body>
<div class="main"><article><h1>Un titre</h1>
<p>${prose} Une phrase citée<span class="spip_note_ref">&nbsp;[<a href='#nb1' class='spip_note' rel='appendix' title='« Objectifs et principes », Catégorisation des revues,&nbsp;(...)' id='nh1'>1</a>]</span>. ${prose}</p>
<p>${prose}</p></article></div>
<div class="colonne"><div class="notes"><h2>Notes</h2><div id='nb1'>
<p><span class="spip_note_ref">[<a href='#nh1' class='spip_note' title='Notes 1' rev='appendix'>1</a>]&nbsp;</span>« Objectifs et principes », <i>Catégorisation des revues</i>, Section 37 du Comité national, Octobre 2007.</p>
</div></div></div></body></html>`);
    assert.match(markdown, /Une phrase citée\[\^1\]/);
    assert.match(markdown, /\[\^1\]: « Objectifs et principes », _Catégorisation des revues_, Section 37 du Comité national, Octobre 2007\./);
  });

  it('a number in brackets that is part of the sentence, not next to the link, makes no marker', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1>
<p>${prose} See [the table <a href="#t2">2</a> below]. ${prose}</p><p>${prose}</p><table id="t2"><tr><td>2</td><td>cell</td></tr></table></article></body></html>`);
    assert.ok(!markdown.includes('[^'), markdown);
  });

  it('a “read also” box set as an inline element holding blocks (SPIP’s q.lire_aussi) is chrome, not a line of prose', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><div class="texte">
<q class="lire_aussi"><div class="logo"><a href="https://example.org/58769"><img src="a.jpg"></a></div>
Lire aussi Martine Bulard, « <a href="https://example.org/58769">En Corée, la politique du rayon de soleil</a> », juin 2018.</q>
<p>${prose}</p><p>${prose}</p></div></article></body></html>`);
    assert.ok(!markdown.includes('Lire aussi'), markdown);
    assert.ok(!markdown.includes('rayon de soleil'), markdown);
    assert.ok(markdown.includes('This paragraph is long enough'));
  });
});

describe('saved pages: plugin furniture around notes and code', () => {
  it('WordPress “footnotes” plugin: the empty anchor between a marker and its tooltip is no marker, the tooltip no second note', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1>
<p>${prose} Text here<span class="footnote_referrer"><a role="button" tabindex="0" href="#f+253+1+2" class="footnote_hard_link"><sup id="footnote_plugin_tooltip_253_1_2" class="footnote_plugin_tooltip_text">[1]</sup></a><span class="footnote_referrer_base"><span id="r+253+1+2" class="footnote_referrer_anchor"></span></span><span id="footnote_plugin_tooltip_text_253_1_2" class="footnote_tooltip">The note, cut short … <a class="footnote_tooltip_continue" href="#f+253+1+2">Continue reading</a></span></span> more text.</p>
<p>${prose}</p>
<table><tr class="footnotes_plugin_reference_row"><th scope="row" class="footnote_plugin_index_combi pointer"><a id="footnote_plugin_reference_253_1_2" href="#r+253+1+2" class="footnote_backlink"><span class="footnote_item_base"><span id="f+253+1+2" class="footnote_item_anchor"></span></span><span class="footnote_index_arrow">↑</span>1</a></th> <td class="footnote_plugin_text">The note, whole, as the author wrote it.</td></tr></table></article></body></html>`);
    assert.match(markdown, /Text here\[\^1\] more text\./);
    assert.match(markdown, /\[\^1\]: The note, whole, as the author wrote it\./);
    assert.ok(!markdown.includes('[^2]') && !markdown.includes('Continue reading'), markdown);
  });

  it('a highlighter’s “Code language:” label set between blocks is chrome; a word in a sentence is not', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><p>${prose}</p>
<div><code class="hljs language-bash">zmap -p52869 -o jp</code></div><small class="shcb-language"><span class="shcb-language__label">Code language:</span> <span class="shcb-language__name">Bash</span> <span>(</span><span>bash</span><span>)</span></small>
<p>${prose} Then <small>copy</small> the file.</p></article></body></html>`);
    assert.ok(!markdown.includes('Code language'), markdown);
    assert.match(markdown, /zmap -p52869 -o jp/);
    assert.match(markdown, /Then copy the file\./);
  });
});

describe('saved pages: what a wiki and a news page put around the text', () => {
  const wiki = `<html><body><div id="content"><h1>Mozilla</h1><div id="mw-content-text">
<p>${prose} Mozilla is a free-software community.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<p>${prose}</p>
<h2><span class="mw-headline" id="See_also">See also</span></h2>
<ul><li><a href="/wiki/Mozilla_(mascot)">Mozilla (mascot)</a></li><li><a href="/wiki/The_Book_of_Mozilla">The Book of Mozilla</a></li></ul>
<h2><span class="mw-headline" id="References">References</span></h2>
<div class="reflist"><ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> <span class="reference-text"><cite class="citation web">"Netscape Announces mozilla.org". Netscape.</cite> <span class="citation-comment" style="display:none; color:#33aa33">CS1 maint: Unfit url (<a href="/wiki/Category:CS1_maint:_Unfit_url">link</a>)</span></span></li></ol></div>
<p><a rel="nofollow" class="external text" href="http://www.example.com/spam.html">Constant downloads failure in firefox</a></p>
<h2><span class="mw-headline" id="External_links">External links</span></h2>
<ul><li><a href="https://www.mozilla.org/">Official website</a></li><li><a href="https://hg.mozilla.org/">Mozilla Mercurial Repository</a></li></ul>
</div></div></body></html>`;

  it('MediaWiki: a note’s hidden maintenance message goes, the note stays', () => {
    const { markdown } = importPage(wiki);
    assert.match(markdown, /\[\^1\]: "Netscape Announces mozilla\.org"\. Netscape\./);
    assert.ok(!markdown.includes('CS1 maint'), markdown);
  });

  it('MediaWiki: a stray link between the references and the external links is one more link of the trailing lists; headings left empty go', () => {
    const { markdown } = importPage(wiki);
    assert.ok(!markdown.includes('Constant downloads failure'), markdown);
    assert.ok(!/See also|External links/.test(markdown), markdown);
    assert.match(markdown, /Mozilla is a free-software community\.\[\^1\]/);
  });

  it('one link closing a post after its notes stays: it is the author’s source', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><p>${prose}<sup><a href="#fn1" id="r1">1</a></sup></p><p>${prose}</p>
<ol class="footnotes"><li id="fn1">A note. <a href="#r1">↩</a></li></ol><p><a href="https://example.org/source">Originally published at Example</a></p></article></body></html>`);
    assert.match(markdown, /Originally published at Example/);
  });

  it('a heading over nothing but an embedded video, between rules, leaves with the video', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><p>${prose}</p><hr>
<h2>Do Parties Or Voters Choose Presidential Nominees?</h2>
<div class="video-placeholder videoplayer"><iframe src="https://example.org/video/embed/1"></iframe></div><hr>
<p>${prose}</p><h2>A section of the text</h2><p>${prose}</p></article></body></html>`);
    assert.ok(!markdown.includes('Do Parties Or Voters'), markdown);
    assert.match(markdown, /## A section of the text/);
  });

  it('a heading over a video and then the author’s prose is the section’s heading, kept', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><p>${prose}</p>
<h2>My talk at the conference</h2><div><iframe src="https://example.org/video/embed/1"></iframe></div>
<p>${prose}</p></article></body></html>`);
    assert.match(markdown, /## My talk at the conference/);
  });
});

describe('saved pages: a name alone under the title', () => {
  const page = (line: string, head = '') =>
    `<html><head><title>Tufte CSS</title>${head}</head><body><article><h1>Tufte CSS</h1>${line}<section><p>${prose}</p><p>${prose}</p></section><section><h2>Fonts</h2><p>${prose}</p><p>${prose}</p></section><section><h2>Links</h2><p>${prose}</p><p>${prose}</p></section></article></body></html>`;

  it('Tufte CSS: the subtitle that is only a name is the author, reported as inferred, not the standfirst', () => {
    const { piece, file } = importPage(page('<p class="subtitle">Dave Liepmann</p>'));
    assert.deepEqual(piece.meta.authors, ['Dave Liepmann']);
    assert.equal((piece.meta as { standfirst?: string }).standfirst, undefined);
    assert.ok(file.messages.some((message) => message.ruleId === 'import-author-inferred' && message.reason.includes('Dave Liepmann')));
  });

  it('a plain line with a name under the title is read the same way', () => {
    const { piece } = importPage(
      `<html><head><title>On Margins</title></head><body><article><h1>On Margins</h1><p>Dave Liepmann</p><p>${prose}</p><p>${prose}</p><p>${prose}</p></article></body></html>`,
    );
    assert.deepEqual(piece.meta.authors, ['Dave Liepmann']);
  });

  it('a subtitle that is a phrase, the site’s name or a company stays what it is: no author', () => {
    for (const line of [
      '<p class="subtitle">Notes on Style</p>',
      '<p class="subtitle">Steinzeit &amp; Co</p>',
      '<p class="subtitle">A study, in three parts.</p>',
    ]) {
      assert.deepEqual(importPage(page(line)).piece.meta.authors, [], line);
    }
    const site = importPage(page('<p class="subtitle">Quiet Hours</p>', '<meta property="og:site_name" content="Quiet Hours">')).piece;
    assert.deepEqual(site.meta.authors, []);
  });
});

describe('saved pages: a 2007 table layout saved from the Wayback Machine', () => {
  const long = `${prose} ${prose}`;
  const page = `<html><head><script type="text/javascript">
  __wm.init("https://web.archive.org/web");
  __wm.wombat("http://www.example.fr:80/site/article.html","20070228213001","https://web.archive.org/","web","/_static/", "1172698201");
</script><title>Les Français travaillent-ils trop peu ?</title></head>
<body bgcolor="white"><!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base"><div id="wm-ipp">About this capture. 22 captures. Alexa Crawls.</div></div>
<!-- END WAYBACK TOOLBAR INSERT -->
<table width="715"><tr><td><img src="logo.gif"></td><td><img src="titre.gif"></td></tr>
<tr><td colspan="2"><table border="0" width="683">
<tr><td width="136"><b>Politiques publiques</b><br><b>L’état de l’économie 2007</b><br><a href="/caddie">7,65 euros, port inclus</a></td>
<td><font><strong>Les Français travaillent-ils trop peu ?</strong><br><br>First paragraph of the article. ${long} <br>Second part, the figure for 2004 (1). ${long}</font></td></tr>
<tr><td colspan="2"><div align="left"><p><font>${long}<br>${long}<br>${long}<br>${long}<br>The last words of the text.</font></p>
<p align="right"><em><font>Denis Clerc</font></em></p>
<p><font>(1)&nbsp;Ces chiffres sont publiés dans les Perspectives de l’emploi de l’OCDE.<br><br></font></p>
<table bgcolor="#fef6cd"><tr><td width="16"></td><td><font><strong>Le marché du travail est-il trop rigide ?<br></strong></font></td><td width="16"></td></tr>
<tr><td width="16"></td><td><p><font>${long}</font></p></td><td width="16"></td></tr></table>
</div></td></tr></table></td></tr></table></body></html>`;

  it('the layout table is read as blocks: the text of both rows, no table, no sidebar; the toolbar is the archive’s', () => {
    const { markdown } = importPage(page);
    assert.ok(!markdown.includes('|'), 'no Markdown table');
    assert.match(markdown, /First paragraph of the article\./);
    assert.match(markdown, /The last words of the text\./);
    for (const chrome of ['About this capture', '22 captures', '7,65 euros', 'Politiques publiques']) assert.ok(!markdown.includes(chrome), chrome);
  });

  it('the original address comes from the capture, the signature after the text is the author (reported), the typed note is a note and the box after it stays in the text', () => {
    const { piece, markdown, file } = importPage(page);
    assert.equal(piece.meta.source_url, 'http://www.example.fr/site/article.html');
    assert.equal(piece.meta.date, undefined, 'the capture time is not the date');
    assert.deepEqual(piece.meta.authors, ['Denis Clerc']);
    assert.ok(file.messages.some((message) => message.ruleId === 'import-author-inferred' && message.reason.includes('signed after the text')));
    assert.ok(!markdown.includes('*Denis Clerc*'), markdown);
    assert.match(markdown, /the figure for 2004\[\^1\]\./);
    assert.match(markdown, /\[\^1\]: Ces chiffres sont publiés dans les Perspectives de l’emploi de l’OCDE\.\s*$/);
    assert.match(markdown, /\*\*Le marché du travail est-il trop rigide \?/);
  });

  it('a data table (header cells, short cells) stays a table', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><p>${prose}</p><p>${prose}</p>
<table><tr><th>Year</th><th>Hours</th></tr><tr><td>2004</td><td>1 456</td></tr><tr><td>2005</td><td>1 450</td></tr></table></article></body></html>`);
    assert.match(markdown, /\| Year \| Hours \|/);
  });
});

describe('typed notes: one note in brackets', () => {
  it('where the text counts (1) and (2), a closing “(1) …” paragraph is no note', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><p>${prose} We do two things: (1) read and (2) write. ${prose}</p><p>${prose}</p>
<p>(1) Reading comes first, as the author says.</p></article></body></html>`);
    assert.ok(!markdown.includes('[^'), markdown);
  });
});

describe('old markup: a break inside the bold', () => {
  it('a subhead set as <b>…<br></b> before its text keeps its asterisks closed', () => {
    const { markdown } = importPage(`<html><body><article><h1>T</h1><p>${prose}</p><p><font><strong>350 000 emplois créés<br>
</strong></font><font>Du fait des embauches. ${prose}</font></p></article></body></html>`);
    assert.match(markdown, /\*\*350 000 emplois créés\*\*\\\nDu fait des embauches\./);
    assert.ok(!markdown.includes('&#x'), markdown);
  });
});

describe('a signature is not a quotation’s attribution', () => {
  it('a poem quoted at the end, attributed in italics, gives no author', () => {
    const { piece } = importPage(`<html><body><article><h1>T</h1><p>${prose}</p><p>${prose}</p><p>${prose}</p>
<blockquote><p>Tyger Tyger, burning bright, in the forests of the night.</p><p align="right"><em>William Blake</em></p></blockquote>
<p align="right"><em>— William Blake</em></p></article></body></html>`);
    assert.deepEqual(piece.meta.authors, []);
  });
});
