import type { Element, Nodes, Root } from 'hast';
import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { report } from '../../core/rules.ts';
import type { ChapterField, ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';
import { type DroppedBlock, type ExtractedArticle, extractArticles } from './extract-article.ts';
import { noteDefinitionTag, recogniseFootnotes } from './footnotes.ts';
import { hasClass, lineRange } from './hast-tree.ts';
import { htmlToMdast } from './html-to-mdast.ts';
import { sanitiseHast } from './sanitise.ts';

const droppedReasons = {
  noArticle: 'no article found in the page',
  head: 'page head: scripts, styles and metadata not used',
  removed: 'removed from the article: unsafe or interactive markup (scripts, frames, forms) or share and subscribe widgets',
  markup: 'markup without text inside the article (wrappers, rules, list tags)',
  chrome: 'page chrome outside the article (navigation, scripts, comments)',
};

/**
 * Imports one saved web page as one piece (or, for a page that sets several articles each under
 * its own heading and byline, one piece each): the article's metadata as front matter, its body
 * (sanitised, footnotes recognised, pictures as figures) as the chapter body, and a fate for every
 * line of the page.
 */
export function importHtml(file: VFile, _options: ImportOptions): ImportResult {
  const text = String(file.value);
  const lines = sourceLines(text);
  const page = extractArticles(text, file);
  if (!page) return { pieces: [], lines: lines.map((line, index) => droppedOrBlank(index + 1, line, droppedReasons.noArticle, undefined)) };

  const converted = page.articles.map((article) => convertArticle(article, file));
  const fates = mergedFates(
    converted.map((sources, index) => lineFates(lines, sources, index + 1)),
    lines,
    page.issueMatter,
  );
  const pieces = converted.map(({ article, body }, index) => {
    const used = fates.flatMap((fate) => ((fate.fate === 'kept' || fate.fate === 'metadata') && fate.piece === index + 1 ? [fate.line] : []));
    const first = Math.min(...used, lines.length);
    const last = Math.max(...used, first);
    return { meta: frontMatter(article, file, [first, last]), body };
  });
  for (const block of page.issueMatter) report(file, 'import-chrome-dropped', `left out ${block.reason}: “${block.text}”`, block.start);
  return { pieces, lines: fates };
}

/** One article's body as mdast, with the lines each part of it came from. */
function convertArticle(article: ExtractedArticle, file: VFile): LineSources & { article: ExtractedArticle; body: ImportedPiece['body'] } {
  const articleRanges = article.content.children.flatMap((child) => {
    const range = lineRange(child);
    return range ? [range] : [];
  });
  const content = sanitiseHast(article.content, file);
  recogniseFootnotes(content, file);
  const kept = keptLineFields(content);
  // `htmlToMdast` also finds notes typed by hand (`[1]` markers and a closing Notes list).
  const { body, notes } = htmlToMdast(content, file, article.url ? { baseUrl: article.url } : {});
  for (const { line } of notes.droppedLines) kept.delete(line);
  for (const line of notes.noteLines) kept.set(line, 'notes');
  for (const block of article.dropped)
    report(file, 'import-chrome-dropped', `left out ${block.reason.replace(/^site chrome: /, '')}: “${block.text}”`, block.start);
  return { article, body, kept, metadata: article.metadataLines, dropped: article.dropped, articleRanges, notesDropped: notes.droppedLines };
}

/**
 * The fate of each line over all pieces: what a piece kept or read, else an issue's own matter,
 * else what a piece left out, else the page's chrome.
 */
function mergedFates(perPiece: readonly LineFate[][], lines: readonly string[], issueMatter: readonly DroppedBlock[]): LineFate[] {
  const rank = (fate: LineFate | undefined) =>
    !fate || fate.fate === 'blank' ? 0 : fate.fate === 'kept' ? 4 : fate.fate === 'metadata' ? 3 : fate.piece !== undefined ? 2 : 1;
  return lines.map((_, index) => {
    let best = perPiece[0]?.[index] as LineFate;
    for (const fates of perPiece.slice(1)) if (rank(fates[index]) > rank(best)) best = fates[index] as LineFate;
    const line = index + 1;
    // A piece's range may end on the line the edition's matter starts (the whitespace before it).
    const matter = rank(best) <= 2 && best.fate !== 'blank' && issueMatter.find(({ lines: [start, end] }) => line >= start && line <= end);
    return matter ? { line, fate: 'dropped', piece: undefined, reason: matter.reason } : best;
  });
}

/** The lines of a text; a final newline does not start another line. */
function sourceLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  return text.endsWith('\n') ? lines.slice(0, -1) : lines;
}

interface LineSources {
  /** Lines the chapter body came from, with the field each feeds. */
  kept: ReadonlyMap<number, ChapterField>;
  metadata: ExtractedArticle['metadataLines'];
  /** Blocks of the article's container left out, with why. */
  dropped: ExtractedArticle['dropped'];
  /** The line ranges the article occupied before unsafe markup and widgets were taken out. */
  articleRanges: readonly [number, number][];
  /** A typed notes section's heading and rules, left out when its notes became footnotes. */
  notesDropped: readonly { line: number; reason: string }[];
}

