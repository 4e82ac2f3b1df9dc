import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { formatPartialDate, parseDate } from '../../core/dates.ts';
import { lineLocator } from '../../core/place.ts';
import { type Place, report } from '../../core/rules.ts';
import { figureDirective } from '../body.ts';
import {
  expandCaptionShortcodes,
  expandContentShortcodes,
  htmlContentToBody,
  htmlToText,
  type PlaceInSource,
  type RemovedEmbed,
  removeShortcodes,
  sourceLines,
  unreadLines,
} from '../content.ts';
import { splitCaptionCredit } from '../html/caption.ts';
import { asName, inlineMarkupText, isLogin } from '../text.ts';
import type { ChapterField, ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';
import { linkAutoEmbeds } from './auto-embeds.ts';
import { autoParagraphsMapped } from './autop.ts';
import { withNoteShortcodes } from './note-shortcodes.ts';
import { repairWordPressXml, type XmlRepairs } from './repair-xml.ts';

/** The parts of a WXR item we read. fast-xml-parser gives text, or objects for attributed nodes. */
interface WxrItem {
  title?: unknown;
  link?: unknown;
  pubDate?: unknown;
  'dc:creator'?: unknown;
  'content:encoded'?: unknown;
  'excerpt:encoded'?: unknown;
  'wp:post_type'?: unknown;
  'wp:status'?: unknown;
  'wp:post_date'?: unknown;
  'wp:post_date_gmt'?: unknown;
  'wp:post_id'?: unknown;
  'wp:attachment_url'?: unknown;
  category?: { '#text'?: unknown; '@_domain'?: unknown; '@_nicename'?: unknown }[];
  'wp:postmeta'?: { 'wp:meta_key'?: unknown; 'wp:meta_value'?: unknown }[];
}

interface WxrAuthor {
  'wp:author_login'?: unknown;
  'wp:author_display_name'?: unknown;
  'wp:author_first_name'?: unknown;
  'wp:author_last_name'?: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // WordPress writes `&#8217;` and `&#039;` in fields outside CDATA.
  htmlEntities: true,
  cdataPropName: '#cdata',
  isArray: (name) => ['item', 'category', 'wp:postmeta', 'wp:author'].includes(name),
});

/** A field's value: its CDATA sections (kept apart by the parser, so that titles and names can tell markup from text) and any other text. */
const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!value || typeof value !== 'object') return '';
  const plain = '#text' in value ? text(value['#text']) : '';
  if (!('#cdata' in value)) return plain;
  // Spaces around a CDATA section (`<title>\n  <![CDATA[…]]>\n</title>`) are layout.
  return [value['#cdata']].flat().map(text).join('') + (plain.trim() === '' ? '' : plain);
};

/** A title or a name as text: CDATA holds WordPress's stored HTML, other text was escaped and is decoded by the parser. */
const fieldText = (value: unknown): string => inlineMarkupText(text(value), { decode: isCdata(value) });

const isCdata = (value: unknown): boolean => typeof value === 'object' && value !== null && '#cdata' in value;

