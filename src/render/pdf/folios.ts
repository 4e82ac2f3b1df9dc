import type { FolioStyle } from './protocol.ts';

const romanDigits: readonly [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** `14` → `xiv`. */
export function lowerRoman(value: number): string {
  let rest = value;
  let out = '';
  for (const [amount, digits] of romanDigits) {
    while (rest >= amount) {
      out += digits;
      rest -= amount;
    }
  }
  return out;
}

/** The page number as printed: `xiv` in the front matter, `14` in the body. */
export function folioText(pageNumber: number, style: FolioStyle): string {
  return style === 'lower-roman' ? lowerRoman(pageNumber) : String(pageNumber);
}

export interface ChunkPages {
  sequence: string;
  pageCount: number;
}

/**
 * The number of each chunk's first page: chunks of one sequence follow each other from 1, in
 * document order. Returns undefined for a chunk whose predecessors' page counts are not all known.
 */
export function firstPageNumbers(chunks: readonly (ChunkPages | { sequence: string; pageCount: undefined })[]): (number | undefined)[] {
  const next = new Map<string, number | undefined>();
  return chunks.map((chunk) => {
    const first = next.has(chunk.sequence) ? next.get(chunk.sequence) : 1;
    next.set(chunk.sequence, first === undefined || chunk.pageCount === undefined ? undefined : first + chunk.pageCount);
    return first;
  });
}
