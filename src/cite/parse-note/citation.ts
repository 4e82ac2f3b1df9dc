/**
 * One citation run → a CSL item: who (the fields before the title), what (the title and its
 * translation), and where and when (the fields after it).
 */
import type { CslItemData, CslName } from '../csl.ts';
import { readDetails, readGroup } from './details.ts';
import { type Draft, emptyDraft, setOnce } from './draft.ts';
import { inferItemType } from './item-type.ts';
import { titleLanguage } from './language.ts';
import { displayName, parseContributors, parseInvertedNames } from './names.ts';
import { isNewsOutlet } from './organisations.ts';
import { type Field, INTERVIEW, isNameField, isPublicationFacts, isTitleField, splitFields, toField } from './segment.ts';
import { type GroupToken, plainText, type Token } from './tokens.ts';

export interface ShortForm {
  author?: string;
  title?: string;
  year?: string;
}

export interface CitationParse {
  item: CslItemData;
  locator?: string;
  problems: string[];
  confidence: number;
  start: number;
  end: number;
  /** Set when the citation only names an earlier one (author and title, or author and year). */
  shortForm?: ShortForm;
}

const OP_CIT = /^(?:op|loc)\.\s*cit\.?$/i;
const SELECTED_WORKS = /^(?:the\s+)?(?:selected|collected|complete)\s+works\s+of\s+(.+)$/i;
const ROLE_FIELD = /^(eds?|editors?|trans|translators?|comp)\.?$/i;

/** Keys that make a citation more than a pointer back to an earlier one. */
const DETAIL_KEYS = [
  'issued',
  'accessed',
  'URL',
  'DOI',
  'container-title',
  'collection-title',
  'publisher',
  'publisher-place',
  'volume',
  'issue',
  'page',
  'number',
  'edition',
  'editor',
  'event-title',
  'genre',
] as const satisfies readonly (keyof CslItemData)[];

export function parseCitation(tokens: readonly Token[]): CitationParse | undefined {
  const fields = splitFields(tokens);
  if (fields.length === 0) return undefined;
  const draft = emptyDraft();
  const titleAt = fields.findIndex(isTitleField);
  let authorIsOutlet = false;
  let end: number | undefined;
  const interviewAt = fields.findIndex((field) => INTERVIEW.test(field.text));
  if (interviewAt >= 0 && (titleAt < 0 || interviewAt < titleAt)) {
    end = readInterview(fields, draft);
  } else if (titleAt >= 0) {
    authorIsOutlet = readContributorFields(fields.slice(0, titleAt), draft);
    readTitleField(fields[titleAt]!, draft);
    end = readDetailsUpTo(fields, titleAt + 1, draft);
  } else {
    const pointerAt = fields.findIndex((field) => OP_CIT.test(field.text));
    const factsAt = fields.findIndex((field) => field.tokens.some(isPublicationFacts));
    const urlAt = fields.findIndex((field) => field.tokens.some((token) => token.kind === 'url'));
    const leadAt = [pointerAt, factsAt, urlAt].filter((index) => index >= 0).sort((a, b) => a - b)[0];
    if (leadAt === undefined) return undefined;
    authorIsOutlet = readContributorFields(fields.slice(0, leadAt).filter(nameFieldOrRole), draft);
    if (leadAt === factsAt) {
      readUnquotedTitle(fields[leadAt]!, draft);
      end = readDetailsUpTo(fields, leadAt + 1, draft);
    } else end = readDetailsUpTo(fields, leadAt, draft);
  }
  if (end === undefined) return undefined;
  return finishCitation(draft, { start: fields[0]!.start, end, authorIsOutlet });
}

function nameFieldOrRole(field: Field): boolean {
  return isNameField(field.text) || ROLE_FIELD.test(field.text);
}

/** Reads fields from `from` on and returns where the citation ends (before any trailing commentary), if anything was read. */
function readDetailsUpTo(fields: readonly Field[], from: number, draft: Draft): number | undefined {
  const rest = fields.slice(from);
  const used = readDetails(rest, draft);
  return used > 0 ? rest[used - 1]!.end : fields[from - 1]?.end;
}

