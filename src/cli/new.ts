import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { configFileName } from '../config/load.ts';
import { yamlPlaces } from '../config/validate-yaml.ts';
import { report } from '../core/rules.ts';
import { Staging } from '../io/stage.ts';
import { newBookFiles, titleFromFolder } from '../scaffold/new-book.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { Ui } from './ui.ts';

export interface NewOptions {
  title: string | undefined;
  editor: string[];
  publisher: string | undefined;
  language: string;
  /** The planned publication date; today's (UTC) when not given. */
  date: string | undefined;
}

/** anthology's own styles: the new book gets a copy it can change. */
const stylesDir = fileURLToPath(new URL('../../styles/', import.meta.url));

/**
 * `anthology new DIR`: a new book in a new (or empty) folder, anywhere: anthology.yaml with every
 * key commented, chapters/, bibliography/, styles/ (stylesheets and the CSL styles), a README
 * and a .gitignore. What it cannot know (the editors, the publisher) it leaves as placeholders
 * that `check` and `build` report.
 */
export async function newCommand(baseDir: string, dir: string, options: NewOptions, ui: Ui): Promise<number> {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(options.language)) throw new UsageError(`--language ${options.language}: expected a BCP 47 tag such as en-GB`);
  const target = path.resolve(baseDir, dir);
  const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : undefined));
  if (existing === undefined || existing.length > 0) {
    const reason = existing === undefined ? 'it is not a folder' : 'it is not empty';
    ui.diagnose(dir, 'new-folder-not-empty', `${dir} cannot be used: ${reason}; anthology new makes a book in a new or empty folder`);
    return exitCodes.content;
  }
  const editors = options.editor.map((name) => name.trim()).filter(Boolean);
  const title = options.title?.trim() || titleFromFolder(path.basename(target));
  // The only clock anthology reads: a new book's planned date, which the editor then owns in anthology.yaml.
  const date = options.date ?? new Date().toISOString().slice(0, 10);

  const files = newBookFiles({
    title,
    editors,
    publisher: options.publisher?.trim() || undefined,
    language: options.language,
    date,
    identifier: `urn:uuid:${randomUUID()}`,
  });
  // Made in a staging folder beside it and moved into place whole: a failed `new` leaves nothing.
  const name = path.basename(target);
  const staging = await Staging.create(path.dirname(target));
  let copied: { csl: number };
  try {
    await mkdir(staging.path(path.join(name, 'chapters')), { recursive: true });
    for (const [file, text] of files) await staging.writeFile(path.join(name, file), text);
    copied = await copyStyles(stylesDir, staging.path(path.join(name, 'styles')));
    await staging.commit(name);
  } finally {
    await staging.dispose();
  }

  const shown = path.relative(baseDir, target) || '.';
  ui.info(`new book in ${shown}: anthology.yaml, chapters/, bibliography/, styles/ (${copied.csl} citation styles), README.md, .gitignore`);
  if (!options.title) ui.info(`  title “${title}”, from the folder’s name: change it in anthology.yaml`);
  // What `check` and `build` will report until it is filled in, at the placeholder itself.
  const placeholders = new VFile({ path: path.join(shown, configFileName) });
  const places = yamlPlaces(files.get(configFileName) ?? '');
  if (editors.length === 0)
    report(
      placeholders,
      'new-placeholder',
      'no --editor given: anthology.yaml has a placeholder for the editors until you put their names',
      places.value(['editors', 0]),
    );
  if (!options.publisher?.trim())
    report(placeholders, 'new-placeholder', 'no --publisher given: anthology.yaml has a placeholder for the publisher', places.value(['publisher']));
  ui.report([placeholders]);
  ui.info(`next: cd ${shown} && anthology add SOURCE… && anthology build`);
  return exitCodes.ok;
}

/** Copies the stylesheets and every bundled CSL style and locale (with their licence README). */
async function copyStyles(from: string, to: string): Promise<{ csl: number }> {
  await mkdir(path.join(to, 'csl'), { recursive: true });
  for (const name of ['site.css', 'epub.css', 'print.css']) await copyFile(path.join(from, name), path.join(to, name));
  const csl = (await readdir(path.join(from, 'csl'))).filter((name) => /\.(csl|xml|md)$/.test(name)).sort();
  for (const name of csl) await copyFile(path.join(from, 'csl', name), path.join(to, 'csl', name));
  return { csl: csl.filter((name) => name.endsWith('.csl')).length };
}
