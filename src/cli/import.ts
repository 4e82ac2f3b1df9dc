import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import { citeChapterText, reportUnknownCitations } from '../cite/cite-chapter.ts';
import type { BookConfig } from '../config/schema.ts';
import type { BibliographyItem } from '../core/citations.ts';
import { placeOfText } from '../core/place.ts';
import { hasErrors, report } from '../core/rules.ts';
import { pieceToMarkdown } from '../import/chapter-markdown.ts';
import { isImageName } from '../import/detect.ts';
import { chapterImagePath, localImages, type RemoteImage, remoteImages, unusedImageName } from '../import/images.ts';
import { formatNames, type SourceImport, skippedReasons } from '../import/import.ts';
import { renderImportReview } from '../import/review.ts';
import type { SourceInput } from '../import/types.ts';
import { loadBibliography, managedBibliographyFile, managedBibliographyItems, serialiseBibliography } from '../io/bibliography.ts';
import { loadBookConfig } from '../io/book-config.ts';
import { addToContents } from '../io/edit-config.ts';
import type { FetchedImage } from '../io/fetch-image.ts';
import { copyPostBibliography, findSiteBibliographies, readPostBibliography } from '../io/post-bibliography.ts';
import { resolveInside } from '../io/read.ts';
import { importSourcePath } from '../io/read-source.ts';
import { findAuthorData, findFolderMetadata } from '../io/site-data.ts';
import { copyFileAtomic, writeFileAtomic } from '../io/stage.ts';
import { type EditedPolicy, type PlannedChapter, planChapterWrites, writeChapters } from '../io/write-chapters.ts';
import { exitCodes, UsageError } from './errors.ts';
import { type FetchImagesOptions, fetchRemoteFigures, placeFetchedImages } from './fetch-images.ts';
import { chapterIdsOutside, giveFreeIds } from './project-chapter-ids.ts';
import { diagnosticOn, type Ui } from './ui.ts';

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
  /** `--fetch-images`: download the pictures the posts show from the web (`--fetch-local`: from private networks too). */
  fetchImages?: FetchImagesOptions;
  /** Where new chapters go in `contents` (`anthology add`: by date); by default, at the end. Returns the paths added. */
  placeInContents?: (projectDir: string, chapterPaths: readonly string[]) => Promise<string[]>;
}

type SourceSettings = NonNullable<BookConfig['sources']>[string];

interface PreparedChapter extends PlannedChapter {
  title: string;
  /** Images to copy next to the chapter: from a file on disk, or from bytes unpacked from a zip. */
  images: ({ from: string; to: string } | { bytes: Uint8Array; to: string })[];
  remoteImages: RemoteImage[];
  /** The post's own bibliography files (`bibliography:`), read from beside it, to copy into bibliography/. */
  bibliographies: { written: string; name: string; bytes: Uint8Array }[];
}

