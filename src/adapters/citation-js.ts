import { createRequire } from 'node:module';
import { type CiteprocEngine, type CiteStyle, type CslJsonItem, isTextVariable } from '../core/citations.ts';
import { biblatexLanguageTag } from './biblatex-language.ts';

/**
 * The only module that touches citation-js (0.7, the line that runs on Node 20; no bundled types).
 * It is only ever given CSL-JSON objects, BibTeX or RIS text: never a DOI or URL, which would make
 * it go to the network.
 */

const require = createRequire(import.meta.url);

interface CiteConstructor {
  new (data: unknown, options?: Record<string, unknown>): { data: CslJsonItem[]; format(format: string, options?: Record<string, unknown>): string };
  plugins: {
    config: { get(name: '@csl'): CslConfig; get(name: '@bibtex'): BibtexConfig };
    input: {
      /** One step of parsing: text of a type → what that type's parser makes of it. */
      data(input: unknown, type: string): unknown;
      /** Every step, to CSL-JSON (throws on the first error). */
      chain(input: unknown, options: { forceType: string; generateGraph: false }): CslJsonItem[];
    };
  };
}

/** @citation-js/plugin-bibtex's tables of LaTeX it decodes (0.7: `plugins.config.get('@bibtex').constants`). */
interface BibtexConfig {
  constants?: {
    commands?: Record<string, string>;
    argumentCommands?: Record<string, (...args: string[]) => string>;
  };
}

/** A BibTeX entry as the plugin's file grammar reads it: field values still LaTeX, as written. */
interface RawBibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
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

/** A parsed style's node, as citeproc's XmlJSON holds it. */
interface StyleNode {
  name: string;
  attrs: Record<string, string | undefined>;
  children: (StyleNode | string)[];
}

interface XmlJson {
  dataObj: StyleNode;
  getNodesByName(node: StyleNode, name: string, nameAttribute?: string, found?: StyleNode[]): StyleNode[];
}

/** What `slicedBibliography` reaches inside a citeproc engine (checked before use). */
interface EngineInternals {
  retrieveItem?(id: string): unknown;
  registry?: { sorter?: { compareKeys?(one: SortKeyed, other: SortKeyed): number } };
  bibliography_sort?: { tokens?: unknown };
}

/** A token of a style compiled by citeproc: what `leadingKeyTokens` reads of one. */
interface StyleToken {
  name?: unknown;
  tokentype?: unknown;
  next?: unknown;
  succeed?: unknown;
  fail?: unknown;
}

interface SortKeyed {
  id: string;
  /** Tie-breaker: the work's place in the list as given. */
  seq: number;
  sortkeys: (string | undefined)[];
}

interface CiteprocModule {
  /** Renders one work of a citation (`citeItemsMarked` wraps it to know when a work is being rendered). */
  getCite?: (this: unknown, ...args: unknown[]) => unknown;
  XmlJSON?: { prototype?: XmlJson };
  parseXml?: (xml: string) => StyleNode;
  getSortKeys?: (this: unknown, item: unknown, keyType: string) => (string | undefined)[];
  Engine: new (
    sys: {
      retrieveLocale(lang: string): string;
      retrieveItem(id: string): CslJsonItem;
      wrapCitationEntry?(html: string, id: string): string;
    },
    style: string | StyleNode,
    lang: string,
    forceLang: boolean,
  ) => CiteprocEngine & { setOutputFormat(format: string): void };
}

let cite: CiteConstructor | undefined;
function citationJs(): CiteConstructor {
  if (!cite) {
    cite = require('citation-js') as CiteConstructor;
    teachLatexCommands(cite.plugins.config.get('@bibtex'));
  }
  return cite;
}

/**
 * LaTeX text commands common in real .bib files that @citation-js/plugin-bibtex 0.7 leaves as
 * written (`{\TeX}book` printed `\TeXbook`), added to its own tables: it already decodes accents,
 * ligatures (`--`, `---`, `~`), `\&`, `\%`, `\emph`, `\textit`, `\textbf` and the like.
 * `\noopsort{…}` is BibTeX's sorting trick: it and its argument print nothing. Commands it still
 * does not know stay as written and are reported on the item (`BibtexEntry.latex`).
 */
const latexCommands: Record<string, string> = {
  TeX: 'TeX',
  LaTeX: 'LaTeX',
  LaTeXe: 'LaTeX2\u03b5',
  BibTeX: 'BibTeX',
  hyphen: '-',
  slash: '/',
  ldots: '\u2026',
  dots: '\u2026',
  textellipsis: '\u2026',
  S: '\u00a7',
  nobreakspace: '\u00a0',
  space: ' ',
  adddot: '.',
  addcomma: ',',
};
const latexArgumentCommands: Record<string, (...args: string[]) => string> = {
  // The plugin reads as many braced arguments as the function takes: this one takes one, and prints nothing.
  noopsort: (_sortKey) => '',
  mbox: (text) => text,
  hbox: (text) => text,
  mkbibacro: (text) => text,
  textnormal: (text) => text,
};

