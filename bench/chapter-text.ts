import type { Nodes, Root } from 'mdast';

const blockTypes = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'code',
  'table',
  'tableRow',
  'footnoteDefinition',
  'containerDirective',
  'leafDirective',
  'html',
]);

/**
 * The chapter as a reader sees it: its text, one block a line, footnote calls as their numbers,
 * the notes after the body (as they print); images add nothing. Figure captions are the figure's,
 * not the body's (the benchmark's article bodies leave them out), unless `captions` is set.
 */
export function chapterText(body: Root, options: { captions?: boolean } = {}): string {
  const notes = new Map<string, number>();
  const inline = (node: Nodes): string => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return node.value;
      case 'break':
        return '\n';
      case 'footnoteReference': {
        if (!notes.has(node.identifier)) notes.set(node.identifier, notes.size + 1);
        return String(notes.get(node.identifier));
      }
      case 'leafDirective':
        if (node.name === 'figure' && !options.captions) return '';
        return `\n${block(node)}\n`;
      case 'tableCell':
        return `${node.children.map(inline).join('')}\t`;
      default:
        if (blockTypes.has(node.type)) return `\n${block(node)}\n`;
        return 'children' in node ? node.children.map(inline).join('') : '';
    }
  };
  const block = (node: Nodes): string => {
    if (node.type === 'code') return node.value;
    if (node.type === 'html') return '';
    return 'children' in node ? node.children.map(inline).join('') : '';
  };
  const main = body.children.filter((child) => child.type !== 'footnoteDefinition');
  const definitions = body.children.filter((child) => child.type === 'footnoteDefinition');
  return [...main, ...definitions]
    .map((child) => inline(child).trim())
    .filter((text) => text !== '')
    .join('\n\n');
}