/** Imports a WordPress export (WXR): one chapter per published post (pages and drafts when asked). */
export function importWxr(file: VFile, options: ImportOptions): ImportResult {
  const repairs = repairWordPressXml(String(file.value));
  const source = repairs.text;
  const sourceLineTexts = sourceLines(String(file.value));
  reportRepairs(repairs, file);
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    report(file, 'import-invalid-xml', `the WordPress export is not well-formed XML: ${valid.err.msg}`, xmlErrorPlace(valid.err));
    return { pieces: [], lines: unreadLines(sourceLineTexts, 'the export is not well-formed XML: nothing was read') };
  }
  const document = parser.parse(source) as { rss?: { channel?: { title?: unknown; link?: unknown; item?: WxrItem[]; 'wp:author'?: WxrAuthor[] } } };
  const channel = document.rss?.channel;
  if (!channel) {
    report(file, 'import-unknown-format', 'this XML is not a WordPress export (no <rss><channel>)', { line: 1, column: 1 });
    return { pieces: [], lines: unreadLines(sourceLineTexts, 'not a WordPress export: nothing was read') };
  }
  const { located } = repairs;
  const siteName = fieldText(channel.title) || undefined;
  const siteUrl = text(channel.link).trim() || undefined;
  const displayNames = new Map((channel['wp:author'] ?? []).map((author) => [text(author['wp:author_login']).trim(), displayNameOf(author)]));
  const items = channel.item ?? [];
  // Found in the text as the file has it (the repaired text's offsets shift at each `&amp;`), with the repairs' index of it.
  const itemRanges = findItemRanges(located.text, located.lineAt);
  const contentPlaces = findContentPlaces(located.text, itemRanges, located.placeAt);
  const wanted = new Set(options.postTypes ?? ['post']);
  // A post's featured image (`_thumbnail_id`) is an attachment item of the export, by its post id.
  const attachments = new Map(
    items.filter((item) => text(item['wp:post_type']).trim() === 'attachment').map((item) => [text(item['wp:post_id']).trim(), item] as const),
  );

  const pieces: ImportedPiece[] = [];
  const fates = new Map<number, LineFate>();
  if (repairs.preamble) markUnread(sourceLineTexts, repairs.preamble, fates, 'not part of the export: text printed before the XML (PHP warnings)');
  items.forEach((item, index) => {
    const range = itemRanges[index];
    const type = text(item['wp:post_type']).trim() || 'post';
    const status = text(item['wp:status']).trim() || 'publish';
    const skip = !wanted.has(type)
      ? `a WordPress ${type}, not imported (use --post-types ${type} to include it)`
      : statusSkipReason(status, options.includeDrafts === true);
    if (skip) {
      if (range) markUnread(sourceLineTexts, [range.start, range.end], fates, skip);
      return;
    }
    const removedLines = new Set<number>();
    const piece = itemToPiece(item, file, {
      siteName,
      siteUrl,
      displayNames,
      lines: range ? [range.start, range.end] : [1, 1],
      placeInSource: contentPlaces[index],
      removedLines,
      attachments,
      ...(range ? metaLines(sourceLineTexts, range) : {}),
    });
    pieces.push(piece);
    if (range) markItemLines(sourceLineTexts, range, pieces.length, fates, removedLines);
  });
  if (items.length === 0 || pieces.length === 0) {
    report(
      file,
      'import-no-pieces',
      items.length === 0
        ? 'the WordPress export has no posts (no <item>)'
        : `the WordPress export has ${items.length} items but no published ${[...wanted].join('/')}`,
      { line: 1, column: 1 },
    );
  }
  const lines: LineFate[] = [];
  for (let line = 1; line <= sourceLineTexts.length; line++) {
    const blank = (sourceLineTexts[line - 1] ?? '').trim() === '';
    lines.push(
      fates.get(line) ??
        (blank
          ? { line, fate: 'blank' }
          : { line, fate: 'dropped', piece: undefined, reason: 'export header (site settings, authors, categories): used only to resolve names' }),
    );
  }
  return { pieces, lines };
}

/** Lines of the export no piece reads: dropped for `reason`, or blank. */
function markUnread(lines: readonly string[], [from, to]: readonly [number, number], fates: Map<number, LineFate>, reason: string): void {
  for (let line = from; line <= to; line++)
    fates.set(line, (lines[line - 1] ?? '').trim() === '' ? { line, fate: 'blank' } : { line, fate: 'dropped', piece: undefined, reason });
}

/** What was repaired to read the export, as warnings at the first place of each kind. */
function reportRepairs(repairs: XmlRepairs, file: VFile): void {
  if (repairs.preamble)
    report(
      file,
      'import-xml-repaired',
      `lines ${repairs.preamble[0]}–${repairs.preamble[1]} come before the XML (warnings printed by PHP into the download): ignored`,
      { line: repairs.preamble[0], column: 1 },
    );
  const [ampersand] = repairs.ampersands;
  if (ampersand) report(file, 'import-xml-repaired', `${repairs.ampersands.length} bare “&” (not written &amp;amp;) read as “&”; the first is here`, ampersand);
  const [control] = repairs.controls;
  if (control)
    report(
      file,
      'import-xml-repaired',
      `${repairs.controls.length} control character${repairs.controls.length === 1 ? '' : 's'} XML does not allow, replaced by spaces; the first is here`,
      control,
    );
}

