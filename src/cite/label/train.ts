/**
 * Training the labeller: labelled notes → a CRF, with the settings the committed model was made
 * with. Pure (the files are read by `scripts/train-notes.ts`, the bench and the tests).
 */
import { createHash } from 'node:crypto';
import { type CrfModel, type Sequence, type TrainOptions, trainCrf } from './crf.ts';
import { noteFeatures } from './features.ts';
import { LABELS } from './labels.ts';
import { type LabelledNote, labelledTokens } from './tagged.ts';

/** The training data, in the order it is read. */
export const TRAINING_FILES = [
  'data/notes/anystyle-core.tagged',
  'data/notes/anystyle-good-notes.tagged',
  'data/notes/corpus.tagged',
  'data/notes/seed.tagged',
  'data/notes/wikipedia.tagged',
  'data/notes/public-notes.tagged',
  'data/notes/more-notes.tagged',
  'data/notes/more-notes-2.tagged',
  'data/notes/more-notes-3.tagged',
  'data/notes/more-notes-4.tagged',
  'data/notes/more-notes-5.tagged',
  'data/notes/more-notes-6.tagged',
  'data/notes/more-notes-7.tagged',
  'data/notes/more-notes-8.tagged',
  'data/notes/more-notes-9.tagged',
];

/** The code whose change changes the model: a model trained before it changed is stale. */
export const MODEL_CODE = ['labels.ts', 'tokens.ts', 'features.ts', 'dictionaries.ts', 'crf.ts', 'tagged.ts', 'train.ts'].map(
  (name) => `src/cite/label/${name}`,
);

export const TRAIN_OPTIONS: Omit<TrainOptions, 'log'> = {
  // Chosen by 2-fold cross-validation over the training files the bench never holds out (not the
  // corpus notes, not gold.xml): token accuracy 91.8/92.0/91.9/90.8% at l2 0.3/1/3/10 on half the
  // data, whose 1 is about 2 on all of it (the penalty is over the whole data set).
  l2: 2,
  rate: 0.1,
  warmEpochs: 10,
  maxIterations: 300,
  tolerance: 1e-4,
  minCount: 2,
  seed: 20261205,
};

export function toSequence(note: LabelledNote): Sequence {
  const { tokens, labels } = labelledTokens(note);
  return { features: noteFeatures(tokens), labels: labels.map((label) => LABELS.indexOf(label)) };
}

/** `options` override the committed settings (the bench's `--seed`). */
export function trainLabeller(notes: readonly LabelledNote[], log?: (message: string) => void, options: Partial<TrainOptions> = {}): CrfModel {
  return trainCrf(LABELS, notes.map(toSequence), { ...TRAIN_OPTIONS, ...options, ...(log ? { log } : {}) });
}

/** SHA-256 over named texts (training files and model code), in the order given. */
export function trainingHash(texts: readonly { name: string; text: string }[]): string {
  const hash = createHash('sha256');
  for (const { name, text } of texts) hash.update(`${name}\n${text.length}\n${text}`);
  return hash.digest('hex');
}
