import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { citeBook } from '../../../src/cite/cite-book.ts';
import type { BibliographyItem } from '../../../src/core/citations.ts';
import type { Book, Chapter } from '../../../src/core/types.ts';
import { loadCiteStyle } from '../../../src/io/cite-style.ts';
import { parseChapter } from '../../../src/load/chapter.ts';
import { parseCitationText } from '../../../src/load/citation-syntax.ts';
import { chapterBodyToHast, chapterFileLink } from '../../../src/render/common.ts';
import { repoRoot } from '../../helpers/project.ts';

const references: BibliographyItem[] = [
  {
    id: 'sco2017promotes',
    type: 'webpage',
    author: [{ literal: 'Shanghai Cooperation Organisation (SCO)' }],
    title: 'SCO Promotes Transport Links',
    issued: { 'date-parts': [[2017, 7]] },
    URL: 'http://eng.sectsco.org/news/20170707/294.html',
  },
  {
    id: 'erokhin2019comparative',
    type: 'report',
    author: [{ family: 'Erokhin', given: 'Dmitry' }],
    title: 'Comparative Analysis of Digital Development',
    publisher: 'OSCE Academy',
    issued: { 'date-parts': [[2019]] },
  },
];

const chapterText = `---
title: A chapter
authors: [A. Writer]
---

One.[^1] Two.[^2] Three.[^3] Four.[^4] Five.[^5]

[^1]: [@sco2017promotes]; author interview with logistics experts in Osh, 2019.
[^2]: [@sco2017promotes]
[^3]: [see @erokhin2019comparative, p. 12]
[^4]: [@sco2017promotes]
[^5]: [@nosuchkey]
`;

async function notesIn(
  style: string,
  placement: 'book' | 'chapters' = 'book',
  items: BibliographyItem[] = references,
  { language = 'en-GB', text = chapterText } = {},
): Promise<{ notes: string[]; bibliography: string; chapterBibliography: string; file: VFile }> {
  const file = new VFile({ path: 'chapters/a.md', value: text });
  const parsed = parseChapter(file);
  assert.ok(parsed);
  const chapter: Chapter = { slug: 'a', path: 'chapters/a.md', number: 1, ...parsed };
  const config = { language, style: `styles/csl/${style}.csl`, bibliography: placement } as Book['config'];
  const book: Book = { config, slug: 'b', parts: [{ title: undefined, chapters: [chapter] }], chapters: [chapter], references: items };
  const cited = citeBook(book, await loadCiteStyle(repoRoot, config), new Map([[file.path, file]]));
  const html = toHtml(chapterBodyToHast(cited.chapters[0] as Chapter, { idPrefix: '', notesHeading: 'Notes', chapterLink: chapterFileLink('html') }));
  const notes = [...html.matchAll(/<li id="fn-\d+">([\s\S]*?)<\/li>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/↩/g, '')
      .trim(),
  );
  const chapterBibliography = toHtml({ type: 'root', children: cited.chapters[0]?.bibliography?.entries ?? [] });
  return { notes, bibliography: toHtml({ type: 'root', children: cited.bibliography?.entries ?? [] }), chapterBibliography, file };
}

