import path from 'node:path';
import { configFileName } from '../config/load.ts';

/**
 * What the preview watches, from the book's inputs (project-relative paths: chapter files, the
 * CSL style, pictures, the cover): the top-level folder of each, recursively, and the project
 * folder itself for anthology.yaml and inputs at its top (watching the folder, not the file,
 * survives editors that save by writing a new file and renaming it over the old).
 */
export interface WatchPlan {
  /** Top-level folders watched with everything in them. */
  folders: string[];
  /** Files at the project's top whose change rebuilds. */
  rootFiles: string[];
}

/** Folders always watched when they exist: where a book's chapters, bibliography, styles and edition records live. */
const bookFolders = ['chapters', 'bibliography', 'styles', 'editions'] as const;

/** Never watched: a recursive watch of node_modules costs thousands of watches, and the others are not the book's inputs. */
const neverWatched = new Set(['node_modules', '.git', 'build', 'dist']);

export function watchPlan(inputs: readonly string[]): WatchPlan {
  const folders = new Set<string>(bookFolders);
  const rootFiles = new Set<string>([configFileName]);
  for (const input of inputs) {
    const normalised = path.posix.normalize(input.replace(/\\/g, '/'));
    if (normalised.startsWith('../') || normalised.startsWith('/') || normalised === '..') continue;
    const [first, ...rest] = normalised.split('/');
    if (!first || first === '.') continue;
    if (rest.length === 0) rootFiles.add(first);
    else if (!neverWatched.has(first)) folders.add(first);
  }
  return { folders: [...folders].sort(), rootFiles: [...rootFiles].sort() };
}

/**
 * Whether a file an event names is worth a rebuild: not an editor's swap, backup or lock file
 * (vim's `.swp` and `4913`, Emacs's `#…#` and `.#…`, `~` backups), nor a system's litter.
 */
export function isRelevantChange(relativePath: string): boolean {
  const name = path.posix.basename(relativePath.replace(/\\/g, '/'));
  if (name === '' || name === '4913' || name === '.DS_Store' || name === 'Thumbs.db') return false;
  if (/\.(sw[a-p]|swx|tmp|crdownload|part)$/i.test(name) || name.endsWith('~')) return false;
  if (name.startsWith('.#') || (name.startsWith('#') && name.endsWith('#'))) return false;
  return true;
}
