import { location } from 'vfile-location';
import type { Place } from './rules.ts';

/**
 * Offsets in a text → 1-based line and column, through vfile-location (the index unified's tools
 * use). It ends a line at LF, CRLF and a lone CR; every text read from disk has its lone CRs turned
 * into LFs first (`io/read.ts` `withLineFeeds`), so in practice a line ends at LF or CRLF. An offset
 * outside the text is clamped to it.
 */
export function placeLocator(text: string): (offset: number) => Place {
  const { toPoint } = location(text);
  return (offset) => {
    const point = toPoint(Math.min(Math.max(0, offset), text.length));
    return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
  };
}

/**
 * One index of a text for places and for lines alone (an importer's line fates count lines: the
 * lines an item or a record of an export spans).
 */
export function lineLocator(text: string): { placeAt: (offset: number) => Place; lineAt: (offset: number) => number } {
  const placeAt = placeLocator(text);
  return { placeAt, lineAt: (offset) => placeAt(offset).line };
}

/** The place of one offset in a text (for many offsets in the same text, use `placeLocator`). */
export function placeOfOffset(text: string, offset: number): Place {
  return placeLocator(text)(offset);
}

/**
 * The place just after `text`, when it starts at `start`: a text that is a slice of a node or line
 * whose own place is known (the column counts UTF-16 code units, as offsets and vfile do).
 */
export function placeAfter(start: Place, text: string): Place {
  const lines = text.split('\n');
  return lines.length === 1
    ? { line: start.line, column: start.column + text.length }
    : { line: start.line + lines.length - 1, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Where `needle` first occurs in `text`, or undefined. */
export function placeOfText(text: string, needle: string): Place | undefined {
  const offset = text.indexOf(needle);
  return offset < 0 ? undefined : placeOfOffset(text, offset);
}
