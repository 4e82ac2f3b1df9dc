/**
 * A note's Markdown source → the tokens the labeller labels: words split at white space (and at an
 * opening bracket glued to a number, `12(3)`), each URL one token, the target of a Markdown link a
 * token of its own after the link text. Each token keeps its offsets in the source and what the
 * Markdown said about it (italic, inside quotes, link text), which a reader sees but plain text loses.
 * What is Markdown (emphasis, links, code) is read from the note's mdast, parsed by remark.
 */
import type { Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface NoteToken {
  /** The token as typed, Markdown and all. */
  raw: string;
  /** What a reader sees: Markdown emphasis markers, escapes and autolink brackets removed. */
  text: string;
  start: number;
  end: number;
  italic: boolean;
  /** Inside quotation marks (`‘…’`, `“…”`, `«…»`, `"…"`). */
  quoted: boolean;
  /** Inside round or square brackets. */
  bracketed: boolean;
  /** The visible text of a Markdown link `[text](url)`. */
  linkText: boolean;
  /** A web address (bare, `<…>`, or a link's target). */
  url: boolean;
  /** The target of a Markdown link, `(url "title")` and the punctuation after it: not seen by a reader. */
  linkTarget: boolean;
  /** For the text and target of a Markdown link: where the whole link `[text](url)` is in the source. */
  link?: { start: number; end: number };
}

const markdown = unified().use(remarkParse);

/** What the note's mdast says about its source: where emphasis is, and its links. */
interface InlineMarks {
  /** Source ranges (start, end) of the contents of emphasis (`_…_`, `*…*`): italic to a reader. Strong emphasis is not. */
  emphasis: [number, number][];
  /** Links written `[text](target)`, by the offset of their `[`. */
  links: Map<number, MarkdownLink>;
}

interface MarkdownLink {
  end: number;
  /** Offset of the `(` that opens the target. */
  targetStart: number;
  /** The destination as written (escapes kept), without `<…>`. */
  destination: string;
}

function inlineMarks(source: string): InlineMarks {
  const marks: InlineMarks = { emphasis: [], links: new Map() };
  // Without these characters there is no emphasis and no link to find, and parsing is most of the
  // tokeniser's time (half the notes of data/notes/ have none).
  if (!/[*_[]/.test(source)) return marks;
  const walk = (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'emphasis') {
        const first = node.children[0]?.position?.start.offset;
        const last = node.children.at(-1)?.position?.end.offset;
        if (first !== undefined && last !== undefined) marks.emphasis.push([first, last]);
      } else if (node.type === 'link' && source[start] === '[') {
        const textEnd = node.children.at(-1)?.position?.end.offset ?? start + 1;
        const targetStart = source.indexOf('](', textEnd) + 1;
        if (targetStart > 0 && targetStart < end) {
          const destination = source
            .slice(targetStart + 1, end - 1)
            .trim()
            .replace(/\s+"[^"]*"$/, '')
            .replace(/^<|>$/g, '');
          marks.links.set(start, { end, targetStart, destination });
        }
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(markdown.parse(source));
  return marks;
}

function overlaps(ranges: readonly [number, number][], start: number, end: number): boolean {
  return ranges.some(([from, to]) => from < end && start < to);
}

const URL_PATTERN = /<*(?:https?:\/\/|www\.)[^\s<>]*[^\s<>.,;:!?)\]}'"’”»]>*|<*(?:https?:\/\/|www\.)[^\s<>]+?>+/y;
const OPENING_QUOTES = new Set(['‘', '“', '«', '„', '‚', '"', "'", '‹', '「', '『']);

interface Piece {
  raw: string;
  start: number;
  end: number;
  url: boolean;
  linkText: boolean;
  linkTarget?: boolean;
  link?: { start: number; end: number };
  /** What a reader sees, when it is not `visibleText(raw)`. */
  text?: string;
}

/** Splits the source into pieces: URLs and link targets whole, everything else at white space. */
function pieces(source: string, links: ReadonlyMap<number, MarkdownLink>): Piece[] {
  const result: Piece[] = [];
  let wordStart = -1;
  const flush = (at: number) => {
    if (wordStart >= 0) result.push(...splitWord(source.slice(wordStart, at), wordStart));
    wordStart = -1;
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    const link = char === '[' ? links.get(i) : undefined;
    if (link) {
      // Emphasis or an opening bracket just before the link (`_[Site](url)_`) goes with its first word.
      const lead = wordStart >= 0 && /^[*_(“‘"'«]+$/.test(source.slice(wordStart, i)) ? source.slice(wordStart, i) : '';
      if (lead) wordStart = -1;
      flush(i);
      const span = { start: i, end: link.end };
      const words = wordsOf(source.slice(i + 1, link.targetStart - 1), i + 1);
      if (lead && words[0]) words[0] = { ...words[0], raw: lead + words[0].raw, start: i - lead.length };
      for (const word of words) result.push({ ...word, linkText: true, link: span });
      // Emphasis and punctuation after the link (`[“Title”](url).`, `_[Site](url)_.`) go with its
      // target, as they would with a word.
      const trail = /^[*_]*[.,;:!?)\]'"’”»]*(?=\s|$)/.exec(source.slice(span.end))?.[0] ?? '';
      const end = span.end + trail.length;
      result.push({
        raw: source.slice(link.targetStart, end),
        text: link.destination + trail.replace(/[*_]/g, ''),
        start: link.targetStart,
        end,
        url: true,
        linkText: false,
        linkTarget: true,
        link: span,
      });
      i = end;
      continue;
    }
    if (char === '<' || char === 'h' || char === 'w') {
      URL_PATTERN.lastIndex = i;
      const url = URL_PATTERN.exec(source);
      // An opening bracket or quote before it (`[https://…]`) goes with the address.
      const lead = wordStart >= 0 && /^[[(“‘"'«]+$/.test(source.slice(wordStart, i)) ? wordStart : i;
      if (url && (i === 0 || wordStart < 0 || lead < i || /[\p{L}\p{N}]$/u.test(source.slice(wordStart, i)) || char === '<')) {
        if (lead < i) wordStart = -1;
        flush(i);
        result.push({ raw: source.slice(lead, i + url[0].length), start: lead, end: i + url[0].length, url: true, linkText: false });
        i += url[0].length;
        continue;
      }
    }
    if (/\s/.test(char)) flush(i);
    else if (wordStart < 0) wordStart = i;
    i += 1;
  }
  flush(source.length);
  return result;
}

function wordsOf(text: string, offset: number): Piece[] {
  return [...text.matchAll(/\S+/g)].flatMap((match) => splitWord(match[0], offset + (match.index ?? 0)));
}

/** `12(3):` → `12`, `(3):`; `2013;122` → `2013;`, `122`; `57:11,` → `57:`, `11,`; Chinese or Japanese text apart from Latin, and from the 「 that opens a title. */
function splitWord(word: string, start: number): Piece[] {
  const parts = word
    .split(
      /(?<=.)(?=[「『])|(?<=[」』])(?=[^\s.,;:)）。、])|(?<=(?:^|[;:])[\p{L}\p{N}.]*\p{N})(?=[([])|(?<=^\d+[;:])(?=\d)|(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef])(?<![「『])(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef])|(?<![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef])(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef])/u,
    )
    .filter((part) => part !== '');
  const result: Piece[] = [];
  let at = start;
  for (const part of parts) {
    result.push({ raw: part, start: at, end: at + part.length, url: false, linkText: false });
    at += part.length;
  }
  return result;
}

/** What a reader sees of a token: escapes undone, emphasis markers and autolink brackets gone. */
export function visibleText(raw: string, url: boolean): string {
  if (url) return raw.replace(/^[<([“‘"'«]+|[>)]+$/g, '');
  // Escaped characters are kept (`\*` is a star); unescaped `*` and `_` are emphasis markers.
  return raw.replace(/\\([!-/:-@[-`{-~])|[*_]+/g, (_match, escaped: string | undefined) => escaped ?? '');
}

export function tokenizeNote(source: string): NoteToken[] {
  const tokens: NoteToken[] = [];
  let quote: string | undefined;
  let depth = 0;
  const marks = inlineMarks(source);
  for (const piece of pieces(source, marks.links)) {
    // A link's target is out of sight: only the punctuation after it can close a quote or bracket.
    const raw = piece.linkTarget && piece.link ? source.slice(piece.link.end, piece.end) : piece.raw;
    const bare = raw.replace(/^(?:\\?[[(]|[*_])+/, '');
    const first = bare[0] ?? '';
    const opensQuote = quote === undefined && OPENING_QUOTES.has(first) && bare.length > 1 && !(first === "'" && /^'\d/.test(bare));
    if (opensQuote) quote = first;
    const opens = (raw.match(/[([]/g) ?? []).length;
    const closes = (raw.match(/[)\]]/g) ?? []).length;
    const text = piece.text ?? visibleText(raw, piece.url);
    tokens.push({
      raw: piece.raw,
      text,
      start: piece.start,
      end: piece.end,
      italic: overlaps(marks.emphasis, piece.start, piece.end),
      quoted: quote !== undefined,
      bracketed: depth > 0 || (opens > 0 && !piece.linkTarget),
      linkText: piece.linkText,
      url: piece.url,
      linkTarget: piece.linkTarget === true,
      ...(piece.link ? { link: piece.link } : {}),
    });
    if (quote !== undefined && closesQuote(raw, quote, opensQuote)) quote = undefined;
    depth = Math.max(0, depth + opens - closes);
  }
  return tokens;
}

function closesQuote(raw: string, quote: string, justOpened: boolean): boolean {
  const tail = raw.replace(/[*_.,;:!?)\]]+$/, '');
  const last = tail.at(-1) ?? '';
  if (justOpened && tail.length <= 1) return false;
  if (quote === '"' || quote === "'") return last === quote && !(justOpened && tail.length === 1);
  // Each opening quote has its own closers, so `“Le ‘Concile’ de Jerusalem,”` stays quoted to its end.
  return (CLOSER_OF[quote] ?? '').includes(last);
}

// A curly quote closed by a straight one (`“APSIM …Simulator’".`) is closed: typed by hand, it happens.
const CLOSER_OF: Record<string, string> = { '‘': '’', '“': '”"', '«': '»', '„': '“”"', '‚': '‘’', '‹': '›', '「': '」', '『': '』' };
