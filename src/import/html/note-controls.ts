import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { ancestorsOf, classNames, collapsedText, elementsOf, hasVisibleContent, isElement, parentMap, removeNode, stringProperty } from './hast-tree.ts';
import { isMarkerText } from './note-markers.ts';
import { noteMarkupDepth, parseHtml } from './parse-html.ts';

/**
 * Scripts turn a page's note markers into controls: bigfoot and littlefoot draw `<button>`s (bigfoot
 * can delete the original notes and keep each note's HTML in `data-bigfoot-footnote`), Tufte CSS
 * toggles a sidenote with a `<label>` and a hidden checkbox. Sanitising strips buttons and form
 * controls with their content, so this runs first and rewrites the controls that stand for notes
 * into markup footnote recognition reads:
 *
 * - a button that holds its note in an attribute becomes the note itself, in HTMLBook's inline form
 *   (`<span data-type="footnote">`), so that the sanitiser cleans the note's HTML like any other;
 * - a button that points at a note (`aria-describedby`, `data-footnote-id`…) becomes a link-less
 *   `<a>` with the same attributes;
 * - a button beside the page's original marker (littlefoot, bigfoot's default) is a copy of it and
 *   is left for the sanitiser to strip;
 * - a Tufte toggle becomes a link to its sidenote, which takes the checkbox's id;
 * - a web component holding its note (Distill's `<d-footnote>`) becomes the inline form.
 */
export function noteControlsAsMarkers(tree: Root | Element): void {
  const parents = parentMap(tree);
  const byId = new Map<string, Element>();
  for (const element of elementsOf(tree)) {
    for (const key of ['id', 'name']) {
      const id = stringProperty(element, key);
      if (id && !byId.has(id)) byId.set(id, element);
    }
  }
  for (const element of elementsOf(tree)) {
    if (element.tagName === 'button' && isNoteButton(element)) buttonAsMarker(element, parents);
    else if (element.tagName === 'label') toggleAsMarker(element, parents, byId);
    else if (element.tagName === 'a') linkInPage(element, byId);
    else if (element.tagName === 'd-footnote') webComponentNote(element);
  }
}

/**
 * Distill (and pages built like it) write a note where it belongs as a custom element,
 * `<d-footnote>text</d-footnote>`, which its script turns into a numbered marker and a popup.
 * The sanitiser knows no custom elements (it would run the note into the sentence), so it takes
 * HTMLBook's inline form.
 */
function webComponentNote(element: Element): void {
  element.tagName = 'span';
  element.properties = { dataType: 'footnote' };
}

/**
 * Word writes a pasted note's links against the file it came from (`file:///C:/…/essay.docx#_ftn1`)
 * and editors against their own address (`…/wp-admin/post.php?post=12#_ftn1`); the sanitiser drops
 * `file:` links altogether. Such a link whose fragment names a note anchor of this page is a link
 * within it. A link to another site's note stays as written.
 */
function linkInPage(link: Element, byId: ReadonlyMap<string, Element>): void {
  const href = stringProperty(link, 'href') ?? '';
  const hash = href.indexOf('#');
  if (hash <= 0) return;
  const fragment = href.slice(hash + 1);
  if (!byId.has(fragment) || !/^(?:_?(?:ftn|edn)|sdfootnote|sdendnote|ftnt|fn|footnote|note|cite_)/i.test(fragment)) return;
  const anchorName = stringProperty(link, 'name') ?? stringProperty(link, 'id') ?? '';
  const fromEditor = /^file:|\/wp-admin\/|\/post(?:-new)?\.php|blogger\.com\/(?:blog\/)?post-edit/i.test(href);
  if (fromEditor || /^(?:_(?:ftn|edn)(?:ref)?\d|sdfootnote\d|sdendnote\d|ftnt(?:_ref)?\d)/i.test(anchorName)) link.properties.href = `#${fragment}`;
}

/** Attributes in which note scripts keep a note's HTML once they have taken it out of the page. */
const noteHtmlAttributes = ['dataBigfootFootnote', 'dataFootnoteContent', 'dataFootnoteHtml'];

