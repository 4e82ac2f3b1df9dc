import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { classNames, elementsOf, hasClass, textContent } from './hast-tree.ts';
import { mathmlToTex } from './mathml-tex.ts';

/**
 * Math a page carries as TeX, before the sanitiser takes scripts and MathML away: MathJax 2's
 * `<script type="math/tex">` (`; mode=display` for display math), and MathML with its TeX
 * source as an annotation (KaTeX's `span.katex`, MathJax's assistive MathML, Temml), or else as
 * MathML alone (MathJax 3, read by `mathml-tex.ts`), or in a LaTeX image's address (WordPress.com's
 * `latex.php`): each becomes
 * the neutral form `code.language-math` (inside `pre` for display math), which `html-to-mdast.ts`
 * reads as math with the TeX as written. The rendered copy KaTeX draws beside it goes with it.
 */
export function texMathAsCode(tree: Root | Element): void {
  const children: (typeof tree.children)[number][] = [];
  for (const [index, child] of tree.children.entries()) {
    if (child.type !== 'element') {
      children.push(child);
      continue;
    }
    const math = texOf(child);
    if (math) children.push(mathCode(math.tex, math.display));
    else if (isMathJaxRendering(child) && isTexScript(tree.children.slice(index + 1).find((next) => next.type === 'element'))) continue;
    else {
      texMathAsCode(child);
      children.push(child);
    }
  }
  tree.children = children as typeof tree.children;
}

/** MathJax 2 draws each formula (`span.MathJax`, `div.MathJax_Display`, a preview) just before the script that holds its TeX. */
function isMathJaxRendering(element: Element): boolean {
  return classNames(element).some((name) => /^MathJax(?:_Display|_Preview|_SVG\w*|_CHTML\w*)?$/.test(name));
}

function isTexScript(node: ElementContent | undefined): boolean {
  return node?.type === 'element' && node.tagName === 'script' && /^math\/tex\b/i.test(String(node.properties.type ?? ''));
}

function mathCode(tex: string, display: boolean): ElementContent {
  const code = h('code.language-math', tex);
  return display ? h('pre', [code]) : code;
}

/** A formula as a page sets it: MathML, MathJax's and KaTeX's containers (whose classes, `CtxtMenu_Attached_0`, say nothing about the page). */
export function isFormula(element: Element): boolean {
  return (
    element.tagName === 'math' ||
    element.tagName === 'mjx-container' ||
    hasClass(element, 'katex', 'katex-display') ||
    classNames(element).some((name) => /^MathJax/.test(name))
  );
}

/**
 * A formula drawn as a picture by a LaTeX image service, its TeX in the address: WordPress.com's and
 * Jetpack's `s0.wp.com/latex.php?latex=%5Clambda…` (`$latex \lambda$` in a post), CodeCogs's
 * `latex.codecogs.com/png.latex?\frac…`. Set in the line as the post set it: inline.
 */
function texOfPicture(element: Element): string | undefined {
  if (element.tagName !== 'img') return undefined;
  let address: URL;
  try {
    address = new URL(String(element.properties.src ?? ''));
  } catch {
    return undefined;
  }
  if (/(?:^|\.)wp\.com$/.test(address.hostname) && address.pathname === '/latex.php') return address.searchParams.get('latex') ?? undefined;
  if (address.hostname === 'latex.codecogs.com' && /\.latex$/.test(address.pathname)) return codecogsTex(address.search.slice(1));
  return undefined;
}

/**
 * CodeCogs's options for the picture, at the start of its TeX: resolution (`\dpi{110}`, `\300dpi`),
 * background (`\bg_white`), font (`\fn_cm`), `\inline` and a size (`\large`). They say how it was drawn, not what it says.
 */
const codecogsOption = /^\s*\\(?:dpi\{\d+\}|\d+dpi\b|bg_\w+|fn_\w+|inline\b|(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge)\b)/;

/** The TeX of a CodeCogs address (`&space;` is its space), or nothing when it does not decode or holds only options: the picture stays. */
function codecogsTex(query: string): string | undefined {
  let tex: string;
  try {
    tex = decodeURIComponent(query).replaceAll('&space;', ' ');
  } catch {
    return undefined;
  }
  for (let option = codecogsOption.exec(tex); option; option = codecogsOption.exec(tex)) tex = tex.slice(option[0].length);
  return tex.trim() || undefined;
}

/** The TeX of an element that is a formula, and whether it is display math. */
function texOf(element: Element): { tex: string; display: boolean } | undefined {
  const pictured = texOfPicture(element);
  if (pictured?.trim()) return { tex: pictured.trim(), display: false };
  const type = String(element.properties.type ?? '');
  if (isTexScript(element)) return { tex: textContent(element).trim(), display: /mode\s*=\s*display/i.test(type) };
  if (!isFormula(element)) return undefined;
  const annotation = texAnnotation(element);
  // MathJax 3 keeps no TeX, only MathML beside what it draws (`<mjx-container><mjx-assistive-mml><math>`).
  const mathml = annotation === undefined ? (element.tagName === 'math' ? element : elementsOf(element).find((inner) => inner.tagName === 'math')) : undefined;
  const tex = annotation ?? (mathml && mathmlToTex(mathml));
  if (!tex) return undefined;
  const display =
    hasClass(element, 'katex-display', 'MathJax_Display') ||
    [element, mathml].some((node) => node !== undefined && (node.properties.display === 'block' || String(node.properties.display) === 'true'));
  return { tex: tex.trim(), display };
}

function texAnnotation(element: Element): string | undefined {
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'annotation' && /^application\/x-tex$/i.test(String(child.properties.encoding ?? ''))) return textContent(child);
    const found = texAnnotation(child);
    if (found !== undefined) return found;
  }
  return undefined;
}
