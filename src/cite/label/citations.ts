/**
 * Labelled tokens → citations: runs of one label become fields, fields are grouped into citations
 * (a new one starts after `;`, after commentary, at a signal, or where a field comes back that a
 * citation has only once), and each citation becomes a CSL item: names, dates, cleaned values,
 * and the item type read from which fields are there.
 */
import type { CslItemData, CslItemType, CslName } from '../csl.ts';
import { GIVEN_NAMES, MONTHS, PLACES } from './dictionaries.ts';
import { EDITOR_ROLE, withEditedVolumes } from './edited-volumes.ts';
import { wordKey } from './features.ts';
import { containerTitle, dateOf, doiOf, editionOf, issueOf, normaliseLocator, pagesOf, plain, trimField, trimPlain, urlOf, volumeOf } from './fields.ts';
import { withJournalNumbers } from './journal-numbers.ts';
import type { LabelledToken } from './label-note.ts';
import type { Label } from './labels.ts';
import { titleLanguage } from './language.ts';
import { parseNames } from './names.ts';
import { isNewsOutlet, isOrganisationName, looksLikeJournal } from './organisations.ts';
import { withPlainPublishers } from './plain-publishers.ts';
import { OPENS_QUOTE } from './quoted-passages.ts';

export interface Segment {
  label: Label;
  tokens: LabelledToken[];
  start: number;
  end: number;
  /** The source text of the segment. */
  text: string;
  /** The mean of its tokens' probabilities. */
  confidence: number;
  /** The targets of links on its words (a title's link is the work's address). */
  links: string[];
}

export interface CitationGroup {
  fields: Segment[];
  /** Signals and commentary just before the citation. */
  lead: Segment[];
  start: number;
  end: number;
}

export interface ShortForm {
  author?: string;
  title?: string;
  /** Author-date short citations (`Smith (2010, p. 45)`) name a year instead of a title. */
  year?: string;
}

export interface BuiltCitation {
  item: CslItemData;
  locator?: string;
  shortForm?: ShortForm;
  /** The model's sureness of the fields (`fieldsSureness`); the citation's confidence is built from it and `penalty`. */
  sureness: number;
  /** The factor the item's problems (an unclosed quote, a name no person has) put on the confidence. */
  penalty: number;
  problems: string[];
  /** The tokens of the fields the item was made of (a doubted detail left out is not among them). */
  tokens: readonly LabelledToken[];
}

/** Words that introduce a citation (`See`, `See also`, `Cf.`, `and` after a semicolon). */
const SIGNAL_WORD = /^(?:see|also|cf\.?|compare|e\.g\.,?|vide|voir|siehe|vgl\.?|vergl\.?|véase)$/i;

/**
 * A signal at the start of a note or after a semicolon is a signal, whatever the model says: the
 * training data (references from bibliographies) rarely has them, so the model reads `See Jane
 * Smith` as a name.
 */
export function withSignals(tokens: readonly LabelledToken[]): LabelledToken[] {
  let atStart = true;
  return tokens.map((token, index) => {
    const word = token.text.replace(/[,:]$/, '');
    // `From Edward Tufte, …`: before a name, `From` says where the passage comes from.
    const from = /^from$/i.test(word) && /^\p{Lu}/u.test(tokens[index + 1]?.text ?? '') && tokens[index + 1]?.label === 'author';
    const signal = atStart && (SIGNAL_WORD.test(word) || from || (/^and$/i.test(word) && token.start > 0));
    atStart = signal || /;$/.test(token.raw);
    return signal && token.label !== 'signal' ? { ...token, label: 'signal' as const } : token;
  });
}

/**
 * A quoted title ends at its closing quote: plain words after it that the model ran into the
 * title (`"Fifty Ways to Leave Your Lover", because quite frankly…`) are commentary. A bracketed
 * or quoted translation after it (`‘Zhōng…’ [‘China…’]`) is still the title.
 */
export function withQuotedTitles(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 0; index < result.length; index++) {
    const token = result[index]!;
    if (token.label !== 'title' || !token.quoted || result[index - 1]?.label === 'title') continue;
    let end = index;
    // Inside the quotes it is all title, whatever the model thought of a number or a date there
    // (`‘… 400 studentov v 2019 godu’ [‘… in 2019’]`); a bracketed translation follows it.
    while (
      end + 1 < result.length &&
      result[end + 1]!.quoted &&
      // An address inside the quotes (`“… Version 4.7 <https://dssat.net>. DSSAT Foundation…”`) ends the title.
      !(result[end + 1]!.url && !result[end + 1]!.linkTarget) &&
      (result[end + 1]!.label === 'title' || result.slice(end + 2).some((later) => later.label === 'title' && later.quoted))
    ) {
      if (result[end + 1]!.label !== 'title' && !withinQuote(result, index, end + 1)) break;
      end++;
      result[end] = { ...result[end]!, label: 'title' };
    }
    let last = end;
    while (last + 1 < result.length && result[last + 1]!.label === 'title') last++;
    // A closing mark later in the run: the first was an apostrophe (`perenyat’ u Kitaya…’`). Not
    // the mark of a quotation that opens later in the run (`"Fifty Ways…", because quite frankly,
    // "A Million Ways…"`, a link's title then a passage quoted from it).
    const opening = result.slice(end + 1, last + 1).findIndex((later) => OPENS_QUOTE.test(later.raw));
    const beforeOpening = result.slice(end + 1, opening < 0 ? last + 1 : end + 1 + opening);
    if (beforeOpening.some((later) => /[’”»"]/.test(later.raw))) {
      index = last;
      continue;
    }
    // Names the model ran into the title that go on into a name (`"Lucida Basic Font Weights"
    // Bigelow & Holmes.`) are that name; other words are commentary.
    let stop = end + 1;
    while (
      stop < result.length &&
      result[stop]!.label === 'title' &&
      !((result[stop]!.quoted || result[stop]!.bracketed || OPENS_QUOTE.test(result[stop]!.raw)) && !result[stop]!.linkTarget)
    )
      stop++;
    const trailing = result.slice(end + 1, stop).filter((token) => !token.linkTarget);
    const following = result[stop]?.label;
    const name =
      following !== undefined &&
      NAME_LABELS.has(following) &&
      trailing.length > 0 &&
      /^\p{Lu}/u.test(trailing[0]!.text) &&
      trailing.every((token) => isNameWord(token) && !token.url);
    for (let after = end + 1; after < stop; after++) {
      const next = result[after]!;
      // The title's link target (`["Title"](url)`) is still the title's.
      if (next.linkTarget) continue;
      result[after] = { ...next, label: name ? following : 'note' };
    }
    index = end;
  }
  return result;
}

/**
 * The date a copy was archived (`Archived from the original on 2011-06-23`) is not the work's.
 */
export function withArchiveDates(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index < result.length; index++) {
    const token = result[index]!;
    if (token.label !== 'date') continue;
    const before = result
      .slice(Math.max(0, index - 8), index)
      .filter((other) => !other.linkTarget)
      .map((other) => other.text)
      .join(' ');
    // `… on October 4, 2002`: the model may have left the day and month out of the date.
    if (!/\barchived\b[^.]*\bon(?:\s+(?:\p{L}{3,9}\.?|\d{1,2}(?:st|nd|rd|th)?,?)){0,2}$/iu.test(before)) continue;
    for (let at = index; at < result.length && result[at]!.label === 'date'; at++) result[at] = { ...result[at]!, label: 'note' };
  }
  return result;
}

/**
 * A date in brackets ends where they close (`(2002, May). P‐13: Serifs Slow RSVP Reading…`): words
 * after the bracket that the model ran into the date, before a title, begin the title.
 */
