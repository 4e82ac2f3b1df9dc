import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import type { BibliographyItem } from '../../../src/cite/bibliography.ts';
import { applyNoteRewrites, citeChapterNotes, notesOf } from '../../../src/cite/cite-notes.ts';
import { CONFIDENCE_THRESHOLD, parseNote } from '../../../src/cite/parse-note.ts';
import { renderCiteReview } from '../../../src/cite/review.ts';
import { parseChapter } from '../../../src/core/chapter.ts';
import type { Book } from '../../../src/core/types.ts';

// A note the model reads with confidence, and one that quotes a title in prose: nothing cited, flagged.
const sure = 'Alexander Cooley, _Great Games, Local Rules_ (New York: Oxford University Press, 2012), 45.';
const unsure = 'As Cooley argues in ‘Great Games’ the rules were local, 2012';

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
  it('cites a confident note; a note it cannot read is flagged with its labels', () => {
    assert.ok(parseNote(sure).confidence >= CONFIDENCE_THRESHOLD, 'the first note is read with confidence');
    const book = bookWith([sure, unsure]);
    assert.equal(book.references.length, 1, 'only the confident note became an item');
    const { html, summary } = renderCiteReview(book);
    assert.match(summary[0]!, /^2 notes, 1 works cited/);
    // The unsure note's tokens are shown with their labels.
    assert.match(html, /<span class="l-[a-zA-Z-]+[^"]*" title="[a-zA-Z-]+ \d\.\d\d">argues<sub>[a-zA-Z-]+<\/sub><\/span>/);
    // The cited note shows its item, not labels.
    assert.match(html, /@cooley2012great/);
    assert.doesNotMatch(html, /Cooley,<sub>/);
  });
});
