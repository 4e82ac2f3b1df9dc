import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { formatPartialDate, parseDate } from '../../core/dates.ts';
import { report } from '../../core/rules.ts';
import { htmlContentToBody, htmlToText } from '../content.ts';
import { asName, inlineMarkupText, isLogin } from '../text.ts';
import type { ImportedPiece } from '../types.ts';
import { type AtomNode, attribute, children, type EntryRange, elementText, nodeText, placesInElement } from './atom-xml.ts';
import { withoutBreaksBetweenItems } from './blogger-breaks.ts';
import { withBloggerCaptionFigures } from './blogger-captions.ts';
import { defaultAuthor } from './generator-defaults.ts';

export interface FeedContext {
  source: string;
  placeAt: (offset: number) => { line: number; column: number };
  /** The feed's `<title>`: the chapters' venue. */
  venue: string | undefined;
  /** The blog's address (the feed's `rel="alternate"` link): resolves relative addresses. */
  siteUrl: string | undefined;
  /** The feed's `<author>`s: an entry without its own is theirs, as Atom says. */
  feedAuthors: unknown[];
  /** Blogger writes titles HTML-escaped even where it does not say `type="html"`. */
  blogger: boolean;
  /** The feed's `<generator>`, whose placeholder author (Hexo's `John Doe`) is nobody. */
  generator: string;
}

/** How an entry's lines went, for the line account. */
export interface EntryUse {
  /** The summary is the chapter's body (the feed has no content), its standfirst, or the post's opening repeated. */
  summary: 'body' | 'standfirst' | 'repeated' | 'none';
  /** Whether the author lines gave the chapter its authors. */
  authors: boolean;
  /** Which of `published`/`updated` dated the chapter. */
  dated: 'published' | 'updated' | undefined;
  /** Lines of the content the sanitiser took out. */
  removedLines: Set<number>;
}

/** An Atom entry as a chapter: title, authors, date, venue, address, labels, and its HTML as the body. */
export function entryToPiece(entry: AtomNode, range: EntryRange, file: VFile, feed: FeedContext): { piece: ImportedPiece; use: EntryUse } {
  const place = { line: range.start, column: 1 };
  const link = alternateLink(entry);
  const body = entryBody(entry, range, file, feed, link);
  const { authors, unattributed, inherited } = entryAuthors(entry, feed);
  for (const handle of authors.filter(isLogin))
    report(
      file,
      'import-author-inferred',
      `the post is signed with the account name “${handle}”, as the feed gives it: give the author’s name if it is known`,
      place,
    );
  if (inherited && authors.length > 0)
    report(file, 'import-author-inferred', `the entry names no author: credited to the feed’s (${authors.join(', ')}), as Atom reads it; check it`, place);
  const published = parseDate(nodeText(entry.published).trim());
  const updated = published ? undefined : parseDate(nodeText(entry.updated).trim());
  const title = entryTitle(entry.title, feed.blogger);
  const tags = children(entry, 'category')
    .filter((category) => attribute(category, 'scheme') !== 'http://schemas.google.com/g/2005#kind')
    .map((category) => (attribute(category, 'label') ?? attribute(category, 'term') ?? '').trim())
    .filter(Boolean);
  const day = published ?? updated;
  const meta: ChapterFrontMatter = {
    title: title || 'Untitled post',
    ...(title ? {} : { provisional_title: true }),
    authors,
    ...(day ? { date: formatPartialDate(day) } : {}),
    ...(feed.venue ? { venue: feed.venue } : {}),
    ...(body.standfirst ? { standfirst: body.standfirst } : {}),
    source: { file: file.path, lines: [range.start, range.end] },
    ...(link ? { source_url: link } : {}),
    ...(tags.length > 0 ? { tags: [...new Set(tags)] } : {}),
    rights: '',
  };
  if (!title) report(file, 'import-untitled', 'the entry has no title; it was given a provisional one', place);
  if (!day) report(file, 'import-date-unreadable', 'the entry has no date (no readable <published> or <updated>): left out', place);
  const piece: ImportedPiece = { meta, body: body.root, ...(unattributed ? { unattributed } : {}) };
  return {
    piece,
    use: {
      summary: body.summary,
      authors: authors.length > 0,
      dated: published ? 'published' : updated ? 'updated' : undefined,
      removedLines: body.removedLines,
    },
  };
}

/** The entry's title as text: Atom's `type="html"` (and Blogger's every title) is escaped markup, `text` is text. */
function entryTitle(title: unknown, blogger: boolean): string {
  const type = attribute(title, 'type') ?? 'text';
  const value = nodeText(title);
  if (type === 'xhtml') return value.replace(/\s+/g, ' ').trim();
  return inlineMarkupText(value, { decode: type === 'html' || blogger });
}