/**
 * The fields before the title. The first names the author (or editor); `and …` continues a list
 * of people; `Selected works of X` is a multi-volume book by X; anything else is a container.
 * Returns whether the author is a news outlet (Xinhua, CGTN), which makes the item news.
 */
export function readContributorFields(fields: readonly Field[], draft: Draft): boolean {
  if (fields.length === 0) return false;
  let names = fields[0]!.text;
  let rest = fields.slice(1);
  const listEnd = lastListField(fields);
  if (listEnd > 0) {
    names = fields
      .slice(0, listEnd + 1)
      .map((field) => field.text)
      .join(', ');
    rest = fields.slice(listEnd + 1);
  }
  const inverted =
    rest.length === 1 && isGivenNames(rest[0]!.text) && /^\p{Lu}[\p{Ll}’'-]+$/u.test(names) ? parseInvertedNames(`${names}, ${rest[0]!.text}`) : undefined;
  const selected = SELECTED_WORKS.exec(names);
  if (inverted) {
    draft.item.author = inverted;
    rest = [];
  } else if (selected) {
    const author = parseContributors(selected[1]!);
    draft.item['container-title'] = names;
    draft.item.author = author.names;
    draft.problems.push(...author.problems);
    draft.hints.add('chapter');
  } else {
    const role = rest[0] && ROLE_FIELD.test(rest[0].text) ? rest[0].text : undefined;
    const contributors = parseContributors(role ? `${names}, ${role}` : names);
    if (role) rest = rest.slice(1);
    draft.item[contributors.role] = contributors.names;
    draft.problems.push(...contributors.problems);
  }
  const used = readDetails(rest, draft);
  for (const field of rest.slice(used)) draft.problems.push(`unrecognised: ${field.text}`);
  return !selected && !inverted && isNewsOutlet(names);
}

/** `Jane Smith, John Doe, and Ann Lee`: the index of the field that ends the list, or 0. */
function lastListField(fields: readonly Field[]): number {
  let last = 0;
  for (const [index, field] of fields.entries()) {
    if (index > 0 && /^(?:and|&)\s/.test(field.text)) last = index;
  }
  return last;
}

function isGivenNames(text: string): boolean {
  return /^(?:\p{Lu}[\p{Ll}’'-]*\.?)(?:[\s-]+\p{Lu}[\p{Ll}’'-]*\.?){0,2}$/u.test(text) && !/^\p{Lu}{2,}$/u.test(text);
}

/** The title token, a bracketed translation after it, and anything else in the field (publication facts, an italic container). */
export function readTitleField(field: Field, draft: Draft): void {
  const [main, ...rest] = field.tokens;
  if (main?.kind === 'quoted' || main?.kind === 'emphasis') {
    setTitle(main.value, draft);
    draft.titleIsItalic = main.kind === 'emphasis';
    if (main.kind === 'quoted' && !main.closed) draft.problems.push('unclosed quotation mark: the title may run on');
  } else if (main?.kind === 'url') readDetails([field], draft);
  const others: Token[] = [];
  for (const token of rest) {
    if (token.kind === 'group' && token.bracket === '[' && draft.translatedTitle === undefined && isTranslation(token)) {
      draft.translatedTitle = cleanTitle(plainTranslation(token));
    } else if (token.kind === 'group' && token.bracket === '(') readGroup(token, draft);
    else others.push(token);
  }
  const remainder = toField(others);
  if (remainder) readDetails([remainder], draft);
}

function readUnquotedTitle(field: Field, draft: Draft): void {
  const groupAt = field.tokens.findIndex(isPublicationFacts);
  const title = plainText(field.tokens.slice(0, groupAt)).trim();
  if (title !== '') setTitle(title, draft);
  draft.problems.push('title guessed: it is neither quoted nor italic');
  readGroup(field.tokens[groupAt] as GroupToken, draft);
}

function setTitle(value: string, draft: Draft): void {
  const inline = /^(.*\S)\s*\[([^\]]+)\]$/.exec(value);
  draft.originalTitle = cleanTitle(inline ? inline[1]! : value);
  if (inline) draft.translatedTitle = cleanTitle(inline[2]!);
}

