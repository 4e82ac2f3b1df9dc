import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { selectAll } from 'hast-util-select';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { raised } from '../../core/script-digits.ts';
import { alignCandidates, type MarkerCandidate } from '../notes/align-markers.ts';
import { classNames, collapsedText, contains, elementsOf, hasVisibleContent, headingTags, isElement, parentMap, stringProperty } from './hast-tree.ts';
import {
  attributeNoteText,
  firstText,
  hasNoteName,
  isBracketedInText,
  isExplicitMarker,
  isMarkerText,
  isSuperscript,
  labelCore,
  labelNumber,
  pairingAttributes,
  readsAsMarker,
  referencedIds,
} from './note-markers.ts';
import { cloneWithout, isNotesChrome, noteDefinition, noteReference, removeNoteBlock, replaceMarker } from './note-rewrite.ts';

export { noteDefinitionTag, noteReferenceTag } from './note-rewrite.ts';

/** Containers of a page's notes, as the common platforms and standards mark them. */
const noteListSelectors = [
  '.footnotes',
  '.footnotes-list',
  '[data-footnotes]',
  '.wp-block-footnotes',
  '.easy-footnotes-wrapper',
  '[role=doc-endnotes]',
  '[epub\\:type~=footnotes]',
  '[epub\\:type~=endnotes]',
  '[data-type=footnotes]',
  'ol.references',
];
export const noteListSelector = noteListSelectors.join(', ');

/** One note each. MediaWiki's `ol.references` also serves plain bibliographies: only its `cite_note` items are notes. */
const noteItemSelector = [
  ...noteListSelectors.filter((list) => list !== 'ol.references').map((list) => `${list} > li, ${list} > ol > li, ${list} > ul > li`),
  'ol.references > li[id^=cite_note]',
  'div.footnote',
  // docutils 0.18+ (and Sphinx on it): `aside.footnote-list > aside.footnote`.
  'aside.footnote',
  '[role=doc-footnote]',
  '[role=doc-endnote]',
  '[epub\\:type~=footnote]',
  '[epub\\:type~=endnote]',
  '[epub\\:type~=rearnote]',
  '[data-type=footnote]',
  'div[id^=ftn]',
  'div[id^=edn]',
  'div[id^=sdfootnote]',
  'div[id^=sdendnote]',
  '.sidenote',
  '.marginnote',
  '.modern-footnotes-footnote__note',
].join(', ');

const blockTags = new Set(['p', 'div', 'li', 'aside', 'section', 'article', 'dd', 'dt', 'footer', 'blockquote', 'td', 'th', 'figure']);
/** Targets that are a page's regions, not a note: a superscript number linking there is a count or a jump. */
const regionTags = new Set(['section', 'article', 'main', 'nav', 'header', 'footer', 'form', 'body', 'aside', 'figure', 'table']);
const regionNames = /comment|respond|reply|discussion|^top$|content|^main|header|footer|^nav|menu|sidebar|toc|contents/i;
/** Ids that generators and people give notes: Word's `_ftn1`, `fn:1`, `note-3`, `n3`, MediaWiki's `cite_note-…`. */
const noteIds = /note|^_?(?:ftn|edn)|^fn|^ftnt|^sdfootnote|^sdendnote|^n[-_:.]?\d/i;
const backArrow = /^(?:[↩↑⤴⇧^]\uFE0E?\uFE0F?|\[?\s*(?:return|back|jump back|go back)(?: to (?:the )?(?:text|top|reference|footnote \d+))?\s*\]?)$/i;
/** What is left of MediaWiki's `↑ a b` / `^ Jump up to: a b` once its links are taken out. */
// Commas part several back-links (docutils' `(1, 2)` after a note used twice).
const backLinkLeftovers = /^[\s↑^↩⤴[\](),]*(?:jump up(?: to)?:?)?[\s↑^↩⤴[\](),]*$/i;

interface FoundNote {
  /** The element holding the note's text: in the page, or made from a marker's attribute; undefined when a marker points at nothing. */
  block: Element | undefined;
  /** The elements a reference replaces (the outermost wrapper of each marker), in document order. */
  markers: Element[];
  /** Elements inside `block` that are not note text: its number, back-links. */
  debris: Set<Element>;
  visibleNumber: number | undefined;
  /** What the first marker showed (`3`, `*`, `[a]`), to take the same label off the note's start. */
  label: string | undefined;
  /** The fragment a marker pointed at, for messages. */
  fragment: string | undefined;
  /** Elements that go with the note's block: the label cell of a table of notes, docutils' `<dt>`. */
  companions?: Element[];
  /** The block was made from the text in one of the marker's attributes (a tooltip script's copy). */
  fromAttribute?: true;
}

interface PageIndex {
  elements: Element[];
  parents: Map<Nodes, Parents>;
  order: Map<Element, number>;
  byId: Map<string, Element>;
  /** Elements carrying the same note data attribute and value (`dataMfn=3`), in document order. */
  byPairing: Map<string, Element[]>;
  /** Elements marked up as a note, in document order. */
  noteItems: Element[];
  /** Elements marked up as a note or a list of notes. */
  noteMarkup: Set<Element>;
  /** Elements a link of the page points at. */
  targets: Set<Element>;
}

/**
 * Finds the footnotes of an HTML page or fragment and rewrites them in place into the neutral form
 * above. Markers and notes are tied by links (`href="#fn1"`, Word's `#_ftn1`, LibreOffice's
 * `#sdfootnote1sym`, MediaWiki's `#cite_note-…`), by ARIA, `for` and data attributes, by the marker
 * sitting next to its note (HTMLBook, Tufte sidenotes, Modern Footnotes), by the label a note
 * begins with when its id is gone, or by the note's text held in an attribute of the marker
 * (tooltips). A note may hold markers of its own; one note may have several markers. Markers that
 * point at nothing are reported as `note-undefined`, notes nobody points at as `note-unreferenced`
 * (they are kept).
 */
