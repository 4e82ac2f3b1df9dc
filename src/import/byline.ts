import { type DateOptions, findAmbiguousDate, findDate } from '../core/dates.ts';
import { asName, hasRole, isOrganisationName, splitNames } from './text.ts';

/** Where one element of a page ended and the next began: a name never runs across it (`Jane Doe` + `Staff Writer`). */
export const elementBoundary = '\u2063';

export interface Byline {
  /** Who wrote the piece, in byline order. */
  authors: string[];
  /** Who edited it (`Edited by …`): never authors. */
  editors: string[];
  /** The first day the byline gives, front-matter form. */
  date: string | undefined;
  /** A numeric date the byline gives whose day and month could be swapped. */
  ambiguousDate: string | undefined;
  /** Whether the text says who did what (`By`, `Posted by`, `Edited by`, `Autor:` …). */
  cued: boolean;
  /** What followed the names and was read as whom they write for, not as a writer (`AP National Security Writers`, `Associated Press`): for the caller to report. */
  dropped?: string[];
}

export interface BylineOptions extends DateOptions {
  /** Read names only after a cue: for blocks that hold more than the byline (`Posted in News on … by …`). */
  requireCue?: boolean;
  /** Accept an account handle the page shows as the byline (`by janus`); never `admin` and the like. */
  handles?: boolean;
}

type Role = 'author' | 'editor' | 'other';

const cueSources: [Role, string][] = [
  // Contributors who are not authors: their names end the author's list and are not kept.
  [
    'other',
    String.raw`(?:translated|illustrated|photographed|photos?|photography|pictures|images?|illustrations?|graphics|video|design(?:ed)?|research(?:ed)?|fact[- ]checked|reviewed|medically reviewed|narrated|read|produced|additional reporting|with reporting|reporting contributed)\s+by|(?:translations?|photos?|illustrations?|images?|credits?)\s*:|traduit par|traduction\s*:|übersetzt von|übersetzung\s*:|traducido por|tradotto da|traduzido por|перевод\s*:|vertaald door|foto\s*:|翻訳者?\s*[:：]?|訳\s*[:：]|イラスト\s*[:：]?|写真\s*[:：]?`,
  ],
  [
    'editor',
    String.raw`(?:edited|copy-?edited|reviewed and edited|editing)\s+by|editors?\s*:|édité par|sous la direction de|herausgegeben von|redigiert von|editado por|a cura di|под редакцией|redactie\s*:`,
  ],
  [
    'author',
    String.raw`(?:(?:a\s+)?(?:guest\s+)?(?:written|posted|published|authored|words|story|text|reporting|report|article|essay|post|column|entry|interview|commentary|analysis|op-ed)\s+)?by|(?:authors?|auteurs?|autor(?:in|a|es|en)?|autore|автор(?:ы)?)(?:\s*[:：]|(?=[ \t]*\n))|written\s*:|texte?\s*:|écrit par|geschrieben von|escrito por|scritto da|geschreven door|eingestellt von|gepostet von|verfasst von|publié par|posté par|publicado por|postado por|pubblicato da|postato da|geplaatst door|gepost door|opublikowane przez|napisane przez|^\s*(?:par|von|por|di|door|de)(?=\s|[:：])|著者\s*[:：]?|作者\s*[:：]?|筆者\s*[:：]?|文\s*[:：●]`,
  ],
];
const cuePattern = new RegExp(cueSources.map(([role, source]) => `(?<${role}>(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}]))`).join('|'), 'giu');

// Where the names of a cue end: a date, a separator, `on`/`in`/`at` (`by Jane Doe on June 3 in News`; in lower
// case only: `Le Guin`, `In-Sook`), an update line.
const namesEndSources = [
  // `à`, `às`, `alle`, `om`: Blogger's `Publié par X à 10:00`, `Postado por X às 10:00`, `Pubblicato da X alle 10:00`, `Geplaatst door X om 10:00`.
  String.raw`\s+(?:[Oo]n|[Ii]n|[Aa]t|for|from|via|am|le|el|il|op|um|в|the|à|às|alle|om)\s+`,
  String.raw`\s*[|·•]\s*`,
  String.raw`\s+[–—-]\s+`,
  // `Written by X / Edited by Y`, not `u/benyacobi`.
  String.raw`\s+/\s*|\s*/\s+`,
  // A byline ends with its line (`Eingestellt von X` above the share buttons), unless the next goes on with the list (`By Jane Doe<br>and John Roe`).
  String.raw`\n(?!\s*(?:(?:and|und|et|en|и)\s|[&,]))|\s{3,}`,
  // A post's labels, tags or categories after its byline (`Labels: Anne, Interview, News`) are never names.
  String.raw`(?<![\p{L}\p{N}])(?:[Ll]abels?|[Tt]ags?|[Cc]ategor(?:y|ies)|[Ff]iled under|[Ss]chlagw(?:ö|oe)rter|[Kk]ategorien?|[Ll]ibellés|[ÉéEe]tiquettes|[Ee]tiquetas|[Cc]ategorías?|[Cc]ategorie)\s*[:：]`,
  String.raw`\d`,
];
const updateWords = String.raw`\s*(?:updated|published|posted|last modified|modified|aktualisiert|veröffentlicht|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|обновлено)(?![\p{L}\p{N}])`;
const namesEnd = new RegExp(namesEndSources.join('|'), 'u');
const updateLine = new RegExp(updateWords, 'iu');

