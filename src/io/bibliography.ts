import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { isNode, isSeq, parseDocument } from 'yaml';
import { type BibtexEntry, parseBibtexText, parseRisText } from '../adapters/citation-js.ts';
import { uniqueCitationKey } from '../cite/bibliography.ts';
import { type BibliographyItem, type CslJsonItem, cslFieldProblems } from '../core/citations.ts';
import { placeLocator, placeOfOffset, placeOfText } from '../core/place.ts';
import { hasErrors, type Place, report } from '../core/rules.ts';
import { readTextFile } from './read.ts';
import { manifestFileName } from './write-chapters.ts';

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

/**
 * The keys a bibliography file's text defines, as the build reads them (`name` gives its format;
 * an entry without a key gets the one the build would make), or undefined when the build could
 * not read the file at all.
 */
export function bibliographyTextKeys(name: string, text: string): string[] | undefined {
  const file = new VFile({ path: name, value: text });
  const parsed = parseBibliographyFile(file, name);
  if (!parsed) return undefined;
  if (!parsed.isJson) giveKeys(file, parsed.entries, new Map(), parsed.entryPlace);
  return parsed.entries.flatMap((entry) => {
    const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}

/** The bibliography files in bibliography/, in name order (none when there is no such folder). */
async function bibliographyFileNames(projectDir: string): Promise<string[]> {
  const names = await readdir(path.join(projectDir, bibliographyDir)).catch(() => [] as string[]);
  // The manifest of the files imports copied here (`copyPostBibliography`) is not a bibliography.
  return names.filter((name) => /\.(json|bib|ris)$/i.test(name) && name !== manifestFileName).sort();
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
  const kind = isJson ? 'json' : isRis ? 'ris' : 'bibtex';
  const read = parsedText(file, kind);
  if (!read) return undefined;
  const parsed = kind === 'bibtex' ? { value: bibtexItems(file, read.value as BibtexEntry[]) } : read;
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

/**
 * JSON.parse's or citation-js's reading of the file (for BibTeX, its entries: `bibtexItems`), or
 * undefined (and reported where the parser stopped).
 */
function parsedText(file: VFile, kind: 'json' | 'ris' | 'bibtex'): { value: unknown } | undefined {
  const text = String(file.value);
  const isJson = kind === 'json';
  try {
    return { value: isJson ? JSON.parse(text) : kind === 'ris' ? parseRisText(text) : parseBibtexText(text) };
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
 * `origin`; an entry without a type, or with a key already defined, is reported and left out; an
 * entry without a key (a Zotero RIS export has no ID lines) is given one (`madeKeys`).
 */
function newItemsOf(file: VFile, relative: string, { entries, isJson, entryPlace }: ParsedBibliography, origin: Map<string, string>): BibliographyItem[] {
  const items: BibliographyItem[] = [];
  // A JSON item by its key's text; an entry of another format by where it starts.
  const itemPlace = (id: string, index: number) => (isJson ? (placeOfText(String(file.value), `"${id}"`) ?? entryPlace(index)) : entryPlace(index));
  if (!isJson) giveKeys(file, entries, origin, entryPlace);
  for (const [index, entry] of entries.entries()) {
    if (entry === undefined && !isJson) continue; // an entry that could not be read, reported where it is
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

/** Whether a BibTeX or RIS entry came without a key: citation-js gives it none, or a random `temp_id_…`. */
function hasNoKey(entry: unknown): entry is Omit<CslJsonItem, 'id'> & { id?: string } {
  if (!entry || typeof entry !== 'object') return false;
  const id = (entry as { id?: unknown }).id;
  return id === undefined || (typeof id === 'string' && id.startsWith('temp_id_'));
}

/**
 * Gives each entry without a key (citation-js's random `temp_id_…`, which could never be cited
 * twice alike) the key the book makes for a work read from a note (`sco2017promotes`): from its
 * author, year and title, so the same entry gets the same key on every run, with a letter after it
 * when an earlier file or an entry of this one holds that key. Reported, with the entry's line.
 */
function giveKeys(file: VFile, entries: unknown[], origin: ReadonlyMap<string, string>, entryPlace: (index: number) => Place | undefined): void {
  const taken = new Set([...origin.keys(), ...entries.filter((entry) => !hasNoKey(entry)).map((entry) => (entry as { id?: unknown } | undefined)?.id)]);
  for (const [index, entry] of entries.entries()) {
    if (!hasNoKey(entry)) continue;
    const { id: _none, ...content } = entry;
    const key = uniqueCitationKey({ ...content, id: '' } as CslJsonItem, taken as ReadonlySet<string>);
    taken.add(key);
    entries[index] = { ...content, id: key };
    report(
      file,
      'bibliography-key-made',
      `an entry without a key is cited as ${key} (made from its author, year and title; an ID  - line keeps it if those change)`,
      entryPlace(index),
    );
  }
}

/** The items of a BibTeX file, in its order: an entry that cannot be read is reported and undefined, a field it cannot read or LaTeX left as written reported on it. */
function bibtexItems(file: VFile, entries: readonly BibtexEntry[]): (CslJsonItem | undefined)[] {
  const text = String(file.value);
  const starts = entryOffsets(text, false);
  const placeOf = placeLocator(text);
  return entries.map((entry, index) => {
    const start = starts[index] ?? 0;
    const entryText = text.slice(start, starts[index + 1] ?? text.length);
    for (const unread of entry.unreadFields) {
      const valueStart = fieldValueOffset(entryText, unread.field);
      const offset = valueStart === undefined ? 0 : valueStart + (unread.offset ?? 0);
      report(file, 'bibliography-field-unread', `${entry.key}: the ${unread.field} field cannot be read (${unread.reason}): left out`, placeOf(start + offset));
    }
    for (const command of new Set(entry.latex.map((left) => left.command))) {
      const fields = entry.latex.filter((left) => left.command === command).map((left) => left.field);
      const valueStart = fieldValueOffset(entryText, fields[0] ?? '');
      const where = fields.join(', ');
      report(
        file,
        'bibliography-latex',
        `${entry.key}: ${command} is a LaTeX command anthology does not decode: it prints as written (${where})`,
        placeOf(start + (valueStart ?? 0)),
      );
    }
    if (entry.unknownLanguage) {
      const { field, value, several } = entry.unknownLanguage;
      const valueStart = fieldValueOffset(entryText, field);
      report(
        file,
        'bibliography-language-unknown',
        several
          ? `${entry.key}: ${field} = {${value}} names several languages, and a CSL item has one: the item is read without one (give its main language as langid)`
          : `${entry.key}: ${field} = {${value}} is no language anthology knows (a babel or polyglossia name such as ngerman or british, or a BCP 47 tag such as de or en-GB): the item is read without one`,
        placeOf(start + (valueStart ?? 0)),
      );
    }
    if (!entry.item) report(file, 'bibliography-invalid', `${entry.key}: cannot be read: ${entry.problem ?? ''}`, placeOf(start));
    return entry.item;
  });
}

/** The biblatex fields a CSL field may come from, where the names differ. */
const biblatexFields: Record<string, string[]> = {
  annote: ['annotation', 'annote'],
  'container-title': ['journaltitle', 'journal', 'booktitle', 'maintitle'],
  'publisher-place': ['location', 'address'],
  'title-short': ['shorttitle', 'title'],
  'collection-title': ['series'],
  'event-place': ['venue'],
  issued: ['date', 'year'],
  authority: ['institution', 'organization'],
};

/** Where a field's value starts (after its `{` or `"`) in an entry's text (a BibTeX field, or the one a CSL field came from), or undefined. */
function fieldValueOffset(entryText: string, field: string): number | undefined {
  for (const name of [field, ...(biblatexFields[field] ?? [])]) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(^|[\\s,{(])${escaped}\\s*=\\s*[{"]?`, 'i').exec(entryText);
    if (match) return match.index + match[0].length;
  }
  return undefined;
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
  const placeOf = placeLocator(text);
  return entryOffsets(text, ris).map(placeOf);
}

/** The offset of each entry's `@` or `TY`. */
function entryOffsets(text: string, ris: boolean): number[] {
  const pattern = ris ? /^TY {2}-/gm : /^[ \t]*@(?!(?:comment|string|preamble)\b)\w+\s*[{(]/gim;
  return [...text.matchAll(pattern)].map((match) => match.index + (match[0].length - match[0].trimStart().length));
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
