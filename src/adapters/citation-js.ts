import { createRequire } from 'node:module';
import type { CiteprocEngine, CiteStyle, CslJsonItem } from '../core/citations.ts';

/**
 * The only module that touches citation-js (0.7, the line that runs on Node 20; no bundled types).
 * It is only ever given CSL-JSON objects, BibTeX or RIS text: never a DOI or URL, which would make
 * it go to the network.
 */

const require = createRequire(import.meta.url);

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

/**
 * Registers a CSL style and its locale (without one, citation-js's bundled en-US); returns the style
 * `cite/` renders with.
 */
export function registerStyle(name: string, styleXml: string, locale: { name: string; xml: string } | undefined): Omit<CiteStyle, 'fingerprint'> {
  const config = citationJs().plugins.config.get('@csl');
  config.templates.add(name, styleXml);
  if (locale) config.locales.add(locale.name, locale.xml);
  const language = locale?.name ?? 'en-US';
  return { name, locale: language, engine: (items) => createEngine(items, name, language) };
}

const engines = new Map<string, { engine: CiteprocEngine; items: Map<string, CslJsonItem> }>();

/**
 * A citeproc-js engine (the one citation-js renders with) over `items`, producing HTML, for a
 * style registered with `registerStyle`. Building an engine costs seconds for a style as large as
 * Chicago's, so there is one per style and locale, reset for each chapter: a chapter's note
 * positions (first, subsequent, ibid.) come only from the citations it passes, in order, to
 * `processCitationCluster`, so each chapter starts afresh.
 */
export function createEngine(items: CslJsonItem[], style: string, locale: string): CiteprocEngine {
  const key = `${style}\u0000${locale}`;
  let cached = engines.get(key);
  if (!cached) {
    const config = citationJs().plugins.config.get('@csl');
    const CSL = require('citeproc') as CiteprocModule;
    const registry = new Map<string, CslJsonItem>();
    const engine = new CSL.Engine(
      {
        retrieveLocale: (lang) => (config.locales.has(lang) ? config.locales.get(lang) : config.locales.get('en-US')),
        retrieveItem: (id) => {
          const item = registry.get(id);
          if (!item) throw new Error(`no bibliography item ${id}`);
          return item;
        },
      },
      config.templates.get(style),
      locale,
      true,
    );
    engine.setOutputFormat('html');
    engine.opt.development_extensions.wrap_url_and_doi = true;
    cached = { engine, items: registry };
    engines.set(key, cached);
  }
  cached.items.clear();
  for (const item of items) cached.items.set(item.id, item);
  cached.engine.updateItems([]);
  cached.engine.updateItems(items.map((item) => item.id));
  return cached.engine;
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
