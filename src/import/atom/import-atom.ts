import { XMLValidator } from 'fast-xml-parser';
import type { VFile } from 'vfile';
import { lineLocator } from '../../core/place.ts';
import { report } from '../../core/rules.ts';
import { sourceLines, unreadLines } from '../content.ts';
import { inlineMarkupText } from '../text.ts';
import type { ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';
import { type AtomNode, atomParser, attribute, children, type EntryRange, findEntryRanges, nodeText } from './atom-xml.ts';
import { entryKind, skipReason } from './entry-kind.ts';
import { entryToPiece, type FeedContext } from './entry-piece.ts';
import { defaultTitle } from './generator-defaults.ts';
import { markEntryLines } from './line-fates.ts';

/**
 * Imports an Atom feed: a blog's (jekyll-feed's `feed.xml`, Hugo's, Zola's `atom.xml`), one
 * chapter per entry, or a Blogger export (Settings → Back up content, or Google Takeout's
 * `feed.atom`), one chapter per published post (pages, comments and drafts when asked); its
 * settings and template are never chapters. Every line is accounted for.
 */
export function importAtom(file: VFile, options: ImportOptions): ImportResult {
  const source = String(file.value);
  const lineTexts = sourceLines(source);
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    report(file, 'import-invalid-xml', `the Atom feed is not well-formed XML: ${valid.err.msg}`, { line: valid.err.line, column: valid.err.col });
    return { pieces: [], lines: unreadLines(lineTexts, 'the feed is not well-formed XML: nothing was read') };
  }
  const feed = (atomParser.parse(source) as { feed?: AtomNode }).feed;
  if (!feed) {
    report(file, 'import-unknown-format', 'this XML is not an Atom feed (no <feed>)', { line: 1, column: 1 });
    return { pieces: [], lines: unreadLines(lineTexts, 'not an Atom feed: nothing was read') };
  }
  const { lineAt, placeAt } = lineLocator(source);
  const entries = children(feed, 'entry') as AtomNode[];
  const ranges = findEntryRanges(source, lineAt);
  const context = feedContext(feed, file, placeAt, entries);
  const wanted = new Set(options.postTypes ?? ['post']);
  const pieces: ImportedPiece[] = [];
  const fates = new Map<number, LineFate>();
  const left = new Map<string, number>();
  const skipped: { range: EntryRange; reason: string }[] = [];
  entries.forEach((entry, index) => {
    const range = ranges[index];
    if (!range) return;
    const kind = entryKind(entry);
    const skip = skipReason(kind, wanted, options.includeDrafts === true);
    if (skip) {
      skipped.push({ range, reason: skip });
      reportSkipped(entry, kind.kind, skip, range, file, left);
      return;
    }
    const { piece, use } = entryToPiece(entry, range, file, context);
    pieces.push(piece);
    markEntryLines(lineTexts, range, pieces.length, fates, use);
  });
  // After the imported entries: a line an imported entry shares with one left out (Blogger writes its posts on one line) is the post's.
  for (const { range, reason } of skipped) markUnread(lineTexts, range, fates, reason);
  reportLeftOut(left, file);
  if (pieces.length === 0 && entries.length > 0)
    report(file, 'import-no-pieces', `the feed has ${entries.length} entries but no published ${[...wanted].join('/')}`, { line: 1, column: 1 });
  return { pieces, lines: accountedLines(lineTexts, fates) };
}

function feedContext(feed: AtomNode, file: VFile, placeAt: FeedContext['placeAt'], entries: readonly AtomNode[]): FeedContext {
  const titleType = attribute(feed.title, 'type') ?? 'text';
  const title = inlineMarkupText(nodeText(feed.title), { decode: titleType === 'html' });
  const generator = `${nodeText(feed.generator)} ${attribute(feed.generator, 'uri') ?? ''}`;
  const placeholder = defaultTitle(generator, title);
  if (placeholder || !title) report(file, 'import-venue-unknown', `${placeholder ?? 'the feed has no title'}: the venue is left empty`, { line: 1, column: 1 });
  const site = children(feed, 'link').find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate');
  const blogger = /blogger/i.test(generator) || entries.some((entry) => entryKindMarked(entry));
  const siteUrl = attribute(site, 'href')?.trim() || undefined;
  const venue = placeholder ? undefined : title || undefined;
  return { source: String(file.value), placeAt, venue, siteUrl, feedAuthors: children(feed, 'author'), blogger, generator };
}

const entryKindMarked = (entry: AtomNode): boolean =>
  entry.type !== undefined || children(entry, 'category').some((category) => attribute(category, 'scheme') === 'http://schemas.google.com/g/2005#kind');

/** A post or page left out is named at its line; comments, settings and the template are counted, once for the feed. */
function reportSkipped(entry: AtomNode, kind: string, reason: string, range: EntryRange, file: VFile, left: Map<string, number>): void {
  if (kind === 'post' || kind === 'page') {
    const title = inlineMarkupText(nodeText(entry.title), { decode: true }) || 'an untitled entry';
    report(file, 'import-skipped', `left out “${title}”: ${reason}`, { line: range.start, column: 1 });
  } else left.set(kind, (left.get(kind) ?? 0) + 1);
}

function reportLeftOut(left: ReadonlyMap<string, number>, file: VFile): void {
  if (left.size === 0) return;
  const plural = (kind: string, count: number) =>
    count === 1 ? (kind === 'template' ? 'the template' : `1 ${kind}`) : `${count} ${kind === 'settings' ? 'settings' : `${kind}s`}`;
  const counted = [...left].map(([kind, count]) => plural(kind, count)).join(', ');
  report(file, 'import-skipped', `left out ${counted} of the Blogger export: not posts (each entry’s lines are in the import’s account, with the reason)`, {
    line: 1,
    column: 1,
  });
}

/** Lines of a skipped entry: dropped for `reason`, or blank; a line an imported entry shares keeps its fate. */
function markUnread(lines: readonly string[], range: EntryRange, fates: Map<number, LineFate>, reason: string): void {
  for (let line = range.start; line <= range.end; line++) {
    if (fates.has(line)) continue;
    fates.set(line, (lines[line - 1] ?? '').trim() === '' ? { line, fate: 'blank' } : { line, fate: 'dropped', piece: undefined, reason });
  }
}

const headerReason = 'the feed’s header (its title, address, author, generator): read for each chapter’s venue, and for the author of an entry that names none';

function accountedLines(lineTexts: readonly string[], fates: ReadonlyMap<number, LineFate>): LineFate[] {
  return lineTexts.map(
    (text, index) =>
      fates.get(index + 1) ??
      (text.trim() === '' ? { line: index + 1, fate: 'blank' } : { line: index + 1, fate: 'dropped', piece: undefined, reason: headerReason }),
  );
}
