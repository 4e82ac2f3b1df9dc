import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { configFileName } from '../config/load.ts';
import type { Insertion } from '../editions/placement.ts';
import { writeFileAtomic } from './stage.ts';

/** Why anthology.yaml was left as it was. */
export type ConfigNotEdited = 'missing' | 'unparsable' | 'no-contents' | 'unchanged';

/**
 * The one place that changes anthology.yaml: `edit` works on the `yaml` Document, so the editor's
 * comments, order and layout stay, and returns its result, or undefined when there is nothing to
 * write. A missing or unparsable file is never written (loading the book reports why).
 */
export async function editConfig<Result>(
  projectDir: string,
  edit: (document: Document) => Promise<Result | ConfigNotEdited> | Result | ConfigNotEdited,
): Promise<{ edited: Result } | { notEdited: ConfigNotEdited }> {
  const file = path.join(projectDir, configFileName);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { notEdited: 'missing' };
  const document = parseDocument(text);
  if (document.errors.length > 0) return { notEdited: 'unparsable' };
  const result = await edit(document);
  if (isNotEdited(result)) return { notEdited: result };
  await writeFileAtomic(file, document.toString({ lineWidth: 0 }));
  return { edited: result };
}

function isNotEdited(value: unknown): value is ConfigNotEdited {
  return value === 'missing' || value === 'unparsable' || value === 'no-contents' || value === 'unchanged';
}

/** `contents` as a sequence to edit, made (empty) if there is none; not one when it is something else. */
export function contentsOf(document: Document): YAMLSeq | undefined {
  let contents = document.get('contents', true);
  if (contents === undefined || contents === null) {
    document.set('contents', document.createNode([]));
    contents = document.get('contents', true);
  }
  return isSeq(contents) ? contents : undefined;
}

/** Appends the chapter paths `contents` does not list yet (anywhere, parts included); returns those. */
export function appendToContents(document: Document, chapterPaths: readonly string[]): string[] | ConfigNotEdited {
  const contents = document.get('contents', true);
  if (!isSeq(contents)) return 'no-contents';
  const listed = new Set(
    JSON.stringify(contents.toJSON())
      .match(/"[^"]+\.md"/g)
      ?.map((entry) => entry.slice(1, -1)) ?? [],
  );
  const added = chapterPaths.filter((chapterPath) => !listed.has(chapterPath));
  if (added.length === 0) return 'unchanged';
  for (const chapterPath of added) contents.add(document.createNode(chapterPath));
  return added;
}

/** Puts each chapter where `placeChapters` decided, one chapter a line. */
export function insertIntoContents(document: Document, contents: YAMLSeq, insertions: readonly Insertion[]): void {
  // `contents: []` is a flow sequence; a book's contents read better one chapter a line.
  contents.flow = false;
  for (const insertion of insertions) {
    if (insertion.newPart !== undefined) contents.items.push(document.createNode({ part: insertion.newPart, chapters: [] }));
    const node = document.createNode(insertion.path);
    if (insertion.partIndex === undefined) {
      contents.items.splice(insertion.index, 0, node);
      continue;
    }
    const part = contents.items[insertion.partIndex];
    const chapters = isMap(part) ? part.get('chapters', true) : undefined;
    if (isSeq(chapters)) {
      chapters.flow = false;
      chapters.items.splice(insertion.index, 0, node);
    }
  }
}

/**
 * After a release, anthology.yaml prepares the next edition: its number goes up, its date stays
 * the released one until the editor sets the new one (a release must be dated after the last),
 * and the note on the released edition is cleared.
 */
export function advanceEditionIn(document: Document, next: number, date: string): true {
  document.setIn(['edition', 'number'], next);
  document.setIn(['edition', 'date'], date);
  if (document.hasIn(['edition', 'note'])) document.deleteIn(['edition', 'note']);
  return true;
}

/**
 * Appends chapter paths that anthology.yaml does not list yet to the end of `contents`. Returns the
 * paths added (none when the file is missing, unparsable or has no `contents` list).
 */
export async function addToContents(projectDir: string, chapterPaths: readonly string[]): Promise<string[]> {
  const result = await editConfig(projectDir, (document) => appendToContents(document, chapterPaths));
  return 'edited' in result ? result.edited : [];
}
