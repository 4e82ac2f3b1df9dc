import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { VFile } from 'vfile';
import { loadBookConfig } from '../config/load.ts';
import type { BookConfig } from '../config/schema.ts';
import { hasErrors, report } from '../core/rules.ts';
import { pieceToMarkdown } from '../import/chapter-markdown.ts';
import { looksBinary } from '../import/detect.ts';
import { chapterImagePath, localImages, type RemoteImage, remoteImages } from '../import/images.ts';
import { formatNames, importSource, type SourceImport } from '../import/import.ts';
import { renderImportReview } from '../import/review.ts';
import { addToContents } from '../io/add-to-contents.ts';
import { loadBibliography, managedBibliographyFile, managedBibliographyItems, serialiseBibliography } from '../io/bibliography.ts';
import { citeChapterText } from '../io/cite-chapters.ts';
import { resolveInside } from '../io/read.ts';
import { copyFileAtomic, writeFileAtomic } from '../io/stage.ts';
import { type EditedPolicy, type PlannedChapter, planChapterWrites, writeChapters } from '../io/write-chapters.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { Ui } from './ui.ts';

export interface ImportCommandOptions {
  out: string;
  force: boolean;
  beside: boolean;
  report: string | undefined;
  addToContents: boolean;
  postTypes: string[];
  drafts: boolean;
  /** `--author NAME`: the sources are the editor's own blog, so pieces without a byline are NAME's. */
  author: string | undefined;
  /** Parse notes into the shared bibliography and cite by key (`--no-cite` to keep them as typed). */
  cite: boolean;
}

type SourceSettings = NonNullable<BookConfig['sources']>[string];

interface PreparedChapter extends PlannedChapter {
  title: string;
  images: { from: string; to: string }[];
  remoteImages: RemoteImage[];
}

