import type { ElementContent } from 'hast';
import type { Paragraph, PhrasingContent, Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { Extension } from 'micromark-util-types';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';
import { lowered, raised } from '../core/script-digits.ts';
import { byText } from '../core/text-memo.ts';
import { remarkPandocScripts, scriptsToHast } from '../load/script-syntax.ts';

/**
 * A title as its front matter or anthology.yaml writes it is a line of Markdown: `Why *Moby-Dick*
 * matters`, `` The `grep` years ``, `Tom \& Jerry`. Read as inline Markdown only: no block a
 * line could start (`1984. A novel` is no list, `# 1` no heading), no raw HTML (shown as text, as
 * raw HTML in chapters is never rendered), links reduced to their words (a title is itself a link
 * in every contents).
 */
const blockConstructs: Extension = {
  disable: {
    null: ['blockQuote', 'codeFenced', 'codeIndented', 'definition', 'headingAtx', 'htmlFlow', 'htmlText', 'list', 'setextUnderline', 'thematicBreak'],
  },
};

function remarkInlineOnly(this: Processor) {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), blockConstructs];
}

let parser: Processor<Root> | undefined;

/**
 * Letters, digits, spaces and punctuation that no inline construct starts with or holds (no `*`,
 * `_`, `` ` ``, `[`, `<`, `&`, `\\`, `^`, `~`, `@`, line break): on one line, without a web
 * address that GFM would link (`www.`, `://`), such a title is its own text.
 */
const plainTitlePattern = /^[\p{L}\p{M}\p{N} ,.;:?!'’‘“”"()\-–—/%+]+$/u;
const linkedLiteral = /www\.|:\/\//i;

/**
 * The title's inline content, links and pictures given as their words. Most titles are plain
 * text, which is read without the parser (as it would read it, positions and all): parsing the
 * default book's ~15 titles afresh in every build cost ~25–40 ms of CPU, its first use of this parser.
 */
export function titlePhrasing(title: string): PhrasingContent[] {
  const trimmed = title.trim();
  if (!plainTitlePattern.test(trimmed) || linkedLiteral.test(trimmed)) return parsedTitlePhrasing(trimmed);
  const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: trimmed.length + 1, offset: trimmed.length } };
  return [{ type: 'text', value: trimmed, position }];
}

/** `titlePhrasing` by the Markdown parser, whatever the title (exported for the test that both agree). */
export function parsedTitlePhrasing(trimmed: string): PhrasingContent[] {
  parser ??= unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkPandocScripts).use(remarkInlineOnly) as unknown as Processor<Root>;
  const tree = parser.parse(trimmed);
  const children = tree.children.flatMap((block) => (block.type === 'paragraph' ? [block] : []));
  // A line break inside a title (YAML's folded lines) is a space.
  const phrasing = children.flatMap((paragraph, index) => [...(index > 0 ? [{ type: 'text', value: ' ' } as const] : []), ...paragraph.children]);
  return phrasing.flatMap(unlinked);
}

function unlinked(node: PhrasingContent): PhrasingContent[] {
  if (node.type === 'link' || node.type === 'linkReference') return node.children.flatMap(unlinked);
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ? [{ type: 'text', value: node.alt }] : [];
  if (node.type === 'break') return [{ type: 'text', value: ' ' }];
  if ('children' in node) return [{ ...node, children: node.children.flatMap(unlinked) } as PhrasingContent];
  return [node];
}

// Each title is parsed once per build (the site, the EPUB and the PDF ask for it many times), but a
// long-running `anthology preview` sees every title ever typed: past this many, start again.
export const titleCacheLimit = 4000;

const hastOf = byText((title: string): ElementContent[] => {
  const element = toHast({ type: 'paragraph', children: titlePhrasing(title) } satisfies Paragraph, { handlers: scriptsToHast });
  return element.type === 'element' ? element.children : [];
}, titleCacheLimit);

const textOf = byText((title: string): string => plainText(titlePhrasing(title)).replace(/\s*\n\s*/g, ' '), titleCacheLimit);

/** How many titles the caches hold (for the test that they stay bounded). */
export function titleCacheSizes(): { hast: number; text: number } {
  return { hast: hastOf.size, text: textOf.size };
}

/** The title as inline hast, for headings, contents and links: `Why <em>Moby-Dick</em> matters`. */
export function titleHast(title: string): ElementContent[] {
  // A copy each time: the renderers change trees in place (ids, classes).
  return structuredClone(hastOf(title));
}

/**
 * The title as plain text, where markup cannot go (an HTML `<title>`, metadata, JSON-LD, the
 * EPUB's package and NCX, PDF bookmarks, running heads): `Why Moby-Dick matters`.
 */
export function titleText(title: string): string {
  return textOf(title);
}

/**
 * Inline content as Pandoc's plain writer gives it: the text, a superscript or subscript in
 * Unicode's raised or lowered characters when it has them all (`mc²`, `H₂O`), else `^(st)`, `_(5ya)`.
 * Titles where markup cannot go, and a figure's caption as its alt text.
 */
export function plainText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'superscript' || node.type === 'subscript') return plainScript(plainText(node.children), node.type);
      if ('children' in node) return plainText(node.children as PhrasingContent[]);
      if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
      return 'value' in node ? node.value : '';
    })
    .join('');
}

const scriptable = /^[0-9+\-−=() ]+$/;

function plainScript(text: string, type: 'superscript' | 'subscript'): string {
  if (!scriptable.test(text)) return `${type === 'superscript' ? '^' : '_'}(${text})`;
  const parentheses = type === 'superscript' ? ['⁽', '⁾'] : ['₍', '₎'];
  const shifted = type === 'superscript' ? raised(text) : lowered(text);
  return shifted.replaceAll('(', parentheses[0] as string).replaceAll(')', parentheses[1] as string);
}
