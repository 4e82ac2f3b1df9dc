import type { Element, Nodes } from 'hast';
import { classNames, stringProperty } from './hast-tree.ts';

/** Measures of how much reading text an element holds, shared by the article choice and the chrome filter. */

/**
 * The words of an element's class names and id: `post-content` → post, content; `articleBody` →
 * article, body. With `roles`, class names that describe the post's subject or the element's
 * state rather than its role are left out: WordPress's `tag-social-media`, `category-ads`, and
 * layout states such as `has-sidebar`, `no-comments`, `and-w-sidebar`.
 */
export function hintWords(element: Element, options: { roles?: boolean } = {}): string[] {
  const classes = options.roles ? classNames(element).filter((name) => !taxonomyClass.test(name)) : classNames(element);
  const id = stringProperty(element, 'id') ?? '';
  const names = [...classes, options.roles && isAnchorId(element, id) ? '' : id];
  return names.flatMap((name) => {
    const words = name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word !== '');
    // A state inside a name (BEM's `o-section--has-ads`) says what the element holds, not what it is.
    return options.roles ? words.filter((_, index) => !stateWords.has(words[index - 1] ?? '') && !stateWords.has(words[index] ?? '')) : words;
  });
}

const stateWords = new Set(['has', 'no', 'with', 'without', 'is']);

const taxonomyClass = /^(tag|category|topic|format|status|type|author|section|has|no|with|without|w|is|and|elementor)[-_]/i;

/**
 * An id that is an anchor, not a role: a heading's (`id="what-is-next"`), or one spelled from the
 * element's own words (`<section id="share-your-story">`).
 */
function isAnchorId(element: Element, id: string): boolean {
  if (id === '') return false;
  if (/^h[1-6]$/.test(element.tagName)) return true;
  const words = id
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2);
  if (words.length < 2) return false;
  const text = hasVisibleText(element) ? ownText(element).toLowerCase() : '';
  return words.every((word) => text.includes(word));
}

/** The first few hundred characters of an element's text (enough to compare with its id). */
function ownText(element: Element): string {
  let text = '';
  const walk = (node: Nodes) => {
    if (text.length > 300) return;
    if (node.type === 'text') text += node.value;
    else if (node.type === 'element') for (const child of node.children) walk(child);
  };
  walk(element);
  return text;
}

/** Elements whose text a reader never sees as text. */
const unseen = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea', 'option']);

/** Whether `textStats(node).text > 0`, found at the first visible letter rather than after the whole subtree. */
export function hasVisibleText(node: Nodes): boolean {
  if (node.type === 'text') return /\S/.test(node.value);
  if (node.type === 'element' && unseen.has(node.tagName)) return false;
  return (node.type === 'element' || node.type === 'root') && node.children.some((child) => hasVisibleText(child));
}

/** The length of the visible text (whitespace runs counted as one) and how much of it is inside links. */
export function textStats(node: Nodes, skip?: (element: Element) => boolean): { text: number; links: number } {
  let text = 0;
  let links = 0;
  const walk = (current: Nodes, inLink: boolean) => {
    if (current.type === 'text') {
      const length = current.value.replace(/\s+/g, ' ').trim().length;
      text += length;
      if (inLink) links += length;
      return;
    }
    if (current.type === 'element') {
      if (unseen.has(current.tagName) || skip?.(current)) return;
      // An anchor without an address (`<a name>`, often left unclosed round whole sections) is not a link.
      for (const child of current.children) walk(child, inLink || (current.tagName === 'a' && current.properties.href !== undefined));
      return;
    }
    if (current.type === 'root') for (const child of current.children) walk(child, inLink);
  };
  walk(node, false);
  return { text, links };
}

/** The share of an element's text that is link text (0 for an element without text). */
export function linkDensity(node: Nodes): number {
  const { text, links } = textStats(node);
  return text === 0 ? 0 : links / text;
}

const pageStats = new WeakMap<Nodes, { text: number; links: number }>();

/** `textStats` remembered per node, for trees that are read many times and never changed (the page). */
export function pageTextStats(node: Nodes): { text: number; links: number } {
  let stats = pageStats.get(node);
  if (!stats) {
    stats = textStats(node);
    pageStats.set(node, stats);
  }
  return stats;
}
