import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { defaultHandlers, type Handle, type State, toMdast } from 'hast-util-to-mdast';
import type { FootnoteDefinition, Parents, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { isPictureAddress, linkedPictureCaption } from '../../load/chapter.ts';
import { figureDirective } from '../body.ts';
import { setLargerCopy } from '../images.ts';
import { markSuperscript, superscriptMarkerText } from '../notes/marker-hint.ts';
import { type PlainNotesResult, recognisePlainNotes } from '../notes/plain-notes.ts';
import { splitCaptionCredit } from './caption.ts';
import { noteDefinitionTag, noteReferenceTag } from './footnotes.ts';
import { classNames, collapsedText, elementsOf, hasClass, hasVisibleContent, stringProperty, textContent } from './hast-tree.ts';

export interface HtmlImage {
  /** The address as found (made absolute when remote). */
  src: string;
  /** On the web, not next to the source: never fetched, the editor supplies the file. */
  remote: boolean;
  caption?: string;
  alt?: string;
}

export interface HtmlToMdastOptions {
  /** The page's address: relative links are made absolute against it. */
  baseUrl?: string;
}

export interface HtmlBody {
  body: Root;
  images: HtmlImage[];
  /** Notes typed by hand that became footnotes (`recognisePlainNotes`), and the lines they took. */
  notes: PlainNotesResult;
}

/**
 * Turns sanitised HTML (with footnotes already in the neutral form of `recogniseFootnotes`) into
 * a chapter body: headings shifted so the top one is level 2, links made absolute, pictures as
 * `::figure` directives (caption, credit; a remote picture keeps its address in `remote`, not
 * `src`, because the build is offline) and GFM footnotes with their definitions at the end.
 */
export function htmlToMdast(tree: HastRoot | Element, file: VFile, options: HtmlToMdastOptions): HtmlBody {
  const images: HtmlImage[] = [];
  const figure = (image: Element, caption: string | undefined, credit: string | undefined) => imageFigure(image, { caption, credit }, images, file, options);
  const handlers: Record<string, Handle> = {
    [noteReferenceTag]: (_state, node) => ({ type: 'footnoteReference', identifier: noteIdentifier(node), label: noteIdentifier(node) }),
    [noteDefinitionTag]: (state, node) => ({
      type: 'footnoteDefinition',
      identifier: noteIdentifier(node),
      label: noteIdentifier(node),
      children: state.toFlow(state.all(node)) as FootnoteDefinition['children'],
    }),
    figure: (state, node) => captionedFigures(state, node, figure),
    div: (state, node) => (hasClass(node, 'wp-caption') || isCaptionedPicture(node) ? captionedFigures(state, node, figure) : state.toFlow(state.all(node))),
    dl: (state, node) => (hasClass(node, 'wp-caption') ? captionedFigures(state, node, figure) : defaultHandlers.dl?.(state, node)),
    p: (state, node) => paragraphWithFigures(state, node, figure),
    table: (state, node) => captionedTable(state, node),
    a: (state, node) => {
      const pictures = pictureImages(node);
      if (pictures.length > 0 && !hasTextBeside(node, pictures)) return pictures.flatMap((image) => figure(image, undefined, undefined));
      // No address, or `#` that only a script gave meaning to.
      if ((stringProperty(node, 'href') ?? '#') === '#') return state.all(node);
      return defaultHandlers.a?.(state, node);
    },
    sup: (state, node) => superscriptContent(state, node),
    // Math in its neutral form (`tex-math.ts`, or a Markdown post's math on its way through HTML): the TeX as written.
    code: (state, node) =>
      hasClass(node, 'language-math') ? ({ type: 'inlineMath', value: textContent(node) } as unknown as Text) : defaultHandlers.code?.(state, node),
    pre: (state, node) => {
      const [only, ...others] = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
      return only?.type === 'element' && only.tagName === 'code' && hasClass(only, 'language-math') && others.length === 0
        ? ({ type: 'math', value: textContent(only) } as unknown as RootContent)
        : defaultHandlers.pre?.(state, node);
    },
    sub: (state, node) => script('subscript', state.all(node)),
    img: (state, node) => {
      if (isEmoji(node) || state.inTable) return { type: 'text', value: stringProperty(node, 'alt') ?? '' };
      return figure(node, undefined, undefined);
    },
  };
  markLinkedPictures(tree, options.baseUrl);
  const converted = toMdast(tree, { handlers });
  const body: Root = converted.type === 'root' ? converted : { type: 'root', children: [converted as RootContent] };
  makeLinksAbsolute(body, options.baseUrl);
  shiftHeadings(body);
  tightenLists(body);
  collapseSpaces(body);
  breaksOutOfEmphasis(body);
  paragraphsAtBlankLines(body);
  dropEdgeBreaks(body);
  moveDefinitionsToEnd(body);
  // Notes typed by hand (`[1]` markers, `<sup>1</sup>`, a closing Notes list) when the markup made none.
  const notes = recognisePlainNotes(body, file);
  scriptsInPlace(body);
  superscriptsNotNotes(body);
  return { body, images, notes };
}

/**
 * A `<sup>` that reads as a note marker (`1`, `[2]`, `*`) keeps that as a hint on its text, and a
 * link in one on the link, for the hand-typed notes recogniser (`superscriptsNotNotes` raises
 * those that are no note); a page after a note's marker (MediaWiki's `{{rp}}`) reads run into it;
 * anything else is a superscript (`10^6^`, `x^2k+1^`, `1^er^`).
 */
function superscriptContent(state: State, node: Element) {
  const text = collapsedText(node);
  if (node.children.every((child) => child.type === 'text') && superscriptMarkerText.test(text)) {
    return { type: 'text', value: markSuperscript(text, node.position?.start) } satisfies Text;
  }
  const content = state.all(node);
  // A marker's text in markup of its own (`<sup><a name="r1">1</a></sup>`, a Markdown post's `<sup>[[1]](#fn1)</sup>`)
  // is left for the typed notes' recogniser.
  if (
    superscriptMarkerText.test(text) ||
    /[[(]\d{1,3}[\])]/.test(text) ||
    content.some((child) => child.type === 'link' || child.type === 'footnoteReference')
  ) {
    for (const child of content) if (child.type === 'link') child.data = { ...child.data, superscript: true };
    return content;
  }
  return /^\s*:/.test(text) ? content : script('superscript', content);
}

type Converted = ReturnType<State['all']>;

/**
 * Pandoc's `^…^` or `~…~` around what a `<sup>` or `<sub>` held (`load/script-syntax.ts`), its
 * spaces at either end outside it and a line break in it a space (a script holds no line).
 */
function script(type: 'superscript' | 'subscript', content: Converted): Converted {
  // A script inside one of its kind (Word's `<sup><sup>`) is one script: `^^2^^` reads as no superscript.
  const flat = content.flatMap((child) =>
    (child.data as { script?: string } | undefined)?.script === type ? (child as { children: Converted }).children : [child],
  );
  const phrasing = flat.map((child) => (child.type === 'break' ? ({ type: 'text', value: ' ' } satisfies Text) : child)) as PhrasingContent[];
  if (phrasing.every((child) => child.type === 'text' && child.value.trim() === '')) return content;
  const [first, last] = [phrasing[0], phrasing.at(-1)];
  const leading = first?.type === 'text' ? (/^\s+/.exec(first.value)?.[0] ?? '') : '';
  const trailing = last?.type === 'text' ? (/\s+$/.exec(last.value)?.[0] ?? '') : '';
  if (first?.type === 'text') first.value = first.value.slice(leading.length);
  if (last?.type === 'text') last.value = last.value.slice(0, last.value.length - trailing.length);
  const children = phrasing.filter((child) => child.type !== 'text' || child.value !== '');
  // hast-util-to-mdast knows only mdast's own phrasing: a node of another type would end its
  // paragraph. An emphasis stands in for the script until the notes are found (`scriptsInPlace`),
  // which read it as inline text, as they read a `<sup>` before.
  const node: PhrasingContent = { type: 'emphasis', data: { script: type } as never, children };
  return [...(leading ? [{ type: 'text', value: ' ' } satisfies Text] : []), node, ...(trailing ? [{ type: 'text', value: ' ' } satisfies Text] : [])];
}

function scriptsInPlace(body: Root): void {
  visit(body, 'emphasis', (node, index, parent) => {
    const type = (node.data as { script?: 'superscript' | 'subscript' } | undefined)?.script;
    if (type && parent && index !== undefined) parent.children[index] = { type, children: node.children } as PhrasingContent;
  });
}

/**
 * Notes typed by hand in Markdown that has Pandoc's superscript (`text^1^` … `1. The note.`):
 * a superscript that reads as a marker is a hinted text while the notes are found, as a
 * `<sup>1</sup>` is, and a superscript again if it was no marker.
 */
export function recognisePlainNotesBesideScripts(tree: Root, file: VFile): PlainNotesResult {
  visit(tree, 'superscript', (node, index, parent) => {
    const [only, ...others] = node.children;
    if (!parent || index === undefined || others.length > 0 || only?.type !== 'text' || !superscriptMarkerText.test(only.value)) return;
    parent.children[index] = { ...only, data: { ...only.data, superscript: true } };
  });
  const notes = recognisePlainNotes(tree, file);
  superscriptsNotNotes(tree);
  return notes;
}

/**
 * A `<sup>` that read as a note marker but was none (`10<sup>6</sup>`, `x<sup>2</sup>`) is a
 * superscript again once the notes are found.
 */
function superscriptsNotNotes(body: Root): void {
  visit(body, 'text', (node, index, parent) => {
    if (!node.data?.superscript || !parent || index === undefined || node.value.trim() === '') return;
    const [, leading = '', value = '', trailing = ''] = /^(\s*)(.*?)(\s*)$/su.exec(node.value) ?? [];
    const { data: _hint, ...text } = node;
    const space = (edge: string): Text[] => (edge ? [{ type: 'text', value: ' ' }] : []);
    (parent.children as PhrasingContent[]).splice(index, 1, ...space(leading), { type: 'superscript', children: [{ ...text, value }] }, ...space(trailing));
    return index + 1 + (leading ? 1 : 0);
  });
}

/** The figure for a picture: none when there is nothing to show or say (no address, caption or alt text). */
type FigureMaker = (image: Element, caption: string | undefined, credit: string | undefined) => LeafDirective[];

function noteIdentifier(node: Element): string {
  return String(node.properties.identifier ?? '');
}

/** `<figure>`, WordPress's `div.wp-caption` and `dl.wp-caption`: one directive per picture, the caption on the last. */
function captionedFigures(state: State, node: Element, figure: FigureMaker) {
  const nested = elementsOf(node).some((element) => element.tagName === 'figure');
  const images = pictureImages(node);
  if (nested || images.length === 0) return state.toFlow(state.all(node));
  const captionElement =
    elementsOf(node).find((element) => element.tagName === 'figcaption' || hasClass(element, 'wp-caption-text', 'wp-caption-dd', 'wp-element-caption')) ??
    elementsOf(node).find((element) => isCaptionElement(element) && pictureImages(element).length === 0);
  const { caption, credit } = captionElement ? captionParts(captionElement) : { caption: undefined, credit: undefined };
  return images.flatMap((image, position) => (position === images.length - 1 ? figure(image, caption, credit) : figure(image, undefined, undefined)));
}

/** A class naming a caption as a word of its own: `caption`, `image-caption`, `media-caption`, `newsCaption`. */
const captionClass = /(?:^|[-_])[Cc]aption(?:$|[-_])|[a-z]Caption(?:$|[-_A-Z])/;
/** `withoutCaption`, `has-caption`, `no-caption`: a class that says whether there is one. */
const captionStateClass = /^(?:without|with|no|has)[-_]?caption/i;

function isCaptionElement(element: Element): boolean {
  return classNames(element).some((name) => captionClass.test(name) && !captionStateClass.test(name));
}

/**
 * A picture and its caption in a box of their own, without `<figure>` (the Express's `<div class="photo"><p><img></p>
 * <span class="newsCaption">…</span></div>`): one picture, and all the box's text in the element its class calls
 * the caption. Read as a paragraph, the caption ran into the text as a sentence of it.
 */
function isCaptionedPicture(node: Element): boolean {
  const images = pictureImages(node);
  const [image] = images;
  if (images.length !== 1 || !image) return false;
  const caption = elementsOf(node).find((element) => isCaptionElement(element) && !elementsOf(element).includes(image));
  return caption !== undefined && !hasVisibleContent(withoutElements(node, [caption, image]));
}

/**
 * A Markdown table has no caption: a table's `<caption>` becomes a paragraph before it (docutils,
 * Pandoc and hand-made tables set one). Left in the table, its words ran into the first cell.
 */
function captionedTable(state: State, node: Element) {
  const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption');
  const rest = caption ? { ...node, children: node.children.filter((child) => child !== caption) } : node;
  const table = defaultHandlers.table?.(state, rest);
  if (!caption || !hasVisibleContent(caption)) return table;
  return [...state.toFlow(state.all(caption)), ...(table === undefined ? [] : Array.isArray(table) ? table : [table])];
}

/** A caption's text, its blocks (a docutils caption and legend, two paragraphs) set apart by a space. */
function captionText(caption: Element): string {
  const spaced = (node: ElementContent | Element): string =>
    node.type === 'text' ? node.value : node.type === 'element' ? `${node.children.map(spaced).join('')}${blockTags.has(node.tagName) ? ' ' : ''}` : '';
  return spaced(caption).replace(/\s+/g, ' ').trim();
}

const blockTags = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'blockquote', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A caption's credit is the element the page marks as one (`.credit`, `.attribution`, `cite`,
 * `small`; the innermost, so a wrapper around caption and credit is not taken for the credit),
 * else the words that read as one.
 */
