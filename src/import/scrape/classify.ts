import { noteLabel } from '../notes/note-labels.ts';
import { notesHeadingKind } from '../notes/notes-heading.ts';
import { isBio, isDateLine } from '../text.ts';

/** What a non-blank line of a scraped archive looks like, before we know which piece it is in. */
export type LineKind =
  | 'archive-heading'
  | 'date'
  | 'byline'
  | 'image-debris'
  | 'share-debris'
  | 'credit'
  | 'caption'
  | 'bio'
  | 'contributors-label'
  | 'notes-heading'
  | 'note'
  | 'short'
  | 'paragraph';

export interface ClassifiedLine {
  /** 1-based line number in the source. */
  line: number;
  text: string;
  kind: LineKind;
}

const archiveHeading = /^(posts tagged|posts? (?:in|from) (?:category|the category)|category archives?|tag archives?|archives? for|posts? by)\b/i;
const imageDebris = /^(?:[\w.-]+-\d{2,4}x\d{2,4}(?:\.(?:jpe?g|png|gif|webp))?|[\w.-]+\.(?:jpe?g|png|gif|webp)|[0-9a-f]{16,40})$/i;
const shareDebris = /^(?:share|tweet|print|email|share this:?|like this:?|related|advertisements?)$/i;
const creditOnly =
  /^(?:photo(?:graph)?s?(?: by| credit:?)|image(?: by| credit:?)|courtesy of|credit:)\s|^[\p{Lu} .'’-]+\/[\p{L} /'’-]*(?:images?|afp|reuters|ap|getty)$/iu;
const creditTail = /\s(?:courtesy of|photo(?:graph)?:?|credit:|image:?)\s+[^.]+$|\s\((?:photo|image|credit)[^)]*\)$/i;
const byline = /^by\s+\S/i;

/** Classifies every line of a scraped archive on its own shape. Blank lines are left out. */
export function classifyLines(text: string): ClassifiedLine[] {
  const lines = text.split(/\r?\n/);
  const classified: ClassifiedLine[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    classified.push({ line: index + 1, text: line, kind: classifyLine(line, classified.length === 0) });
  });
  return classified;
}

export function classifyLine(line: string, isFirst: boolean): LineKind {
  if (isFirst && archiveHeading.test(line)) return 'archive-heading';
  if (byline.test(line)) return 'byline';
  if (isDateLine(line)) return 'date';
  if (imageDebris.test(line)) return 'image-debris';
  if (shareDebris.test(line)) return 'share-debris';
  if (/^notes on contributors$|^additional information$|^about the authors?$|^contributors$/i.test(line)) return 'contributors-label';
  if (notesHeadingKind(line)) return 'notes-heading';
  if (isNoteLine(line)) return 'note';
  if (creditOnly.test(line)) return 'credit';
  if (creditTail.test(line)) return 'caption';
  if (isBio(line)) return 'bio';
  if (isShort(line)) return 'short';
  return 'paragraph';
}

/** A line that starts like a typed note: `1. …`, `[1] …`, `(1) …`, `¹ …`, `^1 …`, `*1 …`; bare numbers and symbols are too common in prose. */
function isNoteLine(line: string): boolean {
  const label = noteLabel(line);
  return label !== undefined && label.style !== 'bare' && label.style !== 'symbol' && label.style !== 'colon';
}

/** A title or heading: short, no sentence-final full stop, not starting in lower case. */
export function isShort(line: string): boolean {
  // A sentence ending in a note marker (`… premium features. [1]`) still ends in a full stop.
  const text = line.replace(/[\s\u00a0]*(?:\[\d{1,3}\]|\(\d{1,3}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3}|†|‡)$/u, '');
  return text.length <= 120 && !/[.,;:]$/.test(text) && /^[\p{Lu}\d‘“"'(]/u.test(text) && text.split(/\s+/).length <= 16;
}
