import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FootnoteDefinition, FootnoteReference, Root } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { importSource } from '../../../src/import/import.ts';
import { contentsRanges } from '../../../src/import/scrape/contents.ts';

/** Plain-text posts and books from public repositories (tests/fixtures/import/real/PROVENANCE.md), imported as a new user would. */
const real = (name: string, encoding: BufferEncoding = 'utf8') => readFileSync(`tests/fixtures/import/real/scrape/${name}`, encoding);

function importText(name: string, value: string) {
  const file = new VFile({ path: name, value });
  const result = importSource(file, { defaultAuthor: undefined });
  return { file, result };
}

function notesOf(body: Root) {
  const references: string[] = [];
  visit(body, 'footnoteReference', (node: FootnoteReference) => {
    references.push(node.identifier);
  });
  const definitions = new Map(
    body.children.flatMap((node) => (node.type === 'footnoteDefinition' ? [[node.identifier, plainText(node as FootnoteDefinition)] as const] : [])),
  );
  return { references, definitions };
}

describe('real plain-text sources: notes', () => {
  it('a book’s notes set at the end of each chapter, numbered on through the book, are tied to their markers', () => {
    const { result } = importText('16595-8.txt', real('16595-8.txt', 'latin1'));
    const body = result.chapters[0]?.piece.body as Root;
    const { references, definitions } = notesOf(body);
    // 18 notes in 7 runs, each after its chapter (`[1]` … `[8]`, then CHAPTER II; `[9]`, `[10]`, then CHAPTER IV …).
    assert.deepEqual(
      references,
      Array.from({ length: 18 }, (_, index) => String(index + 1)),
    );
    assert.equal(definitions.size, 18);
    assert.match(definitions.get('1') ?? '', /^In his speech at Birmingham on 'Literature and Art'/);
    assert.match(definitions.get('10') ?? '', /^The Public Life of Mr\. Tulrumble, 1837\.$/);
    assert.match(definitions.get('18') ?? '', /\S/);
    // No note or marker is left in the running text as typed (the index's `Banjo, [20]` is a page).
    const running = plainText({ type: 'root', children: body.children.filter((node) => node.type !== 'footnoteDefinition') });
    assert.doesNotMatch(running, /Mix it up and make it nice|\w\[\d+\]|,\[\d+\]/);
    const fates = new Map(result.lines.map((fate) => [fate.line, fate]));
    assert.deepEqual(fates.get(808), { line: 808, fate: 'kept', piece: 1, field: 'notes' });
  });
});

describe('real plain-text sources: notes labelled alone on their line', () => {
  it('`[85]` over the letter it quotes is a note; the book is imported, not refused for markers with no note', () => {
    const { file, result } = importText('17074.txt', real('17074.txt'));
    assert.ok(!file.messages.some((message) => message.ruleId === 'note-undefined'));
    // `J.S. SHEDLOCK, B.A.` on the title page is the catalogue's J.S. Shedlock.
    assert.deepEqual(result.chapters[0]?.piece.meta.authors, ['J.S. Shedlock']);
    const { references, definitions } = notesOf(result.chapters[0]?.piece.body as Root);
    assert.equal(definitions.size, 113);
    assert.equal(new Set(references).size, 113);
    // Note 85 is Clementi's letter under `[85]`, its dateline a heading no longer ending the notes.
    assert.match(definitions.get('85') ?? '', /HAMBURGH, June 12, 1801\.[\s\S]*MON CHER CLEMENTI/);
    assert.match(definitions.get('86') ?? '', /\S/);
  });
});

describe('real plain-text sources: the head of a piece', () => {
  it('a month and year under the title is the date (Paul Graham’s essays as text)', () => {
    // The head of “What I Worked On” as LlamaIndex's examples ship it (take-homes/llamaindex-quickstart
    // @3a13f9fc, data/paul_graham_essay.txt): the essay states no licence, so only its layout is here.
    const value = [
      '',
      '',
      'What I Worked On',
      '',
      'February 2021',
      '',
      'Before college the two main things I worked on, outside of school, were writing and programming.',
      '',
    ].join('\n');
    const { result } = importText('paul_graham_essay.txt', value);
    const meta = result.chapters[0]?.piece.meta;
    assert.equal(meta?.title, 'What I Worked On');
    assert.equal(meta?.date, '2021-02');
    assert.deepEqual(
      result.lines.find((fate) => fate.line === 5),
      { line: 5, fate: 'metadata', piece: 1, field: 'date' },
    );
    assert.doesNotMatch(JSON.stringify(result.chapters[0]?.piece.body), /February 2021/);
  });
});

