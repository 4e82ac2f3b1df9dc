import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { BookChanges, ChapterRecord, EditionRecord } from '../core/editions.ts';
import { type TextChange, wordChanges } from './compare.ts';

const css = `
body { font: 16px/1.5 Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.2; }
.stats { font-family: system-ui, sans-serif; color: #444; }
.redline p { margin: 0.6em 0; }
.gap { color: #666; font-style: italic; font-family: system-ui, sans-serif; font-size: 0.9em; }
del { color: #a40000; background: #fde7e7; text-decoration: line-through; }
ins { color: #045d00; background: #e3f6df; text-decoration: underline; }
code { font-size: 0.9em; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #161616; }
  .stats, .gap { color: #bbb; }
  del { color: #ffb4b4; background: #4a1616; }
  ins { color: #b8f5ae; background: #173d12; }
}
`;

/**
 * The editor's review of what changed since an earlier edition: the chapters added, removed and
 * moved, each revised chapter as a redline (words removed struck through, words added underlined,
 * only the paragraphs that changed, with the number of unchanged ones between), the bibliography
 * and the book's metadata.
 */
export function renderChangesReview(title: string, changes: BookChanges, before: EditionRecord, after: EditionRecord): string {
  const records = chapterRecords(before, after);
  const body: ElementContent[] = [
    h('h1', `Changes since edition ${changes.since}`),
    h('p.stats', [h('cite', title), `: edition ${changes.since} of ${changes.sinceDate} against the book as it stands (edition ${after.edition}).`]),
    h('h2', 'Chapters'),
    ...chapterListsReview(changes, records),
    ...changes.revisions.flatMap((revision) => revisionReview(revision, records)),
    h('h2', 'Bibliography'),
    ...listReview('Added', changes.bibliography.added),
    ...listReview('Removed', changes.bibliography.removed),
    ...listReview('Changed', changes.bibliography.changed),
    ...(Object.values(changes.bibliography).every((keys) => keys.length === 0) ? [h('p', 'No change.')] : []),
    h('h2', 'Book'),
    metadataReview(changes, before, after),
  ];
  const tree: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('title', `Changes since edition ${changes.since}`), h('style', css)]),
        h('body', body),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}

interface ChapterRecords {
  after: Map<string, ChapterRecord>;
  /** A chapter's record in the earlier edition, under its id or one it had before. */
  earlierOf: (id: string, formerIds: readonly string[]) => ChapterRecord | undefined;
}

function chapterRecords(before: EditionRecord, after: EditionRecord): ChapterRecords {
  const beforeById = new Map(before.chapters.map((chapter) => [chapter.id, chapter]));
  return {
    after: new Map(after.chapters.map((chapter) => [chapter.id, chapter])),
    earlierOf: (id, formerIds) => beforeById.get(id) ?? formerIds.map((former) => beforeById.get(former)).find((chapter) => chapter !== undefined),
  };
}

const chapterName = (chapter: ChapterRecord) => `${chapter.number}. ${chapter.title}`;

/** A heading and its list, or nothing for no items. */
function listReview(heading: string, items: readonly (string | ElementContent[])[]): ElementContent[] {
  return items.length === 0
    ? []
    : [
        h('h3', heading),
        h(
          'ul',
          items.map((item) => h('li', typeof item === 'string' ? item : item)),
        ),
      ];
}

/** The chapters added, removed and moved (or that none changed). */
function chapterListsReview(changes: BookChanges, records: ChapterRecords): ElementContent[] {
  return [
    ...listReview(
      'Added',
      changes.chapters.added.flatMap((id) => {
        const chapter = records.after.get(id);
        return chapter ? [`${chapterName(chapter)}${chapter.authors.length > 0 ? ` (${chapter.authors.join(', ')})` : ''}, ${chapter.words} words`] : [];
      }),
    ),
    ...listReview(
      'Removed',
      changes.removedChapters.map((chapter) => `${chapter.number}. ${chapter.title}`),
    ),
    ...listReview(
      'Moved',
      changes.chapters.moved.flatMap((id) => {
        const chapter = records.after.get(id);
        const earlier = chapter && records.earlierOf(id, chapter.formerIds);
        return chapter && earlier
          ? [
              `${chapter.title}: chapter ${earlier.number}${earlier.part ? ` in “${earlier.part}”` : ''} → ${chapter.number}${chapter.part ? ` in “${chapter.part}”` : ''}`,
            ]
          : [];
      }),
    ),
    ...(changes.revisions.length === 0 && changes.chapters.added.length === 0 && changes.chapters.removed.length === 0 && changes.chapters.moved.length === 0
      ? [h('p', 'No chapter changed.')]
      : []),
  ];
}

