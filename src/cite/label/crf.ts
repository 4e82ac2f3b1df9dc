/**
 * A linear-chain conditional random field: label weights per feature, transition weights between
 * labels, Viterbi for the best labelling and forward-backward for each token's marginal
 * probabilities (the model's confidence). Training maximises the L2-regularised log-likelihood:
 * a few epochs of SGD to get near the optimum, then L-BFGS to it. The objective is strictly convex,
 * so the model is its one optimum, whatever order SGD saw the notes in (a model SGD leaves short
 * of it moved held-out fields by 5 points with the shuffle alone); the same data gives the same model.
 */

export interface CrfModel {
  labels: readonly string[];
  /** Feature string → row index into `weights`. */
  features: ReadonlyMap<string, number>;
  /** `features.size × labels.length` state weights, row-major. */
  weights: Float64Array;
  /** `(labels + 1) × labels`: row `labels.length` is the start of the note. */
  transitions: Float64Array;
}

export interface Sequence {
  /** Feature strings of each token. */
  features: readonly (readonly string[])[];
  /** Label index of each token (training only). */
  labels?: readonly number[];
}

/** Each token's rows in the weight table (features the model does not know are left out). */
function featureRows(model: CrfModel, sequence: Sequence): Int32Array[] {
  return sequence.features.map((features) => {
    const rows: number[] = [];
    for (const feature of features) {
      const row = model.features.get(feature);
      if (row !== undefined) rows.push(row);
    }
    return Int32Array.from(rows);
  });
}

/** Each token's state scores (one row of `labels.length` per token). */
function stateScores(model: CrfModel, rows: readonly Int32Array[], factor = 1): Float64Array {
  const size = model.labels.length;
  const scores = new Float64Array(rows.length * size);
  for (const [position, tokenRows] of rows.entries()) {
    const base = position * size;
    for (const row of tokenRows) {
      const offset = row * size;
      for (let label = 0; label < size; label++) scores[base + label]! += model.weights[offset + label]!;
    }
  }
  if (factor !== 1) for (let index = 0; index < scores.length; index++) scores[index]! *= factor;
  return scores;
}

/** The most probable labelling. */
export function viterbi(model: CrfModel, sequence: Sequence): number[] {
  if (sequence.features.length === 0) return [];
  return bestPath(model, stateScores(model, featureRows(model, sequence)), sequence.features.length);
}

function bestPath(model: CrfModel, scores: Float64Array, length: number): number[] {
  const size = model.labels.length;
  const best = new Float64Array(length * size);
  const back = new Int32Array(length * size);
  for (let label = 0; label < size; label++) best[label] = model.transitions[size * size + label]! + scores[label]!;
  for (let position = 1; position < length; position++) {
    for (let label = 0; label < size; label++) {
      let max = Number.NEGATIVE_INFINITY;
      let argmax = 0;
      for (let previous = 0; previous < size; previous++) {
        const value = best[(position - 1) * size + previous]! + model.transitions[previous * size + label]!;
        if (value > max) {
          max = value;
          argmax = previous;
        }
      }
      best[position * size + label] = max + scores[position * size + label]!;
      back[position * size + label] = argmax;
    }
  }
  let last = 0;
  for (let label = 1; label < size; label++) if (best[(length - 1) * size + label]! > best[(length - 1) * size + last]!) last = label;
  const path = [last];
  for (let position = length - 1; position > 0; position--) path.unshift(back[position * size + path[0]!]!);
  return path;
}

interface Lattice {
  scores: Float64Array;
  /** Each token's label probabilities. */
  marginals: Float64Array;
  /** exp(transitions) (without the start row). */
  expTransitions: Float64Array;
  /** Scaled forward and backward variables and the per-token scale factors. */
  alpha: Float64Array;
  beta: Float64Array;
  /** exp(state score − the token's largest) */
  expScores: Float64Array;
  scale: Float64Array;
  logZ: number;
}

/**
 * Forward-backward in scaled probability space (as CRFsuite does): exponentials once per token
 * and label, each position's forward values normalised to sum to 1.
 */
