import type { Image, Link, Parent, PhrasingContent, Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { chapterFrontMatterSchema } from '../config/schema.ts';
import { parseYamlWithSchema } from '../config/validate-yaml.ts';
import { remarkAutolinkQuotes } from '../core/autolink-quotes.ts';
import type { ChapterFrontMatter } from '../core/config.ts';
import { placeLocator } from '../core/place.ts';
import { type Place, report } from '../core/rules.ts';
import { parseCitations } from './citation-syntax.ts';
import { mayHoldEmail, remarkWithoutEmailAutolinks } from './email-autolinks.ts';
import { resolveLinks } from './links.ts';
import { displayMathParagraphs, isDoubleDollar, parseWithPandocMath, remarkPandocMath } from './math-syntax.ts';
import { remarkPandocScripts } from './script-syntax.ts';
import { typesetMath } from './typeset-math.ts';

function chapterParser(emails: boolean) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      // A single `~` is Pandoc's subscript, not GFM's strikethrough (`~~strike~~` stays one).
      .use(remarkGfm, { singleTilde: false })
      .use(emails ? [] : [remarkWithoutEmailAutolinks])
      .use(remarkPandocScripts)
      .use(remarkPandocMath)
      .use(remarkAutolinkQuotes)
      .use(remarkDirective)
  );
}

/** The same reading; the second is faster and only for texts where no email can be (`mayHoldEmail`). */
const markdownParsers = { withEmails: chapterParser(true), withoutEmails: chapterParser(false) };

export interface ParsedChapter {
  meta: ChapterFrontMatter;
  tree: Root;
}

/**
 * Parses a chapter file (YAML front matter + Markdown). Problems become messages on `file`;
 * returns undefined when the chapter cannot be used.
 */
export function parseChapter(file: VFile): ParsedChapter | undefined {
  const text = String(file.value);
  const frontMatter = splitFrontMatter(text);
  if (frontMatter.kind === 'missing') {
    report(file, 'front-matter-missing', 'a chapter must start with YAML front matter between --- lines (title, authors…)', { line: 1, column: 1 });
    return undefined;
  }
  if (frontMatter.kind === 'unterminated') {
    report(file, 'front-matter-unterminated', 'front matter opened with --- on line 1 is never closed with ---', { line: 1, column: 1 });
    return undefined;
  }
  const meta = parseYamlWithSchema({ text: frontMatter.yaml, firstLine: 2 }, chapterFrontMatterSchema, file, 'front-matter-invalid');
  const markdownParser = mayHoldEmail(text) ? markdownParsers.withEmails : markdownParsers.withoutEmails;
  const tree = markdownParser.runSync(
    parseWithPandocMath((masked) => markdownParser.parse(masked), text),
    file,
  ) as Root;
  tree.children = tree.children.filter((node) => node.type !== 'yaml');
  displayMathParagraphs(tree, (node) => isDoubleDollar(node, text));
  typesetMath(tree, file, text);
  restoreStrayDirectives(tree, text);
  picturesAsFigures(tree, file);
  // One line index of the file for every place reported in it.
  const placeAt = placeLocator(text);
  parseCitations(tree, text, placeAt);
  checkFigures(tree, file);
  checkRawHtml(tree, file);
  checkHeadingLevels(tree, file);
  resolveLinks(tree, file);
  checkNotes(tree, file, text, placeAt);
  return meta ? { meta, tree } : undefined;
}

/** A chapter file's YAML front matter and the body after it (line ends as `\n`, no byte-order mark). */
type FrontMatterSplit = { kind: 'ok'; yaml: string; body: string } | { kind: 'missing'; body: string } | { kind: 'unterminated' };

export function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return { kind: 'missing', body: lines.join('\n') };
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end < 0) return { kind: 'unterminated' };
  return { kind: 'ok', yaml: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n') };
}

/**
 * Only the `::figure` leaf directive is ours. A `:word` inside prose (`ratio:high`, a citation key
 * `[@Knuth:1984]`) would parse as a text directive and vanish, so text and container directives go
 * back to their source text, joined to the text around them (a citation is found within one text node).
 */
function restoreStrayDirectives(tree: Root, source: string): void {
  const restored = new Set<Parent>();
  visit(tree, (node, index, parent) => {
    if ((node.type === 'textDirective' || node.type === 'containerDirective') && parent && index !== undefined) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const value = source.slice(start, end);
      const text = { type: 'text' as const, value, position: node.position };
      parent.children.splice(index, 1, node.type === 'textDirective' ? text : { type: 'paragraph', children: [text], position: node.position });
      restored.add(node.type === 'textDirective' ? parent : (parent.children[index] as Parent));
    }
  });
  for (const parent of restored) joinAdjacentText(parent);
}

