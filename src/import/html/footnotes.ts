import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { selectAll } from 'hast-util-select';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { classNames, collapsedText, contains, elementsOf, hasVisibleContent, isElement, parentMap, removeNode, stringProperty } from './hast-tree.ts';

/**
 * The neutral form footnotes take between recognition and mdast: `<anthology-note-ref>` where a
 * marker was, `<anthology-note>` (the note's content) appended to the tree in number order. Both
 * carry the note's identifier in `properties.identifier`.
 */
export const noteReferenceTag = 'anthology-note-ref';
export const noteDefinitionTag = 'anthology-note';

/** Containers of a page's notes, as the common platforms and standards mark them. */
const noteListSelectors = [
  '.footnotes',
  '[data-footnotes]',
  '.wp-block-footnotes',
  '.easy-footnotes-wrapper',
  '[role=doc-endnotes]',
  '[epub\\:type~=footnotes]',
  '[epub\\:type~=endnotes]',
  '[data-type=footnotes]',
];
export const noteListSelector = noteListSelectors.join(', ');

/** One note each. */
const noteItemSelector = [
  ...noteListSelectors.map((list) => `${list} > li, ${list} > ol > li, ${list} > ul > li`),
  'div.footnote',
  '[role=doc-footnote]',
  '[role=doc-endnote]',
  '[epub\\:type~=footnote]',
  '[epub\\:type~=endnote]',
  '[epub\\:type~=rearnote]',
  '[data-type=footnote]',
  'div[id^=ftn]',
].join(', ');

const markerClasses = ['footnote-anchor', 'footnote-ref', 'footnote-reference', 'footnote-link', 'footnote-identifier-link', 'fn-ref', 'footnote-button'];
const markerWrapperClasses = ['footnote', 'fn', 'footnote-ref', 'footnote-reference', 'easy-footnote', 'modern-footnotes-footnote'];
const markerText = /^[[(]?(\d{1,4})[\])]?$|^[*†‡§¶]{1,3}$/;
const blockTags = new Set(['p', 'div', 'li', 'aside', 'section', 'article', 'dd', 'dt', 'footer', 'blockquote', 'td', 'th', 'figure']);
const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const backArrow = /^(?:[↩↑⤴⇧^]\uFE0E?\uFE0F?|\[?\s*(?:return|back|jump back|go back)(?: to (?:the )?(?:text|top|reference|footnote \d+))?\s*\]?)$/i;
const notesHeading = /^(?:foot|end)?notes:?$|^references:?$/i;

interface FoundNote {
  /** The element holding the note's text; undefined when a marker points at nothing. */
  block: Element | undefined;
  /** The elements a reference replaces (the outermost wrapper of each marker), in document order. */
  markers: Element[];
  /** Elements inside `block` that are not note text: its number, back-links. */
  debris: Set<Element>;
  visibleNumber: number | undefined;
  /** The fragment a marker pointed at, for messages. */
  fragment: string | undefined;
}

interface PageIndex {
  parents: Map<Nodes, Parents>;
  order: Map<Element, number>;
  byId: Map<string, Element>;
  /** Elements marked up as a note or a list of notes. */
  noteMarkup: Set<Element>;
}

/**
 * Finds the footnotes of an HTML page or fragment in the markups of WordPress (plugins and the
 * core footnotes block), Substack, GFM, HTMLBook/EPUB/DPUB-ARIA, Word and Google Docs exports and
 * plain `<sup><a href="#n3">3</a></sup>` links, and rewrites them in place into the neutral form
 * above. Markers that point at nothing are reported as `note-undefined`, notes nobody points at as
 * `note-unreferenced` (they are kept).
 */
