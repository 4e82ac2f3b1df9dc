import type { DroppedRange } from './boilerplate.ts';

/**
 * reStructuredText's explicit markup that a reader never sees as text: comments
 * (`.. PELICAN_END_SUMMARY`), hyperlink targets (`.. _name: url`), and directives that lay out the
 * document (`.. contents::`, `.. sectnum::`) with their options. A code directive
 * (`.. code-block:: bash`) loses only its own line; its code stays. Other directives are left as
 * typed, for the editor to see. Only in a text that uses reST's explicit markup at all.
 */

const directive = /^(\s*)\.\. ([\w-]+(?::[\w-]+)?)::(.*)$/;
const layoutDirectives = new Set([
  'contents',
  'sectnum',
  'section-numbering',
  'meta',
  'highlight',
  'default-role',
  'role',
  'title',
  'header',
  'footer',
  'class',
]);
const codeDirectives = new Set(['code-block', 'code', 'sourcecode', 'highlight-code']);

export function restructuredMarkupRanges(lines: readonly string[]): DroppedRange[] {
  if (!lines.some((line) => directive.test(line))) return [];
  const ranges: DroppedRange[] = [];
  lines.forEach((line, index) => {
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    const found = directive.exec(line);
    const name = found?.[2]?.toLowerCase();
    if (name && codeDirectives.has(name)) {
      ranges.push({ start: index + 1, end: optionsEnd(lines, index, indent) + 1, reason: `reST directive \`${name}\`: its code is kept` });
    } else if (name && layoutDirectives.has(name)) {
      ranges.push({ start: index + 1, end: blockEnd(lines, index, indent) + 1, reason: `reST directive \`${name}\`: page layout, not text` });
    } else if (/^\s*\.\. _[^:]+:/.test(line)) {
      ranges.push({ start: index + 1, end: blockEnd(lines, index, indent) + 1, reason: 'reST hyperlink target: the link it names is not resolved' });
    } else if (/^\s*\.\.(?:\s+(?![[_|])(?![\w-]+(?::[\w-]+)?::)\S.*)?$/.test(line) && !/^\s*\.\.\s*$/.test(lines[index - 1] ?? 'x')) {
      // `..` alone or `.. text`: a comment (unless it opens the Emacs variables, which have their own rule).
      if (/^\s*\.\.\s*$/.test(line) && /Local Variables:/.test(lines[index + 1] ?? '')) return;
      ranges.push({ start: index + 1, end: blockEnd(lines, index, indent) + 1, reason: 'reST comment, not shown' });
    }
  });
  return ranges;
}

/** The last line of a directive's options (`:linenos:` lines indented under it). */
function optionsEnd(lines: readonly string[], at: number, indent: number): number {
  let end = at;
  while (new RegExp(`^\\s{${indent + 1},}:[\\w-]+:`).test(lines[end + 1] ?? '')) end++;
  return end;
}

/** The last line of an explicit markup block: the lines indented under it, blank lines inside included. */
function blockEnd(lines: readonly string[], at: number, indent: number): number {
  let end = at;
  for (let index = at + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    if ((/^\s*/.exec(line)?.[0].length ?? 0) <= indent) break;
    end = index;
  }
  return end;
}
