import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectText } from '../../../src/io/read.ts';
import { decodeText, withoutControlCharacters } from '../../../src/io/read-source.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('control characters in a source', () => {
  it('takes out a stray U+001D and says where it was (adbar/trafilatura tests/cache/buchperlen.wordpress.com.html, line 166)', () => {
    const decoded = decodeText(bytes('<p>Leandra Lou\n<p>Modeblog \u001djetzt auch zwischen Buchdeckeln.</p>\n'));
    assert.ok(!('unreadable' in decoded));
    assert.equal(decoded.text, '<p>Leandra Lou\n<p>Modeblog jetzt auch zwischen Buchdeckeln.</p>\n');
    assert.deepEqual(decoded.controls, [{ line: 2, column: 13, codes: [0x1d] }]);
  });

  it('takes out C0 (not tab or line ends), DEL and C1 controls, one entry per line', () => {
    const { text, controls } = withoutControlCharacters('a\u0007b\u0008\tc\r\nd\u007f\u0085e\u000cf\n');
    assert.equal(text, 'ab\tc\r\nde' + 'f\n');
    assert.deepEqual(controls, [
      { line: 1, column: 2, codes: [7, 8] },
      { line: 2, column: 2, codes: [0x7f, 0x85, 0x0c] },
    ]);
    assert.deepEqual(withoutControlCharacters('plain\ttext\n'), { text: 'plain\ttext\n', controls: [] });
  });

  it('still refuses a NUL (a damaged or binary file), at its place', () => {
    // Past the first 8 kB, which the binary sniff reads.
    const decoded = decodeText(bytes(`Title\n\n${'Words of the piece. '.repeat(600)}\nThen\u0000 a NUL \u0007.\n`));
    assert.ok('unreadable' in decoded);
    assert.equal(decoded.unreadable.ruleId, 'text-control-character');
    assert.deepEqual(decoded.unreadable.place, { line: 4, column: 5 });
  });

  it('keeps refusing control characters in the project’s own files (a chapter the editor wrote)', () => {
    const read = projectText(bytes('---\ntitle: T\n---\n\nThe bell \u0007 rang.\n'));
    assert.ok('problem' in read);
    assert.equal(read.problem.ruleId, 'text-control-character');
  });
});
