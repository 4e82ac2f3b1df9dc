/**
 * What the print document tells the paginator, through data attributes: which top-level sections
 * paginate on their own ("chunks"), how their pages are numbered, which page numbers must be
 * written into the text, and what goes into the PDF outline. The HTML renderer writes these, the
 * in-page script and the Paged.js adapter read them.
 */

/** On each top-level section of `<body>`: the chunk's id. */
export const chunkAttribute = 'data-chunk';
/** On each part, chapter and section of front or back matter: what warnings call it. */
export const labelAttribute = 'data-print-label';
/** On an element whose text becomes the printed page number of the element with this id. */
export const pageRefAttribute = 'data-page-ref';
/** On an element that starts an outline entry: its level (1 = top). */
export const outlineLevelAttribute = 'data-outline-level';
/** Beside `data-outline-level`: the entry's title when it is not the element's text. */
export const outlineTitleAttribute = 'data-outline-title';

/** How a sequence of pages is numbered: front matter in lower-case roman, the rest in arabic. */
export type FolioStyle = 'lower-roman' | 'decimal';

export interface PrintChunk {
  id: string;
  /** A complete HTML document with only this chunk in its body. */
  html: string;
  /** Chunks of one sequence are numbered continuously from 1; each sequence has one style. */
  sequence: string;
  folioStyle: FolioStyle;
  /** Names the chunk in warnings: `chapter 9, “Paving the Digital Silk Road…” (chapters/paving….md)`. */
  label: string;
  /** The chunks whose page numbers it prints (contents, indexes): paginated before it. */
  pageNumbersOf: string[];
}

/** The book for Paged.js: in chunks, and as one HTML document. */
export interface PrintDocument {
  html: string;
  chunks: PrintChunk[];
  metadata: PdfMetadata;
  /** The languages of its text, to hyphenate: the book's, then those chapters declare. */
  languages: string[];
  /** The file each chapter section comes from, by its label: where problems in its pages are reported. */
  sources: Record<string, string>;
  /** Where the blocks and notes of a chapter section start in its file, by the section's label. */
  places: Record<string, SectionPlaces>;
}

/** Where a chapter section's numbered blocks (`data-block`), and its notes by printed number, start in its file. */
export interface SectionPlaces {
  blocks: ({ line: number; column: number } | null)[];
  notes: Record<string, { line: number; column: number }>;
}

export interface PdfMetadata {
  title: string;
  /** Editors and contributors, in order of appearance. */
  authors: string[];
  subject: string | undefined;
  keywords: string[];
  language: string;
  creator: string;
  /** Creation and modification date written into the PDF (reproducible: from the edition). */
  date: Date;
}
