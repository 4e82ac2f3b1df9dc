/**
 * A field's words as the labeller cut them → the value CSL wants: the quotes, brackets, Markdown,
 * leading words (`In`, `Vol.`, `pp.`, `Available at:`) and separating punctuation around a value
 * are not part of it. Dates go through the one date reader.
 */
import type { CslDate } from '../csl.ts';
import { parseDate } from '../parse-note/dates.ts';

/** Markdown escapes undone, emphasis markers and autolink brackets gone, spaces single. */
export function plain(text: string): string {
  return text
    .replace(/\\([!-/:-@[-`{-~])|(?<![\p{L}\p{N}])[*_]+|[*_]+(?![\p{L}\p{N}])/gu, (_match, escaped: string | undefined) => escaped ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

const OPENERS = `‘“«„‚"'‹「『([`;
const CLOSERS = `’”»“"'›」』)]`;

/** Separating punctuation and enclosing quotes or brackets off both ends. */
export function trimField(text: string): string {
  return trimPlain(plain(text));
}

/** `trimField` for text already made plain (its escaped `\*` is a star, not emphasis). */
export function trimPlain(text: string): string {
  let value = text;
  for (let round = 0; round < 4; round++) {
    const before = value;
    value = value.replace(/^[\s,;:.–—-]+/, '').replace(/[\s,;:–—-]+$/, '');
    value = value.replace(/\.$/, (stop) =>
      /(?:\b\p{Lu}|\b(?:etc|Jr|Sr|Inc|Ltd|Co|al|St|U\.S|Calif|Mass|Conn|Ill|Wash|Penn|diss)|\.\.)\.$/u.test(value) ? stop : '',
    );
    const first = value[0] ?? '';
    const last = value.at(-1) ?? '';
    if (OPENERS.includes(first) && CLOSERS.includes(last) && balanced(value.slice(1, -1))) value = value.slice(1, -1);
    else if (OPENERS.includes(first) && !hasCloser(value.slice(1), first)) value = value.slice(1);
    else if (CLOSERS.includes(last) && !hasOpener(value.slice(0, -1), last)) value = value.slice(0, -1);
    if (value === before) break;
  }
  return value.trim();
}

function balanced(text: string): boolean {
  return (text.match(/\(/g) ?? []).length === (text.match(/\)/g) ?? []).length && (text.match(/\[/g) ?? []).length === (text.match(/]/g) ?? []).length;
}

function hasCloser(text: string, opener: string): boolean {
  const closer = CLOSERS[OPENERS.indexOf(opener)] ?? '';
  return text.includes(closer) || (opener === "'" && false);
}

function hasOpener(text: string, closer: string): boolean {
  if (closer === '’' || closer === "'") return /(?:^|[\s(])['‘]/.test(text);
  const opener = OPENERS[CLOSERS.indexOf(closer)] ?? '';
  return text.includes(opener) || (closer === '”' && text.includes('„'));
}

export function containerTitle(text: string): string {
  return trimField(trimField(text).replace(/^(?:in|dans|en|im)\s*:?\s+/i, ''));
}

export function volumeOf(text: string): { volume?: string; issue?: string } {
  const value = trimField(text).replace(/^(?:vol(?:ume)?s?\.?|v\.|bd\.?|t\.|tome)\s*/i, '');
  const dotted = /^(\d+)\.(\d+)$/.exec(value);
  if (dotted) return { volume: dotted[1]!, issue: dotted[2]! };
  const withIssue = /^([\divxlcdm]+[a-z]?)\s*[,(:]\s*(?:no\.?|nr\.?|issue)?\s*([\w–-]+)\)?$/i.exec(value);
  if (withIssue) return { volume: withIssue[1]!, issue: withIssue[2]! };
  return value ? { volume: value } : {};
}

export function issueOf(text: string): string {
  return trimField(trimField(text).replace(/^(?:no|nos|nr|n°|n|issue|iss|heft|h)\.?\s*/i, ''));
}

export function pagesOf(text: string): string {
  return trimField(trimField(text).replace(/^(?:pp?|pages?|pgs?|s|ss|at)\.?\s*/i, ''));
}

export function editionOf(text: string): string {
  const value = trimField(text).replace(/\(|\)/g, '');
  const ordinal = /^(\d+)(?:st|nd|rd|th|e|ème|\.?ª|\.)?\s*(?:ed(?:ition|n)?\.?|éd\.?|aufl(?:age)?\.?|edición)?$/i.exec(value);
  return ordinal ? ordinal[1]! : value;
}

/**
 * `https://doi.org/10.1/x.` → `10.1/x`; `doi:10.1/x` → `10.1/x`; a DOI written as a Markdown link,
 * `doi:[10.1/x](https://doi.org/10.1/x)`, → `10.1/x` (a DOI may hold brackets, never `](`).
 */
export function doiOf(text: string): string | undefined {
  return /10\.\d{4,9}\/(?:(?!\]\()[^\s<>])+/.exec(plain(text))?.[0].replace(/[.,;:)\]>]+$/, '');
}

export function urlOf(text: string): string | undefined {
  const value = /(?:https?:\/\/|www\.)[^\s<>]+/.exec(text.replace(/\\([!-/:-@[-`{-~])/g, '$1'))?.[0];
  if (!value) return undefined;
  // A closing bracket is part of a URL only when the URL opened one.
  let url = value.replace(/[.,;:!?'"’”»>]+$/, '');
  while (/[)\]]$/.test(url) && (url.match(/[([]/g) ?? []).length < (url.match(/[)\]]/g) ?? []).length) url = url.slice(0, -1).replace(/[.,;:]+$/, '');
  return url;
}

/**
 * An archived copy's address (`https://web.archive.org/web/20110623034401/http://example.org/a`)
 * → the original's, when the note links the original too (Wikipedia's “Archived from the
 * original”): the work is the original; the copy is how to reach it.
 */
export function originalOfArchived(url: string, links: readonly string[]): string | undefined {
  const original = /^https?:\/\/web\.archive\.org\/web\/\d+[a-z_]*\/(.+)$/i.exec(url)?.[1];
  if (!original) return undefined;
  const key = (address: string) =>
    address
      .replace(/^https?:\/\//i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return links.find((link) => link !== url && key(link) === key(original));
}

/** A date field's text → a CSL date (a year's letter, `[1964]` first editions and brackets ignored). */
export function dateOf(text: string): CslDate | undefined {
  const value = trimField(plain(text))
    .replace(/\[[^\]]*\]/g, '')
    .replace(/^(?:accessed|retrieved|consulted|viewed|last\s+accessed|zugegriffen|consulté)(?:\s+on)?:?\s*/i, '')
    .replace(/[()]/g, '')
    .replace(/[,;:.]+$/, '')
    .trim();
  const yearFirst = /^(\d{4}),?\s+(\p{L}+\.?)(?:\s+(\d{1,2}))?$/u.exec(value);
  const direct =
    parseDate(value) ??
    parseDate(value.replace(/,/g, '')) ??
    (yearFirst ? parseDate(`${yearFirst[3] ?? ''} ${yearFirst[2]} ${yearFirst[1]}`.trim()) : undefined);
  if (direct) return direct;
  const season = /\b(spring|summer|autumn|fall|winter)\s+(\d{4})\b/i.exec(value);
  if (season) return parseDate(`${season[1]} ${season[2]}`);
  const year = /(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)/.exec(value);
  if (!year) return undefined;
  const around = value.slice(0, year.index + 4);
  return (
    parseDate(around.replace(/^.*?(\d{1,2}\s+\p{L}+\.?|\p{L}+\.?\s+\d{1,2},?|\p{L}+)\s+(?=\d{4}$)/u, '$1 ').trim()) ?? { 'date-parts': [[Number(year[1])]] }
  );
}

/** A locator as the renderer expects it: `p. 45`, `pp. 45–47`. */
export function normaliseLocator(text: string): string {
  const value = trimField(text)
    .trim()
    .replace(/^(?:at|page|pages)\s+/i, '')
    .replace(/\.$/, '');
  const bare = /^(?:pp?\.\s*)?([\divxlc]+[a-z]?(?:\s*n\.?\s*\d+)?)(?:\s*([–—-])\s*([\divxlc]+))?$/i.exec(value);
  if (!bare) return value;
  return bare[3] ? `pp. ${bare[1]}${bare[2] === '-' ? '–' : bare[2]}${bare[3]}` : `p. ${bare[1]}`;
}