/** `anthology import SOURCE...`: turns sources into chapter files. Writes nothing if anything is wrong. */
export async function importCommand(projectDir: string, sources: readonly string[], options: ImportCommandOptions, ui: Ui): Promise<number> {
  if (options.force && options.beside) throw new UsageError('--force and --beside exclude each other');
  const outDir = resolveInside(projectDir, options.out);
  if (!outDir) throw new UsageError(`--out ${options.out} must be a folder inside the project`);
  const reportPath = options.report === undefined ? undefined : resolveInside(projectDir, options.report);
  if (options.report !== undefined && !reportPath) throw new UsageError(`--report ${options.report} must be inside the project`);

  if (options.author !== undefined && options.author.trim() === '') throw new UsageError('--author needs a name');
  const { file: configFile, config } = await loadBookConfig(projectDir);
  // Without anthology.yaml an import still works; a broken one must not be half-read (its `sources` settings say who wrote what).
  const configProblems = configFile.messages.filter((message) => message.ruleId !== 'config-missing');
  if (configProblems.length > 0) ui.report([configFile]);
  if (config === undefined && hasErrors([configFile]) && configProblems.length > 0) {
    ui.error('nothing was imported: fix anthology.yaml first');
    return exitCodes.content;
  }
  const slugger = new GithubSlugger();
  const imports: SourceImport[] = [];
  const prepared = new Map<SourceImport, PreparedChapter[]>();
  for (const source of sources) {
    const file = await readSource(projectDir, source);
    const result = file.messages.some((message) => message.fatal)
      ? { file, format: undefined, chapters: [], lines: [] }
      : importSource(
          file,
          {
            defaultAuthor: options.author?.trim() ?? sourceSettings(config, projectDir, source)?.author,
            postTypes: options.postTypes,
            includeDrafts: options.drafts,
          },
          slugger,
        );
    imports.push(result);
    prepared.set(result, await prepareChapters(result, path.dirname(path.resolve(projectDir, source)), outDir));
  }
  const files = imports.map((result) => result.file);
  ui.report(files);
  if (hasErrors(files)) {
    ui.error('nothing was imported: fix the sources above and try again');
    return exitCodes.content;
  }

  const relativeOut = path.relative(projectDir, outDir).split(path.sep).join('/');
  // Notes become citations of the shared bibliography before anything is written.
  const bibliography = options.cite ? await loadBibliography(projectDir) : undefined;
  const managed = bibliography ? managedBibliographyItems(bibliography) : [];
  const citeFiles: VFile[] = [];
  if (options.cite) {
    for (const chapter of [...prepared.values()].flat()) {
      const cited = citeChapterText(`${relativeOut}/${chapter.fileName}`, chapter.markdown, managed, projectDir);
      chapter.markdown = cited.text;
      citeFiles.push(cited.file);
    }
    ui.report([...(bibliography?.files ?? []), ...citeFiles]);
    if (hasErrors([...(bibliography?.files ?? []), ...citeFiles])) {
      ui.error('nothing was imported: the bibliography or the imported notes have errors');
      return exitCodes.content;
    }
  }

  const chapters = [...prepared.values()].flat();
  const plans = await planChapterWrites(outDir, chapters);
  const edited = plans.filter((plan) => plan.action === 'edited');
  const policy: EditedPolicy = options.force ? 'force' : options.beside ? 'beside' : 'refuse';
  if (edited.length > 0 && policy === 'refuse') {
    ui.error(
      `${edited.length} chapter file${edited.length === 1 ? ' was' : 's were'} edited since the last import and would be overwritten:\n${edited
        .map((plan) => `  ${path.join(options.out, plan.fileName)}`)
        .join('\n')}\nNothing was written. Use --beside to write the new versions next to them, or --force to overwrite.`,
    );
    return exitCodes.content;
  }
  const written = await writeChapters(outDir, chapters, plans, policy);
  for (const image of chapters.flatMap((chapter) => chapter.images)) await copyFileAtomic(image.from, image.to);
  if (options.cite) await writeFileAtomic(path.join(projectDir, managedBibliographyFile), serialiseBibliography(managed));
  const added = options.addToContents
    ? await addToContents(
        projectDir,
        chapters.map((chapter) => `${relativeOut}/${chapter.fileName}`),
      )
    : [];

  for (const result of imports) {
    const counts = { kept: 0, metadata: 0, dropped: 0, blank: 0 };
    for (const line of result.lines) counts[line.fate]++;
    ui.info(
      `${result.file.path}: ${result.chapters.length} pieces; ${result.lines.length} lines: ${counts.kept} kept in bodies, ${counts.metadata} moved to front matter, ${counts.dropped} dropped, ${counts.blank} blank`,
    );
    for (const chapter of prepared.get(result) ?? []) ui.detail(`  ${chapter.fileName}  ${chapter.title}`);
  }
  const remote = chapters.flatMap((chapter) => chapter.remoteImages.map((image) => ({ chapter: chapter.fileName, ...image })));
  if (remote.length > 0) ui.info(`${remote.length} remote image${remote.length === 1 ? '' : 's'} not fetched: supply the files (listed in the report)`);
  const unchanged = plans.filter((plan) => plan.action === 'unchanged').length;
  ui.info(
    `wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${relativeOut}/${unchanged > 0 ? ` (${unchanged} unchanged)` : ''}${added.length > 0 ? `; added ${added.length} to contents in anthology.yaml` : ''}`,
  );
  if (reportPath) {
    const review = imports.map((result) => ({
      file: result.file,
      format: result.format ? formatNames[result.format] : 'unknown',
      chapters: (prepared.get(result) ?? []).map((chapter) => ({ file: `${relativeOut}/${chapter.fileName}`, title: chapter.title })),
      lines: result.lines,
      remoteImages: (prepared.get(result) ?? []).flatMap((chapter) =>
        chapter.remoteImages.map((image) => ({ chapter: `${relativeOut}/${chapter.fileName}`, ...image })),
      ),
    }));
    const json = {
      sources: review.map((source) => ({
        file: source.file.path,
        format: source.format,
        chapters: source.chapters,
        remoteImages: source.remoteImages,
        lines: source.lines,
        messages: source.file.messages.map((message) => ({
          line: message.line,
          column: message.column,
          rule: message.ruleId,
          reason: message.reason,
          severity: severityOf(message.fatal),
        })),
      })),
    };
    await writeFileAtomic(reportPath, `${JSON.stringify(json, null, 2)}\n`);
    const reviewPath = `${reportPath.replace(/\.json$/i, '')}.html`;
    await writeFileAtomic(reviewPath, renderImportReview(review));
    ui.info(`report ${path.relative(projectDir, reportPath)}, review page ${path.relative(projectDir, reviewPath)}`);
  }
  return exitCodes.ok;
}

