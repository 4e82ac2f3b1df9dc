import type { Paragraph, Root, RootContent } from 'mdast';
import type { Math as DisplayMath, InlineMath } from 'mdast-util-math';
import { math as mathSyntax } from 'micromark-extension-math';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import remarkMath from 'remark-math';
import type { Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

/**
 * TeX math as Pandoc reads it (`tex_math_dollars`), with remark-math's parser: `$…$` inline,
 * `$$…$$` display. Three differences from remark-math on its own, each Pandoc's:
 *
 * - a single `$` opens math only when a non-space follows it, and closes it only after a
 *   non-space and before anything but a digit, so `costs $5 and $10` is prose
 *   (`parseWithPandocMath`);
 * - `$$` followed by TeX on the same line (`$$f = \begin{cases}…`) is display math running to
 *   the next `$$`, not a fenced block whose first line is an info string that swallows the rest
 *   of the file (`bareMathFlow`);
 * - a paragraph that is only `$$…$$` is a display formula (`displayMathParagraphs`).
 */
export function remarkPandocMath(this: Processor): void {
  remarkMath.call(this as never, { singleDollarTextMath: true });
  const data = this.data();
  // Replaces remark-math's `mathFlow` (disabled by its name) with one that wants a bare opening fence.
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), { disable: { null: ['mathFlow'] }, flow: { 36: bareMathFlow } }];
}

const fencedMath = (mathSyntax().flow?.[36] as Construct[] | Construct | undefined) ?? [];
const mathFlow = (Array.isArray(fencedMath) ? fencedMath[0] : fencedMath) as Construct;

const isLineEnd = (code: Code) => code === null || code === -5 || code === -4 || code === -3;
const isSpace = (code: Code) => code === -2 || code === -1 || code === 32;

/** `$$` with nothing but spaces after it on its line. */
const bareFence: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State, nok: State): State {
    let size = 0;
    const sequence: State = (code) => {
      if (code === 36) {
        effects.consume(code);
        size += 1;
        return sequence;
      }
      return size >= 2 ? rest(code) : nok(code);
    };
    const rest: State = (code) => {
      if (isLineEnd(code)) return ok(code);
      if (!isSpace(code)) return nok(code);
      effects.consume(code);
      return rest;
    };
    return (code) => {
      effects.enter('mathFlowFenceSequence');
      return sequence(code);
    };
  },
};

const bareMathFlow: Construct = {
  name: 'bareMathFlow',
  concrete: true,
  tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const fenced = (code: Code) => (mathFlow.tokenize as (this: TokenizeContext, e: Effects, o: State, n: State) => State).call(this, effects, ok, nok)(code);
    return (code) => effects.check(bareFence, fenced, nok)(code);
  },
};

/**
 * Parses Markdown (with `remarkPandocMath`) so that a single `$` is a delimiter only where Pandoc
 * would read one: a pair remark-math took that Pandoc would not (`$5 and $`) has its opening `$`
 * masked by a character of the same length and the text is parsed again, until every pair is one
 * Pandoc reads; the masked dollars are text again in the tree. Places are the text's.
 */
export function parseWithPandocMath(parse: (text: string) => Root, text: string): Root {
  const mask = String.fromCharCode([...Array(256).keys()].map((index) => 0xe000 + index).find((code) => !text.includes(String.fromCharCode(code))) ?? 0xe0ff);
  // Amounts (`$10-million`, `$1.5 billion`) are masked before the first parse, which the text
  // then needs once: each parse of a long chapter costs as much as the rest of its build.
  let masked = withAmountsMasked(text, mask);
  let tree = parse(masked);
  for (;;) {
    const rejected = rejectedOpenings(tree, masked);
    if (rejected.length === 0) break;
    for (const offset of rejected) masked = `${masked.slice(0, offset)}${mask}${masked.slice(offset + 1)}`;
    tree = parse(masked);
  }
  if (masked !== text) unmask(tree, mask);
  return tree;
}

/**
 * The text with each single `$` that Pandoc cannot read as a delimiter masked: one before a digit
 * (so it closes nothing) that no `$` after it in its paragraph could close (`$10-million and
 * $1.5 billion`). Any other `$` is left for the parse and `rejectedOpenings` to settle.
 */
function withAmountsMasked(text: string, mask: string): string {
  if (!text.includes('$')) return text;
  // Offsets are UTF-16 units, and the mask is one unit: every place stays where it was.
  const single = (index: number) => text[index] === '$' && text[index - 1] !== '$' && text[index + 1] !== '$' && text[index - 1] !== '\\';
  const closes = (index: number) => !/\s/.test(text[index - 1] ?? ' ') && !/\d/.test(text[index + 1] ?? '');
  let result = text;
  for (const paragraph of text.matchAll(/[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g)) {
    const from = paragraph.index ?? 0;
    const dollars = [...paragraph[0].matchAll(/\$/g)].map((match) => from + (match.index ?? 0)).filter(single);
    dollars.forEach((at, position) => {
      if (!/\d/.test(text[at + 1] ?? '') || dollars.slice(position + 1).some(closes)) return;
      result = `${result.slice(0, at)}${mask}${result.slice(at + 1)}`;
    });
  }
  return result;
}

/** The offsets of single `$` openings of inline math that Pandoc would not read as math. */
function rejectedOpenings(tree: Root, text: string): number[] {
  const offsets: number[] = [];
  visit(tree, 'inlineMath', (node: InlineMath) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || text[start] !== '$' || text[start + 1] === '$') return;
    const opens = !/\s/.test(text[start + 1] ?? ' ');
    const closes = !/\s/.test(text[end - 2] ?? ' ') && !/\d/.test(text[end] ?? '');
    if (!opens || !closes) offsets.push(start);
  });
  return offsets;
}

function unmask(tree: Root, mask: string): void {
  visit(tree, (node) => {
    const fields = node as unknown as Record<string, unknown>;
    for (const key of ['value', 'url', 'title', 'alt'])
      if (typeof fields[key] === 'string' && fields[key].includes(mask)) fields[key] = fields[key].replaceAll(mask, '$');
  });
}

/** Whether inline math was written with `$$` (display math, to Pandoc), read from the text it was parsed from. */
export function isDoubleDollar(node: InlineMath, text: string): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && text.startsWith('$$', start);
}

/**
 * A paragraph holding nothing but one `$$…$$` (`$$\gamma = …$$` on a line of its own, or opening
 * lines with TeX on them) becomes a display formula, as it shows everywhere; the TeX is kept as
 * written. `isDisplay` says which inline math was written as display math.
 */
export function displayMathParagraphs(tree: Root, isDisplay: (node: InlineMath) => boolean): void {
  visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
    if (!parent || index === undefined) return undefined;
    const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    const [only] = content;
    if (content.length !== 1 || only?.type !== 'inlineMath' || !isDisplay(only)) return undefined;
    const display: DisplayMath = { type: 'math', value: only.value, ...(node.position ? { position: node.position } : {}) };
    parent.children.splice(index, 1, display as RootContent as (typeof parent.children)[number]);
    return SKIP;
  });
}
