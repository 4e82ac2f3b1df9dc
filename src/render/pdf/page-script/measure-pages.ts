import type { PageRect, PaginateOptions, PaginationReport } from './types.ts';

/** The laid-out pages, and where on them an element or box is, in PDF points. */
interface Pages {
  elements: HTMLElement[];
  pageOf(element: Element): number;
  rectOn(page: number, rect: DOMRect): PageRect;
}

/** Where everything landed: page boxes, anchors, links, outline entries, overflows, text per section. */
export function measurePages(root: Element, options: PaginateOptions): Omit<PaginationReport, 'missingInternals'> {
  const pages = pagesIn(root);
  const { pageLabels, renderedCharacters } = labelsAndCharacters(pages, options);
  return {
    pageCount: pages.elements.length,
    pages: pageBoxes(pages),
    anchors: anchors(root, pages),
    links: takeLinks(root, pages),
    outline: outline(root, pages, options),
    overflows: overflows(pages, options),
    pageLabels,
    renderedCharacters,
    pageStarts: pageStarts(pages, options),
  };
}

function pagesIn(root: Element): Pages {
  const pxToPt = (px: number) => Math.round(px * 75) / 100;
  const elements = Array.from(root.querySelectorAll<HTMLElement>(':scope > .pagedjs_page'));
  const origins = elements.map((page) => page.getBoundingClientRect());
  return {
    elements,
    pageOf(element) {
      const page = element.closest('.pagedjs_page');
      return page ? elements.indexOf(page as HTMLElement) : -1;
    },
    rectOn(page, rect) {
      const origin = origins[page] ?? rect;
      return { x: pxToPt(rect.left - origin.left), y: pxToPt(rect.top - origin.top), width: pxToPt(rect.width), height: pxToPt(rect.height) };
    },
  };
}

/** Per page: its full size and its trim box. */
function pageBoxes(pages: Pages): PaginationReport['pages'] {
  return pages.elements.map((page, index) => {
    const box = page.querySelector('.pagedjs_pagebox');
    const trim = pages.rectOn(index, (box ?? page).getBoundingClientRect());
    const full = pages.rectOn(index, page.getBoundingClientRect());
    return { width: full.width, height: full.height, trim };
  });
}

function anchors(root: Element, pages: Pages): PaginationReport['anchors'] {
  const found: PaginationReport['anchors'] = [];
  const seen = new Set<string>();
  for (const element of Array.from(root.querySelectorAll('.pagedjs_page [id]'))) {
    if (seen.has(element.id) || element.classList.contains('pagedjs_page')) continue;
    seen.add(element.id);
    const page = pages.pageOf(element);
    const rect = pages.rectOn(page, element.getBoundingClientRect());
    found.push({ id: element.id, page, x: rect.x, y: rect.y });
  }
  return found;
}

/** The internal links, each box of each; their `href` is removed (see `PaginationReport.links`). */
function takeLinks(root: Element, pages: Pages): PaginationReport['links'] {
  const links: PaginationReport['links'] = [];
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href^="#"]'))) {
    const target = decodeURIComponent(link.getAttribute('href')?.slice(1) ?? '');
    const page = pages.pageOf(link);
    for (const rect of Array.from(link.getClientRects())) {
      if (rect.width > 0 && rect.height > 0) links.push({ page, rect: pages.rectOn(page, rect), target });
    }
    link.removeAttribute('href');
  }
  return links;
}

function outline(root: Element, pages: Pages, options: PaginateOptions): PaginationReport['outline'] {
  const clean = (text: string) =>
    text
      .replace(/\u00ad/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return Array.from(root.querySelectorAll(`[${options.outlineLevelAttribute}]:not([data-split-from])`)).map((element) => {
    const page = pages.pageOf(element);
    const heading = element.querySelector('h1, h2, h3');
    return {
      level: Number(element.getAttribute(options.outlineLevelAttribute)),
      title: clean(element.getAttribute(options.outlineTitleAttribute) ?? heading?.textContent ?? ''),
      page,
      y: pages.rectOn(page, element.getBoundingClientRect()).y,
    };
  });
}

/**
 * Pages with text or notes outside their box. Paged.js lays each page out as the first column of
 * a multi-column box: text it could not fit ends up in a later column, or below the box when it
 * cannot break; footnotes are clipped. Each names what was cut first: its words, and its block of
 * the chapter body or its note's number.
 */
function overflows(pages: Pages, options: PaginateOptions): PaginationReport['overflows'] {
  const found: PaginationReport['overflows'] = [];
  pages.elements.forEach((page, index) => {
    for (const [selector, what] of [
      ['.pagedjs_page_content', 'text'],
      ['.pagedjs_footnote_area', 'notes'],
    ] as const) {
      const area = page.querySelector(selector);
      const cut = area ? contentOutside(area, area.getBoundingClientRect()) : undefined;
      if (cut) found.push({ page: index, what, ...describeCut(cut, options) });
    }
  });
  return found;
}

/** The first text or picture of `container` that lies outside `bounds`. */
function contentOutside(container: Element, bounds: DOMRect): Node | undefined {
  const range = document.createRange();
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (!node.textContent?.trim()) continue;
      range.selectNodeContents(node);
      if (outside(range.getClientRects(), bounds) && wordOutside(node as Text, range, bounds)) return node;
    } else if ((node as Element).tagName === 'IMG' && outside((node as Element).getClientRects(), bounds)) return node;
  }
  return undefined;
}

