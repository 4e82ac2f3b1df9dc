import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { VFile } from 'vfile';
import { configFileName } from '../config/load.ts';
import type { BookConfig } from '../config/schema.ts';
import { type YamlPath, yamlPlaces } from '../config/validate-yaml.ts';
import { chapterFileId } from '../core/chapter-id.ts';
import { englishInterfaceWords, isEnglish, sentenceGroups, untranslatedTerms } from '../core/interface-words.ts';
import { contentKey, type Memo, noMemo } from '../core/memo.ts';
import { hasErrors, type Place, type RuleId, report } from '../core/rules.ts';
import type { Book, Chapter, Part } from '../core/types.ts';
import { type ParsedChapter, parseChapter } from '../load/chapter.ts';
import { linkChapters } from '../load/links.ts';
import { loadBibliography } from './bibliography.ts';
import { loadBookConfig } from './book-config.ts';
import { type CslLocale, cslStyleProblem, localeCandidates, readLocale } from './cite-style.ts';
import { readTextFile } from './read.ts';

export interface LoadedBook {
  /** Every file read, carrying its diagnostics (anthology.yaml first). */
  files: VFile[];
  /** Undefined when an error stops the book from being assembled. */
  book: Book | undefined;
  /** The CSL style's text as read and checked (with the book). */
  styleXml?: string;
  /** The CSL locale for the book's language as read beside the style (null: there is none), with the style. */
  locale?: CslLocale | null;
}

interface ListedChapter {
  path: string;
  part: string | undefined;
  /** Where anthology.yaml lists it: `contents[i]`, or `contents[i].chapters[j]`. */
  at: YamlPath;
}

/** Lists the chapter files in reading order, with the part each belongs to. */
export function listChapters(config: BookConfig): ListedChapter[] {
  return config.contents.flatMap((entry, index): ListedChapter[] =>
    typeof entry === 'string'
      ? [{ path: entry, part: undefined, at: ['contents', index] }]
      : entry.chapters.map((chapterPath, inPart) => ({ path: chapterPath, part: entry.part, at: ['contents', index, 'chapters', inPart] })),
  );
}

/**
 * Reads anthology.yaml and every chapter it lists, and assembles the Book. A chapter file whose
 * text `memo` has seen is not parsed again: its tree, front matter and messages are remembered.
 */
export async function loadBook(projectDir: string, memo: Memo = noMemo): Promise<LoadedBook> {
  const { file: configFile, config } = await loadBookConfig(projectDir);
  if (!config) return { files: [configFile], book: undefined };
  const places = yamlPlaces(String(configFile.value));
  reportUntranslatedWords(config, configFile, places);
  const style = await readCheckedStyle(projectDir, config, configFile, places, memo);
  const listed = await readListedChapters(projectDir, config, configFile, places, memo);
  const bibliography = await loadBibliography(projectDir);
  // anthology.yaml first, then in the order read.
  const files = [configFile, ...(style.file ? [style.file] : []), ...listed.files, ...bibliography.files];
  if (hasErrors(files)) return { files, book: undefined };

  const parts = groupIntoParts(listed.chapters);
  const chapterFiles = new Map(listed.files.map((file) => [path.normalize(file.path), file]));
  linkChapters(
    parts.flatMap((part) => part.chapters),
    (chapter) => chapterFiles.get(path.normalize(chapter.path)),
  );
  return {
    files,
    ...(style.styleXml !== undefined ? { styleXml: style.styleXml, locale: style.locale ?? null } : {}),
    book: {
      config,
      slug: new GithubSlugger().slug(config.title) || 'book',
      parts,
      chapters: parts.flatMap((part) => part.chapters),
      references: bibliography.items,
    },
  };
}

/** Where each value and key of anthology.yaml is, for messages. */
type YamlPlaces = ReturnType<typeof yamlPlaces>;

interface CheckedStyle {
  /** The style's text, when it could be read. */
  styleXml?: string;
  /** The locale for the book's language beside it, when there is one (read once: `loadCiteStyle` is given it). */
  locale?: CslLocale;
  /** The style file, when it carries messages. */
  file?: VFile;
}

/** One warning per build naming the interface words the book's language has no translation for. */
function reportUntranslatedWords(config: BookConfig, configFile: VFile, places: YamlPlaces): void {
  const missing = untranslatedTerms(config.language);
  if (missing.length === 0) return;
  const words = missing.filter((term) => !sentenceGroups.has(term)).map((term) => `“${englishInterfaceWords[term]}”`);
  const groups = missing.filter((term) => sentenceGroups.has(term)).map((term) => englishInterfaceWords[term]);
  report(
    configFile,
    'interface-words-missing',
    `no translation into ${config.language} for ${[...words, ...groups].join(', ')}: they are printed in English`,
    places.value(['language']) ?? { line: 1, column: 1 },
  );
}

/**
 * Reads the CSL style anthology.yaml names and checks it: a style that cannot be read is reported
 * on anthology.yaml, one that is not valid CSL on the style file.
 */
