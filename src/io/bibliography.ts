import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { parseBibliographyText } from '../adapters/citation-js.ts';
import type { BibliographyItem } from '../cite/bibliography.ts';
import { report } from '../core/rules.ts';

export const bibliographyDir = 'bibliography';
/** The file `anthology import` and `anthology cite` write; other files there are the editor's. */
export const managedBibliographyFile = 'bibliography/references.json';

export interface LoadedBibliography {
  items: BibliographyItem[];
  files: VFile[];
  /** Which file defined each key. */
  origin: Map<string, string>;
}

/**
 * Reads every CSL-JSON (`.json`), BibTeX (`.bib`) and RIS (`.ris`) file in bibliography/, in name
 * order. A key defined twice is an error naming both files.
 */
export async function loadBibliography(projectDir: string): Promise<LoadedBibliography> {
  const directory = path.join(projectDir, bibliographyDir);
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => /\.(json|bib|ris)$/i.test(name)).sort();
  const items: BibliographyItem[] = [];
  const files: VFile[] = [];
  const origin = new Map<string, string>();
  for (const name of names) {
    const relative = `${bibliographyDir}/${name}`;
    const file = new VFile({ path: relative, cwd: projectDir, value: await readFile(path.join(directory, name), 'utf8') });
    files.push(file);
    let parsed: unknown;
    try {
      parsed = name.toLowerCase().endsWith('.json') ? JSON.parse(String(file.value)) : parseBibliographyText(String(file.value));
    } catch (error) {
      report(file, 'bibliography-invalid', `cannot read this bibliography: ${(error as Error).message.split('\n')[0]}`, { line: 1, column: 1 });
      continue;
    }
    if (!Array.isArray(parsed)) {
      report(file, 'bibliography-invalid', 'a CSL-JSON bibliography must be an array of items', { line: 1, column: 1 });
      continue;
    }
    for (const entry of parsed as unknown[]) {
      if (!entry || typeof entry !== 'object' || typeof (entry as { id?: unknown }).id !== 'string' || typeof (entry as { type?: unknown }).type !== 'string') {
        report(
          file,
          'bibliography-invalid',
          `an item without a string "id" and "type": ${JSON.stringify(entry).slice(0, 80)}`,
          lineOf(file, JSON.stringify((entry as { id?: unknown })?.id ?? '')),
        );
        continue;
      }
      const item = entry as BibliographyItem;
      const first = origin.get(item.id);
      if (first) {
        report(file, 'bibliography-duplicate-key', `key ${item.id} is already defined in ${first}`, lineOf(file, `"${item.id}"`));
        continue;
      }
      origin.set(item.id, relative);
      items.push(item);
    }
  }
  return { items, files, origin };
}

function lineOf(file: VFile, needle: string): { line: number; column: number } | undefined {
  const lines = String(file.value).split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  return index < 0 ? undefined : { line: index + 1, column: (lines[index]?.indexOf(needle) ?? 0) + 1 };
}

/** The managed bibliography as written: sorted by key, two-space JSON, so diffs stay small. */
export function serialiseBibliography(items: readonly BibliographyItem[]): string {
  return `${JSON.stringify(
    [...items].sort((a, b) => a.id.localeCompare(b.id)),
    null,
    2,
  )}\n`;
}

/** The items of the managed file (`bibliography/references.json`), which import and cite extend. */
export function managedBibliographyItems(loaded: LoadedBibliography): BibliographyItem[] {
  const managed = loaded.files.find((file) => file.path === managedBibliographyFile);
  return managed ? loaded.items.filter((item) => loaded.origin.get(item.id) === managedBibliographyFile) : [];
}
