#!/usr/bin/env node
// Compiles the CLI (src/cli/main.ts and everything it imports) into dist/ with esbuild, so that
// bin/anthology.js starts plain JavaScript instead of compiling TypeScript through tsx on every
// run. Each command's module is its own chunk (main.ts imports them on demand), so `--version`
// loads little more than commander. npm packages are bundled too: node spent more of a short run
// resolving and reading the ~900 files of node_modules a build loads than working (a build that
// stops at a bad anthology.yaml: 0.55 s with them external, 0.25 s bundled; a rebuild after one
// chapter changed: 1.1 → 0.75 s). Those that find files beside themselves, run a native binary or
// drive Chromium stay external (`external` below), resolved from node_modules at run time.
//
// dist/manifest.json lists every source the bundle was built from, and every file of src/ (whose
// hash is compiled in as the build cache's fingerprint), with its size and mtime; bin/anthology.js
// runs the bundle only while all of them are unchanged, else the sources through tsx. Plain JavaScript (no tsx): it runs from `npm ci` (prepare), scripts/setup.sh and by hand.
//
//   node scripts/build-cli.mjs [--if-stale]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const manifestFile = path.join(dist, 'manifest.json');

/** Whether dist/ was built from the sources as they are now (bin/anthology.js asks before running it). */
export function isCurrent() {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    // Joined as strings (the manifest's paths are relative, with forward slashes): path.join's
    // normalising of ~450 paths was half of this check's CPU, on every start.
    const prefix = `${root}/`;
    return manifest.inputs.every(([file, size, mtimeMs]) => {
      const stat = statSync(prefix + file);
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}

/**
 * esbuild puts every chunk in one folder, so `import.meta.url` would name that folder instead of
 * the source file that resolves paths against it (package.json, styles/, the HTML client, the page
 * script): each source gets the URL of where it is in src/, relative to `outdir` so the checkout
 * can move. (bench/pdf.ts compiles its printer with it too.)
 */
export function sourceUrls(outdir) {
  return {
    name: 'source-urls',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/**
 * Packages left out of the bundle: sharp loads a native add-on, esbuild and pagefind run their
 * platform's binary, pagedjs-cli brings puppeteer and reads Paged.js's browser scripts beside
 * itself.
 */
const external = ['sharp', 'esbuild', 'pagefind', 'pagedjs-cli', 'puppeteer', 'puppeteer-core'];

/**
 * micromark-extension-math's index brings its HTML renderer, which imports KaTeX (~27 ms to load
 * at every start); the CLI uses its syntax only (load/math-syntax.ts), and typesets with Temml.
 */
const withoutKatex = {
  name: 'without-katex',
  setup(build) {
    build.onResolve({ filter: /^katex$/ }, (args) => (args.importer.includes('micromark-extension-math') ? { path: 'katex', namespace: 'unused' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

/**
 * What the manifest lists for one input: a source itself; for a file of an npm package, the
 * package's package.json, which npm writes anew whenever it installs the package (checking 100
 * packages is cheaper than the 1,300 files of theirs a bundle holds, on every start).
 */
function packageFileOf(file) {
  const packageRoot = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return packageRoot ? `${packageRoot[1]}/package.json` : file;
}

/**
 * The tool's own files, which the build cache's fingerprint hashes (src/io/cache.ts): package.json,
 * package-lock.json and every file under src/, bundled or not (the Pagefind worker, the site's
 * client scripts and the PDF's page script are read from src/ at run time).
 */
function toolFiles() {
  const files = ['package.json', 'package-lock.json'].filter((name) => existsSync(path.join(root, name)));
  if (existsSync(path.join(root, 'src'))) {
    for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(path.relative(root, path.join(entry.parentPath, entry.name)));
    }
  }
  return files.sort();
}

/**
 * Their hash, worked out as src/io/cache.ts's `toolFilesHash` does (a unit test holds the two
 * equal), compiled into the CLI: the cache's fingerprint without reading them all again on every
 * run. The manifest lists them all, so the CLI runs only while they are as hashed.
 */
export function toolFilesHash(files = toolFiles()) {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileSync(path.join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  // Built beside dist/ and swapped in, so a CLI starting meanwhile never sees half a bundle.
  const staging = path.join(root, `.dist-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const startedAt = Date.now();
  try {
    const files = toolFiles();
    const toolHash = toolFilesHash(files);
    const result = await esbuild({
      absWorkingDir: root,
      // citeproc's worker threads run a module of their own (adapters/citeproc-workers.ts).
      entryPoints: { main: 'src/cli/main.ts', 'citeproc-worker': 'src/adapters/citeproc-worker.ts' },
      define: { __ANTHOLOGY_COMPILED__: 'true', __ANTHOLOGY_TOOL_HASH__: JSON.stringify(toolHash) },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external,
      chunkNames: 'chunk-[hash]',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'warning',
      plugins: [sourceUrls(dist), withoutKatex],
      // CommonJS packages in an ESM bundle call require() for node's own modules (and for optional
      // ones, such as linkedom's canvas, in a try).
      banner: { js: "import { createRequire as __anthologyRequire } from 'node:module'; const require = __anthologyRequire(import.meta.url);" },
    });
    const inputs = [
      ...new Set([
        ...Object.keys(result.metafile.inputs)
          .filter((file) => !file.startsWith('unused:'))
          .map(packageFileOf),
        ...files.map((file) => file.split(path.sep).join('/')),
      ]),
    ]
      .sort()
      .map((file) => {
        const stat = statSync(path.join(root, file));
        return [file, stat.size, stat.mtimeMs];
      });
    // Written last: a bundle without its manifest is never run, nor one whose sources changed while it was built (or hashed).
    if (inputs.some(([, , mtimeMs]) => mtimeMs >= startedAt)) throw new Error('a source changed while the CLI was compiled: run again');
    writeFileSync(path.join(staging, 'manifest.json'), `{"inputs": [\n${inputs.map((input) => `  ${JSON.stringify(input)}`).join(',\n')}\n]}\n`);
    const old = path.join(root, `.dist-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(staging, dist);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv.includes('--if-stale') && isCurrent()) return;
  const started = performance.now();
  await build();
  process.stderr.write(`build-cli: compiled the CLI into dist/ (${Math.round(performance.now() - started)} ms)\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
