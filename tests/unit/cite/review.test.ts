import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { applyNoteRewrites, citeChapterNotes } from '../../../src/cite/cite-notes.ts';
import { CONFIDENCE_THRESHOLD, parseNote } from '../../../src/cite/parse-note.ts';
import { renderCiteReview } from '../../../src/cite/review.ts';
import { notesOf } from '../../../src/cite/source-notes.ts';
import type { BibliographyItem } from '../../../src/core/citations.ts';
import type { Book } from '../../../src/core/types.ts';
import { parseChapter } from '../../../src/load/chapter.ts';

// A note the model reads with confidence, and a garbled citation it is unsure of. (The converged
// model reads the earlier jumble, `“Rules” local: 45; 2012 (Oxford) ‘games’`, as commentary.)
const sure = 'Alexander Cooley, _Great Games, Local Rules_ (New York: Oxford University Press, 2012), 45.';
const unsure = 'Cooley A (Oxford) “Great games” local rules, 2012: 45';

function bookWith(notes: string[]): Book {
  const source = `---\ntitle: A chapter\n---\n\n${notes.map((_, index) => `Text.[^${index + 1}]`).join(' ')}\n\n${notes.map((note, index) => `[^${index + 1}]: ${note}`).join('\n')}\n`;
  const items: BibliographyItem[] = [];
  const chapterNotes = notesOf(parseChapter(new VFile({ path: 'chapters/a.md', value: source }))!.tree, source);
  const rewritten = applyNoteRewrites(source, citeChapterNotes('a', chapterNotes, items));
  const parsed = parseChapter(new VFile({ path: 'chapters/a.md', value: rewritten }))!;
  const chapter = { slug: 'a', path: 'chapters/a.md', number: 1, ...parsed };
  return {
    config: { title: 'Book' } as Book['config'],
    slug: 'book',
    parts: [{ title: undefined, chapters: [chapter] }],
    chapters: [chapter],
    references: items,
  };
}

describe('the cite review page', () => {
  it('cites a confident note; a citation it is unsure of stays as typed, flagged with the note’s labels', () => {
    assert.ok(parseNote(sure).confidence >= CONFIDENCE_THRESHOLD, 'the first note is read with confidence');
    assert.ok(parseNote(unsure).confidence < CONFIDENCE_THRESHOLD, 'the second note has a citation the model doubts');
    const book = bookWith([sure, unsure]);
    assert.ok(book.references.some((item) => item.title === 'Great Games, Local Rules'));
    assert.ok(!book.references.some((item) => typeof item.title === 'string' && item.title.includes('games')), 'the doubted citation made no item');
    const { html } = renderCiteReview(book);
    // The unsure note's tokens are shown with their labels and probabilities; the sure note's are not.
    assert.match(html, /<span class="l-[a-zA-Z-]+[^"]*" title="[a-zA-Z-]+ \d\.\d\d">\(Oxford\)<sub>[a-zA-Z-]+<\/sub><\/span>/);
    assert.match(html, /the model is unsure of a citation: left as typed/);
    assert.match(html, /@cooley2012great/);
    assert.doesNotMatch(html, />Cooley,<sub>/);
  });
});
