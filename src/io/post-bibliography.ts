import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SourceInput } from '../import/types.ts';
import { bibliographyDir, bibliographyTextKeys, managedBibliographyFile } from './bibliography.ts';
import { writeFileAtomic } from './stage.ts';
import { importedHash, readManifest, writeManifest } from './write-chapters.ts';

/** A post's bibliography file, read from beside it: its name and bytes, or why it was not read. */
export type PostBibliography = { name: string; bytes: Uint8Array } | { problem: string };

/** The formats the book's bibliography/ holds (`io/bibliography.ts`). */
const bibliographyName = /\.(json|bib|ris)$/i;

/**
 * The file a post's `bibliography:` names, relative to the post: inside a zip, only from the zip;
 * on disk, only from inside the folder that was imported (the post's own folder when it was
 * named alone), never through a link that leads out of it.
 */
export async function readPostBibliography(written: string, member: string | undefined, input: SourceInput, projectDir: string): Promise<PostBibliography> {
  if (!bibliographyName.test(written)) return { problem: 'is not CSL-JSON (.json), BibTeX (.bib) or RIS (.ris), which the book reads' };
  if (input.kind === 'archive' && input.archive.container === 'zip') {
    const name = path.posix.normalize(path.posix.join(path.posix.dirname(member ?? ''), written));
    if (name.startsWith('../') || name.startsWith('/')) return { problem: 'is outside the archive: not read' };
    const entry = input.archive.entries.find((candidate) => candidate.name === name);
    return entry?.bytes ? { name: path.posix.basename(name), bytes: entry.bytes } : { problem: 'is not in the archive' };
  }
  const sourcePath = path.resolve(projectDir, input.kind === 'file' ? input.file.path : input.archive.file.path);
  const sourceDir = input.kind === 'file' ? path.dirname(sourcePath) : sourcePath;
  const from = path.resolve(path.join(sourceDir, path.dirname(member ?? '.')), written);
  const real = await realpath(from).catch(() => from);
  const back = path.relative(await realpath(sourceDir).catch(() => sourceDir), real);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) return { problem: 'is outside the folder that was imported: not read' };
  const isFile = await stat(real).then(
    (found) => found.isFile(),
    () => false,
  );
  if (!isFile) return { problem: 'was not found beside the post' };
  return { name: path.basename(from), bytes: new Uint8Array(await readFile(real)) };
}

/** Where a post's bibliography went in the project: `bibliography/<name>`, and whether that name was free. */
export interface CopiedBibliography {
  /** The project-relative path written (or found with the same bytes, or kept). */
  path: string;
  /** The file's own name was taken by another file: it got this one. */
  renamed: boolean;
  /** A file with the same bytes was there already (an earlier import): nothing written. */
  present: boolean;
  /** An earlier import's copy, untouched since (every entry of it is in the new file, unchanged), was replaced: the keys the new one adds. */
  replaced?: { added: string[] };
  /**
   * A file whose every entry the new one holds, but which is not as an import wrote it (edited in
   * the book, or the editor's own): left as it is, nothing written; the keys the new one adds.
   */
  kept?: { added: string[] };
  /** Renamed beside a file of its own name that holds some of its keys (edited in the book, or the source lost entries): those keys. */
  shared?: string[];
}

/**
 * Copies a post's bibliography into bibliography/ under its own name, or, when another file has
 * that name, the first free `<stem>-2.<ext>`, `-3`…. A file with the same bytes already there is
 * that one (imported before). One whose every entry the new file holds unchanged is an earlier
 * copy of it: replaced by the new one when it still has the bytes an import wrote (recorded in
 * bibliography/'s manifest, as chapters/'s), or when `force`; else (an editor removed an entry, or
 * wrote it) kept as it is. Any other file is never overwritten.
 */
