import type { PhrasingContent, Root } from 'mdast';
import { mathToMarkdown } from 'mdast-util-math';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { type Processor, unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import type { Citation } from '../load/citation-syntax.ts';
import { pandocScriptsToMarkdown } from '../load/script-syntax.ts';
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

/** Pandoc's `^superscript^` and `~subscript~` (`load/script-syntax.ts`). */
function remarkScriptsWriter(this: Processor): void {
  const data = this.data();
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), pandocScriptsToMarkdown()];
}

function remarkMathWriter(this: Processor): void {
  const extension = mathToMarkdown({ singleDollarTextMath: true });
  const unsafe = (extension.unsafe ?? []).filter((pattern) => !(pattern.character === '$' && pattern.inConstruct === 'phrasing'));
  unsafe.push({ character: '$', inConstruct: 'phrasing', before: '[^\\s]', after: '[^0-9]|$' }, { character: '$', inConstruct: 'phrasing', after: '\\$' });
  const data = this.data();
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), { ...extension, unsafe }];
}

const markdownWriter = unified()
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkMathWriter)
  .use(remarkScriptsWriter)
  .use(remarkCitationWriter)
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    rule: '-',
    fences: true,
    listItemIndent: 'one',
  });

/** The chapter file for a piece: YAML front matter, then the Markdown body. */
export function pieceToMarkdown(piece: ImportedPiece): string {
  const meta = { ...piece.meta, title: titleMarkdown(piece.meta.title) };
  const frontMatter = stringifyYaml(meta, { lineWidth: 100, minContentWidth: 40 });
  return `---\n${frontMatter}---\n\n${bodyToMarkdown(piece.body)}`;
}

export function bodyToMarkdown(body: Root): string {
  return markdownWriter.stringify(body);
}

/**
 * A source's title is text, and a chapter's `title:` is read as inline Markdown (render/title.ts):
 * what Markdown would take for markup is escaped (`Python’s \\_\\_init\\_\\_`, not **init**), so the
 * title shows as the source showed it. A `code span` is kept as written: in a Markdown post's
 * title it is code, as its site shows it.
 */
export function titleMarkdown(title: string): string {
  const children: PhrasingContent[] = title
    .split(/(`+[^`]+?`+)/)
    .filter(Boolean)
    .map((part) => (/^(`+)[^`]+?\1$/.test(part) ? { type: 'inlineCode', value: part.replace(/^`+|`+$/g, '') } : { type: 'text', value: part }));
  const written = markdownWriter
    .stringify({ type: 'root', children: [{ type: 'paragraph', children }] })
    .trim()
    // A title starts no block (`10. Things`, `# 1`, `- and +`): the escapes a paragraph needs there are noise.
    .replace(/^(\d+)\\([.)])|^\\([#>+-])/, (_, digits: string | undefined, mark: string | undefined, block: string | undefined) =>
      digits ? `${digits}${mark}` : (block ?? ''),
    );
  return written.includes('\n') ? title : written;
}
