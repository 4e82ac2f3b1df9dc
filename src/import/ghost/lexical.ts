import type { ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { markdownToHtml } from '../content.ts';

/**
 * Ghost 5 keeps a post as Lexical JSON (its Koenig editor's document) and may export it with no
 * `html` beside it. This reads it as the HTML Ghost would publish, for the importer's one HTML path:
 * paragraphs, headings, quotes, lists, links and text formats, and the cards a book can carry
 * (image, gallery, code, Markdown, HTML, callout, toggle, bookmark, button, file, header, call to action).
 * A card it cannot
 * carry (a player, an embed) is kept as a link to what it showed; one it does not know is listed in
 * `unread`, with the text it held, so that nothing is left out without a word.
 */

interface LexicalNode {
  type?: string;
  children?: LexicalNode[];
  [key: string]: unknown;
}

export interface UnreadCard {
  /** The node's `type`. */
  type: string;
  /** What was done with it. */
  fate: string;
}

export interface LexicalHtml {
  html: string;
  unread: UnreadCard[];
}

/** The document as HTML; undefined when `json` is not a Lexical document (`{"root": {…}}`). */
export function lexicalToHtml(json: string): LexicalHtml | undefined {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return undefined;
  }
  const root = typeof document === 'object' && document !== null ? (document as { root?: LexicalNode }).root : undefined;
  if (!root || !Array.isArray(root.children)) return undefined;
  const unread: UnreadCard[] = [];
  const tree: HastRoot = { type: 'root', children: root.children.flatMap((node) => block(node, unread)) };
  return { html: toHtml(tree, { allowDangerousHtml: true }), unread };
}

const string = (value: unknown): string => (typeof value === 'string' ? value : '');

/** HTML a card stores (a caption, an HTML card), passed on as written: the sanitiser reads it after. */
function raw(html: string): ElementContent {
  return { type: 'raw', value: html } as unknown as ElementContent;
}

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function block(node: LexicalNode, unread: UnreadCard[]): ElementContent[] {
  const children = node.children ?? [];
  switch (node.type) {
    case 'paragraph':
      return children.length === 0 ? [] : [h('p', inline(children))];
    case 'heading':
    case 'extended-heading': {
      const tag = string(node.tag);
      return [h(headingTags.has(tag) ? tag : 'h2', inline(children))];
    }
    case 'quote':
    case 'extended-quote':
    case 'aside':
      return [h('blockquote', [h('p', inline(children))])];
    case 'list':
      return [list(node, unread)];
    case 'horizontalrule':
      return [h('hr')];
    default:
      return card(node, unread);
  }
}

function list(node: LexicalNode, unread: UnreadCard[]): ElementContent {
  const numbered = node.listType === 'number';
  const start = typeof node.start === 'number' && node.start !== 1 ? { start: node.start } : {};
  const items = (node.children ?? []).map((item) => {
    const parts = item.children ?? [];
    // A nested list is the only child of an item of its own; an item's words are its inline nodes.
    const nested = parts.filter((part) => part.type === 'list').map((part) => list(part, unread));
    const words = parts.filter((part) => part.type !== 'list');
    const checked = node.listType === 'check' ? [text(`${item.checked === true ? '☑' : '☐'} `)] : [];
    return h('li', [...checked, ...inline(words), ...nested]);
  });
  return h(numbered ? 'ol' : 'ul', start, items);
}

/** Lexical's text formats, a bit each, as the elements Ghost renders them with (innermost first). */
const formats: [number, string][] = [
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
  [128, 'mark'],
  [8, 'u'],
  [4, 's'],
  [2, 'em'],
  [1, 'strong'],
];

function inline(nodes: readonly LexicalNode[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type === 'linebreak') return [h('br')];
    if (node.type === 'tab') return [{ type: 'text', value: '\t' }];
    if (node.type === 'link' || node.type === 'autolink') return [h('a', { href: string(node.url) }, inline(node.children ?? []))];
    if (typeof node.text === 'string') {
      const format = typeof node.format === 'number' ? node.format : 0;
      return [formats.reduce<ElementContent>((inner, [bit, tag]) => (format & bit ? h(tag, [inner]) : inner), { type: 'text', value: node.text })];
    }
    return inline(node.children ?? []);
  });
}

/** A caption (HTML) as a paragraph after what it captions, when there is one. */
function captionParagraph(caption: unknown): ElementContent[] {
  const html = string(caption).trim();
  if (!html) return [];
  // Koenig writes some captions as paragraphs already (`<p><span>Code caption</span></p>`).
  return /^<p[\s>]/i.test(html) ? [raw(html)] : [h('p', [raw(html)])];
}

