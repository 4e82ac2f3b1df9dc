import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { report } from '../../core/rules.ts';
import { type BodyBlock, buildBody } from '../body.ts';
import { sourceLines, unreadLines } from '../content.ts';
import { recognisePlainNotes } from '../notes/plain-notes.ts';
import { asName, findDate, namesFromBio, splitNames, venueFromHeadnote } from '../text.ts';
import type { ChapterField, ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';
import { findBoilerplate, type GutenbergRecord, withoutRanges } from './boilerplate.ts';
import { type ClassifiedLine, classifyLines, codeText, illustration, isWrappedByHand, monthOfLine } from './classify.ts';
import { contentsRanges } from './contents.ts';
import { readHeaderBlock, withoutAddresses } from './header-block.ts';
import { inlineLiteralsToCode } from './inline-literals.ts';
import { type Issue, readCollection, readIssue } from './issue.ts';
import { nameInCapitals, readPublicationLine, recasedTitle, sameTitle, titleLines } from './opening.ts';
import { restructuredMarkupRanges } from './restructured-markup.ts';
import { restructuredFootnotes, withoutRestructuredMarkers } from './restructured-notes.ts';

/**
 * Imports a plain-text scrape of a blog archive: several posts run together, each with the
 * blogger's headnote, a title, date and byline lines, image debris, body, bios and notes.
 */
export function importScrape(file: VFile, options: ImportOptions): ImportResult {
  const source = String(file.value);
  // A post its header marks as a draft (Pelican's `:status: draft`) is left out, as Markdown drafts are.
  const status = readHeaderBlock(source.split(/\r?\n/))?.fields.find((field) => /^status$/i.test(field.key));
  if (status && /^draft$/i.test(status.value) && !options.includeDrafts) {
    report(file, 'import-no-pieces', 'the post is a draft (`status: draft`): not imported (use --drafts to include it)', { line: status.line, column: 1 });
    return { pieces: [], lines: unreadLines(sourceLines(source), 'a draft, not imported (use --drafts to include it)'), draft: true };
  }
  const fates = new Map<number, LineFate>();
  const boilerplate = findBoilerplate(source.split(/\r?\n/));
  // reST's comments, link targets and layout directives, where the boilerplate rules left them.
  const dropped = (line: number) => boilerplate.ranges.some((range) => line >= range.start && line <= range.end);
  boilerplate.ranges.push(...restructuredMarkupRanges(source.split(/\r?\n/)).filter((range) => !dropped(range.start)));
  boilerplate.ranges.push(...contentsRanges(source.split(/\r?\n/)).filter((range) => !dropped(range.start)));
  for (const range of boilerplate.ranges) {
    for (let line = range.start; line <= range.end; line++) fates.set(line, { line, fate: 'dropped', piece: undefined, reason: range.reason });
    report(file, 'import-dropped-line', `dropped lines ${range.start}–${range.end}: ${range.reason}`, { line: range.start, column: 1 });
  }
  const text = withoutRanges(source.split(/\r?\n/), boilerplate.ranges).join('\n');
  const blocks = withHeaderBlock(text, fates);
  // An issue of a periodical: its articles are its divisions, its masthead every article's venue and date.
  const issue = readIssue(blocks);
  for (const block of issue?.masthead ?? []) {
    const reason = 'masthead of the issue: its name and date are every article’s venue and date';
    setFates(fates, block, { fate: 'dropped', piece: undefined, reason });
    report(file, 'import-dropped-line', `dropped “${block.text.slice(0, 40)}”: ${reason}`, { line: block.line, column: 1 });
  }
  // Text wrapped by hand is one document (an essay, a PEP): its numbered lists end no piece.
  // A collection whose pieces carry their own credits; its title page says nothing of any one piece.
  const collection = issue ? undefined : readCollection(blocks, carriesCredit, isProse);
  for (const block of collection?.titlePage ?? []) {
    const reason = 'title page of the collection: its pieces carry their own titles and credits';
    setFates(fates, block, { fate: 'dropped', piece: undefined, reason });
    report(file, 'import-dropped-line', `dropped “${block.text.slice(0, 40)}”: ${reason}`, { line: block.line, column: 1 });
  }
  // An e-book of one author's work is one piece: its chapters, letters and songs end none.
  const record = collection ? undefined : boilerplate.gutenberg;
  const singleWork = record && !issue && !/^(?:various|anonymous|unknown)$/i.test(record.author ?? '');
  const starts = issue?.starts ?? collection?.starts ?? (singleWork && blocks.length > 0 ? [0] : findPieceStarts(blocks, isWrappedByHand(text.split(/\r?\n/))));
  if (blocks[0]?.kind === 'archive-heading') {
    setFates(fates, blocks[0], { fate: 'dropped', piece: undefined, reason: 'heading of the archive page, not part of any piece' });
  }
  const firstStart = starts[0] ?? 0;
  for (const block of blocks.slice(0, firstStart)) {
    if (!fates.has(block.line)) setFates(fates, block, { fate: 'dropped', piece: undefined, reason: 'text before the first piece' });
  }

  const pieces: ImportedPiece[] = [];
  starts.forEach((start, index) => {
    const slice = blocks.slice(start, starts[index + 1] ?? blocks.length);
    if (issue && !slice.some(isProse)) {
      // A title and its credits with no text (a piece of music, a plate): nothing a chapter could hold.
      for (const block of slice)
        setFates(fates, block, { fate: 'dropped', piece: undefined, reason: 'an item of the issue with no text (music or a picture only)' });
      report(file, 'import-skipped', `“${slice[0]?.text ?? ''}” was left out: an item of the issue with no text (music or a picture only)`, {
        line: slice[0]?.line ?? 1,
        column: 1,
      });
      return;
    }
    const piece = buildPiece(slice, pieces.length + 1, file, fates, record, issue);
    if (piece) pieces.push(piece);
  });

  const lineCount = source.split(/\r?\n/).length - (source.endsWith('\n') ? 1 : 0);
  const lines: LineFate[] = [];
  for (let line = 1; line <= lineCount; line++) lines.push(fates.get(line) ?? { line, fate: 'blank' });
  return { pieces, lines };
}

type FateOfBlock = LineFate extends infer F ? (F extends { line: number } ? Omit<F, 'line'> : never) : never;

/** The same fate for every line of a block (a paragraph wrapped by hand runs over several). */
function setFates(fates: Map<number, LineFate>, block: ClassifiedLine, fate: FateOfBlock): void {
  for (let line = block.line; line <= block.endLine; line++) fates.set(line, { line, ...fate } as LineFate);
}

/** A block's text in the body: wrapped lines stay lines of one paragraph (soft line breaks), so places stay exact. */
function bodyText(block: ClassifiedLine): string {
  return block.lines.join('\n');
}

/**
 * The text's blocks, its opening header block (`Title:`, `Author:`, `Created:` — a PEP, a mail)
 * read as the title, byline and date lines a scrape's piece opens with; the header's other fields
 * are dropped with their name.
 */
function withHeaderBlock(text: string, fates: Map<number, LineFate>): ClassifiedLine[] {
  const sourceLines = text.split(/\r?\n/);
  const header = readHeaderBlock(sourceLines);
  if (!header) return classifyLines(text);
  const used = [header.title, header.authors, header.date];
  const inHeader = (line: number) => header.fields.some((field) => line >= field.line && line <= field.endLine);
  const rest = sourceLines.map((line, index) => (inHeader(index + 1) ? '' : line)).join('\n');
  // Each line is classified on its own at its own place, so it carries whatever a block records.
  const lineAs = (line: number, value: string) => classifyLines(`${'\n'.repeat(line - 1)}${value}`)[0];
  const synthetic = [
    header.title && lineAs(header.title.line, header.title.value),
    header.authors && lineAs(header.authors.line, `By ${withoutAddresses(header.authors.value)}`),
    header.date && lineAs(header.date.line, header.date.value),
  ].filter((block): block is ClassifiedLine => block !== undefined);
  const [title, ...meta] = synthetic;
  const opening = [...(title ? [{ ...title, kind: 'short' as const }] : []), ...meta.filter((block) => block.kind === 'byline' || block.kind === 'date')];
  for (const field of header.fields) {
    const isUsed = used.includes(field) && opening.some((block) => block.line === field.line);
    for (let line = field.line; line <= field.endLine; line++) {
      if (isUsed && line > field.line)
        fates.set(line, { line, fate: 'metadata', piece: 1, field: field === header.authors ? 'authors' : field === header.date ? 'date' : 'title' });
      else if (!isUsed) fates.set(line, { line, fate: 'dropped', piece: undefined, reason: `header field \`${field.key}\`: no place in a chapter` });
    }
  }
  return [...opening, ...classifyLines(rest)];
}

const endingKinds = new Set(['archive-heading', 'bio', 'note', 'credit', 'caption', 'image-debris', 'share-debris']);
const isMetaLine = (block: ClassifiedLine | undefined) => block?.kind === 'date' || block?.kind === 'byline';

/**
 * A piece starts at the blogger's headnote (a paragraph) or directly at its title. We take a start
 * where the previous piece visibly ended (bio, notes, credit) and a title or byline follows, or
 * anywhere a title is followed by a date or byline line.
 */
export function findPieceStarts(blocks: readonly ClassifiedLine[], wrapped = false): number[] {
  const starts: number[] = [];
  const first = blocks[0]?.kind === 'archive-heading' ? 1 : 0;
  for (let i = first; i < blocks.length; i++) {
    const block = blocks[i] as ClassifiedLine;
    const previous = blocks[i - 1];
    const next = blocks[i + 1];
    const afterNext = blocks[i + 2];
    const previousEnded = i === first || (previous !== undefined && endingKinds.has(previous.kind) && !(wrapped && previous.kind === 'note'));
    const justStarted = starts.length > 0 && (starts.at(-1) ?? -1) >= i - 1;
    if (justStarted) continue;
    if (block.kind === 'paragraph') {
      const titledWithMeta = next?.kind === 'short' && isMetaLine(afterNext);
      if (titledWithMeta || (previousEnded && (next?.kind === 'short' || isMetaLine(next)))) starts.push(i);
    } else if (block.kind === 'short' && (isMetaLine(next) || i === first) && (previousEnded || isMetaLine(next))) {
      starts.push(i);
    }
  }
  // Text with none of an archive's marks (a single essay opening with a paragraph) is one piece.
  if (starts.length === 0 && blocks.length > first) starts.push(first);
  return starts;
}

interface Byline {
  authors: string[];
  date: string | undefined;
}

export function parseByline(text: string): Byline {
  // `BY THE HON. VICTORIA GROSVENOR.`, `BY ROSA NOUCHETTE CAREY, Author of "Aunt Diana," etc.`: a
  // style of address and the author's other works are no part of the name.
  const withoutBy = text
    .replace(/^by\s+/i, '')
    .replace(/^(?:the\s+)?(?:(?:right\s+)?hon(?:ourable)?|rev(?:erend)?|very\s+rev)\.?\s+/i, '')
    .replace(/,\s*(?:author|editor|translator)s?\s+of\b.*$/i, '')
    .replace(/\.$/, '');
  const date = findDate(withoutBy);
  // Names end where the date, a dash, a run of spaces or share-button debris begins.
  const namesPart = (date ? withoutBy.slice(0, date.start) : withoutBy).split(/\s{2,}|\s[–—|]\s|\s+share$/i)[0] ?? '';
  // `by the peasantry as highly as …` starts a sentence, not a byline: only names are authors.
  return { authors: splitNames(namesPart.replace(/[\s,–—-]+$/, '')).flatMap((name) => asName(name) ?? []), date: date?.iso };
}

/** Records what became of a piece's lines (kept, moved to front matter, dropped with a report). */
interface PieceFates {
  keep(block: ClassifiedLine, field: ChapterField): void;
  toMetadata(block: ClassifiedLine, field: ChapterField): void;
  drop(block: ClassifiedLine, reason: string): void;
}

function pieceFates(fates: Map<number, LineFate>, pieceNumber: number, file: VFile): PieceFates {
  return {
    keep: (block, field) => setFates(fates, block, { fate: 'kept', piece: pieceNumber, field }),
    toMetadata: (block, field) => setFates(fates, block, { fate: 'metadata', piece: pieceNumber, field }),
    drop: (block, reason) => {
      setFates(fates, block, { fate: 'dropped', piece: pieceNumber, reason });
      report(file, 'import-dropped-line', `dropped “${block.text.slice(0, 40)}”: ${reason}`, { line: block.line, column: 1 });
    },
  };
}

/** Adds the names not there yet. */
function addNames(authors: string[], names: readonly string[]): void {
  authors.push(...names.filter((name) => !authors.includes(name)));
}

function buildPiece(
  blocks: ClassifiedLine[],
  pieceNumber: number,
  file: VFile,
  fates: Map<number, LineFate>,
  gutenberg: GutenbergRecord | undefined,
  issue?: Issue,
): ImportedPiece | undefined {
  const mark = pieceFates(fates, pieceNumber, file);
  const head = readPieceHead(blocks, pieceNumber === 1 ? gutenberg : undefined, mark);
  const { authors, bios } = head;
  const index = head.bodyStart;
  let date = head.date;

  // The opening lines of a printed piece: its publication line, a name in capitals, the title page.
  // An e-book's title page was its opening: lines after it belong to its chapters.
  const opening = head.titlePage ? noOpening() : readOpening(blocks, index);
  for (const [block, field] of opening.metadata) mark.toMetadata(block, field);
  addNames(authors, opening.authors);
  date ??= opening.date ?? issue?.date;
  const consumed = new Set([...opening.metadata.keys()].map((block) => block.line));

  const tail = readPieceTail(blocks, index, authors, bios, mark);
  const body = [...head.lead, ...bodyBlocksOf(blocks.slice(index, tail.end), consumed, mark), ...tail.trailing, ...tail.notesRegion];

  if (authors.length === 0) authors.push(...fallbackAuthors(blocks, index, gutenberg, bios, head.title, pieceNumber, fates, file));
  const standfirst = takeStandfirst(body, authors, blocks, mark);
  const venue = head.venue ?? opening.venue ?? issue?.venue ?? (head.headnote ? venueFromHeadnote(head.headnote.text) : undefined);
  const firstLine = blocks[0]?.line ?? 1;
  const lastLine = blocks.at(-1)?.endLine ?? firstLine;
  const title = head.title;
  const meta: ChapterFrontMatter = {
    title: pieceTitle(title, { venue, date, pieceNumber, firstLine }, file),
    ...(title ? {} : { provisional_title: true }),
    authors,
    ...(date ? { date } : {}),
    ...(venue ? { venue } : {}),
    ...(head.headnote ? { headnote: head.headnote.text } : {}),
    ...(standfirst ? { standfirst } : {}),
    ...(bios.length > 0 ? { bio: bios.join('\n\n') } : {}),
    source: { file: file.path, lines: [firstLine, lastLine] },
    rights: '',
  };
  const tree = buildBody(body);
  inlineLiteralsToCode(tree);
  const restructured = restructuredFootnotes(tree);
  for (const line of restructured.noteLines) fates.set(line, { line, fate: 'kept', piece: pieceNumber, field: 'notes' });
  const notes = recognisePlainNotes(tree, file);
  for (const line of notes.noteLines) fates.set(line, { line, fate: 'kept', piece: pieceNumber, field: 'notes' });
  for (const { line, reason } of notes.droppedLines) {
    const block = blocks.find((candidate) => candidate.line === line);
    if (block) mark.drop(block, reason);
  }
  const credited = authors.length === 0 ? gutenberg?.authorCreditedAs : undefined;
  const unattributed =
    credited && `the e-book's catalogue gives ${gutenberg?.author} as author, but its title page, line ${credited.line}, says “${credited.role} by”`;
  return { meta, body: tree, ...(unattributed ? { unattributed } : {}) };
}

interface PieceHead {
  titlePage: TitlePage | undefined;
  headnote: ClassifiedLine | undefined;
  title: ClassifiedLine | undefined;
  authors: string[];
  date: string | undefined;
  venue: string | undefined;
  bios: string[];
  /** Figures and a subtitle that head the body. */
  lead: BodyBlock[];
  /** Index of the first block after the head. */
  bodyStart: number;
}

/**
 * A piece's head: an e-book's title page (read and dropped before anything else), picture
 * placeholders, the blogger's headnote, the title, then the lines between the title and the body
 * (dates, bylines, image debris, early bios).
 */
function readPieceHead(blocks: readonly ClassifiedLine[], gutenberg: GutenbergRecord | undefined, mark: PieceFates): PieceHead {
  const titlePage = gutenberg?.title ? readTitlePage(blocks, gutenberg.title, gutenberg.mainTitle) : undefined;
  const head: PieceHead = {
    titlePage,
    headnote: undefined,
    title: titlePage?.title,
    // `BY EDWARD MACDOWELL` is the catalogue's Edward MacDowell, `J.S. SHEDLOCK, B.A.` its J.S. Shedlock:
    // its spelling, not a recasing of the capitals with the degree.
    authors: (titlePage?.authors ?? []).map((name) =>
      gutenberg?.author && (sameTitle(name, gutenberg.author) || titleMatches(gutenberg.author, name)) ? gutenberg.author : name,
    ),
    date: titlePage?.date,
    venue: titlePage?.venue,
    bios: [],
    lead: [],
    bodyStart: titlePage?.bodyStart ?? 0,
  };
  if (titlePage) {
    for (const [block, field] of titlePage.metadata) mark.toMetadata(block, field);
    for (const block of titlePage.dropped) mark.drop(block, 'title page of the e-book (frontispiece, imprint, edition, dedication): not part of the text');
    for (const block of titlePage.remarks)
      mark.drop(block, 'the e-text’s remarks before its title page (corrections, how the text is set): not part of the work');
  }
  let index = head.bodyStart;
  // An e-text's picture placeholders above and under the title: figures at the head of the body.
  const figure = (block: ClassifiedLine) => {
    head.lead.push({ kind: 'figure', caption: illustrationCaption(block.text), credit: undefined, line: block.line });
    mark.keep(block, 'figure');
  };
  while (blocks[index]?.kind === 'illustration' && blocks.length > index + 1) figure(blocks[index++] as ClassifiedLine);
  if (!titlePage && blocks[index]?.kind === 'paragraph' && blocks.length > index + 1) {
    head.headnote = blocks[index];
    if (head.headnote) mark.toMetadata(head.headnote, 'headnote');
    index++;
  }
  if (!titlePage && blocks[index]?.kind === 'short') {
    head.title = blocks[index];
    if (head.title) mark.toMetadata(head.title, 'title');
    index++;
  }
  for (; index < blocks.length; index++) {
    const block = blocks[index] as ClassifiedLine;
    if (block.kind === 'date') {
      head.date ??= findDate(block.text)?.iso ?? monthOfLine(block.text);
      mark.toMetadata(block, 'date');
    } else if (block.kind === 'byline') {
      const byline = parseByline(block.text);
      addNames(head.authors, byline.authors);
      head.date ??= byline.date;
      mark.toMetadata(block, 'authors');
    } else if (block.kind === 'image-debris' || block.kind === 'share-debris') {
      mark.drop(block, block.kind === 'image-debris' ? 'image file name or hash left by the scrape (no image data)' : 'share-button debris');
    } else if (block.kind === 'bio') {
      head.bios.push(block.text);
      mark.toMetadata(block, 'bio');
    } else if (block.kind === 'illustration') {
      figure(block);
    } else if (block.kind === 'short' && head.title && blocks[index + 1]?.kind === 'byline') {
      // A subtitle between the title and the byline (`A PRACTICAL GUIDE TO …`) heads the body.
      head.lead.push({ kind: 'heading', text: block.text, line: block.line });
      mark.keep(block, 'heading');
    } else break;
  }
  head.bodyStart = index;
  return head;
}

/**
 * From the end of a piece: the notes (kept in the body here: the notes recogniser finds them, with
 * their markers, once the body is mdast), the contributors block, trailing bios and photo credits,
 * and a signature that is the only byline. Authors and bios found are added to `authors`, `bios`.
 */
function readPieceTail(
  blocks: readonly ClassifiedLine[],
  index: number,
  authors: string[],
  bios: string[],
  mark: PieceFates,
): { end: number; notesRegion: BodyBlock[]; trailing: BodyBlock[] } {
  let end = blocks.length;
  const notesRegion: BodyBlock[] = [];
  const notesHeading = blocks.findIndex((block, i) => i >= index && block.kind === 'notes-heading' && blocks[i + 1]?.kind === 'note');
  if (notesHeading >= 0) {
    // A heading after the notes (`CREDITS`) ends them; what follows it stays in the body.
    for (const block of blocks.slice(notesHeading)) {
      const isHeading = block.line === blocks[notesHeading]?.line || block.kind === 'short' || block.kind === 'notes-heading';
      notesRegion.push({ kind: isHeading ? 'heading' : 'paragraph', text: isHeading ? block.text : bodyText(block), line: block.line });
      mark.keep(block, isHeading ? 'heading' : 'body');
    }
    end = notesHeading;
  }
  const contributors = blocks.findIndex((block, i) => i >= index && i < end && block.kind === 'contributors-label');
  if (contributors >= 0) {
    for (const block of blocks.slice(contributors, end)) {
      if (block.kind === 'contributors-label') mark.drop(block, 'label of the contributors block: bios go to front matter');
      else if (block.kind === 'short') {
        addNames(
          authors,
          splitNames(block.text).flatMap((name) => asName(name) ?? []),
        );
        mark.toMetadata(block, 'authors');
      } else {
        bios.push(block.text);
        mark.toMetadata(block, 'bio');
      }
    }
    end = contributors;
  }
  const trailing: BodyBlock[] = [];
  while (end > index) {
    const block = blocks[end - 1] as ClassifiedLine;
    if (block.kind === 'bio') {
      bios.unshift(block.text);
      mark.toMetadata(block, 'bio');
    } else if (block.kind === 'credit') {
      trailing.unshift({ kind: 'figure', caption: undefined, credit: creditText(block.text), line: block.line });
      mark.keep(block, 'figure');
    } else if (block.kind === 'image-debris' || block.kind === 'share-debris') {
      mark.drop(block, 'image or share-button debris after the piece');
    } else if (block.kind === 'instalment') {
      mark.drop(block, 'notice between a serial’s instalments (“To be continued”), not part of the text');
    } else break;
    end--;
  }
  // A piece signed at its end (`B. C. SAWARD.`) and nowhere else: the signature is the byline. A
  // piece with a byline keeps its signature in the body (Federalist No. 6: HAMILTON above, PUBLIUS below).
  const signature = blocks[end - 1];
  // Two words at least (`B. C. SAWARD`): a single word in capitals closing a text is as often `FINIS` or a pen name.
  const signed =
    signature && end - 1 > index && signature.lines.length === 1 && signature.text.trim().split(/\s+/).length >= 2 ? nameInCapitals(signature.text) : undefined;
  if (signature && signed && authors.length === 0) {
    authors.push(signed);
    mark.toMetadata(signature, 'authors');
    end--;
  }
  return { end, notesRegion, trailing };
}

/** The body's blocks between head and tail (`consumed`: opening lines already read into front matter). */
function bodyBlocksOf(blocks: readonly ClassifiedLine[], consumed: ReadonlySet<number>, mark: PieceFates): BodyBlock[] {
  const body: BodyBlock[] = [];
  let previous: ClassifiedLine | undefined;
  for (const block of blocks) {
    if (consumed.has(block.line)) continue;
    const previousCode = previous?.kind === 'code' ? previous : undefined;
    previous = block;
    switch (block.kind) {
      case 'short':
      case 'notes-heading':
        body.push({ kind: 'heading', text: block.text, line: block.line });
        mark.keep(block, 'heading');
        break;
      case 'caption': {
        const split = splitCaption(block.text);
        body.push({ kind: 'figure', caption: split.caption, credit: split.credit, line: block.line });
        mark.keep(block, 'figure');
        break;
      }
      case 'credit':
        body.push({ kind: 'figure', caption: undefined, credit: creditText(block.text), line: block.line });
        mark.keep(block, 'figure');
        break;
      case 'image-debris':
      case 'share-debris':
        mark.drop(block, block.kind === 'image-debris' ? 'image file name or hash left by the scrape (no image data)' : 'share-button debris');
        break;
      case 'illustration':
        body.push({ kind: 'figure', caption: illustrationCaption(block.text), credit: undefined, line: block.line });
        mark.keep(block, 'figure');
        break;
      case 'instalment':
        mark.drop(block, 'notice between a serial’s instalments (“To be continued”), not part of the text');
        break;
      case 'code': {
        // Lines of one program apart only by blank lines are one block of code, its blank lines kept.
        const last = body.at(-1);
        if (last?.kind === 'code' && previousCode && block.line - previousCode.endLine <= 2) {
          last.text += `${'\n'.repeat(block.line - previousCode.endLine)}${codeText(block)}`;
        } else body.push({ kind: 'code', text: codeText(block), line: block.line });
        mark.keep(block, 'body');
        break;
      }
      default:
        body.push({ kind: 'paragraph', text: bodyText(block), line: block.line });
        mark.keep(block, 'body');
    }
  }
  return body;
}

/**
 * Authors for a piece with no byline: a closing credit (`Written by …`), the e-book's catalogue
 * record for a single work (not `Various`, an issue or anthology), else the contributor note
 * (`X is a senior fellow at …`), reported as inferred.
 */
function fallbackAuthors(
  blocks: readonly ClassifiedLine[],
  index: number,
  gutenberg: GutenbergRecord | undefined,
  bios: readonly string[],
  title: ClassifiedLine | undefined,
  pieceNumber: number,
  fates: ReadonlyMap<number, LineFate>,
  file: VFile,
): string[] {
  const credited = authorsFromCredits(blocks.slice(index));
  if (credited.length > 0) return credited;
  // A wrong author is worse than none: not the catalogue's “author” whom the title page names as translator or editor.
  if (gutenberg?.author && !gutenberg.authorCreditedAs && !/^(?:various|anonymous|unknown)$/i.test(gutenberg.author)) {
    const catalogued = splitNames(gutenberg.author).flatMap((name) => asName(name) ?? []);
    if (catalogued.length > 0) return catalogued;
  }
  const authors: string[] = [];
  for (const bio of bios) addNames(authors, namesFromBio(bio));
  const bioLine = blocks.find((block) => fates.get(block.line)?.fate === 'metadata' && (fates.get(block.line) as { field?: string }).field === 'bio')?.line;
  if (authors.length > 0)
    report(
      file,
      'import-author-inferred',
      `${title ? `“${title.text}”` : `piece ${pieceNumber}`} has no byline: ${authors.join(' and ')} read from its contributor note; check`,
      { line: bioLine ?? blocks[0]?.line ?? 1, column: 1 },
    );
  return authors;
}

/**
 * A standfirst: the first paragraph, when it presents the authors in the third person or sits
 * above the lead image. Taken out of `body`.
 */
function takeStandfirst(body: BodyBlock[], authors: readonly string[], blocks: readonly ClassifiedLine[], mark: PieceFates): string | undefined {
  const first = body[0];
  if (first?.kind !== 'paragraph') return undefined;
  const mentionsAuthors = authors.length > 0 && authors.every((name) => first.text.includes(name));
  const aboveImage =
    first.text.length < 300 &&
    blocks.some((block, i) => block.line === first.line && ['image-debris', 'caption', 'credit'].includes(blocks[i + 1]?.kind ?? ''));
  if (!mentionsAuthors && !aboveImage) return undefined;
  body.shift();
  const block = blocks.find((candidate) => candidate.line === first.line);
  if (block) mark.toMetadata(block, 'standfirst');
  return first.text.replace(/\n/g, ' ');
}

/** The title as the piece gives it (recased when set in capitals), or a provisional one; each reported. */
function pieceTitle(
  title: ClassifiedLine | undefined,
  context: { venue: string | undefined; date: string | undefined; pieceNumber: number; firstLine: number },
  file: VFile,
): string {
  const recased = title && (recasedTitle(title.text) ?? title.text);
  if (title && recased !== title.text)
    report(file, 'import-title-recased', `title “${title.text}” is set in capitals: imported as “${recased}”; check names and acronyms`, {
      line: title.line,
      column: 1,
    });
  // A note marker on the title (reST's `Guidelines [1]_`) has no place in front matter; its note stays, reported as unreferenced.
  // A title page runs its title on into the subtitle: `THE COMPLETE ANGLER;` / `OR,` / …; the title ends before the comma.
  if (recased) return withoutRestructuredMarkers(recased).replace(/\s*[,;:]$/, '');
  const provisional = `Untitled piece${context.venue ? ` from ${context.venue}` : ''}${context.date ? ` (${context.date})` : ''}`;
  report(file, 'import-untitled', `piece ${context.pieceNumber} has no title; it was given the provisional title “${provisional}” for the editor to replace`, {
    line: context.firstLine,
    column: 1,
  });
  return provisional;
}

/**
 * `Written by Jonathan Corbet` in a closing credits section (a kernel document, a README) says who
 * wrote the text as a byline does; `research by`, `improvements from` credit others. The line stays
 * in the body, where the reader sees it.
 */
function authorsFromCredits(blocks: readonly ClassifiedLine[]): string[] {
  for (const block of blocks) {
    for (const line of block.lines) {
      const credit = /^(?:written|authored) by\s+(.+?)\.?$/i.exec(line);
      // Names and nothing else: `written by Leo Tolstoy in 1869 is long` is a sentence run on.
      const parts = credit?.[1] ? splitNames(credit[1]) : [];
      if (parts.length > 0 && parts.every((part) => asName(part) !== undefined)) return parts.flatMap((part) => asName(part) ?? []);
    }
  }
  return [];
}

/** A byline, or a line saying where the piece was first printed. */
function carriesCredit(block: ClassifiedLine): boolean {
  return (block.kind === 'byline' && parseByline(block.text).authors.length > 0) || readPublicationLine(block.text) !== undefined;
}

/**
 * A paragraph of prose, not a line of a title page or a masthead (`London / CHARLES H. KELLY / 25-35
 * CITY ROAD`): long, or several lines of words ending in a full stop.
 */
function isProse(block: ClassifiedLine): boolean {
  return (
    block.text.length > 200 ||
    (block.lines.length >= 2 && /[.!?:]["”’)]?$/.test(block.text) && /\p{Ll}{4}/u.test(block.text) && block.text.split(/\s+/).length >= 14)
  );
}

const editionWords =
  /\b(?:reprint(?:ed)?|facsimile|(?:first|second|third|new|revised|enlarged|\w+th)\s+edition|edition\s+of|impression|published\s+(?:by|for)|printed\s+(?:by|for)|with\s+(?:a|an)\s+(?:preface|introduction|memoir|foreword|introductory)|(?:preface|introduction|foreword)\s+by|edited\s+(?:by|with)|translated\s+(?:by|from|into)|illustrated\s+by)\b/i;

/**
 * A title page's statement of the edition, in sentences (`Being a _Facsimile_ Reprint of the First
 * Edition published in 1653. With a Preface by RICHARD LE GALLIENNE.`): part of the title page,
 * not the first prose of the text, though it reads as prose.
 */
function isEditionStatement(block: ClassifiedLine): boolean {
  return block.lines.length <= 3 && block.text.length <= 240 && editionWords.test(block.text);
}

/**
 * Whether a line repeats an e-book's catalogued title, or its first words, two at least, where the
 * catalogue runs on into a subtitle or year (`THE COMPLETE ANGLER;` for “The Complete Angler,
 * 1653”, `GUERNSEY FOLK-LORE` for “Guernsey Folk Lore a collection of popular superstitions, …”); `&` is `and`.
 */
function titleMatches(line: string, catalogued: string): boolean {
  const key = (text: string) =>
    ` ${text
      .replace(/\s*&\s*/g, ' and ')
      .toLowerCase()
      .replace(/[^\p{L}\d\s]/gu, ' ')
      .replace(/^\s*(?:a|an|the)\s+/, '')
      .replace(/\s+/g, ' ')
      .trim()} `;
  const [words, title] = [key(line), key(catalogued)];
  return sameTitle(line, catalogued) || words === title || (words.trim().split(' ').length >= 2 && title.startsWith(words));
}

/** A title set over several lines of a title page, as one block: its text the lines joined. */
function joinedTitle(lines: readonly ClassifiedLine[]): ClassifiedLine {
  const [first] = lines as [ClassifiedLine];
  if (lines.length === 1) return first;
  const last = lines.at(-1) as ClassifiedLine;
  return { ...first, endLine: last.endLine, text: lines.map((line) => line.text).join(' '), lines: lines.flatMap((line) => line.lines) };
}

/** `[Illustration: THE BARONESS.]` → `THE BARONESS.`; none for a bare `[Illustration]`. */
function illustrationCaption(text: string): string | undefined {
  const caption = illustration.exec(text)?.[1]?.trim();
  return caption === '' ? undefined : caption;
}

/** A credit is kept as written ("Photo by …", "Courtesy of …"), without a closing full stop. */
function creditText(text: string): string {
  return text.replace(/\.$/, '');
}

function splitCaption(text: string): { caption: string; credit: string | undefined } {
  const match = /\s((?:courtesy of|photo(?:graph)?:?|credit:|image:?)\s+[^.]+)$/i.exec(text);
  if (!match?.[1]) return { caption: text, credit: undefined };
  return { caption: text.slice(0, match.index).trim(), credit: match[1].trim() };
}

interface Opening {
  authors: string[];
  date: string | undefined;
  venue: string | undefined;
  /** Opening lines read into front matter, with the field each went to. */
  metadata: Map<ClassifiedLine, ChapterField>;
}

function noOpening(): Opening {
  return { authors: [], date: undefined, venue: undefined, metadata: new Map() };
}

/**
 * The short lines a printed piece opens with, before its first paragraph of prose: a publication
 * line (`For the Independent Journal. Wednesday, November 14, 1787`), a name in capitals under it
 * or under `by` (`HAMILTON`).
 */
function readOpening(blocks: readonly ClassifiedLine[], start: number): Opening {
  const opening = noOpening();
  const zone: number[] = [];
  for (let i = start; i < blocks.length && zone.length < 8; i++) {
    const block = blocks[i] as ClassifiedLine;
    if (block.text.length > 160 || block.lines.length > 3 || block.kind === 'note' || block.kind === 'notes-heading') break;
    zone.push(i);
  }
  let afterDateline = false;
  for (const i of zone) {
    const block = blocks[i] as ClassifiedLine;
    const next = blocks[i + 1];
    const publication = opening.venue === undefined ? readPublicationLine(block.text) : undefined;
    if (publication) {
      opening.venue = publication.venue;
      opening.date ??= publication.date;
      opening.metadata.set(block, 'venue');
      afterDateline = true;
      continue;
    }
    const name = /^by$/i.test(block.text) && next ? (nameInCapitals(next.text) ?? asName(next.text)) : afterDateline ? nameInCapitals(block.text) : undefined;
    if (name && opening.authors.length === 0) {
      opening.authors.push(name);
      opening.metadata.set(block, 'authors');
      if (/^by$/i.test(block.text) && next) opening.metadata.set(next, 'authors');
    }
    afterDateline = block.kind === 'date';
  }
  return opening;
}

/** `_First Edition, 1912_`, `First published in 1887`: the year the work first appeared. */
const firstEdition = /^_?(?:first\s+(?:edition|published|printed|impression)|published)\b[^\d]{0,20}\b(1[5-9]\d\d|20\d\d)(?!\d)[._]*$/i;

interface TitlePage {
  title: ClassifiedLine;
  authors: string[];
  date: string | undefined;
  venue: string | undefined;
  metadata: Map<ClassifiedLine, ChapterField>;
  dropped: ClassifiedLine[];
  /** The e-text's own remarks before its title page (errata corrected, how italics are shown). */
  remarks: ClassifiedLine[];
  bodyStart: number;
}

/**
 * An e-book's title page: the short lines before its first paragraph of prose, up to the last that
 * repeats the catalogued title (the heading the text opens under: `A CONTRIBUTION TO PASSAMAQUODDY
 * FOLK-LORE.`) and on to the next division (four blank lines) or the prose. Its byline, `by` over a
 * name, and publication line are front matter; the rest (frontispiece, series, imprint, edition,
 * dedication) is dropped. None when no line repeats the title.
 */
function readTitlePage(blocks: readonly ClassifiedLine[], catalogued: string, mainTitle: string | undefined): TitlePage | undefined {
  let spelled = new Set<ClassifiedLine>();
  const isTitle = (block: ClassifiedLine) => spelled.has(block) || titleMatches(block.text, catalogued);
  // The title page may come after the e-text's own remarks, in prose: it starts at the first line repeating the title.
  const firstTitle = blocks.slice(0, 60).findIndex((block) => isTitle(block) && !isProse(block));
  const opening = Math.max(0, blocks.slice(0, Math.max(firstTitle, 0)).findLastIndex(isProse) + 1);
  const firstProse = blocks.findIndex((block, index) => index >= opening && isProse(block) && !isEditionStatement(block));
  const front = blocks.slice(0, firstProse < 0 ? Math.min(blocks.length, opening + 30) : Math.min(firstProse, opening + 30));
  const chosenIndex = front.findLastIndex(isTitle);
  if (!front[chosenIndex]) return undefined;
  const spelling = titleLines(front, chosenIndex, mainTitle);
  spelled = new Set(spelling);
  const chosen = joinedTitle(spelling);
  let end = front.indexOf(spelling.at(-1) as ClassifiedLine) + 1;
  while (end < front.length && (front[end] as ClassifiedLine).line - (front[end - 1] as ClassifiedLine).endLine - 1 < 4) end++;
  const page: TitlePage = { title: chosen, authors: [], date: undefined, venue: undefined, metadata: new Map(), dropped: [], remarks: [], bodyStart: end };
  for (let i = 0; i < end; i++) {
    const block = blocks[i] as ClassifiedLine;
    const next = blocks[i + 1];
    const publication = readPublicationLine(block.text);
    const named = /^by$/i.test(block.text) && next ? (nameInCapitals(next.text) ?? asName(next.text)) : undefined;
    if (page.metadata.has(block)) continue;
    if (i < opening) page.remarks.push(block);
    else if (isTitle(block)) page.metadata.set(block, 'title');
    else if (publication && !page.venue) {
      page.venue = publication.venue;
      page.date ??= publication.date;
      page.metadata.set(block, 'venue');
    } else if (named && next && page.authors.length === 0) {
      page.authors.push(named);
      page.metadata.set(block, 'authors');
      page.metadata.set(next, 'authors');
    } else if (block.kind === 'byline' && page.authors.length === 0 && parseByline(block.text).authors.length > 0) {
      page.authors.push(...parseByline(block.text).authors);
      page.metadata.set(block, 'authors');
    } else if (firstEdition.test(block.text) && !page.date) {
      page.date = firstEdition.exec(block.text)?.[1];
      page.metadata.set(block, 'date');
    } else page.dropped.push(block);
  }
  return page;
}
