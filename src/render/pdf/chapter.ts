import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Book, Chapter } from '../../core/types.ts';
import { chapterBodyToHast, chapterOpening, chapterReferences } from '../common.ts';
import { printFigureImage } from '../figures.ts';
import { chapterId } from './ids.ts';
import { footnoteLabels, notesAsEndnotes, notesAsFootnotes } from './notes.ts';
import { outlineLevelAttribute, outlineTitleAttribute } from './protocol.ts';
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
}

/** A chapter for print: its opening (with the running heads it sets), body and notes. */
export function chapterSection(book: Book, chapter: Chapter, options: ChapterSectionOptions): ChapterSection {
  const idPrefix = `${chapter.slug}-`;
  const hast = chapterBodyToHast(chapter, { idPrefix, notesHeading: 'Notes', numberBlocks: true, figureImage: printFigureImage(book) });
  const body = options.notes === 'footnotes' ? notesAsFootnotes(hast) : notesAsEndnotes(hast, idPrefix);
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
              dataRunningRecto: runningTitle(chapter.meta.title),
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
      [outlineTitleAttribute]: `${chapter.number}. ${chapter.meta.title}`,
    },
    [...header, ...afterOpening, ...(body.children as ElementContent[]), ...chapterReferences(chapter)],
  );
  return { element, footnoteLabels: options.notes === 'footnotes' ? footnoteLabels(body) : [] };
}

function classNames(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
