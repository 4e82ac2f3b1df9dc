import type { BibliographyItem, CslJsonItem, Provenance } from '../core/citations.ts';
import type { ShortForm } from './label/citations.ts';

type Name = { family?: string; given?: string; literal?: string };

/** Lower case, no diacritics, no punctuation, single spaces: for matching, never for display. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `https://www.Example.org/a/?utm_source=x#top` → `example.org/a` */
export function normaliseUrl(url: string): string {
  const trimmed = url.trim().replace(/^<+|>+$/g, '');
  try {
    const parsed = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    for (const key of [...parsed.searchParams.keys()]) if (/^(utm_|fbclid|gclid)/.test(key)) parsed.searchParams.delete(key);
    const query = parsed.searchParams.toString();
    return `${parsed.hostname.replace(/^www\./, '').toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}${query ? `?${query}` : ''}`;
  } catch {
    return trimmed.toLowerCase();
  }
}

function names(item: CslJsonItem): Name[] {
  const authors = (item.author ?? item.editor) as Name[] | undefined;
  return Array.isArray(authors) ? authors : [];
}

function nameText(name: Name): string {
  return name.literal ?? [name.given, name.family].filter(Boolean).join(' ');
}

/** The first author's name for matching: family name, or the organisation's full name. */
export function authorMatchText(item: CslJsonItem): string {
  const first = names(item)[0];
  return first ? normaliseText(first.family ?? first.literal ?? '') : '';
}

function titleOf(item: CslJsonItem): string {
  return typeof item.title === 'string' ? item.title : '';
}

function urlOf(item: CslJsonItem): string | undefined {
  return typeof item.URL === 'string' && item.URL.trim() !== '' ? normaliseUrl(item.URL) : undefined;
}

/**
 * Whether two items are the same work: the same normalised URL, or else the same first author
 * and title (ignoring case, diacritics and punctuation). Items with different URLs never match.
 */
export function sameWork(a: CslJsonItem, b: CslJsonItem): boolean {
  const urlA = urlOf(a);
  const urlB = urlOf(b);
  if (urlA && urlB) return urlA === urlB;
  const titleA = normaliseText(titleOf(a));
  return titleA !== '' && titleA === normaliseText(titleOf(b)) && authorMatchText(a) === authorMatchText(b);
}

/** An organisation's short name: the acronym in brackets (`… Organisation (SCO)`), or its initials. */
export function organisationAbbreviation(literal: string): string | undefined {
  const bracketed = /\(([\p{Lu}\d&]{2,})\)/u.exec(literal)?.[1];
  if (bracketed) return bracketed;
  const words = literal.split(/[\s/]+/).filter((word) => /^[\p{Lu}]/u.test(word));
  return words.length >= 3 ? words.map((word) => word[0]).join('') : undefined;
}

/**
 * Whether a short form (`SCO, ‘SCO Promotes Transport Links’`, `Erokhin, ‘Comparative…’`) names
 * this item: the title starts the same, and the author is the item's family name, organisation,
 * or the organisation's abbreviation.
 */
export function shortFormMatches(short: ShortForm, item: CslJsonItem): boolean {
  const title = normaliseText(short.title ?? '');
  const itemTitle = normaliseText(titleOf(item));
  // Without a title (`Smith, op. cit.`, `Smith (2010)`), the name decides, and the year when given.
  if (title === '') {
    if (!short.author) return false;
    if (short.year && String((item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0]) !== short.year) return false;
  } else if (!(itemTitle.startsWith(title) || title.startsWith(itemTitle))) return false;
  if (!short.author) return true;
  const author = normaliseText(short.author);
  return names(item).some((name) => {
    const candidates = [name.family, name.literal, nameText(name), name.literal ? organisationAbbreviation(name.literal) : undefined];
    return candidates.some((candidate) => candidate !== undefined && normaliseText(candidate) === author);
  });
}

const stopWords = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'and',
  'for',
  'to',
  'with',
  'at',
  'by',
  'from',
  'as',
  'is',
  'its',
  'de',
  'la',
  'le',
  'el',
  'der',
  'die',
  'das',
]);

function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** `http://finance.yahoo.com/x` → `yahoo`: the name a URL-only item is known by. */
function siteName(item: CslJsonItem): string | undefined {
  if (typeof item.URL !== 'string') return undefined;
  const host = normaliseUrl(item.URL).split('/')[0] ?? '';
  const labels = host.split('.').filter((label) => !['www', 'eng', 'en', 'm'].includes(label));
  return ascii(labels.length >= 2 ? (labels.at(-2) ?? '') : (labels[0] ?? '')) || undefined;
}

/** The author part of a key: family name, an organisation's acronym, or its initials. */
function authorKeyPart(item: CslJsonItem): string {
  const first = names(item)[0];
  if (!first) return ascii((item['container-title'] as string | undefined) ?? (item.publisher as string | undefined) ?? '') || siteName(item) || 'anon';
  if (first.family) return ascii(first.family) || 'anon';
  const literal = first.literal ?? '';
  const words = literal.split(/[\s/]+/).filter(Boolean);
  if (words.length <= 2) return ascii(literal) || 'anon';
  return ascii(organisationAbbreviation(literal) ?? words[0] ?? '') || 'anon';
}

function yearOf(item: CslJsonItem): string {
  const issued = item.issued as { 'date-parts'?: (number | string)[][] } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0];
  return year === undefined ? 'nd' : String(year);
}

/** A readable key: author-or-organisation + year + first significant title word (`sco2017promotes`). */
export function baseCitationKey(item: CslJsonItem): string {
  const author = authorKeyPart(item);
  const word = normaliseText(titleOf(item))
    .split(' ')
    .map(ascii)
    .find((candidate) => candidate.length > 1 && !stopWords.has(candidate) && candidate !== author);
  return `${author}${yearOf(item)}${word ?? ''}`;
}

/** A key not yet taken: the base key, then `a`, `b`, … suffixes. */
export function uniqueCitationKey(item: CslJsonItem, taken: ReadonlySet<string>): string {
  const base = baseCitationKey(item);
  if (!taken.has(base)) return base;
  for (let index = 0; ; index++) {
    const suffix = index < 26 ? String.fromCharCode(97 + index) : String(index);
    if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
  }
}

/**
 * Adds a parsed item to the bibliography: an existing item for the same work keeps its key (keys
 * never change once given) and gains the provenance; a new work gets a new unique key.
 */
export function addToBibliography(items: BibliographyItem[], parsed: Omit<CslJsonItem, 'id'>, provenance: Provenance): BibliographyItem {
  const candidate = { ...parsed, id: '' } as CslJsonItem;
  const existing = items.find((item) => sameWork(item, candidate));
  if (existing) {
    const known = existing.custom?.provenance ?? [];
    if (!known.some((entry) => entry.chapter === provenance.chapter && entry.note === provenance.note)) {
      existing.custom = { ...existing.custom, provenance: [...known, provenance] };
    }
    return existing;
  }
  const item: BibliographyItem = {
    ...candidate,
    id: uniqueCitationKey(candidate, new Set(items.map((entry) => entry.id))),
    custom: { provenance: [provenance] },
  };
  items.push(item);
  return item;
}
