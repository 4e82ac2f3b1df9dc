import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { isElement as isTaggedElement } from 'hast-util-is-element';
import { toString as hastToString } from 'hast-util-to-string';

/** Small read and edit helpers over hast trees, shared by the HTML import steps. */

/** An element, with one of `tagNames` when any are given (hast-util-is-element, typed for the callers here). */
export function isElement(node: Nodes | undefined, ...tagNames: string[]): node is Element {
  return isTaggedElement(node, tagNames.length === 0 ? undefined : tagNames);
}

/** The visible text of a node, whitespace as written (hast-util-to-string; a comment or raw HTML has none). */
export function textContent(node: Nodes): string {
  return node.type === 'element' || node.type === 'root' || node.type === 'text' ? hastToString(node) : '';
}

/** The visible text with runs of whitespace (non-breaking spaces included) collapsed. */
export function collapsedText(node: Nodes): string {
  return textContent(node).replace(/\s+/g, ' ').trim();
}

export function classNames(element: Element): string[] {
  const value: unknown = element.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

export function hasClass(element: Element, ...names: string[]): boolean {
  return classNames(element).some((name) => names.includes(name));
}

export function stringProperty(element: Element, name: string): string | undefined {
  const value: unknown = element.properties[name];
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Every element under `tree`, in document order. */
export function elementsOf(tree: Parents): Element[] {
  const found: Element[] = [];
  const walk = (parent: Parents) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      found.push(child);
      walk(child);
    }
  };
  walk(tree);
  return found;
}

/** A map from each node to its parent, for walking up a tree that hast does not link upwards. */
export function parentMap(tree: Parents): Map<Nodes, Parents> {
  const parents = new Map<Nodes, Parents>();
  const walk = (parent: Parents) => {
    for (const child of parent.children) {
      parents.set(child, parent);
      if (child.type === 'element') walk(child);
    }
  };
  walk(tree);
  return parents;
}

export function ancestorsOf(node: Nodes, parents: ReadonlyMap<Nodes, Parents>): Parents[] {
  const ancestors: Parents[] = [];
  for (let parent = parents.get(node); parent; parent = parents.get(parent)) ancestors.push(parent);
  return ancestors;
}

export function contains(ancestor: Nodes, node: Nodes, parents: ReadonlyMap<Nodes, Parents>): boolean {
  return ancestor === node || ancestorsOf(node, parents).includes(ancestor as Parents);
}

/**
 * The first line and the last line a node came from, when the parser recorded them. A node that
 * ends at column 1 (a text ending in a newline, an element left open until the next line's tag)
 * has nothing on that last line.
 */
export function lineRange(node: Nodes): [number, number] | undefined {
  const start = node.position?.start.line;
  const end = node.position?.end;
  if (start === undefined || end === undefined) return undefined;
  return [start, end.column === 1 && end.line > start ? end.line - 1 : end.line];
}

/** Takes `node` out of `parent`; returns where it stood (-1 when it was not there). */
export function removeNode(node: ElementContent, parent: Parents): number {
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  return index;
}

/** Whether an element still carries something a reader would see: text or an image. */
export function hasVisibleContent(node: Nodes): boolean {
  if (node.type === 'text') return node.value.trim() !== '';
  if (node.type === 'element' && node.tagName === 'img') return true;
  if (node.type === 'element' || node.type === 'root') return node.children.some(hasVisibleContent);
  return false;
}

export function emptyRoot(children: Root['children'] = []): Root {
  return { type: 'root', children };
}

export const headingTags: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
