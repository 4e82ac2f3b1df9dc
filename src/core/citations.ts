import type { ElementContent } from 'hast';

/**
 * The citation types every stage shares: CSL-JSON items, the bibliography, and the part of a
 * citeproc engine `cite/` renders with. The engine itself is made in `adapters/citation-js.ts`
 * (the only module that touches citation-js and citeproc) and reaches `cite/` through `CiteStyle`.
 */

/** A CSL-JSON item as citation-js and citeproc take it. */
export type CslJsonItem = { id: string; type: string } & Record<string, unknown>;

/** Where an item came from: the note whose text it was parsed out of. */
export interface Provenance {
  chapter: string;
  note: string;
  text: string;
}

/** A bibliography item: CSL-JSON plus our provenance under `custom` (CSL-JSON's free field). */
export type BibliographyItem = CslJsonItem & { custom?: { provenance?: Provenance[] } };

export interface CitationItemRef {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  'suppress-author'?: boolean;
}

export interface CitationCluster {
  citationID: string;
  citationItems: CitationItemRef[];
  properties: { noteIndex: number };
}

/** The part of a citeproc-js engine we use. */
export interface CiteprocEngine {
  updateItems(ids: string[]): void;
  processCitationCluster(
    citation: CitationCluster,
    before: [string, number][],
    after: [string, number][],
  ): [{ bibchange: boolean; citation_errors: unknown[] }, [number, string, string][]];
  /** Renders a whole chapter's clusters in order in one pass: `[citationID, noteIndex, html][]`. */
  rebuildProcessorState(citations: CitationCluster[], format: 'html', uncited: string[]): [string, number, string][];
  /**
   * The reference list: settings and one HTML string per printed entry. `entry_ids` lists the works
   * printed nothing for too; `printed_keys` (set by the adapter when it can tell) is the key of each printed entry.
   */
  makeBibliography():
    | [
        {
          entry_ids: string[][];
          printed_keys?: string[];
          bibstart: string;
          bibend: string;
          hangingindent?: number;
          'second-field-align'?: string | false;
        },
        string[],
      ]
    | false;
  cslXml: { dataObj: unknown };
  opt: { xclass: string; class: string; development_extensions: Record<string, unknown> };
}

/** The book's CSL style, registered with the citation processor: what `cite/` renders with. */
export interface CiteStyle {
  /** The style's text, the locale's name and text, hashed (`contentKey`): what citations rendered in it depend on besides the works cited. */
  fingerprint: string;
  /** A citeproc engine in this style and locale over `items`, fresh for a chapter (the adapter caches one per style). */
  engine(items: CslJsonItem[]): CiteprocEngine;
  /** The same, for rendering citations only, not a reference list: it may leave out what only the reference list needs. */
  citationEngine(items: CslJsonItem[]): CiteprocEngine;
  /** The reference list of `items`, as `engine(items).makeBibliography()` makes it (a long one in slices, holding less). */
  bibliography(items: CslJsonItem[]): ReturnType<CiteprocEngine['makeBibliography']>;
  /**
   * Starts rendering many chapters' citations in `threads` worker threads, each with an engine of
   * its own, which take the jobs one at a time, heaviest first; the calling thread may take some
   * too (`claim`). The same as rendering them one by one, since each job resets the engine to its
   * own works (`adapters/citation-js.ts`).
   */
  renderJobs(jobs: readonly CitationJob[], threads: number): SharedJobs;
  /**
   * Starts a worker thread that builds this style's whole engine at once (for Chicago ~1 s, most
   * of it the reference list's sort keys), so that the calling thread renders the citations
   * meanwhile; `list` then makes the reference list there, as `bibliography` would.
   */
  bibliographyAhead(): BibliographyAhead;
  /**
   * Lets go of the engines held for this style in this thread (the whole engine for Chicago's
   * reference list holds ~150 MB), for a process done citing; the next call builds them again.
   */
  release(): void;
}

/** A reference list being made in a worker thread (`CiteStyle.bibliographyAhead`). */
export interface BibliographyAhead {
  /** The reference list of `items`, as `CiteStyle.bibliography` makes it; the worker ends with it. */
  list(items: CslJsonItem[]): Promise<ReturnType<CiteprocEngine['makeBibliography']>>;
  /** Stops the worker unused. */
  cancel(): Promise<void>;
}

/** Jobs being rendered in worker threads, which the calling thread may help with. */
export interface SharedJobs {
  /** The next job no thread has started, now the caller's to render (its index in the jobs given), or undefined when none is left. */
  claim(): number | undefined;
  /** What the worker threads made of the jobs they took, by index: settles when no job is left and theirs are done. */
  done: Promise<Map<number, JobHtml>>;
}

/** One chapter's citations, as citeproc is asked for them: the works they cite, and its clusters in reading order (note numbers as in the text). */
export interface CitationJob {
  works: CslJsonItem[];
  clusters: CitationCluster[];
}

/** What citeproc made of a job: each cluster's HTML by citation id, and whether the style is a note style. */
export interface JobHtml {
  html: [string, string][];
  isNoteStyle: boolean;
}

/**
 * A chapter's clusters rendered in one pass, in reading order, so the style decides first (full)
 * notes, later short notes and Ibid.; an in-text style gets note number 0 for each. `engine` holds
 * the job's works only.
 */
export function renderCitationJob(engine: CiteprocEngine, clusters: readonly CitationCluster[]): JobHtml {
  const isNoteStyle = styleClass(engine) === 'note';
  const inStyle = (cluster: CitationCluster): CitationCluster => (isNoteStyle ? cluster : { ...cluster, properties: { noteIndex: 0 } });
  const rendered = engine.rebuildProcessorState(clusters.map(inStyle), 'html', []);
  return { html: rendered.map(([id, , html]) => [id, html]), isNoteStyle };
}

export interface RenderedBibliography {
  /** The book's reference list as hast (`div.csl-bib-body`), in the style's order. */
  entries: ElementContent[];
  hangingIndent: boolean;
  /** The citation key of each `div.csl-entry`, in order (renderers give entries ids to link to). */
  keys: string[];
  /**
   * The content key it was made under (the works listed and the style): what a page showing it
   * is remembered by, instead of hashing the entries again. Absent when it was not remembered.
   */
  key?: string;
}

/** Whether the style is a note style (footnote citations) or in-text (author-date, numeric). */
export function styleClass(engine: CiteprocEngine): 'note' | 'in-text' {
  return engine.opt.xclass === 'note' ? 'note' : 'in-text';
}
