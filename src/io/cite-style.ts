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

/**
 * Reads the book's CSL style (unless the caller has read and checked it already) and the locale
 * for its language (from styles/csl/locales-<lang>.xml, else citation-js's bundled en-US) and
 * registers them for rendering.
 */
export async function loadCiteStyle(projectDir: string, config: BookConfig, checkedStyle?: string): Promise<CiteStyle> {
  const styleXml = checkedStyle ?? (await readFile(path.join(projectDir, config.style), 'utf8'));
  const name = `anthology:${config.style}`;
  const localeFile = path.join(projectDir, path.dirname(config.style), `locales-${config.language}.xml`);
  const localeXml = await readFile(localeFile, 'utf8').catch(() => undefined);
  const locale = localeXml ? { name: config.language, xml: localeXml } : undefined;
  // Registered (citation-js loaded, the engine built) only when a citation is not in the cache.
  let registered: Pick<CiteStyle, 'engine' | 'citationEngine' | 'bibliography' | 'release'> | undefined;
  const register = () => {
    registered ??= registerStyle(name, styleXml, locale);
    return registered;
  };
  return {
    // Without a locale file citation-js's bundled en-US is used: the tool's fingerprint covers it.
    fingerprint: contentKey('csl', styleXml, locale?.name ?? null, locale?.xml ?? null),
    engine: (items) => register().engine(items),
    citationEngine: (items) => register().citationEngine(items),
    bibliography: (items) => register().bibliography(items),
    renderJobs: (jobs, threads) => renderJobsInWorkers({ name, styleXml, locale }, jobs, threads),
    bibliographyAhead: () => bibliographyInWorker({ name, styleXml, locale }),
    release: () => registered?.release(),
  };
}

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
