import type { InlineCode, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';

/**
 * reStructuredText's inline literals, ``sys.exc_info()``, and roles, :code:`wget`: as the page shows them, not text
 * with its backquotes. Only a closed pair counts (TeX's ``quotes'' never close with two
 * backquotes), with no space just inside it, on one paragraph's text.
 */
const literal = /``(?=\S)([^`]*?\S)``(?!`)/g;
/** Interpreted text with a role, `:code:\`wget\``, `:pep:\`344\``: what the role shows. */
const role = /(?<![\w`]):([a-z][\w-]*(?::[\w-]+)?):`([^`]+)`(?!`)/g;
const codeRoles = new Set(['code', 'file', 'command', 'samp', 'kbd', 'envvar', 'program', 'option', 'literal', 'makevar', 'mimetype', 'regexp']);

export function inlineLiteralsToCode(tree: Root): number {
  let count = 0;
  const rewrite = (parent: Parent) => {
    parent.children = parent.children.flatMap((child): RootContent[] => {
      if ('children' in child) rewrite(child as Parent);
      if (child.type !== 'text' || !child.value.includes('`')) return [child];
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
  const either = new RegExp(`${literal.source}|${role.source}`, 'g');
  for (const match of node.value.matchAll(either)) {
    if (match.index > last) out.push({ ...node, value: node.value.slice(last, match.index) });
    const [, code, name, content] = match;
    // A literal wrapped over two lines is one piece of code.
    const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
    if (code !== undefined) out.push({ type: 'inlineCode', value: oneLine(code) } satisfies InlineCode);
    else out.push(roleContent(name ?? '', oneLine(content ?? ''), node));
    last = match.index + match[0].length;
  }
  if (last < node.value.length) out.push({ ...node, value: node.value.slice(last) });
  return out;
}

/** A role's text: code for the roles that mark code, `PEP 344` for a PEP, else the text shown (`title <target>` shows `title`). */
function roleContent(name: string, content: string, node: Text): PhrasingContent {
  const shown = /^(.*?)\s*<[^<>]+>$/s.exec(content)?.[1] || content;
  if (codeRoles.has(name.toLowerCase())) return { type: 'inlineCode', value: shown };
  if (/^(?:pep|rfc)$/i.test(name) && /^\d+$/.test(shown)) return { ...node, value: `${name.toUpperCase()} ${shown}` };
  return { ...node, value: shown };
}
