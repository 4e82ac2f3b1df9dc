/**
 * Citations and notes in the syntax of an academic blog's generator, rewritten line for line into
 * Pandoc's (`[@key]`), which the book's CSL style renders: jekyll-scholar's `{% cite a b --locator
 * 23 %}` and `{% reference key %}` (al-folio), Distill's `<d-cite key="a,b"></d-cite>`, hugo-cite's
 * `{{< cite "key" 23 >}}`, MyST's `{cite:p}` roles (Jupyter Book). A request for the site's reference
 * list (`{% bibliography %}`, `{{< bibliography >}}`, a `{bibliography}` directive) goes, said why:
 * the book makes its own. Notes typed where they go (Distill's `<d-footnote>`, Quarto's `[…]{.aside}`)
 * are marked for `note-shortcodes.ts`, which makes them footnotes on the parsed tree; Quarto's margin
 * blocks (`::: {.column-margin}`) become footnote definitions at their place.
 *
 * A key that no bibliography found holds is left as typed and reported: no entry is ever made up.
 */
import type { SiteSyntaxChange } from './site-syntax-change.ts';

/** The characters that open and close a note typed in place, for `note-shortcodes.ts` (private use: never in a post). */
export const inlineNoteOpen = '\uE000';
export const inlineNoteClose = '\uE001';

export interface CitedKey {
  key: string;
  line: number;
  column: number;
}

export interface AcademicSyntaxResult {
  text: string;
  changes: SiteSyntaxChange[];
  /** The keys cited and found in a bibliography, as the bibliography spells them. */
  cited: CitedKey[];
  /** Citations left as typed: a key in them is in no bibliography found. */
  unknown: (CitedKey & { typed: string })[];
}

/** A citation as the post typed it: its keys, a locator each (by position), and whether it names the author in the sentence. */
interface Citation {
  keys: string[];
  locators: (string | undefined)[];
  inText?: boolean;
  /** Only the year (`[-@key]`). */
  yearOnly?: boolean;
  /** Only the year, key by key (hugo-cite's `-key`). */
  yearOnlyKeys?: boolean[];
  /** Words before each key (MyST's `{see}key`), by position. */
  prefixes?: (string | undefined)[];
}

const fence = /^\s{0,3}(`{3,}|~{3,})(.*)$/;
const liquidHighlightOpen = /^\s*\{%-?\s*highlight\b/;
const liquidHighlightClose = /^\s*\{%-?\s*endhighlight\s*-?%\}/;
const bibliographyDirective = /^\s{0,3}(`{3,}|:{3,})\s*\{(?:bibliography|footbibliography)\}/;
const marginDivOpen = /^\s{0,3}(:{3,})\s*(?:\{\s*\.(?:column-margin|aside)\b[^{}]*\}|(?:column-margin|aside))\s*$/;

/** Rewrites the academic syntax of the post's lines from `fromLine` on; `bibliographyKeys` are the keys of every bibliography found. */
export function academicSyntax(text: string, fromLine: number, bibliographyKeys: ReadonlyMap<string, string>): AcademicSyntaxResult {
  const lines = text.split('\n');
  const result: AcademicSyntaxResult = { text, changes: [], cited: [], unknown: [] };
  rewriteRange(lines, fromLine - 1, lines.length, { keys: bibliographyKeys, result, margins: 0 });
  result.text = lines.join('\n');
  return result;
}

/** What a pass over the lines shares: the bibliographies' keys, what it found, the margin notes numbered so far. */
interface Pass {
  keys: ReadonlyMap<string, string>;
  result: AcademicSyntaxResult;
  margins: number;
}

/** Where the reading of the lines stands: in a fence, a `{% highlight %}`, an indented code block, a list, a `{% raw %}` or `<pre>`. */
interface Reading {
  fence?: string | undefined;
  highlight: boolean;
  indented: boolean;
  list: boolean;
  blank: boolean;
  /** What hides the lines as typed, open at the end of the last line read: `raw`, `pre`, `code` or `comment`. */
  hidden?: string | undefined;
}

