// Books of any size for the build benchmark, made from the default book's real chapters: chapter i
// is the default book's chapter (i mod n) as written, notes and citations included, in copy
// ⌊i / n⌋. Every copy gets its own file name (so its own slug) and its own bibliography items
// (`key` → `key-2`, …, titled `… (2)`, short title too), so the bibliography grows with the book as
// a real one would: distinct works, not hundreds with the same short note (which citeproc would
// have to tell apart, a cost that grows with the square of the copies and that no real book has).
// Deterministic: the same count always gives the same files. Also writes the same chapters for
// Pandoc: each chapter's body under a `# Title` heading, one file per chapter.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { CslJsonItem } from '../src/core/citations.ts';
import { splitFrontMatter } from '../src/load/chapter.ts';
import { keyPattern } from '../src/load/citation-syntax.ts';

export interface ScaledBook {
  /** Chapter files in reading order, relative to the project. */
  chapters: string[];
  /** Pandoc's inputs in reading order, relative to the project. */
  pandocChapters: string[];
  /** A chapter with notes, to change for the rebuild. */
  changeable: string;
}

interface SourceChapter {
  file: string;
  text: string;
}

const citedKey = new RegExp(`@(${keyPattern})`, 'gu');

/** The default book's contents as one list of chapter files, in reading order. */
function listedChapters(contents: unknown[]): string[] {
  return contents.flatMap((entry) => (typeof entry === 'string' ? [entry] : ((entry as { chapters: string[] }).chapters ?? [])));
}

/** The key a copy of the book gives a bibliography item: the first copy keeps the real keys. */
function copyKey(key: string, copy: number): string {
  return copy === 0 ? key : `${key}-${copy + 1}`;
}

/** The chapter's text with every citation key that is in the bibliography renamed for its copy. */
function renameKeys(text: string, keys: ReadonlySet<string>, copy: number): string {
  if (copy === 0) return text;
  return text.replace(citedKey, (whole, key: string) => (keys.has(key) ? `@${copyKey(key, copy)}` : whole));
}

/** A chapter's front matter, parsed, and its body (src/load/chapter.ts splits them). */
function frontMatterOf(text: string): { meta: Record<string, unknown>; body: string } {
  const split = splitFrontMatter(text);
  if (split.kind !== 'ok') return { meta: {}, body: split.kind === 'missing' ? split.body : text };
  return { meta: (parse(split.yaml) ?? {}) as Record<string, unknown>, body: split.body };
}

/** Writes a project of `chapterCount` chapters into `dir` (config, chapters, bibliography, styles) and Pandoc's inputs. */
export async function writeScaledBook(dir: string, repoRoot: string, chapterCount: number): Promise<ScaledBook> {
  const config = parse(await readFile(path.join(repoRoot, 'anthology.yaml'), 'utf8')) as Record<string, unknown> & { contents: unknown[]; title: string };
  const sources: SourceChapter[] = await Promise.all(
    listedChapters(config.contents).map(async (file) => ({ file, text: await readFile(path.join(repoRoot, file), 'utf8') })),
  );
  const references = JSON.parse(await readFile(path.join(repoRoot, 'bibliography/references.json'), 'utf8')) as CslJsonItem[];
  const keys = new Set(references.map((item) => item.id));
  const copies = Math.ceil(chapterCount / sources.length);

  await mkdir(path.join(dir, 'chapters'), { recursive: true });
  await mkdir(path.join(dir, 'bibliography'), { recursive: true });
  await mkdir(path.join(dir, 'pandoc'), { recursive: true });
  await cp(path.join(repoRoot, 'styles'), path.join(dir, 'styles'), { recursive: true });

  const items = Array.from({ length: copies }, (_, copy) =>
    references.map((item) =>
      copy === 0
        ? item
        : {
            ...item,
            id: copyKey(item.id, copy),
            ...(typeof item.title === 'string' ? { title: `${item.title} (${copy + 1})` } : {}),
            ...(typeof item['title-short'] === 'string' ? { 'title-short': `${item['title-short']} (${copy + 1})` } : {}),
          },
    ),
  ).flat();
  await writeFile(path.join(dir, 'bibliography/references.json'), `${JSON.stringify(items, null, 2)}\n`);

  const book: ScaledBook = { chapters: [], pandocChapters: [], changeable: '' };
  const contents: { part: string; chapters: string[] }[] = [];
  for (let index = 0; index < chapterCount; index++) {
    const copy = Math.floor(index / sources.length);
    const source = sources[index % sources.length] as SourceChapter;
    const name = path.basename(source.file, '.md');
    const file = copy === 0 ? source.file : `chapters/${name}-${copy + 1}.md`;
    const text = renameKeys(source.text, keys, copy);
    await writeFile(path.join(dir, file), text);
    book.chapters.push(file);
    if (!book.changeable && /\[\^[^\]]+\]:/.test(text)) book.changeable = file;
    if (index % sources.length === 0) contents.push({ part: copy === 0 ? 'Commentary and Essays' : `Commentary and Essays ${copy + 1}`, chapters: [] });
    contents.at(-1)?.chapters.push(file);

    const { meta, body } = frontMatterOf(text);
    const pandocFile = `pandoc/${String(index + 1).padStart(4, '0')}-${name}.md`;
    await writeFile(path.join(dir, pandocFile), `# ${String(meta.title ?? name)}\n\n${body}`);
    book.pandocChapters.push(pandocFile);
  }
  // The default book itself keeps its own anthology.yaml; a larger one gets a part per copy.
  if (chapterCount === sources.length) await cp(path.join(repoRoot, 'anthology.yaml'), path.join(dir, 'anthology.yaml'));
  else {
    const { sources: _sources, ...rest } = config;
    await writeFile(path.join(dir, 'anthology.yaml'), stringify({ ...rest, contents }, { lineWidth: 0 }));
  }
  await writeFile(
    path.join(dir, 'pandoc/metadata.yaml'),
    stringify({ title: config.title, subtitle: config.subtitle, lang: config.language, author: config.editors }, { lineWidth: 0 }),
  );
  return book;
}

/** Changes one chapter as an editor would: a sentence added to its first paragraph. */
export async function changeChapter(dir: string, file: string): Promise<void> {
  const target = path.join(dir, file);
  const text = await readFile(target, 'utf8');
  const { body } = frontMatterOf(text);
  const paragraphEnd = text.indexOf('\n\n', text.length - body.length + 1);
  await writeFile(target, `${text.slice(0, paragraphEnd)} An editor added this sentence.${text.slice(paragraphEnd)}`);
}
