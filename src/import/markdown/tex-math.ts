import type { Paragraph, Root, RootContent } from 'mdast';
import type { Math as DisplayMath, InlineMath } from 'mdast-util-math';
import { SKIP, visit } from 'unist-util-visit';
import { displayMathParagraphs } from '../../load/math-syntax.ts';

/**
 * Math in a post as its site showed it (MathJax, KaTeX), made the chapter's Pandoc math with the
 * TeX as written: `$…$` and `$$…$$` are read by the parser (`load/math-syntax.ts`); this module
 * adds MathJax's other ways of writing it.
 */

/** A formula between `\(…\)` or `\[…\]` reads as TeX when it holds a command, a script or a group (`\[sic\]` is an escaped bracket). */
const texLike = /[\\^_{}=]/;

/**
 * MathJax's `\(…\)` (inline) and `\[…\]` (display) delimiters as `$$` of the same length, so the
 * parser reads the formula between them as math and every place in the text stays where it was;
 * `mathDisplay` then tells them apart by the original text. Code (fenced or in backticks) is left.
 */
export function texDelimitersAsDollars(text: string): string {
  let fenced: string | undefined;
  const lines = text.split('\n').map((line) => {
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenced) {
      if (fence?.startsWith(fenced)) fenced = undefined;
      return line;
    }
    if (fence) {
      fenced = fence;
      return line;
    }
    if (/^\s{0,3}\\[[\]]\s*$/.test(line)) return line.replace(/\\[[\]]/, '$$$$');
    return line.replace(/(`+)[\s\S]*?\1|\\\((.+?)\\\)|\\\[(.+?)\\\]/g, (match: string, ticks: string | undefined, inline?: string, display?: string) => {
      const tex = inline ?? display;
      if (ticks || tex === undefined || !texLike.test(tex)) return match;
      return `$$${tex}$$`;
    });
  });
  return lines.join('\n');
}

/** Whether inline math was written as display math: `$$…$$` or `\[…\]`, on its own in a paragraph. */
function writtenAsDisplay(node: InlineMath, original: string): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && (original.startsWith('$$', start) || original.startsWith('\\[', start));
}

const mathEnvironments = /^\\begin\{(equation|align|alignat|gather|multline|flalign|eqnarray|math|displaymath)(\*?)\}[\s\S]*\\end\{\1\2\}$/;

/**
 * The post's math as the chapter writes it: a paragraph that is only display math becomes a
 * display formula, a paragraph that is only a LaTeX math environment (`\begin{equation}…
 * \end{equation}`, which MathJax shows as display math) becomes one with the environment as
 * written, and inline math loses the spaces at its ends (`$$ E = mc^2 $$` within a sentence, an
 * inline formula to kramdown, is `$E = mc^2$`), which Pandoc would not read as math.
 * `original`: the text as the post has it, before `texDelimitersAsDollars`.
 */
export function postMath(tree: Root, original: string): void {
  displayMathParagraphs(tree, (node) => writtenAsDisplay(node, original));
  visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (parent?.type !== 'root' || index === undefined || start === undefined || end === undefined) return undefined;
    const written = original.slice(start, end).trim();
    if (!mathEnvironments.test(written)) return undefined;
    const display: DisplayMath = { type: 'math', value: written, ...(node.position ? { position: node.position } : {}) };
    parent.children.splice(index, 1, display as RootContent);
    return SKIP;
  });
  visit(tree, 'inlineMath', (node: InlineMath) => {
    node.value = node.value.trim();
  });
}
