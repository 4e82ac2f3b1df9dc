// PDF throughput: pages/s and peak memory of `anthology build`'s PDF step (chunks paginated in
// parallel tabs, merged with pdf-lib) against stock pagedjs-cli paginating the same HTML in one
// pass, on the default book and on a generated ~900-page book. Both run as child processes,
// sampled the same way, taking turns for a few rounds; the best round of each is reported, since
// other work on the machine only ever makes a round slower. Then ours again with a build cache,
// after a sentence is added to one chapter (a different one each round): the time to the updated
// PDF, as `anthology build` takes it after an edit (chunks laid out and printed before are reused).
//
//   node --import tsx bench/pdf.ts [--skip-stock] [--only default|large] [--rounds N]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { findChromium } from '../src/adapters/chromium.ts';
import { loadRenderAssets } from '../src/io/assets.ts';
import { loadCitedBook } from '../src/pipeline/build.ts';
import { renderPrintDocument } from '../src/render/pdf/print-html.ts';
import type { PrintDocument } from '../src/render/pdf/protocol.ts';
import { nineHundredPages, writeGeneratedBook } from './pdf-book.ts';
import { type MemorySample, samplePeakMemory } from './process-memory.ts';
import { printTable } from './table.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stockCli = path.join(repoRoot, 'node_modules/pagedjs-cli/src/cli.js');
/**
 * Our side runs compiled, as bin/anthology.js does: pdf-print.ts bundled by esbuild into bench/data/
 * (inside the project, so its packages resolve from node_modules); its children start in another directory.
 */
const oursCli = [await compilePrinter()];
/** What a one-pass book gives stock Paged.js for its contents: page numbers by target-counter. */
const stockContentsCss = '.toc a::after { content: target-counter(attr(href), page); }\n';

interface Run {
  pages: number;
  seconds: number;
  memory: MemorySample;
}

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = option('--only');
const rounds = option('--rounds') === undefined ? undefined : Number(option('--rounds'));
if (rounds !== undefined && !(Number.isInteger(rounds) && rounds > 0)) throw new Error('--rounds takes a whole number of 1 or more');
/** A printer still running after this long is stopped and the bench fails. */
const childTimeoutMs = 15 * 60 * 1000;
const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('no Chromium: install one or set PUPPETEER_EXECUTABLE_PATH');