/** `anthology import SOURCE...`: turns sources into chapter files. Writes nothing if anything is wrong. */
export async function importCommand(projectDir: string, sources: readonly string[], options: ImportCommandOptions, ui: Ui): Promise<number> {
  const { outDir, reportPath } = checkedPaths(projectDir, options);
  const { file: configFile, config } = await loadBookConfig(projectDir);
  // Without anthology.yaml an import still works; a broken one must not be half-read (its `sources` settings say who wrote what).
  const configProblems = configFile.messages.filter((message) => message.ruleId !== 'config-missing');
  if (configProblems.length > 0) ui.report([configFile]);
  if (config === undefined && hasErrors([configFile]) && configProblems.length > 0) {
    ui.error('nothing was imported: fix anthology.yaml first');
    return exitCodes.content;
  }
  const { imports, prepared } = await importSources(projectDir, sources, outDir, config, options, ui);
  const files = imports.flatMap(sourceFiles);
  ui.report(files);
  if (hasErrors(files)) {
    ui.error('nothing was imported: fix the sources above and try again');
    return exitCodes.content;
  }

  const relativeOut = path.relative(projectDir, outDir).split(path.sep).join('/');
  const chapters = [...prepared.values()].flat();
  // Notes become citations of the shared bibliography before anything is written.
  const managed = options.cite ? await citeImportedNotes(projectDir, relativeOut, chapters, ui) : [];
  if (managed === undefined) return exitCodes.content;

  const plans = await planChapterWrites(outDir, chapters);
  const policy: EditedPolicy = options.force ? 'force' : options.beside ? 'beside' : 'refuse';
  const edited = plans.filter((plan) => plan.action === 'edited');
  if (edited.length > 0 && policy === 'refuse') {
    ui.report(
      edited.map((plan) =>
        diagnosticOn(
          path.posix.join(relativeOut, plan.fileName),
          'import-exists',
          'this chapter file was edited since the last import and would be overwritten',
          {
            line: 1,
            column: 1,
          },
        ),
      ),
    );
    ui.error(`nothing was written: use --beside to write the new versions next to ${edited.length === 1 ? 'it' : 'them'}, or --force to overwrite`);
    return exitCodes.content;
  }
  const written = await writeChapters(outDir, chapters, plans, policy);
  for (const image of chapters.flatMap((chapter) => chapter.images)) {
    if ('bytes' in image) await writeFileAtomic(image.to, image.bytes);
    else await copyFileAtomic(image.from, image.to);
  }
  await copyBibliographies(projectDir, chapters, ui, options.force);
  if (options.cite) await writeFileAtomic(path.join(projectDir, managedBibliographyFile), serialiseBibliography(managed));
  await reportCitationsUnknown(projectDir, relativeOut, chapters, ui);
  const place = options.placeInContents ?? addToContents;
  const added = options.addToContents
    ? await place(
        projectDir,
        chapters.map((chapter) => `${relativeOut}/${chapter.fileName}`),
      )
    : [];

  for (const result of imports) reportSourceImported(result, prepared.get(result) ?? [], ui);
  const attribution = attributionSummary(files);
  if (attribution) ui.info(attribution);
  const remote = chapters.flatMap((chapter) => chapter.remoteImages.map((image) => ({ chapter: chapter.fileName, ...image })));
  const fetchedCount = files.reduce((total, file) => total + file.messages.filter((message) => message.ruleId === 'import-image-fetched').length, 0);
  if (fetchedCount > 0) ui.info(`${fetchedCount} image${fetchedCount === 1 ? '' : 's'} fetched from the web into ${relativeOut}/images/`);
  if (remote.length > 0)
    ui.info(
      `${remote.length} remote image${remote.length === 1 ? '' : 's'} not fetched: supply the files (listed in the report)${options.fetchImages ? '' : ', or import again with --fetch-images'}`,
    );
  const unchanged = plans.filter((plan) => plan.action === 'unchanged').length;
  ui.info(
    `wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${relativeOut}/${unchanged > 0 ? ` (${unchanged} unchanged)` : ''}${added.length > 0 ? `; added ${added.length} to contents in anthology.yaml` : ''}`,
  );
  if (reportPath) {
    const reviewPath = await writeImportReport(reportPath, imports, prepared, relativeOut);
    ui.info(`report ${path.relative(projectDir, reportPath)}, review page ${path.relative(projectDir, reviewPath)}`);
  }
  return exitCodes.ok;
}

/** The chapters folder and report file, inside the project; a usage error for options that cannot go together. */
function checkedPaths(projectDir: string, options: ImportCommandOptions): { outDir: string; reportPath: string | undefined } {
  if (options.force && options.beside) throw new UsageError('--force and --beside exclude each other');
  const outDir = resolveInside(projectDir, options.out);
  if (!outDir) throw new UsageError(`--out ${options.out} must be a folder inside the project`);
  const reportPath = options.report === undefined ? undefined : resolveInside(projectDir, options.report);
  if (options.report !== undefined && !reportPath) throw new UsageError(`--report ${options.report} must be inside the project`);
  if (options.author !== undefined && options.author.trim() === '') throw new UsageError('--author needs a name');
  return { outDir, reportPath };
}

