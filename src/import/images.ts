import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';

export interface ImageReference {
  /** The figure as written in the chapter body; its `src` is rewritten in place. */
  figure: LeafDirective;
  src: string;
}

export interface RemoteImage {
  url: string;
  caption: string;
}

const remotePattern = /^(?:https?:)?\/\//i;

/** Figures whose `src` is a local file the importer must copy next to the chapter. */
export function localImages(body: Root): ImageReference[] {
  const found: ImageReference[] = [];
  visit(body, 'leafDirective', (node) => {
    const src = node.attributes?.src;
    if (node.name === 'figure' && src && !remotePattern.test(src) && !src.startsWith('data:')) found.push({ figure: node, src });
  });
  return found;
}

/** Figures that stand for remote images (never fetched: the build is offline). */
export function remoteImages(body: Root): RemoteImage[] {
  const found: RemoteImage[] = [];
  visit(body, 'leafDirective', (node) => {
    const url = node.attributes?.remote ?? (remotePattern.test(node.attributes?.src ?? '') ? node.attributes?.src : undefined);
    if (node.name === 'figure' && url) found.push({ url, caption: node.children.map((child) => ('value' in child ? child.value : '')).join('') });
  });
  return found;
}

/** Where a chapter's images live, relative to the chapter file. */
export function chapterImagePath(slug: string, fileName: string): string {
  return `images/${slug}/${fileName}`;
}
