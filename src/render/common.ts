import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import type { LeafDirective } from 'mdast-util-directive';
import type { State } from 'mdast-util-to-hast';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { parseFrontMatterDate, seasonLabel } from '../core/dates.ts';
import type { Book, Chapter } from '../core/types.ts';

/**
 * Formats a front-matter date in the book's language, at its precision: `12 September 2013`,
 * `September 2013`, `Summer 2013`, `2013` in en-GB.
 */
export function formatDate(value: string, language: string): string {
  const date = parseFrontMatterDate(value);
  if (!date) return value;
  if (date.season) return seasonLabel(date.season, date.year, language);
  const at = new Date(Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1));
  const parts: Intl.DateTimeFormatOptions =
    date.day !== undefined
      ? { day: 'numeric', month: 'long', year: 'numeric' }
      : date.month !== undefined
        ? { month: 'long', year: 'numeric' }
        : { year: 'numeric' };
  return new Intl.DateTimeFormat(language, { ...parts, timeZone: 'UTC' }).format(at);
}

/** `A, B and C` in the book's language. */
export function joinNames(names: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'long' }).format(names);
}

export interface ChapterHastOptions {
  /** Prefix for footnote ids, so chapters can share one document (the PDF). */
  idPrefix: string;
  notesHeading: string;
}

/** The chapter body as hast, with GFM footnotes as a notes section at its end. */
export function chapterBodyToHast(chapter: Chapter, options: ChapterHastOptions): HastRoot {
  const processor = unified().use(remarkRehype, {
    clobberPrefix: options.idPrefix,
    footnoteLabel: options.notesHeading,
    footnoteLabelTagName: 'h2',
    footnoteLabelProperties: { className: ['notes-heading'] },
    footnoteBackLabel: (referenceIndex: number) => `Back to the text of note ${referenceIndex + 1}`,
    handlers: { leafDirective: figureToHast },
  });
  const tree = processor.runSync(structuredClone(chapter.tree)) as HastRoot;
  for (const node of walkElements(tree)) {
    if (node.properties.dataFootnoteRef !== undefined) node.properties.role = 'doc-noteref';
    if (node.properties.dataFootnoteBackref !== undefined) node.properties.role = 'doc-backlink';
    if (node.properties.dataFootnotes !== undefined) node.properties.role = 'doc-endnotes';
  }
  return tree;
}

/** The opening of a chapter: number, title, authors, first publication, standfirst and headnote. */
export function chapterOpening(chapter: Chapter, book: Book): ElementContent[] {
  const { meta } = chapter;
  const language = book.config.language;
  const firstPublished = firstPublishedLine(chapter, language);
  return [
    h('header.chapter-opening', [
      h('p.chapter-number', `Chapter ${chapter.number}`),
      h('h1.chapter-title', meta.title),
      ...(meta.authors.length > 0 ? [h('p.chapter-authors', joinNames(meta.authors, language))] : []),
      ...(firstPublished ? [firstPublished] : []),
    ]),
    ...(meta.headnote ? [h('aside.headnote', { 'aria-label': 'Headnote' }, [h('p', meta.headnote)])] : []),
    ...(meta.standfirst ? [h('p.standfirst', meta.standfirst)] : []),
  ];
}

function firstPublishedLine({ meta }: Chapter, language: string): Element | undefined {
  if (!meta.venue && !meta.date) return undefined;
  const date = meta.date ? formatDate(meta.date, language) : undefined;
  const children = meta.venue ? ['First published in ', h('cite', meta.venue), date ? `, ${date}.` : '.'] : [`First published on ${date}.`];
  return h('p.first-published', children);
}

/** `::figure[Caption]{src="images/x.jpg" credit="…"}`; without `src`, a visible placeholder. */
function figureToHast(state: State, node: LeafDirective): Element | undefined {
  if (node.name !== 'figure') return undefined;
  const caption = state.all(node) as ElementContent[];
  const { src, credit } = node.attributes ?? {};
  const image = src
    ? h('img', { src, alt: mdastToString(node) })
    : h(
        'div.image-placeholder',
        { role: 'img', 'aria-label': `Image not supplied${caption.length > 0 ? `: ${mdastToString(node)}` : ''}` },
        'Image not supplied',
      );
  const captionChildren: ElementContent[] = [...caption, ...(credit ? [h('span.credit', `${caption.length > 0 ? ' ' : ''}${credit}`)] : [])];
  return h('figure', [image, ...(captionChildren.length > 0 ? [h('figcaption', captionChildren)] : [])]);
}

export function* walkElements(node: HastRoot | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type === 'element') {
      yield child;
      yield* walkElements(child);
    }
  }
}

/** A chapter's own reference list (`bibliography: chapters`), placed after its notes. */
export function chapterReferences(chapter: Chapter): ElementContent[] {
  if (!chapter.bibliography) return [];
  return [h('section.chapter-references', { role: 'doc-bibliography' }, [h('h2', 'References'), ...chapter.bibliography.entries])];
}

/** Plain text of the title page lines, shared by every format. */
export function editorsLine(book: Book): string {
  const { editors, language } = book.config;
  return `Edited by ${joinNames(editors, language)}`;
}
