import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { hyphenationPatternSet } from '../render/pdf/hyphenation.ts';
import type { HyphenationData } from '../render/pdf/page-script/types.ts';

const require = createRequire(import.meta.url);
const entryPoint = fileURLToPath(new URL('../render/pdf/page-script/index.ts', import.meta.url));
/** Paged.js as pagedjs-cli 0.4.3 bundles it for the browser (its package exports hide the path). */
const pagedjsBrowserScript = path.join(path.dirname(require.resolve('pagedjs-cli')), '../dist/browser.js');
const hyphenPatterns = path.join(path.dirname(require.resolve('hyphen/hyphen.js')), 'patterns');

let bundled: Promise<string> | undefined;

/**
 * The page script (`render/pdf/page-script/`), bundled from its TypeScript sources by esbuild once
 * per process: the same sources give the same bytes, and a fresh clone needs no build step.
 */
export function pageScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    charset: 'utf8',
    legalComments: 'inline',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bundled;
}

/** Paged.js for the tab, loaded after the page script (which sets `PagedConfig` first). */
export function pagedjsScript(): Promise<string> {
  return readFile(pagedjsBrowserScript, 'utf8');
}

/**
 * The `hyphen` package's patterns for each language (the book's first), and the languages it has
 * none for. Each pattern set is loaded once, however many tags use it.
 */
export async function hyphenationFor(languages: readonly string[]): Promise<{ data: HyphenationData; missing: string[] }> {
  const available = new Set((await readdir(hyphenPatterns)).filter((name) => name.endsWith('.js')).map((name) => name.slice(0, -3)));
  const data: HyphenationData = { languages: {}, patterns: {} };
  const missing: string[] = [];
  for (const language of new Set(languages)) {
    const set = hyphenationPatternSet(language, available);
    if (set === undefined) {
      missing.push(language);
      continue;
    }
    data.languages[language.toLowerCase()] = set;
    data.patterns[set] ??= require(path.join(hyphenPatterns, `${set}.js`)) as unknown;
  }
  return { data, missing };
}
