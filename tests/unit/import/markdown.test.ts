import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { chapterFrontMatterSchema } from '../../../src/config/schema.ts';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import type { ImportOptions, LineFate } from '../../../src/import/types.ts';
import { assertEveryLineAccounted, fateOf as describeFate, lineOf, sourceLinesOf } from '../../helpers/import.ts';
import { repoRoot } from '../../helpers/project.ts';

const fixtureDir = 'tests/fixtures/import/markdown';
const jekyll = '_posts/2013-09-12-not-quite-the-new-silk-road.md';

function readFixture(name: string): string {
  return readFileSync(path.join(repoRoot, fixtureDir, name), 'utf8');
}

/** A fixture (or a variant of its text) through the whole import: detection, importer, slugs. */
function importFixture(name: string, options: Partial<ImportOptions> = {}, text = readFixture(name)) {
  const file = new VFile({ path: `${fixtureDir}/${name}`, value: text });
  const result = importSource(file, { defaultAuthor: undefined, ...options });
  const piece = result.chapters[0]?.piece;
  const sourceLines = sourceLinesOf(text);
  return { file, result, piece, markdown: piece ? bodyToMarkdown(piece.body) : '', sourceLines };
}

/** Markdown sources hold one piece, so fates leave out its number. */
function fateOf(lines: readonly LineFate[], line: number): string {
  return describeFate(lines, line, false);
}

function messages(file: VFile) {
  return file.messages.map((message) => [message.ruleId, message.line] as const);
}

describe('importMarkdown: a Jekyll post', () => {
  const { file, result, piece, markdown, sourceLines } = importFixture(jekyll);

  it('is recognised as Markdown and gives one piece whose date comes from the file name', () => {
    assert.equal(result.format, 'markdown');
    assert.equal(result.chapters.length, 1);
    assert.equal(result.chapters[0]?.slug, 'shanghai-cooperation-organization-not-quite-the-new-silk');
    assert.deepEqual(piece?.meta, {
      title: 'Shanghai Cooperation Organization: Not Quite the New Silk Road',
      authors: ['Raffaello Pantucci', 'Li Lifan'],
      date: '2013-09-12',
      source: { file: `${fixtureDir}/${jekyll}`, lines: [1, 26] },
      tags: ['SCO', 'Central Asia', 'analysis', 'china'],
      rights: '',
    });
    assert.doesNotThrow(() => chapterFrontMatterSchema.parse(piece?.meta));
  });

  it('keeps emphasis, links, headings and the [^n] notes where they were, and the picture as a local ::figure', () => {
    assert.equal(
      markdown,
      [
        'As leaders gather in _Bishkek_ this week, the **Shanghai Cooperation Organization** is once again',
        "being talked up as the vehicle for China's ambitions in [Central Asia](https://en.wikipedia.org/wiki/Central_Asia).[^1]",
        '',
        '## A club of neighbours',
        '',
        'The organisation has always been more talk than action.[^2] Its secretariat in Beijing is small,',
        'and its anti-terrorism centre in Tashkent is smaller still.',
        '',
        '::figure[Leaders at the summit.]{src="images/photo.jpg" credit="Photo: Reuters"}',
        '',
        'The real money moves bilaterally.',
        '',
        '[^1]: See the declaration of the Bishkek summit, 13 September 2013.',
        '',
        '[^2]: Interviews in Beijing, _March 2013_.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(messages(file), []);
  });

  it('accounts for every line: front-matter keys by field, site settings dropped, body lines by what they feed', () => {
    assertEveryLineAccounted(result.lines, sourceLines);
    assert.equal(fateOf(result.lines, 1), 'dropped:front-matter delimiter');
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, 'layout: post')),
      'dropped:front-matter key `layout` has no place in a chapter (a site-only setting)',
    );
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, 'permalink:')),
      'dropped:front-matter key `permalink` has no place in a chapter (a site-only setting)',
    );
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'title:')), 'metadata:title');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'author:')), 'metadata:authors');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '- Central Asia')), 'metadata:tags');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'As leaders gather')), 'kept:body');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '## A club')), 'kept:heading');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '![Leaders')), 'kept:figure');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '[^2]: Interviews')), 'kept:notes');
  });

  it('makes a picture on the web a placeholder figure with its address in remote, and reports it', () => {
    const text = readFixture(jekyll).replace('images/photo.jpg', 'https://cdn.example.com/photo.jpg');
    const remote = importFixture(jekyll, {}, text);
    assert.ok(
      remote.markdown.includes('::figure[Leaders at the summit.]{credit="Photo: Reuters" remote="https://cdn.example.com/photo.jpg"}'),
      remote.markdown,
    );
    assert.deepEqual(messages(remote.file), [['import-remote-image', 21]]);
  });

  it('puts a picture inside a sentence after its paragraph, its alt text kept when it has no caption', () => {
    const text = readFixture(jekyll).replace('The real money moves bilaterally.', 'The real money ![a ledger](images/ledger.png) moves bilaterally.');
    const { markdown: inline } = importFixture(jekyll, {}, text);
    assert.ok(inline.includes('The real money moves bilaterally.\n\n::figure{src="images/ledger.png" alt="a ledger"}'), inline);
  });

  it('makes a picture that is a link a figure whose caption keeps the link; a link to a larger copy is reported (HugoBlox README, a WordPress thumbnail)', () => {
    // HugoBlox's templates/academic-cv/README.md, line 3 (MIT).
    const linked = '[![Screenshot](.github/preview.webp)](https://hugoblox.com/templates/academic-cv/start/?utm_source=github&utm_medium=readme)';
    const text = readFixture(jekyll).replace(
      'The real money moves bilaterally.',
      `The real money moves bilaterally.\n\n${linked}\n\n[![Topology](images/asa-210x300.png)](images/asa.png)`,
    );
    const { markdown, file } = importFixture(jekyll, {}, text);
    assert.ok(
      markdown.includes(
        '::figure[<https://hugoblox.com/templates/academic-cv/start/?utm_source=github&utm_medium=readme>]{src=".github/preview.webp" alt="Screenshot"}\n\n::figure{src="images/asa-210x300.png" alt="Topology"}',
      ),
      markdown,
    );
    assert.deepEqual(
      messages(file).filter(([rule]) => rule === 'figure-link-dropped'),
      [['figure-link-dropped', lineOf(text.split('\n'), '[![Topology]')]],
    );
  });

  it('reports front matter that cannot be parsed at its line, with no piece', () => {
    // The classic Jekyll mistake: a colon in an unquoted title.
    const text = readFixture(jekyll).replace(
      'title: "Shanghai Cooperation Organization: Not Quite the New Silk Road"',
      'title: Shanghai Cooperation Organization: Not Quite the New Silk Road',
    );
    const broken = importFixture(jekyll, {}, text);
    assert.equal(broken.result.chapters.length, 0);
    assert.equal(broken.file.messages.length, 1);
    const [message] = broken.file.messages;
    assert.equal(message?.ruleId, 'yaml-syntax');
    assert.equal(message?.fatal, true);
    assert.equal(message?.line, 3);
    assert.ok(!/at line \d/.test(message?.reason ?? ''), 'no second, front-matter-relative line number in the reason');
    assertEveryLineAccounted(broken.result.lines, broken.sourceLines);
  });
});

