import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportUnknownCitations } from '../../../src/cite/cite-chapter.ts';

describe('a chapter’s citations of keys no bibliography holds, at import', () => {
  it('are each reported at their place; an address or handle with @ is not a citation', () => {
    const text =
      '---\ntitle: A Post\n---\n\nAs shown before [@known, p. 3], and elsewhere [see @missing; @known].\n\nMail me at jane@example.org about @someone, as @known says.\n';
    const file = reportUnknownCitations('chapters/a-post.md', text, new Set(['known']));
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason]),
      [
        [
          'import-citation-unknown',
          5,
          47,
          "[see @missing; @known] cites @missing, which neither bibliography/ nor the post's own bibliography holds: the build stops on it until its work is in bibliography/",
        ],
      ],
    );
    assert.equal(reportUnknownCitations('chapters/a-post.md', text, new Set(['known', 'missing'])).messages.length, 0);
  });
});
