import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryMemo } from '../../../src/preview/memory-memo.ts';

describe('preview memory memo', () => {
  it('computes once, hands out copies, and forgets what the last rebuild did not use', () => {
    const memo = new MemoryMemo();
    let computed = 0;
    const compute = () => {
      computed += 1;
      return { tree: [1, 2, 3] };
    };
    const first = memo.value('chapter', 'a', compute);
    first.tree.push(4);
    assert.deepEqual(memo.value('chapter', 'a', compute), { tree: [1, 2, 3] }, 'a caller’s change never reaches the memo');
    memo.value('chapter', 'b', compute);
    assert.equal(memo.settle(), 2);
    assert.deepEqual(memo.value('chapter', 'a', compute), { tree: [1, 2, 3] });
    assert.equal(computed, 2);
    assert.equal(memo.settle(), 1, 'b was not used by the last rebuild');
    assert.equal(memo.has('chapter', 'a'), true);
    assert.equal(
      memo.has('chapter', () => 'b'),
      false,
    );
    memo.value('chapter', 'b', compute);
    assert.equal(computed, 3);
  });

  it('keeps everything through a failed rebuild, and computes values it cannot copy', () => {
    const memo = new MemoryMemo();
    memo.value('chapter', 'a', () => 1);
    memo.value('chapter', 'b', () => 2);
    memo.settle();
    memo.value('chapter', 'a', () => 1);
    memo.abandon();
    let computed = 0;
    memo.value('chapter', 'b', () => {
      computed += 1;
      return 2;
    });
    assert.equal(computed, 0);
    let made = 0;
    const withFunction = () => {
      made += 1;
      return { run: () => made };
    };
    memo.value('bibliography', 'f', withFunction);
    memo.value('bibliography', 'f', withFunction);
    assert.equal(made, 2, 'a value that cannot be copied is computed each time');
    assert.equal(memo.settle(), 1, 'only b is kept');
  });
});
