import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../config/schema.ts';

/** Where a line of a source went. Every input line gets exactly one fate. */
export type LineFate =
  | { line: number; fate: 'kept'; piece: number; field: ChapterField }
  | { line: number; fate: 'metadata'; piece: number; field: ChapterField }
  | { line: number; fate: 'dropped'; piece: number | undefined; reason: string }
  | { line: number; fate: 'blank' };

export type ChapterField =
  | 'title'
  | 'authors'
  | 'editors'
  | 'date'
  | 'venue'
  | 'headnote'
  | 'standfirst'
  | 'bio'
  | 'body'
  | 'heading'
  | 'figure'
  | 'notes'
  | 'source_url'
  | 'tags'
  | 'rights'
  /** A Pandoc, Quarto or R Markdown post's `bibliography:` files, copied into the book's bibliography/. */
  | 'bibliography';

/** One piece found in a source, ready to be written as a chapter file. */
export interface ImportedPiece {
  meta: ChapterFrontMatter;
  /** The chapter body, footnotes included. */
  body: Root;
  /** Why the source gives no usable author, when it names one that is not a name (`the login admin`): said in the warning. */
  unattributed?: string;
  /**
   * The bibliography files the post's citations (`[@key]`) cite from (`bibliography:` in its front
   * matter), as written (relative to the post), and the line that names them: `cli/import.ts`
   * copies them into the book's bibliography/.
   */
  bibliography?: { files: string[]; line: number };
}

export interface ImportOptions {
  /**
   * The author the editor named for this source (`import --author`, `sources.<path>.author` in
   * anthology.yaml): the source is their own blog, so its pieces without a byline are theirs.
   * Without it such pieces keep no author. Either way it is reported.
   */
  defaultAuthor: string | undefined;
  /** A site's author data (Jekyll's `_data/authors.yml`, Docusaurus's `authors.yml`, Hugo's `data/authors/`): key → name, for posts that name their author by key. */
  authorData?: Readonly<Record<string, string>>;
  /**
   * The bibliography files found in what was imported (`io/post-bibliography.ts`: al-folio's
   * `_bibliography/` and `assets/bibliography/`, a Jupyter Book's `references.bib`), each with the
   * keys it holds, its path as the source files' (from the project): a post citing in its site's
   * own syntax (`{% cite key %}`, `<d-cite>`, `{cite:p}`) cites from them.
   */
  siteBibliographies?: readonly { path: string; keys: readonly string[]; page?: string }[];
  /**
   * Quarto's directory metadata (`_metadata.yml`) that names authors, for the posts under its
   * folder that name none (`io/site-data.ts`): the folder and the file as the source files' paths
   * (from the project), and the `author:` value as written.
   */
  folderMetadata?: readonly { folder: string; file: string; author: unknown }[];
  /** Post types to import (default `post`): WordPress/Ghost types; Substack `podcast`, `thread`, `page`; Medium `response`. */
  postTypes?: readonly string[];
  /** Import drafts and private posts too. */
  includeDrafts?: boolean;
}

export interface ImportResult {
  pieces: ImportedPiece[];
  /** One entry per line of the source, in order. */
  lines: LineFate[];
  /**
   * The source is a draft, left out (reported as `import-no-pieces`, an error for a file named on
   * its own); in a folder of posts it is one file skipped, as drafts of an export are.
   */
  draft?: true;
}

/**
 * A source that holds many files: a zip archive (a Substack or Medium export) or a folder (an
 * unpacked export, or saved posts). Read into memory by `io/read-source.ts`; the importers only
 * look at it.
 */
export interface Archive {
  /** The zip or folder as given (path relative to the project): messages about the whole go here. */
  file: VFile;
  container: 'zip' | 'folder';
  /** Its files, sorted by name (code-point order, so the same everywhere). */
  entries: ArchiveEntry[];
  /** What was not read at all, and why: hidden folders, symbolic links, files past the limits. */
  ignored: { name: string; reason: string }[];
}

export interface ArchiveEntry {
  /** The path inside the archive, `/`-separated, never absolute and never with `..` (checked when read). */
  name: string;
  /** Its size in bytes, unpacked. */
  size: number;
  /**
   * A file with a text extension (`.html`, `.md`, `.csv`…), decoded: its path is `<zip>:<name>` or
   * `<folder>/<name>`, so messages point into the file inside the archive. Empty when undecodable.
   */
  file?: VFile;
  /** Why a text file could not be decoded (binary, not UTF-8): reported only if an importer needs the file. */
  unreadable?: { ruleId: 'import-binary' | 'import-encoding' | 'text-control-character'; reason: string; place: { line: number; column: number } };
  /** Where to copy an image from: its bytes (zip) or its path on disk (folder). */
  bytes?: Uint8Array;
  diskPath?: string;
}

/** What the user named: one file, or an archive or folder of many. */
export type SourceInput = { kind: 'file'; file: VFile } | { kind: 'archive'; archive: Archive };
