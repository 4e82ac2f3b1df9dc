import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import { placeOfOffset } from '../core/place.ts';
import { report } from '../core/rules.ts';
import type { ArchiveImportResult, MemberImport } from './archive-parts.ts';
import { importAtom } from './atom/import-atom.ts';
import { importBloggerTakeout } from './atom/import-takeout.ts';
import { detectArchiveFormat, detectFormat, type FileFormat, type SourceFormat } from './detect.ts';
import { importFolder } from './folder/import-folder.ts';
import { importGhost } from './ghost/import-ghost.ts';
import { importHtml } from './html/import-html.ts';
import { importMarkdown } from './markdown/import-markdown.ts';
import { maxMarkupDepth, tooDeepAt } from './markup-depth.ts';
import { importMedium } from './medium/import-medium.ts';
import { importScrape } from './scrape/scrape.ts';
import { pieceSlug } from './slug.ts';
import { importSubstack } from './substack/import-substack.ts';
import type { Archive, ImportedPiece, ImportOptions, ImportResult, LineFate, SourceInput } from './types.ts';
import { importWxr } from './wordpress/import-wxr.ts';

export type { MemberImport } from './archive-parts.ts';

export interface ImportedChapter {
  /** Stable slug: the chapter file is `<slug>.md`, its images go to `images/<slug>/`. */
  slug: string;
  piece: ImportedPiece;
  /** For an archive or folder: the file inside it the piece came from (its images are found beside it). */
  member?: string;
}

export interface SourceImport {
  /** The source as named: a file, or the zip or folder (messages about the whole go here). */
  file: VFile;
  format: SourceFormat | undefined;
  chapters: ImportedChapter[];
  /** One fate per line of `file`; empty for an archive or folder, whose lines are in `members`. */
  lines: LineFate[];
  /** For an archive or folder: every file in it, with its own fates and messages. */
  members?: MemberImport[];
  /** For an archive or folder: which (member paths read `export.zip:posts/1.html` or `export/posts/1.html`). */
  container?: Archive['container'];
}

const importers: Record<FileFormat, (file: VFile, options: ImportOptions) => ImportResult> = {
  scrape: importScrape,
  html: importHtml,
  markdown: importMarkdown,
  wxr: importWxr,
  atom: importAtom,
  ghost: importGhost,
};

export const formatNames: Record<SourceFormat, string> = {
  scrape: 'plain-text archive scrape',
  html: 'saved HTML page',
  markdown: 'Markdown with front matter',
  wxr: 'WordPress export (WXR)',
  atom: 'Atom feed or Blogger export',
  ghost: 'Ghost JSON export',
  substack: 'Substack export',
  medium: 'Medium export',
  blogger: 'Blogger export from Google Takeout',
  folder: 'folder of saved posts',
};

/** Imports what the user named: a file, or a zip or folder of many. */
export function importInput(input: SourceInput, options: ImportOptions, slugger: GithubSlugger = new GithubSlugger()): SourceImport {
  return input.kind === 'file' ? importSource(input.file, options, slugger) : importArchive(input.archive, options, slugger);
}

/**
 * Imports one source (already read into `file`) into chapters. Pure: problems become messages on
 * `file`; the caller decides whether anything is written.
 */
export function importSource(file: VFile, options: ImportOptions, slugger: GithubSlugger = new GithubSlugger()): SourceImport {
  const { format, result } = importFile(file, options);
  const chapters = result.pieces.map((piece) => ({ slug: pieceSlug(piece.meta, slugger), piece }));
  return { file, format, chapters, lines: result.lines };
}

/** One file's pieces and line fates, without slugs: for a source on its own, or one file of a folder. */
export function importFile(file: VFile, options: ImportOptions): { format: FileFormat | undefined; result: ImportResult } {
  const none = { pieces: [], lines: [] };
  const text = String(file.value);
  if (text.trim() === '') {
    report(file, 'import-empty', 'the source file is empty: nothing to import', { line: 1, column: 1 });
    return { format: undefined, result: none };
  }
  const format = detectFormat(file.basename ?? '', text);
  if (!format) {
    report(
      file,
      'import-unknown-format',
      'cannot tell what kind of source this is: expected a text scrape, HTML page, Markdown, WordPress export or RSS feed (.xml), Atom feed or Blogger export (.xml, .atom) or Ghost export (.json)',
      {
        line: 1,
        column: 1,
      },
    );
    return { format, result: none };
  }
  // A saved page's parser sets what nests too deep beside its parent, as a browser does (parse-html.ts).
  if (format !== 'scrape' && format !== 'html' && reportTooDeep(file, text)) return { format, result: none };
  const result = importers[format](file, options);
  if (result.pieces.length === 0 && !file.messages.some((message) => message.fatal)) {
    report(file, 'import-no-pieces', 'found no piece (title, byline or body) in this source', { line: 1, column: 1 });
  }
  settleAuthors(result.pieces, file, options);
  return { format, result };
}

/** Markup nested past what browsers build would overflow the tree tools: refused, with the place. */
function reportTooDeep(file: VFile, text: string): boolean {
  const offset = tooDeepAt(text);
  if (offset === undefined) return false;
  report(file, 'import-too-deep', `HTML nested more than ${maxMarkupDepth} elements deep here: no real page is; not imported`, placeOfOffset(text, offset));
  return true;
}

