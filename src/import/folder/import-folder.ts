import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { type ArchiveImportResult, type ArchivePiece, type MemberImport, reportUnreadable, skippedMember } from '../archive-parts.ts';
import { detectFormat, extensionOf, type FileFormat, isImageName, sourceExtensions } from '../detect.ts';
import type { Archive, ArchiveEntry, ImportOptions, ImportResult, LineFate } from '../types.ts';

/** Imports one file as a source on its own (what `anthology import FILE` does). */
export type FileImporter = (file: VFile, options: ImportOptions) => { format: FileFormat | undefined; result: ImportResult };

// Quarto's `.qmd` and R Markdown's `.Rmd` / blogdown's `.Rmarkdown` are Markdown with front matter (read by their content).
/** A repository's or a site's own files, not posts. */
const notPosts =
  /^(?:readme|licen[cs]e|copying|changelog|contributing|code_of_conduct|security|authors|notice)(?:\.[a-z]+)?$|^(?:robots\.txt|sitemap\.xml|404\.html?)$/i;

/**
 * A folder of saved posts: every file in a source format (`.html`, `.md`, `.qmd`, `.Rmd`, `.txt`,
 * `.xml`, `.json`), in subfolders too, in name order, each imported as if named on its own. Left out, and
 * said why: images and other assets (copied when a post shows them), the folders a browser saves
 * beside a page (`Post_files/`), Jekyll's `_drafts/` unless `--drafts`, a repository's README and
 * licence, Hugo's and Zola's list pages (`_index.md`), XML and JSON files that are not exports.
 */
export function importFolder(archive: Archive, options: ImportOptions, importFile: FileImporter): ArchiveImportResult {
  const pieces: ArchivePiece[] = [];
  const members: MemberImport[] = [];
  for (const entry of archive.entries) {
    const reason = skipReason(entry, options);
    if (reason) {
      members.push(skippedMember(entry, reason));
      continue;
    }
    if (reportUnreadable(entry) || !entry.file) {
      members.push(skippedMember(entry, 'not readable text'));
      continue;
    }
    const text = String(entry.file.value);
    const format = text.trim() === '' ? undefined : detectFormat(entry.name, text);
    if (text.trim() !== '' && !format) {
      const reason = /\.json$/i.test(entry.name)
        ? 'JSON that is not a Ghost export'
        : 'XML that is not a WordPress export, an RSS or Atom feed or a Blogger export';
      report(entry.file, 'import-skipped', `left out: ${reason}`, { line: 1, column: 1 });
      members.push(skippedMember(entry, reason));
      continue;
    }
    const { result } = importFile(entry.file, options);
    if (result.draft) {
      // One draft among the posts is left out, as an export's drafts are, not an error stopping the import.
      const file = entry.file;
      file.messages = file.messages.filter((message) => message.ruleId !== 'import-no-pieces');
      const reason = 'a draft (draft: true, published: false or status: draft; use --drafts to include it)';
      report(file, 'import-skipped', `left out: ${reason}`, { line: 1, column: 1 });
      members.push(skippedMember(entry, reason));
      continue;
    }
    const offset = pieces.length;
    pieces.push(...result.pieces.map((piece) => ({ piece, member: entry.name })));
    members.push({ name: entry.name, file: entry.file, role: format ?? 'empty file', lines: result.lines.map((fate) => renumbered(fate, offset)) });
  }
  members.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { pieces, members };
}

function skipReason(entry: ArchiveEntry, options: ImportOptions): string | undefined {
  const segments = entry.name.split('/');
  const base = segments.at(-1) ?? '';
  const folders = segments.slice(0, -1);
  if (folders.some((folder) => /(?:_files|-Dateien|_fichiers|_archivos|_bestanden|_file)$/i.test(folder)))
    return 'saved by a browser beside a page (its pictures, styles and scripts): not a post';
  if (folders.includes('_drafts') && !options.includeDrafts) return 'a draft (Jekyll’s _drafts/; use --drafts to include it)';
  if (/^authors\.(?:ya?ml|toml|json)$/i.test(base) || (folders.at(-1) === 'authors' && folders.at(-2) === 'data'))
    return 'the site’s author data: read for the posts’ authors, not a post';
  if (isImageName(base)) return 'an image: copied when a post shows it';
  const bibliography = bibliographyReason(base, folders);
  if (bibliography) return bibliography;
  if (/\.zip$/i.test(base)) return 'a zip inside the folder: import it on its own (a Substack or Medium export)';
  if (!sourceExtensions.has(extensionOf(base))) return 'not a source format (import .html, .md, .qmd, .txt, .xml or .json)';
  if (notPosts.test(base)) return 'a repository’s or site’s own file (README, licence, sitemap…): not a post';
  // Hugo's and Zola's list pages: a section's (or an author's, a tag's) title and blurb over the posts the generator lists.
  if (/^_index\.(?:md|markdown|html?)$/i.test(base)) return 'a section’s list page (Hugo’s or Zola’s _index.md), not a post: name it on its own to import it';
  return undefined;
}

/** Why a site's bibliography, Quarto's folder metadata or its configuration is not a post: what the import reads it for. */
function bibliographyReason(base: string, folders: readonly string[]): string | undefined {
  if (/^_metadata\.ya?ml$/i.test(base)) return 'Quarto’s folder metadata: read for the authors of the posts under it, not a post';
  if (/^(?:_config|myst)\.ya?ml$/i.test(base)) return 'the site’s configuration: read for the bibliography files it names, not a post';
  const where = folders.join('/');
  const inBibliographyFolder = where === '' || where === '_bibliography' || where === 'assets/bibliography';
  if (/\.(?:bib|ris)$/i.test(base) || (inBibliographyFolder && where !== '' && /\.json$/i.test(base)))
    return inBibliographyFolder
      ? 'the site’s bibliography: copied into bibliography/ when a post cites it, not a post'
      : 'a bibliography file: read only when a post’s bibliography: or the site’s _config.yml names it, or from _bibliography/, assets/bibliography/ or the folder’s top';
  return undefined;
}

/** A file's pieces are numbered from 1; across the folder they follow the pieces of the files before it. */
function renumbered(fate: LineFate, offset: number): LineFate {
  if (fate.fate === 'blank' || fate.piece === undefined) return fate;
  return { ...fate, piece: fate.piece + offset };
}
