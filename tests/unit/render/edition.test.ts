import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import type { BookChanges, EditionContext } from '../../../src/core/editions.ts';
import type { Book, Chapter } from '../../../src/core/types.ts';
import { editionHistoryLine, editionNoteLines, redirectTargets, summaryPhrase } from '../../../src/render/edition.ts';
import { frontMatter } from '../../../src/render/pdf/front-matter.ts';

function chapter(slug: string, number: number, title: string, authors: string[] = []): Chapter {
  return { slug, number, path: `chapters/${slug}.md`, meta: { title, authors } } as unknown as Chapter;
}

const chapters = [chapter('old', 1, 'An Old Essay'), chapter('fresh', 2, 'A Fresh Essay', ['Ann Author', 'Bo Writer'])];

function changes(extra: Partial<BookChanges> = {}): BookChanges {
  return {
    since: 1,
    sinceDate: '2026-01-01',
    chapters: { added: ['fresh'], removed: [], revised: ['old'], moved: [], retitled: [] },
    bibliography: { added: ['k1', 'k2'], removed: [], changed: [] },
    metadata: [],
    revisions: [
      {
        id: 'old',
        title: 'An Old Essay',
        wordsAdded: 1,
        wordsRemoved: 1,
        notes: { added: [], removed: [], changed: [] },
        frontMatter: false,
        corrections: ['A date is corrected.'],
      },
    ],
    removedChapters: [],
    ...extra,
  };
}

function book(edition: EditionContext | undefined, number = 2): Book {
  return {
    config: { title: 'B', language: 'en-GB', edition: { number, date: '2027-03-01' } },
    chapters,
    parts: [{ title: undefined, chapters }],
    ...(edition ? { edition } : {}),
  } as unknown as Book;
}

const history = [{ edition: 1, date: '2026-01-01', identifier: 'urn:uuid:x', summary: null }];

describe('the edition in the book', () => {
  it('the copyright page says when each edition came and what it did', () => {
    assert.equal(
      editionHistoryLine(book({ history, changes: changes(), note: [], formerIds: {}, formerPages: [] })),
      'First published 2026. Second edition 2027, with one new chapter and one revised.',
    );
    assert.equal(editionHistoryLine(book(undefined, 1)), undefined, 'a first edition has no history to tell');
    assert.equal(summaryPhrase({ added: 2, removed: 1, revised: 0 }), ', with two new chapters and one removed');
    assert.equal(summaryPhrase({ added: 0, removed: 0, revised: 3 }), ', with three chapters revised');
  });

  it('the note names the new chapter and its authors, the revised one, the new works, the corrections and release notes', () => {
    const html = toHtml({
      type: 'root',
      children: editionNoteLines(
        book({ history, changes: changes(), note: ['Two essays join the book.', 'old: a misprinted name is put right.'], formerIds: {}, formerPages: [] }),
      ),
    });
    assert.match(html, /Two essays join the book\./);
    assert.match(html, /This second edition adds one chapter: “A Fresh Essay” \(chapter 2\), by Ann Author and Bo Writer\./);
    assert.match(html, /One chapter was revised since the first edition: “An Old Essay” \(chapter 1\)\./);
    assert.match(html, /The bibliography has two new works\./);
    assert.match(html, /Chapter 1, “An Old Essay”: A date is corrected\./);
    assert.match(html, /Chapter 1, “An Old Essay”: a misprinted name is put right\./);
    assert.doesNotMatch(html, /<p[^>]*>old: /, 'a note naming a chapter is an erratum, not a paragraph');
    assert.deepEqual(editionNoteLines(book(undefined, 1)), []);
  });

  it('every address of an earlier site this one lacks gets a page that leads on', () => {
    const edition: EditionContext = {
      history,
      changes: changes(),
      note: [],
      formerIds: { old: ['first-name'] },
      formerPages: [
        { href: 'first-name.html', chapter: { id: 'first-name', title: 'An Old Essay' }, edition: 1 },
        { href: 'gone.html', chapter: { id: 'gone', title: 'A Removed Essay' }, edition: 1 },
        { href: 'acknowledgements.html', edition: 1 },
        { href: 'index.html', edition: 1 },
      ],
    };
    const pages = new Set(['index.html', 'old.html', 'fresh.html', 'edition.html']);
    assert.deepEqual(
      redirectTargets(book(edition), pages, (id) => `${id}.html`),
      [
        { from: 'acknowledgements.html', to: 'index.html', title: 'Contents' },
        { from: 'first-name.html', to: 'old.html', title: 'An Old Essay' },
        { from: 'gone.html', to: 'edition.html', title: 'A Removed Essay (edition 1)' },
      ],
    );
  });

  it('no redirect page where a page of the site is, whatever its case (one file on macOS and Windows)', () => {
    const edition: EditionContext = {
      history,
      changes: changes(),
      note: [],
      formerIds: {},
      formerPages: [{ href: 'My-Essay.html', chapter: { id: 'my-essay', title: 'An Essay' }, edition: 1 }],
    };
    assert.deepEqual(
      redirectTargets(book(edition), new Set(['index.html', 'my-essay.html']), (id) => `${id}.html`),
      [],
    );
  });

  it('the printed front matter carries the history on its copyright page and the note on this edition', () => {
    const edited = book({ history, changes: changes(), note: [], formerIds: {}, formerPages: [] });
    const config = { ...edited.config, style: 'styles/csl/apa.csl', publisher: 'P', identifier: 'urn:uuid:x', editors: ['E'] };
    const printed = toHtml({ type: 'root', children: frontMatter({ ...edited, config } as Book, []) });
    const copyright = /<section class="copyright-page"[\s\S]*?<\/section>/.exec(printed)?.[0] ?? '';
    assert.match(copyright, /First published 2026\. Second edition 2027, with one new chapter and one revised\./);
    assert.match(printed, /<section[^>]*id="edition-note"[\s\S]*“A Fresh Essay” \(chapter 2\), by Ann Author and Bo Writer/);
  });
});
