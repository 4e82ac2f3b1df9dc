/**
 * Cuts a tokenised note into sentences ("units", split at `;` and sentence-ending full stops),
 * comma fields, and finally the runs of tokens that are citations. Everything outside a run is the
 * author's commentary.
 */
import { endsWithMonthAndDay, startsWithYear } from './dates.ts';
import { parseInvertedNames, splitNameList } from './names.ts';
import { isOrganisationName } from './organisations.ts';
import { plainText, type SeparatorToken, type Token } from './tokens.ts';

export interface Field {
  tokens: Token[];
  /** Plain text, trimmed. */
  text: string;
  start: number;
  end: number;
}

export interface Unit {
  tokens: Token[];
  /** The `;` or `.` that ended the previous unit. */
  separator: SeparatorToken | undefined;
}

export interface CitationRun {
  tokens: Token[];
  /** Author-date references (Harvard) put full stops inside one citation. */
  authorDate: boolean;
}

const CONNECTORS = new Set('a an and at by de del der des di du e el et for from in la le of on or sur the to und van von y zu ed. eds. al. et al'.split(' '));
const SIGNAL = /^(?:see|cf\.?|compare|also)$/i;
export const INTERVIEW = /\b(?:author(?:’s|'s)?\s+interviews?|interview(?:ed)?\s+(?:by|with)|interviews?\s+with)\b/i;
const OP_CIT = /\b(?:op|loc)\.\s*cit\b/i;
const PUBLICATION_FACTS = /^(?:[^:()]+:\s*)?[^:()]+,\s*(?:1[5-9]\d\d|20\d\d|n\.\s?d\.)$/;
const AUTHOR_DATE = /^(?:1[5-9]\d\d|20\d\d)[a-z]?(?:\s*[,:]\s*.+)?$|^n\.\s?d\.$/;
const CONTINUATION =
  /^(?:available\s+(?:at|from|online)|accessed|retrieved|viewed|online|url|doi|isbn|pp?\.|vol\.|no\.|in:|edited by|translated by|trans\.|\d+(?:st|nd|rd|th)\s+edn?)/i;

export function splitUnits(tokens: readonly Token[]): Unit[] {
  const units: Unit[] = [];
  let current: Token[] = [];
  let separator: SeparatorToken | undefined;
  for (const token of tokens) {
    if (token.kind === 'separator' && token.value !== ',') {
      units.push({ tokens: current, separator });
      current = [];
      separator = token;
    } else current.push(token);
  }
  units.push({ tokens: current, separator });
  return units.filter((unit) => plainText(unit.tokens).trim() !== '');
}

/** Comma (and sentence) fields; `March 3, 2015` stays one field. */
export function splitFields(tokens: readonly Token[]): Field[] {
  const runs: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'separator') runs.push([token]);
    else runs.at(-1)!.push(token);
  }
  const fields: Field[] = [];
  let pending: Token[] = [];
  for (const [index, run] of runs.entries()) {
    const body = index === 0 ? run : run.slice(1);
    pending = pending.length > 0 ? [...pending, ...run] : body;
    const next = runs[index + 1];
    const field = toField(pending);
    if (field && next && endsWithMonthAndDay(field.text) && startsWithYear(plainText(next.slice(1)))) continue;
    if (field) fields.push(field);
    pending = [];
  }
  return fields;
}

export function toField(tokens: readonly Token[]): Field | undefined {
  const trimmed = trimSpace(tokens);
  if (trimmed.length === 0) return undefined;
  return { tokens: trimmed, text: plainText(trimmed).trim(), start: trimmed[0]!.start, end: trimmed.at(-1)!.end };
}

export function trimSpace(tokens: readonly Token[]): Token[] {
  let from = 0;
  let to = tokens.length;
  while (from < to && isSpace(tokens[from]!)) from += 1;
  while (to > from && isSpace(tokens[to - 1]!)) to -= 1;
  return tokens.slice(from, to);
}

export function isSpace(token: Token): boolean {
  return token.kind === 'text' && token.value.trim() === '';
}

/** A sentence of prose rather than names or publication details: many lowercase words. */
export function isCommentary(text: string): boolean {
  const words = text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const lowercase = words.filter((word) => /^\p{Ll}/u.test(word) && !CONNECTORS.has(word.toLowerCase()));
  return lowercase.length >= 3 || words.length > 14;
}

