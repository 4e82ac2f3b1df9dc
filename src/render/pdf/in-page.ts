/**
 * Functions that run inside the browser tab that paginates one chunk of the print document. The
 * Paged.js adapter sends their source text to the tab: they import nothing, use no module-level
 * helpers, take and return plain JSON data, and call only each other (installed in one scope).
 */

export interface HyphenationData {
  /** Liang patterns: letters (with `.` at word edges) → digits, `'0'…'9'`, one more than letters. */
  patterns: Record<string, string>;
  leftMin: number;
  rightMin: number;
}

export interface PrepareChunkOptions {
  labelAttribute: string;
  hyphenation: HyphenationData | undefined;
  language: string;
}

export interface PreparedChunk {
  /** Characters of text (no white space, no soft hyphens) per labelled section, to detect lost text. */
  sourceCharacters: Record<string, number>;
  hyphenatedWords: number;
}

/**
 * Before Paged.js: inserts soft hyphens (Chromium on Linux has no hyphenation dictionaries of its
 * own) and counts the text of each labelled section.
 */
export function prepareChunk(options: PrepareChunkOptions): PreparedChunk {
  // Figures that may float (see `installPagedjsFixes`): between two paragraphs, so that moving
  // one past the next paragraph keeps it in its section.
  const paragraph = (element: Element | null) => element !== null && /^(P|BLOCKQUOTE|UL|OL)$/.test(element.tagName);
  Array.from(document.querySelectorAll('figure')).forEach((figure, index) => {
    if (paragraph(figure.previousElementSibling) && paragraph(figure.nextElementSibling)) figure.setAttribute('data-float', String(index));
  });
  let hyphenatedWords = 0;
  const hyphenation = options.hyphenation;
  if (hyphenation) {
    const maxPattern = Object.keys(hyphenation.patterns).reduce((max, key) => Math.max(max, key.length), 0);
    const breakPoints = (word: string): number[] => {
      const letters = `.${word.toLowerCase()}.`;
      const levels = new Array<number>(letters.length + 1).fill(0);
      for (let start = 0; start < letters.length; start++) {
        for (let end = start + 1; end <= Math.min(letters.length, start + maxPattern); end++) {
          const digits = hyphenation.patterns[letters.slice(start, end)];
          if (digits === undefined) continue;
          for (let offset = 0; offset < digits.length; offset++) {
            const level = digits.charCodeAt(offset) - 48;
            if (level > (levels[start + offset] ?? 0)) levels[start + offset] = level;
          }
        }
      }
      const points: number[] = [];
      // levels[i] is the break before letters[i]; letters[0] is the leading dot.
      for (let index = hyphenation.leftMin; index <= word.length - hyphenation.rightMin; index++) {
        if ((levels[index + 1] ?? 0) % 2 === 1) points.push(index);
      }
      return points;
    };
    const bookLanguage = options.language.toLowerCase().split('-')[0];
    const known = new Map<string, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
    const styleOf = new Map<Element, boolean>();
    const hyphenates = (element: Element): boolean => {
      let known = styleOf.get(element);
      if (known === undefined) {
        const language = (element.closest('[lang]')?.getAttribute('lang') ?? '').toLowerCase().split('-')[0];
        known = getComputedStyle(element).hyphens !== 'none' && language === bookLanguage;
        styleOf.set(element, known);
      }
      return known;
    };
    for (const text of texts) {
      const parent = text.parentElement;
      if (!parent || !hyphenates(parent)) continue;
      text.data = text.data.replace(/(?:https?:\/\/|www\.)\S+|[\p{L}]{5,}/gu, (word) => {
        if (!/^\p{L}+$/u.test(word)) return word;
        let hyphenated = known.get(word);
        if (hyphenated === undefined) {
          hyphenated = '';
          let from = 0;
          for (const point of breakPoints(word)) {
            hyphenated += `${word.slice(from, point)}\u00ad`;
            from = point;
          }
          hyphenated += word.slice(from);
          known.set(word, hyphenated);
        }
        if (hyphenated !== word) hyphenatedWords += 1;
        return hyphenated;
      });
    }
  }
  const sourceCharacters: Record<string, number> = {};
  for (const section of Array.from(document.querySelectorAll(`[${options.labelAttribute}]`))) {
    const label = section.getAttribute(options.labelAttribute) ?? '';
    sourceCharacters[label] = (sourceCharacters[label] ?? 0) + (section.textContent ?? '').replace(/[\s\u00ad-]/g, '').length;
  }
  return { sourceCharacters, hyphenatedWords };
}

