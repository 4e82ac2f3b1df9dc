import { createRequire } from 'node:module';

/**
 * The only module that touches citation-js (0.7, the line that runs on Node 20; no bundled types).
 * It is only ever given CSL-JSON objects, BibTeX or RIS text: never a DOI or URL, which would make
 * it go to the network.
 */

const require = createRequire(import.meta.url);

/** A CSL-JSON item as citation-js and citeproc take it. */
export type CslJsonItem = { id: string; type: string } & Record<string, unknown>;

export interface CitationItemRef {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  'suppress-author'?: boolean;
}

export interface CitationCluster {
  citationID: string;
  citationItems: CitationItemRef[];
  properties: { noteIndex: number };
}

/** What citeproc's `makeBibliography` returns: settings and one HTML string per printed entry. */
export type CiteprocBibliography = [
  { entry_ids: string[][]; bibstart: string; bibend: string; hangingindent?: number; 'second-field-align'?: string | false },
  string[],
];

/** The part of a citeproc-js engine we use. */
export interface CiteprocEngine {
  updateItems(ids: string[]): void;
  processCitationCluster(
    citation: CitationCluster,
    before: [string, number][],
    after: [string, number][],
  ): [{ bibchange: boolean; citation_errors: unknown[] }, [number, string, string][]];
  /** Renders a whole chapter's clusters in order in one pass: `[citationID, noteIndex, html][]`. */
  rebuildProcessorState(citations: CitationCluster[], format: 'html', uncited: string[]): [string, number, string][];
  makeBibliography(): CiteprocBibliography | false;
  cslXml: { dataObj: unknown };
  opt: { xclass: string; class: string; development_extensions: Record<string, unknown> };
}

interface CiteConstructor {
  new (data: unknown, options?: Record<string, unknown>): { data: CslJsonItem[]; format(format: string, options?: Record<string, unknown>): string };
  plugins: { config: { get(name: '@csl'): CslConfig } };
}

interface Register {
  add(name: string, xml: string): void;
  has(name: string): boolean;
  get(name: string): string;
}

interface CslConfig {
  templates: Register;
  locales: Register;
}

interface CiteprocModule {
  Engine: new (
    sys: { retrieveLocale(lang: string): string; retrieveItem(id: string): CslJsonItem },
    style: string,
    lang: string,
    forceLang: boolean,
  ) => CiteprocEngine & { setOutputFormat(format: string): void };
}

let cite: CiteConstructor | undefined;
function citationJs(): CiteConstructor {
  cite ??= require('citation-js') as CiteConstructor;
  return cite;
}

/** Registers a CSL style and its locale; returns the name to render with. */
export function registerStyle(name: string, styleXml: string, locale: { name: string; xml: string } | undefined): void {
  const config = citationJs().plugins.config.get('@csl');
  config.templates.add(name, styleXml);
  if (locale) config.locales.add(locale.name, locale.xml);
}

/** An engine with the items it may be asked for. */
interface HeldEngine {
  engine: CiteprocEngine;
  styleXml: string;
  items: Map<string, CslJsonItem>;
}

const engines = new Map<string, HeldEngine>();

/** Builds a citeproc-js engine (the one citation-js renders with) producing HTML for a style and locale registered with `registerStyle`, with no items yet. */
function buildEngine(style: string, locale: string): HeldEngine {
  const config = citationJs().plugins.config.get('@csl');
  const CSL = require('citeproc') as CiteprocModule;
  const items = new Map<string, CslJsonItem>();
  const styleXml = config.templates.get(style);
  const engine = new CSL.Engine(
    {
      retrieveLocale: (lang) => (config.locales.has(lang) ? config.locales.get(lang) : config.locales.get('en-US')),
      retrieveItem: (id) => {
        const item = items.get(id);
        if (!item) throw new Error(`no bibliography item ${id}`);
        return item;
      },
    },
    styleXml,
    locale,
    true,
  );
  engine.setOutputFormat('html');
  engine.opt.development_extensions.wrap_url_and_doi = true;
  return { engine, styleXml, items };
}

/**
 * The engine for a style and locale, holding only `items`. Building an engine costs a second or
 * more for a style as large as Chicago's, so each is built once per process (and again only when
 * the style's text changes) and reset for every use: `updateItems` empties its registry and
 * fills it with `items` alone, so what it renders next depends on nothing it rendered before —
 * a chapter's note positions (first, subsequent, ibid.) come only from its own citations, and
 * its sort keys and disambiguation are worked out over its own works, not the whole bibliography.
 * A long-running process (a preview) keeps the engines warm between builds.
 */
export function createEngine(items: readonly CslJsonItem[], style: string, locale: string): CiteprocEngine {
  const key = `${style}\u0000${locale}`;
  let held = engines.get(key);
  if (!held || held.styleXml !== citationJs().plugins.config.get('@csl').templates.get(style)) {
    held = buildEngine(style, locale);
    engines.set(key, held);
  }
  held.engine.updateItems([]);
  held.items.clear();
  for (const item of items) held.items.set(item.id, item);
  held.engine.updateItems(items.map((item) => item.id));
  return held.engine;
}

/**
 * The engine's bibliography of the items it holds, with the key of each printed entry in order,
 * or undefined keys when the engine could not say (then the caller works them out). citeproc
 * lists in `entry_ids` the works it printed nothing for too, so the entries alone cannot say
 * which is which: its `@bibliography/entry` decoration, applied to each entry it prints, is
 * wrapped for the call to note the key of the entry's blob.
 */
export function makeBibliography(engine: CiteprocEngine): { bibliography: CiteprocBibliography; keys: string[] | undefined } | undefined {
  // setOutputFormat (which rebuildProcessorState calls) makes a fresh decorations object each time.
  const decorations = (engine as unknown as { fun?: { decorate?: Record<string, Record<string, unknown> | undefined> } }).fun?.decorate?.['@bibliography'];
  const entry = decorations?.entry;
  const printed: unknown[] = [];
  if (decorations && typeof entry === 'function') {
    decorations.entry = function (this: { system_id?: unknown }, ...args: unknown[]) {
      printed.push(this.system_id);
      return entry.apply(this, args);
    };
  }
  try {
    const bibliography = engine.makeBibliography();
    if (!bibliography) return undefined;
    const known = printed.length === bibliography[1].length && printed.every((key) => typeof key === 'string');
    return { bibliography, keys: known ? (printed as string[]) : undefined };
  } finally {
    if (decorations) decorations.entry = entry;
  }
}

/** Whether the style is a note style (footnote citations) or in-text (author-date, numeric). */
export function styleClass(engine: CiteprocEngine): 'note' | 'in-text' {
  return engine.opt.xclass === 'note' ? 'note' : 'in-text';
}

/** Parses BibTeX (`@article{…}`) or RIS text into CSL-JSON through citation-js's plugins. */
export function parseBibliographyText(text: string): CslJsonItem[] {
  const Cite = citationJs();
  return new Cite(text, { forceType: /^\s*TY {2}-/m.test(text) ? '@ris/file' : '@biblatex/text' }).data;
}

/** Exports CSL-JSON items as BibTeX, RIS or CSL-JSON text. */
export function exportBibliography(items: CslJsonItem[], format: 'bibtex' | 'ris' | 'csl-json'): string {
  const data = new (citationJs())(items);
  if (format === 'csl-json') return `${JSON.stringify(data.data, null, 2)}\n`;
  return data.format(format === 'bibtex' ? 'bibtex' : 'ris', { format: 'text' });
}

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