/** Each source imported, with the chapters prepared from it (nothing written yet). */
async function importSources(
  projectDir: string,
  sources: readonly string[],
  outDir: string,
  config: BookConfig | undefined,
  options: ImportCommandOptions,
  ui: Ui,
): Promise<{ imports: SourceImport[]; prepared: Map<SourceImport, PreparedChapter[]> }> {
  for (const source of sources) {
    // A folder holding the chapters would import what earlier imports wrote (`anthology import .`).
    if (await holdsFolder(path.resolve(projectDir, source), outDir))
      throw new UsageError(`${source} holds the chapters folder (${options.out}): import the folder of posts, not one around the chapters`);
  }
  const slugger = new GithubSlugger();
  const taken = await chapterIdsOutside(projectDir, config, outDir);
  const relativeOut = path.relative(projectDir, outDir).split(path.sep).join('/');
  const imports: SourceImport[] = [];
  const prepared = new Map<SourceImport, PreparedChapter[]>();
  const fetched = options.fetchImages ? new Map<string, FetchedImage>() : undefined;
  for (const source of sources) {
    const authorData = await findAuthorData(projectDir, source);
    const siteBibliographies = await findSiteBibliographies(projectDir, source);
    const folderMetadata = await findFolderMetadata(projectDir, source, (file) =>
      ui.diagnose(
        file,
        'import-folder-metadata-outside',
        `${file} is a link that leads outside the project or ${source}: not read, so no post is credited to the authors it names`,
      ),
    );
    const { input, result } = await importSourcePath(
      projectDir,
      source,
      {
        defaultAuthor: options.author?.trim() ?? sourceSettings(config, projectDir, source)?.author,
        ...(authorData ? { authorData } : {}),
        ...(siteBibliographies.length > 0 ? { siteBibliographies } : {}),
        ...(folderMetadata.length > 0 ? { folderMetadata } : {}),
        postTypes: options.postTypes,
        includeDrafts: options.drafts,
      },
      slugger,
    );
    giveFreeIds(result, taken, slugger, relativeOut);
    imports.push(result);
    if (fetched && options.fetchImages)
      await fetchRemoteFigures(
        result.chapters.map((chapter) => chapter.piece.body),
        options.fetchImages,
        fetched,
      );
    prepared.set(result, await prepareChapters(result, input, projectDir, outDir, fetched));
  }
  return { imports, prepared };
}

/**
 * The chapters' notes rewritten as citations of the shared bibliography (in place); returns the
 * managed bibliography to write, or undefined (reported) when it or the notes have errors.
 */
async function citeImportedNotes(projectDir: string, relativeOut: string, chapters: PreparedChapter[], ui: Ui): Promise<BibliographyItem[] | undefined> {
  const bibliography = await loadBibliography(projectDir);
  const managed = managedBibliographyItems(bibliography);
  const citeFiles: VFile[] = [];
  for (const chapter of chapters) {
    const cited = citeChapterText(`${relativeOut}/${chapter.fileName}`, chapter.markdown, managed, projectDir);
    chapter.markdown = cited.text;
    citeFiles.push(cited.file);
  }
  ui.report([...bibliography.files, ...citeFiles]);
  if (hasErrors([...bibliography.files, ...citeFiles])) {
    ui.error('nothing was imported: the bibliography or the imported notes have errors');
    return undefined;
  }
  return managed;
}

/**
 * Each `[@key]` a chapter kept (a Quarto or Pandoc post's) whose key the book's bibliography, with
 * the posts' own bibliographies now copied into it, does not hold: said now, not first at build.
 */
async function reportCitationsUnknown(projectDir: string, relativeOut: string, chapters: readonly PreparedChapter[], ui: Ui): Promise<void> {
  const citing = chapters.filter((chapter) => /\[[^\]]*@/.test(chapter.markdown));
  if (citing.length === 0) return;
  const known = new Set((await loadBibliography(projectDir)).items.map((item) => item.id));
  ui.report(citing.map((chapter) => reportUnknownCitations(`${relativeOut}/${chapter.fileName}`, chapter.markdown, known, projectDir)));
}