function forwardBackward(model: CrfModel, rows: readonly Int32Array[], factor = 1): Lattice {
  const size = model.labels.length;
  const length = rows.length;
  const scores = stateScores(model, rows, factor);
  const expScores = new Float64Array(length * size);
  let logOffset = 0;
  for (let position = 0; position < length; position++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let label = 0; label < size; label++) max = Math.max(max, scores[position * size + label]!);
    for (let label = 0; label < size; label++) expScores[position * size + label] = Math.exp(scores[position * size + label]! - max);
    logOffset += max;
  }
  const expTransitions = new Float64Array(size * size);
  for (let index = 0; index < size * size; index++) expTransitions[index] = Math.exp(factor * model.transitions[index]!);
  const alpha = new Float64Array(length * size);
  const beta = new Float64Array(length * size);
  const scale = new Float64Array(length);
  let sum = 0;
  for (let label = 0; label < size; label++) {
    alpha[label] = Math.exp(factor * model.transitions[size * size + label]!) * expScores[label]!;
    sum += alpha[label]!;
  }
  scale[0] = sum;
  for (let label = 0; label < size; label++) alpha[label]! /= sum;
  for (let position = 1; position < length; position++) {
    sum = 0;
    for (let label = 0; label < size; label++) {
      let total = 0;
      for (let previous = 0; previous < size; previous++) total += alpha[(position - 1) * size + previous]! * expTransitions[previous * size + label]!;
      const value = total * expScores[position * size + label]!;
      alpha[position * size + label] = value;
      sum += value;
    }
    scale[position] = sum;
    for (let label = 0; label < size; label++) alpha[position * size + label]! /= sum;
  }
  for (let label = 0; label < size; label++) beta[(length - 1) * size + label] = 1;
  for (let position = length - 2; position >= 0; position--) {
    for (let label = 0; label < size; label++) {
      let total = 0;
      for (let next = 0; next < size; next++) {
        total += expTransitions[label * size + next]! * expScores[(position + 1) * size + next]! * beta[(position + 1) * size + next]!;
      }
      beta[position * size + label] = total / scale[position + 1]!;
    }
  }
  const result = new Float64Array(length * size);
  for (let index = 0; index < result.length; index++) result[index] = alpha[index]! * beta[index]!;
  let logZ = logOffset;
  for (let position = 0; position < length; position++) logZ += Math.log(scale[position]!);
  return { scores, marginals: result, expTransitions, alpha, beta, expScores, scale, logZ };
}

/**
 * A note read once: the most probable labelling (`path`), each token's probability of each label
 * (`marginals`, rows of `labels.length`), and `constrained(masks)`: the probability that the
 * labelling keeps to each mask (`length × labels`: 1 where a token may have that label), the
 * constrained lattice's partition function over the free one's (Culotta and McCallum, “Confidence
 * Estimation for Information Extraction”, 2004). Clamping a field's tokens to its label gives the
 * probability that the model reads them so, which the tokens' marginals each see only in part.
 */
export function labelling(
  model: CrfModel,
  sequence: Sequence,
): { path: number[]; marginals: Float64Array; constrained(masks: readonly Uint8Array[]): number[] } {
  if (sequence.features.length === 0) return { path: [], marginals: new Float64Array(0), constrained: (masks) => masks.map(() => 1) };
  const rows = featureRows(model, sequence);
  const { logZ, scores, expTransitions, marginals } = forwardBackward(model, rows);
  return {
    path: bestPath(model, scores, rows.length),
    marginals,
    constrained: (masks) => masks.map((mask) => Math.exp(constrainedLogZ(model, scores, expTransitions, rows.length, mask) - logZ)),
  };
}