export async function copyPostBibliography(projectDir: string, bibliography: { name: string; bytes: Uint8Array }, force = false): Promise<CopiedBibliography> {
  const folder = path.join(projectDir, bibliographyDir);
  const taken = await takenNames(folder, bibliography.name);
  const at = (name: string) => `${bibliographyDir}/${name}`;
  const same = taken.files.find((file) => file.bytes && Buffer.compare(file.bytes, bibliography.bytes) === 0);
  if (same) return { path: at(same.name), renamed: same.index > 1, present: true };
  const manifest = await readManifest(folder);
  const write = async (name: string) => {
    await writeFileAtomic(path.join(folder, name), bibliography.bytes);
    await writeManifest(folder, { ...manifest, [name]: importedHash(bibliography.bytes) });
  };
  const text = Buffer.from(bibliography.bytes).toString('utf8');
  const keys = bibliographyKeys(bibliography.name, text);
  for (const file of taken.files) {
    if (!file.bytes) continue;
    const before = Buffer.from(file.bytes).toString('utf8');
    const untouched = manifest[file.name] === importedHash(file.bytes);
    // An earlier copy of this file: every entry of it is in the new one, unchanged. One whose
    // entries differ (corrected in the book, or another post's works under the same keys) is
    // another file: the new one goes beside it, and the keys both define are said.
    if (!isEarlierCopy(bibliography.name, before, text)) continue;
    const old = new Set(bibliographyKeys(bibliography.name, before));
    const copied = { path: at(file.name), renamed: file.index > 1, present: false };
    const added = keys.filter((key) => !old.has(key));
    if (!(untouched || force)) return { ...copied, kept: { added } };
    await write(file.name);
    return { ...copied, replaced: { added } };
  }
  await write(taken.free.name);
  const first = taken.files[0];
  const own = first?.index === 1 && first.bytes ? bibliographyKeys(bibliography.name, Buffer.from(first.bytes).toString('utf8')) : [];
  const shared = own.filter((key) => keys.includes(key));
  return { path: at(taken.free.name), renamed: taken.free.index > 1, present: false, ...(shared.length > 0 ? { shared } : {}) };
}

/** The files in bibliography/ named `<stem>.<ext>`, `<stem>-2.<ext>`… in turn (with their bytes), up to the first free name. */
async function takenNames(
  folder: string,
  fileName: string,
): Promise<{ files: { name: string; index: number; bytes: Uint8Array | undefined }[]; free: { name: string; index: number } }> {
  const names = new Set(await readdir(folder).catch(() => [] as string[]));
  const extension = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length).replace(/[^\w.-]+/g, '-') || 'references';
  const files: { name: string; index: number; bytes: Uint8Array | undefined }[] = [];
  for (let index = 1; ; index++) {
    const name = index === 1 ? `${stem}${extension}` : `${stem}-${index}${extension}`;
    // The file import and cite write is never a post's, whatever its name.
    if (`${bibliographyDir}/${name}` === managedBibliographyFile) continue;
    if (!names.has(name)) return { files, free: { name, index } };
    files.push({ name, index, bytes: await readFile(path.join(folder, name)).catch(() => undefined) });
  }
}

/**
 * Whether a file already in bibliography/ is an earlier copy of a new version of it: it holds at
 * least one entry, and every one (and whatever it has outside them) is in the new file, unchanged
 * (else an editor's file, or entries changed or removed).
 */
function isEarlierCopy(name: string, existing: string, next: string): boolean {
  const before = bibliographyEntries(name, existing);
  const after = new Set(bibliographyEntries(name, next));
  return before.some((entry) => entry !== '') && before.every((entry) => entry === '' || after.has(entry));
}

/**
 * A bibliography file cut into its entries, each as written (trailing spaces aside): BibTeX's
 * at each `@` that starts a line (the text before the first one too), CSL-JSON's items, RIS's records.
 */
function bibliographyEntries(name: string, text: string): string[] {
  const trimmed = (parts: string[]) => parts.map((part) => part.replace(/\s+$/, '').replace(/^\s+/, ''));
  if (/\.json$/i.test(name)) {
    try {
      const data: unknown = JSON.parse(text);
      return Array.isArray(data) ? data.map((item) => JSON.stringify(item)) : [text];
    } catch {
      return [text];
    }
  }
  if (/\.ris$/i.test(name)) return trimmed(text.replace(/\r\n?/g, '\n').split(/^ER {2}-.*$/m));
  return trimmed(text.replace(/\r\n?/g, '\n').split(/^(?=[ \t]*@)/m));
}

/** A bibliography file of the site imported: its path from the project (as the source files'), the keys it holds. */
export interface SiteBibliography {
  path: string;
  keys: string[];
  /** The site's page whose work it is (Hugo Blox's `content/publication/<name>/cite.bib`: `/publication/<name>`). */
  page?: string;
}

