import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { raised } from '../../core/script-digits.ts';
import { collapsedText, hasVisibleContent, headingTags, removeNode } from './hast-tree.ts';
import { labelCore } from './note-markers.ts';

/**
 * Writes recognised notes in the neutral form that footnotes take between recognition and mdast:
 * `<anthology-note-ref>` where a marker was, `<anthology-note>` (the note's content, without its
 * label and back-links) for each note; and takes out the notes' original blocks with the rule,
 * heading and plugin chrome they leave behind. Both elements carry the note's identifier in
 * `properties.identifier`.
 */
export const noteReferenceTag = 'anthology-note-ref';
export const noteDefinitionTag = 'anthology-note';

/** Headings over a list of notes, in the languages of the corpus. */
const notesHeading =
  /^(?:(?:foot|end)?notes|references|sources|notes (?:&|and) (?:references|sources)|references (?:&|and) notes|anmerkungen|fußnoten|einzelnachweise|notes et références|notas|referencias|примечания|сноски)\s*:?$/i;

/** The number is kept as text so that whitespace around the marker is not collapsed as if it were empty. */
export function noteReference(identifier: string, marker: Element): Element {
  return {
    type: 'element',
    tagName: noteReferenceTag,
    properties: { identifier },
    children: [{ type: 'text', value: identifier }],
    ...(marker.position ? { position: marker.position } : {}),
  };
}

/** What a note definition is made of: the note's block, what in it is not its text, and the label it may begin with. */
export interface NoteText {
  block: Element;
  debris: ReadonlySet<Element>;
  visibleNumber: number | undefined;
  label: string | undefined;
  /** Written where its marker was (HTMLBook, sidenotes): its content is inline. */
  inline: boolean;
}

/** The note's text, without its label and back-links, as a definition that keeps the note's place in the source. */
export function noteDefinition(identifier: string, note: NoteText): Element {
  const { block } = note;
  const content = cloneWithout(block, note.debris);
  tidyNoteText(content, note.visibleNumber, note.label);
  const children = note.inline || block.tagName !== 'p' ? content.children : [content];
  return { type: 'element', tagName: noteDefinitionTag, properties: { identifier }, children, ...(block.position ? { position: block.position } : {}) };
}

/** A copy of `element` without `drop`; text left side by side by a removal is joined, so tidying sees `[]` whole. */
export function cloneWithout(element: Element, drop: ReadonlySet<Element>): Element {
  const children: ElementContent[] = [];
  for (const child of element.children) {
    const previous = children.at(-1);
    if (child.type === 'element') {
      if (!drop.has(child)) children.push(cloneWithout(child, drop));
    } else if (child.type === 'text' && previous?.type === 'text') {
      previous.value += child.value;
      if (previous.position && child.position) previous.position.end = child.position.end;
    } else children.push(structuredClone(child));
  }
  return { ...element, properties: { ...element.properties }, children };
}

/** Takes off what the removed links leave behind: a leading `3.` or `*`, an empty `[]`, a stray arrow, edge spaces. */
function tidyNoteText(note: Element, number: number | undefined, label: string | undefined): void {
  const texts: { value: string }[] = [];
  const collect = (node: Nodes) => {
    if (node.type === 'text') texts.push(node);
    else if (node.type === 'element') node.children.forEach(collect);
  };
  collect(note);
  const first = texts.find((text) => text.value.trim() !== '');
  if (first) {
    // Only a label set off as one (`3.`, `3)`, `[3]`, `*`): a note may well begin “3 of the 5 …”.
    const core = label === undefined ? '' : labelCore(label).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const superscript = number === undefined ? '' : raised(String(number));
    const labels = [
      ...(number === undefined ? [] : [`\\[${number}\\]`, `\\(${number}\\)`, `${number}[.):]`, superscript]),
      ...(core !== '' && /^[*†‡§¶]+$/.test(labelCore(label ?? '')) ? [`${core}(?![*†‡§¶])`] : []),
      ...(core !== '' && number === undefined && !/^[*†‡§¶]+$/.test(labelCore(label ?? '')) ? [`\\[${core}\\]`] : []),
    ];
    const leading = labels.length === 0 ? '' : `(?:${labels.join('|')})?`;
    // What a removed label leaves: the colon or stop set after it (`<a name="n1">1</a>: The note`).
    first.value = first.value.replace(new RegExp(`^[\\s\\u00a0]*${leading}[\\s\\u00a0]*(?::|[.)\\]](?=[\\s\\u00a0]|$))?[\\s\\u00a0]*`), '');
  }
  const last = texts.findLast((text) => text.value.trim() !== '');
  if (last) last.value = last.value.replace(/[\s\u00a0]*(?:[[(][\s\u00a0]*[\])]|[↩↑⤴]\uFE0E?\uFE0F?)?[\s\u00a0]*$/, '');
}

/** Puts the reference where the marker was (or nothing); brackets set around the marker in the text (`[<a>1</a>]`) go with it. */
export function replaceMarker(node: Element, replacement: Element | undefined, parents: ReadonlyMap<Nodes, Parents>): void {
  const parent = parents.get(node);
  const position = parent ? parent.children.indexOf(node) : -1;
  if (!parent || position < 0) return;
  if (replacement) parent.children[position] = replacement;
  else parent.children.splice(position, 1);
  const before = parent.children[position - 1];
  const after = parent.children[replacement ? position + 1 : position];
  if (before?.type === 'text' && after?.type === 'text') {
    const open = /[[(]\s*$/.exec(before.value)?.[0].trim();
    const close = /^\s*[\])]/.exec(after.value)?.[0].trim();
    if (open && close && (open === '[') === (close === ']')) {
      before.value = before.value.replace(/[[(]\s*$/, '');
      after.value = after.value.replace(/^\s*[\])]/, '');
    }
  }
}

/** Removes a note's original block, then the list, rule and “Notes” heading it leaves empty. */
export function removeNoteBlock(block: Element, tree: Root | Element, parents: ReadonlyMap<Nodes, Parents>): void {
  let removed: Element = block;
  let parent = parents.get(block);
  if (!parent) return;
  let position = removeNode(block, parent);
  if (position < 0) return;
  while (parent !== tree && parent.type === 'element' && !hasContentBesideNotesChrome(parent)) {
    const up: Parents | undefined = parents.get(parent);
    if (!up) break;
    removed = parent;
    position = removeNode(removed, up);
    parent = up;
  }
  // A “Notes” heading and a rule left straight before the removed list go too.
  while (position > 0) {
    const previous = parent.children[position - 1] as ElementContent;
    if (previous.type === 'text' && previous.value.trim() === '') position--;
    else if (isNotesChrome(previous)) parent.children.splice(--position, 1);
    else break;
  }
}

function hasContentBesideNotesChrome(element: Element): boolean {
  return element.children.some((child) => !isNotesChrome(child) && hasVisibleContent(child));
}

/** A rule, or a heading (or a paragraph standing for one, `<p><b>Notes</b></p>`) that says “Notes”. */
export function isNotesChrome(node: Nodes): boolean {
  // The sanitiser unwraps a table's caption, leaving its words as text.
  if (node.type === 'text') return notesHeading.test(node.value.trim());
  if (node.type !== 'element') return false;
  if (node.tagName === 'hr') return true;
  // A plugin's “Notes & References [+]” toggle says the same.
  const text = collapsedText(node)
    .replace(/\[\s*[+−–-]\s*\]/g, '')
    .trim();
  return (headingTags.has(node.tagName) || ['p', 'caption', 'div', 'span'].includes(node.tagName)) && notesHeading.test(text);
}
