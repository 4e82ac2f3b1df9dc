/**
 * Two builds at once cannot corrupt build/: build/.lock holds the writing build's pid; a second
 * build waits, a lock whose process is gone is taken over, and a build killed at any moment leaves
 * either the last complete outputs or none, never half of one, and nothing the next build trips on.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot, runCli } from '../helpers/project.ts';

const buildArgs = ['build', '--format', 'html,epub'];
const epubName = 'a-small-book.epub';

async function smallBook(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anthology-lock-'));
  await cp(path.join(repoRoot, 'tests/fixtures/bad/book'), dir, { recursive: true });
  await cp(path.join(repoRoot, 'styles'), path.join(dir, 'styles'), { recursive: true });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Every file under `dir` with the hash of its content. */
async function hashes(dir: string, prefix = ''): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(path.join(dir, prefix))).sort()) {
    const relative = path.join(prefix, name);
    if ((await stat(path.join(dir, relative))).isDirectory()) Object.assign(result, await hashes(dir, relative));
    else
      result[relative] = createHash('sha256')
        .update(await readFile(path.join(dir, relative)))
        .digest('hex');
  }
  return result;
}

function startCli(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; output: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/anthology.js'), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, done };
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, 'timed out waiting');
    await sleep(25);
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** The processes `pid` started, and theirs (Chromium's helpers), as `ps` lists them now. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0; ) {
    const children = table.filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...children);
    frontier = children;
  }
  return found;
}

/** Whether the process is Chromium's (its command name; a process gone meanwhile is not). */
function isChromium(pid: number): boolean {
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
  } catch {
    return false;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A pid no process has: one that just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('close', resolve));
  assert.ok(child.pid);
  return child.pid;
}

describe('build/.lock: one build at a time', () => {
  let book: { dir: string; dispose: () => Promise<void> };
  let reference: Record<string, string>;
  before(async () => {
    book = await smallBook();
    const result = await runCli(buildArgs, book.dir);
    assert.equal(result.code, 0, result.stderr);
    reference = await hashes(path.join(book.dir, 'build'));
    assert.ok(reference['html/index.html'] && reference[epubName], 'the reference build has the site and the EPUB');
  });
  after(() => book.dispose());

  const assertCompleteBuild = async () => {
    assert.deepEqual((await readdir(path.join(book.dir, 'build'))).sort(), ['.cache', epubName, 'html'], 'no lock, no staging folder left');
    assert.deepEqual(await hashes(path.join(book.dir, 'build')), reference, 'the same outputs as a build on its own');
  };

  it('two builds started together both succeed, and build/ is exactly what one build makes', async () => {
    const first = startCli(buildArgs, book.dir);
    const second = startCli(buildArgs, book.dir);
    assert.equal(await first.done, 0, first.output());
    assert.equal(await second.done, 0, second.output());
    await assertCompleteBuild();
  });

  it('a build waits while a live process holds the lock, and goes on when it is released', async () => {
    const lock = path.join(book.dir, 'build/.lock');
    await writeFile(lock, `${process.pid}\n`);
    const waiting = startCli(buildArgs, book.dir, { ANTHOLOGY_LOCK_WAIT: '120' });
    await until(() => /waiting for the build already writing build\/ \(process \d+\)/.test(waiting.output()));
    await sleep(300);
    assert.equal(waiting.child.exitCode, null, 'still waiting while the lock is held');
    assert.equal(await readFile(lock, 'utf8'), `${process.pid}\n`, 'the lock is left alone');
    await rm(lock);
    assert.equal(await waiting.done, 0, waiting.output());
    await assertCompleteBuild();
  });

  it('a build that cannot wait any longer says so by rule id, exits 1 and writes nothing', async () => {
    const lock = path.join(book.dir, 'build/.lock');
    await writeFile(lock, `${process.pid}\n`);
    const before = await hashes(path.join(book.dir, 'build'));
    const result = await runCli(buildArgs, book.dir, { ANTHOLOGY_LOCK_WAIT: '0' });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /build\/\.lock\s+error\s+another build \(process \d+\) is still writing build\/; nothing was built.*build-locked/s);
    assert.deepEqual(await hashes(path.join(book.dir, 'build')), before);
    await rm(lock);
  });

  it('a lock left by a process that no longer runs is taken over', async () => {
    const pid = await deadPid();
    await writeFile(path.join(book.dir, 'build/.lock'), `${pid}\n`);
    await mkdir(path.join(book.dir, `build/.anthology-tmp-${pid}-abcd1234/html`), { recursive: true });
    const result = await runCli(buildArgs, book.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`took over build/\\.lock from process ${pid}, which no longer runs`));
    await assertCompleteBuild();
  });

  // Killed as soon as it holds the lock, while it loads and renders, and while it moves outputs into place.
  const killDelays = [0, 150, 400, 800, 1500];
  it(`a build killed (SIGKILL) at ${killDelays.length} moments: the next build succeeds and build/ is whole`, async () => {
    let survived = 0;
    for (const delay of killDelays) {
      const doomed = startCli(buildArgs, book.dir);
      await until(() => exists(path.join(book.dir, 'build/.lock')));
      await sleep(delay);
      doomed.child.kill('SIGKILL');
      await doomed.done;
      // Whatever the moment, every output present is complete: the site's index and the whole EPUB, or nothing.
      const left = await readdir(path.join(book.dir, 'build'));
      if (left.includes(epubName)) assert.equal(reference[epubName], (await hashes(path.join(book.dir, 'build')))[epubName]);
      const next = await runCli(buildArgs, book.dir);
      assert.equal(next.code, 0, next.stderr);
      await assertCompleteBuild();
      survived++;
    }
    assert.equal(survived, killDelays.length);
  });

  it('a build interrupted (Ctrl-C) while Chromium paginates: exit 130, build/ as it was, no Chromium left', async () => {
    const interrupted = startCli(['build'], book.dir);
    await until(() => interrupted.output().includes('paginating'), 120_000);
    // The line is printed as the page script is bundled, before Chromium is launched: wait until
    // Chromium runs, then interrupt while it paginates (puppeteer would exit 130 by itself then,
    // without our message or clean-up, had its own handler not been removed).
    await until(() => descendants(interrupted.child.pid ?? -1).some(isChromium), 60_000);
    const browser = descendants(interrupted.child.pid ?? -1);
    interrupted.child.kill('SIGINT');
    assert.equal(await interrupted.done, 130, interrupted.output());
    assert.match(interrupted.output(), /interrupted: nothing was built/);
    assert.doesNotMatch(interrupted.output(), /\n\s+at /, 'no stack trace');
    await until(() => browser.every((pid) => !alive(pid)), 10_000);
    await assertCompleteBuild();
  });
});
