import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { Chapter } from '../../src/core/types.ts';
import { loadBook } from '../../src/io/load-book.ts';
import { runningTitle } from '../../src/render/pdf/running-title.ts';
import { type BuiltBook, defaultBook } from '../helpers/default-book.ts';
import { type CliResult, copyDefaultProject, runCli } from '../helpers/project.ts';
import { pdfInfo } from '../helpers/tools.ts';

const exec = promisify(execFile);
const bookSlug = 'the-shanghai-cooperation-organization';
const essay = 'chapters/paving-the-digital-silk-road-with-the-shanghai-cooperation.md';

/** The book as Paged.js printed it: each page's text (`pdftotext -layout`) and the PDF itself. */
interface PrintedBook {
  file: string;
  pages: string[];
  pdf: PDFDocument;
}

async function buildPdf(projectDir: string, configChanges: Record<string, string>): Promise<PrintedBook> {
  const configPath = path.join(projectDir, 'anthology.yaml');
  const extra = Object.entries(configChanges).map(([key, value]) => `${key}: ${value}`);
  await writeFile(configPath, `${await readFile(configPath, 'utf8')}\n${extra.join('\n')}\n`);
  const result = await runCli(['build', '--format', 'pdf'], projectDir);
  return printedBook(projectDir, result);
}

/** The PDF a build wrote, which must have gone through without a warning from the PDF step. */
async function printedBook(projectDir: string, result: CliResult): Promise<PrintedBook> {
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(
    result.stderr,
    /pdf-overflow|pdf-hyphenation|pdf-pagedjs-internal/,
    'Paged.js cut nothing off and lost no text; every fix and hyphenation in place',
  );
  const file = path.join(projectDir, 'build', `${bookSlug}.pdf`);
  const { stdout } = await exec('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f').slice(0, -1);
  return { file, pages, pdf: await PDFDocument.load(await readFile(file), { updateMetadata: false }) };
}

