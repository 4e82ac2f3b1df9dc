/**
 * The labeller at work: a note's Markdown → its tokens, each with the label the model gives it
 * and the model's probability for that label (its marginal, from forward-backward), and the
 * model's joint probability of the labels of any set of them (a citation's words).
 */
import committedFile from '../../../data/notes/model.json' with { type: 'json' };
import { type CrfModel, labelling } from './crf.ts';
import { noteFeatures } from './features.ts';
import type { Label } from './labels.ts';
import { fromModelFile, type ModelFile } from './model-file.ts';
import { type NoteToken, tokenizeNote } from './tokens.ts';

export interface LabelledToken extends NoteToken {
  label: Label;
  /** The model's probability that this token has this label. */
  confidence: number;
  /**
   * For a token whose label has a kin (`KIN`): the probability that it has either, whichever the
   * model chose. A plain name after a title (`“Title,” CNN, 4 December 2018`) is often doubted only
   * between the periodical or site the work is in and the body that issues it; a page (`p. 5.`)
   * between the article's pages and the page cited. Either way the words are that kind of fact.
   */
  kinConfidence?: number;
}

/** Labels the model often doubts only between each other: what the words are is sure, which field less so. */
const KIN: readonly (readonly Label[])[] = [
  ['container-title', 'publisher'],
  ['pages', 'locator'],
];

let committed: CrfModel | undefined;

/** The committed model (`data/notes/model.json`), read once. */
export function committedModel(): CrfModel {
  committed ??= fromModelFile(committedFile as ModelFile);
  return committed;
}

export function labelNote(text: string, model?: CrfModel): LabelledToken[] {
  return labelNoteWithSureness(text, model).tokens;
}

export interface NoteLabelling {
  tokens: LabelledToken[];
  /**
   * The model's probability that the tokens at these indices all have the labels it gave them, at
   * once (a citation read right is all its words read right; the tokens' marginals each see one).
   */
  sureness(indices: readonly number[]): number;
}

export function labelNoteWithSureness(text: string, model?: CrfModel): NoteLabelling {
  const crf = model ?? committedModel();
  const tokens = tokenizeNote(text);
  if (tokens.length === 0) return { tokens: [], sureness: () => 1 };
  const sequence = { features: noteFeatures(tokens) };
  const lattice = labelling(crf, sequence);
  const { path, marginals: probabilities } = lattice;
  const size = crf.labels.length;
  const kin = new Map(
    KIN.flatMap((group) => group.map((label) => [label, group.map((member) => crf.labels.indexOf(member)).filter((at) => at >= 0)] as const)),
  );
  const labelled = tokens.map((token, index) => {
    const label = crf.labels[path[index]!] as Label;
    const labelled: LabelledToken = { ...token, label, confidence: probabilities[index * size + path[index]!]! };
    const group = kin.get(label);
    if (group) labelled.kinConfidence = group.reduce((sum, at) => sum + probabilities[index * size + at]!, 0);
    return labelled;
  });
  const sureness = (indices: readonly number[]) => {
    const mask = new Uint8Array(tokens.length * size).fill(1);
    for (const index of indices) {
      mask.fill(0, index * size, (index + 1) * size);
      mask[index * size + path[index]!] = 1;
    }
    return lattice.constrained([mask])[0]!;
  };
  return { tokens: labelled, sureness };
}
