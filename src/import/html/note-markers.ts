import type { Element, Nodes, Parents } from 'hast';
import { withPlainDigits } from '../../core/script-digits.ts';
import { classNames, collapsedText, isElement, stringProperty } from './hast-tree.ts';
import { noteMarkupDepth, parseHtml } from './parse-html.ts';

/**
 * What makes an element a note marker, read from its own markup: the classes, ids, roles and
 * attributes that note generators and plugins write, and the text a marker shows. Whether it really
 * is one is decided with its note (`footnotes.ts`): a marker is a marker because its link or target,
 * the sequence and the definitions say so, never because a digit is superscript.
 */

const markerClasses = new Set([
  'footnote-anchor',
  'footnote-ref',
  'footnote-reference',
  'footnote-link',
  'footnote-identifier-link',
  'footnote-call',
  'fn-ref',
  'fnref',
  'noteref',
  'footnote-button',
  'sidenote-number',
  'margin-toggle',
  'littlefoot__button',
  'bigfoot-footnote__button',
  'sdfootnoteanc',
  'sdendnoteanc',
]);
const markerWrapperClasses = new Set([
  'footnote',
  'fn',
  'footnote-ref',
  'footnote-reference',
  'easy-footnote',
  'modern-footnotes-footnote',
  'reference',
  'noteref',
]);
/** Ids and anchor names that Word, Google Docs, LibreOffice, Pandoc, kramdown, MediaWiki and Substack give markers. */
const markerIds = /^(?:_ftnref|_ednref|ftnt_ref|fnref|footnote-anchor|sdfootnote\d+anc|sdendnote\d+anc|cite_ref-)/i;

/** The text of a marker: a number, a bracketed number or label (`[3]`, `(3)`, `[a]`, `[nb 1]`, markdown-it's `[1:1]`), a Unicode superscript number, or symbols (`*`, `**`, `†`). “note 3” unbracketed is a cross-reference. */
const markerTextPattern =
  /^(?:[[(]\s*)?(?:\d{1,4}(?::\d{1,3})?|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,4}|[a-z]|[ivx]{1,5})(?:\s*[\])])?$|^[[(]\s*(?:nb|note|n|fn)\.?\s?\d{1,3}\s*[\])]$|^[*†‡§¶]{1,3}$/i;
/** A label that says only what a marker is (“Footnote 3”, “See Footnote 3”, “Jump up”): an accessible name, not a note's text. */
const labelOnly =
  /^(?:(?:see|view|show|read|open|go to|jump to|jump up to|back to)\s+)?(?:the\s+)?(?:foot|end|side|margin)?notes?(?:\s+(?:ref(?:erence)?|marker|link))?(?:\s*(?:no\.?\s*)?(?:\d+|[*†‡§¶]+|[a-z]))?\s*[.:]?$|^(?:jump up|back|return|top|↑|↩)/i;

export function isMarkerText(text: string): boolean {
  return markerTextPattern.test(text);
}

