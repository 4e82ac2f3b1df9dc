import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastText } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { Root as MdastRoot } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { Math as DisplayMath, InlineMath } from 'mdast-util-math';
import type { State } from 'mdast-util-to-hast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parseFrontMatterDate, seasonLabel } from '../core/dates.ts';
import { interfaceWords, isEnglish, isTranslated } from '../core/interface-words.ts';
import type { Book, Chapter } from '../core/types.ts';
import { type ChapterLinkTarget, generatedIds } from '../load/links.ts';
import { scriptsToHast } from '../load/script-syntax.ts';
import { type FigureImage, type FigureReference, figureAlt, imageLocation } from './figures.ts';
import { titleHast } from './title.ts';

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
  return formatter(`date ${language} ${JSON.stringify(parts)}`, () => new Intl.DateTimeFormat(language, { ...parts, timeZone: 'UTC' })).format(at);
}

/** `on 28 June 2022`, but `in June 2022`, `in 2022`: the preposition for a date of this precision. */
export function datePreposition(value: string): 'on' | 'in' {
  return parseFrontMatterDate(value)?.day === undefined ? 'in' : 'on';
}

/** `A, B and C` in the book's language. */
export function joinNames(names: readonly string[], language: string): string {
  return formatter(`list ${language}`, () => new Intl.ListFormat(language, { type: 'conjunction', style: 'long' })).format(names);
}

// Made once per language (and precision): making one costs about a millisecond, and the site, the
// EPUB and the PDF format every chapter's date and authors several times.
const formatters = new Map<string, unknown>();

function formatter<F>(key: string, make: () => F): F {
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key) as F;
}

export interface ChapterHastOptions {
  /** Prefix for footnote ids, so they are unique across the book (and chapters can share one document, the PDF). */
  idPrefix: string;
  notesHeading: string;
  /**
   * Number the body's blocks (`data-block`, the notes aside) so that the print edition's page
   * starts can be found again in the EPUB (`epub/page-list.ts`).
   */
  numberBlocks?: boolean;
  /** How this format shows a figure's picture; without it, or when it gives nothing, a placeholder. */
  figureImage?: (figure: FigureReference) => FigureImage | undefined;
  /**
   * The address, in this format, of a place in another chapter of the book that a link leads to
   * (`load/links.ts` `linkChapters`): its file or its section, and its heading's id as prefixed there.
   */
  chapterLink: (target: ChapterLinkTarget) => string;
}

/**
 * The prefix of every id of a chapter's page in the site and its document in the EPUB (its headings',
 * its notes'): a page holds one chapter, so the chapter's id is prefix enough.
 */
export function screenIdPrefix(slug: string): string {
  return `${safeId(slug)}-`;
}

/**
 * Where a link to a chapter goes in a format with a file per chapter, all in one folder (the site's
 * `id.html`, the EPUB's `text/id.xhtml`): that file, and the heading's id as `screenIdPrefix` prefixes it.
 */
export function chapterFileLink(extension: 'html' | 'xhtml'): (target: ChapterLinkTarget) => string {
  return (target) => `${safeId(target.slug)}.${extension}${target.id === undefined ? '' : `#${screenIdPrefix(target.slug)}${target.id}`}`;
}

