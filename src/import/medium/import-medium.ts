import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { compareDays, writtenDay } from '../../core/dates.ts';
import { placeOfOffset } from '../../core/place.ts';
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
import { htmlContentToBody } from '../content.ts';
import { isMediumPostPage } from '../detect.ts';
import { collapsedText, hasClass, lineRange } from '../html/hast-tree.ts';
import type { Archive, ArchiveEntry, ChapterField, ImportOptions, LineFate } from '../types.ts';

/** What a Medium export page says about its post, with the elements each value came from. */
interface MediumPost {
  entry: ArchiveEntry;
  file: VFile;
  html: string;
  title: string;
  subtitle: string;
  author: string | undefined;
  date: string | undefined;
  canonical: string | undefined;
  tags: string[];
  draft: boolean;
  response: boolean;
  body: Element;
  /** The whole page as parsed: places are offsets into `html`. */
  page: Root;
  /** Elements that fed the front matter, and the field each fed. */
  metadata: { element: Element; field: ChapterField }[];
}

const outsideBody = 'outside the post body';

/**
 * Imports a Medium export ("Download your information"): every page in `posts/` is a post, a
 * draft (`draft_…` files) or a response (a comment on someone else's post). Published posts
 * become chapters, oldest first; drafts only with `--drafts`, responses only with
 * `--post-types post,response`. Title, subtitle, author, date, canonical address and tags come
 * from the page's microformats; the rest of the export (claps, bookmarks, sessions…) is the
 * account's data, not writing, and is left out.
 */
