/**
 * Reads the fields after a title (and the brackets around them): outlet, dates, URL, volume,
 * pages, publisher, series… Each reader recognises one shape and says so by returning true.
 */
import { parseDate } from './dates.ts';
import { type Draft, normaliseLocator, setOnce } from './draft.ts';
import { parseContributors } from './names.ts';
import { looksLikeJournal } from './organisations.ts';
import { type Field, isCommentary, splitFields, trimSpace } from './segment.ts';
import { type GroupToken, plainText, type Token, type UrlToken } from './tokens.ts';

interface Context {
  /** The previous field named a container, so a bare number is its volume. */
  afterContainer: boolean;
  /** The previous field was `speech given at …`, so a lone place name is where. */
  afterSpeech: boolean;
}

const SERIES = /\b(?:Reports?|Papers?|Briefs?|Briefings?|Series|Notes)$/;
const REPORT_NUMBER = /^(.*?)\s*\b(?:No\.?|Number|Nr\.?)\s*(\d[\w/.-]*)$/i;
const SPEECH =
  /^(speech|address|lecture|remarks|keynote(?:\s+(?:speech|address))?|presentation|statement)(?:\s+(?:given|delivered|made|presented))?\s+(?:at|to|before)\s+(.+)$/i;
const THESIS = /\b(?:PhD|Ph\.D\.|doctoral|master’s|master's|MA|MPhil)\s+(?:thesis|dissertation|diss\.?)/i;
const ACCESSED = /^(?:last\s+)?(?:accessed|retrieved|viewed|consulted|visited)(?:\s+on)?\s*:?\s*(.+)$/i;
const LEAD_IN = /^(?:available\s+(?:at|from|online)\s*:?|online\s*:?|url\s*:|\[online\]|from:)\s*/i;

/**
 * Reads fields in order and returns how many it consumed: reading stops at the first field of prose,
 * which is the author's commentary after the citation.
 */
export function readDetails(fields: readonly Field[], draft: Draft): number {
  const context: Context = { afterContainer: false, afterSpeech: false };
  for (const [index, field] of fields.entries()) {
    if (!readField(field.tokens, draft, context)) return index;
  }
  return fields.length;
}

function readField(tokens: readonly Token[], draft: Draft, context: Context): boolean {
  const rest: Token[] = [];
  const groups: GroupToken[] = [];
  let containerHere = false;
  for (const token of tokens) {
    if (token.kind === 'url') readUrl(token, draft);
    else if (token.kind === 'group') groups.push(token);
    else if (token.kind === 'emphasis' && draft.item['container-title'] === undefined) {
      const before = plainText(rest).trim();
      if (/^in$/i.test(before)) {
        draft.hints.add('chapter');
        rest.length = 0;
      }
      draft.item['container-title'] = token.value;
      containerHere = true;
    } else rest.push(token);
  }
  const text = plainText(trimSpace(rest)).trim().replace(LEAD_IN, '');
  const numberGroups = groups.filter((group) => /^\d{1,3}[a-z]?$/.test(plainText(group.tokens).trim()));
  for (const group of groups) if (!numberGroups.includes(group)) readGroup(group, draft);

  if (readVolumeAndIssue(text, numberGroups, containerHere || context.afterContainer || groups.length > 0, draft) || readUnitalicisedJournal(text, draft)) {
    context.afterContainer = false;
    return true;
  }
  for (const group of numberGroups) setOnce(draft, 'issue', plainText(group.tokens).trim());
  const read = text === '' || readText(text, draft, context);
  context.afterContainer = containerHere || (read && draft.texts.at(-1) === text && text !== '');
  return read;
}

/** `_Journal_ 12`, `12 (2015)`, `12(3)`, and MHRA's `12.3`: numbers that follow a journal's name. */
function readVolumeAndIssue(text: string, numberGroups: readonly GroupToken[], afterJournal: boolean, draft: Draft): boolean {
  const volume = /^(\d{1,3})(?:\.(\d{1,3}))?$/.exec(text);
  if (!volume || !(afterJournal || numberGroups.length > 0)) return false;
  setOnce(draft, 'volume', volume[1]!);
  const issue = volume[2] ?? (numberGroups[0] ? plainText(numberGroups[0].tokens).trim() : undefined);
  if (issue) setOnce(draft, 'issue', issue);
  draft.hints.add('journal');
  return true;
}

/** `Journal of Things 3 (2001): 5–9` when the italics were lost. */
function readUnitalicisedJournal(text: string, draft: Draft): boolean {
  const journal = /^(\p{Lu}\D*?)\s+(\d{1,3})(?:\s*:\s*([\divxlc]+(?:\s*[–—-]\s*[\divxlc]+)?))?$/u.exec(text);
  if (!journal || !looksLikeJournal(journal[1]!) || draft.item['container-title'] !== undefined) return false;
  draft.item['container-title'] = journal[1]!;
  setOnce(draft, 'volume', journal[2]!);
  if (journal[3]) readPages(journal[3], false, draft);
  draft.hints.add('journal');
  return true;
}

function readUrl(token: UrlToken, draft: Draft): void {
  const url = token.value.startsWith('www.') ? `https://${token.value}` : token.value;
  const doi = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)(10\..+)$/i.exec(url)?.[1];
  if (doi) setOnce(draft, 'DOI', doi);
  setOnce(draft, 'URL', doi && url.startsWith('doi:') ? `https://doi.org/${doi}` : url);
  if (token.malformed) draft.problems.push('malformed link brackets were removed');
  if (token.label && draft.item.title === undefined && !/^https?:|^www\./.test(token.label)) {
    draft.item.title = token.label;
    draft.originalTitle = token.label;
  }
}