function teachLatexCommands(config: BibtexConfig): void {
  const { commands, argumentCommands } = config.constants ?? {};
  // Another version may keep its tables elsewhere: then these stay undecoded, and are reported.
  if (commands) for (const [name, text] of Object.entries(latexCommands)) commands[name] ??= text;
  if (argumentCommands) for (const [name, make] of Object.entries(latexArgumentCommands)) argumentCommands[name] ??= make;
}

/**
 * Registers a CSL style and its locale (without one, citation-js's bundled en-US); returns the style
 * `cite/` renders with.
 */
export function registerStyle(
  name: string,
  styleXml: string,
  locale: { name: string; xml: string } | undefined,
): Pick<CiteStyle, 'engine' | 'citationEngine' | 'bibliography' | 'release'> {
  const config = citationJs().plugins.config.get('@csl');
  config.templates.add(name, styleXml);
  if (locale) config.locales.add(locale.name, locale.xml);
  const language = locale?.name ?? 'en-US';
  return {
    engine: (items) => createEngine(items, name, language, false),
    citationEngine: (items) => createEngine(items, name, language, true),
    bibliography: (items, whenSorted) => makeBibliography(items, name, language, whenSorted),
    release: () => {
      for (const key of [...engines.keys()]) if (key.startsWith(`${name}\u0000`)) engines.delete(key);
    },
  };
}

/** An engine with the items it may be asked for. */
interface HeldEngine {
  engine: CiteprocEngine;
  styleXml: string;
  /** The registered locale's text it was built with (undefined: citation-js's bundled en-US). */
  localeXml: string | undefined;
  items: Map<string, CslJsonItem>;
  /** Whether the style's citations depend on the reference list's order: numbers, or year suffixes (2020a), which citeproc gives in that order. */
  citesInBibliographyOrder: boolean;
}

const engines = new Map<string, HeldEngine>();

/**
 * Builds a citeproc-js engine (the one citation-js renders with) producing HTML for a style and
 * locale registered with `registerStyle`, with no items yet. One that renders only citations
 * (`citationsOnly`), for a style whose citations do not follow the reference list's order, is
 * built from the style without the reference list's sort (`withoutReferenceListSort`).
 */
function buildEngine(style: string, locale: string, citationsOnly: boolean): HeldEngine {
  const config = citationJs().plugins.config.get('@csl');
  const CSL = require('citeproc') as CiteprocModule;
  indexMacroLookups(CSL);
  const marksItems = countCiteDepth(CSL);
  const items = new Map<string, CslJsonItem>();
  const styleXml = config.templates.get(style);
  const localeXml = registeredLocale(locale);
  const citesInBibliographyOrder = citesInReferenceListOrder(styleXml);
  const engine = new CSL.Engine(
    {
      retrieveLocale: (lang) => (config.locales.has(lang) ? config.locales.get(lang) : config.locales.get('en-US')),
      retrieveItem: (id) => {
        const item = items.get(id);
        if (!item) throw new Error(`no bibliography item ${id}`);
        return item;
      },
      ...(marksItems ? { wrapCitationEntry: citationItemSpan } : {}),
    },
    citationsOnly && !citesInBibliographyOrder ? withoutReferenceListSort(CSL, styleXml) : styleXml,
    locale,
    true,
  );
  engine.setOutputFormat('html');
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engine.makeBibliography = bibliographyWithKeys(engine, engine.makeBibliography);
  if (marksItems) markCitationItems(engine);
  return { engine, styleXml, localeXml, items, citesInBibliographyOrder };
}