export function withClosedDates(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 0; index < result.length; index++) {
    if (result[index]!.label !== 'date' || !/^\(/.test(result[index]!.raw) || result[index - 1]?.label === 'date') continue;
    let end = index;
    while (end + 1 < result.length && result[end + 1]!.label === 'date') end++;
    const close = result.slice(index, end).findIndex((token) => /\)[.,:;]?$/.test(token.raw));
    const title = result[end + 1];
    // Words after the bracket that hold a date of their own (`(1999). Reprinted 2003.`) are one.
    const after = result.slice(index + close + 1, end + 1);
    if (close < 0 || title?.label !== 'title' || dateOf(after.map((token) => token.raw).join(' '))) continue;
    for (let at = index + close + 1; at <= end; at++) result[at] = { ...result[at]!, label: 'title', confidence: title.confidence };
    index = end;
  }
  return result;
}

/**
 * A link's target goes with its words (`[“Title”](url)`: both the title); the model's doubt
 * between them is no reason to split a link. A target on commentary words stays the work's
 * address (`See [here](url)`), and an address the model saw as one stays one.
 */
export function withLinkTargets(tokens: readonly LabelledToken[]): LabelledToken[] {
  return tokens.map((token, index) => {
    if (!token.linkTarget || token.label === 'URL' || token.label === 'DOI') return token;
    const words = tokens.slice(0, index).filter((other) => other.link === token.link && other.linkText);
    const label = words.at(-1)?.label;
    if (!label || label === token.label) return token;
    return { ...token, label: label === 'note' || label === 'signal' ? 'URL' : label };
  });
}

/**
 * Chicago's page after the publication facts (`(New York: Oxford University Press, 2012), 45;`):
 * a bare number the model left as commentary is the passage cited.
 */
export function withPagesAfterFacts(tokens: readonly LabelledToken[]): LabelledToken[] {
  return tokens.map((token, index) => {
    const previous = tokens[index - 1];
    if (token.label !== 'note' || !previous || !/\),$/.test(previous.raw)) return token;
    if (!['date', 'publisher', 'location'].includes(previous.label)) return token;
    return /^\d+(?:\s*[–—-]\s*\d+)?[.;,]?$/.test(token.text) ? { ...token, label: 'locator' } : token;
  });
}

/**
 * A web address is an address (or commentary), never a name or a title, whatever the model made
 * of it (`PEP 5, Guidelines for Language Evolution, Prescod http://…` read as one title).
 */
export function withAddresses(tokens: readonly LabelledToken[]): LabelledToken[] {
  return tokens.map((token) => {
    if (!token.url || token.linkTarget || token.label === 'URL' || token.label === 'DOI' || token.label === 'note') return token;
    return { ...token, label: /doi\.org\/|^doi:/i.test(token.text) ? 'DOI' : 'URL' };
  });
}

/**
 * Prose around a link (`See the [QNX target documentation](…) for current status`, `The team was
 * [created under the Rust Project](…) in 2025`): the model reads the sentence as a title. Plain
 * lower-case words around a formatted title are commentary, and a link whose words start in lower
 * case is no title (`[here](…)`, `[created under …](…)`): its target is the work's address.
 */
export function withLinkedProse(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  let index = 0;
  while (index < result.length) {
    if (result[index]!.label !== 'title') {
      index++;
      continue;
    }
    let end = index;
    while (end + 1 < result.length && result[end + 1]!.label === 'title') end++;
    const run = result.slice(index, end + 1);
    const linked = run.some((token) => token.linkText);
    // A title in title case has small words in lower case (`of`, `the`); prose has others too.
    const prose = run.some(isProseWord);
    // A link of several words in a note of prose, the model having cut the prose off it
    // (`… is now [actively maintaining the specification](…), reviewing changes …`).
    const linkInProse = linked && tokens.some((token) => token.label === 'note' && isProseWord(token)) && run.every((token) => token.linkText || token.url);
    if (linked && (prose || linkInProse)) {
      for (let at = index; at <= end; at++) {
        const token = result[at]!;
        if (!token.quoted && !token.italic && !token.linkText && !token.url) result[at] = { ...token, label: 'note' };
      }
      // Each link left: no title when its words start in lower case (its first word, even one
      // the model left out of the run: `[actively maintaining the specification](…)`).
      for (let at = index; at <= end; at++) {
        const token = result[at]!;
        if (!token.linkText || (at > index && result[at - 1]?.link === token.link)) continue;
        const words = result.slice(at, end + 1).filter((other) => other.link === token.link);
        const linkWords = result.filter((other) => other.link === token.link && other.linkText);
        const firstWord = linkWords[0] ?? token;
        if (
          !/^\p{Ll}/u.test(firstWord.text.replace(/^[^\p{L}\p{N}]+/u, '')) ||
          linkWords.every((word) => word.quoted) ||
          linkWords.every((word) => word.italic)
        )
          continue;
        if (!prose && linkWords.length < 2) continue;
        for (const word of words) result[result.indexOf(word)] = { ...word, label: word.linkTarget ? 'URL' : 'note' };
      }
    }
    index = end + 1;
  }
  return result;
}

/**
 * A quoted title, then an italic name (`["Persona"](…). _Mozilla Developer Network_.`, `“Article,”
 * _Journal_`), or a plain title ending a sentence, then an italic name (APA, Harvard): the work and
 * the periodical, site or book it is in, whether the model ran the name into the title or left
 * it as commentary.
 */
const ITALIC_AFTER_TITLE = new Set<Label>(['title', 'note', 'publisher', 'container-title']);

export function withItalicContainers(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index < result.length; index++) {
    const token = result[index]!;
    if (!token.italic || token.quoted || token.linkTarget || token.url || !ITALIC_AFTER_TITLE.has(token.label)) continue;
    const before = result[index - 1]!;
    const titleAt = before.linkTarget ? result.slice(0, index - 1).findLastIndex((other) => !other.linkTarget && other.link === before.link) : index - 1;
    const title = result[titleAt];
    if (title?.label !== 'title' || title.italic) continue;
    // Quoted, the title may end at a comma (`“Article,” _Journal_`); plain, at the end of a
    // sentence (`Defining program governance. _IBM developerWorks_.`, APA's and Harvard's article
    // in a periodical, whose title is plain and the periodical's italic) or at a comma before a name.
    if (title.quoted ? !/[.,]$/.test(before.raw.replace(/[*_]+$/, '')) : !plainTitleEnds(title, token) || !plainTitleBefore(result, titleAt)) continue;
    const label = token.label;
    // The shape says what the name is: the reading is as sure as the title before it, however
    // unsure the model was of the name (`_Lifehacker_.` as a publisher at 0.57, `_mozilla blog_.`
    // as commentary at 0.40), so the site is not left out as a doubted detail.
    for (let at = index; at < result.length && result[at]!.label === label && result[at]!.italic && !result[at]!.quoted; at++) {
      result[at] = { ...result[at]!, label: 'container-title', confidence: Math.max(result[at]!.confidence, title.confidence) };
    }
  }
  return result;
}

/**
 * A plain title ends before an italic name where it ends a sentence (`Title.`, `Title?`, a link's
 * text so ended: `[Title.](…)`), or at a comma when the italic words are a name (`Bacterial Water
 * Impairments, _Professional Engineers in Mining Seminar_`), not a phrase going on (`Notes on
 * reading, _with an aside_`).
 */
function plainTitleEnds(title: LabelledToken, italic: LabelledToken): boolean {
  const end = title.raw.replace(/[*_\]]+$/, '');
  return /[.?!]$/.test(end) || (end.endsWith(',') && /^\p{Lu}/u.test(italic.text));
}