async function readCheckedStyle(projectDir: string, config: BookConfig, configFile: VFile, places: YamlPlaces, memo: Memo): Promise<CheckedStyle> {
  const style = await readTextFile(projectDir, config.style);
  if (style.kind === 'ok') {
    const styleXml = String(style.file.value);
    // Parsing Chicago's XML to check it costs a quarter of a second: once per text.
    const problem = hasErrors([style.file])
      ? undefined
      : (memo.value('style-check', contentKey(styleXml), () => cslStyleProblem(styleXml) ?? null) ?? undefined);
    if (problem) report(style.file, 'style-invalid', problem.reason, problem.place);
    const locale = await readLocale(projectDir, config);
    if (!isEnglish(config.language) && !locale) {
      const folder = path.posix.dirname(config.style);
      report(
        configFile,
        'style-locale-missing',
        `no CSL locale for ${config.language} in ${folder}/ (${localeCandidates(config.language).join(' or ')}): citations use English words and dates (“edited by”, “accessed”); copy one from the CSL locales repository`,
        places.value(['language']) ?? { line: 1, column: 1 },
      );
    }
    return { styleXml, ...(locale ? { locale } : {}), ...(style.file.messages.length > 0 ? { file: style.file } : {}) };
  }
  if (style.kind === 'outside') {
    report(configFile, 'path-outside-project', `CSL style ${config.style} is outside the project folder`, places.value(['style']) ?? { line: 1, column: 1 });
  } else {
    report(
      configFile,
      'style-missing',
      `CSL style ${config.style} does not exist (the styles/csl/ folder has the bundled ones)`,
      places.value(['style']) ?? { line: 1, column: 1 },
    );
  }
  return {};
}

type ChapterInPart = Chapter & { part: string | undefined };

/**
 * `read` of the path at a position, started a few positions before it is asked for, so that the
 * next files are read while this one is parsed: awaited one after another, the reads of 500
 * chapters left the build idle for ~0.4 s.
 */
function readingAhead<T>(paths: readonly string[], read: (relative: string) => Promise<T>, ahead = 8): (position: number) => Promise<T> {
  const started = new Map<number, Promise<T>>();
  let next = 0;
  return (position) => {
    for (; next < Math.min(paths.length, position + 1 + ahead); next++) {
      const pending = read(paths[next] as string);
      // Its failure is the caller's when it asks for it (a listing skipped never asks).
      pending.catch(() => undefined);
      started.set(next, pending);
    }
    const pending = started.get(position) ?? read(paths[position] as string);
    started.delete(position);
    return pending;
  };
}

/**
 * Reads and parses the chapters listed in contents, in reading order: the chapters that parsed,
 * and every chapter file read. A listing that repeats, leaves the project or names no file is
 * reported on anthology.yaml, where it is listed.
 */
async function readListedChapters(
  projectDir: string,
  config: BookConfig,
  configFile: VFile,
  places: YamlPlaces,
  memo: Memo,
): Promise<{ chapters: ChapterInPart[]; files: VFile[] }> {
  const listed = listChapters(config);
  if (listed.length === 0) {
    report(
      configFile,
      'book-empty',
      'the book has no chapters yet: add posts with `anthology add SOURCE…` (or list chapter files under contents)',
      places.key(['contents']) ?? { line: 1, column: 1 },
    );
  }
  const seen = new Set<string>();
  const chapters: ChapterInPart[] = [];
  const files: VFile[] = [];
  const readAt = readingAhead(
    listed.map((entry) => entry.path),
    (relative) => readTextFile(projectDir, relative),
  );
  for (const [position, entry] of listed.entries()) {
    const normalised = path.posix.normalize(entry.path);
    if (seen.has(normalised)) {
      // At the listing that repeats, not the first (valid) one.
      report(configFile, 'chapter-duplicate', `${entry.path} is listed more than once in contents`, places.value(entry.at));
      continue;
    }
    seen.add(normalised);
    const read = await readAt(position);
    if (read.kind === 'outside') {
      report(configFile, 'path-outside-project', `${entry.path} is outside the project folder`, places.value(entry.at));
      continue;
    }
    if (read.kind === 'missing') {
      report(configFile, 'chapter-missing', `chapter file ${entry.path} does not exist`, places.value(entry.at));
      continue;
    }
    files.push(read.file);
    if (hasErrors([read.file])) continue;
    const parsed = parseChapterRemembered(read.file, memo);
    if (!parsed) continue;
    chapters.push({
      // A chapter's `id:` keeps its address when its file is renamed.
      slug: parsed.meta.id ?? chapterFileId(entry.path),
      path: entry.path,
      number: chapters.length + 1,
      meta: parsed.meta,
      tree: parsed.tree,
      part: entry.part,
    });
  }
  return { chapters, files };
}

/** The book's parts in reading order: consecutive chapters of one part (or of none) make one. */
function groupIntoParts(chapters: readonly ChapterInPart[]): Part[] {
  const parts: Part[] = [];
  for (const { part, ...chapter } of chapters) {
    const last = parts.at(-1);
    if (last && last.title === part) last.chapters.push(chapter);
    else parts.push({ title: part, chapters: [chapter] });
  }
  return parts;
}

/** A message as remembered: what `report` needs to make it again. */
interface RememberedMessage {
  ruleId: RuleId;
  reason: string;
  place: Place | undefined;
}

/**
 * `parseChapter`, remembered by the chapter's text alone (parsing reads nothing else: not the
 * config, not the path), with its messages, which are reported again on `file` when remembered.
 */
function parseChapterRemembered(file: VFile, memo: Memo): ParsedChapter | undefined {
  const text = String(file.value);
  const remembered = memo.value('chapter', contentKey(text), () => {
    const scratch = new VFile({ path: file.path, value: text });
    const parsed = parseChapter(scratch) ?? null;
    const messages = scratch.messages.map(
      (message): RememberedMessage => ({ ruleId: message.ruleId as RuleId, reason: message.reason, place: (message.place as Place | undefined) ?? undefined }),
    );
    return { parsed, messages };
  });
  for (const message of remembered.messages) report(file, message.ruleId, message.reason, message.place);
  return remembered.parsed ?? undefined;
}

export { configFileName };
