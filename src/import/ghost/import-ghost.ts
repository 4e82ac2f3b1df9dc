import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { report } from '../../core/rules.ts';
import { figureDirective } from '../body.ts';
import { htmlContentToBody } from '../content.ts';
import { lineLocator } from '../lines.ts';
import type { ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';

interface GhostPost {
  id?: string;
  title?: string;
  slug?: string;
  html?: string | null;
  plaintext?: string | null;
  custom_excerpt?: string | null;
  feature_image?: string | null;
  feature_image_caption?: string | null;
  published_at?: string | null;
  status?: string;
  type?: string;
  canonical_url?: string | null;
}

interface GhostData {
  posts?: GhostPost[];
  users?: { id?: string; name?: string }[];
  posts_authors?: { post_id?: string; author_id?: string; sort_order?: number }[];
  posts_meta?: { post_id?: string; feature_image_caption?: string | null }[];
  tags?: { id?: string; name?: string }[];
  posts_tags?: { post_id?: string; tag_id?: string; sort_order?: number }[];
  settings?: { key?: string; value?: unknown }[];
}

/** A Ghost export is `{db: [{meta, data}]}` (Ghost ≥ 1) or `{meta, data}` (older). */
function ghostData(value: unknown): GhostData | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const root = value as { db?: { data?: GhostData }[]; data?: GhostData };
  return root.db?.[0]?.data ?? root.data;
}