function isNoteButton(button: Element): boolean {
  const { properties } = button;
  if (noteHtmlAttributes.some((key) => stringProperty(button, key) !== undefined)) return true;
  // A page's other controls (“Show notes”, “Subscribe”) show words; a marker shows its label, or nothing.
  const text = collapsedText(button);
  if (text !== '' && !isMarkerText(text)) return false;
  if (classNames(button).some((name) => /foot|note|littlefoot|bigfoot|^fn/i.test(name))) return true;
  if ((stringProperty(button, 'rel') ?? '').split(/\s+/).includes('footnote')) return true;
  if (Object.keys(properties).some((key) => /^data(?:Footnote|Bigfoot|Fn|Note)/.test(key))) return true;
  return ['ariaDescribedBy', 'ariaDetails'].some((key) => stringProperty(button, key) !== undefined);
}

function buttonAsMarker(button: Element, parents: ReadonlyMap<Nodes, Parents>): void {
  if (besideOriginalMarker(button, parents)) return;
  const html = noteHtmlAttributes.map((key) => stringProperty(button, key)).find((value) => value !== undefined && value.trim() !== '');
  if (html !== undefined) {
    const note = parseHtml(html, { fragment: true, maxDepth: noteMarkupDepth }).tree;
    const children = note.children.filter((child): child is ElementContent => child.type !== 'doctype');
    for (const node of children) placeAt(node, button);
    Object.assign(button, { tagName: 'span', properties: { dataType: 'footnote' }, children });
    rejoinParagraph(button, parents);
    return;
  }
  button.tagName = 'a';
}

/**
 * bigfoot puts its button in a `<div>` inside the paragraph; parsed again, the `<div>` closes the
 * paragraph and the rest of the sentence falls outside it. The note and that rest go back into it.
 */
function rejoinParagraph(note: Element, parents: ReadonlyMap<Nodes, Parents>): void {
  const container = parents.get(note);
  const holder = container && parents.get(container);
  if (!isElement(container, 'div') || !holder || container.children.some((child) => child !== note && hasVisibleContent(child))) return;
  const siblings = holder.children;
  const at = siblings.indexOf(container);
  const paragraph = siblings.slice(0, at).findLast((child) => child.type === 'element' || hasVisibleContent(child));
  if (!isElement(paragraph, 'p')) return;
  let end = at + 1;
  while (end < siblings.length && !isBlock(siblings[end] as Nodes)) end++;
  const rest = siblings.slice(at + 1, end).filter((node): node is ElementContent => node.type !== 'doctype');
  // The paragraph's own `</p>`, now stray, parses as an empty paragraph.
  const strayEnd = siblings[end];
  const dropStray = isElement(strayEnd, 'p') && !strayEnd.children.some(hasVisibleContent);
  paragraph.children.push(note, ...rest);
  siblings.splice(siblings.indexOf(paragraph) + 1, end - siblings.indexOf(paragraph) - 1 + (dropStray ? 1 : 0));
}

function isBlock(node: Nodes): boolean {
  return (
    node.type === 'element' && /^(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|section|article|aside|hr|dl|header|footer|nav|main)$/.test(node.tagName)
  );
}