/** Addresses that run code or carry a document of their own (browsers ignore spaces and controls before the scheme). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip these before the scheme.
const scriptingUrl = /^[\u0000-\u0020]*(?:javascript|vbscript|data):/i;

const remoteUrl = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** The chapter body as hast, with GFM footnotes as a notes section at its end. */
export function chapterBodyToHast(chapter: Chapter, options: ChapterHastOptions): HastRoot {
  const processor = unified().use(remarkRehype, {
    clobberPrefix: options.idPrefix,
    footnoteLabel: options.notesHeading,
    footnoteLabelTagName: 'h2',
    footnoteLabelProperties: { className: ['notes-heading'] },
    footnoteBackLabel: (referenceIndex: number) => `Back to the text of note ${referenceIndex + 1}`,
    handlers: {
      leafDirective: (state: State, node: LeafDirective) => figureToHast(state, node, chapter, options),
      math: (_state: State, node: DisplayMath) => mathToHast(node),
      inlineMath: (_state: State, node: InlineMath) => mathToHast(node),
      ...scriptsToHast,
    },
  });
  const tree = processor.runSync(withLinkAddresses(structuredClone(chapter.tree), options)) as HastRoot;
  const notesHeadingId = `${options.idPrefix}${generatedIds.notesHeading}`;
  for (const node of walkElements(tree)) {
    // A link or picture that would run script (javascript:, vbscript:, data:) is never rendered as one, whoever wrote it.
    for (const key of ['href', 'src'] as const) if (scriptingUrl.test(String(node.properties[key] ?? ''))) delete node.properties[key];
    // A picture from the web written as ![…](https://…) is never loaded (the book is self-contained, the reader not tracked): a placeholder, as for figures.
    if (node.tagName === 'img' && remoteUrl.test(String(node.properties.src ?? ''))) {
      const alt = String(node.properties.alt ?? '');
      Object.assign(node, {
        tagName: 'span',
        properties: { className: ['image-placeholder'], role: 'img', ariaLabel: `Image not supplied${alt ? `: ${alt}` : ''}` },
      });
      node.children = [{ type: 'text', value: 'Image not supplied' }];
    }
    // A table column's alignment (`|---:|`): the `align` attribute is obsolete in HTML and not allowed in EPUB's XHTML.
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof node.properties.align === 'string') {
      node.properties.className = [...(Array.isArray(node.properties.className) ? node.properties.className : []), `align-${node.properties.align}`];
      delete node.properties.align;
    }
    // A header cell with no words (LWN's tables head a row with its first cell only) heads nothing: axe's empty-table-header.
    if (node.tagName === 'th' && hastText(node).trim() === '') node.tagName = 'td';
    if (
      node.tagName === 'li' &&
      String(node.properties.className ?? '')
        .split(/[\s,]+/)
        .includes('task-list-item')
    )
      labelTaskItem(node);
    if (node.properties.dataFootnoteRef !== undefined) node.properties.role = 'doc-noteref';
    // remark-rehype gives every chapter's notes heading the id `footnote-label`: here it is the chapter's, as its notes' ids are.
    if (node.properties.dataFootnoteRef !== undefined) node.properties.ariaDescribedBy = [notesHeadingId];
    if (node.properties.dataFootnotes !== undefined) {
      for (const child of node.children) if (child.type === 'element' && child.properties.id === 'footnote-label') child.properties.id = notesHeadingId;
    }
    if (node.properties.dataFootnoteBackref !== undefined) node.properties.role = 'doc-backlink';
    if (node.properties.dataFootnotes !== undefined) node.properties.role = 'doc-endnotes';
  }
  if (options.numberBlocks) {
    let block = 0;
    for (const node of tree.children) {
      if (node.type !== 'element' || node.properties.dataFootnotes !== undefined) continue;
      node.properties.dataBlock = String(block);
      block += 1;
    }
  }
  return tree;
}