export function recogniseFootnotes(tree: Root | Element, file: VFile): void {
  const index = indexPage(tree);
  const elements = [...index.order.keys()];
  const linked = linkedNotes(elements, index);
  const inline = elements
    .filter(isInlineNote)
    .map((span): FoundNote => ({ block: span, markers: [span], debris: new Set(), visibleNumber: undefined, fragment: undefined }));
  const referenced = [...linked, ...inline].sort((a, b) => firstMarkerOrder(a, index) - firstMarkerOrder(b, index));
  const unreferenced = unreferencedNotes(tree, referenced, index);
  const notes = [...referenced, ...unreferenced];
  if (notes.length === 0) return;
  const identifiers = noteIdentifiers(notes);

  const definitions = notes.flatMap((note, position) => (note.block ? [noteDefinition(identifiers[position] as string, note)] : []));
  notes.forEach((note, position) => {
    const identifier = identifiers[position] as string;
    if (!note.block) {
      const place = note.markers[0]?.position?.start;
      report(file, 'note-undefined', `footnote marker ${identifier} points to #${note.fragment}, which is not in the page`, place ?? { line: 1, column: 1 });
    } else if (note.markers.length === 0) {
      const place = note.block.position?.start;
      const text = collapsedText(definitions.find((definition) => definition.properties.identifier === identifier) ?? note.block);
      report(file, 'note-unreferenced', `note ${identifier} (“${text.slice(0, 40)}”) has no marker in the text; it is kept`, place ?? { line: 1, column: 1 });
    }
    for (const marker of note.markers) replaceNode(marker, noteReference(identifier, marker), index.parents);
  });
  for (const note of notes) if (note.block && !note.markers.includes(note.block)) removeNoteBlock(note.block, tree, index.parents);
  definitions.sort((a, b) => Number(a.properties.identifier) - Number(b.properties.identifier));
  tree.children.push(...definitions);
}

/** Fragments (`fn1` for `href="#fn1"`) of the links in a tree that look like footnote markers, whether or not their notes are there. */
export function noteMarkerFragments(tree: Root | Element): string[] {
  const parents = parentMap(tree);
  return elementsOf(tree).flatMap((element) => {
    const fragment = linkFragment(element);
    return fragment && (isExplicitMarker(element, parents) || looksLikeMarker(element, parents)) ? [fragment] : [];
  });
}

function indexPage(tree: Root | Element): PageIndex {
  const elements = elementsOf(tree);
  const byId = new Map<string, Element>();
  for (const element of elements) {
    for (const key of ['id', 'name']) {
      const value = stringProperty(element, key);
      if (value && !byId.has(withoutClobberPrefix(value))) byId.set(withoutClobberPrefix(value), element);
    }
  }
  return {
    parents: parentMap(tree),
    order: new Map(elements.map((element, position) => [element, position])),
    byId,
    noteMarkup: new Set([...selectAll(noteItemSelector, tree), ...selectAll(noteListSelector, tree)]),
  };
}

/** GitHub-style sanitisers prefix ids with `user-content-` (and remark-rehype does for GFM notes): ids and links compare without it. */
export function withoutClobberPrefix(id: string): string {
  return id.replace(/^user-content-/, '');
}

function linkFragment(element: Element): string | undefined {
  if (element.tagName !== 'a') return undefined;
  const href = stringProperty(element, 'href') ?? '';
  const hash = href.indexOf('#');
  if (hash < 0 || hash === href.length - 1) return undefined;
  // Absolute links to the page's own notes (`https://blog/post/#fn1`) are resolved by the id lookup.
  try {
    return withoutClobberPrefix(decodeURIComponent(href.slice(hash + 1)));
  } catch {
    return withoutClobberPrefix(href.slice(hash + 1));
  }
}

/** Marked as a note reference by its own markup: role, type, class, plugin wrapper or id. */
function isExplicitMarker(link: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const { properties } = link;
  if (stringProperty(link, 'role') === 'doc-noteref') return true;
  if ((stringProperty(link, 'epub:type') ?? '').split(/\s+/).includes('noteref')) return true;
  if (properties.dataType === 'noteref' || properties.dataFootnoteRef !== undefined) return true;
  if ((stringProperty(link, 'rel') ?? '').split(/\s+/).includes('footnote')) return true;
  if (classNames(link).some((name) => markerClasses.includes(name))) return true;
  if (/^(?:_ftnref|_ednref|ftnt_ref|fnref|footnote-anchor)/i.test(stringProperty(link, 'id') ?? stringProperty(link, 'name') ?? '')) return true;
  const wrapper = parents.get(link);
  const outer = wrapper && parents.get(wrapper);
  return [wrapper, outer].some(
    (candidate) =>
      isElement(candidate, 'sup', 'span') &&
      (candidate.properties.dataFn !== undefined || classNames(candidate).some((name) => markerWrapperClasses.includes(name))),
  );
}

