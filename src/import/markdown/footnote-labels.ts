import { placeLocator } from '../../core/place.ts';

/**
 * Footnote labels with spaces (`[^Design de Mercado]`): Markdown (GFM, Pandoc) does not allow them,
 * so the note's line is glued to the note before it and its marker prints as typed. Where a line
 * defines such a label, it and its markers are read with hyphens for spaces: same length, so every
 * place in the text is still its place in the source.
 */
export interface RelabelledNote {
  label: string;
  line: number;
  column: number;
}

const definitionWithSpaces = /^ {0,3}\[\^([^\]\n]*\s[^\]\n]*)\]:/gm;

export function withFootnoteLabelsMended(text: string): { text: string; mended: RelabelledNote[] } {
  const labels = new Set([...text.matchAll(definitionWithSpaces)].map((match) => match[1] ?? '').filter((label) => label.trim() !== ''));
  if (labels.size === 0) return { text, mended: [] };
  const mended: RelabelledNote[] = [];
  const placeOf = placeLocator(text);
  const mendedText = text.replace(/\[\^([^\]\n]+)\]/g, (whole, label: string, offset: number) => {
    if (!labels.has(label)) return whole;
    mended.push({ label, ...placeOf(offset) });
    return `[^${label.replace(/\s/g, '-')}]`;
  });
  return { text: mendedText, mended };
}