describe('importMarkdown: a Hugo post with TOML front matter and hand-made notes', () => {
  const { file, result, piece, markdown, sourceLines } = importFixture('hugo-post.md');

  it('maps the TOML keys: authors in order, the date as written in its time zone, description, canonical URL', () => {
    assert.deepEqual(piece?.meta, {
      title: 'The SCO Turns Twenty',
      authors: ['Raffaello Pantucci', 'Niva Yau'],
      // 07:30 in UTC+8 is still the evening before in UTC: the post's own day is kept.
      date: '2021-06-15',
      standfirst: 'Two decades on, the organisation is bigger but not stronger.',
      source: { file: `${fixtureDir}/hugo-post.md`, lines: [1, 21] },
      source_url: 'https://oxussociety.org/the-sco-turns-twenty/',
      rights: '',
    });
  });

  it('turns the <sup><a href="#fn1"> links and the <ol> of notes into footnotes at their markers', () => {
    assert.equal(
      markdown,
      [
        'The Shanghai Cooperation Organisation was founded in June 2001.[^1] Twenty years later it has eight members and a queue of observers.[^2]',
        '',
        '## What changed',
        '',
        'India and Pakistan joined in 2017, which made consensus _harder_, not easier.',
        '',
        '[^1]: The founding declaration was signed in Shanghai on 15 June 2001.',
        '',
        "[^2]: Iran's accession began in 2021.",
        '',
      ].join('\n'),
    );
    assert.deepEqual(messages(file), []);
  });

  it('accounts for every line', () => {
    assertEveryLineAccounted(result.lines, sourceLines);
    assert.equal(fateOf(result.lines, 1), 'dropped:front-matter delimiter');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'date = ')), 'metadata:date');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'canonicalURL')), 'metadata:source_url');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'draft = ')), 'dropped:front-matter key `draft` has no place in a chapter (a site-only setting)');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '### What changed')), 'kept:heading');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<li id="fn2">')), 'kept:notes');
  });

  it('skips a draft unless drafts are asked for', () => {
    const text = readFixture('hugo-post.md').replace('draft = false', 'draft = true');
    const draft = importFixture('hugo-post.md', {}, text);
    assert.equal(draft.result.chapters.length, 0);
    assert.deepEqual(messages(draft.file), [['import-no-pieces', 1]]);
    assert.ok(draft.result.lines.every((fate) => fate.fate === 'blank' || (fate.fate === 'dropped' && /draft/.test(fate.reason))));
    assertEveryLineAccounted(draft.result.lines, draft.sourceLines);
    const included = importFixture('hugo-post.md', { includeDrafts: true }, text);
    assert.equal(included.piece?.meta.title, 'The SCO Turns Twenty');
  });

  it('reports TOML that cannot be parsed at its line', () => {
    const text = readFixture('hugo-post.md').replace('draft = false', 'draft = flase');
    const broken = importFixture('hugo-post.md', {}, text);
    assert.equal(broken.result.chapters.length, 0);
    assert.deepEqual(messages(broken.file), [['yaml-syntax', 7]]);
  });
});

