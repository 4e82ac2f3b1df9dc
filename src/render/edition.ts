import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { ChangeSummary, FormerPage } from '../core/editions.ts';
import type { Book, Chapter } from '../core/types.ts';
import { joinNames } from './common.ts';
import { titleHast } from './title.ts';

/**
 * What every format prints about the edition (PDF, EPUB, site alike): the copyright page's
 * edition history, the “Note on this edition” (from the second edition on), and, for the site,
 * the pages that keep an earlier edition's addresses working.
 */

/** `First edition`, `Second edition`, …, `Edition 11`. */
export function editionName(number: number): string {
  const ordinals = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];
  const ordinal = ordinals[number - 1];
  return ordinal ? `${ordinal} edition` : `Edition ${number}`;
}

/** The page's title in every format. */
export const editionNoteTitle = 'Note on this edition';

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** `one new chapter`, `13 new chapters`: numbers up to twelve in words, as a book prints them. */
function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${numberWords[count] ?? String(count)} ${count === 1 ? singular : plural}`;
}

/** `with two new chapters and one revised`: what an edition did, for the history line. */
export function summaryPhrase(summary: ChangeSummary | null): string {
  if (!summary) return '';
  const parts = [
    summary.added > 0 ? counted(summary.added, 'new chapter') : '',
    summary.revised > 0 ? `${summary.added > 0 ? (numberWords[summary.revised] ?? summary.revised) : counted(summary.revised, 'chapter')} revised` : '',
    summary.removed > 0
      ? `${summary.added + summary.revised > 0 ? (numberWords[summary.removed] ?? summary.removed) : counted(summary.removed, 'chapter')} removed`
      : '',
  ].filter(Boolean);
  if (parts.length === 0) return '';
  const last = parts.pop() as string;
  return `, with ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last}`;
}

/**
 * The edition history for the copyright page: `First published 2026. Second edition 2027, with
 * two new chapters.` Empty for a first edition (its own line says all there is).
 */
export function editionHistoryLine(book: Book): string | undefined {
  const edition = book.edition;
  if (!edition || edition.history.length === 0) return undefined;
  const year = (date: string) => date.slice(0, 4);
  const [first, ...later] = edition.history;
  if (!first) return undefined;
  const current = { edition: book.config.edition.number, date: book.config.edition.date, summary: editionSummary(book) };
  const sentences = [
    `First published ${year(first.date)}.`,
    ...[...later, current].map((entry) => `${editionName(entry.edition)} ${year(entry.date)}${summaryPhrase(entry.summary)}.`),
  ];
  return sentences.join(' ');
}

function editionSummary(book: Book): ChangeSummary | null {
  const changes = book.edition?.changes;
  if (!changes) return null;
  return { added: changes.chapters.added.length, removed: changes.chapters.removed.length, revised: changes.chapters.revised.length };
}

/** A note paragraph `some-chapter-id: text` is an erratum for that chapter (`release --note`). */
function erratumOf(book: Book, paragraph: string): { chapter: Chapter; text: string } | undefined {
  const match = /^([a-z0-9][a-z0-9-]*):\s+(\S[\s\S]*)$/.exec(paragraph);
  const chapter = match && book.chapters.find((candidate) => candidate.slug === match[1]);
  return chapter && match?.[2] ? { chapter, text: match[2] } : undefined;
}

/** `“Title” (chapter 3), by Name`. */
function chapterName(book: Book, chapter: Chapter, withAuthors = true): Phrase {
  const authors = withAuthors && chapter.meta.authors.length > 0 ? `, by ${joinNames(chapter.meta.authors, book.config.language)}` : '';
  return ['“', ...titleHast(chapter.meta.title), `” (chapter ${chapter.number})${authors}`];
}

/** Words and inline markup (a title's, `title.ts`). */
type Phrase = (string | ElementContent)[];

function joinedList(items: Phrase[]): Phrase {
  return items.flatMap((item, index) => [...(index === 0 ? [] : index === items.length - 1 ? [items.length > 2 ? ', and ' : ' and '] : [', ']), ...item]);
}

/**
 * The “Note on this edition”: the editor's note, then what is new, revised, retitled, moved and
 * removed since the last edition, new works in the bibliography, and the errata (each chapter's
 * new `corrections:`, and release notes that name a chapter). Empty for a first edition.
 */
export function editionNoteLines(book: Book): ElementContent[] {
  const edition = book.edition;
  const changes = edition?.changes;
  if (!edition || !changes) return [];
  const byId = new Map(book.chapters.map((chapter) => [chapter.slug, chapter]));
  const chapters = (ids: readonly string[]) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as Chapter] : []));
  const errata = edition.note.map((paragraph) => erratumOf(book, paragraph));
  const note = edition.note.filter((_, index) => errata[index] === undefined);
  const name = editionName(book.config.edition.number).toLowerCase();
  const previous = editionName(changes.since).toLowerCase();
  const lines: ElementContent[] = note.map((paragraph) => h('p.edition-note', paragraph));

  const added = chapters(changes.chapters.added);
  const revised = chapters(changes.chapters.revised).filter((chapter) => !changes.chapters.added.includes(chapter.slug));
  const retitled = changes.revisions.filter((revision) => revision.previousTitle !== undefined && byId.has(revision.id));
  const moved = chapters(changes.chapters.moved);
  const sentences: Phrase[] = [];
  if (added.length > 0)
    sentences.push([`This ${name} adds ${counted(added.length, 'chapter')}: `, ...joinedList(added.map((chapter) => chapterName(book, chapter))), '.']);
  if (revised.length > 0)
    sentences.push([
      `${revised.length === 1 ? 'One chapter was' : `${capitalised(counted(revised.length, 'chapter'))} were`} revised since the ${previous}: `,
      ...joinedList(revised.map((chapter) => chapterName(book, chapter, false))),
      '.',
    ]);
  for (const revision of retitled) {
    sentences.push([
      `Chapter ${byId.get(revision.id)?.number} was “`,
      ...titleHast(revision.previousTitle ?? ''),
      '”; it is now “',
      ...titleHast(revision.title),
      '”.',
    ]);
  }
  if (moved.length > 0)
    sentences.push([
      `${capitalised(counted(moved.length, 'chapter'))} moved: `,
      ...joinedList(moved.map((chapter) => ['“', ...titleHast(chapter.meta.title), `” is now chapter ${chapter.number}`])),
      '.',
    ]);
  if (changes.removedChapters.length > 0)
    sentences.push([`Removed since the ${previous}: `, ...joinedList(changes.removedChapters.map((chapter) => ['“', ...titleHast(chapter.title), '”'])), '.']);
  const newWorks = changes.bibliography.added.length;
  if (newWorks > 0) sentences.push([`The bibliography has ${counted(newWorks, 'new work')}.`]);
  if (sentences.length === 0 && note.length === 0) sentences.push([`The text is that of the ${previous}.`]);
  lines.push(...sentences.map((sentence) => h('p.edition-change', sentence)));

  const corrections = [
    ...changes.revisions.flatMap((revision) => {
      const chapter = byId.get(revision.id);
      return chapter ? revision.corrections.map((text) => ({ chapter, text })) : [];
    }),
    ...errata.filter((erratum) => erratum !== undefined),
  ].sort((a, b) => a.chapter.number - b.chapter.number);
  if (corrections.length > 0) {
    lines.push(
      h('h3.errata-title', 'Corrections'),
      h(
        'ul.errata',
        corrections.map(({ chapter, text }) => h('li', [`Chapter ${chapter.number}, “`, ...titleHast(chapter.meta.title), `”: ${text}`])),
      ),
    );
  }
  return lines;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The site's pages for addresses an earlier edition had and this one does not: a chapter whose
 * id changed, or any page gone, each a static page that sends the reader on (meta refresh and a
 * canonical link, and a plain link for those who refresh nothing). Sorted, so the same book
 * gives the same files.
 */
export function redirectTargets(book: Book, pages: ReadonlySet<string>, idHref: (id: string) => string): { from: string; to: string; title: string }[] {
  const href = (chapter: Chapter) => idHref(chapter.slug);
  const edition = book.edition;
  if (!edition) return [];
  const currentOf = new Map<string, Chapter>();
  for (const chapter of book.chapters) {
    currentOf.set(chapter.slug, chapter);
    for (const former of edition.formerIds[chapter.slug] ?? []) currentOf.set(former, chapter);
  }
  const targets = new Map<string, { from: string; to: string; title: string }>();
  // Compared without case: on macOS and Windows `My-Essay.html` and `my-essay.html` are one file.
  const taken = new Set([...pages].map((page) => page.toLowerCase()));
  const add = (from: string, to: string, title: string) => {
    if (!taken.has(from.toLowerCase()) && !targets.has(from.toLowerCase())) targets.set(from.toLowerCase(), { from, to, title });
  };
  for (const chapter of book.chapters) for (const former of edition.formerIds[chapter.slug] ?? []) add(idHref(former), href(chapter), chapter.meta.title);
  for (const page of edition.formerPages) add(page.href, ...formerPageTarget(page, currentOf, href));
  return [...targets.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function formerPageTarget(page: FormerPage, currentOf: ReadonlyMap<string, Chapter>, href: (chapter: Chapter) => string): [string, string] {
  const chapter = page.chapter && currentOf.get(page.chapter.id);
  if (chapter) return [href(chapter), chapter.meta.title];
  // A chapter since removed, or a page this edition has no more: the note on the edition says what went.
  return page.chapter ? ['edition.html', `${page.chapter.title} (edition ${page.edition})`] : ['index.html', 'Contents'];
}
