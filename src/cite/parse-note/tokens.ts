/**
 * Splits a note's Markdown source into the pieces a citation is made of: quoted titles, italic
 * titles, URLs, bracketed groups, separators and plain text. Offsets always point into the
 * original source; values are already free of Markdown escapes and autolink brackets.
 */

export interface Span {
  start: number;
  end: number;
}

export interface TextToken extends Span {
  kind: 'text';
  value: string;
}

export interface QuotedToken extends Span {
  kind: 'quoted';
  value: string;
  closed: boolean;
}

export interface EmphasisToken extends Span {
  kind: 'emphasis';
  value: string;
}

export interface UrlToken extends Span {
  kind: 'url';
  value: string;
  /** Link text of a Markdown link `[label](url)`. */
  label?: string;
  /** `<<http…>` and similar: the extra brackets were dropped. */
  malformed: boolean;
}

export interface GroupToken extends Span {
  kind: 'group';
  bracket: '(' | '[';
  tokens: Token[];
  closed: boolean;
}

export interface SeparatorToken extends Span {
  kind: 'separator';
  /** `.` only where a sentence ends, never after an abbreviation or an initial. */
  value: ',' | ';' | '.';
}

export type Token = TextToken | QuotedToken | EmphasisToken | UrlToken | GroupToken | SeparatorToken;

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

const CLOSING_QUOTE: Record<string, string> = { '‘': '’', '“': '”', '«': '»', '„': '“', "'": "'", '"': '"' };

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    'vol vols no nos nr pp pg ed eds edn trans tr comp repr rev ch chap sec para fig art n nn cf ibid op cit loc al etc vs viz ' +
    'approx ca jan feb mar apr jun jul aug sep sept oct nov dec st dr mr mrs ms prof jr sr inc ltd co corp univ dept govt pt bk ' +
    'ser suppl diss esp fol fols ff mt ft'
  ).split(' '),
);

export function tokenize(source: string): Token[] {
  return readTokens(source, 0, undefined).tokens;
}

/** Markdown backslash escapes undone (`\[` → `[`). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

interface ReadResult {
  tokens: Token[];
  /** Index just after the closer, or the end of the source. */
  end: number;
  closed: boolean;
}

function readTokens(source: string, from: number, closer: ')' | ']' | undefined): ReadResult {
  const tokens: Token[] = [];
  let text = '';
  let textStart = from;
  const flushText = (at: number) => {
    if (text !== '') tokens.push({ kind: 'text', value: text, start: textStart, end: at });
    text = '';
  };
  const push = (token: Token) => {
    flushText(token.start);
    tokens.push(token);
  };

  let i = from;
  while (i < source.length) {
    const char = source[i]!;
    const next = source[i + 1];
    if (text === '') textStart = i;

    if (char === '\\' && next !== undefined && ESCAPABLE.test(next)) {
      // An escaped bracket is still a bracket (Markdown only needs the escape to avoid a link);
      // an escaped `*` or `_` is a literal character.
      if (next === '(' || next === '[') {
        const group = readGroup(source, i, 2, next);
        push(group);
        i = group.end;
        continue;
      }
      if (next === closer) {
        flushText(i);
        return { tokens, end: i + 2, closed: true };
      }
      if (text !== '' && SPACE.test(text[0]!)) {
        flushText(i);
        textStart = i;
      }
      text += next;
      i += 2;
      continue;
    }
    if (char === closer) {
      flushText(i);
      return { tokens, end: i + 1, closed: true };
    }
    const url = readUrl(source, i);
    if (url) {
      push(url);
      i = url.end;
      continue;
    }
    if (char === '[' || char === '(') {
      const group = readGroup(source, i, 1, char);
      const link = char === '[' && group.closed ? readLinkTarget(source, group) : undefined;
      push(link ?? group);
      i = (link ?? group).end;
      continue;
    }
    if (opensQuote(source, i)) {
      const quoted = readQuoted(source, i);
      push(quoted);
      i = quoted.end;
      // American style puts the comma inside the quotes: “Title,” _Journal_. The comma still
      // separates the title from what follows.
      if (quoted.closed && quoted.value.endsWith(',')) tokens.push({ kind: 'separator', value: ',', start: quoted.end, end: quoted.end });
      continue;
    }
    if (char === '_' || char === '*') {
      const emphasis = readEmphasis(source, i);
      if (emphasis) {
        push(emphasis);
        i = emphasis.end;
        continue;
      }
    }
    if (char === ';' || (char === ',' && !isThousandsComma(source, i)) || (char === '.' && endsSentence(source, i))) {
      push({ kind: 'separator', value: char, start: i, end: i + 1 });
      i += 1;
      continue;
    }
    // Words and runs of spaces are separate text tokens, so a signal word (See, Cf.) can be cut off.
    if (text !== '' && SPACE.test(char) !== SPACE.test(text[0]!)) {
      flushText(i);
      textStart = i;
    }
    text += char;
    i += 1;
  }
  flushText(source.length);
  return { tokens, end: source.length, closed: false };
}

