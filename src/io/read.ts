import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';

export type ReadResult = { kind: 'ok'; file: VFile } | { kind: 'missing' } | { kind: 'outside' };

/** Resolves `relative` inside `projectDir`, refusing anything that would escape it. */
export function resolveInside(projectDir: string, relative: string): string | undefined {
  const root = path.resolve(projectDir);
  const resolved = path.resolve(root, relative);
  const back = path.relative(root, resolved);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) return undefined;
  return resolved;
}

/** Reads a UTF-8 text file of the project into a VFile whose path is relative to the project. */
export async function readTextFile(projectDir: string, relative: string): Promise<ReadResult> {
  const absolute = resolveInside(projectDir, relative);
  if (!absolute) return { kind: 'outside' };
  try {
    const value = await readFile(absolute, 'utf8');
    return { kind: 'ok', file: new VFile({ path: path.relative(projectDir, absolute), cwd: projectDir, value }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
}