/** One revised chapter: its counts, new corrections and the redline of its text. */
function revisionReview(revision: BookChanges['revisions'][number], records: ChapterRecords): ElementContent[] {
  const chapter = records.after.get(revision.id);
  const earlier = chapter && records.earlierOf(revision.id, chapter.formerIds);
  if (!chapter || !earlier) return [];
  const notes = [
    revision.notes.added.length > 0 ? `notes added: ${revision.notes.added.join(', ')}` : '',
    revision.notes.removed.length > 0 ? `notes removed: ${revision.notes.removed.join(', ')}` : '',
    revision.notes.changed.length > 0 ? `notes changed: ${revision.notes.changed.join(', ')}` : '',
  ].filter(Boolean);
  return [
    h('section.revision', { id: `chapter-${chapter.id}` }, [
      h('h3', chapterName(chapter)),
      ...(revision.previousTitle ? [h('p.stats', `Retitled: was “${revision.previousTitle}”.`)] : []),
      h(
        'p.stats',
        [
          `${revision.wordsAdded} word${revision.wordsAdded === 1 ? '' : 's'} added, ${revision.wordsRemoved} removed`,
          ...notes,
          ...(revision.frontMatter ? ['front matter changed (venue, date, authors, bio…)'] : []),
        ].join('; '),
      ),
      ...(revision.corrections.length > 0
        ? [
            h('p.stats', 'New corrections:'),
            h(
              'ul',
              revision.corrections.map((text) => h('li', text)),
            ),
          ]
        : []),
      ...(earlier.hash === chapter.hash ? [] : [h('div.redline', redline(wordChanges(earlier.body, chapter.body)))]),
    ]),
  ];
}

/** The book's metadata that changed, old → new. */
function metadataReview(changes: BookChanges, before: EditionRecord, after: EditionRecord): ElementContent {
  return changes.metadata.length > 0
    ? h(
        'ul',
        changes.metadata.map((key) =>
          h('li', [
            h('code', key),
            `: ${JSON.stringify(before.metadata[key as keyof typeof before.metadata])} → ${JSON.stringify(after.metadata[key as keyof typeof after.metadata])}`,
          ]),
        ),
      )
    : h('p', 'No change to the title, editors, publisher or other metadata.');
}

/**
 * The changed paragraphs of a word diff, each with its deletions and insertions marked, and the
 * count of unchanged paragraphs between them.
 */
export function redline(changes: readonly TextChange[]): ElementContent[] {
  const paragraphs: { parts: ElementContent[]; changed: boolean }[] = [{ parts: [], changed: false }];
  for (const change of changes) {
    const pieces = change.value.split('\n\n');
    pieces.forEach((piece, index) => {
      if (index > 0) {
        // A paragraph break that was added or removed marks both paragraphs as changed.
        if (change.added || change.removed) (paragraphs.at(-1) as { changed: boolean }).changed = true;
        paragraphs.push({ parts: [], changed: change.added || change.removed });
      }
      if (piece === '') return;
      const current = paragraphs.at(-1) as { parts: ElementContent[]; changed: boolean };
      if (change.added) current.parts.push(h('ins', piece));
      else if (change.removed) current.parts.push(h('del', piece));
      else current.parts.push({ type: 'text', value: piece });
      if (change.added || change.removed) current.changed = true;
    });
  }
  const shown: ElementContent[] = [];
  let unchanged = 0;
  const gap = () => {
    if (unchanged > 0) shown.push(h('p.gap', `… ${unchanged} unchanged paragraph${unchanged === 1 ? '' : 's'} …`));
    unchanged = 0;
  };
  for (const paragraph of paragraphs) {
    if (!paragraph.changed) {
      if (paragraph.parts.length > 0) unchanged++;
      continue;
    }
    gap();
    shown.push(h('p', paragraph.parts) as Element);
  }
  gap();
  return shown;
}
