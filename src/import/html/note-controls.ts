import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { classNames, elementsOf, hasVisibleContent, isElement, parentMap, removeNode, stringProperty } from './hast-tree.ts';

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
 * - a Tufte toggle becomes a link to its sidenote, which takes the checkbox's id.
 */
export function noteControlsAsMarkers(tree: Root | Element): void {
  const parents = parentMap(tree);
  const byId = new Map<string, Element>();
  for (const element of elementsOf(tree)) {
    const id = stringProperty(element, 'id');
    if (id && !byId.has(id)) byId.set(id, element);
  }
  for (const element of elementsOf(tree)) {
    if (element.tagName === 'button' && isNoteButton(element)) buttonAsMarker(element, parents);
    else if (element.tagName === 'label') toggleAsMarker(element, parents, byId);
  }
}

/** Attributes in which note scripts keep a note's HTML once they have taken it out of the page. */
const noteHtmlAttributes = ['dataBigfootFootnote', 'dataFootnoteContent', 'dataFootnoteHtml'];

function isNoteButton(button: Element): boolean {
  const { properties } = button;
  if (classNames(button).some((name) => /foot|note|littlefoot|bigfoot|^fn/i.test(name))) return true;
  if ((stringProperty(button, 'rel') ?? '').split(/\s+/).includes('footnote')) return true;
  if (Object.keys(properties).some((key) => /^data(?:Footnote|Bigfoot|Fn|Note)/.test(key))) return true;
  return ['ariaDescribedBy', 'ariaDetails'].some((key) => stringProperty(button, key) !== undefined);
}

function buttonAsMarker(button: Element, parents: ReadonlyMap<Nodes, Parents>): void {
  if (besideOriginalMarker(button, parents)) return;
  const html = noteHtmlAttributes.map((key) => stringProperty(button, key)).find((value) => value !== undefined && value.trim() !== '');
  if (html !== undefined) {
    const note = fromHtml(html, { fragment: true });
    const children = note.children.filter((child): child is ElementContent => child.type !== 'doctype');
    for (const node of children) placeAt(node, button);
    Object.assign(button, { tagName: 'span', properties: { dataType: 'footnote' }, children });
    return;
  }
  button.tagName = 'a';
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
 * id="sn-x">`, then `<span class="sidenote">` (or `marginnote`, with a ⊕ label). A margin note that
 * is only a picture is a margin figure, not a note: its controls go and the picture stays.
 */
function toggleAsMarker(label: Element, parents: ReadonlyMap<Nodes, Parents>, byId: ReadonlyMap<string, Element>): void {
  const id = stringProperty(label, 'htmlFor');
  const input = id === undefined ? undefined : byId.get(id);
  if (!id || !isElement(input, 'input')) return;
  const note = [input, label].map((control) => nextElementSibling(control, parents)).find((element) => element && isSidenote(element));
  if (!note) return;
  for (const control of [input, ...(isFigureNote(note) ? [label] : [])]) {
    const parent = parents.get(control);
    if (parent) removeNode(control, parent);
  }
  if (isFigureNote(note)) return;
  const noteId = stringProperty(note, 'id') ?? id;
  note.properties.id = noteId;
  label.tagName = 'a';
  label.properties = { href: `#${noteId}`, className: classNames(label) };
}

function isSidenote(element: Element): boolean {
  return classNames(element).some((name) => name === 'sidenote' || name === 'marginnote');
}

function isFigureNote(note: Element): boolean {
  const images = elementsOf(note).filter((element) => element.tagName === 'img');
  const text = note.children.some(function textBeside(child): boolean {
    if (child.type === 'text') return child.value.trim() !== '';
    return child.type === 'element' && child.tagName !== 'img' && child.children.some(textBeside);
  });
  return images.length > 0 && !text;
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
