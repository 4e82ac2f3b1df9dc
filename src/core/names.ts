import { createRequire } from 'node:module';

/**
 * People's names, shared by the importers and the note parser. @citation-js/name is a pure parser
 * (no I/O, no network), so unlike citation-js itself it needs no adapter.
 */

const require = createRequire(import.meta.url);

interface NameParser {
  parse(name: string): Record<string, string | undefined>;
}

let nameParser: NameParser | undefined;

/**
 * One person's name, in either order (`Jane Smith`, `Smith, Jane`, `W.-P. de Roever`), read by
 * @citation-js/name into CSL name parts (particles and suffixes included).
 */
export function parsePersonName(name: string): {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
} {
  nameParser ??= require('@citation-js/name') as NameParser;
  const parsed = nameParser.parse(name);
  const result: Record<string, string> = {};
  for (const key of ['family', 'given', 'non-dropping-particle', 'dropping-particle', 'suffix']) {
    const value = parsed[key];
    if (typeof value === 'string' && value !== '') result[key] = value;
  }
  return result;
}