describe('rendering citations through citeproc', () => {
  it('a cited work the style leaves out of the bibliography is reported at its first citation', async () => {
    // Chicago (CMOS 18) lists a document only when it says where to find it; the note still cites it.
    const asDocument = references.map((item) => (item.id === 'erokhin2019comparative' ? { ...item, type: 'document' as const, publisher: undefined } : item));
    const { notes, bibliography, file } = await notesIn('chicago-notes-bibliography', 'book', asDocument);
    assert.match(notes[2] ?? '', /Comparative Analysis of Digital Development/);
    assert.doesNotMatch(bibliography, /Erokhin/);
    const leftOut = file.messages.filter((message) => message.ruleId === 'cite-left-out');
    assert.deepEqual(
      leftOut.map((message) => [message.line, message.reason.slice(0, 24)]),
      [[10, '@erokhin2019comparative ']],
    );
    const { file: asReport } = await notesIn('chicago-notes-bibliography');
    assert.equal(asReport.messages.filter((message) => message.ruleId === 'cite-left-out').length, 0);
  });

  it('Chicago notes: full first note, short later notes, prefix and locator kept', async () => {
    const { notes, bibliography, file } = await notesIn('chicago-notes-bibliography');
    assert.equal(
      notes[0],
      'Shanghai Cooperation Organisation (SCO), ‘SCO Promotes Transport Links’, July 2017, http://eng.sectsco.org/news/20170707/294.html; author interview with logistics experts in Osh, 2019.',
    );
    assert.equal(notes[1], 'Shanghai Cooperation Organisation (SCO), ‘SCO Promotes Transport Links’.');
    assert.match(notes[2] ?? '', /^See Dmitry Erokhin, Comparative Analysis of Digital Development \(OSCE Academy, 2019\), 12\.$/);
    assert.equal(notes[3], 'Shanghai Cooperation Organisation (SCO), ‘SCO Promotes Transport Links’.');
    assert.equal(notes[4], '[@nosuchkey]');
    const unresolved = file.messages.find((message) => message.ruleId === 'cite-unresolved');
    assert.equal(unresolved?.line, 12);
    assert.match(bibliography, /Erokhin, Dmitry\. <i>Comparative Analysis of Digital Development<\/i>\. OSCE Academy, 2019\./);
  });

  it('American quotation: the full stop after a citation that ends with one inside quotation marks goes, once', async () => {
    const text = chapterText
      .replace('[^2]: [@sco2017promotes]', '[^2]: [@sco2017promotes].')
      .replace('[^4]: [@sco2017promotes]', '[^4]: [@sco2017promotes]; and more.');
    const american = await notesIn('chicago-notes-bibliography', 'book', references, { language: 'en-US', text });
    assert.equal(american.notes[1], 'Shanghai Cooperation Organisation (SCO), “SCO Promotes Transport Links.”');
    assert.equal(american.notes[3], 'Shanghai Cooperation Organisation (SCO), “SCO Promotes Transport Links”; and more.');
    const british = await notesIn('chicago-notes-bibliography', 'book', references, { text });
    assert.equal(british.notes[1], 'Shanghai Cooperation Organisation (SCO), ‘SCO Promotes Transport Links’.');
  });

  it('a citation in the running text: a note of its own under Chicago notes; the same chapter cited again in APA is in the text', async () => {
    const file = new VFile({ path: 'chapters/a.md', value: '---\ntitle: A\n---\n\nAs the report says [see @erokhin2019comparative, p. 12].\n' });
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const chapter: Chapter = { slug: 'a', path: 'chapters/a.md', number: 1, ...parsed };
    const citedIn = async (style: string) => {
      const config = { language: 'en-GB', style: `styles/csl/${style}.csl`, bibliography: 'book' } as Book['config'];
      const book: Book = { config, slug: 'b', parts: [{ title: undefined, chapters: [chapter] }], chapters: [chapter], references };
      const cited = citeBook(book, await loadCiteStyle(repoRoot, config), new Map([[file.path, file]]));
      return toHtml(chapterBodyToHast(cited.chapters[0] as Chapter, { idPrefix: '', notesHeading: 'Notes', chapterLink: chapterFileLink('html') }))
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    };
    assert.match(
      await citedIn('chicago-notes-bibliography'),
      /^As the report says\.1 Notes See Dmitry Erokhin, Comparative Analysis of Digital Development \(OSCE Academy, 2019\), 12\. ↩$/,
    );
    assert.equal(await citedIn('apa'), 'As the report says (see Erokhin, 2019, p. 12).');
    assert.match(await citedIn('chicago-notes-bibliography'), /^As the report says\.1 Notes See Dmitry Erokhin/);
  });

  it('Chicago with subsequent Ibid.: an immediate repeat is Ibid.', async () => {
    const { notes } = await notesIn('chicago-notes-bibliography-subsequent-ibid');
    assert.equal(notes[1], 'Ibid.');
    assert.match(notes[3] ?? '', /^Shanghai Cooperation Organisation \(SCO\), ‘SCO Promotes Transport Links’\.$/);
  });

  it('APA: author-date citations and an APA reference list', async () => {
    const { notes, bibliography } = await notesIn('apa');
    assert.equal(notes[1], '(Shanghai Cooperation Organisation (SCO), 2017)');
    assert.equal(notes[2], '(see Erokhin, 2019, p. 12)');
    assert.match(bibliography, /Erokhin, D\. \(2019\)\. <i>Comparative Analysis of Digital Development<\/i>\. OSCE Academy\./);
  });

  it("citeproc's hast is held without places in its HTML: the citations and the reference list, all through a build", async () => {
    const file = new VFile({ path: 'chapters/a.md', value: chapterText });
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const chapter: Chapter = { slug: 'a', path: 'chapters/a.md', number: 1, ...parsed };
    const config = { language: 'en-GB', style: 'styles/csl/chicago-notes-bibliography.csl', bibliography: 'book' } as Book['config'];
    const book: Book = { config, slug: 'b', parts: [{ title: undefined, chapters: [chapter] }], chapters: [chapter], references };
    const cited = citeBook(book, await loadCiteStyle(repoRoot, config), new Map([[file.path, file]]));
    const held: unknown[] = [...(cited.bibliography?.entries ?? [])];
    visit(chapter.tree, 'citation', (node) => {
      held.push(...((node.data as { hChildren?: unknown[] } | undefined)?.hChildren ?? []));
    });
    assert.ok(held.length > 4, 'citations and entries rendered');
    const placed = held.filter(function hasPlace(node): boolean {
      const { position, children } = node as { position?: unknown; children?: unknown[] };
      return position !== undefined || (children ?? []).some(hasPlace);
    });
    assert.deepEqual(placed, []);
  });
});