/** Whether a style's citations depend on the reference list's order: numbers, or year suffixes (2020a), which citeproc gives in that order. */
function citesInReferenceListOrder(styleXml: string): boolean {
  return /citation-number|disambiguate-add-year-suffix\s*=\s*["']true/.test(styleXml);
}

/**
 * The style, parsed as citeproc parses it, without the `<sort>` of its `<bibliography>`: for an
 * engine that renders only citations, which that sort does not change unless they follow the
 * list's order (`citesInReferenceListOrder`; such styles keep it). citeproc writes each sort key's
 * macros out in full: Chicago's reference-list sort became ~180,000 tokens, ~125 MB of each
 * engine's heap and ~1 s of its 1.2 s build, in every thread that renders citations. Without it the
 * engine builds in ~0.1 s and holds ~20 MB. The XML itself when this citeproc cannot parse it so.
 */
function withoutReferenceListSort(CSL: CiteprocModule, styleXml: string): string | StyleNode {
  const parsed = CSL.parseXml?.(styleXml);
  const list = parsed?.children?.find((child): child is StyleNode => typeof child === 'object' && child.name === 'bibliography');
  if (!parsed || !list || !Array.isArray(list.children)) return styleXml;
  list.children = list.children.filter((child) => typeof child !== 'object' || child.name !== 'sort');
  return parsed;
}

function registeredLocale(locale: string): string | undefined {
  const locales = citationJs().plugins.config.get('@csl').locales;
  return locales.has(locale) ? locales.get(locale) : undefined;
}

const macroIndexes = new WeakMap<StyleNode, Map<string, StyleNode[]>>();
let macrosIndexed = false;

/**
 * citeproc finds a macro by walking the whole parsed style (`getNodesByName(style, 'macro',
 * name)`) each time a macro is called while it builds an engine: for Chicago's style, 0.3 of the
 * 0.6 s that takes. Those lookups are answered from an index of the style's macros by name, made
 * by the same walk once per parsed style; citeproc never adds a macro to a parsed style, and each
 * answer is a new array, so the engine it builds is the same. Every other lookup is left alone.
 */
function indexMacroLookups(CSL: CiteprocModule): void {
  if (macrosIndexed) return;
  macrosIndexed = true;
  // Another citeproc may hold its style otherwise: then it walks as it always did, only slower.
  const prototype = CSL.XmlJSON?.prototype;
  const walk = prototype?.getNodesByName;
  if (!prototype || typeof walk !== 'function') return;
  prototype.getNodesByName = function (this: XmlJson, node, name, nameAttribute, found) {
    if (name !== 'macro' || !nameAttribute || found || node !== this.dataObj) return walk.call(this, node, name, nameAttribute, found);
    let index = macroIndexes.get(node);
    if (!index) {
      index = new Map();
      for (const macro of walk.call(this, node, 'macro')) {
        const macroName = macro.attrs.name;
        if (macroName !== undefined) index.set(macroName, [...(index.get(macroName) ?? []), macro]);
      }
      macroIndexes.set(node, index);
    }
    return [...(index.get(nameAttribute) ?? [])];
  };
}

/** How deep citeproc is in rendering a work of a citation (`CSL.getCite`), in this thread. */
let citeDepth = 0;
let citeDepthCounted: boolean | undefined;

/**
 * Counts, once per process, when citeproc renders one work of a citation (`CSL.getCite`, which it
 * calls through `CSL` each time), for `markCitationItems`. False when this citeproc has no such
 * function: then citations are not marked by work, and a citation links to its first work only.
 */
function countCiteDepth(CSL: CiteprocModule): boolean {
  if (citeDepthCounted !== undefined) return citeDepthCounted;
  const getCite = CSL.getCite;
  citeDepthCounted = typeof getCite === 'function';
  if (typeof getCite === 'function') {
    CSL.getCite = function (this: unknown, ...args: unknown[]) {
      citeDepth += 1;
      try {
        return getCite.apply(this, args);
      } finally {
        citeDepth -= 1;
      }
    };
  }
  return citeDepthCounted;
}

/** A work's part of a citation, marked with its key (`render/common.ts` links each to its entry in the reference list). */
function citationItemSpan(html: string, id: string): string {
  const key = id.replace(/&/g, '&#38;').replace(/"/g, '&#34;').replace(/</g, '&#60;').replace(/>/g, '&#62;');
  return `<span class="citation-item" data-cite="${key}">${html}</span>`;
}

/**
 * Each work's part of a rendered citation wrapped in `citationItemSpan` (`[@a; @b]` → `(<span
 * data-cite="a">Smith 2010</span>; <span data-cite="b">Jones 2011</span>)`), the text unchanged.
 * citeproc's own wrapper (`apply_citation_wrapper` with `sys.wrapCitationEntry`) also leaves the
 * layout's prefix and suffix out (`(` `)`, the note's `.`) when it is on as the citation is put
 * together: so it is on only while a work is rendered (`countCiteDepth`), and the layout's affixes,
 * which then land inside the first and last work, are moved outside them when they are at their edges.
 */
function markCitationItems(engine: CiteprocEngine): void {
  const extensions = engine.opt.development_extensions;
  if (!('apply_citation_wrapper' in extensions)) return;
  // Not in a preview (an in-text citation's author alone, compared with its whole note: `renderCitationJob`).
  let previewing = false;
  Object.defineProperty(extensions, 'apply_citation_wrapper', { get: () => citeDepth > 0 && !previewing, configurable: true });
  const rebuild = engine.rebuildProcessorState;
  engine.rebuildProcessorState = (citations, format, uncited) =>
    rebuild.call(engine, citations, format, uncited).map(([id, noteIndex, html]) => [id, noteIndex, layoutAffixesOutside(engine, html)]);
  const preview = engine.previewCitationCluster;
  engine.previewCitationCluster = (citation, before, after, format) => {
    previewing = true;
    try {
      return preview.call(engine, citation, before, after, format);
    } finally {
      previewing = false;
    }
  };
}

function layoutAffixesOutside(engine: CiteprocEngine, html: string): string {
  const layout = (engine as unknown as { citation?: { opt?: { layout_prefix?: string; layout_suffix?: string } } }).citation?.opt;
  // As citeproc's HTML format escapes text.
  const asHtml = (text: string) => text.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;');
  const prefix = asHtml(layout?.layout_prefix ?? '');
  const suffix = asHtml(layout?.layout_suffix ?? '');
  let moved = html;
  const open = /^<span class="citation-item" data-cite="[^"]*">/.exec(moved)?.[0];
  if (open && prefix && moved.startsWith(prefix, open.length)) moved = prefix + open + moved.slice(open.length + prefix.length);
  // The last `</span>` closes the last work's span when every span opened after that one's start is closed before it.
  const last = moved.lastIndexOf('<span class="citation-item"');
  const tail = last < 0 ? '' : moved.slice(last);
  const balanced = tail.split('<span').length === tail.split('</span>').length;
  if (suffix && balanced && tail.endsWith(`${suffix}</span>`)) moved = `${moved.slice(0, -(suffix.length + '</span>'.length))}</span>${suffix}`;
  return moved;
}

/**
 * `makeBibliography`, also giving the key of each printed entry (`printed_keys`) when it can tell.
 * citeproc lists in `entry_ids` the works it printed nothing for too, so the entries alone cannot
 * say which is which: its `@bibliography/entry` decoration, applied to each entry it prints, is
 * wrapped for the call to note the key on the entry's blob. (Wrapped per call: setOutputFormat,
 * which rebuildProcessorState calls, makes a fresh decorations object.)
 */
function bibliographyWithKeys(engine: CiteprocEngine, make: CiteprocEngine['makeBibliography']): CiteprocEngine['makeBibliography'] {
  return () => {
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
      const bibliography = make.call(engine);
      if (!bibliography) return bibliography;
      const known = printed.length === bibliography[1].length && printed.every((key) => typeof key === 'string');
      return known ? [{ ...bibliography[0], printed_keys: printed as string[] }, bibliography[1]] : bibliography;
    } finally {
      if (decorations) decorations.entry = entry;
    }
  };
}