/** Who the citation is by, as a standalone field: people, an organisation, `Smith, J.`. */
export function isNameField(text: string): boolean {
  if (text === '' || isCommentary(text) || /\d/.test(text)) return false;
  const words = text.split(/\s+/);
  return (
    words.length <= 12 && (splitNameList(text).every((part) => /^\p{Lu}/u.test(part) || isOrganisationName(part)) || parseInvertedNames(text) !== undefined)
  );
}

/** The title field: it opens with a quoted or italic title, followed by nothing but brackets (or, Chicago-style, the italic container). */
export function isTitleField(field: Field): boolean {
  const [first, ...rest] = field.tokens;
  if (!first || (first.kind !== 'quoted' && first.kind !== 'emphasis' && !(first.kind === 'url' && first.label))) return false;
  const tail = rest.filter((token) => !isSpace(token) && token.kind !== 'group');
  if (tail.length === 0) return true;
  if (tail[0]!.kind === 'emphasis' && first.kind === 'quoted') return true;
  return first.kind === 'emphasis' && tail.length === 1 && tail[0]!.kind === 'text' && /^\d+$/.test(tail[0]!.value);
}

/** Splits a note's tokens into citation runs, in order; what lies between them is commentary. */
export function findCitationRuns(tokens: readonly Token[]): CitationRun[] {
  const units = splitUnits(tokens);
  const runs: CitationRun[] = [];
  let current: (CitationRun & { needsMore: boolean }) | undefined;
  for (const [index, unit] of units.entries()) {
    if (current && unit.separator?.value === '.' && continuesCitation(current, unit)) {
      current.tokens.push(unit.separator, ...unit.tokens);
      current.needsMore = false;
      continue;
    }
    const start = citationStart(unit.tokens, units[index + 1]);
    current = start ? { tokens: unit.tokens.slice(start.index), authorDate: start.authorDate, needsMore: start.needsMore } : undefined;
    if (current) runs.push(current);
  }
  return runs.map(({ tokens: runTokens, authorDate }) => ({ tokens: trimSpace(runTokens), authorDate }));
}

