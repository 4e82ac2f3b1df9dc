import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { dayOfInstant } from '../../core/dates.ts';
import { lineLocator, placeOfOffset } from '../../core/place.ts';
import { type Place, report } from '../../core/rules.ts';
import { figureDirective } from '../body.ts';
import { htmlContentToBody, htmlToText, markdownToHtml, type PlaceInSource, sourceLines, unreadLines } from '../content.ts';
import { splitCaptionCredit } from '../html/caption.ts';
import { decodeEntities } from '../text.ts';
import type { ChapterField, ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';
import { type LexicalHtml, lexicalToHtml } from './lexical.ts';

interface GhostPost {
  id?: string;
  title?: string;
  slug?: string;
  html?: string | null;
  /** Ghost 0.x keeps the post as Markdown; Ghost 1–4 as mobiledoc, usually with `html` beside it. */
  markdown?: string | null;
  mobiledoc?: string | null;
  /** Ghost 5 keeps the post as Lexical JSON; its export may hold no `html` beside it. */
  lexical?: string | null;
  plaintext?: string | null;
  custom_excerpt?: string | null;
  feature_image?: string | null;
  feature_image_caption?: string | null;
  feature_image_alt?: string | null;
  published_at?: string | null;
  status?: string;
  type?: string;
  canonical_url?: string | null;
  /** The single author of Ghost exports before 1.22 (no `posts_authors` table). */
  author_id?: string | number;
}

interface GhostData {
  posts: GhostPost[];
  users?: { id?: string | number; name?: string }[];
  posts_authors?: { post_id?: string | number; author_id?: string | number; sort_order?: number }[];
  posts_meta?: { post_id?: string; feature_image_caption?: string | null; feature_image_alt?: string | null }[];
  tags?: { id?: string; name?: string; visibility?: string }[];
  posts_tags?: { post_id?: string; tag_id?: string; sort_order?: number }[];
  settings?: { key?: string; value?: unknown }[];
}

/**
 * A Ghost export is `{db: [{meta, data}]}` (Ghost ≥ 1) or `{meta, data}` (older); undefined for
 * other JSON. Its tables are arrays of objects: anything else would be another program's file.
 */
function ghostData(value: unknown): GhostData | undefined {
  const isObject = (candidate: unknown): candidate is Record<string, unknown> =>
    typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate);
  const isTable = (candidate: unknown): candidate is Record<string, unknown>[] => Array.isArray(candidate) && candidate.every(isObject);
  if (!isObject(value)) return undefined;
  const first: unknown = Array.isArray(value.db) ? value.db[0] : undefined;
  const data = isObject(first) && isObject(first.data) ? first.data : isObject(value.data) ? value.data : undefined;
  if (!data || !isTable(data.posts)) return undefined;
  // Only the structure is checked; the rows are trusted to carry Ghost's field types.
  const table = <Row>(name: string): Row[] => (isTable(data[name]) ? (data[name] as Row[]) : []);
  return {
    posts: table('posts'),
    users: table('users'),
    posts_authors: table('posts_authors'),
    posts_meta: table('posts_meta'),
    tags: table('tags'),
    posts_tags: table('posts_tags'),
    settings: table('settings'),
  };
}

/** Imports a Ghost JSON export: one chapter per published post, authors in their byline order. */
export function importGhost(file: VFile, options: ImportOptions): ImportResult {
  const source = String(file.value);
  const lineTexts = sourceLines(source);
  const read = readGhostExport(source, file);
  if ('unread' in read) return { pieces: [], lines: unreadLines(lineTexts, read.unread) };
  const site = ghostSite(read.data, source, file);
  const wanted = new Set(options.postTypes ?? ['post']);
  const spans = postSpans(source);

  const pieces: ImportedPiece[] = [];
  const fates = new Map<number, LineFate>();
  read.data.posts.forEach((post, index) => {
    const span = spans[index];
    const range: [number, number] | undefined = span ? [site.locate(span.from), site.locate(span.to)] : undefined;
    const skip = skipReason(post, wanted, options);
    if (skip) {
      if (range) for (let line = range[0]; line <= range[1]; line++) setFate(fates, { line, fate: 'dropped', piece: undefined, reason: skip });
      return;
    }
    pieces.push(ghostPiece(post, span, range ?? [1, 1], site));
    if (span) for (const fate of postLineFates(span, pieces.length, site.locate, usedKeys(post))) setFate(fates, fate);
  });
  if (pieces.length === 0)
    report(file, 'import-no-pieces', `the Ghost export has ${read.data.posts.length} posts but none published of type ${[...wanted].join('/')}`, {
      line: 1,
      column: 1,
    });
  const lines: LineFate[] = lineTexts.map((value, index) => {
    const line = index + 1;
    return (
      fates.get(line) ??
      (value.trim() === ''
        ? { line, fate: 'blank' }
        : { line, fate: 'dropped', piece: undefined, reason: 'Ghost export bookkeeping (settings, users, tags, ids): used only to resolve names and tags' })
    );
  });
  return { pieces, lines };
}