/**
 * The engine for a style and locale, holding only `items`. Building an engine costs a second or
 * more for a style as large as Chicago's, so each is built once per process (and again only when
 * the style's or its locale's text changes) and reset for every use: `updateItems` empties its registry and
 * fills it with `items` alone, so what it renders next depends on nothing it rendered before —
 * a chapter's note positions (first, subsequent, ibid.) come only from its own citations, and
 * its sort keys and disambiguation are worked out over its own works, not the whole bibliography.
 * A long-running process (a preview) keeps the engines warm between builds.
 */
function createEngine(items: readonly CslJsonItem[], style: string, locale: string, citationsOnly: boolean): CiteprocEngine {
  const held = heldEngine(style, locale, citationsOnly);
  const { engine } = held;
  holdItems(held, items);
  const ids = items.map((item) => item.id);
  if (citationsOnly && !held.citesInBibliographyOrder) withoutBibliographySort(engine, () => engine.updateItems(ids));
  else engine.updateItems(ids);
  return engine;
}

/**
 * The engine built for a style and locale (one for citations alone, when the style allows it:
 * `buildEngine`): built again when the style's or the locale's text changed since (a preview
 * re-registers both on every save).
 */
function heldEngine(style: string, locale: string, citationsOnly = false): HeldEngine {
  const styleXml = citationJs().plugins.config.get('@csl').templates.get(style);
  const variant = citationsOnly && !citesInReferenceListOrder(styleXml) ? 'citations' : 'whole';
  const key = `${style}\u0000${locale}\u0000${variant}`;
  let held = engines.get(key);
  if (!held || held.styleXml !== styleXml || held.localeXml !== registeredLocale(locale)) {
    held = buildEngine(style, locale, variant === 'citations');
    engines.set(key, held);
  }
  return held;
}

/** Empties the engine's registry and gives it `items` to retrieve (none registered yet). */
function holdItems(held: HeldEngine, items: readonly CslJsonItem[]): void {
  held.engine.updateItems([]);
  held.items.clear();
  // citeproc wraps a work's part of a citation (`wrapCitationEntry`) only for an item that says its id so.
  for (const item of items) held.items.set(item.id, { ...item, system_id: item.id });
}

/** A reference list longer than this is made in slices of about this many works (`slicedBibliography`). */
export const BIBLIOGRAPHY_SLICE = 2000;

type Bibliography = ReturnType<CiteprocEngine['makeBibliography']>;

/**
 * The reference list of `items` in the style's order, as one engine holding them all would make it.
 * `whenSorted` (`CiteStyle.bibliography`): called once, when a list made in slices is in order and
 * the whole engine let go of, else before the list is made.
 */
function makeBibliography(items: readonly CslJsonItem[], style: string, locale: string, whenSorted?: () => void): Bibliography {
  let told = false;
  const tell = () => {
    if (!told) whenSorted?.();
    told = true;
  };
  if (items.length > BIBLIOGRAPHY_SLICE && !heldEngine(style, locale).citesInBibliographyOrder) {
    // Only the works' order is kept from the whole engine, which this frame does not hold: once
    // `slicesEngine` lets go of it, nothing does.
    const sorted = sortedWorks(style, locale, items);
    const engine = sorted && (whenSorted ? slicesEngine(style, locale, items, tell) : heldEngine(style, locale).engine);
    const sliced = sorted && engine && slicedBibliography(engine, sorted);
    if (sliced !== undefined) return sliced;
  }
  tell();
  return createEngine(items, style, locale, false).makeBibliography();
}

