import type { Element, Nodes, Parents, Root } from 'hast';
import { elementsOf, isElement, parentMap, stringProperty } from './hast-tree.ts';

/**
 * Saved pages often hold a picture's address where only the page's script reads it: lazy-loading
 * attributes (`data-src`, `data-srcset`…) behind a placeholder `src`, a `srcset` alone, a
 * `<noscript><img>` beside the placeholder, a `<picture>`'s `<source>`, AMP's `<amp-img>`. This
 * stage, run before sanitising, puts that address in `src` where the importer reads it. It only
 * moves addresses between attributes: the sanitiser still judges every `src` it sets.
 */

/** Where lazy-loading scripts keep a picture's address, most common first. */
export const lazySourceProperties = ['dataSrc', 'dataLazySrc', 'dataOriginal', 'dataOriginalSrc', 'dataHiResSrc'];
/** Where they keep a `srcset` (the native one last: a plain `src` beats it). */
const lazySrcsetProperties = ['dataSrcset', 'dataLazySrcset', 'srcSet'];

type Parenthood = ReadonlyMap<Nodes, Parents>;

/** AMP's picture elements (`<amp-anim>` is an animated GIF). */
const ampPictureTags = ['amp-img', 'amp-anim'];

/** Puts each picture's real address in its `src`, in place; `<noscript>` copies of pictures are used and then go. */
export function resolveLazyImages(tree: Root | Element): void {
  ampPicturesAsImages(tree);
  const parents = parentMap(tree);
  const companions = new Set<Element>();
  const standIns: Element[] = [];
  for (const image of elementsOf(tree)) {
    if (image.tagName !== 'img' || insideNoscript(image, parents)) continue;
    const companion = noscriptCompanion(image, parents);
    if (companion) companions.add(companion);
    const address = realAddress(image, companion, parents);
    if (address !== undefined) image.properties.src = address;
    else if (placeholderSource(image)) standIns.push(image);
  }
  for (const image of standIns) {
    const parent = parents.get(image);
    // A blurred preview set just before the picture it stands for (`data-lqip`, Gatsby, Medium) goes: the picture is kept.
    if (parent && pictureFollows(image, parent)) parent.children.splice(parent.children.indexOf(image), 1);
    else if (!/^data:/i.test(stringProperty(image, 'src') ?? '')) delete image.properties.src;
  }
  for (const noscript of elementsOf(tree).filter((element) => element.tagName === 'noscript')) {
    const parent = parents.get(noscript);
    if (!parent || insideNoscript(noscript, parents)) continue;
    const index = parent.children.indexOf(noscript);
    // A companion has served its picture; a lone `<noscript>` picture is what a reader without script sees.
    const replacement = companions.has(noscript) ? [] : noscriptPictures(noscript);
    parent.children.splice(index, 1, ...replacement);
  }
}

/** `<amp-img src>` → `<img src>`: its attributes, without the sizer AMP renders inside; its `<noscript>` copy goes after it as a companion. */
function ampPicturesAsImages(tree: Root | Element): void {
  const parents = parentMap(tree);
  for (const amp of elementsOf(tree).filter((element) => ampPictureTags.includes(element.tagName))) {
    const fallback = amp.children.filter((child): child is Element => isElement(child, 'noscript'));
    amp.tagName = 'img';
    amp.children = [];
    const parent = parents.get(amp);
    if (parent) parent.children.splice(parent.children.indexOf(amp) + 1, 0, ...fallback);
  }
}

/** The picture's address: its own `src` unless that is a placeholder, else the first place a script would take it from. */
function realAddress(image: Element, companion: Element | undefined, parents: Parenthood): string | undefined {
  const src = stringProperty(image, 'src')?.trim();
  if (src && !isPlaceholderAddress(src)) return src;
  for (const key of lazySourceProperties) {
    const value = stringProperty(image, key)?.trim();
    if (value && !isPlaceholderAddress(value)) return value;
  }
  for (const key of lazySrcsetProperties) {
    const value = largestCandidate(stringProperty(image, key) ?? '');
    if (value && !isPlaceholderAddress(value)) return value;
  }
  const named = dataAttributeAddress(image);
  if (named) return named;
  const fromNoscript = companion ? noscriptPictures(companion)[0] : undefined;
  const noscriptAddress = fromNoscript ? realAddress(fromNoscript, undefined, parents) : undefined;
  return noscriptAddress ?? pictureSourceAddress(image, parents);
}