/** The address of the post on its site: the `rel="alternate"` link (a link without `rel` is one, as Atom says) to an HTML page. */
function alternateLink(entry: AtomNode): string | undefined {
  const links = children(entry, 'link').filter((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate');
  const page = links.find((link) => /html/.test(attribute(link, 'type') ?? 'text/html')) ?? links[0];
  return attribute(page, 'href')?.trim() || undefined;
}

const placeholderNote = 'the placeholder a feed writes for an author it does not name (Blogger’s for a hidden profile, Zola’s for a site with no author)';

interface EntryAuthors {
  authors: string[];
  unattributed?: string;
  /** Taken from the feed's `<author>`, the entry having none. */
  inherited: boolean;
}

/**
 * The entry's `<author><name>`s, else the feed's. A name that is not one (Blogger's `Unknown` or
 * `Anonymous` with its `noreply@blogger.com`, an address, an empty name) credits nobody, and says why.
 */
function entryAuthors(entry: AtomNode, feed: FeedContext): EntryAuthors {
  const own = children(entry, 'author');
  const given = own.length > 0 ? own : feed.feedAuthors;
  const names = given.map((author) =>
    nodeText((author as AtomNode | undefined)?.name)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const placeholder = names.map((name) => defaultAuthor(feed.generator, name)).find(Boolean);
  if (placeholder) return { authors: [], unattributed: placeholder, inherited: own.length === 0 };
  const authors = [...new Set(names.map((name) => asName(name, { handles: true })).filter((name): name is string => name !== undefined))];
  if (authors.length > 0 || given.length === 0) return { authors, inherited: own.length === 0 };
  const written = names.find(Boolean);
  const email = given.map((author) => nodeText((author as AtomNode | undefined)?.email).trim()).find(Boolean);
  const unattributed = written
    ? `the feed names its author “${written}”, ${/^(?:unknown|anonymous)$/i.test(written) ? placeholderNote : 'which is not a name'}`
    : email
      ? `the feed gives only an address for its author (${email}), not a name`
      : 'the feed’s <author> has no name';
  return { authors: [], unattributed, inherited: own.length === 0 };
}

interface EntryBody {
  root: ImportedPiece['body'];
  standfirst?: string;
  summary: EntryUse['summary'];
  removedLines: Set<number>;
}

/**
 * The post's HTML (`<content type="html">` or `xhtml`), through the importers' HTML path; a feed
 * that has only a `<summary>` gives that, reported: the chapter is the excerpt, not the post.
 */
function entryBody(entry: AtomNode, range: EntryRange, file: VFile, feed: FeedContext, link: string | undefined): EntryBody {
  const place = { line: range.start, column: 1 };
  const content = entryHtml(entry, 'content', range, feed);
  const summary = entryHtml(entry, 'summary', range, feed);
  if (entry.content !== undefined && attribute(entry.content, 'src'))
    report(file, 'import-excerpt-only', `the entry’s content is elsewhere (${attribute(entry.content, 'src')}), not in the feed`, place);
  const chosen = content?.html.trim() ? content : summary;
  if (chosen === summary && summary?.html.trim())
    report(
      file,
      'import-excerpt-only',
      'the feed has only the summary of this post (an excerpt), not the post itself: the chapter is the excerpt; import the post from its page or the site’s sources',
      place,
    );
  const base = attribute(entry.content, 'base') ?? link ?? feed.siteUrl;
  const { body, removedLines } = htmlContentToBody(bloggerHtml(chosen?.html ?? ''), file, base, chosen?.placeInSource);
  if (!chosen?.html.trim()) report(file, 'import-empty-post', 'the entry has neither content nor a summary: its chapter is empty', place);
  if (chosen === summary) return { root: body, summary: summary?.html.trim() ? 'body' : 'none', removedLines };
  const summaryText = summary ? htmlToText(summary.html) : '';
  if (!summaryText) return { root: body, summary: 'none', removedLines };
  // jekyll-feed's, Hugo's and Hexo's summary is the post's opening, made for feed readers: not a
  // standfirst. Hexo cuts it after so many characters, inside a tag (`持有注册过<`) as may be.
  const opening = htmlToText(content?.html ?? '').replace(/\s+/g, '');
  const cut = htmlToText(summary?.html.replace(/<[^>]*$/, '') ?? '').replace(/\s+/g, '');
  const repeated = opening.startsWith(cut.replace(/(?:…|\.\.\.|\[…\])$/, ''));
  return repeated ? { root: body, summary: 'repeated', removedLines } : { root: body, standfirst: summaryText, summary: 'standfirst', removedLines };
}

/** An entry's `content` or `summary` as HTML, with the map from its places to the file's. */
function entryHtml(entry: AtomNode, name: 'content' | 'summary', range: EntryRange, feed: FeedContext) {
  const node = entry[name];
  if (node === undefined) return undefined;
  const type = attribute(node, 'type') ?? 'text';
  const written = elementText(feed.source, range, name);
  const placeInSource = written ? placesInElement(written, feed.placeAt) : undefined;
  if (type === 'xhtml' && written) {
    // The wrapping `<div xmlns="…/xhtml">` goes; blanked rather than cut, so that places stay places.
    const html = written.raw.replace(/^\s*<(?:[\w.-]+:)?div\b[^>]*>|<\/(?:[\w.-]+:)?div>\s*$/g, (wrapper) => wrapper.replace(/[^\n]/g, ' '));
    return { html, placeInSource };
  }
  const value = nodeText(node);
  if (type === 'html' || /^text\/html$/i.test(type)) return { html: value, placeInSource };
  // Plain text: its characters escaped, its blank lines paragraphs (line breaks kept so places stay places).
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { html: `<p>${escaped.replace(/\n[ \t]*\n/g, '</p>\n\n<p>')}</p>`, placeInSource: undefined };
}

/** Blogger's editor markup read as what it shows: caption tables as figures, line breaks between items out. */
const bloggerHtml = (html: string): string => withoutBreaksBetweenItems(withBloggerCaptionFigures(html));