const blockTags = new Set([
  'address',
  'blockquote',
  'details',
  'div',
  'dl',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);

/**
 * A GFM task list item's checkbox (`- [ ] Database migrations run`) labelled by the item's words:
 * the checkbox and the words after it, up to a nested list, in a `label` (axe and Ace: a form
 * field needs a label). In a loose list they are in the item's first paragraph.
 */
function labelTaskItem(item: Element): void {
  const first = item.children.find((child): child is Element => child.type === 'element');
  const holder = first?.tagName === 'p' ? first : item;
  const start = holder.children.findIndex((child) => child.type === 'element' && child.tagName === 'input');
  if (start < 0) return;
  let end = start + 1;
  while (end < holder.children.length) {
    const child = holder.children[end];
    if (child?.type === 'element' && blockTags.has(child.tagName)) break;
    end += 1;
  }
  const label = h('label', holder.children.slice(start, end) as ElementContent[]);
  holder.children.splice(start, end - start, label);
}

/**
 * A chapter's links with the addresses as this output spells them: `load/links.ts` gave each
 * heading a link goes to its id and a link within the chapter `#id`, which here take the prefix
 * the notes' ids have, so no two chapters of one document (the PDF) share an id; a link to another
 * chapter is where `chapterLink` says. A relative address no loading resolved (a chapter rendered
 * without its book) is its words: it would lead nowhere.
 */
function withLinkAddresses(tree: MdastRoot, options: ChapterHastOptions): MdastRoot {
  const { idPrefix } = options;
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' && node.data?.unresolved !== undefined && parent && index !== undefined) {
      parent.children.splice(index, 1, ...(node.children as typeof parent.children));
      return index;
    }
    if (node.type === 'link' && node.data?.chapter) node.url = options.chapterLink(node.data.chapter);
    else if (node.type === 'link' && node.url.startsWith('#')) node.url = `#${idPrefix}${node.url.slice(1)}`;
    const id = node.type === 'heading' ? node.data?.hProperties?.id : undefined;
    if (node.type === 'heading' && typeof id === 'string') node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: `${idPrefix}${id}` } };
    return undefined;
  });
  return tree;
}

/** The opening of a chapter: number, title, authors, first publication, standfirst and headnote. */
export function chapterOpening(chapter: Chapter, book: Pick<Book, 'config'>): ElementContent[] {
  const { meta } = chapter;
  const language = book.config.language;
  const firstPublished = firstPublishedLine(chapter, language);
  return [
    h('header.chapter-opening', [
      h('p.chapter-number', `${interfaceWords(language)('chapter')} ${chapter.number}`),
      h('h1.chapter-title', titleHast(meta.title)),
      ...(meta.authors.length > 0 ? [h('p.chapter-authors', joinNames(meta.authors, language))] : []),
      ...(firstPublished ? [firstPublished] : []),
    ]),
    ...(meta.headnote ? [h('aside.headnote', { 'aria-label': interfaceWords(language)('headnote') }, [h('p', meta.headnote)])] : []),
    ...(meta.standfirst ? [h('p.standfirst', meta.standfirst)] : []),
  ];
}

function firstPublishedLine({ meta }: Chapter, language: string): Element | undefined {
  if (!meta.venue && !meta.date) return undefined;
  const date = meta.date ? formatDate(meta.date, language) : undefined;
  // A date that ends with its own full stop (Russian `март 2019 г.`) takes no second one.
  const end = date?.endsWith('.') ? '' : '.';
  const after = date ? `, ${date}${end}` : '.';
  if (!isEnglish(language) && isTranslated(language, 'firstPublished')) {
    // The CSL locale's `original work published` (`Ursprünglich erschienen`), as its styles print it: no preposition before a date.
    const words = interfaceWords(language);
    const lead = words('firstPublished');
    const preposition = words('firstPublishedIn');
    const beforeVenue = lead.endsWith(` ${preposition}`) ? `${lead} ` : `${lead} ${preposition} `;
    return h('p.first-published', meta.venue ? [beforeVenue, h('cite', meta.venue), after] : [`${lead} ${date}${end}`]);
  }
  const children = meta.venue ? ['First published in ', h('cite', meta.venue), after] : [`First published ${datePreposition(meta.date ?? '')} ${date}${end}`];
  return h('p.first-published', children);
}

/**
 * `::figure[Caption]{src="images/x.jpg" alt="…" credit="…" width="50%"}`: the picture with its
 * alt text (`alt`, else the caption), and the caption with the credit. Without a picture (no
 * `src`, a web address, a file the book does not have) a visible placeholder says so.
 */
