/**
 * A periodical's numbers after its name: `_Crop Protection_ 34 (Supplement C): 6–17.`,
 * `_Agricultural and Forest Meteorology_ 209-210 (Supplement C): 49–58.`, `_Journal_ 12 (3):
 * 45–67`. A number, a short bracketed part, then a page range after the colon: volume, issue and
 * the article's pages, whatever the model made of words it had not seen there (`(Supplement C):`
 * as a place, `209-210` as pages, `6–17.` as the passage cited). As sure as the periodical's name.
 */
import { YEAR } from '../parse-note/dates.ts';
import type { LabelledToken } from './label-note.ts';
import type { Label } from './labels.ts';
import { relabelSpan } from './relabel.ts';

const VOLUME = /^\d+(?:[–—-]\d+)?$/;
const PAGES = /^\d+(?:\s*[–—-]\s*\d+)?[.,;]?$/;
/** What the model may have made of the numbers and the bracketed part. */
const MISREAD = new Set<Label>(['volume', 'issue', 'pages', 'locator', 'location', 'note', 'date']);
const MAX_ISSUE_WORDS = 3;
const HAS_YEAR = new RegExp(`(?<!\\d)${YEAR}(?!\\d)`);

export function withJournalNumbers(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index + 2 < result.length; index++) {
    const container = result[index - 1]!;
    const volume = result[index]!;
    // A number the model read as a date stays one (`_Journal_ 2010 (3): 45–67`: a year, not a volume).
    if (
      container.label !== 'container-title' ||
      /[.;]$/.test(container.raw) ||
      !VOLUME.test(volume.text) ||
      !MISREAD.has(volume.label) ||
      volume.label === 'date'
    )
      continue;
    const issueEnd = bracketedIssueEnd(result, index + 1);
    const pages = issueEnd === undefined ? undefined : result[issueEnd + 1];
    if (issueEnd === undefined || !pages || !PAGES.test(pages.text) || !MISREAD.has(pages.label)) continue;
    const sure = container.confidence;
    const relabel = (from: number, to: number, label: Label) => relabelSpan(result, from, to, label, sure);
    relabel(index, index, 'volume');
    relabel(index + 1, issueEnd, 'issue');
    relabel(issueEnd + 1, issueEnd + 1, 'pages');
    index = issueEnd + 1;
  }
  return result;
}

/** `(Supplement C):`, `(3):` from `start`: where the bracket closes before a colon; no year in it (`(2010):` is a date). */
function bracketedIssueEnd(tokens: readonly LabelledToken[], start: number): number | undefined {
  if (!tokens[start]?.raw.startsWith('(')) return undefined;
  for (let at = start; at < tokens.length && at < start + MAX_ISSUE_WORDS; at++) {
    const token = tokens[at]!;
    if (!MISREAD.has(token.label) || token.url || token.italic || token.quoted || HAS_YEAR.test(token.text)) return undefined;
    if (/\):$/.test(token.raw)) return at;
    if (/[):,;]$/.test(token.raw)) return undefined;
  }
  return undefined;
}