/** `(Chicago: University of Chicago Press, 2010)`, `(Vol. 12, No. 14, July 2012)`, `(2015)`, `(accessed …)`. */
export function readGroup(group: GroupToken, draft: Draft): void {
  const inner = plainText(group.tokens).trim();
  if (!group.closed) draft.problems.push(`unclosed bracket: ${group.bracket}${inner.slice(0, 40)}`);
  if (/^blog$/i.test(inner)) draft.hints.add('blog');
  if (inner === '' || /^(?:blog|online|electronic|e-?book|pdf|video|audio|podcast|in \p{L}+)$/iu.test(inner)) return;
  const accessed = ACCESSED.exec(inner);
  const date = parseDate(inner);
  const thesis = /^(.*?(?:thesis|dissertation|diss\.?)),\s*(.+?),\s*(\d{4})$/i.exec(inner);
  const facts = /^(?:([^:]+?):\s*)?([^:]+?),\s*(\d{4}|n\.\s?d\.)$/.exec(inner);
  const placeAndPublisher = /^([^:,]{2,40}):\s*([^:]+)$/.exec(inner);
  if (accessed) readAccessed(accessed[1]!, draft);
  else if (date) setOnce(draft, 'issued', date);
  else if (thesis) {
    draft.hints.add('thesis');
    setOnce(draft, 'genre', thesis[1]!);
    setOnce(draft, 'publisher', thesis[2]!);
    setOnce(draft, 'issued', parseDate(thesis[3]!)!);
  } else if (facts && !/\b(?:vol|no)\.\s*\d/i.test(inner) && (facts[1] !== undefined || /^[\p{Lu}]/u.test(facts[2]!))) {
    readPublicationFacts(facts[1], facts[2]!, draft);
    const year = parseDate(facts[3]!);
    if (year) setOnce(draft, 'issued', year);
  } else if (placeAndPublisher) readPublicationFacts(placeAndPublisher[1], placeAndPublisher[2]!, draft);
  else {
    const context: Context = { afterContainer: false, afterSpeech: false };
    for (const field of splitFields(group.tokens)) {
      if (!readField(field.tokens, draft, context)) draft.problems.push(`unrecognised: (${field.text})`);
    }
  }
}

/** `Chicago: University of Chicago Press` or, with no colon, `London` (a place) or `Verso` (a publisher). */
function readPublicationFacts(place: string | undefined, publisherOrPlace: string, draft: Draft): void {
  draft.hints.add('book');
  if (place !== undefined) {
    setOnce(draft, 'publisher-place', place.trim());
    setOnce(draft, 'publisher', publisherOrPlace.trim());
  } else if (/\b(?:Press|Publishers?|Books|Verlag|Éditions|Editions|University|Institute)\b/.test(publisherOrPlace)) {
    setOnce(draft, 'publisher', publisherOrPlace.trim());
  } else setOnce(draft, 'publisher-place', publisherOrPlace.trim());
}

function readAccessed(text: string, draft: Draft): void {
  const date = parseDate(text.replace(/[.)\]]+$/, ''));
  if (date) setOnce(draft, 'accessed', date);
  else draft.problems.push(`unreadable access date: ${text}`);
}