function continuesCitation(current: { authorDate: boolean; needsMore: boolean }, unit: Unit): boolean {
  if (current.needsMore) return true;
  const text = plainText(unit.tokens).trim();
  if (CONTINUATION.test(text)) return true;
  if (citationStart(unit.tokens, undefined)) return false;
  if (/^[\p{Lu}][\p{L} .,’'-]{1,40}:\s*\p{Lu}/u.test(text)) return true;
  return current.authorDate && !isCommentary(text);
}

interface Start {
  index: number;
  authorDate: boolean;
  needsMore: boolean;
}

/** Where, inside a sentence, a citation begins (after any commentary and signal word), if one does. */
function citationStart(tokens: readonly Token[], next: Unit | undefined): Start | undefined {
  const from = afterSignal(tokens, firstNonSpace(tokens, 0));
  const at = (index: number, needsMore = false): Start => ({ index, authorDate: false, needsMore });
  if (isAuthorDateHead(tokens, from)) return { index: from, authorDate: true, needsMore: endsAfterHead(tokens, from) };
  const fields = fieldsWithIndex(tokens, from);
  const titleAt = fields.findIndex((field) => isTitleField(field.field));
  if (titleAt >= 0) return at(startBefore(tokens, fields, titleAt));
  const text = plainText(tokens.slice(from));
  if (INTERVIEW.test(text)) return at(from);
  const urlAt = fields.findIndex(({ field }) => field.tokens.some((token) => token.kind === 'url'));
  if (urlAt >= 0) {
    const urlField = fields[urlAt]!;
    const urlIndex = urlField.index + urlField.field.tokens.findIndex((token) => token.kind === 'url');
    const before = fields[urlAt - 1];
    if (urlAt === 1 && before && isNameField(before.field.text) && before.field.text.split(/\s+/).length <= 6 && urlField.field.tokens[0]?.kind === 'url')
      return at(from);
    return at(urlIndex);
  }
  if (OP_CIT.test(text) && isNameField(fields[0]?.field.text ?? '')) return at(from);
  if (fields.some(({ field }) => field.tokens.some(isPublicationFacts))) return at(from);
  const nextFirst = next?.tokens.find((token) => !isSpace(token));
  if (fields.length > 0 && fields.every(({ field }) => isNameField(field.text)) && (nextFirst?.kind === 'quoted' || nextFirst?.kind === 'emphasis')) {
    return at(from, true);
  }
  return undefined;
}

/** `(Chicago: University of Chicago Press, 2010)`: a book's place, publisher and year. */
export function isPublicationFacts(token: Token): boolean {
  return token.kind === 'group' && token.bracket === '(' && PUBLICATION_FACTS.test(plainText(token.tokens).trim());
}

interface IndexedField {
  field: Field;
  /** Index of the field's first token in the unit's tokens. */
  index: number;
}

function fieldsWithIndex(tokens: readonly Token[], from: number): IndexedField[] {
  const fields: IndexedField[] = [];
  let runStart = from;
  for (let i = from; i <= tokens.length; i += 1) {
    const token = tokens[i];
    if (token !== undefined && token.kind !== 'separator') continue;
    const field = toField(tokens.slice(runStart, i));
    if (field) fields.push({ field, index: firstNonSpace(tokens, runStart) });
    runStart = i + 1;
  }
  return fields;
}

/**
 * Walks back from the title over the fields that can name an author or a series; a field of prose
 * ends the walk, and a signal word inside it (`…, see Jane Smith, _Title_`) marks the start.
 */
function startBefore(tokens: readonly Token[], fields: readonly IndexedField[], titleAt: number): number {
  for (let i = titleAt - 1; i >= 0; i -= 1) {
    const { field, index } = fields[i]!;
    const signal = lastSignalEnd(field.tokens);
    if (signal !== undefined) return index + signal;
    if (isCommentary(field.text) || isLowercaseProse(field.text)) return firstNonSpace(tokens, fields[i + 1]!.index);
  }
  return fields[0]?.index ?? 0;
}

/** `as argued by`: prose, though short. Not `and Ann Lee` (a list goes on), `eds.`, or a domain name. */
function isLowercaseProse(text: string): boolean {
  return /^\p{Ll}/u.test(text) && /\s/.test(text) && !/^(?:and|&|eds?\.|trans\.|comp\.)(?:\s|$)/.test(text);
}

function lastSignalEnd(tokens: readonly Token[]): number | undefined {
  for (let i = tokens.length - 2; i >= 0; i -= 1) {
    const token = tokens[i]!;
    if (token.kind === 'text' && SIGNAL.test(token.value) && i + 1 < tokens.length) return firstNonSpace(tokens, i + 1);
  }
  return undefined;
}

/** Skips `See`, `See also`, `Cf.` at the start of a sentence, and the `and` of a list's last citation. */
function afterSignal(tokens: readonly Token[], from: number): number {
  let index = from;
  for (;;) {
    const token = tokens[index];
    if (token?.kind !== 'text' || !(SIGNAL.test(token.value) || (index === from && /^and$/i.test(token.value)))) return index;
    const after = firstNonSpace(tokens, index + 1);
    if (after === index + 1 || after >= tokens.length) return index;
    index = after;
  }
}

function firstNonSpace(tokens: readonly Token[], from: number): number {
  let index = from;
  while (index < tokens.length && isSpace(tokens[index]!)) index += 1;
  return index;
}

/** `Smith, J. (2010)`, `World Bank (2020)`, `Smith (2010, p. 45)`: names, then the year in brackets. */
function isAuthorDateHead(tokens: readonly Token[], from: number): boolean {
  const groupAt = tokens.findIndex((token, index) => index >= from && token.kind !== 'text' && !(token.kind === 'separator' && token.value === ','));
  const group = tokens[groupAt];
  if (group?.kind !== 'group' || group.bracket !== '(' || !AUTHOR_DATE.test(plainText(group.tokens).trim())) return false;
  return isNameField(plainText(tokens.slice(from, groupAt)).trim());
}

function endsAfterHead(tokens: readonly Token[], from: number): boolean {
  const groupAt = tokens.findIndex((token, index) => index >= from && token.kind === 'group');
  return tokens.slice(groupAt + 1).every(isSpace);
}
