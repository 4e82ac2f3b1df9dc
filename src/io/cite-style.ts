import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { registerStyle } from '../adapters/citation-js.ts';
import { bibliographyInWorker, renderJobsInWorkers } from '../adapters/citeproc-workers.ts';
import type { CiteStyle } from '../core/citations.ts';
import type { BookConfig } from '../core/config.ts';
import { contentKey } from '../core/memo.ts';
import { placeOfText } from '../core/place.ts';
import type { Place } from '../core/rules.ts';

const cslNamespace = 'http://purl.org/net/xbiblio/csl';

/** A CSL locale file's text, with the name citeproc knows it by (`de-DE`). */
export interface CslLocale {
  name: string;
  xml: string;
}

/**
 * Reads the book's CSL style and the locale for its language (beside the style,
 * `localeCandidates`; else citation-js's bundled en-US), unless the caller has read them already
 * (`loadBook`: `checkedStyle`, and `checkedLocale`, null when there is none), and registers them
 * for rendering.
 */
export async function loadCiteStyle(projectDir: string, config: BookConfig, checkedStyle?: string, checkedLocale?: CslLocale | null): Promise<CiteStyle> {
  const styleXml = checkedStyle ?? (await readFile(path.join(projectDir, config.style), 'utf8'));
  const name = `anthology:${config.style}`;
  const locale = checkedLocale === undefined ? await readLocale(projectDir, config) : (checkedLocale ?? undefined);
  // Registered (citation-js loaded, the engine built) only when a citation is not in the cache.
  let registered: Pick<CiteStyle, 'engine' | 'citationEngine' | 'bibliography' | 'release'> | undefined;
  const register = () => {
    registered ??= registerStyle(name, styleXml, locale);
    return registered;
  };
  return {
    // Without a locale file citation-js's bundled en-US is used: the tool's fingerprint covers it.
    fingerprint: contentKey('csl', styleXml, locale?.name ?? null, locale?.xml ?? null),
    isNoteStyle: /<style\b[^>]*\sclass\s*=\s*["']note["']/.test(styleXml),
    engine: (items) => register().engine(items),
    citationEngine: (items) => register().citationEngine(items),
    bibliography: (items, whenSorted) => register().bibliography(items, whenSorted),
    renderJobs: (jobs, threads) => renderJobsInWorkers({ name, styleXml, locale }, jobs, threads),
    bibliographyAhead: () => bibliographyInWorker({ name, styleXml, locale }),
    release: () => registered?.release(),
  };
}

/**
 * The CSL locale files that serve a language, best first: its own (`locales-de-CH.xml`), then its
 * language's primary dialect as the CSL locales repository names it (`de` → `de-DE`).
 */
export function localeCandidates(language: string): string[] {
  const primary = language.split('-')[0]?.toLowerCase() ?? '';
  const dialect = primaryDialects[primary];
  return [...new Set([language, ...(dialect ? [dialect] : [])])].map((name) => `locales-${name}.xml`);
}

/** The locale the book's citations are rendered in, from beside its style; undefined: citation-js's bundled en-US. */
export async function readLocale(projectDir: string, config: Pick<BookConfig, 'style' | 'language'>): Promise<CslLocale | undefined> {
  for (const fileName of localeCandidates(config.language)) {
    const xml = await readFile(path.join(projectDir, path.dirname(config.style), fileName), 'utf8').catch(() => undefined);
    if (xml !== undefined) return { name: fileName.replace(/^locales-|\.xml$/g, ''), xml };
  }
  return undefined;
}

/** From citation-style-language/locales' `locales.json` (commit 938c09c). */
const primaryDialects: Record<string, string> = {
  af: 'af-ZA',
  ar: 'ar',
  bal: 'bal-PK',
  bg: 'bg-BG',
  brh: 'brh-PK',
  ca: 'ca-AD',
  cs: 'cs-CZ',
  cy: 'cy-GB',
  da: 'da-DK',
  de: 'de-DE',
  el: 'el-GR',
  en: 'en-US',
  es: 'es-ES',
  et: 'et-EE',
  eu: 'eu',
  fa: 'fa-IR',
  fi: 'fi-FI',
  fr: 'fr-FR',
  gl: 'gl-ES',
  he: 'he-IL',
  hi: 'hi-IN',
  hr: 'hr-HR',
  hu: 'hu-HU',
  hy: 'hy-AM',
  id: 'id-ID',
  is: 'is-IS',
  it: 'it-IT',
  ja: 'ja-JP',
  km: 'km-KH',
  ko: 'ko-KR',
  la: 'la',
  lij: 'lij-IT',
  lt: 'lt-LT',
  lv: 'lv-LV',
  mn: 'mn-MN',
  ms: 'ms-MY',
  nb: 'nb-NO',
  nl: 'nl-NL',
  nn: 'nn-NO',
  pa: 'pa-PK',
  pl: 'pl-PL',
  pt: 'pt-PT',
  ro: 'ro-RO',
  ru: 'ru-RU',
  sk: 'sk-SK',
  sl: 'sl-SI',
  sr: 'sr-Latn-RS',
  sv: 'sv-SE',
  th: 'th-TH',
  tr: 'tr-TR',
  uk: 'uk-UA',
  vi: 'vi-VN',
  zh: 'zh-CN',
};

/**
 * Why a file is not a CSL style citeproc can run, with the place: XML that is not well-formed, a
 * root other than `<style>` in the CSL namespace, or no `<citation>` (citeproc would crash on it).
 */
export function cslStyleProblem(xml: string): { reason: string; place: Place } | undefined {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { reason: `not a CSL style: the XML is not well-formed (${valid.err.msg})`, place: { line: valid.err.line, column: valid.err.col } };
  }
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as Record<string, unknown>;
  const style = parsed.style as Record<string, unknown> | undefined;
  const root = Object.keys(parsed).find((key) => !key.startsWith('?') && !key.startsWith('#')) ?? 'nothing';
  const rootPlace = placeOfText(xml, `<${root}`) ?? { line: 1, column: 1 };
  if (!style || typeof style !== 'object') return { reason: `not a CSL style: its root element is <${root}>, not <style>`, place: rootPlace };
  if (style['@xmlns'] !== cslNamespace) return { reason: `not a CSL style: <style> is not in the CSL namespace (${cslNamespace})`, place: rootPlace };
  if (!('citation' in style)) return { reason: 'not a CSL style: it has no <citation> element', place: rootPlace };
  return undefined;
}
