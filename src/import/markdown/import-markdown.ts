import type { Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import type { Html, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { parse as parseToml } from 'smol-toml';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { report } from '../../core/rules.ts';
import { recogniseFootnotes } from '../html/footnotes.ts';
import { htmlToMdast } from '../html/html-to-mdast.ts';
import { sanitiseHast } from '../html/sanitise.ts';
import { findDate, splitNames } from '../text.ts';
import type { ChapterField, ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);

type FrontMatterValues = Record<string, unknown>;

/**
 * Imports a Markdown post with front matter (Jekyll, Hugo, Eleventy): maps the common keys, keeps
 * `[^n]` footnotes, and sends any raw HTML (hand-made `<sup>` note links, figures) through the
 * same sanitising HTML path as saved pages.
 */
export function importMarkdown(file: VFile, options: ImportOptions): ImportResult {
  const text = String(file.value);
  const lines = text.split(/\r?\n/);
  const opening = lines[0]?.trimEnd();
  if (opening === '---' || opening === '+++') {
    const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === opening);
    if (close < 0) {
      report(file, 'front-matter-unterminated', `front matter opened with ${opening} on line 1 is never closed`, { line: 1, column: 1 });
      return { pieces: [], lines: [] };
    }
  }
  const tree = parser.parse(text) as Root;
  let values: FrontMatterValues = {};
  let frontMatterEnd = 0;
  // remark-frontmatter adds a `toml` node that mdast's types do not list.
  const first = tree.children[0] as { type: string; value?: string; position?: { end: { line: number } } } | undefined;
  if (first && (first.type === 'yaml' || first.type === 'toml')) {
    try {
      values = (first.type === 'yaml' ? parseYaml(first.value ?? '') : parseToml(first.value ?? '')) ?? {};
    } catch (error) {
      report(file, 'yaml-syntax', `front matter cannot be parsed: ${(error as Error).message.split('\n')[0]}`, { line: 2, column: 1 });
      return { pieces: [], lines: [] };
    }
    frontMatterEnd = first.position?.end.line ?? 0;
    tree.children.shift();
  }

  const meta = frontMatterToMeta(values, file, options);
  if (!meta.title) {
    const heading = tree.children.find((node) => node.type === 'heading' && node.depth === 1);
    if (heading) {
      meta.title = plainText(heading);
      tree.children.splice(tree.children.indexOf(heading), 1);
    }
  }
  const body = hasRawHtml(tree) ? throughHtml(tree, file) : tree;
  shiftHeadings(body);
  if (!meta.title) {
    meta.title = `Untitled piece (${file.stem ?? 'markdown'})`;
    meta.provisional_title = true;
    report(file, 'import-untitled', 'the post has no title in its front matter or a level-1 heading; it was given a provisional one', { line: 1, column: 1 });
  }
  let currentKey: string | undefined;
  const fates: LineFate[] = lines.map((line, index) => {
    const number = index + 1;
    if (line.trim() === '') return { line: number, fate: 'blank' };
    if (number <= frontMatterEnd) {
      if (number === 1 || number === frontMatterEnd) return { line: number, fate: 'dropped', piece: 1, reason: 'front-matter delimiter' };
      const key = /^\s*([\w-]+)\s*[:=]/.exec(line)?.[1];
      if (key !== undefined) currentKey = key;
      const field = currentKey === undefined ? undefined : fieldOfKey.get(currentKey);
      return field
        ? { line: number, fate: 'metadata', piece: 1, field }
        : { line: number, fate: 'dropped', piece: 1, reason: `front-matter key \`${currentKey ?? '?'}\` has no place in a chapter (a site-only setting)` };
    }
    return { line: number, fate: 'kept', piece: 1, field: 'body' };
  });
  const piece: ImportedPiece = {
    meta: { ...(meta as ChapterFrontMatter), source: { file: file.path, lines: [1, Math.max(1, lines.length)] }, rights: '' },
    body,
  };
  return { pieces: [piece], lines: fates };
}

const keysByField: [ChapterField, string[]][] = [
  ['title', ['title']],
  ['authors', ['author', 'authors', 'by', 'byline']],
  ['date', ['date', 'published', 'publishDate', 'pubDate', 'created']],
  ['venue', ['venue', 'publication', 'original_venue', 'first_published_in', 'publisher', 'source']],
  ['standfirst', ['standfirst', 'dek', 'subtitle', 'description', 'excerpt', 'summary', 'lede']],
  ['headnote', ['headnote']],
  ['bio', ['bio']],
  ['source_url', ['canonical_url', 'canonical', 'canonicalURL', 'original_url', 'source_url', 'link']],
  ['tags', ['tags', 'categories', 'keywords']],
  ['rights', ['rights']],
];
const fieldOfKey = new Map(keysByField.flatMap(([field, keys]) => keys.map((key) => [key, field] as const)));
const keysOf = (field: ChapterField) => keysByField.find(([name]) => name === field)?.[1] ?? [];

function firstString(values: FrontMatterValues, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = values[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (value instanceof Date) return value.toISOString();
    if (value && typeof value === 'object' && 'toISOString' in value && typeof value.toISOString === 'function') return String(value.toISOString());
  }
  return undefined;
}

function namesOf(value: unknown): string[] {
  if (typeof value === 'string') return splitNames(value);
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (value && typeof value === 'object' && 'name' in value && typeof value.name === 'string') return [value.name];
  return [];
}

function frontMatterToMeta(values: FrontMatterValues, file: VFile, options: ImportOptions): Partial<ChapterFrontMatter> & { authors: string[] } {
  const authors = keysOf('authors').flatMap((key) => namesOf(values[key]));
  if (authors.length === 0 && options.defaultAuthor) authors.push(options.defaultAuthor);
  const rawDate = firstString(values, keysOf('date'));
  // Jekyll: `_posts/2013-09-12-not-quite-the-new-silk-road.md`.
  const date =
    (rawDate ? (/^\d{4}-\d{2}-\d{2}/.exec(rawDate)?.[0] ?? findDate(rawDate)?.iso) : undefined) ?? /^(\d{4}-\d{2}-\d{2})-/.exec(file.basename ?? '')?.[1];
  const tags = keysOf('tags')
    .map((key) => values[key])
    .flatMap((value) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/,\s*/) : []));
  const entries: [keyof ChapterFrontMatter, string | undefined][] = [
    ['title', firstString(values, keysOf('title'))],
    ['date', date],
    ...(['venue', 'standfirst', 'headnote', 'bio', 'source_url'] as const).map((field): [keyof ChapterFrontMatter, string | undefined] => [
      field,
      firstString(values, keysOf(field)),
    ]),
  ];
  const meta: Partial<ChapterFrontMatter> & { authors: string[] } = { authors };
  for (const [key, value] of entries) if (value !== undefined) Object.assign(meta, { [key]: value });
  if (tags.length > 0) meta.tags = [...new Set(tags)];
  return meta;
}

