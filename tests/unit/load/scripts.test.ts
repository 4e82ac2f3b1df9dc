import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { toXast } from 'hast-util-to-xast';
import { VFile } from 'vfile';
import { toXml } from 'xast-util-to-xml';
import type { Chapter } from '../../../src/core/types.ts';
import { bodyToMarkdown, pieceToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { parseChapter } from '../../../src/load/chapter.ts';
import { chapterBodyToHast, chapterFileLink } from '../../../src/render/common.ts';
import { figureAlt } from '../../../src/render/figures.ts';
import { titleHast, titleText } from '../../../src/render/title.ts';
import { repoRoot } from '../../helpers/project.ts';

function loaded(body: string) {
  const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });
  const parsed = parseChapter(file);
  assert.ok(parsed);
  return parsed;
}

function rendered(body: string) {
  const chapter = { ...loaded(body), slug: 'a', path: 'chapters/a.md', number: 1 } as unknown as Chapter;
  const tree = chapterBodyToHast(chapter, { idPrefix: 'a-', notesHeading: 'Notes', chapterLink: chapterFileLink('html') });
  return { html: toHtml(tree), xhtml: toXml(toXast(tree)) };
}

/** The paragraph's HTML, without the `<p>`. */
const inline = (markdown: string) =>
  rendered(markdown)
    .html.replace(/^<p>|<\/p>$/g, '')
    .replaceAll('\u00a0', '&nbsp;');

/** The chapter body written back (`import/chapter-markdown.ts`) and read again. */
const rewritten = (markdown: string) => bodyToMarkdown(loaded(markdown).tree).trim();

// Each line's HTML as `pandoc -f markdown-smart -t html` (pandoc 2.17.1.1) gives it.
const asPandocReadsThem: [string, string][] = [
  ['E = mc^2^', 'E = mc<sup>2</sup>'],
  ['H~2~O', 'H<sub>2</sub>O'],
  ['1^st^', '1<sup>st</sup>'],
  ['2^10^ and 2^n+1^', '2<sup>10</sup> and 2<sup>n+1</sup>'],
  ['10^-3^ m and x~i,j~', '10<sup>-3</sup> m and x<sub>i,j</sub>'],
  ['~5 km', '~5 km'],
  ['x^y alone', 'x^y alone'],
  ['a^b c^', 'a^b c^'],
  ['^a b^', '^a b^'],
  ['a^b\\ c^', 'a<sup>b&nbsp;c</sup>'],
  ['^\\ ^', '<sup>&nbsp;</sup>'],
  ['^a\\\\ b^', '^a\\ b^'],
  ['~~strike~~', '<del>strike</del>'],
  ['~x~~', '<sub>x</sub>~'],
  ['a ~b~ c', 'a <sub>b</sub> c'],
  ['^^x^', '^<sup>x</sup>'],
  ['^x^^', '<sup>x</sup>^'],
  ['a^^b', 'a^^b'],
  ['~a\\~b~ and ^a\\^b^', '<sub>a~b</sub> and <sup>a^b</sup>'],
  ['\\^x^', '^x^'],
  ['^`a^b`^ and ^`a b`^', '<sup><code>a^b</code></sup> and <sup><code>a b</code></sup>'],
  ['`a^b^c` and x^`a', '<code>a^b^c</code> and x^`a'],
  ['^a~b~c^ and ~a^b^c~', '<sup>a<sub>b</sub>c</sup> and <sub>a<sup>b</sup>c</sub>'],
  ['^**bold**^ and ^*e*^', '<sup><strong>bold</strong></sup> and <sup><em>e</em></sup>'],
  ['5~10~15', '5<sub>10</sub>15'],
  ['^ab^cd^', '<sup>ab</sup>cd^'],
  ['a^b^c^d^e', 'a<sup>b</sup>c<sup>d</sup>e'],
  ['text^ ^x', 'text^ ^x'],
  ['[^x]^', '[^x]^'],
  ['x^2 + y^2 = z^2', 'x^2 + y^2 = z^2'],
  ['[H~2~O](http://e.x) and **x^2^**', '<a href="http://e.x">H<sub>2</sub>O</a> and <strong>x<sup>2</sup></strong>'],
  ['x^&amp;^', 'x<sup>&#x26;</sup>'],
];