function lineFates(lines: readonly string[], sources: LineSources, piece: number): LineFate[] {
  const metadata = new Map<number, ChapterField>();
  for (const { field, lines: range } of sources.metadata)
    for (let line = range[0]; line <= range[1]; line++) if (!metadata.has(line)) metadata.set(line, field);
  const bodyStart = lines.findIndex((line) => /<body[\s>]/i.test(line)) + 1;
  const notesDropped = new Map(sources.notesDropped.map(({ line, reason }) => [line, reason]));
  return lines.map((text, index): LineFate => {
    const line = index + 1;
    if (text.trim() === '') return { line, fate: 'blank' };
    const field = sources.kept.get(line);
    if (field) return { line, fate: 'kept', piece, field };
    const notesReason = notesDropped.get(line);
    if (notesReason) return { line, fate: 'dropped', piece, reason: notesReason };
    const metadataField = metadata.get(line);
    if (metadataField) return { line, fate: 'metadata', piece, field: metadataField };
    const chrome = sources.dropped.find(({ lines: [start, end] }) => line >= start && line <= end);
    if (chrome) return { line, fate: 'dropped', piece, reason: chrome.reason };
    const inArticle = sources.articleRanges.some(([start, end]) => line >= start && line <= end);
    if (inArticle) return { line, fate: 'dropped', piece, reason: hasText(text) ? droppedReasons.removed : droppedReasons.markup };
    return { line, fate: 'dropped', piece: undefined, reason: line < bodyStart ? droppedReasons.head : droppedReasons.chrome };
  });
}

function hasText(line: string): boolean {
  return line.replace(/<[^>]*>|<!--.*?-->/g, '').trim() !== '';
}

function droppedOrBlank(line: number, text: string, reason: string, piece: number | undefined): LineFate {
  return text.trim() === '' ? { line, fate: 'blank' } : { line, fate: 'dropped', piece, reason };
}

function frontMatter(article: ExtractedArticle, file: VFile, lines: [number, number]): ChapterFrontMatter {
  for (const problem of article.metadataProblems)
    report(file, problem.ruleId, problem.reason, {
      line: problem.element?.position?.start.line ?? lines[0],
      column: problem.element?.position?.start.column ?? 1,
    });
  // An editor of the piece is never also its author (`Written by X / Edited by X` aside).
  const editors = article.editors.filter((name) => !article.authors.includes(name));
  let title = article.title;
  if (!title) {
    title = `Untitled piece${article.siteName ? ` from ${article.siteName}` : ''}${article.date ? ` (${article.date})` : ''}`;
    report(file, 'import-untitled', `the page has no title; the piece was given the provisional title “${title}” for the editor to replace`, {
      line: 1,
      column: 1,
    });
  }
  return {
    title,
    ...(article.title ? {} : { provisional_title: true }),
    authors: article.authors,
    ...(editors.length > 0 ? { editors } : {}),
    ...(article.date ? { date: article.date } : {}),
    ...(article.siteName ? { venue: article.siteName } : {}),
    ...(article.excerpt ? { standfirst: article.excerpt } : {}),
    source: { file: file.path, lines },
    ...(article.url ? { source_url: article.url } : {}),
    rights: '',
  };
}

const fieldRank: Record<ChapterField, number> = {
  notes: 5,
  figure: 4,
  heading: 3,
  body: 2,
  title: 1,
  authors: 1,
  editors: 1,
  date: 1,
  venue: 1,
  headnote: 1,
  standfirst: 1,
  bio: 1,
  source_url: 1,
  tags: 1,
  rights: 1,
  bibliography: 1,
};

/** The lines the final article content came from, each with the most specific field it feeds. */
function keptLineFields(content: Root): Map<number, ChapterField> {
  const kept = new Map<number, ChapterField>();
  const mark = (start: number, end: number, field: ChapterField) => {
    for (let line = start; line <= end; line++) {
      const previous = kept.get(line);
      if (!previous || fieldRank[field] > fieldRank[previous]) kept.set(line, field);
    }
  };
  const walk = (node: Nodes, inherited: ChapterField) => {
    const range = lineRange(node);
    if (node.type === 'text') {
      if (range && node.value.trim() !== '') mark(range[0], range[1], inherited);
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    const field = node.type === 'element' ? fieldOf(node, inherited) : inherited;
    if (node.type === 'element' && range) {
      mark(range[0], range[0], field);
      mark(range[1], range[1], field);
      // Content from Readability has lines on elements only: text without a place counts for its whole element.
      if (node.children.some((child) => child.type === 'text' && !child.position && child.value.trim() !== '')) mark(range[0], range[1], field);
    }
    for (const child of node.children) walk(child, field);
  };
  walk(content, 'body');
  return kept;
}

function fieldOf(element: Element, inherited: ChapterField): ChapterField {
  if (inherited === 'notes' || element.tagName === noteDefinitionTag) return 'notes';
  if (
    ['figure', 'picture'].includes(element.tagName) ||
    (element.tagName === 'img' && !hasClass(element, 'emoji', 'wp-smiley')) ||
    hasClass(element, 'wp-caption')
  )
    return 'figure';
  if (/^h[1-6]$/.test(element.tagName)) return 'heading';
  return inherited;
}
