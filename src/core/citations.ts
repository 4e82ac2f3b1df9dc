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
}

export interface RenderedBibliography {
  /** The book's reference list as hast (`div.csl-bib-body`), in the style's order. */
  entries: ElementContent[];
  hangingIndent: boolean;
  /** The citation key of each `div.csl-entry`, in order (renderers give entries ids to link to). */
  keys: string[];
}

/** Whether the style is a note style (footnote citations) or in-text (author-date, numeric). */
export function styleClass(engine: CiteprocEngine): 'note' | 'in-text' {
  return engine.opt.xclass === 'note' ? 'note' : 'in-text';
}
