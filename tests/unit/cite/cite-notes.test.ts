import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { exportBibliography, parseBibliographyText } from '../../../src/adapters/citation-js.ts';
import { baseCitationKey, normaliseUrl, sameWork } from '../../../src/cite/bibliography.ts';
import { citeChapterText } from '../../../src/cite/cite-chapter.ts';
import { CONFIDENCE_THRESHOLD } from '../../../src/cite/parse-note.ts';
import type { BibliographyItem, CslJsonItem } from '../../../src/core/citations.ts';
import { pieceToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { seedPath } from '../../helpers/project.ts';

function importedSeed(): { slug: string; markdown: string }[] {
  const file = new VFile({ path: 'sources/seed.txt', value: readFileSync(seedPath, 'utf8') });
  return importSource(file, { defaultAuthor: 'Raffaello Pantucci' }).chapters.map((chapter) => ({
    slug: chapter.slug,
    markdown: pieceToMarkdown(chapter.piece),
  }));
}

const chapters = importedSeed();
const essay = chapters[0];
assert.ok(essay);
const items: BibliographyItem[] = [];
const cited = citeChapterText(`chapters/${essay.slug}.md`, essay.markdown, items);
const keysOf = (label: number) => cited.resolutions.find((resolution) => resolution.note.label === String(label))?.keys ?? [];

describe('the seed essay’s notes as citations', () => {
  it('repeated sources resolve to one item: 41/45, 25/26, 39/57, 53/58, 55/59, 74/77; 71 points to 41', () => {
    for (const [a, b] of [
      [41, 45],
      [25, 26],
      [39, 57],
      [53, 58],
      [55, 59],
      [74, 77],
      [41, 71],
    ] as const) {
      assert.ok(keysOf(a).length > 0, `note ${a} cites something`);
      assert.deepEqual(keysOf(b), keysOf(a), `notes ${a} and ${b}`);
    }
  });

  it('at least 85 of the 89 notes cite a work (34 is commentary, 37 an unpublished interview, 60 and 87 point to websites)', () => {
    const citing = cited.resolutions.filter((resolution) => resolution.keys.length > 0).map((resolution) => resolution.note.label);
    assert.equal(cited.resolutions.length, 89);
    assert.ok(
      citing.length >= 85,
      `${citing.length} notes cite a work; not: ${cited.resolutions
        .filter((r) => r.keys.length === 0)
        .map((r) => r.note.label)
        .join(', ')}`,
    );
  });

  it('notes 24, 38 and 69 yield 2, 3 and 2 items; commentary yields none', () => {
    assert.equal(keysOf(24).length, 2);
    assert.equal(keysOf(38).length, 3);
    assert.equal(keysOf(69).length, 2);
    assert.deepEqual(keysOf(34), []);
    assert.deepEqual(keysOf(37), [], 'an unpublished author interview stays in the note’s words');
  });

  it('every item has an author or organisation and a title (or a URL), and keeps its note as provenance', () => {
    for (const item of items) {
      assert.ok(Array.isArray(item.author) && item.author.length > 0 ? true : typeof item.URL === 'string', `${item.id} has an author or a URL`);
      assert.ok(typeof item.title === 'string' || typeof item.URL === 'string', `${item.id} has a title or a URL`);
      assert.ok((item.custom?.provenance?.length ?? 0) > 0, `${item.id} keeps the note text it came from`);
    }
    const item25 = items.find((item) => item.id === keysOf(25)[0]);
    assert.deepEqual(item25?.issued, { 'date-parts': [[2017, 7]] });
    assert.equal(item25?.URL, 'http://eng.sectsco.org/news/20170706/306862.html');
  });

  it('distinct works stay distinct; keys are readable and unique', () => {
    const urls = items.map((item) => (typeof item.URL === 'string' ? normaliseUrl(item.URL) : undefined)).filter(Boolean);
    assert.equal(new Set(urls).size, urls.length, 'no two items share a URL');
    assert.equal(new Set(items.map((item) => item.id)).size, items.length);
    assert.equal(keysOf(25)[0], 'sco2017promotes');
    for (const item of items) assert.match(item.id, /^[a-z0-9]+(?:nd|\d{4})[a-z0-9]*$/);
  });

  it('a citation the model is unsure of is left as typed and reported once, as cite-unparsed, at its note', () => {
    // A garbled citation (tests/unit/cite/review.test.ts), after one the model reads with confidence.
    const sure = 'Alexander Cooley, _Great Games, Local Rules_ (New York: Oxford University Press, 2012), 45.';
    const unsure = 'Cooley A (Oxford) “Great games” local rules, 2012: 45';
    const source = `---\ntitle: A chapter\n---\n\nText.[^1] More.[^2]\n\n[^1]: ${sure}\n[^2]: ${unsure}\n`;
    const result = citeChapterText('chapters/a.md', source, []);
    const [, second] = result.resolutions;
    assert.ok(
      second?.parsed.citations.some((citation) => citation.confidence < CONFIDENCE_THRESHOLD),
      'the model is unsure of note 2',
    );
    assert.deepEqual(second?.keys, [], 'left as typed');
    const said = result.file.messages.filter((message) => message.line === second?.note.line);
    assert.deepEqual(
      said.map((message) => message.ruleId),
      ['cite-unparsed'],
      said.map(String).join(' | '),
    );
    assert.match(said[0]?.reason ?? '', /note 2: uncertain parse \(model confidence 0\.\d\d: left as typed/);
  });

  it('rewrites notes to cite by key, keeping commentary', () => {
    assert.match(cited.text, /^\[\^25\]: \[@sco2017promotes\]; author interview with logistics experts in Osh, Kyrgyzstan, 2019\.$/m);
    assert.match(cited.text, /^\[\^71\]: \[@[a-z0-9]+\]$/m);
    assert.match(cited.text, /^\[\^34\]: The Tulip Revolution/m);
  });

  it('keys are stable: re-running and adding chapters never renames a key', () => {
    const before = items.map((item) => item.id);
    const again = citeChapterText(`chapters/${essay.slug}.md`, cited.text, items);
    assert.equal(again.text, cited.text, 'a chapter already citing by key is left alone');
    for (const chapter of chapters.slice(1)) citeChapterText(`chapters/${chapter.slug}.md`, chapter.markdown, items);
    assert.deepEqual(
      items.slice(0, before.length).map((item) => item.id),
      before,
    );
    // The same work met again from elsewhere keeps its key.
    const fresh: BibliographyItem[] = [];
    citeChapterText(
      'chapters/other.md',
      `---\ntitle: Other\n---\n\nText.[^1]\n\n[^1]: Shanghai Cooperation Organisation (SCO), ‘SCO Promotes Transport Links’, July 2017, <http://eng.sectsco.org/news/20170706/306862.html/>.\n`,
      fresh,
    );
    assert.ok(sameWork(fresh[0] as CslJsonItem, items.find((item) => item.id === 'sco2017promotes') as CslJsonItem));
  });
});

describe('bibliography helpers', () => {
  it('normalises URLs for matching', () => {
    assert.equal(normaliseUrl('https://www.Example.org/a/?utm_source=x#top'), 'example.org/a');
    assert.equal(normaliseUrl('<<http://uzdaily.com/en/post/60623>'), 'uzdaily.com/en/post/60623');
  });

  it('makes keys from author or organisation, year and a title word', () => {
    assert.equal(
      baseCitationKey({
        id: '',
        type: 'report',
        author: [{ family: 'Erokhin', given: 'Dmitry' }],
        title: 'Comparative Analysis',
        issued: { 'date-parts': [[2020]] },
      }),
      'erokhin2020comparative',
    );
    assert.equal(
      baseCitationKey({
        id: '',
        type: 'webpage',
        author: [{ literal: 'Radio Free Europe/Radio Liberty' }],
        title: 'The Wait Goes On At Kashagan',
        issued: { 'date-parts': [[2014, 4, 11]] },
      }),
      'rferl2014wait',
    );
    assert.equal(baseCitationKey({ id: '', type: 'webpage', URL: 'http://finance.yahoo.com' }), 'yahoond');
  });

  it('reads BibTeX and RIS, and exports BibTeX and RIS, through citation-js', () => {
    const bib = parseBibliographyText('@book{smith2010, author = {Smith, Jane}, title = {The Book}, publisher = {Verso}, address = {London}, year = {2010}}');
    assert.equal(bib[0]?.id, 'smith2010');
    assert.equal(bib[0]?.title, 'The Book');
    const ris = parseBibliographyText('TY  - JOUR\nAU  - Doe, John\nTI  - An Article\nT2  - A Journal\nPY  - 2015\nER  - \n');
    assert.equal(ris[0]?.title, 'An Article');
    assert.match(exportBibliography(bib, 'bibtex'), /@book\{smith2010,[\s\S]*title = \{The \{Book\}\}/);
    assert.match(exportBibliography(bib, 'ris'), /TY {2}- BOOK[\s\S]*TI {2}- The Book/);
  });
});
