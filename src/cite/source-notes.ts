import type { FootnoteDefinition, Root } from 'mdast';

/**
 * A chapter's notes as written, apart from what they cite: `editions/` hashes them for every
 * build, and needs nothing of the labeller and its model for that.
 */

/** One note of a chapter: its label and its Markdown text, with where that text sits in the file. */
export interface SourceNote {
  label: string;
  text: string;
  start: number;
  end: number;
  line: number;
}

/** The notes of a chapter file, as written (`[^12]: text` up to the next definition). */
export function notesOf(tree: Root, source: string): SourceNote[] {
  return tree.children
    .filter((node): node is FootnoteDefinition => node.type === 'footnoteDefinition')
    .flatMap((node) => {
      const first = node.children[0]?.position?.start.offset;
      const last = node.children.at(-1)?.position?.end.offset;
      if (first === undefined || last === undefined) return [];
      return [{ label: node.label ?? node.identifier, text: source.slice(first, last), start: first, end: last, line: node.position?.start.line ?? 1 }];
    });
}
