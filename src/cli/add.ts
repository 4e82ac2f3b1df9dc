import { configFileName } from '../config/load.ts';
import type { BookConfig } from '../config/schema.ts';
import { yamlPlaces } from '../config/validate-yaml.ts';
import { chapterFileId } from '../core/chapter-id.ts';
import type { PlacementNote } from '../editions/placement.ts';
import { loadBibliography, managedBibliographyItems } from '../io/bibliography.ts';
import { loadBookConfig } from '../io/book-config.ts';
import { listChapters } from '../io/load-book.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { FetchImagesOptions } from './fetch-images.ts';
import { importCommand } from './import.ts';
import { chapterFacts, placeInContents } from './place-in-contents.ts';
import type { Ui } from './ui.ts';

export interface AddOptions {
  /** `--part NAME`: into this part (made at the end of the book if it has none of that name). */
  part: string | undefined;
  /** `--after SLUG`: right after this chapter (its id, file name or path). */
  after: string | undefined;
  /** `--author NAME`: the sources are NAME's own posts (pieces without a byline are credited to NAME, and reported). */
  author: string | undefined;
  postTypes: string[];
  drafts: boolean;
  cite: boolean;
  /** `--fetch-images` (as for import). */
  fetchImages?: FetchImagesOptions;
}

/**
 * `anthology add SOURCE…`: imports the sources as new chapters, places them in `contents` (by
 * date unless told otherwise), cites their notes into the shared bibliography (existing keys are
 * never renamed) and says what was added: each chapter and where it went, and the new
 * bibliography items.
 */
export async function addCommand(projectDir: string, sources: readonly string[], options: AddOptions, ui: Ui): Promise<number> {
  if (options.part !== undefined && options.after !== undefined) throw new UsageError('--part and --after exclude each other');
  if (options.author !== undefined && options.author.trim() === '') throw new UsageError('--author needs a name');
  const { file: configFile, config } = await loadBookConfig(projectDir);
  if (!config) {
    ui.report([configFile]);
    ui.error('nothing was added: anthology add needs the book’s anthology.yaml (start one with `anthology new DIR`)');
    return exitCodes.content;
  }
  const after = options.after === undefined ? undefined : await findChapter(projectDir, config, options.after);
  if (options.after !== undefined && after === undefined) {
    // At `contents`, the list the chapter was looked for in.
    const place = yamlPlaces(String(configFile.value)).key(['contents']);
    ui.diagnose(configFileName, 'chapter-unknown', `--after ${options.after}: no chapter of the book has that id, file name or path; nothing was added`, place);
    return exitCodes.content;
  }

  const keysBefore = new Set(managedBibliographyItems(await loadBibliography(projectDir)).map((item) => item.id));
  let placements: PlacementNote[] = [];
  const code = await importCommand(
    projectDir,
    sources,
    {
      out: 'chapters',
      force: false,
      beside: false,
      report: undefined,
      addToContents: true,
      postTypes: options.postTypes,
      drafts: options.drafts,
      cite: options.cite,
      author: options.author?.trim(),
      ...(options.fetchImages ? { fetchImages: options.fetchImages } : {}),
      placeInContents: async (root, chapterPaths) => {
        placements = await placeInContents(root, chapterPaths, {
          ...(options.part !== undefined ? { part: options.part } : {}),
          ...(after !== undefined ? { after } : {}),
        });
        return placements.map((placement) => placement.path);
      },
    },
    ui,
  );
  if (code !== exitCodes.ok) return code;

  const { config: updated } = await loadBookConfig(projectDir);
  const order = updated ? listChapters(updated).map((entry) => entry.path) : [];
  for (const placement of placements) {
    const facts = await chapterFacts(projectDir, placement.path);
    ui.info(
      `added chapter ${order.indexOf(placement.path) + 1}, “${facts.title ?? placement.path}” (${placement.path}): ${await whereItWent(projectDir, placement)}`,
    );
  }
  if (placements.length === 0) ui.info('no new chapter: every chapter these sources make is in the book already');
  const added = managedBibliographyItems(await loadBibliography(projectDir)).filter((item) => !keysBefore.has(item.id));
  ui.info(
    added.length === 0
      ? 'no new bibliography items'
      : `${added.length} new bibliography item${added.length === 1 ? '' : 's'}: ${added.map((item) => item.id).join(', ')}`,
  );
  return exitCodes.ok;
}

async function whereItWent(projectDir: string, placement: PlacementNote): Promise<string> {
  const title = async (chapterPath: string) => `“${(await chapterFacts(projectDir, chapterPath)).title ?? chapterPath}”`;
  const part = placement.part ? ` in part “${placement.part}”` : '';
  const neighbour = placement.after ? `after ${await title(placement.after)}` : placement.before ? `before ${await title(placement.before)}` : 'first';
  switch (placement.why) {
    case 'date':
      return `by date, ${neighbour}${part}`;
    case 'after':
      return `${neighbour}${part}, as asked`;
    case 'part':
      return `${neighbour}${part}`;
    case 'undated':
      return `at the end (it has no date): move it where it belongs in anthology.yaml`;
    case 'no-dates':
      return placement.after ? `at the end (no chapter of the book has a date to order it by)` : 'the first chapter of the book';
  }
}

/** The chapter `--after` names: by its `id:`, its file name without `.md`, or its path. */
async function findChapter(projectDir: string, config: BookConfig, name: string): Promise<string | undefined> {
  for (const { path: chapterPath } of listChapters(config)) {
    const stem = chapterPath.replace(/^.*\//, '').replace(/\.(md|markdown)$/i, '');
    if (chapterPath === name || stem === name || chapterFileId(chapterPath) === name || (await chapterFacts(projectDir, chapterPath)).id === name)
      return chapterPath;
  }
  return undefined;
}
