import assert from 'node:assert/strict';
import type { LabelledToken } from '../../src/cite/label/label-note.ts';
import type { Label } from '../../src/cite/label/labels.ts';
import { tokenizeNote } from '../../src/cite/label/tokens.ts';

/** The note's tokens with the labels and probabilities given, one per token: a model's reading, made by hand. */
export function labelled(note: string, labels: [Label, number][]): () => LabelledToken[] {
  const tokens = tokenizeNote(note);
  assert.equal(tokens.length, labels.length);
  return () => tokens.map((token, index) => ({ ...token, label: labels[index]![0], confidence: labels[index]![1] }));
}
