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
  /** The work's author alone (`renderCitationJob` gives it for an `author-only` cluster). */
  'author-only'?: boolean;
}

export interface CitationCluster {
  citationID: string;
  citationItems: CitationItemRef[];
  properties: {
    noteIndex: number;
    /**
     * Pandoc's in-text citation (`@key [p. 33]`): `composite` is `Smith (2010, 33)` in an
     * author-date style, a citation as any other in a notes style (`renderCitationJob`), whose
     * author in the running text is an `author-only` cluster standing `inPlaceOf` the note's.
     */
    mode?: 'composite' | 'author-only';
    /** An `author-only` cluster's note: its author is rendered as that cluster's place says (first, later). */
    inPlaceOf?: string;
  };
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
  /** A cluster as it would render among the others (`[citationID, noteIndex]` before and after it), the engine's state unchanged. */
  previewCitationCluster(citation: Omit<CitationCluster, 'citationID'>, before: [string, number][], after: [string, number][], format: 'html'): string;
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
  /** A notes style (`<style class="note">`: Chicago notes, MHRA): a citation in the running text becomes a footnote. */
  isNoteStyle?: boolean;
  /** A citeproc engine in this style and locale over `items`, fresh for a chapter (the adapter caches one per style). */
  engine(items: CslJsonItem[]): CiteprocEngine;
  /** The same, for rendering citations only, not a reference list: it may leave out what only the reference list needs. */
  citationEngine(items: CslJsonItem[]): CiteprocEngine;
  /**
   * The reference list of `items`, as `engine(items).makeBibliography()` makes it (a long one in
   * slices, holding less). With `whenSorted`, which is called once: a long list's whole engine
   * (Chicago's ~140 MB) is let go of as soon as its works are in order, before its slices are
   * rendered, and `whenSorted` is called then (a short list calls it first), so that the caller
   * may start what runs beside the rest without it in memory.
   */
  bibliography(items: CslJsonItem[], whenSorted?: () => void): ReturnType<CiteprocEngine['makeBibliography']>;
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
  const inText = (cluster: CitationCluster) => cluster.properties.mode === 'composite' && !isNoteStyle;
  const inStyle = ({ citationID, citationItems, properties }: CitationCluster): CitationCluster => {
    const [first, ...others] = citationItems;
    // An in-text citation's works in an author-date style: the first's author goes before them (`authorInPlace`).
    const items = inText({ citationID, citationItems, properties }) && first ? [{ ...first, 'suppress-author': true }, ...others] : citationItems;
    return { citationID, citationItems: items, properties: { noteIndex: isNoteStyle ? properties.noteIndex : 0 } };
  };
  const notes = clusters.filter((cluster) => cluster.properties.mode !== 'author-only').map(inStyle);
  const rendered = engine.rebuildProcessorState(notes, 'html', []);
  const html = new Map(rendered.map(([id, , text]) => [id, text]));
  for (const cluster of clusters) {
    if (cluster.properties.mode === 'author-only') html.set(cluster.citationID, authorInPlace(engine, cluster, notes));
    else if (inText(cluster)) {
      // Pandoc's `Doe (2005, 30, with suffix)`: the author alone (no prefix, suffix or locator), then the citation without it.
      const first = cluster.citationItems[0];
      const author = { ...cluster, citationItems: first ? [{ id: first.id }] : [], properties: { noteIndex: 0, inPlaceOf: cluster.citationID } };
      html.set(cluster.citationID, `${authorInPlace(engine, author, notes)} ${html.get(cluster.citationID) ?? ''}`);
    }
  }
  return { html: clusters.map(({ citationID }) => [citationID, html.get(citationID) ?? '']), isNoteStyle };
}

/**
 * The author of an in-text citation (`As @smith2010 argues` → `As Smith (2010) argues`; under a
 * notes style `As Jane Smith¹ argues`), as the style names the author where the citation (or its
 * note) stands: `Jane Smith` in a first note, `Smith` later. A place where the style prints no
 * author (Ibid.) gives the author as first named.
 */
