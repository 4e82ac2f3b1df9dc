import { diffWordsWithSpace } from 'diff';
import type { BookChanges, BookMetadataRecord, ChangeSummary, ChapterChange, ChapterRecord, EditionRecord } from '../core/editions.ts';

/** Word-level differences between two texts: runs kept, added or removed, in order. */
export interface TextChange {
  value: string;
  added: boolean;
  removed: boolean;
}

/**
 * Beyond this many differing tokens a chapter counts as rewritten: the redline shows it removed
 * and added whole (jsdiff's cost grows with the product of length and differences).
 */
const maxEditLength = 20_000;

/** The word-level differences between two texts (spacing is part of a word's run). */
export function wordChanges(before: string, after: string): TextChange[] {
  if (before === after) return [{ value: after, added: false, removed: false }];
  const changes = diffWordsWithSpace(before, after, { maxEditLength });
  if (!changes)
    return [
      { value: before, added: false, removed: true },
      { value: after, added: true, removed: false },
    ];
  return changes.map((change) => ({ value: change.value, added: change.added, removed: change.removed }));
}

/** Words in a run of text (punctuation and spacing are not words). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
}

/**
 * The chapters of both editions (matched by id: ids are kept across editions) that are not in
 * the longest run both editions have in the same order, or that changed part: those moved.
 */
function movedChapters(before: readonly ChapterRecord[], after: readonly ChapterRecord[]): string[] {
  const afterIds = new Set(after.map((chapter) => chapter.id));
  const beforeIds = new Set(before.map((chapter) => chapter.id));
  const a = before.filter((chapter) => afterIds.has(chapter.id)).map((chapter) => chapter.id);
  const b = after.filter((chapter) => beforeIds.has(chapter.id)).map((chapter) => chapter.id);
  // Longest common subsequence of the ids both editions have.
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] = a[i] === b[j] ? (lengths[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lengths[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const inOrder = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      inOrder.add(a[i] as string);
      i++;
      j++;
    } else if ((lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  const partBefore = new Map(before.map((chapter) => [chapter.id, chapter.part]));
  return b.filter((id) => !inOrder.has(id) || partBefore.get(id) !== after.find((chapter) => chapter.id === id)?.part);
}

function chapterChange(before: ChapterRecord, after: ChapterRecord): ChapterChange | undefined {
  const changes = before.hash === after.hash ? [] : wordChanges(before.body, after.body);
  const notesBefore = new Map(before.notes.map((note) => [note.label, note.hash]));
  const notesAfter = new Map(after.notes.map((note) => [note.label, note.hash]));
  const notes = {
    added: after.notes.filter((note) => !notesBefore.has(note.label)).map((note) => note.label),
    removed: before.notes.filter((note) => !notesAfter.has(note.label)).map((note) => note.label),
    changed: after.notes.filter((note) => notesBefore.has(note.label) && notesBefore.get(note.label) !== note.hash).map((note) => note.label),
  };
  const corrections = after.corrections.filter((correction) => !before.corrections.includes(correction));
  const frontMatter = before.frontMatterHash !== after.frontMatterHash || before.authors.join('\n') !== after.authors.join('\n');
  const retitled = before.title !== after.title;
  if (before.hash === after.hash && !frontMatter && !retitled && corrections.length === 0) return undefined;
  return {
    id: after.id,
    title: after.title,
    ...(retitled ? { previousTitle: before.title } : {}),
    wordsAdded: changes.filter((change) => change.added).reduce((sum, change) => sum + countWords(change.value), 0),
    wordsRemoved: changes.filter((change) => change.removed).reduce((sum, change) => sum + countWords(change.value), 0),
    notes,
    frontMatter,
    corrections,
  };
}

const metadataKeys: readonly (keyof BookMetadataRecord)[] = ['title', 'subtitle', 'editors', 'publisher', 'language', 'licence', 'style', 'url'];

/**
 * What changed from one edition to another: chapters added, removed, moved, retitled and revised
 * (a revision is a change of the text, the notes or the front matter; corrections alone count as
 * one too), bibliography items added, removed and changed, and the book's metadata.
 */
export function compareEditions(earlier: EditionRecord, after: EditionRecord): BookChanges {
  // A chapter whose id changed since is the same chapter: the later edition lists its former ids.
  const currentId = new Map(after.chapters.flatMap((chapter) => chapter.formerIds.map((former) => [former, chapter.id] as const)));
  const before = { ...earlier, chapters: earlier.chapters.map((chapter) => ({ ...chapter, id: currentId.get(chapter.id) ?? chapter.id })) };
  const beforeById = new Map(before.chapters.map((chapter) => [chapter.id, chapter]));
  const afterIds = new Set(after.chapters.map((chapter) => chapter.id));
  const revisions = after.chapters.flatMap((chapter) => {
    const earlier = beforeById.get(chapter.id);
    const change = earlier && chapterChange(earlier, chapter);
    return change ? [change] : [];
  });
  const revised = revisions.filter((change) => {
    const earlier = beforeById.get(change.id);
    const current = after.chapters.find((chapter) => chapter.id === change.id);
    return earlier?.hash !== current?.hash || change.frontMatter || change.corrections.length > 0;
  });
  const bibliographyBefore = new Map(before.bibliography.map((item) => [item.key, item.hash]));
  const bibliographyAfter = new Map(after.bibliography.map((item) => [item.key, item.hash]));
  return {
    since: before.edition,
    sinceDate: before.date,
    chapters: {
      added: after.chapters.filter((chapter) => !beforeById.has(chapter.id)).map((chapter) => chapter.id),
      removed: earlier.chapters.filter((chapter) => !afterIds.has(currentId.get(chapter.id) ?? chapter.id)).map((chapter) => chapter.id),
      revised: revised.map((change) => change.id),
      moved: movedChapters(before.chapters, after.chapters),
      retitled: revisions.filter((change) => change.previousTitle !== undefined).map((change) => change.id),
    },
    bibliography: {
      added: after.bibliography.filter((item) => !bibliographyBefore.has(item.key)).map((item) => item.key),
      removed: before.bibliography.filter((item) => !bibliographyAfter.has(item.key)).map((item) => item.key),
      changed: after.bibliography.filter((item) => bibliographyBefore.has(item.key) && bibliographyBefore.get(item.key) !== item.hash).map((item) => item.key),
    },
    metadata: metadataKeys.filter((key) => JSON.stringify(before.metadata[key]) !== JSON.stringify(after.metadata[key])),
    revisions,
    removedChapters: earlier.chapters
      .filter((chapter) => !afterIds.has(currentId.get(chapter.id) ?? chapter.id))
      .map((chapter) => ({ id: chapter.id, title: chapter.title, number: chapter.number })),
  };
}

/** Whether anything at all changed (the editor's note aside). */
export function hasChanges(changes: BookChanges): boolean {
  const { chapters, bibliography } = changes;
  return (
    [...Object.values(chapters), ...Object.values(bibliography)].some((list) => list.length > 0) || changes.metadata.length > 0 || changes.revisions.length > 0
  );
}

/** The counts the copyright page's history prints. */
export function changeSummary(changes: BookChanges): ChangeSummary {
  return { added: changes.chapters.added.length, removed: changes.chapters.removed.length, revised: changes.chapters.revised.length };
}
