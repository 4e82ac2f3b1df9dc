import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { extensionOf, isImageName, looksBinary, sourceExtensions } from '../import/detect.ts';
import { importInput, type SourceImport } from '../import/import.ts';
import type { Archive, ArchiveEntry, ImportOptions, SourceInput } from '../import/types.ts';
import { firstControlCharacter, firstInvalidUtf8, formatMegabytes, maxProjectTextBytes, resolveInside, withLineFeeds } from './read.ts';
import { defaultUnzipLimits, type UnzipLimits, unzipEntries } from './unzip.ts';

/** Files read as text inside an archive or folder: the source formats, and an export's CSV index. */
const textExtensions = new Set([...sourceExtensions, 'csv']);

/**
 * Reads what the user named on the command line: a text file (HTML, Markdown, XML, JSON, text), a
 * zip archive or a folder. Problems (missing, binary, not UTF-8, a broken or unsafe zip) become
 * messages on the returned file; nothing throws for bad input.
 */
export async function readSourceInput(projectDir: string, source: string, limits: UnzipLimits = defaultUnzipLimits): Promise<SourceInput> {
  const absolute = path.resolve(projectDir, source);
  const shown = resolveInside(projectDir, source) ? path.relative(projectDir, absolute) : absolute;
  const file = new VFile({ path: shown, cwd: projectDir });
  let isFolder = false;
  try {
    isFolder = (await stat(absolute)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    report(file, 'import-unreadable', code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code})`);
    return { kind: 'file', file };
  }
  if (isFolder) return { kind: 'archive', archive: await readFolder(absolute, file, limits) };
  const tooLarge = sourceTooLarge(shown, (await stat(absolute)).size, limits);
  if (tooLarge) {
    report(file, 'file-too-large', tooLarge, { line: 1, column: 1 });
    return { kind: 'file', file };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    report(file, 'import-unreadable', `cannot be read (${(error as NodeJS.ErrnoException).code})`);
    return { kind: 'file', file };
  }
  if (isZip(bytes) || extensionOf(shown) === 'zip') return { kind: 'archive', archive: readZip(bytes, file, limits) };
  const text = decodeText(bytes);
  if ('unreadable' in text) report(file, text.unreadable.ruleId, text.unreadable.reason, text.unreadable.place);
  else {
    file.value = text.text;
    if (text.declared) reportDeclared(file, text.declared);
    reportControls(file, text.controls);
  }
  return { kind: 'file', file };
}

/** `PK\3\4` opens a zip with entries, `PK\5\6` an empty one. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function readZip(bytes: Uint8Array, file: VFile, limits: UnzipLimits): Archive {
  const archive: Archive = { file, container: 'zip', entries: [], ignored: [] };
  const result = unzipEntries(bytes, (name) => !name.startsWith('__MACOSX/') && (textExtensions.has(extensionOf(name)) || isImageName(name)), limits);
  if (result.kind !== 'ok') {
    report(file, result.kind === 'broken' ? 'import-archive-broken' : 'import-archive-unsafe', `cannot import this zip: ${result.reason}`, {
      line: 1,
      column: 1,
    });
    return archive;
  }
  for (const unzipped of result.entries) {
    // What macOS adds when it zips a folder: resource forks and Finder settings, not files of the export.
    if (/^__MACOSX\/|(?:^|\/)(?:\.DS_Store|\._[^/]*)$/.test(unzipped.name)) {
      archive.ignored.push({ name: unzipped.name, reason: 'macOS metadata added when zipping: not read' });
      continue;
    }
    const entry: ArchiveEntry = { name: unzipped.name, size: unzipped.size };
    if (unzipped.bytes && textExtensions.has(extensionOf(unzipped.name)))
      Object.assign(entry, textEntry(`${file.path}:${unzipped.name}`, file.cwd, unzipped.bytes));
    else if (unzipped.bytes) entry.bytes = unzipped.bytes;
    archive.entries.push(entry);
  }
  archive.entries.sort((a, b) => compareNames(a.name, b.name));
  return archive;
}

/**
 * Every file under a folder, recursively, in a fixed order. Hidden files and folders (`.git`),
 * `node_modules` and symbolic links (which could lead out of the project) are not read; they
 * are listed in `ignored` so the import can say so.
 */
async function readFolder(root: string, file: VFile, limits: UnzipLimits): Promise<Archive> {
  const archive: Archive = { file, container: 'folder', entries: [], ignored: [] };
  let total = 0;
  const visit = async (relative: string): Promise<void> => {
    let children: Dirent[];
    try {
      children = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      archive.ignored.push({ name: `${relative}/`, reason: `cannot be read (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    for (const child of children.sort((a, b) => compareNames(a.name, b.name))) {
      const name = relative ? `${relative}/${child.name}` : child.name;
      if (child.name.startsWith('.')) archive.ignored.push({ name: child.isDirectory() ? `${name}/` : name, reason: 'hidden: not read' });
      else if (child.isSymbolicLink()) archive.ignored.push({ name, reason: 'a symbolic link: not followed (it could lead out of the project)' });
      else if (child.isDirectory() && child.name === 'node_modules') archive.ignored.push({ name: `${name}/`, reason: 'installed packages: not read' });
      else if (child.isDirectory()) await visit(name);
      else if (!child.isFile()) archive.ignored.push({ name, reason: 'not a regular file' });
      else if (archive.entries.length >= limits.entries) archive.ignored.push({ name, reason: `past the limit of ${limits.entries} files: not read` });
      else {
        const diskPath = path.join(root, name);
        const size = (await stat(diskPath)).size;
        const entry: ArchiveEntry = { name, size, diskPath };
        if (textExtensions.has(extensionOf(name))) {
          const tooLarge = sourceTooLarge(name, size, limits);
          if (tooLarge) {
            archive.ignored.push({ name, reason: `${tooLarge}: not read` });
            continue;
          }
          total += size;
          if (total > limits.totalBytes) {
            archive.ignored.push({ name, reason: `past the limit of ${Math.round(limits.totalBytes / 1048576)} MB of text: not read` });
            continue;
          }
          Object.assign(entry, textEntry(`${file.path}/${name}`, file.cwd, await readFile(diskPath)));
        }
        archive.entries.push(entry);
      }
    }
  };
  await visit('');
  // The same order as a zip's entries: by whole path, so a folder and its zip import alike.
  archive.entries.sort((a, b) => compareNames(a.name, b.name));
  return archive;
}

function textEntry(filePath: string, cwd: string, bytes: Uint8Array): Pick<ArchiveEntry, 'file' | 'unreadable'> {
  const file = new VFile({ path: filePath, cwd, value: '' });
  const text = decodeText(bytes);
  if ('unreadable' in text) return { file, unreadable: text.unreadable };
  file.value = text.text;
  if (text.declared) reportDeclared(file, text.declared);
  reportControls(file, text.controls);
  return { file };
}

function reportDeclared(file: VFile, encoding: string): void {
  report(file, 'import-encoding-declared', `the file is not UTF-8: read as ${encoding}, the encoding it declares`, { line: 1, column: 1 });
}

/** Code-point order: the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Decoded = { text: string; declared?: string; controls?: RemovedControls[] } | { unreadable: NonNullable<ArchiveEntry['unreadable']> };

/** The control characters taken out of one line: where the first was, and which. */
export interface RemovedControls {
  line: number;
  column: number;
  codes: number[];
}

/**
 * A source's text. UTF-8 (its byte-order mark dropped), or, for a file that is not UTF-8, the
 * encoding the file itself declares: a UTF-16 byte-order mark, HTML's `<meta charset>`, XML's
 * `encoding=`, Project Gutenberg's `Character set encoding:` line. A file that is neither is
 * refused: guessing an encoding would put wrong letters in the book.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const decoded = decodeBytes(bytes);
  if ('unreadable' in decoded) return decoded;
  const text = withLineFeeds(decoded.text);
  // A NUL is a damaged or binary file; any other control character is one stray keystroke or byte, taken out.
  const nul = text.indexOf('\u0000');
  const control = nul >= 0 ? firstControlCharacter(text.slice(0, nul + 1)) : undefined;
  if (control) return { unreadable: { ruleId: 'text-control-character', reason: control.reason, place: control.place } };
  return { ...decoded, ...withoutControlCharacters(text) };
}

/**
 * C0 controls other than tab and line ends, DEL and the C1 controls: no book format can carry them
 * (XML 1.0 forbids the C0 ones), and a saved page or scrape holds them only by accident (a `U+001D`
 * pasted from a word processor). Each line's are reported once, at the first.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacters = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function withoutControlCharacters(text: string): { text: string; controls: RemovedControls[] } {
  const controls: RemovedControls[] = [];
  if (!new RegExp(controlCharacters.source).test(text)) return { text, controls };
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const found = [...line.matchAll(controlCharacters)];
    const first = found[0];
    if (first?.index === undefined) continue;
    controls.push({ line: index + 1, column: first.index + 1, codes: found.map((match) => match[0].charCodeAt(0)) });
    lines[index] = line.replace(controlCharacters, '');
  }
  return { text: lines.join('\n'), controls };
}

/** At most this many lines are reported one by one; the rest in one message. */
const controlLinesReported = 20;

function reportControls(file: VFile, controls: readonly RemovedControls[] = []): void {
  for (const { line, column, codes } of controls.slice(0, controlLinesReported)) {
    const names = [...new Set(codes)].map((code) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
    const what = codes.length === 1 ? `the control character ${names}` : `${codes.length} control characters (${names})`;
    report(file, 'import-control-character', `removed ${what}: no book format can carry it (columns after it on this line are one less)`, { line, column });
  }
  const rest = controls.slice(controlLinesReported);
  if (rest.length > 0) {
    const first = rest[0] as RemovedControls;
    report(file, 'import-control-character', `removed control characters on ${rest.length} more lines (the first here)`, {
      line: first.line,
      column: first.column,
    });
  }
}

/**
 * The most a source file may weigh: a single post or a scrape, 32 MB (SingleFile pages with their
 * pictures inlined stay under it); an export (XML, a Blogger `feed.atom`, JSON, CSV index), 256 MB. More is not a blog
 * post, and reading it would only exhaust memory.
 */
function sourceTooLarge(name: string, size: number, limits: UnzipLimits): string | undefined {
  const limit = ['xml', 'atom', 'json', 'csv'].includes(extensionOf(name)) ? Math.min(8 * maxProjectTextBytes, limits.totalBytes) : maxProjectTextBytes;
  if (extensionOf(name) === 'zip' || size <= limit) return undefined;
  return `${formatMegabytes(size)}: more than the ${formatMegabytes(limit)} a source file of this kind may have`;
}

function decodeBytes(bytes: Uint8Array): Decoded {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes).replace(/^\uFEFF/, ''), declared: utf16.toUpperCase() };
  if (looksBinary(bytes))
    return {
      unreadable: {
        ruleId: 'import-binary',
        reason: 'this is a binary file, not text: import HTML, Markdown, XML, JSON or plain text',
        place: { line: 1, column: 1 },
      },
    };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    const declared = declaredEncoding(bytes);
    if (declared) return { text: declared.decode(bytes), declared: declared.name };
    return { unreadable: { ruleId: 'import-encoding', reason: 'the file is not valid UTF-8 text: re-save it as UTF-8', place: firstInvalidUtf8(bytes) } };
  }
}

