import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { isNode, isSeq, parseDocument } from 'yaml';
import { parseBibliographyText } from '../adapters/citation-js.ts';
import { type BibliographyItem, cslFieldProblems } from '../core/citations.ts';
import { placeLocator, placeOfOffset, placeOfText } from '../core/place.ts';
import { hasErrors, type Place, report } from '../core/rules.ts';
import { readTextFile } from './read.ts';

export const bibliographyDir = 'bibliography';
/** The file `anthology import` and `anthology cite` write; other files there are the editor's. */
export const managedBibliographyFile = 'bibliography/references.json';

export interface LoadedBibliography {
  items: BibliographyItem[];
  files: VFile[];
  /** Which file defined each key. */
  origin: Map<string, string>;
}

/**
 * Reads every CSL-JSON (`.json`), BibTeX (`.bib`) and RIS (`.ris`) file in bibliography/, in name
 * order. A key defined twice is an error naming both files.
 */
export async function loadBibliography(projectDir: string): Promise<LoadedBibliography> {
  const items: BibliographyItem[] = [];
  const files: VFile[] = [];
  const origin = new Map<string, string>();
  for (const name of await bibliographyFileNames(projectDir)) {
    const file = await readBibliographyFile(projectDir, name);
    if (!file) continue;
    files.push(file);
    if (hasErrors([file])) continue;
    const parsed = parseBibliographyFile(file, name);
    if (parsed) items.push(...newItemsOf(file, `${bibliographyDir}/${name}`, parsed, origin));
  }
  return { items, files, origin };
}

/** The bibliography files in bibliography/, in name order (none when there is no such folder). */
async function bibliographyFileNames(projectDir: string): Promise<string[]> {
  const names = await readdir(path.join(projectDir, bibliographyDir)).catch(() => [] as string[]);
  return names.filter((name) => /\.(json|bib|ris)$/i.test(name)).sort();
}

/** The file as read; a symbolic link that leads out of the project is reported on the link itself. */
async function readBibliographyFile(projectDir: string, name: string): Promise<VFile | undefined> {
  const relative = `${bibliographyDir}/${name}`;
  const read = await readTextFile(projectDir, relative);
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'ok') return read.file;
  const file = new VFile({ path: relative, cwd: projectDir });
  report(file, 'path-outside-project', `${relative} is a link to a file outside the project folder: copy the file in instead`, { line: 1, column: 1 });
  return file;
}

/** A bibliography file's entries as parsed (not yet checked), with where each starts in the file. */
interface ParsedBibliography {
  entries: unknown[];
  isJson: boolean;
  entryPlace: (index: number) => Place | undefined;
}

/** The file's entries, or undefined (and reported) when it cannot be read as a bibliography. */
function parseBibliographyFile(file: VFile, name: string): ParsedBibliography | undefined {
  const text = String(file.value);
  const isJson = name.toLowerCase().endsWith('.json');
  const isRis = name.toLowerCase().endsWith('.ris');
  const parsed = parsedText(file, isJson);
  if (!parsed) return undefined;
  if (!isJson && (parsed.value as unknown[]).length === 0 && hasEntryText(text)) {
    report(file, 'bibliography-invalid', `no ${isRis ? 'RIS' : 'BibTeX'} entry could be read in this file`, { line: 1, column: 1 });
    return undefined;
  }
  // Where each entry starts, worked out only when a message needs it: a large CSL-JSON file would
  // otherwise be parsed a second time (as YAML, for the places) on every load.
  let places: Place[] | undefined;
  const entryPlace = (index: number) => {
    places ??= isJson ? jsonItemStarts(text) : entryStarts(text, isRis);
    return places[index];
  };
  if (isRis) {
    places ??= entryStarts(text, true);
    reportUnterminatedRis(file, places);
  }
  if (!Array.isArray(parsed.value)) {
    report(file, 'bibliography-invalid', 'a CSL-JSON bibliography must be an array of items', { line: 1, column: 1 });
    return undefined;
  }
  return { entries: parsed.value, isJson, entryPlace };
}

/** JSON.parse's or citation-js's reading of the file, or undefined (and reported where the parser stopped). */
function parsedText(file: VFile, isJson: boolean): { value: unknown } | undefined {
  const text = String(file.value);
  try {
    return { value: isJson ? JSON.parse(text) : parseBibliographyText(text) };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    report(
      file,
      'bibliography-invalid',
      `cannot read this bibliography: ${message.replace(/\s*at line \d+ col \d+:?$/, '')}`,
      isJson ? jsonErrorPlace(text, message) : textErrorPlace(message),
    );
    return undefined;
  }
}

/**
 * The file's items whose keys no earlier file (or entry) defined, each key's file recorded in
 * `origin`; an entry without a key or type, or with a key already defined, is reported and left out.
 */
