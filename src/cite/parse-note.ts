/**
 * The rule-based note parser: one hand-typed note (its Markdown source) → what kind of note it is
 * and the CSL items it cites. Pure: no I/O, no clock. The stages live in `parse-note/`:
 * tokens → sentences and fields (segment) → citation runs → items (citation, details, names,
 * dates, item-type, language); `references` handles Ibid. and "note 41".
 */
import type { CslItemData } from './csl.ts';
import { parseAuthorDate, parseAuthorDateNote } from './parse-note/author-date.ts';
import { type CitationParse, parseCitation } from './parse-note/citation.ts';
import { parseCrossReference, parseIbid } from './parse-note/references.ts';
import { findCitationRuns } from './parse-note/segment.ts';
import { tokenize } from './parse-note/tokens.ts';

export type NoteKind = 'citation' | 'citations' | 'short' | 'ibid' | 'cross-reference' | 'discursive' | 'commentary';

export interface ParsedCitation {
  item: CslItemData;
  /** The passage cited: `p. 12`, `pp. 34–49`. */
  locator?: string;
  /** The author's words before the citation, as Markdown (`See `, or a whole sentence). */
  prefix?: string;
  /** The author's words after the citation, as Markdown, from the separator on (`; a view disputed since.`). */
  suffix?: string;
  /** 0..1: 1 when nothing was guessed. */
  confidence: number;
  /** What an editor should check, in words. */
  problems: string[];
  /** Offsets of the citation in the note text. */
  source: { start: number; end: number };
}

export interface ShortForm {
  author?: string;
  title?: string;
  /** Author-date short citations (`Smith (2010, p. 45)`) name a year instead of a title. */
  year?: string;
}

export interface ParsedNote {
  kind: NoteKind;
  citations: ParsedCitation[];
  /** `As highlighted in note 41.` → 41. */
  crossReference?: number;
  /** For kind `short`: what names the earlier citation. */
  shortForm?: ShortForm;
  /** For `ibid` and `cross-reference`, which have no citation to carry it: `Ibid., p. 4` → `p. 4`. */
  locator?: string;
  /** 0..1, the lowest of the citations' (a review page lists the lowest first). */
  confidence: number;
  /** Doubts about the note as a whole, e.g. a quoted title in a note read as commentary. */
  problems: string[];
  /** The note as given. */
  text: string;
}

const SIGNAL_ONLY = /^\s*(?:and\s+)?(?:see(?:\s+also)?|cf\.?|compare|also|e\.g\.,?|for example,?)?\s*$/i;

export function parseNote(text: string): ParsedNote {
  const body = withoutNoteNumber(text);
  const ibid = parseIbid(body);
  if (ibid) return { kind: 'ibid', citations: [], ...ibid, confidence: 0.95, problems: [], text };
  const reference = parseCrossReference(body);
  if (reference) {
    const { note, ...locator } = reference;
    return { kind: 'cross-reference', citations: [], crossReference: note, ...locator, confidence: 0.95, problems: [], text };
  }
  const authorDate = parseAuthorDateNote(body);
  const parses = authorDate ? [authorDate] : citationsIn(body);
  if (parses.length === 0) return commentaryNote(text, body);

  const citations = parses.map((parse, index) => withCommentary(body, parse, parses[index - 1], parses[index + 1]));
  const discursive = citations.some((citation) => !SIGNAL_ONLY.test(citation.prefix ?? '') || citation.suffix !== undefined);
  const only = parses.length === 1 ? parses[0] : undefined;
  const kind: NoteKind = only?.shortForm && !discursive ? 'short' : discursive ? 'discursive' : citations.length === 1 ? 'citation' : 'citations';
  if (kind !== 'short') {
    for (const [index, parse] of parses.entries()) {
      if (parse.shortForm) citations[index]!.problems.push('short form: resolve it against an earlier citation');
    }
  }
  const confidence = Math.min(...citations.map((citation) => citation.confidence));
  return {
    kind,
    citations,
    ...(kind === 'short' && only?.shortForm ? { shortForm: only.shortForm } : {}),
    confidence,
    problems: [],
    text,
  };
}

function citationsIn(body: string): CitationParse[] {
  return findCitationRuns(tokenize(body))
    .map((run) => (run.authorDate ? parseAuthorDate(run.tokens) : parseCitation(run.tokens)))
    .filter((parse): parse is CitationParse => parse !== undefined && hasSubstance(parse));
}

/** A run that yielded neither a name, a title nor a URL was prose after all. */
function hasSubstance(parse: CitationParse): boolean {
  const { item } = parse;
  return item.title !== undefined || item.URL !== undefined || item.type === 'interview' || (parse.shortForm !== undefined && item.author !== undefined);
}

function commentaryNote(text: string, body: string): ParsedNote {
  const suspicious = /[‘“"]\p{Lu}|https?:\/\/|www\.|(?:^|\s)[_*]\p{Lu}/u.test(body);
  return {
    kind: 'commentary',
    citations: [],
    confidence: suspicious ? 0.6 : 0.9,
    problems: suspicious ? ['a quotation, italic or link was found but no citation was recognised'] : [],
    text,
  };
}

/** Commentary before a citation (back to the previous one) is its prefix; after the last one, its suffix. */
function withCommentary(body: string, parse: CitationParse, previous: CitationParse | undefined, next: CitationParse | undefined): ParsedCitation {
  const before = body.slice(previous?.end ?? 0, parse.start).replace(/^[\s;,.]+/, '');
  const after = next ? '' : body.slice(parse.end).trimEnd();
  return {
    item: parse.item,
    ...(parse.locator ? { locator: parse.locator } : {}),
    ...(/\p{L}/u.test(before) ? { prefix: before } : {}),
    ...(/\p{L}/u.test(after) ? { suffix: after } : {}),
    confidence: parse.confidence,
    problems: parse.problems,
    source: { start: parse.start, end: parse.end },
  };
}

/** Notes pasted with their number (`1. Jane Smith, …`): the number is blanked, keeping offsets. */
function withoutNoteNumber(text: string): string {
  return text.replace(/^(\s*)(\d{1,3}\.\s+)(?=\D)/, (_match, space: string, number: string) => space + ' '.repeat(number.length));
}
