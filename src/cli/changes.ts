import path from 'node:path';
import type { BookChanges, EditionRecord } from '../core/editions.ts';
import { hasErrors } from '../core/rules.ts';
import { compareEditions, hasChanges } from '../editions/compare.ts';
import { renderChangesReview } from '../editions/review.ts';
import { resolveInside } from '../io/read.ts';
import { writeFileAtomic } from '../io/stage.ts';
import { loadEditionBook } from '../pipeline/build.ts';
import { editionRecordPath, editionsDir } from '../pipeline/edition-book.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { Ui } from './ui.ts';

export interface ChangesOptions {
  /** `--since N`: the released edition to compare with (default: the last before the one in preparation). */
  since: number | undefined;
  json: boolean;
  /** `--review FILE.html`: the editor's redline of every revised chapter. */
  review: string | undefined;
}

/** `anthology changes`: what changed in the book since a released edition. */
export async function changesCommand(projectDir: string, options: ChangesOptions, ui: Ui): Promise<number> {
  const reviewPath = options.review === undefined ? undefined : resolveInside(projectDir, options.review);
  if (options.review !== undefined && !reviewPath) throw new UsageError(`--review ${options.review} must be inside the project`);
  const loaded = await loadEditionBook(projectDir);
  ui.report(loaded.files);
  if (!loaded.book || !loaded.current || hasErrors(loaded.files)) {
    ui.error('the book has errors (see above)');
    return exitCodes.content;
  }
  const since = options.since ?? loaded.previous?.edition;
  const record = loaded.records.find((candidate) => candidate.edition === since);
  if (!record) {
    // On the record that is not there (editions/N.json), or the folder when no edition is named.
    const released = loaded.records.map((candidate) => candidate.edition).join(', ');
    ui.diagnose(
      since === undefined ? `${editionsDir}/` : editionRecordPath(since),
      'edition-not-released',
      loaded.records.length === 0
        ? 'no edition has been released yet: `anthology release` records the first'
        : `${since === undefined ? 'no edition before this one' : `no edition ${since}`} was released: released editions are ${released}`,
    );
    return exitCodes.content;
  }
  const changes = record === loaded.previous && loaded.changes ? loaded.changes : compareEditions(record, loaded.current);

  if (options.json) {
    process.stdout.write(`${JSON.stringify(changesJson(changes), null, 2)}\n`);
  } else {
    ui.info(`changes since edition ${record.edition} (${record.date}):`);
    const lines = describeChanges(changes, loaded.current);
    for (const line of lines.length > 0 ? lines : ['nothing']) ui.info(`  ${line}`);
  }
  if (reviewPath) {
    await writeFileAtomic(reviewPath, renderChangesReview(loaded.book.config.title, changes, record, loaded.current));
    // With --json, stdout is the JSON alone.
    if (!options.json) ui.info(`review page ${path.relative(projectDir, reviewPath)}`);
  }
  return exitCodes.ok;
}

/**
 * The shape `changes --json` promises, and only it (scripts compare it whole): the edition
 * compared with, chapter ids and bibliography keys by kind of change. Words, notes and metadata
 * are in the text output and the review page.
 */
export function changesJson(changes: BookChanges): {
  since: number;
  chapters: BookChanges['chapters'];
  bibliography: BookChanges['bibliography'];
} {
  const { added, removed, revised, moved, retitled } = changes.chapters;
  const bibliography = changes.bibliography;
  return {
    since: changes.since,
    chapters: { added, removed, revised, moved, retitled },
    bibliography: { added: bibliography.added, removed: bibliography.removed, changed: bibliography.changed },
  };
}

/**
 * Changes as lines for the terminal: what was added, removed, moved, retitled and revised (with
 * the words and notes that changed), then the bibliography and the book's metadata.
 */
export function describeChanges(changes: BookChanges, current: EditionRecord): string[] {
  if (!hasChanges(changes)) return [];
  const chapterOf = (id: string) => current.chapters.find((chapter) => chapter.id === id);
  const named = (id: string) => {
    const chapter = chapterOf(id);
    return chapter ? `${chapter.number}. ${chapter.title} (${chapter.path})` : id;
  };
  const lines: string[] = [];
  for (const id of changes.chapters.added) lines.push(`added      ${named(id)}`);
  for (const chapter of changes.removedChapters) lines.push(`removed    ${chapter.title} (was chapter ${chapter.number})`);
  for (const id of changes.chapters.moved) lines.push(`moved      ${named(id)}`);
  for (const revision of changes.revisions) {
    if (revision.previousTitle !== undefined) lines.push(`retitled   ${named(revision.id)}, was “${revision.previousTitle}”`);
    if (!changes.chapters.revised.includes(revision.id)) continue;
    const notes = [
      revision.notes.added.length > 0 ? `notes added ${revision.notes.added.join(', ')}` : '',
      revision.notes.removed.length > 0 ? `notes removed ${revision.notes.removed.join(', ')}` : '',
      revision.notes.changed.length > 0 ? `notes changed ${revision.notes.changed.join(', ')}` : '',
      revision.frontMatter ? 'front matter' : '',
      revision.corrections.length > 0 ? `${revision.corrections.length} correction${revision.corrections.length === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    lines.push(`revised    ${named(revision.id)}: +${revision.wordsAdded} −${revision.wordsRemoved} words${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`);
  }
  const { added, removed, changed } = changes.bibliography;
  if (added.length + removed.length + changed.length > 0) {
    const parts = [
      added.length > 0 ? `${added.length} added (${added.join(', ')})` : '',
      removed.length > 0 ? `${removed.length} removed (${removed.join(', ')})` : '',
      changed.length > 0 ? `${changed.length} changed (${changed.join(', ')})` : '',
    ].filter(Boolean);
    lines.push(`bibliography: ${parts.join('; ')}`);
  }
  if (changes.metadata.length > 0) lines.push(`book: ${changes.metadata.join(', ')} changed`);
  return lines;
}