/** Imports a Ghost JSON export: one chapter per published post, authors in their byline order. */
export function importGhost(file: VFile, options: ImportOptions): ImportResult {
  const source = String(file.value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? 1 : lineLocator(source)(Number(position));
    report(file, 'import-invalid-json', `the Ghost export is not valid JSON: ${(error as Error).message}`, { line, column: 1 });
    return { pieces: [], lines: [] };
  }
  const data = ghostData(parsed);
  if (!data?.posts) {
    report(file, 'import-unknown-format', 'this JSON is not a Ghost export (no db[0].data.posts)', { line: 1, column: 1 });
    return { pieces: [], lines: [] };
  }
  const users = new Map((data.users ?? []).map((user) => [user.id, user.name ?? '']));
  const tags = new Map((data.tags ?? []).map((tag) => [tag.id, tag.name ?? '']));
  const siteTitle = (data.settings ?? []).find((setting) => setting.key === 'title')?.value;
  const wanted = new Set(options.postTypes ?? ['post']);
  const locate = lineLocator(source);
  const postLines = postLineRanges(source, data.posts, locate);

  const pieces: ImportedPiece[] = [];
  const fates = new Map<number, LineFate>();
  data.posts.forEach((post, index) => {
    const range = postLines[index];
    const type = post.type ?? 'post';
    const status = post.status ?? 'published';
    const skip = !wanted.has(type)
      ? `a Ghost ${type}, not imported (use --post-types ${type})`
      : status !== 'published' && !options.includeDrafts
        ? `a ${status} post (use --drafts to include it)`
        : undefined;
    if (skip) {
      if (range) for (let line = range[0]; line <= range[1]; line++) fates.set(line, { line, fate: 'dropped', piece: undefined, reason: skip });
      return;
    }
    const authors = (data.posts_authors ?? [])
      .filter((link) => link.post_id === post.id)
      .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))
      .map((link) => users.get(link.author_id) ?? '')
      .filter(Boolean);
    if (authors.length === 0 && options.defaultAuthor) authors.push(options.defaultAuthor);
    const postTags = (data.posts_tags ?? [])
      .filter((link) => link.post_id === post.id)
      .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))
      .map((link) => tags.get(link.tag_id) ?? '')
      .filter(Boolean);
    const lines: [number, number] = range ?? [1, 1];
    let html = post.html ?? '';
    if (!html && post.plaintext) {
      html = post.plaintext
        .split(/\n\s*\n/)
        .map((paragraph) => `<p>${paragraph.replace(/[<&]/g, (char) => (char === '<' ? '&lt;' : '&amp;'))}</p>`)
        .join('');
      report(file, 'import-sanitised', `post “${post.title ?? post.slug}” has no HTML in the export; imported from its plain text (formatting lost)`, {
        line: lines[0],
        column: 1,
      });
    }
    const { body } = htmlContentToBody(html, file, post.canonical_url ?? undefined);
    const caption = post.feature_image_caption ?? (data.posts_meta ?? []).find((meta) => meta.post_id === post.id)?.feature_image_caption ?? undefined;
    if (post.feature_image) {
      // The feature image leads the post; remote, so a placeholder figure the editor supplies.
      const remote = /^https?:/.test(post.feature_image) || post.feature_image.startsWith('__GHOST_URL__');
      if (remote) report(file, 'import-remote-image', `feature image ${post.feature_image} was not fetched: supply the file`, { line: lines[0], column: 1 });
      const figure = figureDirective(caption ? caption.replace(/<[^>]+>/g, '') : undefined, undefined, remote ? undefined : post.feature_image);
      if (remote) figure.attributes = { ...figure.attributes, remote: post.feature_image };
      body.children.unshift(figure);
    }
    const date = post.published_at ? /^\d{4}-\d{2}-\d{2}/.exec(post.published_at)?.[0] : undefined;
    const meta: ChapterFrontMatter = {
      title: post.title?.trim() || `Untitled post ${post.slug ?? ''}`.trim(),
      ...(post.title?.trim() ? {} : { provisional_title: true }),
      authors,
      ...(date ? { date } : {}),
      ...(typeof siteTitle === 'string' && siteTitle ? { venue: siteTitle } : {}),
      ...(post.custom_excerpt ? { standfirst: post.custom_excerpt } : {}),
      source: { file: file.path, lines },
      ...(post.canonical_url ? { source_url: post.canonical_url } : {}),
      ...(postTags.length > 0 ? { tags: postTags } : {}),
      rights: '',
    };
    pieces.push({ meta, body });
    for (let line = lines[0]; line <= lines[1]; line++) fates.set(line, { line, fate: 'kept', piece: pieces.length, field: 'body' });
  });
  if (pieces.length === 0)
    report(file, 'import-no-pieces', `the Ghost export has ${data.posts.length} posts but none published of type ${[...wanted].join('/')}`, {
      line: 1,
      column: 1,
    });
  const sourceLines = source.split('\n');
  const lines: LineFate[] = sourceLines.map((value, index) => {
    const line = index + 1;
    return (
      fates.get(line) ??
      (value.trim() === ''
        ? { line, fate: 'blank' }
        : { line, fate: 'dropped', piece: undefined, reason: 'Ghost export bookkeeping (settings, users, tags, ids)' })
    );
  });
  return { pieces, lines };
}

/**
 * Where each post sits in the file: from its `"id"` to the line before the next post. In a minified
 * export every post is on one line and the account is per post rather than per line.
 */
function postLineRanges(source: string, posts: readonly GhostPost[], locate: (offset: number) => number): ([number, number] | undefined)[] {
  const postsStart = source.indexOf('"posts"');
  let cursor = postsStart < 0 ? 0 : postsStart;
  const starts = posts.map((post) => {
    if (!post.id) return undefined;
    const found =
      source.indexOf(`"id":${JSON.stringify(post.id)}`, cursor) >= 0
        ? source.indexOf(`"id":${JSON.stringify(post.id)}`, cursor)
        : source.indexOf(`"id": ${JSON.stringify(post.id)}`, cursor);
    if (found < 0) return undefined;
    cursor = found + 1;
    return found;
  });
  const end = source.indexOf(']', starts.filter((start) => start !== undefined).at(-1) ?? 0);
  return starts.map((start, index) => {
    if (start === undefined) return undefined;
    const next = starts.slice(index + 1).find((value) => value !== undefined);
    const last = next === undefined ? locate(Math.max(start, end)) : Math.max(locate(start), locate(next) - 1);
    return [locate(start), last];
  });
}