/**
 * The settings anthology.yaml gives a source under `sources`: those of the source's own path, or
 * of the nearest folder holding it.
 */
export function sourceSettings(config: BookConfig | undefined, projectDir: string, source: string): SourceSettings | undefined {
  const relative = path.relative(projectDir, path.resolve(projectDir, source)).split(path.sep).join('/');
  const keys = Object.keys(config?.sources ?? {})
    .map((key) => ({ key, path: key.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') }))
    .filter(({ path: keyPath }) => relative === keyPath || relative.startsWith(`${keyPath}/`))
    .sort((a, b) => b.path.length - a.path.length);
  const nearest = keys[0];
  return nearest ? config?.sources?.[nearest.key] : undefined;
}

function severityOf(fatal: boolean | null | undefined): 'error' | 'warning' | 'info' {
  return fatal ? 'error' : fatal === false ? 'warning' : 'info';
}

/**
 * Serialises each imported piece, after pointing its local images at `images/<slug>/` beside the
 * chapter (they are copied with the chapter) and reporting images that cannot be found.
 */
async function prepareChapters(result: SourceImport, sourceDir: string, outDir: string): Promise<PreparedChapter[]> {
  const prepared: PreparedChapter[] = [];
  for (const { slug, piece } of result.chapters) {
    const images: { from: string; to: string }[] = [];
    const used = new Set<string>();
    for (const reference of localImages(piece.body)) {
      const from = path.resolve(sourceDir, decodeURIComponent(reference.src.split(/[?#]/)[0] ?? ''));
      if (!(await isFile(from))) {
        report(
          result.file,
          'import-image-missing',
          `image ${reference.src} (in “${piece.meta.title}”) was not found next to the source; the chapter shows a placeholder`,
          reference.figure.position?.start ? { line: reference.figure.position.start.line, column: reference.figure.position.start.column } : undefined,
        );
        const { src: _missing, ...attributes } = reference.figure.attributes ?? {};
        reference.figure.attributes = { ...attributes, missing: reference.src };
        continue;
      }
      let name = path.basename(from).replace(/[^\w.-]+/g, '-');
      while (used.has(name)) name = `1-${name}`;
      used.add(name);
      const relative = chapterImagePath(slug, name);
      images.push({ from, to: path.join(outDir, relative) });
      reference.figure.attributes = { ...reference.figure.attributes, src: relative };
    }
    prepared.push({ fileName: `${slug}.md`, title: piece.meta.title, markdown: pieceToMarkdown(piece), images, remoteImages: remoteImages(piece.body) });
  }
  return prepared;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Reads a source as UTF-8 text, refusing binary files and invalid encodings with a located message. */
async function readSource(projectDir: string, source: string): Promise<VFile> {
  const absolute = path.resolve(projectDir, source);
  const inside = resolveInside(projectDir, source);
  const file = new VFile({ path: inside ? path.relative(projectDir, absolute) : absolute, cwd: projectDir });
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    report(file, 'import-unreadable', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code})`);
    return file;
  }
  if (looksBinary(bytes)) {
    report(file, 'import-binary', 'this is a binary file, not text: import HTML, Markdown, XML, JSON or plain text', { line: 1, column: 1 });
    return file;
  }
  try {
    file.value = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const bad = firstInvalidUtf8(bytes);
    report(file, 'import-encoding', 'the file is not valid UTF-8 text: re-save it as UTF-8', bad);
  }
  return file;
}

function firstInvalidUtf8(bytes: Buffer): { line: number; column: number } {
  let low = 0;
  let high = bytes.length;
  // Binary search for the longest valid prefix (a cut inside a character is not an error with stream).
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  const valid = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, low), { stream: true });
  const lines = valid.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
