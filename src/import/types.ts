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
  /** `default_author` from anthology.yaml: the blog's owner, for pieces with no byline or bio. */
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
