import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
/** Paged.js as pagedjs-cli 0.4.3 bundles it for the browser (its package exports hide the path). */
const pagedjsBrowserScript = path.join(path.dirname(require.resolve('pagedjs-cli')), '../dist/browser.js');
const hyphenPatterns = path.join(path.dirname(require.resolve('hyphen/hyphen.js')), 'patterns');

const bundled = new Map<string, Promise<string>>();

/**
 * The page script (`render/pdf/page-script/`, whose entry the caller names), bundled from its
 * TypeScript sources by esbuild once per process: the same sources give the same bytes, and a
 * fresh clone needs no build step.
 */
export function pageScript(entryPoint: string): Promise<string> {
  let script = bundled.get(entryPoint);
  if (!script) {
    script = build({
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
    bundled.set(entryPoint, script);
  }
  return script;
}

/** Paged.js for the tab, loaded after the page script (which sets `PagedConfig` first). */
export function pagedjsScript(): Promise<string> {
  return readFile(pagedjsBrowserScript, 'utf8');
}

/**
 * Paged.js's polyfill (the `pagedjs` package, pinned with pagedjs-cli): it paginates the page it is
 * loaded in on its own, as `anthology preview` shows the print document in a browser.
 */
export function pagedjsPolyfill(): Promise<string> {
  return readFile(path.join(path.dirname(require.resolve('pagedjs')), '../dist/paged.polyfill.js'), 'utf8');
}

/** The `hyphen` package's pattern sets (`en-gb`, `de-1996`…) and a loader for each; `render/pdf/hyphenation.ts` chooses. */
export async function hyphenPatternSets(): Promise<{ names: ReadonlySet<string>; load(name: string): unknown }> {
  const names = new Set((await readdir(hyphenPatterns)).filter((name) => name.endsWith('.js')).map((name) => name.slice(0, -3)));
  return { names, load: (name) => require(path.join(hyphenPatterns, `${name}.js`)) as unknown };
}
