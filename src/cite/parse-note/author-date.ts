/**
 * Author-date references in notes: Harvard full references (`Smith, J. (2010) Title. London:
 * Verso.`) and author-date short citations (`Smith (2010, p. 45)`, `(Smith 2010, 45)`).
 */
import { type CitationParse, finishCitation, readTitleField, shortFormOf } from './citation.ts';
import { parseDate } from './dates.ts';
import { readDetails } from './details.ts';
import { type Draft, emptyDraft, normaliseLocator } from './draft.ts';
import { parseContributors, parseInvertedNames } from './names.ts';
import { isNameField, isTitleField, splitFields, splitUnits } from './segment.ts';
import { plainText, type Token } from './tokens.ts';

const LOCATOR = String.raw`(?:(?:p|pp|at)\.?\s*)?[\divxlc]+[a-z]?(?:\s*[–—-]\s*[\divxlc]+)?`;
const INTERVIEW = /\binterview/i;
const AUTHOR_YEAR_NOTE = new RegExp(String.raw`^([\p{L}\p{M} .,’'&-]+?),?\s+(1[5-9]\d\d|20\d\d)([a-z]?)(?:\s*[,:]\s*(${LOCATOR}))?$`, 'u');
const YEAR_AND_LOCATOR = /^(1[5-9]\d\d|20\d\d)([a-z]?)(?:\s*[,:]\s*(.+))?$|^(n\.\s?d\.)$/;

export function parseAuthorDate(tokens: readonly Token[]): CitationParse | undefined {
  const groupAt = tokens.findIndex((token) => token.kind === 'group');
  const group = tokens[groupAt];
  if (group?.kind !== 'group') return undefined;
  const names = plainText(tokens.slice(0, groupAt)).trim().replace(/,$/, '');
  const when = YEAR_AND_LOCATOR.exec(plainText(group.tokens).trim());
  if (!when) return undefined;
  const draft = emptyDraft();
  const authors = parseInvertedNames(names) ?? readNames(names, draft);
  draft.item.author = authors;
  const year = when[1];
  if (year) draft.item.issued = parseDate(year)!;
  if (when[3]) draft.locator = normaliseLocator(when[3]);
  const rest = tokens.slice(groupAt + 1);
  const start = tokens[0]!.start;
  if (rest.every((token) => token.kind === 'text' && token.value.trim() === '')) {
    return shortCitation(draft, names, `${year ?? 'n.d.'}${when[2] ?? ''}`, start, group.end);
  }
  const end = readReference(rest, draft) ?? group.end;
  return finishCitation(draft, { start, end, authorIsOutlet: false });
}

/** `Smith 2010, 45`, `(Smith 2010, 45)`, `Smith and Jones 2015`: a whole note that is one author-date citation. */
export function parseAuthorDateNote(text: string): CitationParse | undefined {
  const offset = text.length - text.trimStart().length;
  const value = text.trim().replace(/\.$/, '');
  const wrapped = /^\((.*)\)$/.exec(value);
  const inner = wrapped ? wrapped[1]! : value;
  const match = AUTHOR_YEAR_NOTE.exec(inner);
  if (!match || !isNameField(match[1]!) || INTERVIEW.test(match[1]!)) return undefined;
  const draft = emptyDraft();
  draft.item.author = readNames(match[1]!, draft);
  draft.item.issued = parseDate(match[2]!)!;
  if (match[4]) draft.locator = normaliseLocator(match[4]);
  return shortCitation(draft, match[1]!, `${match[2]!}${match[3]!}`, offset, offset + value.length);
}

function readNames(names: string, draft: Draft) {
  const contributors = parseContributors(names);
  draft.problems.push(...contributors.problems);
  return contributors.names;
}

function shortCitation(draft: Draft, author: string, year: string, start: number, end: number): CitationParse {
  draft.pointsBack = true;
  const citation = finishCitation(draft, { start, end, authorIsOutlet: false });
  return { ...citation, shortForm: { ...shortFormOf(undefined, undefined, year), author } };
}

/**
 * After the year: a quoted or italic title (then comma fields), or a plain title that runs to the
 * first full stop (Harvard leaves book titles unmarked once italics are lost).
 */
function readReference(rest: readonly Token[], draft: Draft): number | undefined {
  const fields = splitFields(rest);
  const first = fields[0];
  if (!first) return undefined;
  if (isTitleField(first)) {
    readTitleField(first, draft);
    const used = readDetails(fields.slice(1), draft);
    return used > 0 ? fields[used]!.end : first.end;
  }
  const [titleUnit, ...others] = splitUnits(rest);
  const title = plainText(titleUnit?.tokens ?? []).trim();
  if (title !== '') {
    draft.originalTitle = title;
    draft.titleIsItalic = true;
  }
  const details = splitFields(others.flatMap((unit) => (unit.separator ? [unit.separator, ...unit.tokens] : unit.tokens)));
  const used = readDetails(details, draft);
  return used > 0 ? details[used - 1]!.end : (titleUnit?.tokens.at(-1)?.end ?? first.end);
}
