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
  let inFence: string | undefined;
  let inHighlight = false;
  let margins = 0;
  for (let index = fromLine - 1; index < lines.length; index++) {
    const line = lines[index] as string;
    const opening = fence.exec(line);
    if (inFence) {
      if (opening && (opening[1] as string)[0] === inFence[0] && (opening[1] as string).length >= inFence.length && (opening[2] ?? '').trim() === '')
        inFence = undefined;
      continue;
    }
    if (inHighlight) {
      inHighlight = !liquidHighlightClose.test(line);
      continue;
    }
    const directive = bibliographyDirective.exec(line);
    if (directive) {
      index = dropDirective(lines, index, directive[1] as string, result.changes);
      continue;
    }
    if (opening) {
      inFence = opening[1];
      continue;
    }
    if (liquidHighlightOpen.test(line)) {
      inHighlight = !liquidHighlightClose.test(line.replace(liquidHighlightOpen, ''));
      continue;
    }
    const quote = liquidQuoteOpen.exec(line);
    if (quote) {
      const end = quoteAsBlockQuote(lines, index, quote, bibliographyKeys, result);
      if (end !== undefined) {
        index = end;
        continue;
      }
    }
    const margin = marginDivOpen.exec(line);
    if (margin) {
      const end = marginAsFootnote(lines, index, margin[1] as string, `margin-note-${margins + 1}`, result.changes);
      if (end !== undefined) {
        margins += 1;
        index = end;
        continue;
      }
    }
    rewriteLine(lines, index, bibliographyKeys, result);
  }
  result.text = lines.join('\n');
  return result;
}

const liquidQuoteOpen = /^(\s*)\{%-?\s*quote\s+((?:[^%]|%(?!\}))*?)\s*-?%\}\s*$/;
const liquidQuoteClose = /^\s*\{%-?\s*endquote\s*-?%\}\s*$/;

/**
 * jekyll-scholar's `{% quote key %}` … `{% endquote %}`: the passage as a block quote, its citation
 * closing it, as the site printed it. Its key unknown, the tags are kept as typed and reported.
 * The index of the closing tag's line; undefined when it is not closed.
 */
function quoteAsBlockQuote(
  lines: string[],
  index: number,
  open: RegExpExecArray,
  keys: ReadonlyMap<string, string>,
  result: AcademicSyntaxResult,
): number | undefined {
  const end = lines.findIndex((candidate, after) => after > index && liquidQuoteClose.test(candidate));
  if (end < 0) return undefined;
  const reading = liquidConstruct('cite', open[2] ?? '');
  const citation = reading?.citation;
  const known = citation?.keys.map((key) => keys.get(key) ?? keys.get(key.toLowerCase()));
  const column = (open[1]?.length ?? 0) + 1;
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
function marginAsFootnote(lines: string[], index: number, colons: string, label: string, changes: SiteSyntaxChange[]): number | undefined {
  const end = lines.findIndex((candidate, after) => after > index && candidate.trim() === colons);
  if (end < 0) return undefined;
  const content = lines.slice(index + 1, end).map((line, offset) => ({ line, index: index + 1 + offset }));
  const first = content.find((entry) => entry.line.trim() !== '');
  if (!first) return undefined;
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

// jekyll-scholar's tags; `citation` is its alias of `cite`.
const liquidCitation = /\{%-?\s*(cite|citation|reference|bibliography|bibliography_count)\b((?:[^%]|%(?!\}))*?)-?%\}/g;
const distillCite = /<d-cite\s+key\s*=\s*(?:"([^"]*)"|'([^']*)')\s*(?:\/>|>\s*<\/d-cite>)/g;
const distillNote = /<(\/?)d-footnote\s*>/g;
const distillBibliography = /<d-bibliography\b[^>]*>(?:\s*<\/d-bibliography>)?/g;
// hugo-cite (loup-brun/hugo-cite) and its forks: `{{< cite "key" >}}`, `{{< cite "a; b" 23 >}}`.
const hugoCite = /\{\{([<%])\s*cite\s+((?:"[^"]*"|'[^']*'|[^\s"'<>%}]+)(?:\s+(?:"[^"]*"|'[^']*'|[^\s"'<>%}]+))*)\s*[>%]\}\}/g;
// Hugo Blox's (Wowchemy's, Academic's) citation of one of the site's publication pages: `{{< cite page="/publication/x" view="4" >}}`.
const hugoPageCite = /\{\{([<%])\s*cite\s+(?:[^<>%{}]*?\s)?page\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>%}]+))[^<>%{}]*?[>%]\}\}/g;
const hugoBibliography = /\{\{([<%])\s*bibliography\b[^{}]*?[>%]\}\}/g;
// MyST's roles (sphinxcontrib-bibtex, mystmd): `{cite}`, `{cite:p}`, `{cite:t}`, `{footcite}`…
const mystRole = /\{(cite|footcite)(?::(p|ps|t|ts|author|year|yearpar|label|alp|text|num))?\}`([^`]+)`/g;
const quartoAside = /\[((?:[^[\]]|\[[^[\]]*\])+)\]\{\s*\.(?:aside|column-margin)\s*\}/g;

/** Every academic construct in a line, outside code spans, in order. */
function constructsIn(line: string): Found[] {
  const found: Found[] = [];
  const add = (pattern: RegExp, read: (match: RegExpExecArray) => Omit<Found, 'start' | 'end' | 'syntax'> | undefined) => {
    for (const match of line.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      const reading = read(match as RegExpExecArray);
      if (reading) found.push({ start, end, syntax: match[0], ...reading });
    }
  };
  // Code spans as CommonMark reads them (a run of backticks closed by as many); a MyST role's own backticks open a span after it.
  const code = [...line.matchAll(/(?<!`)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g)].map((match) => [match.index ?? 0, (match.index ?? 0) + match[0].length] as const);
  // What Jekyll's `{% raw %}` … `{% endraw %}` holds on the line is shown as typed: examples of the syntax, not citations.
  const raw = [...line.matchAll(/\{%-?\s*raw\s*-?%\}[\s\S]*?(?:\{%-?\s*endraw\s*-?%\}|$)/g)].map(
    (match) => [match.index ?? 0, (match.index ?? 0) + match[0].length] as const,
  );
  const inCode = (start: number) => [...code, ...raw].some(([from, to]) => start >= from && start < to);
  add(mystRole, (match) => ({ citation: mystCitation(match[2], match[3] as string) }));
  add(liquidCitation, (match) => liquidConstruct(match[1] as string, match[2] ?? ''));
  add(distillCite, (match) => ({ citation: { keys: splitKeys(match[1] ?? match[2] ?? ''), locators: [] } }));
  add(distillNote, (match) => ({ replacement: match[1] ? inlineNoteClose : inlineNoteOpen }));
  add(distillBibliography, () => ({ drop: listRequest('Distill’s <d-bibliography>') }));
  add(hugoPageCite, (match) => ({ citation: { keys: [pageCitationKey(match[2] ?? match[3] ?? match[4] ?? '')], locators: [] } }));
  add(hugoCite, (match) => ({ citation: hugoCitation(match[2] as string) }));
  add(hugoBibliography, () => ({ drop: listRequest('the {{< bibliography >}} shortcode') }));
  add(quartoAside, (match) => ({ replacement: `${inlineNoteOpen}${match[1]}${inlineNoteClose}` }));
  return found.filter((item) => !inCode(item.start)).sort((a, b) => a.start - b.start);
}

