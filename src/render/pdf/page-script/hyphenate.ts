import createHyphenator from 'hyphen/hyphen.js';
import type { HyphenationData } from './types.ts';

/** TeX's defaults, which the `hyphen` engine does not apply (it keeps two letters at each end): no `direct-ly`. */
const leftMin = 2;
const rightMin = 3;
/** Shorter words are not worth breaking. */
const minWordLength = 5;

/**
 * Inserts soft hyphens (Chromium on Linux has no hyphenation dictionaries of its own) into the
 * text of every element that may hyphenate (`hyphens` is not `none`) in a language with patterns;
 * web addresses are left alone. Returns how many words got a break point.
 */
export function hyphenateDocument(data: HyphenationData): number {
  const hyphenators = new Map<string, (word: string) => string>();
  const hyphenatorOf = (element: Element): ((word: string) => string) | undefined => {
    const set = patternSetOf(data, element.closest('[lang]')?.getAttribute('lang') ?? '');
    const patterns = set === undefined ? undefined : data.patterns[set];
    if (set === undefined || patterns === undefined || getComputedStyle(element).hyphens === 'none') return undefined;
    let hyphenator = hyphenators.get(set);
    if (!hyphenator) {
      hyphenator = cachedWords(createHyphenator(patterns, { hyphenChar: '\u00ad', html: false, minWordLength }));
      hyphenators.set(set, hyphenator);
    }
    return hyphenator;
  };
  const ofElement = new Map<Element, ((word: string) => string) | undefined>();
  let hyphenatedWords = 0;
  for (const text of textNodes(document.body)) {
    const parent = text.parentElement;
    if (!parent) continue;
    if (!ofElement.has(parent)) ofElement.set(parent, hyphenatorOf(parent));
    const hyphenate = ofElement.get(parent);
    if (!hyphenate) continue;
    text.data = text.data.replace(/(?:https?:\/\/|www\.)\S+|[\p{L}]{5,}/gu, (word) => {
      if (!/^\p{L}+$/u.test(word)) return word;
      const hyphenated = hyphenate(word);
      if (hyphenated !== word) hyphenatedWords += 1;
      return hyphenated;
    });
  }
  return hyphenatedWords;
}

/** The pattern set for a `lang` attribute: its own tag's, else its primary language's. */
export function patternSetOf(data: HyphenationData, lang: string): string | undefined {
  const tag = lang.toLowerCase();
  return data.languages[tag] ?? data.languages[tag.split('-')[0] ?? ''];
}

function cachedWords(hyphenate: (word: string) => string): (word: string) => string {
  const known = new Map<string, string>();
  return (word) => {
    let hyphenated = known.get(word);
    if (hyphenated === undefined) {
      hyphenated = withinMargins(hyphenate(word));
      known.set(word, hyphenated);
    }
    return hyphenated;
  };
}

/** Drops the break points that leave fewer than `leftMin` letters before them or `rightMin` after. */
export function withinMargins(hyphenated: string): string {
  const letters = [...hyphenated.replace(/\u00ad/g, '')].length;
  let before = 0;
  let out = '';
  for (const character of hyphenated) {
    if (character !== '\u00ad') {
      before += 1;
      out += character;
    } else if (before >= leftMin && letters - before >= rightMin) out += character;
  }
  return out;
}

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  return texts;
}