/** log Z of the lattice with the labels `mask` forbids taken out (scaled forward pass). */
function constrainedLogZ(model: CrfModel, scores: Float64Array, expTransitions: Float64Array, length: number, mask: Uint8Array): number {
  const size = model.labels.length;
  let alpha = new Float64Array(size);
  let next = new Float64Array(size);
  let logZ = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let label = 0; label < size; label++) if (mask[label]) max = Math.max(max, model.transitions[size * size + label]! + scores[label]!);
  if (max === Number.NEGATIVE_INFINITY) return max;
  for (let label = 0; label < size; label++) alpha[label] = mask[label] ? Math.exp(model.transitions[size * size + label]! + scores[label]! - max) : 0;
  logZ += max;
  for (let position = 1; position < length; position++) {
    let top = Number.NEGATIVE_INFINITY;
    for (let label = 0; label < size; label++) if (mask[position * size + label]) top = Math.max(top, scores[position * size + label]!);
    if (top === Number.NEGATIVE_INFINITY) return top;
    let sum = 0;
    for (let label = 0; label < size; label++) {
      if (!mask[position * size + label]) {
        next[label] = 0;
        continue;
      }
      let total = 0;
      for (let previous = 0; previous < size; previous++) {
        if (alpha[previous] !== 0) total += alpha[previous]! * expTransitions[previous * size + label]!;
      }
      const value = total * Math.exp(scores[position * size + label]! - top);
      next[label] = value;
      sum += value;
    }
    if (sum === 0) return Number.NEGATIVE_INFINITY;
    for (let label = 0; label < size; label++) next[label]! /= sum;
    logZ += top + Math.log(sum);
    [alpha, next] = [next, alpha];
  }
  let total = 0;
  for (let label = 0; label < size; label++) total += alpha[label]!;
  return logZ + Math.log(total);
}

export interface TrainOptions {
  /** L2 regularisation: the Gaussian prior's 1/σ². */
  l2: number;
  maxIterations: number;
  /** Stop when the relative improvement of the objective stays below this. */
  tolerance: number;
  /** A feature must occur this often in the training data to get weights. */
  minCount: number;
  // Training runs `warmEpochs` of SGD to get near the optimum cheaply, then L-BFGS to it. The
  // objective is strictly convex (L2), so the converged model is the one optimum whatever the
  // order SGD saw the notes in (SGD alone stopped short of it, and the order showed in the model).
  /** SGD's initial learning rate. */
  rate?: number;
  /** SGD epochs before L-BFGS. */
  warmEpochs?: number;
  /** Seed of SGD's shuffles (a different order each epoch, the same for the same seed). */
  seed?: number;
  log?: (message: string) => void;
}

/** The features seen at least `minCount` times, numbered in order of first appearance. */
export function featureIndex(sequences: readonly Sequence[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sequence of sequences)
    for (const features of sequence.features) for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [feature, count] of counts) if (count >= minCount) index.set(feature, index.size);
  return index;
}

/** Negative log-likelihood plus the L2 penalty, and its gradient (written into `gradient`). */
function objective(model: CrfModel, sequences: readonly Sequence[], rows: readonly Int32Array[][], l2: number, gradient: Float64Array): number {
  const size = model.labels.length;
  const stateCount = model.weights.length;
  gradient.fill(0);
  let value = 0;
  for (const [sequenceIndex, sequence] of sequences.entries()) {
    const labels = sequence.labels!;
    const length = labels.length;
    if (length === 0) continue;
    const tokenRows = rows[sequenceIndex]!;
    const { scores, marginals: probabilities, expTransitions, alpha, beta, expScores, scale, logZ } = forwardBackward(model, tokenRows);
    let observed = model.transitions[size * size + labels[0]!]!;
    for (let position = 0; position < length; position++) {
      observed += scores[position * size + labels[position]!]!;
      if (position > 0) observed += model.transitions[labels[position - 1]! * size + labels[position]!]!;
    }
    value += logZ - observed;
    // State gradient: expected minus observed counts.
    for (let position = 0; position < length; position++) {
      const gold = labels[position]!;
      for (const row of tokenRows[position]!) {
        const offset = row * size;
        for (let label = 0; label < size; label++) gradient[offset + label]! += probabilities[position * size + label]!;
        gradient[offset + gold]! -= 1;
      }
    }
    // Transition gradient: pairwise marginals from the scaled lattice.
    const transitionBase = stateCount;
    for (let label = 0; label < size; label++) gradient[transitionBase + size * size + label]! += probabilities[label]!;
    gradient[transitionBase + size * size + labels[0]!]! -= 1;
    for (let position = 1; position < length; position++) {
      const norm = scale[position]!;
      for (let previous = 0; previous < size; previous++) {
        const a = alpha[(position - 1) * size + previous]! / norm;
        if (a === 0) continue;
        for (let label = 0; label < size; label++) {
          gradient[transitionBase + previous * size + label]! +=
            a * expTransitions[previous * size + label]! * expScores[position * size + label]! * beta[position * size + label]!;
        }
      }
      gradient[transitionBase + labels[position - 1]! * size + labels[position]!]! -= 1;
    }
  }
  // L2 penalty on every weight.
  let penalty = 0;
  for (let index = 0; index < stateCount; index++) {
    const weight = model.weights[index]!;
    penalty += weight * weight;
    gradient[index]! += l2 * weight;
  }
  for (let index = 0; index < model.transitions.length; index++) {
    const weight = model.transitions[index]!;
    penalty += weight * weight;
    gradient[stateCount + index]! += l2 * weight;
  }
  return value + (l2 / 2) * penalty;
}