function newItemsOf(file: VFile, relative: string, { entries, isJson, entryPlace }: ParsedBibliography, origin: Map<string, string>): BibliographyItem[] {
  const items: BibliographyItem[] = [];
  // A JSON item by its key's text; an entry of another format by where it starts.
  const itemPlace = (id: string, index: number) => (isJson ? (placeOfText(String(file.value), `"${id}"`) ?? entryPlace(index)) : entryPlace(index));
  for (const [index, entry] of entries.entries()) {
    if (!isJson && typeof (entry as { id?: unknown })?.id === 'string' && (entry as { id: string }).id.startsWith('temp_id_')) {
      // citation-js makes up a random key for an entry without one: it could never be cited twice alike.
      report(file, 'bibliography-invalid', 'an entry without a key (BibTeX: @type{key, …}; RIS: an ID  - line)', entryPlace(index));
      continue;
    }
    if (!entry || typeof entry !== 'object' || typeof (entry as { id?: unknown }).id !== 'string' || typeof (entry as { type?: unknown }).type !== 'string') {
      report(file, 'bibliography-invalid', `an item without a string "id" and "type": ${JSON.stringify(entry).slice(0, 80)}`, entryPlace(index));
      continue;
    }
    const item = entry as BibliographyItem;
    const problems = cslFieldProblems(item);
    if (problems.length > 0) {
      const place = itemPlace(item.id, index);
      for (const problem of problems) report(file, 'bibliography-invalid', `${item.id}: ${problem}`, place);
      continue;
    }
    const first = origin.get(item.id);
    if (first) {
      const place = itemPlace(item.id, index);
      report(file, 'bibliography-duplicate-key', `key ${item.id} is already defined in ${first}`, place);
      continue;
    }
    origin.set(item.id, relative);
    items.push(item);
  }
  return items;
}

/** Where JSON.parse stopped: Node 20 names an offset for most errors, the end for a cut-off file; else YAML's parser (JSON is YAML) finds it. */
function jsonErrorPlace(text: string, message: string): Place {
  const position = /at position (\d+)/.exec(message)?.[1];
  const offset = position !== undefined ? Number(position) : /end of JSON input/.test(message) ? text.length : (parseDocument(text).errors[0]?.pos[0] ?? 0);
  return placeOfOffset(text, offset);
}

/** citation-js's BibTeX parser says `at line L col C`. */
function textErrorPlace(message: string): Place {
  const match = /at line (\d+) col (\d+)/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : { line: 1, column: 1 };
}

/** Text that is meant to hold entries (not empty, comments, or @string/@preamble only). */
function hasEntryText(text: string): boolean {
  const meaningful = text
    .split('\n')
    .filter((line) => !/^\s*(%|$)/.test(line))
    .join('\n');
  return meaningful.trim() !== '' && !/^\s*@(?:comment|string|preamble)\b/i.test(meaningful);
}

/** Where each entry starts, in the order citation-js returns them: `@type{` (not @comment/@string/@preamble) or `TY  -`. */
function entryStarts(text: string, ris: boolean): Place[] {
  const pattern = ris ? /^TY {2}-/gm : /^[ \t]*@(?!(?:comment|string|preamble)\b)\w+\s*[{(]/gim;
  const placeOf = placeLocator(text);
  return [...text.matchAll(pattern)].map((match) => placeOf(match.index + (match[0].length - match[0].trimStart().length)));
}

/** Where each item of a CSL-JSON array starts (JSON is YAML: its parser keeps the places). */
function jsonItemStarts(text: string): Place[] {
  const contents = parseDocument(text).contents;
  const placeOf = placeLocator(text);
  return isSeq(contents) ? contents.items.map((item) => placeOf((isNode(item) ? item.range?.[0] : undefined) ?? 0)) : [];
}

/** A RIS entry ends with `ER  -`; one that does not was cut off. */
function reportUnterminatedRis(file: VFile, starts: readonly Place[]): void {
  const lines = String(file.value).split('\n');
  starts.forEach((start, index) => {
    const end = starts[index + 1]?.line ?? lines.length + 1;
    if (!lines.slice(start.line - 1, end - 1).some((line) => /^ER {2}-/.test(line))) {
      report(file, 'bibliography-invalid', 'this RIS entry has no closing ER  - line (the file was cut off?)', start);
    }
  });
}

/** The managed bibliography as written: sorted by key, two-space JSON, so diffs stay small. */
export function serialiseBibliography(items: readonly BibliographyItem[]): string {
  return `${JSON.stringify(
    [...items].sort((a, b) => a.id.localeCompare(b.id)),
    null,
    2,
  )}\n`;
}

/** The items of the managed file (`bibliography/references.json`), which import and cite extend. */
export function managedBibliographyItems(loaded: LoadedBibliography): BibliographyItem[] {
  const managed = loaded.files.find((file) => file.path === managedBibliographyFile);
  return managed ? loaded.items.filter((item) => loaded.origin.get(item.id) === managedBibliographyFile) : [];
}