/** A plain link that reads like a marker: a number or symbol in superscript, or a bracketed number. */
function looksLikeMarker(link: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const text = collapsedText(link);
  if (!markerText.test(text)) return false;
  const inSuperscript = isElement(parents.get(link), 'sup') || link.children.some((child) => isElement(child, 'sup'));
  return inSuperscript || /^\[\d+\]$/.test(text);
}

function markerNumber(link: Element): number | undefined {
  const match = /^[[(]?(\d{1,4})[\])]?$/.exec(collapsedText(link));
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Notes reached through marker links, in the order of their first marker. */
function linkedNotes(elements: readonly Element[], index: PageIndex): FoundNote[] {
  const { parents, order, byId, noteMarkup } = index;
  const links = elements.filter((element) => linkFragment(element) !== undefined);
  const insideNoteList = (link: Element) => [...noteMarkup].some((item) => contains(item, link, parents));
  const targets = new Set(links.flatMap((link) => byId.get(linkFragment(link) as string) ?? []));
  const notesByBlock = new Map<Element, FoundNote>();
  const found: FoundNote[] = [];
  for (const link of links) {
    const fragment = linkFragment(link) as string;
    if (found.some((note) => note.block && contains(note.block, link, parents))) continue;
    const explicit = isExplicitMarker(link, parents);
    if (!explicit && !looksLikeMarker(link, parents)) continue;
    const target = byId.get(fragment);
    if (!target) {
      if (explicit && !insideNoteList(link) && !/ref|anchor|link|marker|back|return/i.test(fragment)) {
        found.push({ block: undefined, markers: [markerWrapper(link, parents)], debris: new Set(), visibleNumber: markerNumber(link), fragment });
      }
      continue;
    }
    // Back-links point up the page, to the marker; notes are further down.
    if ((order.get(target) ?? 0) < (order.get(link) ?? 0) || contains(target, link, parents) || insideNoteList(link)) continue;
    const block = noteBlock(target, targets, index);
    if (!block || (!explicit && headingTags.has(block.tagName))) continue;
    let note = notesByBlock.get(block);
    if (!note) {
      note = {
        block,
        markers: [],
        debris: noteDebris(block, target, index),
        visibleNumber: markerNumber(link) ?? numberInBlock(block, target) ?? listPosition(block, parents),
        fragment,
      };
      notesByBlock.set(block, note);
      found.push(note);
    }
    note.markers.push(markerWrapper(link, parents));
  }
  return found;
}

/** HTMLBook writes a note where it belongs: `<span data-type="footnote">Text</span>`. */
function isInlineNote(element: Element): boolean {
  return (
    element.tagName === 'span' && (element.properties.dataType === 'footnote' || (stringProperty(element, 'epub:type') ?? '').split(/\s+/).includes('footnote'))
  );
}

/** Notes marked up as notes (in a notes list, or by role or type) that no marker reached. */
function unreferencedNotes(tree: Root | Element, referenced: readonly FoundNote[], index: PageIndex): FoundNote[] {
  const claimed = referenced.flatMap((note) => (note.block ? [note.block] : []));
  const items = selectAll(noteItemSelector, tree).filter((item) => !isInlineNote(item));
  const outermost = items.filter((item) => !items.some((other) => other !== item && contains(other, item, index.parents)));
  return outermost
    .filter((item) => !claimed.some((block) => contains(block, item, index.parents) || contains(item, block, index.parents)))
    .map((item) => {
      const numberAnchor = elementsOf(item).find((element) => element.tagName === 'a' && markerNumber(element) !== undefined);
      return {
        block: item,
        markers: [],
        debris: noteDebris(item, numberAnchor ?? item, index),
        visibleNumber: numberInBlock(item, numberAnchor ?? item) ?? listPosition(item, index.parents),
        fragment: undefined,
      };
    });
}

/**
 * The element that holds a note's whole text. A target that is a block is the note; an inline
 * target (Substack's number link, Word's `[1]` anchor, an empty plugin span) names its block, and a
 * wrapper that holds just that note (Word's `div#ftn1`, a list item) takes in its other paragraphs.
 */
function noteBlock(target: Element, targets: ReadonlySet<Element>, { parents, noteMarkup }: PageIndex): Element | undefined {
  if (blockTags.has(target.tagName) || headingTags.has(target.tagName)) return target;
  let block: Element | undefined;
  for (let node = parents.get(target); node && node.type === 'element'; node = parents.get(node)) {
    if (blockTags.has(node.tagName)) {
      block = node;
      break;
    }
  }
  if (!block) return undefined;
  for (let parent = parents.get(block); isElement(parent, 'div', 'li', 'aside'); parent = parents.get(block)) {
    const holdsOneNote = parent.tagName === 'li' || stringProperty(parent, 'id') !== undefined || noteMarkup.has(parent);
    const startsWithBlock = parent.children.find((child) => child.type === 'element') === block;
    const otherTargets = [...targets].some((other) => other !== target && contains(parent as Element, other, parents));
    if (!holdsOneNote || !startsWithBlock || otherTargets) break;
    block = parent;
  }
  return block;
}

/** What inside a note block is not its text: the number it starts with and the links back to the marker. */
function noteDebris(block: Element, target: Element, { parents, order, byId }: PageIndex): Set<Element> {
  const debris = new Set<Element>();
  if (target !== block) debris.add(markerWrapper(target, parents, block));
  for (const element of elementsOf(block)) {
    if (element.tagName !== 'a') continue;
    const fragment = linkFragment(element);
    const pointsUp = fragment !== undefined && (order.get(byId.get(fragment) as Element) ?? Number.POSITIVE_INFINITY) < (order.get(block) ?? 0);
    const markedBack =
      element.properties.dataFootnoteBackref !== undefined ||
      stringProperty(element, 'role') === 'doc-backlink' ||
      classNames(element).some((name) => /back|return|to-top/i.test(name));
    const text = collapsedText(element);
    const leadingNumber = markerNumber(element) !== undefined && fragment !== undefined && firstText(block) === text;
    // Plugins draw some back-links with CSS alone: an empty link to a fragment.
    const emptyJump = text === '' && fragment !== undefined && !elementsOf(element).some((child) => child.tagName === 'img');
    if (pointsUp || markedBack || backArrow.test(text) || leadingNumber || emptyJump) debris.add(markerWrapper(element, parents, block));
  }
  return debris;
}

function firstText(node: Nodes): string | undefined {
  if (node.type === 'text') return node.value.trim() === '' ? undefined : node.value.trim();
  if (node.type !== 'element' && node.type !== 'root') return undefined;
  for (const child of node.children) {
    const text = firstText(child);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** The outermost element that holds nothing but this marker (`sup.footnote > a`), below `limit`. */
function markerWrapper(element: Element, parents: ReadonlyMap<Nodes, Parents>, limit?: Element): Element {
  let wrapper = element;
  for (
    let parent = parents.get(wrapper);
    isElement(parent, 'sup', 'span', 'small', 'strong', 'b', 'em', 'i') && parent !== limit;
    parent = parents.get(wrapper)
  ) {
    const others = parent.children.filter((child) => child !== wrapper && hasVisibleContent(child));
    if (others.length > 0) break;
    wrapper = parent;
  }
  return wrapper;
}

/** The number a note shows for itself: its leading number link, its place in an ordered list, or a leading `3.`. */
function numberInBlock(block: Element, target: Element): number | undefined {
  const fromTarget = target.tagName === 'a' ? markerNumber(target) : undefined;
  if (fromTarget !== undefined) return fromTarget;
  const numberAnchor = elementsOf(block).find((element) => element.tagName === 'a' && firstText(block) === collapsedText(element));
  const fromAnchor = numberAnchor && markerNumber(numberAnchor);
  if (fromAnchor !== undefined) return fromAnchor;
  const leading = /^(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)])(?:\s|$)/.exec(firstText(block) ?? '');
  const digits = leading?.[1] ?? leading?.[2] ?? leading?.[3];
  if (digits) return Number(digits);
  return undefined;
}

function listPosition(item: Element, parents: ReadonlyMap<Nodes, Parents>): number | undefined {
  const list = parents.get(item);
  if (item.tagName !== 'li' || !isElement(list, 'ol')) return undefined;
  const start = Number(stringProperty(list, 'start') ?? 1);
  return start + list.children.filter((child) => isElement(child, 'li')).indexOf(item);
}

function firstMarkerOrder(note: FoundNote, index: PageIndex): number {
  const marker = note.markers[0];
  return marker ? (index.order.get(marker) ?? 0) : Number.POSITIVE_INFINITY;
}

/** The numbers the notes show, when every note shows a distinct one; otherwise 1…N in order. */
function noteIdentifiers(notes: readonly FoundNote[]): string[] {
  const numbers = notes.map((note) => note.visibleNumber);
  const usable = numbers.every((number) => number !== undefined) && new Set(numbers).size === numbers.length;
  return notes.map((note, position) => String(usable ? note.visibleNumber : position + 1));
}

/** The number is kept as text so that whitespace around the marker is not collapsed as if it were empty. */
function noteReference(identifier: string, marker: Element): Element {
  return {
    type: 'element',
    tagName: noteReferenceTag,
    properties: { identifier },
    children: [{ type: 'text', value: identifier }],
    ...(marker.position ? { position: marker.position } : {}),
  };
}

function noteDefinition(identifier: string, note: FoundNote): Element {
  const block = note.block as Element;
  const content = cloneWithout(block, note.debris);
  tidyNoteText(content, note.visibleNumber);
  const children = note.markers.includes(block) || block.tagName !== 'p' ? content.children : [content];
  return { type: 'element', tagName: noteDefinitionTag, properties: { identifier }, children, ...(block.position ? { position: block.position } : {}) };
}

/** A copy of `element` without `drop`; text left side by side by a removal is joined, so tidying sees `[]` whole. */
function cloneWithout(element: Element, drop: ReadonlySet<Element>): Element {
  const children: ElementContent[] = [];
  for (const child of element.children) {
    const previous = children.at(-1);
    if (child.type === 'element') {
      if (!drop.has(child)) children.push(cloneWithout(child, drop));
    } else if (child.type === 'text' && previous?.type === 'text') {
      previous.value += child.value;
      if (previous.position && child.position) previous.position.end = child.position.end;
    } else children.push(structuredClone(child));
  }
  return { ...element, properties: { ...element.properties }, children };
}

/** Takes off what the removed links leave behind: a leading `3.`, an empty `[]`, a stray arrow, edge spaces. */
function tidyNoteText(note: Element, number: number | undefined): void {
  const texts: { value: string }[] = [];
  const collect = (node: Nodes) => {
    if (node.type === 'text') texts.push(node);
    else if (node.type === 'element') node.children.forEach(collect);
  };
  collect(note);
  const first = texts.find((text) => text.value.trim() !== '');
  if (first) {
    // Only a number set off as one (`3.`, `3)`, `[3]`): a note may well begin “3 of the 5 …”.
    const leadingNumber = number === undefined ? '' : `(?:\\[${number}\\]|\\(${number}\\)|${number}[.)])?`;
    first.value = first.value.replace(new RegExp(`^[\\s\\u00a0]*${leadingNumber}[\\s\\u00a0]*`), '');
  }
  const last = texts.findLast((text) => text.value.trim() !== '');
  if (last) last.value = last.value.replace(/[\s\u00a0]*(?:[[(][\s\u00a0]*[\])]|[↩↑⤴]\uFE0E?\uFE0F?)?[\s\u00a0]*$/, '');
}

function replaceNode(node: Element, replacement: Element, parents: ReadonlyMap<Nodes, Parents>): void {
  const parent = parents.get(node);
  const position = parent ? parent.children.indexOf(node) : -1;
  if (parent && position >= 0) parent.children[position] = replacement;
}

/** Removes a note's original block, then the list, rule and “Notes” heading it leaves empty. */
function removeNoteBlock(block: Element, tree: Root | Element, parents: ReadonlyMap<Nodes, Parents>): void {
  let removed: Element = block;
  let parent = parents.get(block);
  if (!parent) return;
  let position = removeNode(block, parent);
  while (parent !== tree && parent.type === 'element' && !hasContentBesideNotesChrome(parent)) {
    const up: Parents | undefined = parents.get(parent);
    if (!up) break;
    removed = parent;
    position = removeNode(removed, up);
    parent = up;
  }
  // A “Notes” heading and a rule left straight before the removed list go too.
  while (position > 0) {
    const previous = parent.children[position - 1] as ElementContent;
    if (previous.type === 'text' && previous.value.trim() === '') position--;
    else if (isNotesChrome(previous)) parent.children.splice(--position, 1);
    else break;
  }
}

function hasContentBesideNotesChrome(element: Element): boolean {
  return element.children.some((child) => !isNotesChrome(child) && hasVisibleContent(child));
}

function isNotesChrome(node: Nodes): boolean {
  if (node.type !== 'element') return false;
  return node.tagName === 'hr' || (headingTags.has(node.tagName) && notesHeading.test(collapsedText(node)));
}
