import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { recogniseFootnotes } from './html/footnotes.ts';
import { htmlToMdast } from './html/html-to-mdast.ts';
import { sanitiseHast } from './html/sanitise.ts';

export interface ContentBody {
  body: Root;
  images: { src: string; remote: boolean; caption?: string; alt?: string }[];
}

/** A post's HTML (from an export, not a whole page) → sanitised chapter body with real footnotes. */
export function htmlContentToBody(html: string, file: VFile, baseUrl: string | undefined): ContentBody {
  const tree = fromHtml(html, { fragment: true }) as HastRoot;
  sanitiseHast(tree, file);
  recogniseFootnotes(tree, file);
  return htmlToMdast(tree, file, baseUrl === undefined ? {} : { baseUrl });
}

const blockTag = /^<(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|section|aside|dl|address|!--)/i;

/**
 * WordPress stores classic-editor posts without <p>: blank lines separate paragraphs and single
 * newlines are line breaks (what its `wpautop` does on display).
 */
export function autoParagraphs(html: string): string {
  if (/<p[\s>]/i.test(html) || /<!-- wp:/.test(html)) return html;
  return html
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (blockTag.test(block) ? block : `<p>${block.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
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
    return '';
  });
  return { html: cleaned, removed };
}
