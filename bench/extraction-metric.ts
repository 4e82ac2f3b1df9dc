// The scoring of scrapinghub/article-extraction-benchmark (`evaluate.py`), reproduced exactly:
// 4-token shingles of `\w+` tokens, true/false positives and negatives normalised per page so long
// pages weigh no more than short ones, precision averaged over pages that predicted something,
// recall over pages whose truth has something, F1 the harmonic mean of those two averages (not an
// average of per-page F1s), accuracy the share of pages whose token sequence is exactly the truth.

/** Python's `re` `\w` on str: letters, digits (any numeric character) and the underscore. */
const token = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(token) ?? [];
}

/** `_ngrams`: every run of n tokens; a text shorter than n is one shorter shingle, an empty one none. */
function shingles(text: string, n: number): Map<string, number> {
  const words = tokens(text);
  const counts = new Map<string, number>();
  for (let index = 0; index < Math.max(1, words.length - n + 1); index++) {
    const shingle = words.slice(index, index + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** `string_shingle_matching`: shingle counts compared, normalised to sum to 1. */
export function pageCounts(truth: string, prediction: string, n = 4): PageCounts {
  const expected = shingles(truth, n);
  const predicted = shingles(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...expected.keys(), ...predicted.keys()])) {
    const want = expected.get(key) ?? 0;
    const got = predicted.get(key) ?? 0;
    tp += Math.min(want, got);
    fp += Math.max(0, got - want);
    fn += Math.max(0, want - got);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

export function precisionOf({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallOf({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** One page's F1, for counting failures (the benchmark itself reports only the aggregate). */
export function pageF1(counts: PageCounts): number {
  const precision = precisionOf(counts);
  const recall = recallOf(counts);
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** `get_accuracy`: the same tokens in the same order. */
export function isExact(truth: string, prediction: string): boolean {
  const expected = tokens(truth);
  const predicted = tokens(prediction);
  return expected.length === predicted.length && expected.every((word, index) => predicted[index] === word);
}

export interface Metrics {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
}

/** `metrics_from_tp_fp_fns` and the mean accuracy, over all pages. */
export function metricsOf(pages: readonly { counts: PageCounts; exact: boolean }[]): Metrics {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length);
  const precision = mean(pages.filter(({ counts }) => counts.tp + counts.fp > 0).map(({ counts }) => precisionOf(counts)));
  const recall = mean(pages.filter(({ counts }) => counts.tp + counts.fn > 0).map(({ counts }) => recallOf(counts)));
  return {
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    precision,
    recall,
    accuracy: mean(pages.map(({ exact }) => (exact ? 1 : 0))),
  };
}