export interface PaginateOptions {
  /** Add a blank page when the chunk ends on a recto, so that the next chunk opens on a recto. */
  endOnVerso: boolean;
  labelAttribute: string;
  outlineLevelAttribute: string;
  outlineTitleAttribute: string;
  /** On each block of a chapter body: its number (`chapterBodyToHast`'s `numberBlocks`). */
  blockAttribute: string;
}

/** A rectangle in PDF points, from the top-left corner of its page. */
export interface PageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PaginationReport {
  pageCount: number;
  /** Per page: its full size and its trim box (smaller than the page when there is bleed). */
  pages: { width: number; height: number; trim: PageRect }[];
  /** Where each id is (the first page it is on). */
  anchors: { id: string; page: number; x: number; y: number }[];
  /** Internal links, their `href` removed so that Chromium does not write links that merging breaks. */
  links: { page: number; rect: PageRect; target: string }[];
  outline: { level: number; title: string; page: number; y: number }[];
  /** Pages whose text or notes do not fit (Paged.js cut them off). */
  overflows: { page: number; what: 'text' | 'notes' }[];
  /** Per page: the label of the section on it (a blank page has the one before it). */
  pageLabels: string[];
  /** Characters laid out per labelled section, its notes included (compare `sourceCharacters`). */
  renderedCharacters: Record<string, number>;
  /**
   * Where the pages of chapters start, for the EPUB's print page markers: the chapter section's
   * id, and its opening (block -1) or the block the page starts in with the words of that block
   * on earlier pages (the notes' text and calls not counted).
   */
  pageStarts: { page: number; section: string; block: number; words: number }[];
}

interface PagedChunker {
  total: number;
  pages: { element: HTMLElement }[];
  pagesArea: HTMLElement;
  hooks: Record<'beforePageLayout' | 'afterPageLayout' | 'finalizePage', { trigger(...args: unknown[]): Promise<unknown> }>;
  addPage(blank: boolean): { element: HTMLElement };
  emit(event: string, ...args: unknown[]): void;
}

/**
 * Runs Paged.js (already loaded, with `PagedConfig.auto = false`) on the document and reports
 * what it laid out. The adapter installs it with the in-page functions it calls.
 */
export async function paginate(options: PaginateOptions): Promise<PaginationReport> {
  installPagedjsFixes();
  const polyfill = (window as unknown as { PagedPolyfill: { preview(): Promise<unknown>; chunker: PagedChunker } }).PagedPolyfill;
  await polyfill.preview();
  if (options.endOnVerso && polyfill.chunker.total % 2 === 1) await addBlankPage(polyfill.chunker);
  keepLineBreakingHyphens(polyfill.chunker.pagesArea);
  return measurePages(polyfill.chunker.pagesArea, options);
}

