import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { configFileName } from '../config/load.ts';
import { yamlPlaces } from '../config/validate-yaml.ts';
import { chapterFileId, chapterPageName, ownPageOfId } from '../core/chapter-id.ts';
import type { BookChanges, EditionContext, EditionHistoryEntry, EditionRecord, FormerPage } from '../core/editions.ts';
import { contentKey, type Memo, noMemo } from '../core/memo.ts';
import { hasErrors, report } from '../core/rules.ts';
import type { Book, Chapter } from '../core/types.ts';
import { compareEditions, hasChanges } from '../editions/compare.ts';
import { identifyChapters } from '../editions/identity.ts';
import { parseEditionRecord } from '../editions/parse-record.ts';
import { type ChapterTextParts, chapterTextParts, editionRecord, noteParagraphs, serialiseRecord, sourceOf } from '../editions/record.ts';
import { advanceEditionIn, type ConfigNotEdited, editConfig } from '../io/edit-config.ts';
import type { LoadedBook } from '../io/load-book.ts';
import { writeFileAtomic } from '../io/stage.ts';
import { splitFrontMatter } from '../load/chapter.ts';
import { renameChapterLinks } from '../load/links.ts';

/** Where `anthology release` records each edition: `editions/1.json`, `editions/2.json`, … */
export const editionsDir = 'editions';

export function editionRecordPath(edition: number): string {
  return `${editionsDir}/${edition}.json`;
}

/** Reads every `editions/N.json`, oldest first. Files that are not records are errors on them. */
async function loadEditionRecords(projectDir: string): Promise<{ records: EditionRecord[]; files: VFile[] }> {
  const names = (await readdir(path.join(projectDir, editionsDir)).catch(() => [] as string[])).filter((name) => /^\d+\.json$/.test(name));
  names.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const records: EditionRecord[] = [];
  const files: VFile[] = [];
  for (const name of names) {
    const relative = `${editionsDir}/${name}`;
    const file = new VFile({ path: relative, cwd: projectDir, value: await readFile(path.join(projectDir, relative), 'utf8') });
    files.push(file);
    const record = parseEditionRecord(file);
    if (record) records.push(record);
  }
  return { records, files };
}

export interface EditionBook extends LoadedBook {
  /** Every released edition, oldest first. */
  records: EditionRecord[];
  /** The last edition released before the one anthology.yaml prepares. */
  previous?: EditionRecord;
  /** The working book as a record (its site not yet listed: `release` adds it). */
  current?: EditionRecord;
  changes?: BookChanges;
  /** The chapter files as read, by project path. */
  texts: Map<string, string>;
  /** The edition the book presents: the one anthology.yaml prepares, or the last released when nothing changed since. */
  presented?: number;
}

/**
 * What each chapter's record takes from its text (`chapterTextParts`): worked out once per chapter
 * in a build, and remembered in `memo` by the text (~0.3 s of a 500-chapter rebuild otherwise).
 */
function rememberedTextParts(memo: Memo): (chapter: Chapter, text: string) => ChapterTextParts {
  const partsByPath = new Map<string, ChapterTextParts>();
  return (chapter, text) => {
    let parts = partsByPath.get(chapter.path);
    if (!parts) {
      parts = memo.value('edition-chapter', contentKey(text), () => chapterTextParts(chapter, text));
      partsByPath.set(chapter.path, parts);
    }
    return parts;
  };
}

/**
 * Loads the book with its editions: each chapter gets the id it was released with (kept when its
 * file is renamed), and the book learns its edition history, what changed since the last release
 * and which old addresses need redirect pages (`loadEditionBook` in `build.ts` runs it after citing).
 */