describe('real plain-text sources: the text', () => {
  it('`_italics_` by a note marker, in guillemets, or of one letter are emphasis, not underscores', () => {
    const { result } = importText('24675-8.txt', real('24675-8.txt', 'latin1'));
    const body = result.chapters[0]?.piece.body as Root;
    const emphasised: string[] = [];
    visit(body, 'emphasis', (node) => {
      emphasised.push(plainText(node));
    });
    // `gouden _pajong_[33]`, `»_Kasihan!_"[4]`, `om _u_ te beteren`.
    for (const words of ['pajong', 'Kasihan!', 'u', 'Wedono', 'Thalatta, Thalatta, sei mir gegrüsst!']) assert.ok(emphasised.includes(words), words);
    const underscores = plainText(body).match(/_/g) ?? [];
    // What is left: italics over several paragraphs (a French song) and one typed `_koeli'_s`.
    assert.ok(underscores.length <= 12, `${underscores.length} underscores left`);
  });
});

describe('real plain-text sources: an e-book’s title page', () => {
  it('is found where it repeats only the first words of the catalogued title, which end before its comma', () => {
    // Catalogued “The Complete Angler, 1653”; the title page: `THE COMPLETE ANGLER;` / `OR,` / `_THE CONTEMPLATIVE MAN'S RECREATION_.`
    const { result } = importText('9198-8.txt', real('9198-8.txt', 'latin1'));
    const meta = result.chapters[0]?.piece.meta;
    assert.equal(meta?.title, 'The Complete Angler');
    assert.equal(meta?.provisional_title, undefined);
    assert.deepEqual(meta?.authors, ['Isaak Walton']);
  });

  it('ends after its statement of the edition, which reads as prose but is dropped with the title page', () => {
    // `Being a _Facsimile_ Reprint of the First Edition published in 1653.` / `With a Preface by RICHARD LE GALLIENNE.`
    const value = real('9198-8.txt', 'latin1');
    const { result } = importText('9198-8.txt', value);
    const body = result.chapters[0]?.piece.body as Root;
    assert.doesNotMatch(plainText(body), /Facsimile Reprint|With a Preface by RICHARD/);
    assert.equal(body.children[0]?.type, 'heading');
    const line = value.split(/\r?\n/).findIndex((row) => row.startsWith('Being a _Facsimile_')) + 1;
    const fate = result.lines.find((entry) => entry.line === line) as { fate: string; reason?: string };
    assert.equal(fate.fate, 'dropped');
    assert.match(fate.reason ?? '', /title page of the e-book/);
  });

  it('is read whole where the title page sets it over several lines (`THE` / `PIANOFORTE SONATA`), without the subtitle under it', () => {
    // Catalogued “The Pianoforte Sonata” / “Its Origin and Development”; the title page: `THE`, `PIANOFORTE SONATA`, `ITS ORIGIN AND DEVELOPMENT`.
    const value = real('17074.txt');
    const { result } = importText('17074.txt', value);
    assert.equal(result.chapters[0]?.piece.meta.title, 'The Pianoforte Sonata');
    const lineOf = (text: string) => value.split(/\r?\n/).indexOf(text) + 1;
    const fate = (text: string) => result.lines.find((line) => line.line === lineOf(text));
    assert.deepEqual(fate('THE'), { line: lineOf('THE'), fate: 'metadata', piece: 1, field: 'title' });
    assert.equal(fate('ITS ORIGIN AND DEVELOPMENT')?.fate, 'dropped');
  });

  it('is found after the e-text’s remarks in prose, which are dropped with their reason; `&` is `and`', () => {
    // Catalogued “Critical & Historical Essays”; the transcriber's notes come first, then `CRITICAL AND HISTORICAL ESSAYS`.
    const value = real('16351-8.txt', 'latin1');
    const { result } = importText('16351-8.txt', value);
    const meta = result.chapters[0]?.piece.meta;
    assert.equal(meta?.title, 'Critical and Historical Essays');
    // The catalogue's spelling of the name, not `BY EDWARD MACDOWELL` recased.
    assert.deepEqual(meta?.authors, ['Edward MacDowell']);
    assert.equal(meta?.headnote, undefined);
    const fate = (text: string) => result.lines.find((line) => line.line === value.split(/\r?\n/).findIndex((row) => row.startsWith(text)) + 1);
    assert.match((fate('Italic text is represented') as { reason?: string } | undefined)?.reason ?? '', /remarks before its title page/);
    assert.match((fate('Footnotes in the original text') as { reason?: string } | undefined)?.reason ?? '', /remarks before its title page/);
    assert.doesNotMatch(JSON.stringify(result.chapters[0]?.piece.body), /Italic text is represented|Pitches:/);
  });
});

