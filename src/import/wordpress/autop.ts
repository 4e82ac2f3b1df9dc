/**
 * WordPress stores classic-editor posts without <p>: on display its `wpautop` makes paragraphs of
 * text set apart by blank lines or block elements, and turns the other newlines of paragraph text
 * into <br>. Newlines between block elements (`<ul>\n\t<li>…</li>\n</ul>`), just inside them or
 * next to them are layout, never line breaks. This is that reading, with one difference: tags are
 * only inserted, no newline is added or taken away, so that places in the result are still places
 * in the export.
 */

/** wpautop's `$allblocks`: an opening or closing tag of one of these ends a paragraph. */
const blockNames = new Set(
  'table thead tfoot caption col colgroup tbody tr td th div dl dd dt ul ol li pre form map area blockquote address style p h1 h2 h3 h4 h5 h6 hr fieldset legend section article aside hgroup header footer nav figure figcaption details menu summary math'.split(
    ' ',
  ),
);

/** Content whose newlines are its own (code, scripts, formulas), comments, tags, blank lines; the rest is text. */
const token = /<(pre|script|style|svg|math|textarea)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>|\n(?:[ \t\r]*\n)+/gi;

type Kind = 'open' | 'close' | 'blank' | 'inline' | 'text' | 'comment';

interface Token {
  kind: Kind;
  start: number;
  end: number;
  /** A `<br>` tag. */
  br?: boolean;
}

/** The post's HTML with paragraphs and line breaks as WordPress shows them. Block-editor posts (`<!-- wp:`) are left as they are. */
export function autoParagraphs(html: string): string {
  return autoParagraphsMapped(html).html;
}

type Point = { line: number; column: number };

/**
 * `autoParagraphs`, with the way back: a place in the result → the place in the HTML given (the
 * tags inserted before it on its line taken off its column).
 */
export function autoParagraphsMapped(html: string): { html: string; placeBefore: (point: Point) => Point } {
  const insertions = /<!-- wp:/.test(html) ? [] : chunksOf(tokensOf(html)).flatMap((chunk) => chunkInsertions(html, chunk.tokens, chunk.afterOpening));
  insertions.sort((a, b) => a[0] - b[0]);
  let result = '';
  let at = 0;
  // Per line of the result: where each inserted tag starts in it (its column) and how long it is.
  const inserted = new Map<number, [number, number][]>();
  let line = 1;
  let lineStart = 0;
  for (const [offset, tag] of insertions) {
    const slice = html.slice(at, offset);
    const lastBreak = slice.lastIndexOf('\n');
    if (lastBreak >= 0) {
      line += slice.split('\n').length - 1;
      lineStart = result.length + lastBreak + 1;
    }
    result += slice;
    inserted.set(line, [...(inserted.get(line) ?? []), [result.length - lineStart + 1, tag.length]]);
    result += tag;
    at = offset;
  }
  const placeBefore = (point: Point): Point => {
    const before = (inserted.get(point.line) ?? []).filter(([column]) => column < point.column);
    return { line: point.line, column: point.column - before.reduce((sum, [column, length]) => sum + Math.min(length, point.column - column), 0) };
  };
  return { html: result + html.slice(at), placeBefore };
}

function tokensOf(html: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const text = (end: number) => {
    if (end > at) tokens.push({ kind: 'text', start: at, end });
  };
  for (const match of html.matchAll(token)) {
    text(match.index);
    const end = match.index + match[0].length;
    tokens.push({ kind: kindOf(match[0], match[1]), start: match.index, end, ...(/^<br\b/i.test(match[0]) ? { br: true } : {}) });
    at = end;
  }
  text(html.length);
  return tokens;
}

function kindOf(value: string, opaque: string | undefined): Kind {
  if (value.startsWith('\n')) return 'blank';
  if (value.startsWith('<!--')) return 'comment';
  // Preformatted text and styles are blocks whose inside is left alone: after one, a new paragraph starts.
  if (opaque) return blockNames.has(opaque.toLowerCase()) ? 'close' : 'inline';
  const name = /^<\/?([A-Za-z][\w-]*)/.exec(value)?.[1]?.toLowerCase() ?? '';
  if (!blockNames.has(name)) return 'inline';
  return value.startsWith('</') || name === 'hr' ? 'close' : 'open';
}

interface Chunk {
  tokens: Token[];
  /** Right after an opening block tag (`<li>Item</li>`): its text is not a paragraph of its own. */
  afterOpening: boolean;
}

/** The runs of text and inline markup between block tags and blank lines. */
function chunksOf(tokens: readonly Token[]): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { tokens: [], afterOpening: false };
  for (const item of tokens) {
    if (item.kind === 'open' || item.kind === 'close' || item.kind === 'blank') {
      chunks.push(current);
      current = { tokens: [], afterOpening: item.kind === 'open' };
    } else current.tokens.push(item);
  }
  chunks.push(current);
  return chunks;
}

/** `<p>` and `</p>` around a chunk's content (unless it follows an opening block tag), `<br>` at its inner newlines. */
function chunkInsertions(html: string, tokens: readonly Token[], afterOpening: boolean): [number, string][] {
  const content = (item: Token) => item.kind === 'inline' || (item.kind === 'text' && html.slice(item.start, item.end).trim() !== '');
  const first = tokens.find(content);
  const last = tokens.findLast(content);
  if (!first || !last) return [];
  const from = first.start + (first.kind === 'text' ? html.slice(first.start, first.end).search(/\S/) : 0);
  const to = last.kind === 'text' ? last.start + html.slice(last.start, last.end).trimEnd().length : last.end;
  const insertions: [number, string][] = afterOpening ? [] : [[from, '<p>']];
  let afterBreak = false;
  for (const item of tokens) {
    if (item.kind === 'inline') afterBreak = item.br === true;
    if (item.kind !== 'text') continue;
    const value = html.slice(item.start, item.end);
    for (const newline of value.matchAll(/\n/g)) {
      const offset = item.start + newline.index;
      const before = value.slice(0, newline.index);
      if (offset > from && offset < to && !(afterBreak && before.trim() === '')) insertions.push([offset, '<br>']);
    }
    if (value.trim() !== '') afterBreak = false;
  }
  if (!afterOpening) insertions.push([to, '</p>']);
  return insertions;
}
