import type { PhrasingContent, Root, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { Position } from 'unist';
import { placeAfter } from '../core/place.ts';

/** A block of a piece's body as an importer found it, before it becomes mdast. */
export type BodyBlock =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'heading'; text: string; line: number }
  | { kind: 'code'; text: string; line: number }
  | { kind: 'figure'; caption: string | undefined; credit: string | undefined; line: number };

/**
 * Builds a chapter body from plain-text blocks, one source line each: paragraphs, headings, code and
 * figures (caption and credit; the image itself is supplied by the editor). Every node keeps its
 * line, so that the notes recogniser that runs next (`recognisePlainNotes`) can say where the
 * notes and their markers were.
 */
export function buildBody(blocks: readonly BodyBlock[]): Root {
  const children: RootContent[] = blocks.map((block): RootContent => {
    if (block.kind === 'figure') return { ...figureDirective(block.caption, block.credit), position: textPosition(block.line, '') };
    const position = textPosition(block.line, block.text);
    if (block.kind === 'code') return { type: 'code', lang: null, meta: null, value: block.text, position };
    const text = inlineText(block.text, position);
    return block.kind === 'heading' ? { type: 'heading', depth: 2, children: text, position } : { type: 'paragraph', children: text, position };
  });
  return { type: 'root', children };
}

/** Where a block's text is, from its first line: its lines (wrapped by hand) are the lines of the source. */
function textPosition(line: number, text: string): Position {
  return { start: { line, column: 1 }, end: placeAfter({ line, column: 1 }, text) };
}

export function figureDirective(caption: string | undefined, credit: string | undefined, src?: string): LeafDirective {
  return {
    type: 'leafDirective',
    name: 'figure',
    attributes: { ...(src ? { src } : {}), ...(credit ? { credit } : {}) },
    children: caption ? inlineText(caption) : [],
  };
}

// A backtick is never part of a URL (RFC 3986): in ``https://`` it closes a literal.
const urlPattern = /<*(https?:\/\/[^\s<>`]+[^\s<>.,;:)'’”`]|www\.[^\s<>`]+[^\s<>.,;:)'’”`])>*/g;

/**
 * `_text_` after a space or opening punctuation (guillemets either way round, as Dutch and German
 * set them) and before anything but a letter or digit, on one paragraph's lines: not
 * `nested_scopes`, not `__future__` (an identifier), not reST's `[#note]_`, not across a blank
 * line. As e-texts have it: `»_Kasihan!_"`, `_pajong_[33]` (a note marker), one letter too (`_u_`).
 */
const underscored = /(^|[\s([{"'“‘„‚«»‹›—–/-])_([^\s_](?:(?:[^_\n]|\n(?!\s*\n)){0,300}?[^\s_])?)_(?=$|[^\p{L}\p{N}_])/gu;

/**
 * Plain text with its URLs (`<https://…>`, `<<http…>`, bare `http://…` or `www.…`) as links and
 * its `_italics_` as emphasis. Given
 * the position of a one-line text, each node gets its own.
 */
export function inlineText(text: string, position?: Position): PhrasingContent[] {
  const children: PhrasingContent[] = [];
  const at = (from: number, to: number) => {
    if (!position) return {};
    const start = placeAfter(position.start, text.slice(0, from));
    return { position: { start, end: placeAfter(start, text.slice(from, to)) } };
  };
  const plain = (from: number, to: number) => {
    // `_Laborare est orare_`: plain text's italics, as e-texts and mail write them.
    let cursor = from;
    for (const match of text.slice(from, to).matchAll(underscored)) {
      const start = from + match.index + (match[1] as string).length;
      const end = start + (match[2] as string).length + 2;
      if (start > cursor) children.push({ type: 'text', value: text.slice(cursor, start), ...at(cursor, start) });
      children.push({ type: 'emphasis', children: [{ type: 'text', value: match[2] as string, ...at(start + 1, end - 1) }], ...at(start, end) });
      cursor = end;
    }
    if (to > cursor) children.push({ type: 'text', value: text.slice(cursor, to), ...at(cursor, to) });
  };
  let offset = 0;
  for (const match of text.matchAll(urlPattern)) {
    const url = match[1] as string;
    if (match.index > offset) plain(offset, match.index);
    const href = url.startsWith('www.') ? `http://${url}` : url;
    const end = match.index + match[0].length;
    children.push({ type: 'link', url: href, children: [{ type: 'text', value: url }], ...at(match.index, end) });
    offset = end;
  }
  if (offset < text.length) plain(offset, text.length);
  return children;
}