/** What became of one source's lines and files, and the chapters it gave. */
function reportSourceImported(result: SourceImport, chapters: readonly PreparedChapter[], ui: Ui): void {
  const lines = [...result.lines, ...(result.members ?? []).flatMap((member) => member.lines)];
  const counts = { kept: 0, metadata: 0, dropped: 0, blank: 0 };
  for (const line of lines) counts[line.fate]++;
  const members = result.members;
  const read = members ? ` from ${members.filter((member) => !member.skipped).length} of ${members.length} files` : '';
  ui.info(
    `${result.file.path}: ${result.chapters.length} pieces${read}; ${lines.length} lines: ${counts.kept} kept in bodies, ${counts.metadata} moved to front matter, ${counts.dropped} dropped, ${counts.blank} blank`,
  );
  const skipped = members?.filter((member) => member.skipped).length ?? 0;
  if (members && skipped > 0)
    ui.info(
      `  left out ${skipped} file${skipped === 1 ? '' : 's'}:\n${skippedReasons(members)
        .map((reason) => `    ${reason}`)
        .join('\n')}`,
    );
  for (const chapter of chapters) ui.detail(`  ${chapter.fileName}  ${chapter.title}`);
}

/** `--report`: the JSON account of every line and message, and the review page beside it; returns the page's path. */
async function writeImportReport(
  reportPath: string,
  imports: readonly SourceImport[],
  prepared: ReadonlyMap<SourceImport, PreparedChapter[]>,
  relativeOut: string,
): Promise<string> {
  const review = imports.map((result) => ({
    file: result.file,
    format: result.format ? formatNames[result.format] : 'unknown',
    chapters: (prepared.get(result) ?? []).map((chapter) => ({ file: `${relativeOut}/${chapter.fileName}`, title: chapter.title })),
    lines: result.lines,
    ...(result.members ? { members: result.members, container: result.container } : {}),
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
      messages: messagesOf(source.file),
      ...(source.members
        ? {
            members: source.members.map((member) => ({
              file: member.file?.path ?? `${source.file.path}${source.container === 'zip' ? ':' : '/'}${member.name}`,
              name: member.name,
              ...(member.role ? { readAs: member.role } : {}),
              ...(member.skipped ? { skipped: member.skipped } : {}),
              lines: member.lines,
              messages: member.file ? messagesOf(member.file) : [],
            })),
          }
        : {}),
    })),
  };
  await writeFileAtomic(reportPath, `${JSON.stringify(json, null, 2)}\n`);
  const reviewPath = `${reportPath.replace(/\.json$/i, '')}.html`;
  await writeFileAtomic(reviewPath, renderImportReview(review));
  return reviewPath;
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

function messagesOf(file: VFile) {
  return file.messages.map((message) => ({
    line: message.line,
    column: message.column,
    rule: message.ruleId,
    reason: message.reason,
    severity: severityOf(message.fatal),
  }));
}

/** The files a source's messages are on: the source itself and, for an archive or folder, each file in it. */
function sourceFiles(result: SourceImport): VFile[] {
  return [result.file, ...(result.members ?? []).flatMap((member) => (member.file ? [member.file] : []))];
}

/** `authors: 2 left empty (the source names nobody), 1 credited to the --author you gave; dates: 1 ambiguous`: what to check before anything else. */
function attributionSummary(files: readonly VFile[]): string | undefined {
  const count = (ruleId: string) => files.reduce((total, file) => total + file.messages.filter((message) => message.ruleId === ruleId).length, 0);
  const authors = [
    [count('import-author-unknown'), 'left empty (the source names nobody)'],
    [count('import-author-assumed'), 'credited to the author you named for the source'],
    [count('import-author-inferred'), 'read from indirect evidence'],
  ] as const;
  const dates = [
    [count('import-date-ambiguous'), 'ambiguous (day or month?)'],
    [count('import-date-unreadable'), 'unreadable'],
    [count('import-date-inferred'), 'read from an address'],
  ] as const;
  const part = (label: string, entries: readonly (readonly [number, string])[]) => {
    const listed = entries.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
    return listed.length > 0 ? `${label}: ${listed.join(', ')}` : undefined;
  };
  const parts = [part('authors', authors), part('dates', dates)].filter((text): text is string => text !== undefined);
  return parts.length > 0 ? `check the front matter — ${parts.join('; ')} (each warning above names the line)` : undefined;
}

