import { type ArchiveImportResult, skippedMember } from '../archive-parts.ts';
import { isImageName } from '../detect.ts';
import { type FileImporter, importFolder } from '../folder/import-folder.ts';
import type { Archive, ArchiveEntry, ImportOptions } from '../types.ts';

/** Takeout's Blogger export keeps each blog's posts, pages and comments in `Blogger/Blogs/<blog>/feed.atom`. */
export const isTakeoutFeedName = (name: string): boolean => /(?:^|\/)feed\.atom$/i.test(name);

/**
 * Google Takeout's Blogger export (`Takeout/Blogger/`, zipped or unpacked): each blog's
 * `feed.atom` is imported as a Blogger export is, as a folder's files are; the rest, the blog's
 * theme (`theme-classic.html`, `theme-layouts.html`: Blogger's template language, not a page), its
 * settings, the profile and the albums' pictures, is left out, each file with its reason.
 */
export function importBloggerTakeout(archive: Archive, options: ImportOptions, importFile: FileImporter): ArchiveImportResult {
  const feeds = importFolder({ ...archive, entries: archive.entries.filter((entry) => isTakeoutFeedName(entry.name)) }, options, importFile);
  const others = archive.entries.filter((entry) => !isTakeoutFeedName(entry.name)).map((entry) => skippedMember(entry, leftOut(entry)));
  return { pieces: feeds.pieces, members: [...feeds.members, ...others] };
}

function leftOut(entry: ArchiveEntry): string {
  const base = entry.name.split('/').at(-1) ?? '';
  if (/^theme-.*\.html?$/i.test(base)) return 'the blog’s theme (Blogger’s template, its HTML and CSS): not a post';
  if (/^settings\.csv$/i.test(base)) return 'the blog’s settings: not a post';
  if (isImageName(base)) return 'a picture of the account’s albums or profile: the posts show their pictures by their web address';
  return 'not one of the blogs’ feeds (feed.atom): not read';
}
