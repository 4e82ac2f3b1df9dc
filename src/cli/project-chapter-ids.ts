import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type GithubSlugger from 'github-slugger';
import type { BookConfig } from '../config/schema.ts';
import { chapterFileId, chapterIdOf, ownPageOfId } from '../core/chapter-id.ts';
import { report } from '../core/rules.ts';
import type { SourceImport } from '../import/import.ts';
import { listChapters } from '../io/load-book.ts';
import { chapterFacts } from './place-in-contents.ts';

/**
 * The ids of the project's chapters that an import into `outDir` must not give again, each with
 * the file that has it: those `contents` lists and the `.md` files in the chapters' top folder
 * (`chapters/` for `-o chapters/gb`), by their `id:` or their file name. Files in `outDir`
 * itself are left out: a piece imported again goes back into its own file.
 */
export async function chapterIdsOutside(projectDir: string, config: BookConfig | undefined, outDir: string): Promise<Map<string, string>> {
  const relativeOut = path.relative(projectDir, outDir).split(path.sep).join('/');
  const top = relativeOut.split('/')[0] ?? '';
  const listed = config ? listChapters(config).map((entry) => path.posix.normalize(entry.path)) : [];
  const found = top && top !== '..' ? await markdownFiles(projectDir, top) : [];
  const ids = new Map<string, string>();
  for (const chapterPath of [...new Set([...listed, ...found])].sort()) {
    if (path.posix.dirname(chapterPath) === relativeOut) continue;
    const id = (await chapterFacts(projectDir, chapterPath)).id ?? chapterFileId(chapterPath);
    if (!ids.has(id)) ids.set(id, chapterPath);
  }
  return ids;
}

/** The `.md` files under a folder of the project (hidden folders skipped, links not followed), as project paths. */
async function markdownFiles(projectDir: string, folder: string): Promise<string[]> {
  const entries = await readdir(path.join(projectDir, folder), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name))
    .map((entry) =>
      path
        .relative(projectDir, path.join(entry.parentPath ?? entry.path, entry.name))
        .split(path.sep)
        .join('/'),
    )
    .filter((file) => !file.split('/').some((segment) => segment.startsWith('.')));
}

/**
 * Each imported chapter whose id is already another chapter's of the project (`hello-world` in
 * `chapters/` for one imported into `chapters/gb/`) takes the next free name the slugger gives
 * (`hello-world-1`), reported on the file it came from: two chapters with one id would have one address.
 */
export function giveFreeIds(result: SourceImport, taken: ReadonlyMap<string, string>, slugger: GithubSlugger, relativeOut: string): void {
  for (const chapter of result.chapters) {
    const wanted = chapter.slug;
    const ownPage = ownPageOfId(chapterIdOf(wanted));
    const holder = taken.get(chapterIdOf(wanted));
    if (holder === undefined && !ownPage) continue;
    while (taken.has(chapterIdOf(chapter.slug)) || ownPageOfId(chapterIdOf(chapter.slug))) chapter.slug = slugger.slug(wanted);
    const file = result.members?.find((member) => member.name === chapter.member)?.file ?? result.file;
    const now = `it is ${relativeOut}/${chapter.slug}.md (id \`${chapterIdOf(chapter.slug)}\`)`;
    report(
      file,
      'import-id-taken',
      holder === undefined
        ? `“${chapter.piece.meta.title}” would be ${relativeOut}/${wanted}.md, but \`${chapterIdOf(wanted)}\` is the name of the book’s own page (${ownPage === chapterIdOf(wanted) ? `${ownPage}.html` : ownPage}): ${now}`
        : `“${chapter.piece.meta.title}” would be ${relativeOut}/${wanted}.md, whose id \`${chapterIdOf(wanted)}\` is ${holder}’s: ${now}; if it is the same piece, remove one`,
      { line: 1, column: 1 },
    );
  }
}
