import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { assertEveryLineAccounted, fateOf, importFixture, lineOf } from '../../helpers/import.ts';

describe('Ghost posts whose body is not HTML', () => {
  test('a Ghost 0.x post kept only as Markdown is imported from it (tests/corpus/ghost/ghost-fixture-003-multi-user)', () => {
    const { result, markdown, file } = importFixture('tests/corpus/ghost/ghost-fixture-003-multi-user', 'export-003-mu.json');
    const index = result.chapters.findIndex((chapter) => chapter.piece.meta.title === 'Brand New Post');
    assert.ok(index >= 0);
    assert.match(markdown[index] ?? '', /\*\*Pellentesque habitant morbi tristique\*\* senectus/);
    assert.ok(!file.messages.some((message) => message.ruleId === 'import-empty-post'));
  });

  test('mobiledoc Markdown cards are read when the export has no HTML, and a post with no body is reported', () => {
    const mobiledoc = JSON.stringify({
      version: '0.3.1',
      markups: [],
      atoms: [],
      cards: [['card-markdown', { cardName: 'card-markdown', markdown: 'A claim.[^1]\n\n[^1]: The source.' }]],
      sections: [[10, 0]],
    });
    const posts = [
      { id: '1', title: 'Cards', slug: 'cards', mobiledoc, html: null, status: 'published', published_at: '2019-01-02T10:00:00.000Z' },
      { id: '2', title: 'Nothing', slug: 'nothing', html: null, status: 'published', published_at: '2019-01-03T10:00:00.000Z' },
    ];
    const text = JSON.stringify({ db: [{ meta: { exported_on: 1, version: '2.0.0' }, data: { posts } }] }, null, 2);
    const { result, markdown, file } = importFixture('tests/fixtures/import/ghost', 'mobiledoc.ghost.json', {}, text);
    assert.equal(result.chapters.length, 2);
    assert.match(markdown[0] ?? '', /A claim\.\[\^1]/);
    assert.match(markdown[0] ?? '', /\[\^1]: The source\./);
    const empty = file.messages.find((message) => message.ruleId === 'import-empty-post');
    assert.match(empty?.reason ?? '', /“Nothing” has no body/);
    assert.equal(empty?.fatal, false);
  });

  test('a Lexical post holding only an empty paragraph (what Ghost stores for an empty post) is reported as having no body', () => {
    const lexical = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [] }] } });
    const posts = [{ id: '1', title: 'Empty one', slug: 'empty-one', lexical, html: null, status: 'published', published_at: '2024-01-02T10:00:00.000Z' }];
    const text = JSON.stringify({ db: [{ meta: { exported_on: 1, version: '5.0.0' }, data: { posts } }] }, null, 2);
    const { file } = importFixture('tests/fixtures/import/ghost', 'empty-lexical.ghost.json', {}, text);
    const empty = file.messages.find((message) => message.ruleId === 'import-empty-post');
    assert.match(empty?.reason ?? '', /“Empty one” has no body/);
  });

  test('a Ghost 5 post kept only as Lexical is read from it: its picture is a figure, not an empty post (TryGhost/migrate’s export)', () => {
    const { result, markdown, file, sourceLines } = importFixture('tests/fixtures/import/real/ghost', 'migrate-assetscraper-ghost.json');
    const index = result.chapters.findIndex((chapter) => chapter.piece.meta.title === 'Post 3 - Lexical');
    assert.equal(markdown[index], '::figure{remote="https://example.com/images/lexical-image.jpg"}\n');
    assert.ok(!file.messages.some((message) => message.ruleId === 'import-empty-post'));
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '"lexical": "{'), false), 'kept:body');
    assertEveryLineAccounted(result.lines, sourceLines);
  });

  test('Koenig’s nodes and cards are read as Ghost publishes them; a player is a link to its file, reported (Stencila’s Ghost test document)', () => {
    const koenig = readFileSync('tests/fixtures/import/real/ghost/stencila-test-fixture.koenig', 'utf8');
    const exported = JSON.parse(readFileSync('tests/fixtures/import/real/ghost/migrate-assetscraper-ghost.json', 'utf8'));
    exported.db[0].data.posts[2].lexical = koenig;
    const { result, markdown, file } = importFixture('tests/fixtures/import/real/ghost', 'koenig.json', {}, JSON.stringify(exported, null, 2));
    const body = markdown[result.chapters.findIndex((chapter) => chapter.piece.meta.title === 'Post 3 - Lexical')] ?? '';
    for (const expected of [
      /^Paragraph with \*\*bold\*\* _italic_ \*\*_bold and italic_\*\* ~~strikethrough~~ .* `code` .* and a \[link\]\(https:\/\/ghost\.org\/help\/using-the-editor\/\)$/m,
      /^## Heading 1\n\n### Heading 2\n\n#### Heading 3$/m,
      /^> A quote\n\n> Another quote$/m,
      /^- List item 1\\\n {2}This is a paragraph under the bullet$/m,
      /^1\. Numbered list item 1\n2\. Numbered list item 2$/m,
      /^::figure\[Image caption\]\{remote="https:\/\/stencila\.ghost\.io\/content\/images\/2025\/01\/stencila-128\.png"\}$/m,
      /^```python\nprint\("Hello world"\)\n```\n\nCode caption$/m,
      /^\| A \| B \|$/m,
      /^HTML card$/m,
      /^> 💡 What Ghost calls a "callout"/m,
      /^\*\*Collapsable Content Area\*\*\n\nWe can hide the text inside this area\.$/m,
      /^\[markdown-test-pandoc\]\(https:\/\/stencila\.ghost\.io\/content\/files\/2025\/01\/markdown-test-pandoc\.pdf\)$/m,
      /^\[Stencila\]\(https:\/\/stencila\.io\)\\\nDocuments with scientific intelligence$/m,
      /^\[Testing\]\(https:\/\/stencila\.ghost\.io\/content\/media\/2025\/01\/testing\.m4a\)$/m,
    ])
      assert.match(body, expected);
    assert.deepEqual(
      file.messages.filter((message) => message.ruleId === 'import-ghost-card').map((message) => /its (\w+) card/.exec(message.reason)?.[1]),
      ['video', 'audio'],
    );
  });

  test('a header card is a heading; a sign-up form and a card this importer does not know are reported, their text kept when they hold some', () => {
    const lexical = JSON.stringify({
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'extended-text', text: 'Before.', format: 0 }] },
          { type: 'header', version: 2, header: '<span>Big</span>', subheader: 'Smaller', buttonEnabled: false },
          { type: 'signup', version: 1, header: '<span>Sign up</span>', buttonText: 'Subscribe' },
          { type: 'mystery-block', children: [{ type: 'extended-text', text: 'Inside.', format: 0 }] },
        ],
      },
    });
    const posts = [{ id: '1', title: 'Cards', slug: 'cards', lexical, html: null, status: 'published', published_at: '2024-01-02T10:00:00.000Z' }];
    const text = JSON.stringify({ db: [{ meta: { exported_on: 1, version: '5.0.0' }, data: { posts } }] }, null, 2);
    const { markdown, file } = importFixture('tests/fixtures/import/ghost', 'lexical.ghost.json', {}, text);
    assert.equal(markdown[0], 'Before.\n\n## Big\n\nSmaller\n\nInside.\n');
    assert.deepEqual(
      file.messages.filter((message) => message.ruleId === 'import-ghost-card').map((message) => message.reason),
      [
        'post “Cards”: its signup card is not one this importer reads: left out; look at the original post',
        'post “Cards”: its mystery-block card is not one this importer reads: its text is kept; look at the original post',
      ],
    );
  });
});