/** Handlers for Paged.js bugs that cut text off pages (registered before `preview`). */
export function installPagedjsFixes(): void {
  const paged = (window as unknown as { Paged: { Handler: new (...args: unknown[]) => object; registerHandlers(...handlers: unknown[]): void } }).Paged;
  // Paged.js finds where a page overflows by measuring each letter's box, but the box of the
  // letter after a soft-hyphen line break also covers the end of the line before, so it breaks one
  // letter late: `counterterror-i` then no longer fits and is cut off. Breaking inside a word
  // where no line can break, it steps back to the soft hyphen before.
  class BreakAtSoftHyphens extends paged.Handler {
    onOverflow(overflow: Range | undefined): Range | undefined {
      const node = overflow?.startContainer;
      if (!overflow || !node || node.nodeType !== Node.TEXT_NODE) return overflow;
      const data = (node as Text).data;
      const offset = overflow.startOffset;
      const letter = /\p{L}/u;
      const inWord = (character: string) => character === '\u00ad' || letter.test(character);
      if (offset <= 0 || offset >= data.length || !inWord(data.charAt(offset - 1)) || !inWord(data.charAt(offset))) return overflow;
      if (data.charAt(offset - 1) === '\u00ad') return overflow;
      for (let index = offset - 1; index > 0; index--) {
        if (data.charAt(index) === '\u00ad') {
          overflow.setStart(node, index + 1);
          break;
        }
        if (!letter.test(data.charAt(index))) break;
      }
      return overflow;
    }
  }
  // Paged.js can grow a page's footnote area after laying out its text (a note overflowing its
  // area), which pushes the last lines, and calls, off the page. Its own check for this passes its
  // arguments in the wrong order and never fires; this one restarts the layout from the lines cut.
  interface LaidOutPage {
    wrapper: Element;
    startToken: unknown;
    endToken: unknown;
    layoutMethod?: { bounds: DOMRect; findBreakToken(rendered: Element, source: unknown, bounds: DOMRect, previous: unknown): unknown };
    _onOverflow?: (token: unknown) => void;
  }
  // The notes waiting for the next page (a note's continuation) live in Paged.js's footnote
  // handler, which is not exported: its class is found by its method and its instance kept.
  type FootnoteHandler = { needsLayout: (DocumentFragment | Element)[] };
  const footnoteClass = (paged as unknown as { registeredHandlers: { prototype: Record<string, unknown> }[] }).registeredHandlers.find(
    (handler) => typeof handler.prototype.moveFootnote === 'function',
  );
  let footnotes: FootnoteHandler | undefined;
  // The handler is kept as it starts each page, with the notes continuing onto that page as they
  // were before it was laid out: a page laid out again (`restartFrom`) gets them again.
  const continuingOnto = new WeakMap<HTMLElement, Node[]>();
  const beforeLayout = footnoteClass?.prototype.beforePageLayout as ((this: FootnoteHandler, ...args: unknown[]) => unknown) | undefined;
  if (footnoteClass && beforeLayout) {
    footnoteClass.prototype.beforePageLayout = function (this: FootnoteHandler, page: { element: HTMLElement }, ...args: unknown[]) {
      footnotes = this;
      continuingOnto.set(
        page.element,
        this.needsLayout.map((waiting) => waiting.cloneNode(true)),
      );
      return beforeLayout.call(this, page, ...args);
    };
  }
  class RelayoutPagesShrunkByFootnotes extends paged.Handler {
    afterPageLayout(element: HTMLElement, page: LaidOutPage, _token: unknown, chunker: { source?: unknown; rendered: boolean }) {
      const content = element.querySelector('.pagedjs_page_content');
      if (chunker.rendered || !chunker.source || !page.layoutMethod || !content || content.scrollWidth <= content.clientWidth + 2) return;
      const notesBefore = Array.from(element.querySelectorAll('.pagedjs_footnote_area [data-note]')).map((note) => note.getAttribute('data-ref'));
      const token = page.layoutMethod.findBreakToken(page.wrapper, chunker.source, page.layoutMethod.bounds, page.startToken);
      if (!token) return;
      // Notes whose calls went with the lines cut are laid out again whole with them: drop the
      // continuations of those notes already waiting for the next page.
      const notesAfter = new Set(Array.from(element.querySelectorAll('.pagedjs_footnote_area [data-note]')).map((note) => note.getAttribute('data-ref')));
      const moved = new Set(notesBefore.filter((ref) => !notesAfter.has(ref)));
      if (footnotes) {
        for (const waiting of footnotes.needsLayout) {
          for (const child of Array.from(waiting.childNodes)) {
            if (child instanceof Element && moved.has(child.getAttribute('data-ref'))) child.remove();
          }
        }
      }
      page.endToken = token;
      page._onOverflow?.(token);
    }
  }
  // A figure that does not fit at the foot of a page goes overleaf and leaves a gap. As a
  // typesetter floats it, it is moved after the paragraph that follows it, and the layout starts
  // again from the page before (as Paged.js does on overflow), so that text fills the gap.
  interface RestartableChunker {
    source: DocumentFragment;
    breakToken: unknown;
    pages: { element: HTMLElement; startToken: unknown }[];
    rendered: boolean;
    /** Set once a restart (ours or Paged.js's own on overflow) is under way: the other handlers leave the page be. */
    stopped: boolean;
    start(): void;
    stop(): void;
    removePages(fromIndex: number): void;
  }
  /** Whether page `index` can be laid out again: one Paged.js laid out (not a blank), no other restart under way. */
  const canRestartFrom = (chunker: RestartableChunker, index: number): boolean =>
    !chunker.rendered && !chunker.stopped && index >= 0 && chunker.pages[index]?.startToken !== undefined;
  /** Lays the pages out again from page `index` on, once the page being finished is done. */
  const restartFrom = (chunker: RestartableChunker, index: number) => {
    const page = chunker.pages[index];
    if (footnotes && page) footnotes.needsLayout = (continuingOnto.get(page.element) ?? []).map((waiting) => waiting.cloneNode(true) as DocumentFragment);
    chunker.stop();
    chunker.breakToken = page?.startToken;
    // This page is still being finished: the pages go when Paged.js starts again.
    const start = chunker.start;
    chunker.start = function (this: RestartableChunker) {
      chunker.start = start;
      this.removePages(index);
      start.call(this);
    };
  };
  const floated = new Set<string>();
  /** About half a page of text at 6 × 9 in. */
  const maxFloatPastCharacters = 1500;
  const textBottom = (container: Element): number => {
    const range = document.createRange();
    let bottom = Number.NEGATIVE_INFINITY;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) if (rect.height > 0) bottom = Math.max(bottom, rect.bottom);
    }
    return bottom;
  };
  class FloatStrandedFigures extends paged.Handler {
    afterPageLayout(element: HTMLElement, page: RestartableChunker['pages'][number], _token: unknown, chunker: RestartableChunker) {
      const index = chunker.pages.indexOf(page);
      const previous = chunker.pages[index - 1];
      const content = element.querySelector('.pagedjs_page_content');
      const figure = content?.querySelector('figure[data-float]:not([data-split-from])');
      const number = figure?.getAttribute('data-float') ?? '';
      if (!previous || !content || !figure || floated.has(number) || !canRestartFrom(chunker, index - 1)) return;
      const before = document.createRange();
      before.setStart(content, 0);
      before.setEndBefore(figure);
      if (before.toString().trim() !== '') return;
      const previousContent = previous.element.querySelector('.pagedjs_page_content');
      if (!previousContent) return;
      const lineHeight = Number.parseFloat(getComputedStyle(previousContent.querySelector('p') ?? previousContent).lineHeight) || 16;
      const gap = previousContent.getBoundingClientRect().bottom - textBottom(previousContent);
      // A page without text before (an image alone) has nothing to fill the gap with.
      if (gap < 2 * lineHeight || !Number.isFinite(gap)) return;
      const source = chunker.source.querySelector(`figure[data-float="${number}"]`);
      const next = source?.nextElementSibling;
      // Past a long paragraph the figure would land pages away from where the text refers to it.
      if (!source || !next || (next.textContent ?? '').length > maxFloatPastCharacters) return;
      next.after(source);
      floated.add(number);
      restartFrom(chunker, index - 1);
    }
  }
  // With `footnote-policy: auto` Paged.js keeps a call on its line and starts the note below,
  // continuing it overleaf, which fills pages; but when not one line of the note fits, the whole
  // note goes overleaf without its call. That note is given the `line` policy (its call's line
  // goes overleaf too) and the page is laid out again. Paged.js finds that line from the top of
  // the text before the call, often lines higher: the last word is split off to be that text.
  const movedWithLine = new Set<string>();
  class StartNotesOnTheirCallsPage extends paged.Handler {
    afterPageLayout(element: HTMLElement, page: RestartableChunker['pages'][number], _token: unknown, chunker: RestartableChunker) {
      const index = chunker.pages.indexOf(page);
      if (!canRestartFrom(chunker, index)) return;
      const notesHere = new Set(
        Array.from(element.querySelectorAll('.pagedjs_footnote_area [data-note]:not([data-split-from])')).map((note) => note.getAttribute('data-ref')),
      );
      const orphaned = Array.from(element.querySelectorAll('.pagedjs_page_content [data-footnote-call]'))
        .map((call) => call.getAttribute('data-footnote-call') ?? '')
        .filter((ref) => !notesHere.has(ref) && !movedWithLine.has(ref));
      const first = orphaned[0];
      const source = first === undefined ? undefined : chunker.source.querySelector(`[data-ref="${first}"]`);
      if (!source) return;
      movedWithLine.add(first as string);
      source.setAttribute('data-note-policy', 'line');
      const textBefore = source.previousSibling;
      const lastSpace = textBefore?.nodeType === Node.TEXT_NODE ? (textBefore as Text).data.trimEnd().search(/\s\S*$/) : -1;
      if (lastSpace > 0) (textBefore as Text).splitText(lastSpace + 1);
      restartFrom(chunker, index);
    }
  }
  paged.registerHandlers(BreakAtSoftHyphens, RelayoutPagesShrunkByFootnotes, FloatStrandedFigures, StartNotesOnTheirCallsPage);
}

