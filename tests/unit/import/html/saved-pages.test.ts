import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { repoRoot } from '../../../helpers/project.ts';
import { messagesOf } from './helpers.ts';

/** Whole saved pages from other extractors' test suites (tests/fixtures/import/real/PROVENANCE.md), imported as a user would. */
function importPage(name: string) {
  const relative = `tests/fixtures/import/real/${name}`;
  const file = new VFile({ path: relative, value: readFileSync(path.join(repoRoot, relative), 'utf8') });
  const result = importHtml(file, { defaultAuthor: undefined });
  return { file, result, pieces: result.pieces.map((piece) => ({ meta: piece.meta, markdown: bodyToMarkdown(piece.body).trimEnd() })) };
}

describe('saved pages: the site’s name', () => {
  it('a heading in the text that links to another site’s front page is no venue (a newsletter’s item, postlight ma.ttias.be)', () => {
    const [piece] = importPage('postlight/ma.ttias.be.html').pieces;
    assert.equal(piece?.meta.title, 'cron.weekly issue #130: Github, keycloak, proc, redis6, cron & more');
    assert.equal(piece?.meta.venue, undefined);
  });

  it('the blog’s own heading still names it, on the country domain Blogger served (readability blogger)', () => {
    const [piece] = importPage('readability/blogger.html').pieces;
    assert.equal(piece?.meta.venue, 'Silicon Exposed');
  });
});