/** The export's data, or (reported) why nothing of it can be read. */
function readGhostExport(source: string, file: VFile): { data: GhostData } | { unread: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    const reason = (error as Error).message;
    report(file, 'import-invalid-json', `the Ghost export is not valid JSON: ${reason}`, jsonErrorPlace(source, reason));
    return { unread: 'the export is not valid JSON: nothing was read' };
  }
  const data = ghostData(parsed);
  if (!data) {
    report(file, 'import-unknown-format', 'this JSON is not a Ghost export (no db[0].data.posts)', { line: 1, column: 1 });
    return { unread: 'not a Ghost export: nothing was read' };
  }
  return { data };
}

/** What every post of an export shares: its users, public tags, the blog's title and time zone, places in the file. */
interface GhostSite {
  data: GhostData;
  file: VFile;
  users: Map<unknown, string>;
  tags: Map<unknown, string>;
  siteTitle: string | undefined;
  timeZone: string | undefined;
  placeIn: (offset: number) => Place;
  locate: (offset: number) => number;
}

function ghostSite(data: GhostData, source: string, file: VFile): GhostSite {
  const { placeAt, lineAt } = lineLocator(source);
  return {
    data,
    file,
    users: new Map((data.users ?? []).map((user) => [user.id, user.name ?? ''])),
    // Internal tags (`#newsletter`) only steer the site's templates.
    tags: new Map((data.tags ?? []).filter((tag) => tag.visibility !== 'internal' && !tag.name?.startsWith('#')).map((tag) => [tag.id, tag.name ?? ''])),
    siteTitle: settingOf(data, 'title'),
    timeZone: settingOf(data, 'timezone'),
    placeIn: placeAt,
    locate: lineAt,
  };
}

/** Why a post is left out (a page, a draft), or undefined when it is imported. */
function skipReason(post: GhostPost, wanted: ReadonlySet<string>, options: ImportOptions): string | undefined {
  const type = post.type ?? 'post';
  const status = post.status ?? 'published';
  if (!wanted.has(type)) return `a Ghost ${type}, not imported (use --post-types ${type})`;
  return status !== 'published' && !options.includeDrafts ? `a ${status} post (use --drafts to include it)` : undefined;
}

/** Ghost stores titles as typed; editors paste entities into them (`Q&amp;A`). */
function plain(value: string | null | undefined): string {
  return value ? decodeEntities(value).replace(/\s+/g, ' ').trim() : '';
}

