import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importFixture } from '../../helpers/import.ts';

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
});