function authorInPlace(engine: CiteprocEngine, cluster: CitationCluster, notes: readonly CitationCluster[]): string {
  const at = notes.findIndex((note) => note.citationID === cluster.properties.inPlaceOf);
  const place = (list: readonly CitationCluster[]) => list.map((note): [string, number] => [note.citationID, note.properties.noteIndex]);
  const before = at < 0 ? place(notes) : place(notes.slice(0, at));
  const after = at < 0 ? [] : place(notes.slice(at + 1));
  const items = cluster.citationItems.map((item) => ({ ...item, 'author-only': true }));
  // In the note's place: in the running text (note 0) every citation would be a first.
  const noteIndex = notes[at]?.properties.noteIndex ?? cluster.properties.noteIndex;
  const preview = (citation: Omit<CitationCluster, 'citationID'>) => engine.previewCitationCluster(citation, before, after, 'html');
  const inPlace = preview({ citationItems: items, properties: { noteIndex } });
  const author =
    inPlace.trim() !== '' && !inPlace.includes('NO_PRINTED_FORM')
      ? inPlace
      : preview({ citationItems: cluster.citationItems, properties: { noteIndex, mode: 'author-only' } });
  // citeproc's author alone may carry a label of the note's first group (`Emma Sigfridsson and Ulf
  // Ryde, no.`, Chicago's): the author is what it has in common with the whole note at that place.
  if (styleClass(engine) !== 'note') return author;
  return commonStart(author, preview({ citationItems: cluster.citationItems, properties: { noteIndex } }));
}

/** The start of `html` that `other` starts with too, without the separator after it, its open elements closed. */
function commonStart(html: string, other: string): string {
  let length = 0;
  while (length < html.length && html[length] === other[length]) length += 1;
  if (length === html.length) return html;
  let start = html.slice(0, length);
  if (start.lastIndexOf('<') > start.lastIndexOf('>')) start = start.slice(0, start.lastIndexOf('<'));
  start = start.replace(/[\s,;:]+$/, '');
  const open: string[] = [];
  for (const [, closing, name = ''] of start.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*>/g)) {
    if (closing) open.pop();
    else open.push(name);
  }
  return (
    start +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
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

/** CSL 1.0.2's name variables: lists of names. */
const NAME_VARIABLES = new Set(
  `author chair collection-editor compiler composer container-author contributor curator director editor editor-translator editorial-director
executive-producer guest host illustrator interviewer narrator organizer original-author performer producer recipient reviewed-author
script-writer series-creator translator`.split(/\s+/),
);

/** CSL 1.0.2's date variables. */
const DATE_VARIABLES = new Set(['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']);

/** CSL 1.0.2's standard and number variables (with CSL-JSON's older spellings): a string or a number each. */
const TEXT_VARIABLES = new Set(
  `abstract annote archive archive_collection archive_location archive-place authority call-number chapter-number citation-key citation-label
collection-number collection-title container-title container-title-short dimensions division DOI edition event event-place event-title genre
ISBN ISSN issue jurisdiction keyword language license locator medium note number number-of-pages number-of-volumes original-publisher
original-publisher-place original-title page page-first part-number part-title PMCID PMID printing-number publisher publisher-place
references reviewed-genre reviewed-title scale section source status supplement-number title title-short URL version volume volume-title
volume-title-short year-suffix shortTitle journalAbbreviation`.split(/\s+/),
);

/** Whether a CSL-JSON field holds text: a string or a number, never a list (CSL 1.0.2's standard and number variables). */
export function isTextVariable(field: string): boolean {
  return TEXT_VARIABLES.has(field);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';

/**
 * What is wrong with a CSL-JSON item's fields, in words, one line per field (CSL-JSON's schema:
 * names a list of objects, dates an object with `date-parts` or `raw`/`literal`, other variables a
 * string or a number). citeproc drops such a field without a word (a date written `"2020-05"`, an
 * author written as one string) or stops with a TypeError (a title given as a list).
 */
export function cslFieldProblems(item: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [field, value] of Object.entries(item)) {
    if (value === undefined) continue;
    if (
      NAME_VARIABLES.has(field) &&
      !(Array.isArray(value) && value.every((name) => isRecord(name) && Object.values(name).every((part) => isScalar(part) || typeof part === 'boolean')))
    )
      problems.push(`"${field}" must be a list of names ([{"family": "…", "given": "…"}] or [{"literal": "…"}]), not ${shown(value)}`);
    else if (DATE_VARIABLES.has(field) && !isCslDate(value))
      problems.push(`"${field}" must be a date ({"date-parts": [[2020, 5, 1]]} or {"raw": "…"}), not ${shown(value)}`);
    else if (TEXT_VARIABLES.has(field) && !isScalar(value)) problems.push(`"${field}" must be a string or a number, not ${shown(value)}`);
  }
  return problems;
}

function isCslDate(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const parts = value['date-parts'];
  if (parts !== undefined) return Array.isArray(parts) && parts.every((part) => Array.isArray(part) && part.every(isScalar));
  return typeof value.raw === 'string' || typeof value.literal === 'string';
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