/** One post as a piece: front matter from its fields, body from its HTML (the feature image first). */
function ghostPiece(post: GhostPost, span: PostSpan | undefined, lines: [number, number], site: GhostSite): ImportedPiece {
  const { data, file } = site;
  const authors = postAuthors(data, post, site.users);
  const postTags = (data.posts_tags ?? [])
    .filter((link) => link.post_id === post.id)
    .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))
    .map((link) => site.tags.get(link.tag_id) ?? '')
    .filter(Boolean);
  const htmlKey = span?.keys.find((key) => key.name === bodyKeyOf(post));
  const htmlPlace = htmlKey ? site.placeIn(htmlKey.from) : { line: lines[0], column: 1 };
  const html = postHtml(post, file, htmlPlace);
  // The HTML is one JSON string, on one line of the export. Ghost writes its own address as
  // `__GHOST_URL__`, so there is no base to resolve against (the canonical URL is another site's).
  const { body } = htmlContentToBody(html, file, undefined, onLine(htmlPlace));
  ghostImagesToRemote(body, file, htmlPlace);
  const meta = postsMetaOf(data, post);
  const featureKey = span?.keys.find((key) => key.name === 'feature_image');
  const featurePlace = featureKey ? site.placeIn(featureKey.from) : { line: lines[0], column: 1 };
  if (post.feature_image) body.children.unshift(featureFigure(post.feature_image, meta, file, featurePlace));
  const date = post.published_at ? dayOfInstant(post.published_at, site.timeZone) : undefined;
  const frontMatter: ChapterFrontMatter = {
    title: plain(post.title) || `Untitled post ${post.slug ?? ''}`.trim(),
    ...(plain(post.title) ? {} : { provisional_title: true }),
    authors,
    ...(date ? { date } : {}),
    ...(site.siteTitle ? { venue: plain(site.siteTitle) } : {}),
    ...(plain(post.custom_excerpt) ? { standfirst: plain(post.custom_excerpt) } : {}),
    source: { file: file.path, lines },
    ...(post.canonical_url ? { source_url: post.canonical_url } : {}),
    ...(postTags.length > 0 ? { tags: postTags } : {}),
    rights: '',
  };
  return { meta: frontMatter, body };
}

/**
 * A post's authors in byline order: the `posts_authors` table (Ghost ≥ 1.22), else the post's own
 * `author_id` (older exports). Each named once, though an export may list a link twice or two
 * accounts under one name; a link to a user the export does not hold names nobody.
 */
function postAuthors(data: GhostData, post: GhostPost, users: ReadonlyMap<unknown, string>): string[] {
  const links = (data.posts_authors ?? []).filter((link) => link.post_id === post.id).sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0));
  const ids = links.length > 0 ? links.map((link) => link.author_id) : [post.author_id];
  const names = ids.map((id) => decodeEntities(users.get(id) ?? '').trim()).filter(Boolean);
  return [...new Set(names)];
}

