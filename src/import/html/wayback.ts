import type { Element, Root, RootContent } from 'hast';
import { elementsOf, stringProperty, textContent } from './hast-tree.ts';

/**
 * A page saved from the Wayback Machine carries the archive's toolbar (capture calendar, “About
 * this capture”, donation frame) between two comments the archive writes, and its rewrite script
 * names the original address and the capture's time. The toolbar is the archive's, on every such
 * page: it goes before the article is looked for. The original address is where the piece was
 * published; the capture time is only when it was seen, never its date.
 */

export interface WaybackCapture {
  /** The address the page was captured from (`http://example.org/post.html`). */
  original: string;
  /** When it was captured, `YYYY-MM-DD`. */
  captured: string;
}

/** Removes the Wayback toolbar (and the archive's own scripts and styles around it); true when the page had one. */
export function removeWaybackToolbar(page: Root): boolean {
  let found = false;
  const walk = (parent: Root | Element) => {
    let inside = false;
    const kept: RootContent[] = [];
    for (const child of parent.children) {
      if (child.type === 'comment' && /BEGIN WAYBACK TOOLBAR INSERT/i.test(child.value)) {
        inside = true;
        found = true;
        continue;
      }
      if (child.type === 'comment' && /END WAYBACK TOOLBAR INSERT/i.test(child.value)) {
        inside = false;
        continue;
      }
      if (!inside) kept.push(child);
      if (!inside && child.type === 'element') walk(child);
    }
    (parent as Element).children = kept as Element['children'];
  };
  walk(page);
  // A toolbar saved without its comments still has its ids.
  for (const element of elementsOf(page)) {
    const id = stringProperty(element, 'id') ?? '';
    if (/^(?:wm-ipp-base|wm-ipp|donato)$/.test(id)) {
      element.children = [];
      found = true;
    }
  }
  return found;
}

/** The capture the page came from, read from the archive's rewrite script (`__wm.wombat("http://…","20070228213001",…)`). */
export function waybackCapture(page: Root): WaybackCapture | undefined {
  for (const script of elementsOf(page)) {
    if (script.tagName !== 'script') continue;
    const match = /__wm\.wombat\(\s*"([^"]+)"\s*,\s*"(\d{4})(\d{2})(\d{2})\d*"/.exec(textContent(script));
    if (match?.[1]) return { original: withoutDefaultPort(match[1]), captured: `${match[2]}-${match[3]}-${match[4]}` };
  }
  return undefined;
}

function withoutDefaultPort(address: string): string {
  return address.replace(/^(http:\/\/[^/:]+):80(?=\/|$)/i, '$1').replace(/^(https:\/\/[^/:]+):443(?=\/|$)/i, '$1');
}
