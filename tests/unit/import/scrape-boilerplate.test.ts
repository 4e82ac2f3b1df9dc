import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { importSource } from '../../../src/import/import.ts';

const corpus = (entry: string, name: string, encoding: BufferEncoding = 'utf8') => readFileSync(`tests/corpus/scrape/${entry}/${name}`, encoding);

function importText(name: string, value: string) {
  const file = new VFile({ path: name, value });
  const result = importSource(file, { defaultAuthor: undefined });
  const text = result.chapters.map((chapter) => JSON.stringify(chapter.piece)).join('\n');
  return { file, result, text };
}

describe('text around a plain-text work is dropped with its reason', () => {
  it('a Project Gutenberg e-book: header, producers, transcriber’s note and licence', () => {
    const value = corpus('gutenberg-passamaquoddy-dp-footnotes', '17997-8.txt', 'latin1');
    const { result, text } = importText('17997-8.txt', value);
    for (const boilerplate of ['Project Gutenberg', 'E-text prepared by', 'Transcriber', 'FULL LICENSE', 'www.gutenberg'])
      assert.ok(!text.includes(boilerplate), boilerplate);
    const reasonOf = (line: number) => {
      const fate = result.lines.find((candidate) => candidate.line === line);
      return fate?.fate === 'dropped' ? fate.reason : fate?.fate;
    };
    assert.match(reasonOf(1) ?? '', /Project Gutenberg header/);
    assert.match(reasonOf(32) ?? '', /producers/);
    assert.match(reasonOf(48) ?? '', /transcriber/);
    assert.match(reasonOf(1400) ?? '', /Project Gutenberg licence/);
    // The work itself starts right after.
    assert.ok(text.includes('The study of aboriginal folk-lore cannot reach'));
  });

  it('Emacs file variables at the end of a PEP', () => {
    const value = corpus('pep-255-bracketed-references', 'pep-0255.txt');
    const { result, text } = importText('pep-0255.txt', value);
    assert.ok(!text.includes('indent-tabs-mode') && !text.includes('Local Variables'));
    const at = value.split('\n').findIndex((line) => line.startsWith('Local Variables:')) + 1;
    const fate = result.lines.find((candidate) => candidate.line === at);
    assert.equal(fate?.fate, 'dropped');
    assert.match(fate?.fate === 'dropped' ? fate.reason : '', /Emacs/);
    assert.ok(text.includes('This document has been placed in the public domain.'));
  });

  it('a vim modeline is dropped, a sentence about vim is not', () => {
    const body = Array.from(
      { length: 6 },
      (_, i) => `Paragraph ${i} of an essay that was wrapped by hand at seventy columns\nand runs on to a second line, as plain text essays do.\n`,
    ).join('\n');
    const { result, text } = importText('essay.txt', `An Essay\n\nBy Jane Doe\n\n${body}\nvim: set tw=72 et:\n`);
    assert.ok(!text.includes('tw=72'));
    assert.ok(result.lines.some((fate) => fate.fate === 'dropped' && /vim modeline/.test(fate.reason)));
    const kept = importText('essay.txt', `An Essay\n\nBy Jane Doe\n\n${body}\nvim: the editor I wrote this in.\n`);
    assert.ok(kept.text.includes('the editor I wrote this in'));
  });
});

describe('who wrote a plain-text document, from its closing credits', () => {
  it('“Written by X” in a CREDITS section is the author; research and reviewers are not', () => {
    const value = corpus('linux-volatile-notes-credits', 'volatile-considered-harmful.txt');
    const { result } = importText('volatile-considered-harmful.txt', value);
    assert.deepEqual(result.chapters[0]?.piece.meta.authors, ['Jonathan Corbet']);
  });

  it('a sentence that runs on after “written by” credits nobody', () => {
    const para = (i: number) =>
      `Paragraph ${i} of an essay that was wrapped by hand at seventy columns\nand runs on to a second line, as plain text essays do.\n`;
    const value = `On Long Novels\n\n${para(1)}\n${para(2)}\nThe novel I mean, the one\nwritten by Leo Tolstoy in 1869 and long, is still read.\n\n${para(3)}\n${para(4)}`;
    const { result } = importText('essay.txt', value);
    assert.deepEqual(result.chapters[0]?.piece.meta.authors, []);
  });
});

describe('an older Project Gutenberg e-text', () => {
  it('its header ends with the Small Print, its licence starts at “End of Project Gutenberg Etext”', () => {
    const prose = (i: number) =>
      `Paragraph ${i} of the story, wrapped by hand at seventy columns as the\nolder e-texts were, and running on to a second line.\n`;
    const value = [
      "Project Gutenberg's Etext of Something",
      '',
      'Legal preamble: please read this before you distribute the etext.',
      '*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*',
      '',
      '',
      'SOMETHING',
      '',
      prose(1),
      prose(2),
      prose(3),
      'End of Project Gutenberg Etext of Something',
      '',
    ].join('\n');
    const { result, text } = importText('smthg10.txt', value);
    assert.equal(result.chapters.length, 1);
    assert.ok(!text.includes('Legal preamble') && !text.includes('SMALL PRINT') && !text.includes('End of Project Gutenberg'));
    assert.ok(text.includes('Paragraph 1 of the story'));
    assert.equal(result.lines.find((fate) => fate.line === 3)?.fate, 'dropped');
  });
});
