import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceInput } from '../import/types.ts';
import { bibliographyDir, managedBibliographyFile } from './bibliography.ts';
import { writeFileAtomic } from './stage.ts';

/** A post's bibliography file, read from beside it: its name and bytes, or why it was not read. */
export type PostBibliography = { name: string; bytes: Uint8Array } | { problem: string };

/** The formats the book's bibliography/ holds (`io/bibliography.ts`). */
const bibliographyName = /\.(json|bib|ris)$/i;

/**
 * The file a post's `bibliography:` names, relative to the post: inside a zip, only from the zip;
 * on disk, only from inside the folder that was imported (the post's own folder when it was
 * named alone), never through a link that leads out of it.
 */
export async function readPostBibliography(written: string, member: string | undefined, input: SourceInput, projectDir: string): Promise<PostBibliography> {
  if (!bibliographyName.test(written)) return { problem: 'is not CSL-JSON (.json), BibTeX (.bib) or RIS (.ris), which the book reads' };
  if (input.kind === 'archive' && input.archive.container === 'zip') {
    const name = path.posix.normalize(path.posix.join(path.posix.dirname(member ?? ''), written));
    if (name.startsWith('../') || name.startsWith('/')) return { problem: 'is outside the archive: not read' };
    const entry = input.archive.entries.find((candidate) => candidate.name === name);
    return entry?.bytes ? { name: path.posix.basename(name), bytes: entry.bytes } : { problem: 'is not in the archive' };
  }
  const sourcePath = path.resolve(projectDir, input.kind === 'file' ? input.file.path : input.archive.file.path);
  const sourceDir = input.kind === 'file' ? path.dirname(sourcePath) : sourcePath;
  const from = path.resolve(path.join(sourceDir, path.dirname(member ?? '.')), written);
  const real = await realpath(from).catch(() => from);
  const back = path.relative(await realpath(sourceDir).catch(() => sourceDir), real);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) return { problem: 'is outside the folder that was imported: not read' };
  const isFile = await stat(real).then(
    (found) => found.isFile(),
    () => false,
  );
  if (!isFile) return { problem: 'was not found beside the post' };
  return { name: path.basename(from), bytes: new Uint8Array(await readFile(real)) };
}

/** Where a post's bibliography went in the project: `bibliography/<name>`, and whether that name was free. */
export interface CopiedBibliography {
  /** The project-relative path written (or found with the same bytes). */
  path: string;
  /** The file's own name was taken by another file: it got this one. */
  renamed: boolean;
  /** A file with the same bytes was there already (an earlier import): nothing written. */
  present: boolean;
}

/**
 * Copies a post's bibliography into bibliography/ under its own name, or, when another file has
 * that name, the first free `<stem>-2.<ext>`, `-3`…: nothing there is overwritten. A file with
 * the same bytes already there is that one (imported before).
 */
export async function copyPostBibliography(projectDir: string, bibliography: { name: string; bytes: Uint8Array }): Promise<CopiedBibliography> {
  const folder = path.join(projectDir, bibliographyDir);
  const names = new Set(await readdir(folder).catch(() => [] as string[]));
  const extension = path.extname(bibliography.name);
  const stem = bibliography.name.slice(0, bibliography.name.length - extension.length).replace(/[^\w.-]+/g, '-') || 'references';
  for (let index = 1; ; index++) {
    const name = index === 1 ? `${stem}${extension}` : `${stem}-${index}${extension}`;
    const relative = `${bibliographyDir}/${name}`;
    // The file import and cite write is never a post's, whatever its name.
    if (relative === managedBibliographyFile) continue;
    if (names.has(name)) {
      const existing = await readFile(path.join(folder, name)).catch(() => undefined);
      if (existing && Buffer.compare(existing, bibliography.bytes) === 0) return { path: relative, renamed: index > 1, present: true };
      continue;
    }
    await writeFileAtomic(path.join(folder, name), bibliography.bytes);
    return { path: relative, renamed: index > 1, present: false };
  }
}