describe('real plain-text sources: code', () => {
  const corpus = (entry: string, name: string) => readFileSync(`tests/corpus/scrape/${entry}/${name}`, 'utf8');
  const codeOf = (body: Root) => body.children.flatMap((node) => (node.type === 'code' ? [node.value] : []));

  it('a PEP’s examples, set in past its text, are code with their indentation', () => {
    const { result } = importText('pep-0255.txt', corpus('pep-255-bracketed-references', 'pep-0255.txt'));
    const code = codeOf(result.chapters[0]?.piece.body as Root);
    assert.ok(code.includes('def fib():\n    a, b = 0, 1\n    while 1:\n        yield b\n        a, b = b, a+b'), code.join('\n---\n'));
    // The prose around stays prose.
    assert.ok(!code.some((value) => value.includes('When fib() is first invoked')));
  });

  it('a kernel document’s example is code; its notes are still found', () => {
    const { result } = importText('volatile-considered-harmful.txt', corpus('linux-volatile-notes-credits', 'volatile-considered-harmful.txt'));
    const body = result.chapters[0]?.piece.body as Root;
    assert.ok(codeOf(body).includes('spin_lock(&the_lock);\ndo_something_on(&shared_data);\ndo_something_else_with(&shared_data);\nspin_unlock(&the_lock);'));
    assert.equal(notesOf(body).definitions.size, 2);
  });

  it('verse and quotations set in are not code', () => {
    const { result } = importText('16595-8.txt', real('16595-8.txt', 'latin1'));
    assert.deepEqual(codeOf(result.chapters[0]?.piece.body as Root), []);
  });
});

describe('indented prose in a text scrape is not taken for code', () => {
  it('a letter’s indented close (“Yours ever,” / “from Robert”) stays prose', () => {
    const letter = [
      'A Letter Home',
      '',
      'Dear Anne, the classes here are long and the masters have defended every one of them. I returned',
      'yesterday from the coast, where we imported nothing but sand and a great deal of weather.',
      '',
      'We walked from the harbour to the old fort and back, and I thought of you the whole way there.',
      'The house is quiet now and the lamps are lit; I will write again when the term is over.',
      '',
      '    Yours ever,',
      '    from Robert',
      '',
    ].join('\n');
    const piece = importText('letter.txt', letter).result.chapters[0]?.piece;
    assert.ok(piece);
    assert.equal(
      piece.body.children.some((node) => node.type === 'code'),
      false,
    );
  });
});

