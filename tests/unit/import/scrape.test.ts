import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { pieceToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { parseChapter, splitFrontMatter } from '../../../src/load/chapter.ts';
import { seedPath } from '../../helpers/project.ts';

const seedText = readFileSync(seedPath, 'utf8');

function importSeed() {
  const file = new VFile({ path: 'sources/shanghai-cooperation-organization.txt', value: seedText });
  const result = importSource(file, { defaultAuthor: 'Raffaello Pantucci' });
  const chapters = result.chapters.map((chapter) => {
    const markdown = pieceToMarkdown(chapter.piece);
    const chapterFile = new VFile({ path: `${chapter.slug}.md`, value: markdown });
    const parsed = parseChapter(chapterFile);
    assert.ok(parsed, `${chapter.slug} parses: ${chapterFile.messages.join('; ')}`);
    return { ...chapter, ...parsed, markdown, messages: chapterFile.messages };
  });
  return { file, result, chapters };
}

const { file, result, chapters } = importSeed();

describe('importing the seed archive', () => {
  it('finds the nine pieces with the titles, authors, dates and venues an editor would record', () => {
    const expected = [
      ['Paving the Digital Silk Road with the Shanghai Cooperation Organisation', ['Raffaello Pantucci', 'Niva Yau'], undefined, 'RUSI Journal'],
      ['The SCO Turns Twenty', ['Raffaello Pantucci'], undefined, 'Oxus Society'],
      ['Shanghai Cooperation Organization: Not Quite the New Silk Road', ['Raffaello Pantucci', 'Li Lifan'], '2013-09-12', 'The Diplomat'],
      ['Turkey: Abandoning the EU for the SCO?', ['Raffaello Pantucci', 'Alexandros Petersen'], '2013-02-15', 'The Diplomat'],
      ['Afghanistan and the Eurasian Neighborhood', ['Raffaello Pantucci', 'Alexandros Petersen'], undefined, 'The National Interest'],
      ['The Shanghai Spirit in Beijing', ['Raffaello Pantucci'], '2012-06-06', 'China in Central Asia'],
      ['The Limits of Regional Cooperation in Asia', ['Raffaello Pantucci'], '2011-11-16', 'Foreign Policy’s AfPak Channel'],
      ['China hasn’t yet grown into its role', ['Raffaello Pantucci', 'Alexandros Petersen'], '2011-11-07', 'Lowy Institute’s Interpreter'],
      [undefined, ['Raffaello Pantucci', 'Alexandros Petersen'], '2011-10-17', 'International Herald Tribune'],
    ] as const;
    assert.equal(chapters.length, 9);
    chapters.forEach((chapter, index) => {
      const [title, authors, date, venue] = expected[index] ?? [];
      if (title) assert.equal(chapter.meta.title, title);
      assert.deepEqual(chapter.meta.authors, authors, chapter.meta.title);
      assert.equal(chapter.meta.date, date, chapter.meta.title);
      assert.equal(chapter.meta.venue, venue, chapter.meta.title);
      assert.ok(chapter.meta.headnote && chapter.meta.headnote.length > 80, `${chapter.meta.title} keeps its headnote`);
    });
  });

  it('keeps the untitled piece with a provisional title and reports it', () => {
    const untitled = chapters[8];
    assert.equal(untitled?.meta.provisional_title, true);
    assert.match(untitled?.meta.title ?? '', /^Untitled/);
    const warning = file.messages.find((message) => message.ruleId === 'import-untitled');
    assert.equal(warning?.line, 487);
  });

  it('places all 89 note markers of the long essay at their exact positions and keeps all 89 notes', () => {
    const essay = chapters[0];
    assert.ok(essay);
    const references = [...essay.markdown.matchAll(/\[\^(\d+)\](?!:)/g)].map((match) => Number(match[1]));
    const definitions = [...essay.markdown.matchAll(/^\[\^(\d+)\]:/gm)].map((match) => Number(match[1]));
    const oneToN = Array.from({ length: 89 }, (_, index) => index + 1);
    assert.deepEqual(references, oneToN);
    assert.deepEqual(definitions, oneToN);
    for (const [note, context] of [
      [1, 'realising a new ‘Silk Road’.[^1]'],
      [8, 'downtown Tashkent[^8]'],
      [13, 'the SCO thrived,[^13]'],
      [16, 'China in 2018.[^16]'],
      [65, 'Uzbekistan in 2016[^65]'],
      [68, 'Tajikistan in 2016,[^68]'],
      [71, 'since at least 2001.[^71]'],
    ] as const) {
      assert.ok(essay.markdown.includes(context), `marker ${note} at “${context}”`);
    }
    // Numbers that are not markers stay as they were.
    for (const text of ['from 0.19 to 0.79', 'COVID-19', 'founded in 2001, it', 'the 3,000-km-long border']) {
      assert.ok(essay.markdown.includes(text), `“${text}” untouched`);
    }
    assert.equal(file.messages.filter((message) => message.ruleId?.startsWith('note-')).length, 0);
    assert.equal(essay.messages.filter((message) => message.fatal !== undefined).length, 0, 'the chapter checks clean');
  });

  it('turns short lines into section headings and captions into figures', () => {
    const essay = chapters[0]?.markdown ?? '';
    for (const heading of ['A New Multilateral is Born', 'Digitalisation: China Builds and Builds', 'What Next?', 'Conclusion']) {
      assert.ok(essay.includes(`\n## ${heading}\n`), heading);
    }
    assert.match(essay, /::figure\[Guests take part in a documents exchange ceremony[^\]]*April 2019\.\]\{credit="Courtesy of Xinhua \/ Alamy"\}/);
    assert.match(chapters[6]?.markdown ?? '', /::figure\{credit="VLADIMIR RODIONOV\/AFP\/Getty Images"\}/);
  });

  it('drops the debris lines, each with a reason', () => {
    const dropped = result.lines.filter((line) => line.fate === 'dropped');
    assert.deepEqual(
      dropped.map((line) => line.line),
      [1, 105, 107, 117, 343, 369],
    );
    for (const line of dropped) assert.ok(line.fate === 'dropped' && line.reason.length > 10);
    const all = chapters.map((chapter) => chapter.markdown).join('\n');
    assert.ok(!all.includes('SCO-400x267') && !all.includes('41d42f3b3efbb385a914'));
  });

  it('accounts for every line and loses no word of the input', () => {
    const sourceLines = seedText.split('\n');
    assert.equal(result.lines.length, sourceLines.length);
    const output = chapters.map((chapter) => chapter.markdown).join('\n');
    const normalise = (text: string) => text.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');
    const haystack = normalise(`${output}\n${chapters.map((chapter) => JSON.stringify(chapter.meta)).join('\n')}`);
    const metaText = normalise(chapters.map((chapter) => Object.values(chapter.meta).flat().join(' ')).join(' '));
    for (const fate of result.lines) {
      const text = sourceLines[fate.line - 1]?.trim() ?? '';
      if (fate.fate === 'blank') assert.equal(text, '', `line ${fate.line} is blank`);
      if (fate.fate === 'dropped') continue;
      if (fate.fate === 'kept' || fate.fate === 'metadata') {
        // Every word survives (note markers are moved into [^n], so compare words without digits glued on).
        for (const word of text.split(/\s+/)) {
          const bare = word
            .replace(/^\d+\.$/, '')
            .replace(/(\p{L}|[’”'.,;:)])\d+$/u, '$1')
            .replace(/^((?:19|20)\d\d)\d+([,.]?)$/, '$1$2');
          // Angle brackets only delimit URLs; `<<http…>` is repaired to `<http…>`.
          const unbracketed = bare.replace(/^<+/, '').replace(/>*[,.;:]?$/, '');
          // Dates in bylines and date lines are normalised to ISO in `date`; weekdays and times go.
          const isDatePart =
            (fate.field === 'date' || fate.field === 'authors') &&
            /^(\d{1,4}|\d{1,2}:\d{2}(AM|PM)?|AM|PM|–|(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December)$/i.test(
              unbracketed,
            );
          if (isDatePart) continue;
          if (unbracketed === '' || /^(by|share)$/i.test(unbracketed)) continue;
          const found = haystack.includes(unbracketed) || metaText.includes(unbracketed) || haystack.toLowerCase().includes(unbracketed.toLowerCase());
          assert.ok(found, `line ${fate.line}: “${unbracketed}” is lost`);
        }
      }
    }
  });

  it('writes readable front matter with source lines and an empty rights field', () => {
    const split = splitFrontMatter(chapters[2]?.markdown ?? '');
    assert.equal(split.kind, 'ok');
    assert.deepEqual(chapters[2]?.meta.source, { file: 'sources/shanghai-cooperation-organization.txt', lines: [335, 357] });
    assert.equal(chapters[2]?.meta.rights, '');
  });
});

describe('bad input', () => {
  it('an empty file is an error with a line', () => {
    const empty = new VFile({ path: 'empty.txt', value: '\n\n' });
    const imported = importSource(empty, { defaultAuthor: undefined });
    assert.equal(imported.chapters.length, 0);
    assert.equal(empty.messages[0]?.ruleId, 'import-empty');
    assert.equal(empty.messages[0]?.fatal, true);
    assert.equal(empty.messages[0]?.line, 1);
  });
});
