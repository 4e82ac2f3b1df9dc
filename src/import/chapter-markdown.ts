import type { Root } from 'mdast';
import { mathToMarkdown } from 'mdast-util-math';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { type Processor, unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import type { Citation } from '../load/citation-syntax.ts';
import type { ImportedPiece } from './types.ts';

/**
 * Math written as Pandoc reads it (`$…$`, `$$…$$`), the TeX unchanged. A `$` in prose is escaped
 * only where Pandoc could read it as closing math (after a non-space, not before a digit) or where
 * two meet: `costs $5 and $10` stays as written.
 */
/** A Pandoc citation (`load/citation-syntax.ts`) is written back as it was read: `[@smith2020, p. 33]`, not `\[@smith2020, p. 33]`. */
function remarkCitationWriter(this: Processor): void {
  const data = this.data();
  const citation = (node: Citation) => node.value;
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), { handlers: { citation } as never }];
}

function remarkMathWriter(this: Processor): void {
  const extension = mathToMarkdown({ singleDollarTextMath: true });
  const unsafe = (extension.unsafe ?? []).filter((pattern) => !(pattern.character === '$' && pattern.inConstruct === 'phrasing'));
  unsafe.push({ character: '$', inConstruct: 'phrasing', before: '[^\\s]', after: '[^0-9]|$' }, { character: '$', inConstruct: 'phrasing', after: '\\$' });
  const data = this.data();
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), { ...extension, unsafe }];
}

const markdownWriter = unified().use(remarkGfm).use(remarkDirective).use(remarkMathWriter).use(remarkCitationWriter).use(remarkStringify, {
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
