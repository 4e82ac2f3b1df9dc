import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { importSource } from '../../../src/import/import.ts';
import { parseByline } from '../../../src/import/scrape/scrape.ts';

const value = readFileSync('tests/corpus/scrape/girls-own-paper-1886-issue/18195-8.txt', 'latin1');
const file = new VFile({ path: '18195-8.txt', value });
const result = importSource(file, { defaultAuthor: undefined });
const sourceLines = value.split(/\r?\n/);
const lineOf = (text: string) => sourceLines.findIndex((line) => line.startsWith(text)) + 1;
const fateOf = (text: string) => result.lines.find((fate) => fate.line === lineOf(text));

describe('an issue of a periodical in one e-text', () => {
  it('each division set off by four blank lines is an article; the masthead is every article’s venue and date', () => {
    assert.deepEqual(
      result.chapters.map((chapter) => [chapter.piece.meta.title, chapter.piece.meta.authors, chapter.piece.meta.date, chapter.piece.meta.venue]),
      [
        ["Merle's Crusade", ['Rosa Nouchette Carey'], '1886-10-02', "The Girl's Own Paper"],
        ['The Amateur Church Organist', ['Victoria Grosvenor'], '1886-10-02', "The Girl's Own Paper"],
        ['Every Girl a Business Woman', ['James Mason'], '1886-10-02', "The Girl's Own Paper"],
        ['Varieties', [], '1886-10-02', "The Girl's Own Paper"],
        ["The Shepherd's Fairy", ['Darley Dale'], '1886-10-02', "The Girl's Own Paper"],
        ['Fashionable Embroidery', ['B. C. Saward'], '1886-10-02', "The Girl's Own Paper"],
        ['Answers to Correspondents', [], '1886-10-02', "The Girl's Own Paper"],
        ['Autumn', ['Helen Marion Burnside'], '1886-10-02', "The Girl's Own Paper"],
      ],
    );
  });

  it('drops the masthead, the serial notices and the item with no text, each with its reason', () => {
    for (const text of ['Price One Penny.', 'VOL. VIII.--NO. 353.', '(_To be continued._)', 'ROMANCE.', 'FOR VIOLIN AND PIANOFORTE.']) {
      const fate = fateOf(text);
      assert.equal(fate?.fate, 'dropped', text);
    }
    assert.ok(file.messages.some((message) => message.ruleId === 'import-skipped' && message.reason.includes('ROMANCE')));
  });

  it('keeps subtitles, sections and picture placeholders in the body; the closing signature is the byline', () => {
    assert.equal(fateOf('A PRACTICAL GUIDE TO THE WORLD OF INDUSTRY AND THRIFT.')?.fate, 'kept');
    assert.equal(fateOf('CHAPTER I.')?.fate, 'kept');
    assert.equal(fateOf('[Illustration: THE BARONESS.]')?.fate, 'kept');
    assert.equal(fateOf('B. C. SAWARD.')?.fate, 'metadata');
    const shepherd = JSON.stringify(result.chapters[4]?.piece.body);
    assert.ok(shepherd.includes('"name":"figure"') && shepherd.includes("THE SHEPHERD'S FAIRY"));
  });

  it('every line of the e-text is accounted for', () => {
    const lost = result.lines.filter((fate) => fate.fate === 'blank' && (sourceLines[fate.line - 1] ?? '').trim() !== '');
    assert.deepEqual(lost, []);
  });

  it('a byline’s style of address and the author’s other works are not names', () => {
    assert.deepEqual(parseByline('BY ROSA NOUCHETTE CAREY, Author of "Aunt Diana," "For Lilias," etc.').authors, ['Rosa Nouchette Carey']);
    assert.deepEqual(parseByline('BY THE HON. VICTORIA GROSVENOR.').authors, ['Victoria Grosvenor']);
  });
});

describe('a closing signature', () => {
  const prose = (i: number) => `Paragraph ${i} of a text that was wrapped by hand at seventy columns\nand runs on to a second line, as plain text essays do.\n`;
  const author = (ending: string) =>
    importSource(new VFile({ path: 'essay.txt', value: `ON EMBROIDERY\n\n${prose(1)}\n${prose(2)}\n${prose(3)}\n${ending}\n` }), { defaultAuthor: undefined })
      .chapters[0]?.piece.meta.authors;

  it('a name of two words or more in capitals signs the piece; FINIS and a lone pen name do not', () => {
    assert.deepEqual(author('B. C. SAWARD.'), ['B. C. Saward']);
    assert.deepEqual(author('FINIS.'), []);
    assert.deepEqual(author('PUBLIUS'), []);
  });
});

describe('a collection whose pieces carry their own credits', () => {
  const prose = (i: number) =>
    `Paragraph ${i} of the paper, wrapped by hand at seventy columns as the\ne-texts are, and running on to a second line of prose, then a third\nand a fourth, as the paragraphs of an essay printed in a newspaper\nof the time were long.\n`;
  const paper = (n: number, line: string, signed: string) =>
    [
      `FEDERALIST No. ${n}`,
      '',
      'On Some Subject',
      '',
      line,
      '',
      signed,
      '',
      'To the People of the State of New York:',
      '',
      prose(1),
      prose(2),
      'PUBLIUS',
      '',
      '',
      '',
      '',
    ].join('\n');
  const value = [
    'THE FEDERALIST PAPERS',
    '',
    'By Alexander Hamilton, John Jay, and James Madison',
    '',
    '',
    '',
    '',
    paper(1, 'For the Independent Journal. Saturday, October 27, 1787', 'HAMILTON'),
    paper(2, 'For the Independent Journal. Wednesday, October 31, 1787', 'JAY'),
    paper(10, 'For the Daily Advertiser. Thursday, November 22, 1787.', 'MADISON'),
  ].join('\n');
  const file = new VFile({ path: 'federalist.txt', value });
  const imported = importSource(file, { defaultAuthor: undefined });

  it('each division set off by four blank lines is a piece with its own title, author, date and venue', () => {
    assert.deepEqual(
      imported.chapters.map((chapter) => [chapter.piece.meta.title, chapter.piece.meta.authors, chapter.piece.meta.date, chapter.piece.meta.venue]),
      [
        ['Federalist No. 1', ['Hamilton'], '1787-10-27', 'Independent Journal'],
        ['Federalist No. 2', ['Jay'], '1787-10-31', 'Independent Journal'],
        ['Federalist No. 10', ['Madison'], '1787-11-22', 'Daily Advertiser'],
      ],
    );
  });

  it('the collection’s title page is dropped with its reason, its authors credited to no one piece', () => {
    const fate = imported.lines.find((candidate) => candidate.line === 3);
    assert.equal(fate?.fate, 'dropped');
    assert.match(fate?.fate === 'dropped' ? fate.reason : '', /title page of the collection/);
  });
});
