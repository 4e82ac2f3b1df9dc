import { parse } from 'csv-parse/sync';
import { decodeHTML } from 'entities';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { compareDays, writtenDay } from '../../core/dates.ts';
import { lineLocator } from '../../core/place.ts';
import { report } from '../../core/rules.ts';
import {
  type ArchiveImportResult,
  type ArchivePiece,
  blankSpans,
  bodyLineFates,
  LineFateMap,
  type MemberImport,
  type RemovedSpan,
  reportUnreadable,
  skippedMember,
} from '../archive-parts.ts';
import { htmlContentToBody, sourceLines } from '../content.ts';
import { classNames } from '../html/hast-tree.ts';
import type { Archive, ArchiveEntry, ImportOptions, LineFate } from '../types.ts';

/** A row of `posts.csv`, read by column name (exports before 2023 lack `inbox_sent_at`). */
interface PostRow {
  postId: string;
  date: string | undefined;
  published: boolean;
  type: string;
  title: string;
  subtitle: string;
  /** The row's lines in posts.csv (a quoted title can span lines). */
  lines: [number, number];
}

/** Substack's post types, and why each one that is not a newsletter post is left out by default. */
const typeDescriptions: Record<string, string> = {
  podcast: 'a podcast episode (its audio is the piece; the text is show notes)',
  thread: 'a discussion thread (its comments are not in the export)',
  page: 'a page of the publication (About, a welcome page)',
};

/** Inside a post body but not part of the text: subscribe, share and comment buttons, sign-up forms. */
const widgetClasses = new Set([
  'button-wrapper',
  'subscription-widget-wrap',
  'subscription-widget-wrap-editor',
  'subscription-widget',
  'captioned-button-wrap',
  'install-substack-app-embed',
]);
const widgetComponents = new Set(['SubscribeWidgetToDOM', 'ButtonCreateButton', 'CaptionedButtonToDOM']);

const widgetReason = 'a Substack button or sign-up box (subscribe, share, leave a comment): not part of the text';

/**
 * Imports a Substack export: `posts.csv` is the index (title, subtitle, date, published, type) and
 * `posts/<post_id>.html` the bodies. Each published newsletter post becomes a chapter, oldest
 * first; drafts only with `--drafts`, podcasts, threads and pages only when asked for with
 * `--post-types`. The export names neither the author nor the publication: both stay empty and
 * are reported.
 */
export function importSubstack(archive: Archive, root: string, options: ImportOptions): ArchiveImportResult {
  const csvEntry = archive.entries.find((entry) => entry.name === `${root}posts.csv`);
  const members = new Map<string, MemberImport>();
  const otherMembers = (because?: string) =>
    archive.entries.filter((entry) => !members.has(entry.name)).map((entry) => skippedMember(entry, because ?? otherFileReason(entry.name, root)));
  const unread = (reason: string): ArchiveImportResult => {
    if (csvEntry) members.set(csvEntry.name, skippedMember(csvEntry, reason));
    return { pieces: [], members: sortedMembers([...members.values(), ...otherMembers('not read: the export’s index, posts.csv, could not be read')]) };
  };
  if (!csvEntry?.file || reportUnreadable(csvEntry)) return unread('not readable text');
  const csvFile = csvEntry.file;
  const rows = postRows(csvFile);
  if (!rows) return unread('posts.csv cannot be parsed: nothing was read');

  const bodies = new Map(archive.entries.filter((entry) => entry.name.startsWith(`${root}posts/`)).map((entry) => [entry.name, entry]));
  const csvFates = new LineFateMap();
  const { chosen, skippedBodies } = chosenRows(rows.posts, bodies, root, options, csvFile, csvFates);
  // Oldest first, as a book of a newsletter reads; undated rows (drafts) after, in the export's order.
  const ordered = chosen.map((row, index) => ({ row, index })).sort((a, b) => compareDays(a.row.date, b.row.date) || a.index - b.index);

  const pieces: ArchivePiece[] = [];
  for (const { row } of ordered) {
    const entry = bodies.get(`${root}posts/${row.postId}.html`) as ArchiveEntry;
    const pieceNumber = pieces.length + 1;
    csvFates.set(row.lines[0], row.lines[1], { fate: 'metadata', piece: pieceNumber, field: 'title' });
    if (reportUnreadable(entry) || !entry.file) {
      members.set(entry.name, skippedMember(entry, 'not readable text'));
      continue;
    }
    const post = postPiece(row, entry.file, csvFile, pieceNumber);
    pieces.push({ piece: post.piece, member: entry.name });
    members.set(entry.name, { name: entry.name, file: entry.file, role: 'Substack post body', lines: post.lines });
  }
  for (const [name, reason] of skippedBodies) {
    const entry = bodies.get(name);
    if (entry && !members.has(name)) members.set(name, skippedMember(entry, reason));
  }
  members.set(csvEntry.name, {
    name: csvEntry.name,
    file: csvFile,
    role: 'Substack index of posts (posts.csv)',
    lines: csvFates.result(String(csvFile.value), (line) =>
      line === rows.headerLine
        ? { line, fate: 'dropped', piece: undefined, reason: 'the column names of posts.csv' }
        : { line, fate: 'dropped', piece: undefined, reason: 'not a row of posts.csv' },
    ),
  });
  if (pieces.length > 0) reportUnnamedAuthorAndVenue(csvFile, pieces.length, archive);
  return { pieces, members: sortedMembers([...members.values(), ...otherMembers()]) };
}