function settingOf(data: GhostData, key: string): string | undefined {
  const value = (data.settings ?? []).find((setting) => setting.key === key)?.value;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function postsMetaOf(data: GhostData, post: GhostPost): { caption: string | undefined; alt: string | undefined } {
  const meta = (data.posts_meta ?? []).find((entry) => entry.post_id === post.id);
  return {
    caption: post.feature_image_caption ?? meta?.feature_image_caption ?? undefined,
    alt: post.feature_image_alt ?? meta?.feature_image_alt ?? undefined,
  };
}

const remoteAddress = /^(?:https?:)?\/\/|^__GHOST_URL__/i;

/** The feature image leads the post; it is not fetched, so it is a placeholder figure the editor supplies. */
function featureFigure(address: string, meta: { caption: string | undefined; alt: string | undefined }, file: VFile, place: Place): LeafDirective {
  const remote = remoteAddress.test(address);
  // The caption is HTML (`Photo by <a …>Name</a> / <a …>Unsplash</a>`).
  const { caption, credit } = splitCaptionCredit(meta.caption ? htmlToText(meta.caption) : '');
  const figure = figureDirective(caption, credit, remote ? undefined : address);
  figure.attributes = { ...figure.attributes, ...(remote ? { remote: address } : {}), ...(!caption && meta.alt ? { alt: meta.alt } : {}) };
  if (remote) report(file, 'import-remote-image', `feature image ${address} was not fetched: supply the file`, place);
  return figure;
}

/** Ghost's own pictures (`__GHOST_URL__/content/images/…`) are on the blog, not next to the export. */
function ghostImagesToRemote(body: Root, file: VFile, place: Place): void {
  visit(body, 'leafDirective', (node) => {
    const src = node.attributes?.src;
    if (node.name !== 'figure' || !src?.startsWith('__GHOST_URL__')) return;
    const { src: _local, ...attributes } = node.attributes ?? {};
    node.attributes = { ...attributes, remote: src };
    report(file, 'import-remote-image', `the image ${src} is on the blog and was not fetched: put the file in the project and give the figure a src`, place);
  });
}

/** Every place in the post's HTML is on the line of its JSON string. */
function onLine(place: Place): PlaceInSource {
  return () => place;
}

/** V8 says `at position N` (Node 20) or `(line L column C)` (Node 22); at the end of the input it says neither. */
function jsonErrorPlace(source: string, reason: string): Place {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(reason);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(reason)?.[1];
  // `Expected ',' … after property value`: the comma is missing at the end of the value, often a line up.
  if (position !== undefined && /\bafter\b/.test(reason)) return placeOfOffset(source, source.slice(0, Number(position)).trimEnd().length);
  if (position !== undefined) return placeOfOffset(source, Number(position));
  if (/end of JSON input/i.test(reason)) return placeOfOffset(source, source.trimEnd().length);
  return { line: 1, column: 1 };
}

const fateRank: Record<LineFate['fate'], number> = { kept: 3, metadata: 2, dropped: 1, blank: 0 };

/** The key the post's body is read from: HTML first, then what other Ghosts kept instead (0.x Markdown, 1–4 mobiledoc, 5 Lexical). */
function bodyKeyOf(post: GhostPost): 'html' | 'markdown' | 'mobiledoc' | 'lexical' | 'plaintext' {
  if (post.html?.trim()) return 'html';
  if (post.markdown?.trim()) return 'markdown';
  if (post.mobiledoc && mobiledocMarkdown(post.mobiledoc)) return 'mobiledoc';
  if (lexicalOf(post)) return 'lexical';
  return 'plaintext';
}

const lexicalBodies = new WeakMap<GhostPost, LexicalHtml | undefined>();

/**
 * The post's Lexical as HTML, read once per post; undefined when it holds nothing to show (an
 * empty paragraph is what Ghost stores for an empty post) and no card left unread.
 */
function lexicalOf(post: GhostPost): LexicalHtml | undefined {
  if (!post.lexical) return undefined;
  if (!lexicalBodies.has(post)) {
    const read = lexicalToHtml(post.lexical);
    const shows = read && (read.unread.length > 0 || /<(?:img|video|audio|iframe|hr)\b/i.test(read.html) || read.html.replace(/<[^>]*>/g, '').trim() !== '');
    lexicalBodies.set(post, shows ? read : undefined);
  }
  return lexicalBodies.get(post);
}

/** The post as HTML, from whichever form the export has it in; a post with no body at all is reported. */
function postHtml(post: GhostPost, file: VFile, place: Place): string {
  const key = bodyKeyOf(post);
  const name = post.title ?? post.slug;
  const line = place.line;
  if (key === 'html') return post.html ?? '';
  if (key === 'markdown') return markdownToHtml(post.markdown ?? '');
  if (key === 'mobiledoc') return markdownToHtml(mobiledocMarkdown(post.mobiledoc ?? '') ?? '');
  if (key === 'lexical') {
    const lexical = lexicalOf(post);
    for (const card of lexical?.unread ?? [])
      report(file, 'import-ghost-card', `post “${name}”: its ${card.type} card ${card.fate}; look at the original post`, place);
    return lexical?.html ?? '';
  }
  if (post.plaintext?.trim()) {
    report(file, 'import-sanitised', `post “${name}” has no HTML in the export; imported from its plain text (formatting lost)`, { line, column: 1 });
    return post.plaintext
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${paragraph.replace(/[<&]/g, (char) => (char === '<' ? '&lt;' : '&amp;'))}</p>`)
      .join('');
  }
  report(file, 'import-empty-post', `post “${name}” has no body in the export (no html, markdown, mobiledoc, lexical or plaintext)`, { line, column: 1 });
  return '';
}

/** Ghost 1–4's mobiledoc: the Markdown and HTML cards of its card sections, in order (what Ghost's editor stored). */
function mobiledocMarkdown(json: string): string | undefined {
  try {
    const doc = JSON.parse(json) as { cards?: [string, Record<string, unknown>][]; sections?: unknown[][] };
    const cards = doc.cards ?? [];
    const parts = (doc.sections ?? [])
      .filter((section) => section[0] === 10)
      .map((section) => cards[Number(section[1])])
      .flatMap((card) => {
        const payload = card?.[1] ?? {};
        const text = payload.markdown ?? payload.html;
        return typeof text === 'string' ? [text] : [];
      });
    return parts.length > 0 ? parts.join('\n\n') : undefined;
  } catch {
    return undefined;
  }
}

/** A line shared by several posts or keys (a minified export is one line) takes its most useful fate. */
function setFate(fates: Map<number, LineFate>, fate: LineFate): void {
  const current = fates.get(fate.line);
  if (!current || fateRank[fate.fate] > fateRank[current.fate]) fates.set(fate.line, fate);
}

/** The post's keys the chapter took something from, and the field each fed. */
function usedKeys(post: GhostPost): Map<string, ChapterField> {
  const used = new Map<string, ChapterField>([
    ['title', 'title'],
    [bodyKeyOf(post), 'body'],
  ]);
  if (post.published_at) used.set('published_at', 'date');
  if (post.custom_excerpt) used.set('custom_excerpt', 'standfirst');
  if (post.canonical_url) used.set('canonical_url', 'source_url');
  if (post.feature_image) used.set('feature_image', 'figure');
  return used;
}

function postLineFates(span: PostSpan, piece: number, locate: (offset: number) => number, used: ReadonlyMap<string, ChapterField>): LineFate[] {
  const fates: LineFate[] = [];
  for (let line = locate(span.from); line <= locate(span.to); line++)
    fates.push({ line, fate: 'dropped', piece, reason: 'Ghost bookkeeping for the post (ids, status, other copies of the body)' });
  for (const key of span.keys) {
    const field = used.get(key.name);
    if (!field) continue;
    const fate = field === 'body' || field === 'figure' ? ('kept' as const) : ('metadata' as const);
    for (let line = locate(key.from); line <= locate(key.to); line++) fates.push({ line, fate, piece, field });
  }
  return fates;
}

interface JsonSpan {
  from: number;
  to: number;
}

interface PostSpan extends JsonSpan {
  /** The post's keys, each from its name to the end of its value. */
  keys: (JsonSpan & { name: string })[];
}

/** The offset of the quote that closes the string opening at `start`. */
function stringEnd(source: string, start: number): number {
  for (let index = start + 1; index < source.length; index++) {
    if (source[index] === '\\') index++;
    else if (source[index] === '"') return index;
  }
  return source.length - 1;
}

/**
 * Where each object of the export's `"posts": [...]` array is in the text, with its keys: JSON.parse
 * keeps no places, so a scan over strings and brackets finds them.
 */
function postSpans(source: string): PostSpan[] {
  const spans: PostSpan[] = [];
  let depth = 0;
  let postsDepth: number | undefined;
  let postsKeySeen = false;
  let current: PostSpan | undefined;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '"') {
      const end = stringEnd(source, index);
      const isKey = /^\s*:/.test(source.slice(end + 1, end + 32));
      if (isKey && current && depth === (postsDepth ?? 0) + 1) current.keys.push({ name: source.slice(index + 1, end), from: index, to: end });
      if (isKey && postsDepth === undefined && source.slice(index + 1, end) === 'posts') postsKeySeen = true;
      index = end;
    } else if (char === '{' || char === '[') {
      if (char === '[' && postsKeySeen && postsDepth === undefined) postsDepth = depth + 1;
      depth++;
      if (char === '{' && postsDepth !== undefined && depth === postsDepth + 1) current = { from: index, to: index, keys: [] };
    } else if (char === '}' || char === ']') {
      if (current && depth === (postsDepth ?? 0) + 1) {
        current.to = index;
        spans.push(withKeyEnds(source, current));
        current = undefined;
      }
      depth--;
      if (postsDepth !== undefined && depth < postsDepth) break;
    }
  }
  return spans;
}

/** Each key's value ends where the next key starts (or the object closes), less the comma and spaces between. */
function withKeyEnds(source: string, span: PostSpan): PostSpan {
  const keys = span.keys.map((key, position) => {
    let end = (span.keys[position + 1]?.from ?? span.to) - 1;
    while (end > key.from && /[\s,]/.test(source[end] ?? '')) end--;
    return { ...key, to: end };
  });
  return { ...span, keys };
}
