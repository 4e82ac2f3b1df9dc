import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chapterFrontMatterSchema } from '../../../src/config/schema.ts';
import { removeShortcodes } from '../../../src/import/content.ts';
import type { ImportOptions } from '../../../src/import/types.ts';
import { autoParagraphs } from '../../../src/import/wordpress/autop.ts';
import { assertEveryLineAccounted, fateOf, importFixture as importFixtureFrom, lineOf } from '../../helpers/import.ts';

const fixtureDir = 'tests/fixtures/import/wxr';
const exportName = 'steppe-notes.wordpress.xml';

function importFixture(name: string, options: Partial<ImportOptions> = {}) {
  return importFixtureFrom(fixtureDir, name, options);
}

describe('importWxr: a WordPress export with classic and block-editor posts', () => {
  const { file, result, markdown, sourceLines } = importFixture(exportName);
  const [classic, block] = result.chapters;

  it('imports the two published posts only, with display names, dates, the site as venue, excerpt and tags', () => {
    assert.equal(result.format, 'wxr');
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.slug),
      ['the-shanghai-spirit-in-beijing', 'turkey-abandoning-the-eu-for-the-sco'],
    );
    assert.deepEqual(classic?.piece.meta, {
      title: 'The Shanghai Spirit in Beijing',
      authors: ['Raffaello Pantucci'],
      date: '2012-06-06',
      venue: 'China in Central Asia',
      // The excerpt is HTML: its entities are decoded.
      standfirst: 'Beijing hosts the SCO, with a bank & a fund in mind.',
      source: { file: `${fixtureDir}/${exportName}`, lines: [lineOf(sourceLines, '<item>', 1), lineOf(sourceLines, '</item>', 1)] },
      source_url: 'https://chinaincentralasia.example.com/2012/06/06/the-shanghai-spirit-in-beijing/',
      tags: ['Analysis', 'SCO', 'Beijing'],
      rights: '',
    });
    assert.deepEqual(block?.piece.meta, {
      title: 'Turkey: Abandoning the EU for the SCO?',
      authors: ['Alexandros Petersen'],
      date: '2013-02-15',
      venue: 'China in Central Asia',
      source: { file: `${fixtureDir}/${exportName}`, lines: [lineOf(sourceLines, '<item>', 2), lineOf(sourceLines, '</item>', 2)] },
      source_url: 'https://chinaincentralasia.example.com/2013/02/15/turkey-abandoning-the-eu/',
      tags: ['Analysis', 'SCO'],
      rights: '',
    });
    for (const chapter of result.chapters) assert.doesNotThrow(() => chapterFrontMatterSchema.parse(chapter.piece.meta));
  });

  it('reads a classic post as wpautop does: blank lines are paragraphs, marked-up ones stay; [caption] is a figure; shortcodes go, [sic] stays', () => {
    assert.equal(
      markdown[0],
      [
        'Leaders of the **Shanghai Cooperation Organisation** meet in Beijing this week, and the host has _big_ plans for them.',
        '',
        // A single newline is a line break, as WordPress shows it; remark escapes the bracket.
        'The summit communiqué will talk of the "Shanghai spirit" \\[sic] and of\\',
        'mutual trust, as it always does.',
        '',
        '::figure[Leaders at the summit.]{credit="Photo: Reuters" remote="https://example.files.wordpress.com/2013/09/sco.jpg"}',
        '',
        '## What Beijing wants',
        '',
        'Beijing wants a development bank, and it wants the others to pay in. Read [the proposal](https://www.example.org/sco-bank).',
        '',
        'Whether Moscow agrees is another matter.',
        '',
        '_First published by the Jamestown Foundation._',
        '',
      ].join('\n'),
    );
  });

  it('places the core footnotes block’s notes (from post meta) at their markers', () => {
    assert.equal(
      markdown[1],
      [
        'Prime Minister Erdoğan has said it again: Turkey could join the SCO instead.[^1]',
        '',
        '## A dialogue partner',
        '',
        'Ankara became a dialogue partner in 2012, which commits it to _nothing_.[^2]',
        '',
        '[^1]: Interview with _Hürriyet_, 25 January 2013.',
        '',
        '[^2]: At the Beijing summit of June 2012.',
        '',
      ].join('\n'),
    );
  });

  it('reports the removed shortcode and the remote picture, the picture at its line in the export', () => {
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.reason]),
      [
        ['import-sanitised', lineOf(sourceLines, '<item>', 1), 'removed WordPress shortcodes: gallery'],
        [
          'import-site-syntax',
          lineOf(sourceLines, '[gallery ids="1,2"]'),
          'the WordPress shortcode [gallery] (1,2) shows an embed, a player or a gallery that is not in the export: taken out; look at the original post',
        ],
        [
          'import-remote-image',
          lineOf(sourceLines, '[caption id="attachment_5"'),
          'the image https://example.files.wordpress.com/2013/09/sco.jpg is on the web and was not fetched: put the file in the project and give the figure a src',
        ],
      ],
    );
  });

  it('accounts for every line: header, item metadata, content, notes, bookkeeping and the items not imported', () => {
    assertEveryLineAccounted(result.lines, sourceLines);
    const header = 'dropped:export header (site settings, authors, categories): used only to resolve names';
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<title>China in Central Asia</title>')), header);
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<wp:author_login><![CDATA[apetersen]]>')), header);
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<title><![CDATA[The Shanghai Spirit')), 'metadata:title:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<dc:creator><![CDATA[apetersen]]>')), 'metadata:authors:2');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<wp:post_date><![CDATA[2012-06-06')), 'metadata:date:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'nicename="beijing"')), 'metadata:tags:1');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'Beijing hosts the SCO, with a bank')), 'metadata:standfirst:1');
    // Nothing of the gallery is in the export: its line is dropped, and reported where it is.
    assert.match(fateOf(result.lines, lineOf(sourceLines, '[gallery ids="1,2"]')), /^dropped:removed from the post: an embedded frame or player/);
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'wp:heading -->')), 'kept:body:2');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '[{"content":"Interview with')), 'kept:notes:2');
    // The block-editor post has an empty excerpt: its line gives the chapter nothing.
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, '<excerpt:encoded><![CDATA[]]></excerpt:encoded>', 1)),
      'dropped:WordPress bookkeeping (ids, guid, comment and ping status, post meta)',
    );
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, '<guid isPermaLink="false">https://chinaincentralasia.example.com/?p=412')),
      'dropped:WordPress bookkeeping (ids, guid, comment and ping status, post meta)',
    );
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, 'A draft about the neighbours.')),
      'dropped:a draft post, not published (use --drafts to include it)',
    );
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, 'This blog follows China in Central Asia.')),
      'dropped:a WordPress page, not imported (use --post-types page to include it)',
    );
    assert.equal(
      fateOf(result.lines, lineOf(sourceLines, '<wp:attachment_url>')),
      'dropped:a WordPress attachment, not imported (use --post-types attachment to include it)',
    );
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'Thrown away.')), 'dropped:a post with status trash (in the bin or never saved): not imported');
    assert.equal(fateOf(result.lines, sourceLines.length), header);
  });
});