/** A plain title of at least two words ends at `end` (no italics or quotes in it: a reader sees its edges). */
function plainTitleBefore(tokens: readonly LabelledToken[], end: number): boolean {
  let start = end;
  while (start > 0 && tokens[start - 1]!.label === 'title') start--;
  const words = tokens.slice(start, end + 1).filter((token) => !token.linkTarget);
  return words.length >= 2 && words.every((token) => !token.italic && !token.quoted);
}

/**
 * A name the model cut after its given name (`From Edward | Tufte, Visual Display…`): a name of
 * one given name, then a capitalised word ending in a comma that the model made the start of the
 * title, is one name.
 */
export function withWholeNames(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index + 1 < result.length; index++) {
    const token = result[index]!;
    const given = result[index - 1]!;
    if (token.label !== 'title' || !NAME_LABELS.has(given.label) || result[index - 2]?.label === given.label) continue;
    if (!GIVEN_NAMES.has(wordKey(given.text)) || /[,.;:]$/.test(given.text)) continue;
    if (!/^\p{Lu}[\p{Ll}'’-]+,$/u.test(token.text) || token.quoted || token.italic || token.linkText) continue;
    result[index] = { ...token, label: given.label };
  }
  return result;
}

/**
 * `TUGboat, Volume 34`, `_Studies_ Vol. 12`: the word that introduces a volume number belongs to
 * the volume (the data's convention, `<volume>Volume 34</volume>`), not to the periodical or title
 * the model ran it into.
 */
export function withVolumeWords(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index + 1 < result.length; index++) {
    const token = result[index]!;
    const number = result[index + 1]!;
    if (!VOLUME_HOSTS.has(token.label) || !VOLUME_WORDS.has(wordKey(token.text)) || token.quoted || token.italic || token.linkText) continue;
    if (number.label !== 'volume' || !/^(?:\d+|[ivxlcdm]+)[.,:;)]?$/i.test(number.text)) continue;
    result[index] = { ...token, label: 'volume' };
  }
  return result;
}

const VOLUME_HOSTS = new Set<Label>(['container-title', 'title', 'collection-title']);
const VOLUME_WORDS = new Set(['vol', 'vols', 'volume', 'volumes', 'bd', 'band', 'tome', 'jg', 'jahrgang']);

/**
 * A title of digits alone (`(2011): 1–20;`, the model's guess at a page range after a date) is
 * no title: the pages of the work, after a periodical's facts; the passage cited otherwise.
 */
export function withNumbersNoTitle(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  const numeric = (token: LabelledToken) =>
    token.label === 'title' && !token.quoted && !token.italic && !token.url && /^[([]?\d+(?:\s*[–—-]\s*\d+)?[)\]]?[.,;:]?$/.test(token.text);
  for (let index = 0; index < result.length; index++) {
    if (!numeric(result[index]!) || result[index - 1]?.label === 'title') continue;
    let end = index;
    while (end + 1 < result.length && numeric(result[end + 1]!)) end++;
    // The run of digits ends the title the model saw, or a `;` ends it (`1–20; and Ann Lee`).
    if (result[end + 1]?.label === 'title' && !/[;.]$/.test(result[end]!.raw)) continue;
    const before = result[index - 1];
    const label: Label = before && ['date', 'volume', 'issue'].includes(before.label) && /:$/.test(before.text) ? 'pages' : 'locator';
    for (let at = index; at <= end; at++) result[at] = { ...result[at]!, label };
    index = end;
  }
  return result;
}

/**
 * A field does not start in the middle of a phrase: a run the model gave another label that
 * begins with a lower-case word straight after a name or title, no punctuation between
 * (`Science, Medicine, and History: Essays | on the Evolution of Scientific Thought`), goes on the
 * field before it. `in`, roles and part words do start fields (`_Title_ in _Book_`).
 */
export function withRunOnFields(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  for (let index = 1; index < result.length; index++) {
    const previous = result[index - 1]!;
    const token = result[index]!;
    if (!RUN_ON.has(token.label) || !RUN_ON.has(previous.label) || token.label === previous.label) continue;
    if (/[,.;:!?)\]"'”’»*_]$/.test(previous.raw) || token.url || previous.url || token.linkText !== previous.linkText) continue;
    if (token.italic !== previous.italic || token.quoted !== previous.quoted) continue;
    if (!/^\p{Ll}/u.test(token.text) || FIELD_OPENERS.has(wordKey(token.text))) continue;
    const label = token.label;
    for (let at = index; at < result.length && result[at]!.label === label; at++) result[at] = { ...result[at]!, label: previous.label };
  }
  return result;
}

const RUN_ON = new Set<Label>(['title', 'container-title', 'collection-title', 'publisher']);
const FIELD_OPENERS = new Set('in dans en im and et und y ed eds edited trans translated transl by hrsg hg vol vols no nr pp p s at from par sous'.split(' '));

/**
 * Japanese prose read as a name or a title (`レッスンの翻訳についてのブログポストは[こちらです](…)`,
 * “the blog post on the lesson's translation is [here]”): a script without capitals has no
 * lower-case word to give prose away, but a sentence's punctuation, a particle or a verb's ending
 * does. A run of a name or title with such a word in it is commentary (what is quoted, italic or
 * in 「」 stays), and a link all of whose words are prose is the work's address.
 */
export function withCjkProse(tokens: readonly LabelledToken[]): LabelledToken[] {
  const result = [...tokens];
  let index = 0;
  while (index < result.length) {
    const label = result[index]!.label;
    let end = index;
    while (end + 1 < result.length && result[end + 1]!.label === label) end++;
    if (PROSE_LABELS.has(label) && result.slice(index, end + 1).some(isCjkProse)) {
      for (let at = index; at <= end; at++) {
        const token = result[at]!;
        // A link's words with no prose in them name the work it links to (`参考になりました：[Title](…)`).
        const link = token.linkText ? result.filter((other) => other.link === token.link && other.linkText) : [];
        if (link.length > 0 && !link.some(isCjkProse)) continue;
        if (!token.quoted && !token.italic && !token.linkTarget && !(token.url && !token.linkText)) result[at] = { ...token, label: 'note' };
      }
      for (let at = index; at <= end; at++) {
        const token = result[at]!;
        if (!token.linkTarget) continue;
        const words = result.filter((other) => other.link === token.link && other.linkText);
        if (words.every((word) => word.label === 'note')) result[at] = { ...token, label: 'URL' };
      }
    }
    index = end + 1;
  }
  return result;
}

const PROSE_LABELS = new Set<Label>(['author', 'editor', 'translator', 'title', 'container-title', 'publisher']);

/** `…については、`, `…結果は`, `こちらです`, a lone `の`: Japanese that is a sentence, not a name or a title. */
function isCjkProse(token: LabelledToken): boolean {
  if (token.quoted || token.italic || !/\p{sc=Hiragana}/u.test(token.text)) return false;
  return /^\p{sc=Hiragana}$|[。、，！？]|(?:[はがをでも]|です|ます|ました|ください)[)）]*[：:]?$/u.test(token.text);
}

const TITLE_CASE_SMALL_WORDS = new Set(
  'a an the and or nor but of in on at to for by with from as into via vs de la le les du des et en un une und der die das von zu im y el los las del'.split(
    ' ',
  ),
);

/** A lower-case word of prose (not a title's small word like `of`), as typed: no quotes, italics or link. */
function isProseWord(token: LabelledToken): boolean {
  return isPlainWord(token) && /^\p{Ll}/u.test(token.text) && !TITLE_CASE_SMALL_WORDS.has(wordKey(token.text));
}

