import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Emphasis } from 'mdast';
import { VFile } from 'vfile';
import { importSource } from '../../../src/import/import.ts';
import { classifyLine } from '../../../src/import/scrape/classify.ts';
import { nameInCapitals, readPublicationLine, recasedTitle, titleLines } from '../../../src/import/scrape/opening.ts';
import { normaliseNameCase } from '../../../src/import/text.ts';

const corpus = (entry: string, name: string, encoding: BufferEncoding = 'utf8') => readFileSync(`tests/corpus/scrape/${entry}/${name}`, encoding);

function importText(name: string, value: string) {
  const file = new VFile({ path: name, value });
  const result = importSource(file, { defaultAuthor: undefined });
  return { file, result, meta: result.chapters[0]?.piece.meta };
}

const essay = Array.from(
  { length: 5 },
  (_, i) => `Paragraph ${i} of a text that was wrapped by hand at seventy columns\nand runs on to a second line, as plain text essays do.\n`,
).join('\n');

describe('the opening lines of a printed piece', () => {
  it('a publication line gives venue and date, a name in capitals under it the author', () => {
    const { result, meta, file } = importText('federalist-06.txt', corpus('federalist-6-parenthesised', 'federalist-06.txt'));
    assert.equal(meta?.title, 'Federalist No. 6');
    assert.deepEqual(meta?.authors, ['Hamilton']);
    assert.equal(meta?.date, '1787-11-14');
    assert.equal(meta?.venue, 'Independent Journal');
    // The lines are front matter; the pseudonymous signature at the end stays in the body and credits nobody.
    const fate = (line: number) => result.lines.find((candidate) => candidate.line === line);
    assert.deepEqual([fate(5)?.fate, fate(7)?.fate], ['metadata', 'metadata']);
    assert.ok(JSON.stringify(result.chapters[0]?.piece.body).includes('PUBLIUS'));
    assert.ok(file.messages.some((message) => message.ruleId === 'import-title-recased'));
  });

  it('reads the common forms and refuses sentences', () => {
    assert.deepEqual(readPublicationLine('From the New York Packet. Tuesday, November 20, 1787.'), { venue: 'New York Packet', date: '1787-11-20' });
    assert.deepEqual(readPublicationLine('Reprinted from the Journal of American Folk-Lore, October-December, 1890'), {
      venue: 'Journal of American Folk-Lore',
      date: '1890',
    });
    assert.deepEqual(readPublicationLine('Originally published in The Atlantic, 1862'), { venue: 'The Atlantic', date: '1862' });
    assert.equal(readPublicationLine('From the first day I knew, 1990 was odd'), undefined);
    assert.equal(readPublicationLine('For the most part we agreed.'), undefined);
  });

  it('a line in capitals under a title is no author unless it follows a publication line or `by`', () => {
    const { meta } = importText('essay.txt', `ON TRAVEL\n\nINTRODUCTION\n\n${essay}`);
    assert.deepEqual(meta?.authors, []);
    assert.equal(nameInCapitals('J. WALTER FEWKES'), 'J. Walter Fewkes');
    assert.equal(nameInCapitals('THE END'), undefined);
  });

  it('titles set in capitals are put in title case; mixed case is left alone', () => {
    assert.equal(recasedTitle('A CONTRIBUTION TO PASSAMAQUODDY FOLK-LORE.'), 'A Contribution to Passamaquoddy Folk-Lore');
    assert.equal(recasedTitle("MERLE'S CRUSADE."), "Merle's Crusade");
    assert.equal(recasedTitle("O'BRIEN AND THE WAR OF 1812"), "O'Brien and the War of 1812");
    assert.equal(recasedTitle('CHAPTER IV.'), 'Chapter IV');
    assert.equal(recasedTitle('NASA Budget Cuts'), undefined);
  });

  it('an e-text’s title page: the catalogued title as the text opens under it, the author, the reprint line', () => {
    const { result, meta } = importText('17997-8.txt', corpus('gutenberg-passamaquoddy-dp-footnotes', '17997-8.txt', 'latin1'));
    assert.equal(meta?.title, 'A Contribution to Passamaquoddy Folk-Lore');
    assert.deepEqual(meta?.authors, ['J. Walter Fewkes']);
    assert.equal(meta?.date, '1890');
    assert.equal(meta?.venue, 'Journal of American Folk-Lore');
    const series = result.lines.find((fate) => fate.line === 55);
    assert.equal(series?.fate, 'dropped');
    // The release date of the e-book is not the work's date.
    assert.notEqual(meta?.date, '2006-03-15');
  });
});

describe('plain-text italics', () => {
  it('`_text_` is emphasis; identifiers with underscores are not', () => {
    const { result } = importText(
      'essay.txt',
      `A Note\n\n${essay}\nHe read the _Morning Post_ and _Laborare est\norare._ every day, and set nested_scopes and __future__.\n`,
    );
    const body = result.chapters[0]?.piece.body;
    const emphasis: string[] = [];
    const walk = (node: { type: string; children?: unknown[] }) => {
      if (node.type === 'emphasis') emphasis.push(((node as Emphasis).children[0] as { value: string }).value);
      for (const child of (node.children ?? []) as { type: string }[]) walk(child);
    };
    if (body) walk(body);
    assert.deepEqual(emphasis, ['Morning Post', 'Laborare est\norare.']);
    assert.ok(JSON.stringify(body).includes('nested_scopes and __future__'));
  });
});

