import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { keyOf, type Memo, type MemoKey, type MemoKind } from '../core/memo.ts';
import { writeFileAtomic, writeFileAtomicSync } from './stage.ts';

/**
 * The build cache (`build/.cache`): what load/ and cite/ worked out, on disk, by content. A key
 * comes from the stage (`contentKey` of everything the value depends on: the chapter's text; a
 * chapter's citations, the works they cite and the style) and is hashed here with the kind and the
 * tool's fingerprint, so another anthology (code, dependencies, Node) never reads this one's
 * entries. An entry is `anthology-cache/1 <sha256 of the payload>\n` and the payload (Node's
 * structured serialisation): one whose checksum or payload does not hold is a miss, never an error.
 */

/** Changes whenever a cached value changes shape or meaning. */
const cacheFormat = 'anthology-cache/1';

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries written by the last `save`. */
  written: number;
  /** Entries deleted by the last `save`: of a kind the build it ended asked for, but not used by it. */
  pruned: number;
}

export interface BuildCache extends Memo {
  /**
   * Ends a build: writes the entries it computed (each to a temporary file renamed into place),
   * deletes every entry it did not use of the kinds it asked for (so the cache holds one build's
   * worth; a build of the HTML alone keeps the PDF's chunks for the next full build), and starts
   * counting afresh. A long-running process may keep the cache open across builds. Only entries not yet
   * written are held in memory: the rest are read from disk when asked for, so a build of a
   * thousand chapters does not keep every page it reused.
   */
  save(): Promise<CacheStats>;
  /**
   * Writes the entries made so far, and from now until `save` each as soon as it is made, instead
   * of holding them all until the end: for a caller that holds the output folder's lock (`build`,
   * once it has it). A cold build of a thousand chapters otherwise holds every page it made.
   */
  writeFromNowOn(): Promise<void>;
}

/** Opens (lazily: nothing is created until `save`) the cache in `directory`. */
export async function openBuildCache(directory: string, options: { fingerprint?: string } = {}): Promise<BuildCache> {
  const fingerprint = options.fingerprint ?? (await toolFingerprint());
  const pending = new Map<string, Buffer>();
  let used = new Set<string>();
  // The kinds this build asked for: entries of other kinds (another output's) are left as they are.
  let usedKinds = new Set<MemoKind>();
  let counts = { hits: 0, misses: 0 };
  let writeAsMade = false;
  let writtenAsMade = 0;

  const entryName = (kind: MemoKind, key: string) => `${kind}-${createHash('sha256').update(`${fingerprint}\0${kind}\0${key}`).digest('hex').slice(0, 40)}.bin`;

  // Entries `has` read from disk, until `value` asks for them.
  const peeked = new Map<string, Buffer>();

  /** The entry's value, if it is there and can be read (a hit); the entry counts as used either way. */
  const lookUp = <T>(kind: MemoKind, name: string): { ok: true; value: T } | undefined => {
    used.add(name);
    usedKinds.add(kind);
    const payload = pending.get(name) ?? peeked.get(name) ?? readEntry(path.join(directory, name));
    peeked.delete(name);
    const decoded = payload ? decode<T>(payload) : undefined;
    if (!decoded?.ok) return undefined;
    counts.hits += 1;
    return decoded;
  };

  return {
    value<T>(kind: MemoKind, key: MemoKey, compute: () => T): T {
      const name = entryName(kind, keyOf(key));
      const found = lookUp<T>(kind, name);
      if (found) return found.value;
      counts.misses += 1;
      const value = compute();
      const encoded = encode(value);
      if (encoded && writeAsMade) {
        // At once: rendering does not yield to the event loop.
        writeFileAtomicSync(path.join(directory, name), entryBytes(encoded));
        writtenAsMade += 1;
      } else if (encoded) pending.set(name, encoded);
      return value;
    },
    has(kind: MemoKind, key: MemoKey): boolean {
      usedKinds.add(kind);
      const name = entryName(kind, keyOf(key));
      if (pending.has(name) || peeked.has(name)) return true;
      const payload = readEntry(path.join(directory, name));
      if (payload) peeked.set(name, payload);
      return payload !== undefined;
    },
    recall<T>(kind: MemoKind, key: MemoKey): T | undefined {
      // A miss is counted when the value is made and given to `value`.
      return lookUp<T>(kind, entryName(kind, keyOf(key)))?.value;
    },
    async writeFromNowOn() {
      writtenAsMade += await flushPending(directory, pending);
      writeAsMade = true;
    },
    async save() {
      const written = writtenAsMade + (await flushPending(directory, pending));
      writeAsMade = false;
      writtenAsMade = 0;
      peeked.clear();
      const stats = { ...counts, written, pruned: await prune(directory, used, usedKinds) };
      used = new Set();
      usedKinds = new Set();
      counts = { hits: 0, misses: 0 };
      return stats;
    },
  };
}

