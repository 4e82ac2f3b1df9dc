import type { Element, ElementContent } from 'hast';
import { textContent } from './hast-tree.ts';

/**
 * The TeX of a MathML formula that carries none as an annotation: MathJax 3 keeps only MathML
 * beside what it draws (`<mjx-assistive-mml><math>…`), whatever the page was written in. The
 * presentation elements are read as TeX spells them (`mfrac` → `\frac`, `msup` → `^`, `mover` with an
 * accent → `\vec`, `\hat`, a table → `matrix`); characters stay as written, which Temml reads
 * (`≤`, `⋅`, Greek letters), TeX's special characters escaped. An element it does not know is read
 * as a row of its children, so no part of the formula is left out.
 */
export function mathmlToTex(math: Element): string {
  return texOfChildren(math).replace(/\s+/g, ' ').trim();
}

type Reader = (element: Element, parts: string[]) => string;

const functionNames = new Set([
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'log',
  'ln',
  'exp',
  'lim',
  'max',
  'min',
  'det',
  'sup',
  'inf',
  'arg',
  'deg',
  'dim',
  'gcd',
  'ker',
  'sinh',
  'cosh',
  'tanh',
]);

const accents: Record<string, string> = {
  '→': '\\vec',
  '⃗': '\\vec',
  '^': '\\hat',
  ˆ: '\\hat',
  '~': '\\tilde',
  '˜': '\\tilde',
  '¯': '\\overline',
  '‾': '\\overline',
  '˙': '\\dot',
  '¨': '\\ddot',
};

const readers: Record<string, Reader> = {
  mi: (element) => identifier(element),
  mn: (element) => escaped(text(element)),
  mo: (element) => operator(text(element)),
  mtext: (element) => (text(element) === '' ? '\\ ' : `\\text{${escaped(text(element))}}`),
  ms: (element) => `\\text{"${escaped(text(element))}"}`,
  mspace: () => '\\,',
  mphantom: () => '',
  msup: (_, [base, sup]) => `{${base}}^{${sup}}`,
  msub: (_, [base, sub]) => `{${base}}_{${sub}}`,
  msubsup: (_, [base, sub, sup]) => `{${base}}_{${sub}}^{${sup}}`,
  mfrac: (_, [numerator, denominator]) => `\\frac{${numerator}}{${denominator}}`,
  msqrt: (_, parts) => `\\sqrt{${parts.join(' ')}}`,
  mroot: (_, [base, index]) => `\\sqrt[${index}]{${base}}`,
  mover: (element, [base, over]) => overOrUnder(element, base ?? '', over ?? '', 'over'),
  munder: (element, [base, under]) => overOrUnder(element, base ?? '', under ?? '', 'under'),
  munderover: (_, [base, under, over]) => `{${base}}_{${under}}^{${over}}`,
  mfenced: (element, parts) =>
    `\\left${fence(String(element.properties.open ?? '('))} ${parts.join(
      String(element.properties.separators ?? ',')
        .trim()
        .charAt(0) || ',',
    )} \\right${fence(String(element.properties.close ?? ')'))}`,
  mtable: (_, rows) => `\\begin{matrix} ${rows.join(' \\\\ ')} \\end{matrix}`,
  mtr: (_, cells) => cells.join(' & '),
  mlabeledtr: (_, cells) => cells.slice(1).join(' & '),
  mtd: (_, parts) => parts.join(' '),
  annotation: () => '',
  'annotation-xml': () => '',
};

function texOf(node: ElementContent): string {
  if (node.type === 'text') return escaped(node.value.trim());
  if (node.type !== 'element') return '';
  const reader = readers[node.tagName];
  const parts = node.children.filter((child) => child.type === 'element').map(texOf);
  if (reader) return reader(node, parts);
  // `mrow`, `mstyle`, `semantics`, `mpadded`, `menclose` and any element not known: a row.
  return node.tagName === 'semantics' ? (parts[0] ?? '') : parts.join(' ');
}

function texOfChildren(element: Element): string {
  return element.children
    .filter((child) => child.type === 'element')
    .map(texOf)
    .join(' ');
}

function text(element: Element): string {
  return textContent(element).replace(/\s+/g, ' ').trim();
}

function identifier(element: Element): string {
  const name = text(element);
  const variant = String(element.properties.mathVariant ?? element.properties.mathvariant ?? '');
  if (functionNames.has(name)) return `\\${name} `;
  const value = name.length > 1 && /^\p{L}+$/u.test(name) ? `\\mathrm{${escaped(name)}}` : escaped(name);
  if (/bold/.test(variant)) return `\\mathbf{${value}}`;
  return variant === 'normal' && name.length === 1 && /\p{L}/u.test(name) ? `\\mathrm{${value}}` : value;
}

const operators: Record<string, string> = {
  '{': '\\{',
  '}': '\\}',
  '\u2061': '',
  '\u2062': '',
  '\u2063': '',
  '\u2064': '',
};

function operator(value: string): string {
  if (value in operators) return operators[value] as string;
  if (functionNames.has(value)) return `\\${value} `;
  return escaped(value);
}

function overOrUnder(element: Element, base: string, mark: string, place: 'over' | 'under'): string {
  const over = element.children.filter((child): child is Element => child.type === 'element')[1];
  const accent = over && place === 'over' ? accents[text(over)] : undefined;
  if (accent) return `${accent}{${base}}`;
  if (place === 'under' && over && text(over) === '_') return `\\underline{${base}}`;
  return place === 'over' ? `\\overset{${mark}}{${base}}` : `\\underset{${mark}}{${base}}`;
}

function fence(value: string): string {
  if (value === '') return '.';
  return value === '{' ? '\\{' : value === '}' ? '\\}' : value;
}

/** TeX's special characters as text: `#`, `$`, `%`, `&`, `_`, `{`, `}`, `\`. */
function escaped(value: string): string {
  return value.replace(/\\/g, '\\backslash ').replace(/[#$%&_{}]/g, (character) => `\\${character}`);
}