function figureToHast(state: State, node: LeafDirective, chapter: Chapter, options: ChapterHastOptions): Element | undefined {
  if (node.name !== 'figure') return undefined;
  const caption = state.all(node) as ElementContent[];
  const { credit } = node.attributes ?? {};
  const reference: FigureReference = {
    node,
    location: imageLocation(chapter.path, node.attributes?.src ?? undefined),
    width: node.attributes?.width?.trim() || undefined,
    alt: figureAlt(node),
    place: { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 },
  };
  const shown = options.figureImage?.(reference);
  const image = shown
    ? h('img', { src: shown.src, alt: reference.alt, width: shown.width, height: shown.height, ...(shown.style ? { style: shown.style } : {}) })
    : h('div.image-placeholder', { role: 'img', 'aria-label': `Image not supplied${reference.alt ? `: ${reference.alt}` : ''}` }, 'Image not supplied');
  const captionChildren: ElementContent[] = [...caption, ...(credit ? [h('span.credit', `${caption.length > 0 ? ' ' : ''}${credit}`)] : [])];
  return h('figure', [image, ...(captionChildren.length > 0 ? [h('figcaption', captionChildren)] : [])]);
}

const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML';

/**
 * A formula as the MathML it was typeset to when the chapter was loaded (`load/typeset-math.ts`),
 * or, when its TeX could not be typeset (reported then), the TeX as code.
 */
function mathToHast(node: DisplayMath | InlineMath): Element {
  const mathml = node.data?.mathml;
  const math = mathml ? fromHtml(mathml, { fragment: true }).children.find((child) => child.type === 'element') : undefined;
  if (math) {
    math.properties = { xmlns: mathmlNamespace, ...math.properties };
    styleAsMathml3(math);
    return math;
  }
  const code = h('code.math-tex', node.value);
  return node.type === 'math' ? h('pre.math-tex', [code]) : code;
}

/** Which elements MathML 3, the EPUB's, lets set each style attribute on (MathML Core, the browsers', lets any). */
const mathStyleHosts: Record<string, ReadonlySet<string>> = { scriptlevel: new Set(['mstyle']), displaystyle: new Set(['mstyle', 'mtable', 'math']) };

/**
 * Temml sets `scriptlevel` on the token it shrinks (`<mn scriptlevel="2">` in a `\cfrac`), as
 * MathML Core allows; MathML 3 has it on `mstyle` only (epubcheck RSC-005 on MathJax's own test
 * page). Such an element is wrapped in an `mstyle` that carries it: the same rendering in both.
 */
