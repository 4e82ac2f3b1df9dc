import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { type TrimSize, trimSizes } from '../../config/schema.ts';
import { interfaceWords } from '../../core/interface-words.ts';
import type { Book } from '../../core/types.ts';
import type { RenderAssets } from '../assets.ts';
import { joinNames, walkElements } from '../common.ts';
import { titleHast, titleText } from '../title.ts';
import { backMatter } from './back-matter.ts';
import { chapterSection } from './chapter.ts';
import { contributorsOf } from './contributors.ts';
import { lowerRoman } from './folios.ts';
import { type ContentsEntry, frontMatter, frontMatterContentsEntries } from './front-matter.ts';
import { chapterId, partId } from './ids.ts';
import { footnoteLabelCss, textOf } from './notes.ts';
import {
  chunkAttribute,
  labelAttribute,
  outlineLevelAttribute,
  outlineTitleAttribute,
  type PrintChunk,
  type PrintDocument,
  pageRefAttribute,
  type SectionPlaces,
} from './protocol.ts';
import { trimDesigns } from './trim.ts';
import { withUrlBreaks } from './urls.ts';

export interface PrintOptions {
  /** 3 mm bleed and crop marks around the trim, for the printer (`print_ready`, `build --print`). */
  printReady: boolean;
}

/**
 * Chapters are paginated together, in one tab, up to about this much text (~70–85 pages): each
 * chunk costs its tab ~0.2 s to unload the last one and load it, and ~0.1 s more to print, but
 * Paged.js slows down once a document passes ~100 pages. Measured on the ~900-page bench book
 * (`bench/pdf-print.ts`, 2 cores, single runs on one afternoon): 27-page chunks 17.4–18.2 s,
 * 54-page 15.6–17.2 s, 80-page 15.1–17.1 s, 216-page 20.3 s.
 */
const maxChunkCharacters = 200_000;
/** A short book still has this many body chunks (if it has as many chapters), one per core. */
const fewestBodyChunks = 2;

/**
 * The text budget of one body chunk: the smallest with which `groupIntoChunks` makes no more
 * chunks than `maxChunkCharacters` calls for (at least `fewestBodyChunks`), so that they come out
 * about even; never more than `maxChunkCharacters`, unless one item is larger.
 */
export function chunkBudget(items: readonly { needsPageNumbers: boolean; characters: number }[]): number {
  const total = items.reduce((sum, item) => sum + item.characters, 0);
  const largest = Math.max(0, ...items.map((item) => item.characters));
  // Items that print page numbers (an index) split chunks off on top, whatever the budget.
  const forcedSplits = groupIntoChunks(items, Number.POSITIVE_INFINITY).length - 1;
  const chunks = Math.max(fewestBodyChunks, Math.ceil(total / maxChunkCharacters)) + forcedSplits;
  let low = largest;
  let high = Math.max(low, total);
  while (low < high) {
    const budget = Math.floor((low + high) / 2);
    if (groupIntoChunks(items, budget).length <= chunks) high = budget;
    else low = budget + 1;
  }
  return Math.min(low, Math.max(maxChunkCharacters, largest));
}

/** A part title page, chapter or back-matter section, before it is grouped into a chunk. */
interface BodyItem {
  element: Element;
  /** Names it in warnings: `chapter 9, “Paving the Digital Silk Road…” (chapters/paving….md)`. */
  label: string;
  needsPageNumbers: boolean;
  characters: number;
  /** A chapter's file (project path): where the PDF stage reports what went wrong in it. */
  source?: string;
  places?: SectionPlaces;
}

/**
 * The book for Paged.js, in chunks that paginate separately, each as an HTML document of its own:
 * the front matter, runs of part title pages and chapters within a `chunkBudget`, and each
 * back-matter section; and the whole book as one document too (for stock pagedjs-cli, or to look
 * at). The contents and the index leave their page numbers empty for the paginator to fill in.
 */
