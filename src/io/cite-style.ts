import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { registerStyle } from '../adapters/citation-js.ts';
import type { CiteStyle } from '../cite/render.ts';
import type { BookConfig } from '../config/schema.ts';

/**
 * Reads the book's CSL style and the locale for its language (from styles/csl/locales-<lang>.xml,
 * else citation-js's bundled en-US) and registers them for rendering.
 */
export async function loadCiteStyle(projectDir: string, config: BookConfig): Promise<CiteStyle> {
  const styleXml = await readFile(path.join(projectDir, config.style), 'utf8');
  const name = `anthology:${config.style}`;
  const localeFile = path.join(projectDir, path.dirname(config.style), `locales-${config.language}.xml`);
  const localeXml = await readFile(localeFile, 'utf8').catch(() => undefined);
  registerStyle(name, styleXml, localeXml ? { name: config.language, xml: localeXml } : undefined);
  return { name, locale: localeXml ? config.language : 'en-US' };
}