function severityOf(fatal: boolean | null | undefined): 'error' | 'warning' | 'info' {
  return fatal ? 'error' : fatal === false ? 'warning' : 'info';
}

/**
 * Serialises each imported piece, after pointing its local images at `images/<slug>/` beside the
 * chapter (they are copied with the chapter) and reporting images that cannot be found. An image
 * is looked for beside the file the piece came from: inside a zip, only in the zip; on disk, only
 * inside the project or the source's own folder, and only if it is a picture.
 */
async function prepareChapters(
  result: SourceImport,
  input: SourceInput,
  projectDir: string,
  outDir: string,
  fetched: ReadonlyMap<string, FetchedImage> | undefined,
): Promise<PreparedChapter[]> {
  const prepared: PreparedChapter[] = [];
  for (const { slug, piece, member } of result.chapters) {
    const images: PreparedChapter['images'] = [];
    const used = new Set<string>();
    const memberFile = result.members?.find((candidate) => candidate.name === member)?.file ?? result.file;
    for (const reference of localImages(piece.body)) {
      const found = await findImage(reference.src, member, input, projectDir);
      if ('problem' in found) {
        report(
          memberFile,
          'import-image-missing',
          `image ${reference.src} (in “${piece.meta.title}”) ${found.problem}; the chapter shows a placeholder`,
          reference.figure.position?.start
            ? { line: reference.figure.position.start.line, column: reference.figure.position.start.column }
            : placeOfText(String(memberFile.value ?? ''), reference.src),
        );
        const { src: _missing, ...attributes } = reference.figure.attributes ?? {};
        reference.figure.attributes = { ...attributes, missing: reference.src };
        continue;
      }
      const relative = chapterImagePath(slug, unusedImageName(found.name, used));
      const to = path.join(outDir, relative);
      images.push('bytes' in found ? { bytes: found.bytes, to } : { from: found.from, to });
      reference.figure.attributes = { ...reference.figure.attributes, src: relative };
    }
    if (fetched)
      for (const picture of placeFetchedImages(piece.body, slug, fetched, memberFile, used))
        images.push({ bytes: picture.bytes, to: path.join(outDir, picture.relative) });
    const bibliographies = await readBibliographies(piece, member, input, projectDir, memberFile);
    prepared.push({
      fileName: `${slug}.md`,
      title: piece.meta.title,
      markdown: pieceToMarkdown(piece),
      images,
      remoteImages: remoteImages(piece.body),
      bibliographies,
    });
  }
  return prepared;
}

/** The bibliography files a post names, read; each that cannot be is a warning at the front matter's `bibliography:` line. */
async function readBibliographies(
  piece: SourceImport['chapters'][number]['piece'],
  member: string | undefined,
  input: SourceInput,
  projectDir: string,
  file: VFile,
): Promise<PreparedChapter['bibliographies']> {
  const read: PreparedChapter['bibliographies'] = [];
  for (const written of piece.bibliography?.files ?? []) {
    const found = await readPostBibliography(written, member, input, projectDir);
    if ('problem' in found)
      report(
        file,
        'import-bibliography-missing',
        `the bibliography ${written} ${found.problem}: the post's citations of it stay unresolved until its works are in bibliography/`,
        {
          line: piece.bibliography?.line ?? 1,
          column: 1,
        },
      );
    else read.push({ written, ...found });
  }
  return read;
}