function isTranslation(group: GroupToken): boolean {
  const first = group.tokens.find((token) => token.kind !== 'text' || token.value.trim() !== '');
  const inner = plainText(group.tokens).trim();
  return first?.kind === 'quoted' || (/\p{L}{3}/u.test(inner) && !/^(?:online|accessed|retrieved|viewed|pdf|in \p{L}+)\b/iu.test(inner));
}

function plainTranslation(group: GroupToken): string {
  const quoted = group.tokens.filter((token) => token.kind === 'quoted');
  return quoted.length === 1 ? quoted[0]!.value : plainText(group.tokens);
}

/** American punctuation inside quotes and a full stop left by an unclosed quote are not part of a title. */
function cleanTitle(title: string): string {
  return title
    .trim()
    .replace(/\s*[,;:]$/, '')
    .replace(/(?<!\.\.|\b\p{Lu})\.$/u, '')
    .trim();
}

/**
 * `Author interview, RATS, 2012`, `author interview with logistics experts in Osh, Kyrgyzstan, 2019`,
 * `Jane Smith, interview by the author, Chicago, May 3, 2010`. CSL's model: the person interviewed is
 * the author, the one asking is the interviewer, and the place is the event place.
 */
function readInterview(fields: readonly Field[], draft: Draft): number {
  draft.hints.add('interview');
  const at = fields.findIndex((field) => INTERVIEW.test(field.text));
  const field = fields[at]!;
  const before = fields.slice(0, at).filter((candidate) => isNameField(candidate.text));
  if (before.length > 0) setNames(draft, 'author', before.map((candidate) => candidate.text).join(', '));
  if (/\bauthor\b/i.test(field.text)) draft.item.interviewer = [{ literal: 'the author' }];
  else {
    const by = /\binterview(?:ed)?\s+by\s+(.+?)(?:\s+with\b|$)/i.exec(field.text);
    if (by) setNames(draft, 'interviewer', by[1]!);
  }
  const places: string[] = [];
  const withWhom = /\binterviews?\s+with\s+(.+?)(?:\s+in\s+(.+))?$/i.exec(field.text);
  if (withWhom) {
    setNames(draft, 'author', withWhom[1]!);
    if (withWhom[2]) places.push(withWhom[2]);
  }
  let end = field.end;
  for (const after of fields.slice(at + 1)) {
    const urlOrDate = readDetailsQuietly(after, draft);
    if (urlOrDate) {
      end = after.end;
      continue;
    }
    if (!isNameField(after.text)) break;
    if (draft.item.author === undefined) setNames(draft, 'author', after.text);
    else places.push(after.text);
    end = after.end;
  }
  if (places.length > 0) setOnce(draft, 'event-place', places.join(', '));
  return end;
}

function setNames(draft: Draft, role: 'author' | 'interviewer', text: string): void {
  const contributors = parseContributors(text);
  draft.item[role] = contributors.names;
  draft.problems.push(...contributors.problems);
}

/** Reads a field only if it is a date, an access date, a URL or an italic outlet: the shapes an interview note adds. */
function readDetailsQuietly(field: Field, draft: Draft): boolean {
  const probe = emptyDraft();
  if (readDetails([field], probe) !== 1 || probe.texts.length > 0 || probe.item['publisher-place'] !== undefined) return false;
  const { issued, accessed, URL } = probe.item;
  if (issued === undefined && accessed === undefined && URL === undefined && probe.item['container-title'] === undefined) return false;
  Object.assign(draft.item, { ...probe.item, ...draft.item });
  return true;
}

interface Span {
  start: number;
  end: number;
  authorIsOutlet: boolean;
}