export async function withEditions(projectDir: string, loaded: LoadedBook, memo: Memo = noMemo): Promise<EditionBook> {
  const { records, files: recordFiles } = await loadEditionRecords(projectDir);
  const files = [...loaded.files, ...recordFiles];
  const texts = new Map(loaded.files.map((file) => [path.posix.normalize(file.path.split(path.sep).join('/')), String(file.value)]));
  if (!loaded.book || hasErrors(recordFiles)) return { files, book: undefined, records, texts };

  const { config } = loaded.book;
  const number = config.edition.number;
  const previous = records.filter((record) => record.edition < number).at(-1);
  const fileOf = (chapter: Chapter) => files.find((file) => file.path === chapter.path);
  const textOf = (chapter: Chapter) => texts.get(path.posix.normalize(chapter.path)) ?? '';
  const textParts = rememberedTextParts(memo);

  const identities = identifyChapters(
    loaded.book.chapters.map((chapter) => ({
      path: chapter.path,
      explicitId: chapter.meta.id,
      fileId: chapterFileId(chapter.path),
      hash: textParts(chapter, textOf(chapter)).hash,
      source: sourceOf(chapter),
    })),
    previous?.chapters ?? [],
  );
  reportIdentities(loaded.book.chapters, identities, fileOf, previous);
  if (hasErrors(files)) return { files, book: undefined, records, texts };

  const formerIds = Object.fromEntries(identities.flatMap((identity) => (identity.formerIds.length > 0 ? [[identity.id, identity.formerIds] as const] : [])));
  const book = withChapterIds(
    loaded.book,
    identities.map((identity) => identity.id),
  );
  const current = editionRecord(
    book,
    texts,
    { edition: number, date: config.edition.date, note: noteParagraphs(config.edition.note) },
    { formerIds, textParts },
  );
  const changes = previous ? compareEditions(previous, current) : undefined;
  const result = { files, records, ...(previous ? { previous } : {}), current, ...(changes ? { changes } : {}), texts };
  // Right after a release nothing has changed: the book built is the edition just released, not the next one.
  if (previous && changes && !hasChanges(changes) && current.note.length === 0) {
    return { ...result, book: asReleased(book, previous, records, formerIds), presented: previous.edition };
  }
  // Only a new edition in the making needs its own ISBN (right after a release the book is the released one).
  reportReusedIsbn(
    loaded.files.find((file) => file.path.endsWith(configFileName)),
    config.identifier,
    records,
    number,
  );
  const earlier = records.filter((record) => record.edition < number);
  const edition: EditionContext = {
    history: earlier.map(historyEntry),
    ...(changes ? { changes } : {}),
    note: current.note,
    formerIds,
    formerPages: formerPages(earlier),
  };
  return { ...result, book: { ...book, edition }, presented: number };
}

/** Where a chapter's front matter says `id:`, else its first line (the id then comes from the file's name). */
function idLine(text: string): { line: number; column: number } {
  const frontMatter = splitFrontMatter(text);
  const key = frontMatter.kind === 'ok' ? yamlPlaces(frontMatter.yaml).key(['id']) : undefined;
  // The YAML starts on the file's second line, after `---`.
  return key ? { line: key.line + 1, column: key.column } : { line: 1, column: 1 };
}

/** A chapter id given twice is an error; a chapter recognised under another file name is said, on its file. */
function reportIdentities(
  chapters: readonly Chapter[],
  identities: ReturnType<typeof identifyChapters>,
  fileOf: (chapter: Chapter) => VFile | undefined,
  previous: EditionRecord | undefined,
): void {
  const seen = new Map<string, { chapter: Chapter; id: string }>();
  chapters.forEach((chapter, index) => {
    const identity = identities[index];
    if (!identity) return;
    const file = fileOf(chapter);
    // By the name its pages take: `404` and `x404` would write one file.
    const earlier = seen.get(chapterPageName(identity.id));
    const earlierId = earlier?.id;
    const ownPage = ownPageOfId(identity.id);
    if (ownPage && file)
      report(
        file,
        'chapter-id-reserved',
        `this chapter’s id \`${identity.id}\` is the name of the book’s own page (${ownPage === identity.id ? `${ownPage}.html on the site, text/${ownPage}.xhtml in the EPUB` : ownPage}), which would take its place: give it another \`id:\` in its front matter, or rename the file`,
        idLine(String(file.value)),
      );
    if (earlier && file) {
      report(
        file,
        'chapter-id-duplicate',
        `this chapter’s id \`${identity.id}\` ${earlierId === identity.id ? 'is also' : `gives the same page name (${chapterPageName(identity.id)}.html) as`} ${earlier.chapter.path}’s: give one of them another \`id:\` in its front matter`,
        idLine(String(file.value)),
      );
    }
    seen.set(chapterPageName(identity.id), { chapter, id: identity.id });
    if (identity.renamedFrom && file) {
      report(
        file,
        'edition-chapter-renamed',
        `this is edition ${previous?.edition}’s chapter “${identity.renamedFrom.title}” (${identity.renamedFrom.path}), renamed: it keeps its id \`${identity.id}\` and its address; add \`id: ${identity.id}\` to its front matter to make that certain`,
        { line: 1, column: 1 },
      );
    }
  });
}