export function recogniseFootnotes(tree: Root | Element, file: VFile): void {
  splitLinesOfNotes(tree);
  const index = indexPage(tree);
  const repeats: Element[] = [];
  const referenced = referencedNotes(index, repeats);
  const unreferenced = withAttributeCopies(referenced, unreferencedNotes(referenced, index));
  const notes = [...referenced, ...withBareMarkers(unreferenced, referenced, index, file)];
  if (notes.length === 0) return;
  // A note the source left empty has nothing to keep: its markers go, and the editor is told.
  const empty = new Set(notes.filter(isEmptyNote));
  for (const note of empty) {
    const place = note.markers[0]?.position?.start ?? note.block?.position?.start ?? { line: 1, column: 1 };
    const where = note.fragment ? ` (#${note.fragment})` : '';
    report(file, 'note-empty', `note${where} has no text in the source; its ${note.markers.length === 1 ? 'marker was' : 'markers were'} dropped`, place);
    for (const marker of note.markers) replaceMarker(marker, undefined, index.parents);
    note.markers = [];
  }
  const kept = notes.filter((note) => !empty.has(note));
  const identifiers = noteIdentifiers(kept);

  // References first, so that a note holding a marker of its own is copied with its reference in it.
  kept.forEach((note, position) => {
    for (const marker of note.markers) replaceMarker(marker, noteReference(identifiers[position] as string, marker), index.parents);
  });
  unlinkCrossReferences(notes, index);
  const definitions: Element[] = [];
  kept.forEach((note, position) => {
    const identifier = identifiers[position] as string;
    const definition = note.block && noteDefinition(identifier, { ...note, block: note.block, inline: note.markers.includes(note.block) });
    const markerPlace = note.markers[0]?.position?.start ?? { line: 1, column: 1 };
    if (!definition) {
      report(file, 'note-undefined', `footnote marker ${identifier} points to #${note.fragment}, which is not in the page`, markerPlace);
    } else {
      if (note.markers.length === 0) {
        const text = collapsedText(definition);
        report(
          file,
          'note-unreferenced',
          `note ${identifier} (“${text.slice(0, 40)}”) has no marker in the text; it is kept`,
          note.block?.position?.start ?? markerPlace,
        );
      }
      definitions.push(definition);
    }
  });
  for (const note of notes) {
    if (note.block && !note.markers.includes(note.block)) removeNoteBlock(note.block, tree, index.parents);
    for (const companion of note.companions ?? []) removeNoteBlock(companion, tree, index.parents);
  }
  for (const repeat of repeats) removeNoteBlock(repeat, tree, index.parents);
  definitions.sort((a, b) => Number(a.properties.identifier) - Number(b.properties.identifier));
  tree.children.push(...definitions);
}

/** Fragments and ids (`fn1` for `href="#fn1"`) that the markers of a tree point at, whether or not their notes are there. */
export function noteMarkerFragments(tree: Root | Element): string[] {
  const parents = parentMap(tree);
  return elementsOf(tree).flatMap((element) => {
    const fragment = linkFragment(element);
    if (fragment) return isExplicitMarker(element, parents) || looksLikeMarker(element, parents) ? [fragment] : [];
    // ARIA names ids; a plugin's data values (`data-mfn="3"`) need not be ids, and would pull unrelated parts of the page in.
    const ariaIds = ['ariaDescribedBy', 'ariaDetails'].flatMap((key) => (stringProperty(element, key) ?? '').split(/\s+/).filter((id) => id !== ''));
    return isExplicitMarker(element, parents) || hasNoteName(element) ? ariaIds : [];
  });
}

/** GitHub-style sanitisers prefix ids with `user-content-` (and remark-rehype does for GFM notes): ids and links compare without it. */
export function withoutClobberPrefix(id: string): string {
  return id.replace(/^user-content-/, '');
}

function indexPage(tree: Root | Element): PageIndex {
  const elements = elementsOf(tree);
  const noteItems = selectAll(noteItemSelector, tree);
  const byId = new Map<string, Element>();
  const byPairing = new Map<string, Element[]>();
  for (const element of elements) {
    for (const key of ['id', 'name']) {
      const value = stringProperty(element, key);
      if (value && !byId.has(withoutClobberPrefix(value))) byId.set(withoutClobberPrefix(value), element);
    }
    for (const pairing of pairingAttributes(element)) byPairing.set(pairing, [...(byPairing.get(pairing) ?? []), element]);
  }
  return {
    elements,
    parents: parentMap(tree),
    order: new Map(elements.map((element, position) => [element, position])),
    byId,
    byPairing,
    noteItems,
    noteMarkup: new Set([...noteItems, ...selectAll(noteListSelector, tree)]),
    targets: new Set(elements.flatMap((element) => byId.get(linkFragment(element) ?? '') ?? [])),
  };
}

function linkFragment(element: Element): string | undefined {
  if (element.tagName !== 'a') return undefined;
  const href = stringProperty(element, 'href') ?? '';
  const hash = href.indexOf('#');
  if (hash < 0 || hash === href.length - 1) return undefined;
  // Absolute links to the page's own notes (`https://blog/post/#fn1`, Word's `file:///C:/…/essay.docx#_ftn1`) are resolved by the id lookup.
  try {
    return withoutClobberPrefix(decodeURIComponent(href.slice(hash + 1)));
  } catch {
    return withoutClobberPrefix(href.slice(hash + 1));
  }
}

/**
 * A plain link that reads like a marker the way most pages set one: a number or symbol in
 * superscript, or a bracketed number, the brackets inside the link or around it (SPIP's
 * `[<a href="#nb1">1</a>]`, `(<a>1</a>)`).
 */
function looksLikeMarker(link: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const text = collapsedText(link);
  if (!isMarkerText(text)) return false;
  return isSuperscript(link, parents) || /^\[\s*\d+\s*\]$/.test(text) || (/^\d{1,4}$/.test(text) && isBracketedInText(link, parents));
}

/** A candidate marker and how its note was found. */
type Resolution =
  | { kind: 'block'; block: Element; target: Element; fragment: string | undefined }
  | { kind: 'text'; text: string }
  | { kind: 'missing'; fragment: string };

