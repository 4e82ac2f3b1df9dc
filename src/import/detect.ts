/** The source formats the importer reads. */
export type SourceFormat = 'scrape';

/**
 * Recognises a source's format from its name and first bytes. Returns undefined when the input
 * is not something we can import (so the caller can say so instead of guessing).
 */
export function detectFormat(fileName: string, text: string): SourceFormat | undefined {
  if (/\.(txt|text)$/i.test(fileName) || !/^\s*</.test(text)) return 'scrape';
  return undefined;
}

/** A file that is not text: NUL bytes or many control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