/**
 * The engine a sorted list's slices are rendered with, for a caller done with the whole engine:
 * the one for citations, built without the reference list's sort (`buildEngine`), since the slices
 * are rendered with the sort set aside anyway. The whole engine (Chicago's ~140 MB, ~120 MB of it
 * the sort's compiled keys) is let go of first, and `sorted` told, so that what runs beside the
 * slices (the chapters' citations in worker threads) does not run beside it.
 */
function slicesEngine(style: string, locale: string, items: readonly CslJsonItem[], sorted: () => void): CiteprocEngine {
  // In a function of its own: a variable of this frame holding the engine would keep it alive.
  dropEngine(`${style}\u0000${locale}\u0000whole`);
  sorted();
  const light = heldEngine(style, locale, true);
  holdItems(light, items);
  return light.engine;
}

/** Lets go of an engine held (`engines`), emptied first. */
function dropEngine(key: string): void {
  const held = engines.get(key);
  if (!held) return;
  held.engine.updateItems([]);
  held.items.clear();
  engines.delete(key);
}

/**
 * A long reference list made in slices, so that citeproc never holds more than a slice: one engine
 * holding 82,000 works took ~400 MB and sorted them by inserting each into an array (quadratic).
 * Each work's sort keys are worked out as citeproc would (`CSL.getSortKeys`), the works sorted
 * with citeproc's own comparison (ties by their order as given), and the sorted list rendered a
 * slice at a time with the sort set aside, so each slice keeps that order. Each slice is rendered
 * after the last work of the one before, whose entry is left out again: the first entry of a
 * slice then knows the authors before it, for "———" (`subsequent-author-substitute`). Not for
 * styles whose citations follow the list's order (numbers, year suffixes), which need the whole
 * list in one engine. The slices are rendered with `slicesEngine`'s engine, asked for once the
 * works are in order. Undefined when this citeproc does not have what slicing needs, or does not
 * say which work each entry is: the caller then makes the list whole.
 */
function slicedBibliography(engine: CiteprocEngine, sorted: readonly SortKeyed[]): Bibliography | undefined {
  let made: Exclude<Bibliography, false> | undefined;
  try {
    for (let start = 0; start < sorted.length; start += BIBLIOGRAPHY_SLICE) {
      const before = sorted[start - 1]?.id;
      const ids = sorted.slice(start, start + BIBLIOGRAPHY_SLICE).map((work) => work.id);
      engine.updateItems([]);
      withoutBibliographySort(engine, () => engine.updateItems(before === undefined ? ids : [before, ...ids]));
      const slice = engine.makeBibliography();
      if (!slice) return slice;
      const [meta, entries] = slice;
      const keys = meta.printed_keys;
      if (!keys) return undefined;
      // The work before the slice, if it printed an entry, printed the first.
      const primed = before !== undefined && keys[0] === before ? 1 : 0;
      const own: Exclude<Bibliography, false> = [
        { ...meta, printed_keys: keys.slice(primed), entry_ids: meta.entry_ids.slice(before === undefined ? 0 : 1) },
        entries.slice(primed),
      ];
      made = made ? joinBibliographies(made, own) : own;
    }
  } finally {
    engine.updateItems([]);
  }
  return made;
}

/** How many of the reference list's sort keys are worked out for every work (`sortedWorks`). */
const LEADING_SORT_KEYS = 2;

/**
 * The works in the reference list's order, as citeproc sorts them: by their sort keys
 * (`CSL.getSortKeys`), compared by citeproc's own comparison, ties by their order as given.
 * Working out a work's keys renders most of its entry (Chicago's title and source are keys 2 and
 * 3 of 8: 5 s of CPU for 4,500 works), so the first two keys are worked out for every work, with
 * the style's compiled sort cut after them (`leadingKeyTokens`), and all of them only for the runs
 * of works those do not tell apart. Sorting by the first keys, then each such run by all its keys,
 * is the order sorting by all keys gives, since keys compare one after the other. Worked out with
 * the style's whole engine, left holding `items`. Undefined when this citeproc does not have what
 * that needs.
 */