/** Notes reached from markers, in the order of their first marker; a note's own markers (nested notes) included. */
function referencedNotes(index: PageIndex, repeats: Element[]): FoundNote[] {
  const { parents, elements } = index;
  const found: FoundNote[] = [];
  const byBlock = new Map<Element, FoundNote>();
  const taken = new Set<Element>();
  const isTaken = (element: Element) => {
    for (let node: Nodes | undefined = element; node && node.type === 'element'; node = parents.get(node)) if (taken.has(node)) return true;
    return false;
  };
  const debris = new Set<Element>();
  const inDebris = (element: Element) => {
    for (let node: Nodes | undefined = element; node && node.type === 'element'; node = parents.get(node)) if (debris.has(node)) return true;
    return false;
  };

  for (const element of elements) {
    if (byBlock.has(element) || isTaken(element) || inDebris(element)) continue;
    if (isInlineNote(element)) {
      // LaTeXML repeats the note's number inside it (`<sup class="ltx_note_mark">1</sup>`).
      const own = noteDebris(element, element, index);
      const note: FoundNote = { block: element, markers: [element], debris: own, visibleNumber: undefined, label: undefined, fragment: undefined };
      for (const inner of own) debris.add(inner);
      found.push(note);
      byBlock.set(element, note);
      continue;
    }
    const resolution = resolveMarker(element, index, byBlock);
    if (!resolution) continue;
    const marker = markerWrapper(element, parents);
    taken.add(marker);
    const label = collapsedText(element);
    if (resolution.kind === 'missing') {
      found.push({ block: undefined, markers: [marker], debris: new Set(), visibleNumber: labelNumber(label), label, fragment: resolution.fragment });
      continue;
    }
    if (resolution.kind === 'text') {
      const block = attributeNote(resolution.text, element);
      found.push({ block, markers: [marker], debris: new Set(), visibleNumber: labelNumber(label), label, fragment: undefined, fromAttribute: true });
      continue;
    }
    const { block, target, fragment } = resolution;
    // A tooltip right after the marker repeats a note that is elsewhere (the WordPress “footnotes” plugin).
    const tooltip = tooltipAfter(element, parents);
    if (tooltip && tooltip !== block) repeats.push(tooltip);
    // The empty anchors between a marker and its tooltip are the plugin's, not textless markers of their own.
    if (tooltip) for (const anchor of elementsBetween(marker, tooltip, parents)) taken.add(anchor);
    let note = byBlock.get(block);
    if (!note) {
      const cell = labelCell(block, parents);
      note = {
        block,
        markers: [],
        debris: noteDebris(block, target, index, label),
        visibleNumber: labelNumber(label) ?? numberInBlock(cell ?? block, target) ?? listPosition(block, parents),
        label,
        fragment,
        ...(cell ? { companions: [cell] } : {}),
      };
      byBlock.set(block, note);
      found.push(note);
      for (const element of note.debris) debris.add(element);
    }
    note.markers.push(marker);
  }
  return found;
}

/**
 * Whether `element` is a note marker, and where its note is: the target of its link, of its ARIA,
 * `for` or data attributes, the block its label begins (when the link's target is gone), or the
 * text of one of its attributes. Undefined when it is not a marker.
 */