function captionParts(caption: Element): { caption: string | undefined; credit: string | undefined } {
  const isMarked = (element: Element) => ['cite', 'small'].includes(element.tagName) || classNames(element).some((name) => creditClass.test(name));
  const marks = elementsOf(caption).filter(isMarked);
  const marked = marks.find((element) => !elementsOf(element).some(isMarked));
  if (!marked) return splitCaptionCredit(captionText(caption));
  const rest = captionText(withoutElements(caption, [marked]));
  return { caption: rest === '' ? undefined : rest, credit: collapsedText(marked).replace(/\.$/, '') };
}

/**
 * A class naming a credit as a word of its own (`credit`, `image-credit`, `c-caption__attribution`,
 * `photoCredit`), not inside another (Quanta's utility class `_pattribution-w-auto` sits on the
 * wrapper of caption and credit alike).
 */
const creditClass = /(?:^|[-_])(?:[Cc]redits?|[Aa]ttribution|[Cc]opyright)(?:$|[-_A-Z])|[a-z](?:Credits?|Attribution|Copyright)(?:$|[-_A-Z])/;

/** A paragraph holding pictures: the pictures become figures after the paragraph's text (a lone picture is just a figure). */
function paragraphWithFigures(state: State, node: Element, figure: FigureMaker) {
  const pictures = pictureImages(node);
  if (pictures.length === 0) return defaultHandlers.p?.(state, node);
  const figures = pictures.flatMap((image) => figure(image, undefined, undefined));
  const text = withoutElements(node, pictures);
  const paragraph = hasVisibleContent(text) ? defaultHandlers.p?.(state, text) : undefined;
  return paragraph && !Array.isArray(paragraph) ? [paragraph, ...figures] : figures;
}