function joinAdjacentText(parent: Parent): void {
  const children: typeof parent.children = [];
  for (const child of parent.children) {
    const previous = children.at(-1);
    if (previous?.type === 'text' && child.type === 'text') {
      const position = previous.position && child.position ? { start: previous.position.start, end: child.position.end } : undefined;
      children[children.length - 1] = { type: 'text', value: previous.value + child.value, ...(position ? { position } : {}) };
    } else children.push(child);
  }
  parent.children = children;
}

/**
 * A Markdown picture on a line of its own (`![A lighthouse](images/light.jpg "The lamp room")`) is
 * a figure, as Pandoc makes it: its picture copied into every format like any `::figure`, the alt
 * text kept, the title as caption. A picture that is a link (`[![Diagram](d.png)](https://…)`) is
 * one too, the link kept in its caption (`linkedPictureCaption`). One among words cannot be a
 * figure: its alt text stands in for it, reported, rather than a picture no format carries.
 */
function picturesAsFigures(tree: Root, file: VFile): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    // Pictures on lines of their own, one after another, are one paragraph to Markdown: a figure each.
    const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === '') && child.type !== 'break');
    const pictures = content.map(linkedPicture);
    if (content.length === 0 || pictures.some((picture) => !picture) || !parent || index === undefined) return undefined;
    const figures = (pictures as LinkedPicture[]).map(({ image, link }): LeafDirective => {
      // A picture alone is its paragraph, which it stands for; one of several is its own place.
      const position = content.length === 1 ? node.position : (link ?? image).position;
      const title: PhrasingContent[] = image.title?.trim() ? [{ type: 'text', value: image.title.trim() }] : [];
      const caption = link ? linkedPictureCaption(image, link, title) : { children: title };
      if (caption.dropped) report(file, 'figure-link-dropped', caption.dropped, placeOf(link ?? image));
      return {
        type: 'leafDirective',
        name: 'figure',
        attributes: { src: image.url, ...(image.alt?.trim() ? { alt: image.alt.trim() } : {}) },
        children: caption.children,
        ...(position ? { position } : {}),
      };
    });
    parent.children.splice(index, 1, ...(figures as (typeof parent.children)[number][]));
    return [SKIP, index + figures.length];
  });
  visit(tree, 'image', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    report(
      file,
      'image-inline',
      `a picture among words (${node.url}) is not shown: put it on a line of its own to make it a figure; its alt text${node.alt ? ` “${node.alt}”` : ' (none)'} stands in for it`,
      placeOf(node),
    );
    parent.children.splice(index, 1, { type: 'text', value: node.alt ?? '', ...(node.position ? { position: node.position } : {}) });
    return index + 1;
  });
}

