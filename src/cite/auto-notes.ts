import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { Citation } from '../load/citation-syntax.ts';
import { readInTextCitations } from './bare-keys.ts';

/**
 * Each tree's body as written, and what it was last made for (the style's kind, the bibliography's
 * keys): citing it again in another style or against other keys (the preview) starts from that.
 */
const asWritten = new WeakMap<Root, { children: RootContent[] | undefined; noteStyle: boolean; keys: object | undefined }>();

/**
 * The chapter's citations as the style places them, as Pandoc does. Pandoc's in-text form
 * `@key` for a key of the bibliography (`keys`) is read as a citation (`bare-keys.ts`). Under a
 * notes style a citation in the running text becomes a footnote of its own: `as the log records
 * [see @keeper2015log, p. 12].` reads `as the log records.¹` with the citation (and a full stop) in
 * note 1, numbered among the chapter's own notes by where its call is, so first, short and Ibid.
 * notes follow. The call goes after the punctuation that follows the citation, and the space
 * before the citation goes. An in-text citation leaves its author in the text (`As @smith2010
 * [p. 3] argues` → `As Jane Smith¹ argues`, the note citing the work without its author). Under
 * an author-date style the body is as written. Notes already in footnotes are left as they are.
 */
export function citationsInNotes(tree: Root, noteStyle: boolean, keys?: { has(key: string): boolean }): void {
  const made = asWritten.get(tree);
  if (made && made.noteStyle === noteStyle && made.keys === keys) return;
  // Back to the body as written, when it was changed for another style or other keys.
  if (made?.children) tree.children = structuredClone(made.children);
  let written = made?.children;
  const keep = () => {
    written ??= structuredClone(tree.children);
  };
  if (keys) readInTextCitations(tree, keys, keep);
  if (noteStyle && hasBodyCitation(tree)) {
    keep();
    makeNotes(tree);
  }
  asWritten.set(tree, { children: written, noteStyle, keys });
  // A new list, so that a plan made of the body as it was is not taken for this one.
  if (written) tree.children = [...tree.children];
}

function makeNotes(tree: Root): void {
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
    const [cited, inText] = noteAndAuthor(node, identifier);
    notes.push({
      type: 'footnoteDefinition',
      identifier,
      label: identifier,
      children: [{ type: 'paragraph', children: [cited, { type: 'text', value: '.' }] }],
    });
    return placeCall(parent, index, reference, inText);
  });
  tree.children = [...tree.children, ...notes];
}

/**
 * What a citation in the running text becomes: the note's citation, and what stays in the text (an
 * in-text citation's author, as Pandoc leaves it: the note cites the work without its author).
 */
function noteAndAuthor(node: Citation, identifier: string): [Citation, Citation | undefined] {
  if (node.mode !== 'in-text') return [node, undefined];
  const [first, ...others] = node.items;
  if (!first) return [node, undefined];
  const { mode: _, ...cited } = node;
  const note: Citation = { ...cited, items: [{ ...first, suppressAuthor: true }, ...others], note: identifier };
  const author: Citation = { type: 'citation', value: '', items: [{ key: first.key }], mode: 'author-only', note: identifier };
  if (node.position) author.position = node.position;
  return [note, author];
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

/**
 * Puts the note's call where the citation was, after the punctuation that follows it (after the
 * author that stays in the text, `inText`, the space before it kept); returns where the walk goes on.
 */
function placeCall(parent: Parent, index: number, reference: FootnoteReference, inText: Citation | undefined): number {
  const children = parent.children as RootContent[];
  const before = children[index - 1];
  const after = children[index + 1];
  const taken = after?.type === 'text' ? (/^[.,;:!?]+/.exec(after.value)?.[0] ?? '') : '';
  if (after?.type === 'text') after.value = after.value.slice(taken.length);
  if (inText) {
    const placed: PhrasingContent[] = [inText, ...(taken ? [{ type: 'text' as const, value: taken }] : []), reference];
    children.splice(index, 1, ...placed);
    return index + placed.length;
  }
  const trimmed = before?.type === 'text' ? before.value.replace(/\s+$/, '') : undefined;
  // `…“lost at sea.” [@key].`: the sentence has its full stop inside the quotation marks already.
  const punctuation = trimmed !== undefined && /[.?!][”’"']$/.test(trimmed) ? taken.replace(/^\./, '') : taken;
  if (before?.type === 'text' && trimmed !== undefined) before.value = trimmed + punctuation;
  const withPunctuation: RootContent[] = before?.type === 'text' || !punctuation ? [reference] : [{ type: 'text', value: punctuation }, reference];
  children.splice(index, 1, ...withPunctuation);
  return index + withPunctuation.length;
}
