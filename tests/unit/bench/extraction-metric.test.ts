import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isExact, metricsOf, pageCounts, tokens } from '../../../bench/extraction-metric.ts';

// Expected values worked out by hand from scrapinghub/article-extraction-benchmark's evaluate.py.
describe('the article-extraction benchmark metric (evaluate.py)', () => {
  it('tokens are runs of letters, digits and underscores in any script', () => {
    assert.deepEqual(tokens('Don’t stop — naïve café, 2019_x; 東京 i.e.'), ['Don', 't', 'stop', 'naïve', 'café', '2019_x', '東京', 'i', 'e']);
  });

  it('counts 4-token shingles, normalised so every page weighs the same', () => {
    // truth: a b c d e → (a b c d), (b c d e); prediction: a b c d x → (a b c d), (b c d x)
    assert.deepEqual(pageCounts('a b c d e', 'a b c d x'), { tp: 1 / 3, fp: 1 / 3, fn: 1 / 3 });
    // Fewer than four tokens make one shorter shingle; an empty text makes none.
    assert.deepEqual(pageCounts('a b', 'a b'), { tp: 1, fp: 0, fn: 0 });
    assert.deepEqual(pageCounts('a b c d', ''), { tp: 0, fp: 0, fn: 1 });
  });

  it('averages precision over pages that predicted something, recall over pages with a truth, and takes F1 of the averages', () => {
    const pages = [
      { counts: pageCounts('a b c d e', 'a b c d x'), exact: false }, // precision 0.5, recall 0.5
      { counts: pageCounts('a b c d', ''), exact: false }, // no prediction: recall 0, no precision
      { counts: pageCounts('a b c d', 'a b c d'), exact: true }, // both 1
    ];
    const metrics = metricsOf(pages);
    assert.equal(metrics.precision, 0.75);
    assert.equal(metrics.recall, 0.5);
    assert.equal(metrics.f1, (2 * 0.75 * 0.5) / 1.25);
    assert.equal(metrics.accuracy, 1 / 3);
  });

  it('accuracy is the same tokens in the same order, whatever the spacing and punctuation', () => {
    assert.ok(isExact('One, two.\n\nThree!', 'One two Three'));
    assert.ok(!isExact('One two three', 'One three two'));
  });
});