describe('importWxr: drafts, pages and attachments when asked for', () => {
  it('imports drafts with --drafts, but never a post in the bin', () => {
    const { result, markdown } = importFixture(exportName, { includeDrafts: true });
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.piece.meta.title),
      ['The Shanghai Spirit in Beijing', 'Turkey: Abandoning the EU for the SCO?', 'Afghanistan and the Eurasian Neighborhood'],
    );
    assert.equal(result.chapters[2]?.piece.meta.date, '2013-10-01');
    assert.equal(markdown[2], 'A draft about the neighbours.\n');
  });

  it('imports pages and attachments with --post-types; an attachment is its picture, captioned by its excerpt', () => {
    const { result, markdown, file } = importFixture(exportName, { postTypes: ['post', 'page', 'attachment'] });
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.piece.meta.title),
      // A title outside CDATA, as older exports write them, with its character references decoded.
      ['The Shanghai Spirit in Beijing', 'Turkey: Abandoning the EU for the SCO?', 'About “China in Central Asia”', 'sco'],
    );
    assert.equal(markdown[2], 'This blog follows China in Central Asia.\n');
    assert.equal(markdown[3], '::figure[Leaders at the summit.]{credit="Photo: Reuters" remote="https://example.files.wordpress.com/2013/09/sco.jpg"}\n');
    assert.equal(result.chapters[3]?.piece.meta.standfirst, undefined);
    assert.equal(file.messages.filter((message) => message.ruleId === 'import-remote-image').length, 2);
  });

  it('imports only pages when only pages are asked for', () => {
    const { result } = importFixture(exportName, { postTypes: ['page'] });
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.slug),
      ['about-china-in-central-asia'],
    );
  });
});

describe('importWxr: exports it cannot use', () => {
  it('reports XML that is not well-formed where the unclosed element opens, and imports nothing', () => {
    const { file, result, sourceLines } = importFixture('invalid.wordpress.xml');
    assert.equal(result.format, 'wxr');
    assert.deepEqual(result.chapters, []);
    assert.equal(file.messages.length, 1);
    const [message] = file.messages;
    assert.equal(message?.ruleId, 'import-invalid-xml');
    assert.equal(message?.fatal, true);
    assert.equal(message?.line, lineOf(sourceLines, '<wp:status>'));
    assert.match(message?.reason ?? '', /wp:status/);
    assertEveryLineAccounted(result.lines, sourceLines);
    assert.ok(result.lines.every((fate) => fate.fate === 'blank' || fate.fate === 'dropped'));
  });

  it('reports an export with no items once, as import-no-pieces', () => {
    const { file, result, sourceLines } = importFixture('empty.wordpress.xml');
    assert.deepEqual(result.chapters, []);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.fatal, message.reason]),
      [['import-no-pieces', 1, true, 'the WordPress export has no posts (no <item>)']],
    );
    assertEveryLineAccounted(result.lines, sourceLines);
  });
});

describe('WordPress content helpers', () => {
  it('autoParagraphs keeps the lines where they were, so places in the result are places in the export', () => {
    const html = 'One\nline.\n\n<h3>Head</h3>\n\n\nTwo.';
    const paragraphs = autoParagraphs(html);
    assert.equal(paragraphs, '<p>One<br>\nline.</p>\n\n<h3>Head</h3>\n\n\n<p>Two.</p>');
    assert.equal(paragraphs.split('\n').length, html.split('\n').length);
    assert.equal(
      autoParagraphs('<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->\n\ny'),
      '<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->\n\ny',
    );
    assert.equal(autoParagraphs('<pre>a</pre>\n\n<picture><img src="a.jpg"></picture>'), '<pre>a</pre>\n\n<p><picture><img src="a.jpg"></picture></p>');
    assert.equal(autoParagraphs('  It cost $& more, $1 less.\n'), '  <p>It cost $& more, $1 less.</p>\n');
  });

  it('removeShortcodes removes known and attributed shortcodes, keeping their line breaks, and leaves bracketed prose', () => {
    const { html, removed } = removeShortcodes('A [sic] and [1].\n[embed]\nhttps://youtu.be/x\n[/embed]\n[audio src="a.mp3"] [note]');
    assert.equal(html, 'A [sic] and [1].\n\n\n\n [note]');
    assert.deepEqual(removed, ['embed', 'audio']);
  });
});
