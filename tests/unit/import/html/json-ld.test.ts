import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonLd } from '../../../../src/import/html/json-ld.ts';

describe('JSON-LD as pages write it', () => {
  it('reads it bare or wrapped as XHTML and old browsers wanted (CDATA, comments, in any order), and nothing else', () => {
    for (const text of [
      '{"a":1}',
      '<![CDATA[ {"a":1} ]]>', // Medium
      '/*<![CDATA[*/{"a":1}/*]]>*/',
      '// <![CDATA[\n{"a":1}\n// ]]>',
      '<!--\n<![CDATA[{"a":1}]]>\n-->',
      '<!--{"a":1}//-->',
    ])
      assert.deepEqual(parseJsonLd(text), { a: 1 }, text);
    assert.equal(parseJsonLd('not json'), undefined);
  });
});
