import type { SparseVector } from './feature-hashing';

/** Hyper-parameters of the training; fixed, so training is a pure function of its data. */
export interface TrainingOptions {
  epochs: number;
  /** Initial learning rate; it decays as 1 / (1 + rate · l2 · step). */
  learningRate: number;
  /** L2 penalty on the weights (not on the bias). */
  l2: number;
  /** Seed of the shuffle that orders the examples in each epoch. */
  seed: number;
}

export const trainingOptions: TrainingOptions = {
  epochs: 20,
  learningRate: 0.2,
  l2: 1e-4,
  seed: 20240611,
};

/** A trained linear model: the score is sigmoid(bias + w · x). */
export interface LinearModel {
  bias: number;
  weights: Float64Array;
}

/** mulberry32: a small seeded generator, so every run shuffles alike. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let at = result.length - 1; at > 0; at--) {
    const other = Math.floor(random() * (at + 1));
    [result[at], result[other]] = [result[other]!, result[at]!];
  }
  return result;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function dot(weights: Float64Array, x: SparseVector): number {
  let sum = 0;
  for (let at = 0; at < x.indices.length; at++) sum += weights[x.indices[at]!]! * x.values[at]!;
  return sum;
}

/** The probability the model gives the positive class. */
export function predict(model: LinearModel, x: SparseVector): number {
  return sigmoid(model.bias + dot(model.weights, x));
}

/**
 * L2-regularised logistic regression by stochastic gradient descent over
 * sparse vectors. The penalty shrinks every weight at every step; rather
 * than touch all of them, the weights are kept as `scale · v` and only the
 * scale shrinks (Bottou's trick), so a step costs the example's non-zeros.
 */
export function trainLogisticRegression(
  examples: readonly SparseVector[],
  labels: readonly number[],
  dimension: number,
  options: TrainingOptions = trainingOptions,
): LinearModel {
  const v = new Float64Array(dimension);
  let scale = 1;
  let bias = 0;
  let step = 0;
  const random = seededRandom(options.seed);
  const order = examples.map((_, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffled(order, random)) {
      const x = examples[index]!;
      const rate = options.learningRate / (1 + options.learningRate * options.l2 * step);
      step++;
      const error = sigmoid(bias + scale * dot(v, x)) - labels[index]!;
      scale *= 1 - rate * options.l2;
      const change = (rate * error) / scale;
      for (let at = 0; at < x.indices.length; at++) v[x.indices[at]!]! -= change * x.values[at]!;
      bias -= rate * error;
      if (scale < 1e-9) {
        for (let at = 0; at < v.length; at++) v[at]! *= scale;
        scale = 1;
      }
    }
  }
  for (let at = 0; at < v.length; at++) v[at]! *= scale;
  return { bias, weights: v };
}
