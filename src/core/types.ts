import type { Root } from 'mdast';
import type { BibliographyItem } from '../cite/bibliography.ts';
import type { RenderedBibliography } from '../cite/render.ts';
import type { BookConfig, ChapterFrontMatter } from '../config/schema.ts';

export type { BookConfig, ChapterFrontMatter };

/** One chapter file, parsed: its front matter and its Markdown body as an mdast tree. */
export interface Chapter {
  /** Stable identifier from the file name (`chapters/the-sco-turns-twenty.md` → `the-sco-turns-twenty`). */
  slug: string;
  /** Path relative to the project folder. */
  path: string;
  /** 1-based position in the book. */
  number: number;
  meta: ChapterFrontMatter;
  tree: Root;
  /** The chapter's own reference list, when `bibliography: chapters`. */
  bibliography?: RenderedBibliography;
}

export interface Part {
  /** Undefined for chapters listed outside any part. */
  title: string | undefined;
  chapters: Chapter[];
}

/** The whole book in memory, as every renderer receives it. */
export interface Book {
  config: BookConfig;
  /** File-name stem for the EPUB and PDF (`build/<slug>.epub`). */
  slug: string;
  parts: Part[];
  chapters: Chapter[];
  /** Every item in bibliography/ (CSL-JSON, BibTeX, RIS). */
  references: BibliographyItem[];
  /** The rendered reference list, once citations are rendered (`citeBook`). */
  bibliography?: RenderedBibliography;
}

/** What a renderer returns: output paths (relative to its output folder) and their bytes. */
export type OutputFiles = Map<string, Uint8Array | string>;