/**
 * Imports a zip or folder: a Substack or Medium export (zipped or unpacked), or a folder of saved
 * posts. Every file in it is accounted for in `members`: read (with a fate for each line) or left
 * out (with the reason).
 */
export function importArchive(archive: Archive, options: ImportOptions, slugger: GithubSlugger = new GithubSlugger()): SourceImport {
  const failed = { file: archive.file, format: undefined, chapters: [], lines: [], members: [], container: archive.container };
  if (archive.file.messages.some((message) => message.fatal)) return failed;
  const detected = detectArchiveFormat(archive.container, archive.entries);
  if (!detected) {
    report(
      archive.file,
      'import-unknown-format',
      'this zip is neither a Substack export (posts.csv beside posts/) nor a Medium export (posts/*.html pages) nor Google Takeout’s Blogger export (a blog’s feed.atom): unzip it and import the folder, or the files in it',
      { line: 1, column: 1 },
    );
    return failed;
  }
  // A folder's files, and Takeout's feeds, go through importFile, which checks each; an export's posts are checked here.
  const readFileByFile = detected.format === 'folder' || detected.format === 'blogger';
  const tooDeep = (readFileByFile ? [] : archive.entries).flatMap((entry) =>
    entry.file && reportTooDeep(entry.file, String(entry.file.value)) ? [{ name: entry.name, file: entry.file, lines: [] }] : [],
  );
  if (tooDeep.length > 0) return { ...failed, members: tooDeep };
  let result: ArchiveImportResult;
  if (detected.format === 'substack') result = importSubstack(archive, detected.root, options);
  else if (detected.format === 'medium') result = importMedium(archive, detected.root, options);
  else if (detected.format === 'blogger') result = importBloggerTakeout(archive, options, importFile);
  else result = importFolder(archive, options, importFile);
  if (!readFileByFile) settleArchiveAuthors(result, archive, options);
  const ignored: MemberImport[] = archive.ignored.map(({ name, reason }) => ({ name, lines: [], skipped: reason }));
  const members = [...result.members, ...ignored].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const fatal = [archive.file, ...members.flatMap((member) => (member.file ? [member.file] : []))].some((file) =>
    file.messages.some((message) => message.fatal),
  );
  if (result.pieces.length === 0 && !fatal) {
    report(
      archive.file,
      'import-no-pieces',
      `found nothing to import in this ${formatNames[detected.format]}: ${skippedReasons(members).join('; ') || 'it is empty'}`,
      {
        line: 1,
        column: 1,
      },
    );
  }
  const chapters = result.pieces.map(({ piece, member }) => ({ slug: pieceSlug(piece.meta, slugger), piece, member }));
  return { file: archive.file, format: detected.format, chapters, lines: [], members, container: archive.container };
}

/** What was left out of an archive, grouped by reason, most frequent first: `3 × a draft (use --drafts…)`. */
export function skippedReasons(members: readonly MemberImport[]): string[] {
  const counts = new Map<string, number>();
  for (const member of members) if (member.skipped) counts.set(member.skipped, (counts.get(member.skipped) ?? 0) + 1);
  return [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1)).map(([reason, count]) => `${count} × ${reason}`);
}

/**
 * A piece whose source names no author: credited to the author the editor named for the source
 * (their own blog), else left empty. Never silent: either is a warning at the piece's first line.
 */
function settleAuthors(pieces: readonly ImportedPiece[], file: VFile, options: ImportOptions): void {
  for (const piece of pieces) {
    if (piece.meta.authors.length > 0) continue;
    const place = { line: piece.meta.source?.lines[0] ?? 1, column: 1 };
    const title = piece.meta.provisional_title ? 'an untitled piece' : `“${piece.meta.title}”`;
    const why = piece.unattributed ? ` (${piece.unattributed})` : '';
    if (options.defaultAuthor) {
      piece.meta.authors = [options.defaultAuthor];
      report(file, 'import-author-assumed', `${title} has no byline${why}: credited to ${options.defaultAuthor}, whose blog you said this source is`, place);
    } else {
      report(
        file,
        'import-author-unknown',
        `${title} does not say who wrote it${why}: its authors are left empty (fill them in; for your own blog, import with --author NAME)`,
        place,
      );
    }
  }
}

/**
 * A Substack or Medium export is the editor's own account: with `--author` its pieces without a
 * byline are theirs, and the export's own “no author” warnings give way to one per piece credited.
 */
function settleArchiveAuthors(result: ArchiveImportResult, archive: Archive, options: ImportOptions): void {
  if (!options.defaultAuthor) return;
  const files = [archive.file, ...result.members.flatMap((member) => (member.file ? [member.file] : []))];
  for (const file of files) file.messages = file.messages.filter((message) => message.ruleId !== 'import-author-unknown');
  for (const { piece, member } of result.pieces) {
    const file = result.members.find((candidate) => candidate.name === member)?.file ?? archive.file;
    settleAuthors([piece], file, options);
  }
}
