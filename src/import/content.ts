import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'mdast';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { recogniseFootnotes } from './html/footnotes.ts';
import { collapsedText } from './html/hast-tree.ts';
import { htmlToMdast } from './html/html-to-mdast.ts';
import { sanitiseHast } from './html/sanitise.ts';
import type { LineFate } from './types.ts';

export interface ContentBody {
  body: Root;
  images: { src: string; remote: boolean; caption?: string; alt?: string }[];
}

/** Where a place in a post's HTML is in the export file that holds it. */
export type PlaceInSource = (point: { line: number; column: number }) => { line: number; column: number };

/**
 * A post's HTML (from an export, not a whole page) → sanitised chapter body with real footnotes.
 * `placeInSource` maps positions in `html` to the export file, so messages point into the file.
 */
export function htmlContentToBody(html: string, file: VFile, baseUrl: string | undefined, placeInSource?: PlaceInSource): ContentBody {
  const tree = fromHtml(html, { fragment: true }) as HastRoot;
  if (placeInSource) moveToSource(tree, placeInSource);
  sanitiseHast(tree, file);
  recogniseFootnotes(tree, file);
  // Notes typed by hand are found by `htmlToMdast`; their lines stay `kept` in the export's account,
  // as the post's other lines are.
  return htmlToMdast(tree, file, baseUrl === undefined ? {} : { baseUrl });
}

function moveToSource(tree: HastRoot, placeInSource: PlaceInSource): void {
  const moved = (point: Point): Point => placeInSource({ line: point.line, column: point.column });
  visit(tree, (node) => {
    if (node.position) node.position = { start: moved(node.position.start), end: moved(node.position.end) };
  });
}

/** The lines of a text; a final newline ends the last line rather than starting another. */
export function sourceLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  return text.endsWith('\n') ? lines.slice(0, -1) : lines;
}

/** The text of a bit of HTML (a title, an excerpt, a caption): tags gone, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return collapsedText(fromHtml(html, { fragment: true }));
}

/** Every line of a source that could not be read: dropped, for `reason`, unless blank. */
export function unreadLines(lines: readonly string[], reason: string): LineFate[] {
  return lines.map((value, index) =>
    value.trim() === '' ? { line: index + 1, fate: 'blank' } : { line: index + 1, fate: 'dropped', piece: undefined, reason },
  );
}

const blockTag = /^<(?:(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|section|aside|dl|address)(?=[\s/>])|!--)/i;

/**
 * WordPress stores classic-editor posts without <p>: blank lines separate paragraphs and single
 * newlines are line breaks (what its `wpautop` does on display). Blocks already marked up (a
 * `<p style=…>` here and there) are left as they are; block-editor posts are never touched.
 */
export function autoParagraphs(html: string): string {
  if (/<!-- wp:/.test(html)) return html;
  // The blank lines stay, so that places in the result are still places in the export.
  return html
    .split(/(\n\s*\n)/)
    .map((part, index) => (index % 2 === 1 || part.trim() === '' ? part : paragraphOf(part)))
    .join('');
}

function paragraphOf(block: string): string {
  const text = block.trim();
  // A function, so that `$&` in the text is not read as a replacement pattern.
  return blockTag.test(text) ? block : block.replace(text, () => `<p>${text.replace(/\n/g, '<br>\n')}</p>`);
}

/** `[caption …]<img …> Caption text[/caption]` → `<figure><img …><figcaption>Caption text</figcaption></figure>`. */
export function expandCaptionShortcodes(html: string): string {
  return html.replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/g, (_, inner: string) => {
    const image = /^\s*((?:<a[^>]*>\s*)?<img[^>]*>(?:\s*<\/a>)?)/i.exec(inner);
    if (!image?.[1]) return inner;
    const caption = inner.slice(image[0].length).trim();
    return `<figure>${image[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  });
}

const knownShortcodes = new Set([
  'gallery',
  'embed',
  'video',
  'audio',
  'playlist',
  'wp_caption',
  'twitter',
  'tweet',
  'youtube',
  'vimeo',
  'soundcloud',
  'contact-form-7',
  'jetpack_subscription_form',
  'googlemaps',
]);

/**
 * Other shortcodes (`[gallery ids="1,2"]`, `[embed]…[/embed]`) have no meaning outside WordPress.
 * Only known names or tags with attributes count, so `[sic]` and `[1]` in prose survive.
 */
export function removeShortcodes(html: string): { html: string; removed: string[] } {
  const removed: string[] = [];
  const cleaned = html.replace(/\[(\w[\w-]*)(\s[^\]]*)?\](?:([\s\S]*?)\[\/\1\])?/g, (match, name: string, attributes: string | undefined) => {
    if (!knownShortcodes.has(name.toLowerCase()) && !attributes?.includes('=')) return match;
    removed.push(name);
    // Its line breaks stay, so that places after it are still places in the export.
    return match.replace(/[^\n]/g, '');
  });
  return { html: cleaned, removed };
}
