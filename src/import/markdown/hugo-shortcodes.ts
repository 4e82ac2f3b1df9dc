import type { SiteSyntaxChange } from './site-syntax-change.ts';

/**
 * Hugo's paired shortcodes (`{{< name … >}}` … `{{< /name >}}`, or `{{% … %}}`) by what they hold:
 * code (`highlight`: a code block in its language), a box around prose (`spoiler`, `details`,
 * `notice`, `callout`…: a block quote, its label in bold, as Docusaurus admonitions are), a plain
 * wrapper (`center`, `mark`: what it holds stays), or one this importer does not know (what it holds
 * stays, and the shortcode is reported). Line for line, as `site-syntax.ts` works.
 */

/** Shortcodes whose content is code; the language is their first argument or `lang=`. */
const codeShortcodes = new Set(['highlight', 'code', 'codeblock']);
/** Boxes around prose: kept as a block quote, with the label (`text=`, `title=`, a quoted first argument) in bold. */
const boxShortcodes = new Set([
  'spoiler',
  'details',
  'expand',
  'toggle',
  'collapse',
  'accordion',
  'notice',
  'note',
  'tip',
  'info',
  'warning',
  'caution',
  'danger',
  'important',
  'hint',
  'callout',
  'alert',
  'admonition',
  'panel',
  'box',
  'aside',
  'quote',
  'blockquote',
]);
/** Wrappers that only style what they hold. */
const plainShortcodes = new Set([
  'center',
  'mark',
  'markdown',
  'markdownify',
  'md',
  'div',
  'span',
  'rawhtml',
  'raw',
  'html',
  'columns',
  'column',
  'row',
  'col',
]);
/** Boxes whose first quoted argument is their label (`{{< details "Title" >}}`), not a kind (`{{% notice tip %}}`). */
const labelledByArgument = new Set(['spoiler', 'details', 'expand', 'toggle', 'collapse', 'accordion', 'panel']);

export type ShortcodeKind = 'code' | 'box' | 'plain' | 'unknown';

export function shortcodeKind(name: string): ShortcodeKind {
  const key = name.toLowerCase();
  if (codeShortcodes.has(key)) return 'code';
  if (boxShortcodes.has(key)) return 'box';
  if (plainShortcodes.has(key)) return 'plain';
  return 'unknown';
}

/** The value of `key="…"` (or `'…'`, or bare) in a shortcode's arguments. */
export function shortcodeArgument(attributes: string, key: string): string | undefined {
  return new RegExp(`(?:^|\\s)${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>%]+))`)
    .exec(attributes)
    ?.slice(1)
    .find((part) => part !== undefined);
}

/** The arguments that are not `key=value`, in order, unquoted. */
function positionalArguments(attributes: string): string[] {
  const withoutNamed = attributes.replace(/[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|`[^`]*`|[^\s"'`]+)/g, ' ');
  return [...withoutNamed.matchAll(/"([^"]*)"|'([^']*)'|`([^`]*)`|(\S+)/g)].map((match) => match.slice(1).find((part) => part !== undefined) ?? '');
}