/** Rewrites the lines from `from` up to `to` (excluded), the body of a `{% quote %}` or margin block as the whole post. */
function rewriteRange(lines: string[], from: number, to: number, pass: Pass): void {
  const reading: Reading = { highlight: false, indented: false, list: false, blank: true };
  for (let index = from; index < to; index++) {
    const line = lines[index] as string;
    // An HTML <code> left open is inline: the paragraph's end closes it.
    if (reading.hidden === 'code' && line.trim() === '') reading.hidden = undefined;
    if (reading.hidden) {
      rewriteLine(lines, index, pass.keys, pass.result, hiddenSpans(line, reading));
      continue;
    }
    if (isCode(reading, line)) continue;
    const directive = bibliographyDirective.exec(line);
    if (directive) {
      index = dropDirective(lines, index, directive[1] as string, pass.result.changes);
      continue;
    }
    const quote = quoteOpen(line);
    if (quote) {
      const end = quoteAsBlockQuote(lines, index, quote, pass);
      if (end !== undefined) {
        index = end;
        continue;
      }
    }
    const margin = marginDivOpen.exec(line);
    if (margin) {
      const end = marginAsFootnote(lines, index, margin[1] as string, pass);
      if (end !== undefined) {
        index = end;
        continue;
      }
    }
    rewriteLine(lines, index, pass.keys, pass.result, hiddenSpans(line, reading));
  }
}

const listItem = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)|^\s{0,3}\[\^[^\]]+\]:/;

/** Whether the line is code (a fence, a `{% highlight %}` block, an indented code block), as Markdown reads it: shown as typed. */
function isCode(reading: Reading, line: string): boolean {
  const opening = fence.exec(line);
  if (reading.fence) {
    if (opening && (opening[1] as string)[0] === reading.fence[0] && (opening[1] as string).length >= reading.fence.length && (opening[2] ?? '').trim() === '')
      reading.fence = undefined;
    return true;
  }
  if (reading.highlight) {
    reading.highlight = !liquidHighlightClose.test(line);
    return true;
  }
  if (line.trim() === '') {
    reading.blank = true;
    return false;
  }
  // Four spaces (or a tab) after a blank line, outside a list item or a footnote: an indented code block.
  const indented = /^(?: {4}| {0,3}\t)/.test(line);
  if (indented && (reading.indented || (reading.blank && !reading.list))) {
    reading.indented = true;
    reading.blank = false;
    return true;
  }
  reading.indented = false;
  if (listItem.test(line)) reading.list = true;
  else if (reading.blank && !indented) reading.list = false;
  reading.blank = false;
  if (bibliographyDirective.test(line)) return false;
  if (opening) {
    reading.fence = opening[1];
    return true;
  }
  if (liquidHighlightOpen.test(line)) {
    reading.highlight = !liquidHighlightClose.test(line.replace(liquidHighlightOpen, ''));
    return true;
  }
  return false;
}

// Jekyll's `{% raw %}` … `{% endraw %}` and HTML's `<pre>` and `<code>`: what they hold is shown as typed, on one line or many;
// an HTML comment's is not shown at all (a citation commented out is not one).
const hiddenToken = /\{%-?\s*(end)?raw\s*-?%\}|<(\/?)(pre|code)\b|(<!--)|(-->)/gi;