function readGroup(source: string, start: number, openerLength: number, bracket: '(' | '['): GroupToken {
  const inner = readTokens(source, start + openerLength, bracket === '(' ? ')' : ']');
  return { kind: 'group', bracket, tokens: inner.tokens, closed: inner.closed, start, end: inner.end };
}

/** `[label](https://…)`: the group just read becomes the label of a link. */
function readLinkTarget(source: string, group: GroupToken): UrlToken | undefined {
  const match = /^\(<?([^\s()<>]+)>?\)/.exec(source.slice(group.end));
  if (!match || !/^(https?:|www\.|doi:)/i.test(match[1]!)) return undefined;
  return { kind: 'url', value: match[1]!, label: plainText(group.tokens).trim(), malformed: false, start: group.start, end: group.end + match[0].length };
}

const URL_START = /^(?:https?:\/\/|www\.|doi:10\.)/i;

function readUrl(source: string, i: number): UrlToken | undefined {
  if (source[i] === '<') {
    const match = /^(<+)((?:https?:\/\/|www\.|mailto:|doi:)[^\s<>]*)(>+)/i.exec(source.slice(i, i + 2048));
    if (!match) return undefined;
    const malformed = match[1]!.length > 1 || match[3]!.length > 1;
    return { kind: 'url', value: match[2]!, malformed, start: i, end: i + match[0].length };
  }
  const previous = source[i - 1];
  if (previous !== undefined && /[\p{L}\p{N}/.@-]/u.test(previous)) return undefined;
  if (!URL_START.test(source.slice(i, i + 12))) return undefined;
  let end = i;
  while (end < source.length && !/[\s<>]/.test(source[end]!) && !source.startsWith('](', end)) end += 1;
  end = trimUrlEnd(source, i, end);
  return { kind: 'url', value: source.slice(i, end).replace(/\\(?=[_*[\]()])/g, ''), malformed: false, start: i, end };
}

