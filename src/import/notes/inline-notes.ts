import type { FootnoteDefinition, FootnoteReference, Parents, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Pandoc's inline notes, `text^[The note, with *emphasis* and `code`.]`, which remark leaves as
 * text: each becomes a footnote reference where it stands and a definition numbered after the
 * notes already there. Brackets inside the note are balanced; brackets inside code, links or
 * emphasis do not count (those nodes are whole). Returns the definitions made, in text order.
 */
export function inlineNotesToFootnotes(tree: Root, firstNumber: number): FootnoteDefinition[] {
  const definitions: FootnoteDefinition[] = [];
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition' || !('children' in node)) return;
    const parent = node as Parents;
    for (let index = 0; index < parent.children.length; index++) {
      const found = inlineNoteAt(parent.children as PhrasingContent[], index);
      if (!found) continue;
      const identifier = String(firstNumber + definitions.length);
      definitions.push({ type: 'footnoteDefinition', identifier, label: identifier, children: [{ type: 'paragraph', children: found.content }] });
      const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier };
      (parent.children as PhrasingContent[]).splice(index, found.end - index + 1, ...found.before, reference, ...found.after);
    }
  });
  return definitions;
}

interface InlineNote {
  /** What stays before the reference and after it, and the note's content. */
  before: Text[];
  after: Text[];
  content: PhrasingContent[];
  /** Index of the last sibling the note took. */
  end: number;
}

/** The inline note opening in `children[start]`, if one opens there and closes in the same run of siblings. */
function inlineNoteAt(children: readonly PhrasingContent[], start: number): InlineNote | undefined {
  const first = children[start];
  if (first?.type !== 'text') return undefined;
  const open = first.value.indexOf('^[');
  // `x^[` at the very start of a line or after a space is a caret typed on its own, not a note.
  if (open <= 0 || /\s/.test(first.value[open - 1] ?? ' ')) return undefined;
  let depth = 0;
  for (let index = start; index < children.length; index++) {
    const node = children[index] as PhrasingContent;
    if (node.type !== 'text') continue;
    const from = index === start ? open + 1 : 0;
    for (let offset = from; offset < node.value.length; offset++) {
      const char = node.value[offset];
      if (char === '[') depth++;
      else if (char === ']' && --depth === 0) {
        const inner = (index === start ? [] : children.slice(start + 1, index)) as PhrasingContent[];
        const head = index === start ? first.value.slice(open + 2, offset) : first.value.slice(open + 2);
        const tail = index === start ? '' : node.value.slice(0, offset);
        const content = [...(head ? [{ type: 'text', value: head } as Text] : []), ...inner, ...(tail ? [{ type: 'text', value: tail } as Text] : [])];
        const before = first.value.slice(0, open);
        const after = node.value.slice(offset + 1);
        return {
          before: before ? [{ type: 'text', value: before }] : [],
          after: after ? [{ type: 'text', value: after }] : [],
          content,
          end: index,
        };
      }
    }
  }
  return undefined;
}
