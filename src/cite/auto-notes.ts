import type { FootnoteDefinition, FootnoteReference, Parent, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

/** Each tree whose citations were made notes, with its body as written: citing it in another style (the preview) starts from that. */
const asWritten = new WeakMap<Root, RootContent[]>();

/**
 * Under a notes style a citation in the running text becomes a footnote of its own, as Pandoc
 * makes it: `as the log records [see @keeper2015log, p. 12].` reads `as the log records.¹` with
 * the citation (and a full stop) in note 1, numbered among the chapter's own notes by where its
 * call is, so first, short and Ibid. notes follow. The call goes after the punctuation that
 * follows the citation, and the space before the citation goes. Under an author-date style the
 * body is as written. Notes already in footnotes are left as they are.
 */
export function citationsInNotes(tree: Root, noteStyle: boolean): void {
  const written = asWritten.get(tree);
  // Already made notes: nothing to do again (the citations rendered into it stay), unless the style is no longer a notes style.
  if (written && noteStyle) return;
  if (written) {
    tree.children = written;
    asWritten.delete(tree);
    return;
  }
  if (!noteStyle || !hasBodyCitation(tree)) return;
  asWritten.set(tree, structuredClone(tree.children));
  const taken = new Set(tree.children.flatMap((node) => (node.type === 'footnoteDefinition' ? [node.identifier] : [])));
  const notes: FootnoteDefinition[] = [];
  let count = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'footnoteDefinition') return SKIP;
    if (node.type !== 'citation' || !parent || index === undefined) return undefined;
    let identifier: string;
    do identifier = `cite-${++count}`;
    while (taken.has(identifier));
    const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier };
    notes.push({
      type: 'footnoteDefinition',
      identifier,
      label: identifier,
      children: [{ type: 'paragraph', children: [node, { type: 'text', value: '.' }] }],
    });
    return placeCall(parent, index, reference);
  });
  // A new list, so that a plan made of the body as written is not taken for this one.
  tree.children = [...tree.children, ...notes];
}

function hasBodyCitation(tree: Root): boolean {
  let found = false;
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') return SKIP;
    if (node.type === 'citation') found = true;
    return found ? false : undefined;
  });
  return found;
}

/** Puts the note's call where the citation was, after the punctuation that follows it; returns where the walk goes on. */
function placeCall(parent: Parent, index: number, reference: FootnoteReference): number {
  const children = parent.children as RootContent[];
  const before = children[index - 1];
  const after = children[index + 1];
  const taken = after?.type === 'text' ? (/^[.,;:!?]+/.exec(after.value)?.[0] ?? '') : '';
  const trimmed = before?.type === 'text' ? before.value.replace(/\s+$/, '') : undefined;
  // `…“lost at sea.” [@key].`: the sentence has its full stop inside the quotation marks already.
  const punctuation = trimmed !== undefined && /[.?!][”’"']$/.test(trimmed) ? taken.replace(/^\./, '') : taken;
  if (before?.type === 'text' && trimmed !== undefined) before.value = trimmed + punctuation;
  if (after?.type === 'text') after.value = after.value.slice(taken.length);
  const withPunctuation: RootContent[] = before?.type === 'text' || !punctuation ? [reference] : [{ type: 'text', value: punctuation }, reference];
  children.splice(index, 1, ...withPunctuation);
  return index + withPunctuation.length;
}