/** Where academic site generators keep their bibliographies, from the site's root: jekyll-scholar's (al-folio's) and al-folio's Distill posts'. */
// Not `bibliography/`: a post beside the book's files would read the book's own bibliography as its site's.
const bibliographyFolders = ['_bibliography', 'assets/bibliography'];

/**
 * The bibliography files of what was imported, read only from inside it (a folder, or the folder
 * of a post named alone): every BibTeX, CSL-JSON or RIS file in jekyll-scholar's `_bibliography/`, al-folio's
 * `assets/bibliography/`, and at the folder's top (a Jupyter Book's
 * `references.bib`), and those its `_config.yml` names (`bibtex_bibfiles:`), each with its keys.
 */
export async function findSiteBibliographies(projectDir: string, source: string): Promise<SiteBibliography[]> {
  const named = path.resolve(projectDir, source);
  const isFolder = await stat(named).then(
    (found) => found.isDirectory(),
    () => false,
  );
  // A post named alone is read with its own folder, as its `bibliography:` is (`readPostBibliography`).
  const root = isFolder ? named : path.dirname(named);
  const names = new Set<string>();
  for (const folder of ['', ...bibliographyFolders]) {
    for (const name of (await readdir(path.join(root, folder)).catch(() => [] as string[])).sort())
      if (bibliographyName.test(name)) names.add(path.posix.join(folder, name));
  }
  for (const name of await configuredBibliographies(root)) names.add(name);
  for (const name of await publicationCitations(root)) names.add(name);
  const found: SiteBibliography[] = [];
  for (const name of [...names].sort()) {
    const file = path.resolve(root, name);
    const back = path.relative(root, await realpath(file).catch(() => file));
    if (back.startsWith('..') || path.isAbsolute(back)) continue;
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const page = /^content\/(.+)\/cite\.bib$/.exec(name)?.[1];
    found.push({ path: path.relative(projectDir, file).split(path.sep).join('/'), keys: bibliographyKeys(name, text), ...(page ? { page: `/${page}` } : {}) });
  }
  return found;
}

/** Hugo Blox's (Wowchemy's) publication pages' citations, `content/publication/<name>/cite.bib`, which `{{< cite page="/publication/<name>" >}}` cites. */
async function publicationCitations(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const section of ['publication', 'publications']) {
    for (const name of (await readdir(path.join(root, 'content', section)).catch(() => [] as string[])).sort()) {
      const file = path.posix.join('content', section, name, 'cite.bib');
      if (
        await stat(path.join(root, file)).then(
          (found) => found.isFile(),
          () => false,
        )
      )
        names.push(file);
    }
  }
  return names;
}

/** The files a Jupyter Book's `_config.yml` names (`bibtex_bibfiles:`) or a MyST project's `myst.yml` (`project.bibliography:`). */
async function configuredBibliographies(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const [file, pick] of [
    ['_config.yml', (data: Record<string, unknown>) => data.bibtex_bibfiles],
    ['myst.yml', (data: Record<string, unknown>) => (data.project as Record<string, unknown> | undefined)?.bibliography],
  ] as const) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch {
      continue;
    }
    const value = data && typeof data === 'object' ? pick(data as Record<string, unknown>) : undefined;
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) if (typeof item === 'string' && bibliographyName.test(item)) names.push(path.posix.normalize(item));
  }
  return names;
}

/**
 * The keys a bibliography file holds, as the build will read them (`bibliographyTextKeys`); for a
 * file the build cannot read, as its format writes them: BibTeX's `@type{key,` (not `@string`,
 * `@comment`, `@preamble`), CSL-JSON's `id`, RIS's `ID  -`.
 */
export function bibliographyKeys(name: string, text: string): string[] {
  const read = bibliographyTextKeys(name, text);
  if (read) return read;
  if (/\.json$/i.test(name)) return [];
  if (/\.ris$/i.test(name)) return [...text.matchAll(/^ID {2}- *(\S.*?)\s*$/gm)].map((match) => match[1] as string);
  return [...text.matchAll(/^\s*@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,/gm)]
    .filter((match) => !/^(?:string|comment|preamble)$/i.test(match[1] as string))
    .map((match) => match[2] as string);
}
