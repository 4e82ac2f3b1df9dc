/**
 * The trained model as committed (`data/notes/model.json`): labels, feature strings, weights
 * quantised to 16 bits (a few hundred kilobytes instead of megabytes, the same labels), and the
 * hash of the data and code it was trained from, so a test can tell when it is stale.
 */
import type { CrfModel } from './crf.ts';

export interface ModelFile {
  format: 1;
  /** SHA-256 of the training files and of the code that turns notes into features. */
  trainedFrom: string;
  labels: string[];
  /** Feature strings, one a line, in row order. */
  features: string;
  /** Row-major state weights as little-endian int16, base64. */
  weights: string;
  /** Transition weights (start row last), rounded. */
  transitions: number[];
  /** Weight = int16 × scale. */
  scale: number;
}

export function toModelFile(model: CrfModel, trainedFrom: string): ModelFile {
  let max = 0;
  for (const weight of model.weights) max = Math.max(max, Math.abs(weight));
  const scale = max / 32767 || 1;
  const quantised = new Int16Array(model.weights.length);
  for (const [index, weight] of model.weights.entries()) quantised[index] = Math.round(weight / scale);
  const bytes = new Uint8Array(quantised.buffer);
  const little = new DataView(new ArrayBuffer(bytes.length));
  for (const [index, value] of quantised.entries()) little.setInt16(index * 2, value, true);
  return {
    format: 1,
    trainedFrom,
    labels: [...model.labels],
    features: [...model.features.keys()].join('\n'),
    weights: Buffer.from(little.buffer).toString('base64'),
    transitions: [...model.transitions].map((value) => Math.round(value * 1e4) / 1e4),
    scale,
  };
}

export function fromModelFile(file: ModelFile): CrfModel {
  const features = new Map(file.features.split('\n').map((feature, index) => [feature, index] as const));
  const bytes = Buffer.from(file.weights, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Float64Array(bytes.byteLength / 2);
  for (let index = 0; index < weights.length; index++) weights[index] = view.getInt16(index * 2, true) * file.scale;
  return { labels: file.labels, features, weights, transitions: Float64Array.from(file.transitions) };
}
