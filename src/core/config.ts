/**
 * What `anthology.yaml` and a chapter's front matter say, once validated: the types the Book
 * carries. `config/schema.ts` (zod) validates the YAML and must produce exactly these (it checks so
 * at compile time), so that `core/` needs nothing above it.
 */

/** The formats `build` writes. */
export const outputFormats = ['html', 'epub', 'pdf'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export type TrimSize = '6x9in' | 'a5' | 'royal' | 'us-letter';

export interface BookConfig {
  title: string;
  subtitle?: string | undefined;
  editors: string[];
  /** BCP 47 (en-GB, fr…): hyphenation, dates, CSL locale. */
  language: string;
  publisher: string;
  edition: { number: number; date: string; note?: string | undefined };
  /** `isbn:978-…` or `urn:uuid:…`. */
  identifier: string;
  licence?: string | undefined;
  /** A project path. */
  cover?: string | undefined;
  url?: string | undefined;
  /** The CSL style file (a project path). */
  style: string;
  trim: TrimSize;
  bibliography: 'book' | 'chapters' | 'none';
  notes: 'footnotes' | 'endnotes';
  print_ready: boolean;
  sources?: Record<string, { author?: string | undefined }> | undefined;
  /** Deprecated and no longer applied (reported). */
  default_author?: string | undefined;
  /** Chapter files in reading order, or parts. */
  contents: (string | { part: string; chapters: string[] })[];
}

export interface ChapterFrontMatter {
  id?: string | undefined;
  title: string;
  provisional_title?: boolean | undefined;
  authors: string[];
  /** People the source credits as editors (`Edited by …`), never as authors. */
  editors?: string[] | undefined;
  /** As precise as the source: YYYY-MM-DD, YYYY-MM, a season (YYYY-21…24) or YYYY. */
  date?: string | undefined;
  venue?: string | undefined;
  headnote?: string | undefined;
  standfirst?: string | undefined;
  bio?: string | undefined;
  source?: { file: string; lines: [number, number] } | undefined;
  source_url?: string | undefined;
  tags?: string[] | undefined;
  rights?: string | undefined;
  language?: string | undefined;
  /** Corrections made to the chapter; those new since the last released edition are listed as errata. */
  corrections?: string[] | undefined;
}
