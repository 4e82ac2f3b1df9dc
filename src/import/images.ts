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

/** Whether a picture's `src` is on the web (`https://…`, `//cdn…`), not a file beside the post. */
export function isOnTheWeb(src: string): boolean {
  return remotePattern.test(src);
}

/** Figures whose `src` is a local file the importer must copy next to the chapter. */
export function localImages(body: Root): ImageReference[] {
  const found: ImageReference[] = [];
  visit(body, 'leafDirective', (node) => {
    const src = node.attributes?.src;
    if (node.name === 'figure' && src && !remotePattern.test(src) && !src.startsWith('data:')) found.push({ figure: node, src });
  });
  return found;
}

/**
 * A picture the post linked to a larger copy of itself (`<a href="full.jpg"><img src="thumb.jpg"></a>`,
 * as WordPress and Substack link every picture): the copy's address, kept on the figure while the
 * import runs (never written to the chapter) for `import --fetch-images`, which fetches it first.
 */
export function setLargerCopy(figure: LeafDirective, url: string): void {
  figure.data = { ...figure.data, largerCopy: url } as LeafDirective['data'];
}

function largerCopyOf(figure: LeafDirective): string | undefined {
  const url = (figure.data as { largerCopy?: unknown } | undefined)?.largerCopy;
  return typeof url === 'string' && remotePattern.test(url) ? url : undefined;
}

/** Figures that stand for a picture on the web: its address (and a larger copy the post linked it to), and the figure, whose `src` may be set once it is fetched. */
export function remoteFigures(body: Root): { figure: LeafDirective; url: string; larger?: string }[] {
  const found: { figure: LeafDirective; url: string; larger?: string }[] = [];
  visit(body, 'leafDirective', (node) => {
    if (node.name !== 'figure') return;
    const src = node.attributes?.src;
    // A figure whose picture was fetched keeps the address it came from as `remote`.
    if (src && !remotePattern.test(src)) return;
    const url = node.attributes?.remote ?? (src && remotePattern.test(src) ? src : undefined);
    const larger = largerCopyOf(node);
    if (url) found.push({ figure: node, url, ...(larger && larger !== url ? { larger } : {}) });
  });
  return found;
}

/** Figures that stand for remote images (not fetched: the build is offline; `import --fetch-images` fetches them). */
export function remoteImages(body: Root): RemoteImage[] {
  return remoteFigures(body).map(({ figure, url }) => ({ url, caption: figure.children.map((child) => ('value' in child ? child.value : '')).join('') }));
}

/** A picture's address as written in a post, a protocol-relative one (`//cdn…`) read as https; undefined when it is none. */
export function webAddress(url: string): URL | undefined {
  try {
    return new URL(url.startsWith('//') ? `https:${url}` : url);
  } catch {
    return undefined;
  }
}

/** `name` made a file name (`[\w.-]`) no other picture of the chapter has (`1-photo.jpg` after `photo.jpg`), and taken. */
export function unusedImageName(name: string, used: Set<string>): string {
  let unused = name.replace(/[^\w.-]+/g, '-');
  while (used.has(unused)) unused = `1-${unused}`;
  used.add(unused);
  return unused;
}

/** Where a chapter's images live, relative to the chapter file. */
export function chapterImagePath(slug: string, fileName: string): string {
  return `images/${slug}/${fileName}`;
}

/**
 * The full-size original a blog platform serves beside the copy a post shows, by the platform's
 * own naming, or undefined: WordPress's sized copies (`photo-300x200.jpg`, `photo-scaled.jpg`, and
 * a resizing query) under `/wp-content/uploads/` or on `files.wordpress.com`; Ghost's
 * `/content/images/size/w600/…`; Substack's CDN, which fetches the original from the address it
 * carries. A book prints a picture at 300 pixels an inch, where a post shows it at 300 pixels wide.
 */
export function fullSizeAddress(url: string): string | undefined {
  const address = webAddress(url);
  if (!address) return undefined;
  const substack = /^\/image\/fetch\/[^/]*\/(https?%3A%2F%2F.+)$/i.exec(address.pathname);
  if (address.hostname === 'substackcdn.com' && substack?.[1]) {
    try {
      return decodeURIComponent(substack[1]);
    } catch {
      return undefined;
    }
  }
  const ghost = address.pathname.replace(/\/content\/images\/size\/w\d+(?:h\d+)?\/(?:format\/\w+\/)?/, '/content/images/');
  if (ghost !== address.pathname) return `${address.origin}${ghost}`;
  if (address.pathname.includes('/wp-content/uploads/') || address.hostname.endsWith('.files.wordpress.com')) {
    const original = address.pathname.replace(/-(?:\d+x\d+|scaled)(\.[a-z0-9]+)$/i, '$1');
    if (original !== address.pathname || address.search !== '') return `${address.origin}${original}`;
  }
  return undefined;
}