export function importMedium(archive: Archive, root: string, options: ImportOptions): ArchiveImportResult {
  const postsFolder = archive.entries.some((entry) => entry.name.startsWith(`${root}posts/`)) ? `${root}posts/` : root;
  const isPostPage = (entry: ArchiveEntry) =>
    entry.name.startsWith(postsFolder) && !entry.name.slice(postsFolder.length).includes('/') && /\.html?$/i.test(entry.name);
  const members = new Map<string, MemberImport>();
  const posts: MediumPost[] = [];
  for (const entry of archive.entries.filter(isPostPage)) {
    if (reportUnreadable(entry) || !entry.file) {
      members.set(entry.name, skippedMember(entry, 'not readable text'));
      continue;
    }
    const html = String(entry.file.value);
    const post = isMediumPostPage(html) ? readPost(entry, entry.file, html) : undefined;
    if (!post) {
      members.set(entry.name, skippedMember(entry, 'not a Medium post page (no h-entry article)'));
      continue;
    }
    posts.push(post);
  }
  const wanted = new Set(options.postTypes ?? ['post']);
  const chosen: MediumPost[] = [];
  for (const post of posts) {
    const reason = post.draft
      ? options.includeDrafts
        ? undefined
        : 'a draft (use --drafts to include it)'
      : post.response && !wanted.has('response')
        ? 'a response to another writer’s post (one short paragraph whose title is its opening words): not an essay (use --post-types post,response to include it)'
        : undefined;
    if (reason) {
      report(post.file, 'import-skipped', `left out “${post.title}”: ${reason}`, { line: 1, column: 1 });
      members.set(post.entry.name, skippedMember(post.entry, reason));
    } else chosen.push(post);
  }
  // Oldest first; drafts (undated) after, by file name.
  chosen.sort((a, b) => compareDays(a.date, b.date) || (a.entry.name < b.entry.name ? -1 : 1));

  const pieces: ArchivePiece[] = [];
  const profile = profileName(archive, root);
  for (const post of chosen) {
    const pieceNumber = pieces.length + 1;
    const { piece, lines } = postPiece(post, pieceNumber, profile);
    pieces.push({ piece, member: post.entry.name });
    members.set(post.entry.name, { name: post.entry.name, file: post.file, role: post.draft ? 'Medium draft page' : 'Medium post page', lines });
  }
  for (const entry of archive.entries)
    if (!members.has(entry.name)) members.set(entry.name, skippedMember(entry, otherFileReason(entry.name.slice(root.length))));
  return { pieces, members: [...members.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

function otherFileReason(local: string): string {
  if (local.startsWith('profile/')) return 'the account’s profile: not a post';
  if (/^README\.html?$/i.test(local)) return 'the export’s table of contents: not a post';
  return 'the account’s activity (claps, bookmarks, highlights, follows, sessions…): not writing';
}

/** Reads one export page; undefined when it has no `h-entry` article with a body. */
function readPost(entry: ArchiveEntry, file: VFile, html: string): MediumPost | undefined {
  const page = fromHtml(html) as Root;
  const article = select('article.h-entry', page);
  const body = article ? select('section[data-field=body]', article) : undefined;
  if (!article || !body) return undefined;
  const metadata: MediumPost['metadata'] = [];
  const found = (selector: string, field: ChapterField): Element | undefined => {
    const element = select(selector, article);
    if (element) metadata.push({ element, field });
    return element;
  };
  const titleElement = found('header h1.p-name, h1.p-name, header > h1', 'title');
  const subtitleElement = found('section[data-field=subtitle]', 'standfirst');
  const authorElement = found('footer a.p-author', 'authors');
  const timeElement = found('footer time.dt-published', 'date');
  const canonicalElement = found('footer a.p-canonical', 'source_url');
  const tagElements = selectAll('footer a.p-tag', article);
  const tagsLine = select('footer .p-tags', article);
  if (tagsLine) metadata.push({ element: tagsLine, field: 'tags' });
  const name = entry.name.split('/').at(-1) ?? '';
  const title = titleElement ? collapsedText(titleElement) : '';
  // Drafts are `draft_…` files; their footer has no date and no canonical link, only “View original.”.
  const draft = /^draft_/i.test(name) || (!timeElement && !canonicalElement);
  return {
    entry,
    file,
    html,
    title,
    subtitle: subtitleElement ? collapsedText(subtitleElement) : '',
    author: authorElement ? collapsedText(authorElement) || undefined : undefined,
    date: dayOf(timeElement) ?? writtenDay(/^(\d{4}-\d{2}-\d{2})_/.exec(name)?.[1] ?? ''),
    canonical: canonicalElement ? stringAttribute(canonicalElement, 'href') : undefined,
    tags: tagElements.map((tag) => collapsedText(tag)).filter(Boolean),
    draft,
    response: !draft && looksLikeResponse(body, title),
    body,
    page,
    metadata,
  };
}

function stringAttribute(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `datetime="2023-12-21T14:43:14.599Z"`: Medium's instant in UTC, as its own page shows the day. */
function dayOf(time: Element | undefined): string | undefined {
  const value = time ? stringAttribute(time, 'dateTime') : undefined;
  return value ? writtenDay(value) : undefined;
}

/**
 * Nothing in the export marks a response: Medium titles it with its own opening words and it is
 * a paragraph or two, with none of a post's parts (title block, headings, pictures).
 */
function looksLikeResponse(body: Element, title: string): boolean {
  if (selectAll('.graf--title, h1, h2, h3, h4, h5, h6, figure, img, pre, ol, ul', body).length > 0) return false;
  const blocks = selectAll('p, blockquote', body);
  if (blocks.length === 0 || blocks.length > 3) return false;
  const text = normalised(collapsedText(body));
  const opening = normalised(title).replace(/(?:…|\.\.\.)$/, '');
  return opening.length > 0 && text.length <= 1500 && text.startsWith(opening);
}

function normalised(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The name on the account (profile/profile.html), to mention where a draft names no author. */
function profileName(archive: Archive, root: string): string | undefined {
  const profile = archive.entries.find((entry) => entry.name === `${root}profile/profile.html`);
  if (!profile?.file || profile.unreadable) return undefined;
  const name = select('.h-card .p-name', fromHtml(String(profile.file.value)) as Root);
  return name ? collapsedText(name) || undefined : undefined;
}

/** Medium repeats the title (and often the subtitle) as the body's first blocks, and opens each section with a divider. */
function repeatedParts(post: MediumPost): RemovedSpan[] {
  const spans: RemovedSpan[] = [];
  const span = (element: Element, reason: string) => {
    const start = element.position?.start.offset;
    const end = element.position?.end.offset;
    if (start !== undefined && end !== undefined) spans.push({ start, end, reason });
  };
  const sections = selectAll('section.section--body, section.section', post.body);
  const firstDivider = select('.section-divider', sections[0] ?? post.body);
  if (firstDivider) span(firstDivider, 'Medium’s divider above the first section');
  const blocks = selectAll('.section-inner > *', post.body).filter((element) => !hasClass(element, 'graf--figure') && element.tagName !== 'figure');
  const same = (element: Element, text: string) => text !== '' && normalised(collapsedText(element)) === normalised(text);
  const titleBlock = blocks.slice(0, 2).find((element) => hasClass(element, 'graf--title') || same(element, post.title));
  if (titleBlock) span(titleBlock, 'repeats the title (in the front matter)');
  // The subtitle can come twice: as Medium's subtitle block and as an italic first paragraph.
  for (const block of blocks.slice(0, 4)) if (block !== titleBlock && same(block, post.subtitle)) span(block, 'repeats the subtitle (the standfirst)');
  return spans;
}

function postPiece(post: MediumPost, pieceNumber: number, profile: string | undefined): { piece: ArchivePiece['piece']; lines: LineFate[] } {
  const { file, html } = post;
  const bodyStart = post.body.position?.start.offset ?? 0;
  const bodyEnd = post.body.position?.end.offset ?? html.length;
  const inner = repeatedParts(post);
  const outside: RemovedSpan[] = [
    { start: 0, end: bodyStart, reason: outsideBody },
    { start: bodyEnd, end: html.length, reason: outsideBody },
  ];
  const spans = [...outside, ...inner];
  // Everything but the body is blanked, so places in the body are places in the page.
  const { body } = htmlContentToBody(blankSpans(html, spans), file, post.canonical);

  const firstLine = post.body.position?.start.line ?? 1;
  const lastLine = post.body.position?.end.line ?? firstLine;
  const venue = post.canonical && /^https?:\/\/(?:[\w-]+\.)*medium\.com\//i.test(post.canonical) ? 'Medium' : undefined;
  const title = post.title || `Untitled Medium post ${post.date ?? post.entry.name}`;
  if (!post.title)
    report(file, 'import-untitled', `the page has no title; the piece was given the provisional title “${title}” for the editor to replace`, {
      line: 1,
      column: 1,
    });
  if (!post.author)
    report(
      file,
      'import-author-unknown',
      `“${title}” names no author (${post.draft ? 'a draft has no byline in the export' : 'no byline'}); authors left empty${profile ? `: the export is ${profile}’s account, give the author if they wrote it` : ''}`,
      { line: 1, column: 1 },
    );
  if (!venue && !post.draft)
    report(
      file,
      'import-venue-unknown',
      `the post’s address (${post.canonical ?? 'none'}) is not on medium.com: the publication is not named, venue left empty`,
      {
        line: 1,
        column: 1,
      },
    );
  const meta: ChapterFrontMatter = {
    title,
    ...(post.title ? {} : { provisional_title: true }),
    authors: post.author ? [post.author] : [],
    ...(post.date ? { date: post.date } : {}),
    ...(venue ? { venue } : {}),
    ...(post.subtitle ? { standfirst: post.subtitle } : {}),
    source: { file: file.path, lines: [firstLine, lastLine] },
    ...(post.canonical ? { source_url: post.canonical } : {}),
    ...(post.tags.length > 0 ? { tags: post.tags } : {}),
    rights: '',
  };

  const fates = new LineFateMap();
  for (const [line, fate] of bodyLineFates(post.page, html, spans, pieceNumber, [firstLine, lastLine]))
    if (!(fate.fate === 'dropped' && fate.reason === outsideBody)) fates.set(line, line, fate);
  for (const { element, field } of post.metadata) {
    const lines = lineRange(element);
    const used = field !== 'authors' || post.author !== undefined;
    if (lines && used) fates.set(lines[0], lines[1], { fate: 'metadata', piece: pieceNumber, field });
  }
  const headEnd = /<body[\s>]/i.exec(html)?.index;
  const headLines = headEnd === undefined ? 0 : placeOfOffset(html, headEnd).line;
  const lines = fates.result(html, (line) => ({
    line,
    fate: 'dropped',
    piece: pieceNumber,
    reason:
      line < headLines ? 'page head: Medium’s stylesheet' : line > lastLine ? 'page footer: “Exported from Medium”, links' : 'page markup around the post',
  }));
  return { piece: { meta, body }, lines };
}