/** The number a marker or label shows (`3`, `[3]`, `(3)`, `³`, `3.`), if it shows one. */
export function labelNumber(text: string): number | undefined {
  const plain = withPlainDigits(text);
  const match = /^[[(]?\s*(\d{1,4})\s*[\])]?\.?$/.exec(plain.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The label inside a marker's brackets (`3` for `[3]`, `a` for `[a]`, `*` for `*`). */
export function labelCore(text: string): string {
  return text
    .trim()
    .replace(/^[[(]\s*|\s*[\])]$/g, '')
    .replace(/:\d+$/, '');
}

/** Marked as a note reference by its own markup: role, type, class, plugin wrapper or id. */
export function isExplicitMarker(marker: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const { properties } = marker;
  if (stringProperty(marker, 'role') === 'doc-noteref') return true;
  if ((stringProperty(marker, 'epub:type') ?? '').split(/\s+/).includes('noteref')) return true;
  if (properties.dataType === 'noteref' || properties.dataFootnoteRef !== undefined) return true;
  if ((stringProperty(marker, 'rel') ?? '').split(/\s+/).includes('footnote')) return true;
  if (classNames(marker).some((name) => markerClasses.has(name))) return true;
  if (markerIds.test(stringProperty(marker, 'id') ?? '') || markerIds.test(stringProperty(marker, 'name') ?? '')) return true;
  // A plugin's wrapper names the link inside it as a marker, not whatever else it holds (MediaWiki's `sup.reference > span` page number).
  if (marker.tagName !== 'a') return false;
  const wrapper = parents.get(marker);
  const outer = wrapper && parents.get(wrapper);
  return [wrapper, outer].some(
    (candidate) =>
      isElement(candidate, 'sup', 'span') &&
      (candidate.properties.dataFn !== undefined || classNames(candidate).some((name) => markerWrapperClasses.has(name))),
  );
}

/** Whether a marker sits in a superscript (or holds one): how most pages set a marker that is not bracketed. */
export function isSuperscript(marker: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const wrapper = parents.get(marker);
  return (
    marker.tagName === 'sup' ||
    isElement(wrapper, 'sup') ||
    (isElement(wrapper) && isElement(parents.get(wrapper), 'sup') && collapsedText(wrapper) === collapsedText(marker)) ||
    marker.children.some((child) => isElement(child, 'sup')) ||
    /vertical-align:\s*super/i.test(stringProperty(marker, 'style') ?? '')
  );
}

/**
 * Whether the text around an element brackets it (`[<a>1</a>]`, `(<a>1</a>)`), the element alone
 * or in the wrapper it fills: the bracketed marker of pages that link only the number.
 */
export function isBracketedInText(element: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  let inner: Element = element;
  for (let level = 0; level < 3; level++) {
    const parent = parents.get(inner);
    if (parent?.type !== 'element') return false;
    const at = parent.children.indexOf(inner);
    const before = textSide(parent.children.slice(0, at).reverse(), 'end');
    const after = textSide(parent.children.slice(at + 1), 'start');
    if (/[[(]\s*$/.test(before) && /^\s*[\])]/.test(after)) return true;
    // Climb only through wrappers the element fills (`<sup><a>1</a></sup>`): elsewhere the brackets would be the sentence's.
    if (before.trim() !== '' || after.trim() !== '') return false;
    inner = parent;
  }
  return false;
}

/** The text next to an element on one side, up to the first element that holds text. */
function textSide(siblings: readonly Nodes[], side: 'start' | 'end'): string {
  let text = '';
  for (const sibling of siblings) {
    const value = sibling.type === 'text' ? sibling.value : sibling.type === 'element' ? collapsedText(sibling) : '';
    text = side === 'end' ? value + text : text + value;
    if (value.trim() !== '') break;
  }
  return text;
}

/**
 * Shows what a marker shows: a number, label or symbol, or nothing at all when a script draws it
 * (bigfoot's dots, Tufte's counter) and the element says by its name that it is a note's.
 */
export function readsAsMarker(element: Element): boolean {
  // Markers are short: a long element is not one, and its text need not be gathered.
  if (textLongerThan(element, 24)) return false;
  const text = collapsedText(element);
  if (isMarkerText(text)) return true;
  return text.replace(/[⊕⊗+]/g, '') === '' && hasNoteName(element);
}

function textLongerThan(node: Nodes, limit: number): boolean {
  let length = 0;
  const walk = (current: Nodes): boolean => {
    if (current.type === 'text') length += current.value.length;
    else if (current.type === 'element') for (const child of current.children) if (walk(child)) return true;
    return length > limit;
  };
  return walk(node);
}

/** A class, rel or data attribute naming a note. */
export function hasNoteName(element: Element): boolean {
  if (classNames(element).some((name) => /foot|note|littlefoot|bigfoot|^fn|-fn|tooltip|margin-toggle/i.test(name))) return true;
  if ((stringProperty(element, 'rel') ?? '').split(/\s+/).includes('footnote')) return true;
  return Object.keys(element.properties).some((key) => /^data(?:Footnote|Bigfoot|Fn|Mfn|Note)/.test(key));
}

/** Attributes that name a marker's note by id: ARIA, a label's `for`, and the data attributes plugins invent. */
export function referencedIds(element: Element): string[] {
  const keys = ['ariaDescribedBy', 'ariaDetails', 'ariaControls', 'htmlFor'];
  const dataKeys = Object.keys(element.properties).filter(
    (key) => /^data.*(?:foot|note|fn|ref|target|anchor)/i.test(key) && !/back|content|text|html|^dataHref$/i.test(key),
  );
  return [...keys, ...dataKeys].flatMap((key) =>
    (stringProperty(element, key) ?? '')
      .split(/\s+/)
      .map((value) => value.replace(/^#/, ''))
      .filter((value) => value !== ''),
  );
}

/** Data attributes a plugin repeats on a marker and on its note (Modern Footnotes' `data-mfn="3"`). */
export function pairingAttributes(element: Element): string[] {
  return Object.keys(element.properties)
    .filter((key) => /^data/.test(key) && /foot|note|fn|ref/i.test(key) && !/back|content|text|html|scope|post|^dataHref$/i.test(key))
    .flatMap((key) => {
      const value = stringProperty(element, key);
      return value ? [`${key}=${value}`] : [];
    });
}

/** Where tooltips, popovers and plugins keep a note's text on the marker itself, most specific first. */
const noteTextAttributes = [
  'dataFootnoteContent',
  'dataFootnoteText',
  'dataFootnote',
  'dataNote',
  'dataTooltip',
  'dataTippyContent',
  'dataContent',
  'dataBsContent',
  'dataOriginalTitle',
  'dataBsOriginalTitle',
  'dataTitle',
  'dataHint',
  'title',
  'ariaLabel',
];

/**
 * The note text a marker carries in an attribute (a tooltip repeating the note, or the only copy of
 * it), from the marker or the elements wrapping it; HTML in the value is read as text. Accessible
 * names (“Footnote 3”) and values that repeat the marker are not note text.
 */
export function attributeNoteText(chain: readonly Element[]): string | undefined {
  for (const key of noteTextAttributes) {
    for (const element of chain) {
      const value = stringProperty(element, key);
      if (value === undefined) continue;
      const text = (
        /<[a-z!/]/i.test(value) ? collapsedText(parseHtml(value, { fragment: true, maxDepth: noteMarkupDepth }).tree) : value.replace(/\s+/g, ' ').trim()
      ).replace(/^(?:foot|end)?note\s*\d+\s*[:.]\s*/i, '');
      if (text === '' || labelOnly.test(text) || text === collapsedText(element) || isMarkerText(text)) continue;
      // One short word is a tooltip's gloss (“squared”), not a note.
      if (!/\s/.test(text) && text.length < 12) continue;
      return text;
    }
  }
  return undefined;
}

/** The first words a reader sees in a node: its first non-blank text, trimmed. */
export function firstText(node: Nodes): string | undefined {
  if (node.type === 'text') return node.value.trim() === '' ? undefined : node.value.trim();
  if (node.type !== 'element' && node.type !== 'root') return undefined;
  for (const child of node.children) {
    const text = firstText(child);
    if (text !== undefined) return text;
  }
  return undefined;
}
