import type { RuleFeatures } from '../statement';
import { cueTokens, lightStem } from './sentence-cues';
import { tokenize } from './sentence-tokenizer';

/** How a sentence becomes a feature vector; stored with the model so scoring matches training. */
export interface FeatureConfig {
  /** Hash buckets for the n-grams: a power of two. */
  buckets: number;
  /** The n-gram orders used (1 = unigrams, 2 = bigrams). */
  ngrams: number[];
  /** Rule features, in the order their weights follow the hash buckets. */
  rules: (keyof RuleFeatures)[];
  /** A rule count is capped here, then scaled to 0..1. */
  ruleCap: number;
  /** Add the cue-class tokens of sentence-cues.ts. */
  cues: boolean;
  /** Add light-stemmed unigrams. */
  stems: boolean;
}

export const featureConfig: FeatureConfig = {
  buckets: 1 << 18,
  ngrams: [1, 2],
  rules: ['numbers', 'comparison', 'date', 'attribution'],
  ruleCap: 3,
  cues: true,
  stems: true,
};

/** A sparse vector: parallel arrays of distinct indices and their values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** 32-bit FNV-1a over UTF-16 code units: stable across runs and platforms. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) {
    hash ^= text.charCodeAt(at);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** How many weights a model with this configuration has (buckets, then one per rule feature). */
export function weightCount(config: FeatureConfig): number {
  return config.buckets + config.rules.length;
}

/**
 * The feature vector of a sentence: hashed, present-or-not, lower-cased
 * n-grams with sentence boundary marks, cue classes and light stems, then the
 * rule features scaled to 0..1.
 */
export function hashFeatures(
  sentence: string,
  rules: RuleFeatures,
  config: FeatureConfig = featureConfig,
): SparseVector {
  const words = tokenize(sentence);
  const tokens = ['<s>', ...words, '</s>'];
  const buckets = new Set<number>();
  const add = (feature: string): void => {
    buckets.add(fnv1a(feature) & (config.buckets - 1));
  };
  if (config.cues) for (const cue of cueTokens(words)) add(`c:${cue}`);
  if (config.stems) for (const word of words) add(`s:${lightStem(word)}`);
  for (const n of config.ngrams) {
    for (let at = 0; at + n <= tokens.length; at++) {
      const gram = tokens.slice(at, at + n);
      // A lone boundary mark says nothing.
      if (n === 1 && (gram[0] === '<s>' || gram[0] === '</s>')) continue;
      add(`${n}:${gram.join(' ')}`);
    }
  }
  const indices = [...buckets].sort((a, b) => a - b);
  const values = indices.map(() => 1);
  config.rules.forEach((name, offset) => {
    const value = Math.min(rules[name], config.ruleCap) / config.ruleCap;
    if (value > 0) {
      indices.push(config.buckets + offset);
      values.push(value);
    }
  });
  return { indices, values };
}
