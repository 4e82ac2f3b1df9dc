import { createRequire } from 'node:module';
import type { Root } from 'mdast';
import type { Math as DisplayMath, InlineMath } from 'mdast-util-math';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { isDoubleDollar } from './math-syntax.ts';

declare module 'mdast-util-math' {
  interface MathData {
    /** The formula as MathML (`typesetMath`); absent when its TeX cannot be typeset. */
    mathml?: string;
  }
  interface InlineMathData {
    mathml?: string;
    /** Written `$$…$$` among words: display math, as Pandoc reads it. */
    display?: boolean;
  }
}

/**
 * Typesets each formula of a chapter as MathML with Temml (pure MathML: no fonts, no style sheet,
 * no script; read by Chromium, which lays out the site and the PDF, and by EPUB 3 reading
 * systems), kept on the node so that every format shows the same and a cached chapter is not
 * typeset again. A formula Temml cannot read is a `math-invalid` warning at its place; the
 * outputs show its TeX as code.
 */
export function typesetMath(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type !== 'math' && node.type !== 'inlineMath') return;
    const formula = node as DisplayMath | InlineMath;
    const display = formula.type === 'math' || isDoubleDollar(formula, source);
    const typeset = texToMathml(formula.value, display);
    if ('error' in typeset) {
      const place = { line: formula.position?.start.line ?? 1, column: formula.position?.start.column ?? 1 };
      report(
        file,
        'math-invalid',
        `this formula cannot be typeset (${typeset.error}): its TeX is shown as code; correct it, or write it as code or words`,
        place,
      );
      return;
    }
    formula.data = { ...formula.data, mathml: typeset.mathml, ...(formula.type === 'inlineMath' && display ? { display: true } : {}) };
  });
}

type Temml = typeof import('temml').default;
let temml: Temml | undefined;

/** Temml, loaded the first time a formula is typeset: ~35 ms that a book without math never pays (at every start). */
function loadTemml(): Temml {
  temml ??= createRequire(import.meta.url)('temml') as Temml;
  return temml;
}

/**
 * The TeX as MathML, with the TeX as its annotation (for copying, and for readers that speak it).
 * Equation numbers and `\label`s are left out: Temml draws the numbers with a style sheet's
 * counters, which an EPUB reading system need not have, inside an HTML `span` that MathML in
 * XHTML does not allow.
 */
export function texToMathml(tex: string, display: boolean): { mathml: string } | { error: string } {
  try {
    const mathml = loadTemml().renderToString(tex, { displayMode: display, annotate: true, throwOnError: true, trust: false });
    // A `\label`'s id would repeat in a book whose chapters share a document (the PDF's), or when a chapter reuses a label.
    return { mathml: mathml.replace(/<mtext><span class="tml-eqn"><\/span><\/mtext>/g, '<mtext></mtext>').replace(/ id="[^"]*"/g, '') };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]?.replace(/\s*at position \d+:.*$/, '') : String(error);
    return { error: message ?? 'unreadable TeX' };
  }
}