function placeOf(node: { position?: { start: { line: number; column: number } } | undefined }): Place {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

interface LinkedPicture {
  image: Image;
  link?: Link;
}

/** A picture, or a link that holds a picture and nothing else (`[![Diagram](d.png)](https://…)`). */
function linkedPicture(node: PhrasingContent): LinkedPicture | undefined {
  if (node.type === 'image') return { image: node };
  if (node.type !== 'link') return undefined;
  const held = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return held.length === 1 && held[0]?.type === 'image' ? { image: held[0], link: node } : undefined;
}

const webAddress = /^(?:https?:|mailto:)/i;

/** An address that names a picture file (`photo.jpg`, `…/full.png?w=1456`). */
export const isPictureAddress = (url: string) => /\.(?:avif|gif|jpe?g|png|svg|webp|tiff?)(?:[?#].*)?$/i.test(url);

/**
 * The caption of a picture that is a link, so the link is not lost: to a web page, the caption (its
 * title, else the address) links there; to the picture itself, the link adds nothing. To anything
 * else (a larger copy of the picture, on the web or on its site, as WordPress links every picture
 * to its file; a page of the site), the link is no caption: it is left out, and `dropped` says why.
 */
export function linkedPictureCaption(image: Image, link: Link, title: PhrasingContent[]): { children: PhrasingContent[]; dropped?: string } {
  const url = link.url.trim();
  if (url === '' || url === image.url) return { children: title };
  const picture = isPictureAddress(url);
  if (webAddress.test(url) && !picture) {
    const words: PhrasingContent[] = title.length > 0 ? title : [{ type: 'text', value: url.replace(/^mailto:/i, '') }];
    return { children: [{ type: 'link', url, ...(link.title ? { title: link.title } : {}), children: words }] };
  }
  return {
    children: title,
    dropped: picture
      ? `the picture ${image.url} links to ${url} (a larger copy, as sites do): the figure shows ${image.url}; if the book has the larger file, make it the figure's src`
      : `the picture ${image.url} links to ${url}, a page of its site that the book does not have: the link is left out (write the address in the caption if it matters)`,
  };
}

function checkFigures(tree: Root, file: VFile): void {
  visit(tree, 'leafDirective', (node) => {
    if (node.name !== 'figure') {
      const place = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      report(file, 'directive-unknown', `unknown directive ::${node.name} (only ::figure[caption]{src=… credit=…} is known)`, place);
    }
  });
}

/**
 * Raw HTML in a chapter is never rendered (the outputs are made from Markdown alone, so nothing a
 * chapter says can run script or pull in a remote file): each tag is named where it is, so the
 * words or picture it carried are not lost without a word. HTML comments are the author's notes
 * to themselves, left out as meant.
 */
function checkRawHtml(tree: Root, file: VFile): void {
  visit(tree, 'html', (node) => {
    const value = node.value.trim();
    if (/^<!--[\s\S]*-->$/.test(value)) return;
    const shown = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    const place = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    report(file, 'html-dropped', `raw HTML is not rendered: ${shown.replace(/\s+/g, ' ')} (write it as Markdown; a picture as ::figure)`, place);
  });
}

/**
 * Headings go down one level at a time (the chapter's title is the first level): `## A` then
 * `#### B` leaves a gap in the outline a screen reader walks and in the EPUB's, which the HTML
 * validator and Ace report. Each skip is named, and the heading is rendered one level below the
 * heading it comes under (`####` after `##` as a third-level heading), so every output has a whole
 * outline, and the headings after it keep their places in it (a `####` after `#####` is the first
 * one's sibling again).
 */
function checkHeadingLevels(tree: Root, file: VFile): void {
  let written = 1;
  // The headings a later one may come under, as written and as rendered (the title first).
  const open: { written: number; rendered: number }[] = [{ written: 1, rendered: 1 }];
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') return SKIP;
    if (node.type !== 'heading') return undefined;
    while (open.length > 0 && (open.at(-1)?.written ?? 0) >= node.depth) open.pop();
    const depth = Math.min(node.depth, (open.at(-1)?.rendered ?? 0) + 1) as typeof node.depth;
    if (node.depth > written + 1) {
      const place = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      const marks = (level: number) => '#'.repeat(level);
      report(
        file,
        'heading-skip',
        `a level-${node.depth} heading (${marks(node.depth)}) after a level-${written} one, rendered as level ${depth}: use ${marks(written + 1)}, or add the heading between`,
        place,
      );
    }
    open.push({ written: node.depth, rendered: depth });
    written = node.depth;
    node.depth = depth;
    return undefined;
  });
}

/**
 * Markers left as text: remark-gfm makes `[^7]` a footnote reference only when a `[^7]:` note
 * exists, so a marker whose note is missing is a plain text node, and would print as `[^7]`.
 * A backslash-escaped `\[^7]` is meant literally and is left alone.
 */
function literalMarkers(tree: Root, source: string, placeAt: (offset: number) => Place): { label: string; place: Place }[] {
  const found: { label: string; place: Place }[] = [];
  visit(tree, 'text', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const raw = source.slice(start, end);
    for (const match of raw.matchAll(/(\\)?\[\^([^\]\s]+)\]/g)) {
      if (match[1] || match[2] === undefined) continue;
      found.push({ label: match[2], place: placeAt(start + (match.index ?? 0)) });
    }
  });
  return found;
}

/** Every marker needs a note; every note should have a marker; numbers are unique (also what a Markdown post's import checks). */
export function checkNotes(tree: Root, file: VFile, source: string, placeAt: (offset: number) => Place): void {
  const definitions = new Map<string, { line: number; column: number }>();
  const referenced = new Set<string>();
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') {
      const place = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      if (definitions.has(node.identifier)) {
        report(file, 'note-duplicate', `note [^${node.label ?? node.identifier}] is defined twice`, place);
      }
      definitions.set(node.identifier, place);
    }
  });
  visit(tree, 'footnoteReference', (node) => {
    referenced.add(node.identifier);
    if (!definitions.has(node.identifier)) {
      const place = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      report(file, 'note-undefined', `marker [^${node.label ?? node.identifier}] has no note text`, place);
    }
  });
  for (const { label, place } of literalMarkers(tree, source, placeAt)) {
    report(file, 'note-undefined', `marker [^${label}] has no note text (add a line [^${label}]: …), so it would print as typed`, place);
  }
  for (const [identifier, place] of definitions) {
    if (!referenced.has(identifier)) report(file, 'note-unreferenced', `note [^${identifier}] is never referenced in the text`, place);
  }
}