/**
 * The rows to import (published, of a wanted type, with a body in the export) and, for the rows
 * left out, their body files and why; each left-out row reported on posts.csv and its lines' fate set.
 */
function chosenRows(
  posts: readonly PostRow[],
  bodies: ReadonlyMap<string, ArchiveEntry>,
  root: string,
  options: ImportOptions,
  csvFile: VFile,
  csvFates: LineFateMap,
): { chosen: PostRow[]; skippedBodies: Map<string, string> } {
  const wanted = new Set((options.postTypes ?? ['post']).map((type) => (type === 'post' ? 'newsletter' : type)));
  const chosen: PostRow[] = [];
  const skippedBodies = new Map<string, string>();
  for (const row of posts) {
    const reason = !row.published && !options.includeDrafts ? 'a draft (use --drafts to include it)' : !wanted.has(row.type) ? typeReason(row.type) : undefined;
    const body = bodies.get(`${root}posts/${row.postId}.html`);
    if (reason) {
      csvFates.set(row.lines[0], row.lines[1], { fate: 'dropped', piece: undefined, reason: `${row.title || row.postId}: ${reason}` });
      report(csvFile, 'import-skipped', `left out “${row.title || row.postId}”: ${reason}`, { line: row.lines[0], column: 1 });
      if (body) skippedBodies.set(body.name, reason);
    } else if (!body) {
      report(
        csvFile,
        'import-archive-missing-file',
        `posts.csv names the post “${row.title || row.postId}” (${row.postId}), but ${root}posts/${row.postId}.html is not in the export: download the export again, or delete the row to import the rest`,
        { line: row.lines[0], column: 1 },
      );
      csvFates.set(row.lines[0], row.lines[1], { fate: 'dropped', piece: undefined, reason: 'its body file is missing from the export' });
    } else chosen.push(row);
  }
  return { chosen, skippedBodies };
}

/** A Substack export names neither the author nor the publication: both are left empty, and said so. */
function reportUnnamedAuthorAndVenue(csvFile: VFile, pieceCount: number, archive: Archive): void {
  report(
    csvFile,
    'import-author-unknown',
    `a Substack export does not name the author: ${pieceCount === 1 ? 'the chapter from it has' : `the ${pieceCount} chapters from it have`} no author; fill in \`authors\``,
    { line: 1, column: 1 },
  );
  // The subscriber list is named after the publication's address, not its name: a hint for the editor only.
  const address = archive.entries.map((entry) => /(?:^|\/)email_list\.([\w-]+)\.csv$/.exec(entry.name)?.[1]).find(Boolean);
  report(
    csvFile,
    'import-venue-unknown',
    `a Substack export does not name the publication${address ? ` (its address is ${address}.substack.com)` : ''}: the venue of its chapters is left empty`,
    { line: 1, column: 1 },
  );
}