/** The line's code spans as CommonMark reads them (a run of backticks closed by as many); a MyST role's own backticks open a span after it. */
function codeSpans(line: string): (readonly [number, number])[] {
  if (!line.includes('`')) return [];
  return [...line.matchAll(/(?<!`)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g)].map((match) => [match.index ?? 0, (match.index ?? 0) + match[0].length] as const);
}

/** The spans of the line hidden as typed (examples of the syntax, not citations); `reading.hidden` is what is still open after it. */
function hiddenSpans(line: string, reading: Reading): (readonly [number, number])[] {
  const spans: (readonly [number, number])[] = [];
  let from = 0;
  const code = codeSpans(line);
  let span = 0;
  for (const match of line.matchAll(hiddenToken)) {
    const at = match.index ?? 0;
    // A tag named in a code span (`<pre>`) is text, and opens nothing (the spans and the tags both in order: one walk).
    while (span < code.length && (code[span] as readonly [number, number])[1] <= at) span++;
    if (span < code.length && (code[span] as readonly [number, number])[0] <= at) continue;
    const comment = match[4] !== undefined || match[5] !== undefined;
    const kind = comment ? 'comment' : match[3] ? match[3].toLowerCase() : 'raw';
    const closing = comment ? match[5] !== undefined : match[3] ? match[2] === '/' : match[1] !== undefined;
    if (!reading.hidden) {
      // A comment opens at a line's start (an HTML block, to its `-->` however far), or inside a
      // line only when it closes on it: an `<!--` in prose left open is text (CommonMark).
      const opensComment = kind !== 'comment' || /^ {0,3}$/.test(line.slice(0, at)) || line.includes('-->', at + 4);
      if (!closing && opensComment) {
        reading.hidden = kind;
        from = at;
      }
      continue;
    }
    if (!closing || kind !== reading.hidden) continue;
    const end = kind === 'raw' || kind === 'comment' ? at + match[0].length : line.indexOf('>', at) + 1 || at + match[0].length;
    spans.push([from, end]);
    reading.hidden = undefined;
  }
  if (reading.hidden) spans.push([from, line.length]);
  return spans;
}

const liquidQuoteHead = /^(\s*)\{%-?\s*quote\b/;

/** A line that is only jekyll-scholar's `{% quote key … %}`: its indent and its arguments (found with indexOf: linear on any line). */
function quoteOpen(line: string): { indent: number; args: string } | undefined {
  const head = liquidQuoteHead.exec(line);
  if (!head) return undefined;
  const close = line.indexOf('%}', head[0].length);
  if (close < 0 || line.slice(close + 2).trim() !== '') return undefined;
  const args = line.slice(head[0].length, close).replace(/-$/, '').trim();
  return args === '' ? undefined : { indent: (head[1] as string).length, args };
}
const liquidQuoteClose = /^\s*\{%-?\s*endquote\s*-?%\}\s*$/;

/**
 * jekyll-scholar's `{% quote key %}` … `{% endquote %}`: the passage as a block quote, its citation
 * closing it, as the site printed it. Its key unknown, the tags are kept as typed and reported.
 * The index of the closing tag's line; undefined when it is not closed.
 */
function quoteAsBlockQuote(lines: string[], index: number, open: { indent: number; args: string }, pass: Pass): number | undefined {
  const { keys, result } = pass;
  const end = lines.findIndex((candidate, after) => after > index && liquidQuoteClose.test(candidate));
  if (end < 0) return undefined;
  // The passage's own citations and notes are rewritten as any line's.
  rewriteRange(lines, index + 1, end, pass);
  const reading = liquidConstruct('cite', open.args);
  const citation = reading?.citation;
  const known = citation?.keys.map((key) => keys.get(key) ?? keys.get(key.toLowerCase()));
  const column = open.indent + 1;
  if (!citation || !known || known.some((key) => key === undefined)) {
    const typed = (lines[index] as string).trim();
    result.unknown.push({ key: citation?.keys.join(', ') ?? '', typed, line: index + 1, column });
    lines[index] = keptAsTyped(lines[index] as string);
    lines[end] = keptAsTyped(lines[end] as string);
    for (const at of [index, end]) result.changes.push({ line: at + 1, reason: unknownReason, whole: false, lossy: false });
    return end;
  }
  for (const key of known as string[]) result.cited.push({ key, line: index + 1, column });
  lines[index] = '';
  result.changes.push({
    line: index + 1,
    reason: 'jekyll-scholar’s {% quote %}: the passage is a block quote, its citation at its end',
    whole: true,
    lossy: false,
  });
  for (let inside = index + 1; inside < end; inside++) lines[inside] = `> ${lines[inside]}`.trimEnd();
  lines[end] = `> ${pandocCitation(citation, known as string[])}`;
  result.changes.push({ line: end + 1, reason: 'the end of jekyll-scholar’s {% quote %}: its citation', whole: false, lossy: false });
  return end;
}

/** A `{bibliography}` directive (MyST, Jupyter Book): every line of it goes; the index of its last line. */
function dropDirective(lines: string[], index: number, marks: string, changes: SiteSyntaxChange[]): number {
  const end = lines.findIndex((candidate, after) => after > index && candidate.trim() === marks);
  const last = end < 0 ? index : end;
  for (let inside = index; inside <= last; inside++) {
    lines[inside] = '';
    changes.push({ line: inside + 1, reason: listRequest('a {bibliography} directive'), whole: true, lossy: false });
  }
  return last;
}

function listRequest(what: string): string {
  return `${what} asks the site for its reference list: the book makes its own`;
}

/**
 * A Quarto margin block (`::: {.column-margin}` … `:::`) as a footnote at its place: its lines
 * become the note's definition (indented, so paragraphs and code stay in it), and its marker ends
 * the paragraph before it (or, when none, opens the one after it, or else stands alone where the
 * block opened). Undefined when it is not closed or holds nothing.
 */
function marginAsFootnote(lines: string[], index: number, colons: string, pass: Pass): number | undefined {
  const end = lines.findIndex((candidate, after) => after > index && candidate.trim() === colons);
  if (end < 0) return undefined;
  // The note's own citations are rewritten as any line's, before it becomes a footnote.
  rewriteRange(lines, index + 1, end, pass);
  const changes = pass.result.changes;
  const label = `margin-note-${pass.margins + 1}`;
  const content = lines.slice(index + 1, end).map((line, offset) => ({ line, index: index + 1 + offset }));
  const first = content.find((entry) => entry.line.trim() !== '');
  if (!first) return undefined;
  pass.margins += 1;
  const before = lines.slice(0, index).findLastIndex((line) => line.trim() !== '');
  const after = lines.findIndex((line, at) => at > end && line.trim() !== '');
  const host = before >= 0 && isProse(lines[before] as string) ? before : after >= 0 && isProse(lines[after] as string) ? after : undefined;
  if (host !== undefined) {
    lines[host] = host === before ? `${(lines[host] as string).trimEnd()}[^${label}]` : `[^${label}] ${lines[host]}`;
    changes.push({ line: host + 1, reason: 'the marker of a Quarto margin note, which is now a footnote', whole: false, lossy: false });
  }
  // With no paragraph beside it (between a heading and a table), the marker stands where the block opened.
  lines[index] = host === undefined ? `[^${label}]` : '';
  changes.push({
    line: index + 1,
    reason: 'a Quarto margin block (::: {.column-margin}): what it holds is a footnote at its place',
    whole: host !== undefined,
    lossy: false,
  });
  for (const entry of content) if (entry.line.trim() !== '') lines[entry.index] = entry === first ? `[^${label}]: ${entry.line.trim()}` : `    ${entry.line}`;
  lines[end] = '';
  changes.push({ line: end + 1, reason: 'the end of a Quarto margin block (:::)', whole: true, lossy: false });
  return end;
}

/** A line of a paragraph, which a footnote marker can end: not a heading, fence, div, table, quote or HTML. */
function isProse(line: string): boolean {
  return !/^\s*(?:#{1,6}\s|`{3}|~{3}|:{3}|\||<|>|\{[%{])/.test(line) && !/^\s*(?:[-*_]\s*){3,}$/.test(line);
}

interface Found {
  start: number;
  end: number;
  citation?: Citation;
  /** A construct that goes (a request for the reference list), and why. */
  drop?: string;
  /** What a note typed in place becomes. */
  replacement?: string;
  syntax: string;
}

// jekyll-scholar's tags (`citation` is its alias of `cite`) and hugo-cite's shortcodes: the head, then the end found with indexOf (linear on any line).
const liquidCitation = /\{%-?\s*(cite|citation|reference|bibliography|bibliography_count)\b/g;
const distillCite = /<d-cite\s+key\s*=\s*(?:"([^"]*)"|'([^']*)')\s*(?:\/>|>\s*<\/d-cite>)/g;
const distillNote = /<(\/?)d-footnote\s*>/g;
const distillBibliography = /<d-bibliography\b[^>]*>(?:\s*<\/d-bibliography>)?/g;
// hugo-cite (loup-brun/hugo-cite) and its forks: `{{< cite "key" >}}`, `{{< cite "a; b" 23 >}}`, `{{< cite key="a" pages="25" >}}`;
// Hugo Blox's (Wowchemy's, Academic's) citation of one of the site's publication pages: `{{< cite page="/publication/x" view="4" >}}`.
const hugoCite = /\{\{([<%])\s*cite\b/g;
const hugoPage = /(?:^|\s)page\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/;
const hugoBibliography = /\{\{([<%])\s*bibliography\b[^{}]*?[>%]\}\}/g;
// MyST's roles (sphinxcontrib-bibtex, mystmd): `{cite}`, `{cite:p}`, `{cite:t}`, `{footcite}`…
const mystRole = /\{(cite|footcite)(?::(p|ps|t|ts|author|year|yearpar|label|alp|text|num))?\}`([^`]+)`/g;
const quartoAside = /\[((?:[^[\]]|\[[^[\]]*\])+)\]\{\s*\.(?:aside|column-margin)\s*\}/g;

/** A construct's match: where it starts, its text, its groups (the last one, for a tag, what it holds). */
interface Hit {
  index: number;
  text: string;
  groups: (string | undefined)[];
}

function* regexHits(line: string, pattern: RegExp): Generator<Hit> {
  for (const match of line.matchAll(pattern)) yield { index: match.index ?? 0, text: match[0], groups: [...match] };
}

/** A tag from its head to the first of its closing marks: what it holds is the last group. Each search is resumed, never repeated. */
function* tagHits(line: string, head: RegExp, closes: readonly string[]): Generator<Hit> {
  const next = closes.map(() => -2);
  const pattern = new RegExp(head.source, 'g');
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    const from = match.index + match[0].length;
    let end = -1;
    let length = 0;
    closes.forEach((close, at) => {
      if ((next[at] as number) !== -1 && (next[at] as number) < from) next[at] = line.indexOf(close, from);
      const found = next[at] as number;
      if (found >= 0 && (end < 0 || found < end)) [end, length] = [found, close.length];
    });
    if (end < 0) return;
    yield { index: match.index, text: line.slice(match.index, end + length), groups: [...match, line.slice(from, end)] };
    pattern.lastIndex = end + length;
  }
}

/** Every academic construct in a line, outside code spans and the `hidden` spans, in order. */
function constructsIn(line: string, hidden: readonly (readonly [number, number])[]): Found[] {
  const found: Found[] = [];
  // What is taken: 1 in code, 2 by a construct found. Checked span by span, so that a line of any length is read in linear time.
  const taken = new Uint8Array(line.length + 1);
  const inCode = new Uint8Array(line.length + 1);
  const add = (hits: Iterable<Hit>, read: (groups: (string | undefined)[]) => Omit<Found, 'start' | 'end' | 'syntax'> | undefined) => {
    for (const hit of hits) {
      const start = hit.index;
      const end = start + hit.text.length;
      if (taken.subarray(start, end).includes(2)) continue;
      const reading = read(hit.groups);
      if (!reading) continue;
      taken.fill(2, start, end);
      found.push({ start, end, syntax: hit.text, ...reading });
    }
  };
  for (const [from, to] of codeSpans(line)) inCode.fill(1, from, to);
  for (const [from, to] of hidden) inCode.fill(1, from, to);
  add(regexHits(line, mystRole), (groups) => ({ citation: mystCitation(groups[2], groups[3] as string) }));
  add(tagHits(line, liquidCitation, ['%}']), (groups) => liquidConstruct(groups[1] as string, (groups[2] ?? '').replace(/-$/, '')));
  add(regexHits(line, distillCite), (groups) => ({ citation: { keys: splitKeys(groups[1] ?? groups[2] ?? ''), locators: [] } }));
  add(regexHits(line, distillNote), (groups) => ({ replacement: groups[1] ? inlineNoteClose : inlineNoteOpen }));
  add(regexHits(line, distillBibliography), () => ({ drop: listRequest('Distill’s <d-bibliography>') }));
  add(tagHits(line, hugoCite, ['>}}', '%}}']), (groups) => hugoConstruct(groups[2] ?? ''));
  add(regexHits(line, hugoBibliography), () => ({ drop: listRequest('the {{< bibliography >}} shortcode') }));
  add(regexHits(line, quartoAside), (groups) => ({ replacement: `${inlineNoteOpen}${groups[1]}${inlineNoteClose}` }));
  return found.filter((item) => inCode[item.start] !== 1).sort((a, b) => a.start - b.start);
}

// jekyll-scholar's options that take no value; any other option's value runs to the next option.
const liquidFlags = new Set(['-A', '--suppress_author', '-c', '--cited', '-C', '--cited_in_order']);
// Pandoc's locator terms (its English locale's short forms) for jekyll-scholar's `--label`; an unknown label is kept as its word.
const locatorTerms: Record<string, string> = {
  book: 'bk.',
  chapter: 'chap.',
  column: 'col.',
  figure: 'fig.',
  folio: 'fol.',
  line: 'l.',
  note: 'n.',
  number: 'no.',
  opus: 'op.',
  page: 'p.',
  paragraph: 'para.',
  part: 'pt.',
  section: 'sec.',
  'sub verbo': 's.v.',
  verse: 'v.',
  volume: 'vol.',
};

/**
 * jekyll-scholar's tag as its option parser reads it: keys, `-l/--locator` (its value up to the next
 * option; repeated, one a key by position), `-L/--label` (the locator's term, likewise),
 * `-A/--suppress_author` (the year only); `-c`, `-C` take no value, the others (`--file`…) one that says nothing a citation holds.
 */
function liquidConstruct(name: string, rest: string): Omit<Found, 'start' | 'end' | 'syntax'> | undefined {
  if (name === 'bibliography' || name === 'bibliography_count') return { drop: listRequest(`the {% ${name} %} tag`) };
  const words = rest.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const keys: string[] = [];
  const values: Record<'locator' | 'label' | 'other', string[]> = { locator: [], label: [], other: [] };
  let option: keyof typeof values | undefined;
  let value: string[] = [];
  const close = () => {
    if (option) values[option].push(value.join(' '));
    [option, value] = [undefined, []];
  };
  let yearOnly = false;
  for (const word of words) {
    if (/^--?[A-Za-z]/.test(word)) {
      close();
      if (word === '-A' || word === '--suppress_author') yearOnly = true;
      else if (!liquidFlags.has(word)) option = word === '-l' || word === '--locator' ? 'locator' : word === '-L' || word === '--label' ? 'label' : 'other';
      continue;
    }
    if (option) value.push(unquoted(word));
    // A BibTeX key holds no comma: `{% cite a,b %}` cites two.
    else keys.push(...splitKeys(unquoted(word)));
  }
  close();
  if (keys.length === 0) return undefined;
  const locators = values.locator.map((locator, at) => {
    const label = values.label[at]?.toLowerCase();
    if (!locator) return undefined;
    return label ? `${locatorTerms[label] ?? label} ${locator}` : locator;
  });
  return { citation: { keys, locators, ...(yearOnly ? { yearOnly } : {}) } };
}

/** hugo-cite's shortcode (or Hugo Blox's citation of a page); undefined when it names no key. */
function hugoConstruct(argumentsText: string): Omit<Found, 'start' | 'end' | 'syntax'> | undefined {
  const page = hugoPage.exec(argumentsText);
  if (page) return { citation: { keys: [pageCitationKey(page[1] ?? page[2] ?? page[3] ?? '')], locators: [] } };
  const citation = hugoCitation(argumentsText);
  return citation.keys.length === 0 ? undefined : { citation };
}

/**
 * hugo-cite's arguments: the keys (`"a; b"`, or `key="a"`) and the page (the second argument, or
 * `pages="25"`), one a key (`"20;22-23"`); a key typed `-key` is cited without its author (`[-@key]`).
 */
function hugoCitation(argumentsText: string): Citation {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const word of argumentsText.match(/\w+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"']*)|"[^"]*"|'[^']*'|\S+/g) ?? []) {
    const pair = /^(\w+)\s*=\s*([\s\S]*)$/.exec(word);
    if (pair) named[pair[1] as string] = unquoted(pair[2] as string);
    else positional.push(unquoted(word));
  }
  const [first = named.key ?? '', second = named.pages ?? named.page] = positional;
  const typed = splitKeys(first);
  const inText = second === 'author' || second === 't';
  // The second argument is the page (`{{< cite "Goody1978" 25 >}}`): for one key, all of it, as
  // hugo-cite prints it (`"20;22-23"`, `"fig. 3"`); for several, one a key (`"20;22-23"`) when it is pages.
  const pages = second?.split(';').map((page) => page.trim());
  const locators =
    typed.length === 1 && second?.trim() && !inText
      ? [pages?.filter(Boolean).join(', ')]
      : pages?.every((page) => page === '' || /^[\divxlcIVXLC]+(?:\s*[-–]\s*[\divxlcIVXLC]+)?$/.test(page))
        ? pages.map((page) => page || undefined)
        : [];
  const keys = typed.map((key) => key.replace(/^-/, ''));
  const yearOnlyKeys = typed.map((key) => key.startsWith('-'));
  return {
    keys,
    locators,
    ...(yearOnlyKeys.some(Boolean) ? { yearOnlyKeys } : {}),
    ...(inText ? { inText: true } : {}),
  };
}

/**
 * A MyST role's citation; `{footcite}` is a note of its own on the site, as any citation is under a
 * notes style. Keys are separated by commas, each with sphinxcontrib-bibtex's words before and after
 * it in braces (`{see}key{p. 3}`): Pandoc's prefix and locator.
 */
function mystCitation(variant: string | undefined, body: string): Citation {
  const parts = (body.match(/(?:\{[^{}]*\}|[^,{}])+/g) ?? []).map((part) => /^\s*(?:\{([^{}]*)\})?\s*([^\s{}]+)\s*(?:\{([^{}]*)\})?\s*$/.exec(part));
  // Anything else in the role (a space inside a key, a brace left open) is read as keys, to be reported unknown and kept as typed.
  if (parts.some((part) => !part)) return { keys: splitKeys(body), locators: [] };
  const keys = parts.map((part) => part?.[2] as string);
  const locators = parts.map((part) => part?.[3]?.trim() || undefined);
  const prefixes = parts.map((part) => part?.[1]?.trim() || undefined);
  const affixes = { locators, ...(prefixes.some(Boolean) ? { prefixes } : {}) };
  if (variant === 't' || variant === 'ts' || variant === 'author') return { keys, ...affixes, inText: true };
  if (variant === 'year' || variant === 'yearpar') return { keys, ...affixes, yearOnly: true };
  return { keys, ...affixes };
}

/** How the keys map names a site page's own citation (`page:/publication/x`), apart from the bibliographies' keys. */
export function pageCitationKey(page: string): string {
  return `page:/${page.trim().replace(/^\/+|\/+$/g, '')}`;
}

function splitKeys(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((key) => key.trim())
    .filter(Boolean);
}

function unquoted(word: string): string {
  return word.replace(/^(["'])([\s\S]*)\1$/, '$2');
}

/** A citation as typed, as text: not HTML to sanitise away, nor a tag or shortcode that `site-syntax.ts` would take out. */
function keptAsTyped(syntax: string): string {
  return syntax.replace(/</g, '&lt;').replace(/\{%/g, '{\\%');
}

/** Pandoc's form of a citation whose keys are all known. */
function pandocCitation(citation: Citation, keys: readonly string[]): string {
  if (citation.inText)
    return keys
      .map((key, index) => {
        const [prefix, locator] = [citation.prefixes?.[index], citation.locators[index]];
        return `${prefix ? `${prefix} ` : ''}@${key}${locator ? ` [${locator}]` : ''}`;
      })
      .join(', ');
  const items = keys.map((key, index) => {
    const locator = citation.locators[index];
    const prefix = citation.prefixes?.[index];
    return `${prefix ? `${prefix} ` : ''}${citation.yearOnly || citation.yearOnlyKeys?.[index] ? '-' : ''}@${key}${locator ? `, ${locator}` : ''}`;
  });
  return `[${items.join('; ')}]`;
}

/** Rewrites one line's constructs; records the keys cited and the citations left as typed. */
function rewriteLine(
  lines: string[],
  index: number,
  bibliographyKeys: ReadonlyMap<string, string>,
  result: AcademicSyntaxResult,
  hidden: readonly (readonly [number, number])[],
): void {
  const line = lines[index] as string;
  if (!/[{<[]/.test(line)) return;
  const found = constructsIn(line, hidden);
  if (found.length === 0) return;
  let text = '';
  let last = 0;
  const reasons: string[] = [];
  for (const item of found) {
    text += line.slice(last, item.start);
    last = item.end;
    const column = item.start + 1;
    if (item.drop) {
      reasons.push(item.drop);
      continue;
    }
    if (item.replacement !== undefined) {
      text += item.replacement;
      if (!reasons.includes(noteReason)) reasons.push(noteReason);
      continue;
    }
    const citation = item.citation as Citation;
    const keys = citation.keys.map((key) => bibliographyKeys.get(key) ?? bibliographyKeys.get(key.toLowerCase()));
    if (keys.some((key) => key === undefined)) {
      const missing = citation.keys
        .filter((_key, at) => keys[at] === undefined)
        .map((key) => (key.startsWith('page:') ? `the page ${key.slice(5)} (a cite.bib beside it)` : key));
      result.unknown.push({ key: missing.join(', '), typed: item.syntax, line: index + 1, column });
      text += keptAsTyped(item.syntax);
      if (!reasons.includes(unknownReason)) reasons.push(unknownReason);
      continue;
    }
    for (const key of keys as string[]) result.cited.push({ key, line: index + 1, column });
    text += pandocCitation(citation, keys as string[]);
    if (!reasons.includes(citationReason)) reasons.push(citationReason);
  }
  text += line.slice(last);
  if (text === line) return;
  lines[index] = text.trim() === '' ? '' : text;
  const whole = text.trim() === '';
  result.changes.push({ line: index + 1, reason: reasons.join('; '), whole, lossy: false });
}

const citationReason = 'a citation in the site’s syntax: written as a Pandoc citation ([@key]) of its bibliography';
const unknownReason = 'a citation whose key is in no bibliography found: kept as typed';
const noteReason = 'a note typed in place (<d-footnote>, […]{.aside}): kept as a footnote';
