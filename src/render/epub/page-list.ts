import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Book } from '../../core/types.ts';
import { screenIdPrefix } from '../common.ts';
import { chapterId } from '../pdf/ids.ts';

/**
 * A page of the print edition, as the EPUB marks it: the chapter it starts in, the block of the
 * chapter body it starts in (the n-th element of the body, the notes aside; -1 is the chapter's
 * opening) and how many words of that block came before the page.
 */
export interface PageBreak {
  chapter: string;
  /** `page-23`. */
  id: string;
  /** As printed: `23`. */
  label: string;
  value: number;
  block: number;
  words: number;
}

/** The EPUB's `page-list` nav, in page order. */
export function pageListNav(breaks: readonly PageBreak[], hrefOf: (pageBreak: PageBreak) => string, heading = 'Pages'): Element {
  return h('nav', { 'epub:type': 'page-list', id: 'page-list', 'aria-labelledby': 'page-list-heading', hidden: true }, [
    h('h2#page-list-heading', heading),
    h(
      'ol',
      breaks.map((pageBreak) => h('li', [h('a', { href: hrefOf(pageBreak) }, pageBreak.label)])),
    ),
  ]);
}

function marker(pageBreak: PageBreak): Element {
  return h('span', { id: pageBreak.id, role: 'doc-pagebreak', 'epub:type': 'pagebreak', 'aria-label': pageBreak.label });
}

/** Note markers are not words of the text: print moves the note away and leaves only its number. */
function isNoteMarker(node: ElementContent): boolean {
  return node.type === 'element' && (node.properties.dataFootnoteRef !== undefined || node.properties.role === 'doc-noteref');
}

/**
 * Puts the page's marker into a chapter `section` (its body blocks follow its opening): before
 * the block, or inside it after `words` words.
 */
export function pageBreakElement(section: Element, pageBreak: PageBreak): void {
  const blocks = section.children.filter((child): child is Element => child.type === 'element' && child.properties.dataBlock !== undefined);
  const block = blocks.find((candidate) => Number(candidate.properties.dataBlock) === pageBreak.block);
  if (pageBreak.block < 0 || !block) {
    section.children.unshift(marker(pageBreak));
    return;
  }
  const index = section.children.indexOf(block);
  if (pageBreak.words <= 0) section.children.splice(index, 0, marker(pageBreak));
  // A block with fewer words here than print counted (a word print split across two pages counts
  // on both: CJK text, hyphenated words): the page starts after it, so the pages stay in order.
  else if (!insertAfterWords(block, pageBreak.words, marker(pageBreak))) section.children.splice(index + 1, 0, marker(pageBreak));
}

/** Elements a marker cannot go into (no HTML `span` is allowed in MathML or SVG): it goes before one whose words hold the page's start. */
const opaqueElements = new Set(['math', 'svg']);

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

/** Inserts `node` after `count` words of `element`'s text; false if it has fewer. */
function insertAfterWords(element: Element, count: number, node: Element): boolean {
  let seen = 0;
  let pendingWord = false;
  const visit = (parent: Element): boolean => {
    for (let index = 0; index < parent.children.length; index++) {
      const child = parent.children[index];
      if (!child || isNoteMarker(child)) continue;
      if (child.type === 'element' && opaqueElements.has(child.tagName)) {
        const text = textOf(child);
        const words = (text.match(/\S+/g) ?? []).length - (pendingWord && /^\S/.test(text) ? 1 : 0);
        if (text.trim() !== '') pendingWord = /\S$/.test(text);
        if (seen + words > count) {
          parent.children.splice(index, 0, node);
          return true;
        }
        seen += words;
        continue;
      }
      if (child.type === 'element') {
        if (visit(child)) return true;
        continue;
      }
      if (child.type !== 'text') continue;
      const pattern = /\S+/g;
      for (let match = pattern.exec(child.value); match; match = pattern.exec(child.value)) {
        if (match.index === 0 && pendingWord) {
          pendingWord = false;
          continue;
        }
        seen += 1;
        if (seen === count + 1) {
          const before = child.value.slice(0, match.index);
          const after = child.value.slice(match.index);
          parent.children.splice(index, 1, ...(before ? [{ type: 'text' as const, value: before }] : []), node, { type: 'text' as const, value: after });
          return true;
        }
      }
      pendingWord = /\S$/.test(child.value);
    }
    return false;
  };
  return visit(element);
}

/**
 * The print edition's page starts (from the PDF step) as the EPUB's page breaks: those in
 * chapters, in page order, each page once.
 */
export function printPageBreaks(book: Book, starts: readonly { section: string; block: number; words: number; value: number; label: string }[]): PageBreak[] {
  const slugOf = new Map(book.chapters.map((chapter) => [chapterId(chapter), chapter.slug]));
  const seen = new Set<string>();
  return starts
    .flatMap((start) => {
      const chapter = slugOf.get(start.section);
      if (!chapter || seen.has(start.label)) return [];
      seen.add(start.label);
      // In the chapter's namespace, as its notes' ids: a heading never takes a `page-12` id (`load/links.ts`).
      return [{ chapter, id: `${screenIdPrefix(chapter)}page-${start.label}`, label: start.label, value: start.value, block: start.block, words: start.words }];
    })
    .sort((a, b) => a.value - b.value);
}
