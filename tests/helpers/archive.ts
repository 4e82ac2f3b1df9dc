import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { bodyToMarkdown } from '../../src/import/chapter-markdown.ts';
import { importInput, type SourceImport } from '../../src/import/import.ts';
import type { Archive, ImportOptions } from '../../src/import/types.ts';
import { readSourceInput } from '../../src/io/read-source.ts';
import { repoRoot } from './project.ts';

/** A fixture folder (relative to the repository) read the way `anthology import FOLDER` reads it. */
export async function readFixtureArchive(relative: string): Promise<Archive> {
  const input = await readSourceInput(repoRoot, relative);
  assert.equal(input.kind, 'archive', `${relative} is read as an archive`);
  return (input as { archive: Archive }).archive;
}

/** Imports an archive, with each chapter's body as Markdown. */
export function importArchiveFixture(archive: Archive, options: Partial<ImportOptions> = {}) {
  const result = importInput({ kind: 'archive', archive }, { defaultAuthor: undefined, ...options });
  return { result, markdown: result.chapters.map((chapter) => bodyToMarkdown(chapter.piece.body)) };
}

/** Every file of a fixture folder, recursively, `/`-separated, sorted by code points. */
export async function filesUnder(folder: string, prefix = ''): Promise<string[]> {
  const names: string[] = [];
  for (const name of await readdir(folder)) {
    const full = path.join(folder, name);
    if ((await stat(full)).isDirectory()) names.push(...(await filesUnder(full, `${prefix}${name}/`)));
    else names.push(`${prefix}${name}`);
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Zips files (name → text or bytes) into a temporary folder; `dispose` removes it. */
export async function zipInTemp(files: Record<string, string | Uint8Array>, zipName = 'export.zip') {
  const dir = await mkdtemp(path.join(tmpdir(), 'anthology-zip-'));
  const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([name, value]) => [name, typeof value === 'string' ? strToU8(value) : value])));
  await writeFile(path.join(dir, zipName), bytes);
  return { dir, zipName, bytes, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** The member of an import with this name inside the archive. */
export function memberOf(result: SourceImport, name: string) {
  const member = result.members?.find((candidate) => candidate.name === name);
  assert.ok(member, `${name} is a member of the import`);
  return member;
}

/** Messages of every file of an import, as `file:line:column rule`. */
export function messagesOf(result: SourceImport): string[] {
  const files = [result.file, ...(result.members ?? []).flatMap((member) => (member.file ? [member.file] : []))];
  return files.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`));
}
