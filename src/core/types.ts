import type { Root } from 'mdast';
import type { BibliographyItem, RenderedBibliography } from './citations.ts';
import type { BookConfig, ChapterFrontMatter } from './config.ts';
import type { EditionContext } from './editions.ts';

/** One chapter file, parsed: its front matter and its Markdown body as an mdast tree. */
export interface Chapter {
  /**
   * Stable identifier: the front matter's `id:`, else the id the chapter was released with (kept
   * when its file is renamed), else from the file name (`chapters/the-sco-turns-twenty.md` → `the-sco-turns-twenty`).
   */
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
  /** The figures' image files, read and checked (`loadBookImages`), by project path. */
  images?: ReadonlyMap<string, BookImage>;
  /** The cover named in anthology.yaml (`cover:`); without one the renderers set a typographic cover. */
  cover?: BookImage;
  /** Earlier editions and what changed since the last (`io/editions.ts` reads `editions/`). */
  edition?: EditionContext;
  /**
   * The chapters' authors' sort keys (`familyNameSortKey`), remembered by the build
   * (`pipeline/build.ts`); without them `contributorsOf` works them out.
   */
  nameSortKeys?: ReadonlyMap<string, string>;
}

/** One image file as an output carries it. */
export interface ImageFile {
  /** Path inside the output (the site, the EPUB's `EPUB/` folder, the PDF's work folder): `images/photo-1a2b3c4d.png`. */
  path: string;
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/svg+xml';
  bytes: Uint8Array;
}

/** A picture of the book, read from the project and checked. */
export interface BookImage {
  /** Project-relative path of the file the chapter (or anthology.yaml) names. */
  source: string;
  /** In pixels (an SVG: its size in CSS pixels). */
  width: number;
  height: number;
  /** Pixels per inch the file declares (PNG pHYs, JPEG JFIF/EXIF), if any. */
  density: number | undefined;
  vector: boolean;
  /** More than one frame (an animated GIF or WebP): it may flash. */
  animated: boolean;
  /** For the site and the PDF (Chromium reads it). */
  web: ImageFile;
  /** For the EPUB: one of EPUB 3's core image types (GIF, JPEG, PNG, SVG). */
  epub: ImageFile;
}

/** What a renderer returns: output paths (relative to its output folder) and their bytes. */
export type OutputFiles = Map<string, Uint8Array | string>;

/**
 * Output files some of which are made only when they are written (a function gives the content):
 * a writer that takes them one at a time then holds one chapter's document at a time, not the book's.
 */
export type DeferredOutputFiles = Map<string, Uint8Array | string | (() => Uint8Array | string)>;
