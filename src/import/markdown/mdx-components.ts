import type { SiteSyntaxChange } from './site-syntax-change.ts';

/**
 * MDX (Docusaurus, Astro/Starlight) has no indented code: the children of a JSX component are
 * indented as code is (`<Card title="Stars">` then `\t\tSirius, Vega`) and MDX reads them as
 * Markdown, where CommonMark would make a code block of them. Inside a component, this gives each
 * line back the indentation its block had outside (a list item's stays), and takes out a component
 * opened over several lines (`<ThemeDesigner` … `labels={{…}}` … `>`), whose attributes are code
 * for the site. Line for line, before `site-syntax.ts` reads the rest.
 */

const fence = /^\s*(`{3,}|~{3,})/;
const componentOpening = /^\s*<([A-Z][\w.]*)(?:\s[^<>]*)?>\s*$/;
const componentClosing = /^\s*<\/([A-Z][\w.]*)\s*>\s*$/;
/** `<ThemeDesigner` alone, or with attributes, and no end of the tag on the line. */
const componentStart = /^\s*<([A-Z][\w.]*)(?:\s[^<>]*)?$/;

interface OpenComponent {
  name: string;
  /** The leading whitespace of its tag line, as written. */
  indent: number;
  /** How much leading whitespace its tag line lost (what its parent's children lose). */
  base: number;
  /** How much leading whitespace its children lose: its own, and the indentation its first child adds. */
  strip?: number;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

function dedent(line: string, count: number): string {
  return line.slice(Math.min(count, indentOf(line)));
}

/**
 * The index of the line that ends a tag opened on line `start` (`>` or `/>` outside braces and
 * quotes), and whether it closes itself; undefined when no line does within 200.
 */
function tagEnd(lines: readonly string[], start: number): { end: number; selfClosing: boolean } | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let index = start; index < Math.min(lines.length, start + 200); index++) {
    const line = lines[index] as string;
    for (let at = index === start ? line.indexOf('<') + 1 : 0; at < line.length; at++) {
      const char = line[at] as string;
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'" || char === '`') quote = char;
      else if (char === '{') depth++;
      else if (char === '}') depth--;
      else if (char === '>' && depth === 0) return { end: index, selfClosing: line[at - 1] === '/' };
    }
  }
  return undefined;
}

/** Gives a component's children their indentation back and takes out tags written over several lines; `lines` is changed in place. */
export function mdxChildrenAsProse(lines: string[], changes: SiteSyntaxChange[], fromLine: number): void {
  const open: OpenComponent[] = [];
  let inFence: { mark: string; strip: number } | undefined;
  for (let index = fromLine - 1; index < lines.length; index++) {
    const line = lines[index] as string;
    const fenceMark = fence.exec(line)?.[1];
    if (inFence) {
      if (inFence.strip > 0) lines[index] = dedent(line, inFence.strip);
      if (fenceMark && fenceMark[0] === inFence.mark[0] && fenceMark.length >= inFence.mark.length && line.trim() === fenceMark) inFence = undefined;
      continue;
    }
    const innermost = open.at(-1);
    if (innermost && line.trim() !== '') innermost.strip ??= innermost.base + Math.max(0, indentOf(line) - innermost.indent);
    const strip = innermost?.strip ?? 0;
    const closing = componentClosing.exec(line)?.[1];
    if (closing) {
      const at = open.findLastIndex((component) => component.name === closing);
      if (at >= 0) {
        lines[index] = dedent(line, (open[at] as OpenComponent).base);
        open.splice(at);
      }
      continue;
    }
    const opening = /\/\s*>\s*$/.test(line) ? undefined : componentOpening.exec(line)?.[1];
    if (opening) {
      lines[index] = dedent(line, strip);
      open.push({ name: opening, indent: indentOf(line), base: strip });
      continue;
    }
    const tagEndLine = componentOverLines(lines, index, changes);
    if (tagEndLine !== undefined) {
      const started = tagEndLine.open;
      if (started) open.push({ name: started, indent: indentOf(line), base: strip });
      index = tagEndLine.end;
      continue;
    }
    if (fenceMark) inFence = { mark: fenceMark, strip };
    if (!innermost || strip === 0 || indentOf(line) === 0) continue;
    lines[index] = dedent(line, strip);
    changes.push({
      line: index + 1,
      reason: 'the child of an MDX component: indented for the site’s source, read as MDX reads it (not as code)',
      whole: false,
      lossy: false,
    });
  }
}

/**
 * A component whose opening tag runs over several lines (`<ThemeDesigner` … `labels={{…}}` … `>`):
 * its lines are taken out, and reported; the name of the component it opens (none when it closes
 * itself) and the index of its last line. Undefined when line `index` starts no such tag.
 */
function componentOverLines(lines: string[], index: number, changes: SiteSyntaxChange[]): { open: string | undefined; end: number } | undefined {
  const started = componentStart.exec(lines[index] as string)?.[1];
  if (!started) return undefined;
  const tag = tagEnd(lines, index);
  if (!tag || tag.end === index) return undefined;
  for (let inTag = index; inTag <= tag.end; inTag++) lines[inTag] = '';
  changes.push({
    line: index + 1,
    reason: `MDX component <${started}${tag.selfClosing ? ' /' : ''}> written over lines ${index + 1}–${tag.end + 1}: site markup${tag.selfClosing ? ' (what it showed on the site is not in the source)' : '; what it wraps is kept'}`,
    whole: true,
    lossy: tag.selfClosing,
  });
  for (let inTag = index + 1; inTag <= tag.end; inTag++)
    changes.push({ line: inTag + 1, reason: `the attributes of the MDX component <${started}>`, whole: true, lossy: false });
  return { open: tag.selfClosing ? undefined : started, end: tag.end };
}