function hasRawHtml(tree: Root): boolean {
  let found = false;
  visit(tree, 'html', (node: Html) => {
    if (!/^<!--[\s\S]*-->$/.test(node.value.trim())) found = true;
  });
  return found;
}

/** Markdown with raw HTML: to hast, parse the raw HTML, sanitise, recognise note markup, back to mdast. */
function throughHtml(tree: Root, file: VFile): Root {
  const hast = unified().use(remarkRehype, { allowDangerousHtml: true }).runSync(tree, file) as HastRoot;
  const parsed = raw(hast) as HastRoot;
  sanitiseHast(parsed, file);
  recogniseFootnotes(parsed, file);
  return htmlToMdast(parsed, file, {}).body;
}

/** The chapter title is the level-1 heading; the body's headings start at level 2. */
function shiftHeadings(tree: Root): void {
  let top = 6;
  visit(tree, 'heading', (node) => {
    top = Math.min(top, node.depth);
  });
  if (top >= 2) return;
  visit(tree, 'heading', (node) => {
    node.depth = Math.min(6, node.depth + 1) as typeof node.depth;
  });
}

function plainText(node: RootContent): string {
  return 'children' in node ? node.children.map((child) => plainText(child as RootContent)).join('') : 'value' in node ? String(node.value) : '';
}