/** Trailing punctuation belongs to the sentence, unless it closes a bracket opened in the URL. */
function trimUrlEnd(source: string, start: number, end: number): number {
  let trimmed = end;
  for (;;) {
    const last = source[trimmed - 1];
    if (last === undefined || trimmed <= start) return trimmed;
    const url = source.slice(start, trimmed);
    const unbalanced =
      (last === ')' && count(url, '(') < count(url, ')')) || (last === ']' && count(url, '[') < count(url, ']')) || (last === ']' && url.endsWith('\\]'));
    if (/[.,;:!?'"’”*_]/.test(last) || unbalanced) trimmed -= 1;
    else return trimmed;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function opensQuote(source: string, i: number): boolean {
  const char = source[i]!;
  if (!(char in CLOSING_QUOTE)) return false;
  const next = source[i + 1];
  if (next === undefined || SPACE.test(next)) return false;
  if (char === "'" || char === '"') {
    const previous = source[i - 1];
    return previous === undefined || /[\s([{—–-]/.test(previous);
  }
  return true;
}

function readQuoted(source: string, start: number): QuotedToken {
  const opener = source[start]!;
  const closer = CLOSING_QUOTE[opener]!;
  const close =
    closer === '’' || closer === "'" ? findSingleQuoteClose(source, start + 1, opener, closer) : findDoubleQuoteClose(source, start + 1, opener, closer);
  const closed = close !== undefined;
  const innerEnd = close ?? source.length;
  const value = unescapeMarkdown(stripEmphasisMarks(source.slice(start + 1, innerEnd)));
  return { kind: 'quoted', value, closed, start, end: closed ? innerEnd + 1 : source.length };
}

function findDoubleQuoteClose(source: string, from: number, opener: string, closer: string): number | undefined {
  let depth = 0;
  for (let j = from; j < source.length; j += 1) {
    const char = source[j];
    if (char === '\\') j += 1;
    else if (char === closer && depth === 0) return j;
    else if (char === closer) depth -= 1;
    else if (char === opener && opener !== closer) depth += 1;
  }
  return undefined;
}

/**
 * `’` is both the closing quote and the apostrophe (Uzbekistan’s), and in transliterated Russian
 * a soft sign (perenyat’ u Kitaya). A `’` before a letter is never the close; one before
 * punctuation or the end is a strong close; one before a space and a word is a weak close, taken
 * only if a new quotation opens before any strong close (Huawei’s ‘Seeds for the Future’ programme).
 */
function findSingleQuoteClose(source: string, from: number, opener: string, closer: string): number | undefined {
  let weak: number | undefined;
  for (let j = from; j < source.length; j += 1) {
    const char = source[j]!;
    if (char === '\\') {
      j += 1;
      continue;
    }
    if (char === '“' || char === '«') {
      j = findDoubleQuoteClose(source, j + 1, char, CLOSING_QUOTE[char]!) ?? j;
      continue;
    }
    if (char === opener && opener !== closer && weak !== undefined && opensQuote(source, j)) return weak;
    if (char !== closer) continue;
    const next = source[j + 1];
    if (next !== undefined && LETTER_OR_DIGIT.test(next)) continue;
    const afterSpace = source.slice(j + 1).trimStart()[0];
    if (next !== undefined && SPACE.test(next) && afterSpace !== undefined && LETTER_OR_DIGIT.test(afterSpace)) {
      weak ??= j;
      continue;
    }
    if (j === from) continue;
    return j;
  }
  return weak;
}

function readEmphasis(source: string, start: number): EmphasisToken | undefined {
  const marker = source[start]!;
  const run = source[start + 1] === marker ? marker + marker : marker;
  const previous = source[start - 1];
  const first = source[start + run.length];
  if ((previous !== undefined && LETTER_OR_DIGIT.test(previous)) || first === undefined || SPACE.test(first)) return undefined;
  for (let j = start + run.length + 1; j < source.length; j += 1) {
    if (source[j] === '\\') {
      j += 1;
      continue;
    }
    if (!source.startsWith(run, j) || SPACE.test(source[j - 1]!)) continue;
    const after = source[j + run.length];
    if (after !== undefined && (LETTER_OR_DIGIT.test(after) || after === marker)) continue;
    const value = unescapeMarkdown(stripEmphasisMarks(source.slice(start + run.length, j)));
    return { kind: 'emphasis', value, start, end: j + run.length };
  }
  return undefined;
}

function stripEmphasisMarks(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}\\])([*_]{1,2})(\S(?:.*?\S)?)\2(?![\p{L}\p{N}])/gu, '$1$3');
}

function isThousandsComma(source: string, i: number): boolean {
  return /\d/.test(source[i - 1] ?? '') && /^\d{3}(?!\d)/.test(source.slice(i + 1));
}

/** A full stop ends a sentence when a new one visibly starts after it, or the text ends. */
function endsSentence(source: string, i: number): boolean {
  const rest = source.slice(i + 1);
  if (rest.trim() === '') return true;
  if (!/^\s/.test(rest) || source[i - 1] === '.') return false;
  const nextStart = rest.trimStart();
  if (!/^(?:\p{Lu}|[‘“"'«<_*([]|\\\[)/u.test(nextStart)) return false;
  const word = /([\p{L}.]+)$/u.exec(source.slice(Math.max(0, i - 20), i))?.[1] ?? '';
  if (word.length === 1 || word.includes('.')) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
}

/** The text of tokens as a reader sees it: quotes kept, emphasis and autolink marks dropped. */
export function plainText(tokens: readonly Token[]): string {
  return tokens.map(plainTextOf).join('');
}

function plainTextOf(token: Token): string {
  switch (token.kind) {
    case 'text':
    case 'emphasis':
    case 'url':
    case 'separator':
      return token.value;
    case 'quoted':
      return `‘${token.value}${token.closed ? '’' : ''}`;
    case 'group':
      return `${token.bracket}${plainText(token.tokens)}${token.closed ? (token.bracket === '(' ? ')' : ']') : ''}`;
  }
}