describe('Pandoc’s ^superscript^ and ~subscript~ in a chapter', () => {
  it('reads each line as Pandoc reads it', () => {
    for (const [markdown, html] of asPandocReadsThem) assert.equal(inline(markdown), html, markdown);
  });

  // Where Pandoc's parser, a PEG trying each inline in turn, and micromark's differ; none is a
  // line an author would write, and each reading keeps every character.
  it('differs from Pandoc only on contrived lines, keeping every character', () => {
    assert.equal(inline('~~x~'), '~~x~', 'Pandoc: ~<sub>x</sub>');
    assert.equal(inline('^*a b*^'), '^<em>a b</em>^', 'Pandoc: <sup><em>a b</em></sup>');
    assert.equal(inline('~a~~b~'), '<sub>a</sub><sub>b</sub>', 'Pandoc: <sub>ab</sub>');
  });

  it('keeps a footnote call `[^1]` and Pandoc’s inline note `^[…]` out of superscripts', () => {
    assert.match(rendered('A claim.[^1] And 2^10^.\n\n[^1]: The note.').html, /A claim\.<sup><a href="#a-fn-1"[^>]*>1<\/a><\/sup> And 2<sup>10<\/sup>\./);
    assert.equal(inline('x^[not a superscript]^'), 'x^[not a superscript]^');
  });

  it('gives <sup> and <sub> in the site’s HTML and the EPUB’s XHTML, in notes too', () => {
    const { html, xhtml } = rendered('Water is H~2~O; E = mc^2^.[^1]\n\n[^1]: In the 19^th^ century.');
    for (const markup of [html, xhtml]) {
      assert.match(markup, /Water is H<sub>2<\/sub>O; E = mc<sup>2<\/sup>\./);
      assert.match(markup, /In the 19<sup>th<\/sup> century\./);
    }
  });

  it('is written back as it was read: round-tripped twice, the same Markdown and the same tree', () => {
    for (const [markdown] of asPandocReadsThem) {
      const once = rewritten(markdown);
      assert.equal(rewritten(once), once, markdown);
      assert.equal(inline(once), inline(markdown), markdown);
    }
    assert.equal(rewritten('E = mc^2^, H~2~O, a^b\\ c^ and ~a\\~b~'), 'E = mc^2^, H~2~O, a^b\\ c^ and ~a\\~b~');
  });

  it('escapes a `^` in text only where it could pair with another', () => {
    assert.equal(rewritten('2^10 and ^ above and \\^x\\^ and a\\^b^'), '2^10 and ^ above and \\^x\\^ and a\\^b\\^');
    assert.equal(rewritten('~5 km'), '\\~5 km');
  });
});

describe('a title with a superscript or subscript', () => {
  it('is markup where markup goes, and Pandoc’s plain text elsewhere (`<title>`, OPF, NCX, bookmarks, running heads)', () => {
    assert.equal(toHtml({ type: 'root', children: titleHast('E = mc^2^ and H~2~O') }), 'E = mc<sup>2</sup> and H<sub>2</sub>O');
    assert.equal(titleText('E = mc^2^ and H~2~O'), 'E = mc² and H₂O');
    assert.equal(titleText('The 1^st^ day, 2021~5ya~, x^-1^ and x^(2)^'), 'The 1^(st) day, 2021_(5ya), x⁻¹ and x⁽²⁾');
    assert.equal(titleText('~~Struck~~ and ~5 km'), 'Struck and ~5 km');
  });
});

describe('a Markdown post in Pandoc’s Markdown keeps its superscripts', () => {
  // A JOSS paper (CentreForHydrology/WDPM paper/paper.md): `(~10 km^2^)` and `0.1 m^3^`.
  const relative = 'tests/fixtures/import/real/joss-wdpm/paper.md';
  const file = new VFile({ path: relative, value: readFileSync(path.join(repoRoot, relative), 'utf8') });
  const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
  const markdown = piece ? bodyToMarkdown(piece.body) : '';

  it('as superscripts in the chapter, the `~` before a number as text', () => {
    assert.match(markdown, /represents a small \(\\~10 km\^2\^\) sub-basin/);
    assert.match(markdown, /a tolerance of 0\.1 mm\/0\.1 m\^3\^ required/);
    assert.match(inline(markdown.split('\n').find((line) => line.includes('km^2^')) ?? ''), /a small \(~10 km<sup>2<\/sup>\) sub-basin/);
  });
});

describe('a figure whose caption has a superscript', () => {
  it('tells a reader who cannot see it the caption as Pandoc’s plain text', () => {
    const { tree } = loaded('::figure[Area in km^2^ and CO~2~ in ppm]{src="images/a.png"}');
    const figure = tree.children.find((node) => node.type === 'leafDirective');
    assert.ok(figure?.type === 'leafDirective');
    assert.equal(figureAlt(figure), 'Area in km² and CO₂ in ppm');
  });
});

describe('a Markdown post is read in its own dialect', () => {
  const chapterOf = (path: string, text: string) => {
    const { chapters } = importSource(new VFile({ path, value: text }), { defaultAuthor: undefined });
    return pieceToMarkdown(chapters[0]!.piece);
  };
  const body = 'Math in prose: x^2+y^2 and E=mc^2^ and H~2~O.\n';
  it('GFM (Jekyll, Hugo, Obsidian): carets are text, a single tilde strikes through, as the site showed them', () => {
    const markdown = chapterOf('post.md', `---\ntitle: Carets\n---\n\n${body}`);
    assert.match(markdown, /x\\\^2\+y\\\^2 and E=mc\\\^2\\\^ and H~~2~~O\./);
  });
  it('Pandoc (R Markdown, Quarto, or a post whose front matter names its bibliography): superscript and subscript', () => {
    assert.match(chapterOf('post.qmd', `---\ntitle: Carets\n---\n\n${body}`), /E=mc\^2\^ and H~2~O\./);
    assert.match(chapterOf('post.md', `---\ntitle: Carets\nbibliography: refs.bib\n---\n\n${body}`), /E=mc\^2\^ and H~2~O\./);
  });
});
