import { interfaceWordSources } from './interface-words-data.ts';

/**
 * The words a book prints around its text (headings, navigation, labels), in English as the
 * renderers have always printed them. Other languages take theirs from `interface-words-data.ts`
 * (Quarto's and Docusaurus's translations, the CSL locales), never from words made up here; a
 * term no source translates stays English, and `untranslatedTerms` names it for the warning.
 */
export const englishInterfaceWords = {
  chapter: 'Chapter',
  part: 'Part',
  notes: 'Notes',
  references: 'References',
  bibliography: 'Bibliography',
  contents: 'Contents',
  search: 'Search',
  copyright: 'Copyright',
  previous: 'Previous',
  next: 'Next',
  skipToText: 'Skip to the text',
  pages: 'Pages',
  editedBy: 'Edited by',
  /** `First published in <venue>, <date>.`: with `firstPublishedIn` before a venue. */
  firstPublished: 'First published',
  firstPublishedIn: 'in',
  // No source translates these yet: English in every language, and named in the warning.
  cover: 'Cover',
  titlePage: 'Title page',
  contributors: 'Contributors',
  acknowledgements: 'Acknowledgements',
  aboutThisEdition: 'About this edition',
  about: 'About',
  indexOfContributors: 'Index of contributors',
  landmarks: 'Landmarks',
  startOfContent: 'Start of content',
  searchTheBook: 'Search the book',
  /** The search page's status line (search.js keeps its own English: “No chapter mentions “q”.”). */
  searching: 'Searching…',
  searchNoResults: 'No chapter mentions …',
  /** Docusaurus's plural forms, `One document found|{count} documents found`, by `Intl.PluralRules`' categories. */
  searchResults: '… pages mention …',
  headnote: 'Headnote',
  imageNotSupplied: 'Image not supplied',
  /** Groups of sentences, each one entry of the warning. */
  copyrightSentences: 'the copyright page’s sentences',
  editionNote: 'the note on this edition',
  contributorSentences: 'the contributors’ and acknowledgements’ sentences',
  searchMessages: 'the search page’s notices when it cannot search',
  screenReaderLabels: 'the labels read to screen readers (“Back to the text of note 1”, “Previous and next”)',
  movedPage: 'the pages left at an earlier edition’s addresses (“This page has moved”)',
  accessibilitySummary: 'the EPUB’s accessibility summary',
} as const;

export type InterfaceTerm = keyof typeof englishInterfaceWords;

/** The entries that stand for groups of sentences, not words (named as such in the warning). */
export const sentenceGroups: ReadonlySet<InterfaceTerm> = new Set([
  'copyrightSentences',
  'editionNote',
  'contributorSentences',
  'searchMessages',
  'screenReaderLabels',
  'movedPage',
  'accessibilitySummary',
]);

/** Which source translates which term (`interface-words-data.ts` holds each source's terms by language). */
const sourceOf: Partial<Record<InterfaceTerm, keyof typeof interfaceWordSources>> = {
  contents: 'quarto',
  references: 'quarto',
  bibliography: 'quarto',
  search: 'quarto',
  copyright: 'quarto',
  previous: 'docusaurus',
  next: 'docusaurus',
  skipToText: 'docusaurus',
  searchTheBook: 'docusaurus',
  searching: 'docusaurus',
  searchNoResults: 'docusaurus',
  searchResults: 'docusaurus',
  chapter: 'csl',
  part: 'csl',
  notes: 'csl',
  pages: 'csl',
  editedBy: 'csl',
  firstPublished: 'csl',
  firstPublishedIn: 'csl',
};

/** Terms that open a heading or a sentence: CSL locales write them in lower case (`kapitola`, `edited by`). */
const capitalisedTerms = new Set<InterfaceTerm>(['chapter', 'part', 'notes', 'pages', 'editedBy', 'firstPublished']);

/** Whether a language tag is English (`en`, `en-GB`, `EN-us`): the words as the renderers have always printed them. */
export function isEnglish(language: string): boolean {
  return /^en(?:-|$)/i.test(language);
}

/**
 * A source's terms for a language: its own tag (`de-CH`), else the language alone (`de-LI` takes
 * `de`), unless the tag's script is not the language's usual one: then a tag in that script, the
 * same region first (`zh-Hant` and `zh-HK` take `zh-TW`, never Simplified `zh`; `sr-Latn-RS` takes
 * `sr-Latn`). A region never borrows another region's words (`pt` has no `pt-BR`).
 */