/** The encoding a file names for itself near its start, if it is one we can decode (and not UTF-8, which it failed). */
function declaredEncoding(bytes: Uint8Array): { name: string; decode: (bytes: Uint8Array) => string } | undefined {
  // Declarations are ASCII: any single-byte reading of the start finds them.
  const head = decodeWindows1252(bytes.subarray(0, 8192));
  const name =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /^<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head.trimStart())?.[1] ??
    /^Character set encoding:\s*([\w.:-]+)/im.exec(head)?.[1];
  if (!name || /^utf-?8$/i.test(name)) return undefined;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(name);
  } catch {
    return undefined;
  }
  // ISO-8859-1, latin1, ASCII and cp1252 are all windows-1252 on the web, and Node 20 decodes
  // windows-1252 as ISO-8859-1 (0x93 stays a C1 control instead of “): those go through the table.
  return { name, decode: decoder.encoding === 'windows-1252' ? decodeWindows1252 : (data) => decoder.decode(data) };
}

/** What windows-1252 puts at 0x80–0x9F (WHATWG's index; unassigned bytes stay C1 controls). */
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (byte) => (byte >= 0x80 && byte < 0xa0 ? (windows1252High[byte - 0x80] ?? byte) : byte)));
  }
  return text;
}

/**
 * Reads and imports one source as `anthology import` does, without writing anything: for tools
 * that check imports (the corpus runner, benchmarks). `input` is kept for copying images.
 */
export async function importSourcePath(
  projectDir: string,
  source: string,
  options: ImportOptions,
  slugger: GithubSlugger = new GithubSlugger(),
): Promise<{ input: SourceInput; result: SourceImport }> {
  const input = await readSourceInput(projectDir, source);
  const file = input.kind === 'file' ? input.file : input.archive.file;
  const unread = file.messages.some((message) => message.fatal);
  return { input, result: unread ? { file, format: undefined, chapters: [], lines: [] } : importInput(input, options, slugger) };
}
