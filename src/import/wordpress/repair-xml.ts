/**
 * WordPress exports are often not quite XML: PHP prints its warnings into the download before the
 * `<?xml` line, and plugins write URLs with a bare `&`. Both are repaired here, each repair
 * reported, before the export is parsed; anything else that is broken stays an error. Offsets
 * shift only within a line (`&` → `&amp;`), so line numbers still point into the file.
 */

import { lineLocator } from '../../core/place.ts';

export interface XmlRepairs {
  /** The text for the XML parser. */
  text: string;
  /**
   * The file's text with the preamble blanked: the file's offsets and lines, where places are
   * found (the repairs above change offsets), and its index.
   */
  located: { text: string } & ReturnType<typeof lineLocator>;
  /** Lines before the XML (printed by PHP, not part of the export), 1-based and inclusive. */
  preamble: [number, number] | undefined;
  /** Places of bare ampersands read as `&amp;`, in the original file. */
  ampersands: { line: number; column: number }[];
  /** Places of characters XML forbids (control characters), replaced by spaces. */
  controls: { line: number; column: number }[];
}

const bareAmpersand = /&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/g;
// Tab, line feed and carriage return are allowed; other C0 controls are not, anywhere.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML forbids.
const forbiddenControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function repairWordPressXml(source: string): XmlRepairs {
  const start = source.search(/<\?xml[\s?]|<rss[\s>]/);
  const before = start > 0 ? source.slice(0, start) : '';
  // The declaration may only open the document: it goes with the preamble (it says UTF-8 anyway).
  const declaration = before.trim() === '' ? undefined : (/^<\?xml[^>]*\?>/.exec(source.slice(start))?.[0] ?? '');
  // Blanked to its line ends, so that places in the text are places in the file.
  const preambleEnd = declaration === undefined ? 0 : start + declaration.length;
  const text = source.slice(0, preambleEnd).replace(/[^\r\n]/g, ' ') + source.slice(preambleEnd);
  const located = { text, ...lineLocator(text) };
  const preamble: [number, number] | undefined =
    declaration === undefined
      ? undefined
      : [before.split('\n').findIndex((line) => line.trim() !== '') + 1, located.lineAt(start) - (before.endsWith('\n') ? 1 : 0)];
  const repairs: XmlRepairs = { text, located, preamble, ampersands: [], controls: [] };
  const placeOf = located.placeAt;
  // CDATA sections and comments may hold `&` as it is; only markup outside them is repaired.
  const parts = text.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  let offset = 0;
  repairs.text = parts
    .map((part, index) => {
      const at = offset;
      offset += part.length;
      const controlsFixed = part.replace(forbiddenControl, (_, position: number) => {
        repairs.controls.push(placeOf(at + position));
        return ' ';
      });
      if (index % 2 === 1) return controlsFixed;
      return controlsFixed.replace(bareAmpersand, (_, position: number) => {
        repairs.ampersands.push(placeOf(at + position));
        return '&amp;';
      });
    })
    .join('');
  return repairs;
}
