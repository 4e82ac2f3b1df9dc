import path from 'node:path';
import { exportBibliography } from '../adapters/citation-js.ts';
import { renderCiteReview } from '../cite/review.ts';
import type { CslJsonItem } from '../core/citations.ts';
import { hasErrors } from '../core/rules.ts';
import { loadBibliography, managedBibliographyFile, managedBibliographyItems, serialiseBibliography } from '../io/bibliography.ts';
import { loadBookConfig } from '../io/book-config.ts';
import { citeChapterFiles } from '../io/cite-chapters.ts';
import { listChapters } from '../io/load-book.ts';
import { resolveInside } from '../io/read.ts';
import { writeFileAtomic } from '../io/stage.ts';
import { loadCitedBook } from '../pipeline/build.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { Ui } from './ui.ts';

/** `anthology cite`: parses the notes of every chapter into the shared bibliography and rewrites them to cite by key. */
export async function citeCommand(projectDir: string, ui: Ui): Promise<number> {
  const { file: configFile, config } = await loadBookConfig(projectDir);
  if (!config) {
    ui.report([configFile]);
    return exitCodes.content;
  }
  const bibliography = await loadBibliography(projectDir);
  ui.report(bibliography.files);
  if (hasErrors(bibliography.files)) return exitCodes.content;
  const items = managedBibliographyItems(bibliography);
  const before = items.length;
  const chapters = await citeChapterFiles(
    projectDir,
    listChapters(config).map((entry) => entry.path),
    items,
  );
  ui.report(chapters.map((chapter) => chapter.file));
  if (hasErrors(chapters.map((chapter) => chapter.file))) return exitCodes.content;
  const changed = chapters.filter((chapter) => chapter.resolutions.some((resolution) => resolution.rewritten !== undefined));
  for (const chapter of changed) await writeFileAtomic(path.join(projectDir, chapter.path), chapter.text);
  await writeFileAtomic(path.join(projectDir, managedBibliographyFile), serialiseBibliography(items));
  const notes = chapters.reduce((count, chapter) => count + chapter.resolutions.length, 0);
  const rewritten = chapters.reduce((count, chapter) => count + chapter.resolutions.filter((resolution) => resolution.rewritten !== undefined).length, 0);
  const unresolved = chapters.reduce((count, chapter) => count + chapter.resolutions.filter((resolution) => resolution.problem).length, 0);
  ui.info(
    `${notes} notes in ${chapters.length} chapters: ${rewritten} now cite by key, ${unresolved} unresolved; bibliography: ${items.length} items (${items.length - before} new) in ${managedBibliographyFile}`,
  );
  return exitCodes.ok;
}

/** `anthology cite check`: unparsed notes, unresolved keys, uncited items, likely duplicates, and a review page. */
export async function citeCheckCommand(projectDir: string, options: { review: string }, ui: Ui): Promise<number> {
  const reviewPath = resolveInside(projectDir, options.review);
  if (!reviewPath) throw new UsageError(`--review ${options.review} must be inside the project`);
  const { files, book } = await loadCitedBook(projectDir);
  ui.report(files);
  if (!book) return exitCodes.content;
  const review = renderCiteReview(book);
  await writeFileAtomic(reviewPath, review.html);
  for (const line of review.summary) ui.info(line);
  ui.info(`review page ${path.relative(projectDir, reviewPath)}`);
  return hasErrors(files) ? exitCodes.content : exitCodes.ok;
}

export const exportFormats = ['bibtex', 'ris', 'csl-json'] as const;

/** `anthology cite export`: the bibliography as BibTeX, RIS or CSL-JSON, through citation-js. */
export async function citeExportCommand(projectDir: string, options: { format: string; out: string | undefined }, ui: Ui): Promise<number> {
  const format = options.format as (typeof exportFormats)[number];
  if (!exportFormats.includes(format)) throw new UsageError(`unknown format ${options.format}: choose from ${exportFormats.join(', ')}`);
  const loaded = await loadBibliography(projectDir);
  ui.report(loaded.files);
  if (hasErrors(loaded.files)) return exitCodes.content;
  const items = loaded.items.map(({ custom: _custom, ...item }) => item as CslJsonItem);
  const text = exportBibliography(items, format);
  if (options.out === undefined) {
    process.stdout.write(text);
    return exitCodes.ok;
  }
  const outPath = resolveInside(projectDir, options.out);
  if (!outPath) throw new UsageError(`--out ${options.out} must be inside the project`);
  await writeFileAtomic(outPath, text);
  ui.info(`${items.length} items → ${options.out}`);
  return exitCodes.ok;
}