function pictureImages(node: Element): Element[] {
  return elementsOf(node).filter((element) => element.tagName === 'img' && !isEmoji(element));
}

function hasTextBeside(node: Element, images: readonly Element[]): boolean {
  return hasVisibleContent(withoutElements(node, images));
}

/** The element without `drop`, and without the links and spans that only wrapped those. */
function withoutElements(node: Element, drop: readonly Element[]): Element {
  const children: ElementContent[] = [];
  for (const child of node.children) {
    if (child.type !== 'element') children.push(child);
    else if (!drop.includes(child)) {
      const rest = withoutElements(child, drop);
      const onlyWrappedDropped = !hasVisibleContent(rest) && elementsOf(child).some((element) => drop.includes(element));
      if (!onlyWrappedDropped) children.push(rest);
    }
  }
  return { ...node, children };
}

/** WordPress and others swap emoji for small images; the alt text is the emoji. */
function isEmoji(image: Element): boolean {
  return hasClass(image, 'emoji', 'wp-smiley') || /\/emoji\//.test(stringProperty(image, 'src') ?? '');
}

function imageFigure(
  image: Element,
  parts: { caption: string | undefined; credit: string | undefined },
  images: HtmlImage[],
  file: VFile,
  options: HtmlToMdastOptions,
): LeafDirective[] {
  const alt = stringProperty(image, 'alt')?.trim() || undefined;
  const source = imageSource(image);
  if (source === undefined) reportNoAddress(image, parts.caption ?? alt, file);
  if (source === undefined && !parts.caption && !parts.credit && !alt) return [];
  const remoteUrl = source === undefined ? undefined : remoteAddress(source, options.baseUrl);
  const directive = figureDirective(parts.caption, parts.credit, remoteUrl === undefined ? source : undefined);
  directive.attributes = { ...directive.attributes, ...(remoteUrl ? { remote: remoteUrl } : {}), ...(!parts.caption && alt ? { alt } : {}) };
  const href = stringProperty(image, linkedPictureProperty);
  let largerCopy: string | undefined;
  if (href !== undefined) {
    // A picture that is a link keeps its link in its caption, as a Markdown one does (`linkedPictureCaption`).
    const url = options.baseUrl ? absoluteUrl(href, options.baseUrl) : href;
    const caption = linkedPictureCaption({ type: 'image', url: remoteUrl ?? source ?? '' }, { type: 'link', url, children: [] }, directive.children);
    directive.children = caption.children;
    // A picture on the web linked to a larger copy (Substack, WordPress) is reported once, as not fetched, with that copy named.
    if (caption.dropped && remoteUrl && isPictureAddress(url)) {
      largerCopy = url;
      setLargerCopy(directive, url);
    } else if (caption.dropped) report(file, 'figure-link-dropped', caption.dropped, image.position?.start ?? { line: 1, column: 1 });
  }
  if (source !== undefined) {
    images.push({ src: remoteUrl ?? source, remote: remoteUrl !== undefined, ...(parts.caption ? { caption: parts.caption } : {}), ...(alt ? { alt } : {}) });
  }
  if (remoteUrl) {
    const place = image.position?.start;
    report(
      file,
      'import-remote-image',
      `the image ${remoteUrl} is on the web and was not fetched${largerCopy ? ` (it links to a larger copy, ${largerCopy})` : ''}: put the file in the project and give the figure a src`,
      place ?? { line: 1, column: 1 },
    );
  }
  return [directive];
}

