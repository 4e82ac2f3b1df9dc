import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { h } from 'hastscript';

/**
 * Footnotes for Paged.js: each note's text moves to its (first) marker as
 * `<span class="footnote fn-N">`, which print.css floats to the foot of the page, and the notes
 * section at the end goes. Paged.js copies the classes of a note onto the call it leaves in the
 * text, so `fn-N` is how print.css prints the note's own number there (`footnoteLabelCss`).
 */
export function notesAsFootnotes(tree: HastRoot): HastRoot {
  const notes = notesById(tree);
  const placed = new Set<string>();
  const replaceMarkers = (children: ElementContent[]): ElementContent[] =>
    children.map((child) => {
      if (child.type !== 'element') return child;
      const marker = noteMarker(child);
      if (!marker) return { ...child, children: replaceMarkers(child.children) };
      const note = notes.get(marker.noteId);
      if (!note || placed.has(marker.noteId)) return h('sup.footnote-repeat', marker.label);
      placed.add(marker.noteId);
      return h('span', { className: ['footnote', footnoteClass(marker.label)], role: 'note' }, [
        h('span.footnote-number', marker.label),
        ' ',
        ...noteText(note),
      ]);
    });
  const children = tree.children.filter((child) => !isNotesSection(child));
  return { ...tree, children: replaceMarkers(children as ElementContent[]) as RootContent[] };
}

/**
 * Endnotes: the notes section stays at the end of the chapter, without the ↩ back-links (its
 * heading has the chapter's own id, `chapterBodyToHast`: the print book has every chapter's).
 */
export function notesAsEndnotes(tree: HastRoot): HastRoot {
  const rewrite = (children: ElementContent[]): ElementContent[] =>
    withoutBacklinks(children).map((child) => (child.type === 'element' ? { ...child, children: rewrite(child.children) } : child));
  return { ...tree, children: rewrite(tree.children as ElementContent[]) as RootContent[] };
}

/** The class that carries a note's number from the note to its call. */
export function footnoteClass(label: string): string {
  return `fn-${label.replace(/[^\w-]/g, '_')}`;
}

/** The CSS that prints each note's number at its call: `[data-footnote-call].fn-12::after { content: "12" }`. */
export function footnoteLabelCss(labels: Iterable<string>): string {
  return [...new Set(labels)].map((label) => `[data-footnote-call].${footnoteClass(label)}::after { content: ${JSON.stringify(label)}; }`).join('\n');
}

/** The labels of the notes placed as footnotes in a tree (for `footnoteLabelCss`). */
export function footnoteLabels(tree: HastRoot): string[] {
  const labels: string[] = [];
  const visit = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (classes(child).includes('footnote-number')) labels.push(textOf(child));
      visit(child);
    }
  };
  visit(tree);
  return labels;
}

interface NoteMarker {
  noteId: string;
  label: string;
}

/** remark-rehype's marker: `<sup><a href="#fn-1" data-footnote-ref>1</a></sup>`. */
function noteMarker(element: Element): NoteMarker | undefined {
  if (element.tagName !== 'sup') return undefined;
  const link = element.children.find((child): child is Element => child.type === 'element' && child.properties.dataFootnoteRef !== undefined);
  const href = link?.properties.href;
  if (!link || typeof href !== 'string' || !href.startsWith('#')) return undefined;
  return { noteId: decodeURIComponent(href.slice(1)), label: textOf(link).trim() };
}

function notesById(tree: HastRoot): Map<string, Element> {
  const notes = new Map<string, Element>();
  for (const section of tree.children) {
    if (!isNotesSection(section)) continue;
    for (const list of section.children) {
      if (list.type !== 'element' || list.tagName !== 'ol') continue;
      for (const item of list.children) {
        if (item.type === 'element' && typeof item.properties.id === 'string') notes.set(item.properties.id, item);
      }
    }
  }
  return notes;
}

function isNotesSection(node: RootContent | ElementContent): node is Element {
  return node.type === 'element' && node.tagName === 'section' && node.properties.dataFootnotes !== undefined;
}

/** A note's paragraphs as inline spans (a block inside the text's paragraph would split it). */
function noteText(note: Element): ElementContent[] {
  const blocks = withoutBacklinks(note.children).filter((child) => child.type === 'element' || textOf(child).trim() !== '');
  return blocks.map((block) =>
    block.type === 'element' && block.tagName === 'p' ? h('span.note-paragraph', trimEnd(withoutBacklinks(block.children))) : block,
  );
}

function withoutBacklinks(children: ElementContent[]): ElementContent[] {
  return children.filter((child) => !(child.type === 'element' && child.properties.dataFootnoteBackref !== undefined));
}

function trimEnd(children: ElementContent[]): ElementContent[] {
  const last = children.at(-1);
  if (last?.type !== 'text') return children;
  return [...children.slice(0, -1), { ...last, value: last.value.trimEnd() }];
}

function classes(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** The text of a hast node (a comment's or raw HTML's is none). */
export function textOf(node: ElementContent | HastRoot): string {
  return node.type === 'element' || node.type === 'root' || node.type === 'text' ? hastToString(node) : '';
}