/** Where the names at the start of `text` end, if they do before its end. */
function endOfNames(text: string): number | undefined {
  const ends = [namesEnd.exec(text)?.index, updateLine.exec(text)?.index].filter((index): index is number => index !== undefined);
  return ends.length > 0 ? Math.min(...ends) : undefined;
}

/**
 * Reads a byline as a reader does: `By Jane Doe and John Roe · 3 March 2020`, `Posted on March 3,
 * 2020 by Jane Doe in News`, `Written by X / Edited by Y` (Y edited), `Jane Doe, Staff Writer`.
 * Names are checked (`admin`, handles and job titles are not names); what follows a translator's
 * or photographer's cue is nobody's authorship.
 */
export function readByline(text: string, options: BylineOptions = {}): Byline {
  const value = text.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim();
  const found = findDate(value, options);
  const byline: Byline = {
    authors: [],
    editors: [],
    date: found?.iso,
    ambiguousDate: found ? undefined : findAmbiguousDate(value, options),
    cued: false,
    dropped: [],
  };
  const cues = [...value.matchAll(cuePattern)];
  // `By clicking “Subscribe” you agree to our TOS and Privacy Policy.`: a form's fine print, no byline;
  // a byline before it (`By Jane Doe. By continuing to read…`) is read up to it.
  const instruction = cues.find((cue) => isInstruction(cue, value));
  if (instruction) {
    const before = value.slice(0, instruction.index).trim();
    return before && /\p{L}/u.test(before) ? { ...readByline(before, options), date: byline.date, ambiguousDate: byline.ambiguousDate } : byline;
  }
  if (cues.length === 0) {
    if (!options.requireCue) byline.authors = namesIn(firstChunk(value), options.handles === true, byline.dropped);
    return byline;
  }
  byline.cued = true;
  cues.forEach((cue, index) => {
    const role: Role = cue.groups?.author !== undefined ? 'author' : cue.groups?.editor !== undefined ? 'editor' : 'other';
    const segment = value.slice(cue.index + cue[0].length, cues[index + 1]?.index ?? value.length);
    if (role === 'other') return;
    const list = role === 'author' ? byline.authors : byline.editors;
    for (const name of namesIn(segment, options.handles === true, role === 'author' ? byline.dropped : undefined)) if (!list.includes(name)) list.push(name);
  });
  return byline;
}

/** `By clicking`, `by continuing to use this site`, `By signing up`: `by` and a verb (in lower case: `By Sterling Hayden` is a byline). */
function isInstruction(cue: RegExpMatchArray, value: string): boolean {
  return /by$/i.test(cue[0]) && /^\s*:?\s*\p{Ll}+ing(?!\p{L})/u.test(value.slice((cue.index ?? 0) + cue[0].length));
}

/** The text up to where names end; for a byline that starts with its date (`3 March 2020 · Jane Doe`), the first part with letters. */
function firstChunk(text: string): string {
  const date = findDate(text);
  const parts = (date ? `${text.slice(0, date.start)}\n${text.slice(date.end)}` : text).split(namesEnd).flatMap((part) => part.split(updateLine));
  return parts.find((part) => /\p{L}/u.test(part.replaceAll(elementBoundary, ''))) ?? '';
}

