import { markFloatableFigures } from './float-stranded-figures.ts';
import { hyphenateDocument } from './hyphenate.ts';
import type { HyphenationData, PrepareChunkOptions, PreparedChunk } from './types.ts';

/**
 * Before Paged.js: marks the figures that may float, inserts soft hyphens, and counts the text of
 * each labelled section (to find text that pagination loses).
 */
export function prepareChunk(options: PrepareChunkOptions, hyphenation: HyphenationData): PreparedChunk {
  markFloatableFigures();
  const hyphenatedWords = hyphenateDocument(hyphenation);
  const sourceCharacters: Record<string, number> = {};
  for (const section of Array.from(document.querySelectorAll(`[${options.labelAttribute}]`))) {
    const label = section.getAttribute(options.labelAttribute) ?? '';
    sourceCharacters[label] = (sourceCharacters[label] ?? 0) + (section.textContent ?? '').replace(/[\s\u00ad-]/g, '').length;
  }
  return { sourceCharacters, hyphenatedWords };
}
