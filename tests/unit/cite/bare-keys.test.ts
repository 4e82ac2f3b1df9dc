import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { reportBareKeys } from '../../../src/cite/bare-keys.ts';
import { parseChapter } from '../../../src/load/chapter.ts';

describe('Pandoc’s in-text citation (@key outside brackets), which is not read', () => {
  it('is reported where it is when the key names a work; handles, addresses and code are prose', () => {
    const file = new VFile({
      path: 'chapters/a.md',
      value:
        '---\ntitle: A\n---\n\nAs @knuth1984 says, and @someone too (@Knuth:1984 [p. 3]); mail me@knuth1984.org, `@knuth1984`, [x](https://e.org/@knuth1984).\n',
    });
    const parsed = parseChapter(file);
    assert.ok(parsed);
    reportBareKeys(parsed.tree, new Set(['knuth1984', 'Knuth:1984']), file);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.column]),
      [
        ['cite-in-text', 5, 4],
        ['cite-in-text', 5, 39],
      ],
    );
    assert.match(file.messages[0]?.reason ?? '', /write \[@knuth1984\] for a citation, or name the author and cite \[-@knuth1984\]/);
  });
});