/** A word as typed in prose: no quotes, italics or link around it, and not an address. */
function isPlainWord(token: LabelledToken): boolean {
  return !token.quoted && !token.italic && !token.linkText && !token.url && /\p{L}/u.test(token.text);
}

/** Whether token `at` is still inside the quotation (or its bracketed translation) that opens at `from`. */
function withinQuote(tokens: readonly LabelledToken[], from: number, at: number): boolean {
  for (let index = from; index < at; index++) {
    const token = tokens[index]!;
    if (!token.quoted) return false;
    // A closed quote followed by anything but a bracketed translation ends it.
    if (/[’”»"'][.,;:]*$/.test(token.raw) && !/^\\?\[/.test(tokens[index + 1]?.raw ?? '')) return false;
  }
  return true;
}

const NAME_LABELS = new Set<Label>(['author', 'editor', 'translator']);

/**
 * The readings of a whole note that labels token by token miss, in the order they are applied:
 * each sees what the ones before it made. (parse-note.ts reads numbered documents and quoted
 * passages by their layout before these.)
 */
const TOKEN_RULES: readonly ((tokens: readonly LabelledToken[]) => LabelledToken[])[] = [
  withAddresses,
  withLinkTargets,
  withArchiveDates,
  withClosedDates,
  withPagesAfterFacts,
  withCjkProse,
  withQuotedTitles,
  withLinkedProse,
  withItalicContainers,
  withPlainPublishers,
  withEditedVolumes,
  withJournalNumbers,
  withVolumeWords,
  withNumbersNoTitle,
  withWholeNames,
  withRunOnFields,
  withSignals,
];

export function segmentsOf(text: string, labelled: readonly LabelledToken[]): Segment[] {
  const segments: Segment[] = [];
  let previous: LabelledToken | undefined;
  const read = TOKEN_RULES.reduce((tokens, rule) => rule(tokens), labelled);
  for (const token of read) {
    const last = segments.at(-1);
    // Two linked titles side by side (`[A](…), [B](…)`) are two works, even with one label; a
    // list of linked names is one list.
    const newLink = token.linkText && previous?.link !== undefined && previous.link !== token.link && !NAME_LABELS.has(token.label);
    // `_Lifehacker_. Gawker Media.`: an italic name and a plain one are two fields, whatever the label.
    const newStyle =
      (token.label === 'publisher' || token.label === 'container-title') &&
      previous !== undefined &&
      previous.italic !== token.italic &&
      /[.,;]$/.test(previous.text) &&
      !token.linkTarget;
    if (last && last.label === token.label && !newLink && !newStyle) {
      last.tokens.push(token);
      last.end = token.end;
    } else segments.push({ label: token.label, tokens: [token], start: token.start, end: token.end, text: '', confidence: 0, links: [] });
    previous = token;
  }
  withWorkAndPublisher(segments);
  for (const segment of segments) {
    const address = segment.label === 'URL' || segment.label === 'DOI';
    segment.text = address ? text.slice(segment.start, segment.end) : withoutLinkMarkup(text, segment);
    segment.links = segment.tokens.flatMap((token) => (token.linkTarget ? [urlOf(token.text)].filter((url): url is string => url !== undefined) : []));
    segment.confidence = segment.tokens.reduce((sum, token) => sum + token.confidence, 0) / segment.tokens.length;
  }
  return segments;
}

/**
 * An italic name next to a plain one with the same label (`_Clicky_. Roxr Software Ltd.`): the
 * italic one is the work (website, periodical), the plain one its publisher, as a reader of
 * Chicago, MLA or Wikipedia's references reads them.
 */
function withWorkAndPublisher(segments: Segment[]): void {
  for (let index = 0; index + 1 < segments.length; index++) {
    const segment = segments[index]!;
    const next = segments[index + 1]!;
    if (next.label !== segment.label || (segment.label !== 'publisher' && segment.label !== 'container-title')) continue;
    const italic = segment.tokens.filter((token) => !token.linkTarget).every((token) => token.italic);
    if (italic && !next.tokens.some((token) => token.italic)) {
      segment.label = 'container-title';
      next.label = 'publisher';
    } else {
      // Not the habit: one field after all.
      segment.tokens.push(...next.tokens);
      segment.end = next.end;
      segments.splice(index + 1, 1);
      index--;
    }
  }
}

/**
 * A segment's source text as a reader sees it: the Markdown of its links taken out
 * (`[Eich, Brendan](https://…); [David Hyatt](https://…)` → `Eich, Brendan; David Hyatt`).
 */
function withoutLinkMarkup(text: string, segment: Segment): string {
  const cuts = segment.tokens
    .filter((token) => token.linkTarget && token.link)
    .flatMap((target) => [
      [target.link!.start, target.link!.start + 1],
      // `](target)`, not the punctuation after it.
      [target.start - 1, target.link!.end],
    ])
    .filter(([from]) => from! >= segment.start)
    .sort((a, b) => a[0]! - b[0]!);
  let result = '';
  let at = segment.start;
  for (const [from, to] of cuts) {
    result += text.slice(at, from);
    at = to!;
  }
  return result + text.slice(at, segment.end);
}

/** Fields that start a citation, and fields a citation has only once. */
const HEADS = new Set<Label>(['author', 'title', 'URL', 'container-title', 'editor']);
const ONCE = new Set<Label>(['author', 'title', 'URL', 'DOI', 'container-title', 'publisher']);

export function groupCitations(segments: readonly Segment[]): CitationGroup[] {
  const groups: CitationGroup[] = [];
  let current: CitationGroup | undefined;
  let lead: Segment[] = [];
  let commentarySince = false;
  for (const segment of segments) {
    if (segment.label === 'note' || segment.label === 'signal') {
      if (segment.label === 'signal' || /\p{L}{2,}/u.test(segment.text)) {
        if (current) commentarySince = true;
        lead.push(segment);
      }
      continue;
    }
    const previousRaw = current?.fields.at(-1)?.tokens.at(-1)?.raw ?? '';
    const has = (label: Label) => current?.fields.some((field) => field.label === label) ?? false;
    const fresh =
      current === undefined ||
      ((HEADS.has(segment.label) || segment.label === 'genre') && /;[\])*_]*$/.test(previousRaw)) ||
      // After commentary, a name or title starts a citation; a first URL (`Available at:`) is still this one's.
      (commentarySince && (HEADS.has(segment.label) || segment.label === 'genre') && !(segment.label === 'URL' && !has('URL'))) ||
      (ONCE.has(segment.label) && has(segment.label) && !(segment.label === 'author' && !has('title') && !has('URL')));
    if (fresh) {
      current = { fields: [], lead, start: segment.start, end: segment.end };
      groups.push(current);
      lead = [];
      commentarySince = false;
    } else if (lead.length > 0) {
      // Commentary inside a citation (`Data Version 8.0.1.`) stays with it.
      lead = [];
    }
    current!.fields.push(segment);
    current!.end = segment.end;
  }
  return groups;
}

/** The fields that identify a work: the model's doubt about any of them is the citation's. */
const KEY_FIELDS = new Set<Label>(['author', 'editor', 'title', 'container-title', 'date', 'URL', 'DOI']);

/** Below this, a detail that does not identify the work (publisher, pages…) is left out of the item. */
export const FIELD_THRESHOLD = 0.6;

/**
 * A quoted sentence on its own after a citation (`[“Title”](…). Site. “Of course, this is not a
 * complete solution. …”`) is a passage quoted from the work, not another work's title.
 */
