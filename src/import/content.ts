import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { remarkAutolinkQuotes } from '../core/autolink-quotes.ts';
import { report } from '../core/rules.ts';
import { reportEmbeddedFrames } from './html/embedded-frames.ts';
import { recogniseFootnotes } from './html/footnotes.ts';
import { collapsedText } from './html/hast-tree.ts';
import { htmlToMdast } from './html/html-to-mdast.ts';
import { nestingFlattenedReason, parseHtml } from './html/parse-html.ts';
import { sanitiseHast } from './html/sanitise.ts';
import type { LineFate } from './types.ts';

export interface ContentBody {
  body: Root;
  images: { src: string; remote: boolean; caption?: string; alt?: string }[];
  /**
   * Lines (of the source, when `placeInSource` is given) whose text the sanitiser took out with the
   * unsafe element holding it (a `<noscript>` left open takes the rest of the post), or that held
   * only a frame or player: they are not kept.
   */
  removedLines: Set<number>;
}

/** Where a place in a post's HTML is in the export file that holds it. */
export type PlaceInSource = (point: { line: number; column: number }) => { line: number; column: number };

/**
 * A post's HTML (from an export, not a whole page) → sanitised chapter body with real footnotes.
 * `placeInSource` maps positions in `html` to the export file, so messages point into the file.
 */
export function htmlContentToBody(html: string, file: VFile, baseUrl: string | undefined, placeInSource?: PlaceInSource): ContentBody {
  // An export's HTML may nest past what the tag count before the import sees (entities in WXR, `\u003c` in JSON).
  const { tree, flattenedAt } = parseHtml(html, { fragment: true });
  if (flattenedAt) report(file, 'import-nesting-flattened', nestingFlattenedReason, placeInSource ? placeInSource(flattenedAt) : flattenedAt);
  if (placeInSource) moveToSource(tree, placeInSource);
  const withText = linesWithText(tree);
  const frameLines = reportEmbeddedFrames(tree, file);
  sanitiseHast(tree, file);
  const remaining = linesWithText(tree);
  recogniseFootnotes(tree, file);
  // Notes typed by hand are found by `htmlToMdast`; their lines stay `kept` in the export's account,
  // as the post's other lines are.
  const converted = htmlToMdast(tree, file, baseUrl === undefined ? {} : { baseUrl });
  return { ...converted, removedLines: new Set([...withText, ...frameLines].filter((line) => !remaining.has(line))) };
}

/** The lines on which a tree has text other than spaces. */
function linesWithText(tree: HastRoot): Set<number> {
  const lines = new Set<number>();
  visit(tree, 'text', (node) => {
    if (!node.position || node.value.trim() === '') return;
    for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line);
  });
  return lines;
}

function moveToSource(tree: HastRoot, placeInSource: PlaceInSource): void {
  const moved = (point: Point): Point => placeInSource({ line: point.line, column: point.column });
  visit(tree, (node) => {
    if (node.position) node.position = { start: moved(node.position.start), end: moved(node.position.end) };
  });
}

const markdownRenderer = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkAutolinkQuotes)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeStringify, { allowDangerousHtml: true });

/** Markdown a platform stored for a post (Ghost 0.x, Markdown cards) as the HTML it published; raw HTML in it passes through to the sanitiser. */
export function markdownToHtml(markdown: string): string {
  return String(markdownRenderer.processSync(markdown));
}

/** The lines of a text; a final newline ends the last line rather than starting another. */
export function sourceLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  return text.endsWith('\n') ? lines.slice(0, -1) : lines;
}

/** The text of a bit of HTML (a title, an excerpt, a caption): tags gone, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return collapsedText(parseHtml(html, { fragment: true }).tree);
}

/** Every line of a source that could not be read: dropped, for `reason`, unless blank. */
export function unreadLines(lines: readonly string[], reason: string): LineFate[] {
  return lines.map((value, index) =>
    value.trim() === '' ? { line: index + 1, fate: 'blank' } : { line: index + 1, fate: 'dropped', piece: undefined, reason },
  );
}

/**
 * `[caption …]<img …> Caption text[/caption]` → `<figure><img …><figcaption>Caption text</figcaption></figure>`.
 * Older posts give the caption as an attribute, `[caption … caption="Caption text"]<img …>[/caption]`,
 * which WordPress prefers to the text after the picture, as here.
 */
export function expandCaptionShortcodes(html: string): string {
  return html.replace(/\[caption((?:\s[^\]]*)?)\]([\s\S]*?)\[\/caption\]/g, (_, attributes: string, inner: string) => {
    const image = /^\s*((?:<a[^>]*>\s*)?<img[^>]*>(?:\s*<\/a>)?)/i.exec(inner);
    if (!image?.[1]) return inner;
    const rest = inner.slice(image[0].length).trim();
    const attribute = shortcodeAttribute(attributes, 'caption')?.trim();
    // With a caption attribute, what follows the picture is shown after it, not as its caption.
    const [caption, after] = attribute ? [attribute, rest] : [rest, ''];
    return `<figure>${image[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>${after}`;
  });
}