export function finishCitation(draft: Draft, span: Span): CitationParse {
  resolveTexts(draft);
  const type = inferItemType(draft, span.authorIsOutlet);
  const item: CslItemData = { type, ...draft.item };
  const { originalTitle, translatedTitle } = draft;
  if (originalTitle !== undefined) {
    item.title = translatedTitle ? `${originalTitle} [${translatedTitle}]` : originalTitle;
    if (translatedTitle) {
      item['title-short'] = originalTitle;
      item.custom = { 'translated-title': translatedTitle };
    }
    const language = titleLanguage(originalTitle, translatedTitle !== undefined);
    if (language) item.language = language;
  }
  const names = item.author ?? item.editor;
  const pointsBack = draft.pointsBack || (type !== 'interview' && DETAIL_KEYS.every((key) => item[key] === undefined));
  const shortForm = pointsBack ? shortFormOf(names, originalTitle) : undefined;
  if (originalTitle === undefined && type !== 'interview' && !shortForm) draft.problems.push(item.URL ? 'no title: the note gives only a URL' : 'no title');
  if (names === undefined) draft.problems.push('no author or organisation');
  // A short form points at an earlier citation, so its type is not a guess that matters.
  if (type === 'document' && !shortForm) draft.problems.push('type guessed: document');
  return {
    item: inReadingOrder(item),
    ...(draft.locator ? { locator: draft.locator } : {}),
    problems: draft.problems,
    confidence: confidenceOf(draft.problems),
    start: span.start,
    end: span.end,
    ...(shortForm ? { shortForm } : {}),
  };
}

const KEY_ORDER: readonly (keyof CslItemData)[] = [
  'type',
  'title',
  'title-short',
  'author',
  'editor',
  'translator',
  'interviewer',
  'container-title',
  'collection-title',
  'volume',
  'issue',
  'number',
  'page',
  'edition',
  'genre',
  'event-title',
  'event-place',
  'publisher',
  'publisher-place',
  'issued',
  'URL',
  'DOI',
  'accessed',
  'language',
  'note',
  'custom',
];

/** The same item with its keys in the order a reader scans a reference, so JSON diffs stay readable. */
function inReadingOrder(item: CslItemData): CslItemData {
  return Object.fromEntries(KEY_ORDER.filter((key) => item[key] !== undefined).map((key) => [key, item[key]])) as CslItemData;
}

export function shortFormOf(names: readonly CslName[] | undefined, title: string | undefined, year?: string): ShortForm {
  const author = names?.map(displayName).join(' and ');
  return { ...(author ? { author } : {}), ...(title ? { title } : {}), ...(year ? { year } : {}) };
}

/**
 * Names left after the title: the first is the container (the outlet, the journal), or, for a
 * report or a book, the publisher. A series named `Central Asia Program Paper` with no publisher
 * yields the publisher `Central Asia Program`.
 */
function resolveTexts(draft: Draft): void {
  const publisherFirst = draft.hints.has('report') || (draft.hints.has('book') && !draft.hints.has('chapter'));
  for (const text of draft.texts) {
    if (publisherFirst && draft.item.publisher === undefined) draft.item.publisher = text;
    else if (draft.item['container-title'] === undefined) draft.item['container-title'] = text;
    else if (draft.item.publisher === undefined) draft.item.publisher = text;
    else draft.problems.push(`unrecognised: ${text}`);
  }
  const series = /^(\S+(?:\s+\S+)+?)\s+(?:Papers?|Briefs?|Reports?|Series|Notes)$/.exec(draft.item['collection-title'] ?? '');
  if (draft.hints.has('report') && draft.item.publisher === undefined && series) draft.item.publisher = series[1]!;
}

const WEIGHTS: [RegExp, number][] = [
  [/^no title: the note gives only a URL/, 0.2],
  [/^no title/, 0.35],
  [/^unclosed quotation/, 0.25],
  [/^unclosed bracket/, 0.15],
  [/^unrecognised/, 0.15],
  [/^title guessed/, 0.2],
  [/^no author/, 0.15],
  [/^a second/, 0.1],
  [/^unreadable/, 0.1],
  [/^type guessed/, 0.1],
  [/^name order unknown/, 0.05],
  [/^malformed/, 0.05],
];

/** 1 for a citation read without doubt, lower for each thing an editor should check. */
export function confidenceOf(problems: readonly string[]): number {
  const penalty = problems.reduce((sum, problem) => sum + (WEIGHTS.find(([pattern]) => pattern.test(problem))?.[1] ?? 0.1), 0);
  return Math.round(Math.max(0.05, 1 - penalty) * 100) / 100;
}
