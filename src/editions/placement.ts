/** `contents` in anthology.yaml: chapter paths, or parts holding them. */
export type ContentsEntry = string | { part: string; chapters: string[] };

/** Where one chapter goes: into the top-level list (`part: undefined`) or a part, at `index`. */
export interface Insertion {
  path: string;
  /** Index in `contents` of the part it goes into; undefined for the top-level list. */
  partIndex: number | undefined;
  index: number;
  /** A part to create at the end of `contents` first (`add --part` naming a part the book lacks). */
  newPart?: string;
}

/** What an editor is told about where a chapter went. */
export interface PlacementNote {
  path: string;
  part: string | undefined;
  /** The chapter it now follows, or precedes when it opens the book or its part. */
  after?: string;
  before?: string;
  why: 'date' | 'after' | 'part' | 'undated' | 'no-dates';
}

export interface PlacementRequest {
  /** Chapters to place, with their dates (YYYY-MM-DD) if they have one. */
  chapters: readonly { path: string; date: string | undefined }[];
  /** Dates of the chapters already in the book, by path. */
  dates: ReadonlyMap<string, string | undefined>;
  /** `--part NAME`: into this part (created at the end if the book lacks it). */
  part?: string;
  /** `--after PATH`: right after this chapter (the path of one already in the book). */
  after?: string | undefined;
}

interface Slot {
  path: string;
  partIndex: number | undefined;
  index: number;
}

/** Every chapter in reading order, with where it sits. */
function slotsOf(contents: readonly ContentsEntry[]): Slot[] {
  return contents.flatMap((entry, entryIndex): Slot[] =>
    typeof entry === 'string'
      ? [{ path: entry, partIndex: undefined, index: entryIndex }]
      : entry.chapters.map((chapterPath, index) => ({ path: chapterPath, partIndex: entryIndex, index })),
  );
}

/** Applies one insertion to a copy of `contents` (what io/ does to the YAML, keeping its comments). */
export function applyInsertion(contents: readonly ContentsEntry[], insertion: Insertion): ContentsEntry[] {
  const copy = contents.map((entry) => (typeof entry === 'string' ? entry : { ...entry, chapters: [...entry.chapters] }));
  if (insertion.newPart !== undefined) copy.push({ part: insertion.newPart, chapters: [] });
  if (insertion.partIndex === undefined) copy.splice(insertion.index, 0, insertion.path);
  else (copy[insertion.partIndex] as { chapters: string[] }).chapters.splice(insertion.index, 0, insertion.path);
  return copy;
}

/**
 * Where each new chapter goes, one after another (each placed chapter counts for the next):
 * after `--after`; into `--part`; else by date, after the last chapter dated on or before it (in
 * reading order), or before the first dated after it. A chapter without a date, or a book without
 * dates, puts it at the end: the editor is told so.
 */
export function placeChapters(contents: readonly ContentsEntry[], request: PlacementRequest): { insertions: Insertion[]; notes: PlacementNote[] } {
  let current: ContentsEntry[] = [...contents];
  const dates = new Map(request.dates);
  const insertions: Insertion[] = [];
  const notes: PlacementNote[] = [];
  const listed = new Set(slotsOf(contents).map((slot) => slot.path));
  const toPlace = request.chapters.filter((chapter) => !listed.has(chapter.path));
  // By date when placing by date, undated last; as given after --after.
  const ordered = request.after === undefined ? [...toPlace].sort((a, b) => compareDates(a.date, b.date)) : toPlace;
  let previous = request.after;
  for (const chapter of ordered) {
    const { insertion, note } = placeOne(current, chapter, dates, { ...request, after: previous });
    insertions.push(insertion);
    notes.push(note);
    current = applyInsertion(current, insertion);
    dates.set(chapter.path, chapter.date);
    if (request.after !== undefined) previous = chapter.path;
  }
  return { insertions, notes };
}

function compareDates(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

function placeOne(
  contents: readonly ContentsEntry[],
  chapter: { path: string; date: string | undefined },
  dates: ReadonlyMap<string, string | undefined>,
  request: PlacementRequest,
): { insertion: Insertion; note: PlacementNote } {
  const partTitle = (slot: Slot | undefined) => (slot?.partIndex === undefined ? undefined : (contents[slot.partIndex] as { part: string }).part);
  const all = slotsOf(contents);
  if (request.after !== undefined) {
    const anchor = all.find((slot) => slot.path === request.after);
    if (anchor) {
      return {
        insertion: { path: chapter.path, partIndex: anchor.partIndex, index: anchor.index + 1 },
        note: { path: chapter.path, part: partTitle(anchor), after: anchor.path, why: 'after' },
      };
    }
  }
  let scope = all;
  let partIndex: number | undefined;
  let newPart: string | undefined;
  if (request.part !== undefined) {
    partIndex = contents.findIndex((entry) => typeof entry !== 'string' && entry.part === request.part);
    if (partIndex < 0) {
      partIndex = contents.length;
      newPart = request.part;
    }
    scope = all.filter((slot) => slot.partIndex === partIndex);
  }
  const end = (why: PlacementNote['why']): { insertion: Insertion; note: PlacementNote } => {
    const last = scope.at(-1);
    const index = request.part !== undefined ? scope.length : contents.length;
    return {
      insertion: { path: chapter.path, partIndex: request.part !== undefined ? partIndex : undefined, index, ...(newPart !== undefined ? { newPart } : {}) },
      note: { path: chapter.path, part: request.part, ...(last ? { after: last.path } : {}), why },
    };
  };
  if (chapter.date === undefined) return end(request.part !== undefined ? 'part' : 'undated');
  const date = chapter.date;
  const dated = scope.filter((slot) => dates.get(slot.path) !== undefined);
  const earlier = dated.filter((slot) => (dates.get(slot.path) as string) <= date).at(-1);
  if (earlier) {
    return {
      insertion: { path: chapter.path, partIndex: earlier.partIndex, index: earlier.index + 1 },
      note: { path: chapter.path, part: partTitle(earlier), after: earlier.path, why: request.part !== undefined ? 'part' : 'date' },
    };
  }
  const later = dated.find((slot) => (dates.get(slot.path) as string) > date);
  if (later) {
    return {
      insertion: { path: chapter.path, partIndex: later.partIndex, index: later.index },
      note: { path: chapter.path, part: partTitle(later), before: later.path, why: request.part !== undefined ? 'part' : 'date' },
    };
  }
  return end(request.part !== undefined ? 'part' : 'no-dates');
}