function sortedMembers(members: MemberImport[]): MemberImport[] {
  return members.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function typeReason(type: string): string {
  if (type === 'newsletter') return 'a newsletter post: not imported, as --post-types does not list post';
  return `${typeDescriptions[type] ?? `a Substack ${type} post`}: not imported (use --post-types post,${type} to include it)`;
}

/** Why a file of the export that is not a chosen post's body was not read. */
function otherFileReason(name: string, root: string): string {
  const local = name.slice(root.length);
  if (/^posts\/[^/]+\.(?:opens|delivers)\.csv$/.test(local)) return 'e-mail statistics of a post (opens, deliveries): not text of the post';
  if (/^email_list\b.*\.csv$/.test(local) || /subscriber/i.test(local)) return 'the subscriber list: not imported';
  if (/^posts\/[^/]+\.html$/.test(local)) return 'a post body with no row in posts.csv (no title or date): not imported';
  return 'not part of a Substack post';
}

/**
 * The rows of posts.csv with the lines each one spans. Undefined (and an error at the place) when
 * the CSV cannot be parsed or lacks the `post_id` column.
 */
function postRows(file: VFile): { posts: PostRow[]; headerLine: number } | undefined {
  const text = String(file.value);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, { info: true, raw: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as unknown as {
      record: string[];
      raw: string;
    }[];
  } catch (error) {
    const { message, lines } = error as { message: string; lines?: number };
    report(file, 'import-invalid-csv', `posts.csv cannot be read as CSV: ${message}`, { line: Math.min(lines ?? 1, sourceLines(text).length || 1), column: 1 });
    return undefined;
  }
  const locate = lineLocator(text).lineAt;
  let cursor = 0;
  const located = records.map(({ record, raw }) => {
    // The record's own text (csv-parse's raw carries the line breaks around it): found from where the last ended.
    const core = raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
    const start = Math.max(text.indexOf(core, cursor), cursor);
    cursor = start + core.length;
    return { record, lines: [locate(start), locate(Math.max(start, cursor - 1))] as [number, number] };
  });
  const [header, ...rows] = located;
  const columns = (header?.record ?? []).map((name) => name.trim().toLowerCase());
  if (!columns.includes('post_id')) {
    report(file, 'import-invalid-csv', 'posts.csv has no post_id column: this is not the index of a Substack export', { line: 1, column: 1 });
    return undefined;
  }
  const value = (record: string[], column: string) => {
    const index = columns.indexOf(column);
    const found = index < 0 ? undefined : record[index]?.trim();
    return found === '' ? undefined : found;
  };
  const posts = rows
    .filter(({ record }) => value(record, 'post_id') !== undefined)
    .map(({ record, lines }) => ({
      postId: value(record, 'post_id') ?? '',
      date: writtenDay(value(record, 'post_date') ?? ''),
      published: /^true$/i.test(value(record, 'is_published') ?? ''),
      type: (value(record, 'type') ?? 'newsletter').toLowerCase(),
      title: decodeHTML(value(record, 'title') ?? ''),
      subtitle: decodeHTML(value(record, 'subtitle') ?? ''),
      lines,
    }));
  return { posts, headerLine: header?.lines[0] ?? 1 };
}

/** Substack writes UTC instants (`2024-03-01T10:00:00.000Z`); the publication's time zone is not in the export. */
/** One post: front matter from its row, body from its HTML (widgets taken out), fates for its lines. */
function postPiece(row: PostRow, file: VFile, csvFile: VFile, pieceNumber: number): { piece: ArchivePiece['piece']; lines: LineFate[] } {
  const html = String(file.value);
  const tree = fromHtml(html, { fragment: true }) as Root;
  const spans = [...widgetSpans(tree), ...embedSpans(tree, file)];
  const { body } = htmlContentToBody(blankSpans(html, spans), file, undefined);
  const lineCount = sourceLines(html).length;
  const title = row.title.trim();
  if (!title)
    report(csvFile, 'import-untitled', `the post ${row.postId} has no title in posts.csv; it was given a provisional one for the editor to replace`, {
      line: row.lines[0],
      column: 1,
    });
  const meta: ChapterFrontMatter = {
    title: title || `Untitled post ${row.date ?? row.postId}`,
    ...(title ? {} : { provisional_title: true }),
    authors: [],
    ...(row.date ? { date: row.date } : {}),
    ...(row.subtitle.trim() ? { standfirst: row.subtitle.trim() } : {}),
    source: { file: file.path, lines: [1, Math.max(lineCount, 1)] },
    rights: '',
  };
  const fates = new LineFateMap();
  for (const [line, fate] of bodyLineFates(tree, html, spans, pieceNumber)) fates.set(line, line, fate);
  return { piece: { meta, body }, lines: fates.result(html, (line) => ({ line, fate: 'dropped', piece: pieceNumber, reason: 'markup without text' })) };
}

/** Where Substack's buttons and sign-up boxes are in a body, by offset. */
function widgetSpans(tree: Root): RemovedSpan[] {
  const spans: RemovedSpan[] = [];
  visit(tree, 'element', (element: Element) => {
    const widget = classNames(element).some((name) => widgetClasses.has(name)) || widgetComponents.has(String(element.properties.dataComponentName ?? ''));
    const start = element.position?.start.offset;
    const end = element.position?.end.offset;
    if (!widget || start === undefined || end === undefined) return CONTINUE;
    spans.push({ start, end, reason: widgetReason });
    return SKIP;
  });
  return spans;
}

/**
 * Substack's embeds (a video or audio upload, YouTube, Spotify, a poll) are an element named by
 * `data-component-name` with no text and no picture: what they showed is not in the export. Each
 * is taken out and reported at its line, with the address its `data-attrs` gives, if any.
 */
function embedSpans(tree: Root, file: VFile): RemovedSpan[] {
  const spans: RemovedSpan[] = [];
  visit(tree, 'element', (element: Element) => {
    const component = String(element.properties.dataComponentName ?? '');
    const start = element.position?.start.offset;
    const end = element.position?.end.offset;
    if (!component || widgetComponents.has(component) || start === undefined || end === undefined) return CONTINUE;
    if (textOf(element).trim() !== '' || hasPicture(element)) return CONTINUE;
    const address = embedAddress(String(element.properties.dataAttrs ?? ''));
    const reason = `a Substack embed (${component}) with nothing of it in the export${address ? ` (${address})` : ''}`;
    report(file, 'import-site-syntax', `${reason}: taken out; look at the original post`, {
      line: element.position?.start.line ?? 1,
      column: element.position?.start.column ?? 1,
    });
    spans.push({ start, end, reason });
    return SKIP;
  });
  return spans;
}

function textOf(node: Element | Root | { type: string; value?: string; children?: unknown[] }): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'text' ? node.value : '';
  return ((node as { children?: unknown[] }).children ?? []).map((child) => textOf(child as Element)).join('');
}

function hasPicture(element: Element): boolean {
  let found = false;
  visit(element, 'element', (child: Element) => {
    if (child.tagName === 'img' || child.tagName === 'picture') found = true;
    return found ? SKIP : CONTINUE;
  });
  return found;
}

/** The address an embed's `data-attrs` JSON gives: a `url`, `src` or a YouTube `videoId`. */
function embedAddress(attributes: string): string | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(decodeHTML(attributes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const url = [data.url, data.src, data.embedUrl].find((value): value is string => typeof value === 'string' && /^https?:\/\//.test(value));
  if (url) return url;
  return typeof data.videoId === 'string' ? `https://www.youtube.com/watch?v=${data.videoId}` : undefined;
}
