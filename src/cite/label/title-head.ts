/**
 * `UN Security Council, United Nations sanctions list, ‘Islamic Movement of Uzbekistan’, <…>`: the
 * model ran plain words before a quoted title into it, doubting them (0.25–0.32) where it is sure
 * of the quotation (0.92–0.98). A quoted title is the quotation: the doubted words before it are
 * left out of the item and said so, as any doubted detail is (a missing site name is better than
 * a wrong title). The mirror of `withQuotedTitles` (citations.ts), which ends a title at its quote.
 */
import { type CitationGroup, FIELD_THRESHOLD, type Segment } from './citations.ts';

export interface TrimmedGroup {
  group: CitationGroup;
  /** What was left out, for the editor. */
  problem?: string;
}

export function withoutDoubtedTitleHead(group: CitationGroup, body: string, threshold = FIELD_THRESHOLD): TrimmedGroup {
  const title = group.fields.find((field) => field.label === 'title');
  if (!title) return { group };
  const tokens = title.tokens;
  const opening = tokens.findIndex((token) => token.quoted);
  if (opening <= 0) return { group };
  const head = tokens.slice(0, opening);
  const quotation = tokens.slice(opening);
  // The quotation fills the rest of the field and closes in it; no link in play.
  if (!quotation.every((token) => token.quoted) || !/[’”"»]/.test(quotation.at(-1)!.raw)) return { group };
  if (tokens.some((token) => token.linkText || token.linkTarget || token.url)) return { group };
  const mean = (some: readonly { confidence: number }[]) => some.reduce((sum, token) => sum + token.confidence, 0) / some.length;
  const doubt = mean(head);
  if (doubt >= threshold || doubt >= mean(quotation)) return { group };
  const start = quotation[0]!.start;
  const trimmed: Segment = { ...title, tokens: quotation, start, text: body.slice(start, title.end), confidence: mean(quotation), links: [] };
  return {
    group: { ...group, fields: group.fields.map((field) => (field === title ? trimmed : field)) },
    problem: `words before the quoted title “${body.slice(title.start, head.at(-1)!.end).trim()}” left out: uncertain (${doubt.toFixed(2)})`,
  };
}