/** Letters and digits only, lower case, without accents: text compared across line and page breaks. */
function squeeze(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The folio printed at the foot of a page (its last line of text), or undefined on a blank page. */
function folio(page: string): string | undefined {
  const last = page.trimEnd().split('\n').at(-1)?.trim();
  return last && /^(\d+|[ivxlc]+)$/.test(last) ? last : undefined;
}

/** The running head: the first line of a page, when a folio shows the page is numbered. */
function runningHead(page: string): string {
  return page.trimStart().split('\n')[0]?.trim() ?? '';
}

interface ContentsEntry {
  number: string;
  title: string;
  page: string;
}

/** Chapter lines of the contents: `7     Shanghai Cooperation Organization: Not Quite the New      25`. */
function contentsEntries(book: PrintedBook): ContentsEntry[] {
  const contentsPages = book.pages.filter((page) => /^\s*CONTENTS\b/.test(page) || /^\s*Contents\s*\n/.test(page));
  return contentsPages.flatMap((page) =>
    page.split('\n').flatMap((line) => {
      const match = /^\s*(\d+)\s+(\S.*?)\s{2,}(\d+)\s*$/.exec(line);
      return match ? [{ number: match[1] ?? '', title: match[2] ?? '', page: match[3] ?? '' }] : [];
    }),
  );
}

function pageNumbered(book: PrintedBook, printed: string): number {
  const index = book.pages.findIndex((page) => folio(page) === printed);
  assert.notEqual(index, -1, `a page numbered ${printed}`);
  return index;
}

/** The outline's entries, depth first: `[depth, title]`. */
function outlineTitles(pdf: PDFDocument): [number, string][] {
  const titles: [number, string][] = [];
  const visit = (ref: unknown, depth: number) => {
    for (let item = ref instanceof PDFRef ? pdf.context.lookup(ref, PDFDict) : undefined; item; ) {
      const title = item.lookup(PDFName.of('Title'));
      if (title instanceof PDFHexString || title instanceof PDFString) titles.push([depth, title.decodeText()]);
      visit(item.get(PDFName.of('First')), depth + 1);
      const next = item.get(PDFName.of('Next'));
      item = next instanceof PDFRef ? pdf.context.lookup(next, PDFDict) : undefined;
    }
  };
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  visit(outlines?.get(PDFName.of('First')), 0);
  return titles;
}

interface NoteInText {
  label: string;
  /** The last letters before its marker in the text. */
  before: string;
  /** The first letters of the note. */
  note: string;
}

/** The notes of a chapter file, each with the text just before its marker. */
async function notesOf(file: string): Promise<NoteInText[]> {
  const body = (await readFile(file, 'utf8')).split(/^---$/m).slice(2).join('---');
  const definitions = new Map([...body.matchAll(/^\[\^(\d+)\]: (.+)$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
  const text = body.replace(/^\[\^\d+\]: .+$/gm, '');
  return [...text.matchAll(/\[\^(\d+)\]/g)].map((match) => {
    const label = match[1] ?? '';
    const paragraph =
      text
        .slice(0, match.index)
        .split(/\n\s*\n/)
        .at(-1) ?? '';
    return { label, before: squeeze(paragraph.replace(/\[\^\d+\]/g, '')).slice(-14), note: squeeze(definitions.get(label) ?? '').slice(0, 24) };
  });
}

/** The page each note starts on, from `first` to the index of contributors, by label. */
function noteStartPages(pages: readonly string[], first: number, noteLine: RegExp): Map<string, number> {
  const starts = new Map<string, number>();
  for (let index = first; index < pages.length && !/^\s*INDEX OF CONTRIBUTORS/.test(pages[index] ?? ''); index++) {
    for (const line of (pages[index] ?? '').split('\n')) {
      const label = noteLine.exec(line)?.[1];
      if (label && !starts.has(label)) starts.set(label, index);
    }
  }
  return starts;
}

describe('the PDF: an edited volume, Paged.js in Chromium', () => {
  let project: BuiltBook;
  let book: PrintedBook;
  let chapters: Chapter[];
  before(async () => {
    project = await defaultBook();
    book = await printedBook(project.dir, project.result);
    chapters = (await loadBook(project.dir)).book?.chapters ?? [];
    assert.equal(chapters.length, 9);
  });

  it('has the trim size, the metadata and tagged text', async () => {
    const info = await pdfInfo(book.file);
    assert.match(info['Page size'] ?? '', /^432 x 648 pts/, '6 × 9 in');
    assert.equal(info.Title, 'The Shanghai Cooperation Organization: Essays and Commentary, 2011–2022');
    assert.match(info.Author ?? '', /^Raffaello Pantucci; .*Niva Yau/);
    assert.equal(info.Subject, 'Essays and Commentary, 2011–2022');
    assert.equal(info.Tagged, 'yes');
    assert.equal(book.pdf.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText(), 'en-GB');
    assert.equal(book.pages.length % 2, 0, 'the book ends on a verso');
  });

  it('opens with half-title, title page, copyright page and contents, numbered in roman', () => {
    const [halfTitle, , titlePage, copyright, contents] = book.pages;
    assert.equal(squeeze(halfTitle ?? ''), 'theshanghaicooperationorganization', 'spaced capitals');
    assert.match(titlePage ?? '', /The Shanghai Cooperation\s+Organization[\s\S]*Essays and Commentary[\s\S]*Edited by Raffaello Pantucci/);
    assert.match(copyright ?? '', /First edition published 28 November 2026 by Anthology Editions/);
    assert.match(copyright ?? '', /Identifier urn:uuid:6f1c1e52/);
    assert.match(copyright ?? '', /All rights reserved by the authors and original publishers/);
    assert.match(copyright ?? '', /Citations formatted with the Citation Style Language/);
    assert.match(contents ?? '', /^\s*CONTENTS/);
    assert.equal(folio(contents ?? ''), 'v');
    assert.equal(folio(halfTitle ?? ''), undefined, 'display pages carry no folio');
  });

  it('prints in the contents the page each chapter opens on', () => {
    const entries = contentsEntries(book);
    assert.deepEqual(
      entries.map((entry) => entry.number),
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    );
    for (const entry of entries) {
      const opening = book.pages[pageNumbered(book, entry.page)] ?? '';
      const title = chapters[Number(entry.number) - 1]?.meta.title ?? '';
      assert.match(opening, new RegExp(`^\\s*CHAPTER ${entry.number}\\b`), `chapter ${entry.number} opens on page ${entry.page}`);
      assert.ok(squeeze(opening).includes(squeeze(title)), `page ${entry.page} has the title “${title}”`);
      assert.equal(Number(entry.page) % 2, 1, `chapter ${entry.number} opens on a recto`);
    }
    const contents = book.pages.filter((page) => /^\s*CONTENTS\b/.test(page) || /^\s*Contents\s*\n/.test(page)).join('\n');
    const contributors = /Contributors\s+([ivx]+)\s*$/m.exec(contents)?.[1];
    assert.ok(contributors, 'the contents list the contributors');
    assert.match(book.pages[pageNumbered(book, contributors)] ?? '', /^\s*CONTRIBUTORS/);
    const index = /Index of contributors\s+(\d+)\s*$/m.exec(contents)?.[1];
    assert.ok(index, 'the contents list the index of contributors');
    assert.match(book.pages[pageNumbered(book, index)] ?? '', /^\s*INDEX OF CONTRIBUTORS/);
  });

  it('heads each recto with its chapter’s title and each verso with its part; none on openings', () => {
    const entries = contentsEntries(book);
    entries.forEach((entry, position) => {
      const first = pageNumbered(book, entry.page);
      const next = entries[position + 1];
      const backMatter = book.pages.findIndex(
        (page, index) => index > first && /^\s*(BIBLIOGRAPHY|INDEX OF CONTRIBUTORS)\s*$/m.test(page.split('\n').find((line) => line.trim()) ?? ''),
      );
      const end = next ? pageNumbered(book, next.page) : backMatter;
      const recto = runningTitle(chapters[Number(entry.number) - 1]?.meta.title ?? '');
      let checked = 0;
      for (let index = first + 1; index < end; index++) {
        const page = book.pages[index] ?? '';
        const number = folio(page);
        if (!number || /^\s*PA\s*R\s*T/.test(page)) continue;
        const head = runningHead(page);
        if (Number(number) % 2 === 1) assert.equal(head, recto, `the head of page ${number}`);
        else assert.match(head, /^(Commentary, 2011–2013|Essays, 2021–2022)$/, `the head of page ${number}`);
        checked += 1;
      }
      assert.ok(checked > 0 || end - first <= 2, `chapter ${entry.number} has heads`);
      assert.match(book.pages[first] ?? '', /^\s*CHAPTER/, 'no running head above the opening');
    });
  });

  it('sets every note of the long essay at the foot of the page of its call', async () => {
    const notes = await notesOf(path.join(project.dir, essay));
    assert.equal(notes.length, 89);
    const opening = pageNumbered(book, contentsEntries(book).find((entry) => entry.number === '9')?.page ?? '');
    const noteStarts = noteStartPages(book.pages, opening, /^(\d{1,3}) +\S/);
    assert.deepEqual(
      [...noteStarts.keys()],
      notes.map((note) => note.label),
      'every note, in order, once',
    );
    const squeezed = book.pages.map(squeeze);
    let checked = 0;
    for (const note of notes) {
      const callPage = squeezed.findIndex((page, index) => index >= opening && page.includes(`${note.before}${note.label}`));
      if (callPage === -1) continue; // the words before the call run across a page break
      assert.equal(noteStarts.get(note.label), callPage, `note ${note.label} starts on the page of its call`);
      checked += 1;
    }
    assert.ok(checked >= 80, `${checked} of 89 calls found in the text`);
  });

  it('fills each page of the long essay down to its notes (no room kept for notes that went overleaf)', async () => {
    const opening = pageNumbered(book, contentsEntries(book).find((entry) => entry.number === '9')?.page ?? '');
    const bibliography = book.pages.findIndex((page) => /^\s*BIBLIOGRAPHY/.test(page));
    const { stdout } = await exec('pdftotext', ['-bbox-layout', '-f', String(opening + 2), '-l', String(bibliography - 2), book.file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const gaps = stdout
      .split('<page ')
      .slice(1)
      .map((page, index) => {
        const lines = [...page.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)]
          .map((match) => ({ top: Number(match[1]), bottom: Number(match[2]) }))
          .filter((line) => line.top > 45 && line.bottom < 590); // not the running head or the folio
        const text = lines.filter((line) => line.bottom - line.top > 13); // 10.5 pt text, 8 pt notes
        const textBottom = Math.max(...text.map((line) => line.bottom));
        const notesTop = Math.min(...lines.filter((line) => line.bottom - line.top < 12.5 && line.top > textBottom - 1).map((line) => line.top));
        return { page: opening + 2 + index, gap: notesTop - textBottom };
      })
      .filter(({ gap }) => Number.isFinite(gap));
    assert.ok(gaps.length >= 20, `${gaps.length} pages with notes`);
    // The rule above the notes and its margins take ~17 pt; a line of text is 15 pt.
    for (const { page, gap } of gaps) assert.ok(gap < 17 + 3.5 * 15, `page ${page + 1} of the PDF: ${gap.toFixed(0)} pt between the text and its notes`);
  });

  it('hyphenates, and keeps only the hyphens that end a line in the text layer (search and copy work)', async () => {
    const { stdout } = await exec('pdftotext', ['-raw', book.file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    assert.doesNotMatch(stdout, /\u00ad/, 'no soft hyphens');
    const lineEndHyphens = stdout.split('\n').filter((line) => /\p{Ll}-$/u.test(line)).length;
    assert.ok(lineEndHyphens >= 20, `${lineEndHyphens} lines end in a hyphenated word`);
  });

  it('floats a figure that does not fit at the foot of a page past the paragraph after it, leaving no gap', () => {
    // Chapter 9's figure follows “…the second largest on the planet.”, which ends near the foot of a page.
    const figurePage = book.pages.findIndex((page) => page.includes('Guests take part in a documents exchange ceremony'));
    const page = book.pages[figurePage] ?? '';
    const beforeFigure = page.slice(0, page.indexOf('Image not supplied')).split('\n').slice(1).join(' ');
    assert.match(squeeze(beforeFigure), /[a-z]{40}/, 'text from the paragraph after the figure runs above it');
    assert.match(squeeze(book.pages[figurePage - 1] ?? ''), /secondlargestontheplanet.*economicrelationsareincreasingly/, 'and fills the page before');
  });

  it('embeds and subsets every font', async () => {
    const { stdout } = await exec('pdffonts', [book.file]);
    const rows = stdout.split('\n').slice(2).filter(Boolean);
    assert.ok(
      rows.some((row) => row.includes('SourceSerif4')),
      stdout,
    );
    for (const row of rows) assert.match(row, /\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/, `embedded, subset, with a ToUnicode map: ${row}`);
    // Nothing from the machine's fonts: the Tajik ʙ (IPA) in note 23 comes from Noto Serif, an npm package like Source Serif.
    for (const row of rows) assert.match(row, /^[A-Z]{6}\+(SourceSerif4|NotoSerif)-/, `a face the project carries: ${row}`);
    assert.ok(
      rows.some((row) => row.includes('NotoSerif')),
      'Noto Serif sets the letters Source Serif 4 lacks',
    );
  });

  it('has an outline of the parts, chapters and back matter', () => {
    const titles = outlineTitles(book.pdf);
    const chapters = titles.filter(([depth]) => depth === 1).map(([, title]) => title);
    assert.equal(chapters.length, 9);
    assert.match(chapters[8] ?? '', /^9\. Paving the Digital Silk Road/);
    const top = titles.filter(([depth]) => depth === 0).map(([, title]) => title);
    assert.deepEqual(top.slice(0, 6), [
      'Title page',
      'Contents',
      'Contributors',
      'Acknowledgements',
      'Part I: Commentary, 2011–2013',
      'Part II: Essays, 2021–2022',
    ]);
    assert.equal(top.at(-1), 'Index of contributors');
  });

  it('links the contents to the chapters', () => {
    const contentsIndex = book.pages.findIndex((page) => /^\s*CONTENTS/.test(page));
    const contentsPage = book.pdf.getPage(contentsIndex);
    const annotations = contentsPage.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    const targets = (annotations?.asArray() ?? []).flatMap((ref) => {
      const destination = book.pdf.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('Dest'), PDFArray);
      const target = destination?.get(0);
      return target instanceof PDFRef ? [book.pdf.getPages().findIndex((page) => page.ref === target)] : [];
    });
    const opening = pageNumbered(book, contentsEntries(book)[0]?.page ?? '');
    assert.ok(targets.includes(opening), `a link from the contents to chapter 1 (page ${opening + 1}): ${targets.join(', ')}`);
    assert.ok(targets.length >= 9, 'a link per entry');
  });

  it('acknowledges where each chapter first appeared and indexes the contributors', () => {
    const text = book.pages.join('\n').replace(/\s+/g, ' ');
    assert.match(text, /Chapter 7 first appeared as ‘Shanghai Cooperation Organization: Not Quite the New Silk Road’ in The Diplomat, 12 September 2013\./);
    assert.match(text, /Chapter 1 first appeared in International Herald Tribune, 17 October 2011\./);
    assert.match(text, /Niva Yau is a Senior Researcher at the OSCE Academy in Bishkek/);
    const index = book.pages.find((page) => /^\s*INDEX OF CONTRIBUTORS/.test(page)) ?? '';
    const essayPage = contentsEntries(book).find((entry) => entry.number === '9')?.page;
    assert.match(index.replace(/\s+/g, ' '), new RegExp(`Niva Yau 9 Paving the Digital Silk Road.*?${essayPage}`));
  });
});

describe('the PDF with endnotes, for the printer (bleed and crop marks)', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let book: PrintedBook;
  before(async () => {
    project = await copyDefaultProject();
    book = await buildPdf(project.dir, { notes: 'endnotes', print_ready: 'true' });
  });
  after(() => project.dispose());

  it('sets the notes after each chapter, numbered from 1', () => {
    const heading = book.pages.findIndex((page) => /^\s*NOTES\s*$/m.test(page));
    assert.notEqual(heading, -1, 'a Notes heading');
    assert.match(book.pages[heading - 1] ?? book.pages[heading] ?? '', /\S/, 'after the text of the chapter');
    const notes = noteStartPages(book.pages, heading, /^\s*(\d{1,3})\.\s+\S/);
    assert.deepEqual(
      [...notes.keys()],
      Array.from({ length: 89 }, (_, index) => String(index + 1)),
    );
    assert.ok(!book.pages.slice(0, heading).some((page) => /^\s*1\.? +People’s Republic/m.test(page)), 'no footnotes');
  });

  it('has 3 mm of bleed around the trim, with the trim box set', async () => {
    const info = await pdfInfo(book.file);
    assert.match(info['Page size'] ?? '', /^449(\.\d+)? x 665(\.\d+)? pts/, '6 × 9 in and 2 × 3 mm');
    const page = book.pdf.getPage(0);
    const trim = page.getTrimBox();
    assert.ok(Math.abs(trim.width - 432) < 1 && Math.abs(trim.height - 648) < 1, JSON.stringify(trim));
    assert.ok(Math.abs(trim.x - 8.5) < 0.5 && Math.abs(trim.y - 8.5) < 0.5, JSON.stringify(trim));
  });
});
