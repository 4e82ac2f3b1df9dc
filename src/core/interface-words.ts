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

/** A source's terms for a language: its own tag (`de-CH`), else the language alone (`de`). */
function sourceTerms(source: keyof typeof interfaceWordSources, language: string): Record<string, string> | undefined {
  const table = interfaceWordSources[source];
  const lower = language.toLowerCase();
  const tag = Object.keys(table).find((candidate) => candidate.toLowerCase() === lower);
  return table[tag ?? lower.split('-')[0] ?? ''];
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
  const english = /^en(?:-|$)/i.test(language);
  const words = Object.assign(
    (term: InterfaceTerm): string => {
      if (english) return englishInterfaceWords[term];
      return translatedTerm(term, language) ?? englishInterfaceWords[term];
    },
    { language },
  );
  made.set(language, words);
  return words;
}

function translatedTerm(term: InterfaceTerm, language: string): string | undefined {
  const source = sourceOf[term];
  const value = source ? sourceTerms(source, language)?.[term] : undefined;
  if (!value) return undefined;
  return capitalisedTerms.has(term) ? value.charAt(0).toLocaleUpperCase(language) + value.slice(1) : value;
}

/** The terms a language has no translation for (none for English), in catalogue order. */
export function untranslatedTerms(language: string): InterfaceTerm[] {
  if (/^en(?:-|$)/i.test(language)) return [];
  return (Object.keys(englishInterfaceWords) as InterfaceTerm[]).filter((term) => term !== 'firstPublishedIn' && translatedTerm(term, language) === undefined);
}

/** Whether the phrase a term begins is in the book's language (else the renderer writes the English sentence whole). */
export function isTranslated(language: string, term: InterfaceTerm): boolean {
  return /^en(?:-|$)/i.test(language) || translatedTerm(term, language) !== undefined;
}
