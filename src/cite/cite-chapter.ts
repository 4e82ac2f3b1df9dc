import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { chapterFileId } from '../core/chapter-id.ts';
import type { BibliographyItem } from '../core/citations.ts';
import { report } from '../core/rules.ts';
import { parseChapter } from '../load/chapter.ts';
import type { Citation } from '../load/citation-syntax.ts';
import { applyNoteRewrites, citeChapterNotes, type NoteResolution } from './cite-notes.ts';
import { CONFIDENCE_THRESHOLD } from './parse-note.ts';
import { notesOf } from './source-notes.ts';

export interface CitedChapterFile {
  path: string;
  file: VFile;
  /** The chapter's text with notes citing by key; equal to the input when nothing changed. */
  text: string;
  resolutions: NoteResolution[];
}

/** Resolves and rewrites the notes of one chapter's Markdown text (pure apart from `items`). */
export function citeChapterText(chapterPath: string, text: string, items: BibliographyItem[], projectDir = ''): CitedChapterFile {
  const file = new VFile({ path: chapterPath, cwd: projectDir, value: text });
  const parsed = parseChapter(file);
  if (!parsed) return { path: chapterPath, file, text, resolutions: [] };
  const slug = chapterFileId(chapterPath);
  const resolutions = citeChapterNotes(slug, notesOf(parsed.tree, text), items);
  for (const resolution of resolutions) {
    const place = { line: resolution.note.line, column: 1 };
    if (resolution.problem) report(file, 'cite-unresolved-reference', `note ${resolution.note.label}: ${resolution.problem}`, place);
    if (resolution.parsed.failure) report(file, 'cite-unparsed', `note ${resolution.note.label}: ${resolution.parsed.failure}`, place);
    // Each uncertain citation once, as cite-unparsed: below the threshold it was left as typed.
    const uncertain = resolution.parsed.citations.filter((citation) => citation.confidence < CONFIDENCE_THRESHOLD || citation.problems.length > 0);
    for (const citation of uncertain) {
      const left =
        citation.confidence < CONFIDENCE_THRESHOLD
          ? `model confidence ${citation.confidence.toFixed(2)}: left as typed, see its labels on the review page`
          : '';
      report(file, 'cite-unparsed', `note ${resolution.note.label}: uncertain parse (${[left, ...citation.problems].filter(Boolean).join('; ')})`, place);
    }
  }
  return { path: chapterPath, file, text: applyNoteRewrites(text, resolutions), resolutions };
}

/**
 * The chapter's bracketed citations (`[@key]`) of keys `known` does not hold, each reported at its
 * place as `import-citation-unknown`: the build would stop on them (`cite-unresolved`). An in-text
 * `@word` is left out: it is a citation only when the bibliography has the key (`bare-keys.ts`).
 */
export function reportUnknownCitations(chapterPath: string, text: string, known: ReadonlySet<string>, projectDir = ''): VFile {
  const file = new VFile({ path: chapterPath, cwd: projectDir, value: text });
  const parsed = parseChapter(file);
  file.messages = [];
  if (!parsed) return file;
  visit(parsed.tree, 'citation', (node: Citation) => {
    if (node.mode) return;
    const place = node.position?.start;
    for (const { key } of node.items)
      if (!known.has(key))
        report(
          file,
          'import-citation-unknown',
          `${node.value} cites @${key}, which neither bibliography/ nor the post's own bibliography holds: the build stops on it until its work is in bibliography/`,
          place ? { line: place.line, column: place.column } : undefined,
        );
  });
  return file;
}
