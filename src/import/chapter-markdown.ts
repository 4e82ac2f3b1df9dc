import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import type { ImportedPiece } from './types.ts';

const markdownWriter = unified().use(remarkGfm).use(remarkDirective).use(remarkStringify, {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  rule: '-',
  fences: true,
  listItemIndent: 'one',
});

/** The chapter file for a piece: YAML front matter, then the Markdown body. */
export function pieceToMarkdown(piece: ImportedPiece): string {
  const frontMatter = stringifyYaml(piece.meta, { lineWidth: 100, minContentWidth: 40 });
  return `---\n${frontMatter}---\n\n${bodyToMarkdown(piece.body)}`;
}

export function bodyToMarkdown(body: Root): string {
  return markdownWriter.stringify(body);
}