function resolveMarker(element: Element, index: PageIndex, byBlock: ReadonlyMap<Element, FoundNote>): Resolution | undefined {
  const { parents, byId } = index;
  const fragment = linkFragment(element);
  if (fragment === undefined && !markerTags.has(element.tagName)) return undefined;
  const explicit = isExplicitMarker(element, parents);
  const reads = readsAsMarker(element);
  if (!explicit && !reads) return undefined;
  const chain = markerChain(element, parents);
  const context = explicit || isSuperscript(element, parents) || chain.some(hasNoteName) || /^[[(].*[\])]$|^[*†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(collapsedText(element));
  if (fragment !== undefined) {
    const inSuperscript = looksLikeMarker(element, parents);
    if (!explicit && !inSuperscript && isCrossReference(element, parents)) return undefined;
    const target = byId.get(fragment);
    if (target) {
      const block = acceptedTarget(element, target, index, explicit || inSuperscript) ?? (explicit ? noteAlreadyFound(target, index, byBlock) : undefined);
      return block ? { kind: 'block', block, target, fragment } : undefined;
    }
    // The id is gone (a sanitiser, an editor pasting from Word): the note that begins with the marker's label.
    const labelled = context ? labelledBlock(element, index, byBlock) : undefined;
    if (labelled) return { kind: 'block', block: labelled, target: labelled, fragment };
    const text = context ? attributeNoteText(chain) : undefined;
    if (text) return { kind: 'text', text };
    // A marker by its markup, or a superscript number pointing at a note's id (`#fn3`, `#_ftn3`): its note is lost.
    const namedMissing = explicit || (inSuperscript && noteIds.test(fragment));
    if (!namedMissing || insideNoteMarkup(element, index) || /ref|anchor|link|marker|back|return/i.test(fragment)) return undefined;
    return { kind: 'missing', fragment };
  }
  // A wrapper whose link is read in its turn, or a link elsewhere (a page number with a title is not a note).
  if ([element, ...elementsOf(element)].some((inner) => inner.tagName === 'a' && (linkFragment(inner) !== undefined || isLinkOut(inner)))) return undefined;
  if (insideLink(element, parents)) return undefined;
  for (const id of referencedIds(element)) {
    const target = byId.get(id);
    const block = target && acceptedTarget(element, target, index, context);
    if (target && block) return { kind: 'block', block, target, fragment: id };
  }
  for (const pairing of pairingAttributes(element)) {
    const target = index.byPairing
      .get(pairing)
      ?.find((other) => isBefore(element, other, index) && !contains(element, other, parents) && !readsAsMarker(other));
    const block = target && acceptedTarget(element, target, index, context);
    if (target && block) return { kind: 'block', block, target, fragment: undefined };
  }
  // A script's marker that lost its `onclick` keeps an id that names its note's (`…_tooltip_3` → `…_reference_3`).
  for (const id of chain.flatMap((link) => counterpartIds(stringProperty(link, 'id') ?? ''))) {
    const target = byId.get(id);
    const block = target && acceptedTarget(element, target, index, context);
    if (target && block) return { kind: 'block', block, target, fragment: id };
  }
  const tooltip = context ? tooltipAfter(element, parents) : undefined;
  if (tooltip) return { kind: 'block', block: tooltip, target: tooltip, fragment: undefined };
  const text = context ? attributeNoteText(chain) : undefined;
  return text ? { kind: 'text', text } : undefined;
}

/**
 * A marker set after its note that points at a note an earlier marker reached: a note used twice
 * (docutils' second `[1]`, a reference inside another note, or in the note itself: “both as a footnote
 * reference ([2]) and…”). Only a marker marked up as one counts: a plain link back up the page is a
 * cross-reference. The note's own leading label is debris, passed over before this is asked.
 */
function noteAlreadyFound(target: Element, index: PageIndex, byBlock: ReadonlyMap<Element, FoundNote>): Element | undefined {
  for (let node: Nodes | undefined = target; node && node.type === 'element'; node = index.parents.get(node)) {
    if (byBlock.has(node)) return node;
  }
  return undefined;
}

/** The ids a note may have, given its marker's: the marker's word for itself swapped for the note's. */
function counterpartIds(id: string): string[] {
  if (id === '') return [];
  const swaps: [RegExp, string][] = [
    [/tooltip/, 'reference'],
    [/ref(?=[-_:.]?\d)/i, ''],
    [/anc$/, 'sym'],
    [/[-_]?anchor/, ''],
    [/[-_]?(?:call|marker|link)(?=[-_:.]?\d|$)/, ''],
  ];
  return swaps.flatMap(([pattern, replacement]) => (pattern.test(id) ? [id.replace(pattern, replacement)] : [])).filter((other) => other !== id);
}

/** A tooltip or popover element set right after a marker, holding a note's text (or a copy of it). */
function tooltipAfter(marker: Element, parents: ReadonlyMap<Nodes, Parents>): Element | undefined {
  const outer = markerWrapper(marker, parents);
  const parent = parents.get(outer);
  if (!parent) return undefined;
  // Empty anchors the plugin sets between them (the “footnotes” plugin's `span.footnote_referrer_base`) are passed over.
  const next = parent.children.slice(parent.children.indexOf(outer) + 1).find((child) => hasVisibleContent(child));
  if (!isElement(next) || blockTags.has(next.tagName)) return undefined;
  const tooltip =
    stringProperty(next, 'role') === 'tooltip' || classNames(next).some((name) => /tooltip|popover|popup|footnote[-_]?(?:text|content|body)/i.test(name));
  return tooltip ? next : undefined;
}

/** The elements between two siblings. */
function elementsBetween(first: Element, last: Element, parents: ReadonlyMap<Nodes, Parents>): Element[] {
  const parent = parents.get(first);
  if (!parent || parent !== parents.get(last)) return [];
  return parent.children.slice(parent.children.indexOf(first) + 1, parent.children.indexOf(last)).filter((child): child is Element => child.type === 'element');
}

/** The cell or term that holds only a note's label, when the note's text is in the cell or description after it. */
function labelCell(block: Element, parents: ReadonlyMap<Nodes, Parents>): Element | undefined {
  if (!isElement(block, 'td', 'dd')) return undefined;
  const parent = parents.get(block);
  const siblings = parent ? (parent.children as Nodes[]).filter((child): child is Element => child.type === 'element') : [];
  const previous = siblings[siblings.indexOf(block) - 1];
  return previous && isLabelOnly(previous) ? previous : undefined;
}

function isLabelOnly(element: Element): boolean {
  if (!isElement(element, 'th', 'td', 'dt')) return false;
  const text = collapsedText(element).replace(/[↩↑⤴^\s]/g, '');
  return text === '' || isMarkerText(text);
}

/**
 * Links that still point into a note once the markers are references (“as note <a href="#fn3">3</a>
 * says”) would lead nowhere in the chapter: they become their text.
 */
function unlinkCrossReferences(notes: readonly FoundNote[], { elements, byId, parents }: PageIndex): void {
  const inNotes = new Set(
    notes.flatMap((note) => [...(note.block ? [note.block] : []), ...(note.companions ?? [])]).flatMap((block) => [block, ...elementsOf(block)]),
  );
  for (const link of elements) {
    const fragment = linkFragment(link);
    const target = fragment === undefined ? undefined : byId.get(fragment);
    const parent = parents.get(link);
    if (!target || !inNotes.has(target) || !parent) continue;
    const position = parent.children.indexOf(link);
    if (position >= 0) parent.children.splice(position, 1, ...link.children);
  }
}

/** “As note <a href="#fn3">3</a> says”: a link to a note that the text names as one is a cross-reference, not a marker. */
function isCrossReference(link: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const parent = parents.get(link);
  if (!parent) return false;
  const before = parent.children.slice(0, parent.children.indexOf(link));
  const text = before.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? collapsedText(node) : '')).join('');
  return /\b(?:(?:foot|end)?notes?|nn?\.|fn\.?|see|cf\.|anm\.|nota)\s*$/i.test(text);
}

/** Elements that may stand for a marker without a link: a superscript, a span, a link-less `<a>` (a script's button). */
const markerTags = new Set(['a', 'sup', 'span', 'small', 'abbr', 'cite']);

function isLinkOut(link: Element): boolean {
  const href = stringProperty(link, 'href');
  return href !== undefined && href !== '' && !href.startsWith('#');
}

/**
 * The note block a marker's target stands for, if the pair reads as a marker and its note: the
 * note comes after the marker and does not hold it; a marker that its markup does not name as one
 * must point at a note that answers it (note markup, a note-like id, a link back, or the same label
 * at its start), or, set in superscript, at least at a block that is not a heading or a page region.
 */
function acceptedTarget(marker: Element, target: Element, index: PageIndex, named: boolean): Element | undefined {
  const { parents } = index;
  if (!isBefore(marker, target, index) || contains(target, marker, parents)) return undefined;
  const found = noteBlock(target, marker, index);
  if (!found || contains(found, marker, parents)) return undefined;
  const block = labelledPart(found, marker) ?? found;
  const explicit = isExplicitMarker(marker, parents);
  const heading = headingTags.has(block.tagName) || elementsOf(block).some((element) => headingTags.has(element.tagName));
  if (heading && !explicit) return undefined;
  if (explicit || answers(block, target, marker, index)) return block;
  if (!named) return undefined;
  const region = [target, block].some(
    (element) =>
      regionTags.has(element.tagName) || regionNames.test(stringProperty(element, 'id') ?? '') || classNames(element).some((name) => regionNames.test(name)),
  );
  return region ? undefined : block;
}