describe('real plain-text sources: notes numbered by the transcriber', () => {
  it('markers and labels padded with a zero (`[01]` … `[15]`) are tied, as `[1]` … `[15]` are', () => {
    // Critical and Historical Essays: “I have renumbered these and represented them as [01] through [15].”
    const { file, result } = importText('16351-8.txt', real('16351-8.txt', 'latin1'));
    const { references, definitions } = notesOf(result.chapters[0]?.piece.body as Root);
    assert.deepEqual(
      references,
      Array.from({ length: 15 }, (_, index) => String(index + 1)),
    );
    assert.equal(definitions.size, 15);
    assert.match(definitions.get('1') ?? '', /^The strength of the "Fate" motive in Beethoven's fifth/);
    assert.match(definitions.get('15') ?? '', /^At that time the harpsichord player/);
    assert.ok(!file.messages.some((message) => message.ruleId === 'note-untied'));
  });
});

/**
 * The layout of Guernsey Folk-Lore (Project Gutenberg 52834, GITenberg/Guernsey-Folk-Lore-…__52834
 * @9cde445, 52834-0.txt, public domain; 368 notes set after each chapter and numbered on through the
 * book): its lines 14796–14845 and 3804–3830, the notes numbered from 1 here because a run of
 * notes in the middle of a text is looked for from the next number on. The whole e-text (1 MB,
 * some 40 s to import) was measured but is not committed.
 */
const guernseyVerse = [
  'The Song of the Poppy',
  '',
  'Children in the country still sing it to one another.',
  '',
  '    “Coquedicot, j’ai mal au det,',
  '    Coquedicot, qu’est qui-t-la-fait?',
  '    Coquedicot, dans qu’est qu’il ribotte?',
  '    Coquedicot, dans sa grand botte?',
  '    [1]Coquedicot, dans qu’est qu’il fait le burre?',
  '    Coquedicot, dans son grand verre!”',
  '',
  'In summer a species of small black beetle, known by the local name of',
  '“_pan-pan_,” is found very commonly in the hedges.',
  '',
  '[1] These two lines were omitted in the version known by Mr. de',
  'Garis, of the Rouvets.',
  '',
  '',
  'WHEN IT SNOWS.',
  '',
  'the unknown female could be no other than a denizen of fairy-land, but',
  'what could be her object in erecting such a monument? Some say the stone was',
  'placed there by the fairies to serve them as a mark when they played at',
  'ball.[2]',
  '',
  'There is another story told to account for “La Palette ès Faïes.” The bat',
  'still remains in the centre of the field, and the ball--an enormous spherical',
  'boulder--is pointed out on the sea-shore near Les Pezeries, fully a mile and a half off.[3]',
  '',
  '[2] From Miss Lane, afterwards Mrs. Lane-Clarke.',
  '',
  'EDITOR’S NOTE.--See in _Traditions et Superstitions de la Haute',
  'Bretagne_ par Paul Sebillot, Tome I., p. 10 and 11, etc.',
  '',
  '[3] From William Le Poidevin.',
  '',
  '',
  'FAIRY RINGS.',
  '',
  'A third story closes the chapter, and it has no note at all, as the',
  'people who told it did not say where they had it from.',
  '',
];

describe('real plain-text sources: notes after each chapter, in the layout of Guernsey Folk-Lore', () => {
  it('a marker opening a line of verse (`    [1]Coquedicot`) does not stop the notes after it', () => {
    const { file, result } = importText('guernsey.txt', guernseyVerse.join('\n'));
    const body = result.chapters[0]?.piece.body as Root;
    const { references, definitions } = notesOf(body);
    assert.deepEqual(references, ['1', '2', '3']);
    assert.match(definitions.get('1') ?? '', /^These two lines were omitted/);
    const running = plainText({ type: 'root', children: body.children.filter((node) => node.type !== 'footnoteDefinition') });
    assert.match(running, /dans qu’est qu’il ribotte\?/);
    assert.doesNotMatch(running, /\[\d\]/);
    assert.ok(!file.messages.some((message) => message.ruleId === 'note-untied'));
  });

  it('a note’s further paragraph (an editor’s note under the author’s) stays in the note', () => {
    const { result } = importText('guernsey.txt', guernseyVerse.join('\n'));
    const body = result.chapters[0]?.piece.body as Root;
    const { definitions } = notesOf(body);
    assert.match(definitions.get('2') ?? '', /^From Miss Lane[\s\S]*EDITOR’S NOTE\.--See in/);
    assert.match(definitions.get('3') ?? '', /^From William Le Poidevin\.$/);
    const running = plainText({ type: 'root', children: body.children.filter((node) => node.type !== 'footnoteDefinition') });
    assert.doesNotMatch(running, /EDITOR’S NOTE/);
    assert.match(running, /A third story closes the chapter/);
  });

  it('notes that cannot be tied are left as typed, and said so', () => {
    // Marker 2 taken out of the text: the second run of notes has a note with no marker before it.
    const value = guernseyVerse.join('\n').replace('ball.[2]', 'ball.');
    const { file, result } = importText('guernsey.txt', value);
    const untied = file.messages.filter((message) => message.ruleId === 'note-untied');
    const { definitions } = notesOf(result.chapters[0]?.piece.body as Root);
    assert.equal(definitions.size, 1);
    assert.equal(untied.length, 1);
    assert.match(untied[0]?.reason ?? '', /\(\[3\]\)/);
  });
});

describe('real plain-text sources: a printed book’s table of contents', () => {
  const headings = (body: Root) => body.children.flatMap((node) => (node.type === 'heading' ? [plainText(node)] : []));

  it('is dropped with its reason: titles with their pages, column heads, wrapped entries, part titles', () => {
    for (const [name, encoding, heading, lastEntry] of [
      ['17074.txt', 'utf8', 'CONTENTS', /^\s+INDEX\s+241$/],
      ['24675-8.txt', 'latin1', 'INHOUD.', /KOOL NIET WAARD"\s+181\.$/],
      ['16351-8.txt', 'latin1', 'CONTENTS', /SUGGESTION IN MUSIC\s+261$/],
    ] as const) {
      const value = real(name, encoding);
      const rows = value.split(/\r?\n/);
      const { result } = importText(name, value);
      const body = result.chapters[0]?.piece.body as Root;
      const first = rows.indexOf(heading) + 1;
      const last = rows.findIndex((row) => lastEntry.test(row)) + 1;
      assert.ok(first > 0 && last > first, name);
      for (const line of [first, last]) {
        const fate = result.lines.find((entry) => entry.line === line) as { fate: string; reason?: string };
        assert.equal(fate.fate, 'dropped', `${name}:${line}`);
        assert.match(fate.reason ?? '', /table of contents/);
      }
      assert.ok(!headings(body).some((text) => /^(?:CONTENTS|INHOUD\.|CHAP\.)/.test(text)), name);
      assert.doesNotMatch(plainText(body), /JOHANN KUHNAU\s+38|EEN DROOM\s+107|THE MUSIC OF GREECE\s+69/);
    }
  });

  it('runs over an entry wrapped after a comma (Ancient Art of the Province of Chiriqui, Gutenberg 30621, its list of figures)', () => {
    // Lines 133, 382–387, 481, 483, 488 and 491 of 30621-0.txt (GITenberg/Ancient-art-of-the-province-of-Chiriqui-…__30621 @2af9eca, a US Government report), under the heading of its list of figures.
    const lines = [
      'ILLUSTRATIONS.',
      '',
      '    206. End view of vase in Fig. 204                            139',
      '    207. Large vase with decorations in red and black            140',
      '    208. Devices of the decorated zone of vase in Fig. 207,',
      '           viewed from above                                     141',
      '    209. Handsome vase with four handles and decorations',
      '           in black, red, and purple                             142',
      '',
      '',
      'ANCIENT ART OF THE PROVINCE OF CHIRIQUI.',
      '',
      'By William H. Holmes.',
      '',
      'INTRODUCTION.',
      '',
      'GEOGRAPHY.',
    ];
    assert.deepEqual(
      contentsRanges(lines).map(({ start, end }) => [start, end]),
      [[1, 8]],
    );
  });

  it('the chapters it lists stay, as headings of their own', () => {
    const { result } = importText('17074.txt', real('17074.txt'));
    const found = headings(result.chapters[0]?.piece.body as Root);
    assert.ok(found.includes('PREFACE'), found.slice(0, 5).join(' | '));
  });
});

describe('real plain-text sources: who wrote it', () => {
  it('the catalogue’s “author” whom the title page names as translator is not credited (Beethoven’s Letters: `TRANSLATED BY` / `LADY WALLACE.`)', () => {
    const { file, result } = importText('13272-8.txt', real('13272-8.txt', 'latin1'));
    assert.deepEqual(result.chapters[0]?.piece.meta.authors, []);
    const warning = file.messages.find((message) => message.ruleId === 'import-author-unknown');
    assert.match(warning?.reason ?? '', /catalogue gives Lady Wallace as author, but its title page, line 51, says “translated by”/);
  });
});

describe('real plain-text sources: `[Footnote n: …]` notes over several paragraphs', () => {
  it('a note quoting a letter (a dateline, a hundred lines) is taken to its closing bracket, and each marker tied to its own note', () => {
    // Beethoven's Letters, vol. 2: notes numbered from 1 after each letter; three quote a letter or a diary.
    const { file, result } = importText('13272-8.txt', real('13272-8.txt', 'latin1'));
    const body = result.chapters[0]?.piece.body as Root;
    const { references, definitions } = notesOf(body);
    assert.equal(definitions.size, 126);
    assert.equal(new Set(references).size, 126);
    // Before, these three stayed in the text and their markers pointed to the note of the letter before.
    assert.ok(!file.messages.some((message) => message.ruleId === 'note-marker-repeated'));
    const quoting = [...definitions.values()].find((text) => text.startsWith('A letter from Ries of this date')) ?? '';
    assert.match(quoting, /Godesberg, June 9, 1825\.[\s\S]*Whitsuntide festivals/);
    assert.doesNotMatch(plainText({ type: 'root', children: body.children.filter((node) => node.type !== 'footnoteDefinition') }), /\[Footnote/);
  });
});