/** Trains a CRF on labelled sequences (deterministic: SGD's shuffles come from a seed). */
export function trainCrf(labels: readonly string[], sequences: readonly Sequence[], options: TrainOptions): CrfModel {
  const features = featureIndex(sequences, options.minCount);
  const size = labels.length;
  const model: CrfModel = {
    labels,
    features,
    weights: new Float64Array(features.size * size),
    transitions: new Float64Array((size + 1) * size),
  };
  const rows = sequences.map((sequence) => featureRows(model, sequence));
  const stateCount = model.weights.length;
  const dimension = stateCount + model.transitions.length;
  const parameters = new Float64Array(dimension);
  const load = (vector: Float64Array) => {
    model.weights.set(vector.subarray(0, stateCount));
    model.transitions.set(vector.subarray(stateCount));
  };
  const evaluate = (vector: Float64Array, gradient: Float64Array) => {
    load(vector);
    return objective(model, sequences, rows, options.l2, gradient);
  };
  sgd(model, sequences, rows, { ...options, maxIterations: options.warmEpochs ?? 5 });
  parameters.set(model.weights);
  parameters.set(model.transitions, stateCount);
  lbfgs(parameters, evaluate, options);
  load(parameters);
  return model;
}

/**
 * Stochastic gradient descent on one sequence at a time, reshuffled each epoch from a seed, with the L2
 * penalty applied as a decay of all weights (a shared scale factor, as CRFsuite's l2sgd) and a
 * learning rate falling as 1/(1 + epoch).
 */