export function renderPrintDocument(book: Book, assets: RenderAssets, options: PrintOptions = { printReady: book.config.print_ready }): PrintDocument {
  const { config } = book;
  const { contents, body, footnoteLabels } = bodyItems(book);
  for (const section of backMatter(book)) {
    contents.push(section.entry);
    body.push(bodyItem(section.element, section.entry.title.toLowerCase(), section.needsPageNumbers));
  }
  const front = bodyItem(h('section.front-matter', frontMatter(book, contents)), 'front matter', true);
  const groups: ChunkGroup[] = [
    { items: [front], sequence: 'front', folioStyle: 'lower-roman' },
    ...groupIntoChunks(body, chunkBudget(body)).map((items) => ({ items, sequence: 'body', folioStyle: 'decimal' as const })),
  ];
  // Last, on the finished tree: web addresses get their break points.
  const sections = groups.map(({ items }, index) =>
    withUrlBreaks(
      h(
        'div.print-chunk',
        { [chunkAttribute]: chunkIdOf(index) },
        items.map((item) => item.element),
      ),
    ),
  );

  const css = [assets.fontFaceCss, pageCss(config.trim, options), footnoteLabelCss(footnoteLabels), assets.printCss].join('\n');
  const documentOf = (body: Element[]) => `${toHtml({ type: 'root', children: [{ type: 'doctype' }, htmlElement(book, css, body)] })}\n`;
  return {
    html: documentOf(sections),
    chunks: chunksOf(groups).map((chunk, index) => ({ ...chunk, html: documentOf(sections.slice(index, index + 1)) })),
    metadata: pdfMetadata(book),
    languages: [...new Set([config.language, ...book.chapters.flatMap((chapter) => (chapter.meta.language ? [chapter.meta.language] : []))])],
    sources: Object.fromEntries(body.flatMap((item) => (item.source ? [[item.label, item.source]] : []))),
    places: Object.fromEntries(body.flatMap((item) => (item.places ? [[item.label, item.places]] : []))),
  };
}

/** Items of one chunk, and how its pages are numbered. */
interface ChunkGroup {
  items: BodyItem[];
  sequence: string;
  folioStyle: PrintChunk['folioStyle'];
}

/** The part title pages and chapters, in order, with their contents entries and the labels of their footnotes. */
function bodyItems(book: Book): { contents: ContentsEntry[]; body: BodyItem[]; footnoteLabels: string[] } {
  const { config } = book;
  const footnoteLabels: string[] = [];
  const contents: ContentsEntry[] = [...frontMatterContentsEntries(book)];
  const body: BodyItem[] = [];
  let partNumber = 0;
  for (const part of book.parts) {
    if (part.title) {
      partNumber += 1;
      const id = partId(partNumber);
      const number = `${interfaceWords(config.language)('part')} ${lowerRoman(partNumber).toUpperCase()}`;
      contents.push({ id, kind: 'part', title: part.title, markdown: true, number });
      body.push(bodyItem(partTitlePage(id, number, part.title), `part ${partNumber}, “${titleText(part.title)}”`, false));
    }
    for (const chapter of part.chapters) {
      const section = chapterSection(book, chapter, {
        notes: config.notes,
        runningVerso: titleText(part.title ?? config.title),
        outlineLevel: part.title ? 2 : 1,
      });
      footnoteLabels.push(...section.footnoteLabels);
      contents.push({
        id: chapterId(chapter),
        kind: 'chapter',
        title: chapter.meta.title,
        markdown: true,
        number: String(chapter.number),
        ...(chapter.meta.authors.length > 0 ? { authors: joinNames(chapter.meta.authors, config.language) } : {}),
      });
      body.push({
        ...bodyItem(section.element, `chapter ${chapter.number}, “${titleText(chapter.meta.title)}” (${chapter.path})`, false),
        source: chapter.path,
        places: section.places,
      });
    }
  }
  return { contents, body, footnoteLabels };
}

/** Each group as a chunk (without its HTML): its id, numbering, label and the chunks whose page numbers it prints. */
function chunksOf(groups: readonly ChunkGroup[]): Omit<PrintChunk, 'html'>[] {
  const chunkOfId = new Map<string, string>();
  groups.forEach(({ items }, index) => {
    for (const id of items.flatMap((item) => idsIn(item.element))) chunkOfId.set(id, chunkIdOf(index));
  });
  return groups.map(({ items, sequence, folioStyle }, index) => {
    const labels = items.map((item) => item.label);
    const referenced = items.flatMap((item) => pageRefsIn(item.element)).map((target) => chunkOfId.get(target));
    return {
      id: chunkIdOf(index),
      sequence,
      folioStyle,
      label: labels.length === 1 ? (labels[0] ?? chunkIdOf(index)) : `${labels[0]} to ${labels.at(-1)}`,
      pageNumbersOf: [...new Set(referenced)].filter((chunk): chunk is string => chunk !== undefined && chunk !== chunkIdOf(index)),
    };
  });
}