/** The readers for a field of plain text, tried in order. */
function readText(text: string, draft: Draft, context: Context): boolean {
  const afterSpeech = context.afterSpeech;
  context.afterSpeech = false;
  if (/^n\.\s?d\.?$/i.test(text) || /^\[?online\]?$/i.test(text) || !/[\p{L}\p{N}]/u.test(text)) return true;
  if (/^(?:op|loc)\.\s*cit\.?$/i.test(text)) {
    draft.pointsBack = true;
    return true;
  }
  const accessed = ACCESSED.exec(text);
  if (accessed) {
    readAccessed(accessed[1]!, draft);
    return true;
  }
  const date = parseDate(text);
  if (date) {
    setOnce(draft, 'issued', date);
    return true;
  }
  if (readPagesOrVolume(text, draft)) return true;
  const speech = SPEECH.exec(text);
  if (speech) {
    draft.hints.add('speech');
    setOnce(draft, 'genre', speech[1]!.toLowerCase());
    setOnce(draft, 'event-title', speech[2]!);
    context.afterSpeech = true;
    return true;
  }
  if (afterSpeech && /^\p{Lu}[\p{L}’' -]*$/u.test(text) && text.split(/\s+/).length <= 3) {
    setOnce(draft, 'event-place', text);
    return true;
  }
  if (THESIS.test(text)) {
    draft.hints.add('thesis');
    setOnce(draft, 'genre', text);
    return true;
  }
  const edition = /^(\d+)(?:st|nd|rd|th)\s+(?:edn|ed|edition)\.?$|^(rev(?:ised)?\.?|new|expanded)\s+(?:edn|ed|edition)\.?$/i.exec(text);
  if (edition) {
    setOnce(draft, 'edition', edition[1] ?? edition[2]!);
    return true;
  }
  const role = /^(?:(ed\.|eds\.|edited\s+by)|(trans\.|translated\s+by))\s+(?:by\s+)?(.+)$/i.exec(text);
  if (role) {
    const names = parseContributors(role[3]!).names;
    if (role[1]) setOnce(draft, 'editor', names);
    else setOnce(draft, 'translator', names);
    return true;
  }
  const doi = /^doi:?\s*(10\.\S+)$/i.exec(text);
  if (doi) {
    setOnce(draft, 'DOI', doi[1]!);
    return true;
  }
  if (/^ISBN\b/i.test(text)) return true;
  const placeAndPublisher = /^([\p{Lu}][\p{L} .’'-]{1,30}(?:,\s*\p{Lu}{2})?):\s*(\p{Lu}.+)$/u.exec(text);
  if (placeAndPublisher) {
    readPublicationFacts(placeAndPublisher[1], placeAndPublisher[2]!, draft);
    return true;
  }
  if (readSeries(text, draft)) return true;
  if (/^in\s+\p{Lu}/u.test(text)) {
    draft.hints.add('chapter');
    setOnce(draft, 'container-title', text.replace(/^in\s+/i, ''));
    return true;
  }
  if (isCommentary(text)) return false;
  draft.texts.push(text);
  return true;
}

/** `pp. 34–49`, `p. 5`, `45`, `Vol. 12`, `No. 14`, `no. 3: 34–49`. */
function readPagesOrVolume(text: string, draft: Draft): boolean {
  const pages = /^(?:pp?\.|pages?|at)\s*([\divxlc]+[a-z]?(?:\s*[–—-]\s*[\divxlc]+)?)$/i.exec(text) ?? /^(\d+(?:\s*[–—-]\s*\d+)?)$/.exec(text);
  if (pages) {
    readPages(pages[1]!, /^p\./i.test(text), draft);
    return true;
  }
  const volume = /^(?:vol\.?|volume)\s*([\w.]+)(?:\s*,?\s*(?:no\.?|issue)\s*([\w./-]+))?$/i.exec(text);
  if (volume) {
    setOnce(draft, 'volume', volume[1]!);
    if (volume[2]) setOnce(draft, 'issue', volume[2]);
    return true;
  }
  const issue = /^(?:no\.?|nos\.?|issue|iss\.)\s*([\w./-]+)\s*(?::\s*([\divxlc]+(?:\s*[–—-]\s*[\divxlc]+)?))?$/i.exec(text);
  if (issue) {
    // `No. 14` after a series name is a report number; after a journal volume it is the issue.
    setOnce(draft, draft.item.volume === undefined && draft.item['collection-title'] !== undefined ? 'number' : 'issue', issue[1]!);
    if (issue[2]) readPages(issue[2], false, draft);
    return true;
  }
  return false;
}

/**
 * A range is the article's or chapter's extent (`page`) except in a book, where it is the
 * passage cited; a single page is always the passage cited (the locator).
 */
function readPages(value: string, single: boolean, draft: Draft): void {
  const isRange = /[–—-]/.test(value) && !single;
  const inBook = draft.hints.has('book') && !draft.hints.has('chapter');
  if (isRange && !inBook) setOnce(draft, 'page', value.replace(/\s+/g, ''));
  else draft.locator ??= normaliseLocator(value);
}

/** `Policy Briefs No. 63`, `Central Asia Program Paper No. 232`, `Russie Nei Reports`, `Working Paper 12`. */
function readSeries(text: string, draft: Draft): boolean {
  if (draft.item.volume !== undefined) return false;
  const numbered = REPORT_NUMBER.exec(text) ?? /^(.*\b(?:Paper|Report|Brief))\s+(\d[\w/.-]*)$/i.exec(text);
  if (numbered && (numbered[1] === '' || SERIES.test(numbered[1]!.replace(/\s+No$/i, '')) || /\b(?:Paper|Report|Brief)$/i.test(numbered[1]!))) {
    if (numbered[1]) setOnce(draft, 'collection-title', numbered[1]);
    setOnce(draft, 'number', numbered[2]!);
    if (numbered[1]) draft.hints.add('report');
    return true;
  }
  if (SERIES.test(text)) {
    setOnce(draft, 'collection-title', text);
    draft.hints.add('report');
    return true;
  }
  return false;
}
