// The confidence threshold (parse-note's CONFIDENCE_THRESHOLD), measured by 2-fold cross-validation
// on the training files the bench never holds out (not corpus.tagged, whose notes are the bench's
// held-out folds; not anystyle-gold.tagged, the test set): each half of their notes is read by a
// model trained on the other half, and each citation it produces is compared with the one the
// note's hand labels give (the same step from labels to items, so only the model's mistakes count).
// `npm run train:notes -- --threshold` prints the sweep and the threshold `chosenThreshold` picks.
import { corpusComparisons, type Item, matchItems, oracleItems } from '../bench/compare-items.ts';
import type { CrfModel } from '../src/cite/label/crf.ts';
import type { LabelledNote } from '../src/cite/label/tagged.ts';
import { trainLabeller } from '../src/cite/label/train.ts';
import { parseNote } from '../src/cite/parse-note.ts';

/** The files of TRAINING_FILES the threshold may be chosen on. */
export const THRESHOLD_FILES = (files: readonly string[]) => files.filter((file) => !file.endsWith('/corpus.tagged'));

/** Thresholds tried, and how much worse a produced item with a wrong field is than a refused note
 * (the editor must first notice it, then correct it; a note left as typed is flagged). */
const CANDIDATES = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
export const GARBAGE_COST = 3;

interface Reading {
  file: string;
  /** Citations the model produced: confidence, and whether the item has a wrong or invented field. */
  citations: { confidence: number; garbage: boolean }[];
}

interface SweepRow {
  threshold: number;
  notes: number;
  refused: number;
  produced: number;
  garbage: number;
  cost: number;
  se: number;
}

function reading(file: string, note: LabelledNote, model: CrfModel): Reading | undefined {
  const expected = oracleItems(note).filter((item) => Object.keys(item).some((key) => key !== 'type'));
  if (expected.length === 0) return undefined;
  const citations = parseNote(note.text, { model }).citations;
  const matched = matchItems(
    expected,
    citations.map((citation) => citation.item as Item),
  );
  return {
    file,
    citations: citations.map((citation, index) => {
      const [match, item] = matched[index]!;
      const garbage = corpusComparisons(match ?? { type: 'document' }, item).some(([, want, got]) => got !== undefined && want !== got);
      return { confidence: citation.confidence, garbage };
    }),
  };
}

/** Each half of the notes read by a model trained on the other half. */
export function thresholdReadings(files: readonly { name: string; notes: readonly LabelledNote[] }[], log: (message: string) => void): Reading[] {
  const all = files.flatMap(({ name, notes }) => notes.map((note) => ({ file: name, note })));
  const halves = [all.filter((_, index) => index % 2 === 0), all.filter((_, index) => index % 2 === 1)];
  const readings: Reading[] = [];
  for (const [half, held] of halves.entries()) {
    const started = performance.now();
    const model = trainLabeller(halves[1 - half]!.map(({ note }) => note));
    log(`half ${half + 1}: trained on ${halves[1 - half]!.length} notes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const { file, note } of held) {
      const read = reading(file, note, model);
      if (read) readings.push(read);
    }
  }
  return readings;
}

/**
 * Refusal and garbage at each candidate threshold. A note is refused when none of its citations
 * reaches the threshold; the items kept are compared as they were produced. `se` is the standard
 * error of `cost`, a sum over the notes (each note costs GARBAGE_COST per wrong item kept, 1 if refused).
 */
export function thresholdSweep(readings: readonly Reading[]): SweepRow[] {
  return CANDIDATES.map((threshold) => {
    const kept = readings.map((read) => read.citations.filter((citation) => citation.confidence >= threshold));
    const costs = kept.map((citations) => GARBAGE_COST * citations.filter((citation) => citation.garbage).length + (citations.length === 0 ? 1 : 0));
    const cost = costs.reduce((sum, value) => sum + value, 0);
    const mean = cost / costs.length;
    const variance = costs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, costs.length - 1);
    return {
      threshold,
      notes: readings.length,
      refused: kept.filter((citations) => citations.length === 0).length,
      produced: kept.reduce((sum, citations) => sum + citations.length, 0),
      garbage: kept.reduce((sum, citations) => sum + citations.filter((citation) => citation.garbage).length, 0),
      cost,
      se: Math.sqrt(variance * costs.length),
    };
  });
}

/**
 * The one-standard-error rule (Hastie, Tibshirani and Friedman, _The Elements of Statistical
 * Learning_, 7.10): the cost curve is flat near its minimum, so of the thresholds whose cost is
 * within one standard error of the least, the lowest, which leaves the fewest notes as typed.
 */
export function chosenThreshold(rows: readonly SweepRow[]): number {
  const best = rows.reduce((least, row) => (row.cost < least.cost ? row : least));
  return rows.find((row) => row.cost <= best.cost + best.se)!.threshold;
}
