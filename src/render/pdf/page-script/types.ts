/**
 * What the page script (bundled from this folder and run in the tab that paginates one chunk of
 * the print document) and the Paged.js adapter exchange: plain JSON both ways.
 */

/** Hyphenation patterns from the `hyphen` package, per pattern set (`en-gb`), and which set each language tag uses. */
export interface HyphenationData {
  /** A lower-case language tag (`en-gb`, `fr`) → the pattern set it is hyphenated with. */
  languages: Record<string, string>;
  /** A pattern set's name → the data its `hyphen/patterns/<name>.js` module exports. */
  patterns: Record<string, unknown>;
}

export interface PrepareChunkOptions {
  labelAttribute: string;
}

export interface PreparedChunk {
  /** Characters of text (no white space, no soft hyphens) per labelled section, to detect lost text. */
  sourceCharacters: Record<string, number>;
  hyphenatedWords: number;
}

export interface PaginateOptions {
  /** Add a blank page when the chunk ends on a recto, so that the next chunk opens on a recto. */
  endOnVerso: boolean;
  labelAttribute: string;
  outlineLevelAttribute: string;
  outlineTitleAttribute: string;
  /** On each block of a chapter body: its number (`chapterBodyToHast`'s `numberBlocks`). */
  blockAttribute: string;
  /** The Paged.js fixes to install, by id; all of them when absent (tests leave one out to see the bug it fixes). */
  fixes?: string[];
}

/** A rectangle in PDF points, from the top-left corner of its page. */
export interface PageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An internal of Paged.js that a fix patches or calls and that is not there: the fix is left out. */
export interface MissingInternal {
  /** The fix's id (`break-at-soft-hyphens`). */
  fix: string;
  /** What is missing: `Paged.Chunker hook onOverflow`. */
  internal: string;
}

export interface PaginationReport {
  pageCount: number;
  /** Per page: its full size and its trim box (smaller than the page when there is bleed). */
  pages: { width: number; height: number; trim: PageRect }[];
  /** Where each id is (the first page it is on). */
  anchors: { id: string; page: number; x: number; y: number }[];
  /** Internal links, their `href` removed so that Chromium does not write links that merging breaks. */
  links: { page: number; rect: PageRect; target: string }[];
  outline: { level: number; title: string; page: number; y: number }[];
  /** Pages whose text or notes do not fit (Paged.js cut them off). */
  overflows: {
    page: number;
    what: 'text' | 'notes';
    /** The chapter body's block it was cut from (`blockAttribute`), or the number of its note. */
    block?: number;
    note?: string;
    /** The first words cut (60 characters at most), to find them by. */
    text?: string;
  }[];
  /** Per page: the label of the section on it (a blank page has the one before it). */
  pageLabels: string[];
  /** Characters laid out per labelled section, its notes included (compare `sourceCharacters`). */
  renderedCharacters: Record<string, number>;
  /**
   * Where the pages of chapters start, for the EPUB's print page markers: the chapter section's
   * id, and its opening (block -1) or the block the page starts in with the words of that block
   * on earlier pages (the notes' text and calls not counted).
   */
  pageStarts: { page: number; section: string; block: number; words: number }[];
  /** Internals of Paged.js that fixes need and did not find (at start, or on the first page that used them). */
  missingInternals: MissingInternal[];
}