describe('importMarkdown: an Eleventy post titled by its heading', () => {
  const { file, result, piece, markdown, sourceLines } = importFixture('eleventy-post.md');

  it('takes the title from the level-1 heading, the author from author.name and the date as written', () => {
    assert.deepEqual(piece?.meta, {
      title: 'Paving the Digital Silk Road',
      authors: ['Niva Yau'],
      date: '2022-03-04',
      source: { file: `${fixtureDir}/eleventy-post.md`, lines: [1, 16] },
      tags: ['posts', 'digital silk road'],
      rights: '',
    });
    assert.equal(
      markdown,
      "China's _digital_ ambitions in Central Asia run through the SCO.\n\n## Cables and cameras\n\nSafe-city systems arrived first, in Bishkek and Dushanbe.\n",
    );
    assert.deepEqual(messages(file), []);
  });

  it('accounts for nested front-matter values under their top-level key and for the heading as the title', () => {
    assertEveryLineAccounted(result.lines, sourceLines);
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'name: Niva Yau')), 'metadata:authors');
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, 'key: digital-silk-road')),
      'dropped:front-matter key `eleventyNavigation` has no place in a chapter (a site-only setting)',
    );
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '# Paving')), 'metadata:title');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '## Cables')), 'kept:heading');
  });

  it('gives a post with no title at all a provisional one and says so', () => {
    const text = readFixture('eleventy-post.md').replace('# Paving the Digital Silk Road\n', '');
    const untitled = importFixture('eleventy-post.md', { defaultAuthor: 'Raffaello Pantucci' }, text);
    assert.equal(untitled.piece?.meta.title, 'Untitled piece (eleventy-post)');
    assert.equal(untitled.piece?.meta.provisional_title, true);
    assert.deepEqual(untitled.piece?.meta.authors, ['Niva Yau']);
    assert.deepEqual(messages(untitled.file), [['import-untitled', 1]]);
  });
});

describe('importMarkdown: unterminated front matter', () => {
  const { file, result, sourceLines } = importFixture('unterminated.md');

  it('is an error at line 1 that says what to do, and gives no piece', () => {
    assert.equal(result.chapters.length, 0);
    assert.equal(file.messages.length, 1);
    const [message] = file.messages;
    assert.equal(message?.ruleId, 'front-matter-unterminated');
    assert.equal(message?.fatal, true);
    assert.equal(message?.line, 1);
    assert.match(message?.reason ?? '', /never closed.*---/);
  });

  it('still accounts for every line, all dropped', () => {
    assertEveryLineAccounted(result.lines, sourceLines);
    assert.ok(result.lines.every((fate) => fate.fate !== 'kept' && fate.fate !== 'metadata'));
  });
});