/** Published posts, and attachments (whose status follows their post), are imported; drafts when asked; the bin never. */
function statusSkipReason(status: string, includeDrafts: boolean): string | undefined {
  if (status === 'publish' || status === 'inherit') return undefined;
  if (['draft', 'pending', 'private', 'future'].includes(status))
    return includeDrafts ? undefined : `a ${status} post, not published (use --drafts to include it)`;
  return `a post with status ${status} (in the bin or never saved): not imported`;
}

/** An unclosed element is reported where it opens, not where the parser noticed. */
function xmlErrorPlace(error: { msg: string; line: number; col: number }): { line: number; column: number } {
  const opened = /opened in line (\d+), col (\d+)/.exec(error.msg);
  return opened ? { line: Number(opened[1]), column: Number(opened[2]) } : { line: error.line, column: error.col };
}

interface SiteContext {
  siteName: string | undefined;
  siteUrl: string | undefined;
  displayNames: Map<string, string>;
  lines: [number, number];
  /** Where the item's `content:encoded` text starts in the export. */
  placeInSource: PlaceInSource | undefined;
  /** Filled with the lines whose text the sanitiser removed (only when `placeInSource` maps into the file). */
  removedLines?: Set<number>;
  /** The export's attachments by post id, for featured images. */
  attachments?: ReadonlyMap<string, WxrItem>;
  /** The line of the item's `_thumbnail_id`, if it has one. */
  thumbnailLine?: number | undefined;
  /** The lines of the item's `enclosure` keys, in order. */
  enclosureLines?: readonly number[];
}

const enclosureKey = /<wp:meta_key>(?:<!\[CDATA\[)?enclosure(?:\]\]>)?<\/wp:meta_key>/;