/** Shortcodes of code highlighters (SyntaxHighlighter Evolved, Jetpack): `[sourcecode language="python"]…[/sourcecode]`. */
const codeShortcode =
  /\[(sourcecode|source|code|php|python|py|js|javascript|css|html|xml|bash|shell|sql|ruby|java|cpp|csharp|perl|text|plain)((?:\s[^\]]*)?)\]([\s\S]*?)\[\/\1\]/gi;
const quoteShortcode = /\[(quote|blockquote|pullquote)((?:\s[^\]]*)?)\]([\s\S]*?)\[\/\1\]/gi;

/**
 * Shortcodes that hold text keep it: code becomes a `<pre><code>` block (before `autoParagraphs`,
 * which must not break it into paragraphs), a quote a blockquote with its attribution.
 */
export function expandContentShortcodes(html: string): string {
  return html
    .replace(codeShortcode, (_, name: string, attributes: string, code: string) => {
      const language =
        shortcodeAttribute(attributes, 'language') ??
        shortcodeAttribute(attributes, 'lang') ??
        (/^(?:sourcecode|source|code|text|plain)$/i.test(name) ? undefined : name);
      const escaped = code
        .replace(/&(?!(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);)/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
      return `<pre><code${language ? ` class="language-${language.toLowerCase().replace(/[^\w+#-]/g, '')}"` : ''}>${escaped.replace(/^\n/, '')}</code></pre>`;
    })
    .replace(quoteShortcode, (_, _name: string, attributes: string, quoted: string) => {
      const attribution = [shortcodeAttribute(attributes, 'author'), shortcodeAttribute(attributes, 'source') ?? shortcodeAttribute(attributes, 'cite')]
        .filter((part): part is string => part !== undefined && part.trim() !== '')
        .join(', ');
      return `<blockquote>${quoted}${attribution ? `<footer>— ${attribution}</footer>` : ''}</blockquote>`;
    });
}

function shortcodeAttribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s\\]]+))`, 'i')
    .exec(attributes)
    ?.slice(1)
    .find((value) => value !== undefined);
}

/** Shortcodes that stand for something shown on the site (an embed, a gallery, a form): what they show is not in the export. */
const embedShortcodes = new Set([
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
  'contact-form',
  'jetpack_subscription_form',
  'googlemaps',
  'instagram',
  'slideshare',
  'scribd',
  'polldaddy',
]);

/**
 * Other shortcodes (`[gallery ids="1,2"]`, `[embed]…[/embed]`, `[highlight]…[/highlight]`) have no
 * meaning outside WordPress. Embeds go whole and are listed in `removed`; any other shortcode loses
 * its tags and keeps the text it wraps. Only known names or tags with attributes count, so `[sic]`
 * and `[1]` in prose survive.
 */
export function removeShortcodes(html: string): { html: string; removed: string[]; embeds: RemovedEmbed[] } {
  const removed: string[] = [];
  const embeds: RemovedEmbed[] = [];
  const cleaned = html.replace(
    /\[(\w[\w-]*)(\s[^\]]*)?\](?:([\s\S]*?)\[\/\1\])?/g,
    (match, name: string, attributes: string | undefined, inner: string | undefined, offset: number) => {
      const embed = embedShortcodes.has(name.toLowerCase());
      if (!embed && !attributes?.includes('=') && inner === undefined) return match;
      // Line breaks stay, so that places after it are still places in the export.
      const blank = (part: string) => part.replace(/[^\n]/g, '');
      if (embed) {
        removed.push(name);
        embeds.push({ name, offset, length: match.length, address: shortcodeAddress(attributes ?? '', inner ?? '') });
        return blank(match);
      }
      if (inner === undefined) {
        removed.push(name);
        return blank(match);
      }
      const opening = match.slice(0, match.indexOf(']') + 1);
      return `${blank(opening)}${removeShortcodes(inner).html}${blank(`[/${name}]`)}`;
    },
  );
  return { html: cleaned, removed, embeds };
}

/** An embed shortcode taken out: where it was in the HTML given, and what it showed, if it says. */
export interface RemovedEmbed {
  name: string;
  offset: number;
  length: number;
  address: string | undefined;
}

/** `[audio src="…"]`, `[youtube https://…]`, `[gallery ids="1,2"]`: the address or ids a shortcode names. */
function shortcodeAddress(attributes: string, inner: string): string | undefined {
  const named = ['src', 'url', 'mp3', 'mp4', 'ogg', 'ids', 'id'].map((key) => shortcodeAttribute(attributes, key)).find((value) => value?.trim());
  return named ?? /https?:\/\/[^\s"'\]<>]+/.exec(`${attributes} ${inner}`)?.[0];
}