function liquidConstruct(name: string, rest: string): Omit<Found, 'start' | 'end' | 'syntax'> | undefined {
  if (name === 'bibliography' || name === 'bibliography_count') return { drop: listRequest(`the {% ${name} %} tag`) };
  const words = rest.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const keys: string[] = [];
  const locators: (string | undefined)[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    if (word === '--locator' || word === '-l') {
      locators.push(unquoted(words[++index] ?? ''));
      continue;
    }
    // jekyll-scholar's other options (`--label page`, `--file other`, `-f`) say nothing a CSL citation holds.
    if (/^--?\w/.test(word)) {
      index++;
      continue;
    }
    keys.push(unquoted(word));
  }
  if (keys.length === 0) return undefined;
  return { citation: { keys, locators } };
}

function hugoCitation(argumentsText: string): Citation {
  const [first = '', second] = (argumentsText.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map(unquoted);
  // The second argument is the page (`{{< cite "Goody1978" 25 >}}`), one a key (`"20;22-23"`), when it is pages.
  const pages = second?.split(';').map((page) => page.trim());
  const locators = pages?.every((page) => page === '' || /^[\divxlcIVXLC]+(?:\s*[-–]\s*[\divxlcIVXLC]+)?$/.test(page))
    ? pages.map((page) => page || undefined)
    : [];
  return { keys: splitKeys(first), locators, ...(second === 'author' || second === 't' ? { inText: true } : {}) };
}

/** A MyST role's citation; `{footcite}` is a note of its own on the site, as any citation is under a notes style. */
function mystCitation(variant: string | undefined, body: string): Citation {
  const keys = splitKeys(body);
  if (variant === 't' || variant === 'ts' || variant === 'author') return { keys, locators: [], inText: true };
  if (variant === 'year' || variant === 'yearpar') return { keys, locators: [], yearOnly: true };
  return { keys, locators: [] };
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
  if (citation.inText) return keys.map((key) => `@${key}`).join(', ');
  const items = keys.map((key, index) => {
    const locator = citation.locators[index];
    return `${citation.yearOnly ? '-' : ''}@${key}${locator ? `, ${locator}` : ''}`;
  });
  return `[${items.join('; ')}]`;
}

/** Rewrites one line's constructs; records the keys cited and the citations left as typed. */
function rewriteLine(lines: string[], index: number, bibliographyKeys: ReadonlyMap<string, string>, result: AcademicSyntaxResult): void {
  const line = lines[index] as string;
  if (!/[{<[]/.test(line)) return;
  const found = constructsIn(line);
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