function sortedWorks(style: string, locale: string, items: readonly CslJsonItem[]): SortKeyed[] | undefined {
  const held = heldEngine(style, locale);
  holdItems(held, items);
  const engine = held.engine as CiteprocEngine & EngineInternals;
  const CSL = require('citeproc') as CiteprocModule;
  const compare = engine.registry?.sorter?.compareKeys;
  const getSortKeys = CSL.getSortKeys;
  const sort = engine.bibliography_sort;
  const tokens = sort?.tokens;
  if (!compare || !getSortKeys || typeof engine.retrieveItem !== 'function' || !sort || !Array.isArray(tokens)) return undefined;
  const retrieve = engine.retrieveItem.bind(engine);
  const keysOf = (id: string) => [...getSortKeys.call(engine, retrieve(id), 'bibliography_sort')];
  const leading = leadingKeyTokens(tokens, LEADING_SORT_KEYS);
  const last = items.at(-1);
  if (!leading || !last) return items.map((item, seq) => ({ id: item.id, seq, sortkeys: keysOf(item.id) })).sort((one, other) => compare(one, other));
  sort.tokens = leading;
  let works: (SortKeyed & { leading: SortKeyed })[];
  try {
    works = items.map((item, seq) => ({ id: item.id, seq, sortkeys: [], leading: { id: item.id, seq: 0, sortkeys: keysOf(item.id) } }));
  } finally {
    sort.tokens = tokens;
  }
  // Compared as the whole sort compares: citeproc lowercases keys in the languages of the work whose keys it worked out last, the list's last.
  works.sort((one, other) => compare(one.leading, other.leading));
  const runs = equalRuns(works, (one, other) => compare(one.leading, other.leading) === 0);
  for (const run of runs) if (run.length > 1) for (const work of run) work.sortkeys = keysOf(work.id);
  keysOf(last.id);
  return runs.flatMap((run) => (run.length > 1 ? run.sort((one, other) => compare(one, other)) : run)).map(({ id, seq, sortkeys }) => ({ id, seq, sortkeys }));
}

