import type { Code, Html, Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from '../../core/rules.ts';

/**
 * Quarto, R Markdown and Jupyter-backed posts hold code chunks that ran when the site was built:
 * ```` ```{r} ````, ```` ```{python} ````, ```` ```{r setup, include=FALSE} ````, with options as
 * `#| key: value` lines at their top. The post showed each chunk as its options said (`include:
 * false` nothing, `echo: false` only what it printed) and what it printed: its output, tables and
 * plots, which are not in the source. Here a chunk is code in its language, its option lines out;
 * a chunk the post did not show goes; and the post is reported once, with the lines of the chunks
 * whose output is missing. Pandoc's `{.python}` is a plain code block of that language, and its
 * raw blocks (`{=html}`) are markup (`rawBlock`).
 */

/** The braces of a chunk's fence: its engine and the rest (R Markdown's `label, key=value` options). */
const chunkInfo = /^\{\s*([A-Za-z][\w.+-]*)\s*[,\s]?([\s\S]*)\}$/;
const rawFormat = /^\{=([A-Za-z][\w-]*)\}$/;
const classInfo = /^\{\s*\.([A-Za-z][\w+#-]*)[^{}]*\}$/;
/** A Quarto option line, after the engine's comment mark: `#| echo: false`, `//| label: fig`. */
const optionLine = /^\s*(?:#|\/\/|--|%%)\|\s?(.*)$/;

export interface CodeChunks {
  /** Lines of the source the chapter leaves out, with why. */
  droppedLines: Map<number, string>;
}

interface ChunkOptions {
  include: boolean;
  echo: boolean;
  eval: boolean;
  /** `echo: fenced`: the post showed the chunk with its fence. */
  fenced: boolean;
  /** How many option lines open the chunk's code. */
  optionLines: number;
}

/** Rewrites the post's code chunks in place and reports the output the source lacks. */
export function readCodeChunks(tree: Root, file: VFile): CodeChunks {
  const droppedLines = new Map<number, string>();
  const withOutput: number[] = [];
  visit(tree, 'code', (code: Code, index, parent: Parent | undefined) => {
    const info = `${code.lang ?? ''}${code.meta ? ` ${code.meta}` : ''}`.trim();
    const raw = rawFormat.exec(info);
    if (raw && parent && index !== undefined) return rawBlock(code, raw[1] as string, parent, index, file, droppedLines);
    const plain = classInfo.exec(info);
    if (plain) {
      code.lang = plain[1] as string;
      code.meta = null;
      return;
    }
    const chunk = chunkInfo.exec(info);
    if (!chunk || !parent || index === undefined) return;
    const engine = chunk[1] as string;
    const options = chunkOptions(chunk[2] ?? '', code.value);
    const start = code.position?.start.line;
    const end = code.position?.end.line;
    const drop = (from: number | undefined, to: number | undefined, reason: string) => {
      if (from === undefined || to === undefined) return;
      for (let line = from; line <= to; line++) droppedLines.set(line, reason);
    };
    if (!options.include || !options.echo) {
      drop(start, end, chunkReason(engine, options));
      if (options.include && options.eval && start !== undefined) withOutput.push(start);
      parent.children.splice(index, 1);
      return index;
    }
    if (options.eval && start !== undefined) withOutput.push(start);
    code.meta = null;
    if (options.fenced) {
      // `echo: fenced` showed the chunk as typed, its fence and options (but that one) included.
      const lines = code.value.split('\n').filter((line, at) => at >= options.optionLines || !/^\s*\S+\|\s*echo\s*:\s*fenced\s*$/.test(line));
      code.value = [`\`\`\`${info}`, ...lines, '```'].join('\n');
      code.lang = null;
      return undefined;
    }
    code.lang = engine;
    if (options.optionLines > 0) {
      code.value = code.value.split('\n').slice(options.optionLines).join('\n');
      if (start !== undefined) drop(start + 1, start + options.optionLines, `the options of a code chunk (${engine}; #| …), which the post did not show`);
    }
    return undefined;
  });
  if (withOutput.length > 0)
    report(
      file,
      'import-code-output',
      `${withOutput.length === 1 ? 'a code chunk was' : `${withOutput.length} code chunks were`} run when the site was built (line${withOutput.length === 1 ? '' : 's'} ${withOutput.join(', ')}): what ${withOutput.length === 1 ? 'it' : 'they'} printed (output, tables, plots) is not in the source: look at the published post`,
      { line: withOutput[0] as number, column: 1 },
    );
  return { droppedLines };
}

/**
 * Pandoc's raw block (```` ```{=html} ````) is markup the site put in its page as it is: HTML, read
 * as the post's raw HTML is (sanitised); a block for another output (`{=latex}`, `{=typst}`) was not
 * in the web post, and goes.
 */
function rawBlock(code: Code, format: string, parent: Parent, index: number, file: VFile, droppedLines: Map<number, string>): number | undefined {
  if (format.toLowerCase() === 'html') {
    // The markup starts on the line after the fence, where its messages belong.
    const at = code.position;
    const lines = code.value.split('\n');
    const point = (line: number, column: number) => {
      const offset = location(file).toOffset({ line, column });
      return { line, column, ...(offset === undefined ? {} : { offset }) };
    };
    const position = at && {
      start: point(at.start.line + 1, at.start.column),
      end: point(at.start.line + lines.length, at.start.column + (lines.at(-1) ?? '').length),
    };
    parent.children.splice(index, 1, { type: 'html', value: code.value, ...(position ? { position } : {}) } as Html);
    return undefined;
  }
  const start = code.position?.start.line;
  const end = code.position?.end.line;
  if (start !== undefined && end !== undefined)
    for (let line = start; line <= end; line++)
      droppedLines.set(line, `a raw ${format} block ({=${format}}), for the site's ${format} output, not its web page`);
  parent.children.splice(index, 1);
  return index;
}

function chunkReason(engine: string, options: ChunkOptions): string {
  if (!options.include) return `a code chunk (${engine}) with include: false, which the post did not show`;
  return `the code of a code chunk (${engine}) with echo: false: the post showed only what it printed, which is not in the source`;
}

/** A chunk's `include`, `echo` and `eval`, from R Markdown's `key=value` in its braces and Quarto's `#|` lines (which win). */
function chunkOptions(braces: string, value: string): ChunkOptions {
  const options: ChunkOptions = { include: true, echo: true, eval: true, fenced: false, optionLines: 0 };
  const set = (key: string, raw: string) => {
    if (key !== 'include' && key !== 'echo' && key !== 'eval') return;
    const word = raw.trim().replace(/^["']|["']$/g, '');
    if (key === 'echo' && word === 'fenced') options.fenced = true;
    // `echo: fenced` shows the chunk with its fence; a list of lines to show (`echo: [1, 2]`) shows code too.
    options[key] = !/^(?:false|F|no)$/i.test(word);
  };
  for (const match of braces.matchAll(/\b(include|echo|eval)\s*=\s*([^,\s}]+)/g)) set(match[1] as string, match[2] as string);
  for (const line of value.split('\n')) {
    const option = optionLine.exec(line);
    if (!option) break;
    options.optionLines += 1;
    const pair = /^([\w.-]+)\s*:\s*(.*)$/.exec((option[1] as string).trim());
    if (pair) set(pair[1] as string, pair[2] as string);
  }
  return options;
}
