import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { type Citation, type CitedItem, keyPattern, parseInTextBracket, positionWithin } from '../load/citation-syntax.ts';

// `@key` where Pandoc reads a citation: not after a letter, digit or `_` (`me@example.org` is an address).
const bareKey = new RegExp(String.raw`(?<![\p{L}\p{N}_@])(-?)@(${keyPattern})`, 'gu');
// Right after it, on its line or the next: `[p. 33]`, `[p. 33; see @other]`; not a link's text.
const followingBracket = /^[ \t]*(?:\r?\n[ \t]*)?\[([^[\]^][^[\]]*|)\](?![[(])/;

/**
 * Pandoc's in-text citations, `@smith2010 says` and `@smith2010 [p. 33] says`, as citation nodes
 * in `in-text` mode (`-@smith2010` is `[-@smith2010]`): only for a key of the bibliography, so an
 * `@handle` or an address is prose, and not where the `@` was escaped (`\@`), nor in code or a
 * link. A bracket right after it (Pandoc's form) gives its locator and suffix, and may cite more
 * works (`@a [p. 3; see @b]`), as does a bracketed citation right after it (`@a [-@b; @c]`).
 * `beforeChange` is called once, before the tree is first changed. Returns how many were read.
 */
export function readInTextCitations(tree: Root, keys: { has(key: string): boolean }, beforeChange: () => void = () => undefined): number {
  let count = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'link' || node.type === 'linkReference' || node.type === 'html') return SKIP;
    if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('@')) return undefined;
    const replacement = inTextParts(node, parent, index, keys);
    if (!replacement) return undefined;
    if (count === 0) beforeChange();
    count += replacement.parts.filter((part) => part.type === 'citation').length;
    parent.children.splice(index, 1 + replacement.takesNext, ...(replacement.parts as typeof parent.children));
    return index + replacement.parts.length;
  });
  return count;
}

/** The text node as text and in-text citations, and whether the citation node after it was taken into the last; undefined when it holds none. */
function inTextParts(
  node: Text,
  parent: Parent,
  index: number,
  keys: { has(key: string): boolean },
): { parts: PhrasingContent[]; takesNext: number } | undefined {
  const escaped = new Set(node.data?.escapedAt ?? []);
  // Inside brackets (`[*see* @key p. 32]`, a citation Markdown cut in pieces) a key is no in-text citation.
  const before = parent.children
    .slice(0, index)
    .map((child) => (child.type === 'text' ? child.value : ''))
    .join('');
  const parts: PhrasingContent[] = [];
  let position = 0;
  let takesNext = 0;
  for (const match of node.value.matchAll(bareKey)) {
    const [, dash = '', key = ''] = match;
    const at = match.index + dash.length;
    if (match.index < position || !keys.has(key) || escaped.has(at) || openBrackets(before + node.value.slice(0, match.index)) > 0) continue;
    let end = match.index + match[0].length;
    let items: CitedItem[] = [{ key, ...(dash ? { suppressAuthor: true } : {}) }];
    let value = node.value.slice(match.index, end);
    const bracket = followingBracket.exec(node.value.slice(end));
    const bracketItems = bracket ? parseInTextBracket(key, bracket[1] ?? '') : undefined;
    const next = parent.children[index + 1];
    if (bracket && bracketItems) {
      items = [{ ...bracketItems[0], key, ...(dash ? { suppressAuthor: true } : {}) } as CitedItem, ...bracketItems.slice(1)];
      value += bracket[0];
      end += bracket[0].length;
    } else if (/^\s*$/.test(node.value.slice(end)) && next?.type === 'citation' && !next.mode && next.value.startsWith('[')) {
      // `@a [-@b; @c]`: the bracket was read as a citation of its own when the chapter was loaded.
      items = [...items, ...next.items];
      value = `${node.value.slice(match.index)}${next.value}`;
      end = node.value.length;
      takesNext = 1;
    }
    if (match.index > position) parts.push({ type: 'text', value: node.value.slice(position, match.index) });
    const citation: Citation = {
      type: 'citation',
      value,
      items,
      ...(dash ? {} : { mode: 'in-text' as const }),
      ...positionWithin(node, match.index, end - match.index),
    };
    parts.push(citation);
    position = end;
  }
  if (parts.length === 0) return undefined;
  if (position < node.value.length) parts.push({ type: 'text', value: node.value.slice(position) });
  return { parts, takesNext };
}

/** How many `[` are open at the end of `text`. */
function openBrackets(text: string): number {
  let depth = 0;
  for (const character of text) {
    if (character === '[') depth += 1;
    else if (character === ']' && depth > 0) depth -= 1;
  }
  return depth;
}