/** The note says it is the marker's: it is marked up as a note, has a note's id, links back to the marker, or begins with its label. */
function answers(block: Element, target: Element, marker: Element, index: PageIndex): boolean {
  const { noteMarkup, parents, byId } = index;
  if (noteMarkup.has(block) || noteMarkup.has(target)) return true;
  if ([target, block].some((element) => noteIds.test(withoutClobberPrefix(stringProperty(element, 'id') ?? stringProperty(element, 'name') ?? ''))))
    return true;
  const chain = markerChain(marker, parents);
  const linksBack = elementsOf(block).some((element) => {
    const fragment = linkFragment(element);
    const pointed = fragment === undefined ? undefined : byId.get(fragment);
    return pointed !== undefined && chain.includes(pointed);
  });
  return linksBack || beginsWithLabel(block, collapsedText(marker));
}

/** Whether a block's first words are the marker's label, as notes set it: `[3]`, `(3)`, `3.`, `3)`, `³`, `*`, `†`. */
function beginsWithLabel(block: Element, markerText: string): boolean {
  const first = firstText(block);
  if (first === undefined || markerText === '') return false;
  const core = labelCore(markerText);
  if (first === markerText || first === core) return true;
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const number = labelNumber(markerText);
  const superscript = number === undefined ? undefined : raised(String(number));
  const forms = [`\\[${escaped}\\]`, `\\(${escaped}\\)`, `${escaped}[.)](?=\\s|$)`, ...(superscript ? [superscript] : [])];
  if (/^[*†‡§¶]+$/.test(core)) forms.push(`${escaped}(?![*†‡§¶])`);
  return new RegExp(`^(?:${forms.join('|')})`).test(first);
}

/** Pages that link every marker to the whole notes section (`href="#notes"`): the part of it that begins with the marker's label. */
function labelledPart(block: Element, marker: Element): Element | undefined {
  const text = collapsedText(marker);
  if (!isMarkerText(text)) return undefined;
  const parts = elementsOf(block).filter(
    (element) => ['p', 'li', 'div', 'dd'].includes(element.tagName) && !element.children.some((child) => isElement(child, 'p', 'div', 'li', 'ol', 'ul')),
  );
  const labelled = parts.filter(startsWithLabel);
  return labelled.length >= 2 ? labelled.find((part) => beginsWithLabel(part, text)) : undefined;
}

/**
 * For a marker whose link target is not in the page: the first block after it that begins with its
 * label and stands where notes stand (after a rule or a “Notes” heading, in note markup, or among
 * blocks that begin with labels too), so that a body paragraph that happens to begin “3.” is not
 * taken for a note.
 */
function labelledBlock(marker: Element, index: PageIndex, byBlock: ReadonlyMap<Element, FoundNote>): Element | undefined {
  const text = collapsedText(marker);
  if (!isMarkerText(text)) return undefined;
  const number = labelNumber(text);
  const start = index.order.get(marker) ?? 0;
  return index.elements.find(
    (element) =>
      (index.order.get(element) ?? 0) > start &&
      isLeafBlock(element) &&
      !byBlock.has(element) &&
      (beginsWithLabel(element, text) || (number !== undefined && listPosition(element, index.parents) === number)) &&
      inNotesArea(element, index),
  );
}

function isLeafBlock(element: Element): boolean {
  return ['p', 'li', 'div', 'dd'].includes(element.tagName) && !element.children.some((child) => isElement(child, 'p', 'div', 'li', 'ol', 'ul', 'table'));
}

/** After a rule or a notes heading (at its level or above), inside note markup, or next to another block that begins with a label. */
function inNotesArea(block: Element, index: PageIndex): boolean {
  const { parents } = index;
  if (insideNoteMarkup(block, index)) return true;
  for (let node: Element | undefined = block; node; ) {
    const parent = parents.get(node);
    if (!parent) break;
    const before = parent.children.slice(0, parent.children.indexOf(node));
    if (before.some((sibling) => sibling.type === 'element' && (isNotesChrome(sibling) || elementsOf(sibling).some((inner) => inner.tagName === 'hr'))))
      return true;
    node = parent.type === 'element' ? parent : undefined;
  }
  const parent = parents.get(block);
  const siblings = parent ? (parent.children as Nodes[]).filter((child): child is Element => child.type === 'element') : [];
  const position = siblings.indexOf(block);
  return [siblings[position - 1], siblings[position + 1]].some((sibling) => sibling !== undefined && isLeafBlock(sibling) && startsWithLabel(sibling));
}

function startsWithLabel(block: Element): boolean {
  return /^(?:\[[^\]]{1,6}\]|\([^)]{1,6}\)|\d{1,4}[.)]|[*†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]+)/.test(firstText(block) ?? '');
}

/** A marker whose note exists only in an attribute: the note as an element outside the page, placed at the marker. */
function attributeNote(text: string, marker: Element): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: {},
    children: [{ type: 'text', value: text }],
    ...(marker.position ? { position: marker.position } : {}),
  };
}

/** HTMLBook writes a note where it belongs (`<span data-type="footnote">`), and so do Tufte's sidenotes and Modern Footnotes when no marker claimed them. */
function isInlineNote(element: Element): boolean {
  if (!['span', 'small'].includes(element.tagName)) return false;
  if (element.properties.dataType === 'footnote' || (stringProperty(element, 'epub:type') ?? '').split(/\s+/).includes('footnote')) return true;
  const names = classNames(element);
  if (names.includes('ltx_note') && names.some((name) => /^ltx_role_(?:foot|end)note$/.test(name))) return true;
  return names.some((name) => ['sidenote', 'marginnote', 'modern-footnotes-footnote__note'].includes(name)) && hasVisibleContent(element);
}