function historyEntry(record: EditionRecord): EditionHistoryEntry {
  return { edition: record.edition, date: record.date, identifier: record.identifier, summary: record.summary };
}

/** The book as the edition it is a copy of: that edition's number, date, identifier, note and history. */
function asReleased(book: Book, released: EditionRecord, records: readonly EditionRecord[], formerIds: Record<string, string[]>): Book {
  const earlier = records.filter((record) => record.edition < released.edition);
  const before = earlier.at(-1);
  const changes = before ? compareEditions(before, released) : undefined;
  return {
    ...book,
    config: { ...book.config, edition: { number: released.edition, date: released.date }, identifier: released.identifier },
    edition: {
      history: earlier.map(historyEntry),
      ...(changes ? { changes } : {}),
      note: released.note,
      formerIds,
      formerPages: formerPages(earlier),
    },
  };
}

/** The book with each chapter under its id (its `slug`, which every address is made from). */
function withChapterIds(book: Book, ids: readonly string[]): Book {
  const byPath = new Map<Chapter, Chapter>();
  const renamed = new Map<string, string>();
  book.chapters.forEach((chapter, index) => {
    const slug = ids[index] ?? chapter.slug;
    if (slug !== chapter.slug) renamed.set(chapter.slug, slug);
    byPath.set(chapter, { ...chapter, slug });
  });
  // The links between chapters (`load/links.ts`) name them by id.
  if (renamed.size > 0)
    renameChapterLinks(
      book.chapters.map((chapter) => chapter.tree),
      renamed,
    );
  const parts = book.parts.map((part) => ({ ...part, chapters: part.chapters.map((chapter) => byPath.get(chapter) ?? chapter) }));
  return { ...book, parts, chapters: parts.flatMap((part) => part.chapters) };
}

/** Every address earlier editions' sites had, with the last edition that had it. */
function formerPages(records: readonly EditionRecord[]): FormerPage[] {
  const pages = new Map<string, FormerPage>();
  for (const record of records) {
    for (const page of record.site) {
      const chapter = page.chapter ? record.chapters.find((candidate) => candidate.id === page.chapter) : undefined;
      pages.set(page.href, { href: page.href, ...(chapter ? { chapter: { id: chapter.id, title: chapter.title } } : {}), edition: record.edition });
    }
  }
  return [...pages.values()].sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : 0));
}

/** An ISBN names one edition: the next edition with the same one is a mistake a printer would catch late. */
function reportReusedIsbn(configFile: VFile | undefined, identifier: string, records: readonly EditionRecord[], edition: number): void {
  if (!configFile || !identifier.toLowerCase().startsWith('isbn:')) return;
  const earlier = records.find((record) => record.edition < edition && record.identifier === identifier);
  if (!earlier) return;
  report(
    configFile,
    'edition-identifier-reused',
    `key \`identifier\`: ${identifier} is edition ${earlier.edition}’s ISBN; edition ${edition} needs its own`,
    yamlPlaces(String(configFile.value)).value(['identifier']),
  );
}

/**
 * After a release, anthology.yaml prepares the next edition: its number goes up, its date stays
 * the released one until the editor sets the new one (a release must be dated after the last),
 * and the note on the released edition is cleared. Comments and layout are kept.
 */
export async function advanceEdition(projectDir: string, next: number, date: string): Promise<ConfigNotEdited | undefined> {
  const result = await editConfig(projectDir, (document) => advanceEditionIn(document, next, date));
  return 'notEdited' in result ? result.notEdited : undefined;
}

export async function writeEditionRecord(projectDir: string, record: EditionRecord): Promise<string> {
  const relative = editionRecordPath(record.edition);
  await writeFileAtomic(path.join(projectDir, relative), serialiseRecord(record));
  return relative;
}