/** A blank verso after a chunk that ends on a recto, as Chunker.handleBreaks adds for `break-before: right`. */
export async function addBlankPage(chunker: PagedChunker): Promise<void> {
  const page = chunker.addPage(true);
  await chunker.hooks.beforePageLayout.trigger(page, undefined, undefined, chunker);
  chunker.emit('page', page);
  await chunker.hooks.afterPageLayout.trigger(page.element, page, undefined, chunker);
  await chunker.hooks.finalizePage.trigger(page.element, page, undefined, chunker);
  chunker.pagesArea.style.setProperty('--pagedjs-page-count', String(chunker.total));
}

/**
 * Chromium writes soft hyphens into the PDF's text, which spoils searching and copying: keeps only
 * those where a line breaks, as plain hyphens (the same glyph, so no line reflows). Only words on
 * two lines are measured letter by letter.
 */
export function keepLineBreakingHyphens(root: Element): void {
  const hyphenRange = document.createRange();
  const boxesOf = (node: Text, start: number, end: number): DOMRect[] => {
    hyphenRange.setStart(node, start);
    hyphenRange.setEnd(node, end);
    return Array.from(hyphenRange.getClientRects()).filter((rect) => rect.width > 0);
  };
  // Per line the text node is on: its top and right edge. A line ending in a soft hyphen has two
  // boxes (the letters, the hyphen), one once it is a plain hyphen: a line is its rightmost box.
  const linesOf = (node: Text): Map<number, number> => {
    const lines = new Map<number, number>();
    for (const rect of boxesOf(node, 0, node.length)) {
      const top = Math.round(rect.top);
      lines.set(top, Math.max(lines.get(top) ?? rect.right, rect.right));
    }
    return lines;
  };
  // The same lines, ending within a pixel or two (a plain hyphen may be a little narrower).
  const sameLines = (before: Map<number, number>, after: Map<number, number>): boolean =>
    before.size === after.size && [...before].every(([top, right]) => Math.abs((after.get(top) ?? Number.NaN) - right) <= 2);
  // Everything is measured before anything changes: a change lays the pages out again, and
  // measuring after each text node's would do so once per node.
  const changes: { text: Text; original: string; kept: string; lines: Map<number, number> }[] = [];
  const textWalker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = textWalker.nextNode() as Text | null; node; node = textWalker.nextNode() as Text | null) {
    const original = node.data;
    if (!original.includes('\u00ad')) continue;
    const text = node;
    const kept = original.replace(/[^\s\u00ad]*\u00ad[^\s]*/g, (word, wordStart: number) => {
      const broken = boxesOf(text, wordStart, wordStart + word.length).length > 1;
      let out = '';
      for (let index = 0; index < word.length; index++) {
        const character = word.charAt(index);
        if (character !== '\u00ad') out += character;
        else if (broken && index > 0 && index < word.length - 1) {
          // A letter's own box is its last: one at a line start also gets the hyphen ending the line before.
          const before = boxesOf(text, wordStart + index - 1, wordStart + index).at(-1);
          const after = boxesOf(text, wordStart + index + 1, wordStart + index + 2).at(-1);
          if (before && after && after.top > before.top + 1) out += '-';
        }
      }
      return out;
    });
    changes.push({ text, original, kept, lines: linesOf(text) });
  }
  for (const change of changes) change.text.data = change.kept;
  // Should Chromium break the lines differently without them, the soft hyphens stay.
  // Once more after restoring: a node restored can reflow its neighbours in the paragraph.
  for (let pass = 0; pass < 2; pass++) {
    const reflowed = changes.filter((change) => change.text.data === change.kept && !sameLines(change.lines, linesOf(change.text)));
    for (const change of reflowed) change.text.data = change.original;
    if (reflowed.length === 0) break;
  }
}