const linkedPictureProperty = 'dataAnthologyLinkedTo';

/**
 * A link whose only content is one picture (`<a href="…"><img …></a>`: a thumbnail of a larger
 * copy, a banner to a page) gives the picture the link's address, for its figure's caption.
 */
function markLinkedPictures(tree: HastRoot | Element, baseUrl: string | undefined): void {
  const page = baseUrl?.replace(/#.*$/, '');
  visit(tree, 'element', (node) => {
    const href = node.tagName === 'a' ? stringProperty(node, 'href')?.trim() : undefined;
    // A link to a place in the page itself (`#img-2`: a site's picture viewer) adds nothing.
    if (!href || href.startsWith('#') || (baseUrl && absoluteUrl(href, baseUrl).replace(/#.*$/, '') === page)) return;
    const pictures = pictureImages(node);
    const [only] = pictures;
    // WordPress's galleries link each picture to its attachment page, which shows that picture (`data-link`): the link adds nothing.
    if (!only || pictures.length !== 1 || hasTextBeside(node, pictures) || stringProperty(only, 'dataLink') === href) return;
    only.properties = { ...only.properties, [linkedPictureProperty]: href };
  });
}

/** A picture whose address nothing in the page holds (a script was to set it) is never lost silently. */
function reportNoAddress(image: Element, words: string | undefined, file: VFile): void {
  const said = words ? `the figure “${words.length > 60 ? `${words.slice(0, 57)}…` : words}” keeps its words only` : 'it was left out';
  report(
    file,
    'import-image-no-address',
    `a picture here has no address in the page (a page script was to set it): ${said}; put the file in the project and give the figure a src`,
    image.position?.start ?? { line: 1, column: 1 },
  );
}

/** The picture's address (`resolveLazyImages` put a lazy-loaded one in `src`; the sanitiser removed unsafe ones). */
function imageSource(image: Element): string | undefined {
  const value = stringProperty(image, 'src')?.trim();
  return value && (!hasScheme(value) || /^https?:/i.test(value)) ? value : undefined;
}

/** The absolute address of a picture that is on the web; undefined for a file saved with the page. */
function remoteAddress(source: string, baseUrl: string | undefined): string | undefined {
  if (/^https?:/i.test(source)) return source;
  if (source.startsWith('//')) return `https:${source}`;
  // A root-relative address in a saved page was never saved next to it: it is on the site.
  if (source.startsWith('/') && baseUrl) return absoluteUrl(source, baseUrl);
  return undefined;
}

function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

function absoluteUrl(url: string, baseUrl: string): string {
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

function makeLinksAbsolute(body: Root, baseUrl: string | undefined): void {
  if (!baseUrl) return;
  visit(body, 'link', (link) => {
    if (link.url !== '' && !link.url.startsWith('#') && !hasScheme(link.url)) link.url = absoluteUrl(link.url, baseUrl);
  });
}

/** The chapter title is the level-1 heading outside the body, so the body's top heading becomes level 2. */
function shiftHeadings(body: Root): void {
  let top = 7;
  visit(body, 'heading', (heading) => {
    top = Math.min(top, heading.depth);
  });
  if (top === 7 || top === 2) return;
  visit(body, 'heading', (heading) => {
    heading.depth = Math.min(6, Math.max(1, heading.depth + 2 - top)) as typeof heading.depth;
  });
}

/** Pages wrap each list item's text in `<p>` (Substack, Ghost); one paragraph per item is still a tight list. */
function tightenLists(body: Root): void {
  visit(body, 'list', (list) => {
    for (const item of list.children) if (item.children.length === 1 && item.children[0]?.type === 'paragraph') item.spread = false;
    list.spread = list.children.some((item) => item.spread === true);
  });
}

/** HTML whitespace was already collapsed; a picture taken out of a sentence leaves two spaces, which go. */
/** Runs of spaces become one; soft hyphens (a site's hyphenation hints) go: the book hyphenates for its own measure. */
function collapseSpaces(body: Root): void {
  visit(body, 'text', (text) => {
    text.value = text.value.replace(/\u00ad/g, '').replace(/ {2,}/g, ' ');
  });
}

type PhrasingParent = Extract<Parents, { children: PhrasingContent[] }>;

/**
 * A line break that starts or ends a paragraph or heading breaks nothing (`<em>quote<br></em></p>`),
 * and Markdown cannot even write one there: it goes, however deep in emphasis or links it sits.
 */
/**
 * Old pages set the line break inside the bold (`<b>Subhead<br></b>Text`), editors a space inside
 * the italics (`<em>published at </em>`): in Markdown a break and spaces just inside the asterisks
 * keep them from closing (`**Subhead\\&#xA;**&#x54;ext`, `_published at&#x20;_`). They move out,
 * before or after the emphasis, innermost first.
 */
function breaksOutOfEmphasis(node: Root | RootContent): void {
  if (!('children' in node)) return;
  for (const child of node.children as RootContent[]) breaksOutOfEmphasis(child);
  const children = node.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as RootContent;
    if (child.type !== 'strong' && child.type !== 'emphasis' && child.type !== 'delete') continue;
    const isEdge = (inner: RootContent | undefined) => inner !== undefined && (inner.type === 'break' || (inner.type === 'text' && inner.value.trim() === ''));
    // Italics around nothing but a space (`connaissances<i> </i>ou`, SPIP): the space stays, the italics go.
    if (child.children.length > 0 && child.children.every(isEdge)) {
      children.splice(index, 1, ...(child.children as RootContent[]));
      index += child.children.length - 1;
      continue;
    }
    const after: RootContent[] = [];
    while (child.children.length > 1 && isEdge(child.children.at(-1))) after.unshift(child.children.pop() as RootContent);
    const before: RootContent[] = [];
    while (child.children.length > 1 && isEdge(child.children[0])) before.push(child.children.shift() as RootContent);
    // `<em>Originally published at </em><a>…</a>`: the space goes out too, or Markdown writes it `&#x20;`.
    const last = child.children.at(-1);
    const trailing = last?.type === 'text' && last.value.trim() !== '' ? /\s+$/.exec(last.value) : null;
    if (last?.type === 'text' && trailing) {
      last.value = last.value.slice(0, trailing.index);
      after.unshift({ type: 'text', value: trailing[0] });
    }
    const first = child.children[0];
    const leading = first?.type === 'text' && first.value.trim() !== '' ? /^\s+/.exec(first.value) : null;
    if (first?.type === 'text' && leading) {
      first.value = first.value.slice(leading[0].length);
      before.push({ type: 'text', value: leading[0] });
    }
    children.splice(index + 1, 0, ...after);
    children.splice(index, 0, ...before);
    index += before.length + after.length;
  }
}

/**
 * Blogger (“convert line breaks”) and old editors write paragraphs as lines: `text<br><br>text`.
 * An empty line, two breaks with nothing but spaces between them, ends a paragraph; a single
 * break stays a line break (verse, addresses).
 */
function paragraphsAtBlankLines(parent: Root | RootContent): void {
  if (!('children' in parent)) return;
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as RootContent;
    if (child.type !== 'paragraph') {
      if (child.type === 'blockquote' || child.type === 'listItem' || child.type === 'list' || child.type === 'footnoteDefinition')
        paragraphsAtBlankLines(child);
      continue;
    }
    const pieces = splitAtBlankLines(child.children);
    if (pieces.length < 2) continue;
    const paragraphs = pieces.map((inline): RootContent => {
      const first = inline[0]?.position;
      const last = inline.at(-1)?.position;
      return { type: 'paragraph', children: inline, ...(first && last ? { position: { start: first.start, end: last.end } } : {}) };
    });
    children.splice(index, 1, ...paragraphs);
    index += paragraphs.length - 1;
  }
}

function splitAtBlankLines(inline: PhrasingContent[]): PhrasingContent[][] {
  const pieces: PhrasingContent[][] = [[]];
  const isSpace = (node: PhrasingContent | undefined) => node?.type === 'text' && node.value.trim() === '';
  for (let index = 0; index < inline.length; index++) {
    const node = inline[index] as PhrasingContent;
    if (node.type === 'break') {
      let next = index + 1;
      while (isSpace(inline[next])) next++;
      if (inline[next]?.type === 'break') {
        // Two breaks or more: the paragraph ends here.
        while (inline[next]?.type === 'break' || isSpace(inline[next])) next++;
        pieces.push([]);
        index = next - 1;
        continue;
      }
    }
    pieces.at(-1)?.push(node);
  }
  return pieces.filter((piece) => piece.some((node) => !isSpace(node) && node.type !== 'break'));
}

function dropEdgeBreaks(body: Root): void {
  const trim = (parent: PhrasingParent, end: 'start' | 'end'): void => {
    for (;;) {
      const index = end === 'end' ? parent.children.length - 1 : 0;
      const edge = parent.children[index];
      if (!edge) return;
      if (edge.type === 'break' || (edge.type === 'text' && edge.value.trim() === '')) {
        parent.children.splice(index, 1);
        continue;
      }
      if (!('children' in edge)) return;
      trim(edge as PhrasingParent, end);
      // Emphasis or a link that held nothing but the break goes with it.
      if (edge.children.length > 0) return;
      parent.children.splice(index, 1);
    }
  };
  visit(body, (node) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    trim(node, 'end');
    trim(node, 'start');
  });
}

/** Definitions wherever the conversion left them go to the end of the body, in number order. */
function moveDefinitionsToEnd(body: Root): void {
  const definitions: FootnoteDefinition[] = [];
  visit(body, 'footnoteDefinition', (definition, index, parent: Parents | undefined) => {
    if (!parent || index === undefined) return;
    definitions.push(definition);
    parent.children.splice(index, 1);
    return index;
  });
  const byNumber = (a: FootnoteDefinition, b: FootnoteDefinition) => Number(a.identifier) - Number(b.identifier) || a.identifier.localeCompare(b.identifier);
  body.children.push(...definitions.sort(byNumber));
}
