// Writes src/core/interface-words-data.ts: the book's interface words in other languages, taken
// from the vendored sources in data/interface-words/ (Quarto's and Docusaurus's translations, MIT)
// and from the CSL locales in styles/csl/ (CC BY-SA 3.0). See data/interface-words/PROVENANCE.md.
// Run again after updating a source: node --import tsx scripts/interface-words.ts, then
// npx biome format --write src/core/interface-words-data.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { localeCandidates } from '../src/io/cite-style.ts';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

type Table = Record<string, Record<string, string>>;

/** Quarto's `_language-<tag>.yml` keys for each term (`bibliography` is its `References` too: the one list of works cited). */
const quartoKeys: Record<string, string> = {
  contents: 'toc-title-document',
  references: 'section-title-references',
  bibliography: 'section-title-references',
  search: 'search-label',
  copyright: 'section-title-copyright',
};

/** Quarto names Ukrainian `ua` (a country code); the book's language is `uk`. */
const quartoTags: Record<string, string> = { ua: 'uk' };

function quarto(): Table {
  const table: Table = {};
  for (const file of readdirSync(new URL('data/interface-words/quarto/', root))
    .filter((name) => name.endsWith('.yml'))
    .sort()) {
    const tag = file.replace(/^_language-|\.yml$/g, '');
    const terms = parseYaml(read(`data/interface-words/quarto/${file}`)) as Record<string, unknown>;
    const entry: Record<string, string> = {};
    for (const [term, key] of Object.entries(quartoKeys)) {
      const value = terms[key];
      if (typeof value === 'string' && value.trim()) entry[term] = value.trim();
    }
    table[quartoTags[tag] ?? tag] = entry;
  }
  return table;
}

const docusaurusKeys: Record<string, string> = {
  previous: 'theme.docs.paginator.previous',
  next: 'theme.docs.paginator.next',
  skipToText: 'theme.common.skipToMainContent',
  searchTheBook: 'theme.SearchPage.inputLabel',
  searching: 'theme.SearchPage.fetchingNewResults',
  searchNoResults: 'theme.SearchPage.noResultsText',
  searchResults: 'theme.SearchPage.documentsFound.plurals',
};

function docusaurus(): Table {
  const table: Table = {};
  for (const file of ['theme-common.json', 'theme-search-algolia.json']) {
    const locales = JSON.parse(read(`data/interface-words/docusaurus/${file}`)) as Record<string, Record<string, string>>;
    for (const [tag, terms] of Object.entries(locales)) {
      table[tag] = {
        ...table[tag],
        ...Object.fromEntries(Object.entries(docusaurusKeys).flatMap(([term, key]) => (terms[key] ? [[term, terms[key]]] : []))),
      };
    }
  }
  return table;
}

/** CSL terms (name, form, single or multiple) for each of ours; `firstPublishedIn` is the `in` before a venue. */
const cslTerms: Record<string, { name: string; form?: string; plural?: boolean }> = {
  chapter: { name: 'chapter' },
  part: { name: 'part' },
  notes: { name: 'note', plural: true },
  pages: { name: 'page', plural: true },
  editedBy: { name: 'editor', form: 'verb' },
  firstPublished: { name: 'original-work-published' },
  firstPublishedIn: { name: 'in' },
};

interface CslTerm {
  '@_name': string;
  '@_form'?: string;
  '#text'?: string;
  single?: string;
  multiple?: string;
}

function cslLocaleTerms(xml: string): Record<string, string> {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'term' || name === 'terms' });
  const locale = parser.parse(xml).locale as { terms: { term: CslTerm[] }[] };
  const terms = locale.terms.flatMap((group) => group.term);
  const out: Record<string, string> = {};
  for (const [ours, wanted] of Object.entries(cslTerms)) {
    const term = terms.find((candidate) => candidate['@_name'] === wanted.name && (candidate['@_form'] ?? 'long') === (wanted.form ?? 'long'));
    const value = term && (wanted.plural ? (term.multiple ?? term['#text']) : (term.single ?? term['#text']));
    if (typeof value === 'string' && value.trim()) out[ours] = value.trim();
  }
  return out;
}

/**
 * Each CSL locale's terms, under its own tag and, for the language's primary dialect, the language
 * alone (`de-DE` as `de`, as `io/cite-style.ts` chooses locales). A term a locale leaves in English
 * (the same words as en-US, as nl-NL's `original work published`) is no translation; one word may
 * well be the same (French `notes`, German `in`).
 */
function csl(): Table {
  const english = cslLocaleTerms(read('styles/csl/locales-en-US.xml'));
  const table: Table = {};
  const files = readdirSync(new URL('styles/csl/', root))
    .filter((name) => /^locales-.*\.xml$/.test(name) && !name.startsWith('locales-en-'))
    .sort();
  for (const file of files) {
    const tag = file.replace(/^locales-|\.xml$/g, '');
    const terms = cslLocaleTerms(read(`styles/csl/${file}`));
    const translated = Object.fromEntries(
      Object.entries(terms).filter(([term, value]) => value.toLowerCase() !== english[term]?.toLowerCase() || !english[term]?.includes(' ')),
    );
    // The `in` belongs to the sentence `original-work-published` makes: without it, no use.
    if (!translated.firstPublished) delete translated.firstPublishedIn;
    table[tag] = translated;
    const primary = tag.split('-')[0] ?? tag;
    if (localeCandidates(primary).at(-1) === file && primary !== tag) table[primary] = translated;
  }
  return table;
}

const sorted = (table: Table): Table => Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const header = `// Generated by scripts/interface-words.ts from data/interface-words/ (Quarto's and Docusaurus's translations, MIT)
// and styles/csl/locales-*.xml (CSL locales, CC BY-SA 3.0): see data/interface-words/PROVENANCE.md.
// Do not edit by hand: change the sources or the script, and run it again.
`;
const body = `
/** Interface words by source and language tag: each source is looked up on its own (see \`interface-words.ts\`). */
export const interfaceWordSources: Record<'quarto' | 'docusaurus' | 'csl', Record<string, Record<string, string>>> = ${JSON.stringify({ quarto: sorted(quarto()), docusaurus: sorted(docusaurus()), csl: sorted(csl()) }, null, 2)};
`;
writeFileSync(new URL('src/core/interface-words-data.ts', root), header + body);
