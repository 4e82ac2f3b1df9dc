import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import { interfaceWords } from '../../core/interface-words.ts';
import type { Place } from '../../core/rules.ts';
import type { Book, Chapter } from '../../core/types.ts';
import { chapterBodyToHast, chapterOpening, chapterReferences } from '../common.ts';
import { printFigureImage } from '../figures.ts';
import { titleText } from '../title.ts';
import { chapterId, chapterIdPrefix, printChapterLink } from './ids.ts';
import { footnoteLabels, notesAsEndnotes, notesAsFootnotes } from './notes.ts';
import { outlineLevelAttribute, outlineTitleAttribute, type SectionPlaces } from './protocol.ts';
import { runningTitle } from './running-title.ts';

export interface ChapterSectionOptions {
  notes: 'footnotes' | 'endnotes';
  /** The running head of its versos: the part's title, or the book's. */
  runningVerso: string;
  /** 1 for a chapter outside any part, 2 inside one. */
  outlineLevel: number;
}

export interface ChapterSection {
  element: Element;
  /** The note numbers printed at footnote calls (see `footnoteLabelCss`). */
  footnoteLabels: string[];
  /** Where its blocks (`data-block`) and notes (by printed number) start in the chapter's file. */
  places: SectionPlaces;
}

/** A chapter for print: its opening (with the running heads it sets), body and notes. */
export function chapterSection(book: Book, chapter: Chapter, options: ChapterSectionOptions): ChapterSection {
  const idPrefix = chapterIdPrefix(chapter);
  const hast = chapterBodyToHast(chapter, {
    idPrefix,
    notesHeading: interfaceWords(book.config.language)('notes'),
    numberBlocks: true,
    figureImage: printFigureImage(book),
    chapterLink: printChapterLink,
  });
  const body = options.notes === 'footnotes' ? notesAsFootnotes(hast) : notesAsEndnotes(hast);
  const [opening, ...afterOpening] = chapterOpening(chapter, book);
  const header: ElementContent[] =
    opening?.type === 'element'
      ? [
          {
            ...opening,
            properties: {
              ...opening.properties,
              className: [...classNames(opening.properties.className), 'running-heads'],
              dataRunningVerso: options.runningVerso,
              dataRunningRecto: runningTitle(titleText(chapter.meta.title)),
            },
          },
        ]
      : [];
  const element = h(
    'section.chapter',
    {
      id: chapterId(chapter),
      // Its words are hyphenated with its language's patterns.
      ...(chapter.meta.language && chapter.meta.language !== book.config.language ? { lang: chapter.meta.language } : {}),
      // Paged.js drops the id of a section's continuation on later pages; this stays.
      dataChapter: chapterId(chapter),
      [outlineLevelAttribute]: String(options.outlineLevel),
      [outlineTitleAttribute]: `${chapter.number}. ${titleText(chapter.meta.title)}`,
    },
    [...header, ...afterOpening, ...(body.children as ElementContent[]), ...chapterReferences(chapter, book.config.language)],
  );
  return { element, footnoteLabels: options.notes === 'footnotes' ? footnoteLabels(body) : [], places: sectionPlaces(hast) };
}

function classNames(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * Where a numbered block, and a note by the number remark-rehype printed at its calls (its place in
 * the notes list), starts in the chapter's file: the PDF stage names them in its warnings.
 */
function sectionPlaces(hast: HastRoot): SectionPlaces {
  const placeOf = (node: { position?: { start: { line: number; column: number } } | undefined }) =>
    node.position ? { line: node.position.start.line, column: node.position.start.column } : null;
  const blocks: (Place | null)[] = [];
  const notes: Record<string, Place> = {};
  for (const node of hast.children) {
    if (node.type !== 'element') continue;
    if (node.properties.dataBlock !== undefined) blocks.push(placeOf(node));
    if (node.properties.dataFootnotes === undefined) continue;
    const items = node.children.flatMap((list) => (list.type === 'element' && list.tagName === 'ol' ? list.children : []));
    items
      .filter((item) => item.type === 'element')
      .forEach((item, index) => {
        const place = placeOf(item);
        if (place) notes[String(index + 1)] = place;
      });
  }
  return { blocks, notes };
}