/** littlefoot keeps the page's own marker (hidden until printed) beside the button it adds. */
function besideOriginalMarker(button: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  let outer: Element = button;
  for (let parent = parents.get(outer); isElement(parent, 'span', 'div', 'sup'); parent = parents.get(outer)) {
    if (parent.children.some((child) => child !== outer && hasVisibleContent(child))) break;
    outer = parent;
  }
  const parent = parents.get(outer);
  if (!parent) return false;
  const siblings = parent.children.filter((child) => child.type === 'element' || hasVisibleContent(child));
  const position = siblings.indexOf(outer);
  return [siblings[position - 1], siblings[position + 1]].some(
    (sibling) => sibling?.type === 'element' && [sibling, ...elementsOf(sibling)].some((element) => /#./.test(stringProperty(element, 'href') ?? '')),
  );
}

/**
 * Tufte CSS: `<label for="sn-x" class="margin-toggle sidenote-number">`, `<input type="checkbox"
 * id="sn-x">`, then `<span class="sidenote">` (or `marginnote`, with a ⊕ label). A margin note
 * with a picture is a margin figure and one inside a `<figure>` is its caption: their toggles go and
 * they become a figure and a caption.
 */
function toggleAsMarker(label: Element, parents: ReadonlyMap<Nodes, Parents>, byId: ReadonlyMap<string, Element>): void {
  const id = stringProperty(label, 'htmlFor');
  const input = id === undefined ? undefined : byId.get(id);
  if (!id || !isElement(input, 'input')) return;
  const note = [input, label].map((control) => nextElementSibling(control, parents)).find((element) => element && isSidenote(element));
  if (!note) return;
  const inFigure = ancestorsOf(note, parents).some((ancestor) => isElement(ancestor, 'figure'));
  const hasPicture = elementsOf(note).some((element) => element.tagName === 'img');
  for (const control of [input, ...(inFigure || hasPicture ? [label] : [])]) {
    const parent = parents.get(control);
    if (parent) removeNode(control, parent);
  }
  if (inFigure) {
    Object.assign(note, { tagName: 'figcaption', properties: {} });
    return;
  }
  if (hasPicture) {
    marginFigure(note, parents);
    return;
  }
  const noteId = stringProperty(note, 'id') ?? id;
  note.properties.id = noteId;
  // Footnote recognition reads a note written where its marker is by Tufte's class name.
  if (!classNames(note).some((name) => name === 'sidenote' || name === 'marginnote')) note.properties.className = [...classNames(note), 'sidenote'];
  label.tagName = 'a';
  label.properties = { href: `#${noteId}`, className: classNames(label) };
}

/**
 * Tufte's class names, or a theme's own for the same toggle (`<label for="1" class="margin-toggle
 * footnote-number">`, `<input id="1">`, `<span class="footnote">` on maggieappleton.com): a note
 * the checkbox shows and hides.
 */
function isSidenote(element: Element): boolean {
  return classNames(element).some((name) => /^(?:side|margin|foot)-?note$/i.test(name));
}

/** A margin figure leaves its paragraph and stands before it as a figure: its pictures, then the rest as the caption. */
function marginFigure(note: Element, parents: ReadonlyMap<Nodes, Parents>): void {
  const block = ancestorsOf(note, parents).find((ancestor): ancestor is Element => isElement(ancestor, 'p', 'div', 'li', 'blockquote'));
  const holder = block ? parents.get(block) : undefined;
  const parent = parents.get(note);
  if (!block || !holder || !parent) return;
  removeNode(note, parent);
  const images = elementsOf(note).filter((element) => element.tagName === 'img');
  const caption = withoutImages(note);
  const figure: Element = {
    type: 'element',
    tagName: 'figure',
    properties: {},
    children: [...images, ...(hasVisibleContent(caption) ? [{ ...caption, tagName: 'figcaption', properties: {} }] : [])],
    ...(note.position ? { position: note.position } : {}),
  };
  holder.children.splice(holder.children.indexOf(block), 0, figure);
}

function withoutImages(element: Element): Element {
  return {
    ...element,
    children: element.children.flatMap((child): ElementContent[] =>
      child.type === 'element' ? (child.tagName === 'img' ? [] : [withoutImages(child)]) : [child],
    ),
  };
}

function nextElementSibling(element: Element, parents: ReadonlyMap<Nodes, Parents>): Element | undefined {
  const parent = parents.get(element);
  if (!parent) return undefined;
  for (const sibling of parent.children.slice(parent.children.indexOf(element) + 1)) {
    if (sibling.type === 'element') return sibling;
    if (hasVisibleContent(sibling)) return undefined;
  }
  return undefined;
}

/** Nodes parsed from an attribute take the place of the element that held it, for messages. */
function placeAt(node: Nodes, holder: Element): void {
  if (holder.position) node.position = holder.position;
  else delete node.position;
  if ('children' in node) for (const child of node.children) placeAt(child, holder);
}