/** A sorted list cut into runs of neighbours equal to the run's first. */
function equalRuns<T>(sorted: readonly T[], equal: (one: T, other: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const item of sorted) {
    const run = runs.at(-1);
    if (run?.[0] !== undefined && equal(run[0], item)) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * citeproc's compiled reference-list sort cut after its first `count` keys: the tokens up to the
 * end of the last of them, undefined when the sort has no more keys than that, or when a token
 * before the cut may jump past it (then the cut would not render those keys as the whole sort does).
 */
function leadingKeyTokens(tokens: readonly StyleToken[], count: number): StyleToken[] | undefined {
  let ends = 0;
  const cut = tokens.findIndex((token) => token.name === 'key' && token.tokentype === 1 && ++ends === count);
  if (cut < 0 || !tokens.slice(cut + 1).some((token) => token.name === 'key')) return undefined;
  const leading = tokens.slice(0, cut + 1);
  const within = (target: unknown) => target === undefined || target === false || (typeof target === 'number' && target <= leading.length);
  return leading.every((token) => within(token.next) && within(token.succeed) && within(token.fail)) ? leading : undefined;
}

/** Two slices of one reference list, one after the other. */
function joinBibliographies(first: Exclude<Bibliography, false>, second: Exclude<Bibliography, false>): Exclude<Bibliography, false> {
  const [meta, entries] = first;
  const [next, more] = second;
  const { printed_keys: printed, ...rest } = meta;
  const keys = printed && next.printed_keys ? { printed_keys: [...printed, ...next.printed_keys] } : {};
  const offsets = {
    ...('maxoffset' in meta ? { maxoffset: Math.max(Number(meta.maxoffset) || 0, Number((next as { maxoffset?: unknown }).maxoffset) || 0) } : {}),
  };
  return [{ ...rest, ...keys, ...offsets, entry_ids: [...meta.entry_ids, ...next.entry_ids] }, [...entries, ...more]];
}

/**
 * `update` with the style's bibliography sort set aside: citeproc works out every item's sort
 * keys for the reference list whenever its items are set (a fifth of a chapter's citation time at
 * 500 chapters), though a chapter's citations do not use them unless they are numbered or get
 * year suffixes (`citesInBibliographyOrder`, where this is not used). The next reset
 * (`updateItems([])` first) drops the items, and their sort keys with them. A citeproc that keeps
 * its sort elsewhere is left as it is.
 */
function withoutBibliographySort(engine: CiteprocEngine, update: () => void): void {
  const sort = (engine as unknown as { bibliography_sort?: { tokens?: unknown } }).bibliography_sort;
  const tokens = sort?.tokens;
  if (!sort || !Array.isArray(tokens)) {
    update();
    return;
  }
  sort.tokens = [];
  try {
    update();
  } finally {
    sort.tokens = tokens;
  }
}

/** A field left out of an entry because its value could not be read. */
export interface UnreadField {
  field: string;
  reason: string;
  /** Where in the value, as written between its braces or quotes, the parser stopped (0-based), when it says. */
  offset: number | undefined;
}

/** One BibTeX or biblatex entry as read. */
export interface BibtexEntry {
  /** Its key (`@book{key, …}`). */
  key: string;
  /** Its CSL-JSON item; undefined when it could not be read at all (`problem` says why). */
  item: CslJsonItem | undefined;
  problem?: string;
  /** Fields whose values could not be read: the entry is read without them. */
  unreadFields: UnreadField[];
  /** LaTeX commands citation-js left as written in the item's fields. */
  latex: { field: string; command: string }[];
  /** A language named in a way no BCP 47 tag is known for (`langid = {anglais}`): the item is read without one. */
  unknownLanguage?: { field: string; value: string; several?: boolean };
}

/**
 * Reads BibTeX or biblatex text entry by entry, in the file's order (throws only when the file
 * itself cannot be read: then the message says `at line L col C` of the file). Each entry's values
 * are read on their own, so a value citation-js cannot read (`\enquote*{…}` in an annotation no
 * style prints) costs that field, said so, not the entry, and a bad entry not the file.
 */
export function parseBibtexText(text: string): BibtexEntry[] {
  const Cite = citationJs();
  const entries = Cite.plugins.input.data(text, '@biblatex/text') as RawBibtexEntry[];
  return entries.map((entry) => readBibtexEntry(Cite, entry));
}

function readBibtexEntry(Cite: CiteConstructor, raw: RawBibtexEntry): BibtexEntry {
  const properties = Object.fromEntries(Object.entries(raw.properties).map(([field, value]) => [field, unstarred(value)]));
  const unreadFields: UnreadField[] = [];
  for (;;) {
    try {
      const [item] = Cite.plugins.input.chain({ ...raw, properties }, { forceType: '@biblatex/entry+object', generateGraph: false });
      if (!item) return { key: raw.label, item: undefined, problem: 'citation-js made nothing of it', unreadFields, latex: [] };
      const { item: withTag, unknown } = withLanguageTag(withListsJoined(item), properties);
      return { key: raw.label, item: withTag, unreadFields, latex: latexLeftIn(withTag), ...(unknown ? { unknownLanguage: unknown } : {}) };
    } catch (error) {
      const unread = unreadField(Cite, raw, properties);
      if (!unread) return { key: raw.label, item: undefined, problem: errorText(error), unreadFields, latex: [] };
      unreadFields.push(unread);
      delete properties[unread.field];
    }
  }
}

/** `\enquote*{…}` → `\enquote{…}`: biblatex's starred variants, which the plugin does not parse (it wants a brace after the name). */
function unstarred(value: string | number): string | number {
  return typeof value === 'string' ? value.replace(/(\\[A-Za-z]+)\*/g, '$1') : value;
}

/** The first field whose value cannot be read on its own, with where it stopped. */
function unreadField(Cite: CiteConstructor, raw: RawBibtexEntry, properties: Record<string, string | number>): UnreadField | undefined {
  for (const [field, value] of Object.entries(properties)) {
    try {
      Cite.plugins.input.chain({ ...raw, properties: { [field]: value } }, { forceType: '@biblatex/entry+object', generateGraph: false });
    } catch (error) {
      return { field, reason: errorText(error), offset: valueOffset(String(value), (error as Error).message) };
    }
  }
  return undefined;
}

/** The error's first line, without the parser's own `at line L col C:`. */
function errorText(error: unknown): string {
  return ((error as Error).message.split('\n')[0] ?? '').replace(/\s*at line \d+ col \d+:?$/, '');
}

/**
 * Where in a value the plugin's value parser stopped: it says `at line L col C` counted from line
 * 0, column 0 of the value (moo, reset at 0:0), and from column 1 on later lines.
 */
function valueOffset(value: string, message: string): number | undefined {
  const match = /at line (\d+) col (\d+)/.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const column = Number(match[2]);
  let start = 0;
  for (let seen = 0; seen < line; seen++) {
    const next = value.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  return Math.min(value.length, start + (line === 0 ? column : column - 1));
}

/**
 * biblatex's list fields (location, publisher, institution, organization, language) as CSL
 * strings: the plugin gives a list for `location = {Durham and London}`, which CSL-JSON does not
 * allow. Joined with "; ", as Pandoc's biblatex reader joins them for CSL: biblatex prints them
 * with the language's "and", which only the style's locale knows, and a place may hold a comma
 * itself (`Westport, Conn.`).
 */
function withListsJoined(item: CslJsonItem): CslJsonItem {
  const joined: Record<string, unknown> = { ...item };
  for (const [field, value] of Object.entries(item)) {
    if (isTextVariable(field) && Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number')) {
      joined[field] = value.join('; ');
    }
  }
  return joined as CslJsonItem;
}

/**
 * The item's CSL `language` as a BCP 47 tag, from biblatex's `langid` (with `langidopts`), else
 * its older `hyphenation`, as Pandoc reads them, else the `language` field when it names one
 * language (`English`, or the localisation key `langlatin`): citation-js keeps any of them as
 * written (`ngerman`), which citeproc takes for a language other than English (no title case).
 * A name no tag is known for leaves the item without a language, and is said (`unknown`).
 */
function withLanguageTag(
  item: CslJsonItem,
  properties: Record<string, string | number>,
): { item: CslJsonItem; unknown?: { field: string; value: string; several?: boolean } } {
  const fields = ['langid', 'hyphenation', 'language'].filter((name) => typeof properties[name] === 'string' && String(properties[name]).trim() !== '');
  if (fields.length === 0) return { item };
  const { language: _asWritten, ...rest } = item;
  // The first field that names one language wins (an unknown langid leaves `language = {English}` to be read).
  for (const field of fields) {
    const tag = languageTagOf(field, properties);
    if (tag) return { item: { ...rest, language: tag } as CslJsonItem };
  }
  const field = fields[0] as string;
  const value = String(properties[field]).trim();
  return { item: rest as CslJsonItem, unknown: { field, value, ...(field === 'language' && languageTags(value).every(Boolean) ? { several: true } : {}) } };
}

function languageTagOf(field: string, properties: Record<string, string | number>): string | undefined {
  const value = String(properties[field]).trim();
  if (field === 'language') return onlyLanguage(languageTags(value));
  return biblatexLanguageTag(value, field === 'langid' ? String(properties.langidopts ?? '') : '');
}

/** biblatex's `language` is a list: `english and german`, `langlatin`. */
const languageTags = (value: string) => value.split(/\s+and\s+/).map((part) => biblatexLanguageTag(part) ?? biblatexLanguageTag(part.replace(/^lang/, '')));

/** The one language a list names (`langlatin and langgerman` names two: none). */
function onlyLanguage(tags: (string | undefined)[]): string | undefined {
  const distinct = new Set(tags);
  const [tag] = distinct;
  return distinct.size === 1 ? tag : undefined;
}

/** The LaTeX commands left in an item's text and names, by field (`\arabic`, in an annotation). */
function latexLeftIn(item: CslJsonItem): { field: string; command: string }[] {
  const found: { field: string; command: string }[] = [];
  const note = (field: string, text: unknown) => {
    if (typeof text !== 'string') return;
    for (const match of text.matchAll(/\\(?:[A-Za-z]+|[^\sA-Za-z])/g)) {
      if (!found.some((entry) => entry.field === field && entry.command === match[0])) found.push({ field, command: match[0] });
    }
  };
  for (const [field, value] of Object.entries(item)) {
    if (Array.isArray(value)) for (const name of value) if (name && typeof name === 'object') for (const part of Object.values(name)) note(field, part);
    note(field, value);
  }
  return found;
}

/** Parses RIS text into CSL-JSON through citation-js's plugin (an entry without an `ID  -` line gets a `temp_id_…` key). */
export function parseRisText(text: string): CslJsonItem[] {
  return citationJs().plugins.input.chain(text, { forceType: '@ris/file', generateGraph: false });
}

/** Parses BibTeX (`@article{…}`) or RIS text into CSL-JSON: every entry, or the first problem thrown. */
export function parseBibliographyText(text: string): CslJsonItem[] {
  if (/^\s*TY {2}-/m.test(text)) return parseRisText(text);
  return parseBibtexText(text).map((entry) => {
    if (!entry.item) throw new Error(`${entry.key}: ${entry.problem ?? 'cannot be read'}`);
    return entry.item;
  });
}

/**
 * Exports CSL-JSON items as BibTeX, RIS or CSL-JSON text. Only CSL: no key of citation-js's own
 * (`_graph` held the whole list in every item, megabytes for a book's), sorted by key, so the same
 * bibliography always writes the same bytes. BibTeX keeps each item's key (`citation-key`): without
 * it citation-js makes one up from the author, year and title.
 */
export function exportBibliography(items: readonly CslJsonItem[], format: 'bibtex' | 'ris' | 'csl-json'): string {
  const clean = [...items].map(withoutInternalKeys).sort((one, other) => (one.id < other.id ? -1 : one.id > other.id ? 1 : 0));
  if (format === 'csl-json') return `${JSON.stringify(clean, null, 2)}\n`;
  const Cite = citationJs();
  if (format === 'ris') return new Cite(clean, { generateGraph: false }).format('ris', { format: 'text' });
  const keyed = clean.map((item) => (canBeBibtexKey(item.id) ? { ...item, 'citation-key': item.id } : item));
  // The plugin's own check renames any key with a character outside [A-Za-z0-9_] (`knuth:ct:a`,
  // `baez/article`), which BibTeX and biber take: keys that could not be one are left without
  // `citation-key` instead, so only they get the plugin's made-up label.
  const settings = (Cite.plugins.config.get('@bibtex') as BibtexConfig & { format?: { checkLabel?: boolean } }).format;
  const checkLabel = settings?.checkLabel;
  if (settings) settings.checkLabel = false;
  try {
    return new Cite(keyed, { generateGraph: false }).format('bibtex', { format: 'text' });
  } finally {
    if (settings && checkLabel !== undefined) settings.checkLabel = checkLabel;
    else if (settings) delete settings.checkLabel;
  }
}

/** Whether BibTeX can read a key as written: no space, comma, brace, quote, parenthesis, `#`, `%`, `=`, `\\` or `~`. */
function canBeBibtexKey(key: string): boolean {
  return key !== '' && !/[\s,{}()"#%'=\\~]/.test(key);
}

/** The item without the keys citation-js keeps for itself (`_graph`, `_id`…), which are not CSL. */
function withoutInternalKeys(item: CslJsonItem): CslJsonItem {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith('_'))) as CslJsonItem;
}