describe('saved pages: the title', () => {
  it('a title that runs on past the sentence the text opens with is that sentence, reported (trafilatura buchperlen)', () => {
    const { file, pieces } = importPage('trafilatura/buchperlen.wordpress.com.html');
    assert.equal(pieces.length, 1);
    assert.equal(pieces[0]?.meta.title, 'Leandra Lou – Der etwas andere Modeblog jetzt auch zwischen Buchdeckeln');
    assert.match(pieces[0]?.markdown ?? '', /^## \*\*Lesen Sie Modeblogs\?\*\*/);
    const [message] = messagesOf(file, 'import-title-shortened');
    assert.match(message?.reason ?? '', /Leandra Lou schreibt über all die Themen/);
  });
});

describe('saved pages: an edition of several articles (readability lwn-1, LWN’s weekly edition)', () => {
  const { file, result, pieces } = importPage('readability/lwn-1.html');

  it('is one piece per article, each with its own title, byline, date and the site’s name, reported', () => {
    assert.deepEqual(
      pieces.map(({ meta }) => [meta.title, meta.authors, meta.date, meta.venue]),
      [
        ['A trademark battle in the Arduino community', ['Nathan Willis'], '2015-03-25', 'LWN.net'],
        ['Mapping and data mining with QGIS 2.8', ['Nathan Willis'], '2015-03-25', 'LWN.net'],
        ['Development activity in LibreOffice and OpenOffice', ['Jonathan Corbet'], '2015-03-25', 'LWN.net'],
      ],
    );
    const [message] = messagesOf(file, 'import-page-split');
    assert.equal(message?.line, 146);
    assert.match(message?.reason ?? '', /3 articles/);
  });

  it('each piece holds its own text only, without its comments link; the edition’s contents and editor’s credit are nobody’s', () => {
    assert.match(pieces[0]?.markdown ?? '', /^The \[Arduino\]/);
    assert.match(pieces[0]?.markdown ?? '', /courts rule on either side of that question, however\.$/);
    assert.match(pieces[1]?.markdown ?? '', /^\[QGIS\]\(http:\/\/qgis\.org\/\) is a free-software/);
    assert.match(pieces[2]?.markdown ?? '', /won the battle for developer participation\.$/);
    for (const { markdown } of pieces) assert.doesNotMatch(markdown, /Comments \(\d+ posted\)|Page editor|Inside this week/);
    const fateOf = (line: number) => result.lines.find((fate) => fate.line === line);
    assert.deepEqual(fateOf(147), { line: 147, fate: 'metadata', piece: 1, field: 'authors' });
    assert.deepEqual(fateOf(172), { line: 172, fate: 'kept', piece: 2, field: 'body' });
    const heading = fateOf(786);
    assert.ok(heading?.fate === 'dropped' && heading.piece === undefined);
    assert.match(heading.reason, /the edition’s own matter/);
  });
});

describe('saved pages: one article with bylines in it is not an edition', () => {
  it('a single byline under the title splits nothing (readability blogger)', () => {
    const { file, pieces } = importPage('readability/blogger.html');
    assert.equal(pieces.length, 1);
    assert.equal(messagesOf(file, 'import-page-split').length, 0);
  });
});

describe('saved pages: site chrome inside the article', () => {
  it('an author bar (avatar, the author’s name, Follow, the date and reading time) is the byline, not text (readability medium-3)', () => {
    const [piece] = importPage('readability/medium-3.html').pieces;
    assert.deepEqual(piece?.meta.authors, ['John C. Welch']);
    assert.match(piece?.markdown ?? '', /^How to get shanked doing what people say they want/);
    assert.doesNotMatch(piece?.markdown ?? '', /18 min read|fit\/c\/96\/96/);
  });

  it('a list of other posts named a widget is chrome; the text Readability skipped between its paragraphs and the lead picture stay (readability salon-1)', () => {
    const [piece] = importPage('readability/salon-1.html').pieces;
    const markdown = piece?.markdown ?? '';
    assert.doesNotMatch(markdown, /Featured Slide Shows|slideshow|Thumbnails/);
    // Its caption, in a box the page calls the caption beside the picture, is the figure's, not a paragraph.
    assert.match(
      markdown,
      /^::figure\[Ayn Rand, Rand Paul\]\{credit="\(Credit: AP\/Manuel Balce Ceneta\/Photo montage by Salon\)" remote="http:\/\/media.salon.com\/2014\/12\/uber_rand_paul.jpg"/,
    );
    assert.doesNotMatch(markdown, /^Ayn Rand, Rand Paul/m);
    assert.match(markdown, /What can we learn from this incident\? Let’s start by parsing that tweet:\n\n_“We are all concerned with events in CBD …”_/);
    assert.match(markdown, /the soul of a society is sold cheap\.$/);
  });

  it('a call to write a letter to the editor (`c-letters-cta`) is chrome (trafilatura theatlantic.com.disasters)', () => {
    const { file, pieces } = importPage('trafilatura/theatlantic.com.disasters.html');
    assert.doesNotMatch(pieces[0]?.markdown ?? '', /Submit a letter/);
    assert.match(pieces[0]?.markdown ?? '', /and even for our trees\.$/);
    const chrome = messagesOf(file, 'import-chrome-dropped').map((message) => message.reason);
    assert.ok(chrome.some((reason) => /call to the reader.*We want to hear what you think/.test(reason)));
  });

  it('a members’ badge linking to the subscription page is chrome (trafilatura uebermedien.de-Israel)', () => {
    const [piece] = importPage('trafilatura/uebermedien.de-Israel.html').pieces;
    assert.match(piece?.markdown ?? '', /^Wenige Umfragen sind/);
    assert.doesNotMatch(piece?.markdown ?? '', /Übonnenten/);
  });
});

describe('saved pages: meta tags written with `value` (Postlight’s saved pages)', () => {
  it('are read: the date of a newsletter (postlight ma.ttias.be)', () => {
    const [piece] = importPage('postlight/ma.ttias.be.html').pieces;
    assert.equal(piece?.meta.date, '2020-04-19');
  });

  it('but not for its author: Blogger’s template names the blog’s owner so, not the post’s writer (trafilatura blog.python.org)', () => {
    const [piece] = importPage('trafilatura/blog.python.org.html').pieces;
    assert.deepEqual(piece?.meta.authors, ['Ned Deily']);
  });

  it('Medium’s site name is read, not the `by Jakob Ulbrich` of the document title; the date shown beats the tag’s republication (postlight medium.com--another)', () => {
    const { file, pieces } = importPage('postlight/medium.com--another.html');
    assert.deepEqual([pieces[0]?.meta.venue, pieces[0]?.meta.date], ['Medium', '2016-08-08']);
    assert.match(messagesOf(file, 'import-date-conflict')[0]?.reason ?? '', /2016-08-08 \(shown with the article, taken\) and 2018-01-19/);
  });

  it('an evening’s instant in UTC does not move the day the page shows (postlight forward.com)', () => {
    const [piece] = importPage('postlight/forward.com.html').pieces;
    assert.equal(piece?.meta.date, '2016-12-28');
  });
});

describe('saved pages: the date under the title', () => {
  it('a line right under the title that opens with a date dates the piece (trafilatura gregoryszorc.com.python3)', () => {
    const [piece] = importPage('trafilatura/gregoryszorc.com.python3.html').pieces;
    assert.equal(piece?.meta.title, 'Mercurial’s Journey to and Reflections on Python 3'.replace('’', "'"));
    assert.equal(piece?.meta.date, '2020-01-13');
  });
});