/** Any other `data-*` attribute that holds a picture's address (Salon's `data-source-standard`, Jetpack's `data-orig-file`). */
function dataAttributeAddress(image: Element): string | undefined {
  for (const [key, value] of Object.entries(image.properties)) {
    if (!/^data[A-Z]/.test(key) || typeof value !== 'string') continue;
    const address = value.trim();
    if (/^(?:https?:\/\/|\/\/|\.{0,2}\/)?[^\s"'<>]+\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]\S*)?$/i.test(address) && !isPlaceholderAddress(address))
      return address;
  }
  return undefined;
}

/** A `<picture>`'s `<source>`: the one for every screen, else the first. */
function pictureSourceAddress(image: Element, parents: Parenthood): string | undefined {
  const picture = parents.get(image);
  if (!isElement(picture, 'picture')) return undefined;
  const sources = picture.children.filter((child): child is Element => isElement(child, 'source'));
  const ordered = [...sources.filter((source) => stringProperty(source, 'media') === undefined), ...sources];
  for (const source of ordered) {
    const address = largestCandidate(stringProperty(source, 'srcSet') ?? stringProperty(source, 'dataSrcset') ?? '');
    if (address && !isPlaceholderAddress(address)) return address;
  }
  return undefined;
}

/** A `<noscript>` holding a copy of the picture: the element after it (or after its `<picture>`), or inside that `<picture>`. */
function noscriptCompanion(image: Element, parents: Parenthood): Element | undefined {
  const parent = parents.get(image);
  const next = parent ? nextElement(image, parent) : undefined;
  if (isElement(next, 'noscript') && noscriptPictures(next).length > 0) return next;
  if (!isElement(parent, 'picture')) return undefined;
  const picture = parent;
  const inside = picture.children.find((child): child is Element => isElement(child, 'noscript'));
  if (inside && noscriptPictures(inside).length > 0) return inside;
  const grandparent = parents.get(picture);
  const after = grandparent ? nextElement(picture, grandparent) : undefined;
  return isElement(after, 'noscript') && noscriptPictures(after).length > 0 ? after : undefined;
}

function nextElement(node: Element, parent: Parents): Nodes | undefined {
  const siblings = parent.children.slice(parent.children.indexOf(node) + 1);
  return siblings.find((child) => child.type === 'element' || (child.type === 'text' && child.value.trim() !== ''));
}

/** The pictures in a `<noscript>`, without the 1×1 counting pixels analytics put there. */
function noscriptPictures(noscript: Element): Element[] {
  return elementsOf(noscript).filter((element) => element.tagName === 'img' && !isPixel(element));
}

function isPixel(image: Element): boolean {
  const size = (name: string) => Number(stringProperty(image, name) ?? Number.NaN);
  return size('width') <= 1 || size('height') <= 1;
}

function insideNoscript(node: Element, parents: Parenthood): boolean {
  for (let parent = parents.get(node); parent; parent = parents.get(parent)) if (isElement(parent, 'noscript')) return true;
  return false;
}

function placeholderSource(image: Element): boolean {
  const src = stringProperty(image, 'src')?.trim();
  return src !== undefined && (src === '' || isPlaceholderAddress(src));
}

/** Whether the element after `image` is, or holds, a picture with an address of its own. */
function pictureFollows(image: Element, parent: Parents): boolean {
  const next = nextElement(image, parent);
  if (next?.type !== 'element') return false;
  const pictures = next.tagName === 'img' ? [next] : elementsOf(next).filter((element) => element.tagName === 'img');
  return pictures.some((picture) => !placeholderSource(picture) && stringProperty(picture, 'src') !== undefined && isPreviewOf(image, picture));
}

/**
 * Whether a placeholder says it stands for the picture after it: marked as a preview (`data-lqip`,
 * a `blur`/`lqip`/`preview` class), or with that picture's own alt text. Another picture with no
 * address of its own is a picture lost, and reported as one.
 */
function isPreviewOf(image: Element, picture: Element): boolean {
  const marks = [...Object.keys(image.properties), String(image.properties.className ?? '')].join(' ');
  if (/lqip|blur|preview|placeholder/i.test(marks)) return true;
  const alt = stringProperty(image, 'alt')?.trim();
  return alt !== undefined && alt !== '' && alt === stringProperty(picture, 'alt')?.trim();
}

/**
 * What a lazy-loading script shows until it swaps in the picture: embedded `data:` images (a 1×1
 * GIF, an empty SVG), `about:blank`, and files named for it (`blank.gif`, `placeholder.png`,
 * `spacer.gif`, `lazy-load.svg`, `1x1.png`).
 */
export function isPlaceholderAddress(address: string): boolean {
  if (/^(?:data:|about:blank)/i.test(address)) return true;
  const name =
    address
      .replace(/[?#].*$/, '')
      .split('/')
      .at(-1) ?? '';
  const stem = /^(.+)\.(?:gif|png|svg|jpe?g|webp)$/i.exec(name)?.[1];
  if (!stem) return false;
  // Every word of the name is the placeholder's own (`blank`, `lazy_placeholder`, `1x1.trans`, `grey-pixel`): `Clip_Grey.jpg` is a picture.
  const words = stem.toLowerCase().split(/[-_.\s]+/);
  return (
    words.some((word) => placeholderWords.has(word)) &&
    words.every((word) => placeholderWords.has(word) || fillerWords.has(word) || /^\d+(?:x\d+)?$/.test(word))
  );
}

const placeholderWords = new Set([
  'blank',
  'placeholder',
  'spacer',
  'pixel',
  'transparent',
  'trans',
  'lazy',
  'lazyload',
  'loading',
  'loader',
  'empty',
  'clear',
  'lqip',
]);
const fillerWords = new Set(['img', 'image', 'grey', 'gray', 'white', 'dot', 'px', 'load', 'default', 'gif', 'png', 'small']);

/**
 * The largest picture a `srcset` offers (`a.jpg 300w, b.jpg 1000w` → `b.jpg`; `2x` beats `1x`): the
 * book prints larger than a screen shows. Addresses may hold commas (`c_scale,w_800`): a candidate
 * ends at a comma after its descriptor, or at a comma ending its address.
 */
export function largestCandidate(srcset: string): string | undefined {
  let best: { url: string; size: number } | undefined;
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const url = /^\S+/.exec(rest)?.[0];
    if (url === undefined) return best?.url;
    rest = rest.slice(url.length);
    let descriptor = '';
    if (!url.endsWith(',')) {
      descriptor = /^[^,]*/.exec(rest)?.[0] ?? '';
      rest = rest.slice(descriptor.length);
    }
    const size = candidateSize(descriptor);
    const address = url.replace(/,+$/, '');
    if (address !== '' && (!best || size > best.size)) best = { url: address, size };
  }
}

/** `1000w` → 1000, `2x` → 2 (a set mixes only one kind), none → 1. */
function candidateSize(descriptor: string): number {
  const match = /(\d+(?:\.\d+)?)\s*[wx]/i.exec(descriptor);
  return match?.[1] ? Number(match[1]) : 1;
}