export function isQuotation(group: CitationGroup): boolean {
  // However the model cut the quotation into fields (`…such as TCP/IP, | HTTP, and HTML, would be…`).
  const tokens = group.fields.flatMap((field) => field.tokens);
  if (!group.fields.some((field) => field.label === 'title') || group.fields.some((field) => field.label === 'URL' || field.label === 'DOI')) return false;
  if (!tokens.every((token) => token.quoted || token.linkTarget)) return false;
  const words = tokens.filter((token) => /\p{L}/u.test(token.text));
  return words.length >= 15 || (words.length >= 10 && /[.!?]['"’”»]*[.,;]?$/.test(group.fields.at(-1)!.text.trim()));
}

/**
 * A bare number ending a citation of a work with no periodical (`Cooley, _Great Games_, 45.`) is
 * the page cited, whatever the model made of it (volume, issue or pages, and however unsure).
 */
function citedPassage(group: CitationGroup): Segment | undefined {
  const last = group.fields.at(-1);
  if (!last || (last.label !== 'volume' && last.label !== 'issue' && last.label !== 'pages')) return undefined;
  if (group.fields.some((field) => field.label === 'container-title' || (field !== last && (field.label === 'volume' || field.label === 'issue'))))
    return undefined;
  if (!group.fields.some((field) => field.label === 'title')) return undefined;
  return /^\(?\d+(?:\s*[–—-]\s*\d+)?\)?[.,;:]*$/.test(plain(last.text)) ? last : undefined;
}

/** A group of fields → a CSL item, with what an editor should check. */
export function buildCitation(group: CitationGroup, fieldThreshold = FIELD_THRESHOLD): BuiltCitation | undefined {
  if (isProse(group)) return undefined;
  const problems: string[] = [];
  const passage = citedPassage(group);
  const fields = trustedFields(group, passage, fieldThreshold, problems);
  const misread = misreadBookTitle(fields);
  if (misread) misread.label = 'title';
  const item: CslItemData = { type: 'document', ...contributorsOf(fields) };
  for (const name of unlikelyNames(item)) problems.push(`${UNLIKELY_NAME} “${name}”`);
  const titleField = firstField(fields, 'title');
  const titleGenre = titleField ? readTitleField(titleField, fields, item, problems) : undefined;
  // In this order: an item's keys keep the order they have always had in references.json.
  Object.assign(item, periodicalOf(fields, passage), publicationOf(fields), genreOf(fields, titleGenre), datesOf(fields), addressOf(fields, titleField));
  const passageCited = locatorOf(fields, passage, item);
  readItemType(item, group, titleField, firstField(fields, 'location') !== undefined);
  const locator = newspaperPage(item, passageCited);
  if (!item.title && !item.URL && !item['container-title'] && !item.author && !item.editor && item.type !== 'interview') return undefined;
  const shortForm = shortFormOf(item, group);
  const tokens = fields.flatMap((field) => field.tokens);
  return {
    item,
    ...(locator ? { locator } : {}),
    ...(shortForm ? { shortForm } : {}),
    sureness: fieldsSureness(group),
    penalty: penaltyOf(problems),
    problems,
    tokens,
  };
}

function firstField(fields: readonly Segment[], label: Label): Segment | undefined {
  return fields.find((field) => field.label === label);
}

/** Sets `key` unless `value` is empty: a field that cleans to nothing leaves the item as it was. */
function setPresent<K extends keyof CslItemData>(item: Partial<CslItemData>, key: K, value: CslItemData[K] | undefined | ''): void {
  if (value !== undefined && value !== '') item[key] = value as CslItemData[K];
}

/**
 * The fields the item is built from. A detail the model doubts is left out (and said so in
 * `problems`): a missing publisher is better than a wrong one.
 */
function trustedFields(group: CitationGroup, passage: Segment | undefined, fieldThreshold: number, problems: string[]): Segment[] {
  const doubted = group.fields.filter((field) => !KEY_FIELDS.has(field.label) && surenessOf(field) < fieldThreshold && field !== passage);
  for (const field of doubted) problems.push(`${field.label} “${plain(field.text)}” left out: uncertain (${field.confidence.toFixed(2)})`);
  // A publisher, place or periodical is a name: a lower-case word of prose (`thread.`) is none.
  const unnamed = group.fields.filter(
    (field) =>
      (field.label === 'publisher' || field.label === 'location' || field.label === 'container-title') &&
      !doubted.includes(field) &&
      !/\p{Lu}|\p{N}|\.\p{L}{2,}/u.test(plain(field.text)) &&
      // Scripts without capitals (Chinese, Arabic…) cannot say.
      !/\p{Lo}/u.test(field.text) &&
      !field.tokens.every((token) => token.italic || token.linkTarget),
  );
  for (const field of unnamed) problems.push(`${field.label} “${plain(field.text)}” left out: not a name`);
  doubted.push(...unnamed);
  return group.fields.filter((field) => !doubted.includes(field));
}

/**
 * A book's title read as a periodical's (`Ann Lee, _Another Book_ (Paris: Seuil, 2012)`): with a
 * publisher or place and nothing of a periodical's (volume, issue, pages, `In`), it is the title.
 */
function misreadBookTitle(fields: readonly Segment[]): Segment | undefined {
  const container = firstField(fields, 'container-title');
  const isBookTitle =
    !firstField(fields, 'title') &&
    (firstField(fields, 'publisher') || firstField(fields, 'location')) &&
    !['volume', 'issue', 'pages', 'editor'].some((label) => firstField(fields, label as Label)) &&
    !/^\s*[_*]*(?:in|dans|en|im)\b/i.test(container?.text ?? 'in');
  return isBookTitle ? container : undefined;
}

function contributorsOf(fields: readonly Segment[]): Pick<CslItemData, 'author' | 'editor' | 'translator'> {
  const names = (label: 'author' | 'editor' | 'translator'): CslName[] =>
    fields
      .filter((field) => field.label === label)
      .flatMap((field) => {
        const text = namesText(field);
        return text === undefined ? [] : parseNames(text).names;
      });
  const contributors: Pick<CslItemData, 'author' | 'editor' | 'translator'> = {};
  for (const role of ['author', 'editor', 'translator'] as const) {
    const people = names(role);
    if (people.length > 0) contributors[role] = people;
  }
  return contributors;
}

/** A URL's lead words (`Available at:`, `Available online from`) at the end of a title. */
const ADDRESS_LEAD = /^(.*?\S)\s+(?:available|accessible)(?:\s+online)?\s+(?:at|from|on)\s*:?$/i;

/**
 * Reads the title into `item`, with the people a role phrase names after it and the edition its
 * tail gives; returns the kind of work its tail names (`Ph.D. dissertation`), if any.
 */
function readTitleField(field: Segment, fields: readonly Segment[], item: CslItemData, problems: string[]): string | undefined {
  readTitle(field, item, problems);
  // `Kazakhstan Economic Update. Available at:` — the words that introduce the address, read into the title.
  const lead = item.title ? ADDRESS_LEAD.exec(item.title) : null;
  if (lead) item.title = trimPlain(lead[1]!);
  // `Au soleil couchant, traduit du coréen par Jean-Noël Juttet` read as one title.
  const role = item.title ? ROLE_PHRASE.exec(item.title) : null;
  if (role && !item['title-short']) {
    const people = parseNames(role[3]!).names;
    if (people.length > 0) {
      item.title = trimPlain(role[1]!);
      if (/^(?:ed|edited|hrsg|sous)/i.test(role[2]!)) item.editor = [...(item.editor ?? []), ...people];
      else item.translator = [...(item.translator ?? []), ...people];
    }
  }
  // `A Comparative Morphology. Ph.D. dissertation`, `Algeria: The Realities. 1st American ed.`,
  // `… 2 vols.`: what kind of work it is, its edition or extent, read into the title.
  const tail = item.title && !item['title-short'] ? TITLE_TAIL.exec(item.title) : null;
  if (!tail) return undefined;
  item.title = trimPlain(tail[1]!);
  if (tail[2]) return trimPlain(tail[2]);
  if (tail[3] && !firstField(fields, 'edition')) item.edition = editionOf(tail[3]);
  // A degree alone (`… Papaveraceae. Ph.D`): the model read `dissertation` as the genre.
  else if (tail[5]) return `${tail[5]}.`;
  return undefined;
}

/** A volume, issue or page range has a number in it (`huffingtonpost.com.` read as a volume is not one). */
function numbered(value: string | undefined): string | undefined {
  return value !== undefined && /\d|^[ivxlcdm]+$/i.test(value) ? value : undefined;
}

/** An issue: numbered, or a supplement, which may have none (`34 (Supplement C)`). */
function numberedIssue(value: string): string | undefined {
  return numbered(value) ?? (/^suppl(?:ement|\.)?\s+\S+$/i.test(value) ? value : undefined);
}

/** Where the work appeared: periodical or series, and its volume, issue and pages. */
function periodicalOf(fields: readonly Segment[], passage: Segment | undefined): Partial<CslItemData> {
  const item: Partial<CslItemData> = {};
  const container = firstField(fields, 'container-title');
  if (container) {
    const { title, volume, issue } = numberedContainer(containerTitle(container.text));
    setPresent(item, 'container-title', title);
    if (volume && !firstField(fields, 'volume')) setPresent(item, 'volume', volume);
    if (issue && !firstField(fields, 'issue')) setPresent(item, 'issue', issue);
  }
  const collection = firstField(fields, 'collection-title');
  if (collection) {
    // `Russie Nei Reports, No. 14`, `Archaeologica Venatoria, Band 10`, `Mercury Series Paper 3`.
    const series = /^(.*?\D)[,\s]+(?:(?:no\.?|nr\.?|number|#|band|bd\.?|vol\.?|volume|heft)\s*)?(\d[\w-]*)$/i.exec(trimField(collection.text));
    if (series) {
      setPresent(item, 'collection-title', trimField(series[1]!));
      setPresent(item, 'number', series[2]!);
    } else setPresent(item, 'collection-title', trimField(collection.text));
  }
  const volume = firstField(fields, 'volume');
  if (volume && volume !== passage) {
    const parts = volumeOf(volume.text);
    setPresent(item, 'volume', numbered(parts.volume));
    setPresent(item, 'issue', numbered(parts.issue));
  }
  const issue = firstField(fields, 'issue');
  if (issue && issue !== passage) setPresent(item, 'issue', numberedIssue(issueOf(issue.text)));
  const pages = firstField(fields, 'pages');
  if (pages && pages !== passage) setPresent(item, 'page', numbered(pagesOf(pages.text)));
  return item;
}

/** Edition, publisher and place. */
function publicationOf(fields: readonly Segment[]): Partial<CslItemData> {
  const item: Partial<CslItemData> = {};
  const edition = firstField(fields, 'edition');
  if (edition) setPresent(item, 'edition', editionOf(edition.text));
  const publisher = firstField(fields, 'publisher');
  if (publisher) setPresent(item, 'publisher', publisherName(publisher.text));
  const location = firstField(fields, 'location');
  if (location) {
    // `Birkhäuser, Basel`: with no publisher of its own, a name before a known place is the publisher.
    const parts = /^([^,\d]+),\s*([^,\d]+)$/u.exec(trimField(location.text));
    const isPlace = (text: string) => text.split(/\s+/).every((word) => PLACES.has(wordKey(word)));
    // After a country or a state the first part is a city (`Osh, Kyrgyzstan`, `Ithaca, NY`).
    const region = parts && (/^\p{Lu}{2,3}$/u.test(parts[2]!.trim()) || COUNTRIES.test(parts[2]!.trim()));
    if (parts && !region && !publisher && isPlace(parts[2]!) && !isPlace(parts[1]!) && /^\p{Lu}/u.test(parts[1]!)) {
      setPresent(item, 'publisher', parts[1]!.trim());
      setPresent(item, 'publisher-place', parts[2]!.trim());
    } else setPresent(item, 'publisher-place', trimField(location.text));
  }
  return item;
}

/** `in: SAGE Publishing (Hrsg.),`, the body that issues a periodical as German notes write it: the body's name. */
function publisherName(text: string): string {
  const issuer = ISSUER.exec(plain(text));
  return issuer ? trimPlain(issuer[1]!) : trimField(text);
}

const ISSUER = new RegExp(String.raw`^(?:(?:in|im):?\s+)?(.*?)\s*${EDITOR_ROLE}[,.;:]*$`, 'i');

/** The genre field, with the kind of work the title's tail named (`Ph.D. dissertation`) before it. */
function genreOf(fields: readonly Segment[], titleGenre: string | undefined): Partial<CslItemData> {
  const item: Partial<CslItemData> = {};
  const genre = firstField(fields, 'genre');
  if (genre) readGenre(trimField(genre.text), item);
  if (titleGenre) item.genre = item.genre && !/dissertation|thesis/i.test(titleGenre) ? `${titleGenre} ${item.genre}` : titleGenre;
  return item;
}

/** When the work was issued (the first date field that reads as one) and accessed. */
function datesOf(fields: readonly Segment[]): Partial<CslItemData> {
  const item: Partial<CslItemData> = {};
  const issued = fields
    .filter((field) => field.label === 'date')
    .map((field) => dateOf(field.text))
    .find((value) => value !== undefined);
  if (issued) item.issued = issued;
  const accessed = firstField(fields, 'accessed');
  const accessedValue = accessed ? dateOf(accessed.text) : undefined;
  if (accessedValue) item.accessed = accessedValue;
  return item;
}

/**
 * The work's URL and DOI. With no address of its own, a citation's address is its title's link
 * (`["Title"](url)`). An address written as a link (`[www.example.org](http://www.example.org/)`)
 * is the link's target, not its text.
 */
function addressOf(fields: readonly Segment[], titleField: Segment | undefined): Partial<CslItemData> {
  const item: Partial<CslItemData> = {};
  const url = firstField(fields, 'URL');
  const doiField = firstField(fields, 'DOI');
  const urlValue = url ? (url.links[0] ?? urlOf(url.text)) : titleField?.links[0];
  const doi = (doiField ? doiOf(doiField.text) : undefined) ?? (urlValue && /doi\.org\//i.test(urlValue) ? doiOf(urlValue) : undefined);
  if (urlValue) item.URL = urlValue;
  else if (doiField && /https?:\/\//.test(doiField.text)) setPresent(item, 'URL', urlOf(doiField.text));
  if (doi) item.DOI = doi;
  return item;
}

/**
 * The passage cited. A page field can hold it (then `item.page` keeps only the article's pages,
 * or, for a book, loses the page that was the passage).
 */
function locatorOf(fields: readonly Segment[], passage: Segment | undefined, item: CslItemData): string | undefined {
  const locatorField = passage ?? firstField(fields, 'locator');
  let locator = locatorField ? normaliseLocator(locatorField.text) : undefined;
  const pages = firstField(fields, 'pages');
  // MHRA: `34–49 (p. 36)`, the article's pages, then the page cited (the model may read both as either).
  const pagesAndPassage = pages ?? (locatorField && locatorField !== passage ? locatorField : undefined);
  const pageAndPassage = pagesAndPassage ? /^(?:pp?\.\s*)?(.*?\d)\s*\((pp?\.\s*[^)]+)\)[.,;]*$/.exec(plain(pagesAndPassage.text)) : null;
  if (pageAndPassage) {
    item.page = pageAndPassage[1]!;
    locator = pages ? (locator ?? normaliseLocator(pageAndPassage[2]!)) : normaliseLocator(pageAndPassage[2]!);
  }
  // A note's bare page after a book's publication facts is the passage cited, not the book's extent.
  if (pages && !firstField(fields, 'container-title') && !locator && !/\bpp?\.?\s*\d+\s*pp\b/i.test(pages.text)) {
    locator = normaliseLocator(pages.text);
    delete item.page;
  }
  return locator;
}

/**
 * The passage cited, but for a newspaper's single page (`_The Economist_, 5 May 2020, p. 5.`),
 * which says where the article is: its `page`, whichever of the two the model read it as.
 */
function newspaperPage(item: CslItemData, locator: string | undefined): string | undefined {
  const page = locator && !item.page ? /^(?:p\.\s*)?([A-Z]?\d+[A-Z]?)$/.exec(locator) : null;
  if (item.type !== 'article-newspaper' || !page) return locator;
  item.page = page[1]!;
  return undefined;
}

/** Sets the item's type; an interview's or a speech's place is the event's, not a publisher's. */
function readItemType(item: CslItemData, group: CitationGroup, titleField: Segment | undefined, hasLocation: boolean): void {
  item.type = itemType(item, group, titleField);
  if (hasLocation && (item.type === 'interview' || (item.type === 'speech' && item['event-title']))) {
    item['event-place'] = item['publisher-place']!;
    delete item['publisher-place'];
  }
}

/** The model's sureness of the least certain field that identifies the work (all fields if none does). */
function fieldsSureness(group: CitationGroup): number {
  const key = group.fields.filter((field) => KEY_FIELDS.has(field.label));
  return Math.min(...(key.length > 0 ? key : group.fields).map(surenessOf));
}

/** What the item's problems say of it whatever the model's sureness: an unclosed quote lowers it, a name no person has halves it. */
function penaltyOf(problems: readonly string[]): number {
  const unclosed = problems.some((problem) => problem.startsWith('unclosed'));
  const unlikely = problems.some((problem) => problem.startsWith(UNLIKELY_NAME));
  return (unclosed ? 0.8 : 1) * (unlikely ? 0.5 : 1);
}

const UNLIKELY_NAME = 'no person’s name:';

/**
 * People's names read into parts that no person's name has (`(Oxford)` as a family name, a year
 * or a page in a given name): words of another field run into a name. An organisation, kept whole
 * (`literal`), may have brackets and numbers.
 */
function unlikelyNames(item: CslItemData): string[] {
  const people = [...(item.author ?? []), ...(item.editor ?? []), ...(item.translator ?? [])];
  return people.flatMap((person) => {
    if (!('family' in person)) return [];
    const parts = [person.given, person.family].filter((part): part is string => part !== undefined);
    return parts.some((part) => /[()[\]{}<>:;=\d]/.test(part)) ? [parts.join(' ')] : [];
  });
}

/**
 * How sure the model is of a field. Of a periodical's or site's name it doubts only against the
 * issuer's (`“The Rise and Fall…”, CNN, 4 December 2018`: the news site or the organisation, both
 * written plain), and of a page it doubts only between the article's pages and the page cited,
 * its doubt that the words are that kind of fact counts, not which of the two fields holds them.
 */
function surenessOf(field: Segment): number {
  return SURE_OF_KIND.has(field.label) ? kinConfidence(field) : field.confidence;
}

const SURE_OF_KIND = new Set<Label>(['container-title', 'pages', 'locator']);

/** A field's confidence counting its kin's (`LabelledToken.kinConfidence`): that the words are this kind of fact. */
function kinConfidence(field: Segment): number {
  return field.tokens.reduce((sum, token) => sum + Math.max(token.confidence, token.kinConfidence ?? 0), 0) / field.tokens.length;
}

/**
 * A periodical's name with its number glued on (`eLife 6`, `Daedalus 111`, `Versorgerin #121
 * März`): the number is the volume (or, after `#`/`No.`, the issue); a month name is the date's.
 */
export function numberedContainer(text: string): { title: string; volume?: string; issue?: string } {
  let title = text;
  let volume: string | undefined;
  let issue: string | undefined;
  for (let round = 0; round < 3; round++) {
    const words = title.split(/\s+/);
    if (words.length < 2) break;
    const last = words.at(-1)!.replace(/[.,;:]+$/, '');
    const rest = words
      .slice(0, -1)
      .join(' ')
      .replace(/[,;:]+$/, '');
    if (MONTHS.has(wordKey(last))) title = rest;
    else if (/^(?:#|no\.?|nr\.?)\d+$/i.test(last) && !issue) {
      issue = last.replace(/^\D+/, '');
      title = rest;
    } else if (/^\d{1,4}$/.test(last) && !(Number(last) >= 1400 && Number(last) <= 2099) && !volume && !issue) {
      volume = last;
      title = rest;
    } else break;
  }
  return { title, ...(volume ? { volume } : {}), ...(issue ? { issue } : {}) };
}

/** A title's last sentence that says what kind of work it is (2), its edition (3), or how many volumes (4). */
const TITLE_TAIL =
  /^(.*?\S)(?:[.,]\s+((?:unpublished\s+)?(?:Ph\.?\s?D\.?|M\.?A\.?|M\.?Sc?\.?|doctoral|master['’]s|bachelor['’]s)\s+(?:dissertation|thesis)|(?:doctoral\s+)?(?:dissertation|thesis))|[.,]\s+((?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|revised|rev\.|new|enlarged|expanded|american|british|english|paperback|\s)+(?:ed\.?|edn\.?|edition))|[.,]\s+(\d+\s+vols?\.?)|\.\s+(Ph\.\s?D|M\.A))\.?$/iu;

const COUNTRIES =
  /^(?:uk|usa|us|u\.s\.a?\.?|england|scotland|wales|ireland|germany|france|italy|spain|china|japan|india|russia|canada|australia|netherlands|switzerland|austria|belgium|sweden|norway|denmark|kazakhstan|kyrgyzstan|uzbekistan|tajikistan|turkmenistan|pakistan|iran|turkey|mongolia|israel|egypt|brazil|mexico)$/i;

/** A role and the people in it, after a title (`…, traduit du coréen par Jean-Noël Juttet`). */
const ROLE_PHRASE =
  /^(.*\S)[,.;]?\s+(traduit(?:e|s|es)?\s+(?:de\s+l['’]|de|du|des)\s*\S+\s+par|translated(?:\s+from\s+(?:the\s+)?\S+)?\s+by|trans\.(?:\s+by)?|übersetzt\s+von|aus\s+dem\s+\S+\s+(?:übersetzt\s+)?von|edited\s+by|ed\.\s+by|hrsg\.\s+von|sous\s+la\s+direction\s+de)\s+(\p{Lu}.+?)[.,]?$/u;

/** Words a list of names can hold besides names: a lower-case word of prose (`sang`, `you're`) says it is not one. */
const NAME_GLUE =
  /^(?:and|und|et|y|e|a|&|of|the|to|for|on|at|des|für|pour|para|per|al\.?|others|eds?\.?|editors?|edited|by|trans\.?|translated|van|von|de|der|den|del|della|di|da|du|la|le|ten|ter|bin|ibn|al|el|dos|das|zu|in:?|comp\.?|hrsg\.?|hg\.?|dir\.?|éds?\.?|coord\.?|tr\.)[,.;:]*$/;

function isNameWord(token: LabelledToken): boolean {
  // A lower-case web name (`qdcaijing.com`) is a name too.
  // A role in brackets after the names (`Floss (ed.)`) is one too.
  const role = token.text.replace(/^\((.*)\)([,.;:]*)$/, '$1$2');
  return !/^\p{Ll}/u.test(token.text.replace(/^[^\p{L}]+/u, '')) || NAME_GLUE.test(role) || /\.\p{L}{2,}/u.test(token.text);
}

/**
 * The names of a contributor field, or none when it reads as prose. A name then prose the model
 * ran into it (`Paul Simon sang`, `Dave Titus with assistance from Andrew Wong`) keeps the name:
 * two capitalised words at least, up to the first word of prose.
 */
function namesText(field: Segment): string | undefined {
  const prose = field.tokens.findIndex((token) => !isNameWord(token));
  if (prose < 0) return field.text;
  const lead = field.tokens.slice(0, prose);
  // A person's name has no number (`Section 37 du Comité national` is an organisation's, prose or not).
  if (lead.filter((token) => /^\p{Lu}/u.test(token.text)).length < 2 || lead.some((token) => token.linkText || token.url || /\p{N}/u.test(token.text)))
    return undefined;
  if (/[,;:]$/.test(lead.at(-1)!.text) && !NAME_GLUE.test(field.tokens[prose]!.text)) return undefined;
  // After a list's last comma the words run on into the prose (`UN Security Council, United
  // Nations sanctions list`): the list ends at that comma.
  const comma = lead.findLastIndex((token) => /[,;]$/.test(token.text));
  const last = comma >= 0 ? lead[comma]! : lead.at(-1)!;
  return field.text.slice(0, last.end - field.start);
}

/**
 * A run of plain words read as a title, with nothing else but a name or a date: prose (a note's
 * commentary), not a citation. A title a reader can see as one (quoted, italic, a link) stays.
 */
function isProse(group: CitationGroup): boolean {
  const labels = new Set(group.fields.map((field) => field.label));
  const title = group.fields.find((field) => field.label === 'title');
  if (!title || [...labels].some((label) => !['title', 'author', 'date', 'note', 'signal'].includes(label))) return false;
  const formatted = title.tokens.some((token) => token.quoted || token.italic || token.linkText);
  // A bare run of words alone (`Dogs are usually not red`) is no citation; beside a name, a long one is prose.
  return !formatted && (labels.size === 1 ? title.tokens.length >= 3 : title.tokens.length >= 8);
}

/** `‘Original’ [‘Translation’]` → the title with its translation in brackets, and the original alone as the short title. */
function readTitle(field: Segment, item: CslItemData, problems: string[]): void {
  const text = plain(field.text);
  const translated = /^(.*?)[,.]?\s*\[(.+)\][.,;:]*$/.exec(text);
  const original = trimPlain(translated ? translated[1]! : text);
  const translation = translated ? trimPlain(translated[2]!) : undefined;
  if (/^[‘“«"]/.test(text) && !/[’”»"][\s.,;:)\]]*$/.test(text) && !translation) problems.push(`unclosed quotation mark in the title: ${text}`);
  if (original === '') return;
  if (translation) {
    item.title = `${original} [${translation}]`;
    item['title-short'] = original;
    item.custom = { 'translated-title': translation };
  } else item.title = original;
  const language = titleLanguage(original, translation !== undefined);
  if (language) item.language = language;
}

function readGenre(text: string, item: Partial<CslItemData>): void {
  const speech = /^(speech|lecture|address|talk|keynote)\s+(?:given|delivered|held)?\s*(?:at|to|before)\s+(.+)$/i.exec(text);
  if (speech) {
    item.genre = speech[1]!;
    item['event-title'] = trimField(speech[2]!);
    return;
  }
  const numbered = /^(.*\D)\s+(?:no\.?\s*)?(\d[\w.-]*)$/i.exec(text);
  if (numbered && !/\b(?:version|v)\b/i.test(numbered[1]!)) {
    item.genre = trimField(numbered[1]!);
    item.number = numbered[2]!;
    return;
  }
  item.genre = text;
}

function itemType(item: CslItemData, group: CitationGroup, title: Segment | undefined): CslItemType {
  const genre = (item.genre ?? '').toLowerCase();
  const container = item['container-title'];
  const all = group.fields.map((field) => field.text).join(' ');
  if (/interview/.test(genre)) {
    if (/\bauthor\b/.test(genre)) item.interviewer = [{ literal: 'the author' }];
    return 'interview';
  }
  if (/thesis|dissertation|diss\.|phd|doctoral|master/.test(genre)) return 'thesis';
  if (/speech|lecture|address|keynote|talk/.test(genre)) return 'speech';
  if (/package|software|library/.test(genre)) return 'software';
  if (/report|paper|brief|memo|pep|rfc/.test(genre)) return 'report';
  if (container) {
    const proceedings = /proceedings|conference|symposium|workshop|congress|colloquium|\bproc\b/i.test(container);
    if (item.editor || /^\s*(?:in|dans|en|im)\b/i.test(firstField(group.fields, 'container-title')?.text ?? ''))
      return proceedings ? 'paper-conference' : 'chapter';
    if (proceedings) return 'paper-conference';
    if (/\bblog\b/i.test(all)) return 'post-weblog';
    if (isNewsOutlet(container)) return 'article-newspaper';
    if (item.volume || item.issue || item.page || item.DOI || looksLikeJournal(container)) return 'article-journal';
    if ((item.issued?.['date-parts'][0].length ?? 0) === 3) return 'article-newspaper';
    if (item.URL) return 'webpage';
    return 'article-journal';
  }
  if (item['collection-title'] && item.number) return 'report';
  // `["Title"](url). Publisher.`: a page a body puts on the web (a quoted title names a part, not a book).
  const linkedQuote = title?.tokens.some((token) => token.linkText) && title.tokens.every((token) => token.quoted || token.linkTarget);
  if (item.publisher && item.URL && linkedQuote && !item['publisher-place'] && !item.edition) return 'webpage';
  if (item.publisher || item['publisher-place'] || item.edition) return 'book';
  const author = item.author?.[0];
  if (author && 'literal' in author && isNewsOutlet(author.literal)) return 'article-newspaper';
  if (item.URL) return /\bblog\b/i.test(all) || group.fields.some((field) => field.tokens.some((token) => token.linkText)) ? 'post-weblog' : 'webpage';
  if (title?.tokens.every((token) => token.italic)) return 'book';
  if (author && 'literal' in author && isOrganisationName(author.literal)) return 'document';
  return title && /^[_*]/.test(title.text) ? 'book' : 'document';
}

/** Only a name and a title (or a name and a year): a short form of an earlier citation. */
function shortFormOf(item: CslItemData, group: CitationGroup): ShortForm | undefined {
  const facts: (keyof CslItemData)[] = [
    'URL',
    'DOI',
    'container-title',
    'collection-title',
    'publisher',
    'publisher-place',
    'volume',
    'issue',
    'page',
    'edition',
    'editor',
    'genre',
    'accessed',
  ];
  if (facts.some((key) => item[key] !== undefined)) return undefined;
  const authorText = group.fields.find((field) => field.label === 'author');
  const author = authorText ? trimField(authorText.text).replace(/[’']s$/, '') : undefined;
  if (item.title && !item.issued) return { ...(author ? { author } : {}), title: item['title-short'] ?? item.title };
  if (!item.title && author && item.issued) return { author, year: String(item.issued['date-parts'][0][0]) };
  return undefined;
}