function styleAsMathml3(element: Element): void {
  element.children = element.children.map((child) => {
    if (child.type !== 'element') return child;
    styleAsMathml3(child);
    const moved = Object.keys(mathStyleHosts).filter((name) => child.properties[name] !== undefined && !mathStyleHosts[name]?.has(child.tagName));
    if (moved.length === 0) return child;
    const style = Object.fromEntries(moved.map((name) => [name, child.properties[name]]));
    for (const name of moved) delete child.properties[name];
    return { type: 'element', tagName: 'mstyle', properties: style, children: [child] };
  });
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
export function chapterReferences(chapter: Chapter, language: string): ElementContent[] {
  if (!chapter.bibliography) return [];
  return [h('section.chapter-references', { role: 'doc-bibliography' }, [h('h2', interfaceWords(language)('references')), ...chapter.bibliography.entries])];
}

/**
 * A chapter's own reference list with each entry's id, in the chapter's namespace (`idPrefix`, as
 * its notes' and headings' ids, which never take a `ref-` id: `load/links.ts`), for a page that
 * holds one chapter: its citations link there (`linkChapterCitations`).
 */
export function chapterReferencesWithIds(chapter: Chapter, language: string, idPrefix: string): ElementContent[] {
  const references = chapterReferences(chapter, language);
  const [section] = references;
  if (!chapter.bibliography || section?.type !== 'element') return references;
  return [{ ...section, children: [section.children[0] as ElementContent, ...referenceEntries(chapter.bibliography, idPrefix)] }];
}

/**
 * Each citation of a chapter linked to its work's entry: in the chapter's own reference list
 * (`chapterReferencesWithIds`), else in the book's (`book.file`, which lists `book.keys`), else not linked.
 */
export function linkChapterCitations(body: HastRoot, chapter: Chapter, idPrefix: string, book: { keys: readonly string[] | undefined; file: string }): void {
  const own = chapter.bibliography?.keys;
  linkCitations(body, (key) =>
    own?.includes(key) ? `#${idPrefix}${referenceId(key)}` : book.keys?.includes(key) ? `${book.file}#${referenceId(key)}` : undefined,
  );
}

/** Plain text of the title page lines, shared by every format. */
export function editorsLine(book: Pick<Book, 'config'>): string {
  const { editors, language } = book.config;
  return `${interfaceWords(language)('editedBy')} ${joinNames(editors, language)}`;
}

/** A valid XML and HTML id from any text (chapter slugs come from file names; keys from BibTeX). */
export function safeId(text: string): string {
  const cleaned = text.normalize('NFKD').replace(/[^A-Za-z0-9_.-]+/g, '-');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `x${cleaned}`;
}

/** The id of a work's entry in a reference list. */
export function referenceId(key: string): string {
  return safeId(`ref-${key}`);
}

/** The reference list's entries, each `div.csl-entry` with the id of its work (`referenceId`, after `idPrefix`). */
export function referenceEntries(bibliography: { entries: ElementContent[]; keys: string[] }, idPrefix = ''): ElementContent[] {
  const entries = structuredClone(bibliography.entries);
  let index = 0;
  for (const node of entries) {
    if (node.type !== 'element') continue;
    for (const element of [node, ...walkElements(node)]) {
      const classes = element.properties.className;
      if (Array.isArray(classes) && classes.includes('csl-entry')) {
        const key = bibliography.keys[index];
        index += 1;
        if (key) element.properties.id = `${idPrefix}${referenceId(key)}`;
      }
    }
  }
  return entries;
}

/**
 * Each work of a rendered citation (`span.citation-item[data-cite]` inside `span.citation`, as
 * `cite/render.ts` marks them) links to its own entry in the reference list (`hrefOf` says where,
 * or nothing): `(Smith 2010; Jones 2011)` is two links, its parentheses and `; ` text between. A
 * citation whose works are not marked links to its first work. A work's part that carries a link of
 * its own (a URL) has only its text before that link made a link: links cannot nest.
 */
export function linkCitations(tree: HastRoot | Element, hrefOf: (key: string) => string | undefined): void {
  for (const element of walkElements(tree)) {
    const classes = element.properties.className;
    const cites = element.properties.dataCites;
    if (!Array.isArray(classes) || !classes.includes('citation') || typeof cites !== 'string') continue;
    if (element.children.some(isCitationItem)) {
      element.children = element.children.flatMap((child) =>
        isCitationItem(child) ? linkedLead(child.children, hrefOf(String(child.properties.dataCite))) : [child],
      );
      continue;
    }
    const key = cites.split(/\s+/)[0];
    element.children = linkedLead(element.children, key ? hrefOf(key) : undefined);
  }
}

function isCitationItem(node: ElementContent): node is Element {
  const classes = node.type === 'element' ? node.properties.className : undefined;
  return Array.isArray(classes) && classes.includes('citation-item') && typeof (node as Element).properties.dataCite === 'string';
}

/** `nodes` with what comes before their first link made a link to `href` (all of them when they hold none); as they are without `href`. */
function linkedLead(nodes: ElementContent[], href: string | undefined): ElementContent[] {
  if (!href) return nodes;
  const hasLink = (node: ElementContent): boolean => node.type === 'element' && (node.tagName === 'a' || node.children.some(hasLink));
  const firstLinked = nodes.findIndex(hasLink);
  const lead = firstLinked < 0 ? nodes : nodes.slice(0, firstLinked);
  if (lead.length === 0 || lead.every((node) => node.type === 'text' && node.value.trim() === '')) return nodes;
  return [h('a.citation-link', { href }, lead), ...(firstLinked < 0 ? [] : nodes.slice(firstLinked))];
}

/** Text for XML markup written by hand (the EPUB's package and navigation files, the SVG cover). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