describe('bibliography placement', () => {
  it('per chapter: each chapter gets its own list and the book none', async () => {
    const { bibliography, chapterBibliography } = await notesIn('chicago-notes-bibliography', 'chapters');
    assert.equal(bibliography, '');
    assert.match(chapterBibliography, /Erokhin, Dmitry\./);
    assert.match(chapterBibliography, /Shanghai Cooperation Organisation \(SCO\)\./);
  });
});

describe('positions restart with each chapter', () => {
  it('the first citation of a work in a new chapter is a full note again', async () => {
    const first = await notesIn('chicago-notes-bibliography');
    const second = await notesIn('chicago-notes-bibliography');
    assert.equal(second.notes[0], first.notes[0]);
    assert.match(second.notes[0] ?? '', /July 2017/);
  });
});

describe('Pandoc citation syntax', () => {
  it('parses prefixes, locators, suffixes, several keys and suppressed authors', () => {
    assert.deepEqual(parseCitationText('@a'), [{ key: 'a' }]);
    assert.deepEqual(parseCitationText('see @smith2010, pp. 33–35 and passim; -@jones2011, chap. 2'), [
      { key: 'smith2010', prefix: 'see', label: 'page', locator: '33–35', suffix: 'and passim' },
      { key: 'jones2011', suppressAuthor: true, label: 'chapter', locator: '2' },
    ]);
    assert.equal(parseCitationText('no key here'), undefined);
  });

  it('reads a number with no term as a page, as Pandoc does, and `--` in a range as an en dash', () => {
    assert.deepEqual(parseCitationText('@raw2019, 4'), [{ key: 'raw2019', label: 'page', locator: '4' }]);
    assert.deepEqual(parseCitationText('@sigfridsson, 377--380'), [{ key: 'sigfridsson', label: 'page', locator: '377–380' }]);
    assert.deepEqual(parseCitationText('@a, 33, emphasis added'), [{ key: 'a', label: 'page', locator: '33', suffix: ', emphasis added' }]);
    // Decimals, times and a note on a page are one locator; words, an edition, a decade are a suffix as written.
    assert.deepEqual(parseCitationText('@a, 4.2; @b, 10:30; @c, 45n12; @d, sec. 4.2'), [
      { key: 'a', label: 'page', locator: '4.2' },
      { key: 'b', label: 'page', locator: '10:30' },
      { key: 'c', label: 'page', locator: '45n12' },
      { key: 'd', label: 'section', locator: '4.2' },
    ]);
    assert.deepEqual(parseCitationText('@a, and passim; @b, 3rd ed.; @c, 1984 edition; @d, 1990s'), [
      { key: 'a', suffix: 'and passim' },
      { key: 'b', suffix: '3rd ed.' },
      { key: 'c', suffix: '1984 edition' },
      { key: 'd', suffix: '1990s' },
    ]);
  });
});
