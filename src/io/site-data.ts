import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { authorDataOf } from '../import/markdown/front-matter.ts';
import { resolveInside } from './read.ts';

const authorFiles = ['_data/authors.yml', '_data/authors.yaml', '_data/authors.json'];

/**
 * A Jekyll site's author data for a post or folder of posts: `_data/authors.yml` in the nearest
 * folder above it that has one, inside the project (never above it). Undefined when there is none
 * or it cannot be read: the importer then says the key named nobody.
 */
export async function findAuthorData(projectDir: string, source: string): Promise<Record<string, string> | undefined> {
  const start = resolveInside(projectDir, source);
  if (!start) return undefined;
  const root = path.resolve(projectDir);
  let folder = (await isFolder(start)) ? start : path.dirname(start);
  while (folder === root || folder.startsWith(`${root}${path.sep}`)) {
    for (const name of authorFiles) {
      const text = await readFile(path.join(folder, name), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      try {
        const data = authorDataOf(name.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
        if (data) return data;
      } catch {
        return undefined;
      }
    }
    if (folder === root) break;
    folder = path.dirname(folder);
  }
  return undefined;
}

async function isFolder(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isDirectory() === true;
}
