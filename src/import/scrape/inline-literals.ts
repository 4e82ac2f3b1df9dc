import type { InlineCode, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';

/**
 * reStructuredText's inline literals, ``sys.exc_info()``: code, as the page shows them, not text
 * with its backquotes. Only a closed pair counts (TeX's ``quotes'' never close with two
 * backquotes), with no space just inside it, on one paragraph's text.
 */
const literal = /``(?=\S)([^`]*?\S)``(?!`)/g;

export function inlineLiteralsToCode(tree: Root): number {
  let count = 0;
  const rewrite = (parent: Parent) => {
    parent.children = parent.children.flatMap((child): RootContent[] => {
      if ('children' in child) rewrite(child as Parent);
      if (child.type !== 'text' || !child.value.includes('``')) return [child];
      const parts = literalsIn(child);
      count += parts.filter((part) => part.type === 'inlineCode').length;
      return parts;
    }) as Parent['children'];
  };
  rewrite(tree);
  return count;
}

function literalsIn(node: Text): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(literal)) {
    if (match.index > last) out.push({ ...node, value: node.value.slice(last, match.index) });
    // A literal wrapped over two lines is one piece of code.
    out.push({ type: 'inlineCode', value: (match[1] ?? '').replace(/\s*\n\s*/g, ' ') } satisfies InlineCode);
    last = match.index + match[0].length;
  }
  if (last < node.value.length) out.push({ ...node, value: node.value.slice(last) });
  return out;
}