function sourceTerms(source: keyof typeof interfaceWordSources, language: string): Record<string, string> | undefined {
  const table = interfaceWordSources[source];
  const lower = language.toLowerCase();
  const tag = Object.keys(table).find((candidate) => candidate.toLowerCase() === lower);
  if (tag) return table[tag];
  const primary = lower.split('-')[0] ?? '';
  const wanted = maximized(language);
  if (!wanted || maximized(primary)?.script === wanted.script) return table[primary];
  const sameScript = Object.keys(table).filter((candidate) => {
    const other = maximized(candidate);
    return other?.language === wanted.language && other.script === wanted.script;
  });
  const best = sameScript.find((candidate) => maximized(candidate)?.region === wanted.region) ?? sameScript[0];
  return best === undefined ? undefined : table[best];
}

/** The tag with its likely script and region (`zh-HK` → `zh-Hant-HK`), or nothing for a tag `Intl` cannot read. */
function maximized(tag: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
}

/**
 * The CSL locales give `chapter` and `part` as bare terms; a heading puts the number after them
 * (`Kapitel 1`, `Část I`), which is the usual order only in these languages (European ones whose
 * books head chapters so, and Greek and Hebrew). Elsewhere the order differs (Japanese and Chinese
 * `第1章`, Turkish and Hungarian `1. Bölüm`, Arabic with the article and an ordinal), and no source
 * gives the pattern: the heading stays English and is named in the warning.
 */
const termBeforeNumber = new Set(['cs', 'da', 'de', 'el', 'es', 'fi', 'fr', 'he', 'it', 'nb', 'nl', 'pl', 'pt', 'ru', 'sv', 'uk']);

/**
 * The languages whose CSL `original-work-published` followed by `in` and a venue, or by a date,
 * was read as a sentence and found right (`Ursprünglich erschienen in <cite>…</cite>, März 2019.`,
 * `Trabalho original publicado em …`). The others were not: Chinese and Hebrew terms lead into a
 * year (`原著出版于`, `בשנת`) and glue to `in`; Turkish `içinde` follows its noun; Czech and French
 * have a citation's Latin `in`; Spanish `publicada en 11 de febrero`, Italian `pubblicata marzo
 * 2019` and Polish `w` want a case or an article the sentence cannot give. They print it in English.
 */
const firstPublishedSentence = new Set(['da', 'de', 'nb', 'pt']);

const primaryLanguage = (language: string) => (language.split('-')[0] ?? '').toLowerCase();

/** Whether a term makes the right words in the language (see the two lists above). */
function termFits(term: InterfaceTerm, language: string): boolean {
  if (term === 'chapter' || term === 'part') return termBeforeNumber.has(primaryLanguage(language));
  if (term === 'firstPublished' || term === 'firstPublishedIn') return firstPublishedSentence.has(primaryLanguage(language));
  return true;
}

export interface InterfaceWords {
  language: string;
  /** The term in the book's language, or English when no source has it. */
  (term: InterfaceTerm): string;
}

const made = new Map<string, InterfaceWords>();

/** The interface words of a language (English for `en`, `en-GB`, …: the words as always). */
export function interfaceWords(language: string): InterfaceWords {
  const known = made.get(language);
  if (known) return known;
  const english = isEnglish(language);
  // Each term looked up once per language: a page asks for a dozen, and a lookup may run `Intl.Locale`.
  const terms = new Map<InterfaceTerm, string>();
  const words = Object.assign(
    (term: InterfaceTerm): string => {
      if (english) return englishInterfaceWords[term];
      let word = terms.get(term);
      if (word === undefined) {
        word = translatedTerm(term, language) ?? englishInterfaceWords[term];
        terms.set(term, word);
      }
      return word;
    },
    { language },
  );
  made.set(language, words);
  return words;
}

function translatedTerm(term: InterfaceTerm, language: string): string | undefined {
  const source = sourceOf[term];
  if (!termFits(term, language)) return undefined;
  const value = source ? sourceTerms(source, language)?.[term] : undefined;
  if (!value) return undefined;
  return capitalisedTerms.has(term) ? value.charAt(0).toLocaleUpperCase(language) + value.slice(1) : value;
}

/** The terms a language has no translation for (none for English), in catalogue order. */
export function untranslatedTerms(language: string): InterfaceTerm[] {
  if (isEnglish(language)) return [];
  return (Object.keys(englishInterfaceWords) as InterfaceTerm[]).filter((term) => term !== 'firstPublishedIn' && translatedTerm(term, language) === undefined);
}

/** Whether the phrase a term begins is in the book's language (else the renderer writes the English sentence whole). */
export function isTranslated(language: string, term: InterfaceTerm): boolean {
  return isEnglish(language) || translatedTerm(term, language) !== undefined;
}
