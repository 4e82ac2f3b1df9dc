import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { detectArchiveFormat } from '../../../src/import/detect.ts';
import { readSourceInput } from '../../../src/io/read-source.ts';
import { filesUnder, importArchiveFixture, memberOf, messagesOf, readFixtureArchive, zipInTemp } from '../../helpers/archive.ts';
import { assertEveryLineAccounted, fateOf, lineOf, sourceLinesOf } from '../../helpers/import.ts';
import { repoRoot } from '../../helpers/project.ts';

const fixture = 'tests/fixtures/import/archives/medium-export';

describe('Medium export (folder)', () => {
  it('imports published posts with the page’s title, subtitle, byline, date, address and tags', async () => {
    const { result, markdown } = importArchiveFixture(await readFixtureArchive(fixture));
    assert.equal(result.format, 'medium');
    assert.deepEqual(
      result.chapters.map((chapter) => chapter.piece.meta),
      [
        {
          title: 'Advanced Post Title',
          authors: ['Joe Bloggs'],
          date: '2018-08-11',
          venue: 'Medium',
          standfirst: 'This is a subtitle of some sort',
          source: { file: `${fixture}/posts/advanced-post.html`, lines: [15, 88] },
          source_url: 'https://medium.com/@JoeBloggs/testpost-efefef12121212',
          tags: ['Things', 'Stuff'],
          rights: '',
        },
        {
          title: 'Basic Post Title',
          authors: ['Joe Bloggs'],
          date: '2018-08-11',
          venue: 'Medium',
          standfirst: 'This is a subtitle of some sort',
          source: { file: `${fixture}/posts/basic-post.html`, lines: [15, 29] },
          source_url: 'https://medium.com/@JoeBloggs/testpost-efefef12121212',
          tags: ['Things', 'Stuff'],
          rights: '',
        },
      ],
    );
    assert.equal(markdown[1], 'This is a paragraph of text and stuff.\n\nThis is a another paragraph of text and stuff.\n');
  });

  it('leaves out the title and subtitle the body repeats, and the first section’s divider, but keeps later section breaks', async () => {
    const { markdown } = importArchiveFixture(await readFixtureArchive(fixture));
    const body = markdown[0] ?? '';
    assert.doesNotMatch(body, /Advanced Post Title|This is a subtitle of some sort/);
    assert.match(
      body,
      /^::figure\[This is an image caption\]\{remote="https:\/\/cdn-images-1\.medium\.com\/max\/2000\/abc123\.jpeg"\}\n\nThis is a paragraph of text and stuff\./,
    );
    assert.match(
      body,
      /and a second list item with a \[link to Ghost\]\(https:\/\/ghost\.org\)\n\n---\n\n## One last section\n\n🎉 This is a \[call to action\]/i,
    );
  });

  it('leaves out drafts and responses, saying why; takes them when asked', async () => {
    const archive = await readFixtureArchive(fixture);
    const { result } = importArchiveFixture(archive);
    assert.match(memberOf(result, 'posts/comment.html').skipped ?? '', /^a response to another writer’s post/);
    assert.match(memberOf(result, 'posts/draft-post.html').skipped ?? '', /^a draft \(use --drafts/);
    assert.match(memberOf(result, 'profile/profile.html').skipped ?? '', /profile/);
    assert.ok(messagesOf(result).includes(`${fixture}/posts/comment.html:1:1 import-skipped`));

    const all = importArchiveFixture(archive, { includeDrafts: true, postTypes: ['post', 'response'] }).result;
    assert.deepEqual(
      all.chapters.map((chapter) => [chapter.piece.meta.title, chapter.piece.meta.date, chapter.piece.meta.authors, chapter.piece.meta.venue]),
      [
        ['Advanced Post Title', '2018-08-11', ['Joe Bloggs'], 'Medium'],
        ['Basic Post Title', '2018-08-11', ['Joe Bloggs'], 'Medium'],
        ['This is a comment', '2024-06-03', ['Paul Davis'], 'Medium'],
        ['Draft Post Title', undefined, [], undefined],
      ],
    );
    // The draft has no byline: its author stays empty, and the warning names whose account it is.
    const draft = memberOf(all, 'posts/draft-post.html').file?.messages.find((message) => message.ruleId === 'import-author-unknown');
    assert.equal(draft?.fatal, false);
    assert.match(draft?.reason ?? '', /the export is User Name’s account/);
  });

  it('accounts for every file and every line: metadata, body, repeats and page chrome', async () => {
    const { result } = importArchiveFixture(await readFixtureArchive(fixture));
    assert.deepEqual(
      result.members?.map((member) => member.name),
      await filesUnder(path.join(repoRoot, fixture)),
    );
    for (const member of result.members ?? [])
      assertEveryLineAccounted(member.lines, sourceLinesOf(readFileSync(path.join(repoRoot, fixture, member.name), 'utf8')));
    const page = memberOf(result, 'posts/advanced-post.html');
    const lines = sourceLinesOf(String(page.file?.value));
    const fate = (text: string, occurrence = 1) => fateOf(page.lines, lineOf(lines, text, occurrence), false);
    assert.equal(fate('<h1 class="p-name">'), 'metadata:title');
    assert.equal(fate('This is a subtitle of some sort'), 'metadata:standfirst');
    assert.equal(fate('graf--title'), 'dropped:repeats the title (in the front matter)');
    assert.equal(fate('graf--subtitle'), 'dropped:repeats the subtitle (the standfirst)');
    assert.equal(fate('This is a paragraph of text and stuff.'), 'kept:body');
    assert.equal(fate('class="p-author'), 'metadata:authors');
    assert.equal(fate('class="p-canonical"'), 'metadata:source_url');
    assert.equal(fate('class="p-tags"'), 'metadata:tags');
    assert.match(fate('Exported from'), /^dropped:page footer/);
    assert.match(fate('<title>'), /^dropped:page head/);
  });
});

/** A page as Medium's export writes it today: the stylesheet over several lines, the article on few. */
function exportPage(parts: { title: string; body: string; footer: string }): string {
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${parts.title}</title><style>
      * {
        font-family: Georgia, Cambria, "Times New Roman", Times, serif;
      }
      </style></head><body><article class="h-entry">
<header>
<h1 class="p-name">${parts.title}</h1>
</header>
<section data-field="subtitle" class="p-summary">
On tea
</section>
<section data-field="body" class="e-content">
<section name="cd20" class="section section--body section--first section--last"><div class="section-divider"><hr class="section-divider"></div><div class="section-content"><div class="section-inner sectionLayout--insetColumn">${parts.body}</div></div></section>
</section>
<footer>${parts.footer}<p>Exported from <a href="https://medium.com">Medium</a> on July 8, 2025.</p></footer></article></body></html>`;
}

describe('Medium export (zip)', () => {
  it('reads the export’s file names (date_Title-id, draft_Title-id) and a publication on its own domain', async () => {
    const zip = await zipInTemp({
      'medium-export-3f9a/README.html': '<html><body><h1>Archive for Ada</h1></body></html>',
      'medium-export-3f9a/posts/2023-12-21_On-Tea-717cebb96fa6.html': exportPage({
        title: 'On Tea',
        body: '<h3 name="8214" id="8214" class="graf graf--h3 graf--leading graf--title">On Tea</h3><p name="5aeb" id="5aeb" class="graf graf--p graf-after--h3">On tea</p><p name="2c8e" id="2c8e" class="graf graf--p graf-after--p graf--trailing">Tea is a leaf.</p>',
        footer:
          '<p>By <a href="https://medium.com/@ada" class="p-author h-card">Ada Byron</a> on <a href="https://medium.com/p/717cebb96fa6"><time class="dt-published" datetime="2023-12-21T23:50:02.976Z">December 21, 2023</time></a>.</p><p><a href="https://blog.example.org/on-tea-717cebb96fa6" class="p-canonical">Canonical link</a></p>',
      }),
      'medium-export-3f9a/posts/draft_Coffee-ad0ea1c7a4f3.html': exportPage({
        title: 'Coffee',
        body: '<h3 class="graf graf--h3 graf--leading graf--title">Coffee</h3><p class="graf graf--p graf--trailing">Coffee is a bean.</p>',
        footer: '<p><a href="https://medium.com/p/ad0ea1c7a4f3">View original.</a></p>',
      }),
      'medium-export-3f9a/claps/claps-0001.html': '<html><body><ul><li>a clap</li></ul></body></html>',
    });
    try {
      const input = await readSourceInput(zip.dir, zip.zipName);
      if (input.kind !== 'archive') assert.fail('a zip is an archive');
      const { result, markdown } = importArchiveFixture(input.archive);
      assert.equal(result.format, 'medium');
      assert.deepEqual(
        result.chapters.map((chapter) => chapter.piece.meta),
        [
          {
            title: 'On Tea',
            authors: ['Ada Byron'],
            date: '2023-12-21',
            standfirst: 'On tea',
            source: { file: 'export.zip:medium-export-3f9a/posts/2023-12-21_On-Tea-717cebb96fa6.html', lines: [12, 14] },
            source_url: 'https://blog.example.org/on-tea-717cebb96fa6',
            rights: '',
          },
        ],
      );
      assert.equal(markdown[0], 'Tea is a leaf.\n');
      assert.ok(messagesOf(result).includes('export.zip:medium-export-3f9a/posts/2023-12-21_On-Tea-717cebb96fa6.html:1:1 import-venue-unknown'));
      assert.match(memberOf(result, 'medium-export-3f9a/posts/draft_Coffee-ad0ea1c7a4f3.html').skipped ?? '', /^a draft/);
      assert.match(memberOf(result, 'medium-export-3f9a/claps/claps-0001.html').skipped ?? '', /activity/);
    } finally {
      await zip.dispose();
    }
  });
});

describe('recognising a Medium export', () => {
  const page = (html: string) => ({ value: html });
  it('is not fooled by an IndieWeb blog’s posts/ folder of h-entry pages that link to Medium', () => {
    const indieweb =
      '<html><body><article class="h-entry"><h1 class="p-name">Hi</h1><div class="e-content"><p>See <a href="https://medium.com/@me/old-post-1a2b">my old post</a>.</p></div></article></body></html>';
    assert.deepEqual(detectArchiveFormat('folder', [{ name: 'posts/hi.html', file: page(indieweb) }]), { format: 'folder', root: '' });
    assert.equal(detectArchiveFormat('zip', [{ name: 'posts/hi.html', file: page(indieweb) }]), undefined);
  });

  it('finds the export in a wrapper folder, or the posts folder given on its own', () => {
    const medium = readFileSync(path.join(repoRoot, fixture, 'posts/basic-post.html'), 'utf8');
    assert.deepEqual(detectArchiveFormat('zip', [{ name: 'medium-export-3f9a/posts/a.html', file: page(medium) }]), {
      format: 'medium',
      root: 'medium-export-3f9a/',
    });
    assert.deepEqual(detectArchiveFormat('folder', [{ name: 'a.html', file: page(medium) }]), { format: 'medium', root: '' });
  });
});
