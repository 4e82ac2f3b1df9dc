import { realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { placeOfOffset } from '../core/place.ts';
import { type Place, type RuleId, report } from '../core/rules.ts';

export type ReadResult = { kind: 'ok'; file: VFile } | { kind: 'missing' } | { kind: 'outside' };

/** The most a text file of the project (anthology.yaml, a chapter, a bibliography, a style) may weigh: no real one comes near. */
export const maxProjectTextBytes = 32 * 1024 * 1024;

/**
 * Resolves `relative` inside `projectDir`, refusing anything that would escape it: by `..` or an
 * absolute path, or through a symbolic link inside the project that leads out of it.
 */
export function resolveInside(projectDir: string, relative: string): string | undefined {
  const root = path.resolve(projectDir);
  const resolved = path.resolve(root, relative);
  if (!isStrictlyInside(root, resolved)) return undefined;
  return isStrictlyInside(realPathOfExisting(root), realPathOfExisting(resolved)) ? resolved : undefined;
}

function isStrictlyInside(root: string, target: string): boolean {
  const back = path.relative(root, target);
  return back !== '' && !back.startsWith('..') && !path.isAbsolute(back);
}

/** Where `target` really is: its nearest existing ancestor with links followed, then the rest as named. */
function realPathOfExisting(target: string): string {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Reads a UTF-8 text file of the project into a VFile whose path is relative to the project.
 * A file that cannot be book text (too large, not UTF-8, with NUL or other control characters) is
 * read as empty with an error on it; a lone CR ends a line as LF does (same length: places stay exact).
 */
export async function readTextFile(projectDir: string, relative: string): Promise<ReadResult> {
  const absolute = resolveInside(projectDir, relative);
  if (!absolute) return { kind: 'outside' };
  const file = new VFile({ path: path.relative(projectDir, absolute), cwd: projectDir, value: '' });
  try {
    const { size } = await stat(absolute);
    if (size > maxProjectTextBytes) {
      report(file, 'file-too-large', `${formatMegabytes(size)}: more than the ${formatMegabytes(maxProjectTextBytes)} a project file may have`, {
        line: 1,
        column: 1,
      });
      return { kind: 'ok', file };
    }
    const text = projectText(await readFile(absolute));
    if ('problem' in text) report(file, text.problem.ruleId, text.problem.reason, text.problem.place);
    else file.value = text.text;
    return { kind: 'ok', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
}

export type ProjectText = { text: string } | { problem: { ruleId: RuleId; reason: string; place: Place } };

/** A project file's bytes as text: strict UTF-8 without a byte-order mark, lone CRs as LFs, no control characters. */
export function projectText(bytes: Uint8Array): ProjectText {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { problem: { ruleId: 'file-encoding', reason: 'the file is not valid UTF-8: re-save it as UTF-8', place: firstInvalidUtf8(bytes) } };
  }
  text = withLineFeeds(text);
  const control = firstControlCharacter(text);
  if (control) return { problem: { ruleId: 'text-control-character', reason: control.reason, place: control.place } };
  return { text };
}

/** Old Mac line ends (a lone CR) as LF: one character for one, so every offset and column stays. */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * The first character no book format can carry (XML 1.0 forbids C0 controls but tab, LF and CR;
 * a NUL is a damaged or binary file), with its place.
 */
export function firstControlCharacter(text: string): { reason: string; place: Place } | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const match = /[\u0000-\u0008\u000B\u000E-\u001F]/.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const name = code === 0 ? 'a NUL byte' : `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return { reason: `${name}: no book format can carry it (a damaged or binary file?)`, place: placeOfOffset(text, match.index) };
}

/** The place of the first byte that is not UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): Place {
  let low = 0;
  let high = bytes.length;
  // Binary search for the longest valid prefix (a cut inside a character is not an error with stream).
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  const valid = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, low), { stream: true });
  const lines = valid.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