/** Where the item's featured image and enclosures are named, for their messages. */
function metaLines(lines: readonly string[], range: LineRange): Pick<SiteContext, 'thumbnailLine' | 'enclosureLines'> {
  return { thumbnailLine: lineWith(lines, range, /<wp:meta_key>(?:<!\[CDATA\[)?_thumbnail_id\b/), enclosureLines: linesWith(lines, range, enclosureKey) };
}

/** The lines in `range` that match `pattern`. */
function linesWith(lines: readonly string[], range: LineRange, pattern: RegExp): number[] {
  const found: number[] = [];
  for (let line = range.start; line <= range.end; line++) if (pattern.test(lines[line - 1] ?? '')) found.push(line);
  return found;
}

/**
 * WordPress keeps a media file the post links to or publishes as an episode (a podcast's audio,
 * a video) as an `enclosure`: address, size and type on lines of their own. The blog's feed, and
 * podcast themes and plugins on its pages, played it with the post; the chapter cannot, so each is
 * reported with its address and type.
 */
function reportEnclosures(item: WxrItem, file: VFile, site: SiteContext): void {
  const enclosures = (item['wp:postmeta'] ?? []).filter((meta) => text(meta['wp:meta_key']).trim() === 'enclosure');
  enclosures.forEach((meta, index) => {
    const [address = '', , type = ''] = text(meta['wp:meta_value'])
      .split(/\r?\n/)
      .map((part) => part.trim());
    const kind = type.startsWith('audio/') ? 'a sound recording' : type.startsWith('video/') ? 'a video' : 'a media file';
    report(
      file,
      'import-site-syntax',
      `the post's enclosure, ${kind}${address ? ` (${address}${type ? `, ${type}` : ''})` : ''}, published with it in the blog's feed (a podcast's episode, say), is not in the chapter: link to it or describe it if it matters`,
      { line: site.enclosureLines?.[index] ?? site.lines[0], column: 1 },
    );
  });
}

/** The first line in `range` that matches `pattern`. */
function lineWith(lines: readonly string[], range: LineRange, pattern: RegExp): number | undefined {
  for (let line = range.start; line <= range.end; line++) if (pattern.test(lines[line - 1] ?? '')) return line;
  return undefined;
}

function itemToPiece(item: WxrItem, file: VFile, site: SiteContext): ImportedPiece {
  const footnotesMeta = (item['wp:postmeta'] ?? []).find((meta) => text(meta['wp:meta_key']) === 'footnotes');
  const post = postHtml(text(item['content:encoded']), file, site);
  const html = post.html + coreFootnotesList(text(footnotesMeta?.['wp:meta_value']), file, site.lines[0]);
  const { body, removedLines } = htmlContentToBody(html, file, site.siteUrl, post.placeInSource);
  if (site.placeInSource) for (const line of removedLines) site.removedLines?.add(line);
  const isAttachment = text(item['wp:post_type']).trim() === 'attachment';
  reportEnclosures(item, file, site);
  if (isAttachment) body.children.unshift(...attachmentFigure(item, file, site.lines[0]));
  else body.children.unshift(...featuredImage(item, body, file, site));

  const { authors, unattributed, handles } = itemAuthors(item, site.displayNames);
  for (const handle of handles)
    report(
      file,
      'import-author-inferred',
      `the post is signed with the account name “${handle}”, as the blog showed it: give the author’s name if it is known`,
      {
        line: site.lines[0],
        column: 1,
      },
    );
  // `wp:post_date` is the day as the blog showed it; `pubDate` is in GMT (and `0000-00-00` for drafts).
  const dateOf = (value: unknown) => parseDate(text(value).trim());
  const day = dateOf(item['wp:post_date']) ?? dateOf(item['wp:post_date_gmt']) ?? dateOf(item.pubDate);
  const date = day && formatPartialDate(day);
  const excerpt = isAttachment ? '' : htmlToText(text(item['excerpt:encoded']));
  // Co-Authors Plus keeps the byline as categories of the `author` domain: not tags.
  const tags = (item.category ?? [])
    .filter((category) => text(category['@_domain']) !== 'author')
    .map((category) => fieldText(category))
    .filter(Boolean);
  // WordPress keeps titles as HTML (`Tea &amp; Sympathy`, sometimes with <em>) and exports them in CDATA; older exports escape the text.
  const title = fieldText(item.title);
  const meta: ChapterFrontMatter = {
    title: title || `Untitled post ${text(item['wp:post_id'])}`.trim(),
    ...(title ? {} : { provisional_title: true }),
    authors,
    ...(date ? { date } : {}),
    ...(site.siteName ? { venue: site.siteName } : {}),
    ...(excerpt ? { standfirst: excerpt } : {}),
    source: { file: file.path, lines: site.lines },
    ...(text(item.link).trim() ? { source_url: text(item.link).trim() } : {}),
    ...(tags.length > 0 ? { tags: [...new Set(tags)] } : {}),
    rights: '',
  };
  if (!title)
    report(file, 'import-untitled', `post ${text(item['wp:post_id'])} has no title; it was given a provisional one`, { line: site.lines[0], column: 1 });
  return { meta, body, ...(unattributed ? { unattributed } : {}) };
}

/** The post's HTML as WordPress shows it: note, code and caption shortcodes expanded, auto-embeds linked (and reported), paragraphs made, other shortcodes out. */
function postHtml(content: string, file: VFile, site: SiteContext): { html: string; placeInSource: PlaceInSource | undefined } {
  const noteShortcodes = withNoteShortcodes(expandContentShortcodes(content));
  for (const opening of new Set(noteShortcodes.unclosed))
    report(file, 'import-note-unclosed', `the footnote shortcode ${opening} is never closed: it is left in the text as typed; close it or make it a note`, {
      line: site.lines[0],
      column: 1,
    });
  const { html: linked, embeds } = linkAutoEmbeds(noteShortcodes.html);
  for (const embed of embeds)
    report(
      file,
      'import-site-syntax',
      `the address ${embed.url} stands alone on its line, which WordPress shows as an embed of what it points to (a video, a post): kept as a link; look at the original post`,
      site.placeInSource?.(embed) ?? { line: site.lines[0], column: 1 },
    );
  // The notes list goes after a blank line, so that the post's last paragraph is still a paragraph.
  const autop = autoParagraphsMapped(linked.replace(/<ol class="footnotes">/, '\n\n$&'));
  // Places in what follows are places before the paragraphs' tags were put in (columns are exact where no shortcode was expanded before them).
  const { placeInSource: inContent } = site;
  const placeInSource: PlaceInSource | undefined = inContent && ((point) => inContent(autop.placeBefore(point)));
  const paragraphs = expandCaptionShortcodes(autop.html);
  const { html, removed, embeds: embedShortcodes } = removeShortcodes(paragraphs);
  if (removed.length > 0)
    report(file, 'import-sanitised', `removed WordPress shortcodes: ${[...new Set(removed)].join(', ')}`, { line: site.lines[0], column: 1 });
  reportEmbedShortcodes(paragraphs, html, embedShortcodes, file, { ...site, placeInSource });
  return { html, placeInSource };
}

/**
 * Each embed shortcode taken out (`[video src=…]`, `[gallery ids=…]`) is a warning at its place with
 * what it named; a line that held nothing else is dropped in the line account, not kept.
 */
function reportEmbedShortcodes(before: string, after: string, embeds: readonly RemovedEmbed[], file: VFile, site: SiteContext): void {
  const { lineAt, placeAt } = lineLocator(before);
  const afterLines = after.split('\n');
  for (const embed of embeds) {
    const at = placeAt(embed.offset);
    report(
      file,
      'import-site-syntax',
      `the WordPress shortcode [${embed.name}]${embed.address ? ` (${embed.address})` : ''} shows an embed, a player or a gallery that is not in the export: taken out; look at the original post`,
      site.placeInSource?.(at) ?? { line: site.lines[0], column: 1 },
    );
    if (!site.placeInSource) continue;
    for (let line = at.line; line <= lineAt(embed.offset + embed.length); line++)
      if ((afterLines[line - 1] ?? '').replace(/<[^>]*>/g, '').trim() === '') site.removedLines?.add(site.placeInSource({ line, column: 1 }).line);
  }
}

/** The name WordPress shows for an account: its display name (what the blog printed), else first and last name. */
function displayNameOf(author: WxrAuthor): string {
  const display = fieldText(author['wp:author_display_name']);
  return display || `${fieldText(author['wp:author_first_name'])} ${fieldText(author['wp:author_last_name'])}`.trim();
}

interface ItemAuthors {
  authors: string[];
  /** Why nobody is credited. */
  unattributed?: string;
  /** Bylines that are account handles (`szpryc`): kept, as the blog showed them, and reported. */
  handles: string[];
}

/**
 * A post's byline: Co-Authors Plus's `author` categories (in order), else `dc:creator`, a login
 * resolved through the export's accounts to the name the blog showed (`jdoe` → `Jane Doe`). A
 * generic account (`admin`) credits nobody, and says why; a handle the blog showed is kept and
 * reported.
 */
function itemAuthors(item: WxrItem, displayNames: ReadonlyMap<string, string>): ItemAuthors {
  const shown = (login: string) => displayNames.get(login) || displayNames.get(login.replace(/^cap-/, '')) || '';
  const logins = (item.category ?? [])
    .filter((category) => text(category['@_domain']) === 'author')
    .map((category) => shown(text(category['@_nicename']).trim()) || fieldText(category));
  const creator = fieldText(item['dc:creator']);
  const written = logins.length > 0 ? logins : creator ? [shown(creator) || creator] : [];
  const authors = [...new Set(written.map((name) => asName(name, { handles: true })).filter((name): name is string => name !== undefined))];
  if (authors.length > 0) return { authors, handles: authors.filter(isLogin) };
  return written.length > 0
    ? { authors: [], unattributed: `the export names its author only by the account “${written[0]}”, which is not a name`, handles: [] }
    : { authors: [], handles: [] };
}

const metaValue = (item: WxrItem, key: string): string =>
  text((item['wp:postmeta'] ?? []).find((meta) => text(meta['wp:meta_key']).trim() === key)?.['wp:meta_value']).trim();

/**
 * An attachment as a figure: its picture on the web (a placeholder until the editor supplies the
 * file, reported like any picture the import does not fetch), its caption (the excerpt, else the
 * description) split from the credit, its alt text (`_wp_attachment_image_alt`).
 */
function attachmentFigure(item: WxrItem, file: VFile, line: number, role: 'attachment' | 'featured image' = 'attachment') {
  const url = text(item['wp:attachment_url']).trim();
  if (!url) return [];
  // An attachment imported as a piece has its description as its body; a featured image has only its figure.
  const excerpt = htmlToText(text(item['excerpt:encoded']));
  const description = role === 'featured image' ? htmlToText(text(item['content:encoded'])) : '';
  const captionText = excerpt || description;
  if (excerpt && description && description !== excerpt)
    report(
      file,
      'import-featured-image',
      `the featured image's description (“${description.length > 80 ? `${description.slice(0, 79)}…` : description}”) is not in the figure, which has its caption: add it if it matters`,
      { line, column: 1 },
    );
  const { caption, credit } = splitCaptionCredit(captionText);
  const figure = figureDirective(caption, credit);
  // Only the alt text WordPress was given: the attachment's title is named after its file unless
  // someone changed it (`Screen Shot 2019-01-01 at 10.00.00`), so it describes nothing for sure.
  const alt = htmlToText(metaValue(item, '_wp_attachment_image_alt'));
  figure.attributes = { ...figure.attributes, remote: url, ...(alt ? { alt } : {}) };
  report(file, 'import-remote-image', `the ${role} ${url} is on the web and was not fetched: put the file in the project and give the figure a src`, {
    line,
    column: 1,
  });
  return [figure];
}

/** `photo-300x200.jpg`, `photo-scaled.jpg` (WordPress 5.3's copy of a big upload) and `photo.jpg` are one picture: WordPress names its resized copies so. */
const pictureKey = (url: string) =>
  url
    .replace(/[?#].*$/, '')
    .replace(/-(?:\d+x\d+|scaled)(?=\.\w+$)/, '')
    .replace(/^https?:/, '');

/**
 * A post's featured image (`_thumbnail_id`: the attachment the theme shows above the post) opens
 * the chapter as its figure, as the blog showed it, unless the post shows that picture already.
 * An attachment the export does not hold is reported: the picture is not in the source.
 */
function featuredImage(item: WxrItem, body: Root, file: VFile, site: SiteContext): LeafDirective[] {
  const id = metaValue(item, '_thumbnail_id');
  if (!id) return [];
  const place = { line: site.thumbnailLine ?? site.lines[0], column: 1 };
  const attachment = site.attachments?.get(id);
  const url = attachment ? text(attachment['wp:attachment_url']).trim() : '';
  if (!attachment || !url) {
    report(
      file,
      'import-featured-image',
      `the post’s featured image (attachment ${id}) is not in the export${attachment ? ' with an address' : ''}: the picture the blog showed above the post is missing; look at the original post`,
      place,
    );
    return [];
  }
  const shown = new Set<string>();
  visit(body, 'leafDirective', (node) => {
    const address = node.attributes?.remote ?? node.attributes?.src;
    if (node.name === 'figure' && address) shown.add(pictureKey(address));
  });
  if (shown.has(pictureKey(url))) return [];
  return attachmentFigure(attachment, file, place.line, 'featured image');
}

/**
 * The core footnotes block keeps its notes in post meta as JSON: `[{"id": "…", "content": "…"}]`.
 * Rendered as WordPress does, the list follows the content so the markers can find their notes.
 */
function coreFootnotesList(json: string, file: VFile, line: number): string {
  if (json.trim() === '') return '';
  try {
    const notes = JSON.parse(json) as { id?: string; content?: string }[];
    const items = notes.map((note) => `<li id="${note.id ?? ''}">${note.content ?? ''} <a href="#${note.id ?? ''}-link">↩︎</a></li>`).join('');
    return `<ol class="wp-block-footnotes">${items}</ol>`;
  } catch {
    report(file, 'import-invalid-json', 'the post’s footnotes (post meta `footnotes`) are not valid JSON; its notes are missing', { line, column: 1 });
    return '';
  }
}

interface LineRange {
  start: number;
  end: number;
  /** Offsets of `<item` and `</item>`. */
  from: number;
  to: number;
}

/** Line ranges of the `<item>` elements, in document order (CDATA sections are skipped: posts may quote markup). */
function findItemRanges(source: string, lineAt: (offset: number) => number): LineRange[] {
  const ranges: LineRange[] = [];
  const pattern = /<!\[CDATA\[[\s\S]*?\]\]>|<item[\s>]|<\/item>/g;
  let open: number | undefined;
  for (const match of source.matchAll(pattern)) {
    if (match[0].startsWith('<![CDATA[')) continue;
    if (match[0].startsWith('<item')) open = match.index;
    else if (open !== undefined) {
      ranges.push({ start: lineAt(open), end: lineAt(match.index), from: open, to: match.index });
      open = undefined;
    }
  }
  return ranges;
}

/** For each item, where the text of its `content:encoded` starts (after `<![CDATA[`), as a map from places in the post's HTML. */
function findContentPlaces(source: string, ranges: readonly LineRange[], placeAt: (offset: number) => Place): (PlaceInSource | undefined)[] {
  return ranges.map((range) => {
    const opening = /<content:encoded>(?:\s*<!\[CDATA\[)?/.exec(source.slice(range.from, range.to));
    if (!opening) return undefined;
    const offset = range.from + opening.index + opening[0].length;
    const { line, column } = placeAt(offset);
    return (point) => (point.line === 1 ? { line, column: column + point.column - 1 } : { line: line + point.line - 1, column: point.column });
  });
}

const metadataTags: [RegExp, ChapterField][] = [
  [/^\s*<title[\s>]/, 'title'],
  [/^\s*<dc:creator[\s>]/, 'authors'],
  [/^\s*<(?:pubDate|wp:post_date)[\s>]/, 'date'],
  [/^\s*<link[\s>]/, 'source_url'],
  [/^\s*<category[^>]*\bdomain="author"/, 'authors'],
  [/^\s*<category[\s>]/, 'tags'],
  [/^\s*<excerpt:encoded[\s>]/, 'standfirst'],
];

/** `<excerpt:encoded><![CDATA[]]></excerpt:encoded>`: a field WordPress exports even when it is empty. */
function isEmptyElement(line: string): boolean {
  return /^\s*<([\w:]+)[^>]*>(?:<!\[CDATA\[\]\]>)?<\/\1>\s*$/.test(line);
}

const removedReason =
  'removed from the post: an embedded frame or player (reported here with its address), or unsafe or hidden markup holding it (scripts, forms, noscript, svg)';

const enclosureReason = 'the post’s enclosure, a media file published with it in the blog’s feed (reported with its address): not in the chapter';

/** Lines of an imported item: its content is the body; title, author, date… are metadata; the rest is WordPress bookkeeping. */
function markItemLines(lines: readonly string[], range: LineRange, piece: number, fates: Map<number, LineFate>, removedLines: ReadonlySet<number>): void {
  let inContent = false;
  let inFootnotes = false;
  let inThumbnail = false;
  let inEnclosure = false;
  for (let line = range.start; line <= range.end; line++) {
    const value = lines[line - 1] ?? '';
    if (/<content:encoded[\s>]/.test(value)) inContent = true;
    if (/<wp:meta_key>(?:<!\[CDATA\[)?footnotes/.test(value)) inFootnotes = true;
    if (/<wp:meta_key>(?:<!\[CDATA\[)?_thumbnail_id\b/.test(value)) inThumbnail = true;
    if (enclosureKey.test(value)) inEnclosure = true;
    const metadata = isEmptyElement(value) ? undefined : metadataTags.find(([pattern]) => pattern.test(value))?.[1];
    if (value.trim() === '') fates.set(line, { line, fate: 'blank' });
    else if (inContent && removedLines.has(line)) fates.set(line, { line, fate: 'dropped', piece, reason: removedReason });
    else if (inContent) fates.set(line, { line, fate: 'kept', piece, field: 'body' });
    else if (inFootnotes && /<wp:meta_value/.test(value)) fates.set(line, { line, fate: 'kept', piece, field: 'notes' });
    else if (inThumbnail && /<wp:meta_(?:key|value)/.test(value)) fates.set(line, { line, fate: 'kept', piece, field: 'figure' });
    else if (metadata) fates.set(line, { line, fate: 'metadata', piece, field: metadata });
    else if (inEnclosure) fates.set(line, { line, fate: 'dropped', piece, reason: enclosureReason });
    else fates.set(line, { line, fate: 'dropped', piece, reason: 'WordPress bookkeeping (ids, guid, comment and ping status, post meta)' });
    if (/<\/content:encoded>/.test(value)) inContent = false;
    if (/<\/wp:postmeta>/.test(value)) {
      inFootnotes = false;
      inThumbnail = false;
      inEnclosure = false;
    }
  }
}
