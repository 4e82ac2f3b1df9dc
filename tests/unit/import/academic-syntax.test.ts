import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { academicSyntax } from '../../../src/import/markdown/academic-syntax.ts';
import type { ImportOptions } from '../../../src/import/types.ts';
import { bibliographyKeys, findSiteBibliographies } from '../../../src/io/post-bibliography.ts';
import { findFolderMetadata } from '../../../src/io/site-data.ts';

// Real posts and bibliographies (tests/fixtures/import/real/PROVENANCE.md): al-folio's Distill post,
// hugo-cite's demonstration page, Jupyter Book's page on citations.
const real = new URL('../../fixtures/import/real/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, real), 'utf8');

/** The site's bibliographies as `cli/import.ts` finds them, from the project (here the fixtures folder). */
function site(...files: string[]): ImportOptions['siteBibliographies'] {
  return files.map((name) => ({ path: name, keys: bibliographyKeys(name, read(name)) }));
}

function imported(name: string, siteBibliographies: ImportOptions['siteBibliographies']) {
  const file = new VFile({ path: name, value: read(name) });
  const result = importSource(file, { defaultAuthor: undefined, includeDrafts: true, ...(siteBibliographies ? { siteBibliographies } : {}) });
  const piece = result.chapters[0]?.piece;
  assert.ok(piece);
  const fates = result.members?.[0]?.lines ?? result.lines;
  return { file, piece, fates, markdown: bodyToMarkdown(piece.body) };
}

const keysOf = (...keys: string[]) => new Map(keys.flatMap((key) => [[key, key] as const, [key.toLowerCase(), key] as const]));

describe('al-folio’s Distill post (<d-cite>, <d-footnote>, bibliography: in assets/bibliography/)', () => {
  const bib = 'al-folio/assets/bibliography/2018-12-22-distill.bib';

  test('the citation is a Pandoc citation of the post’s bibliography, found where al-folio keeps it', () => {
    const { markdown, piece, file } = imported('al-folio/_posts/2018-12-22-distill.md', site(bib));
    assert.match(markdown, /The citation is presented inline like this: \[@gregor2015draw\] \(a number/);
    assert.deepEqual(piece.bibliography, { files: ['../assets/bibliography/2018-12-22-distill.bib'], line: 25 });
    assert.deepEqual(piece.meta.authors, ['Albert Einstein', 'Boris Podolsky', 'Nathan Rosen']);
    assert.ok(!file.messages.some((message) => message.ruleId === 'import-citation-unknown'));
  });

  test('the footnote typed in place is a footnote there; the tag in a code span stays code', () => {
    const { markdown } = imported('al-folio/_posts/2018-12-22-distill.md', site(bib));
    assert.match(markdown, /in a `<d-footnote>` tag\. The number of the footnote will be automatically generated\.\[\^1\]/);
    assert.match(markdown, /\n\[\^1\]: This will become a hoverable footnote\.\n/);
    assert.ok(!markdown.includes('d-cite key'));
  });

  test('the site’s bibliographies are read from inside what was imported: the site, not a post named alone', async () => {
    const whole = await findSiteBibliographies(fileURLToPath(real), 'al-folio');
    assert.deepEqual(
      whole.map((file) => file.path),
      ['al-folio/_bibliography/papers.bib', 'al-folio/assets/bibliography/2018-12-22-distill.bib'],
    );
    assert.deepEqual(await findSiteBibliographies(fileURLToPath(real), 'al-folio/_posts/2018-12-22-distill.md'), []);
  });

  test('without the bibliography (the post imported alone), the citation is kept as typed and reported at its place', () => {
    const { markdown, file } = imported('al-folio/_posts/2018-12-22-distill.md', undefined);
    const unknown = file.messages.filter((message) => message.ruleId === 'import-citation-unknown');
    assert.deepEqual(
      unknown.map((message) => [message.line, message.column]),
      [[89, 45]],
    );
    assert.match(String(unknown[0]?.reason), /gregor2015draw/);
    // Escaped, so it prints as the post typed it rather than being taken for HTML.
    assert.match(markdown, /like this: \\<d-cite key="gregor2015draw">\\<\/d-cite> \(a number/);
    assert.ok(!markdown.includes('[@gregor2015draw]'));
  });
});

describe('hugo-cite’s demonstration page ({{< cite >}}, {{< bibliography >}}, CSL-JSON)', () => {
  test('citations with several keys and a page each become Pandoc citations; the reference lists go, said why', () => {
    const { markdown, piece, fates } = imported('hugo-cite/content/demo.md', site('hugo-cite/bib.json'));
    assert.match(markdown, /Lorem ipsum dolor \[@VitaliRosati2016, 20; @SinatraVitaliRosati2014, 22-23\] amet\./);
    assert.match(markdown, /Lorem markdownum\[@vial_design_2017\], a quoque/);
    assert.match(markdown, /veluti \[@SinatraVitaliRosati2014, 20-22\]\./);
    assert.match(markdown, /membris \[@Goody1978, 25\] servatum/);
    assert.ok(!markdown.includes('{{'));
    // hugo-cite's `bibFile: bib.json` names the site's bib.json, from the site's top.
    assert.deepEqual(piece.bibliography, { files: ['../bib.json'], line: 3 });
    assert.deepEqual(fates[2], { line: 3, fate: 'metadata', piece: 1, field: 'bibliography' });
    const lists = fates.filter((fate) => fate.fate === 'dropped' && /reference list: the book makes its own/.test(fate.reason));
    assert.deepEqual(
      lists.map((fate) => fate.line),
      [20, 26],
    );
  });
});

describe('a Hugo Blox (Wowchemy) post citing one of the site’s publication pages ({{< cite page="…" >}})', () => {
  const name = 'hugo-blox-cite/content/post/26-01-12-paper-heteroEUCLID/index.md';

  test('the page’s cite.bib is found and its work cited; without it the shortcode is kept as typed and reported', async () => {
    const found = await findSiteBibliographies(fileURLToPath(real), 'hugo-blox-cite');
    assert.deepEqual(found, [
      {
        path: 'hugo-blox-cite/content/publication/chaurasiya-hetero-euclid-2026/cite.bib',
        keys: ['chaurasiya_hetero-euclid_2026'],
        page: '/publication/chaurasiya-hetero-euclid-2026',
      },
    ]);
    const cited = imported(name, found);
    assert.match(cited.markdown, /^\[@chaurasiya_hetero-euclid_2026\]$/m);
    assert.deepEqual(cited.piece.bibliography?.files, ['../../publication/chaurasiya-hetero-euclid-2026/cite.bib']);
    const alone = imported(name, undefined);
    assert.match(alone.markdown, /^\{\{< cite page="\/publication\/chaurasiya-hetero-euclid-2026" view="4" >\}\}$/m);
    assert.deepEqual(
      alone.file.messages.filter((message) => message.ruleId === 'import-citation-unknown').map((message) => [message.line, message.column]),
      [[50, 1]],
    );
  });
});

describe('Jupyter Book’s page on citations (MyST roles, {bibliography} directives, _config.yml’s references.bib)', () => {
  const source = read('jupyter-book/content/citations.md');

  test('each role has its Pandoc form; roles shown as code stay code; fenced examples are left alone', () => {
    const { text, cited, unknown } = academicSyntax(source, 1, keysOf(...bibliographyKeys('references.bib', read('jupyter-book/references.bib'))));
    const lines = text.split('\n');
    assert.equal(lines[30], '- The citation `` {cite:p}`perez2011python` `` results in [@perez2011python]');
    assert.equal(lines[31], '- The citation `` {cite:t}`perez2011python` `` results in @perez2011python');
    assert.equal(lines[32], '- The citation `` {cite:ps}`perez2011python` `` results in [@perez2011python]');
    assert.equal(lines[33], '- The citation `` {cite:ts}`perez2011python` `` results in @perez2011python');
    // The examples inside ````md fences are code; the book's own reference list at the end goes.
    assert.equal(lines[100], source.split('\n')[100]);
    assert.deepEqual(lines.slice(134, 136), ['', '']);
    assert.equal(cited.length, 4);
    assert.deepEqual(unknown, []);
  });

  test('a key the book’s bibliography lacks is kept as typed, with a warning at its place; nothing is made up', () => {
    const { text, unknown } = academicSyntax('See {cite}`a-Orwell1984` and {cite:p}`perez2011python`.', 1, keysOf('perez2011python'));
    assert.equal(text, 'See {cite}`a-Orwell1984` and [@perez2011python].');
    assert.deepEqual(unknown, [{ key: 'a-Orwell1984', typed: '{cite}`a-Orwell1984`', line: 1, column: 5 }]);
  });

  test('the bibliography the book’s _config.yml names is the one its keys come from', () => {
    assert.ok(bibliographyKeys('references.bib', read('jupyter-book/references.bib')).includes('perez2011python'));
  });
});

describe('jekyll-scholar tags (al-folio’s post with bibliography, _bibliography/papers.bib)', () => {
  test('{% cite %} with one key and with two, {% reference %}, {% quote %}: citations of papers.bib', () => {
    const { markdown, piece, fates, file } = imported('al-folio/_posts/2023-07-12-post-bibliography.md', site('al-folio/_bibliography/papers.bib'));
    assert.match(
      markdown,
      /That means simple citation like \[@einstein1950meaning\], multiple citations like \[@einstein1950meaning; @einstein1905movement\], long references like \[@einstein1905movement\] or also quotes:/,
    );
    assert.match(markdown, /> Lorem ipsum dolor sit amet, consectetur adipisicing\.\n> \[@einstein1905electrodynamics\]\n/);
    assert.deepEqual(piece.bibliography?.files, ['../_bibliography/papers.bib']);
    assert.deepEqual(
      fates.filter((fate) => fate.line === 15).map((fate) => fate.fate === 'dropped' && fate.reason),
      ['jekyll-scholar’s {% quote %}: the passage is a block quote, its citation at its end'],
    );
    assert.ok(!file.messages.some((message) => message.ruleId === 'import-citation-unknown'));
  });

  test('a tag inside {% raw %} … {% endraw %} is an example shown as typed, not a citation', () => {
    const line = 'The text {% raw %}{% cite Perge2012-vm %}{% endraw %} generates the citation {% cite Perge2012-vm %}.';
    assert.equal(
      academicSyntax(line, 1, keysOf('Perge2012-vm')).text,
      'The text {% raw %}{% cite Perge2012-vm %}{% endraw %} generates the citation [@Perge2012-vm].',
    );
  });

  test('a locator, and {% bibliography %} goes, said why', () => {
    const { text, changes } = academicSyntax(
      ['A page: {% cite einstein1950meaning --locator 23 %}.', '{% bibliography --cited %}'].join('\n'),
      1,
      keysOf('einstein1950meaning'),
    );
    assert.deepEqual(text.split('\n'), ['A page: [@einstein1950meaning, 23].', '']);
    assert.match(changes.find((change) => change.line === 2)?.reason ?? '', /the \{% bibliography %\} tag asks the site for its reference list/);
  });
});

describe('Quarto margin notes', () => {
  test('a margin block becomes a footnote at its place; an aside span a footnote in its sentence', () => {
    const { text } = academicSyntax(
      ['Before the margin.', '', '::: {.column-margin}', 'A note in the margin.', ':::', '', 'A sentence[with an aside]{.aside} goes on.'].join('\n'),
      1,
      keysOf(),
    );
    const lines = text.split('\n');
    assert.equal(lines[0], 'Before the margin.[^margin-note-1]');
    assert.equal(lines[3], '[^margin-note-1]: A note in the margin.');
    assert.equal(lines[6], 'A sentence\uE000with an aside\uE001 goes on.');
  });

  test('a margin block between a heading and a table keeps its marker where it opened', () => {
    const { text } = academicSyntax(['## Results', '', '::: {.column-margin}', 'Counted twice.', ':::', '', '| a |', '|---|'].join('\n'), 1, keysOf());
    assert.deepEqual(text.split('\n').slice(2, 5), ['[^margin-note-1]', '[^margin-note-1]: Counted twice.', '']);
  });
});

describe('a Quarto blog’s folder metadata and margin notes (tests/fixtures/import/quarto-blog)', () => {
  const root = new URL('../../fixtures/import/', import.meta.url);
  const post = (name: string, folderMetadata: ImportOptions['folderMetadata']) => {
    const file = new VFile({ path: `quarto-blog/posts/${name}/index.qmd`, value: readFileSync(new URL(`quarto-blog/posts/${name}/index.qmd`, root), 'utf8') });
    const result = importSource(file, { defaultAuthor: undefined, ...(folderMetadata ? { folderMetadata } : {}) });
    const piece = result.chapters[0]?.piece;
    assert.ok(piece);
    return { file, piece, markdown: bodyToMarkdown(piece.body) };
  };

  test('_metadata.yml is found above the posts and read for its author', async () => {
    const found = await findFolderMetadata(fileURLToPath(root), 'quarto-blog');
    assert.deepEqual(found, [{ folder: 'quarto-blog/posts', file: 'quarto-blog/posts/_metadata.yml', author: 'Ada Lovelace' }]);
  });

  test('a _metadata.yml that is a link leading outside the project, or outside the folder imported, is not read and is named', async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'anthology-folder-metadata-'));
    try {
      const project = path.join(scratch, 'book');
      cpSync(fileURLToPath(new URL('quarto-blog', root)), path.join(project, 'quarto-blog'), { recursive: true });
      mkdirSync(path.join(scratch, 'outside'));
      writeFileSync(path.join(scratch, 'outside', 'meta.yml'), 'author: "Outside Person"\n');
      writeFileSync(path.join(project, 'notes.yml'), 'author: "Elsewhere in the Book"\n');
      const posts = path.join(project, 'quarto-blog', 'posts');
      unlinkSync(path.join(posts, '_metadata.yml'));
      symlinkSync(path.join(scratch, 'outside', 'meta.yml'), path.join(posts, '_metadata.yml'));
      // Inside the project, outside the folder imported.
      symlinkSync(path.join(project, 'notes.yml'), path.join(posts, 'engine', '_metadata.yml'));
      // Inside the folder imported: read.
      writeFileSync(path.join(project, 'quarto-blog', 'shared.yml'), 'author: "Ada Lovelace"\n');
      symlinkSync(path.join(project, 'quarto-blog', 'shared.yml'), path.join(posts, 'guest', '_metadata.yml'));
      const skipped: string[] = [];
      const found = await findFolderMetadata(project, 'quarto-blog', (file) => skipped.push(file));
      assert.deepEqual(found, [{ folder: 'quarto-blog/posts/guest', file: 'quarto-blog/posts/guest/_metadata.yml', author: 'Ada Lovelace' }]);
      assert.deepEqual(skipped, ['quarto-blog/posts/_metadata.yml', 'quarto-blog/posts/engine/_metadata.yml']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  test('a post that names no author takes its folder’s, said where from; one that names its own keeps it', async () => {
    const folderMetadata = await findFolderMetadata(fileURLToPath(root), 'quarto-blog');
    const engine = post('engine', folderMetadata);
    assert.deepEqual(engine.piece.meta.authors, ['Ada Lovelace']);
    assert.deepEqual(
      engine.file.messages.filter((message) => message.ruleId === 'import-author-from-folder').map((message) => message.reason),
      ['the post names no author: credited to Ada Lovelace, whom quarto-blog/posts/_metadata.yml names for the posts in its folder'],
    );
    assert.deepEqual(post('guest', folderMetadata).piece.meta.authors, ['Charles Babbage']);
    assert.deepEqual(post('engine', undefined).piece.meta.authors, []);
  });

  test('the aside and the margin block are footnotes at their places, not text in the sentence', () => {
    const { markdown } = post('engine', undefined);
    assert.equal(
      markdown,
      [
        'The engine would have computed Bernoulli numbers.[^1][^margin-note-1]',
        '',
        // The margin block's note is defined where the block stood; the aside's after the text.
        '[^margin-note-1]: The memoir was first printed in French.',
        '',
        '    Its notes are longer than the memoir.',
        '',
        'The notes run to the letter G.',
        '',
        '[^1]: It was never built.',
        '',
      ].join('\n'),
    );
  });
});

describe('examples of the syntax in code are shown as typed (review of 6 Dec 2026)', () => {
  const keys = keysOf('ruby', 'knuth');
  test('{% raw %} … {% endraw %} on lines of their own, as on one line', () => {
    const text = ['To cite, type:', '', '{% raw %}', '{% cite ruby %}', '{% endraw %} and it prints {% cite knuth %}.'].join('\n');
    const result = academicSyntax(text, 1, keys);
    assert.deepEqual(result.text.split('\n'), ['To cite, type:', '', '{% raw %}', '{% cite ruby %}', '{% endraw %} and it prints [@knuth].']);
    assert.deepEqual(
      result.cited.map((cited) => cited.key),
      ['knuth'],
    );
  });

  test('an indented code block, and a <pre> or <code> block, hold examples; a list item’s indented paragraph cites', () => {
    const text = [
      'Example:',
      '',
      '    {% cite ruby %}',
      '    <d-cite key="knuth"></d-cite>',
      '',
      '<pre>',
      '{% cite ruby %}',
      '</pre>',
      'Inline <code>{% cite ruby %}</code> but {% cite knuth %}.',
      '',
      '- An item.',
      '',
      '    Its second paragraph {% cite ruby %}.',
    ].join('\n');
    const lines = academicSyntax(text, 1, keys).text.split('\n');
    assert.deepEqual(lines.slice(0, 8), text.split('\n').slice(0, 8));
    assert.equal(lines[8], 'Inline <code>{% cite ruby %}</code> but [@knuth].');
    assert.equal(lines[12], '    Its second paragraph [@ruby].');
  });
});

describe('lines of any length are read in linear time (review of 6 Dec 2026)', () => {
  const keys = keysOf('a');
  const million = 1_000_000;
  test('an unclosed {% quote %}, {% cite %} and {{< cite page= >}} of a million characters are left as typed', () => {
    for (const line of [
      `{% quote a${' '.repeat(million)}x`,
      '{% cite a '.repeat(million / 10),
      `{{< cite ${'page=x '.repeat(million / 7)}`,
      '{{< cite page=x '.repeat(million / 16),
    ]) {
      assert.equal(academicSyntax(line, 1, keys).text, line);
    }
  });

  test('a million characters of citations are all rewritten', () => {
    const line = '{% cite a %} {{< cite "a" 2 >}} '.repeat(million / 32);
    const result = academicSyntax(line, 1, keys);
    assert.equal(result.cited.length, (million / 32) * 2);
    assert.ok(result.text.startsWith('[@a] [@a, 2] [@a]'));
  });
});

describe('citations inside a {% quote %} or a margin block (review of 6 Dec 2026)', () => {
  const keys = keysOf('ruby', 'knuth');
  test('a citation in the quoted passage is a Pandoc citation too', () => {
    const text = ['{% quote ruby %}', 'As Knuth put it {% cite knuth %}, premature optimisation.', '{% endquote %}'].join('\n');
    const result = academicSyntax(text, 1, keys);
    assert.deepEqual(result.text.split('\n'), ['', '> As Knuth put it [@knuth], premature optimisation.', '> [@ruby]']);
    assert.deepEqual(result.cited.map((cited) => cited.key).sort(), ['knuth', 'ruby']);
  });

  test('a citation in a margin note is a Pandoc citation in its footnote', () => {
    const text = ['Text before.', '', '::: {.column-margin}', 'See <d-cite key="knuth"></d-cite>.', ':::'].join('\n');
    const lines = academicSyntax(text, 1, keys).text.split('\n');
    assert.equal(lines[3], '[^margin-note-1]: See [@knuth].');
  });
});

describe('jekyll-scholar’s options and hugo-cite’s forms (review of 6 Dec 2026)', () => {
  const keys = keysOf('ruby', 'microscope', 'Broman2018data', 'Goody1978');
  const cases: [string, string][] = [
    ['{% cite ruby -A -l 42 %}', '[-@ruby, 42]'],
    ['{% cite Broman2018data --suppress_author %}', '[-@Broman2018data]'],
    ['{% cite ruby --cited_in_order %}', '[@ruby]'],
    ['{% cite ruby -L chapter -l 3 %}', '[@ruby, chap. 3]'],
    ['{% cite ruby --label page --locator 3 %}', '[@ruby, p. 3]'],
    ['{% cite ruby -L stanza -l 3 %}', '[@ruby, stanza 3]'],
    ['{% cite ruby microscope -l 2 -l 24 & 32 %}', '[@ruby, 2; @microscope, 24 & 32]'],
    ['{{< cite key="Goody1978" pages="25" >}}', '[@Goody1978, 25]'],
    ['{{< cite "-Goody1978" 30 >}}', '[-@Goody1978, 30]'],
    // One key, several pages: hugo-cite prints the whole argument (it had kept only the first page).
    ['{{< cite "Goody1978" "20;22-23" >}}', '[@Goody1978, 20, 22-23]'],
    ['{{< cite "Goody1978" "fig. 3" >}}', '[@Goody1978, fig. 3]'],
    ['{{< cite "Goody1978; ruby" "20;22-23" >}}', '[@Goody1978, 20; @ruby, 22-23]'],
    // jekyll-scholar's keys with commas (no BibTeX key holds one); MyST's words before and after a key (sphinxcontrib-bibtex's `{see}key{p. 3}`).
    ['{% cite ruby,microscope %}', '[@ruby; @microscope]'],
    ['{cite:p}`{see}ruby{p. 3}`', '[see @ruby, p. 3]'],
    ['{cite:p}`{see}ruby{p. 3}, {and}microscope`', '[see @ruby, p. 3; and @microscope]'],
    ['{cite:t}`ruby{chap. 2}`', '@ruby [chap. 2]'],
  ];
  for (const [typed, pandoc] of cases) {
    test(`${typed} is ${pandoc}`, () => {
      assert.equal(academicSyntax(typed, 1, keys).text, pandoc);
    });
  }
});

describe('a citation commented out', () => {
  test('in an HTML comment, on one line or several, is not a citation (nor a key cited)', () => {
    const text = [
      'Before <!-- <d-cite key="ruby"></d-cite> --> and {% cite ruby %}.',
      '',
      '<!--',
      'Draft: {% cite microscope %}',
      '-->',
      'After {% cite microscope %}.',
    ].join('\n');
    const result = academicSyntax(text, 1, keysOf('ruby', 'microscope'));
    assert.deepEqual(result.text.split('\n'), [
      'Before <!-- <d-cite key="ruby"></d-cite> --> and [@ruby].',
      '',
      '<!--',
      'Draft: {% cite microscope %}',
      '-->',
      'After [@microscope].',
    ]);
    assert.deepEqual(
      result.cited.map((cited) => [cited.key, cited.line]),
      [
        ['ruby', 1],
        ['microscope', 6],
      ],
    );
  });

  test('an `<!--` in prose never closed is text, and hides nothing after it (review of 6 Dec 2026)', () => {
    const result = academicSyntax('An arrow <!-- is not closed here.\n\nLater {% cite ruby %}.', 1, keysOf('ruby'));
    assert.deepEqual(
      result.cited.map((cited) => cited.key),
      ['ruby'],
    );
  });
});

describe('a tag named in prose opens no code (review of 6 Dec 2026)', () => {
  test('`<pre>` in a code span, and a <code> left open, hide nothing past their paragraph', () => {
    const text = ['Wrap it in `<pre>` or `<code>` tags {% cite ruby %}.', 'An open <code> tag', '', 'Then {% cite ruby %}.'].join('\n');
    assert.deepEqual(academicSyntax(text, 1, keysOf('ruby')).text.split('\n'), [
      'Wrap it in `<pre>` or `<code>` tags [@ruby].',
      'An open <code> tag',
      '',
      'Then [@ruby].',
    ]);
  });
});
