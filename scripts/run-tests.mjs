#!/usr/bin/env node
// `npm test` (after scripts/setup.sh --test): every check in two lanes at once, so that the
// machine's cores stay busy while the end-to-end tests wait on Chromium, Java and child processes:
//   - quick lane: types, lint, layers, unit tests, the corpus, one after another.
//   - e2e lane: each file of tests/e2e in its own `node --test`, two at a time, the slowest first
//     (node's runner sorts the files it is given by name, which started the slowest ones late and
//     left one running alone at the end), all sharing one build of the default book.
// Each step's or file's output is printed when it ends. A failure in the quick lane stops the
// end-to-end tests at once (a type error should not wait three minutes to be seen). Exits 1 when
// anything failed, naming what.
//
//   node scripts/run-tests.mjs [e2e [FILE…]]   (e2e: only the end-to-end tests, as `npm run test:e2e`; or only these files)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The files that take longest, started first in this order (seconds of a quiet 2-core run): the
 * default book with its validators 74, bad inputs 70, the cache 44, the image book 42, the PDF's
 * cache 31, the Paged.js fixtures 27, the build lock 25.
 */
const slowest = [
  'tests/e2e/build.test.ts',
  'tests/e2e/bad-inputs.test.ts',
  'tests/e2e/cache.test.ts',
  'tests/e2e/images.test.ts',
  'tests/e2e/pdf-cache.test.ts',
  'tests/e2e/pagedjs-fixes/fixes.test.ts',
  'tests/e2e/build-lock.test.ts',
];

/** Every e2e test file, the slowest first, then the rest by name. */
function e2eFiles() {
  const all = readdirSync(path.join(root, 'tests/e2e'), { recursive: true })
    .map((name) => path.join('tests/e2e', name).split(path.sep).join('/'))
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  return [...slowest.filter((file) => all.includes(file)), ...all.filter((file) => !slowest.includes(file))];
}

/** How many e2e files run at once. */
const e2eConcurrency = 2;

/** The quick lane: package.json's own scripts, so each can still be run alone. */
const quickSteps = ['check:types', 'check:lint', 'check:layers', 'test:unit', 'corpus'].map((script) => [script, ['npm', 'run', '--silent', script]]);

const e2eCommand = (file) => [process.execPath, '--import', 'tsx', '--test', '--test-reporter=spec', file];

/** Runs a command in its own process group, keeping its output (stdout and stderr, as they came) for later. */
function run([command, ...args], env = process.env) {
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr.on('data', (chunk) => {
    text += chunk;
  });
  const done = new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: 1, text: `${text}${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
  });
  return { child, done };
}

/** Stops a lane's process and everything it started. */
function stop(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

async function quickLane(onFailure) {
  for (const [name, command] of quickSteps) {
    const started = performance.now();
    const { code, text } = await run(command).done;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`\n── ${name} (${seconds} s)${code === 0 ? '' : ': FAILED'} ──\n${text}`);
    if (code !== 0) {
      onFailure();
      return name;
    }
  }
  return undefined;
}

/**
 * Every e2e file, `e2eConcurrency` at a time, each printed when it ends. `lane.stop()` kills the
 * files running and starts no more. Resolves with the files that failed.
 */
function e2eLane(files = e2eFiles()) {
  const queue = [...files];
  const running = new Set();
  const failed = [];
  const counts = { tests: 0, pass: 0 };
  let stopped = false;
  // One build of the default book for all the files (tests/helpers/default-book.ts).
  const env = { ...process.env, ANTHOLOGY_TEST_RUN: process.env.ANTHOLOGY_TEST_RUN ?? `run-${process.pid}` };
  const next = async () => {
    for (let file = queue.shift(); file && !stopped; file = queue.shift()) {
      const started = performance.now();
      const job = run(e2eCommand(file), env);
      running.add(job.child);
      const { code, text } = await job.done;
      running.delete(job.child);
      if (stopped) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n── ${file} (${seconds} s)${code === 0 ? '' : ': FAILED'} ──\n${text}`);
      if (code !== 0) failed.push(file);
      counts.tests += Number(/^ℹ tests (\d+)$/m.exec(text)?.[1] ?? 0);
      counts.pass += Number(/^ℹ pass (\d+)$/m.exec(text)?.[1] ?? 0);
    }
  };
  const done = Promise.all(Array.from({ length: e2eConcurrency }, next)).then(() => failed);
  return {
    done,
    counts,
    stop() {
      stopped = true;
      for (const child of running) stop(child);
    },
  };
}

async function main() {
  const only = process.argv[2];
  if (only && only !== 'e2e') {
    process.stderr.write(`run-tests: unknown lane ${only} (only e2e, or none for everything)\n`);
    return 2;
  }
  const started = performance.now();
  const chosen = process.argv.slice(3);
  const e2e = e2eLane(chosen.length > 0 ? chosen : undefined);
  let e2eStopped = false;
  const forward = (signal) => {
    e2e.stop();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const [quickFailed, e2eFailed] = await Promise.all([
    only === 'e2e'
      ? undefined
      : quickLane(() => {
          e2eStopped = true;
          e2e.stop();
        }),
    e2e.done,
  ]);
  const failed = [quickFailed, ...e2eFailed, e2eStopped && 'e2e (stopped)'].filter(Boolean);
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  const what = only === 'e2e' ? 'e2e' : 'npm test';
  const e2eCount = `e2e ${e2e.counts.pass} of ${e2e.counts.tests} tests passed`;
  process.stdout.write(`\n${what}: ${failed.length === 0 ? 'all passed' : `FAILED: ${failed.join(', ')}`} (${e2eCount}; ${minutes} min)\n`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