/** The names at the start of `segment`: up to where they end, split into a list, each checked; what is left out as an affiliation goes to `dropped`. */
function namesIn(segment: string, handles: boolean, dropped: string[] = []): string[] {
  const date = findDate(segment);
  let text = withoutAside((date ? segment.slice(0, date.start) : segment).replace(/^[\s:,\u2063]+/, ''));
  const end = endOfNames(text);
  if (end !== undefined) text = text.slice(0, end);
  const names: string[] = [];
  let afterRole = false;
  const list = text.replace(/^[\s:,\u2063]+|[\s:,\u2063]+$/g, '');
  const items = splitNames(list);
  items.forEach((item, index) => {
    // Two elements with nothing between them (`Jane Doe` `Twitter`): the name is the first that is one.
    const parts = item.split(elementBoundary);
    if (parts.every((part) => isAgencyDesk(part) || part.trim() === '')) {
      if (names.length > 0) dropped.push(item.trim());
      return;
    }
    const name = parts.map((part) => asName(withoutDesk(part), { handles })).find((candidate) => candidate !== undefined);
    const closing = index === items.length - 1 && /,[^,]*$/.test(list) && list.slice(list.lastIndexOf(',') + 1).trim() === item.trim();
    if (name && names.length > 0 && isAffiliation(name, afterRole || closing)) dropped.push(name);
    else if (name && !names.includes(name)) names.push(name);
    afterRole = parts.some(hasRole);
  });
  return names;
}

/** A news agency's initials, which open its desk's title (`AP National Security Writer`, `AFP Correspondent`, `dpa-Korrespondent`). */
const agencies = 'AP|AFP|UPI|dpa|DPA|EFE|ANSA|PTI|IANS|ANI|CP|AAP|APA|KNA|epd|SDA|ATS|TASS|ANP|Belga|Kyodo|Yonhap|Xinhua';
const title = '(?:Staff\\s+)?(?:Writer|Correspondent|Editor|Reporter|Photographer|Columnist|Korrespondent(?:in)?)(?:s|en|innen)?';
/** `AP National Security Writers`, `AFP Correspondent`: the agency's initials, up to four words of desk, a title (one or many). */
const agencyDesk = new RegExp(`^\\s*(?:${agencies})(?:[\\s-]+[\\p{L}&-]+){0,4}?[\\s-]+${title}\\s*$`, 'u');
/** The same run into the name before it (`BARBARA ORTUTAY AP Technology Writers`), or a staff title (`ALAN FRAM Staff Writer`, `JANE DOE Staff Writers`). */
const trailingDesk = new RegExp(
  `\\s+(?:(?:${agencies})(?:\\s+[\\p{L}&-]+){0,4}?\\s+${title}|(?:Staff|Senior|Contributing)\\s+(?:Writer|Correspondent|Editor|Reporter)s?)\\s*$`,
  'u',
);

function isAgencyDesk(part: string): boolean {
  return agencyDesk.test(part.replace(/^[\s:,\u2063]+/, ''));
}

function withoutDesk(part: string): string {
  const stripped = part.replace(trailingDesk, '');
  return stripped.trim().split(/\s+/).length >= 2 ? stripped : part;
}

/**
 * What follows the names in a byline and says whom they write for, not who wrote: an employer after
 * a job title (`Jane Doe, Staff Writer, The Daily Post`) or a newsroom closing the list (`By MEG
 * KINNARD and ERRIN HAINES, Associated Press`). An agency's desk and title (`AP National Security
 * Writer`) is taken out before (isAgencyDesk, withoutDesk).
 */
function isAffiliation(name: string, afterRoleOrClosing: boolean): boolean {
  // Only after a title or as the list's last comma part: `By Jane Doe and Emily Post` names two people.
  return afterRoleOrClosing && isOrganisationName(name);
}

/** `(avec Damien Leloup et Morgane Tual)`, `(with John Roe)`: writers credited beside the first. */
const withCue = /^(?:with|avec|mit|con|com|met|insieme a|junto a|samen met)\s+/i;

/**
 * A byline's parenthesis: co-writers (`Martin Untersinger (avec Damien Leloup et Morgane Tual)`, Le
 * Monde) join the list; anything else (`Jane Doe (Reuters)`, `(Staff)`) is no part of a name.
 */
function withoutAside(text: string): string {
  const aside = /\s*\(([^()]*)(?:\)|$)/.exec(text);
  if (!aside) return text;
  const inner = (aside[1] ?? '').trim();
  const cue = withCue.exec(inner);
  return `${text.slice(0, aside.index)}${cue ? `, ${inner.slice(cue[0].length)}` : ''}${text.slice(aside.index + aside[0].length)}`;
}

/** `By Jane Doe and John Roe · 3 March 2020` → the authors' names. */
export function namesFromByline(text: string): string[] {
  return readByline(text).authors;
}
