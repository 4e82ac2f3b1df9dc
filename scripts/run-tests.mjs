#!/usr/bin/env node
// `npm test` (after scripts/setup.sh --test): every check in two lanes at once, so that the
// machine's cores stay busy while the end-to-end tests wait on Chromium, Java and child processes:
//   - quick lane: types, lint, layers, unit tests, the corpus, one after another; its output is
//     printed a step at a time as each ends. A failure here stops the end-to-end tests at once
//     (a type error should not wait four minutes to be seen).
//   - e2e lane: tests/e2e, two files at a time, the slowest files first so that no long file
//     starts last and runs alone; its output streams as it comes.
// Exits 1 when anything failed, naming what.
//
//   node scripts/run-tests.mjs [e2e]     (e2e: only the end-to-end tests, as `npm run test:e2e`)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The files that take longest (a minute or more of a run's four): started first, in this order. */
const slowest = ['tests/e2e/cache.test.ts', 'tests/e2e/build.test.ts', 'tests/e2e/bad-inputs.test.ts', 'tests/e2e/images.test.ts'];

/** Every e2e test file, the slowest first, then the rest by name. */
export function e2eFiles() {
  const all = readdirSync(path.join(root, 'tests/e2e'), { recursive: true })
    .map((name) => path.join('tests/e2e', name).split(path.sep).join('/'))
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  return [...slowest.filter((file) => all.includes(file)), ...all.filter((file) => !slowest.includes(file))];
}

/** The quick lane: package.json's own scripts, so each can still be run alone. */
const quickSteps = ['check:types', 'check:lint', 'check:layers', 'test:unit', 'corpus'].map((script) => [script, ['npm', 'run', '--silent', script]]);

const e2eCommand = () => [process.execPath, '--import', 'tsx', '--test', '--test-concurrency=2', ...e2eFiles()];

/** Runs a command in its own process group; `output` 'inherit' streams it, 'buffer' keeps it for later. */
function run([command, ...args], output) {
  const child = spawn(command, args, { cwd: root, detached: true, stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let text = '';
  if (output !== 'inherit') {
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
    });
  }
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
    const { code, text } = await run(command, 'buffer').done;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`\n── ${name} (${seconds} s)${code === 0 ? '' : ': FAILED'} ──\n${text}`);
    if (code !== 0) {
      onFailure();
      return name;
    }
  }
  return undefined;
}

async function main() {
  const only = process.argv[2];
  if (only === 'e2e') {
    const { code } = await run(e2eCommand(), 'inherit').done;
    return code === 0 ? 0 : 1;
  }
  if (only) {
    process.stderr.write(`run-tests: unknown lane ${only} (only e2e, or none for everything)\n`);
    return 2;
  }
  const started = performance.now();
  const e2e = run(e2eCommand(), 'inherit');
  let e2eStopped = false;
  const forward = (signal) => {
    stop(e2e.child);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const [quickFailed, e2eResult] = await Promise.all([
    quickLane(() => {
      e2eStopped = true;
      stop(e2e.child);
    }),
    e2e.done,
  ]);
  const failed = [quickFailed, e2eResult.code !== 0 && (e2eStopped ? 'e2e (stopped)' : 'e2e')].filter(Boolean);
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  process.stdout.write(`\nnpm test: ${failed.length === 0 ? 'all passed' : `FAILED: ${failed.join(', ')}`} (${minutes} min)\n`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
