import type { HyphenationData } from './page-script/types.ts';

/**
 * Which of the `hyphen` package's pattern sets (hyph-utf8's TeX patterns: `en-gb`, `de-1996`…)
 * hyphenates a language, so that the PDF breaks words the same on any machine.
 */

/** Regions whose English follows British hyphenation (Oxford's), as hyph-utf8 sorts them. */
const britishEnglishRegions = new Set(['au', 'gb', 'ie', 'in', 'nz', 'za']);
/** For a language with several pattern sets: the one for today's spelling. */
const currentSpelling: Record<string, string> = {
  de: 'de-1996',
  el: 'el-monoton',
  en: 'en-us',
  mn: 'mn-cyrl',
  sh: 'sh-latn',
  sr: 'sr-cyrl',
};

/**
 * The pattern set for a BCP 47 tag among those `available`: the tag's own (`fr`, `en-gb`), British
 * English for the Commonwealth's, else its language's (`de-CH` → `de-1996`, `en` → `en-us`), else none.
 */
export function hyphenationPatternSet(language: string, available: ReadonlySet<string>): string | undefined {
  const tag = language.toLowerCase();
  const [primary = '', region = ''] = tag.split('-');
  const candidates = [tag, ...(primary === 'en' && britishEnglishRegions.has(region) ? ['en-gb'] : []), primary, currentSpelling[primary]];
  return candidates.find((candidate): candidate is string => candidate !== undefined && available.has(candidate));
}

/** The `hyphen` package's pattern sets, as the caller found them (`adapters/page-script.ts` reads the package). */
export interface HyphenationPatterns {
  /** The pattern sets there are (`en-gb`, `de-1996`…). */
  names: ReadonlySet<string>;
  /** What a pattern set's module exports. */
  load(name: string): unknown;
}

/**
 * The patterns for each language (the book's first), and the languages there are none for. Each
 * pattern set is loaded once, however many tags use it.
 */
export function hyphenationFor(languages: readonly string[], patterns: HyphenationPatterns): { data: HyphenationData; missing: string[] } {
  const data: HyphenationData = { languages: {}, patterns: {} };
  const missing: string[] = [];
  for (const language of new Set(languages)) {
    const set = hyphenationPatternSet(language, patterns.names);
    if (set === undefined) {
      missing.push(language);
      continue;
    }
    data.languages[language.toLowerCase()] = set;
    data.patterns[set] ??= patterns.load(set);
  }
  return { data, missing };
}
