import type { Element, Nodes, Root } from 'hast';
import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { sourceLines, unreadLines } from './content.ts';
import { classNames, lineRange } from './html/hast-tree.ts';
import type { ArchiveEntry, ChapterField, ImportedPiece, LineFate } from './types.ts';

/** One file of an archive or folder source: what became of it and of each of its lines. */
export interface MemberImport {
  /** Its path inside the archive (`posts/123.slug.html`). */
  name: string;
  /** The file, when it is text: messages and line fates point into it. */
  file?: VFile;
  /** What it was read as (`Substack post body`, `saved HTML page`…); absent when skipped. */
  role?: string;
  /** One fate per line (pieces numbered across the whole archive); empty for a file that is not text. */
  lines: LineFate[];
  /** Left out as a whole: why. Its lines are all dropped for this reason. */
  skipped?: string;
}

export interface ArchivePiece {
  piece: ImportedPiece;
  /** The file its body came from: relative images are found beside it in the archive. */
  member: string;
}

export interface ArchiveImportResult {
  /** In reading order. */
  pieces: ArchivePiece[];
  /** Every file of the archive, in name order, and every name that was not read. */
  members: MemberImport[];
}

/** A file left out as a whole: every line dropped for `reason` (blank lines stay blank). */
export function skippedMember(entry: ArchiveEntry, reason: string): MemberImport {
  const text = entry.file && !entry.unreadable ? String(entry.file.value) : undefined;
  return {
    name: entry.name,
    ...(entry.file ? { file: entry.file } : {}),
    lines: text === undefined ? [] : unreadLines(sourceLines(text), reason),
    skipped: reason,
  };
}

/** A text entry the importer needs but could not decode: an error on the file, at the place it failed. */
export function reportUnreadable(entry: ArchiveEntry): boolean {
  if (!entry.unreadable || !entry.file) return false;
  report(entry.file, entry.unreadable.ruleId, entry.unreadable.reason, entry.unreadable.place);
  return true;
}

const fateRank: Record<LineFate['fate'], number> = { kept: 3, metadata: 2, dropped: 1, blank: 0 };

/** A line's fate without its line number: each variant of `LineFate` without `line`. */
type Fate = LineFate extends infer Variant ? (Variant extends LineFate ? Omit<Variant, 'line'> : never) : never;

/**
 * Fates of a file's lines gathered from several places (an element's lines, a removed widget's):
 * where they overlap, the most useful wins (kept over metadata over dropped), as a line of a
 * minified page holds several of them.
 */
export class LineFateMap {
  private readonly fates = new Map<number, LineFate>();

  set(from: number, to: number, fate: Fate): void {
    for (let line = from; line <= to; line++) {
      const current = this.fates.get(line);
      if (!current || fateRank[fate.fate] > fateRank[current.fate]) this.fates.set(line, { line, ...fate } as LineFate);
    }
  }

  /** One fate per line of `text`: blank lines are blank, lines nothing claimed get `otherwise`. */
  result(text: string, otherwise: (line: number) => LineFate): LineFate[] {
    return sourceLines(text).map((value, index) => {
      const line = index + 1;
      if (value.trim() === '') return { line, fate: 'blank' };
      return this.fates.get(line) ?? otherwise(line);
    });
  }
}

/** A span of a file's text, by offset, left out of a chapter for `reason`. */
export interface RemovedSpan {
  start: number;
  end: number;
  reason: string;
}

/**
 * The text with the removed spans blanked out (every character but line breaks becomes a space),
 * so that what is left parses as before and every place in it is still its place in the file.
 */
export function blankSpans(text: string, spans: readonly RemovedSpan[]): string {
  let result = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.end <= at) continue;
    const from = Math.max(span.start, at);
    result += text.slice(at, from) + text.slice(from, span.end).replace(/[^\r\n]/g, ' ');
    at = span.end;
  }
  return result + text.slice(at);
}

/** Where notes live in a post body (Substack's `div.footnote`, the common lists): their text feeds `notes`. */
const noteContainerClasses = new Set(['footnote', 'footnotes', 'footnote-content']);
const noteContainerRoles = new Set(['doc-endnotes', 'doc-footnote', 'doc-endnote']);

function isNoteContainer(element: Element): boolean {
  return (
    classNames(element).some((name) => noteContainerClasses.has(name)) ||
    noteContainerRoles.has(String(element.properties.role ?? '')) ||
    element.properties.dataFootnotes !== undefined
  );
}

/**
 * Fates for the lines of a post body (from `range[0]` to `range[1]`), from `tree`, the file's
 * own parse (places are offsets into `html`): lines with text or a picture are kept (in `notes`
 * inside a notes container), lines whose content lies in a removed span are dropped for the
 * span's reason, and the rest are markup without text.
 */
export function bodyLineFates(
  tree: Root,
  html: string,
  spans: readonly RemovedSpan[],
  piece: number,
  range: [number, number] = [1, Number.POSITIVE_INFINITY],
): Map<number, Fate> {
  // Inside a span as a whole: the page around a body starts in the span before it but is not removed.
  const removed = (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start !== undefined && end !== undefined && spans.some((span) => start >= span.start && end <= span.end);
  };
  const kept = new Map<number, ChapterField>();
  const mark = (node: Nodes, field: ChapterField) => {
    const lines = lineRange(node);
    // A line holding both body text and notes counts for the body.
    if (lines) for (let line = lines[0]; line <= lines[1]; line++) if (kept.get(line) !== 'body') kept.set(line, field);
  };
  const walk = (node: Nodes, field: ChapterField): void => {
    if (removed(node)) return;
    if (node.type === 'text') {
      if (node.value.trim() !== '') mark(node, field);
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    // Scripts and styles are sanitised away: their text is not kept.
    if (node.type === 'element' && ['script', 'style', 'template', 'noscript'].includes(node.tagName)) return;
    if (node.type === 'element' && (node.tagName === 'img' || node.tagName === 'hr')) mark(node, field);
    const inner = node.type === 'element' && isNoteContainer(node) ? 'notes' : field;
    for (const child of node.children) walk(child, inner);
  };
  walk(tree, 'body');
  const fates = new Map<number, Fate>();
  let start = 0;
  sourceLines(html).forEach((value, index) => {
    const line = index + 1;
    const lineStart = start;
    start += value.length + (html[lineStart + value.length] === '\r' ? 2 : 1);
    if (line < range[0] || line > range[1] || value.trim() === '') return;
    const field = kept.get(line);
    if (field) {
      fates.set(line, { fate: 'kept', piece, field });
      return;
    }
    const first = lineStart + value.search(/\S/);
    const hiding = spans.find((span) => first >= span.start && first < span.end);
    fates.set(line, { fate: 'dropped', piece, reason: hiding?.reason ?? 'markup without text (wrappers, list and table tags), or scripts and styles' });
  });
  return fates;
}
