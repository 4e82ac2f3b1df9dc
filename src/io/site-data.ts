import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { authorDataOf } from '../import/markdown/front-matter.ts';
import { splitFrontMatter } from '../load/chapter.ts';
import { resolveInside } from './read.ts';

/**
 * Where static-site generators keep their authors, as key → person, in the folder that holds
 * them: Jekyll's `_data/authors.yml`, Docusaurus's `authors.yml` in the blog folder, Hugo's
 * `data/authors.yaml`.
 */
const authorFiles = [
  '_data/authors.yml',
  '_data/authors.yaml',
  '_data/authors.json',
  'authors.yml',
  'authors.yaml',
  'data/authors.yaml',
  'data/authors.yml',
  'data/authors.toml',
  'data/authors.json',
];

type AuthorData = Record<string, string>;

/**
 * A site's author data for a post or folder of posts: in the nearest folder above it that has
 * any, inside the project (never above it): a file of authors (`authorFiles`), else Hugo's
 * `data/authors/<key>.yaml` (one file per author) or Hugo Blox's `content/authors/<key>/_index.md`
 * (its `title:` is the name). Undefined when there is none or it cannot be read: the importer
 * then says the key named nobody.
 */
export async function findAuthorData(projectDir: string, source: string): Promise<AuthorData | undefined> {
  const start = resolveInside(projectDir, source);
  if (!start) return undefined;
  const root = path.resolve(projectDir);
  let folder = (await isFolder(start)) ? start : path.dirname(start);
  while (folder === root || folder.startsWith(`${root}${path.sep}`)) {
    const found = await authorDataIn(folder);
    if (found !== 'none') return found;
    if (folder === root) break;
    folder = path.dirname(folder);
  }
  return undefined;
}

/** The author data one folder holds; `none` to look further up, undefined for data that cannot be read. */
async function authorDataIn(folder: string): Promise<AuthorData | undefined | 'none'> {
  for (const name of authorFiles) {
    const text = await readFile(path.join(folder, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const data = parsedData(name, text);
    if (data === 'unreadable') return undefined;
    const authors = authorDataOf(data);
    if (authors) return authors;
  }
  const perAuthor = { ...(await hugoBloxAuthors(path.join(folder, 'content/authors'))), ...(await hugoAuthorFiles(path.join(folder, 'data/authors'))) };
  return Object.keys(perAuthor).length > 0 ? perAuthor : 'none';
}

/** Hugo's `data/authors/jdoe.yaml` (`name: Jane Doe`): one author a file, the file's name the key. */
async function hugoAuthorFiles(folder: string): Promise<AuthorData> {
  const data: AuthorData = {};
  for (const name of (await readdir(folder).catch(() => [] as string[])).sort()) {
    const key = /^(.+)\.(?:ya?ml|toml|json)$/i.exec(name)?.[1];
    if (!key) continue;
    const parsed = parsedData(name, (await readFile(path.join(folder, name), 'utf8').catch(() => undefined)) ?? '');
    const person = parsed === 'unreadable' ? undefined : authorDataOf({ [key]: parsed });
    if (person?.[key]) data[key] = person[key];
  }
  return data;
}

/** Hugo Blox's author pages, `content/authors/me/_index.md`: the front matter's `title:` is the name, the folder's name the key. */
async function hugoBloxAuthors(folder: string): Promise<AuthorData> {
  const data: AuthorData = {};
  for (const key of (await readdir(folder).catch(() => [] as string[])).sort()) {
    const text = await readFile(path.join(folder, key, '_index.md'), 'utf8').catch(() => undefined);
    const split = text === undefined ? undefined : splitFrontMatter(text);
    if (split?.kind !== 'ok') continue;
    const values = parsedData('_index.yaml', split.yaml);
    const title = values !== 'unreadable' && values && typeof values === 'object' ? (values as Record<string, unknown>).title : undefined;
    if (typeof title === 'string' && title.trim() !== '') data[key] = title.trim();
  }
  return data;
}

function parsedData(name: string, text: string): unknown {
  try {
    return name.endsWith('.json') ? JSON.parse(text) : name.endsWith('.toml') ? parseToml(text) : parseYaml(text);
  } catch {
    return 'unreadable';
  }
}

/** Quarto's directory metadata: a folder's `_metadata.yml` `author:`, which applies to the posts under it that name none. */
export interface FolderMetadata {
  /** The folder, from the project, `/`-separated. */
  folder: string;
  /** The `_metadata.yml` file, from the project. */
  file: string;
  author: unknown;
}

/**
 * The `_metadata.yml` files that name authors (`author:` or `authors:`) for a post or folder of
 * posts: in the folders above it inside the project, and, for a folder, in every folder under it.
 * A file that cannot be read or parsed is passed over, as Quarto would fail on it anyway.
 */
export async function findFolderMetadata(projectDir: string, source: string, outside: (file: string) => void = () => {}): Promise<FolderMetadata[]> {
  const start = resolveInside(projectDir, source);
  if (!start) return [];
  const root = path.resolve(projectDir);
  const realRoot = await realpath(root).catch(() => root);
  const realStart = await realpath(start).catch(() => start);
  const folders: string[] = [];
  const top = (await isFolder(start)) ? start : path.dirname(start);
  for (let folder = top; folder === root || folder.startsWith(`${root}${path.sep}`); folder = path.dirname(folder)) {
    folders.push(folder);
    if (folder === root) break;
  }
  if (await isFolder(start)) {
    const below = await readdir(start, { recursive: true }).catch(() => [] as string[]);
    for (const name of below.sort()) if (path.basename(name) === '_metadata.yml') folders.push(path.join(start, path.dirname(name)));
  }
  const found: FolderMetadata[] = [];
  for (const folder of [...new Set(folders)]) {
    const file = path.join(folder, '_metadata.yml');
    const fromProject = (at: string) => path.relative(projectDir, at).split(path.sep).join('/');
    // A link may lead anywhere: the file must really be in the project, and one under the source folder in it.
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined) continue;
    const below = folder === start || folder.startsWith(`${start}${path.sep}`);
    if (!isWithin(realRoot, real) || (below && !isWithin(realStart, real))) {
      outside(fromProject(file));
      continue;
    }
    const data = parsedData(file, (await readFile(real, 'utf8').catch(() => undefined)) ?? '');
    const record = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    const author = record?.author ?? record?.authors;
    if (author === undefined) continue;
    found.push({ folder: fromProject(folder), file: fromProject(file), author });
  }
  return found;
}

function isWithin(folder: string, file: string): boolean {
  const back = path.relative(folder, file);
  return back !== '' && !back.startsWith('..') && !path.isAbsolute(back);
}

async function isFolder(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isDirectory() === true;
}
