import { link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The lock file in an output folder: it holds the pid of the build writing there. */
export const lockFileName = '.lock';

export type LockResult = { kind: 'locked'; release: () => Promise<void>; tookOverFrom: number | undefined } | { kind: 'busy'; pid: number };

export interface LockOptions {
  /** How long to wait for another build to finish, in milliseconds. */
  waitMs: number;
  /** Called once when another live build holds the lock and this one starts waiting. */
  onWait?: (pid: number) => void;
  pollMs?: number;
}

/**
 * Takes the output folder's lock: `<dir>/.lock`, created exclusively with this process's pid, so
 * two builds never write the same folder at once. A live holder is waited for (up to `waitMs`);
 * a lock left by a process that no longer runs (killed, crashed) is taken over. Staging folders
 * such a build left behind are removed once the lock is ours.
 */
export async function lockOutputFolder(dir: string, options: LockOptions): Promise<LockResult> {
  await mkdir(dir, { recursive: true });
  const lockPath = path.join(dir, lockFileName);
  const deadline = Date.now() + options.waitMs;
  let tookOverFrom: number | undefined;
  let waiting = false;
  for (;;) {
    if (await createExclusively(lockPath, `${process.pid}\n`)) {
      await removeAbandonedStaging(dir);
      return { kind: 'locked', release: () => releaseLock(lockPath), tookOverFrom };
    }
    const holder = await lockHolder(lockPath);
    if (holder === undefined) continue; // released between our attempt and the read: try again
    if (!isRunning(holder) || (holder === 0 && (await ageMs(lockPath)) > 10_000)) {
      if (await removeStaleLock(lockPath, holder, dir)) tookOverFrom = holder;
      continue;
    }
    if (Date.now() >= deadline) return { kind: 'busy', pid: holder };
    if (!waiting) options.onWait?.(holder);
    waiting = true;
    await sleep(options.pollMs ?? 200);
  }
}

async function createExclusively(file: string, content: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The pid in a lock file; undefined when there is no lock; 0 when it names none (being written, or cut short by a crash). */
async function lockHolder(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

async function ageMs(file: string): Promise<number> {
  return Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? Date.now());
}

function isRunning(pid: number): boolean {
  if (pid === 0) return true;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a dead build's lock aside (rename is atomic: of two builds taking over, one wins). If what
 * was moved turns out to be a live build's fresh lock, it is put back unless a lock exists again.
 */
async function removeStaleLock(lockPath: string, deadPid: number, dir: string): Promise<boolean> {
  const aside = path.join(dir, `${lockFileName}.stale-${process.pid}`);
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await lockHolder(aside);
  if (moved !== deadPid && moved !== undefined && isRunning(moved)) {
    await link(aside, lockPath).catch(() => undefined);
    await rm(aside, { force: true });
    return false;
  }
  await rm(aside, { force: true });
  return true;
}

async function releaseLock(lockPath: string): Promise<void> {
  // Only our own lock: never one a later build took over.
  if ((await lockHolder(lockPath)) === process.pid) await rm(lockPath, { force: true });
}

/** Staging folders and files (`.anthology-tmp-<pid>-…`) of builds that no longer run. */
async function removeAbandonedStaging(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = /^\.anthology-tmp-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid))) await rm(path.join(dir, name), { recursive: true, force: true });
  }
}
