// PDF throughput: pages/s and peak memory of `anthology build`'s PDF step (chunks paginated in
// parallel tabs, merged with pdf-lib) against stock pagedjs-cli paginating the same HTML in one
// pass, on the default book and on a generated ~900-page book.
//
//   node --import tsx bench/pdf.ts [--skip-stock] [--only default|large]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { findChromium } from '../src/adapters/chromium.ts';
import { pdfTimeout, printWithPagedjs } from '../src/adapters/pagedjs.ts';
import { loadRenderAssets } from '../src/io/assets.ts';
import { loadBook } from '../src/io/load-book.ts';
import { renderPrintDocument } from '../src/render/pdf/print-html.ts';
import { nineHundredPages, writeGeneratedBook } from './pdf-book.ts';
import { type MemorySample, samplePeakMemory } from './process-memory.ts';
import { printTable } from './table.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stockCli = path.join(repoRoot, 'node_modules/pagedjs-cli/src/cli.js');
/** What a one-pass book gives stock Paged.js for its contents: page numbers by target-counter. */
const stockContentsCss = '.toc a::after { content: target-counter(attr(href), page); }\n';

interface Run {
  pages: number;
  seconds: number;
  memory: MemorySample;
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('no Chromium: install one or set PUPPETEER_EXECUTABLE_PATH');

const workDir = await mkdtemp(path.join(tmpdir(), 'anthology-bench-pdf-'));
const rows: string[][] = [];
try {
  const books: [string, string][] = [];
  if (only !== 'large') books.push(['default book', repoRoot]);
  if (only !== 'default') {
    const generated = path.join(workDir, 'generated');
    await writeGeneratedBook(generated, repoRoot, nineHundredPages);
    books.push(['generated (~900 pages)', generated]);
  }
  for (const [label, projectDir] of books) {
    const out = path.join(workDir, label.replace(/\W+/g, '-'));
    const document = await writePrintDocument(projectDir, out);
    const ours = await runOurs(document, out);
    rows.push(row(`${label}: anthology`, ours, undefined));
    if (!args.includes('--skip-stock')) {
      const stock = await runStock(out);
      rows.push(row(`${label}: stock pagedjs-cli`, stock, undefined));
      rows[rows.length - 2] = row(`${label}: anthology`, ours, stock);
    }
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
printTable('PDF (Paged.js in Chromium)', ['run', 'pages', 's', 'pages/s', 'peak RSS MB', 'peak PSS MB', '× stock'], rows);
console.log('RSS and PSS: node plus every Chromium process, sampled every 200 ms; RSS counts shared pages once per process.');

async function writePrintDocument(projectDir: string, out: string) {
  const { book, files } = await loadBook(projectDir);
  if (!book) throw new Error(`the book in ${projectDir} has errors: ${files.flatMap((file) => file.messages.map(String)).join('\n')}`);
  const assets = await loadRenderAssets(projectDir);
  const document = renderPrintDocument(book, assets, { printReady: false });
  await mkdir(path.join(out, 'fonts'), { recursive: true });
  await writeFile(path.join(out, 'book.html'), document.html);
  await writeFile(path.join(out, 'stock-contents.css'), stockContentsCss);
  for (const font of assets.fonts) await writeFile(path.join(out, 'fonts', font.fileName), font.bytes);
  return document;
}

async function runOurs(document: ReturnType<typeof renderPrintDocument>, out: string): Promise<Run> {
  const memory = samplePeakMemory(process.pid);
  const started = performance.now();
  const result = await printWithPagedjs({
    workDirectory: out,
    chunks: document.chunks,
    metadata: document.metadata,
    chromiumPath: chromiumPath as string,
    timeout: pdfTimeout(document.html.length),
  });
  const seconds = (performance.now() - started) / 1000;
  for (const warning of result.warnings) console.error(`warning [${warning.rule}] ${warning.message}`);
  return { pages: result.pages, seconds, memory: memory.stop() };
}

async function runStock(out: string): Promise<Run> {
  const pdfPath = path.join(out, 'stock.pdf');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [stockCli, 'book.html', '-o', pdfPath, '--style', 'stock-contents.css', '--browserArgs', '--no-sandbox,--disable-gpu,--disable-dev-shm-usage'],
    { cwd: out, env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromiumPath }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const memory = samplePeakMemory(child.pid ?? -1);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`stock pagedjs-cli failed (${code}): ${stderr}`);
  const pages = (await PDFDocument.load(await readFile(pdfPath), { updateMetadata: false })).getPageCount();
  return { pages, seconds, memory: memory.stop() };
}

function row(label: string, run: Run, stock: Run | undefined): string[] {
  const pagesPerSecond = run.pages / run.seconds;
  return [
    label,
    String(run.pages),
    run.seconds.toFixed(1),
    pagesPerSecond.toFixed(1),
    (run.memory.rssBytes / 2 ** 20).toFixed(0),
    (run.memory.pssBytes / 2 ** 20).toFixed(0),
    stock ? (pagesPerSecond / (stock.pages / stock.seconds)).toFixed(2) : '',
  ];
}