/** Writes the entries made and not yet written (taking them out of `pending`); returns how many. */
async function flushPending(directory: string, pending: Map<string, Buffer>): Promise<number> {
  await mkdir(directory, { recursive: true });
  let written = 0;
  for (const [name, payload] of pending) {
    await writeFileAtomic(path.join(directory, name), entryBytes(payload));
    pending.delete(name);
    written += 1;
  }
  return written;
}

/** Deletes the entries of `kinds` not `used`, and temporary files abandoned; returns how many entries. */
async function prune(directory: string, used: ReadonlySet<string>, kinds: ReadonlySet<MemoKind>): Promise<number> {
  let pruned = 0;
  for (const name of await readdir(directory)) {
    const file = path.join(directory, name);
    if (name.endsWith('.bin') ? !used.has(name) && kinds.has(entryKind(name)) : await abandoned(file)) {
      await rm(file, { force: true });
      if (name.endsWith('.bin')) pruned += 1;
    }
  }
  return pruned;
}

/** An entry's kind, from its name (`entryName`: the kind, a dash, 40 hex digits, `.bin`). */
function entryKind(name: string): MemoKind {
  return name.slice(0, -'-0123456789012345678901234567890123456789.bin'.length) as MemoKind;
}

/** The entry's payload, or undefined when it is missing, truncated or not ours. */
function readEntry(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 200) return undefined;
  const [format, checksum] = bytes.subarray(0, newline).toString('latin1').split(' ');
  const payload = bytes.subarray(newline + 1);
  if (format !== cacheFormat || checksum !== createHash('sha256').update(payload).digest('hex')) return undefined;
  return payload;
}

function entryBytes(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${cacheFormat} ${createHash('sha256').update(payload).digest('hex')}\n`, 'latin1'), payload]);
}

function decode<T>(payload: Buffer): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: deserialize(payload) as T };
  } catch {
    return { ok: false };
  }
}

/** The value serialised, or undefined when it cannot be (then it is simply not remembered). */
function encode(value: unknown): Buffer | undefined {
  try {
    return serialize(value);
  } catch {
    return undefined;
  }
}

/** A temporary file an interrupted write left behind (one being written now is younger). */
async function abandoned(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > 10 * 60 * 1000;
}

let fingerprint: Promise<string> | undefined;

/**
 * The hash of the tool's files (`toolFilesHash`) that the compiled CLI was built from, written into
 * it by scripts/build-cli.mjs, which runs only while none of those files changed since
 * (bin/anthology.js checks them all, dist/manifest.json): reading and hashing the ~250 files again
 * cost ~10–20 ms of every build. Undefined when the sources run through tsx.
 */
declare const __ANTHOLOGY_TOOL_HASH__: string | undefined;

/**
 * What this anthology is, as far as a cached value can depend on it: the cache format, Node's
 * serialiser, and the bytes of the tool's own package.json, package-lock.json and src/ (so an
 * edited source or an upgraded citeproc is a new fingerprint; dist/ is compiled from these and
 * runs only while it matches them). Worked out once per process. Where the tool's files cannot be
 * found, a fingerprint of this process alone: nothing cached by another run is trusted.
 */
function toolFingerprint(): Promise<string> {
  fingerprint ??= computeFingerprint();
  return fingerprint;
}

async function computeFingerprint(): Promise<string> {
  const compiled = typeof __ANTHOLOGY_TOOL_HASH__ === 'string' ? __ANTHOLOGY_TOOL_HASH__ : undefined;
  const root = compiled ? undefined : packageRoot(path.dirname(fileURLToPath(import.meta.url)));
  const files = compiled ?? (root ? toolFilesHash(root) : randomBytes(16).toString('hex'));
  return createHash('sha256').update(`${cacheFormat}\0${process.versions.v8}\0${files}`).digest('hex');
}

/**
 * The hash of the tool's package.json, package-lock.json and every file under src/, by their paths
 * and bytes. scripts/build-cli.mjs works out the same hash the same way (`toolFilesHash` there; a
 * unit test holds them equal) and compiles it into the CLI.
 */
export function toolFilesHash(root: string): string {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json'].filter((name) => existsSync(path.join(root, name)));
  files.push(...filesUnder(root, 'src'));
  // Read synchronously: some 250 small files, ten times faster than one await each.
  for (const file of files.sort()) {
    const bytes = readFileSync(path.join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** The nearest folder at or above `start` with anthology's package.json. */
function packageRoot(start: string): string | undefined {
  for (let folder = start; ; folder = path.dirname(folder)) {
    try {
      if ((JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown }).name === 'anthology') return folder;
    } catch {
      // no package.json here, or not JSON: look further up
    }
    if (path.dirname(folder) === folder) return undefined;
  }
}

function filesUnder(root: string, folder: string): string[] {
  if (!existsSync(path.join(root, folder))) return [];
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}
