import { readFile } from 'node:fs/promises';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { VFile } from 'vfile';
import { loadBookConfig } from '../config/load.ts';
import { hasErrors, report } from '../core/rules.ts';
import { looksBinary } from '../import/detect.ts';
import { importSource, type SourceImport } from '../import/import.ts';
import { addToContents } from '../io/add-to-contents.ts';
import { resolveInside } from '../io/read.ts';
import { writeFileAtomic } from '../io/stage.ts';
import { type EditedPolicy, planChapterWrites, writeChapters } from '../io/write-chapters.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { Ui } from './ui.ts';

export interface ImportCommandOptions {
  out: string;
  force: boolean;
  beside: boolean;
  report: string | undefined;
  addToContents: boolean;
}

/** `anthology import SOURCE...`: turns sources into chapter files. Writes nothing if anything is wrong. */
export async function importCommand(projectDir: string, sources: readonly string[], options: ImportCommandOptions, ui: Ui): Promise<number> {
  if (options.force && options.beside) throw new UsageError('--force and --beside exclude each other');
  const outDir = resolveInside(projectDir, options.out);
  if (!outDir) throw new UsageError(`--out ${options.out} must be a folder inside the project`);
  const reportPath = options.report === undefined ? undefined : resolveInside(projectDir, options.report);
  if (options.report !== undefined && !reportPath) throw new UsageError(`--report ${options.report} must be inside the project`);

  const { config } = await loadBookConfig(projectDir);
  const slugger = new GithubSlugger();
  const imports: SourceImport[] = [];
  for (const source of sources) {
    const file = await readSource(projectDir, source);
    imports.push(
      file.messages.some((message) => message.fatal)
        ? { file, chapters: [], lines: [] }
        : importSource(file, { defaultAuthor: config?.default_author }, slugger),
    );
  }
  const files = imports.map((result) => result.file);
  ui.report(files);
  if (hasErrors(files)) {
    ui.error('nothing was imported: fix the sources above and try again');
    return exitCodes.content;
  }

  const chapters = imports.flatMap((result) => result.chapters);
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
  const relativeOut = path.relative(projectDir, outDir).split(path.sep).join('/');
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
    for (const chapter of result.chapters) ui.detail(`  ${chapter.fileName}  ${chapter.title}`);
  }
  const unchanged = plans.filter((plan) => plan.action === 'unchanged').length;
  ui.info(
    `wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${relativeOut}/${unchanged > 0 ? ` (${unchanged} unchanged)` : ''}${added.length > 0 ? `; added ${added.length} to contents in anthology.yaml` : ''}`,
  );
  if (reportPath) {
    const json = {
      sources: imports.map((result) => ({
        file: result.file.path,
        chapters: result.chapters.map((chapter) => ({ file: `${relativeOut}/${chapter.fileName}`, title: chapter.title })),
        lines: result.lines,
        messages: result.file.messages.map((message) => ({
          line: message.line,
          column: message.column,
          rule: message.ruleId,
          reason: message.reason,
          severity: message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info',
        })),
      })),
    };
    await writeFileAtomic(reportPath, `${JSON.stringify(json, null, 2)}\n`);
    ui.info(`report ${options.report}`);
  }
  return exitCodes.ok;
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
