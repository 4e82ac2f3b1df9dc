import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeAfter, placeLocator, placeOfOffset, placeOfText } from '../../../src/core/place.ts';
import { withLineFeeds } from '../../../src/io/read.ts';

test('offsets become 1-based lines and columns; CRLF ends a line once, its CR on the line it ends', () => {
  const text = 'ab\r\ncd\nef';
  const at = placeLocator(text);
  assert.deepEqual(at(0), { line: 1, column: 1 });
  assert.deepEqual(at(2), { line: 1, column: 3 }); // the CR
  assert.deepEqual(at(3), { line: 1, column: 4 }); // the LF
  assert.deepEqual(at(4), { line: 2, column: 1 });
  assert.deepEqual(at(7), { line: 3, column: 1 });
  assert.deepEqual(at(text.length), { line: 3, column: 3 });
});

test('offsets outside the text are clamped to it', () => {
  assert.deepEqual(placeOfOffset('ab\ncd', 99), { line: 2, column: 3 });
  assert.deepEqual(placeOfOffset('ab\ncd', -4), { line: 1, column: 1 });
  assert.deepEqual(placeOfOffset('', 0), { line: 1, column: 1 });
});

test('a lone CR is a line end, the same place as the LF that reading puts there', () => {
  const oldMac = 'one\rtwo\rthree';
  assert.deepEqual(placeOfOffset(oldMac, 8), { line: 3, column: 1 });
  assert.deepEqual(placeOfOffset(withLineFeeds(oldMac), 8), { line: 3, column: 1 });
});

test('the first occurrence of a text, or nothing', () => {
  assert.deepEqual(placeOfText('id: a\nkey: "x"\n', '"x"'), { line: 2, column: 6 });
  assert.equal(placeOfText('abc', 'z'), undefined);
});

test('the place after a slice whose start is known: on its line, or on the line its last line feed opens', () => {
  assert.deepEqual(placeAfter({ line: 3, column: 5 }, ''), { line: 3, column: 5 });
  assert.deepEqual(placeAfter({ line: 3, column: 5 }, 'abc'), { line: 3, column: 8 });
  assert.deepEqual(placeAfter({ line: 3, column: 5 }, 'abc\nde'), { line: 4, column: 3 });
  assert.deepEqual(placeAfter({ line: 3, column: 5 }, 'abc\n'), { line: 4, column: 1 });
  // The same place vfile-location gives for the offset after the slice, in the text it is cut from.
  const text = 'xxxx\nyyyyabc\nde and on';
  assert.deepEqual(placeAfter(placeOfOffset(text, 9), 'abc\nde'), placeOfOffset(text, 15));
});
