import type { Root } from 'mdast';
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
  | 'rights';

/** One piece found in a source, ready to be written as a chapter file. */
export interface ImportedPiece {
  meta: ChapterFrontMatter;
  /** The chapter body, footnotes included. */
  body: Root;
}

export interface ImportOptions {
  /**
   * The author the editor named for this source (`import --author`, `sources.<path>.author` in
   * anthology.yaml): the source is their own blog, so its pieces without a byline are theirs.
   * Without it such pieces keep no author. Either way it is reported.
   */
  defaultAuthor: string | undefined;
  /** WordPress post types to import (default `post`). */
  postTypes?: readonly string[];
  /** Import drafts and private posts too. */
  includeDrafts?: boolean;
}

export interface ImportResult {
  pieces: ImportedPiece[];
  /** One entry per line of the source, in order. */
  lines: LineFate[];
}
