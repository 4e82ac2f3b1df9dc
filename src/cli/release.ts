import { VFile } from 'vfile';
import { configFileName } from '../config/load.ts';
import { yamlPlaces } from '../config/validate-yaml.ts';
import type { SitePageRecord } from '../core/editions.ts';
import { hasErrors, report } from '../core/rules.ts';
import type { Book } from '../core/types.ts';
import { changeSummary, hasChanges } from '../editions/compare.ts';
import { editionRecord, noteParagraphs } from '../editions/record.ts';
import { loadRenderAssets } from '../io/assets.ts';
import { loadBuildableBook } from '../pipeline/build.ts';
import { advanceEdition, editionRecordPath, writeEditionRecord } from '../pipeline/edition-book.ts';
import { editionName } from '../render/edition.ts';
import { chapterHref, renderHtmlSite } from '../render/html/site.ts';
import { describeChanges } from './changes.ts';
import { exitCodes } from './errors.ts';
import type { Ui } from './ui.ts';

export interface ReleaseOptions {
  /** `--date YYYY-MM-DD`; else the edition's date in anthology.yaml. */
  date: string | undefined;
  /** `--note TEXT`, repeatable: added to the note in anthology.yaml. */
  note: string[];
}

/**
 * `anthology release`: records the book as it stands as the edition anthology.yaml names
 * (`editions/N.json`) and moves anthology.yaml on to the next. With nothing changed since the
 * last release it says so and records nothing. Dates come from --date or anthology.yaml, never the clock.
 */
export async function releaseCommand(projectDir: string, options: ReleaseOptions, ui: Ui): Promise<number> {
  // The pictures too: an edition is recorded only of a book that builds.
  const loaded = await loadBuildableBook(projectDir);
  const { book } = loaded;
  ui.report(loaded.files);
  const { current, previous, changes } = loaded;
  // Places in anthology.yaml, for the diagnostics below (parsed only if one is asked for).
  const configPlaces = yamlPlaces(textOf(loaded.files, configFileName));
  if (!book || !current || hasErrors(loaded.files)) {
    ui.error('the book has errors (see above); no edition was recorded');
    return exitCodes.content;
  }
  const number = current.edition;
  const released = loaded.records.find((record) => record.edition === number);
  if (released) {
    ui.diagnose(
      configFileName,
      'edition-already-released',
      `edition ${number} was released on ${released.date} (${editionRecordPath(number)}), and anthology.yaml still names it: set edition.number to ${Math.max(...loaded.records.map((record) => record.edition)) + 1} to prepare the next; nothing was recorded`,
      configPlaces.value(['edition', 'number']),
    );
    return exitCodes.content;
  }
  if (previous && changes && !hasChanges(changes)) {
    ui.info(`nothing has changed since edition ${previous.edition} (${previous.date}): nothing recorded`);
    return exitCodes.ok;
  }
  const date = options.date ?? book.config.edition.date;
  if (previous && date <= previous.date) {
    // On the date to change: anthology.yaml's, or, for a --date, the earlier edition's it must follow.
    const [file, place] =
      options.date === undefined
        ? [configFileName, configPlaces.value(['edition', 'date'])]
        : [editionRecordPath(previous.edition), yamlPlaces(textOf(loaded.files, editionRecordPath(previous.edition))).value(['date'])];
    ui.diagnose(
      file,
      'edition-date-not-after',
      `edition ${number} would be dated ${date}${options.date === undefined ? '' : ' (--date)'}, not after edition ${previous.edition} (${previous.date}): ${options.date === undefined ? 'set a later edition.date in anthology.yaml or give --date YYYY-MM-DD' : 'give a later --date'}; nothing was recorded`,
      place,
    );
    return exitCodes.content;
  }
  const note = [...current.note, ...options.note.flatMap((text) => noteParagraphs(text))];
  const record = editionRecord(
    book,
    loaded.texts,
    { edition: number, date, note },
    {
      formerIds: book.edition?.formerIds ?? {},
      site: sitePages(book, await loadRenderAssets(projectDir)),
      ...(previous && changes ? { since: previous.edition, summary: changeSummary(changes) } : {}),
    },
  );
  const written = await writeEditionRecord(projectDir, record);
  const notAdvanced = await advanceEdition(projectDir, number + 1, date);

  const notes = record.chapters.reduce((sum, chapter) => sum + chapter.notes.length, 0);
  ui.info(
    `released the ${editionName(number).toLowerCase()} (edition ${number}, ${date}): ${record.chapters.length} chapters, ${notes} notes, ${record.bibliography.length} bibliography items`,
  );
  if (previous && changes) for (const line of describeChanges(changes, current)) ui.info(`  ${line}`);
  const reminders = new VFile({ path: configFileName });
  if (notAdvanced)
    report(
      reminders,
      'edition-not-advanced',
      `recorded in ${written}; anthology.yaml was left as it was (${notAdvanced}): set edition.number to ${number + 1} to prepare the next`,
      configPlaces.value(['edition', 'number']),
    );
  else ui.info(`recorded in ${written}; anthology.yaml now prepares edition ${number + 1} (set its date when you know it)`);
  if (book.config.identifier.toLowerCase().startsWith('isbn:'))
    report(
      reminders,
      'edition-identifier-reused',
      `edition ${number + 1} needs its own ISBN: set identifier in anthology.yaml before you publish it`,
      configPlaces.value(['identifier']),
    );
  ui.report([reminders]);
  return exitCodes.ok;
}

/** The text of the loaded file at `relative` (JSON and YAML alike: `yamlPlaces` reads both). */
function textOf(files: readonly VFile[], relative: string): string {
  return String(files.find((file) => file.path === relative)?.value ?? '');
}

/** Every page of the edition's site, chapter pages with their chapter: later editions keep these addresses. */
function sitePages(book: Book, assets: Awaited<ReturnType<typeof loadRenderAssets>>): SitePageRecord[] {
  const chapterOf = new Map(book.chapters.map((chapter) => [chapterHref(chapter), chapter.slug]));
  return [...renderHtmlSite(book, assets).keys()]
    .filter((href) => href.endsWith('.html'))
    .sort()
    .map((href) => {
      const chapter = chapterOf.get(href);
      return chapter ? { href, chapter } : { href };
    });
}