/** Where everything landed: page boxes, anchors, links, outline entries, overflows, text per section. */
export function measurePages(root: Element, options: PaginateOptions): PaginationReport {
  const pxToPt = (px: number) => Math.round(px * 75) / 100;
  const pageElements = Array.from(root.querySelectorAll<HTMLElement>(':scope > .pagedjs_page'));
  const origins = pageElements.map((page) => page.getBoundingClientRect());
  const pageOf = (element: Element): number => {
    const page = element.closest('.pagedjs_page');
    return page ? pageElements.indexOf(page as HTMLElement) : -1;
  };
  const rectOn = (page: number, rect: DOMRect): PageRect => {
    const origin = origins[page] ?? rect;
    return { x: pxToPt(rect.left - origin.left), y: pxToPt(rect.top - origin.top), width: pxToPt(rect.width), height: pxToPt(rect.height) };
  };
  const clean = (text: string) =>
    text
      .replace(/\u00ad/g, '')
      .replace(/\s+/g, ' ')
      .trim();

  const pages = pageElements.map((page, index) => {
    const box = page.querySelector('.pagedjs_pagebox');
    const trim = box ? rectOn(index, box.getBoundingClientRect()) : rectOn(index, page.getBoundingClientRect());
    const origin = origins[index];
    return { width: pxToPt(origin?.width ?? 0), height: pxToPt(origin?.height ?? 0), trim };
  });

  const anchors: PaginationReport['anchors'] = [];
  const seen = new Set<string>();
  for (const element of Array.from(root.querySelectorAll('.pagedjs_page [id]'))) {
    if (seen.has(element.id) || element.classList.contains('pagedjs_page')) continue;
    seen.add(element.id);
    const page = pageOf(element);
    const rect = rectOn(page, element.getBoundingClientRect());
    anchors.push({ id: element.id, page, x: rect.x, y: rect.y });
  }

  const links: PaginationReport['links'] = [];
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href^="#"]'))) {
    const target = decodeURIComponent(link.getAttribute('href')?.slice(1) ?? '');
    const page = pageOf(link);
    for (const rect of Array.from(link.getClientRects())) {
      if (rect.width > 0 && rect.height > 0) links.push({ page, rect: rectOn(page, rect), target });
    }
    link.removeAttribute('href');
  }

  const outline: PaginationReport['outline'] = [];
  for (const element of Array.from(root.querySelectorAll(`[${options.outlineLevelAttribute}]:not([data-split-from])`))) {
    const page = pageOf(element);
    const heading = element.querySelector('h1, h2, h3');
    outline.push({
      level: Number(element.getAttribute(options.outlineLevelAttribute)),
      title: clean(element.getAttribute(options.outlineTitleAttribute) ?? heading?.textContent ?? ''),
      page,
      y: rectOn(page, element.getBoundingClientRect()).y,
    });
  }

  // Paged.js lays each page out as the first column of a multi-column box: text it could not fit
  // ends up in a later column, or below the box when it cannot break; footnotes are clipped.
  const range = document.createRange();
  const hasContentOutside = (container: Element | null, bounds: DOMRect): boolean => {
    if (!container) return false;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let rects: DOMRectList;
      if (node.nodeType === Node.TEXT_NODE) {
        if (!node.textContent?.trim()) continue;
        range.selectNodeContents(node);
        rects = range.getClientRects();
      } else if ((node as Element).tagName === 'IMG') rects = (node as Element).getClientRects();
      else continue;
      for (const rect of Array.from(rects)) {
        if (rect.width > 0 && (rect.right > bounds.right + 2 || rect.bottom > bounds.bottom + 2)) return true;
      }
    }
    return false;
  };
  const overflows: PaginationReport['overflows'] = [];
  pageElements.forEach((page, index) => {
    const content = page.querySelector('.pagedjs_page_content');
    if (content && hasContentOutside(content, content.getBoundingClientRect())) overflows.push({ page: index, what: 'text' });
    const notesArea = page.querySelector('.pagedjs_footnote_area');
    if (notesArea && hasContentOutside(notesArea, notesArea.getBoundingClientRect())) overflows.push({ page: index, what: 'notes' });
  });

  const pageLabels: string[] = [];
  const renderedCharacters: Record<string, number> = {};
  pageElements.forEach((page, index) => {
    const label = page.querySelector(`[${options.labelAttribute}]`)?.getAttribute(options.labelAttribute) ?? pageLabels[index - 1] ?? '';
    pageLabels.push(label);
    const characters = (page.querySelector('.pagedjs_area')?.textContent ?? '').replace(/[\s\u00ad-]/g, '').length;
    renderedCharacters[label] = (renderedCharacters[label] ?? 0) + characters;
  });
  const pageStarts: PaginationReport['pageStarts'] = [];
  const wordsBefore = new Map<string, number>();
  const wordsIn = (element: Element): number => {
    let text = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.footnote, [data-footnote-call], [data-footnote-ref], .footnote-repeat')) continue;
      text += node.textContent ?? '';
    }
    return (text.replace(/\u00ad/g, '').match(/\S+/g) ?? []).length;
  };
  pageElements.forEach((page, index) => {
    const content = page.querySelector('.pagedjs_page_content');
    if (!content) return;
    const blocks = Array.from(content.querySelectorAll(`[${options.blockAttribute}]`)).filter(
      (block) => !block.parentElement?.closest(`[${options.blockAttribute}]`),
    );
    const chapter = content.querySelector('section[data-chapter]');
    const first = blocks[0];
    const chapterOf = (element: Element | null | undefined) => element?.closest('section[data-chapter]')?.getAttribute('data-chapter') ?? '';
    if (chapter && !chapter.hasAttribute('data-split-from')) pageStarts.push({ page: index, section: chapterOf(chapter), block: -1, words: 0 });
    else if (first && chapterOf(first)) {
      const continued = first.hasAttribute('data-split-from');
      const words = continued ? (wordsBefore.get(first.getAttribute('data-ref') ?? '') ?? 0) : 0;
      pageStarts.push({ page: index, section: chapterOf(first), block: Number(first.getAttribute(options.blockAttribute)), words });
    }
    for (const block of blocks) {
      const ref = block.getAttribute('data-ref') ?? '';
      wordsBefore.set(ref, (wordsBefore.get(ref) ?? 0) + wordsIn(block));
    }
  });
  return { pageCount: pageElements.length, pages, anchors, links, outline, overflows, pageLabels, renderedCharacters, pageStarts };
}

