/**
 * `["Title"](url). "Of course, this is not a complete solution. …"`: a quotation that opens after
 * a quoted or linked title has ended with a full stop is a passage quoted from the work
 * (Wikipedia's `quote=`), not more of its title; the model, which has seen few, runs it into the
 * title. Commentary, then. A translation (`‘…’ [‘…’]`) follows its title without a full stop.
 */
import type { LabelledToken } from './label-note.ts';

/** A token that opens a quotation (Markdown emphasis around it allowed). */
export const OPENS_QUOTE = /^[*_]*[“"‘«„]/;
// The title's last token: a closing quote or the link's target, then a full stop.
const ENDS_TITLE = /[’”»"]\.$|\)\.$/;

export function withQuotedPassages(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index < result.length; index++) {
    const token = result[index]!;
    const previous = result[index - 1]!;
    if (token.label !== 'title' || previous.label !== 'title' || token.bracketed || !OPENS_QUOTE.test(token.raw)) continue;
    if (!(ENDS_TITLE.test(previous.raw) && (previous.quoted || previous.linkTarget))) continue;
    for (let at = index; at < result.length && result[at]!.label === 'title'; at++) result[at] = { ...result[at]!, label: 'note' };
  }
  return result;
}