describe('importMarkdown: an address typed inside closing quotes', () => {
  // Note 14 of Programming Historian en español, "Procesamiento básico de textos en R"
  // (programminghistorian/jekyll at 8525b934dce5050a23969ff768246645cd86f491,
  // es/lecciones/procesamiento-basico-de-textos-en-r.md; CC BY 4.0), a title typed as an address.
  const note =
    'Bettina Grün and Kurt Hornik. “https://cran.r-project.org/web/packages/topicmodels/index.html”. R Package, Version 0.2-4. https://cran.r-project.org/web/packages/topicmodels/index.html';
  const text = `---\ntitle: Procesamiento básico de textos en R\nauthor: Taylor Arnold\n---\n\nTexto.[^14]\n\n[^14]: ${note}\n`;
  const { markdown } = importFixture(jekyll, {}, text);

  it('links the address and leaves the closing quote outside the link', () => {
    assert.match(markdown, /“<https:\/\/cran\.r-project\.org\/web\/packages\/topicmodels\/index\.html>”\. R Package/);
    assert.doesNotMatch(markdown, /”>/);
  });
});

describe('importMarkdown: footnote labels that do not pair up', () => {
  // Lines of Plurality's Portuguese chapter “Mercados Sociais” (pluralitybook/plurality at
  // b8fde8d25ecc359e55a62883896b3de2208c36cb, contents/portuguese/5-7-mercados-sociais.md, CC0):
  // a label with spaces, and markers translated while their notes' labels were not (or the other way).
  const lines = [
    '# Mercados Sociais',
    '',
    '6. Política migratória polipolítica: Também é cada vez mais possível imaginar a flexibilização dos rígidos mercados de trabalho internacionais por meio de mecanismos relacionados.[^Poly] Isso poderia diluir o controle rigoroso da mobilidade de mão de obra pelos Estados-nação.',
    '',
    '[^Design de Mercado]: Atila Abdulkadiroğlu, Parag A. Pathak e Alvin E. Roth, "The New York City High School Match", *American Economic Review* 95, n.º 2 (2005): 365-367.',
    '[^Estima]: Nicole Immorlica, Greg Stoddard e Vasilis Syrgkanis, "Social Status and Badge Design", *WWW \'15: Anais da 24ª Conferência Internacional sobre a World Wide Web* (2015: 473-483.',
    '[^Poli]: Danielle Allen, "Polypolitanism: An Approach to Immigration Policy to Support a Just Political Economy" em Danielle Allen, Yochai Benkler, Leah Downey, Rebecca Henderson e Josh Simons, etc., *A Political Economy of Justice* (Chicago, IL: University of Chicago Press, 2022): cap. 14.',
    '',
  ];
  const { file, markdown } = importFixture(jekyll, {}, `---\nlayout: post\n---\n${lines.join('\n')}`);
  const reported = (rule: string) => file.messages.filter((message) => message.ruleId === rule).map((message) => [message.line, message.column]);

  it('reads a label with spaces as one note, not as a line of the note before it, and says so', () => {
    assert.deepEqual(reported('import-note-label'), [[8, 1]]);
    assert.match(markdown, /^\[\^Design-de-Mercado\]: Atila Abdulkadiroğlu/m);
    assert.match(markdown, /^\[\^Estima\]: Nicole Immorlica/m);
  });

  it('reports a marker without a note and notes without a marker, where they are', () => {
    assert.deepEqual(reported('note-undefined'), [[6, 180]]);
    assert.deepEqual(reported('note-unreferenced'), [
      [8, 1],
      [9, 1],
      [10, 1],
    ]);
  });
});

describe('importMarkdown: the body’s headings start at level 2, keeping their steps', () => {
  const post = (body: string) => `---\ntitle: Asides\nauthor: Jane Roe\ndate: 2021-03-04\n---\n\nAn opening paragraph.\n\n${body}\n`;
  const headings = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('#'));

  it('sections written ### (a theme printed the title as ##) become ##, their subsections ###', () => {
    const { markdown } = importFixture(jekyll, {}, post('### First\n\nText.\n\n#### Inside\n\nText.\n\n### Second\n\nText.'));
    assert.deepEqual(headings(markdown), ['## First', '### Inside', '## Second']);
  });

  it('sections written # move down one level; ## sections stay', () => {
    assert.deepEqual(headings(importFixture(jekyll, {}, post('# First\n\nText.\n\n## Inside\n\nText.')).markdown), ['## First', '### Inside']);
    assert.deepEqual(headings(importFixture(jekyll, {}, post('## First\n\nText.\n\n#### Deep\n\nText.')).markdown), ['## First', '#### Deep']);
  });
});