/** Notes marked up as notes (in a notes list, or by role or type) that no marker reached. */
function unreferencedNotes(referenced: readonly FoundNote[], index: PageIndex): FoundNote[] {
  const claimed = referenced.flatMap((note) => (note.block ? [note.block] : []));
  const items = index.noteItems.filter((item) => !isInlineNote(item));
  const outermost = items.filter((item) => !items.some((other) => other !== item && contains(other, item, index.parents)));
  return outermost
    .filter((item) => !claimed.some((block) => contains(block, item, index.parents) || contains(item, block, index.parents)))
    .map((item) => {
      const numberAnchor = elementsOf(item).find((element) => element.tagName === 'a' && labelNumber(collapsedText(element)) !== undefined);
      return {
        block: item,
        markers: [],
        debris: noteDebris(item, numberAnchor ?? item, index),
        visibleNumber: numberInBlock(item, numberAnchor ?? item) ?? listPosition(item, index.parents),
        label: undefined,
        fragment: undefined,
      };
    });
}

/**
 * Scripts that turn markers into buttons (Bigfoot, littlefoot) copy each note into the button's
 * attribute and may leave the page's list of notes in place: a note read from an attribute (or set
 * inline where the button was) whose text is that of a note in the page nobody points at is that
 * note. The page's note is kept (with its markup) and the copy goes; the rest stay unreferenced.
 */
function withAttributeCopies(referenced: readonly FoundNote[], unreferenced: FoundNote[]): FoundNote[] {
  const textOf = (note: FoundNote) => (note.block ? collapsedText(cloneWithout(note.block, note.debris)).replace(/\s+/g, ' ').trim() : '');
  const remaining = [...unreferenced];
  for (const copy of referenced) {
    // A button's note is written where the marker is (an inline note) or read from an attribute.
    const isCopy = copy.fromAttribute || (copy.block !== undefined && copy.markers.includes(copy.block));
    if (!isCopy) continue;
    const text = textOf(copy);
    const original = remaining.find((note) => text !== '' && textOf(note) === text);
    if (!original) continue;
    remaining.splice(remaining.indexOf(original), 1);
    Object.assign(copy, {
      block: original.block,
      debris: original.debris,
      visibleNumber: copy.visibleNumber ?? original.visibleNumber,
      fromAttribute: undefined,
    });
  }
  return remaining;
}

/**
 * Notes in a marked-up list (`section.footnotes`, `ol.footnotes`) whose markers the page typed as
 * bare superscripts with no link (`<sup>1</sup>`): the superscript numbers before the notes, in the
 * longest chain of increasing numbers, are their markers. A number the chain has already tied comes
 * again (a note used twice, or an exponent that reads like a marker): it is tied too, and reported as
 * note-marker-repeated so that the editor looks. A note none reaches stays unreferenced and is reported.
 */
