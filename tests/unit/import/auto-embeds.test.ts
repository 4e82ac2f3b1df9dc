import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkAutoEmbeds } from '../../../src/import/wordpress/auto-embeds.ts';

describe('addresses alone on their line in a WordPress post', () => {
  it('an address of a site WordPress embeds from is an embed in a paragraph of its own; any other stays a link in its line', () => {
    const { html, embeds } = linkAutoEmbeds('Sources:\nhttps://example.com/a\nhttps://example.com/b\n\nhttps://twitter.com/nacin/status/319508408669708289\n');
    assert.equal(
      html,
      'Sources:\n<a href="https://example.com/a">https://example.com/a</a>\n<a href="https://example.com/b">https://example.com/b</a>\n\n<p><a href="https://twitter.com/nacin/status/319508408669708289">https://twitter.com/nacin/status/319508408669708289</a></p>\n',
    );
    assert.deepEqual(embeds, [{ line: 5, column: 1, url: 'https://twitter.com/nacin/status/319508408669708289' }]);
  });
});
