// Comparing a produced CSL item with the expected one, field by field, as the note benches count
// them (bench/notes.ts) and as the training script's threshold cross-validation does
// (scripts/train-notes.ts --threshold): a field is right when both have it and it reads the same.
import { normaliseText } from '../src/cite/bibliography.ts';
import type { CslItemData, CslName } from '../src/cite/csl.ts';
import { type LabelledNote, labelledTokens } from '../src/cite/label/tagged.ts';
import { parseNote } from '../src/cite/parse-note.ts';

export type Item = Partial<CslItemData> & Record<string, unknown>;

const NAME_STOP = new Set(['and', 'et', 'al', 'eds', 'ed', 'editor', 'editors', 'by', 'in', 'trans', 'translated', 'edited', 'hrsg', 'others', 'u', 'a']);

/** The words of a list of names, initials and connectors aside: the same people, cut the same way. */
export function nameWords(text: string): string {
  return [
    ...new Set(
      normaliseText(text)
        .split(' ')
        .filter((word) => word.length > 1 && !NAME_STOP.has(word)),
    ),
  ]
    .sort()
    .join(' ');
}

export function namesText(names: unknown): string {
  if (!Array.isArray(names)) return '';
  return (names as CslName[])
    .map((name) =>
      'literal' in name
        ? name.literal
        : [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family, name.suffix].filter(Boolean).join(' '),
    )
    .join(' ');
}

export function surnames(names: unknown): string {
  if (!Array.isArray(names)) return '';
  return (names as CslName[])
    .map((name) => normaliseText('literal' in name ? name.literal : [name['non-dropping-particle'], name.family].filter(Boolean).join(' ')))
    .join('|');
}

export function year(date: unknown): string | undefined {
  if (typeof date === 'string') return /\d{4}/.exec(date)?.[0];
  const parts = (date as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0];
  return parts?.[0] === undefined ? undefined : String(parts[0]);
}

export const digits = (value: unknown) => (typeof value === 'string' ? value.replace(/\D+/g, '-').replace(/^-|-$/g, '') : undefined);
export const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? normaliseText(value.replace(/^(?:in|dans)\s*:?\s+/i, '')) : undefined;
export const url = (value: unknown) => (typeof value === 'string' ? value.replace(/^<|>$|[.,;]+$/g, '').toLowerCase() : undefined);

export function sameAsDoi(item: Item): boolean {
  return typeof item.URL === 'string' && typeof item.DOI === 'string' && url(item.URL)!.endsWith(url(item.DOI)!);
}

export function withoutUrl(item: Item): Item {
  const { URL: _url, ...rest } = item;
  return rest;
}

export function corpusComparisons(expected: Item, produced: Item): [string, string | undefined, string | undefined][] {
  const value = (item: Item, key: string) => text(item[key]);
  // A doi.org address is the DOI written as a URL: the same fact, not an invented one.
  if (sameAsDoi(produced) && !expected.URL) produced = withoutUrl(produced);
  return [
    ['author', surnames(expected.author) || undefined, surnames(produced.author) || undefined],
    ['title', value(expected, 'title'), value(produced, 'title')],
    ['container-title', value(expected, 'container-title'), value(produced, 'container-title')],
    ['year', year(expected.issued), year(produced.issued)],
    ['publisher', value(expected, 'publisher'), value(produced, 'publisher')],
    ['location', value(expected, 'publisher-place'), value(produced, 'publisher-place')],
    ['volume', digits(expected.volume), digits(produced.volume)],
    ['pages', digits(expected.page), digits(produced.page)],
    ['URL', url(expected.URL), url(produced.URL)],
    ['DOI', url(expected.DOI), url(produced.DOI)],
  ];
}

/** The expected item a produced one stands for: same URL, or same title, or the same place in the note. */
export function matchItems(expected: Item[], produced: Item[]): [Item | undefined, Item][] {
  const left = [...expected];
  return produced.map((item, index) => {
    const at = left.findIndex((candidate) => url(candidate.URL) !== undefined && url(candidate.URL) === url(item.URL)) ?? -1;
    let found = at >= 0 ? at : left.findIndex((candidate) => text(candidate.title) !== undefined && text(candidate.title) === text(item.title));
    if (found < 0 && left.length > 0) found = Math.min(index, left.length - 1);
    const match = found >= 0 ? left.splice(found, 1)[0] : undefined;
    return [match, item];
  });
}

/**
 * The items a tagged note's hand labels give, through the same step from labels to items as the
 * model's labels: compared with what a model makes of the note, only the model's mistakes count.
 */
export function oracleItems(note: LabelledNote): Item[] {
  const { tokens, labels } = labelledTokens(note);
  const given = tokens.map((token, index) => ({ ...token, label: labels[index]!, confidence: 1 }));
  return parseNote(note.text, { labeller: () => given }).citations.map((citation) => citation.item as Item);
}