const text = (value: string): ElementContent => ({ type: 'text', value });

/** A link to what a card showed, its words the card's title, and its caption. */
function linkParagraph(url: string, words: string, caption: unknown, description = ''): ElementContent[] {
  const lines: ElementContent[] = [h('a', { href: url }, words || url), ...(description ? [h('br'), text(description)] : [])];
  return [h('p', lines), ...captionParagraph(caption)];
}

function card(node: LexicalNode, unread: UnreadCard[]): ElementContent[] {
  switch (node.type) {
    case 'image':
      return [figure(node)];
    case 'gallery': {
      const images = Array.isArray(node.images) ? (node.images as LexicalNode[]) : [];
      return [...images.map(figure), ...captionParagraph(node.caption)];
    }
    case 'codeblock': {
      const language = string(node.language).toLowerCase();
      return [h('pre', [h('code', language ? { className: [`language-${language}`] } : {}, string(node.code))]), ...captionParagraph(node.caption)];
    }
    case 'markdown':
      return [raw(markdownToHtml(string(node.markdown)))];
    case 'html':
      return [raw(string(node.html))];
    case 'callout': {
      const emoji = string(node.calloutEmoji);
      const text = string(node.calloutText);
      // The emoji opens the callout's first paragraph, as the blog showed it beside the text.
      const withEmoji = emoji && /^\s*<p[^>]*>/.test(text) ? text.replace(/^(\s*<p[^>]*>)/, `$1${emoji} `) : `${emoji ? `${emoji} ` : ''}${text}`;
      return [h('blockquote', [raw(withEmoji)])];
    }
    case 'toggle':
      return [h('p', [h('strong', [raw(string(node.heading))])]), raw(string(node.content))];
    case 'bookmark': {
      const metadata = (typeof node.metadata === 'object' && node.metadata !== null ? node.metadata : {}) as Record<string, unknown>;
      return linkParagraph(string(node.url), string(metadata.title), node.caption, string(metadata.description));
    }
    case 'button':
      return linkParagraph(string(node.buttonUrl), string(node.buttonText), '');
    case 'file':
      return linkParagraph(string(node.src), string(node.fileTitle) || string(node.fileName), node.fileCaption);
    case 'header':
      return [
        ...(string(node.header).trim() ? [h('h2', [raw(string(node.header))])] : []),
        ...captionParagraph(node.subheader),
        ...(node.buttonEnabled === true && string(node.buttonUrl) ? linkParagraph(string(node.buttonUrl), string(node.buttonText), '') : []),
      ];
    case 'call-to-action':
      return [
        ...captionParagraph(node.textValue),
        ...(node.showButton !== false && string(node.buttonUrl) ? linkParagraph(string(node.buttonUrl), string(node.buttonText), '') : []),
      ];
    // Where the members-only part of a post begins: nothing to read.
    case 'paywall':
      return [];
    default:
      return unreadCard(node, unread);
  }
}

/** A picture card as the figure Ghost renders (the link it may carry goes in the caption). */
function figure(node: LexicalNode): ElementContent {
  const image = h('img', { src: string(node.src), alt: string(node.alt), ...(string(node.title) ? { title: string(node.title) } : {}) });
  const href = string(node.href).trim();
  const caption: ElementContent[] = [...(string(node.caption).trim() ? [raw(string(node.caption))] : []), ...(href ? [text(' '), h('a', { href }, href)] : [])];
  return h('figure', [image, ...(caption.length > 0 ? [h('figcaption', caption)] : [])]);
}

/**
 * A player or an embed a book cannot carry becomes a link to what it played or showed; a card this
 * reader does not know keeps the text it holds (its children), and each is listed in `unread`.
 */
function unreadCard(node: LexicalNode, unread: UnreadCard[]): ElementContent[] {
  const type = node.type ?? 'unknown';
  const address = string(node.src) || string(node.url);
  if (address && ['video', 'audio', 'embed'].includes(type)) {
    const metadata = (typeof node.metadata === 'object' && node.metadata !== null ? node.metadata : {}) as Record<string, unknown>;
    const words = string(node.title) || string(metadata.title) || string(node.fileName);
    unread.push({ type, fate: `cannot be played or shown in a book: kept as a link to ${address}` });
    return linkParagraph(address, words, node.caption);
  }
  const children = node.children ?? [];
  unread.push({ type, fate: `is not one this importer reads: ${children.length > 0 ? 'its text is kept' : 'left out'}` });
  return children.length > 0 ? [h('p', inline(children))] : [];
}