/** Writes page numbers into the laid-out pages: their boxes have a fixed width, so nothing reflows. */
export function fillPageRefs(pageRefs: Record<string, string>, pageRefAttribute: string): void {
  for (const element of Array.from(document.querySelectorAll(`.pagedjs_pages [${pageRefAttribute}]`))) {
    const target = element.getAttribute(pageRefAttribute) ?? '';
    if (target in pageRefs) element.textContent = pageRefs[target] ?? '';
  }
}

/** Numbers the pages from `firstPageNumber`: Paged.js counts them from 1 in each tab. */
export function startPageNumbersAt(firstPageNumber: number): void {
  const pagesArea = document.querySelector<HTMLElement>('.pagedjs_pages');
  if (!pagesArea) return;
  const counters = getComputedStyle(pagesArea).counterReset.split(/\s+/);
  const pairs: string[] = [];
  let hasPage = false;
  for (let index = 0; index < counters.length; index += 2) {
    const name = counters[index];
    if (!name || name === 'none') continue;
    const value = name === 'page' ? String(firstPageNumber - 1) : (counters[index + 1] ?? '0');
    hasPage ||= name === 'page';
    pairs.push(`${name} ${value}`);
  }
  if (!hasPage) pairs.push(`page ${firstPageNumber - 1}`);
  pagesArea.style.counterReset = pairs.join(' ');
}
