import type { BibliographyItem, CslJsonItem } from '../core/citations.ts';
import { addToBibliography, shortFormMatches } from './bibliography.ts';
import { CONFIDENCE_THRESHOLD, type ParsedCitation, type ParsedNote, parseNote } from './parse-note.ts';
import type { SourceNote } from './source-notes.ts';

/** What became of a note: its parse, the keys it now cites, and its new text (if rewritten). */
export interface NoteResolution {
  chapter: string;
  note: SourceNote;
  parsed: ParsedNote;
  keys: string[];
  rewritten: string | undefined;
  problem: string | undefined;
}

function citationMarkup(key: string, citation: { locator?: string | undefined } | undefined): string {
  const locator = citation?.locator?.trim();
  return locator ? `[@${key}, ${locator}]` : `[@${key}]`;
}

/**
 * Resolves a chapter's notes against the shared bibliography (adding new works to `items`) and
 * rewrites each note that cites something to cite by key: `[^25]: [@sco2017promotes]; author
 * interview …`. Short forms and Ibid. resolve to the work they repeat, “note N” to that note's
 * works. Notes already citing by key and pure commentary are left alone.
 */
export function citeChapterNotes(chapter: string, notes: readonly SourceNote[], items: BibliographyItem[]): NoteResolution[] {
  const keysByNote = new Map<string, string[]>();
  const citedHere: BibliographyItem[] = [];
  const resolutions: NoteResolution[] = [];
  let previousKeys: string[] = [];
  for (const note of notes) {
    const parsed = parseNote(note.text);
    const resolution: NoteResolution = { chapter, note, parsed, keys: [], rewritten: undefined, problem: undefined };
    resolutions.push(resolution);
    if (/\[[^\]]*@[\w]/.test(note.text)) {
      resolution.keys = [...note.text.matchAll(/@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu)].map((match) => match[1] ?? '');
    } else if (parsed.kind === 'citation' || parsed.kind === 'citations' || parsed.kind === 'discursive') {
      const replacements: { start: number; end: number; text: string }[] = [];
      for (const citation of parsed.citations) {
        // A citation the model is unsure of stays as typed: a wrong item is worse than none.
        if (citation.confidence < CONFIDENCE_THRESHOLD) continue;
        // “Author interview with …, 2019” is an unpublished personal communication: Chicago keeps
        // it in the note's own words and out of the bibliography, so it stays as text.
        if (isUnpublishedInterview(citation) || isBareUrl(citation)) continue;
        const item = addToBibliography(items, citation.item as Omit<CslJsonItem, 'id'>, { chapter, note: note.label, text: note.text });
        if (!citedHere.includes(item)) citedHere.push(item);
        resolution.keys.push(item.id);
        replacements.push({ ...citation.source, text: citationMarkup(item.id, citation) });
      }
      if (replacements.length > 0) resolution.rewritten = splice(note.text, replacements);
    } else if (parsed.kind === 'short' && parsed.shortForm) {
      const shortForm = parsed.shortForm;
      const match = [...citedHere].reverse().find((item) => shortFormMatches(shortForm, item)) ?? items.find((item) => shortFormMatches(shortForm, item));
      const citation = parsed.citations[0];
      if (!match && citation && citation.confidence >= CONFIDENCE_THRESHOLD && shortForm.title && citation.item.author) {
        // A name and a title met first here (`Plutarch, _Life of Pericles_`): the work, as the note gives it.
        const item = addToBibliography(items, citation.item as Omit<CslJsonItem, 'id'>, { chapter, note: note.label, text: note.text });
        if (!citedHere.includes(item)) citedHere.push(item);
        resolution.keys = [item.id];
        resolution.rewritten = splice(note.text, [{ ...citation.source, text: citationMarkup(item.id, citation) }]);
      } else if (match) {
        resolution.keys = [match.id];
        resolution.rewritten = citation
          ? splice(note.text, [{ ...citation.source, text: citationMarkup(match.id, citation) }])
          : citationMarkup(match.id, undefined);
      } else resolution.problem = `short form “${[shortForm.author, shortForm.title].filter(Boolean).join(', ')}” matches no earlier citation`;
    } else if (parsed.kind === 'ibid') {
      if (previousKeys.length > 0) {
        resolution.keys = [...previousKeys];
        // `Ibid. Phidias was supposed…`: the commentary after the Ibid. stays.
        const rest = parsed.end === undefined ? '' : note.text.slice(parsed.end);
        resolution.rewritten = previousKeys.map((key) => citationMarkup(key, { locator: parsed.locator })).join('; ') + rest;
      } else resolution.problem = 'Ibid. with no earlier citation';
    } else if (parsed.kind === 'cross-reference' && parsed.crossReference !== undefined) {
      const target = keysByNote.get(String(parsed.crossReference));
      if (target && target.length > 0) {
        resolution.keys = [...target];
        resolution.rewritten = target.map((key) => `[@${key}]`).join('; ');
      } else resolution.problem = `refers to note ${parsed.crossReference}, which cites nothing that could be parsed`;
    }
    if (resolution.keys.length > 0) {
      keysByNote.set(note.label, resolution.keys);
      previousKeys = resolution.keys;
    }
  }
  return resolutions;
}

/** A URL with neither author nor title (`Data from <http://finance.yahoo.com>`) reads better as typed. */
function isBareUrl(citation: ParsedCitation): boolean {
  const item = citation.item as { title?: unknown; author?: unknown[]; 'container-title'?: unknown };
  return !item.title && !(item.author && item.author.length > 0) && !item['container-title'];
}

function isUnpublishedInterview(citation: ParsedCitation): boolean {
  const item = citation.item as { type?: string; title?: unknown; URL?: unknown; 'container-title'?: unknown };
  return item.type === 'interview' && !item.title && !item.URL && !item['container-title'];
}

/** Replaces spans of `text` (non-overlapping offsets), last first so earlier offsets stay valid. */
function splice(text: string, replacements: readonly { start: number; end: number; text: string }[]): string {
  let result = text;
  for (const replacement of [...replacements].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, replacement.start) + replacement.text + result.slice(replacement.end);
  }
  return result;
}

/** Applies the rewritten notes to the chapter file's text. */
export function applyNoteRewrites(source: string, resolutions: readonly NoteResolution[]): string {
  return splice(
    source,
    resolutions.flatMap((resolution) =>
      resolution.rewritten === undefined ? [] : [{ start: resolution.note.start, end: resolution.note.end, text: resolution.rewritten }],
    ),
  );
}