function withBareMarkers(unreferenced: FoundNote[], referenced: readonly FoundNote[], index: PageIndex, file: VFile): FoundNote[] {
  const numbers = unreferenced.map((note) => note.visibleNumber);
  if (unreferenced.length === 0 || numbers.some((number) => number === undefined) || new Set(numbers).size !== numbers.length) return unreferenced;
  const byNumber = new Map(unreferenced.map((note) => [note.visibleNumber as number, note]));
  const firstNote = Math.min(
    ...unreferenced.map((note) => (note.block ? (index.order.get(note.block) ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY)),
  );
  const claimed = referenced.flatMap((note) => [...note.markers, ...(note.block ? [note.block] : [])]);
  const isBareMarker = (element: Element) => {
    if (element.tagName !== 'sup' || (index.order.get(element) ?? firstNote) >= firstNote) return false;
    if (elementsOf(element).some((inner) => inner !== element && inner.tagName === 'a')) return false;
    for (let node = index.parents.get(element); node && node.type === 'element'; node = index.parents.get(node)) {
      if (node.tagName === 'a' || index.noteMarkup.has(node)) return false;
    }
    return !claimed.some((other) => contains(other, element, index.parents));
  };
  const bare = index.elements.filter(isBareMarker).flatMap((element) => {
    const text = collapsedText(element);
    const number = /^\d{1,4}$/.test(text) ? Number(text) : undefined;
    return number !== undefined && byNumber.has(number) ? [{ element, number }] : [];
  });
  const candidates: MarkerCandidate[] = bare.map(({ number }, position) => ({
    note: number,
    notes: [number],
    start: position,
    end: position,
    afterYear: false,
    kind: 'superscript',
  }));
  const chain = alignCandidates(candidates, Math.max(...byNumber.keys())).markers;
  const chosen = new Set(chain);
  const tied = new Set(chain.map((candidate) => candidate.note));
  candidates.forEach((candidate, position) => {
    const found = bare[position];
    if (!found) return;
    if (chosen.has(candidate)) byNumber.get(found.number)?.markers.push(found.element);
    else if (tied.has(found.number)) {
      // The same number again (a note used twice, or an exponent that reads like one): tied, and told.
      byNumber.get(found.number)?.markers.push(found.element);
      report(
        file,
        'note-marker-repeated',
        `marker ${found.number} is used again: it points to the same note`,
        found.element.position?.start ?? { line: 1, column: 1 },
      );
    }
  });
  return unreferenced;
}

/**
 * The element that holds a note's whole text. A target that is a block is the note; so is one
 * marked up as a note or set right after its marker (a sidenote, a plugin's note span). Any other
 * inline target (Substack's number link, Word's `[1]` anchor, an empty plugin span) names its
 * block, and a wrapper that holds just that note (Word's `div#ftn1`, a list item) takes in its
 * other paragraphs.
 */
function noteBlock(target: Element, marker: Element, index: PageIndex): Element | undefined {
  const { parents, noteMarkup } = index;
  const cell = labelledTextCell(target, parents);
  if (cell) return cell;
  if (blockTags.has(target.tagName) || headingTags.has(target.tagName)) return target;
  if (noteMarkup.has(target) && hasVisibleContent(target)) return target;
  if (followsMarker(target, marker, parents) && hasVisibleContent(target) && !isMarkerText(collapsedText(target))) return target;
  let block: Element | undefined;
  for (let node = parents.get(target); node && node.type === 'element'; node = parents.get(node)) {
    if (blockTags.has(node.tagName)) {
      block = node;
      break;
    }
  }
  if (!block) return undefined;
  for (let parent = parents.get(block); isElement(parent, 'div', 'li', 'aside'); parent = parents.get(block)) {
    const holdsOneNote = parent.tagName === 'li' || stringProperty(parent, 'id') !== undefined || noteMarkup.has(parent);
    const startsWithBlock = parent.children.find((child) => child.type === 'element') === block;
    const otherTargets = elementsOf(parent).some((other) => other !== target && (index.targets.has(other) || isNoteTarget(other, index)));
    if (!holdsOneNote || !startsWithBlock || otherTargets) break;
    block = parent;
  }
  return block;
}

/**
 * Notes set as a table or a definition list, a row or term per note (docutils, the WordPress
 * “footnotes” plugin): the cell or description with the text, when the target is the table, the
 * row, or the cell or term that holds only the label.
 */
function labelledTextCell(target: Element, parents: ReadonlyMap<Nodes, Parents>): Element | undefined {
  let cell: Element | undefined = target;
  if (isElement(target, 'table', 'tbody', 'tr')) {
    const rows = elementsOf(target).filter((element) => element.tagName === 'tr');
    cell = rows.length === 1 ? rows[0]?.children.find((child): child is Element => isElement(child, 'th', 'td')) : undefined;
  } else {
    for (let node: Nodes | undefined = target; node && node.type === 'element'; node = parents.get(node)) {
      cell = node;
      if (isElement(node, 'th', 'td', 'dt', 'dd', 'p', 'li', 'div')) break;
    }
  }
  if (!cell || !isLabelOnly(cell)) return undefined;
  const parent = parents.get(cell);
  const siblings = parent ? (parent.children as Nodes[]).filter((child): child is Element => child.type === 'element') : [];
  const next = siblings[siblings.indexOf(cell) + 1];
  return isElement(next, 'td', 'dd') && hasVisibleContent(next) ? next : undefined;
}

/** An element some link or marker attribute in the page points at. */
function isNoteTarget(element: Element, { byId }: PageIndex): boolean {
  const id = stringProperty(element, 'id') ?? stringProperty(element, 'name');
  return id !== undefined && byId.get(withoutClobberPrefix(id)) === element && noteIds.test(id);
}

/** Nothing a reader sees stands between the marker (with its wrappers) and `element`. */
function followsMarker(element: Element, marker: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const outer = markerWrapper(marker, parents);
  const parent = parents.get(outer);
  if (!parent || parents.get(element) !== parent) return false;
  const between = parent.children.slice(parent.children.indexOf(outer) + 1, parent.children.indexOf(element));
  return parent.children.indexOf(element) > parent.children.indexOf(outer) && !between.some(hasVisibleContent);
}

/** What inside a note block is not its text: the label it starts with and the links back to the marker, with what holds only them. */
function noteDebris(block: Element, target: Element, index: PageIndex, markerLabel?: string): Set<Element> {
  const { parents, order, byId } = index;
  const debris = new Set<Element>();
  if (target !== block) debris.add(markerWrapper(target, parents, block));
  const first = firstText(block);
  for (const element of elementsOf(block)) {
    const text = collapsedText(element);
    if (element.tagName !== 'a') {
      // `<p><sup>3</sup> The note…` and `<p><b>*</b> The note…`: the note's own label.
      // docutils sets the brackets apart (`<span class="label"><span>[</span>1<span>]</span></span>`): the label is the element the note begins with.
      const leads = text === first || (first !== undefined && firstText(element) === first);
      if (isElement(element, 'sup', 'b', 'strong', 'span') && leads && isNoteLabel(text, markerLabel) && !elementsOf(element).some(isAnchor))
        debris.add(element);
      continue;
    }
    const fragment = linkFragment(element);
    const pointed = fragment === undefined ? undefined : byId.get(fragment);
    // A marker inside the note that points up at another note (docutils' “as in [1]”) is no back-link: back-links point at markers.
    const noteInNote = pointed !== undefined && blockTags.has(pointed.tagName) && isExplicitMarker(element, parents);
    const pointsUp = pointed !== undefined && !noteInNote && (order.get(pointed) ?? Number.POSITIVE_INFINITY) < (order.get(block) ?? 0);
    const markedBack =
      element.properties.dataFootnoteBackref !== undefined ||
      stringProperty(element, 'role') === 'doc-backlink' ||
      stringProperty(element, 'rev') === 'footnote' ||
      classNames(element).some((name) => /back|return|to-top|reverse/i.test(name));
    const leadingLabel = isNoteLabel(text, markerLabel) && fragment !== undefined && first === text;
    // Plugins draw some back-links with CSS alone: an empty link to a fragment.
    const emptyJump = text === '' && fragment !== undefined && !elementsOf(element).some((child) => child.tagName === 'img');
    if (pointsUp || markedBack || backArrow.test(text) || leadingLabel || emptyJump)
      debris.add(backLinkHolder(markerWrapper(element, parents, block), block, debris, parents));
  }
  return debris;
}

/**
 * The label a note starts with: its marker's number or symbols, bracketed or not. Without a marker
 * to compare, a short number or symbols; a bare letter or a year is more likely a word (“<b>A</b>
 * is for…”, “<b>1998</b> was…”).
 */
function isNoteLabel(text: string, markerLabel: string | undefined): boolean {
  if (!/^(?:[[(][^\])]{1,6}[\])]|\d{1,4}[.):]?|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}|[*†‡§¶]{1,3})$/.test(text)) return false;
  if (markerLabel === undefined || markerLabel === '') return !/\d{4}/.test(text) && !/^[[(][a-z]{2,}/i.test(text);
  const number = labelNumber(markerLabel);
  return number !== undefined ? labelNumber(text.replace(/[:]$/, '')) === number : labelCore(text) === labelCore(markerLabel);
}

function isAnchor(element: Element): boolean {
  return element.tagName === 'a';
}

/** MediaWiki wraps a note's back-links with their arrow (`<span class="mw-cite-backlink">↑ a b</span>`): the wrapper goes whole. */
function backLinkHolder(link: Element, block: Element, debris: ReadonlySet<Element>, parents: ReadonlyMap<Nodes, Parents>): Element {
  let holder = link;
  for (let parent = parents.get(holder); isElement(parent, 'span', 'sup', 'small') && parent !== block; parent = parents.get(holder)) {
    const rest = cloneWithout(parent, new Set([...debris, holder, ...elementsOf(parent).filter((element) => element.tagName === 'a')]));
    if (!backLinkLeftovers.test(collapsedText(rest))) break;
    holder = parent;
  }
  return holder;
}

/**
 * The outermost element that holds nothing but this marker (`sup.footnote > a`, `sup > sup > a`,
 * `<sup>[<a>1</a>]</sup>`), below `limit`.
 */
function markerWrapper(element: Element, parents: ReadonlyMap<Nodes, Parents>, limit?: Element): Element {
  let wrapper = element;
  for (
    let parent = parents.get(wrapper);
    isElement(parent, 'sup', 'span', 'small', 'strong', 'b', 'em', 'i') && parent !== limit;
    parent = parents.get(wrapper)
  ) {
    const others = parent.children.filter((child) => child !== wrapper && hasVisibleContent(child) && !isBracket(child));
    if (others.length > 0) break;
    wrapper = parent;
  }
  return wrapper;
}

function isBracket(node: Nodes): boolean {
  return node.type === 'text' && /^[\s[\]()]*$/.test(node.value);
}

/** The marker with the elements around it that may carry its attributes (a `sup` around a link, a link around a `sup`). */
function markerChain(marker: Element, parents: ReadonlyMap<Nodes, Parents>): Element[] {
  const outer = markerWrapper(marker, parents);
  const chain: Element[] = [];
  for (let node: Nodes | undefined = marker; node && node.type === 'element'; node = parents.get(node)) {
    chain.push(node);
    if (node === outer) break;
  }
  return [...chain, ...elementsOf(marker)];
}

function insideLink(element: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  for (let node = parents.get(element); node && node.type === 'element'; node = parents.get(node)) if (node.tagName === 'a' && isLinkOut(node)) return true;
  return false;
}

function insideNoteMarkup(element: Element, { noteMarkup, parents }: PageIndex): boolean {
  return [...noteMarkup].some((item) => contains(item, element, parents));
}

function isBefore(a: Element, b: Element, { order }: PageIndex): boolean {
  return (order.get(a) ?? 0) < (order.get(b) ?? 0);
}

/** The number a note shows for itself: its leading number link, its place in an ordered list, or a leading `3.`. */
function numberInBlock(block: Element, target: Element): number | undefined {
  const fromTarget = target.tagName === 'a' ? labelNumber(collapsedText(target)) : undefined;
  if (fromTarget !== undefined) return fromTarget;
  const first = firstText(block);
  const numberAnchor = elementsOf(block).find((element) => ['a', 'sup'].includes(element.tagName) && first === collapsedText(element));
  const fromAnchor = numberAnchor && labelNumber(collapsedText(numberAnchor));
  if (fromAnchor !== undefined) return fromAnchor;
  const leading = /^(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)])(?:\s|$)/.exec(first ?? '');
  const digits = leading?.[1] ?? leading?.[2] ?? leading?.[3];
  if (digits) return Number(digits);
  return undefined;
}