/** An e-book laid out as Project Gutenberg and Distributed Proofreaders set one: header, title page, divisions. */
function ebook(): string {
  const prose = (i: number) =>
    `This is paragraph ${i} of the book, and it runs on for long enough to be\nprose: wrapped by hand at sixty-odd columns, as e-texts are, and ending\nwith a full stop.\n`;
  return [
    'The Project Gutenberg EBook of A Book of Songs, by Jane Q. Doe',
    '',
    'Title: A Book of Songs',
    '',
    'Author: Jane Q. Doe',
    '',
    'Release Date: May 1, 2006 [EBook #99999]',
    '',
    '*** START OF THIS PROJECT GUTENBERG EBOOK A BOOK OF SONGS ***',
    '',
    '',
    '',
    '',
    'Produced by A. Volunteer and the Online Distributed',
    'Proofreading Team at http://www.pgdp.net',
    '',
    '',
    '',
    '',
    '                         [Illustration]',
    '',
    '            THE AUTHOR AT HER DESK.',
    '',
    '',
    '',
    'A BOOK OF SONGS',
    '',
    'BY JANE Q. DOE',
    '',
    "AUTHOR OF 'OTHER SONGS'",
    '',
    'London',
    'SOME PUBLISHER',
    '',
    '_First Edition, 1912_',
    '',
    'TO MY MOTHER',
    '',
    '',
    '',
    '',
    'PREFACE',
    '',
    '',
    prose(1),
    prose(2),
    '',
    '',
    'A SONG OF SPRING',
    '',
    'By T. Moore',
    '',
    prose(3),
    prose(4),
    '*** END OF THIS PROJECT GUTENBERG EBOOK A BOOK OF SONGS ***',
    '',
    'Section 1.  General Terms of Use and Redistributing Project Gutenberg-tm',
    '',
  ].join('\n');
}

describe('an e-book of one author', () => {
  const value = ebook();
  const { result, meta, file } = importText('99999.txt', value);
  const fateOf = (text: string) => result.lines.find((fate) => fate.line === value.split('\n').findIndex((line) => line.trim().startsWith(text)) + 1);

  it('is one piece, whatever songs with bylines it quotes inside', () => {
    assert.equal(result.chapters.length, 1);
    assert.ok(JSON.stringify(result.chapters[0]?.piece.body).includes('A SONG OF SPRING'));
  });

  it('reads its title page: title, author and first edition; drops frontispiece, imprint and dedication with a reason', () => {
    assert.equal(meta?.title, 'A Book of Songs');
    assert.deepEqual(meta?.authors, ['Jane Q. Doe']);
    assert.equal(meta?.date, '1912');
    for (const text of ['[Illustration]', 'THE AUTHOR AT HER DESK.', "AUTHOR OF 'OTHER SONGS'", 'London', 'TO MY MOTHER']) {
      const fate = fateOf(text);
      assert.equal(fate?.fate, 'dropped', text);
      assert.match(fate?.fate === 'dropped' ? fate.reason : '', /title page/);
    }
    assert.equal(fateOf('PREFACE')?.fate, 'kept');
    assert.ok(file.messages.some((message) => message.ruleId === 'import-dropped-line' && message.reason.includes('TO MY MOTHER')));
  });

  it('never takes the e-book’s release date for the work’s', () => {
    assert.notEqual(meta?.date, '2006-05-01');
  });
});

describe('names and bylines in capitals', () => {
  it('initials run together keep their capitals', () => {
    assert.equal(normaliseNameCase('N.H. EGLESTON'), 'N.H. Egleston');
  });

  it('a long paragraph that begins with “By” is prose, not a byline', () => {
    assert.equal(
      classifyLine(
        'By _Abracadabra_ we signify An infinite number of things. ’Tis the answer to What? and How? and Why? And Whence? and Whither?--a word whereby The Truth (with the comfort it brings)',
        false,
      ),
      'paragraph',
    );
    assert.equal(classifyLine('BY ROSA NOUCHETTE CAREY, Author of "Aunt Diana," "For Lilias," etc.', false), 'byline');
  });
});

describe('a title set over several lines of a title page', () => {
  const block = (line: number, text: string) => ({ line, endLine: line, text, lines: [text], kind: 'short' as const });

  it('joins the lines that spell the catalogue’s main title, its small words in lower case (Gutenberg 30621)', () => {
    // Catalogued “Ancient art of the province of Chiriqui, Colombia”; the title page: `ANCIENT ART` / `of the` / `PROVINCE OF CHIRIQUI, COLOMBIA.` / `by`.
    const front = [block(57, 'ANCIENT ART'), block(59, 'of the'), block(61, 'PROVINCE OF CHIRIQUI, COLOMBIA.'), block(63, 'by')];
    const lines = titleLines(front, 0, 'Ancient art of the province of Chiriqui, Colombia');
    assert.deepEqual(
      lines.map((line) => line.text),
      ['ANCIENT ART', 'of the', 'PROVINCE OF CHIRIQUI, COLOMBIA.'],
    );
    assert.equal(recasedTitle(lines.map((line) => line.text).join(' ')), 'Ancient Art of the Province of Chiriqui, Colombia');
  });

  it('leaves out a line of years under it (Gutenberg 13272: `BEETHOVEN’S LETTERS.` / `(1790-1826.)`)', () => {
    const front = [block(36, "BEETHOVEN'S LETTERS."), block(38, '(1790-1826.)')];
    assert.deepEqual(
      titleLines(front, 0, "Beethoven's Letters 1790-1826 Vol. 2").map((line) => line.text),
      ["BEETHOVEN'S LETTERS."],
    );
  });
});