/** A code shortcode's language: `{{< highlight go "linenos=table" >}}`, `{{< code lang="go" >}}`. */
export function codeLanguage(attributes: string): string {
  const named = shortcodeArgument(attributes, 'lang') ?? shortcodeArgument(attributes, 'language') ?? shortcodeArgument(attributes, 'type');
  const language = named ?? positionalArguments(attributes)[0] ?? '';
  return /^[\w+#.-]+$/.test(language) ? language : '';
}

/** What a box or wrapper prints above its content on the site: `text=`, `title=`, `summary=`, or (for a collapsible) its quoted first argument. */
export function shortcodeLabel(name: string, attributes: string): string {
  const named = ['title', 'text', 'summary', 'header', 'heading', 'label'].map((key) => shortcodeArgument(attributes, key)).find((value) => value);
  const label = named ?? (labelledByArgument.has(name.toLowerCase()) ? /^\s*(?:"([^"]*)"|'([^']*)')/.exec(attributes)?.slice(1).find(Boolean) : undefined);
  return (label ?? '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The start of a shortcode's tag, `{{< name` or `{{% name`. */
const tagHead = /^\{\{([<%])\s*(\w[\w/-]*)/;
/** A line that only closes a shortcode, `{{< /name >}}`, once trimmed. */
const closingLine = /^\{\{[<%]\s*\/\s*(\w[\w/-]*)\s*[>%]\}\}$/;

interface ShortcodeTag {
  delimiter: string;
  name: string;
  attributes: string;
  /** What follows the tag's `>}}` on the line. */
  after: string;
}

/**
 * The shortcode a trimmed line opens with, read by hand rather than by one regular expression, whose
 * overlapping runs of whitespace made a long line cost quadratic time. The attributes run to the
 * first `>}}` or `%}}` and are empty or start with whitespace.
 */
function tagAtStart(trimmed: string, end = trimmed.length): ShortcodeTag | undefined {
  const head = tagHead.exec(trimmed);
  if (!head) return undefined;
  const rest = trimmed.slice(head[0].length, end);
  const close = rest.search(/[>%]\}\}/);
  if (close < 0) return undefined;
  const attributes = rest.slice(0, close).trimEnd();
  if (attributes !== '' && !/^\s/.test(attributes)) return undefined;
  return { delimiter: head[1] as string, name: head[2] as string, attributes, after: rest.slice(close + 3) };
}

/** A paired shortcode opened and closed on one line: its opening tag, and what it holds. */
function pairedOnOneLine(line: string): { delimiter: string; name: string; attributes: string; inner: string } | undefined {
  const trimmed = line.trim();
  const name = tagHead.exec(trimmed)?.[2];
  if (!name) return undefined;
  const closing = new RegExp(`\\{\\{[<%]\\s*\\/\\s*${name}\\s*[>%]\\}\\}$`).exec(trimmed);
  if (!closing) return undefined;
  const tag = tagAtStart(trimmed, closing.index);
  return tag && { ...tag, inner: tag.after };
}

/** A code span holding `code` as written, with a fence of backticks longer than any run in it. */
export function codeSpan(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
  const ticks = '`'.repeat(longest + 1);
  const padded = code.startsWith('`') || code.endsWith('`') || /^ .* $/.test(code) ? ` ${code} ` : code;
  return `${ticks}${padded}${ticks}`;
}

export interface CodeLine {
  line: number;
  language: string;
}

/**
 * A paired shortcode opened and closed on one line (`{{< spoiler text="…" >}} You found me {{<
 * /spoiler >}}`, `{{< highlight go >}} code {{< /highlight >}}`): the line it becomes (code as a
 * code span, listed in `codeLines` for `import-markdown.ts` to make a code block of), and the change.
 */
export function pairedLineRewrite(line: string, lineNumber: number, codeLines: CodeLine[]): { text: string; change: SiteSyntaxChange } | undefined {
  const paired = pairedOnOneLine(line);
  if (!paired) return undefined;
  const { delimiter, name, attributes, inner } = paired;
  const kind = shortcodeKind(name);
  const typed = `{{${delimiter} ${name} ${delimiter === '<' ? '>' : '%'}}}`;
  const change = (text: string, reason: string, lossy = false) => ({ text, change: { line: lineNumber, reason, whole: false, lossy } });
  if (kind === 'code') {
    const language = codeLanguage(attributes);
    codeLines.push({ line: lineNumber, language });
    return change(codeSpan(inner.trim()), `Hugo shortcode ${typed} on one line: kept as a code block${language ? ` in ${language}` : ''}`);
  }
  const label = shortcodeLabel(name, attributes);
  const labelled = label ? `**${label}** ${inner.trim()}` : inner.trim();
  if (kind === 'box') return change(`> ${labelled}`, `Hugo shortcode ${typed}: kept as a block quote${label ? ', its label in bold' : ''}`);
  if (kind === 'plain') return change(labelled, `Hugo shortcode ${typed}: what it holds is kept`);
  return change(labelled, `Hugo shortcode ${typed}, which this importer does not know: what it holds is kept, but not what the site did with it`, true);
}

/** A shortcode's opening tag alone on its line. */
function shortcodeOpen(line: string): ShortcodeTag | undefined {
  const trimmed = line.trim();
  const head = tagHead.exec(trimmed);
  if (!head || !/[>%]\}\}$/.test(trimmed)) return undefined;
  const attributes = trimmed.slice(head[0].length, -3).trimEnd();
  if (attributes !== '' && !/^\s/.test(attributes)) return undefined;
  return { delimiter: head[1] as string, name: head[2] as string, attributes, after: '' };
}

/**
 * The lines that close a shortcode, by name, in order: found in one pass over the file, so that each
 * opening with no closing (`{{< figure … >}}` on a line of its own) does not search to its end again.
 * Keyed on the array of lines being rewritten; a closing already used is no longer a closing line.
 */
const closingsOf = new WeakMap<string[], Map<string, number[]>>();

function closingAfter(lines: string[], index: number, name: string): number {
  let byName = closingsOf.get(lines);
  if (!byName) {
    byName = new Map();
    for (const [at, line] of lines.entries()) {
      const closed = closingLine.exec(line.trim())?.[1];
      if (closed) byName.set(closed, [...(byName.get(closed) ?? []), at]);
    }
    closingsOf.set(lines, byName);
  }
  const candidates = byName.get(name) ?? [];
  const stillCloses = (at: number) => at > index && closingLine.exec((lines[at] as string).trim())?.[1] === name;
  return candidates.find(stillCloses) ?? -1;
}

/**
 * A paired shortcode whose opening and closing are lines of their own: code becomes a fenced code
 * block (the index of its last line is returned, so the code inside is left alone), a box becomes an
 * admonition (`::::note Label` … `::::`, which `admonitionsAsQuotes` quotes), a wrapper or an
 * unknown shortcode leaves what it holds, its label in bold. Undefined when the line opens no
 * paired shortcode.
 */
export function pairedBlockRewrite(lines: string[], index: number, changes: SiteSyntaxChange[]): number | undefined {
  const open = shortcodeOpen(lines[index] as string);
  if (!open) return undefined;
  const { delimiter, name, attributes } = open;
  const end = closingAfter(lines, index, name);
  if (end < 0) return undefined;
  const kind = shortcodeKind(name);
  const typed = `{{${delimiter} ${name} ${delimiter === '<' ? '>' : '%'}}}`;
  const record = (line: number, reason: string, whole: boolean, lossy = false) => changes.push({ line: line + 1, reason, whole, lossy });
  if (kind === 'code') {
    const language = codeLanguage(attributes);
    const longest = Math.max(2, ...lines.slice(index + 1, end).flatMap((line) => [...line.matchAll(/`+/g)].map((run) => run[0].length)));
    const fence = '`'.repeat(longest + 1);
    lines[index] = `${fence}${language}`;
    lines[end] = fence;
    record(index, `Hugo shortcode ${typed}: the code is kept as a code block${language ? ` in ${language}` : ''}`, false);
    record(end, `the end of the Hugo shortcode ${typed}`, false);
    return end;
  }
  const label = shortcodeLabel(name, attributes);
  if (kind === 'box') {
    lines[index] = `::::note${label ? ` ${label}` : ''}`;
    lines[end] = '::::';
    record(index, `Hugo shortcode ${typed}: kept as a block quote${label ? ', its label in bold' : ''}`, !label);
    record(end, `the end of the Hugo shortcode ${typed}`, true);
    return index;
  }
  lines[index] = label ? `**${label}**` : '';
  lines[end] = '';
  const unknown = kind === 'unknown';
  record(
    index,
    unknown
      ? `Hugo shortcode ${typed}, which this importer does not know: what it holds is kept, but not what the site did with it`
      : `Hugo shortcode ${typed}: what it holds is kept`,
    !label,
    unknown,
  );
  record(end, `the end of the Hugo shortcode ${typed}`, true);
  return index;
}

const escapedShortcode = /\{\{([<%])\/\*\s?([\s\S]*?)\s?\*\/([>%])\}\}/g;

/**
 * Hugo's escaped shortcodes (the name inside a comment's marks, `/*` and its closing) show on the site as `{{< name >}}`, in code
 * too (that is what they are for): they are given back as the site shows them, everywhere. Runs
 * after the shortcodes themselves are read, so what it gives back is not read as one.
 */
export function unescapeShortcodes(lines: string[], changes: SiteSyntaxChange[], fromLine: number): void {
  for (let index = fromLine - 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (!line.includes('/*')) continue;
    const text = line.replace(escapedShortcode, (_whole, open: string, inner: string, close: string) => `{{${open} ${inner.trim()} ${close}}}`);
    if (text === line) continue;
    lines[index] = text;
    changes.push({ line: index + 1, reason: 'Hugo’s escaped shortcode ({{</* … */>}}): kept as the site shows it, {{< … >}}', whole: false, lossy: false });
  }
}
