import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readSourceInput } from '../../../src/io/read-source.ts';
import { filesUnder, importArchiveFixture, memberOf, messagesOf, readFixtureArchive, zipInTemp } from '../../helpers/archive.ts';
import { assertEveryLineAccounted, sourceLinesOf } from '../../helpers/import.ts';
import { repoRoot } from '../../helpers/project.ts';

const fixture = 'tests/fixtures/import/archives/substack-export';

describe('Substack export (folder)', () => {
  it('imports the published newsletter post, with its row’s title, date and subtitle, and its notes', async () => {
    const { result, markdown } = importArchiveFixture(await readFixtureArchive(fixture));
    assert.equal(result.format, 'substack');
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.piece.meta),
      [
        {
          title: 'Plain Text',
          authors: [],
          date: '2019-07-26',
          standfirst: 'Lorem ipsum dolor sit amet.',
          source: { file: `${fixture}/posts/123401.plain-text.html`, lines: [1, 1] },
          rights: '',
        },
      ],
    );
    const body = markdown[0] ?? '';
    assert.match(body, /^## Lorem Ipsum\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit\.\[\^1\] Sed do eiusmod/);
    assert.match(body, /Dolore magna aliqua\.\[\^2\]/);
    assert.match(body, /\[\^1\]: Cicero, _De finibus bonorum et malorum_ \(45 BC\), I\.32\./);
    assert.match(body, /\[\^2\]: See \[the history of the passage\]\(https:\/\/example\.org\/lorem\)\.\n\n {4}A second paragraph of the same note\./);
    assert.match(body, /::figure\[The harbour at dawn\.\]\{credit="Photo: Jane Roe" remote="https:\/\/substack-post-media/);
    for (const chrome of ['Subscribe', 'Leave a comment', 'Thanks for reading', 'Type your email']) assert.doesNotMatch(body, new RegExp(chrome), chrome);
  });

  it('says what it left out and why, row by row, and that the export names no author', async () => {
    const { result } = importArchiveFixture(await readFixtureArchive(fixture));
    const messages = messagesOf(result);
    assert.ok(messages.includes(`${fixture}/posts.csv:1:1 import-author-unknown`));
    assert.ok(messages.includes(`${fixture}/posts.csv:1:1 import-venue-unknown`));
    const venue = memberOf(result, 'posts.csv').file?.messages.find((message) => message.ruleId === 'import-venue-unknown');
    assert.match(venue?.reason ?? '', /does not name the publication \(its address is example\.substack\.com\)/);
    for (const line of [3, 4, 5, 6]) assert.ok(messages.includes(`${fixture}/posts.csv:${line}:1 import-skipped`), `row on line ${line}`);
    assert.deepEqual(
      result.members?.filter((member) => member.skipped).map((member) => [member.name, member.skipped?.replace(/ \(.*$|:.*$/, '')]),
      [
        ['email_list.example.csv', 'the subscriber list'],
        ['posts/123401.delivers.csv', 'e-mail statistics of a post'],
        ['posts/123401.opens.csv', 'e-mail statistics of a post'],
        ['posts/123402.podcast.html', 'a podcast episode'],
        ['posts/123403.thread.html', 'a discussion thread'],
        ['posts/123404.draft-text.html', 'a draft'],
      ],
    );
  });

  it('accounts for every file of the export and every line of every file', async () => {
    const { result } = importArchiveFixture(await readFixtureArchive(fixture));
    assert.deepEqual(
      result.members?.map((member) => member.name),
      await filesUnder(path.join(repoRoot, fixture)),
    );
    for (const member of result.members ?? []) {
      const text = readFileSync(path.join(repoRoot, fixture, member.name), 'utf8');
      assertEveryLineAccounted(member.lines, sourceLinesOf(text));
      if (member.skipped)
        assert.ok(
          member.lines.every((fate) => fate.fate === 'dropped' || fate.fate === 'blank'),
          member.name,
        );
    }
    const csv = memberOf(result, 'posts.csv');
    assert.deepEqual(
      csv.lines.map((fate) => (fate.fate === 'dropped' ? 'dropped' : `${fate.fate}:${'piece' in fate ? fate.piece : ''}`)),
      ['dropped', 'metadata:1', 'dropped', 'dropped', 'dropped', 'dropped'],
    );
    assert.deepEqual(memberOf(result, 'posts/123401.plain-text.html').lines, [{ line: 1, fate: 'kept', piece: 1, field: 'body' }]);
  });

  it('points messages into the file inside the export', async () => {
    const { result } = importArchiveFixture(await readFixtureArchive(fixture));
    const body = memberOf(result, 'posts/123401.plain-text.html');
    const html = String(body.file?.value);
    const remote = body.file?.messages.find((message) => message.ruleId === 'import-remote-image');
    assert.equal(body.file?.path, `${fixture}/posts/123401.plain-text.html`);
    assert.deepEqual([remote?.line, remote?.column], [1, html.indexOf('<img') + 1]);
  });

  it('takes drafts with --drafts and other post types with --post-types, oldest first', async () => {
    const archive = await readFixtureArchive(fixture);
    const drafts = importArchiveFixture(archive, { includeDrafts: true, postTypes: ['post', 'podcast', 'thread'] }).result;
    assert.deepEqual(
      drafts.chapters.map((chapter) => [chapter.slug, chapter.piece.meta.date, chapter.member]),
      [
        ['plain-text', '2019-07-26', 'posts/123401.plain-text.html'],
        ['comment-buttons', '2022-08-12', 'posts/123402.podcast.html'],
        ['talk-to-us', '2022-08-12', 'posts/123403.thread.html'],
        ['plain-text-1', '2022-08-13', 'posts/123404.draft-text.html'],
      ],
    );
  });

  it('refuses a row it must import whose body is missing, at the row', async () => {
    // TryGhost's fixture names the page `123404.about-us` in posts.csv, but its file is 123405.
    const { result } = importArchiveFixture(await readFixtureArchive(fixture), { postTypes: ['post', 'page'] });
    const csv = memberOf(result, 'posts.csv').file;
    const missing = csv?.messages.find((message) => message.ruleId === 'import-archive-missing-file');
    assert.equal(missing?.fatal, true);
    assert.equal(missing?.line, 6);
    assert.match(missing?.reason ?? '', /posts\/123404\.about-us\.html is not in the export/);
  });
});

describe('Substack export (zip)', () => {
  const header = 'post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url';

  it('reads the current 10-column posts.csv by column name, quoted fields and entities included, in a wrapper folder', async () => {
    const zip = await zipInTemp({
      'export-2025/posts.csv': [
        header,
        '161437705.second,2025-07-20T22:59:25.476Z,true,2025-07-20T22:59:25.476Z,,newsletter,only_paid,"Second, with a comma","A ""quoted"" subtitle &amp; more",',
        '161437704.first,2024-01-02T08:00:00.000Z,true,,,newsletter,everyone,"A title',
        'over two lines",&#x201C;Curly&#x201D;,',
      ].join('\n'),
      'export-2025/posts/161437705.second.html': '<p>The second post.</p>',
      'export-2025/posts/161437704.first.html': '<p>The first post.</p>\n<p>Its second paragraph.</p>\n',
      // Zipped again on a Mac: these do not make a second top-level folder.
      '__MACOSX/export-2025/._posts.csv': new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]),
    });
    try {
      const input = await readSourceInput(zip.dir, zip.zipName);
      assert.equal(input.kind, 'archive');
      if (input.kind !== 'archive') return;
      const { result, markdown } = importArchiveFixture(input.archive);
      assert.deepEqual(
        result.chapters.map((chapter) => [chapter.piece.meta.title, chapter.piece.meta.date, chapter.piece.meta.standfirst, chapter.piece.meta.source?.file]),
        [
          ['A title\nover two lines', '2024-01-02', '“Curly”', 'export.zip:export-2025/posts/161437704.first.html'],
          ['Second, with a comma', '2025-07-20', 'A "quoted" subtitle & more', 'export.zip:export-2025/posts/161437705.second.html'],
        ],
      );
      assert.deepEqual(markdown, ['The first post.\n\nIts second paragraph.\n', 'The second post.\n']);
      const csv = memberOf(result, 'export-2025/posts.csv');
      assert.deepEqual(
        csv.lines.map((fate) => fate.fate),
        ['dropped', 'metadata', 'metadata', 'metadata'],
      );
      assert.equal(csv.file?.path, 'export.zip:export-2025/posts.csv');
    } finally {
      await zip.dispose();
    }
  });

  it('reports a posts.csv that is not CSV at its line, and reads nothing', async () => {
    const zip = await zipInTemp({ 'posts.csv': `${header}\n1.a,2024-01-01,true,,,newsletter,everyone,"Unclosed,\n`, 'posts/1.a.html': '<p>x</p>' });
    try {
      const input = await readSourceInput(zip.dir, zip.zipName);
      if (input.kind !== 'archive') assert.fail('a zip is an archive');
      const { result } = importArchiveFixture(input.archive);
      assert.equal(result.chapters.length, 0);
      const error = memberOf(result, 'posts.csv').file?.messages.find((message) => message.ruleId === 'import-invalid-csv');
      assert.equal(error?.fatal, true);
      assert.match(error?.reason ?? '', /Quote Not Closed/);
      assert.deepEqual(
        result.members?.map((member) => [member.name, member.skipped]),
        [
          ['posts.csv', 'posts.csv cannot be parsed: nothing was read'],
          ['posts/1.a.html', 'not read: the export’s index, posts.csv, could not be read'],
        ],
      );
    } finally {
      await zip.dispose();
    }
  });
});
