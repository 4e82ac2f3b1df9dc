// Build time and peak memory of `anthology build --format html,epub` against Pandoc `--citeproc`
// (HTML, then EPUB) on the same chapters, bibliography and CSL style: the default book and books
// of 100, 500 and 1,000 chapters made from its real chapters (bench/build-book.ts). Ours runs cold
// (no build/ folder) and again after one chapter changed. Every run is a child process, from spawn
// to exit, sampled for peak RSS; everything happens in a temporary folder.
//
//   node --import tsx bench/build.ts [--sizes 9,100,500,1000] [--pandoc-up-to N] [--skip-pandoc]
//
// Pandoc is skipped, with a note, when it is not installed (`npm run bench` installs it on Debian).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { changeChapter, writeScaledBook } from './build-book.ts';
import { type MemorySample, samplePeakMemory } from './process-memory.ts';
import { printTable } from './table.ts';

function compileCli(): void {
  const compiled = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build-cli.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (compiled.status !== 0) throw new Error('could not compile the CLI (scripts/build-cli.mjs)');
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repoRoot, 'bin/anthology.js');
// The compiled CLI, as users run it: with a source edited since it was compiled, bin/anthology.js
// would run the sources through tsx and this would measure tsx (`npm run bench` compiles it too).
compileCli();
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
/** 9 is the default book itself. */
const sizes = (option('--sizes') ?? '9,100,500,1000').split(',').map(Number);
if (sizes.some((size) => !(Number.isInteger(size) && size > 0))) throw new Error('--sizes takes chapter counts: 9,100,500');
/** Pandoc takes minutes on the largest books: by default it runs up to this many chapters. */
const pandocUpTo = Number(option('--pandoc-up-to') ?? 1000);
const childTimeoutMs = 30 * 60 * 1000;

interface Run {
  seconds: number;
  /** User + system CPU time of the process and everything it waited for: steadier than the wall clock on a busy machine. */
  cpuSeconds: number;
  memory: MemorySample;
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds of this process's children that have ended and been waited for (cutime + cstime in /proc/self/stat). */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / clockTicks;
}

function pandocVersion(): string | undefined {
  if (args.includes('--skip-pandoc')) return undefined;
  const result = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0] : undefined;
}

/** Runs a command to its end, timing it and sampling the peak RSS of its process tree. */
async function run(command: string, commandArgs: string[], cwd: string): Promise<Run> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const child = spawn(command, commandArgs, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const memory = samplePeakMemory(child.pid ?? -1, 100);
  const timer = setTimeout(() => child.kill('SIGTERM'), childTimeoutMs);
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command} ${commandArgs.slice(0, 4).join(' ')}… failed (${code}): ${errors.slice(-2000)}`);
  return { seconds, cpuSeconds: childrenCpuSeconds() - cpuBefore, memory: memory.stop() };
}

/** Pandoc's two runs, one after the other, as one: their times added, the larger peak. */
function inSequence(runs: Run[]): Run {
  return {
    seconds: runs.reduce((sum, each) => sum + each.seconds, 0),
    cpuSeconds: runs.reduce((sum, each) => sum + each.cpuSeconds, 0),
    memory: {
      rssBytes: Math.max(...runs.map((each) => each.memory.rssBytes)),
      pssBytes: Math.max(...runs.map((each) => each.memory.pssBytes)),
    },
  };
}

const megabytes = (run: Run | undefined) => (run ? (run.memory.rssBytes / 2 ** 20).toFixed(0) : '');
const seconds = (run: Run | undefined) => (run ? run.seconds.toFixed(2) : '');
const cpu = (run: Run | undefined) => (run ? run.cpuSeconds.toFixed(2) : '');

const pandoc = pandocVersion();
const workDir = await mkdtemp(path.join(tmpdir(), 'anthology-bench-build-'));
const rows: string[][] = [];
try {
  for (const size of sizes) {
    const dir = path.join(workDir, `book-${size}`);
    const book = await writeScaledBook(dir, repoRoot, size);
    const label = size === 9 ? 'default book (9)' : `${size} chapters`;
    console.error(`  ${label}: ours cold…`);
    const ours = ['--cwd', dir, '--quiet', 'build', '--format', 'html,epub'];
    const cold = await run(process.execPath, [cli, ...ours], dir);
    await changeChapter(dir, book.changeable);
    console.error(`  ${label}: ours after one chapter changed…`);
    const rebuild = await run(process.execPath, [cli, ...ours], dir);
    let theirs: Run | undefined;
    if (pandoc && size <= pandocUpTo) {
      console.error(`  ${label}: Pandoc (HTML, then EPUB)…`);
      const common = [
        '--file-scope',
        '--citeproc',
        '--bibliography=bibliography/references.json',
        '--csl=styles/csl/chicago-notes-bibliography.csl',
        '--metadata-file=pandoc/metadata.yaml',
        '--toc',
      ];
      const html = await run('pandoc', [...common, '--standalone', '--output=pandoc-book.html', ...book.pandocChapters], dir);
      const epub = await run('pandoc', [...common, '--output=pandoc-book.epub', ...book.pandocChapters], dir);
      theirs = inSequence([html, epub]);
    }
    rows.push([
      label,
      seconds(cold),
      cpu(cold),
      megabytes(cold),
      seconds(rebuild),
      cpu(rebuild),
      ((rebuild.seconds / cold.seconds) * 100).toFixed(0),
      ((rebuild.cpuSeconds / cold.cpuSeconds) * 100).toFixed(0),
      megabytes(rebuild),
      seconds(theirs),
      cpu(theirs),
      megabytes(theirs),
      theirs ? (theirs.seconds / cold.seconds).toFixed(2) : '',
      theirs ? (theirs.cpuSeconds / cold.cpuSeconds).toFixed(2) : '',
    ]);
    console.error(`  ${rows.at(-1)?.join('  ')}`);
    await rm(dir, { recursive: true, force: true });
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
printTable(
  'Build: HTML + EPUB (seconds, peak RSS)',
  [
    'book',
    'ours cold s',
    'CPU s',
    'peak MB',
    'one changed s',
    'CPU s',
    '% of cold',
    '% of cold CPU',
    'peak MB',
    'Pandoc s',
    'CPU s',
    'peak MB',
    '× Pandoc (time)',
    '× Pandoc (CPU)',
  ],
  rows,
);
console.log('s: wall clock from spawn to exit; CPU s: user + system of the process tree; × Pandoc: how many times faster ours is.');
console.log('Books past the default one repeat its 9 real chapters (1 in 9 has 123 notes), each copy citing its own copies of the 82 works.');
console.log(
  pandoc
    ? `Pandoc: ${pandoc}, --citeproc, the same chapters (a # title over each body), bibliography and CSL style; HTML then EPUB, times added${pandocUpTo < Math.max(...sizes) ? `; run up to ${pandocUpTo} chapters (--pandoc-up-to)` : ''}.`
    : 'Pandoc: not installed (or --skip-pandoc), so its columns are empty. `npm run bench` installs it on Debian (scripts/setup.sh --bench).',
);
