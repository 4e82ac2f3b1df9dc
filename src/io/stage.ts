import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFiles } from '../core/types.ts';

/**
 * A staging folder beside the real outputs. Everything is written here first and only moved into
 * place when complete, so an interrupted or failed run never leaves half-written files behind.
 */
export class Staging {
  private constructor(
    readonly directory: string,
    private readonly target: string,
  ) {}

  static async create(target: string): Promise<Staging> {
    await mkdir(target, { recursive: true });
    const directory = path.join(target, `.anthology-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(directory, { recursive: true });
    return new Staging(directory, target);
  }

  path(relative: string): string {
    return path.join(this.directory, relative);
  }

  async writeFile(relative: string, content: Uint8Array | string): Promise<void> {
    const file = this.path(relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }

  /**
   * Writes a folder of files, synchronously, each folder made once: a site is hundreds of small
   * files (a page and a search fragment per chapter), and writes awaited one after another left
   * the build idle for most of a second at 500 chapters.
   */
  async writeTree(relative: string, files: OutputFiles): Promise<void> {
    const write = this.treeWriter(relative);
    for (const [name, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) write(name, content);
  }

  /**
   * Writes files into the folder `relative` one by one, synchronously, as they are given (each
   * folder made once): a caller that makes hundreds of pages need not hold them until the end.
   */
  treeWriter(relative: string): (name: string, content: Uint8Array | string) => void {
    const folders = new Set<string>();
    return (name, content) => {
      const file = this.path(path.join(relative, name));
      const folder = path.dirname(file);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      writeFileSync(file, content);
    };
  }

  /** Moves a finished output (file or folder) from the staging folder over the real one. */
  async commit(relative: string): Promise<void> {
    const final = path.join(this.target, relative);
    const old = `${this.directory}-old-${relative.replace(/[\\/]/g, '_')}`;
    await rename(final, old).catch(() => undefined);
    await mkdir(path.dirname(final), { recursive: true });
    await rename(this.path(relative), final);
    await rm(old, { recursive: true, force: true });
  }

  async dispose(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }
}

/** A temporary sibling of `file`, unique to this process and call. */
function temporaryName(file: string): string {
  return `${file}.anthology-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Fills a temporary sibling of `file` with `fill`, then renames it over `file`. */
async function replaceAtomically(file: string, fill: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryName(file);
  try {
    await fill(temporary);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Writes one file atomically. */
export function writeFileAtomic(file: string, content: Uint8Array | string): Promise<void> {
  return replaceAtomically(file, (temporary) => writeFile(temporary, content));
}

/** Writes one file atomically and at once, for callers that cannot yield (its folder must exist). */
export function writeFileAtomicSync(file: string, content: Uint8Array | string): void {
  const temporary = temporaryName(file);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Copies one file atomically. */
export function copyFileAtomic(from: string, to: string): Promise<void> {
  return replaceAtomically(to, (temporary) => copyFile(from, temporary));
}