function listPosition(item: Element, parents: ReadonlyMap<Nodes, Parents>): number | undefined {
  const list = parents.get(item);
  if (item.tagName !== 'li' || !isElement(list, 'ol')) return undefined;
  const start = Number(stringProperty(list, 'start') ?? 1);
  return start + list.children.filter((child) => isElement(child, 'li')).indexOf(item);
}

/** The numbers the notes show, when every note shows a distinct one; otherwise 1…N in order. */
function noteIdentifiers(notes: readonly FoundNote[]): string[] {
  const numbers = notes.map((note) => note.visibleNumber);
  const usable = numbers.every((number) => number !== undefined) && new Set(numbers).size === numbers.length;
  return notes.map((note, position) => String(usable ? note.visibleNumber : position + 1));
}

/** A note found in the page whose text, once its label and back-links are gone, is nothing. */
function isEmptyNote(note: FoundNote): boolean {
  return note.block !== undefined && !hasVisibleContent(cloneWithout(note.block, note.debris));
}

/**
 * Blogger and hand-made pages set notes as lines of one block, `<a name="fn1"></a>[1] …<br>` one
 * after another: each line that holds a note's anchor becomes a paragraph of its own, so that each
 * note is a block like any other.
 */
function splitLinesOfNotes(tree: Root | Element): void {
  const fragments = new Set(elementsOf(tree).flatMap((element) => linkFragment(element) ?? []));
  const isTarget = (node: ElementContent) =>
    node.type === 'element' &&
    [node, ...elementsOf(node)].some((element) => ['id', 'name'].some((key) => fragments.has(withoutClobberPrefix(stringProperty(element, key) ?? ''))));
  for (const block of elementsOf(tree)) {
    if (!['p', 'div', 'td', 'blockquote', 'li', 'dd'].includes(block.tagName) || !block.children.some((child) => isElement(child, 'br'))) continue;
    if (block.children.some((child) => isElement(child, 'p', 'div', 'ul', 'ol', 'table', 'blockquote'))) continue;
    const lines: ElementContent[][] = [[]];
    for (const child of block.children) {
      if (isElement(child, 'br')) lines.push([]);
      else lines.at(-1)?.push(child);
    }
    const noteLines = lines.filter((line) => isTarget(line.find((node) => hasVisibleContent(node) || node.type === 'element') ?? { type: 'text', value: '' }));
    if (noteLines.length < 2) continue;
    block.tagName = block.tagName === 'p' ? 'div' : block.tagName;
    block.children = lines.filter((line) => line.some(hasVisibleContent)).map(linesParagraph);
  }
}

function linesParagraph(line: ElementContent[]): Element {
  const start = line.find((node) => node.position)?.position?.start;
  const end = line.findLast((node) => node.position)?.position?.end;
  return { type: 'element', tagName: 'p', properties: {}, children: line, ...(start && end ? { position: { start, end } } : {}) };
}