function outside(rects: DOMRectList, bounds: DOMRect): boolean {
  return Array.from(rects).some((rect) => rect.width > 0 && (rect.right > bounds.right + 2 || rect.bottom > bounds.bottom + 2));
}

/**
 * Whether a word of `text` lies outside `bounds`: the spaces that end a line of preformatted text
 * (`white-space: pre-wrap`) hang past the margin unseen, and no words are cut there (an IETF
 * draft's padded header lines had every page of it reported).
 */
function wordOutside(text: Text, range: Range, bounds: DOMRect): boolean {
  for (const word of text.data.matchAll(/\S+/g)) {
    range.setStart(text, word.index ?? 0);
    range.setEnd(text, (word.index ?? 0) + word[0].length);
    if (outside(range.getClientRects(), bounds)) return true;
  }
  return false;
}

function describeCut(node: Node, options: PaginateOptions): Pick<PaginationReport['overflows'][number], 'block' | 'note' | 'text'> {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const block = element?.closest(`[${options.blockAttribute}]`)?.getAttribute(options.blockAttribute);
  const note = element?.closest('.footnote')?.querySelector('.footnote-number')?.textContent ?? undefined;
  const words = (node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : `[picture: ${(node as Element).getAttribute('alt') ?? ''}]`)
    .replace(/\s+/g, ' ')
    .trim();
  return {
    ...(block ? { block: Number(block) } : {}),
    ...(note ? { note } : {}),
    text: words.length > 60 ? `${words.slice(0, 59)}…` : words,
  };
}

/** Per page the label of its section (a blank page has the one before it), and the characters laid out per label. */
function labelsAndCharacters(pages: Pages, options: PaginateOptions): Pick<PaginationReport, 'pageLabels' | 'renderedCharacters'> {
  const pageLabels: string[] = [];
  const renderedCharacters: Record<string, number> = {};
  pages.elements.forEach((page, index) => {
    const label = page.querySelector(`[${options.labelAttribute}]`)?.getAttribute(options.labelAttribute) ?? pageLabels[index - 1] ?? '';
    pageLabels.push(label);
    const characters = (page.querySelector('.pagedjs_area')?.textContent ?? '').replace(/[\s\u00ad-]/g, '').length;
    renderedCharacters[label] = (renderedCharacters[label] ?? 0) + characters;
  });
  return { pageLabels, renderedCharacters };
}

/** See `PaginationReport.pageStarts`. */
function pageStarts(pages: Pages, options: PaginateOptions): PaginationReport['pageStarts'] {
  const starts: PaginationReport['pageStarts'] = [];
  const wordsBefore = new Map<string, number>();
  const chapterOf = (element: Element | null | undefined) => element?.closest('section[data-chapter]')?.getAttribute('data-chapter') ?? '';
  pages.elements.forEach((page, index) => {
    const content = page.querySelector('.pagedjs_page_content');
    if (!content) return;
    const blocks = Array.from(content.querySelectorAll(`[${options.blockAttribute}]`)).filter(
      (block) => !block.parentElement?.closest(`[${options.blockAttribute}]`),
    );
    const chapter = content.querySelector('section[data-chapter]');
    const first = blocks[0];
    if (chapter && !chapter.hasAttribute('data-split-from')) starts.push({ page: index, section: chapterOf(chapter), block: -1, words: 0 });
    else if (first && chapterOf(first)) {
      const continued = first.hasAttribute('data-split-from');
      const words = continued ? (wordsBefore.get(first.getAttribute('data-ref') ?? '') ?? 0) : 0;
      starts.push({ page: index, section: chapterOf(first), block: Number(first.getAttribute(options.blockAttribute)), words });
    }
    for (const block of blocks) {
      const ref = block.getAttribute('data-ref') ?? '';
      wordsBefore.set(ref, (wordsBefore.get(ref) ?? 0) + wordsIn(block));
    }
  });
  return starts;
}

/** Words of a block, the notes' text and calls not counted. */
function wordsIn(element: Element): number {
  let text = '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('.footnote, [data-footnote-call], [data-footnote-ref], .footnote-repeat')) continue;
    text += node.textContent ?? '';
  }
  return (text.replace(/\u00ad/g, '').match(/\S+/g) ?? []).length;
}