function pdfMetadata(book: Book): PrintDocument['metadata'] {
  const { config } = book;
  return {
    title: config.subtitle ? `${titleText(config.title)}: ${titleText(config.subtitle)}` : titleText(config.title),
    authors: [...new Set([...config.editors, ...contributorsOf(book).map((contributor) => contributor.name)])],
    subject: config.subtitle === undefined ? undefined : titleText(config.subtitle),
    keywords: [...new Set(book.chapters.flatMap((chapter) => chapter.meta.tags ?? []))],
    language: config.language,
    creator: 'anthology (Paged.js in Chromium)',
    date: new Date(`${config.edition.date}T00:00:00Z`),
  };
}

/** `<html>` with the metadata that pagedjs-cli and PDF tools read: title, language, author, subject. */
function htmlElement(book: Book, css: string, body: Element[]): Element {
  const { config } = book;
  return h('html', { lang: config.language }, [
    h('head', [
      h('meta', { charSet: 'utf-8' }),
      h('title', titleText(config.title)),
      h('meta', { name: 'author', content: joinNames(config.editors, config.language) }),
      h('meta', { name: 'subject', content: titleText(config.subtitle ?? config.title) }),
      h('style', css),
    ]),
    h('body', body),
  ]);
}

/** hast's name for a `data-*` attribute: `data-page-ref` → `dataPageRef`. */
function hastProperty(attribute: string): string {
  return attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function chunkIdOf(index: number): string {
  return `chunk-${index + 1}`;
}

function idsIn(element: Element): string[] {
  return [...walkElements(element), element].flatMap((node) => (typeof node.properties.id === 'string' ? [node.properties.id] : []));
}

function pageRefsIn(element: Element): string[] {
  return [...walkElements(element)].flatMap((node) => {
    const target = node.properties[hastProperty(pageRefAttribute)];
    return typeof target === 'string' ? [target] : [];
  });
}

function bodyItem(element: Element, label: string, needsPageNumbers: boolean): BodyItem {
  element.properties[hastProperty(labelAttribute)] = label;
  return { element, label, needsPageNumbers, characters: textOf(element).length };
}

/**
 * Runs of items of at most `budget` characters (an item larger than that alone). An item that
 * prints page numbers (an index) is a chunk of its own: it is paginated once the others are.
 */
export function groupIntoChunks<T extends { needsPageNumbers: boolean; characters: number }>(items: readonly T[], budget: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let characters = 0;
  for (const item of items) {
    if (current.length > 0 && (item.needsPageNumbers || characters + item.characters > budget || current.some((other) => other.needsPageNumbers))) {
      groups.push(current);
      current = [];
      characters = 0;
    }
    current.push(item);
    characters += item.characters;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function partTitlePage(id: string, number: string, title: string): Element {
  return h('section.part-title-page', { id, [outlineLevelAttribute]: '1', [outlineTitleAttribute]: `${number}: ${titleText(title)}` }, [
    h('p.part-number', number),
    h('h1.part-title', titleHast(title)),
  ]);
}

/** The trim size, mirrored margins, body size and, for the printer, bleed and crop marks. */
function pageCss(trim: TrimSize, options: PrintOptions): string {
  const size = trimSizes[trim];
  const design = trimDesigns[trim];
  return [
    `:root { --body-size: ${design.fontSize}; }`,
    `@page { size: ${size.width} ${size.height}; margin: ${design.top} ${design.outer} ${design.bottom} ${design.inner};${options.printReady ? ' bleed: 3mm; marks: crop;' : ''} }`,
    `@page :left { margin-left: ${design.outer}; margin-right: ${design.inner}; }`,
    `@page :right { margin-left: ${design.inner}; margin-right: ${design.outer}; }`,
  ].join('\n');
}
