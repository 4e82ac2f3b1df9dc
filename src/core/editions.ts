/**
 * Editions: what `anthology release` records (`editions/N.json`), what `anthology changes`
 * compares, and what the renderers print about an edition (the copyright page's history, the
 * “Note on this edition”, redirect pages for old addresses).
 */

/** The version of the record format, so a later anthology can read older records. */
export const editionRecordFormat = 'anthology-edition/1';

/** One chapter as an edition recorded it. */
export interface ChapterRecord {
  /** The stable id: the chapter's address (`id.html`, `text/id.xhtml`) and its note anchors' prefix. */
  id: string;
  /** Ids the chapter had in earlier editions: their addresses redirect to it. */
  formerIds: string[];
  path: string;
  /** The part it was in (null outside any part). */
  part: string | null;
  /** Its number in the book (1-based). */
  number: number;
  title: string;
  authors: string[];
  /** Hash of the body (text and notes, spacing and line breaks normalised). */
  hash: string;
  /** Hash of the rest of the front matter (venue, date, bio, rights…): a change there is a revision too. */
  frontMatterHash: string;
  /** Words of the text, notes aside. */
  words: number;
  /** The notes by label (`[^12]` → `12`), each with the hash of its text: anchors are made from labels. */
  notes: { label: string; hash: string }[];
  /** The citation keys the chapter cites, sorted. */
  keys: string[];
  corrections: string[];
  /** Where it was imported from (file and lines, or address): recognises a renamed file. */
  source: string | null;
  /** The body as recorded, normalised: what the next edition's redline is drawn against. */
  body: string;
}

/** A page of the edition's site; chapter pages name their chapter. */
export interface SitePageRecord {
  href: string;
  chapter?: string | undefined;
}

/** The book's own metadata, as an edition had it. */
export interface BookMetadataRecord {
  title: string;
  subtitle: string | null;
  editors: string[];
  publisher: string;
  language: string;
  licence: string | null;
  style: string;
  url: string | null;
}

/** How an edition differed from the one before: the counts the copyright page's history prints. */
export interface ChangeSummary {
  added: number;
  removed: number;
  revised: number;
}

/** `editions/N.json`: the book as released. */
export interface EditionRecord {
  format: typeof editionRecordFormat;
  edition: number;
  date: string;
  identifier: string;
  /** The editor's note on this edition, by paragraph. */
  note: string[];
  metadata: BookMetadataRecord;
  /** The edition it was compared with when released, and what changed (absent for the first). */
  since: number | null;
  summary: ChangeSummary | null;
  chapters: ChapterRecord[];
  /** Every bibliography item: its key and the hash of its data (where it was cited from aside). */
  bibliography: { key: string; hash: string }[];
  /** Every page of the site (filled in by `release`; empty in a record of the working book). */
  site: SitePageRecord[];
}

/** What changed in one chapter between two editions. */
export interface ChapterChange {
  id: string;
  title: string;
  /** The title in the earlier edition, when it was retitled. */
  previousTitle?: string;
  wordsAdded: number;
  wordsRemoved: number;
  notes: { added: string[]; removed: string[]; changed: string[] };
  /** Front-matter fields (venue, date, bio…) that changed. */
  frontMatter: boolean;
  /** Corrections new in this edition. */
  corrections: string[];
}

/** What changed between a released edition and the working book (or a later edition). */
export interface BookChanges {
  since: number;
  sinceDate: string;
  chapters: { added: string[]; removed: string[]; revised: string[]; moved: string[]; retitled: string[] };
  bibliography: { added: string[]; removed: string[]; changed: string[] };
  /** Keys of the book's metadata that changed (title, editors, publisher…). */
  metadata: string[];
  /** Revised, retitled and corrected chapters in detail, in the order of the working book. */
  revisions: ChapterChange[];
  /** Chapters no longer in the book, as the earlier edition had them. */
  removedChapters: { id: string; title: string; number: number }[];
}

/** An earlier edition, as the copyright page lists it. */
export interface EditionHistoryEntry {
  edition: number;
  date: string;
  identifier: string;
  summary: ChangeSummary | null;
}

/** An address of an earlier edition's site that this edition no longer has a page at. */
export interface FormerPage {
  href: string;
  /** The chapter it showed, if it was a chapter's page. */
  chapter?: { id: string; title: string };
  /** The last edition that had it. */
  edition: number;
}

/** What the renderers know about the edition they print. */
export interface EditionContext {
  /** Earlier editions, oldest first (those numbered below this one that were released). */
  history: EditionHistoryEntry[];
  /** What changed since the last of them (absent for a first edition). */
  changes?: BookChanges;
  /** The editor's note on this edition (`edition.note` in anthology.yaml), by paragraph. */
  note: string[];
  /** Ids each chapter had before: their old addresses redirect to it. */
  formerIds: Record<string, string[]>;
  /** Addresses of earlier sites, for redirect pages where this site has no page. */
  formerPages: FormerPage[];
}