function sgd(model: CrfModel, sequences: readonly Sequence[], rows: readonly Int32Array[][], options: TrainOptions): void {
  const size = model.labels.length;
  const count = sequences.length;
  const lambda = options.l2 / count;
  const random = generator(options.seed ?? 20261205);
  const weights = model.weights;
  const transitions = model.transitions;
  let scale = 1;
  let previousObjective = Number.POSITIVE_INFINITY;
  let calm = 0;
  for (let epoch = 0; epoch < options.maxIterations; epoch++) {
    const rate = (options.rate ?? 0.1) / (1 + epoch);
    let loss = 0;
    for (const index of shuffledIndices(count, random)) {
      const labels = sequences[index]!.labels!;
      const tokenRows = rows[index]!;
      const length = labels.length;
      if (length === 0) continue;
      scale *= 1 - rate * lambda;
      if (scale < 1e-6) {
        for (let i = 0; i < weights.length; i++) weights[i]! *= scale;
        for (let i = 0; i < transitions.length; i++) transitions[i]! *= scale;
        scale = 1;
      }
      const { scores, marginals: probabilities, expTransitions, alpha, beta, expScores, scale: norms, logZ } = forwardBackward(model, tokenRows, scale);
      let observed = scale * transitions[size * size + labels[0]!]!;
      for (let position = 0; position < length; position++) {
        observed += scores[position * size + labels[position]!]!;
        if (position > 0) observed += scale * transitions[labels[position - 1]! * size + labels[position]!]!;
      }
      loss += logZ - observed;
      const step = rate / scale;
      for (let position = 0; position < length; position++) {
        const gold = labels[position]!;
        for (const row of tokenRows[position]!) {
          const offset = row * size;
          for (let label = 0; label < size; label++) weights[offset + label]! -= step * probabilities[position * size + label]!;
          weights[offset + gold]! += step;
        }
      }
      for (let label = 0; label < size; label++) transitions[size * size + label]! -= step * probabilities[label]!;
      transitions[size * size + labels[0]!]! += step;
      for (let position = 1; position < length; position++) {
        const norm = norms[position]!;
        for (let previous = 0; previous < size; previous++) {
          const a = alpha[(position - 1) * size + previous]! / norm;
          if (a === 0) continue;
          for (let label = 0; label < size; label++) {
            transitions[previous * size + label]! -=
              step * a * expTransitions[previous * size + label]! * expScores[position * size + label]! * beta[position * size + label]!;
          }
        }
        transitions[labels[position - 1]! * size + labels[position]!]! += step;
      }
    }
    let norm = 0;
    for (let i = 0; i < weights.length; i++) norm += weights[i]! * weights[i]!;
    for (let i = 0; i < transitions.length; i++) norm += transitions[i]! * transitions[i]!;
    const objectiveValue = loss + (options.l2 / 2) * norm * scale * scale;
    options.log?.(`epoch ${epoch + 1}: objective ${objectiveValue.toFixed(2)}`);
    calm = (previousObjective - objectiveValue) / Math.max(1, Math.abs(objectiveValue)) < options.tolerance ? calm + 1 : 0;
    previousObjective = objectiveValue;
    if (calm >= 2) break;
  }
  for (let i = 0; i < weights.length; i++) weights[i]! *= scale;
  for (let i = 0; i < transitions.length; i++) transitions[i]! *= scale;
}

/** A seeded pseudo-random generator of 32-bit integers (a linear congruential generator). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
}

/** 0…count−1 in a pseudo-random order (Fisher–Yates). */
function shuffledIndices(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = random() % (index + 1);
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

/** Limited-memory BFGS (m = 10) with a backtracking line search satisfying the Armijo condition. */
function lbfgs(x: Float64Array, evaluate: (x: Float64Array, gradient: Float64Array) => number, options: TrainOptions): void {
  const memory = 10;
  const n = x.length;
  const gradient = new Float64Array(n);
  let value = evaluate(x, gradient);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const nextX = new Float64Array(n);
  const nextGradient = new Float64Array(n);
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let index = 0; index < n; index++) sum += a[index]! * b[index]!;
    return sum;
  };
  let calm = 0;
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    // Two-loop recursion: direction = -H·g.
    direction.set(gradient);
    const alphas: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(s[k]!, direction);
      alphas[k] = a;
      const yk = y[k]!;
      for (let index = 0; index < n; index++) direction[index]! -= a * yk[index]!;
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const scale = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
      for (let index = 0; index < n; index++) direction[index]! *= scale;
    } else {
      const norm = Math.sqrt(dot(gradient, gradient));
      for (let index = 0; index < n; index++) direction[index]! /= norm;
    }
    for (let k = 0; k < s.length; k++) {
      const b = rho[k]! * dot(y[k]!, direction);
      const sk = s[k]!;
      for (let index = 0; index < n; index++) direction[index]! += sk[index]! * (alphas[k]! - b);
    }
    for (let index = 0; index < n; index++) direction[index] = -direction[index]!;
    const slope = dot(gradient, direction);
    if (slope >= 0) break;
    let step = 1;
    let nextValue = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      for (let index = 0; index < n; index++) nextX[index] = x[index]! + step * direction[index]!;
      nextValue = evaluate(nextX, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let index = 0; index < n; index++) {
      sNew[index] = nextX[index]! - x[index]!;
      yNew[index] = nextGradient[index]! - gradient[index]!;
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-10) {
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
      if (s.length > memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    const improvement = (value - nextValue) / Math.max(1, Math.abs(value));
    x.set(nextX);
    gradient.set(nextGradient);
    value = nextValue;
    options.log?.(`iteration ${iteration}: objective ${value.toFixed(2)}`);
    calm = improvement < options.tolerance ? calm + 1 : 0;
    if (calm >= 3) break;
  }
}