/** Copies each post's bibliography into bibliography/ (never over another file, nor over an edited copy unless forced) and says where it went. */
async function copyBibliographies(projectDir: string, chapters: readonly PreparedChapter[], ui: Ui, force: boolean): Promise<void> {
  for (const chapter of chapters) {
    for (const bibliography of chapter.bibliographies) {
      const copied = await copyPostBibliography(projectDir, bibliography, force);
      const from = `${bibliography.written} (named by “${chapter.title}”)`;
      if (copied.present) ui.info(`bibliography ${from} is already in ${copied.path}`);
      else if (copied.replaced) ui.info(`updated ${copied.path} from the bibliography ${from}: ${entriesAdded(copied.replaced.added)}`);
      else if (copied.kept?.added.length === 0)
        ui.info(`bibliography ${from}: ${copied.path} holds each of its entries (edited since, between them): left as it is`);
      else if (copied.kept)
        ui.diagnose(
          copied.path,
          'import-bibliography-edited',
          `this file was edited since an import copied it (or is not an import's copy), so the bibliography ${from} did not replace it: it adds ${copied.kept.added.join(', ')}; copy those by hand, or import again with --force to replace the file`,
          { line: 1, column: 1 },
        );
      else
        ui.info(
          `copied the bibliography ${from} to ${copied.path}${copied.renamed ? `: bibliography/${bibliography.name} is another file, left as it was` : ''}${copied.shared ? ` (both define ${copied.shared.join(', ')}: keep one of each, or check reports them defined twice)` : ''}`,
        );
    }
  }
}

/** `2 entries added (knuth, ruby)`; none when only the text between entries or their order changed. */
function entriesAdded(keys: readonly string[]): string {
  if (keys.length === 0) return 'no entry added (the earlier copy’s entries are unchanged in it)';
  return `${keys.length} ${keys.length === 1 ? 'entry' : 'entries'} added (${keys.join(', ')})`;
}

type FoundImage = { name: string; from: string } | { name: string; bytes: Uint8Array } | { problem: string };

/** Where a post's local image is: in the zip beside its file, or on disk beside it (never outside the project or the source's folder). */
async function findImage(src: string, member: string | undefined, input: SourceInput, projectDir: string): Promise<FoundImage> {
  let address: string;
  try {
    address = decodeURIComponent(src.split(/[?#]/)[0] ?? '');
  } catch {
    return { problem: 'is not a valid address' };
  }
  // An address from the site's root (`/wp-content/…`): a saved site (a folder or a zip) is that root; a page saved alone does not say which site it came from.
  const fromRoot = address.startsWith('/') && !address.startsWith('//');
  if (fromRoot && input.kind === 'file')
    return { problem: 'is an address on the site the page came from (it starts with /), and a page saved alone does not say which site that is: not copied' };
  if (input.kind === 'archive' && input.archive.container === 'zip') {
    const name = path.posix.normalize(fromRoot ? address.slice(1) : path.posix.join(path.posix.dirname(member ?? ''), address));
    if (name.startsWith('../') || name.startsWith('/')) return { problem: 'points outside the archive' };
    const entry = input.archive.entries.find((candidate) => candidate.name === name);
    if (!entry?.bytes || !isImageName(name)) return { problem: 'was not found in the archive' };
    return { name: path.posix.basename(name), bytes: entry.bytes };
  }
  const sourcePath = path.resolve(projectDir, input.kind === 'file' ? input.file.path : input.archive.file.path);
  const sourceDir = input.kind === 'file' ? path.dirname(sourcePath) : sourcePath;
  const from = fromRoot ? path.join(sourceDir, address) : path.resolve(path.join(sourceDir, path.dirname(member ?? '.')), address);
  // Where the picture really is: a symbolic link beside the post may lead anywhere.
  const real = await realpath(from).catch(() => from);
  const inside = async (root: string) => {
    const back = path.relative(await realpath(root).catch(() => root), real);
    return back !== '' && !back.startsWith('..') && !path.isAbsolute(back);
  };
  if (!(await inside(path.resolve(projectDir))) && !(await inside(sourceDir)))
    return { problem: 'points outside the project and the source’s folder: not copied' };
  if (!isImageName(from)) return { problem: 'is not a picture file: not copied' };
  if (!(await isFile(from))) return { problem: 'was not found next to the source' };
  return { name: path.basename(from), from };
}

/** Whether `folder` is a folder that is `inner` or holds it. */
async function holdsFolder(folder: string, inner: string): Promise<boolean> {
  try {
    if (!(await stat(folder)).isDirectory()) return false;
  } catch {
    return false;
  }
  const back = path.relative(folder, inner);
  return back === '' || (!back.startsWith('..') && !path.isAbsolute(back));
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
