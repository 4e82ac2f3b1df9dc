import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root, Text } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import { noteShortcodeNames } from '../notes/note-shortcodes.ts';
import { notesHeadingKind } from '../notes/notes-heading.ts';
import { inlineNoteClose, inlineNoteOpen } from './academic-syntax.ts';

/**
 * Posts written for a footnote plugin type each note where its marker goes: `[ref]…[/ref]`
 * (Pelican's simple_footnotes, WordPress Simple Footnotes), `[efn_note]`, `[mfn]`, `[footnote]`.
 * Markdown reads them as text, so the note would run on inside the sentence. On the parsed tree
 * (so that code spans stay code and the note keeps its emphasis and links) each becomes a footnote
 * reference and a definition at the end of the post.
 */

export interface UnclosedNote {
  opening: string;
  line: number;
  column: number;
}

// A note typed in place in other syntax (Distill's `<d-footnote>`, Quarto's `[…]{.aside}`) is marked by `academic-syntax.ts`.
const opening = new RegExp(`\\[(${noteShortcodeNames.join('|')})(?:\\s[^\\]]*)?\\]|(${inlineNoteOpen})`, 'i');
const closing = (name: string) => (name === inlineNoteOpen ? inlineNoteClose : `[/${name}]`);

export interface ShortcodeNotes {
  notes: number;
  /** Openings never closed: their note ran to the end of its paragraph. */
  unclosed: UnclosedNote[];
  /** The line of an empty closing `Notes` heading, where the plugin printed its list: the notes take its place. */
  notesHeadingLine?: number;
}

/** Turns note shortcodes into footnotes in place. */
export function shortcodeNotesToFootnotes(tree: Root): ShortcodeNotes {
  const definitions: FootnoteDefinition[] = [];
  const unclosed: UnclosedNote[] = [];
  // The post's own footnotes keep their labels; the plugin's take the next free numbers.
  const taken = new Set<string>();
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition' || node.type === 'footnoteReference') taken.add(node.identifier.toLowerCase());
  });
  let counter = 0;
  const nextLabel = () => {
    do counter += 1;
    while (taken.has(String(counter)));
    return String(counter);
  };
  const rewrite = (parent: Parent) => {
    for (const child of parent.children) if ('children' in child && child.type !== 'footnoteDefinition') rewrite(child as Parent);
    if (!parent.children.some((child) => child.type === 'text' && opening.test(child.value))) return;
    parent.children = notesOf(parent.children as PhrasingContent[], definitions, unclosed, nextLabel) as Parent['children'];
  };
  rewrite(tree);
  if (definitions.length === 0) return { notes: 0, unclosed };
  const last = tree.children.at(-1);
  const emptyHeading = last?.type === 'heading' && notesHeadingKind(plainText(last)) === 'notes' ? last : undefined;
  if (emptyHeading) tree.children.pop();
  tree.children.push(...definitions);
  const notesHeadingLine = emptyHeading?.position?.start.line;
  return { notes: definitions.length, unclosed, ...(notesHeadingLine ? { notesHeadingLine } : {}) };
}

/** The run of phrasing nodes with each `[name]…[/name]` replaced by a reference; the notes go to `definitions`. */
function notesOf(nodes: readonly PhrasingContent[], definitions: FootnoteDefinition[], unclosed: UnclosedNote[], nextLabel: () => string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  // While inside a note: its name, what it holds so far, and where it opened.
  let open: { name: string; typed: string; held: PhrasingContent[]; start: Point | undefined } | undefined;
  const close = () => {
    if (!open) return;
    const identifier = nextLabel();
    trimEnds(open.held);
    definitions.push({ type: 'footnoteDefinition', identifier, label: identifier, children: [{ type: 'paragraph', children: open.held }] });
    out.push({ type: 'footnoteReference', identifier, label: identifier } satisfies FootnoteReference);
    open = undefined;
  };
  for (const node of nodes) {
    if (node.type !== 'text') {
      (open ? open.held : out).push(node);
      continue;
    }
    let rest = node.value;
    while (rest !== '') {
      if (open) {
        const end = rest.toLowerCase().indexOf(closing(open.name));
        if (end < 0) {
          open.held.push(textLike(node, rest));
          rest = '';
        } else {
          if (end > 0) open.held.push(textLike(node, rest.slice(0, end)));
          rest = rest.slice(end + closing(open.name).length);
          close();
        }
        continue;
      }
      const found = opening.exec(rest);
      if (!found) {
        out.push(textLike(node, rest));
        break;
      }
      if (found.index > 0) out.push(textLike(node, rest.slice(0, found.index)));
      const start = node.position?.start;
      open = { name: (found[1] ?? found[2] ?? '').toLowerCase(), typed: found[0], held: [], start: startOf(node, rest, found.index) ?? start };
      rest = rest.slice(found.index + found[0].length);
    }
  }
  if (open) {
    unclosed.push({ opening: open.typed, line: open.start?.line ?? 1, column: open.start?.column ?? 1 });
    close();
  }
  return out;
}

function textLike(node: Text, value: string): Text {
  return { type: 'text', value, ...(node.position ? { position: node.position } : {}) };
}

/** Where the opening is, when the text node is on one line (otherwise where the node starts). */
function startOf(node: Text, rest: string, index: number): Point | undefined {
  const start = node.position?.start;
  if (!start || node.value.includes('\n')) return start;
  const offset = node.value.length - rest.length + index;
  return { line: start.line, column: start.column + offset };
}

/** A note's text without the spaces next to its tags. */
function trimEnds(held: PhrasingContent[]): void {
  const first = held[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = held.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
}
