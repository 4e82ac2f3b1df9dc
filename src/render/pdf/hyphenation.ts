import type { HyphenationData } from './in-page.ts';

/**
 * Reads a hyphenation dictionary in libhyphen's format (`/usr/share/hyphen/hyph_en_GB.dic`: a
 * charset line, `LEFTHYPHENMIN 2`-style settings, then one TeX pattern per line such as `.ab4i`)
 * into Liang patterns for the in-page hyphenator. Non-standard patterns (`/`) are skipped.
 */
export function parseHyphenationDictionary(text: string): HyphenationData {
  const patterns: Record<string, string> = {};
  let leftMin = 2;
  let rightMin = 3;
  for (const raw of text.split(/\r?\n/).slice(1)) {
    const line = raw.trim();
    const setting = /^(LEFTHYPHENMIN|RIGHTHYPHENMIN)\s+(\d+)$/.exec(line);
    if (setting) {
      if (setting[1] === 'LEFTHYPHENMIN') leftMin = Number(setting[2]);
      else rightMin = Number(setting[2]);
      continue;
    }
    if (!line || line.startsWith('%') || /^[A-Z]/.test(line) || line.includes('/')) continue;
    const letters = line.replace(/\d/g, '');
    const digits: string[] = [];
    let pending = '0';
    for (const character of line) {
      if (/\d/.test(character)) pending = character;
      else {
        digits.push(pending);
        pending = '0';
      }
    }
    digits.push(pending);
    patterns[letters] = digits.join('');
  }
  return { patterns, leftMin, rightMin };
}

/** libhyphen's file names for a BCP 47 tag, most specific first: `en-GB` → `hyph_en_GB.dic`, `hyph_en.dic`. */
export function hyphenationDictionaryNames(language: string): string[] {
  const [primary, region] = language.split('-');
  if (!primary) return [];
  return [...(region ? [`hyph_${primary.toLowerCase()}_${region.toUpperCase()}.dic`] : []), `hyph_${primary.toLowerCase()}.dic`];
}
