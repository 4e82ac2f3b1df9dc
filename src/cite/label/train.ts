/**
 * Training the labeller: labelled notes → a CRF, with the settings the committed model was made
 * with. Pure (the files are read by `scripts/train-notes.ts`, the bench and the tests).
 */
import { createHash } from 'node:crypto';
import { type CrfModel, type Sequence, trainCrf } from './crf.ts';
import { noteFeatures } from './features.ts';
import { LABELS } from './labels.ts';
import { type LabelledNote, labelledTokens } from './tagged.ts';

/** The training data, in the order it is read (order matters to SGD, so it is fixed). */
export const TRAINING_FILES = [
  'data/notes/anystyle-core.tagged',
  'data/notes/anystyle-good-notes.tagged',
  'data/notes/corpus.tagged',
  'data/notes/seed.tagged',
  'data/notes/wikipedia.tagged',
];

/** The code whose change changes the model: a model trained before it changed is stale. */
export const MODEL_CODE = ['labels.ts', 'tokens.ts', 'features.ts', 'dictionaries.ts', 'crf.ts', 'tagged.ts', 'train.ts'].map(
  (name) => `src/cite/label/${name}`,
);

export const TRAIN_OPTIONS = { method: 'sgd', l2: 1, rate: 0.1, maxIterations: 30, tolerance: 1e-4, minCount: 2 } as const;

export function toSequence(note: LabelledNote): Sequence {
  const { tokens, labels } = labelledTokens(note);
  return { features: noteFeatures(tokens), labels: labels.map((label) => LABELS.indexOf(label)) };
}

export function trainLabeller(notes: readonly LabelledNote[], log?: (message: string) => void): CrfModel {
  return trainCrf(LABELS, notes.map(toSequence), { ...TRAIN_OPTIONS, ...(log ? { log } : {}) });
}

/** SHA-256 over named texts (training files and model code), in the order given. */
export function trainingHash(texts: readonly { name: string; text: string }[]): string {
  const hash = createHash('sha256');
  for (const { name, text } of texts) hash.update(`${name}\n${text.length}\n${text}`);
  return hash.digest('hex');
}