const workDir = await mkdtemp(path.join(tmpdir(), 'anthology-bench-pdf-'));
const rows: string[][] = [];
try {
  const books: { label: string; projectDir: string; rounds: number }[] = [];
  if (only !== 'large') books.push({ label: 'default book', projectDir: repoRoot, rounds: rounds ?? 3 });
  if (only !== 'default') {
    const generated = path.join(workDir, 'generated');
    await writeGeneratedBook(generated, repoRoot, nineHundredPages);
    books.push({ label: 'generated (~900 pages)', projectDir: generated, rounds: rounds ?? 2 });
  }
  for (const { label, projectDir, rounds: roundCount } of books) {
    const out = path.join(workDir, label.replace(/\W+/g, '-'));
    await writePrintDocument(projectDir, out);
    const ours: Run[] = [];
    const stock: Run[] = [];
    const browserArgs = '--no-sandbox,--disable-gpu,--disable-dev-shm-usage';
    const runOurs = async () => ours.push(await runChild(out, [...oursCli, out], 'anthology.pdf'));
    const runStock = async () =>
      stock.push(await runChild(out, [stockCli, 'book.html', '-o', 'stock.pdf', '--style', 'stock-contents.css', '--browserArgs', browserArgs], 'stock.pdf'));
    for (let round = 0; round < roundCount; round++) {
      // Taking turns, each going first in every other round.
      const order = args.includes('--skip-stock') ? [runOurs] : round % 2 === 0 ? [runOurs, runStock] : [runStock, runOurs];
      for (const run of order) await run();
    }
    const changed = await changedChapterRuns(out, roundCount);
    const bestStock = stock.length > 0 ? best(stock) : undefined;
    rows.push(row(`${label}: anthology`, best(ours), bestStock, ours));
    rows.push(row(`${label}: anthology, a chapter changed`, best(changed), bestStock, changed));
    if (bestStock) rows.push(row(`${label}: stock pagedjs-cli`, bestStock, undefined, stock));
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
printTable('PDF (Paged.js in Chromium)', ['run', 'pages', 's (best)', 's (all rounds)', 'pages/s', 'peak RSS MB', 'peak PSS MB', '× stock'], rows);
console.log('Each run is a process of its own (node, then Chromium); ours and stock take turns, and the best round counts.');
console.log('RSS and PSS: the process and every Chromium process it starts, sampled every 200 ms; RSS counts shared pages once per process.');

/**
 * Ours with a build cache: one run to fill it (not counted), then per round a sentence added to the
 * first paragraph of the middle chunk of chapters (another sentence each round) and a timed run.
 */
async function changedChapterRuns(out: string, rounds: number): Promise<Run[]> {
  const cacheArgs = ['--cache', path.join(out, 'cache')];
  await runChild(out, [...oursCli, out, ...cacheArgs], 'anthology.pdf');
  const documentFile = path.join(out, 'document.json');
  const original = await readFile(documentFile, 'utf8');
  const runs: Run[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const document = JSON.parse(original) as PrintDocument;
      const chapters = document.chunks.filter((chunk) => /\bchapter\b/.test(chunk.label));
      const chunk = chapters[Math.floor(chapters.length / 2)];
      if (!chunk?.html.includes('</p>')) throw new Error('no paragraph to change in the middle chunk');
      chunk.html = chunk.html.replace('</p>', ` An editor added sentence ${round} here.</p>`);
      await writeFile(documentFile, JSON.stringify(document));
      runs.push(await runChild(out, [...oursCli, out, ...cacheArgs], 'anthology.pdf'));
    }
  } finally {
    await writeFile(documentFile, original);
  }
  return runs;
}

/** Compiles bench/pdf-print.ts as scripts/build-cli.mjs compiles the CLI; returns the script's path. */
async function compilePrinter(): Promise<string> {
  const { build } = await import('esbuild');
  // @ts-expect-error: a plain JavaScript module without types
  const { sourceUrls } = (await import('../scripts/build-cli.mjs')) as { sourceUrls(outdir: string): import('esbuild').Plugin };
  const outdir = path.join(repoRoot, 'bench/data');
  const outfile = path.join(outdir, 'pdf-print.mjs');
  await build({
    entryPoints: [path.join(repoRoot, 'bench/pdf-print.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [sourceUrls(outdir)],
  });
  return outfile;
}

/** Writes the chunks (for us) and the one-document book (for stock pagedjs-cli), with the fonts both load. */
async function writePrintDocument(projectDir: string, out: string): Promise<void> {
  const { book, files } = await loadCitedBook(projectDir);
  if (!book) throw new Error(`the book in ${projectDir} has errors: ${files.flatMap((file) => file.messages.map(String)).join('\n')}`);
  const assets = await loadRenderAssets(projectDir);
  const document = renderPrintDocument(book, assets, { printReady: false });
  await mkdir(path.join(out, 'fonts'), { recursive: true });
  await writeFile(path.join(out, 'document.json'), JSON.stringify(document));
  await writeFile(path.join(out, 'book.html'), document.html);
  await writeFile(path.join(out, 'stock-contents.css'), stockContentsCss);
  for (const font of assets.fonts) await writeFile(path.join(out, 'fonts', font.fileName), font.bytes);
}

/** Runs one printer as a child process, from spawn to exit, and counts the pages of the PDF it wrote. */
async function runChild(out: string, childArgs: string[], pdfName: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, childArgs, {
    cwd: out,
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromiumPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const memory = samplePeakMemory(child.pid ?? -1);
  const timer = setTimeout(() => child.kill('SIGTERM'), childTimeoutMs);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0)
    throw new Error(`${path.basename(childArgs.find((arg) => arg.endsWith('.ts') || arg.endsWith('.js')) ?? 'the printer')} failed (${code}): ${output}`);
  // Our printer reports its warnings (text lost or cut off) as JSON on its last line.
  const report = /^\{"pages".*$/m.exec(output)?.[0];
  for (const warning of report ? (JSON.parse(report) as { warnings: { rule: string; message: string }[] }).warnings : []) {
    console.error(`warning [${warning.rule}] ${warning.message}`);
  }
  const pages = (await PDFDocument.load(await readFile(path.join(out, pdfName)), { updateMetadata: false })).getPageCount();
  return { pages, seconds, memory: memory.stop() };
}

function best(runs: readonly Run[]): Run {
  return runs.reduce((fastest, run) => (run.seconds < fastest.seconds ? run : fastest));
}

function row(label: string, run: Run, stock: Run | undefined, rounds: readonly Run[]): string[] {
  const pagesPerSecond = run.pages / run.seconds;
  return [
    label,
    String(run.pages),
    run.seconds.toFixed(1),
    rounds.map((round) => round.seconds.toFixed(1)).join(' '),
    pagesPerSecond.toFixed(1),
    (Math.max(...rounds.map((round) => round.memory.rssBytes)) / 2 ** 20).toFixed(0),
    (Math.max(...rounds.map((round) => round.memory.pssBytes)) / 2 ** 20).toFixed(0),
    stock ? (pagesPerSecond / (stock.pages / stock.seconds)).toFixed(2) : '',
  ];
}
